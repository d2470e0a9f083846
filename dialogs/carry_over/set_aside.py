"""Words kept for a later question, offered when it is asked: the words set aside
(`Dossier.set_aside`) offered below their question, yes or no, and said not kept when the
question is answered otherwise first; the words kept with a question asked back, carried
on after its « oui » or said not taken.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dialogs import kinds
from dialogs.carry_over.items import _names_at_all
from dialogs.carry_over.places import detailed_by_place
from dialogs.dossier import AskingBack, Dossier
from dialogs.events import SCREENS, Message, Outcome
from dialogs.parsing import Clarification, InvalidAnswer
from dialogs.question import Question
from dialogs.texts import render_macro

if TYPE_CHECKING:
    from dialogs.engine import Interview


def offer_set_aside(engine: Interview, outcome: Outcome) -> Outcome:
    """The question now asked, when words typed earlier were set aside for it (`set_aside`:
    the phone found in the address): offered below it, yes or no (« est-ce celui du
    contact ? »), as words typed for the next question are; again each time it is shown,
    until the applicant says yes or no or answers it. A place kept for a choice one of whose
    options a place details (« sur Arras » at the action's territory) is offered as that
    option with those words, one yes (`AskingBack` « details »), never a yes then « des
    territoires précis ? ». `outcome` with the offer added."""
    d = outcome.dossier
    key = d.cursor.key
    words = d.set_aside.get(key)
    pending = d.cursor.asking_back
    offering = pending is None or pending.values == [key, words]
    offering = offering or (pending is not None and pending.kind == "details")
    if words is None or not offering or (pending is not None and pending.values[-1] != words):
        return outcome
    question = engine.current(d)
    if question is None or question.value(d) is not None or not outcome.messages:
        return outcome
    named = _names_at_all(engine, question, words)  # « sur tout le Pas-de-Calais »
    option = None if named else detailed_by_place(engine, d, question)
    if option is not None:  # « sur Arras » at the territory: « Des territoires précis » ?
        d.cursor.asking_back = AskingBack(kind="details", values=[option, words])
        label = next(c.label for c in question.choices if c.id == option)
        html = render_macro(SCREENS, "details_offer", typed=words, choice=label, earlier=True)
    else:
        d.cursor.asking_back = AskingBack(kind="words", values=[key, words])
        html = render_macro(SCREENS, "set_aside_offer", typed=words, question=question)
    if all(m.html != html for m in outcome.messages):
        outcome.messages.append(engine.asking.offer_message(html, question))
    return outcome


def set_aside_unused(
    engine: Interview, original: Dossier, d: Dossier, question: Question, value: object
) -> Message | None:
    """The words set aside for `question` (the phone found in the address), when it is
    answered otherwise before they were offered (« Marie Dupont, directrice, 03 21 00 00
    00 » gave the contact's phone from the contact line): the applicant was told « je vous le
    proposerai à la question « Téléphone » », so the promise is said not kept, with the
    answer given instead. None when they were offered there (the applicant saw them and
    answered), none were set aside, or the answer is the same."""
    words = d.set_aside.get(question.key)
    pending = original.cursor.asking_back
    if words is None or (pending is not None and original.cursor.key == question.key):
        return None
    try:
        same = kinds.parse_answer(question, words, engine.spec, {}) == value
    except (Clarification, InvalidAnswer):
        same = False
    if same:
        return None
    label = question.label.split(" (")[0]
    described = kinds.describe(question, value)
    html = render_macro(SCREENS, "set_aside_not_kept", typed=words, label=label, value=described)
    return Message(html)


def kept_for_later(
    engine: Interview, question: Question, accepted: Outcome, waiting: AskingBack, value: object
) -> str | None:
    """The words kept with a question asked back (« 38k chargé/an » with « vouliez-vous dire
    « Coût annuel » ? »), when a new answer is typed there instead of « oui »: carried on as
    after a « oui » when it is the option asked about (« Coût annuel », « annuel »), or the
    answer is a figure (the months after a monthly cost); another option picked (« Coût
    mensuel ») is not what they were typed for: said not taken, never dropped unsaid."""
    if accepted.answer is None or waiting.carry is None:
        return None
    if question.kind != "choice" or kinds.to_json(kinds.stored(question, value)) in waiting.values:
        return waiting.carry
    target = engine.current(accepted.dossier)
    if target is None or not accepted.messages:
        return None
    label = target.label.split(" (")[0]
    unused = Message(render_macro(SCREENS, "carried_unused", typed=waiting.carry, label=label))
    accepted.messages.insert(len(accepted.messages) - 1, unused)
    return None
