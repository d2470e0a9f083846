"""Notes about the answer just given come before the next step's header.

A tester typed the contact's name, role, e-mail and phone in one message at « Personne à
contacter »: on Telegram the notes « je retiens aussi « Téléphone » … » arrived under
« Étape 4/7 — Plan d'actions », as if they were about the action plan. The progress line
heads the question it names; the notes about step 3's answers go above it.
"""

from __future__ import annotations

from bot.output import combine
from bot.render import render
from tests.support import Walk, walk_to

CONTACT = "Marie Dupont, directrice, marie.dupont@inser-reseau62.fr, 06 12 34 56 78"


def telegram_texts(walk: Walk) -> list[str]:
    """The last reply as the bot sends it: its messages joined, then rendered."""
    return [part.text for m in combine(walk.last.messages) for part in render(m)]


def test_notes_about_the_contact_come_above_the_action_plans_step_header() -> None:
    walk = walk_to("org.contact_name")
    walk.send(CONTACT)
    walk.send("oui")  # « Marie Dupont » as the name; the rest goes to the questions after
    assert walk.key == "plan.context", walk.text
    sent = telegram_texts(walk)
    last = sent[-1]
    assert "je retiens aussi « Téléphone »" in last
    header = last.index("<i>Étape 4/7 — Plan d’actions")
    assert last.index("je retiens aussi « Téléphone »") < header
    assert header < last.index("Contexte et diagnostic")
