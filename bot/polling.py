"""Our own long-polling loop: durable receipt, per-user order, bounded concurrency.

aiogram's `start_polling` confirms an update to Telegram as soon as a handler task starts, so
a crash loses the updates in flight. Here each batch from getUpdates is committed to the
`telegram_update` table *before* the next getUpdates (whose offset confirms the batch), and
each update is marked done once handled; at start, pending updates are processed first.

One user's updates run one at a time, in the order received (a FIFO asyncio lock per user);
different users run concurrently, at most `max_concurrent` at once. On stop, polling ends and
the updates in progress finish.

Updates are fetched as plain JSON objects (`GetRawUpdates`): they are journaled as such and
validated once, by the dispatcher, rather than parsed, dumped back and parsed again.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import time
from collections.abc import Callable
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.exceptions import TelegramAPIError, TelegramNetworkError
from aiogram.methods import TelegramMethod
from sqlalchemy import Engine

from storage.updates import mark_update, record_updates, unfinished_updates

log = logging.getLogger(__name__)

MAX_BACKOFF = 30.0


class GetRawUpdates(TelegramMethod[list[dict[str, Any]]]):
    """`getUpdates`, answered as the JSON objects Telegram sent (aiogram's `GetUpdates` builds
    `Update` models, which the journal would have to dump back to JSON)."""

    __returning__ = list[dict[str, Any]]
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


def user_key(update: dict[str, Any]) -> str:
    """Who an update belongs to (its sender, else its chat), for per-user ordering."""
    for kind, body in update.items():
        if kind == "update_id" or not isinstance(body, dict):
            continue
        sender = body.get("from")
        if isinstance(sender, dict) and "id" in sender:
            return f"user:{sender['id']}"
        chat = body.get("chat")
        if isinstance(chat, dict) and "id" in chat:
            return f"chat:{chat['id']}"
    return f"update:{update.get('update_id')}"


class Poller:
    def __init__(
        self,
        bot: Bot,
        dispatcher: Dispatcher,
        engine: Engine,
        *,
        max_concurrent: int = 32,
        polling_timeout: int = 10,
        sleep: Callable[[float], Any] = asyncio.sleep,
    ) -> None:
        self.bot = bot
        self.dispatcher = dispatcher
        self.engine = engine
        self.polling_timeout = polling_timeout
        self.semaphore = asyncio.Semaphore(max_concurrent)
        self.max_in_flight = max_concurrent * 4
        self._locks: dict[str, tuple[asyncio.Lock, int]] = {}
        self._tasks: set[asyncio.Task[None]] = set()
        self._sleep = sleep
        self.allowed_updates: list[str] | None = None

    # -- receiving -----------------------------------------------------------------------------
    async def run(self, stop: asyncio.Event) -> None:
        freeze_startup_objects()
        # Said at each poll, as aiogram's own polling does: Telegram otherwise keeps the list
        # a previous program set for this token, and would drop, e.g., every button click.
        self.allowed_updates = self.dispatcher.resolve_used_update_types()
        for update in await asyncio.to_thread(unfinished_updates, self.engine):
            log.info("update %s: resuming after restart", update.get("update_id"))
            self._schedule(update)
        offset: int | None = None
        backoff = 1.0
        while not stop.is_set():
            try:
                updates = await self._get_updates(offset, stop)
            except (TelegramNetworkError, TelegramAPIError, OSError) as error:
                log.warning(
                    "getUpdates failed (%s), retrying in %.0f s", type(error).__name__, backoff
                )
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), backoff)
                backoff = min(backoff * 2, MAX_BACKOFF)
                continue
            if updates is None:  # stopping
                break
            backoff = 1.0
            if not updates:
                continue
            # Committed before the next getUpdates confirms them to Telegram.
            fresh = await asyncio.to_thread(record_updates, self.engine, updates)
            offset = max(int(u["update_id"]) for u in updates) + 1
            for update in fresh:
                self._schedule(update)
            while len(self._tasks) >= self.max_in_flight and not stop.is_set():
                await asyncio.wait(set(self._tasks), return_when=asyncio.FIRST_COMPLETED)
        await self.drain()

    async def _get_updates(
        self, offset: int | None, stop: asyncio.Event
    ) -> list[dict[str, Any]] | None:
        """One long poll, as raw dicts; None when `stop` is set meanwhile."""
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
        return [u for u in request.result() if isinstance(u, dict) and "update_id" in u]

    # -- processing ----------------------------------------------------------------------------
    def _schedule(self, update: dict[str, Any]) -> None:
        key = user_key(update)
        lock, users = self._locks.get(key, (asyncio.Lock(), 0))
        self._locks[key] = (lock, users + 1)
        task = asyncio.create_task(self._process(key, lock, update))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _process(self, key: str, lock: asyncio.Lock, update: dict[str, Any]) -> None:
        update_id = int(update["update_id"])
        try:
            async with lock, self.semaphore:
                started = time.perf_counter()
                status: str = "done"
                try:
                    await self.dispatcher.feed_raw_update(self.bot, update)
                except Exception:
                    status = "failed"
                    log.exception("update %d: handler failed", update_id)
                await asyncio.to_thread(
                    mark_update,
                    self.engine,
                    update_id=update_id,
                    status="done" if status == "done" else "failed",
                )
                log.info("update %d %s in %.3f s", update_id, status, time.perf_counter() - started)
        finally:
            lock_, users = self._locks[key]
            if users <= 1:
                del self._locks[key]
            else:
                self._locks[key] = (lock_, users - 1)

    async def drain(self) -> None:
        """Wait for the updates in progress (and those queued behind them) to finish."""
        while self._tasks:
            await asyncio.gather(*set(self._tasks), return_exceptions=True)
