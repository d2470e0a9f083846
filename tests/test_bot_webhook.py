"""Webhook mode, and two instances behind a load balancer sharing one database and Redis.

The bots run as separate `aap-bot run` processes (webhook mode: WEBHOOK_URL set) against the
fake Bot API, which delivers updates round-robin to both (`set_webhook_targets`), like a load
balancer. Redis: `TEST_REDIS_URL` (default db 15 on 127.0.0.1), skipped when unreachable
outside CI. Database: PostgreSQL in a fresh schema when `TEST_DATABASE_URL` is set, else one
SQLite file.
"""

from __future__ import annotations

import asyncio
import json
import os
import socket
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from sqlalchemy import create_engine, text

from storage.db import normalise_url
from storage.repository import SqlStore
from tests.bot_support import BotProcess, act, action_for, answer_line, choices, start_bot
from tests.conftest import TEST_DATABASE_URL_ENV, _postgres_schema
from tests.fakebotapi import FakeBotAPI, FakeUser, Simulator
from tests.support import Walk, script_lines

pytestmark = pytest.mark.slow

SECRET = "s3cret_Webhook-token-for-tests"
HEADER = "X-Telegram-Bot-Api-Secret-Token"
LOAD_BALANCER = "http://127.0.0.1:9/telegram/webhook"  # what Telegram would call


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def webhook_env(port: int, **extra: str) -> dict[str, str]:
    env = {
        "WEBHOOK_URL": LOAD_BALANCER,
        "WEBHOOK_SECRET": SECRET,
        "WEBHOOK_HOST": "127.0.0.1",
        "WEBHOOK_PORT": str(port),
        "WEBHOOK_PATH": "/telegram/webhook",
    }
    env.update(extra)
    return env


async def wait_started(bot: BotProcess, timeout: float = 30) -> None:  # noqa: ASYNC109
    async def started() -> None:
        while "webhook mode started" not in bot.output():
            assert bot.process.returncode is None, bot.output()
            await asyncio.sleep(0.1)

    await asyncio.wait_for(started(), timeout)


async def wait_warmed(bot: BotProcess, timeout: float = 60) -> None:  # noqa: ASYNC109
    """Until the warm-up after start is over (`bot.app._warm_up`): a test of consistency
    between instances then does not also race their start-up work on a shared machine."""

    async def warmed() -> None:
        while "warm-up: interview" not in bot.output():
            assert bot.process.returncode is None, bot.output()
            await asyncio.sleep(0.1)

    await asyncio.wait_for(warmed(), timeout)


async def stop_all(*bots: BotProcess) -> None:
    for bot in bots:
        if bot.process.returncode is None:
            bot.process.kill()
            await bot.process.wait()


@pytest.fixture
async def api() -> AsyncIterator[FakeBotAPI]:
    async with FakeBotAPI() as server:
        yield server


@pytest.fixture
def shared_database(tmp_path: Path) -> Iterator[str]:
    base_url = os.environ.get(TEST_DATABASE_URL_ENV, "").strip()
    if base_url:
        yield from _postgres_schema(normalise_url(base_url))
    else:
        yield f"sqlite:///{tmp_path / 'shared.db'}"


def journal_size(database_url: str) -> int:
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            return int(
                connection.execute(text("SELECT count(*) FROM telegram_update")).scalar_one()
            )
    finally:
        engine.dispose()


async def test_a_wrong_or_missing_secret_is_refused_and_nothing_recorded(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}/telegram/webhook"
    bot = await start_bot(api, tmp_path, **webhook_env(port, WEBHOOK_URL=url))
    try:
        await wait_started(bot)
        assert api.webhook_url == url and api.webhook_secret == SECRET
        update = {
            "update_id": 77,
            "message": {
                "message_id": 1,
                "date": 0,
                "chat": {"id": 3001, "type": "private"},
                "from": {"id": 3001, "is_bot": False, "first_name": "X"},
                "text": "/start",
            },
        }
        async with aiohttp.ClientSession() as http:
            for headers in ({}, {HEADER: "wrong"}, {HEADER: SECRET + "x"}):
                async with http.post(url, data=json.dumps(update), headers=headers) as resp:
                    assert resp.status == 401
        assert journal_size(f"sqlite:///{bot.db}") == 0
        assert await bot.stop() == 0
        assert SECRET not in bot.output()
    finally:
        await stop_all(bot)


