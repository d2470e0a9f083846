"""The interview form as validated data (`dialogs/forms/*.yaml`).

A form lists the interview's sections and, in each, its fields and repeated groups (see the
comment at the top of `dialogs/forms/axe3.yaml`). This module holds the schema; loading
(`load_form`) validates the file's shape here, then `dialogs.form_check` checks it against
the dossier model, the prompts template, the registered rules and the call it belongs to.
Nothing in a form is evaluated as code: conditions are structured, placeholders are
attribute look-ups.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    field_validator,
    model_validator,
)

from dialogs.question import ChoiceOption, Kind, TextContent
from dialogs.specfile import LineIndex, read_yaml, validate

FORMS_DIR = Path(__file__).resolve().parent / "forms"


class FormModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class ChoicesFrom(FormModel):
    """Choices taken from a list of the call spec (each element has an id and a label)."""

    from_: str = Field(alias="from", min_length=1)


class Condition(FormModel):
    """When a field is asked. `path` reads the dossier; `field` reads the current item of a
    repeated group. Exactly one test: `equals`, `is_set`, `not_empty` or `mentions` (a text
    answer holding one of these words, case and accents aside: a legal form typed « asso loi
    1901 » as well as chosen); or a combination."""

    path: str | None = None
    field: str | None = None
    equals: str | int | bool | None = None
    is_set: bool | None = None
    not_empty: bool | None = None
    mentions: tuple[str, ...] | None = Field(default=None, min_length=1)
    all: tuple[Condition, ...] | None = None
    any: tuple[Condition, ...] | None = None
    not_: Condition | None = Field(default=None, alias="not")

    @model_validator(mode="after")
    def _one_test(self) -> Condition:
        combined = [self.all, self.any, self.not_]
        if any(c is not None for c in combined):
            if self.path or self.field or sum(c is not None for c in combined) != 1:
                raise ValueError("a combination (all, any, not) stands alone")
            return self
        if (self.path is None) == (self.field is None):
            raise ValueError("give exactly one of path (the dossier) or field (the item)")
        tests = [self.equals, self.is_set, self.not_empty, self.mentions]
        if sum(test is not None for test in tests) != 1:
            raise ValueError("give exactly one test: equals, is_set, not_empty or mentions")
        return self


Limit = int | Decimal | str  # a number, or a reference into the call spec ("agreement.months")


class FieldCommon(FormModel):
    kind: Kind
    label: str = Field(min_length=1, max_length=200)
    prompt: str = Field(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")
    #: A prompt macro showing an example of an answer, for « vous avez un exemple ? » typed at
    #: the question (a free text: how others word such an answer, never the call's words).
    example: str | None = Field(default=None, pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")
    choices: tuple[ChoiceOption, ...] | ChoicesFrom | None = None
    help: tuple[str, ...] = ()
    context: dict[str, str] = Field(default_factory=dict)
    #: `maximum`, `minimum`, `max_length` refuse an answer beyond them; `usual_minimum` and
    #: `usual_maximum` only point out an unlikely figure (a rule such as `staff_line_cost`
    #: reads them): "2 800" as a full-time post's annual cost is a slip, not an error.
    #: `ask_below`, at an amount: a whole figure below it is asked back as thousands or as
    #: typed (« 150 » at an organisation's annual budget: 150 000 € or 150 € ?).
    #: `min_words`, at a narrative text: an answer of fewer words is asked back for a
    #: sentence (« ça leur bénéficie »), refused when it only repeats the label (« approche »).
    limits: dict[
        Literal[
            "max_length",
            "maximum",
            "minimum",
            "usual_minimum",
            "usual_maximum",
            "ask_below",
            "min_words",
        ],
        Limit,
    ] = Field(default_factory=dict)
    #: What a text answer must hold: anything ("free"), a word ("words": a name, a title, a
    #: description; "90" or "3 000" there is an answer typed one step late), a person's
    #: name ("person": a word and no digit; "1,2M€" is an amount), a person's title ("role":
    #: a word; « Elle est présidente » asked back as « présidente »), or a place ("place": a
    #: word, or a département's number, « 62 »), or a postal address ("address": a word; a
    #: phone number typed in it is asked back, the address alone offered).
    content: TextContent = "free"
    #: The period an amount counts ("month": a monthly cost), so that "2 500 € par mois" is
    #: taken there and asked back elsewhere; amounts count a year unless said.
    per: Literal["month", "year"] | None = None
    #: The amount is a loaded cost (gross salary and employer charges): one typed as a gross
    #: or net salary ("2 500 brut") is asked back, never taken as the loaded cost unnoticed.
    loaded_cost: bool = False
    #: The prompt offers 0 for a count not known yet: "je ne sais pas" is asked back as 0
    #: instead of refused.
    unknown_is_zero: bool = False
    #: The key of the count this one is part of, asked just before it (« Dont jeunes issus de
    #: l'ASE » of « Jeunes de moins de 26 ans »): « 80 dont 15 ase » typed at the whole
    #: answers both.
    part_of: str | None = None
    required: bool = True
    skippable: bool | Literal["first_item"] = False
    rules: tuple[str, ...] = ()
    stop: str | None = None
    when: Condition | None = None
    detail: str | None = None
    #: The name buttons and menus show when the label is a whole question (at most 60
    #: characters: a button shows about one line).
    short: str | None = Field(default=None, min_length=1, max_length=60)
    #: Other words applicants name this answer by when they correct it (« le président »
    #: for the legal representative, whose label never says « président »): « en fait le
    #: président c'est Paul Durand » at the summary opens this answer with that value.
    also_named: tuple[Annotated[str, Field(min_length=1, max_length=60)], ...] = ()


class FieldItem(FieldCommon):
    """A question whose answer goes to `path` (or a screen: info, stop, review, no path)."""

    key: str = Field(min_length=1, max_length=64)
    path: str | None = None


class GroupField(FieldCommon):
    """A field of each item of a repeated group: `name` is an attribute of the item."""

    name: str = Field(pattern=r"^[a-z_][a-z0-9_]*$")


class Flag(FormModel):
    """The yes/no question asked before an empty group ("other funders?")."""

    path: str
    label: str
    prompt: str
    required: bool = True
    rules: tuple[str, ...] = ()


class More(FormModel):
    """The "add another?" question after a group's items."""

    label: str
    prompt: str
    #: The review's edit menu button that adds an item once the interview is past the list
    #: (« Ajouter une action à l’orientation {number} »); without it, items are added only
    #: by going back to the list's "add another?".
    add: str | None = None


