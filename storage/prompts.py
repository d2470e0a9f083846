"""`dialogs.ports.PromptRepository` on SQLModel: which question is asked, which was seen.

A mixin of `storage.repository.SqlRepository` (same session, same transaction as the answer).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import cache
from typing import Any

from sqlalchemy import (
    Connection,
    Executable,
    Select,
    Table,
    bindparam,
    case,
    delete,
    func,
    insert,
    or_,
)
from sqlalchemy import select as core_select
from sqlalchemy.orm.util import identity_key
from sqlmodel import Session, col, select

from dialogs.dossier import Dossier
from dialogs.ports import QuestionSeen, StoredDossier
from storage.db import insert_for, json_text_out
from storage.models import DossierRow, PromptDeliveryRow, PromptPoseRow, TelegramUpdateRow
from storage.prepared import Prepared
from storage.updates import close_update_in, journal_key

#: Deliveries kept per applicant: enough for any message still on its way.
KEEP_DELIVERIES = 20
_NEW = 1 << 62  # the id the delivery being recorded ranks with (after every other)


@cache
def _pose_statement(insert: Callable[[Table], Any]) -> Prepared:
    table = PromptPoseRow.__table__  # type: ignore[attr-defined]
    assert isinstance(table, Table)
    new = insert(table).values(revision=1)
    same = (table.c.key == new.excluded.key) & table.c.dossier_id.is_not_distinct_from(
        new.excluded.dossier_id
    )
    statement: Executable = new.on_conflict_do_update(
        index_elements=[table.c.owner],
        set_={
            "revision": case((same, table.c.revision), else_=table.c.revision + 1),
            "key": new.excluded.key,
            "dossier_id": new.excluded.dossier_id,
        },
    ).returning(table.c.revision)
    return Prepared(statement, ["owner", "dossier_id", "key"])


_DELIVERIES: Table = PromptDeliveryRow.__table__  # type: ignore[attr-defined]
_KEPT = Prepared(
    core_select(_DELIVERIES.c.id, _DELIVERIES.c.message_id).where(
        _DELIVERIES.c.owner == bindparam("p_owner")
    )
)
_DROP = delete(_DELIVERIES).where(_DELIVERIES.c.id.in_(bindparam("p_ids", expanding=True)))
#: The one delivery a new one pushes past the limit, as it usually is: an expanding IN list
#: goes through SQLAlchemy's whole execution (about 100 µs), this runs prepared.
_DROP_ONE = Prepared(delete(_DELIVERIES).where(_DELIVERIES.c.id == bindparam("p_id")))
_JOURNAL: Table = TelegramUpdateRow.__table__  # type: ignore[attr-defined]
#: The delivery, with the highest update journaled from its applicant (`p_key`: their
#: journal key; NULL for an owner from another channel, whose subquery then finds nothing).
#: Built once: building the subquery and the insert at each delivery cost more than running
#: them.
_ADD_DELIVERY = Prepared(
    insert(_DELIVERIES).values(
        owner=bindparam("p_owner"),
        revision=bindparam("p_revision"),
        message_id=bindparam("p_message"),
        at=bindparam("p_at", type_=_DELIVERIES.c.at.type),
        after_update=core_select(func.max(_JOURNAL.c.update_id))
        .where(_JOURNAL.c.user_key == bindparam("p_key"))
        .scalar_subquery(),
    )
)


#: The delivery of a question sent in a new message: no update bound. A private chat numbers
#: what either side sends in one order, so a text with a larger message id was sent after
#: the question existed, even when it was journaled before the delivery was recorded (the
#: applicant answering while the bot still tidied the previous question's buttons).
_ADD_SENT_DELIVERY = Prepared(
    insert(_DELIVERIES).values(
        owner=bindparam("p_owner"),
        revision=bindparam("p_revision"),
        message_id=bindparam("p_message"),
        at=bindparam("p_at", type_=_DELIVERIES.c.at.type),
        after_update=None,
    )
)


@cache
def _seen_before(with_received: bool) -> Prepared:
    """The revision of the newest delivery before a message (and before an update)."""
    table = _DELIVERIES
    query = core_select(table.c.revision).where(
        table.c.owner == bindparam("p_owner"), table.c.message_id < bindparam("p_message")
    )
    if with_received:
        query = query.where(
            or_(table.c.after_update.is_(None), table.c.after_update < bindparam("p_received"))
        )
    # The newest delivery in time (its row id), not the highest message: a question shown by
    # editing an older message (an old « Précédent » clicked) came after the recap sent in a
    # newer one, and it is the question a text typed next answers.
    return Prepared(query.order_by(table.c.id.desc()).limit(1))


_POSES: Table = PromptPoseRow.__table__  # type: ignore[attr-defined]


@cache
def _dossier_seen(dialect: str, with_received: bool) -> Prepared:
    """The dossier (as `SqlRepository.get_dossier` reads it) with its applicant's posed
    question and `_seen_before`'s revision: one statement for a typed answer."""
    dossiers: Table = DossierRow.__table__  # type: ignore[attr-defined]
    seen = _seen_before(with_received).statement
    assert isinstance(seen, Select)
    query = (
        core_select(
            dossiers.c.owner,
            json_text_out(dossiers.c.data, dialect),
            dossiers.c.version,
            _POSES.c.dossier_id,
            _POSES.c.key,
            _POSES.c.revision,
            seen.scalar_subquery(),
        )
        .select_from(dossiers.outerjoin(_POSES, _POSES.c.owner == bindparam("p_owner")))
        .where(dossiers.c.id == bindparam("p_id"))
    )
    return Prepared(query)


