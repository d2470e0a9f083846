"""Issue 11, defect 1: nothing the network, a proxy or the database does makes the bot exit.

It used to exit (code 1, nothing restarting it) on one `getUpdates` answer that was a proxy's
HTML "502 Bad Gateway" page, invalid JSON, a result that was not a list or an update id that
was not an integer; on a database unavailable while updates arrived (SQLite write-locked by
another process longer than its busy timeout, PostgreSQL stopped a few seconds); at start,
on deleteWebhook/setWebhook answering 500/502 or getChat answering a page that is not JSON.
Now each is logged, retried with back-off, and the applicant is answered once it passes.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.bot_support import start_bot, texts
from tests.fakebotapi import FakeBotAPI, FakeUser
from tests.private_servers import PrivatePostgres, free_port, postgres_available
from tests.reliability_support import serving
from tests.test_bot_webhook import webhook_env

BAD_GATEWAY = "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"
PROXY_ANSWERS = {
    "an HTML 502 page": {"status": 502, "body": BAD_GATEWAY, "content_type": "text/html"},
    "invalid JSON": {
        "status": 200,
        "body": '{"ok": true, "result": [{"update_id": 1',
        "content_type": "application/json",
    },
    "a result that is not a list": {
        "status": 200,
        "body": '{"ok": true, "result": {"update_id": 5}}',
        "content_type": "application/json",
    },
    "update ids that are not positive integers": {
        "status": 200,
        "body": '{"ok": true, "result": [{"update_id": "x"}, {"update_id": true},'
        ' {"update_id": 1e309}, {"update_id": 1000000000000000000000000000000}, "oops"]}',
        "content_type": "application/json",
    },
}
STAFF = -1001000000001
#: Another process: takes SQLite's write lock on argv[1] for argv[2] seconds.
HOLD_WRITE_LOCK = """
import sqlite3, sys, time
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
connection.execute("COMMIT")
"""


@pytest.fixture
async def api() -> AsyncIterator[FakeBotAPI]:
    async with FakeBotAPI() as server:
        yield server


@pytest.mark.parametrize("answer", list(PROXY_ANSWERS.values()), ids=list(PROXY_ANSWERS))
async def test_a_garbled_get_updates_answer_only_delays_the_reply(
    api: FakeBotAPI, tmp_path: Path, answer: dict[str, object]
) -> None:
    async with serving(api, tmp_path) as bot:
        api.answer_raw_next("getUpdates", times=2, **answer)  # type: ignore[arg-type]
        user = FakeUser(api, 5001)
        await user.send("/start")
        replies = await user.wait_reply(timeout=30)
        assert "Étape 1/" in texts(replies)
        assert bot.alive, "the receive loop ended"
        assert api.call_count("getUpdates", ok=False) >= 2, "the garbled answers were served"


async def test_behind_a_proxy_failing_again_and_again_polls_resume_within_seconds(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    """Eight proxy pages in a row: the bot tries again within 2 s each time (0,5, 1, then 1
    to 2 s), so the applicant is answered in well under 30 s. A 30-second backoff cap made
    these eight cost about a minute, and behind a proxy that fails often, forever."""
    async with serving(api, tmp_path) as bot:
        api.answer_raw_next("getUpdates", times=8, **PROXY_ANSWERS["an HTML 502 page"])  # type: ignore[arg-type]
        started = asyncio.get_running_loop().time()
        user = FakeUser(api, 5002)
        await user.send("/start")
        replies = await user.wait_reply(timeout=60)
        waited = asyncio.get_running_loop().time() - started
        assert "Étape 1/" in texts(replies)
        assert api.call_count("getUpdates", ok=False) >= 8
        assert waited < 25, f"answered after {waited:.1f} s"
        assert bot.alive


async def test_a_database_write_locked_by_another_process_only_delays_the_reply(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    async with serving(api, tmp_path) as bot:
        user = FakeUser(api, 5002)
        await user.send("/start")
        await user.wait_reply(timeout=30)
        # Another process holds the write lock for 8 s: longer than SQLite's busy timeout
        # (5 s), so recording the next update fails, several times.
        locker = await asyncio.create_subprocess_exec(
            sys.executable, "-c", HOLD_WRITE_LOCK, str(bot.db), "8", stdout=subprocess.PIPE
        )
        assert locker.stdout is not None
        assert await locker.stdout.readline() == b"locked\n"
        await user.send("1")  # "Commencer"
        replies = await user.wait_reply(timeout=60)
        await locker.wait()
        assert "Quel type d’organisme" in texts(replies)
        assert bot.alive, "the receive loop ended"
        statuses = bot.query("SELECT DISTINCT status FROM telegram_update")
        assert statuses == [("done",)]


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["polling", "webhook"])
async def test_start_up_calls_answering_500_or_an_error_page_are_retried(
    api: FakeBotAPI, tmp_path: Path, mode: str
) -> None:
    api.register_chat(STAFF, "supergroup", title="Équipe")
    setup = "setWebhook" if mode == "webhook" else "deleteWebhook"
    api.fail_next(setup, error_code=500, description="Internal Server Error")
    api.answer_raw_next(setup, status=502, body=BAD_GATEWAY)
    api.answer_raw_next("getChat", status=502, body=BAD_GATEWAY, times=2)
    api.answer_raw_next("setMyCommands", status=502, body=BAD_GATEWAY)
    extra = {"STAFF_CHAT_ID": str(STAFF)}
    if mode == "webhook":
        port = free_port()
        extra |= webhook_env(port, WEBHOOK_URL=f"http://127.0.0.1:{port}/telegram/webhook")
    bot = await start_bot(api, tmp_path, **extra)
    try:
        user = FakeUser(api, 5003)
        await user.send("/start")
        replies = await user.wait_reply(timeout=60)
        assert "Étape 1/" in texts(replies)
        assert bot.returncode is None, bot.output()
        assert api.call_count(setup, ok=True) >= 1
        assert await bot.stop() == 0
    finally:
        if bot.returncode is None:
            await bot.kill()


@pytest.mark.slow
@pytest.mark.skipif(not postgres_available(), reason="PostgreSQL binaries not installed")
async def test_postgresql_stopped_for_seconds_only_delays_the_reply(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    database = await asyncio.to_thread(PrivatePostgres.create)
    try:
        bot = await start_bot(api, tmp_path, DATABASE_URL=database.url)
        try:
            user = FakeUser(api, 5004)
            await user.send("/start")
            await user.wait_reply(timeout=60)
            await asyncio.to_thread(database.stop)
            await user.send("1")  # arrives while the database is down
            await asyncio.sleep(6)
            assert bot.returncode is None, bot.output()[-3000:]
            await asyncio.to_thread(database.start)
            replies = await user.wait_reply(timeout=60)
            assert "Quel type d’organisme" in texts(replies)
            assert bot.returncode is None
            assert await bot.stop() == 0
        finally:
            if bot.returncode is None:
                await bot.kill()
    finally:
        await asyncio.to_thread(database.destroy)
