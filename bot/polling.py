"""Our own long-polling loop: durable receipt, then `bot.processing` for the rest.

aiogram's `start_polling` confirms an update to Telegram as soon as a handler task starts, so
a crash loses the updates in flight. Here each batch from getUpdates is committed to the
`telegram_update` journal *before* the next getUpdates (whose offset confirms the batch), then
handed to the `UpdateProcessor` (per-user queues, retries, leases); at start, the pending
updates are processed first.

Nothing the network or the database does stops the loop: a failed getUpdates (network,
Telegram 5xx, a proxy's HTML page, invalid JSON, a result that is not a list) and a journal
that cannot be written (SQLite locked by another process, PostgreSQL restarting) are logged
once per streak and retried with capped exponential back-off and jitter, and a batch is never
confirmed before it is recorded. Items that are not updates (no integer `update_id` in
1…2⁶³−1, or nested deeper than any update) are dropped with a warning.

Updates are fetched as plain JSON objects (`GetRawUpdates`): they are journaled as such and
validated once, by the dispatcher, rather than parsed, dumped back and parsed again.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
from collections.abc import Callable
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.methods import TelegramMethod
from sqlalchemy import Engine

from bot.health import Health
from bot.processing import UpdateProcessor
from bot.retry import Backoff, FailureStreak, sleep_unless
from storage.updates import record_updates, user_key

log = logging.getLogger(__name__)

#: A failed getUpdates is tried again within 2 s at most (0.5, 1, then 1 to 2 s with jitter):
#: it is the only way the bot hears applicants, a failed poll costs Telegram nothing, and
#: behind a flaky proxy a short wait gets through between two errors where a long one keeps
#: meeting the next (the chaos bench's proxy pages: 30 s waits left applicants stuck). The
#: database and other retries keep the longer backoff (`bot.retry.MAX_DELAY`).
POLL_RETRY_CAP = 2.0

MAX_UPDATE_ID = 2**63 - 1
MAX_DEPTH = 32  # a real update nests about 10 levels (a reply to a message with a keyboard)

__all__ = ["GetRawUpdates", "Poller", "freeze_startup_objects", "user_key", "valid_update"]


class GetRawUpdates(TelegramMethod[list[Any]]):
    """`getUpdates`, answered as the JSON Telegram sent (aiogram's `GetUpdates` builds
    `Update` models, which the journal would have to dump back to JSON). Each item is checked
    here (`valid_update`), not by aiogram: one odd item must not cost the whole batch."""

    __returning__ = list[Any]
    __api_method__ = "getUpdates"

    offset: int | None = None
    limit: int | None = None
    timeout: int | None = None
    allowed_updates: list[str] | None = None


def freeze_startup_objects() -> None:
    """Move everything alive after start (modules, aiogram's hundreds of pydantic models, the
    call spec, compiled templates) out of the garbage collector's reach: none of it is ever
    garbage, and a full collection scanning it stalls the process for 100+ ms under load.
    (No collection first: it would cost as much, at start.)"""
    gc.freeze()


def update_id_of(item: object) -> int | None:
    """The item's update id when it is a positive 64-bit integer (`true` is not one)."""
    if not isinstance(item, dict):
        return None
    value = item.get("update_id")
    if type(value) is not int or not 1 <= value <= MAX_UPDATE_ID:
        return None
    return value


