"""Staff exports in a process of their own, so that applicants never wait behind one.

An export of 10 000 dossiers is about fifteen seconds of pure Python (plan facts, rows, XLSX
cells). In a thread of the bot's process it would hold the interpreter lock against every
applicant's answer (their replies went from about 20 ms to 70 ms median, and past the
150 ms p99 the issue allows). A spawned child has its own interpreter: the bot keeps one core,
the export the other; its memory is given back to the system when it ends.

The child is wired by the same composition root (`app.bootstrap`) from the same settings, at
the parent's instant (time is injected, never read in the child either). It reports its
progress through shared memory, read by the parent as often as it likes, and its result
(the files written, or the error's text) through a pipe.

A database only the parent can see (SQLite in memory) is exported in the calling thread.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import multiprocessing
import multiprocessing.connection
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from app.clock import FixedClock
from app.settings import Settings
from dialogs import exports
from dialogs.export_choice import KINDS
from dialogs.exports import ExportFile, ExportWriter, Progress
from dialogs.ports import Clock, FaqRecord
from dialogs.support_types import FoundAnswer

#: How often the parent looks at the child's progress (seconds).
POLL_S = 0.25
#: The export's scheduling priority, below the bot's (0).
NICENESS = 10


class ExportFailed(RuntimeError):
    """The child could not finish (its error's text, or how it ended)."""


def shared_database(url: str) -> bool:
    """Whether another process can open the database (not SQLite in memory)."""
    if not url.startswith("sqlite"):
        return True
    return ":memory:" not in url and url.rstrip("/") not in ("sqlite:", "sqlite+pysqlite:")


def process_exporter(settings: Settings, clock: Clock, inline: ExportWriter) -> ExportWriter:
    """`inline` (the staff service's own export), run in a spawned process when the database
    can be shared, else as it is."""
    if not shared_database(settings.database_url):
        return inline

    def export(
        directory: Path, progress: Progress | None = None, kinds: tuple[str, ...] = KINDS
    ) -> list[ExportFile]:
        return export_in_process(settings, clock.now(), directory, progress, kinds)

    return export


def export_in_process(
    settings: Settings,
    now: dt.datetime,
    directory: Path,
    progress: Progress | None = None,
    kinds: tuple[str, ...] = KINDS,
) -> list[ExportFile]:
    """The export written into `directory` by a child process; blocks until it ends (call
    it from a worker thread). `progress(done, total)` is called as the child advances. The
    parts' size limit is this process's `EXPORT_PART_LIMIT`, read now and handed to the
    child (a spawned child imports its own modules)."""
    part_limit = exports.EXPORT_PART_LIMIT
    context = multiprocessing.get_context("spawn")
    counts = context.Array("q", 2, lock=False)  # done, total
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(
        target=_child,
        args=(settings, now, str(directory), counts, sender, part_limit, kinds),
        name="aap-bot-export",
        daemon=True,
    )
    child.start()
    sender.close()
    seen = (-1, -1)
    try:
        while not receiver.poll(POLL_S):
            if not child.is_alive() and not receiver.poll(0):
                raise ExportFailed(f"export process ended (exit code {child.exitcode})")
            current = (counts[0], counts[1])
            if progress is not None and current != seen and current[1] > 0:
                seen = current
                progress(*current)
        try:
            kind, payload = receiver.recv()
        except EOFError as error:
            raise ExportFailed(f"export process ended (exit code {child.exitcode})") from error
    finally:
        receiver.close()
        child.join(timeout=10)
        if child.is_alive():
            child.kill()
            child.join()
    if kind == "error":
        raise ExportFailed(str(payload))
    files: list[ExportFile] = payload
    if progress is not None and files:
        progress(counts[0], counts[0])
    return files


def _child(
    settings: Settings,
    now: dt.datetime,
    directory: str,
    counts: Any,
    sender: multiprocessing.connection.Connection,
    part_limit: int,
    kinds: tuple[str, ...] = KINDS,
) -> None:
    """The child's work: wire the app as the parent did, export, send the result back. It
    runs at a lower priority (nice 10): on a busy machine the applicants' answers come first,
    the export takes what is left."""
    with contextlib.suppress(AttributeError, OSError):  # (not on every platform)
        os.nice(NICENESS)
    from app.bootstrap import bootstrap

    def progress(done: int, total: int) -> None:
        counts[0], counts[1] = done, total

    try:
        app = bootstrap(settings, clock=FixedClock(now), finder=_no_questions)
        try:
            files = app.staff.export_files(Path(directory), progress, kinds, part_limit=part_limit)
        finally:
            app.close()
        sender.send(("files", files))
    except BaseException as error:  # reported to the parent, which logs it
        sender.send(("error", f"{type(error).__name__}: {error}"))
    finally:
        sender.close()


def _no_questions(question: str, faq: Sequence[FaqRecord]) -> FoundAnswer:
    """The child answers no question (the knowledge base is not loaded there)."""
    raise AssertionError("no questions in the export process")
