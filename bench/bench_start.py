"""Start to first getUpdates: cold, warm, and a supervised restart, next to an aiogram echo bot.

    .venv/bin/python bench/bench_start.py [--runs 5]

In one run, against the fake Bot API (127.0.0.1):
- cold: `aap-bot run` on a new SQLite database (created and migrated);
- warm: `aap-bot run` again on that database (what a supervisor's restart costs today);
- supervised restart: `aap-bot run --supervise`, its bot SIGKILLed, time from the kill to the
  new bot's first getUpdates (forked from the supervisor's imported modules);
- echo: the aiogram echo bot of the load bench (its floor: aiogram's import alone).
- baseline (`--baseline REV`, e.g. the commit before a change): the warm start of that
  revision (a temporary git worktree, its bytecode compiled, the same virtualenv), its runs
  alternated with ours so that both meet the same load.
Medians of `--runs`; the load average is printed with them (the machine is shared).
Targets (issue 14): warm ≤ 1.5 s on an idle machine and ≤ 0.6 × the baseline's warm start
(without a baseline: the supervised restart against our plain warm start). Exits 1 when the
ratio target is missed.
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import contextlib
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_bot_load import spawn  # noqa: E402
from tests.fakebotapi import FakeBotAPI  # noqa: E402


async def stop(process: asyncio.subprocess.Process) -> None:
    if process.returncode is None:
        process.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(process.wait(), 20)
        except TimeoutError:
            process.kill()
            await process.wait()


async def plain_starts(
    api: FakeBotAPI, workdir: Path, runs: int, baseline: Path | None
) -> tuple[float, list[float], list[float]]:
    """Our cold start, our warm starts and, alternated with them, the baseline's."""
    cold = 0.0
    warm: list[float] = []
    before: list[float] = []
    other = workdir / "baseline"
    other.mkdir()
    for index in range(runs + 1):
        process, seconds = await spawn(api, workdir, "plain", ["-m", "app.cli", "run"])
        await stop(process)
        if index == 0:
            cold = seconds
        else:
            warm.append(seconds)
        if baseline is not None:
            process, seconds = await spawn(
                api, other, "baseline", ["-m", "app.cli", "run"], PYTHONPATH=str(baseline)
            )
            await stop(process)
            if index > 0:  # (the first one created its database)
                before.append(seconds)
    return cold, warm, before


@contextlib.contextmanager
def checked_out(revision: str | None) -> Iterator[Path | None]:
    """`revision` in a temporary git worktree (bytecode compiled), removed afterwards."""
    if revision is None:
        yield None
        return
    with tempfile.TemporaryDirectory(prefix="bench-start-baseline-") as directory:
        tree = Path(directory) / "tree"
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "--detach", "--quiet", str(tree), revision],
            check=True,
        )
        try:
            compileall.compile_dir(tree, quiet=1, workers=0)
            yield tree
        finally:
            subprocess.run(
                ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], check=True
            )


async def supervised_restarts(api: FakeBotAPI, workdir: Path, runs: int) -> list[float]:
    process, _ = await spawn(api, workdir, "supervised", ["-m", "app.cli", "run", "--supervise"])
    restarts: list[float] = []
    try:
        for _ in range(runs):
            await asyncio.sleep(0.5)
            pids = _children(process.pid)  # the bot is the supervisor's only child
            polls = api._poll_generation
            killed = time.monotonic()
            os.kill(pids[-1], signal.SIGKILL)
            while api._poll_generation <= polls:  # noqa: ASYNC110 - polled at 2 ms, as the load bench
                await asyncio.sleep(0.002)
            restarts.append(time.monotonic() - killed)
    finally:
        await stop(process)
    return restarts


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()]


async def echo_starts(api: FakeBotAPI, workdir: Path, runs: int) -> list[float]:
    starts = []
    for _ in range(runs):
        process, seconds = await spawn(
            api,
            workdir,
            "echo",
            ["-m", "tests.fakebotapi.echo_bot", "--api", api.base_url, "--token", api.token],
        )
        await stop(process)
        starts.append(seconds)
    return starts


async def main(runs: int, baseline: str | None) -> int:
    async with FakeBotAPI() as api:
        with tempfile.TemporaryDirectory() as directory, checked_out(baseline) as tree:
            workdir = Path(directory)
            cold, warm, before = await plain_starts(api, workdir, runs, tree)
            supervised = await supervised_restarts(api, workdir, runs)
            echo = await echo_starts(api, workdir, runs)
    load = os.getloadavg()
    warm_median = statistics.median(warm)
    restart_median = statistics.median(supervised)
    print(f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; medians of {runs} runs")
    print(f"  cold (new database):        {cold:.2f} s")
    print(f"  warm (aap-bot run):         {warm_median:.2f} s  {[round(s, 2) for s in warm]}")
    if before:
        print(
            f"  warm, baseline {baseline}:  {statistics.median(before):.2f} s  "
            f"{[round(s, 2) for s in before]}"
        )
    print(
        f"  supervised restart (fork):  {restart_median:.2f} s  {[round(s, 2) for s in supervised]}"
    )
    print(f"  echo bot (aiogram floor):   {statistics.median(echo):.2f} s")
    if before:
        ratio = warm_median / statistics.median(before)
        print(
            f"  warm / baseline's warm: {ratio:.2f} (target ≤ 0.6: "
            f"{'met' if ratio <= 0.6 else 'missed'}); warm ≤ 1.5 s: "
            f"{'met' if warm_median <= 1.5 else 'missed'} (the target is for an idle machine)"
        )
    else:
        ratio = restart_median / warm_median
        print(
            f"  supervised / warm: {ratio:.2f} (target ≤ 0.6: {'met' if ratio <= 0.6 else 'missed'});"
            f" supervised ≤ 1.5 s: {'met' if restart_median <= 1.5 else 'missed'}"
        )
    return 0 if ratio <= 0.6 else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--baseline", metavar="REV", help="a git revision to compare with")
    options = parser.parse_args()
    sys.exit(asyncio.run(main(options.runs, options.baseline)))
