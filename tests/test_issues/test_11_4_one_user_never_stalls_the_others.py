"""Issue 11, defect 4: one user never stalls the others.

- One user's flood filled the bot's in-flight cap: the poller stopped fetching for everyone
  (another user waited behind hundreds of the flood's updates). Now each user has a bounded
  queue, the rest of their backlog waits in the journal, and the poller keeps fetching.
- One escalation held a global lock across createForumTopic: every other applicant's question
  waited behind one slow topic creation. Now nothing is locked across the call.
- In webhook mode an old pending update of a user (its instance died) made each of their new
  updates wait 30 s; a killed instance's Redis lock froze its users for up to 120 s. Now the
  old update is taken over (its lease expired) and run first, and no Redis lock is held.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.bot_support import start_bot, texts
from tests.fakebotapi import FakeBotAPI, FakeUser, Simulator
from tests.reliability_support import journal_as_a_dead_instance, serving
from tests.test_bot_questions_e2e import ESCALATE, STAFF, UNANSWERED, fill_organisation, with_button
from tests.test_bot_webhook import free_port, wait_started, webhook_env

FLOOD = 600


@pytest.fixture
async def api() -> AsyncIterator[FakeBotAPI]:
    async with FakeBotAPI() as server:
        yield server


async def test_another_user_is_answered_while_one_users_flood_drains(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    # No per-minute quota here: the flood is served, and the others must not wait for it.
    async with serving(api, tmp_path, max_updates_per_minute=0) as bot:
        sim = Simulator(api)
        for n in range(FLOOD):
            sim.user_text(6001, f"message {n}")
        other = FakeUser(api, 6002)
        update = await other.send("/start")
        replies = await other.wait_reply(timeout=120)
        assert "Étape 1/" in texts(replies)
        other_at = api.updates[update["update_id"]].first_reply_at
        assert other_at is not None
        # Each flood message gets an answer (the welcome's error, then the welcome again).
        before = [c for c in api.calls_of("sendMessage") if c.chat_id == 6001]
        before = [c for c in before if c.timestamp < other_at]
        assert before, "the flood is served too"
        assert len(before) < 300, f"{len(before)} answers to the flood were sent first"
        assert bot.alive


async def test_a_slow_topic_creation_for_one_applicant_does_not_delay_another(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    api.make_forum(STAFF, "Équipe DPID")
    async with serving(api, tmp_path, staff_chat_id=STAFF) as bot:
        slow, quick = FakeUser(api, 6101), FakeUser(api, 6102)
        await fill_organisation(slow, "Réseau Lent")
        await fill_organisation(quick, "Réseau Rapide")
        offers = {}
        for user in (slow, quick):
            await user.send(f"/question {UNANSWERED}")
            offers[user.user_id] = with_button(await user.wait_reply(timeout=30, count=2), ESCALATE)
        api.delay_next(
            "createForumTopic",
            6,
            when=lambda params: str(params.get("name")).startswith("Réseau Lent"),
        )
        click = Simulator(api).click(slow.user_id, offers[slow.user_id], label=ESCALATE)
        await api.wait_until(lambda: api.updates[click["update_id"]].replies or None, timeout=30)
        await asyncio.sleep(1)  # the slow applicant's topic is being created
        Simulator(api).click(quick.user_id, offers[quick.user_id], label=ESCALATE)
        await api.wait_until(lambda: len(api.sent_messages(STAFF)) >= 2 or None, timeout=30)
        posts = api.sent_messages(STAFF)
        assert "Réseau Rapide" in posts[0]["text"], "the quick applicant waited for the slow one"
        assert "Réseau Lent" in posts[1]["text"]
        assert bot.alive


@pytest.mark.slow
async def test_an_old_pending_update_of_a_user_is_run_first_not_waited_for(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    port = free_port()
    bot = await start_bot(api, tmp_path, **webhook_env(port))
    try:
        await wait_started(bot)
        api.set_webhook_targets([f"http://127.0.0.1:{port}/telegram/webhook"])
        user = FakeUser(api, 6201)
        # An instance that died left this user's "/start" in the journal, unprocessed.
        message = Simulator(api)._message(user.user_id, {"text": "/start"}, None)
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": 6}]
        left = api.delivered_elsewhere({"message": message})
        journal_as_a_dead_instance(bot.db, left, user_key=f"user:{user.user_id}")
        await user.send("/aide")  # answered with the help and a reminder of the question
        await api.wait_until(
            lambda: any("↩️" in (m.get("text") or "") for m in user.messages) or None,
            timeout=60,
        )
        assert bot.update_status(left["update_id"]) == "done", "the old update was left behind"
        assert "Bonjour, je suis l’assistant" in user.messages[0]["text"], "/start came first"
        assert await bot.stop() == 0
    finally:
        if bot.returncode is None:
            await bot.kill()


@pytest.mark.slow
async def test_a_killed_instances_users_are_served_by_the_other_within_seconds(
    api: FakeBotAPI, tmp_path: Path, redis_url: str
) -> None:
    ports = [free_port(), free_port()]
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'shared.db'}", "REDIS_URL": redis_url}
    urls = [f"http://127.0.0.1:{port}/telegram/webhook" for port in ports]
    doomed = await start_bot(api, tmp_path, name="doomed", **webhook_env(ports[0], **env))
    bots = [doomed]
    try:
        await wait_started(doomed)
        survivor = await start_bot(api, tmp_path, name="survivor", **webhook_env(ports[1], **env))
        bots.append(survivor)
        await wait_started(survivor)
        api.set_webhook_targets(urls[:1])
        user = FakeUser(api, 6301)
        # The first instance takes the user's /start, and is killed while answering it.
        api.delay_next("sendMessage", 50, when=lambda params: params.get("chat_id") == 6301)
        start = await user.send("/start")
        await api.wait_until(lambda: api.updates[start["update_id"]].confirmed or None, timeout=30)
        await asyncio.sleep(1)
        await doomed.kill()
        api.set_webhook_targets(urls[1:])
        await user.send("/aide")
        await api.wait_until(
            lambda: sum("Étape 1/" in (m.get("text") or "") for m in user.messages) >= 2 or None,
            timeout=60,  # frozen: 30 s of order wait, then a 120-second lock
        )
        assert await survivor.stop() == 0, survivor.output()[-2000:]
    finally:
        for bot in bots:
            if bot.returncode is None:
                await bot.kill()
