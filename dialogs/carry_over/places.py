"""Territory and months typed ahead of their question: the place said after a count
(« 15 SIAE, sur Arras ») kept for the action's territory, the months said after a choice
or a place (« tout le 62, ttes l'année », « Arras et Lens, de mars à juin »), and the
months of a staff line typed with its monthly cost (« sur 12 mois »).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from typing import TYPE_CHECKING

from dialogs import kinds, parsing, rules
from dialogs.carry_over.counts import _counted, _types_named
from dialogs.carry_over.telling import _telling_kept
from dialogs.dossier import Dossier
from dialogs.events import SCREENS, Message, Outcome
from dialogs.parsing import Clarification, InvalidAnswer, NeedsConfirmation
from dialogs.parsing.text import words as words_of
from dialogs.parsing.vocabulary import phrase_pattern, typed_pattern, vocabulary
from dialogs.plan import item_of, plan_questions, store
from dialogs.question import Question
from dialogs.texts import render_macro

if TYPE_CHECKING:
    from dialogs.engine import Interview


@cache
def _duration() -> re.Pattern[str]:
    """A number of months said with a cost (« sur 12 mois », « pendant 6 mois »); never the
    period of an amount (« 2500/mois », « 2500 par mois »)."""
    openings = typed_pattern(vocabulary().months.duration_openings)
    return re.compile(rf"(?:{openings}\s+)?(?<![\d/])\b\d{{1,2}}\s*(?i:mois)\b")


#: The rule of a count of months (« toute l'année » is the agreement's months there).
_MONTHS_RULE = "whole_agreement"


#: Words saying where, in a clause typed after a count (« …, sur tout le Pas-de-Calais »).
_PLACE_CLAUSE = re.compile(
    r"^(?:sur|dans|partout|a|au|aux|en)\b|pas[- ]de[- ]calais|departement|territoire"
    r"|arrondissement|bassin|littoral|agglo|epci|\b62\b"
)


#: A count that opens an answer, and what it counts (« 15 SIAE », « 42 structures »).
_COUNT_OPENING = re.compile(
    r"^\s*(?:environ\s+)?\d+\s*(?:siae|structures?|adh[ée]rent(?:e?s)?)?\b[\s,;:(-]*",
    re.IGNORECASE,
)


def _after_count(text: str) -> str | None:
    """The words after the count that opens `text`, when they say where (« 42 SIAE sur tout
    le 62 ») or name kinds of structures (« 15 SIAE ACI et EI »), with no figure of their own
    but a département's: for the territory or the SIAE types asked next (`carry` takes them
    only where they answer). None otherwise (« 40 environ »)."""
    opening = _COUNT_OPENING.match(text)
    if opening is None or opening.end() >= len(text.rstrip()):
        return None
    rest = text[opening.end() :].strip(" .;)")
    folded = parsing.fold(rest)
    if not rest or re.search(r"\d", folded.replace("62", "")) or _only_qualifies(folded):
        return None
    kinds_named = "structures" in parsing.counted_kinds(folded)
    return rest if _PLACE_CLAUSE.search(folded) or kinds_named else None


def _territory_set_aside(
    engine: Interview, source: Question, first: Outcome, target: Question, words: str
) -> Outcome | None:
    """« 15 SIAE, sur Arras » at an action's count of SIAE: the words saying where
    (`_place_after`, `_after_count`) answer none of the questions between the count and the
    action's territory (its SIAE types), so they are kept for the territory
    (`territory_ahead`), offered there (`offer_set_aside`), and said at once; a place no
    question asks is said not kept. None when the next question asks where itself (the
    organisation's territory, offered at once: `carry`), or takes the words (« 15 SIAE ACI
    et EI »: the SIAE types)."""
    d = first.dossier
    if source.kind != "int" or target.content == "place" or target.kind == "fte":
        return None
    if target.part_of == source.key or _counted(target, words) or _types_named(target, words):
        return None
    if parsing.not_a_place(words) is not None or not _PLACE_CLAUSE.search(parsing.fold(words)):
        return None
    where = territory_ahead(engine, d, source)
    if where is None:
        label = target.label.split(" (")[0]
        unused = Message(render_macro(SCREENS, "carried_unused", typed=words, label=label))
        first.messages.insert(max(len(first.messages) - 1, 0), unused)
        return first
    if where.key in d.set_aside:
        return None
    d.set_aside[where.key] = words
    return _telling_kept(first, [(words, where.label.split(" (")[0])])


def _types_before_place(target: Question, typed: str | None) -> str | None:
    """« ACI et EI » in « 15 SIAE ACI et EI, sur Arras » typed at an action's count, the
    place kept for the territory (`_territory_set_aside`): the SIAE types named before the
    place, for `target` (the types, asked next). None when none are named there."""
    if typed is None or "," not in typed:
        return None
    head = _after_count(typed.partition(",")[0])
    return head if head is not None and _types_named(target, head) else None


def territory_ahead(engine: Interview, d: Dossier, source: Question) -> Question | None:
    """The question of `source`'s list item, asked after it and unanswered, that asks where
    the item takes place: a place itself (content `place`), or a choice one of whose
    options is detailed by one (« Des territoires précis (EPCI…) » → « EPCI ou
    territoires »). None when the item asks no such question."""
    item = item_of(source)
    if item is None:
        return None
    questions = engine.plan(d)
    index = next((i for i, q in enumerate(questions) if q.key == source.key), len(questions))
    for question in questions[index + 1 :]:
        if item_of(question) != item or question.value(d) is not None:
            continue
        if question.content == "place" or detailed_by_place(engine, d, question) is not None:
            return question
    return None


def detailed_by_place(engine: Interview, d: Dossier, question: Question) -> str | None:
    """The id of `question`'s option detailed by a question asking a place (« Des
    territoires précis (EPCI…) », detailed by « EPCI ou territoires »), if any."""
    if question.kind != "choice":
        return None
    for choice in question.choices:
        details = getattr(choice, "details", None)
        if details is None:
            continue
        trial = d.clone()
        store(question, trial, kinds.choice_value(question, choice))
        following = [q for q in plan_questions(engine.spec, trial) if q.path_name == details]
        if any(item_of(q) == item_of(question) and q.content == "place" for q in following):
            return choice.id
    return None


def _months_typed_after(text: str) -> str | None:
    """The months typed after a choice (« tout le 62, ttes l'année », « tout le
    Pas-de-Calais de mars à juin »): the longest end of `text` that says months or the whole
    period (`parsing.not_a_place`), after words of its own. None otherwise."""
    head, comma, rest = text.partition(",")
    if comma and head.strip() and parsing.not_a_place(rest) in ("months", "period"):
        return rest.strip(" ,;.-")
    said = text.split()
    for start in range(1, len(said)):
        opening = parsing.fold(said[start])
        if re.search(r"\d", opening) or opening in _NOT_OPENING_MONTHS:
            continue  # « tout le 62 de mars à juin »: never « le 62 de mars à juin »
        rest = " ".join(said[start:]).strip(" ,;.-")
        if rest and parsing.not_a_place(rest) in ("months", "period"):
            return rest
    return None


#: Words that never open the months typed after a choice (« tout le 62 de mars »).
_NOT_OPENING_MONTHS = frozenset({"le", "la", "les", "du", "des", "et", "ou"})


def _place_after(text: str) -> str | None:
    """The clause after a count that says where (« 45 SIAE adhérentes, sur tout le
    Pas-de-Calais »), with no figure of its own: for a territory asked next (`carry` offers
    it there, never stores it unasked). None otherwise."""
    _, sep, rest = text.partition(",")
    clause = rest.strip(" .;")
    if not sep or re.search(r"\d", clause.replace("62", "")):
        return None
    folded = parsing.fold(clause)
    if _only_qualifies(folded):
        return None
    return clause if clause and _PLACE_CLAUSE.search(folded) else None


def _only_qualifies(folded: str) -> bool:
    """Whether the words after a count only qualify it (« en tout », « au total »,
    « environ »): they say how the figure is meant, no place (« en », « au » open a place
    too: « en tout » was offered as the territory)."""
    left = phrase_pattern(vocabulary().numbers.approximate).sub(" ", folded)
    return re.search(r"[a-z]", left) is None


def _place_then_months(text: str) -> tuple[str, str] | None:
    """« Arras et Lens, de mars à juin » at an action's areas: the places, then the months
    typed after them (`_months_typed_after`), for the months asked next, as after « tout le
    62, ttes l'année » at the territory. None when no months follow the places."""
    months = _months_typed_after(text)
    if months is None:
        return None
    head = text[: text.rfind(months)].strip(" ,;.-")
    return (head, months) if re.search(r"[^\W\d_]{2}", head) else None