class PromptsMixin:
    session: Session
    connection: Connection  # the transaction's (`SqlRepository`)

    def _flush(self) -> None:
        """Pending ORM changes written before a statement (`SqlRepository._flush`)."""
        self.session.flush()

    def pose(self, *, owner: str, dossier_id: int | None, key: str) -> int:
        """The revision of the question `key` of `dossier_id` now asked to `owner`: the same
        as before while it stays asked, one more when another question (or dossier) is.
        One statement (an upsert) on SQLite and PostgreSQL."""
        self._flush()
        revision = int(
            _pose_statement(insert_for(self.connection.dialect.name)).scalar(
                self.connection, {"owner": owner, "dossier_id": dossier_id, "key": key}
            )
        )
        self._expire(PromptPoseRow, owner)
        return revision

    def _expire(self, model: type[Any], key: object) -> None:
        """Forget an ORM copy of a row changed by a statement (`SqlRepository._expire`)."""
        row = self.session.identity_map.get(identity_key(model, key))
        if row is not None:
            self.session.expire(row)

    def revision_seen_before(
        self, *, owner: str, message_id: int, received: int | None = None
    ) -> int | None:
        """The revision of the last question delivered to `owner` before their chat message
        `message_id` (None when no delivery is known: then nothing can be checked). With
        `received` (the message's place in the order updates came in: its update id), a
        question delivered after that message was received does not count, even on an older
        message (a clicked question edited into the next one keeps its message id)."""
        self._flush()  # what the ORM would autoflush before reading
        parameters: dict[str, object] = {"p_owner": owner, "p_message": message_id}
        if received is not None:
            parameters["p_received"] = received
        found = _seen_before(received is not None).scalar(self.connection, parameters)
        return None if found is None else int(found)

    def get_dossier_seen(
        self, dossier_id: int, *, owner: str, message_id: int, received: int | None = None
    ) -> tuple[StoredDossier, QuestionSeen] | None:
        """`get_dossier`, with the question posed now to `owner` and `revision_seen_before`
        of their message `message_id`, in one statement (a typed answer read them in two
        more). Read while the caller holds `owner`'s row: nothing else poses for `owner`
        meanwhile, since every transaction that poses marks the user seen (or sets their
        active dossier) first, and so holds their row, as `InterviewService._handle` does;
        SQLite has one writer at a time."""
        self._flush()
        parameters: dict[str, object] = {
            "p_id": dossier_id,
            "p_owner": owner,
            "p_message": message_id,
        }
        if received is not None:
            parameters["p_received"] = received
        statement = _dossier_seen(self.connection.dialect.name, received is not None)
        hit = statement.first(self.connection, parameters)
        if hit is None:
            return None
        dossier_owner, data, version, posed_dossier, posed_key, revision, seen = hit
        stored = StoredDossier(
            id=dossier_id,
            owner=dossier_owner,
            dossier=Dossier.model_validate_json(data),
            version=version,
        )
        return stored, QuestionSeen(
            posed_dossier_id=None if posed_dossier is None else int(posed_dossier),
            posed_key=posed_key,
            revision=None if revision is None else int(revision),
            seen=None if seen is None else int(seen),
        )

    def record_delivery(
        self,
        *,
        owner: str,
        revision: int,
        message_id: int,
        at: dt.datetime,
        sent: bool = False,
    ) -> int | None:
        """The question of `revision` reached `owner` as chat message `message_id` (the same
        message when a clicked question was edited into the next one). Returns the chat
        message of the question delivered before, if another: its buttons are stale.

        `sent`: the question came in a new message. Its id alone then orders it against the
        applicant's texts; an edited message keeps an old id, so its delivery also records
        the last update journaled from the applicant (a text received by then was typed
        before the edit).

        Three statements (once an applicant has `KEEP_DELIVERIES` deliveries): their kept
        deliveries read at once (that many, unless a question came in an older message), the
        new one inserted with the highest update journaled from them, the oldest beyond the
        limit deleted."""
        self._flush()
        connection = self.connection
        kept = _KEPT.rows(connection, {"p_owner": owner})
        newest_first = sorted(((int(m), int(i)) for i, m in kept), reverse=True)
        # The question delivered last in time (its row id), as `_seen_before` reads it: a
        # question edited into an older message came after the newer message's.
        previous = max(kept, key=lambda row: int(row[0]))[1] if kept else None
        parameters: dict[str, object] = {
            "p_owner": owner,
            "p_revision": revision,
            "p_message": message_id,
            "p_at": at,
        }
        if sent:
            _ADD_SENT_DELIVERY.run(connection, parameters)
        else:
            _ADD_DELIVERY.run(connection, {**parameters, "p_key": journal_key(owner)})
        # The new delivery is the newest of its message (a question edited into it).
        after = sorted([*newest_first, (message_id, _NEW)], reverse=True)
        stale = [i for _, i in after[KEEP_DELIVERIES:] if i != _NEW]
        if len(stale) == 1:
            _DROP_ONE.run(connection, {"p_id": stale[0]})
        elif stale:
            connection.execute(_DROP, {"p_ids": stale})
        return None if previous is None or previous == message_id else int(previous)

    def close_update(self, *, update_id: int, at: dt.datetime) -> None:
        """The received update `update_id` was handled to the end: its journal entry is
        closed (payload erased) in this transaction, with the delivery that ends it."""
        self._flush()
        close_update_in(self.connection, update_id=update_id, status="done", at=at)

    def prompt_data(self, owner: str) -> dict[str, object]:
        """What is kept about the questions asked to `owner` (right of access)."""
        pose = self.session.get(PromptPoseRow, owner)
        deliveries = self.session.exec(
            select(PromptDeliveryRow)
            .where(PromptDeliveryRow.owner == owner)
            .order_by(col(PromptDeliveryRow.message_id))
        )
        return {
            "current_question": None
            if pose is None
            else {"dossier": pose.dossier_id, "key": pose.key, "revision": pose.revision},
            "questions_delivered": [
                {"revision": d.revision, "message_id": d.message_id, "at": d.at.isoformat()}
                for d in deliveries
            ],
        }

    def delete_prompt_data(self, owner: str) -> None:
        self.session.exec(delete(PromptPoseRow).where(col(PromptPoseRow.owner) == owner))
        self.session.exec(delete(PromptDeliveryRow).where(col(PromptDeliveryRow.owner) == owner))
