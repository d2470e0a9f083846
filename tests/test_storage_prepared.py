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
