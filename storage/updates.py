"""The journal of raw Telegram updates: durable receipt before confirmation to Telegram.

`record_updates` stores a batch (ignoring update ids already known: Telegram re-delivers)
and returns the new ones; `unfinished_updates` lists those still pending (after a crash);
`mark_update` closes one. Keyword-only functions over an `Engine`, each its own transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal

from sqlalchemy import Engine, Table, bindparam, update
from sqlmodel import Session, col, select

from storage.models import TelegramUpdateRow, utc_now

UpdateStatus = Literal["pending", "done", "failed"]

_TABLE: Table = TelegramUpdateRow.__table__  # type: ignore[attr-defined]
_CLOSE = (
    update(_TABLE)
    .where(_TABLE.c.update_id == bindparam("p_id"))
    .values(
        status=bindparam("p_status", type_=_TABLE.c.status.type),
        payload={},
        done_at=bindparam("p_done_at", type_=_TABLE.c.done_at.type),
    )
)
_REOPEN = (
    update(_TABLE)
    .where(_TABLE.c.update_id == bindparam("p_id"))
    .values(
        status=bindparam("p_status", type_=_TABLE.c.status.type),
        done_at=bindparam("p_done_at", type_=_TABLE.c.done_at.type),
    )
)


def record_updates(engine: Engine, updates: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Store the updates not seen before (committed on return); returns them, in order."""
    batch = {int(u["update_id"]): u for u in updates}
    if not batch:
        return []
    with Session(engine) as session:
        known = set(
            session.exec(
                select(TelegramUpdateRow.update_id).where(
                    col(TelegramUpdateRow.update_id).in_(list(batch))
                )
            )
        )
        fresh = [batch[i] for i in sorted(batch) if i not in known]
        now = utc_now()
        for update in fresh:
            session.add(
                TelegramUpdateRow(
                    update_id=int(update["update_id"]),
                    payload=update,
                    status="pending",
                    received_at=now,
                )
            )
        session.commit()
    return fresh


def unfinished_updates(engine: Engine) -> list[dict[str, Any]]:
    """Updates received but not processed to the end (the bot stopped meanwhile), oldest first."""
    with Session(engine) as session:
        rows = session.exec(
            select(TelegramUpdateRow)
            .where(TelegramUpdateRow.status == "pending")
            .order_by(col(TelegramUpdateRow.update_id))
        )
        return [dict(row.payload) for row in rows]


def mark_update(engine: Engine, *, update_id: int, status: UpdateStatus) -> None:
    """Close an update. Its payload (texts, names) is erased: once handled, only its id is
    needed (to ignore a re-delivery), and personal data must not outlive the user's erasure.
    One UPDATE statement (prepared once), in its own transaction."""
    statement = _CLOSE if status != "pending" else _REOPEN
    with engine.begin() as connection:
        connection.execute(
            statement, {"p_id": update_id, "p_status": status, "p_done_at": utc_now()}
        )


def last_update_id(engine: Engine) -> int | None:
    """The highest update id ever received (to resume the offset after a restart)."""
    with Session(engine) as session:
        row = session.exec(
            select(TelegramUpdateRow.update_id)
            .order_by(col(TelegramUpdateRow.update_id).desc())
            .limit(1)
        ).first()
        return None if row is None else int(row)


def update_status(engine: Engine, update_id: int) -> str | None:
    with Session(engine) as session:
        row = session.get(TelegramUpdateRow, update_id)
        return None if row is None else row.status
