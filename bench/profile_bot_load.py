"""Where our bot's CPU per answer goes: the paced load of `bench_bot_load.py`, instrumented.

    .venv/bin/python bench/profile_bot_load.py [--users 20] [--answers 30] [--think 4]
                                               [--no-echo]

Runs the paced phase of `bench/bench_bot_load.py` (same fake Bot API, same applicants) for
`aap-bot run`, then for the fair echo bot, each in a child process of this script that counts
from the moment start-up work is over (SIGUSR1) until the last answer (SIGUSR2), and prints,
per answer:

- the CPU of each process's main thread (aiogram, aiohttp, the event loop) and of its worker
  threads (`asyncio.to_thread`: the service, the update journal), from Linux's per-thread
  counters, and their context switches;
- the CPU the worker threads spent in each part of our bot (`InterviewService.handle`,
  `.delivered`, the journal's `record_updates`, the staff summaries, the FSM storage) and in
  garbage collection, measured with `time.thread_time` around each call (exact, cheap);
- SQL statements by kind and table, transactions, thread hand-offs, Bot API requests.

With `PROFILE_MAIN_THREAD=FILE` set, each child also writes cProfile statistics timed with
each thread's own CPU clock (`time.thread_time`, so that waiting for the GIL is not counted):
its main thread to `FILE.ours` (or `FILE.echo`), the worker threads' timed calls to
`FILE.worker0`, `FILE.worker1`… (read them with `pstats`; the profiler slows the bot about
threefold, so its shares matter, not its times).

The figures are deterministic counts and thread CPU times, not samples; they vary with the
machine's load like every figure of `bench_bot_load.py` (the load average is printed).
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import json
import os
import re
import signal
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
SCRIPT = str(Path(__file__).resolve())

# -- the child: the bot (or the echo bot) with counters -------------------------------------------

COUNTS: collections.Counter[str] = collections.Counter()
CPU: collections.Counter[str] = collections.Counter()
DURATIONS: dict[str, list[float]] = {}
COUNTING = threading.Event()
WORKER_PROFILERS: dict[int, Any] = {}


def _timed(owner: Any, name: str, label: str) -> None:
    """Wrap `owner.name` to add its thread CPU time to `CPU[label]` while counting."""
    function = getattr(owner, name)

    def timed(*args: Any, **kwargs: Any) -> Any:
        started = time.thread_time()
        profiler = WORKER_PROFILERS.get(threading.get_ident()) if COUNTING.is_set() else None
        if profiler is None and COUNTING.is_set() and os.environ.get("PROFILE_MAIN_THREAD"):
            import cProfile

            profiler = WORKER_PROFILERS[threading.get_ident()] = cProfile.Profile(time.thread_time)
        if profiler is not None:
            profiler.enable()
        try:
            return function(*args, **kwargs)
        finally:
            if profiler is not None:
                profiler.disable()
            if COUNTING.is_set():
                spent = time.thread_time() - started
                CPU[label] += spent
                DURATIONS.setdefault(label, []).append(spent)

    setattr(owner, name, timed)


def _instrument(ours: bool) -> None:
    import gc

    from aiogram.client.session.aiohttp import AiohttpSession
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    original_to_thread = asyncio.to_thread

    async def to_thread(function: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
        if COUNTING.is_set():
            COUNTS["thread hand-offs"] += 1
        return await original_to_thread(function, *args, **kwargs)

    asyncio.to_thread = to_thread

    session_class = AiohttpSession
    if ours:  # our bot's own session class (requests as a JSON body; a file: aiogram's)
        from bot.session import JsonBodySession as session_class
    make_request = session_class.make_request

    async def counted_request(self: Any, bot: Any, method: Any, timeout: Any = None) -> Any:  # noqa: ASYNC109
        if COUNTING.is_set():
            COUNTS[f"Bot API {type(method).__name__}"] += 1
        return await make_request(self, bot, method, timeout)

    session_class.make_request = counted_request  # type: ignore[method-assign]

    collecting: dict[int, float] = {}

    def on_gc(phase: str, info: dict[str, Any]) -> None:
        if not COUNTING.is_set():
            return
        if phase == "start":
            collecting[threading.get_ident()] = time.thread_time()
        elif (started := collecting.pop(threading.get_ident(), None)) is not None:
            CPU[f"garbage collection (gen {info['generation']})"] += time.thread_time() - started

    gc.callbacks.append(on_gc)
    if not ours:
        return

    @event.listens_for(Engine, "before_cursor_execute")
    def on_statement(*args: Any) -> None:
        if COUNTING.is_set():
            words = args[2].split()
            target = next((words[i + 1] for i, w in enumerate(words) if w in _TABLE_WORDS), "")
            COUNTS[f"SQL {words[0]} {target}"] += 1

    @event.listens_for(Engine, "commit")
    def on_commit(*_: Any) -> None:
        if COUNTING.is_set():
            COUNTS["SQL transactions committed"] += 1

    import bot.fsm
    import bot.polling
    from dialogs.service import InterviewService
    from dialogs.staff import StaffService

    _timed(InterviewService, "handle", "service.handle (interview, SQL)")
    _timed(InterviewService, "delivered", "service.delivered (+ update closed)")
    _timed(bot.polling, "record_updates", "journal: record_updates")
    _timed(StaffService, "refresh_summaries", "staff summaries (background)")
    _timed(bot.fsm, "load_record", "FSM storage: load_record")


_TABLE_WORDS = ("INTO", "UPDATE", "FROM")


def child(out: str, ours: bool, argv: list[str]) -> None:
    _instrument(ours)

    import cProfile

    profile_to = os.environ.get("PROFILE_MAIN_THREAD")
    profiler = cProfile.Profile(time.thread_time) if profile_to else None

    def start(*_: Any) -> None:
        COUNTS.clear()
        CPU.clear()
        DURATIONS.clear()
        COUNTING.set()
        if profiler is not None:
            profiler.enable()

    def stop(*_: Any) -> None:
        COUNTING.clear()
        if profiler is not None:
            profiler.disable()
            profiler.dump_stats(f"{profile_to}.{'ours' if ours else 'echo'}")
            for number, worker in enumerate(WORKER_PROFILERS.values()):
                worker.dump_stats(f"{profile_to}.worker{number}")
        medians = {k: statistics.median(v) for k, v in DURATIONS.items() if v}
        Path(out).write_text(json.dumps({"counts": COUNTS, "parts": CPU, "medians": medians}))

    signal.signal(signal.SIGUSR1, start)
    signal.signal(signal.SIGUSR2, stop)
    if ours:
        sys.argv = ["aap-bot", "run"]
        from app.cli import main

        main()
    else:
        sys.argv = ["echo_bot", *argv]
        from tests.fakebotapi import echo_bot

        echo_bot.main()


# -- the parent: the paced phase, then the report --------------------------------------------------


def threads(pid: int) -> dict[str, float]:
    """CPU seconds and context switches of the main thread and of the others (Linux)."""
    out: collections.Counter[str] = collections.Counter()
    ticks = os.sysconf("SC_CLK_TCK")
    for tid in os.listdir(f"/proc/{pid}/task"):
        which = "main thread" if int(tid) == pid else "worker threads"
        try:
            stat = Path(f"/proc/{pid}/task/{tid}/stat").read_text().rpartition(")")[2].split()
            status = Path(f"/proc/{pid}/task/{tid}/status").read_text()
        except OSError:
            continue
        out[f"{which}: CPU"] += (int(stat[11]) + int(stat[12])) / ticks
        out[f"{which}: context switches"] += sum(
            int(n) for n in re.findall(r"ctxt_switches:\s+(\d+)", status)
        )
    return dict(out)


async def phase(
    name: str, users: int, lines: list[str], think: float, first_id: int, workdir: Path, api: Any
) -> dict[str, Any]:
    import bench_bot_load as load

    ours = name == "aap-bot"
    out = workdir / f"{name}.json"
    args = [SCRIPT, "--child", str(out), "--ours" if ours else "--echo"]
    if not ours:
        args += ["--", *load.echo_args(api, "auto", workdir / "fair.db")[2:]]
    process, _start = await load.spawn(api, workdir, name, args)
    try:
        await load.settle(process.pid)
        process.send_signal(signal.SIGUSR1)
        await asyncio.sleep(0.2)
        before, cpu_before = threads(process.pid), load.cpu_seconds(process.pid)
        results = await asyncio.gather(
            *(
                load.applicant(api, first_id + n, lines, echo=not ours, think=think, fair=not ours)
                for n in range(users)
            )
        )
        after, cpu_after = threads(process.pid), load.cpu_seconds(process.pid)
        process.send_signal(signal.SIGUSR2)
        for _ in range(100):
            if out.exists():
                break
            await asyncio.sleep(0.1)
    finally:
        process.terminate()
        await process.wait()
    answers = sum(len(r) for r in results)
    assert cpu_before is not None and cpu_after is not None
    found = json.loads(out.read_text())
    return {
        "answers": answers,
        "cpu": cpu_after - cpu_before,
        "threads": {k: after[k] - before.get(k, 0.0) for k in after},
        **found,
    }


def report(name: str, figures: dict[str, Any]) -> None:
    answers = figures["answers"]
    print(f"\n{name}: {answers} answers, CPU per answer {1000 * figures['cpu'] / answers:.2f} ms")
    for key, value in sorted(figures["threads"].items()):
        unit = "ms" if key.endswith("CPU") else "per answer"
        scale = 1000 if key.endswith("CPU") else 1
        print(f"  {key:<46} {scale * value / answers:7.2f} {unit}")
    for key, value in sorted(figures["parts"].items(), key=lambda kv: -kv[1]):
        median = figures["medians"].get(key)
        detail = f" (median call {1000 * median:.2f} ms)" if median is not None else ""
        print(f"  {key:<46} {1000 * value / answers:7.2f} ms{detail}")
    for key, value in sorted(figures["counts"].items(), key=lambda kv: (kv[0][:3], -kv[1])):
        print(f"  {key:<46} {value / answers:7.2f} per answer")


async def main(users: int, answers: int, think: float, echo: bool) -> None:
    import bench_bot_load as load

    from tests.bot_support import interview_steps
    from tests.fakebotapi import FakeBotAPI

    lines = interview_steps()[:answers]
    before = load.load()
    results: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="profile-bot-load-") as tmp:
        async with FakeBotAPI() as api:
            names = ["aap-bot", "echo+"] if echo else ["aap-bot"]
            for number, name in enumerate(names):
                workdir = Path(tmp) / name
                workdir.mkdir()
                first_id = 10_000 * (number + 1)
                results[name] = await phase(name, users, lines, think, first_id, workdir, api)
    print(
        f"profile_bot_load: {users} applicants, {answers} answers each, paced {think:g} s; "
        f"{os.cpu_count()} CPUs; {before} before, {load.load()} after"
    )
    for name, figures in results.items():
        report(name, figures)


if __name__ == "__main__":
    if len(sys.argv) > 3 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3] == "--ours", sys.argv[5:])
        sys.exit(0)
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--answers", type=int, default=30)
    parser.add_argument("--think", type=float, default=4.0)
    parser.add_argument("--no-echo", action="store_true", help="our bot only")
    options = parser.parse_args()
    asyncio.run(main(options.users, options.answers, options.think, not options.no_echo))