def json_depth(value: object, limit: int = MAX_DEPTH) -> int:
    """How deep `value` nests (counting stops just past `limit`); iterative, so that no
    input can exhaust the stack."""
    deepest = 0
    stack: list[tuple[object, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, depth)
            if depth > limit:
                return depth
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return deepest


def valid_update(item: object) -> bool:
    return update_id_of(item) is not None and json_depth(item) <= MAX_DEPTH


class Poller:
    def __init__(
        self,
        bot: Bot,
        dispatcher: Dispatcher,
        engine: Engine,
        *,
        max_concurrent: int = 32,
        polling_timeout: int = 10,
        processor: UpdateProcessor | None = None,
        health: Health | None = None,
        backoff: Callable[[], Backoff] = Backoff,
        poll_backoff: Callable[[], Backoff] | None = None,
    ) -> None:
        self.bot = bot
        self.dispatcher = dispatcher
        self.engine = engine
        self.polling_timeout = polling_timeout
        self.health = health or (processor.health if processor is not None else Health())
        self.processor = processor or UpdateProcessor(
            bot, dispatcher, engine, max_concurrent=max_concurrent, health=self.health
        )
        self._backoff = backoff
        self._poll_backoff = poll_backoff or (lambda: Backoff(cap=POLL_RETRY_CAP))
        self.allowed_updates: list[str] | None = None

    async def run(self, stop: asyncio.Event) -> None:
        freeze_startup_objects()
        # Said at each poll, as aiogram's own polling does: Telegram otherwise keeps the list
        # a previous program set for this token, and would drop, e.g., every button click.
        self.allowed_updates = self.dispatcher.resolve_used_update_types()
        # Long polling: one process per token (Telegram answers 409 to a second poller), so
        # every pending update is this process's to resume.
        await self.processor.start(take_all=True)
        try:
            await self._receive(stop)
        finally:
            await self.processor.stop()

    async def _receive(self, stop: asyncio.Event) -> None:
        offset: int | None = None
        backoff = self._poll_backoff()
        streak = FailureStreak(log, "getUpdates")
        while not stop.is_set():
            try:
                items = await self._get_updates(offset, stop)
            except Exception as error:
                self.health.receiving(ok=False)
                delay = backoff.next_delay()
                streak.failed(error, delay)
                await sleep_unless(stop, delay)
                continue
            if items is None:  # stopping
                return
            streak.succeeded()
            backoff.reset()
            self.health.receiving(ok=True)
            updates = [item for item in items if valid_update(item)]
            if len(updates) != len(items):
                log.warning(
                    "getUpdates: %d item(s) that are not updates, dropped",
                    len(items) - len(updates),
                )
            ids = [update_id_of(item) for item in items]
            known = [i for i in ids if i is not None]
            if not updates:
                if known:
                    offset = max(known) + 1
                continue
            # Committed before the next getUpdates confirms them to Telegram.
            fresh = await self._record(updates, stop)
            if fresh is None:  # stopping: not confirmed, Telegram sends them again
                return
            offset = max(known) + 1
            await self.processor.accept(fresh)

    async def _record(
        self, updates: list[dict[str, Any]], stop: asyncio.Event
    ) -> list[dict[str, Any]] | None:
        """Journal the batch, retrying while the database is unavailable; None if stopping."""
        backoff = self._backoff()
        streak = FailureStreak(log, "recording updates")
        while not stop.is_set():
            try:
                fresh = await asyncio.to_thread(
                    record_updates,
                    self.engine,
                    updates,
                    owner=self.processor.owner,
                    lease=self.processor.lease,
                )
            except Exception as error:
                self.health.database(ok=False)
                delay = backoff.next_delay()
                streak.failed(error, delay)
                await sleep_unless(stop, delay)
                continue
            streak.succeeded()
            self.health.database(ok=True)
            return fresh
        return None

    async def _get_updates(self, offset: int | None, stop: asyncio.Event) -> list[Any] | None:
        """One long poll, as raw JSON items; None when `stop` is set meanwhile."""
        request = asyncio.ensure_future(
            self.bot(
                GetRawUpdates(
                    offset=offset,
                    timeout=self.polling_timeout,
                    allowed_updates=self.allowed_updates,
                ),
                request_timeout=self.polling_timeout + 10,
            )
        )
        stopping = asyncio.ensure_future(stop.wait())
        done, _ = await asyncio.wait({request, stopping}, return_when=asyncio.FIRST_COMPLETED)
        if request not in done:
            request.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await request
            return None
        stopping.cancel()
        return list(request.result())

    async def drain(self) -> None:
        await self.processor.drain()