async def test_an_interview_click_is_answered_in_the_webhook_reply(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    """Webhook mode: the click's answer rides on the 200 that acknowledges it, so the bot
    itself makes one request per click (the question edited into the next one)."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/telegram/webhook"
    bot = await start_bot(api, tmp_path, **webhook_env(port, WEBHOOK_URL=url))
    try:
        await wait_started(bot)
        user = FakeUser(api, 3101)
        await act(user, "send", "/start")
        clicks = 0
        for line in script_lines()[:6]:
            clicks += action_for(user, line)[0] == "click"
            await answer_line(user, line)
        assert clicks >= 2
        answers = api.calls_of("answerCallbackQuery")
        assert len(answers) == clicks
        assert all(call.in_webhook_reply and call.ok for call in answers)
        edits = [c for c in api.calls_of("editMessageText") if not c.in_webhook_reply]
        assert len(edits) >= clicks  # each click's question edited into the next, by the bot
        assert await bot.stop() == 0
    finally:
        await stop_all(bot)


async def test_two_instances_keep_every_dossier_consistent(
    api: FakeBotAPI, tmp_path: Path, redis_url: str, shared_database: str
) -> None:
    ports = [free_port(), free_port()]
    env = {"DATABASE_URL": shared_database, "REDIS_URL": redis_url}
    first = await start_bot(api, tmp_path, name="first", **webhook_env(ports[0], **env))
    bots = [first]
    try:
        await wait_started(first)  # creates the schema; then the second one starts
        second = await start_bot(api, tmp_path, name="second", **webhook_env(ports[1], **env))
        bots.append(second)
        await wait_started(second)
        for bot in bots:
            await wait_warmed(bot)
        targets = [f"http://127.0.0.1:{port}/telegram/webhook" for port in ports]
        api.set_webhook_targets(targets)

        lines = script_lines()
        names = {2001 + i: f"Réseau n°{i} & Cie" for i in range(3)}

        def script(user_id: int) -> list[str]:
            return [names[user_id] if line == "Inser'Réseau 62" else line for line in lines]

        async def interview(user_id: int) -> None:
            user = FakeUser(api, user_id)
            await act(user, "send", "/start")
            steps = script(user_id)
            await answer_line(user, steps[0])  # the welcome
            # A double click on the first question's answer (the script's "1"): the two
            # updates go to different instances, the second must wait and change nothing.
            assert steps[1] == "1"
            question = user.keyboard_message()
            assert question is not None
            label = choices(question)[0]["text"]
            before = {
                m["message_id"]: (m.get("raw_text"), m.get("reply_markup")) for m in user.messages
            }
            Simulator(api).click(user_id, question, label=label)
            Simulator(api).click(user_id, question, label=label)
            await api.wait_until(  # the next question: the clicked one edited, or a new one
                lambda: (
                    any(
                        m.get("reply_markup")
                        and before.get(m["message_id"])
                        != (m.get("raw_text"), m.get("reply_markup"))
                        for m in user.messages
                    )
                    or None
                ),
                timeout=30,
                chat_id=user_id,
            )
            await user.wait_reply(timeout=30, settle=0.5)
            for line in steps[2:-1]:
                await answer_line(user, line)
            await user.send(steps[-1])
            await api.wait_until(
                lambda: len(user.documents) >= 2 or None, timeout=90, chat_id=user_id
            )

        await asyncio.gather(*(interview(user_id) for user_id in names))
        for bot in bots:
            assert await bot.stop() == 0, bot.output()
            assert api.token not in bot.output()
            assert SECRET not in bot.output()
    finally:
        await stop_all(*bots)

    # Each user's updates really alternated between the two instances.
    for user_id in names:
        served = {
            url
            for update_id, url, status in api.webhook_deliveries
            if status == 200 and api.updates[update_id].chat_id == user_id
        }
        assert served == set(targets), (user_id, served)

    with SqlStore(shared_database) as store, store.transaction() as repo:
        dossiers = {stored.owner: stored for stored in repo.list_dossiers()}
        assert set(dossiers) == {f"telegram:{user_id}" for user_id in names}
        for user_id in names:
            stored = dossiers[f"telegram:{user_id}"]
            walk = Walk()
            walk.answers(script(user_id)[:-1])
            expected = walk.dossier.model_dump(mode="json")
            got: dict[str, Any] = stored.dossier.model_dump(mode="json")
            for section in ("eligibility", "organisation", "plan", "indicators", "budget"):
                assert got[section] == expected[section], (user_id, section)
            assert got["organisation"]["name"] == names[user_id]
            assert got["draft_generated_at"] is not None
            journal = repo.answer_journal(stored.id)
            keys = [key for key, _, _ in journal]
            assert len(keys) == len(set(keys)), f"an answer journaled twice: {keys}"


async def test_webhook_mode_without_a_valid_secret_exits_2(api: FakeBotAPI, tmp_path: Path) -> None:
    for secret in ("", "bad secret!"):
        bot = await start_bot(api, tmp_path, **webhook_env(free_port(), WEBHOOK_SECRET=secret))
        assert await asyncio.wait_for(bot.process.wait(), 30) == 2
        assert "WEBHOOK_SECRET" in bot.output()
        assert "bad secret!" not in bot.output()
