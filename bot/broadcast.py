"""Announcements to every applicant: at most 25 messages a second, each sent exactly once.

Telegram allows about 30 messages a second overall; we keep under 25 with aiolimiter. A
leaky bucket of capacity 25 would let 25 go at once and 24 more within the same second, so
the bucket holds one message and refills every 1/23 s: no 1-second window holds more than 23
sends as they leave, and network jitter (Telegram counts them as they arrive) has a margin of
two before 25.

Why the messages bypass the session middlewares (`direct_sender`): `RetryAndBlockMiddleware`
retries a 429 by itself, and that retry would go out without taking a token from the limiter.
Here every attempt takes a token, and a 429 pauses *all* senders for its ``retry_after`` (the
limit is the bot's, not one chat's) before the same message is tried again; only requests
already on their way when the 429 came (at most one per sender) can arrive during the pause.
A 429 means Telegram did not send the message, so the retry cannot duplicate it; any other
failure (a network error, whose outcome is unknown) is not retried and counts as failed: a
message is never sent twice. A 403 means the applicant blocked the bot: they are marked blocked (no
future announcement tries them) and counted as blocked.

Durability (`claim`, `settle`): a recipient is claimed only once its turn has come (after the
rate limiter's wait, just before its message leaves) and settled with the outcome; a 429
drops the claim while waiting. A run interrupted by a crash is taken up again (the /annonce
update is processed again): recipients already claimed are skipped, so nobody gets it twice,
and only those whose message was on its way at the crash stay "sending", counted as
interrupted (received or not: unknown) in the report.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError, TelegramForbiddenError, TelegramRetryAfter
from aiogram.methods import SendMessage
from aiolimiter import AsyncLimiter

from dialogs.staff import Applicant, StaffService

log = logging.getLogger(__name__)

RATE_PER_SECOND = 25  # the cap
PACE_PER_SECOND = 23  # the pace, under the cap by a margin for network jitter
MAX_ATTEMPTS = 6
MAX_WAIT = 60.0
WORKERS = 4


@dataclass
class BroadcastReport:
    total: int
    delivered: int = 0
    failed: int = 0
    blocked: int = 0
    earlier: int = 0  # claimed by a run of the same announcement that was interrupted
    interrupted: int = 0  # on its way when a run was interrupted: outcome unknown, not resent

    @classmethod
    def of_counts(cls, total: int, counts: dict[str, int], *, earlier: int) -> BroadcastReport:
        """The report of every run of one announcement, from its recipients' statuses."""
        return cls(
            total=total,
            delivered=counts.get("delivered", 0),
            failed=counts.get("failed", 0),
            blocked=counts.get("blocked", 0),
            earlier=earlier,
            interrupted=counts.get("sending", 0),
        )


class SendText(Protocol):
    async def __call__(self, chat_id: int, text: str) -> None:
        """Send one HTML message; raise aiogram's exceptions (429, 403…) as they come."""
        ...


def direct_sender(bot: Bot) -> SendText:
    """sendMessage through the bot's HTTP session, around its middlewares (see above)."""

    async def send(chat_id: int, text: str) -> None:
        await bot.session.make_request(bot, SendMessage(chat_id=chat_id, text=text))

    return send


def rate_limiter(per_second: int = PACE_PER_SECOND) -> AsyncLimiter:
    """One token every 1/`per_second` s, no burst: at most `per_second` in any second.
    Share it with every message sent around the broadcast (the notes to staff too)."""
    return AsyncLimiter(1, 1 / per_second)


class _Pause:
    """A shared "wait until" set by 429 answers."""

    def __init__(self, sleep: Callable[[float], Awaitable[object]]) -> None:
        self.until = 0.0
        self.sleep = sleep

    @property
    def active(self) -> bool:
        return self.until > time.monotonic()

    def extend(self, seconds: float) -> None:
        self.until = max(self.until, time.monotonic() + seconds)

    async def wait(self) -> None:
        while (delay := self.until - time.monotonic()) > 0:
            await self.sleep(delay)


