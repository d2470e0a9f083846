"""`dialogs.ports.Store` and `Repository` on SQLModel (SQLite or PostgreSQL).

One `Store.transaction()` is one database transaction: the service layer saves the dossier
and journals the answer in the same block, so an accepted answer is either fully stored or
not at all, and a process killed at any point restarts on the last committed step.

The methods on the path of every answer (`upsert_user`, `claim_event`, `get_dossier`,
`save_dossier`, `record_answer`) each cost one prepared Core statement on SQLite and
PostgreSQL (upserts with INSERT … ON CONFLICT), not an ORM read followed by a flush; an ORM
copy of a row they change is expired. Only SQLite and PostgreSQL are supported.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from typing import Any

from pydantic_core import to_jsonable_python
from sqlalchemy import (
    Connection,
    Engine,
    Table,
    bindparam,
    case,
    delete,
    false,
    func,
    insert,
    update,
)
from sqlalchemy import select as core_select
from sqlalchemy.orm.util import identity_key
from sqlmodel import Session, col, select

from dialogs.dossier import Dossier
from dialogs.people import Identity
from dialogs.ports import StoredDossier, TeamQuestion, TeamWait, UserRecord
from storage.console import ConsoleMixin
from storage.db import (
    fold_write_ahead_log,
    insert_for,
    json_text_in,
    json_text_out,
    make_engine,
    migrate,
)
from storage.models import (
    AnswerRow,
    DossierRow,
    DossierSummaryRow,
    ProcessedEventRow,
    UserRow,
    utc_now,
)
from storage.personal import PersonalDataMixin
from storage.prepared import Prepared
from storage.summaries import SummariesMixin
from storage.tickets import TicketsMixin


class DossierNotFound(LookupError):
    def __init__(self, dossier_id: int) -> None:
        super().__init__(f"no dossier #{dossier_id}")
        self.dossier_id = dossier_id


@dataclass(frozen=True)
class _Statements:
    """The statements on the path of every answer, built once per dialect (building a Core
    statement costs more than running it) and run with parameters."""

    upsert_user: Prepared
    claim_event: Prepared
    get_dossier: Prepared
    save_dossier: Prepared
    record_answer: Prepared


@cache
def _statements(dialect: str) -> _Statements:
    """The prepared statements, for the two databases the product supports (both have
    INSERT … ON CONFLICT): one statement per write instead of an ORM read-then-write."""
    upsert = insert_for(dialect)
    users, events, dossiers = _table(UserRow), _table(ProcessedEventRow), _table(DossierRow)
    new_user = upsert(users)
    seen = new_user.on_conflict_do_update(
        index_elements=[users.c.owner],
        # A known chat id is kept when the new one is None; a user who writes from their chat
        # has unblocked the bot (if they had blocked it).
        set_={
            "last_seen_at": new_user.excluded.last_seen_at,
            "chat_id": func.coalesce(new_user.excluded.chat_id, users.c.chat_id),
            "blocked": case((new_user.excluded.chat_id.is_(None), users.c.blocked), else_=false()),
        }
        # Names come with a first name (Telegram always gives one): then all of them are
        # replaced (a username removed goes), otherwise they are kept.
        | {
            name: case(
                (new_user.excluded.first_name.is_(None), users.c[name]),
                else_=new_user.excluded[name],
            )
            for name in NAME_COLUMNS
        },
    ).returning(
        users.c.active_dossier_id,
        users.c.blocked,
        users.c.chat_id,
        *(users.c[name] for name in NAME_COLUMNS[:3]),
        *(users.c[name] for name in TEAM_COLUMNS),
    )
    save = (
        update(dossiers)
        .where(dossiers.c.id == bindparam("p_id"), dossiers.c.uuid == bindparam("p_uuid"))
        .values(
            {
                name: bindparam(f"p_{name}", type_=dossiers.c[name].type)
                for name in ("step", "organisation_name", "call_id", "updated_at")
            }
            | {"data": json_text_in(dialect), "version": dossiers.c.version + 1}
        )
        .returning(dossiers.c.version)
    )
    return _Statements(
        upsert_user=Prepared(seen, [*_USER_KEYS, *NAME_COLUMNS]),
        claim_event=Prepared(
            upsert(events)
            .on_conflict_do_nothing(index_elements=[events.c.event_id])
            .returning(events.c.event_id),  # a row back = claimed (rowcount is -1 on psycopg)
            ["event_id", "at"],
        ),
        get_dossier=Prepared(
            core_select(
                dossiers.c.owner, json_text_out(dossiers.c.data, dialect), dossiers.c.version
            ).where(dossiers.c.id == bindparam("p_id"))
        ),
        save_dossier=Prepared(save),
        record_answer=Prepared(
            insert(_table(AnswerRow)), ["dossier_id", "key", "value", "at", "revision"]
        ),
    )


#: The columns `upsert_user` gives (with the names, `NAME_COLUMNS`).
_USER_KEYS = ("owner", "chat_id", "active_dossier_id", "blocked", "created_at", "last_seen_at")


class SqlRepository(TicketsMixin, PersonalDataMixin, SummariesMixin, ConsoleMixin):
    """Data access inside one transaction; the caller (`SqlStore.transaction`) commits.

    The statements of every answer run on the transaction's connection (`Prepared`); an
    ORM session, for everything else, is opened on the same connection when first used
    (opening and committing one costs about three statements)."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self._session: Session | None = None
        self._sql = _statements(connection.dialect.name)

    @property
    def session(self) -> Session:
        if self._session is None:
            # In the connection's transaction: `SqlStore.transaction` commits or rolls back.
            self._session = Session(bind=self.connection, join_transaction_mode="rollback_only")
        return self._session

    @session.setter
    def session(self, session: Session) -> None:
        self._session = session

    def _flush(self) -> None:
        """What the ORM would autoflush before a statement: its pending changes, if any."""
        if self._session is not None:
            self._session.flush()

    def close(self) -> None:
        if self._session is not None:
            self._session.close()

    # Dossiers

    def add_dossier(self, *, owner: str, dossier: Dossier) -> StoredDossier:
        now = utc_now()
        row = DossierRow(
            uuid=dossier.uuid,
            owner=owner,
            call_id=dossier.call_id,
            created_at=dossier.created_at or now,
            updated_at=dossier.updated_at or now,
            **_denormalised(dossier),
        )
        self.session.add(row)
        self.session.flush()  # assigns row.id
        return _stored(row)

    def get_dossier(self, dossier_id: int) -> StoredDossier | None:
        self._flush()
        hit = self._sql.get_dossier.first(self.connection, {"p_id": dossier_id})
        if hit is None:
            return None
        owner, data, version = hit
        return StoredDossier(
            id=dossier_id, owner=owner, dossier=Dossier.model_validate_json(data), version=version
        )

    def get_dossier_by_uuid(self, uuid: str) -> StoredDossier | None:
        row = self.session.exec(select(DossierRow).where(DossierRow.uuid == uuid)).first()
        return None if row is None else _stored(row)

    def save_dossier(self, *, dossier_id: int, dossier: Dossier) -> int:
        """One UPDATE of the dossier whose id *and* uuid match: another dossier is never
        overwritten (DossierNotFound, or ValueError naming both). Returns the new version."""
        self._flush()
        version = self._sql.save_dossier.scalar(
            self.connection,
            {
                "p_id": dossier_id,
                "p_uuid": dossier.uuid,
                "p_data": dossier.model_dump_json(),
                "p_step": dossier.cursor.key,
                "p_organisation_name": dossier.organisation.name,
                "p_call_id": dossier.call_id,
                "p_updated_at": dossier.updated_at or utc_now(),
            },
        )
        self._expire(DossierRow, dossier_id)
        if version is not None:
            return int(version)
        row = self._dossier_row(dossier_id)  # DossierNotFound when there is none
        raise ValueError(
            f"dossier #{dossier_id} is {row.uuid}, refusing to overwrite it with {dossier.uuid}"
        )

    def list_dossiers(self, *, owner: str | None = None) -> list[StoredDossier]:
        query = select(DossierRow).order_by(col(DossierRow.id))
        if owner is not None:
            query = query.where(DossierRow.owner == owner)
        return [_stored(row) for row in self.session.exec(query)]

    def dossier_version(self, dossier_id: int) -> int:
        """How many times the dossier was saved (1 when just added)."""
        return self._dossier_row(dossier_id).version

    def _dossier_row(self, dossier_id: int) -> DossierRow:
        row = self.session.get(DossierRow, dossier_id)
        if row is None:
            raise DossierNotFound(dossier_id)
        return row

    # Users

    def get_user(self, owner: str) -> UserRecord | None:
        row = self.session.get(UserRow, owner)
        return None if row is None else _user(row)

    def upsert_user(
        self,
        *,
        owner: str,
        chat_id: int | None = None,
        seen_at: dt.datetime,
        identity: Identity | None = None,
    ) -> UserRecord:
        """Create the user or mark them seen; a known chat id is kept when `chat_id` is None.
        A user seen in their chat (`chat_id` given) is no longer marked as having blocked us.
        Their names are replaced when `identity` has a first name, else kept."""
        self._flush()
        named = identity is not None and bool(identity.first_name)
        found = self._sql.upsert_user.first(
            self.connection,
            {
                "owner": owner,
                "chat_id": chat_id,
                "active_dossier_id": None,
                "blocked": False,
                "created_at": seen_at,
                "last_seen_at": seen_at,
            }
            | _names(identity if named else None),
        )
        assert found is not None, "an upsert with RETURNING returns its row"
        active, blocked, known_chat, first, last, username, *team = found
        self._expire(UserRow, owner)
        return UserRecord(
            owner=owner,
            active_dossier_id=active,
            blocked=bool(blocked),
            chat_id=known_chat,
            identity=Identity.of(first, last, username),
            team_wait=_team_wait(team[0], team[1]),
            team_question=TeamQuestion.from_json(team[2]),
        )

    def _expire(self, model: type[Any], key: object) -> None:
        """Forget an ORM copy of a row changed by a Core statement (reloaded when next used)."""
        if self._session is None:
            return
        row = self._session.identity_map.get(identity_key(model, key))
        if row is not None:
            self._session.expire(row)

    def lock_user(self, *, owner: str) -> None:
        """`SELECT … FOR UPDATE` on PostgreSQL; nothing on SQLite, whose writers already
        follow one another (a transaction writes its exchange before it reads them)."""
        self._flush()
        users = _table(UserRow)
        self.connection.execute(
            core_select(users.c.owner).where(users.c.owner == owner).with_for_update()
        )

    def set_team_wait(self, *, owner: str, wait: TeamWait | None) -> None:
        """One UPDATE of the user row, whatever the ORM holds of it (no row: no-op; an
        owner with no row has never written, and `upsert_user` creates it clean)."""
        self._set_user(
            owner,
            team_message_id=None if wait is None else wait.message_id,
            team_ticket_id=None if wait is None else wait.ticket_id,
        )

    def set_team_question(self, *, owner: str, question: TeamQuestion) -> None:
        self._set_user(owner, team_question=question.to_json())

    def _set_user(self, owner: str, **values: Any) -> None:
        self._flush()
        users = _table(UserRow)
        self.connection.execute(update(users).where(users.c.owner == owner).values(**values))
        self._expire(UserRow, owner)

    def set_active_dossier(self, *, owner: str, dossier_id: int | None) -> None:
        """Also creates the user if unknown (e.g. a dossier imported for a new owner)."""
        row = self._user_row(owner)
        row.active_dossier_id = dossier_id
        self.session.add(row)
        self.session.flush()

    def set_user_blocked(self, *, owner: str, blocked: bool) -> None:
        """Also creates the user if unknown, so staff can block someone pre-emptively."""
        row = self._user_row(owner)
        row.blocked = blocked
        self.session.add(row)
        self.session.flush()

    def _user_row(self, owner: str) -> UserRow:
        return self.session.get(UserRow, owner) or UserRow(owner=owner)

    # Journal

    def record_answer(
        self,
        *,
        dossier_id: int,
        key: str,
        value: Any,
        at: dt.datetime,
        revision: int | None = None,
    ) -> None:
        """Values are stored in their JSON form (Decimal as string, like in the dossier)."""
        row = {
            "dossier_id": dossier_id,
            "key": key,
            "value": to_jsonable_python(value),
            "at": at,
            "revision": revision,
        }
        self._flush()
        self._sql.record_answer.run(self.connection, row)

    def answer_journal(self, dossier_id: int) -> list[tuple[str, Any, dt.datetime]]:
        """Accepted answers in the order they were recorded."""
        query = (
            select(AnswerRow).where(AnswerRow.dossier_id == dossier_id).order_by(col(AnswerRow.id))
        )
        return [(row.key, row.value, row.at) for row in self.session.exec(query)]

    # Exactly-once effects

    def claim_event(self, event_id: str) -> bool:
        """Record `event_id` as applied; False when it already was (then apply nothing).

        Called inside the transaction that applies the event, so the effect and its record
        are committed together: a redelivered update can never be applied twice.
        """
        self._flush()  # one statement: an insert that conflicts is ignored
        claimed = self._sql.claim_event.first(
            self.connection, {"event_id": event_id, "at": utc_now()}
        )
        return claimed is not None

    # Erasure

    def delete_owner_data(self, owner: str) -> int:
        """Erase the user (names included), their dossiers, summaries and journals; returns
        how many dossiers went.

        The journal is deleted explicitly rather than left to ON DELETE CASCADE, so that
        erasure does not depend on SQLite's foreign_keys pragma being on.
        """
        ids = list(self.session.exec(select(DossierRow.id).where(DossierRow.owner == owner)))
        self.delete_account_extras(owner)  # questions delivered, announcements, FSM state
        self.session.exec(delete(UserRow).where(col(UserRow.owner) == owner))
        if ids:
            # Another user pointing at these dossiers (unlikely, but possible by hand).
            self.session.exec(
                update(UserRow)
                .where(col(UserRow.active_dossier_id).in_(ids))
                .values(active_dossier_id=None)
            )
            self.session.exec(delete(AnswerRow).where(col(AnswerRow.dossier_id).in_(ids)))
            self.delete_annotations([i for i in ids if i is not None])  # staff's notes on them
            self.session.exec(
                delete(DossierSummaryRow).where(col(DossierSummaryRow.dossier_id).in_(ids))
            )
            self.session.exec(delete(DossierRow).where(col(DossierRow.id).in_(ids)))
        self.session.expire_all()
        return len(ids)


