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
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

CALLS_DIR = Path(__file__).resolve().parent / "calls"


class StrictModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Quote(StrictModel):
    """A sentence of the call, verbatim, and the section it stands in."""

    text: str = Field(min_length=1)
    section: str = Field(min_length=1)


class Rule(StrictModel):
    """What the bot says (in its own words) and the call's sentence it comes from."""

    summary: str = Field(min_length=1)
    quote: Quote


class Identity(StrictModel):
    id: str = Field(pattern=r"^[a-z0-9-]+$")
    year: int
    funder: str
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
    help: str
    reason: Rule


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
    direct_costs: Rule
    indirect_costs: Rule
    indirect_cap_rate: Decimal = Field(gt=0, le=1)
    indirect_cap_base: Literal["direct_staff_costs", "direct_costs"]
    requested_amount_note: str | None = None


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
    application_window: DateWindow
    filing: Rule
    agreement: Agreement
    eligibility: Eligibility
    target_public: TargetPublic
    territory: Rule
    orientations: tuple[Orientation, ...] = Field(min_length=1)
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


class SpecError(Exception):
    """A spec file that does not validate; `problems` lists (location, message) pairs."""

    def __init__(self, path: Path, problems: list[tuple[str, str]]) -> None:
        self.path = path
        self.problems = problems
        lines = "\n".join(f"{path}:{where}: {message}" for where, message in problems)
        super().__init__(lines)


def _line_index(
    node: yaml.Node, prefix: tuple[str | int, ...] = ()
) -> dict[tuple[str | int, ...], int]:
    """Map each key path of a YAML document to its 1-based line number."""
    index: dict[tuple[str | int, ...], int] = {prefix: node.start_mark.line + 1}
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            path = (*prefix, str(key_node.value))
            index.update(_line_index(value_node, path))
            index[path] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            index.update(_line_index(item, (*prefix, i)))
    return index


def _locate(index: dict[tuple[str | int, ...], int], loc: tuple[str | int, ...]) -> int:
    path = tuple(loc)
    while path and path not in index:
        path = path[:-1]
    return index.get(path, 1)


def load_spec(path: Path | str) -> CallSpec:
    """Load and validate one call spec; raises SpecError naming file, key and line."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise SpecError(path, [("1", f"cannot read the file: {exc.strerror}")]) from exc
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        raise SpecError(path, [(str(line), f"invalid YAML: {exc}")]) from exc
    if node is None or not isinstance(data, dict):
        raise SpecError(path, [("1", "the file must hold a mapping (key: value)")])
    index = _line_index(node)
    try:
        return CallSpec.model_validate(data)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            loc = tuple(error["loc"])
            key = ".".join(str(part) for part in loc) or "(document)"
            problems.append((f"{_locate(index, loc)}: {key}", error["msg"]))
        raise SpecError(path, problems) from exc


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
