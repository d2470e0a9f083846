"""Statements run straight on the driver (`storage.prepared`) store and fail exactly as
SQLAlchemy's own execution does: an applicant's answer reads back the same whichever path
wrote it, and a database error still reaches the bot's retry logic as SQLAlchemy's."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from pydantic_core import to_jsonable_python
from sqlalchemy import Table, insert, select, text
from sqlalchemy.exc import DBAPIError, IntegrityError

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
