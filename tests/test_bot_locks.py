"""Per-user locks (in-process and Redis) and the per-user order across instances."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from bot.locks import LocalUserLocks, RedisUserLocks, UserLocks, make_user_locks, older_pending
from storage.repository import SqlStore
from storage.updates import mark_update, record_updates


def message(update_id: int, user_id: int) -> dict[str, object]:
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": 0,
            "chat": {"id": user_id, "type": "private"},
            "from": {"id": user_id, "is_bot": False, "first_name": "X"},
            "text": "hello",
        },
    }


async def overlap(first: UserLocks, second: UserLocks, key: str, other: str) -> list[str]:
    """Run three critical sections; returns the trace of enters and exits."""
    trace: list[str] = []

    async def section(locks: UserLocks, name: str, lock_key: str) -> None:
        async with locks.lock(lock_key):
            trace.append(f"+{name}")
            await asyncio.sleep(0.05)
            trace.append(f"-{name}")

    await asyncio.gather(
        section(first, "a", key), section(second, "b", key), section(second, "c", other)
    )
    return trace


def same_key_exclusive(trace: list[str]) -> bool:
    a, b = (trace.index("+a"), trace.index("-a")), (trace.index("+b"), trace.index("-b"))
    return a[1] < b[0] or b[1] < a[0]


async def test_local_locks_exclude_the_same_user_only() -> None:
    locks = LocalUserLocks()
    trace = await overlap(locks, locks, "user:1", "user:2")
    assert same_key_exclusive(trace)
    assert trace.index("+c") < max(trace.index("-a"), trace.index("-b"))  # concurrently
    assert not locks._locks  # nothing kept once released


async def test_redis_locks_exclude_across_instances(redis_url: str) -> None:
    one, two = make_user_locks(redis_url), make_user_locks(redis_url)
    assert isinstance(one, RedisUserLocks) and isinstance(two, RedisUserLocks)
    try:
        trace = await overlap(one, two, "user:1", "user:2")
        assert same_key_exclusive(trace)
    finally:
        await one.close()
        await two.close()


def test_without_redis_the_locks_are_local() -> None:
    assert isinstance(make_user_locks(None), LocalUserLocks)


def test_older_pending_sees_only_the_same_users_older_updates(tmp_path: Path) -> None:
    store = SqlStore(f"sqlite:///{tmp_path / 'db.sqlite'}")
    engine = store.engine
    try:
        record_updates(engine, [message(1, 10), message(2, 20), message(3, 10)])
        assert older_pending(engine, update_id=3, key="user:10")
        assert not older_pending(engine, update_id=3, key="user:30")
        assert not older_pending(engine, update_id=1, key="user:10")
        assert older_pending(engine, update_id=3, key="user:10", max_age=60)
        time.sleep(0.05)
        assert not older_pending(engine, update_id=3, key="user:10", max_age=0.01)
        mark_update(engine, update_id=1, status="done")
        assert not older_pending(engine, update_id=3, key="user:10")
    finally:
        store.dispose()
