"""What a text typed under `/dupliquer`'s question answers (`duplicate_offer` asked it).

A tester typed « oui » and « non » there: both were taken as the interview's answer
(« Choisissez l'une des propositions… »), the « Oui » button's words were read as
« Compléter le dossier », and with two dossiers « le 1 » generated a draft (the summary's
first button). While the question waits, the adapter hands each text typed to
`duplicate_answer`; what it cannot read gets the question back (`duplicate_ask_again`),
as the erasure's prompt does, until an answer, a button or a command.
"""

from __future__ import annotations

from typing import Literal

from dialogs.events import Message, keyword_of
from dialogs.parsing import Clarification, InvalidAnswer, parse_yes_no
from dialogs.parsing.text import fold, words
from dialogs.replies import DuplicateOffer
from dialogs.texts import render_macro

SERVICE = "messages/service.html.j2"

#: A dossier's number to duplicate, "none" (no duplicate after all), or None: not an answer.
DuplicateAnswer = int | Literal["none"] | None

#: Words around a dossier's number that change nothing: « le 2 », « n° 2 », « le dossier
#: numéro 2 », the buttons' own words (« Oui, dupliquer le dossier n° 1 »).
_AROUND_NUMBER = frozenset(
    {"oui", "dupliquer", "duplique", "le", "du", "dossier", "numero", "num", "no", "n", "svp"}
)
#: A reply to the question is a few words (« non merci », « le dossier n° 2 »).
_MAX_WORDS = 6


def duplicate_answer(typed: str, offer: DuplicateOffer) -> DuplicateAnswer:
    """What `typed` answers to `offer`'s question. One dossier: a plain yes duplicates it, a
    plain no (or « annuler ») does nothing, its number typed duplicates it. Several: the
    number of one of those listed (« 2 », « le 2 », « n° 2 ») duplicates it, a plain no does
    nothing. Anything else, a number not listed, a yes that names no dossier among several,
    or a sentence, answers nothing (None): the question is asked again, nothing is done."""
    said = words(fold(typed))
    if not said or len(said) > _MAX_WORDS or not offer.listed:
        return None
    numbers = [w for w in said if w.isdecimal()]
    if numbers:
        others = [w for w in said if not w.isdecimal() and w not in _AROUND_NUMBER]
        if len(numbers) != 1 or others or len(numbers[0]) > 9:
            return None
        number = int(numbers[0])
        return number if number in offer.listed else None
    if keyword_of(typed) == "cancel":
        return "none"
    try:
        yes = parse_yes_no(typed)
    except (InvalidAnswer, Clarification):
        return None
    if not yes:
        return "none"
    return offer.listed[0] if offer.confirm else None


def duplicate_ask_again(offer: DuplicateOffer, typed: str) -> Message:
    """The question again, after `typed` answered nothing: nothing was duplicated, what
    would answer, and that the message typed was not taken (to send again if needed)."""
    html = render_macro(
        SERVICE,
        "duplicate_ask_again",
        confirm=offer.confirm,
        number=offer.listed[0] if offer.listed else None,
        typed=typed,
    )
    return Message(html)
