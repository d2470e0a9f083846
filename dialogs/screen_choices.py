"""What the interview's screens do when chosen: the ineligibility screen (change an answer,
ask the team, contact the Département) and the review (draft, edit, complete, detail).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from dialogs import kinds, parsing
from dialogs.dossier import Dossier
from dialogs.events import SCREENS, ContactStaff, GenerateDraft, Message, Outcome, Text, note
from dialogs.parsing.vocabulary import phrase_pattern, vocabulary
from dialogs.plan import resume_question, to_complete
from dialogs.question import Question
from dialogs.review_detail import detail_messages
from dialogs.texts import render_macro

if TYPE_CHECKING:
    from dialogs.engine import Interview


#: The stop screen's choice that passes a question on to the team (see `needs_relay`).
ASK_THE_TEAM = "ask"


def needs_relay(question: Question, choice: str) -> bool:
    """A choice that only makes sense when questions can be passed on to the staff group:
    without one it is not offered (and chosen anyway, from an old button, it gives the
    contact)."""
    return question.kind == "stop" and choice == ASK_THE_TEAM


def stop_choice(engine: Interview, d: Dossier, value: str, today: dt.date) -> Outcome:
    if value == ASK_THE_TEAM and not engine.relay:
        value = "contact"
    if value == "contact":
        contact = Message(render_macro(SCREENS, "contact", spec=engine.spec))
        return Outcome(d, [contact, engine.brief(d)], [ContactStaff("ineligible")])
    if value == ASK_THE_TEAM:
        d.cursor.awaiting_question = True
        return Outcome(d, [note("ask_the_team")])
    questions = engine.plan(d)
    stop_index = next(i for i, q in enumerate(questions) if q.kind == "stop")
    return engine.goto(d, questions[stop_index - 1].key, today)


def typed_at_stop(engine: Interview, d: Dossier, text: str, today: dt.date) -> Outcome | None:
    """« oui » typed at the ineligibility screen after a « non » (« ah ok alors on cale sur
    l'année civile, oui »): refused as no option, though the screen offers to change that
    answer. Read as that change, said, then the interview goes on; None for any other
    words, or when the answer that stopped is no yes/no said no."""
    questions = engine.plan(d)
    stop_index = next((i for i, q in enumerate(questions) if q.kind == "stop"), None)
    if stop_index is None or stop_index == 0:
        return None
    stop, answered = questions[stop_index], questions[stop_index - 1]
    if re.fullmatch(r"\s*\d+\W*", text):
        # « 1 », « 2 »: the screen's own options by number (« 1 » read as « oui » changed a
        # tester's « non » to the target public into « oui », the dossier then eligible)
        return None
    changed_to_yes = answered.kind == "yesno" and answered.value(d) is False and _says_yes(text)
    if _goes_on_anyway(text) and not changed_to_yes:  # « oui on continue » changes the answer
        return _going_on_refused(engine, d, stop, text)
    if "change" not in {c.id for c in stop.choices}:
        return None
    if answered.kind == "choice":  # « je me suis trompé, on est la tête de réseau … »
        shown = engine.prompts.options(d, stop)
        if parsing.match_choice(text, shown) is not None:
            return None  # « Contacter le Département »: the screen's own option
        return _other_option_typed(engine, d, answered, text, today)
    if answered.kind != "yesno":
        return None
    if answered.value(d) is not False or not _says_yes(text):
        return None
    moved = stop_choice(engine, d, "change", today)
    changed = engine.handle(moved.dossier, Text(vocabulary().yes_no.yes[0]), today)
    label = answered.short or answered.label
    said = Message(render_macro(SCREENS, "stop_changed", typed=text.strip(), label=label))
    changed.messages.insert(0, said)
    return changed


def _goes_on_anyway(text: str) -> bool:
    """Words asking to go on past the ineligibility screen (vocabulary
    `text.go_on_anyway`: « je veux continuer quand même »)."""
    said = vocabulary().text.go_on_anyway
    return bool(said) and phrase_pattern(said).search(parsing.fold(text)) is not None


def _going_on_refused(engine: Interview, d: Dossier, stop: Question, text: str) -> Outcome:
    """« je veux continuer quand même » at the ineligibility screen (a tester's was refused
    as an unreadable answer): said plainly that the interview stops there, with the call's
    reason, and what the screen's options do (the stop screen has no way on: a dossier that
    is not eligible is never prepared as one that could be filed)."""
    said = render_macro(
        SCREENS,
        "stop_go_on",
        typed=text.strip(),
        spec=engine.spec,
        reason_id=stop.context.get("reason_id"),
        relay=engine.relay,
    )
    return Outcome(d, [Message(said), engine.brief(d)])


def _other_option_typed(
    engine: Interview, d: Dossier, answered: Question, text: str, today: dt.date
) -> Outcome | None:
    """« je me suis trompé, on est la tête de réseau départementale » at the ineligibility
    screen after « ACI » (a tester's correction was read as « Contacter le Département ? »):
    the words, or their last clause, name another option of the answer that stopped; that
    question is answered again with them (asked back there when unsure), said. None when
    they name none, or the same one."""
    clauses = [c for c in re.split(r"[,;.!]+", text) if c.strip()]
    for said in dict.fromkeys((text.strip(), clauses[-1].strip() if clauses else "")):
        try:
            value = kinds.parse_answer(answered, said, engine.spec, {})
        except parsing.Clarification:
            value = None  # named, if unsure: asked back at the question itself
        except parsing.InvalidAnswer:
            continue
        if value is not None and value == answered.value(d):
            return None
        moved = stop_choice(engine, d, "change", today)
        changed = engine.handle(moved.dossier, Text(said), today)
        label = answered.short or answered.label
        note_ = render_macro(SCREENS, "stop_reanswered", typed=text.strip(), label=label)
        changed.messages.insert(0, Message(note_))
        return changed
    return None


def _says_yes(text: str) -> bool:
    """A yes, whole or closing the words (« ah ok alors on cale sur l'année civile, oui »);
    never the last digit of a figure (« 0,1 » changed an eligibility answer to « oui »)."""
    clauses = [c for c in re.split(r"[,;.!]+", text) if re.search(r"[^\W\d_]", c)]
    for said in (text, *clauses[-1:]):
        try:
            if parsing.parse_yes_no(said):
                return True
        except (parsing.InvalidAnswer, parsing.Clarification):
            continue
    return False


def review_choice(engine: Interview, d: Dossier, value: str, today: dt.date) -> Outcome:
    if value == "draft":
        return Outcome(d, [note("draft_coming")], [GenerateDraft()])
    if value == "edit":
        return engine.goto(d, engine.menu.root_key, today, keep_return=True)
    if value.startswith("_show:"):  # a 🔎 detail, typed by its number or its label
        return show_section(engine, d, value.removeprefix("_show:"), today)
    # What is missing and what was never asked (optional questions included), in turn;
    # from the question left when the review was opened midway.
    questions = engine.plan(d)
    waiting = to_complete(questions, d)
    target = resume_question(questions, d) or (waiting[0] if waiting else None)
    d.cursor.resume_key = None
    if target is None:
        return Outcome(d, [note("nothing_missing"), engine.brief(d)])
    moved = engine.goto(d, target.key, today)
    d.cursor.filling_missing = True
    return moved


def show_section(engine: Interview, d: Dossier, section: str, today: dt.date) -> Outcome:
    """The review's detail of one section (the review itself stays one short screen)."""
    messages = detail_messages(engine, d, section, today)
    if messages is None:
        return Outcome(d, [note("stale_button"), engine.brief(d)])
    return Outcome(d, [*messages, engine.brief(d)])


# -- screens ------------------------------------------------------------------------------