class ListGroup(FormModel):
    """A repeated group of the dossier: a list of items, each asked field by field."""

    list_: str = Field(alias="list")
    key: str = Field(min_length=1, max_length=40)
    group: str
    title_field: str | None = None
    flag: Flag | None = None
    more: More
    detail: str | None = None
    help: tuple[str, ...] = ()
    fields: tuple[GroupField, ...] = Field(min_length=1)


class ForEach(FormModel):
    """Items repeated for each element of a list of the call (orientations, indicators…)."""

    for_each: str
    as_: str = Field(alias="as", pattern=r"^[a-z_][a-z0-9_]*$")
    detail: str | None = None
    items: tuple[Item, ...] = Field(min_length=1)


def _item_tag(value: Any) -> str:
    if isinstance(value, dict):
        return "for_each" if "for_each" in value else "list" if "list" in value else "field"
    return (
        "for_each"
        if isinstance(value, ForEach)
        else "list"
        if isinstance(value, ListGroup)
        else "field"
    )


Item = Annotated[
    Annotated[FieldItem, Tag("field")]
    | Annotated[ForEach, Tag("for_each")]
    | Annotated[ListGroup, Tag("list")],
    Discriminator(_item_tag),
]


class StopScreen(FormModel):
    """The screen that ends the interview when a `stop` rule says so."""

    key: str
    label: str
    prompt: str
    choices: tuple[ChoiceOption, ...]
    help: tuple[str, ...] = ()


class Section(FormModel):
    id: str = Field(pattern=r"^[a-z_]{1,24}$")
    title: str = Field(min_length=1, max_length=40)
    command: str | None = Field(default=None, pattern=r"^[a-z_]{1,32}$")
    help: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()
    items: tuple[Item, ...] = Field(min_length=1)
    stop_screen: StopScreen | None = None


class Form(FormModel):
    format: Literal[1]
    prompts: tuple[str, ...] = Field(
        min_length=1,
        description="Templates holding the prompts (one macro each), searched in this order: "
        "a form may reuse the shipped prompts and add its own beside it",
    )

    @field_validator("prompts", mode="before")
    @classmethod
    def _one_or_more(cls, value: object) -> object:
        return (value,) if isinstance(value, str) else value

    sections: tuple[Section, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_sections(self) -> Form:
        ids = [s.id for s in self.sections]
        if len(ids) != len(set(ids)):
            raise ValueError("section ids must be unique")
        commands = [s.command for s in self.sections if s.command]
        if len(commands) != len(set(commands)):
            raise ValueError("section commands must be unique")
        return self

    def section(self, section_id: str) -> Section:
        return next(s for s in self.sections if s.id == section_id)

    def step(self, section_id: str) -> int:
        """The 1-based number of a section ("Étape n/N")."""
        return next(i for i, s in enumerate(self.sections, start=1) if s.id == section_id)

    @property
    def commands(self) -> dict[str, str]:
        """Section shortcuts (/organisation, /budget…): command name → section id."""
        return {s.command: s.id for s in self.sections if s.command}


def read_form(path: Path) -> tuple[Form, LineIndex]:
    """The form file validated for shape (SpecError otherwise), with its line index."""
    data, index = read_yaml(path)
    return validate(Form, path, data, index), index
