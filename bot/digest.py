"""The daily digest: each working day at DIGEST_HOUR (Paris time), the open tickets and their
age go to the staff group, when there are any.

Working days are Monday to Friday, French public holidays excepted (the `holidays` library's
national calendar for France; the Alsace-Moselle extra days are not taken out).

`next_run` and `digest_html` are pure: the time is passed in. `run_digest` is the asyncio task
`bot.app.run_bot` starts; it reads the injected clock, sleeps until the next run (waking at
once when the bot stops), and sends. Each day's digest is claimed in the database first
(``digest:YYYY-MM-DD``), so several instances of the bot send it once between them.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
from collections.abc import Callable, Sequence
from functools import cache

import holidays
from aiogram import Bot
from aiogram.exceptions import TelegramMigrateToChat

from bot.filters import StaffAccess
from bot.render import split_html
from bot.staff_posts import note_shown
from dialogs.ports import Clock
from dialogs.staff import PARIS, OpenTicket, TicketSource, tickets_html
from dialogs.staff_views import StaffPostLog

log = logging.getLogger(__name__)


@cache
def _french_holidays(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("FR", years=year))


def is_working_day(day: dt.date) -> bool:
    """Monday to Friday, and not a French public holiday."""
    return day.weekday() < 5 and day not in _french_holidays(day.year)


def next_run(after: dt.datetime, hour: int) -> dt.datetime:
    """The first working day's `hour` o'clock, Paris time, strictly after `after` (aware);
    returned in UTC."""
    local = after.astimezone(PARIS)
    day = local.date()
    while True:
        candidate = dt.datetime.combine(day, dt.time(hour), tzinfo=PARIS)
        if candidate > local and is_working_day(day):
            return candidate.astimezone(dt.UTC)
        day += dt.timedelta(days=1)


def digest_html(tickets: Sequence[OpenTicket], now: dt.datetime) -> str | None:
    """The digest's text, or None when no ticket is open (then nothing is sent)."""
    if not tickets:
        return None
    return tickets_html("digest", tickets, now)


async def send_digest(
    bot: Bot,
    access: StaffAccess,
    tickets: TicketSource,
    clock: Clock,
    *,
    claim: Callable[[str], bool] | None = None,
    due: dt.datetime | None = None,
    posts: StaffPostLog | None = None,
) -> bool:
    """Send today's digest to the staff chat; True when one was sent. `due` (the run's
    scheduled time) names the day claimed, so a wake-up a little early still claims it;
    `posts` notes the applicants it shows, for their erasure."""
    chat_id = access.chat_id
    if chat_id is None:
        return False
    now = clock.now()
    found = await asyncio.to_thread(tickets.open_tickets)
    body = digest_html(found, now)
    if body is None:
        return False
    if claim is not None:
        key = f"digest:{(due or now).astimezone(PARIS).date().isoformat()}"
        if not await asyncio.to_thread(claim, key):
            return False  # another instance sent it
    sent: list[int] = []
    try:
        for part in split_html(body):
            try:
                shown = await bot.send_message(chat_id, part)
            except TelegramMigrateToChat as error:  # the group became a supergroup
                access.migrate(chat_id, error.migrate_to_chat_id)
                chat_id = error.migrate_to_chat_id
                shown = await bot.send_message(chat_id, part)
            sent.append(shown.message_id)
    finally:  # the parts sent before an error are noted too
        await note_shown(posts, bot, chat_id, sent, [t.owner for t in found], "listing")
    return True


async def run_digest(
    bot: Bot,
    access: StaffAccess,
    tickets: TicketSource,
    clock: Clock,
    *,
    hour: int,
    stop: asyncio.Event,
    claim: Callable[[str], bool] | None = None,
    posts: StaffPostLog | None = None,
) -> None:
    """Until `stop` is set: sleep until the next run, then send the digest."""
    last = clock.now()
    while not stop.is_set():
        due = next_run(last, hour)
        delay = (due - clock.now()).total_seconds()
        log.info("next digest at %s (in %.0f s)", due.isoformat(), delay)
        if delay > 0:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=delay)
            if stop.is_set():
                return
        try:
            sent = await send_digest(bot, access, tickets, clock, claim=claim, due=due, posts=posts)
            log.info("digest %s", "sent" if sent else "not needed")
        except Exception:  # one failed day must not end the daily task
            log.exception("digest failed")
        last = due
