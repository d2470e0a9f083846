"""Load: N simulated applicants at once against the fake Bot API, our bot next to an echo bot.

    .venv/bin/python bench/bench_bot_load.py [--users 200] [--answers 6]

One fake Bot API server (127.0.0.1, ephemeral port) for the whole run. First `aap-bot run`
(SQLite file in a temporary directory) serves the applicants: each plays the first answers of
the scripted interview (`examples/conversations/candidature-complete.txt`, buttons clicked like
a user), waiting for the bot's next question before answering. Then the bot is stopped and a
minimal aiogram echo bot (`tests/fakebotapi/echo_bot.py`, the framework's floor) serves other
applicants sending the same lines as text. Both log at WARNING. Applicants answer at once by
default (saturation: throughput); `--think S` makes each pause up to S seconds first (seeded),
closer to people typing, so latency is less about queueing.

Figures, from the fake server's records: per-answer latency = from the moment getUpdates hands
the update to the bot to the bot's first message for it (sendMessage/sendDocument), p50/p95/p99;
throughput = answers / (first answer sent → last answer's reply); start = from spawning the
process to its first getUpdates. Targets (SQLite): our p99 < 100 ms, throughput ≥ half the
echo bot's, start < 2 s. Exits 1 when a target is missed, 2 on a failure.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.bot_support import action_for, bot_env, interview_steps, perform  # noqa: E402
from tests.fakebotapi import FakeBotAPI, FakeUser  # noqa: E402

TIME_LIMIT = 600.0  # seconds for the whole run
STEP_TIMEOUT = 60.0
ANSWER_METHODS = frozenset({"sendmessage", "senddocument"})


@dataclass
class Figures:
    name: str
    start: float  # seconds, spawn → first getUpdates
    answers: int
    wall: float  # seconds
    latencies: list[float]  # seconds

    @property
    def throughput(self) -> float:
        return self.answers / self.wall if self.wall > 0 else 0.0

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies)
        if not ordered:
            return float("nan")
        return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]

    def line(self) -> str:
        ms = [1000 * self.percentile(p) for p in (50, 95, 99)]
        return (
            f"{self.name:<12} {self.throughput:8.1f} answers/s  p50 {ms[0]:6.1f} ms  "
            f"p95 {ms[1]:6.1f} ms  p99 {ms[2]:6.1f} ms  max {1000 * max(self.latencies):6.1f} ms  "
            f"start {self.start:5.2f} s  ({self.answers} answers in {self.wall:.1f} s)"
        )


async def spawn(
    api: FakeBotAPI, workdir: Path, name: str, args: list[str]
) -> tuple[asyncio.subprocess.Process, float]:
    """Start a bot process; returns it and the seconds to its first getUpdates."""
    # getUpdates is recorded when it returns (a long poll: up to its timeout); its start bumps
    # the server's poll generation.
    polls = api._poll_generation
    started = time.monotonic()
    env = bot_env(api, workdir, LOG_LEVEL="WARNING")
    with (workdir / f"{name}.log").open("wb") as sink:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            *args,
            cwd=workdir,
            env=env,
            stdout=sink,
            stderr=asyncio.subprocess.STDOUT,
        )
    while api._poll_generation <= polls:
        if process.returncode is not None:
            raise RuntimeError(f"{args} exited with {process.returncode}")
        await asyncio.sleep(0.002)
    return process, time.monotonic() - started


def reply_latency(api: FakeBotAPI, update_id: int) -> float | None:
    with api._lock:
        record = api.updates[update_id]
        for index in record.replies:
            call = api.log[index]
            if call.method.lower() in ANSWER_METHODS and record.fetched_at is not None:
                return call.timestamp - record.fetched_at
    return None


async def applicant(
    api: FakeBotAPI, user_id: int, lines: list[str], *, echo: bool, think: float
) -> list[int]:
    """Play `lines` one at a time, each after the bot's reply to the previous (and a seeded
    random pause of up to `think` seconds); the update ids."""
    user = FakeUser(api, user_id)
    pauses = random.Random(user_id % 10_000)
    ids = []
    for line in lines:
        if think > 0:
            await asyncio.sleep(pauses.uniform(0, think))
        if echo:
            update = await user.send(line)
        else:
            update = await perform(user, *action_for(user, line))
        update_id = int(update["update_id"])
        ids.append(update_id)
        if echo:
            await api.wait_until(
                lambda: reply_latency(api, update_id) is not None or None,  # noqa: B023
                timeout=STEP_TIMEOUT,
                chat_id=user_id,
            )
        else:  # the next question is on screen: a new message with a keyboard
            await user.wait_reply(timeout=STEP_TIMEOUT, settle=0)
            await api.wait_until(
                lambda: user.keyboard_message() is not None or None,
                timeout=STEP_TIMEOUT,
                chat_id=user_id,
            )
            await api.wait_until(
                lambda: reply_latency(api, update_id) is not None or None,  # noqa: B023
                timeout=STEP_TIMEOUT,
                chat_id=user_id,
            )
    return ids


async def run_phase(
    api: FakeBotAPI,
    workdir: Path,
    name: str,
    args: list[str],
    users: int,
    lines: list[str],
    first_id: int,
    think: float,
) -> Figures:
    echo = name == "echo"
    process, start = await spawn(api, workdir, name, args)
    try:
        began = time.monotonic()
        results = await asyncio.gather(
            *(applicant(api, first_id + n, lines, echo=echo, think=think) for n in range(users))
        )
        wall = time.monotonic() - began
    finally:
        if process.returncode is None:
            process.terminate()
        try:
            await asyncio.wait_for(process.wait(), 30)
        except TimeoutError:
            process.kill()
            await process.wait()
    ids = [i for user_ids in results for i in user_ids]
    latencies = [x for x in (reply_latency(api, i) for i in ids) if x is not None]
    assert len(latencies) == len(ids), "every answer got a reply"
    return Figures(name, start, len(ids), wall, latencies)


async def main(users: int, answers: int, think: float) -> int:
    lines = interview_steps()[:answers]
    with tempfile.TemporaryDirectory(prefix="bench-bot-load-") as tmp:
        workdir = Path(tmp)
        async with FakeBotAPI() as api:
            assert api.host == "127.0.0.1"
            ours = await run_phase(
                api, workdir, "aap-bot", ["-m", "app.cli", "run"], users, lines, 10_000, think
            )
            echo = await run_phase(
                api,
                workdir,
                "echo",
                ["-m", "tests.fakebotapi.echo_bot", "--api", api.base_url, "--token", api.token],
                users,
                lines,
                20_000,
                think,
            )
    print(
        f"bench_bot_load: {users} applicants at once, {answers} answers each (pause before each: up to {think} s), SQLite, fake Bot API on 127.0.0.1"
    )
    print(ours.line())
    print(echo.line())
    ratio = ours.throughput / echo.throughput if echo.throughput else 0.0
    p99 = 1000 * ours.percentile(99)
    print(
        f"throughput ratio aap-bot/echo {ratio:.2f} (target ≥ 0.5); aap-bot p99 {p99:.1f} ms (target < 100); "
        f"aap-bot start {ours.start:.2f} s (target < 2), echo start {echo.start:.2f} s"
    )
    print(
        f"aap-bot latency mean {1000 * statistics.fmean(ours.latencies):.1f} ms, echo {1000 * statistics.fmean(echo.latencies):.1f} ms"
    )
    missed = [
        name
        for name, ok in (
            ("p99", p99 < 100),
            ("throughput", ratio >= 0.5),
            ("start", ours.start < 2),
        )
        if not ok
    ]
    if missed:
        print("targets missed: " + ", ".join(missed))
        return 1
    print("targets met")
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--answers", type=int, default=6, help="answers per applicant")
    parser.add_argument(
        "--think", type=float, default=0.0, help="max seconds an applicant pauses before answering"
    )
    options = parser.parse_args()
    try:
        code = asyncio.run(
            asyncio.wait_for(main(options.users, options.answers, options.think), TIME_LIMIT)
        )
    except (TimeoutError, AssertionError, RuntimeError) as error:
        print(f"bench_bot_load failed: {type(error).__name__}: {error}")
        code = 2
    sys.exit(code)
