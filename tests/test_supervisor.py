"""`aap-bot run --supervise`: a bot killed by the system is back at once, from a fork.

The story: an operator starts the bot under its supervisor; the out-of-memory killer (here a
SIGKILL) takes the bot down in the middle of the day; a new bot, forked from the supervisor's
already imported modules, polls again in a fraction of a cold start and answers the next
applicant; SIGTERM to the supervisor stops everything and exits 0.
"""

from __future__ import annotations

import asyncio
import os
import re
import signal
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from app.supervisor import BURST, FIRST_DELAY, MAX_DELAY, WINDOW, RestartPolicy, exit_code
from tests.bot_support import BotProcess, bot_env
from tests.fakebotapi import FakeBotAPI, FakeUser

pytestmark = pytest.mark.timeout(120)

STARTED = re.compile(r"supervisor: bot started \(pid (\d+)\)")


@pytest.fixture
async def api() -> AsyncIterator[FakeBotAPI]:
    async with FakeBotAPI() as server:
        yield server


def test_a_few_crashes_restart_at_once_then_each_waits_longer_then_calm_resets() -> None:
    policy = RestartPolicy()
    delays = [policy.after_exit(float(second)) for second in range(BURST + 8)]
    assert delays[:BURST] == [0.0] * BURST
    assert delays[BURST : BURST + 3] == [FIRST_DELAY, 2 * FIRST_DELAY, 4 * FIRST_DELAY]
    assert delays[-1] == MAX_DELAY
    assert policy.after_exit(BURST + 8 + WINDOW) == 0.0  # a minute later: at once again


def test_a_killed_process_reports_128_plus_its_signal() -> None:
    pid = os.fork()
    if pid == 0:
        os.kill(os.getpid(), signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    assert exit_code(status) == 128 + signal.SIGKILL


def _started(log: Path) -> list[int]:
    return [int(pid) for pid in STARTED.findall(log.read_text(errors="replace"))]


async def _wait(predicate: object, timeout: float, what: str) -> None:  # noqa: ASYNC109
    assert callable(predicate)
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, what
        await asyncio.sleep(0.05)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie (exited, not yet reaped) counts as gone.
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().split(") ", 1)[1].startswith("Z"))


async def test_a_killed_bot_is_forked_again_at_once_and_answers_the_next_applicant(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    log = tmp_path / "supervised.log"
    with log.open("wb") as sink:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "app.cli",
            "run",
            "--supervise",
            cwd=tmp_path,
            env=bot_env(api, tmp_path),
            stdout=sink,
            stderr=asyncio.subprocess.STDOUT,
        )
    supervisor = BotProcess(process, log, tmp_path / "bot.db")
    try:
        await _wait(lambda: api.call_count("getUpdates") > 0, 60, "the first bot never polled")
        [first] = _started(log)
        assert first != process.pid

        polls = api.call_count("getUpdates")
        killed_at = time.monotonic()
        os.kill(first, signal.SIGKILL)
        await _wait(lambda: len(_started(log)) == 2, 30, "no new bot after the kill")
        await _wait(lambda: api.call_count("getUpdates") > polls, 30, "the new bot never polled")
        restart = time.monotonic() - killed_at
        second = _started(log)[1]
        assert second != first and not _alive(first)
        assert "restarting in 0.0 s" in log.read_text()

        user = FakeUser(api, 5101)
        await user.send("/start")
        await api.wait_until(lambda: api.texts(5101) or None, timeout=30, chat_id=5101)
        assert restart < 30

        assert await supervisor.stop(signal.SIGTERM, timeout=30) == 0
        assert not _alive(second), "the bot outlived its supervisor"
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
        for pid in _started(log):
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
