"""Issue 11, defect 9: the webhook server refuses what is not an update, and slow clients.

`update_id` 1e309 or a deeply nested body used to answer 500, 10^30 answered 503 (Telegram
retries those for ever), `true` was stored as update 1; half-sent headers and slow bodies
never timed out. Now the update id must be a positive 64-bit integer and the body a JSON
object of bounded size and depth (else 400, nothing recorded), and a client gets
WEBHOOK_READ_TIMEOUT seconds for its headers (then the connection is closed) and as much for
its body (then 408).
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from tests.bot_support import BotProcess, start_bot
from tests.fakebotapi import FakeBotAPI
from tests.test_bot_webhook import HEADER, SECRET, free_port, wait_started, webhook_env

pytestmark = pytest.mark.slow

MESSAGE = {
    "message_id": 1,
    "date": 0,
    "chat": {"id": 9001, "type": "private"},
    "from": {"id": 9001, "is_bot": False, "first_name": "X"},
    "text": "/start",
}
NOT_UPDATES = {
    "an id beyond floats": '{"update_id": 1e309, "message": {}}',
    "an id beyond 64 bits": json.dumps({"update_id": 10**30, "message": MESSAGE}),
    "true as an id": json.dumps({"update_id": True, "message": MESSAGE}),
    "a negative id": json.dumps({"update_id": -4, "message": MESSAGE}),
    "deep nesting": '{"update_id": 5, "message": ' + "[" * 100_000 + "]" * 100_000 + "}",
    "not an object": "[1, 2, 3]",
}


@pytest.fixture
async def api() -> AsyncIterator[FakeBotAPI]:
    async with FakeBotAPI() as server:
        yield server


@pytest.fixture
async def webhook(api: FakeBotAPI, tmp_path: Path) -> AsyncIterator[tuple[BotProcess, int]]:
    port = free_port()
    url = f"http://127.0.0.1:{port}/telegram/webhook"
    bot = await start_bot(
        api, tmp_path, **webhook_env(port, WEBHOOK_URL=url, WEBHOOK_READ_TIMEOUT="2")
    )
    try:
        await wait_started(bot)
        yield bot, port
    finally:
        if bot.returncode is None:
            await bot.kill()


def journal(db: Path) -> list[int]:
    connection = sqlite3.connect(db, timeout=10)
    try:
        return [row[0] for row in connection.execute("SELECT update_id FROM telegram_update")]
    finally:
        connection.close()


async def test_bodies_that_are_not_updates_get_400_and_nothing_is_recorded(
    webhook: tuple[BotProcess, int],
) -> None:
    bot, port = webhook
    url = f"http://127.0.0.1:{port}/telegram/webhook"
    async with aiohttp.ClientSession() as http:
        for name, body in NOT_UPDATES.items():
            async with http.post(url, data=body, headers={HEADER: SECRET}) as response:
                assert response.status == 400, name
        good = json.dumps({"update_id": 7, "message": MESSAGE})
        async with http.post(url, data=good, headers={HEADER: SECRET}) as response:
            assert response.status == 200
        async with http.get(f"http://127.0.0.1:{port}/healthz") as response:
            assert response.status == 200 and (await response.json())["status"] == "ok"
    assert journal(bot.db) == [7]
    assert bot.returncode is None
    assert await bot.stop() == 0


async def test_half_sent_headers_are_cut_off(webhook: tuple[BotProcess, int]) -> None:
    bot, port = webhook
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(b"POST /telegram/webhook HTTP/1.1\r\nHost: bot\r\nContent-Type: app")
    await writer.drain()
    closed = await asyncio.wait_for(reader.read(), 20)  # b"" once the server hangs up
    assert closed == b""
    writer.close()
    assert bot.returncode is None


async def test_a_body_that_never_ends_gets_408(webhook: tuple[BotProcess, int]) -> None:
    bot, port = webhook
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(
        b"POST /telegram/webhook HTTP/1.1\r\nHost: bot\r\nContent-Type: application/json\r\n"
        + f"{HEADER}: {SECRET}\r\nContent-Length: 500\r\n\r\n".encode()
        + b'{"update_id": 8, '
    )
    await writer.drain()
    status_line = await asyncio.wait_for(reader.readline(), 20)
    assert status_line.startswith(b"HTTP/1.1 408"), status_line
    writer.close()
    assert journal(bot.db) == []
    assert bot.returncode is None