async def broadcast(
    recipients: Sequence[Applicant],
    text: str,
    *,
    send: SendText,
    on_blocked: Callable[[Applicant], Awaitable[object]],
    claim: Callable[[Applicant], Awaitable[bool]] | None = None,
    settle: Callable[[Applicant, str], Awaitable[object]] | None = None,
    limiter: AsyncLimiter | None = None,
    workers: int = WORKERS,
    max_attempts: int = MAX_ATTEMPTS,
    sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
) -> BroadcastReport:
    """Send `text` once to each recipient (one per chat) and count what became of it.

    With `claim`, each recipient is claimed (durably) when its message is about to leave, and
    a recipient already claimed is skipped: an announcement taken up again after a crash goes
    on where it stopped, and nobody gets it twice. `settle` records each outcome
    ("delivered", "failed", "blocked"; "unsent" when a 429 gives the turn back)."""
    unique = list({r.chat_id: r for r in recipients}.values())
    report = BroadcastReport(total=len(unique))
    limiter = limiter or rate_limiter()
    pause = _Pause(sleep)
    queue: asyncio.Queue[Applicant] = asyncio.Queue()
    for recipient in unique:
        queue.put_nowait(recipient)

    async def outcome(recipient: Applicant, status: str) -> None:
        if settle is not None:
            await settle(recipient, status)

    async def deliver(recipient: Applicant) -> None:
        for attempt in range(1, max_attempts + 1):
            await pause.wait()
            await limiter.acquire()
            if pause.active:  # a 429 came while this sender waited for its turn
                await pause.wait()
                await limiter.acquire()
            if claim is not None and not await claim(recipient):
                report.earlier += 1
                return
            try:
                await send(recipient.chat_id, text)
            except TelegramRetryAfter as error:
                wait = min(float(error.retry_after), MAX_WAIT)
                log.info("announcement: 429, all senders wait %.0f s (attempt %d)", wait, attempt)
                pause.extend(wait)
                await outcome(recipient, "unsent")  # not sent: claimed again at its next turn
                continue
            except TelegramForbiddenError:
                report.blocked += 1
                await outcome(recipient, "blocked")
                await on_blocked(recipient)
                return
            except TelegramAPIError as error:  # network errors included: never resent
                log.warning("announcement to %s failed: %s", recipient.owner, type(error).__name__)
                report.failed += 1
                await outcome(recipient, "failed")
                return
            except Exception as error:  # a bug must not stop the others, nor the report
                log.error("announcement to %s failed (%s)", recipient.owner, type(error).__name__)
                report.failed += 1
                await outcome(recipient, "failed")
                return
            report.delivered += 1
            await outcome(recipient, "delivered")
            return
        log.warning("announcement to %s: 429 %d times, given up", recipient.owner, max_attempts)
        report.failed += 1
        await outcome(recipient, "failed")

    async def worker() -> None:
        while not queue.empty():
            await deliver(queue.get_nowait())

    await asyncio.gather(*(worker() for _ in range(max(1, min(workers, len(unique))))))
    return report


@dataclass(frozen=True)
class AnnouncementLedger:
    """An announcement's recipients claimed and settled under its number, and applicants who
    blocked the bot marked so (`broadcast`'s `claim`, `settle` and `on_blocked`), in worker
    threads: the Telegram `/annonce` and the web console send through the same ledger."""

    staff: StaffService
    number: int

    async def blocked(self, applicant: Applicant) -> None:
        await asyncio.to_thread(self.staff.mark_blocked, applicant.owner)

    async def claim(self, applicant: Applicant) -> bool:
        return await asyncio.to_thread(self.staff.claim_recipient, self.number, applicant)

    async def settle(self, applicant: Applicant, status: str) -> None:
        await asyncio.to_thread(self.staff.settle_recipient, self.number, applicant, status)
