"""The call for projects as validated data.

A call spec (YAML, one file per call) holds everything the bot says about a call: dates,
eligibility, orientations, indicators, budget rules, duties. Every rule carries the call's
own sentence (`Quote`) so the bot can cite it; nothing about a call is written in code.
Loading validates the file against this schema (unknown keys refused) and reports each
error with the file, the key path and the line.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator

from dialogs.specfile import LineIndex, SpecError, read_yaml, validate, where

if TYPE_CHECKING:
    from dialogs.form import Form
    from dialogs.form_refs import CompiledForm

CALLS_DIR = Path(__file__).resolve().parent / "calls"
__all__ = ["SpecError"]  # re-exported: callers catch it from here


class StrictModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Quote(StrictModel):
    """A sentence of the call, verbatim, and the section it stands in."""

    text: str = Field(min_length=1)
    section: str = Field(min_length=1)

    @field_validator("text")
    @classmethod
    def _not_a_list_introduction(cls, text: str) -> str:
        """A sentence ending in « : » introduces what follows: quoted alone, in the help or
        the review, it says nothing (« Les indicateurs … sont les suivants : » at an
        indicator's « ? »). Its list is quoted with it."""
        if text.rstrip().endswith(":"):
            raise ValueError("introduces a list: quote the list with it")
        return text


class Rule(StrictModel):
    """What the bot says (in its own words) and the call's sentence it comes from."""

    summary: str = Field(min_length=1)
    quote: Quote


class Territory(Rule):
    """The call's territory, and places outside it an applicant may name for an action."""

    elsewhere: tuple[str, ...] = Field(
        default=(),
        description=(
            "Places outside the territory (towns, intercommunalities), as applicants write "
            "them: an action's areas naming one is for the funder to confirm"
        ),
    )
    inside: tuple[str, ...] = Field(
        default=(),
        description=(
            "Places inside the territory whose names hold a place of `elsewhere` "
            "(« Bailleul-Sir-Berthoult » holds « Bailleul »): never taken for it"
        ),
    )
    departements: tuple[str, ...] = Field(
        default=(),
        description=(
            "The numbers of the territory's départements (« 62 »): a postcode of another "
            "(« 59000 ») or another département's number (« le 59 ») names a place elsewhere"
        ),
    )


class Identity(StrictModel):
    id: str = Field(pattern=r"^[a-z0-9-]+$")
    year: int
    funder: str
    territory: str = Field(min_length=1, description="The territory, as a sentence names it")
    axis: str
    title: str
    full_title: str
    slug_year: str = Field(description="Year used in file names of drafts")


class DateWindow(StrictModel):
    start: dt.date
    end: dt.date
    quote: Quote

    @model_validator(mode="after")
    def _ordered(self) -> DateWindow:
        if self.end < self.start:
            raise ValueError("end must not be before start")
        return self


class Agreement(DateWindow):
    months: int = Field(ge=1, le=60)

    @model_validator(mode="after")
    def _months_match(self) -> Agreement:
        span = (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1
        if span != self.months:
            raise ValueError(f"months={self.months} but the dates span {span} months")
        return self


class Choice(StrictModel):
    id: str = Field(pattern=r"^[a-z0-9_]{1,24}$")
    label: str = Field(min_length=1, max_length=60)


class OrganisationType(Choice):
    eligible: bool
    network_level: Literal["departmental", "regional", "national"] | None = None
    is_siae: bool = False


class EligibilityQuestion(StrictModel):
    """A yes/no criterion: answering `no` makes the applicant ineligible for `reason`."""

    id: str = Field(pattern=r"^[a-z0-9_]{1,24}$")
    prompt: str
    #: Its name on buttons and menus (the prompt is a whole sentence); without it, the
    #: prompt shortened at a word boundary.
    short: str | None = Field(default=None, min_length=1, max_length=60)
    help: str
    reason: Rule
    #: The review's reservations (`dialogs.review.RESERVATIONS`) that leave this criterion
    #: for the funder to confirm: the draft's eligibility table says « À confirmer » there.
    reserved_by: tuple[
        Literal["area_elsewhere", "network_scope", "organisation_elsewhere"], ...
    ] = ()
    #: The rules of the call whose breach contradicts a « oui » here (a public of 0 everywhere
    #: serves no target public): the draft's eligibility table says « À préciser » there.
    contradicted_by: tuple[Literal["public_none"], ...] = ()

    @property
    def menu_label(self) -> str:
        from dialogs.texts import shorten  # (dialogs.texts reads the spec's modules)

        return self.short or shorten(self.prompt)


class Eligibility(StrictModel):
    applicants: Rule
    organisation_types: tuple[OrganisationType, ...] = Field(min_length=2)
    type_reason: Rule
    questions: tuple[EligibilityQuestion, ...]


class TargetPublic(StrictModel):
    groups: tuple[str, ...] = Field(min_length=1)
    quote: Quote


class Orientation(StrictModel):
    id: str = Field(pattern=r"^[a-z0-9_]{1,12}$")
    short_title: str = Field(max_length=40)
    title: str
    explanation: str
    examples: tuple[str, ...] = Field(min_length=1)
    quote: Quote


class CrossCuttingObjective(StrictModel):
    id: str = Field(pattern=r"^[a-z0-9_]{1,16}$")
    label: str = Field(max_length=60)
    description: str
    quote: Quote


class Financing(StrictModel):
    """What the call finances. A call without indirect costs sets `indirect_cap_rate: 0` and
    no `indirect_costs` rule."""

    direct_costs: Rule
    indirect_costs: Rule | None = None
    indirect_cap_rate: Decimal = Field(ge=0, le=1)
    indirect_cap_base: Literal["direct_staff_costs", "direct_costs"] = "direct_staff_costs"
    requested_amount_note: str | None = None
    #: Words naming the organisation's overheads (« frais de structure », « quote-part du
    #: loyer du siège »): a direct charge so labelled is an indirect cost under the call.
    overhead_words: tuple[str, ...] = ()
    #: Words by which such a label says why the charge is directly attached to the operation
    #: (« local dédié à l'action »): it is then kept as a direct charge.
    direct_justifications: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _indirect_rule(self) -> Financing:
        if (self.indirect_cap_rate > 0) != (self.indirect_costs is not None):
            raise ValueError("indirect_costs (the call's sentence) goes with a rate above 0")
        return self

    @property
    def allows_indirect(self) -> bool:
        return self.indirect_cap_rate > 0


class Payment(StrictModel):
    advance: Rule
    balance: Rule


class FinalReport(StrictModel):
    deadline_months_after_end: int = Field(ge=0, le=12)
    platform: str
    rule: Rule
    parts: tuple[Rule, ...] = Field(min_length=1)


class Evaluation(StrictModel):
    follow_up: Rule
    final_report: FinalReport


class Indicator(StrictModel):
    id: str = Field(pattern=r"^[a-z0-9_]{1,16}$")
    label: str
    short_label: str = Field(max_length=40)
    counting: str = Field(description="How the indicator is counted, shown in the draft")
    produced_by: tuple[str, ...] = Field(
        default=(),
        description="Lower-case word stems which, in an action, suggest it produces this indicator",
    )


class Contact(StrictModel):
    service: str
    person: str
    phone: str
    quote: Quote


class CallSpec(StrictModel):
    format: Literal[1]
    identity: Identity
    form: str = Field(min_length=1, description="The interview form (YAML), relative to this file")
    source: str = Field(min_length=1, description="The call's own text, relative to this file")
    application_window: DateWindow
    filing: Rule
    agreement: Agreement
    eligibility: Eligibility
    target_public: TargetPublic
    territory: Territory
    orientations: tuple[Orientation, ...] = Field(min_length=1)
    approach: Rule | None = Field(
        default=None, description="What the call says of the applicant's own approach"
    )
    expected_result: Rule
    cross_cutting_objectives: tuple[CrossCuttingObjective, ...]
    financing: Financing
    payment: Payment
    evaluation: Evaluation
    indicators_quote: Quote
    indicators: tuple[Indicator, ...] = Field(min_length=1)
    contact: Contact

    @model_validator(mode="after")
    def _unique_ids(self) -> CallSpec:
        for name, items in (
            ("orientations", self.orientations),
            ("indicators", self.indicators),
            ("cross_cutting_objectives", self.cross_cutting_objectives),
            ("eligibility.organisation_types", self.eligibility.organisation_types),
            ("eligibility.questions", self.eligibility.questions),
        ):
            ids = [item.id for item in items]
            if len(ids) != len(set(ids)):
                raise ValueError(f"{name}: ids must be unique")
        if not any(t.eligible for t in self.eligibility.organisation_types):
            raise ValueError("eligibility.organisation_types: at least one type must be eligible")
        return self

    # Set by `load_spec` once the form is checked against this call (never by hand).
    _compiled_form: CompiledForm | None = PrivateAttr(default=None)
    _source_path: Path | None = PrivateAttr(default=None)
    _path: Path | None = PrivateAttr(default=None)

    @property
    def compiled_form(self) -> CompiledForm:
        # Read from pydantic's own store of private attributes: `self._compiled_form` goes
        # through `BaseModel.__getattr__` (a handled AttributeError inside, about 10 µs),
        # and an answer reads the form several times.
        private = self.__pydantic_private__
        found = None if private is None else private.get("_compiled_form")
        if found is None:
            raise RuntimeError("a call spec gets its form from load_spec")
        form: CompiledForm = found
        return form

    @property
    def interview(self) -> Form:
        """The interview form of this call."""
        return self.compiled_form.form

    @property
    def source_path(self) -> Path:
        """The call's own text (what the knowledge base quotes)."""
        if self._source_path is None:
            raise RuntimeError("a call spec gets its source from load_spec")
        return self._source_path

    @property
    def path(self) -> Path | None:
        return self._path

    def orientation(self, orientation_id: str) -> Orientation:
        return next(o for o in self.orientations if o.id == orientation_id)

    def indicator(self, indicator_id: str) -> Indicator:
        return next(i for i in self.indicators if i.id == indicator_id)

    def organisation_type(self, type_id: str) -> OrganisationType | None:
        return next((t for t in self.eligibility.organisation_types if t.id == type_id), None)

    def quotes(self) -> Iterator[Quote]:
        """Every sentence of the call this spec cites (for traceability tests)."""
        yield from _iter_quotes(self)


def _iter_quotes(value: Any) -> Iterator[Quote]:
    if isinstance(value, Quote):
        yield value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _iter_quotes(getattr(value, name))
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _iter_quotes(item)


def load_spec(path: Path | str) -> CallSpec:
    """Load and validate one call spec and its form; SpecError names file, key and line."""
    from dialogs.form import read_form
    from dialogs.form_check import check_form
    from dialogs.form_refs import CompiledForm
    from dialogs.texts import template_macros

    path = Path(path)
    data, index = read_yaml(path)
    spec = validate(CallSpec, path, data, index)
    source = _referenced(path, spec.source, index, "source")
    form_path = _referenced(path, spec.form, index, "form")
    form, form_index = read_form(form_path)
    templates: dict[str, str] = {}  # macro -> the first template that defines it
    problems: list[tuple[tuple[str | int, ...], str]] = []
    for position, name in enumerate(form.prompts):
        template = _prompts_template(form_path, name)
        if template is None:
            problems.append((("prompts", position), f"no template {name!r}"))
            continue
        for macro in template_macros(template):
            templates.setdefault(macro, template)
    problems += check_form(form, spec, set(templates))
    if problems:
        raise SpecError(form_path, [(where(form_index, loc), message) for loc, message in problems])
    spec._compiled_form = CompiledForm(form, templates)
    spec._source_path = source
    spec._path = path
    return spec


def _referenced(path: Path, reference: str, index: LineIndex, key: str) -> Path:
    """A file a call names, relative to the call; else the shipped file of that name (so a
    copy of a shipped call, alone in another folder, still finds its form and text)."""
    for base in (path.resolve().parent, CALLS_DIR):
        candidate = (base / reference).resolve()
        if candidate.is_file():
            return candidate
    raise SpecError(path, [(where(index, (key,)), f"no file {reference!r} next to the call")])


def _prompts_template(form_path: Path, name: str) -> str | None:
    """The prompts template: beside the form (an absolute path), else a shipped template."""
    from dialogs.texts import TEMPLATES_DIR

    beside = (form_path.parent / name).resolve()
    if beside.is_file():
        return str(beside)
    return name if (TEMPLATES_DIR / name).is_file() else None


def shipped_spec_paths() -> list[Path]:
    return sorted(CALLS_DIR.glob("*.yaml"))


@cache
def load_shipped_spec(call_id: str) -> CallSpec:
    """The shipped spec whose identity.id is `call_id`."""
    for path in shipped_spec_paths():
        spec = load_spec(path)
        if spec.identity.id == call_id:
            return spec
    raise KeyError(f"no shipped call spec with id {call_id!r}")


DEFAULT_CALL_ID = "pdc-axe3-2025"
