"""A staff post's role typed with its figures (« directeur 0,1 etp 55k/an »), at the
role or at « Ajouter un autre poste ? », and a headcount typed with its share of part-time
(« 5 dont 2 à mi-temps »), read for the FTE asked next.
"""

from __future__ import annotations

import re

from dialogs import parsing
from dialogs.carry_over.clauses import _parted
from dialogs.events import Outcome
from dialogs.parsing import Clarification, InvalidAnswer
from dialogs.parsing.vocabulary import typed_pattern, vocabulary
from dialogs.question import Question


def _role_facts(source: Question) -> bool:
    """Whether a post's role was typed with its figures, carried to the ones after it."""
    return source.kind == "text" and source.path_name == "role" and source.list is not None


def _implied_yes(question: Question, text: str) -> tuple[str, str] | None:
    """« directeur 0,1 etp 55k/an » at « Ajouter un autre poste ? »: a role and its figures
    say yes, and are the new post's (« oui » then the words, carried to its role)."""
    info = question.list
    figure = re.search(r"\d", text)
    if info is None or info.first_field != "role" or figure is None:
        return None
    try:
        parsing.parse_yes_no(text)
        return None  # a yes or no of its own (« oui, directeur 0,1 etp »: `carried_words`)
    except (InvalidAnswer, Clarification):
        pass
    return None if _role_then_figures(text) is None else (vocabulary().yes_no.yes[0], text)


def _role_then_figures(text: str) -> tuple[str, str] | None:
    """« directeur 0,1 etp 55k/an », « une chargée de mission à 80% », « directeur à
    mi-temps »: the role's words (an article opening them left out: « une »), then its share
    of full time and what follows; None unless the words (a word of three letters at least)
    come first, then a figure with its unit (« etp », « % »: vocabulary `fte.units`,
    `fte.role_percent`) or a spoken share (`fte.role_spoken`): « B1 » or « agent 2 » are one
    role."""
    fte = vocabulary().fte
    figure = r"(?<![\w,.])\d+(?:[.,]\d+)?\s*"
    unit = re.search(rf"{figure}(?:{typed_pattern(fte.units)})", text)
    unit = unit or re.search(rf"{figure}(?:{typed_pattern(fte.role_percent)})", text)
    if unit is None and fte.role_spoken:
        unit = re.search(rf"(?<![\w-]){typed_pattern(fte.role_spoken)}(?![\w-])", text)
    if unit is None:
        return None
    head = text[: unit.start()]
    abbreviated = any(parsing.role_written(w) for w in head.split())  # « cm à 0,8 etp »
    if not re.search(r"[^\W\d_]{3}", head) and not abbreviated:
        return None
    parted = _parted(head, text[unit.start() :])
    if parted is None:
        return None
    role, rest = parted
    first, _, after = role.partition(" ")
    articles = vocabulary().text.lead_in_articles  # « une chargée de mission »: a sentence's
    if after and first in articles:
        role = after
    return role, rest


def _headcount_share(source: Question, first: Outcome, target: Question, words: str) -> str:
    """« 5 dont 2 à mi-temps » at a headcount, the FTE asked next: the share alone (« 2 à
    mi-temps ») is no FTE for the five, so the count goes with it as people (« 5 personnes
    dont 2 à mi-temps »: 4 ETP, confirmed there). `words` themselves otherwise."""
    if source.kind != "int" or target.kind != "fte" or first.answer is None:
        return words
    count = first.answer[1]
    if not isinstance(count, int) or isinstance(count, bool) or count <= 0:
        return words
    if parsing.share_of_people(words) is None:
        return words
    people = vocabulary().fte.people[1]  # « personnes »
    share = vocabulary().numbers.share[0]  # « dont »
    return f"{count} {people} {share} {words}"
