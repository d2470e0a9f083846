"""The journal of raw Telegram updates: durable receipt before confirmation to Telegram.

`record_updates` stores a batch (ignoring update ids already known: Telegram re-delivers)
and returns the new ones; `mark_update` closes one (its payload erased). Keyword-only
functions over an `Engine`, each its own transaction.

Ownership across instances: an update is processed under a *lease*, the id of the instance
working on it and an expiry it renews while it works (`renew_leases`). A received update is
leased to the instance that recorded it; `claim_updates` hands an instance the pending
updates whose lease is its own, missing or expired (an instance that died), so that a live
instance's work is never taken over, and a dead one's is within seconds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from sqlalchemy import Connection, Engine, Executable, Table, and_, bindparam, or_, update
from sqlmodel import Session, col, select

from storage.db import insert_for
from storage.models import TelegramUpdateRow, utc_now
from storage.prepared import Prepared

UpdateStatus = Literal["pending", "done", "failed"]

#: Seconds a lease lasts unless renewed (renewed every third of it while its instance lives).
LEASE_SECONDS = 6.0

_TABLE: Table = TelegramUpdateRow.__table__  # type: ignore[attr-defined]
_CLOSE = (
    update(_TABLE)
    .where(_TABLE.c.update_id == bindparam("p_id"))
    .values(
        status=bindparam("p_status", type_=_TABLE.c.status.type),
        payload={},
        done_at=bindparam("p_done_at", type_=_TABLE.c.done_at.type),
        lease_owner=None,
        lease_until=None,
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

_PREPARED_CLOSE, _PREPARED_REOPEN = Prepared(_CLOSE), Prepared(_REOPEN)


def user_key(update: dict[str, Any]) -> str:
    """Who an update belongs to (its sender, else its chat), for per-user ordering."""
    for kind, body in update.items():
        if kind == "update_id" or not isinstance(body, dict):
            continue
        sender = body.get("from")
        if isinstance(sender, dict) and isinstance(sender.get("id"), int):
            return f"user:{sender['id']}"
        chat = body.get("chat")
        if isinstance(chat, dict) and isinstance(chat.get("id"), int):
            return f"chat:{chat['id']}"
    return f"update:{update.get('update_id')}"


def journal_key(owner: str) -> str | None:
    """`user_key` of a Telegram applicant's updates, from the owner the service knows them
    by ("telegram:42" → "user:42"); None for an owner from another channel."""
    prefix, _, number = owner.partition(":")
    return f"user:{number}" if prefix == "telegram" and number.isdigit() else None


def _until(lease: float) -> dt.datetime:
    return utc_now() + dt.timedelta(seconds=lease)


def record_updates(
    engine: Engine,
    updates: Iterable[dict[str, Any]],
    *,
    owner: str | None = None,
    lease: float = LEASE_SECONDS,
) -> list[dict[str, Any]]:
    """Store the updates not seen before (committed on return), leased to `owner` when
    given; returns them, in update_id order. Each must have an integer `update_id`."""
    batch = {int(u["update_id"]): u for u in updates}
    if not batch:
        return []
    now = utc_now()
    rows: list[dict[str, Any]] = [
        {
            "update_id": update_id,
            "payload": batch[update_id],
            "status": "pending",
            "received_at": now,
            "user_key": user_key(batch[update_id])[:64],
            "lease_owner": owner,
            "lease_until": None if owner is None else now + dt.timedelta(seconds=lease),
        }
        for update_id in sorted(batch)
    ]
    # One statement on SQLite and PostgreSQL (SQLAlchemy sends several rows as one INSERT
    # with their VALUES): the ids it inserted are the new ones. A single update, the usual
    # batch when applicants answer at a human pace, goes straight to the driver.
    with engine.begin() as connection:
        if len(rows) == 1:
            inserted = {row[0] for row in _RECORD_ONE.rows(connection, rows[0])}
        else:
            statement = _record_statement(engine.dialect.name)
            inserted = set(connection.execute(statement, rows).scalars())
    return [batch[i] for i in sorted(inserted)]


@cache
def _record_statement(dialect: str) -> Executable:
    """Built once per database kind: building the insert at each batch (the rows in it) cost
    more than running it (about 0.4 ms of 0.65 per update received, SQLite)."""
    statement: Executable = (
        insert_for(dialect)(_TABLE)
        .on_conflict_do_nothing(index_elements=[_TABLE.c.update_id])
        .returning(_TABLE.c.update_id)
    )
    return statement


class _RecordOne:
    """`_record_statement` for one row, prepared per database kind (`Prepared`)."""

    def __init__(self) -> None:
        self._prepared: dict[str, Prepared] = {}

    def rows(self, connection: Connection, row: dict[str, Any]) -> list[tuple[Any, ...]]:
        dialect = connection.dialect.name
        prepared = self._prepared.get(dialect)
        if prepared is None:
            prepared = self._prepared[dialect] = Prepared(_record_statement(dialect), list(row))
        return prepared.rows(connection, row)


_RECORD_ONE = _RecordOne()


def _claimable(owner: str, now: dt.datetime) -> Any:
    return and_(
        col(TelegramUpdateRow.status) == "pending",
        or_(
            col(TelegramUpdateRow.lease_owner).is_(None),
            col(TelegramUpdateRow.lease_owner) == owner,
            col(TelegramUpdateRow.lease_until).is_(None),
            col(TelegramUpdateRow.lease_until) < now,
        ),
    )


def claim_updates(
    engine: Engine,
    *,
    owner: str,
    lease: float = LEASE_SECONDS,
    limit: int = 500,
    user: str | None = None,
    before: int | None = None,
    exclude: Collection[int] = (),
    any_lease: bool = False,
) -> list[dict[str, Any]]:
    """Lease to `owner` the pending updates it may process, oldest first, and return them:
    those whose lease is its own, missing or expired (every pending one with `any_lease`,
    when no other instance can be alive: long polling). `user` and `before` narrow to one
    user's updates older than an update id; `exclude` leaves out updates already held."""
    now = utc_now()
    condition = col(TelegramUpdateRow.status) == "pending" if any_lease else _claimable(owner, now)
    query = select(TelegramUpdateRow.update_id).where(condition)
    if user is not None:
        query = query.where(col(TelegramUpdateRow.user_key) == user)
    if before is not None:
        query = query.where(col(TelegramUpdateRow.update_id) < before)
    with Session(engine) as session:
        found = session.exec(
            query.order_by(col(TelegramUpdateRow.update_id)).limit(limit + len(exclude))
        )
        ids = [int(i) for i in found if i not in exclude][:limit]
        if not ids:
            return []
        session.exec(
            update(TelegramUpdateRow)
            .where(col(TelegramUpdateRow.update_id).in_(ids), condition)
            .values(lease_owner=owner, lease_until=now + dt.timedelta(seconds=lease))
        )
        session.commit()
        rows = session.exec(
            select(TelegramUpdateRow)
            .where(
                col(TelegramUpdateRow.update_id).in_(ids),
                col(TelegramUpdateRow.lease_owner) == owner,
                col(TelegramUpdateRow.status) == "pending",
            )
            .order_by(col(TelegramUpdateRow.update_id))
        )
        return [dict(row.payload) for row in rows]


