"""Crash safety: the bot is SIGKILLed at random points of an interview, and nothing is lost.

One applicant goes through the scripted interview (`examples/conversations/`) while the bot
(`aap-bot run`, a subprocess) is killed with SIGKILL at seeded random points and restarted on
the same SQLite file and the same fake Bot API server. The kill points are a step of the script
and a moment of that step's life: just pushed, handed to the bot by getUpdates, the bot's first
answer on the wire, after a random delay, or again during the restart. A clean run of the same
script (no kills) runs alongside; at the end every update the fake server saw confirmed and
answered is applied exactly once, and the answer journal and the dossier equal the clean run's.

`bench/bench_bot_crash.py` runs the same scenario with 100 kills and prints figures.
"""

from __future__ import annotations

import asyncio
import json
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from aiogram.exceptions import TelegramBadRequest
from aiogram.methods import AnswerCallbackQuery, SendMessage

from bot.middlewares import RetryAndBlockMiddleware
from tests.bot_support import (
    BotProcess,
    ForkServer,
    action_for,
    interview_steps,
    perform,
    start_bot,
)
from tests.fakebotapi import FakeBotAPI, FakeUser

PHASES = ("pushed", "fetched", "replying", "delay", "restart")
#: dossier fields that differ between two runs whatever happens (identity, clock)
VOLATILE = frozenset({"uuid", "created_at", "updated_at", "draft_generated_at"})


@dataclass(frozen=True)
class KillPoint:
    step: int
    phase: str
    delay: float  # seconds, after the phase's moment


def kill_plan(seed: int, kills: int, steps: list[str]) -> dict[int, KillPoint]:
    """`kills` SIGKILLs spread over the steps of the script (a "restart" point kills twice).

    The phases take turns; a few "replying" points go to steps the user answers with a button:
    the bot answers the callback query first, so a kill there leaves an update whose query is
    already answered when it is processed again."""
    rng = random.Random(seed)
    delays = {
        "pushed": lambda: 0.0,
        "fetched": lambda: rng.uniform(0, 0.02),
        "replying": lambda: rng.uniform(0, 0.01),
        "delay": lambda: rng.uniform(0, 0.4),
        "restart": lambda: rng.uniform(0, 0.5),
    }
    # step 0 (/start) creates the database; the last one renders the drafts
    likely_clicks = [
        i for i, line in enumerate(steps[1:-1], 1) if line in ("oui", "non") or line == "1"
    ]
    plan = {i: KillPoint(i, "replying", delays["replying"]()) for i in rng.sample(likely_clicks, 4)}
    total = len(plan)
    others = [i for i in range(1, len(steps)) if i not in plan]
    rng.shuffle(others)
    phases: list[str] = []
    for step in others:
        if total >= kills:
            break
        if not phases:
            phases = list(PHASES)
            rng.shuffle(phases)
        phase = phases.pop()
        if phase == "restart" and kills - total < 2:
            phase = "delay"
        plan[step] = KillPoint(step, phase, delays[phase]())
        total += 2 if phase == "restart" else 1
    single = [step for step, point in plan.items() if point.phase != "restart"]
    rng.shuffle(single)
    while total < kills and single:  # more kills than steps: some steps get a second kill
        step = single.pop()
        plan[step] = KillPoint(step, "restart", delays["restart"]())
        total += 1
    return dict(sorted(plan.items()))


@dataclass
class Run:
    """One applicant's interview against one bot process (restarted after each kill)."""

    api: FakeBotAPI
    workdir: Path
    user_id: int
    forks: ForkServer | None = None  # fast restarts (None: a cold `python -m app.cli run`)
    bot: BotProcess | None = None
    kills: int = 0
    restarts: list[float] = field(default_factory=list)  # seconds to the first getUpdates
    update_ids: list[int] = field(default_factory=list)
    killed: list[tuple[KillPoint, str]] = field(default_factory=list)  # and the user's action
    journal_sizes: list[int] = field(default_factory=list)  # after each step

    async def start(self) -> None:
        polls = self.api._poll_generation  # bumped when a getUpdates arrives
        started = time.monotonic()
        name = f"bot{len(self.restarts)}"
        if self.forks is None:
            self.bot = await start_bot(self.api, self.workdir, name=name)
        else:
            self.bot = await self.forks.start(name)
        await self._until(lambda: self.api._poll_generation > polls, timeout=60)
        self.restarts.append(time.monotonic() - started)

    async def kill_and_restart(self) -> None:
        assert self.bot is not None
        await self.bot.kill()
        self.kills += 1
        await self.start()

    async def _until(self, condition: Callable[[], bool], timeout: float = 30) -> None:  # noqa: ASYNC109
        deadline = time.monotonic() + timeout
        while not condition():
            if self.bot is not None and self.bot.returncode not in (None, -9):
                raise AssertionError(f"the bot exited:\n{self.bot.output()[-3000:]}")
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"timed out after {timeout} s\n{self.api.describe_chat(self.user_id)}"
                )
            await asyncio.sleep(0.005)

    async def crash(self, point: KillPoint, update_id: int) -> None:
        record = self.api.updates[update_id]
        if point.phase == "fetched":
            await self._until(lambda: record.fetched_at is not None)
        elif point.phase == "replying":
            await self._until(lambda: bool(record.replies))
        await asyncio.sleep(point.delay if point.phase != "restart" else 0)
        await self.kill_and_restart()
        if point.phase == "restart":  # killed again while starting up / resuming
            await asyncio.sleep(point.delay)
            await self.kill_and_restart()

    async def interview(self, plan: dict[int, KillPoint]) -> None:
        user = FakeUser(self.api, self.user_id)
        assert self.bot is not None
        for step, line in enumerate(interview_steps()):
            action, value = action_for(user, line)
            update = await perform(user, action, value)
            update_id = int(update["update_id"])
            self.update_ids.append(update_id)
            if step in plan:
                self.killed.append((plan[step], action))
                await self.crash(plan[step], update_id)
            bot = self.bot
            # Handled to the end (replies sent, marked done): the prompt in the chat is current.
            await self._until(lambda: bot.update_status(update_id) == "done")  # noqa: B023
            self.journal_sizes.append(len(bot.journal()))
        await self._until(lambda: set(self.update_ids) <= self.api.confirmed_update_ids)

    def dossier(self) -> dict[str, Any]:
        assert self.bot is not None
        rows = self.bot.query("SELECT data FROM dossier ORDER BY id")
        assert len(rows) == 1, rows
        data = json.loads(rows[0][0])
        return {k: v for k, v in data.items() if k not in VOLATILE}


