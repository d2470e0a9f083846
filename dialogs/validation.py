"""The names the engine of today imports; the parsers themselves live in `dialogs.parsing`.

Each parser raises `InvalidAnswer(code, **details)`; `code` names a message of
`templates/messages/errors.html.j2`, which tells the user exactly what is expected.
The engine catches only `InvalidAnswer`: until it asks questions back, a clarification of
`dialogs.parsing` ("une quinzaine": 15?) reaches it as a refusal whose message says what to
type (`Clarification.as_refusal`): never a crash, never a silent guess.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import ParamSpec, TypeVar

from dialogs import parsing
from dialogs.parsing import (
    Clarification,
    InvalidAnswer,
    choice_aliases,
    fold,
    format_phone,
    format_siret,
    parse_text,
    siret_is_valid,
)
from dialogs.spec import Choice

__all__ = [
    "InvalidAnswer",
    "fold",
    "format_phone",
    "format_siret",
    "match_choice",
    "parse_choice",
    "parse_email",
    "parse_fte",
    "parse_int",
    "parse_int_with_comment",
    "parse_money",
    "parse_months",
    "parse_multi",
    "parse_phone",
    "parse_reference",
    "parse_rna",
    "parse_siret",
    "parse_text",
    "siret_is_valid",
]

P = ParamSpec("P")
R = TypeVar("R")


def _refusing(parser: Callable[P, R]) -> Callable[P, R]:
    def parse(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return parser(*args, **kwargs)
        except Clarification as question:
            raise question.as_refusal() from None

    parse.__doc__ = parser.__doc__
    return parse


@_refusing
def parse_int(text: str, *, minimum: int = 0, maximum: int) -> int:
    return parsing.parse_integer(text, minimum=minimum, maximum=maximum)


@_refusing
def parse_int_with_comment(text: str, *, maximum: int) -> tuple[int, str | None]:
    return parsing.parse_target_with_comment(text, maximum=maximum)


@_refusing
def parse_fte(text: str, *, maximum: Decimal) -> Decimal:
    return parsing.parse_fte(text, maximum=maximum)


@_refusing
def parse_money(text: str) -> Decimal:
    return parsing.parse_amount(text)


parse_email = _refusing(parsing.parse_email)
parse_phone = _refusing(parsing.parse_phone)
parse_siret = _refusing(parsing.parse_siret)
parse_rna = _refusing(parsing.parse_rna)


@_refusing
def parse_months(text: str, period: Sequence[str]) -> list[str]:
    return parsing.parse_months(text, period)


@_refusing
def parse_choice(text: str, choices: Sequence[Choice]) -> Choice:
    """A choice; the engine's yes/no buttons ("yes", "no") read every form of yes and no."""
    if {c.id for c in choices} == {"yes", "no"}:
        wanted = "yes" if parsing.parse_yes_no(text) else "no"
        return next(c for c in choices if c.id == wanted)
    return parsing.parse_choice(text, choices, aliases=choice_aliases())


def match_choice(text: str, choices: Sequence[Choice]) -> Choice | None:
    return parsing.match_choice(text, choices, aliases=choice_aliases())


@_refusing
def parse_multi(text: str, choices: Sequence[Choice]) -> list[str]:
    return parsing.parse_multi(text, choices, aliases=choice_aliases())


def parse_reference(text: str) -> int | None:
    """A dossier or ticket number as typed or carried by a button: plain ASCII digits, small
    enough for any database integer; None otherwise ("²", "-1", twenty digits…)."""
    text = text.strip().removeprefix("n°").strip()
    if not (text.isascii() and text.isdecimal()) or len(text) > 9:
        return None
    return int(text)
