"""The team's exchanges with an applicant through Telegram (the bot polling the fake Bot
API, as in `test_staff_bot`): what the applicant types after the team's message, staff
replies to the bot's posts about an exchange, and closing an exchange the applicant wrote
last in."""

from __future__ import annotations

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


async def written_to_paul(
    bench: Bench,  # noqa: F811
) -> tuple[FakeUser, FakeUser, dict[str, object], int]:
    """An officer runs `/ecrire N …` about Paul's dossier: the officer, Paul, the copy Paul
    got, and the exchange's number."""
    staff, paul = bench.staff(), FakeUser(bench.api, OUTSIDER)
    await staff.send(f"/ecrire {bench.population.numbers[IN_PLAN]} {ASKING}")
    [copy] = await paul.wait_reply(timeout=20)
    await staff.wait_reply(timeout=20)
    [ticket] = [t for t in bench.app.support.tickets_of(IN_PLAN) if t.opened_by == "staff"]
    return staff, paul, copy, ticket.id


async def test_closing_an_exchange_whose_applicant_replied_last_asks_first(
    bench: Bench,  # noqa: F811
) -> None:
    """Tester's report: the exchange closed at once right after the applicant's reply, which
    nobody answered; `/clore` asks as for a question nobody answered."""
    staff, paul, copy, number = await written_to_paul(bench)
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