def _months_after(engine: Interview, first: Outcome, target: Question) -> Question | None:
    """The count of months asked after `target` in its list item, still unanswered (the
    staff line's « Nombre de mois », after its monthly cost); None when there is none."""
    questions = engine.plan(first.dossier)
    index = next((i for i, q in enumerate(questions) if q.key == target.key), len(questions))
    item = item_of(target)
    return next(
        (
            q
            for q in questions[index + 1 :]
            if item is not None
            and item_of(q) == item
            and q.kind == "int"
            and _MONTHS_RULE in q.rules
            and q.value(first.dossier) is None
        ),
        None,
    )


def territory_of_address(
    engine: Interview, d: Dossier, question: Question, words: str
) -> dict[str, object]:
    """« tout le 62 » refused at the postal address (no street, no postcode): words naming
    a territory, meant for the territory of intervention asked in the same section. Kept
    for it when it is unanswered (`set_aside`, offered there: « je vous le proposerai »),
    else its answer recalled when it differs; what the refusal says of it (`territory`, its
    label, `kept`, `value` the answer recorded), empty when they name no territory."""
    if question.content != "address":
        return {}
    target = next(
        (
            q
            for q in engine.plan(d)
            if q.content == "place" and q.section == question.section and q.list is None
        ),
        None,
    )
    if target is None:
        return {}
    try:
        place = kinds.parse_answer(target, words, engine.spec, {})
    except (parsing.InvalidAnswer, parsing.Clarification):
        return {}
    if not any(c.isdigit() for c in words) and not _names_territory(words):
        return {}  # « Arras » alone: a town, most likely the seat's, not the territory
    label = target.label.split(" (")[0]
    value = target.value(d)
    if value is None:
        if target.key not in d.set_aside:
            d.set_aside[target.key] = str(place)
        return {"territory": label, "kept": True}
    if parsing.fold(str(value)) == parsing.fold(str(place)):
        return {}
    return {"territory": label, "kept": False, "value": value}


