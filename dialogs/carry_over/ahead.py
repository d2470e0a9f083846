"""Words refused at a question while a value of it is asked back, meant for a question
further on (« asso » at « dois-je retenir ce SIRET ? »: the legal form): found here, so
that the value asked back and the words are both kept (`AskingBackMenu.refused_while_asked`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dialogs import kinds
from dialogs.carry_over.identity import _later_choice_named
from dialogs.carry_over.reading import _following
from dialogs.dossier import Dossier
from dialogs.parsing import Clarification, InvalidAnswer
from dialogs.prompts import parse_options
from dialogs.question import Question

if TYPE_CHECKING:
    from dialogs.engine import Interview


def ahead_for(engine: Interview, d: Dossier, question: Question, words: str) -> Question | None:
    """The question further on that `words`, refused at `question` while a value of it is
    asked back, are meant for: a later choice of the section they name whole (« asso » at
    « dois-je retenir ce SIRET ? »: the legal form), else the question right after, when it
    asks a figure or an identifier and reads one in them (« notre budget est d'environ
    650 000 euros » at « dois-je retenir 15 bénévoles ? »). Never a free text, which takes
    any words; None when no question is meant, answered already or holding other words."""
    target = _later_choice_named(engine, d, question, words)
    if target is None:
        following = _following(engine, d, question)
        free = following is None or following.kind in ("text", "choice_or_text")
        if following is not None and not free and _reads(engine, d, following, words):
            target = following
    if target is None or target.role != "field" or target.value(d) is not None:
        return None
    return None if target.key in d.set_aside else target


def _reads(engine: Interview, d: Dossier, question: Question, words: str) -> bool:
    """Whether `question` reads an answer in `words`, for sure or to be asked back."""
    try:
        kinds.parse_answer(question, words, engine.spec, parse_options(engine.spec, d, question))
    except Clarification:
        return True
    except InvalidAnswer:
        return False
    return True
