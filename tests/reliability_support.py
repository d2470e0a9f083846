"""The bot served in this process (its real `build` and poller) against the fake Bot API,
for the reliability tests of issue 11 (`tests/test_issues/`): faults are injected on the
fake server, the database or the clock of the test, and the test reads what users got.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import json
import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.bootstrap import App, bootstrap
from app.settings import Settings
from bot.app import TelegramBot, build
from tests.fakebotapi import FakeBotAPI
from tests.staff_support import fixed_clock


@dataclass
class Serving:
    api: FakeBotAPI
    app: App
    telegram: TelegramBot
    task: asyncio.Task[None]
    db: Path

    @property
    def alive(self) -> bool:
        """The receive loop still runs (it ends only when the test stops it)."""
        return not self.task.done()

    def query(self, sql: str, *params: Any) -> list[tuple[Any, ...]]:
        connection = sqlite3.connect(self.db, timeout=10)
        try:
            return list(connection.execute(sql, params))
        finally:
            connection.close()


@asynccontextmanager
async def serving(api: FakeBotAPI, tmp_path: Path, **settings: Any) -> AsyncIterator[Serving]:
    """`aap-bot run`'s bot (long polling, 1-second polls) in this process, on its own SQLite
    file; returns once it polls. Extra keyword arguments are settings."""
    db = tmp_path / "bot.db"
    options: dict[str, Any] = {
        "bot_token": api.token,
        "telegram_api_url": api.base_url,
        "database_url": f"sqlite:///{db}",
        **settings,
    }
    app = bootstrap(Settings(_env_file=None, **options), clock=fixed_clock())
    telegram = build(app, polling_timeout=1)
    stop = asyncio.Event()
    polls = api._poll_generation
    task = asyncio.create_task(telegram.poller.run(stop))
    try:
        await api.wait_until(lambda: api._poll_generation > polls or None, timeout=30)
        yield Serving(api, app, telegram, task, db)
    finally:
        stop.set()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(task, 30)
        await telegram.close()
        app.close()


def journal_as_a_dead_instance(db: Path, update: dict[str, Any], *, user_key: str) -> None:
    """Write `update` in the journal, pending, as an instance that died just after would have
    left it (with its owner's key when the journal has that column)."""
    connection = sqlite3.connect(db, timeout=10)
    columns = {row[1] for row in connection.execute("PRAGMA table_info(telegram_update)")}
    row = {
        "update_id": update["update_id"],
        "payload": json.dumps(update),
        "status": "pending",
        "received_at": dt.datetime.now(dt.UTC).isoformat(" "),
    }
    if "user_key" in columns:
        row["user_key"] = user_key
    with connection:
        connection.execute(
            f"INSERT INTO telegram_update ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
            tuple(row.values()),
        )
    connection.close()
