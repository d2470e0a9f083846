"""Announcements from the console: compose, preview (the message as applicants will read it,
its audience and how many it reaches), confirm, then the report.

Sending reuses the bot's broadcast (`bot.broadcast`: rate limit, 429 pauses, a claim per
recipient so nobody gets it twice); it runs in the background and the report page follows
its counts.
"""

from __future__ import annotations

import asyncio
import logging

from aiohttp import web

from bot.broadcast import BroadcastReport, broadcast, direct_sender, rate_limiter
from bot.handlers.staff_tools import staff_text, visible_length
from bot.render import MAX_TEXT
from console.web import ConsoleDeps, deps, page, see_other, session_of
from dialogs.console import AUDIENCES, Audience, ConsoleAnnouncement, audience_of
from dialogs.staff import Applicant

log = logging.getLogger(__name__)


def _recipients(console_deps: ConsoleDeps, audience: Audience) -> list[Applicant]:
    staff = console_deps.staff
    return audience_of(audience, staff.lines(), staff.applicants())


def _audience_counts(console_deps: ConsoleDeps) -> dict[str, int]:
    staff = console_deps.staff
    lines, applicants = staff.lines(), staff.applicants()
    return {a: len(audience_of(a, lines, applicants)) for a in AUDIENCES}


async def compose(request: web.Request) -> web.Response:
    console_deps = deps(request)
    counts = await asyncio.to_thread(_audience_counts, console_deps)
    past = await asyncio.to_thread(console_deps.console.announcements)
    return page(
        request,
        "announcements.html.j2",
        counts=counts,
        audiences=AUDIENCES,
        past=past,
        text="",
        chosen="all",
        problem=None,
    )


async def _read(request: web.Request) -> tuple[str, Audience, str | None]:
    form = await request.post()
    text = str(form.get("message", "")).strip()
    audience = str(form.get("audience", "all"))
    chosen: Audience = next((a for a in AUDIENCES if a == audience), "all")
    problem = None
    if not text:
        problem = "empty"
    elif visible_length(staff_text("announcement", message=text)) > MAX_TEXT:
        problem = "too_long"
    return text, chosen, problem


async def preview(request: web.Request) -> web.Response:
    console_deps = deps(request)
    text, audience, problem = await _read(request)
    editing = (await request.post()).get("modifier") is not None  # "Modifier" on the preview
    if problem is not None or editing:
        counts = await asyncio.to_thread(_audience_counts, console_deps)
        past = await asyncio.to_thread(console_deps.console.announcements)
        return page(
            request,
            "announcements.html.j2",
            status=400 if problem is not None else 200,
            counts=counts,
            audiences=AUDIENCES,
            past=past,
            text=text,
            chosen=audience,
            problem=problem,
            limit=MAX_TEXT,
        )
    recipients = await asyncio.to_thread(_recipients, console_deps, audience)
    body = staff_text("announcement", message=text)
    return page(
        request,
        "announcement_preview.html.j2",
        text=text,
        audience=audience,
        body=body,
        count=len(recipients),
    )


async def send(request: web.Request) -> web.StreamResponse:
    console_deps = deps(request)
    text, audience, problem = await _read(request)
    if problem is not None or console_deps.bot is None:
        raise web.HTTPBadRequest
    recipients = await asyncio.to_thread(_recipients, console_deps, audience)
    staff = session_of(request).staff
    made = await asyncio.to_thread(
        console_deps.console.start_announcement, staff, text, audience, len(recipients)
    )
    console_deps.spawn(_run(console_deps, made, recipients))
    raise see_other(request, f"/annonces/{made.id}")


async def _run(
    console_deps: ConsoleDeps, made: ConsoleAnnouncement, recipients: list[Applicant]
) -> None:
    assert console_deps.bot is not None
    staff = console_deps.staff
    body = staff_text("announcement", message=made.text)

    async def blocked(applicant: Applicant) -> None:
        await asyncio.to_thread(staff.mark_blocked, applicant.owner)

    async def claim(applicant: Applicant) -> bool:
        return await asyncio.to_thread(staff.claim_recipient, made.claim_id, applicant)

    async def settle(applicant: Applicant, status: str) -> None:
        await asyncio.to_thread(staff.settle_recipient, made.claim_id, applicant, status)

    try:
        run = await broadcast(
            recipients,
            body,
            send=direct_sender(console_deps.bot),
            on_blocked=blocked,
            claim=claim,
            settle=settle,
            limiter=rate_limiter(),
        )
        log.info("console announcement %d: %s", made.id, run)
    finally:
        await asyncio.to_thread(console_deps.console.finish_announcement, made.id)


async def report(request: web.Request) -> web.Response:
    raw = request.match_info["number"]
    if not raw.isdigit() or len(raw) > 12:
        raise web.HTTPNotFound
    console_deps = deps(request)
    made = await asyncio.to_thread(console_deps.console.announcement, int(raw))
    if made is None:
        raise web.HTTPNotFound
    counts = await asyncio.to_thread(console_deps.staff.announcement_counts, made.claim_id)
    result = BroadcastReport.of_counts(made.recipients, counts, earlier=0)
    if made.finished_at is None:  # still on its way: what has left so far
        result.interrupted = 0
    body = staff_text("announcement", message=made.text)
    return page(
        request, "announcement_report.html.j2", made=made, report=result, counts=counts, body=body
    )


def add_routes(router: web.UrlDispatcher, prefix: str) -> None:
    router.add_get(f"{prefix}/annonces", compose, name="announcements")
    router.add_post(f"{prefix}/annonces/apercu", preview, name="announcement_preview")
    router.add_post(f"{prefix}/annonces/envoi", send, name="announcement_send")
    router.add_get(f"{prefix}/annonces/{{number}}", report, name="announcement_report")
