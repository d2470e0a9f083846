"""aiogram FSM storage in the database, for one process (Redis is used when several run).

The adapter keeps a little conversation state of its own (after "Répondre à l'équipe", the
next message is a follow-up to a ticket, not an answer to the interview). In memory it would
be lost on a restart, and that next message would be taken as an interview answer; so it is
written through to `fsm_record` and read back on first use after a start.

aiogram reads the state of every update, so reads are served from a write-through cache:
correct because one polling process owns its users (several instances use `RedisStorage`).
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import Any

from aiogram.fsm.state import State
from aiogram.fsm.storage.base import BaseStorage, DefaultKeyBuilder, StateType, StorageKey
from sqlalchemy import Engine

from storage.fsm import load_record, save_record


def _owner(key: StorageKey) -> str:
    return f"telegram:{key.user_id}"


class SqlStorage(BaseStorage):
    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._keys = DefaultKeyBuilder(with_bot_id=True)
        self._cache: dict[str, tuple[str | None, dict[str, Any]]] = {}

    async def _record(self, key: StorageKey) -> tuple[str, str | None, dict[str, Any]]:
        name = self._keys.build(key)
        if name not in self._cache:
            self._cache[name] = await asyncio.to_thread(load_record, self._engine, name)
        state, data = self._cache[name]
        return name, state, data

    async def _write(
        self, key: StorageKey, name: str, state: str | None, data: dict[str, Any]
    ) -> None:
        await asyncio.to_thread(
            save_record, self._engine, name, owner=_owner(key), state=state, data=data
        )
        self._cache[name] = (state, data)

    async def set_state(self, key: StorageKey, state: StateType = None) -> None:
        name, _, data = await self._record(key)
        await self._write(key, name, state.state if isinstance(state, State) else state, data)

    async def get_state(self, key: StorageKey) -> str | None:
        _, state, _ = await self._record(key)
        return state

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        name, state, _ = await self._record(key)
        await self._write(key, name, state, dict(data))

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        _, _, data = await self._record(key)
        return dict(data)

    async def close(self) -> None:
        self._cache.clear()
