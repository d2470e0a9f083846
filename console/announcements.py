"""Announcements from the console, through the same service as `/annonce`
(`dialogs.announcing.Announcer`): the message is kept as a draft, its preview shows it as
applicants will read it with every audience and its count, and one form ticks the
audience and sends to it: nothing leaves before "Envoyer", and only to the audience ticked.
Sending reuses the bot's broadcast (`bot.broadcast`: rate limit, 429 pauses, a claim per
recipient so nobody gets it twice) in the background; the announcement's page then follows
its report.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from aiohttp import web

from bot.broadcast import (
    AnnouncementLedger,
    BroadcastReport,
    broadcast,
    direct_sender,
    rate_limiter,
)
from bot.handlers.staff_tools import visible_length
from bot.render import MAX_TEXT
from console.web import ConsoleDeps, deps, form_text, page, see_other, session_of
from dialogs.announcing import Preview, Start, announcement_message
from dialogs.console import StaffMember
from dialogs.ports import Announcement

log = logging.getLogger(__name__)


def _number(request: web.Request) -> int:
    raw = request.match_info["number"]
    if not raw.isdigit() or len(raw) > 12:
        raise web.HTTPNotFound
    return int(raw)


async def compose(request: web.Request) -> web.Response:
    return await _compose_page(request, text="", problem=None)


async def _compose_page(request: web.Request, *, text: str, problem: str | None) -> web.Response:
    past = await asyncio.to_thread(_sent, deps(request))
    return page(
        request,
        "announcements.html.j2",
        status=400 if problem else 200,
        past=past,
        text=text,
        problem=problem,
        limit=MAX_TEXT,
    )


async def prepare(request: web.Request) -> web.StreamResponse:
    """The message becomes a draft (for everyone), shown by its preview."""
    form = await request.post()
    text = form_text(form, "message").strip()
    problem = None
    if not text:
        problem = "empty"
    elif visible_length(announcement_message(text)) > MAX_TEXT:
        problem = "too_long"  # else Telegram would refuse it to everyone
    if problem is not None:
        return await _compose_page(request, text=text, problem=problem)
    staff = session_of(request).staff
    preview = await asyncio.to_thread(
        deps(request).announcer.prepare,
        text,
        author_id=staff.user_id,
        author_name=staff.name,
        chat_id=staff.user_id,  # written in the console: its author's own chat
        thread_id=None,
    )
    raise see_other(request, f"/annonces/{preview.announcement.id}")


async def announcement(request: web.Request) -> web.Response:
    """A draft's preview (message, audiences, send), or the report of one sent."""
    number = _number(request)
    console_deps = deps(request)
    found = await asyncio.to_thread(console_deps.announcer.get, number)
    if found is None:
        raise web.HTTPNotFound
    if found.status == "draft":
        preview = await asyncio.to_thread(console_deps.announcer.choose, number, found.audience)
        if preview is not None:
            return _preview_page(request, preview, problem=None)
        found = await asyncio.to_thread(console_deps.announcer.get, number)
        assert found is not None
    counts = await asyncio.to_thread(console_deps.staff.announcement_counts, number)
    report = BroadcastReport.of_counts(sum(counts.values()), counts, earlier=0)
    if found.status == "sending":
        report.interrupted = 0  # on their way: not interrupted, only not settled yet
    audience = await asyncio.to_thread(console_deps.announcer.audience_label, found.audience)
    return page(
        request,
        "announcement_report.html.j2",
        made=found,
        sent_by=None if found.confirmed_at is None else sent_by(found, {}),
        audience=audience,
        report=report,
        body=announcement_message(found.text),
    )


@dataclass(frozen=True)
class SentAnnouncement:
    """A line of the page's history: an announcement sent from the console or Telegram."""

    announcement: Announcement
    audience: str
    author: str  # "Marie Dupont (console)", "Paul Martin (Telegram, /annonce)"


def sent_by(made: Announcement, audit_names: dict[str, str]) -> str:
    """Who sent it and where: the console sends with `update_id=-number` (`send`),
    `/annonce` with its click's update. The name recorded with the confirmation; for one
    sent before names were kept, the console's audit log (console) or none (Telegram)."""
    in_console = (made.sending_update_id or 0) < 0
    name = made.confirmed_by_name or (audit_names.get(f"annonce {made.id}") if in_console else None)
    if in_console:
        return f"{name or 'un agent'} (console)"
    return f"{name} (Telegram, /annonce)" if name else "Telegram (/annonce)"


