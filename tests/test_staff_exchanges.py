"""The team's exchanges with an applicant through Telegram (the bot polling the fake Bot
API, as in `test_staff_bot`): what the applicant types after the team's message, staff
replies to the bot's posts about an exchange, and closing an exchange the applicant wrote
last in."""

from __future__ import annotations

from typing import Any

import pytest

from tests.fakebotapi import FakeUser
from tests.staff_support import IN_PLAN
from tests.test_staff_bot import (  # noqa: F401  (the fixtures)
    OUTSIDER,
    STAFF_CHAT,
    Bench,
    all_text,
    bench,
    staff_chat_id,
)

pytestmark = pytest.mark.slow

ASKING = "Bonjour, pouvez-vous nous confirmer votre organisme ?"


class Written:
    """An officer ran `/ecrire N …` about Paul's dossier."""

    def __init__(self, staff: FakeUser, paul: FakeUser, copy: dict[str, Any], note: int) -> None:
        self.staff, self.paul = staff, paul
        self.copy = copy  # what Paul got
        self.note = note  # « ✉️ Message remis à Paul … » in the staff group
        self.number = 0  # the exchange's


async def written_to_paul(bench: Bench) -> Written:  # noqa: F811
    staff, paul = bench.staff(), FakeUser(bench.api, OUTSIDER)
    await staff.send(f"/ecrire {bench.population.numbers[IN_PLAN]} {ASKING}")
    [copy] = await paul.wait_reply(timeout=20)
    [note] = await staff.wait_reply(timeout=20)
    assert "Message remis à Paul" in note["text"]
    written = Written(staff, paul, copy, note["message_id"])
    [ticket] = [t for t in bench.app.support.tickets_of(IN_PLAN) if t.opened_by == "staff"]
    written.number = ticket.id
    return written


async def test_closing_an_exchange_whose_applicant_replied_last_asks_first(
    bench: Bench,  # noqa: F811
) -> None:
    """Tester's report: the exchange closed at once right after the applicant's reply, which
    nobody answered; `/clore` asks as for a question nobody answered."""
    written = await written_to_paul(bench)
    staff, paul, copy, number = written.staff, written.paul, written.copy, written.number
    await paul.send("Oui, c’est bien notre réseau.", reply_to_message_id=copy["message_id"])
    await paul.wait_reply(timeout=20)
    await bench.api.wait_until(
        lambda: bench.app.support.ticket(number).status == "open" or None,  # type: ignore[union-attr]
        timeout=20,
    )

    await staff.send(f"/clore {number}")
    asked = await staff.wait_reply(timeout=20)
    text = all_text(asked)
    assert f"Le dernier message du candidat dans la question n° {number}" in text
    assert "attend encore une réponse de l’équipe" in text and "l’échange est clos" in text
    buttons = [b["text"] for row in asked[-1]["reply_markup"]["inline_keyboard"] for b in row]
    assert buttons == ["Confirmer la clôture", "Annuler"]
    assert bench.app.support.ticket(number).status == "open"  # type: ignore[union-attr]
    assert "clos" not in all_text(await paul.wait_reply(timeout=1, count=0))

    await staff.click("Confirmer la clôture")
    await staff.wait_reply(timeout=20)
    assert bench.app.support.ticket(number).status == "closed"  # type: ignore[union-attr]


async def test_a_staff_reply_to_the_bots_message_delivered_note_reaches_the_applicant(
    bench: Bench,  # noqa: F811
) -> None:
    """Tester's report: Claire replied to « ✉️ Message remis à … » with « Si besoin, la
    DPID… »: nothing posted, Sophie got nothing, nobody was told. It goes to the applicant
    as a reply to the post of their question would."""
    written = await written_to_paul(bench)
    staff, paul = written.staff, written.paul
    said = "Si besoin, la DPID peut vous recevoir mardi."
    await staff.send(said, reply_to_message_id=written.note)
    [copy] = await paul.wait_reply(timeout=20)
    assert copy["text"].startswith("💬") and said in copy["text"]
    assert f"échange n° {written.number}" in copy["text"]
    assert staff.last_update is not None
    reply_id = staff.last_update["message"]["message_id"]
    await bench.api.wait_until(lambda: bench.api.reaction(STAFF_CHAT, reply_id) or None, timeout=20)
    assert bench.api.reaction(STAFF_CHAT, reply_id) == ["👌"]
    thread = bench.app.support.thread(written.number)
    assert [m.author for m in thread] == ["staff", "staff"] and thread[-1].text == said

    # Once the exchange is closed, a reply to the closing note sends nothing, and says so.
    await staff.send(f"/clore {written.number}")
    [closed] = await staff.wait_reply(timeout=20)
    assert f"Question n° {written.number} close" in closed["text"]
    await paul.wait_reply(timeout=20)  # told it is closed
    await staff.send("Merci à vous !", reply_to_message_id=closed["message_id"])
    told = all_text(await staff.wait_reply(timeout=20))
    assert f"La question n° {written.number} est close" in told
    assert "votre réponse n’a pas été envoyée" in told
    assert not any("Merci à vous" in t for t in bench.api.texts(OUTSIDER))
