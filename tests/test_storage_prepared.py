"""Statements run straight on the driver (`storage.prepared`) store and fail exactly as
SQLAlchemy's own execution does: an applicant's answer reads back the same whichever path
wrote it, and a database error still reaches the bot's retry logic as SQLAlchemy's."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from pydantic_core import to_jsonable_python
from sqlalchemy import Table, event, insert, select, text
from sqlalchemy.exc import DBAPIError, IntegrityError, StatementError
from sqlalchemy.sql.compiler import SQLCompiler

from dialogs.dossier import Dossier
from storage.models import AnswerRow
from storage.prepared import Prepared
from storage.repository import SqlStore

T0 = dt.datetime(2025, 5, 1, 8, 0, 12, 345678, tzinfo=dt.UTC)
ANSWER: Table = AnswerRow.__table__  # type: ignore[attr-defined]
COLUMNS = ["dossier_id", "key", "value", "at", "revision"]


def _dossier(store: SqlStore) -> int:
    with store.transaction() as repo:
        stored = repo.add_dossier(owner="telegram:7", dossier=Dossier(call_id="pdc-axe3-2025"))
    return stored.id


def test_an_answer_written_straight_to_the_driver_reads_back_as_sqlalchemy_wrote_it(
    store: SqlStore,
) -> None:
    dossier_id = _dossier(store)
    value = to_jsonable_python(
        {"name": "Réseau « Côte d'Opale » 🌊", "amount": Decimal("380000.50"), "ok": True}
    )
    row = {"dossier_id": dossier_id, "key": "budget", "value": value, "at": T0, "revision": 3}
    prepared = Prepared(insert(ANSWER), COLUMNS)
    with store.engine.begin() as connection:
        connection.execute(insert(ANSWER), row | {"key": "by sqlalchemy"})
        prepared.run(connection, row | {"key": "by the driver"})
    with store.engine.connect() as connection:
        read = {
            key: rest
            for key, *rest in connection.execute(
                select(ANSWER.c.key, ANSWER.c.value, ANSWER.c.at, ANSWER.c.revision)
            )
        }
        # As stored, column by column: the same text for the JSON and the date.
        stored = {
            key: rest
            for key, *rest in connection.execute(
                text("SELECT key, CAST(value AS TEXT), CAST(at AS TEXT) FROM answer_journal")
            )
        }
    assert read["by the driver"] == read["by sqlalchemy"]
    assert read["by the driver"][0] == value and read["by the driver"][2] == 3
    assert stored["by the driver"] == stored["by sqlalchemy"]


def test_a_row_read_straight_from_the_driver_comes_back_typed_as_sqlalchemy_reads_it(
    store: SqlStore,
) -> None:
    dossier_id = _dossier(store)
    query = select(ANSWER.c.value, ANSWER.c.at, ANSWER.c.revision).where(
        ANSWER.c.dossier_id == dossier_id
    )
    with store.engine.begin() as connection:
        connection.execute(
            insert(ANSWER),
            {"dossier_id": dossier_id, "key": "k", "value": {"a": [1, "é"]}, "at": T0},
        )
        expected = [tuple(r) for r in connection.execute(query)]
        assert Prepared(query).rows(connection, {}) == expected


def test_a_database_error_on_the_driver_path_reaches_the_bot_as_sqlalchemys_error(
    store: SqlStore,
) -> None:
    """The bot retries transient database errors and reports bugs (`bot.retry.is_transient`
    reads SQLAlchemy's exception types): a raw driver exception would slip past both."""
    prepared = Prepared(insert(ANSWER), COLUMNS)
    row = {"dossier_id": None, "key": "k", "value": {}, "at": T0, "revision": None}
    with pytest.raises(IntegrityError) as raised, store.engine.begin() as connection:
        prepared.run(connection, row)  # no dossier: NOT NULL
    assert isinstance(raised.value, DBAPIError)
    assert "hidden" in str(raised.value)  # an applicant's words are never quoted in logs


def test_a_value_the_database_cannot_store_fails_as_it_does_on_sqlalchemy_s_own_path(
    store: SqlStore,
) -> None:
    """A value its column cannot convert (here, not JSON) fails on SQLAlchemy's own path as
    a `StatementError` naming the statement, parameters hidden (SQLite; psycopg converts
    JSON inside the driver, where SQLAlchemy lets its `TypeError` through): the driver
    path did the conversion outside its error handling and let the raw `TypeError` out."""
    dossier_id = _dossier(store)
    row = {"dossier_id": dossier_id, "key": "k", "value": {"x": object()}, "at": T0, "revision": 1}
    failed = (StatementError, TypeError)
    with pytest.raises(failed) as by_sqlalchemy, store.engine.begin() as connection:
        connection.execute(insert(ANSWER), row)
    with pytest.raises(failed) as by_the_driver, store.engine.begin() as connection:
        Prepared(insert(ANSWER), COLUMNS).run(connection, row)
    assert type(by_the_driver.value) is type(by_sqlalchemy.value)
    if store.engine.dialect.name == "sqlite":
        assert isinstance(by_the_driver.value, StatementError)
        assert isinstance(by_the_driver.value.orig, TypeError)
        assert "hidden" in str(by_the_driver.value)


def test_statement_listeners_see_the_driver_path_s_statements_end_as_well_as_begin(
    store: SqlStore,
) -> None:
    """A listener timing statements pairs `before_cursor_execute` with
    `after_cursor_execute`, as SQLAlchemy fires them."""
    dossier_id = _dossier(store)
    seen: list[str] = []
    event.listen(store.engine, "before_cursor_execute", lambda *_: seen.append("before"))
    event.listen(store.engine, "after_cursor_execute", lambda *_: seen.append("after"))
    query = select(ANSWER.c.value).where(ANSWER.c.dossier_id == dossier_id)
    with store.engine.begin() as connection:
        Prepared(query).rows(connection, {})
    assert seen == ["before", "after"]


def test_a_statement_s_parameters_are_matched_once_not_at_each_answer(
    store: SqlStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Matching the caller's values to a statement's parameters (SQLAlchemy's
    `construct_params`, a walk over every bind) was a third of a statement's cost on the
    answer's path: it is worked out when the statement is compiled. Values compiled into
    the statement (here the journal's `revision`) are still sent, the caller's win, and a
    missing one still fails as on SQLAlchemy's own path."""
    dossier_id = _dossier(store)
    with_default = insert(ANSWER).values(revision=7)
    prepared = Prepared(with_default, ["dossier_id", "key", "value", "at"])
    row = {"dossier_id": dossier_id, "key": "a", "value": ["é", 1], "at": T0}
    with store.engine.begin() as connection:
        prepared.run(connection, row)  # compiled here
        real = SQLCompiler.construct_params

        def refused(self: SQLCompiler, *args: object, **kwargs: object) -> object:
            if self is prepared._compiled(connection.dialect).compiled:  # type: ignore[union-attr]
                raise AssertionError("the parameters were matched again")
            return real(self, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(SQLCompiler, "construct_params", refused)
        prepared.run(connection, row | {"key": "b"})
        prepared.run(connection, row | {"key": "c", "revision": 9})
        monkeypatch.undo()
        with pytest.raises(StatementError, match="dossier_id"):
            prepared.run(connection, {"key": "d", "value": 1, "at": T0})
    with store.engine.connect() as connection:
        read = connection.execute(
            select(ANSWER.c.key, ANSWER.c.value, ANSWER.c.at, ANSWER.c.revision).order_by(
                ANSWER.c.id
            )
        ).all()
    assert [tuple(r) for r in read] == [
        ("a", ["é", 1], T0, 7),
        ("b", ["é", 1], T0, 7),
        ("c", ["é", 1], T0, 9),
    ]
