"""Per-user locks, within one process or across instances (Redis), and per-user order.

`UserLocks` is the one small protocol: `lock(key)` is an async context manager that lets one
update of a user run at a time. `LocalUserLocks` uses asyncio locks (one process);
`RedisUserLocks` uses redis.asyncio `Lock`s, so instances behind a load balancer sharing one
Redis also serialise a user's updates; their timeout frees the lock of a crashed instance.

In webhook mode consecutive updates of one user may reach different instances, so a lock alone
does not keep their order: `UserOrderMiddleware` first waits (bounded) until no older update
of the same user is still pending in the shared `telegram_update` journal, then takes the lock.
An older update pending for more than `ORDER_WAIT` seconds (its instance crashed; it is
processed when an instance starts) no longer holds the user's next updates back.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AbstractAsyncContextManager
from typing import TYPE_CHECKING, Any, Protocol

from aiogram import BaseMiddleware
from aiogram.types import Chat, TelegramObject, Update, User
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from bot.polling import user_key
from storage.models import TelegramUpdateRow, utc_now

if TYPE_CHECKING:  # redis is imported only when REDIS_URL is set
    from redis.asyncio import Redis

log = logging.getLogger(__name__)

LOCK_TIMEOUT = 120.0  # seconds a lock outlives a crashed holder
ORDER_WAIT = 30.0  # seconds an update waits for an older one of the same user (then runs)
ORDER_POLL = 0.05


class UserLocks(Protocol):
    def lock(self, key: str) -> AbstractAsyncContextManager[None]: ...

    async def close(self) -> None: ...


class LocalUserLocks:
    """FIFO asyncio locks, one per user key while in use (one process only)."""

    def __init__(self) -> None:
        self._locks: dict[str, tuple[asyncio.Lock, int]] = {}

    @contextlib.asynccontextmanager
    async def lock(self, key: str) -> AsyncIterator[None]:
        lock, users = self._locks.get(key, (asyncio.Lock(), 0))
        self._locks[key] = (lock, users + 1)
        try:
            async with lock:
                yield
        finally:
            lock_, users = self._locks[key]
            if users <= 1:
                del self._locks[key]
            else:
                self._locks[key] = (lock_, users - 1)

    async def close(self) -> None:
        return None


class RedisUserLocks:
    """Redis locks shared by every instance using the same Redis (``aap-bot:lock:<key>``)."""

    def __init__(
        self, redis: Redis, *, timeout: float = LOCK_TIMEOUT, prefix: str = "aap-bot:lock:"
    ) -> None:
        self.redis = redis
        self.timeout = timeout
        self.prefix = prefix

    @classmethod
    def from_url(cls, url: str, **options: Any) -> RedisUserLocks:
        from redis.asyncio import Redis

        return cls(Redis.from_url(url), **options)

    @contextlib.asynccontextmanager
    async def lock(self, key: str) -> AsyncIterator[None]:
        from redis.exceptions import LockError, RedisError

        lock = self.redis.lock(
            self.prefix + key, timeout=self.timeout, blocking_timeout=self.timeout, sleep=0.02
        )
        acquired = False
        try:
            acquired = bool(await lock.acquire())
        except RedisError as error:
            log.warning("lock %s: Redis unavailable (%s)", key, type(error).__name__)
        if not acquired:
            # Better late than never: exactly-once still holds through claim_event.
            log.warning("lock %s: not acquired, processing anyway", key)
        try:
            yield
        finally:
            if acquired:
                with contextlib.suppress(LockError, RedisError):
                    await lock.release()

    async def close(self) -> None:
        await self.redis.aclose()


def make_user_locks(redis_url: str | None) -> UserLocks:
    """Redis locks when REDIS_URL is set, else in-process locks."""
    return RedisUserLocks.from_url(redis_url) if redis_url else LocalUserLocks()


def older_pending(
    engine: Engine, *, update_id: int, key: str, max_age: float | None = None
) -> bool:
    """Whether an update older than `update_id` of the same user is still pending (received
    less than `max_age` seconds ago: an older one was left by a crashed instance and waits
    for a restart, it must not hold up the user's next updates)."""
    query = select(TelegramUpdateRow.payload).where(
        TelegramUpdateRow.status == "pending",
        col(TelegramUpdateRow.update_id) < update_id,
    )
    if max_age is not None:
        since = utc_now() - dt.timedelta(seconds=max_age)
        query = query.where(col(TelegramUpdateRow.received_at) >= since)
    with Session(engine) as session:
        rows = session.exec(query)
        return any(user_key(dict(payload)) == key for payload in rows)


def update_key(update: Update, data: dict[str, Any]) -> str:
    """The same key as `bot.polling.user_key`, from aiogram's context."""
    user = data.get("event_from_user")
    if isinstance(user, User):
        return f"user:{user.id}"
    chat = data.get("event_chat")
    if isinstance(chat, Chat):
        return f"chat:{chat.id}"
    return f"update:{update.update_id}"


class UserOrderMiddleware(BaseMiddleware):
    """Outer update middleware: a user's updates in order, one at a time, across instances."""

    def __init__(
        self,
        locks: UserLocks,
        engine: Engine | None = None,
        *,
        order_wait: float = ORDER_WAIT,
    ) -> None:
        self.locks = locks
        self.engine = engine
        self.order_wait = order_wait

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        if not isinstance(event, Update):
            return await handler(event, data)
        key = update_key(event, data)
        if self.engine is not None:
            await self._wait_turn(event.update_id, key)
        async with self.locks.lock(key):
            return await handler(event, data)

    async def _wait_turn(self, update_id: int, key: str) -> None:
        assert self.engine is not None
        deadline = time.monotonic() + self.order_wait
        waited = False
        while await asyncio.to_thread(older_pending, self.engine, update_id=update_id, key=key):
            if time.monotonic() >= deadline:
                log.warning("update %d: an older update of the same user is stuck", update_id)
                return
            if not waited:
                log.debug("update %d: waiting for an older update of the same user", update_id)
                waited = True
            await asyncio.sleep(ORDER_POLL)
