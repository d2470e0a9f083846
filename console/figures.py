"""Statistics (figures, the funnel drawn server-side, questions), the exports streamed as
they are read (`dialogs.exports`), and the audit log."""

from __future__ import annotations

import asyncio
import contextlib
import os
import queue
import tempfile
import threading
from collections.abc import AsyncGenerator, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from aiohttp import web
from markupsafe import Markup

from console.listing import SLUG_OF_STATE
from console.web import deps, page, session_of
from dialogs.exports import CSV_MIME, JSON_MIME, XLSX_MIME, Exporter
from dialogs.funnel_svg import funnel_stages, funnel_svg
from dialogs.question_figures import format_duration

CHUNK = 256 * 1024


@dataclass(frozen=True)
class Export:
    label: str
    suffix: str  # after the stem: ".xlsx", "-actions.csv"
    mime: str


EXPORTS = {
    "xlsx": Export(
        "Classeur Excel (XLSX) : une feuille des dossiers, une des actions", ".xlsx", XLSX_MIME
    ),
    "csv": Export("Tableau CSV des dossiers", ".csv", CSV_MIME),
    "actions-csv": Export("Tableau CSV des actions", "-actions.csv", CSV_MIME),
    "json": Export("JSON (le format d’export, réimportable)", ".json", JSON_MIME),
}


async def statistics(request: web.Request) -> web.Response:
    staff = deps(request).staff
    figures = await asyncio.to_thread(staff.stats)
    questions = await asyncio.to_thread(staff.question_figures)
    stages = funnel_stages(figures)
    chart = Markup(  # built escaped by dialogs.funnel_svg; CSS shows one layout
        funnel_svg(stages) + funnel_svg(stages, chart_id="funnel-narrow", narrow=True)
    )
    return page(
        request,
        "statistics.html.j2",
        figures=figures,
        funnel=chart,
        questions=questions,
        median=format_duration(questions.median_staff_answer),
        state_slugs=SLUG_OF_STATE,
    )


async def exports(request: web.Request) -> web.Response:
    return page(request, "exports.html.j2", exports=EXPORTS)


async def export(request: web.Request) -> web.StreamResponse:
    """Every dossier, sent as it is read: CSV and JSON chunk by chunk; the XLSX (a zip,
    complete only at its end) written to a temporary file first, then sent in chunks."""
    fmt = request.match_info["fmt"]
    wanted = EXPORTS.get(fmt)
    if wanted is None:
        raise web.HTTPNotFound
    console_deps = deps(request)
    staff = console_deps.staff
    exporter = await asyncio.to_thread(staff.exporter)
    name = f"{await asyncio.to_thread(staff.export_stem)}{wanted.suffix}"
    who = session_of(request).staff
    await asyncio.to_thread(console_deps.console.record, who, "export", fmt, name)
    response = web.StreamResponse(
        headers={
            "Content-Type": wanted.mime,
            "Content-Disposition": f'attachment; filename="{name}"',
        }
    )
    chunks = _chunks(exporter, fmt)
    await response.prepare(request)
    # Closed as soon as the request ends, even cut short by the client (cancelled while
    # writing): its worker thread then gives its database connection back before the
    # response is done, not whenever the garbage collector finds it.
    async with contextlib.aclosing(_in_a_thread(chunks)) as produced:
        async for chunk in produced:
            await response.write(chunk)
    await response.write_eof()
    return response


def _chunks(exporter: Exporter, fmt: str) -> Callable[[], Iterator[bytes]]:
    """A generator of the export's bytes, to run in a worker thread (it reads the database)."""
    if fmt == "csv":
        return lambda: exporter.iter_csv("dossiers")
    if fmt == "actions-csv":
        return lambda: exporter.iter_csv("actions")
    if fmt == "json":
        return exporter.iter_json

    def xlsx() -> Iterator[bytes]:
        handle, path = tempfile.mkstemp(prefix="aap-console-", suffix=".xlsx")
        os.close(handle)
        try:
            exporter.write_xlsx(path)
            with Path(path).open("rb") as workbook:
                while chunk := workbook.read(CHUNK):
                    yield chunk
        finally:
            with contextlib.suppress(OSError):
                os.unlink(path)

    return xlsx


async def _in_a_thread(make: Callable[[], Iterator[bytes]]) -> AsyncGenerator[bytes, None]:
    """The chunks of `make()` produced in one worker thread (one database session, used by
    one thread), at most a few ahead of the client; the thread stops if the client goes.
    Closing this iterator waits for the thread's end: `make()` has then given back what it
    held (its database connection) before the request ends and the store may be closed."""
    chunks: queue.Queue[bytes | BaseException | None] = queue.Queue(maxsize=4)
    gone = threading.Event()
    loop = asyncio.get_running_loop()
    ended: asyncio.Future[None] = loop.create_future()

    def offer(item: bytes | BaseException | None) -> None:
        while not gone.is_set():
            try:
                chunks.put(item, timeout=0.5)
                return
            except queue.Full:
                continue

    def produce() -> None:
        try:
            for chunk in make():
                offer(chunk)
                if gone.is_set():
                    return  # (`make()`'s generator is closed here, in this thread)
            offer(None)
        except BaseException as error:  # handed to the request, raised there
            offer(error)
        finally:
            with contextlib.suppress(RuntimeError):  # (the loop closed: nobody waits)
                loop.call_soon_threadsafe(_settle, ended)

    worker = threading.Thread(target=produce, name="console-export", daemon=True)
    worker.start()
    try:
        while True:
            item = await asyncio.to_thread(chunks.get)
            if item is None:
                return
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        gone.set()  # the worker stops at its next chunk
        with contextlib.suppress(queue.Empty):  # (and a put blocked on a full queue goes on)
            while True:
                chunks.get_nowait()
        # A request ended early (the client left) may leave a thread waiting in
        # `chunks.get` (the read it was cancelled in): an end marker wakes it. Put before
        # waiting, which a second cancellation may cut short (the worker, seeing `gone`,
        # puts nothing more; its one blocked put fits in the emptied queue).
        with contextlib.suppress(queue.Full):
            chunks.put_nowait(None)
        await asyncio.shield(ended)


def _settle(ended: asyncio.Future[None]) -> None:
    if not ended.done():
        ended.set_result(None)


async def journal(request: web.Request) -> web.Response:
    raw = request.query.get("page", "1")
    number = min(int(raw), 10_000) if raw.isdigit() and int(raw) > 0 else 1
    size = 100
    console = deps(request).console
    entries = await asyncio.to_thread(console.audit_log, limit=size + 1, offset=(number - 1) * size)
    kinds = await asyncio.to_thread(console.ticket_kinds, entries[:size])
    return page(
        request,
        "journal.html.j2",
        entries=entries[:size],
        ticket_kinds=kinds,
        page_number=number,
        more=len(entries) > size,
    )


def add_routes(router: web.UrlDispatcher, prefix: str) -> None:
    router.add_get(f"{prefix}/statistiques", statistics, name="statistics")
    router.add_get(f"{prefix}/exports", exports, name="exports")
    router.add_get(f"{prefix}/exports/{{fmt}}", export, name="export")
    router.add_get(f"{prefix}/journal", journal, name="journal")
