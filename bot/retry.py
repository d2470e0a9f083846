"""What is worth retrying, how long to wait, and saying so once.

`is_transient` sorts errors: the network, Telegram's 5xx and garbled answers (a proxy's HTML
page), a database or Redis that is locked, stopped or restarting will pass; a bug will not.
A transient error is retried with `Backoff` (capped exponential, with jitter so that several
instances do not retry in step); anything else is reported once and given up.

`FailureStreak` logs the first failure of a streak as a warning, the next ones at debug level
(a database stopped for a minute must not write a hundred lines), and the recovery once.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from collections.abc import Awaitable, Callable
from typing import TypeVar

import aiohttp
from aiogram.exceptions import (
    ClientDecodeError,
    TelegramConflictError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from sqlalchemy.exc import DBAPIError, DisconnectionError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

T = TypeVar("T")

BASE_DELAY = 0.5
MAX_DELAY = 30.0


def is_transient(error: BaseException) -> bool:
    """Whether `error` may go away by itself (then the work is retried later)."""
    if isinstance(
        error,
        TelegramServerError
        | TelegramNetworkError
        | TelegramRetryAfter
        | TelegramConflictError
        | ClientDecodeError
        | aiohttp.ClientError
        | OSError
        | TimeoutError
        | OperationalError
        | DisconnectionError
        | PoolTimeout,
    ):
        return True
    if isinstance(error, DBAPIError) and error.connection_invalidated:
        return True
    return _is_redis_outage(error)


def _is_redis_outage(error: BaseException) -> bool:
    try:  # redis is imported only when REDIS_URL is set; then its errors are known
        from redis.exceptions import BusyLoadingError
        from redis.exceptions import ConnectionError as RedisConnectionError
        from redis.exceptions import TimeoutError as RedisTimeout
    except ImportError:  # pragma: no cover - redis is a dependency
        return False
    return isinstance(error, RedisConnectionError | RedisTimeout | BusyLoadingError)


class Backoff:
    """Delays of 0.5, 1, 2, 4… seconds up to `cap`, each drawn in [d/2, d] ("equal jitter")."""

    def __init__(
        self,
        *,
        base: float = BASE_DELAY,
        cap: float = MAX_DELAY,
        jitter: Callable[[], float] = random.random,
    ) -> None:
        self.base = base
        self.cap = cap
        self.jitter = jitter
        self.failures = 0

    def next_delay(self) -> float:
        delay = min(self.cap, self.base * 2**self.failures)
        self.failures = min(self.failures + 1, 30)
        return float(delay / 2 + delay / 2 * self.jitter())

    def reset(self) -> None:
        self.failures = 0


class FailureStreak:
    """Logs a run of failures of one operation once, and its end once."""

    def __init__(self, logger: logging.Logger, what: str) -> None:
        self.logger = logger
        self.what = what
        self.count = 0

    def failed(self, error: BaseException, delay: float) -> None:
        self.count += 1
        level = logging.WARNING if self.count == 1 else logging.DEBUG
        self.logger.log(
            level,
            "%s failed (%s), retrying in %.1f s (failure %d)",
            self.what,
            type(error).__name__,
            delay,
            self.count,
        )

    def succeeded(self) -> None:
        if self.count:
            self.logger.info("%s works again after %d failure(s)", self.what, self.count)
        self.count = 0


async def sleep_unless(stop: asyncio.Event, seconds: float) -> bool:
    """Sleep `seconds`, or less if `stop` is set meanwhile; True when stopping."""
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), seconds)
    return stop.is_set()


async def persist(
    call: Callable[[], Awaitable[T]],
    *,
    stop: asyncio.Event,
    what: str,
    logger: logging.Logger,
    retry: Callable[[BaseException], bool] = lambda error: True,
    backoff: Backoff | None = None,
) -> T | None:
    """Run `call` until it succeeds (its result), `stop` is set (None), or it fails with an
    error `retry` refuses (raised). Each streak of failures is logged once."""
    backoff = backoff or Backoff()
    streak = FailureStreak(logger, what)
    while not stop.is_set():
        try:
            result = await call()
        except Exception as error:
            if not retry(error):
                raise
            delay = backoff.next_delay()
            streak.failed(error, delay)
            if await sleep_unless(stop, delay):
                return None
            continue
        streak.succeeded()
        return result
    return None
