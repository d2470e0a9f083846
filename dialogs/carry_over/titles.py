"""An action's title typed with its facts (« formation des encadrants, 15 SIAE, de
mars à juin, sur Arras »): the clauses that answer, whole, a later question of the same
action are split off the title (it was printed with them) and kept for their questions.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from dialogs import kinds, parsing
from dialogs.carry_over.clauses import _clauses
from dialogs.carry_over.counts import _names
from dialogs.carry_over.places import _PLACE_CLAUSE, detailed_by_place
from dialogs.carry_over.telling import _telling_kept
from dialogs.dossier import Dossier
from dialogs.events import Outcome
from dialogs.parsing import Clarification, InvalidAnswer
from dialogs.parsing.vocabulary import has_phrase, vocabulary
from dialogs.plan import item_of, plan_questions, store
from dialogs.prompts import parse_options
from dialogs.question import Question

if TYPE_CHECKING:
    from dialogs.engine import Interview


def _title_facts(engine: Interview, d: Dossier, question: Question, text: str) -> dict[str, str]:
    """« formation des encadrants, 15 SIAE, de mars à juin » at an action's title: the
    clauses after the first that answer, whole, a later question of the same item still
    unanswered — a count it names (« 15 SIAE »: the SIAE targeted) or months (« de mars à
    juin ») —, by that question's key. The title was printed with them. Empty otherwise."""
    parts = _clauses(text)
    item = item_of(question)
    if len(parts) < 2 or item is None:
        return {}
    trial = d.clone()  # the item's later questions are planned once its title is given
    store(question, trial, parts[0])
    fields = [
        q
        for q in plan_questions(engine.spec, trial)
        if item_of(q) == item and q.key != question.key and q.value(trial) is None
    ]
    found: dict[str, str] = {}
    for part in parts[1:]:
        for q in fields:
            if q.key in found:
                continue
            if _title_fact(engine, trial, q, part):
                found[q.key] = part
                break
    return found


def _title_fact(engine: Interview, d: Dossier, question: Question, part: str) -> bool:
    """Whether `part`, a clause after an action's title, answers whole `question`, a later
    question of the action: a count it names (« 15 SIAE »), months (« de mars à juin »), or
    a place for its territory (« sur Arras »: `_title_place`)."""
    if question.kind == "int":
        return _names(question, part) and bool(re.match(r"\s*\d", part))
    if question.kind == "months":
        return _takes(engine, d, question, part)
    where = question.content == "place" or detailed_by_place(engine, d, question) is not None
    return where and _title_place(part)


def _title_place(part: str) -> bool:
    """Whether a clause after an action's title says where, for sure: a place opening
    (« sur », « dans »: vocabulary `text.place_openings`) then a place's name (capitalised:
    « sur Arras », « dans le Boulonnais ») or a word of places (« sur tout le 62 »); never
    the frame of the action (« dans le cadre du PDI »: vocabulary `text.not_place_openings`)
    nor a figure but the département's."""
    folded = parsing.fold(part)
    if re.search(r"\d", folded.replace("62", "")) or parsing.not_a_place(part) is not None:
        return False
    vocab = vocabulary().text
    if has_phrase(folded, vocab.not_place_openings):
        return False
    rest = parsing.place_without_opening(part)
    if rest == part.strip():
        return False  # no opening: « formation, accompagnement » names no place
    named = re.search(r"(?<![\w'’-])[A-ZÀ-Ý][a-zà-ÿ]", rest) is not None
    return named or _PLACE_CLAUSE.search(parsing.fold(rest)) is not None


def _takes(engine: Interview, d: Dossier, question: Question, words: str) -> bool:
    """Whether `question` takes `words` as they are (its parser and its rules' options)."""
    try:
        kinds.parse_answer(question, words, engine.spec, parse_options(engine.spec, d, question))
    except (InvalidAnswer, Clarification):
        return False
    return True


def _title_facts_set_aside(
    engine: Interview, source: Question, first: Outcome, words: str
) -> Outcome | None:
    """The clauses split off an action's title (`_title_facts`), each kept for its own
    question of the action, offered there (`offer_set_aside`), and said at once; None when
    the words hold no such clause (« 20 000€ demandé » after a funder's name goes on)."""
    d = first.dossier
    kept: list[tuple[str, str]] = []
    plan = engine.plan(d)
    for said in words.split(" ; "):
        for q in plan:
            if item_of(q) != item_of(source) or q.key in d.set_aside or q.value(d) is not None:
                continue
            if _title_fact(engine, d, q, said):
                d.set_aside[q.key] = said
                kept.append((said, q.label.split(" (")[0]))
                break
    if not kept:
        return None
    return _telling_kept(first, kept)
