"""Issue 11, defect 7: quotas per applicant, each with a polite French message.

1 500 `/nouveau` used to make 1 500 dossiers, 30 escalations 30 posts in the staff group,
and a flood of messages was served to the last one. Now: at most MAX_DOSSIERS_PER_DAY new
dossiers a day, MAX_ESCALATIONS_PER_HOUR questions handed to the team an hour, and
MAX_UPDATES_PER_MINUTE messages or clicks a minute (the others are not processed, and the
applicant is told once).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.bot_support import texts
from tests.fakebotapi import FakeBotAPI, FakeUser, Simulator
from tests.reliability_support import serving
from tests.test_bot_questions_e2e import ESCALATE, STAFF, UNANSWERED, with_button


@pytest.fixture
async def api() -> AsyncIterator[FakeBotAPI]:
    async with FakeBotAPI() as server:
        yield server


async def test_new_dossiers_stop_at_the_daily_quota_with_a_polite_note(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    async with serving(api, tmp_path, max_updates_per_minute=0, max_dossiers_per_day=4) as bot:
        user = FakeUser(api, 7001)
        await user.send("/start")  # the first dossier
        await user.wait_reply(timeout=30)
        for _ in range(6):
            await user.send("/nouveau")
            await user.wait_reply(timeout=30, count=2)
        [(count,)] = bot.query("SELECT count(*) FROM dossier")
    assert count == 4
    said = texts(user.messages)
    assert said.count("Nouveau dossier n°") == 3
    assert "Vous avez déjà commencé 4 dossiers depuis 24 heures" in said


async def test_escalations_stop_at_the_hourly_quota_with_a_polite_note(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    api.register_chat(STAFF, "supergroup", title="Équipe DPID")
    async with serving(
        api, tmp_path, staff_chat_id=STAFF, max_updates_per_minute=0, max_escalations_per_hour=2
    ):
        user = FakeUser(api, 7002)
        await user.send("/start")
        await user.wait_reply(timeout=30)
        for _ in range(4):
            await user.send(f"/question {UNANSWERED}")
            offer = with_button(await user.wait_reply(timeout=30, count=2), ESCALATE)
            Simulator(api).click(user.user_id, offer, label=ESCALATE)
            await user.wait_reply(timeout=30)
    assert len(api.sent_messages(STAFF)) == 2, "two questions reached the team"
    assert "déjà transmis 2 questions à l’équipe du Département" in texts(user.messages)


async def test_a_flood_of_messages_stops_at_the_per_minute_quota_with_one_note(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    async with serving(api, tmp_path, max_updates_per_minute=20) as bot:
        sim = Simulator(api)
        ids = [sim.user_text(7003, f"message {n}")["update_id"] for n in range(60)]
        user = FakeUser(api, 7003)
        await api.wait_until(lambda: all(api.updates[i].confirmed for i in ids) or None, timeout=60)
        await user.wait_reply(timeout=30, count=0, settle=2)
        [(pending,)] = bot.query("SELECT count(*) FROM telegram_update WHERE status='pending'")
        assert pending == 0
    notes = [t for t in api.texts(7003) if "beaucoup de messages" in t]
    assert len(notes) == 1, "told once, not at each message"
    answered = [t for t in api.texts(7003) if "Étape 1/" in t]  # each served message: the prompt
    assert len(answered) <= 20