def _names_territory(words: str) -> bool:
    """Words saying a whole area (« tout le Pas-de-Calais », « le département »)."""
    said = set(words_of(parsing.fold(words)))
    return bool(said & {"tout", "toute", "tous", "toutes", "departement", "region", "bassin"})


def partly_elsewhere(
    engine: Interview, original: Dossier, d: Dossier, question: Question, text: str, today: dt.date
) -> Outcome | None:
    """« oui en partie, 3 de nos ACI sont dans le 62 et 2 à Dunkerque » at an eligibility
    question: the yes taken, and what it holds said — part of the network is outside the
    call's territory, which is for the funder to confirm (as `organisation_in_the_territory`
    says of a territory of action naming such places) — and the words kept for the
    organisation's territory question, offered there. None when the words name no place
    outside, or say no yes."""
    if question.kind != "yesno" or question.role != "field" or question.section != "eligibility":
        return None
    spec = engine.spec
    places = [
        *rules.places_named_elsewhere(spec, text),
        *rules.departements_named_elsewhere(spec, text),
    ]
    if not places:
        return None
    try:
        said_yes = parsing.parse_yes_no(text, decisive=True)
    except NeedsConfirmation as leaning:
        said_yes = bool(leaning.value)
    except (InvalidAnswer, Clarification):
        return None
    if not said_yes:
        return None
    accepted = engine.accept(original, d, question, True, today)
    d = accepted.dossier
    questions = engine.plan(d)
    target = next(
        (q for q in questions if q.content == "place" and _TERRITORY_RULE in q.rules), None
    )
    _, comma, after = text.partition(",")
    words = after.strip() if comma and after.strip() else text.strip()
    kept = target is not None and target.value(d) is None and target.key not in d.set_aside
    if kept:
        assert target is not None
        d.set_aside[target.key] = words
    html = render_macro(
        SCREENS,
        "partly_elsewhere",
        places=places,
        territory=spec.identity.territory,
        funder=spec.identity.funder,
        typed=words,
        label=target.label if kept and target is not None else None,
    )
    accepted.messages.insert(0, Message(html))
    return accepted


#: The rule of the organisation's territory of action (places outside it to be confirmed).
_TERRITORY_RULE = "organisation_within_territory"
