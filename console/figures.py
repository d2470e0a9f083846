"""Statistics (figures, the funnel drawn server-side, questions), exports and the audit log."""

from __future__ import annotations

import asyncio

from aiohttp import web
from markupsafe import Markup

from console.web import deps, page, session_of
from dialogs.funnel_svg import funnel_stages, funnel_svg
from dialogs.question_figures import format_duration

EXPORTS = {"xlsx": "Classeur Excel (XLSX)", "csv": "Tableau CSV", "json": "JSON (format d’export)"}


async def statistics(request: web.Request) -> web.Response:
    staff = deps(request).staff
    figures = await asyncio.to_thread(staff.stats)
    questions = await asyncio.to_thread(staff.question_figures)
    chart = Markup(funnel_svg(funnel_stages(figures)))
    return page(
        request,
        "statistics.html.j2",
        figures=figures,
        funnel=chart,
        questions=questions,
        median=format_duration(questions.median_staff_answer),
    )


async def exports(request: web.Request) -> web.Response:
    return page(request, "exports.html.j2", exports=EXPORTS)


async def export(request: web.Request) -> web.StreamResponse:
    fmt = request.match_info["fmt"]
    if fmt not in EXPORTS:
        raise web.HTTPNotFound
    console_deps = deps(request)
    files = await asyncio.to_thread(console_deps.staff.exports)
    file = next(f for f in files if f.name.endswith(f".{fmt}"))
    staff = session_of(request).staff
    await asyncio.to_thread(console_deps.console.record, staff, "export", fmt, file.name)
    return web.Response(
        body=file.content,
        headers={
            "Content-Type": file.mime,
            "Content-Disposition": f'attachment; filename="{file.name}"',
        },
    )


async def journal(request: web.Request) -> web.Response:
    raw = request.query.get("page", "1")
    number = min(int(raw), 10_000) if raw.isdigit() and int(raw) > 0 else 1
    size = 100
    entries = await asyncio.to_thread(
        deps(request).console.audit_log, limit=size + 1, offset=(number - 1) * size
    )
    return page(
        request,
        "journal.html.j2",
        entries=entries[:size],
        page_number=number,
        more=len(entries) > size,
    )


def add_routes(router: web.UrlDispatcher, prefix: str) -> None:
    router.add_get(f"{prefix}/statistiques", statistics, name="statistics")
    router.add_get(f"{prefix}/exports", exports, name="exports")
    router.add_get(f"{prefix}/exports/{{fmt}}", export, name="export")
    router.add_get(f"{prefix}/journal", journal, name="journal")
