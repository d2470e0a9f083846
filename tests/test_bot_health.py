"""Health for supervisors: the heartbeat file, its status, and the webhook's /healthz."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.health import DEGRADED_AFTER, Health
from tests.bot_support import start_bot
from tests.fakebotapi import FakeBotAPI


class Ticking:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_the_heartbeat_says_degraded_once_the_database_fails_for_a_minute(tmp_path: Path) -> None:
    clock = Ticking()
    health = Health(tmp_path / "heartbeat.json", monotonic=clock, wall_clock=lambda: 42.0)
    health.beat(queued=3)
    written = json.loads((tmp_path / "heartbeat.json").read_text())
    assert written["status"] == "ok" and written["queued_updates"] == 3
    health.database(ok=False)
    clock.now += DEGRADED_AFTER - 1
    assert health.ok, "a short outage is the bot's own business (it retries)"
    clock.now += 2
    health.beat(queued=0)
    written = json.loads((tmp_path / "heartbeat.json").read_text())
    assert written["status"] == "degraded" and "database" in written["failing_for_seconds"]
    health.database(ok=True)
    assert health.ok


@pytest.fixture
async def api() -> AsyncIterator[FakeBotAPI]:
    async with FakeBotAPI() as server:
        yield server


@pytest.mark.slow
async def test_a_running_bot_keeps_its_heartbeat_file_fresh(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    heartbeat = tmp_path / "heartbeat.json"
    bot = await start_bot(api, tmp_path, HEARTBEAT_FILE=str(heartbeat))
    try:
        for _ in range(300):
            if heartbeat.exists():
                break
            await asyncio.sleep(0.1)
        first = json.loads(heartbeat.read_text())
        assert first["status"] == "ok"
        await asyncio.sleep(3)
        assert json.loads(heartbeat.read_text())["time"] > first["time"], "rewritten"
        assert await bot.stop() == 0
    finally:
        if bot.returncode is None:
            await bot.kill()
