"""Processing journaled updates: one queue per user, fair, bounded, durable, retried.

Both receivers (long polling, `bot.polling`; webhook, `bot.webhook`) commit each update to
the `telegram_update` journal first, leased to this instance, then hand it to
`UpdateProcessor.accept`. From there:

- **Per-user order, fairness.** Each user (sender, else chat) has a queue and one worker:
  their updates run one at a time, in update_id order; different users run concurrently, at
  most `max_concurrent` at once, taking turns. A user's queue holds at most `max_backlog`
  updates: beyond, the updates stay in the journal and the user's worker reads them back in
  order when its queue drains, so one user's flood never stops the receiver fetching for the
  others.
- **Quota.** A user sending more than `updates_per_minute` updates in a minute gets one polite
  note; the extra updates are closed unprocessed (their text is not kept).
- **Retries.** An update whose handler fails on a transient error (Telegram 5xx or network,
  a database or Redis outage: `bot.retry.is_transient`) is retried with back-off, ahead of
  the user's next updates; the service never applies an answer twice (its event id), so a
  retry only delivers what the user was not told yet. An update is marked done once
  handled to the end (the user told), failed on a bug. A handler whose last write records
  what the user was told closes the update in that same transaction (`UpdateInHand`, given
  to handlers as `in_hand`), which spares a transaction and a hop to a worker thread.
- **Leases.** This instance renews its leases every `lease / 3` seconds; every `sweep_every`
  seconds it takes the pending updates nobody holds (an instance that died, a backlog left
  in the journal). Across instances (webhook mode), an update first waits until the same
  user's older updates are done: one held by a live instance is waited for (at most
  `order_wait` seconds), one whose lease expired is taken over and run first.
- **Heartbeat.** Each maintenance round refreshes `health` (and its file, if configured).

On stop, the updates in memory finish (at most `drain_timeout` seconds), and the leases of
those left are released for the next instance.
"""

from __future__ import annotations

import asyncio
import bisect
import logging
import time
import uuid
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from aiogram import Bot, Dispatcher
from sqlalchemy import Engine

from bot.health import Health
from bot.retry import Backoff, FailureStreak, is_transient, sleep_unless
from storage.models import utc_now
from storage.updates import (
    LEASE_SECONDS,
    UpdateStatus,
    claim_updates,
    mark_update,
    mark_updates,
    older_pending,
    release_leases,
    renew_leases,
    user_key,
)

log = logging.getLogger(__name__)

ORDER_WAIT = 30.0  # seconds an update waits for an older one held by a live instance
ORDER_POLL = 0.05
SWEEP_EVERY = 5.0
DRAIN_TIMEOUT = 25.0
HANDLER_RETRY_CAP = 10.0  # seconds at most between two tries of an update (the user waits)
QUOTA_WINDOW = 60.0

#: Tells the sender of an update over the quota; `first`: the first one of the minute.
Notice = Callable[[dict[str, Any], bool], Awaitable[None]]


def new_owner_id() -> str:
    """This instance's name in the journal's leases (unique per process start)."""
    return uuid.uuid4().hex[:16]


@dataclass
class UpdateInHand:
    """The update a handler is running for (aiogram data ``in_hand``). A handler that closes
    it in its own last transaction (`storage.updates.close_update_in`) says so with
    `closed`; the processor then leaves it as it is, unless the handler fails after."""

    update_id: int
    closed: bool = False
    #: Its callback query was answered already, in the webhook's HTTP response (see
    #: `bot.webhook`): the handler must not answer it again.
    callback_answered: bool = False


@dataclass
class _User:
    items: list[tuple[int, dict[str, Any]]] = field(default_factory=list)  # by update_id
    overflow: bool = False  # some of the user's updates wait in the journal, not here
    deferred: int = 0  # updates left in the journal since the last refill
    worker: asyncio.Task[None] | None = None


