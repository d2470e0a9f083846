"""Figures typed beside the one a question took, that went nowhere.

« 380k€, Environ 400 BRSA » at the annual budget stored 380 000 € and dropped « Environ 400
BRSA » unsaid; « 12 bénévoles et 380k de budget » at the volunteers stored 12 and dropped
the budget, the very next question. Each other part of the message holding a figure is
kept for the question right after when that question reads it (offered there, as words
set aside are), else said not recorded. Nothing is said of parts already carried, offered,
or quoted back by another note, nor of a part restating the answer kept.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from dialogs import kinds
from dialogs.carry_over.ahead import ahead_for
from dialogs.dossier import Dossier
from dialogs.events import SCREENS, Message, Outcome
from dialogs.parsing import Clarification, InvalidAnswer
from dialogs.prompts import parse_options
from dialogs.question import Question
from dialogs.texts import render_macro

if TYPE_CHECKING:
    from dialogs.engine import Interview

#: The kinds of answer a figure is taken for.
_FIGURE_KINDS = frozenset({"int", "money", "fte"})
#: Where a message's parts meet: « ; », « , » before a space (never a decimal comma, « 4,2 »),
#: « et », « puis ».
_PARTS = re.compile(r";|,(?=\s)|\s+(?:et|puis)\s+", re.IGNORECASE)


def figures_unkept(engine: Interview, question: Question, text: str, outcome: Outcome) -> Outcome:
    """`outcome` (`question` answered from `text`, nothing carried) with each other part of
    `text` holding a figure kept for the question after it, or said not recorded."""
    if question.kind not in _FIGURE_KINDS or outcome.answer is None:
        return outcome
    if outcome.answer[0] != question.key:
        return outcome
    d = outcome.dossier
    value = question.value(d)
    parts = [p.strip(" .") for p in _PARTS.split(text)]
    figured = [p for p in parts if re.search(r"\d", p)]
    if value is None or len(figured) < 2:
        return outcome
    shown = " ".join(m.html for m in outcome.messages)
    kept = " ".join(d.set_aside.values())
    left = [
        p
        for p in figured
        if p not in shown and p not in kept and not _gives(engine, question, p, value, d)
    ]
    if len(left) == len(figured):  # no part alone gives the answer kept: nothing to tell
        return outcome
    notes = []
    for part in left:
        target = ahead_for(engine, d, question, part)
        if target is not None and not _reads_plainly(engine, d, target, part):
            target = None  # « 3 en service civique » is no annual budget: said, never offered
        if target is not None:
            d.set_aside[target.key] = part
            if target.key == d.cursor.key:
                continue  # offered right below, at its question (`offer_set_aside`)
            label = target.label.split(" (")[0]
            notes.append(render_macro(SCREENS, "words_kept_for", typed=part, label=label))
        else:
            notes.append(
                render_macro(
                    SCREENS,
                    "figure_not_kept",
                    typed=part,
                    label=question.label.split(" (")[0],
                    value=kinds.describe(question, value),
                )
            )
    at = max(len(outcome.messages) - 1, 0)
    outcome.messages[at:at] = [Message(html) for html in notes]
    return outcome


def _reading(engine: Interview, d: Dossier, question: Question, part: str) -> tuple[Any, bool]:
    """What `question` reads in `part` and whether for sure (not only to ask it back); (None,
    False) when it reads nothing."""
    try:
        options = parse_options(engine.spec, d, question)
        return kinds.parse_answer(question, part, engine.spec, options), True
    except Clarification as unsure:
        return getattr(unsure, "value", None), False
    except InvalidAnswer:
        return None, False


def _reads_plainly(engine: Interview, d: Dossier, question: Question, part: str) -> bool:
    """Whether `question` takes `part` as it is, never only to ask it back (« 380k de
    budget » at the annual budget; not « 3 en service civique », 3 € or 3 000 € ?)."""
    return _reading(engine, d, question, part)[1]


def _gives(engine: Interview, question: Question, part: str, value: object, d: Dossier) -> bool:
    """Whether `part` alone is read as `value` at `question` (the answer, or its restating:
    « 380 000, soit 380k »), for sure or to be asked back."""
    read = _reading(engine, d, question, part)[0]
    return read is not None and bool(read == value)
