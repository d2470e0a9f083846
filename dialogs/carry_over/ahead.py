"""Words refused at a question while a value of it is asked back, meant for a question
further on (« asso » at « dois-je retenir ce SIRET ? »: the legal form): found here, so
that the value asked back and the words are both kept (`AskingBackMenu.refused_while_asked`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from dialogs import kinds, parsing
from dialogs.carry_over.identity import _later_choice_named
from dialogs.carry_over.items import _names_cleanly
from dialogs.carry_over.reading import _following
from dialogs.dossier import Dossier
from dialogs.parsing import Clarification, InvalidAnswer
from dialogs.plan import find_question, store
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
    any words; None when no question is meant, answered already or holding other words,
    or when they name who signs (« le pdt c mr dubois, 7 salariés » at a title: a
    correction of the person, said so at the title, never carried ahead)."""
    if question.path_name == "role" and parsing.speaks_of_people(words):
        return None
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


def line_ahead(engine: Interview, d: Dossier, question: Question, words: str) -> Question | None:
    """The budget list further on that `words`, typed at an amount of `question`, are a new
    line of: an amount with what names an item's type for sure (« la région 5000
    (demande) », a co-funder, at « taxe sur les salaires » ; « déplacements 3000 euros », a
    direct charge, at « est-ce le coût d'un temps plein ? »). Such words answer a question
    further on in the same section, never this one: the list's « D'autres … ? » not yet
    answered, where they are offered. None when the words hold no figure, name no such
    type, or share a word with the question's own label (« taxe 5000 » at « Taxe sur les
    salaires »)."""
    if not re.search(r"\d", words) or not _LETTERS.search(words):
        return None
    name = " ".join(_FIGURE_WORDS.sub(" ", re.sub(r"\([^()]*\)", " ", words)).split())
    own = set(re.findall(r"[a-z]{4,}", parsing.fold(question.label)))
    if not _LETTERS.search(name) or own & set(re.findall(r"[a-z]{4,}", parsing.fold(name))):
        return None
    questions = engine.plan(d)
    index = next((i for i, q in enumerate(questions) if q.key == question.key), None)
    if index is None:
        return None
    for gate in questions[index + 1 :]:
        info = gate.list
        if gate.role != "flag" or gate.kind != "yesno" or info is None:
            continue
        if gate.section != question.section:  # « Formation 2025 », an action's title
            continue
        if gate.value(d) is not None or gate.key in d.set_aside:
            continue
        trial = d.clone()
        store(gate, trial, True)
        engine.forget_plan()
        first = find_question(engine.plan(trial), f"{info.key}.0.{info.first_field}")
        engine.forget_plan()
        if first is not None and first.kind == "choice" and _names_cleanly(engine, first, name):
            return gate
    return None


#: A figure and its unit (« 5000 », « 3 000 euros », « 5k€ »): what leaves an item's name.
_FIGURE_WORDS = re.compile(r"\d[\d\s.,]*(?:\s*(?:k€|k|€|euros?|eur)\b|\s*€)?", re.IGNORECASE)
_LETTERS = re.compile(r"[^\W\d_]{3}")
