"""An answer asked back and left unconfirmed, said not recorded when the applicant moves on.

A tester typed « Mme Nathalie Caron presidente » at the legal representative's name, was
asked « Dois-je retenir « Mme Nathalie Caron » comme nom ? », then typed /budget: the name
and the title went with no word, and the review read « Représentant légal : [à compléter] ».
A question asked back (`AskingBack`) still goes when the applicant moves elsewhere (a
section's command, /recapitulatif, « précédent », « passer »…): it stands for the question
on screen only, and offering it again later, out of its moment, would surprise more than it
helps. But it never goes unsaid: the words not recorded are named, with where to give them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dialogs import kinds
from dialogs.dossier import Dossier
from dialogs.events import SCREENS, Message
from dialogs.plan import find_question
from dialogs.texts import render_macro

if TYPE_CHECKING:
    from dialogs.engine import Interview


def unrecorded_note(engine: Interview, before: Dossier, now: str | None = None) -> list[Message]:
    """The note saying what `before`'s question asked back holds and was not recorded; empty
    when nothing was asked back (or only « leave this item? », which holds no words). `now`:
    the question the applicant lands on, when known (there, they just send it again)."""
    pending = before.cursor.asking_back
    if pending is None or pending.kind in ("leave_item", "correct") or not pending.values:
        return []
    key = str(pending.values[0]) if pending.kind == "words" else before.cursor.key
    set_aside = before.set_aside.get(key)
    if pending.kind in ("words", "details") and set_aside == pending.values[-1]:
        return []  # set aside, still offered when the question comes back (`offer_set_aside`)
    plan = engine.plan(before)
    question = find_question(plan, key)
    if question is None:
        return []
    if pending.kind in ("words", "details"):
        typed = [str(pending.values[-1])]
    elif pending.kind == "pick":
        typed = [kinds.describe(question, kinds.from_json(question, x)) for x in pending.values]
    else:
        typed = [kinds.describe(question, kinds.from_json(question, pending.values[0]))]
    titles = {s.id: s.command for s in engine.form.sections}
    html = render_macro(
        SCREENS,
        "unrecorded",
        typed=typed,
        carried=pending.carry,
        label=question.label.split(" (")[0],
        command=titles.get(question.section),
        here=now == question.key,
    )
    return [Message(html)]
