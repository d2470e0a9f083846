"""Closing from the console an exchange the applicant wrote last in (aiohttp's test client):
the same confirmation as for a question nobody answered (`dialogs.closing`)."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.console_support import ConsoleBench, console_bench
from tests.staff_support import IN_PLAN


@pytest.fixture
async def bench(tmp_path: Path) -> AsyncIterator[ConsoleBench]:
    async with console_bench(f"sqlite:///{tmp_path / 'console.db'}") as made:
        made.csrf = await made.sign_in()  # type: ignore[attr-defined]
        yield made


async def test_an_exchange_whose_applicant_replied_last_closes_only_once_confirmed(
    bench: ConsoleBench,
) -> None:
    """Tester's report: « Clore la question n° 4 » right after the applicant's reply to the
    team's message closed it at once; the reply was never answered."""
    csrf = bench.csrf  # type: ignore[attr-defined]
    support = bench.app.support
    outreach = support.write_to_applicant(
        bench.population.numbers[IN_PLAN], "Pouvez-vous confirmer votre organisme ?"
    )
    assert outreach.relay is not None
    support.reply_delivered(outreach.relay, applicant_message_id=4242)
    number = outreach.relay.ticket.id
    # The team had the last word: no box to tick.
    page = await (await bench.client.get(f"/console/questions/{number}")).text()
    assert f"Clore l’échange n° {number}" in page and 'name="confirmer"' not in page

    support.follow_up(IN_PLAN, number, "Oui, c’est bien notre réseau.")
    page = await (await bench.client.get(f"/console/questions/{number}")).text()
    assert "Clore même si le dernier message du candidat est resté sans réponse" in page
    assert "Clore même si personne n’a encore répondu" not in page

    asked = await bench.client.post(f"/console/questions/{number}/cloture", data={"csrf": csrf})
    said = await asked.text()
    assert "Le dernier message du candidat attend encore une réponse de l’équipe" in said
    assert "cochez la case de confirmation" in said
    assert support.ticket(number).status == "open"  # type: ignore[union-attr]
    # The box ticked is bound to the message the page shows last (`dialogs.closing`).
    [seen] = re.findall(r'name="vu" value="(\d+)"', said)
    closed = await bench.client.post(
        f"/console/questions/{number}/cloture",
        data={"csrf": csrf, "confirmer": "oui", "vu": seen},
    )
    assert "Échange clos" in await closed.text()
    assert support.ticket(number).status == "closed"  # type: ignore[union-attr]


async def test_a_confirmation_ticked_before_a_newer_reply_of_the_applicant_does_not_close(
    bench: ConsoleBench,
) -> None:
    """Tester's report: an old confirmation closed over the applicant's newer, unread reply;
    the console as Telegram (`dialogs.closing`): ticked on a page older than the reply, the
    box is asked again, the newer message named."""
    csrf = bench.csrf  # type: ignore[attr-defined]
    support = bench.app.support
    outreach = support.write_to_applicant(
        bench.population.numbers[IN_PLAN], "Pouvez-vous confirmer votre organisme ?"
    )
    assert outreach.relay is not None
    support.reply_delivered(outreach.relay, applicant_message_id=4242)
    number = outreach.relay.ticket.id
    support.follow_up(IN_PLAN, number, "Oui, c’est bien notre réseau.")
    page = await (await bench.client.get(f"/console/questions/{number}")).text()
    [seen] = re.findall(r'name="vu" value="(\d+)"', page)

    support.follow_up(IN_PLAN, number, "Et j’oubliais : le budget a changé.")
    data = {"csrf": csrf, "confirmer": "oui", "vu": seen}
    asked = await bench.client.post(f"/console/questions/{number}/cloture", data=data)
    said = await asked.text()
    assert "Un nouveau message du candidat est arrivé" in said
    assert support.ticket(number).status == "open"  # type: ignore[union-attr]
    [seen] = re.findall(r'name="vu" value="(\d+)"', said)
    data = {"csrf": csrf, "confirmer": "oui", "vu": seen}
    closed = await bench.client.post(f"/console/questions/{number}/cloture", data=data)
    assert "Échange clos" in await closed.text()
    assert support.ticket(number).status == "closed"  # type: ignore[union-attr]
