"""The service's CPU per answer, alone: what the bot's worker threads do for each answer.

    .venv/bin/python bench/bench_service.py [--users 10] [--answers 30] [--runs 5]
                                            [--baseline REV] [--profile]

For each answer of `--users` applicants playing the first `--answers` lines of the scripted
interview (`examples/conversations/candidature-complete.txt`, a line that names a button of
a single-choice prompt clicked, as `tests/bot_support.action_for` does), the same calls as
`aap-bot run` makes for a Telegram update, in one thread, on an SQLite file (or
`DATABASE_URL`): the update journaled (`storage.updates.record_updates`), the event applied
(`InterviewService.handle`, channel "telegram", staff summaries off as in the bot), the reply
delivered with the update closed (`InterviewService.delivered`). Each run is a fresh process
and database; prints the CPU per answer (process time; start-up and a first applicant's
answers, which compile templates and fill caches, excluded) of each run and
their median. `--baseline REV` runs this same script against a checkout of REV (a temporary
git worktree), alternating with the working tree; `--profile` prints a cProfile of one run
instead (and writes its statistics to the file `PROFILE_TO` names, if set).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def one_run(users: int, answers: int, profile: bool) -> float:
    """CPU seconds per answer of one run in this process (the tree this script sits in)."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("AAP_BOT_TODAY", "2025-02-01")
    with tempfile.TemporaryDirectory(prefix="bench-service-") as tmp:
        os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.db")
        from app.bootstrap import bootstrap
        from app.settings import Settings
        from dialogs.events import Choose, Command, Event, Text
        from dialogs.events import Message as EngineMessage
        from dialogs.people import Identity
        from storage.updates import record_updates

        app = bootstrap(Settings(), channel="telegram")
        service = app.service
        service.summaries = False  # as in `aap-bot run` (refreshed in the background)
        engine = service.store.engine  # type: ignore[attr-defined]
        script = (ROOT / "examples/conversations/candidature-complete.txt").read_text("utf-8")
        lines = ["/start", *script.splitlines()][:answers]

        def event_for(line: str, prompt: EngineMessage | None) -> Event:
            if line == "/start":
                return Command("start")
            if prompt is not None and prompt.key and not prompt.multi:
                options = [b for b in prompt.buttons if not b.nav]
                labels = {b.label.casefold(): b.id for b in options}
                if line.casefold() in labels:
                    return Choose(prompt.key, labels[line.casefold()])
                if line.isdigit() and 1 <= int(line) <= len(options):
                    return Choose(prompt.key, options[int(line) - 1].id)
            return Text(line)

        update_id, message_id = 1000, 1
        prompts: dict[int, EngineMessage | None] = dict.fromkeys(range(users))

        def answer(user: int, line: str) -> None:
            nonlocal update_id, message_id
            update_id += 1
            owner, chat = f"telegram:{500 + user}", 500 + user
            event = event_for(line, prompts[user])
            kind = "message" if not isinstance(event, Choose) else "callback_query"
            body = {"from": {"id": chat, "first_name": "Bench"}, "chat": {"id": chat}}
            record_updates(engine, [{"update_id": update_id, kind: body}], owner="bench")
            message_id += 1
            reply = service.handle(
                owner,
                event,
                chat_id=chat,
                event_id=f"tg:{update_id}",
                message_id=message_id if isinstance(event, Text) else None,
                received=update_id if isinstance(event, Text) else None,
                identity=Identity("Bench", None, None),
            )
            message_id += 1
            if reply.revision is not None:
                service.delivered(owner, reply.revision, message_id, closes=update_id)
            last = reply.messages[-1] if reply.messages else None
            prompts[user] = last if last is not None and last.is_prompt else prompts[user]

        def play() -> None:
            for line in lines:
                for user in range(users):
                    answer(user, line)

        # One applicant first, not counted: what each process does once (templates compiled,
        # vocabularies read, plans cached) is not per answer.
        prompts[users] = None
        for line in lines:
            answer(users, line)

        started = time.process_time()
        if profile:
            import cProfile
            import pstats

            profiler = cProfile.Profile()
            profiler.runcall(play)
            spent = time.process_time() - started
            stats = pstats.Stats(profiler)
            if os.environ.get("PROFILE_TO"):
                stats.dump_stats(os.environ["PROFILE_TO"])
            stats.sort_stats("cumulative").print_stats(45)
            stats.sort_stats("tottime").print_stats(30)
        else:
            play()
            spent = time.process_time() - started
        service.store.dispose()  # type: ignore[attr-defined]
        return spent / (users * len(lines))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=10)
    parser.add_argument("--answers", type=int, default=30)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--baseline", help="a git revision to alternate with")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child or options.profile:
        per_answer = one_run(options.users, options.answers, options.profile)
        print(f"{1000 * per_answer:.4f}")
        return
    trees = {"working tree": ROOT}
    with tempfile.TemporaryDirectory(prefix="bench-service-base-") as tmp:
        if options.baseline:
            base = Path(tmp) / "base"
            subprocess.run(
                [
                    "git",
                    "-C",
                    str(ROOT),
                    "worktree",
                    "add",
                    "--detach",
                    str(base),
                    options.baseline,
                ],
                check=True,
                capture_output=True,
            )
            script = base / "bench" / "bench_service.py"
            if not script.exists():  # a revision from before this script: this one, run there
                script.write_text(Path(__file__).read_text("utf-8"), "utf-8")
            trees[options.baseline] = base
        figures: dict[str, list[float]] = {name: [] for name in trees}
        try:
            for _ in range(options.runs):
                for name, tree in trees.items():
                    out = subprocess.run(
                        [
                            sys.executable,
                            str(tree / "bench" / "bench_service.py"),
                            "--child",
                            f"--users={options.users}",
                            f"--answers={options.answers}",
                        ],
                        check=True,
                        capture_output=True,
                        text=True,
                        cwd=tree,
                    )
                    figures[name].append(float(out.stdout.split()[-1]))
        finally:
            if options.baseline:
                subprocess.run(
                    [
                        "git",
                        "-C",
                        str(ROOT),
                        "worktree",
                        "remove",
                        "--force",
                        str(Path(tmp) / "base"),
                    ],
                    check=False,
                )
    load = Path("/proc/loadavg").read_text().split()[:3]
    print(f"bench_service: {options.users} applicants × {options.answers} answers, load {load}")
    for name, values in figures.items():
        runs = " ".join(f"{v:.3f}" for v in values)
        print(f"  {name:<14} median {statistics.median(values):.3f} ms/answer  (runs: {runs})")
    if options.baseline:
        ratio = statistics.median(figures["working tree"]) / statistics.median(
            figures[options.baseline]
        )
        print(f"  ratio working tree / {options.baseline}: {ratio:.2f}")


if __name__ == "__main__":
    main()