def renew_leases(
    engine: Engine, *, owner: str, update_ids: Sequence[int], lease: float = LEASE_SECONDS
) -> None:
    """Extend `owner`'s leases on these pending updates (the ones it still holds)."""
    if not update_ids:
        return
    with engine.begin() as connection:
        connection.execute(
            update(_TABLE)
            .where(
                _TABLE.c.update_id.in_(list(update_ids)),
                _TABLE.c.lease_owner == owner,
                _TABLE.c.status == "pending",
            )
            .values(lease_until=_until(lease))
        )


def release_leases(engine: Engine, *, owner: str) -> None:
    """On a clean stop: `owner`'s pending updates may be taken over at once."""
    with engine.begin() as connection:
        connection.execute(
            update(_TABLE)
            .where(_TABLE.c.lease_owner == owner, _TABLE.c.status == "pending")
            .values(lease_owner=None, lease_until=None)
        )


@dataclass(frozen=True)
class OlderUpdate:
    update_id: int
    lease_owner: str | None
    lease_until: dt.datetime | None

    def held_by_other(self, owner: str, now: dt.datetime) -> bool:
        """Leased to another instance that is still alive (its lease not expired)."""
        return (
            self.lease_owner is not None
            and self.lease_owner != owner
            and self.lease_until is not None
            and self.lease_until >= now
        )


def older_pending(engine: Engine, *, update_id: int, user: str) -> list[OlderUpdate]:
    """The same user's updates older than `update_id` still pending, oldest first."""
    with Session(engine) as session:
        rows = session.exec(
            select(
                TelegramUpdateRow.update_id,
                TelegramUpdateRow.lease_owner,
                TelegramUpdateRow.lease_until,
            )
            .where(
                col(TelegramUpdateRow.user_key) == user,
                col(TelegramUpdateRow.status) == "pending",
                col(TelegramUpdateRow.update_id) < update_id,
            )
            .order_by(col(TelegramUpdateRow.update_id))
        )
        return [OlderUpdate(int(i), owner, until) for i, owner, until in rows]


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
    with engine.begin() as connection:
        close_update_in(connection, update_id=update_id, status=status, at=utc_now())


def close_update_in(
    connection: Connection, *, update_id: int, status: UpdateStatus, at: dt.datetime
) -> None:
    """`mark_update` inside the caller's transaction (`SqlRepository.close_update`)."""
    (_PREPARED_CLOSE if status != "pending" else _PREPARED_REOPEN).run(
        connection, {"p_id": update_id, "p_status": status, "p_done_at": at}
    )


def mark_updates(engine: Engine, *, update_ids: Sequence[int], status: UpdateStatus) -> None:
    """`mark_update` for several updates, in one transaction."""
    if not update_ids:
        return
    now = utc_now()
    with engine.begin() as connection:
        connection.execute(
            _CLOSE if status != "pending" else _REOPEN,
            [{"p_id": i, "p_status": status, "p_done_at": now} for i in update_ids],
        )


def pending_in_session(session: Session, *, user: str) -> list[dict[str, Any]]:
    """The user's updates not processed yet, as received (for the right of access)."""
    rows = session.exec(
        select(TelegramUpdateRow)
        .where(
            col(TelegramUpdateRow.user_key) == user,
            col(TelegramUpdateRow.status) == "pending",
        )
        .order_by(col(TelegramUpdateRow.update_id))
    )
    return [dict(row.payload) for row in rows]


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
