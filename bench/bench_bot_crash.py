"""Crash safety at scale: 100 SIGKILLs during one applicant's scripted interview.

    .venv/bin/python bench/bench_bot_crash.py [--kills 100] [--seed 7]

The scenario of `tests/test_bot_crash.py` (same code): the bot (`aap-bot run`, SQLite) is
killed with SIGKILL at seeded random points of the interview (just pushed, handed out by
getUpdates, first answer on the wire, random delay, during the restart) and restarted on the
same database and fake Bot API server (127.0.0.1), next to a clean run of the same script.
Checks that every update the fake server saw confirmed and answered is applied exactly once
and that the answer journal and the dossier equal the clean run's; prints the figures.
Exits 0 when all checks pass, 1 otherwise. Bounded: 15 minutes at most.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.test_bot_crash import crash_scenario  # noqa: E402

TIME_LIMIT = 900.0


async def main(kills: int, seed: int) -> int:
    with tempfile.TemporaryDirectory(prefix="bench-bot-crash-") as tmp:
        began = time.monotonic()
        crashed, clean, _plan = await crash_scenario(Path(tmp), seed=seed, kills=kills)
        wall = time.monotonic() - began
        journal = len(clean.bot.journal()) if clean.bot is not None else 0
    restarts = sorted(crashed.restarts[1:])  # the first start is a cold one
    redelivered = sum(1 for u in crashed.update_ids if crashed.api.updates[u].deliveries >= 2)
    phases = Counter(point.phase for point, _ in crashed.killed)
    on_clicks = sum(1 for point, action in crashed.killed if action == "click")
    print(
        f"bench_bot_crash: seed {seed}, {crashed.kills} SIGKILLs, {len(crashed.update_ids)} updates"
    )
    print(
        f"  kill points (a restart point kills twice): {dict(sorted(phases.items()))}, {on_clicks} while a button click was in flight"
    )
    print(
        f"  updates handed out again after a kill: {redelivered}; all {len(crashed.update_ids)} confirmed, answered and applied once"
    )
    print(f"  answer journal: {journal} entries, equal to the clean run's; final dossier equal")
    print(
        f"  restart to first getUpdates (warm fork): median {1000 * statistics.median(restarts):.0f} ms, "
        f"max {1000 * max(restarts):.0f} ms; cold first start {crashed.restarts[0]:.2f} s"
    )
    print(f"  wall time {wall:.1f} s")
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--kills", type=int, default=100)
    parser.add_argument("--seed", type=int, default=7)
    options = parser.parse_args()
    try:
        code = asyncio.run(asyncio.wait_for(main(options.kills, options.seed), TIME_LIMIT))
    except (AssertionError, TimeoutError) as error:
        print(f"bench_bot_crash FAILED: {type(error).__name__}: {error}")
        code = 1
    sys.exit(code)