class SqlStore:
    """`dialogs.ports.Store` on a database URL; migrates the database to head when built."""

    def __init__(self, url: str) -> None:
        self.engine: Engine = make_engine(url)
        try:
            migrate(self.engine)
        except BaseException:
            self.engine.dispose()
            raise

    @contextmanager
    def transaction(self) -> Iterator[SqlRepository]:
        """Commits when the block ends normally, rolls back (and re-raises) otherwise."""
        with self.engine.connect() as connection:
            # Begun here: statements run on the driver's cursor (`Prepared`) do not begin it.
            connection.begin()
            repo = SqlRepository(connection)
            try:
                yield repo
                repo._flush()
                connection.commit()
            except BaseException:
                connection.rollback()
                raise
            finally:
                repo.close()
        if repo.erased:
            fold_write_ahead_log(self.engine)

    def dispose(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> SqlStore:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.dispose()


def _table(model: type[Any]) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


def _denormalised(dossier: Dossier) -> dict[str, Any]:
    return {
        "data": dossier.model_dump(mode="json"),
        "step": dossier.cursor.key,
        "organisation_name": dossier.organisation.name,
    }


def _stored(row: DossierRow) -> StoredDossier:
    assert row.id is not None, "flushed rows have an id"
    return StoredDossier(id=row.id, owner=row.owner, dossier=Dossier.model_validate(row.data))


def _user(row: UserRow) -> UserRecord:
    return UserRecord(
        owner=row.owner,
        active_dossier_id=row.active_dossier_id,
        blocked=row.blocked,
        chat_id=row.chat_id,
        identity=Identity.of(row.first_name, row.last_name, row.username),
        team_wait=_team_wait(row.team_message_id, row.team_ticket_id),
        team_question=TeamQuestion.from_json(row.team_question),
    )


def _team_wait(message_id: int | None, ticket_id: int | None) -> TeamWait | None:
    return None if message_id is None or ticket_id is None else TeamWait(message_id, ticket_id)


#: The user row's name columns, in `Identity` order, then the folded search key.
NAME_COLUMNS = ("first_name", "last_name", "username", "name_key")
#: The user row's team-reply columns (`TeamWait`, then `TeamQuestion`), as `upsert_user`
#: returns them.
TEAM_COLUMNS = ("team_message_id", "team_ticket_id", "team_question")


def _names(identity: Identity | None) -> dict[str, str | None]:
    if identity is None:
        return dict.fromkeys(NAME_COLUMNS)
    return {
        "first_name": identity.first_name,
        "last_name": identity.last_name,
        "username": identity.username,
        "name_key": identity.search_key,
    }
