"""One question of the interview, as planned for one dossier from the form (`dialogs.plan`).

A `Question` is plain data: where its answer lives in the dossier (a typed `DossierPath`),
how it is asked (kind, prompt, choices, limits) and which named rules it applies. Reading
and writing the answer go through the path; nothing here knows a question by its key.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from dialogs.paths import DossierPath
from dialogs.spec import Choice, Quote
from dialogs.texts import shorten

Kind = Literal[
    "info",
    "choice",
    "choice_or_text",
    "multi",
    "yesno",
    "text",
    "int",
    "int_comment",
    "fte",
    "money",
    "email",
    "phone",
    "siret",
    "rna",
    "months",
    "stop",
    "review",
]
SCREEN_KINDS: tuple[Kind, ...] = ("info", "stop", "review")
CHOICE_KINDS: tuple[Kind, ...] = ("info", "stop", "review", "choice", "yesno", "choice_or_text")

#: What a question does when answered: a field stores its answer at `path`; a flag stores
#: yes/no and opens its list on yes; "more" adds an item to its list on yes; a screen
#: (welcome, ineligibility, review) stores nothing.
Role = Literal["field", "flag", "more", "screen"]


class ChoiceOption(Choice):
    """A choice of a question, and the value stored when it is chosen (its id by default)."""

    value: str | None = None
    aliases: tuple[str, ...] = ()  # other names people type for it ("tout le département")
    #: The field of the same item that details this choice (« Des territoires précis » →
    #: the territories): words typed at the choice that match no option are offered as
    #: those details, once confirmed, instead of being refused.
    details: str | None = None

    @property
    def stored(self) -> Any:
        return self.id if self.value is None else self.value


#: What a text answer must hold: anything, a word, a name, a person's name, a person's title,
#: a place or an address (see `dialogs.form`).
TextContent = Literal["free", "words", "name", "person", "role", "place", "address"]


@dataclass(frozen=True)
class ListInfo:
    """The repeated group a flag, a "more" question or an item's field belongs to."""

    path: DossierPath  # the list itself
    item_type: Any
    key: str  # the group's key prefix ("plan.o1", "bud.staff")
    first_field: str  # the field asked first in a new item
    item: int | None = None  # the item's index, for an item's field


@dataclass(frozen=True)
class Question:
    key: str
    section: str
    kind: Kind
    label: str
    prompt: str
    role: Role = "field"
    path: DossierPath | None = None
    context: Mapping[str, Any] = field(default_factory=dict)
    required: bool = True
    skippable: bool = False
    choices: tuple[Choice, ...] = ()
    detail: str = ""
    group: str = ""
    help: tuple[Quote, ...] = ()
    limits: Mapping[str, Any] = field(default_factory=dict)
    content: TextContent = "free"  # what a text answer must hold (see `dialogs.form`)
    per: Literal["month", "year"] | None = None  # the period an amount counts
    loaded_cost: bool = False  # a gross or net salary typed is asked back (see `dialogs.form`)
    unknown_is_zero: bool = False  # "je ne sais pas" asked back as 0 (see `dialogs.form`)
    part_of: str | None = None  # the key of the count this one is part of (`dialogs.form`)
    example: str | None = None  # the prompt macro of an example answer (`dialogs.form`)
    rules: tuple[str, ...] = ()
    stop: str | None = None
    list: ListInfo | None = None
    short: str = ""  # the form's short name for buttons and menus, if the label is long
    also_named: tuple[str, ...] = ()  # other names applicants give it (`dialogs.form`)
    add_label: str = ""  # a "more" question's edit menu button adding an item (`form.More`)

    @property
    def button_label(self) -> str:
        """The question's name on a button: its short name, or its label shortened at a
        word boundary (no sub-detail in parentheses)."""
        return self.short or shorten(self.label.split(" (")[0])

    @property
    def path_name(self) -> str:
        """The last name of the answer's path ("title" for plan.actions[o1][0].title)."""
        return "" if self.path is None else str(self.path.steps[-1].name)

    def value(self, dossier: object) -> Any:
        """The stored answer (None when unanswered, and always for flags' "more" and screens)."""
        if self.path is None:
            return None
        value = self.path.get(dossier)
        if self.kind == "int_comment" and value is not None and value.target is None:
            return None
        return value

    def answered(self, dossier: object) -> bool:
        return self.value(dossier) is not None

    def is_missing(self, dossier: object) -> bool:
        return self.required and not self.answered(dossier)