async def crash_scenario(
    workdir: Path, *, seed: int, kills: int
) -> tuple[Run, Run, dict[int, KillPoint]]:
    """The crashed run and the clean run, side by side (each its own server and database)."""
    plan = kill_plan(seed, kills, interview_steps())
    async with FakeBotAPI() as crash_api, FakeBotAPI() as clean_api:
        runs = []
        for name, api, user_id in (("crash", crash_api, 4242), ("clean", clean_api, 4243)):
            (workdir / name).mkdir()
            runs.append(Run(api, workdir / name, user_id))
        crashed, clean = runs
        crashed.forks = await ForkServer.spawn(crash_api, crashed.workdir)
        try:
            await asyncio.gather(crashed.start(), clean.start())
            await asyncio.gather(crashed.interview(plan), clean.interview({}))
            for run in runs:
                assert run.bot is not None
                assert await run.bot.stop() == 0
        finally:
            for run in runs:
                if run.bot is not None:
                    await run.bot.kill()
            await crashed.forks.close()
        check_exactly_once(crashed, clean)
    return crashed, clean, plan


def check_exactly_once(crashed: Run, clean: Run) -> None:
    assert crashed.bot is not None and clean.bot is not None
    acknowledged = {
        u.update_id for u in crashed.api.acknowledged_updates() if u.chat_id == crashed.user_id
    }
    assert acknowledged == set(crashed.update_ids), "every update ends confirmed and answered"
    # Each update applied once: its event id claimed once (primary key), none missing.
    claimed = [row[0] for row in crashed.bot.query("SELECT event_id FROM processed_event")]
    assert sorted(claimed) == sorted(f"tg:{i}" for i in crashed.update_ids)
    # Each update's answers in the journal exactly once, where the clean run has them.
    journal, reference = crashed.bot.journal(), clean.bot.journal()
    assert crashed.journal_sizes == clean.journal_sizes, "an update added more or fewer answers"
    sizes = [0, *crashed.journal_sizes]
    for step, update_id in enumerate(crashed.update_ids):
        begin, end = sizes[step], sizes[step + 1]
        assert update_id in acknowledged
        assert journal[begin:end] == reference[begin:end], f"step {step}, update {update_id}"
    assert journal == reference
    assert crashed.dossier() == clean.dossier()
    statuses = crashed.bot.query("SELECT DISTINCT status FROM telegram_update")
    assert statuses == [("done",)]


@pytest.mark.slow
@pytest.mark.timeout(240)
async def test_sigkill_at_random_points_loses_and_duplicates_no_answer(tmp_path: Path) -> None:
    crashed, _clean, plan = await crash_scenario(tmp_path, seed=20261125, kills=20)
    assert crashed.kills >= 20
    assert {p.phase for p in plan.values()} == set(PHASES)
    assert ("replying", "click") in {(p.phase, action) for p, action in crashed.killed}
    assert len(crashed.journal_sizes) == len(interview_steps())
    assert any(crashed.api.updates[u].deliveries >= 2 for u in crashed.update_ids), (
        "some update was handed out again after a kill"
    )


# -- the fix this test found -------------------------------------------------------------------


async def test_an_already_answered_callback_query_does_not_abort_the_handler() -> None:
    """After a crash the update is processed again; its callback query was answered by the
    first run, and Telegram refuses a second answer. The click must still be applied."""
    middleware = RetryAndBlockMiddleware()
    method = AnswerCallbackQuery(callback_query_id="1")

    async def too_old(bot: Any, method: Any) -> Any:
        raise TelegramBadRequest(
            method, "Bad Request: query is too old and response timeout expired"
        )

    response = await middleware(too_old, None, method)  # type: ignore[arg-type]
    assert response.ok and response.result is True
    with pytest.raises(TelegramBadRequest):
        await middleware(too_old, None, SendMessage(chat_id=1, text="x"))  # type: ignore[arg-type]
