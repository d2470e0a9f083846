"""Reading an answer by the kind of its field: one parser per kind, for every adapter.

`parse_answer` turns what the user typed into the value the field stores, or raises
`InvalidAnswer` with the code of the message that says what is expected. The kinds are
those a form may name (`dialogs.question.Kind`); their stored types are checked against
the dossier model when the form is loaded (`dialogs.form_check.KIND_TYPES`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from dialogs import validation as v
from dialogs.calendar import agreement_months
from dialogs.question import Question
from dialogs.spec import CallSpec, Choice

YES_NO_IDS = ("yes", "no")


def yes_no_choices() -> tuple[Choice, ...]:
    from dialogs.texts import render_macro

    return tuple(
        Choice(id=choice, label=render_macro("messages/navigation.html.j2", choice))
        for choice in YES_NO_IDS
    )


def choices_of(question: Question) -> tuple[Choice, ...]:
    """The choices a question offers (yes/no ones are implied by its kind)."""
    return yes_no_choices() if question.kind == "yesno" else question.choices


def choice_value(question: Question, choice: Choice) -> Any:
    """What choosing `choice` stores."""
    if question.kind == "yesno":
        return choice.id == "yes"
    if question.kind == "choice_or_text":
        return choice.label
    stored = getattr(choice, "stored", None)
    return choice.id if stored is None else stored


def _choice(q: Question, text: str, spec: CallSpec) -> Any:
    if q.kind == "info" and not text.strip():
        return "start"
    return choice_value(q, v.parse_choice(text, choices_of(q)))


def _choice_or_text(q: Question, text: str, spec: CallSpec) -> Any:
    found = v.match_choice(text, q.choices)
    return found.label if found else v.parse_text(text, max_length=q.limits["max_length"])


PARSERS: dict[str, Callable[[Question, str, CallSpec], Any]] = {
    "info": _choice,
    "stop": _choice,
    "review": _choice,
    "choice": _choice,
    "yesno": _choice,
    "choice_or_text": _choice_or_text,
    "multi": lambda q, text, spec: v.parse_multi(text, q.choices),
    "text": lambda q, text, spec: v.parse_text(text, max_length=q.limits["max_length"]),
    "int": lambda q, text, spec: v.parse_int(text, maximum=q.limits["maximum"]),
    "int_comment": lambda q, text, spec: _target(text, q.limits["maximum"]),
    "fte": lambda q, text, spec: v.parse_fte(text, maximum=q.limits["maximum"]),
    "money": lambda q, text, spec: v.parse_money(text),
    "email": lambda q, text, spec: v.parse_email(text),
    "phone": lambda q, text, spec: v.parse_phone(text),
    "siret": lambda q, text, spec: v.parse_siret(text),
    "rna": lambda q, text, spec: v.parse_rna(text),
    "months": lambda q, text, spec: v.parse_months(text, agreement_months(spec)),
}


def _target(text: str, maximum: int) -> Any:
    from dialogs.dossier import IndicatorTarget

    number, comment = v.parse_int_with_comment(text, maximum=maximum)
    return IndicatorTarget(target=number, comment=comment)


def parse_answer(question: Question, text: str, spec: CallSpec) -> Any:
    """The value `text` gives `question`; `InvalidAnswer` says what is expected instead."""
    return PARSERS[question.kind](question, text, spec)
