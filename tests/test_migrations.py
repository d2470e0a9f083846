"""Alembic revisions: every one goes up, down and up again, and head matches the models."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import Script, ScriptDirectory
from sqlalchemy import Engine, inspect
from sqlmodel import SQLModel

import storage.models  # noqa: F401  (the tables the migrations must produce)
from storage.db import alembic_config, current_revision, downgrade, make_engine, migrate

ROOT = Path(__file__).resolve().parent.parent


def revisions_oldest_first() -> list[Script]:
    script = ScriptDirectory.from_config(alembic_config())
    return list(reversed(list(script.walk_revisions("base", "heads"))))


def previous(revision: Script) -> str:
    down = revision.down_revision
    assert down is None or isinstance(down, str), "merge revisions are not expected"
    return down or "base"


def tables(engine: Engine) -> set[str]:
    return set(inspect(engine).get_table_names()) - {"alembic_version"}


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    try:
        yield engine
    finally:
        engine.dispose()


def test_revisions_form_one_line_with_readable_names() -> None:
    script = ScriptDirectory.from_config(alembic_config())
    assert len(script.get_heads()) == 1, "branches in the migrations: merge them"
    for number, revision in enumerate(revisions_oldest_first(), start=1):
        # 0001_initial.py, 0002_add_tickets.py…: ordered, readable, one id per file.
        assert revision.revision == f"{number:04d}"
        assert re.fullmatch(rf"{revision.revision}_[a-z0-9_]+\.py", Path(revision.path).name)


def test_stairway_every_revision_up_down_and_up_again(engine: Engine) -> None:
    revisions = revisions_oldest_first()
    assert revisions, "no migration found"
    for revision in revisions:
        migrate(engine, revision.revision)
        after_upgrade = tables(engine)
        downgrade(engine, previous(revision))
        migrate(engine, revision.revision)
        assert tables(engine) == after_upgrade
        assert current_revision(engine) == revision.revision
    downgrade(engine, "base")
    assert tables(engine) == set()
    assert current_revision(engine) is None


def test_head_creates_exactly_the_tables_of_the_models(engine: Engine) -> None:
    migrate(engine)
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)
    assert differences == [], "models and migrations differ: write a new revision"
    assert tables(engine) >= {"app_user", "dossier", "answer_journal"}


def test_migrating_twice_is_harmless(engine: Engine) -> None:
    migrate(engine)
    migrate(engine)
    assert current_revision(engine) == revisions_oldest_first()[-1].revision


@pytest.mark.slow
def test_stores_starting_together_migrate_once(database_url: str) -> None:
    """The bot and a worker starting at the same moment must not both create the tables."""
    starter = "import sys; from storage.repository import SqlStore; SqlStore(sys.argv[1]).dispose()"
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", starter, database_url],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    errors = [process.communicate(timeout=120)[1] for process in processes]
    assert [process.returncode for process in processes] == [0] * 3, errors
    engine = make_engine(database_url)
    try:
        assert current_revision(engine) == revisions_oldest_first()[-1].revision
    finally:
        engine.dispose()


def test_announcements_claimed_before_0007_keep_their_ids_out_of_new_ones(
    engine: Engine, database_url: str
) -> None:
    """Before 0007 an announcement's recipients were keyed by its Telegram update id; a new
    announcement must never take one of those ids (its recipients would look served)."""
    import datetime as dt

    from sqlalchemy import text

    from storage.repository import SqlStore

    migrate(engine, "0006")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO announcement_recipient (announcement_id, chat_id, owner, status, at)"
                " VALUES (500123, 1001, 'telegram:1001', 'delivered', :at)"
            ),
            {"at": dt.datetime(2026, 11, 20, tzinfo=dt.UTC)},
        )
    migrate(engine)
    store = SqlStore(database_url)
    try:
        with store.transaction() as repo:
            old = repo.get_announcement(500123)
            new = repo.add_announcement(
                text="Réunion",
                audience="all",
                author_id=7,
                author_name="Paul Martin",
                chat_id=-100,
                thread_id=None,
                at=dt.datetime(2026, 11, 25, tzinfo=dt.UTC),
            )
            counts = repo.announcement_counts(new.id)
    finally:
        store.dispose()
    assert old is not None and old.status == "done"
    assert new.id > 500123 and counts == {}
