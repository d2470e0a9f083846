"""Moving through the interview: back, skip, cancel, and the section shortcuts.

Functions of the engine's state (`Interview`), kept apart so that the engine's own module
holds the flow of one event, and each of these says where the user lands and why.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from dialogs import second_thoughts
from dialogs.dossier import Dossier
from dialogs.events import ERRORS, SCREENS, Message, Outcome, error, note
from dialogs.plan import delete_item, find_question, first_missing, is_fresh_item
from dialogs.question import Question
from dialogs.texts import render_macro

if TYPE_CHECKING:
    from dialogs.engine import Interview


def cancel(
    engine: Interview, d: Dossier, question: Question | None, *, cancelled_asking: bool
) -> Outcome:
    """/annuler: drops what is being entered — a question asked back, a multiple choice
    being ticked, the question for the team awaited, or (after confirmation) the list item
    being entered; says so when there is nothing to cancel."""
    if (
        cancelled_asking
        or d.cursor.pending_choices
        or d.cursor.pending_text
        or d.cursor.awaiting_question
    ):
        d.cursor.pending_choices = []
        d.cursor.pending_text = None
        d.cursor.pending_exchange = None
        d.cursor.awaiting_question = False
        return Outcome(d, [note("cancelled"), engine.brief(d)])
    if question is not None and question.list is not None and question.list.item is not None:
        return engine.asking.leave_item(d, question)
    return Outcome(d, [note("nothing_to_cancel"), engine.brief(d)])


def back(engine: Interview, d: Dossier, question: Question | None, today: dt.date) -> Outcome:
    key = d.cursor.key
    if d.cursor.return_to_review or engine.menu.owns(key):
        parent = engine.menu.parent(key)
        d.cursor.return_to_review = parent is not None and engine.menu.owns(key)
        return engine.goto(d, parent or engine.review_key(d), today, keep_return=parent is not None)
    if question is not None and is_fresh_item(question, d):
        # Back from a list item just added ("Oui, ajouter une action"): the empty item
        # goes, and the user is back at the choice that added it.
        assert question.list is not None
        delete_item(question, d)
        engine.forget_plan()
        plan = engine.plan(d)
        target = find_question(plan, f"{question.list.key}.more") or find_question(
            plan, question.list.key
        )
        if target is not None:
            return engine.goto(d, target.key, today)
    questions = engine.plan(d)
    index = next((i for i, q in enumerate(questions) if q.key == key), 0)
    if index == 0:
        return Outcome(d, [note("at_start"), engine.brief(d)])
    return engine.goto(d, questions[index - 1].key, today)


def skip(
    engine: Interview,
    d: Dossier,
    question: Question | None,
    today: dt.date,
    *,
    put_off: bool = False,
    none_said: bool = False,
) -> Outcome:
    """« Passer ». At the first field of a list item just added (« Oui » to « Autre
    action ? »), the user means « not this one »: the empty item goes, as « Non » would have
    said. At an item's first field already answered, skipping would keep that answer while
    saying it is passed: refused, with the ways to keep, replace or remove it. Once passed,
    what was passed is said — the question, or the whole item at its first field (« passer »
    at an orientation's first action title leaves the orientation without an action) — and
    whether it is still to be given before filing. `put_off`: said in words (« je reprendrai
    plus tard »); `none_said`: « aucun » at an optional multiple choice, none chosen, or
    « non » at an orientation's first action title, no action there."""
    if question is not None:
        taken_back = second_thoughts.take_back(engine, d, question, today)
        if taken_back is not None:
            return taken_back
    if question is not None and question.skippable and _first_field_given(question, d):
        assert question.list is not None
        value = question.value(d)
        html = render_macro(
            ERRORS,
            "first_field_not_skipped",
            label=question.label.split(" (")[0],
            value=value,
            group=question.group,
        )
        return Outcome(d, [Message(html), engine.brief(d)])
    if question is None or not question.skippable:
        # (at a target with its comment, only the comment may be passed: said so)
        kind = question.kind if question is not None else None
        refused = error("not_skippable", channel=engine.channel, kind=kind)
        return Outcome(d, [refused, engine.brief(d)])
    if question.key not in d.skipped:
        d.skipped.append(question.key)
    info = question.list
    whole = info is not None and info.item is not None and info.first_field == question.path_name
    label = question.label.split(" (")[0]
    orientation = question.context.get("orientation")
    if none_said and whole and orientation is not None:
        # « non », « rien » at an orientation's first action title: no action there, and
        # what the call expects of the plan said (the review lists it as missing)
        html = render_macro(
            SCREENS,
            "no_action_said",
            orientation=orientation,
            total=question.context.get("total"),
        )
        passed = engine.advance(d, question, None, today)
        passed.messages.insert(0, Message(html))
        return passed
    html = render_macro(
        SCREENS,
        "multi_none" if none_said else "skipped",
        label=label,
        # (a list item's group names it: « Orientation 1 · Action 1 »)
        whole=question.group if whole else None,
        remains=question.required,
        put_off=put_off,
    )
    passed = engine.advance(d, question, None, today)
    passed.messages.insert(0, Message(html))
    return passed


def _first_field_given(question: Question, d: Dossier) -> bool:
    """`question` is a list item's first field (its title), already answered."""
    info = question.list
    return (
        info is not None
        and info.item is not None
        and info.first_field == question.path_name
        and question.value(d) is not None
    )


def jump(engine: Interview, d: Dossier, section: str, today: dt.date) -> Outcome:
    """A section's shortcut: its first missing answer, else its edit menu (then back to
    the review); a section the dossier does not reach yet (not eligible) is refused."""
    d.cursor.stop_filling()
    questions = [q for q in engine.plan(d) if q.section == section]
    if not questions or section not in engine.menu.sections(d):
        titles = {s.id: s.title for s in engine.form.sections}
        message = Message(
            render_macro(SCREENS, "section_unavailable", title=titles.get(section, section))
        )
        return Outcome(d, [message, engine.brief(d)])
    missing = first_missing(questions, d)
    if missing is not None:
        return engine.goto(d, missing.key, today)
    return engine.goto(d, engine.menu.section_key(section), today, keep_return=True)
