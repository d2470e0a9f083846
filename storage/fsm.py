"""Rows of the adapter's conversation state (`FsmRecordRow`): read and write."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session

from storage.models import FsmRecordRow, utc_now


def load_record(engine: Engine, key: str) -> tuple[str | None, dict[str, Any]]:
    """The state and data stored under `key` (nothing stored: no state, no data)."""
    with Session(engine) as session:
        row = session.get(FsmRecordRow, key)
        return (None, {}) if row is None else (row.state, dict(row.data))


def save_record(
    engine: Engine,
    key: str,
    *,
    owner: str,
    state: str | None,
    data: dict[str, Any],
    at: dt.datetime | None = None,
) -> None:
    """Store `state` and `data` under `key`; an empty record is deleted rather than kept."""
    with Session(engine) as session, session.begin():
        row = session.get(FsmRecordRow, key)
        if state is None and not data:
            if row is not None:
                session.delete(row)
            return
        if row is None:
            row = FsmRecordRow(key=key, owner=owner, updated_at=at or utc_now())
        row.state, row.data, row.updated_at = state, dict(data), at or utc_now()
        session.add(row)
