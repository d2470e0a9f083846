"""Issue 11, defect 3: an instance starting up does not take the work of a live one.

An instance starting used to resume every pending update of the shared journal, including
those another live instance was processing: a staff reply reached the applicant twice. Now
each update is leased to the instance processing it (renewed while it works); a starting
instance takes only updates whose lease expired.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.bot_support import start_bot
from tests.fakebotapi import FakeBotAPI, FakeUser, Simulator
from tests.test_bot_questions_e2e import STAFF, UNANSWERED, escalate, fill_organisation
from tests.test_bot_webhook import free_port, wait_started, webhook_env

pytestmark = pytest.mark.slow

TEAM_ANSWER = "Oui, les frais de déplacement sont éligibles."


@pytest.fixture
async def api() -> AsyncIterator[FakeBotAPI]:
    async with FakeBotAPI() as server:
        yield server


async def test_a_starting_instance_leaves_a_live_instances_update_alone(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    api.register_chat(STAFF, "supergroup", title="Équipe DPID")
    ports = [free_port(), free_port()]
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'shared.db'}", "STAFF_CHAT_ID": str(STAFF)}
    first = await start_bot(api, tmp_path, name="first", **webhook_env(ports[0], **env))
    bots = [first]
    try:
        await wait_started(first)
        api.set_webhook_targets([f"http://127.0.0.1:{ports[0]}/telegram/webhook"])
        user = FakeUser(api, 5201)
        await fill_organisation(user, "Inser'Réseau 62")
        post, _ = await escalate(user, UNANSWERED)

        # The first instance relays a staff answer; Telegram is slow to take it (longer than
        # a second instance takes to start, on a busy machine).
        api.delay_next("sendMessage", 40, when=lambda params: params.get("chat_id") == 5201)
        reply = Simulator(api).staff_reply(9001, STAFF, post["message_id"], TEAM_ANSWER)
        await api.wait_until(lambda: api.updates[reply["update_id"]].confirmed or None, timeout=30)
        # Meanwhile a second instance starts on the same journal.
        second = await start_bot(api, tmp_path, name="second", **webhook_env(ports[1], **env))
        bots.append(second)
        await wait_started(second)
        await api.wait_until(
            lambda: any(TEAM_ANSWER in (m.get("text") or "") for m in user.messages) or None,
            timeout=60,
        )
        await asyncio.sleep(5)
        for bot in bots:
            assert await bot.stop() == 0, bot.output()[-2000:]
    finally:
        for bot in bots:
            if bot.returncode is None:
                await bot.kill()

    copies = [m for m in user.messages if TEAM_ANSWER in (m.get("text") or "")]
    assert len(copies) == 1, "the staff answer reached the applicant twice"