class UpdateProcessor:
    def __init__(
        self,
        bot: Bot,
        dispatcher: Dispatcher,
        engine: Engine,
        *,
        owner: str | None = None,
        max_concurrent: int = 32,
        max_backlog: int = 50,
        updates_per_minute: int = 60,
        across_instances: bool = False,
        lease: float = LEASE_SECONDS,
        sweep_every: float = SWEEP_EVERY,
        order_wait: float = ORDER_WAIT,
        drain_timeout: float = DRAIN_TIMEOUT,
        on_limited: Notice | None = None,
        health: Health | None = None,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.bot = bot
        self.dispatcher = dispatcher
        self.engine = engine
        self.owner = owner or new_owner_id()
        self.semaphore = asyncio.Semaphore(max_concurrent)
        self.max_backlog = max(1, max_backlog)
        self.updates_per_minute = updates_per_minute
        self.across_instances = across_instances
        self.lease = lease
        self.sweep_every = sweep_every
        self.order_wait = order_wait
        self.drain_timeout = drain_timeout
        self.on_limited = on_limited
        self.health = health or Health()
        self._now = monotonic
        self._users: dict[str, _User] = {}
        self._held: set[int] = set()  # update ids in memory (queued or running)
        self._answered: set[int] = set()  # updates whose callback query was answered
        self._rates: dict[str, deque[float]] = {}
        self._noticed: dict[str, float] = {}
        self._tasks: set[asyncio.Task[Any]] = set()
        self._hard_stop = asyncio.Event()
        self._maintenance: asyncio.Task[None] | None = None
        self._stopping = False

    # -- life cycle ----------------------------------------------------------------------------
    async def start(self, *, take_all: bool = False) -> None:
        """Start the maintenance loop; its first sweep resumes the pending updates (all of
        them with `take_all`: no other instance can be working, as in long polling)."""
        self._maintenance = asyncio.create_task(self._maintain(take_all))

    @property
    def queued(self) -> int:
        return len(self._held)

    def busy_with(self, update_id: int) -> bool:
        return update_id in self._held

    def callback_answered(self, update_id: int) -> None:
        """The update's callback query was answered by the receiver (in webhook mode, in the
        HTTP response that acknowledges the update); its handler is told (`UpdateInHand`)."""
        self._answered.add(update_id)

    async def stop(self) -> None:
        """Finish the updates in memory (bounded), then release the leases of any left."""
        self._stopping = True
        workers = [u.worker for u in self._users.values() if u.worker is not None]
        if workers:
            _done, late = await asyncio.wait(workers, timeout=self.drain_timeout)
            if late:
                log.warning("stop: %d user queue(s) still busy, left for the next start", len(late))
                self._hard_stop.set()
                _done, late = await asyncio.wait(late, timeout=5)
                for task in late:
                    task.cancel()
                await asyncio.gather(*late, return_exceptions=True)
        if self._maintenance is not None:
            self._maintenance.cancel()
            await asyncio.gather(self._maintenance, return_exceptions=True)
        await asyncio.gather(*self._tasks, return_exceptions=True)
        try:
            await asyncio.to_thread(release_leases, self.engine, owner=self.owner)
        except Exception as error:  # they expire by themselves within seconds
            log.warning("stop: leases not released (%s)", type(error).__name__)

    async def drain(self) -> None:
        """Wait until every queue is empty (tests, benches)."""
        while any(u.worker is not None for u in self._users.values()):
            await asyncio.gather(
                *(u.worker for u in list(self._users.values()) if u.worker is not None),
                return_exceptions=True,
            )

    # -- receiving -----------------------------------------------------------------------------
    async def accept(self, updates: list[dict[str, Any]]) -> set[int]:
        """Queue freshly journaled updates (leased to this instance), applying the quota;
        returns the ids of those over the quota (closed unprocessed, their sender told)."""
        limited: list[dict[str, Any]] = []
        for update in updates:
            key = user_key(update)
            if self._over_quota(key):
                limited.append(update)
                continue
            self._enqueue(key, update)
        if limited:
            await self._close_limited(limited)
        return {int(u["update_id"]) for u in limited}

    def _over_quota(self, key: str) -> bool:
        if self.updates_per_minute <= 0 or not key.startswith("user:"):
            return False
        now = self._now()
        recent = self._rates.setdefault(key, deque())
        while recent and recent[0] <= now - QUOTA_WINDOW:
            recent.popleft()
        if len(recent) >= self.updates_per_minute:
            return True
        recent.append(now)
        return False

    async def _close_limited(self, updates: list[dict[str, Any]]) -> None:
        ids = [int(u["update_id"]) for u in updates]
        self._answered.difference_update(ids)
        log.info("quota: %d update(s) over the per-minute limit, closed", len(ids))
        for update in updates:
            key = user_key(update)
            now = self._now()
            first = self._noticed.get(key, now - 2 * QUOTA_WINDOW) <= now - QUOTA_WINDOW
            if first:
                self._noticed[key] = now
            self._spawn(self._notify_limited(update, first))
        try:
            await asyncio.to_thread(mark_updates, self.engine, update_ids=ids, status="done")
        except Exception as error:  # still pending: a later sweep processes them
            log.warning("quota: updates not closed (%s)", type(error).__name__)

    async def _notify_limited(self, update: dict[str, Any], first: bool) -> None:
        if self.on_limited is None:
            return
        try:
            await self.on_limited(update, first)
        except Exception as error:
            log.info("quota notice not sent (%s)", type(error).__name__)

    def _enqueue(self, key: str, update: dict[str, Any]) -> None:
        update_id = int(update["update_id"])
        if update_id in self._held:
            return
        user = self._users.setdefault(key, _User())
        if user.overflow or len(user.items) >= self.max_backlog:
            user.overflow = True
            user.deferred += 1
        else:
            bisect.insort(user.items, (update_id, update), key=lambda item: item[0])
            self._held.add(update_id)
        if user.worker is None:
            user.worker = asyncio.create_task(self._work(key, user))

    # -- a user's worker -----------------------------------------------------------------------
    async def _work(self, key: str, user: _User) -> None:
        try:
            while True:
                if not user.items:
                    if user.overflow and not self._stopping and await self._refill(key, user):
                        continue
                    return
                update_id, update = user.items[0]
                try:
                    await self._run(key, update_id, update)
                finally:
                    user.items.pop(0)
                    self._held.discard(update_id)
        finally:
            user.worker = None
            if not user.items and not user.overflow:
                self._users.pop(key, None)

    async def _refill(self, key: str, user: _User) -> bool:
        """Read the user's next updates back from the journal; False when none is left."""
        deferred = user.deferred
        try:
            rows = await asyncio.to_thread(
                claim_updates,
                self.engine,
                owner=self.owner,
                lease=self.lease,
                user=key,
                limit=self.max_backlog,
                exclude=frozenset(self._held),
            )
        except Exception as error:
            log.warning("queue of %s: journal unreadable (%s)", key, type(error).__name__)
            return not await sleep_unless(self._hard_stop, 1.0)
        for row in rows:
            update_id = int(row["update_id"])
            if update_id not in self._held:
                bisect.insort(user.items, (update_id, row), key=lambda item: item[0])
                self._held.add(update_id)
        if not rows and user.deferred == deferred:
            user.overflow, user.deferred = False, 0
            return False
        return True

    async def _run(self, key: str, update_id: int, update: dict[str, Any]) -> None:
        if self.across_instances:
            await self._wait_turn(key, update_id)
        await self._process(update_id, update)

    async def _process(self, update_id: int, update: dict[str, Any]) -> None:
        in_hand = UpdateInHand(update_id, callback_answered=update_id in self._answered)
        self._answered.discard(update_id)
        status = await self._handle(update_id, update, in_hand)
        if status is not None and not (status == "done" and in_hand.closed):
            await self._mark(update_id, status)

    async def _handle(
        self, update_id: int, update: dict[str, Any], in_hand: UpdateInHand
    ) -> UpdateStatus | None:
        """Feed the update to the dispatcher until it is handled: "done", "failed" (a bug),
        or None (stopping while a transient error lasts: left pending)."""
        backoff = Backoff(cap=HANDLER_RETRY_CAP)
        streak = FailureStreak(log, f"update {update_id}")
        while True:
            async with self.semaphore:
                started = time.perf_counter()
                try:
                    await self.dispatcher.feed_raw_update(self.bot, update, in_hand=in_hand)
                except Exception as error:
                    if not is_transient(error):
                        log.error(
                            "update %d: handler failed (%s)",
                            update_id,
                            type(error).__name__,
                            exc_info=True,
                        )
                        return "failed"
                    failure: BaseException | None = error
                else:
                    failure = None
            if failure is None:
                streak.succeeded()
                log.info("update %d done in %.3f s", update_id, time.perf_counter() - started)
                return "done"
            delay = backoff.next_delay()
            streak.failed(failure, delay)
            if await sleep_unless(self._hard_stop, delay):
                return None

    async def _mark(self, update_id: int, status: UpdateStatus) -> None:
        backoff = Backoff(cap=5.0)
        streak = FailureStreak(log, f"update {update_id}: closing")
        while True:
            try:
                await asyncio.to_thread(
                    mark_update, self.engine, update_id=update_id, status=status
                )
            except Exception as error:
                delay = backoff.next_delay()
                streak.failed(error, delay)
                if await sleep_unless(self._hard_stop, delay):
                    return  # left pending: replayed later, applied once (its event id)
                continue
            streak.succeeded()
            return

    async def _wait_turn(self, key: str, update_id: int) -> None:
        """Across instances: the user's older pending updates first (see the module doc)."""
        deadline = self._now() + self.order_wait
        while not self._hard_stop.is_set():
            try:
                older = await asyncio.to_thread(
                    older_pending, self.engine, update_id=update_id, user=key
                )
            except Exception as error:
                log.info("update %d: order not checked (%s)", update_id, type(error).__name__)
                await sleep_unless(self._hard_stop, 0.5)
                continue
            now = utc_now()
            others = [o for o in older if o.update_id not in self._held]
            if not others:
                return
            if any(not o.held_by_other(self.owner, now) for o in others):
                await self._take_over(key, update_id)
                continue
            if self._now() >= deadline:
                log.warning("update %d: an older update of the same user is still busy", update_id)
                return
            await asyncio.sleep(ORDER_POLL)

    async def _take_over(self, key: str, update_id: int) -> None:
        """Run now the user's older updates left by an instance that died."""
        rows = await asyncio.to_thread(
            claim_updates,
            self.engine,
            owner=self.owner,
            lease=self.lease,
            user=key,
            before=update_id,
            exclude=frozenset(self._held),
        )
        for row in rows:
            older_id = int(row["update_id"])
            log.info("update %d: taken over from a stopped instance", older_id)
            self._held.add(older_id)
            try:
                await self._process(older_id, row)
            finally:
                self._held.discard(older_id)

    # -- maintenance ---------------------------------------------------------------------------
    async def _maintain(self, take_all: bool) -> None:
        last_sweep = -self.sweep_every
        first = True
        while True:
            due = self._now() - last_sweep >= self.sweep_every
            if due and await self._sweep(take_all=take_all and first):
                first = False
                last_sweep = self._now()
            await self._renew()
            self._prune()
            self.health.beat(queued=self.queued)
            await asyncio.sleep(min(self.lease / 3, self.sweep_every))

    async def _sweep(self, *, take_all: bool) -> bool:
        """Queue the pending updates nobody holds; False when the journal is unreadable."""
        if self._stopping:
            return True
        try:
            rows = await asyncio.to_thread(
                claim_updates,
                self.engine,
                owner=self.owner,
                lease=self.lease,
                exclude=frozenset(self._held),
                any_lease=take_all,
            )
        except Exception as error:
            self.health.database(ok=False)
            log.warning("sweep: journal unreadable (%s)", type(error).__name__)
            return False
        self.health.database(ok=True)
        for row in rows:
            if int(row["update_id"]) not in self._held:
                log.info("update %s: resumed", row.get("update_id"))
                self._enqueue(user_key(row), row)
        return True

    async def _renew(self) -> None:
        if not self._held:
            return
        try:
            await asyncio.to_thread(
                renew_leases,
                self.engine,
                owner=self.owner,
                update_ids=sorted(self._held),
                lease=self.lease,
            )
        except Exception as error:
            log.info("leases not renewed (%s)", type(error).__name__)

    def _prune(self) -> None:
        cutoff = self._now() - QUOTA_WINDOW
        for key in [k for k, recent in self._rates.items() if not recent or recent[-1] <= cutoff]:
            del self._rates[key]
        for key in [k for k, at in self._noticed.items() if at <= cutoff]:
            del self._noticed[key]

    def _spawn(self, coroutine: Awaitable[None]) -> None:
        task = asyncio.ensure_future(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