def _sent(console_deps: ConsoleDeps) -> list[SentAnnouncement]:
    """The latest sent announcements, wherever they were written (console or Telegram)."""
    announcer = console_deps.announcer
    entries = console_deps.console.audit_log(limit=200, actions=("announcement",))
    names = {entry.target: entry.staff.name for entry in entries}
    return [
        SentAnnouncement(made, announcer.audience_label(made.audience), sent_by(made, names))
        for made in announcer.sent(limit=20)
    ]


def _preview_page(request: web.Request, preview: Preview, *, problem: str | None) -> web.Response:
    return page(
        request,
        "announcement_preview.html.j2",
        status=400 if problem else 200,
        preview=preview,
        problem=problem,
    )


async def cancel(request: web.Request) -> web.StreamResponse:
    number = _number(request)
    await asyncio.to_thread(deps(request).announcer.cancel, number)
    raise see_other(request, f"/annonces/{number}")


async def send(request: web.Request) -> web.StreamResponse:
    """ "Envoyer": to the audience ticked in the same form, whose count the page showed
    (when it changed since, or is zero, the preview comes back and nothing leaves). The
    draft is confirmed once (a second click, or a colleague's, starts nothing more), then
    sent in the background."""
    number = _number(request)
    console_deps = deps(request)
    if console_deps.bot is None:
        raise web.HTTPServiceUnavailable
    form = await request.post()
    audience = str(form.get("audience", ""))
    shown = str(form.get(f"effectif-{audience}", ""))
    announcer = console_deps.announcer
    found = await asyncio.to_thread(announcer.get, number)
    if found is None:
        raise web.HTTPNotFound
    chosen: str | None = None
    if found.status == "draft":
        preview = await asyncio.to_thread(announcer.choose, number, audience)
        if preview is None:  # no audience ticked (or an unknown one), or no longer a draft
            preview = await asyncio.to_thread(announcer.choose, number, found.audience)
            if preview is not None:
                return _preview_page(request, preview, problem="audience")
        elif preview.chosen.count == 0:
            return _preview_page(request, preview, problem="nobody")
        elif shown != str(preview.chosen.count):
            return _preview_page(request, preview, problem="count_changed")
        else:
            chosen = audience
    staff = session_of(request).staff
    # The console has no Telegram update: a negative id, never one of theirs, marks it.
    started = await asyncio.to_thread(
        announcer.start,
        number,
        by=staff.user_id,
        by_name=staff.name,
        update_id=-number,
        audience=chosen,
    )
    if started.kind == "unknown":
        raise web.HTTPNotFound
    if started.kind == "start":
        await asyncio.to_thread(_audit, console_deps, staff, started)
        console_deps.spawn(_run(console_deps, started))
    raise see_other(request, f"/annonces/{number}")


def _audit(console_deps: ConsoleDeps, staff: StaffMember, started: Start) -> None:
    assert started.announcement is not None and started.audience is not None
    made = started.announcement
    detail = f"{started.audience.label} ({started.audience.count}) : {made.text[:500]}"
    console_deps.console.record(staff, "announcement", f"annonce {made.id}", detail)


async def _run(console_deps: ConsoleDeps, started: Start) -> None:
    assert console_deps.bot is not None and started.announcement is not None
    staff, number = console_deps.staff, started.announcement.id

    ledger = AnnouncementLedger(staff, number)

    try:
        run = await broadcast(
            started.recipients,
            announcement_message(started.announcement.text),
            send=direct_sender(console_deps.bot),
            on_blocked=ledger.blocked,
            claim=ledger.claim,
            settle=ledger.settle,
            limiter=rate_limiter(),
        )
        log.info("console announcement %d: %s", number, run)
    finally:
        await asyncio.to_thread(console_deps.announcer.finish, number)


def add_routes(router: web.UrlDispatcher, prefix: str) -> None:
    router.add_get(f"{prefix}/annonces", compose, name="announcements")
    router.add_post(f"{prefix}/annonces", prepare, name="announcement_prepare")
    router.add_get(f"{prefix}/annonces/{{number}}", announcement, name="announcement")
    router.add_post(f"{prefix}/annonces/{{number}}/envoi", send, name="announcement_send")
    router.add_post(f"{prefix}/annonces/{{number}}/annulation", cancel, name="announcement_cancel")
