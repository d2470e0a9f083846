"""Database URLs, engines and crash safety."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import text

from dialogs.dossier import Dossier
from storage.db import DEFAULT_DATABASE_URL, database_url, make_engine, normalise_url
from storage.repository import SqlStore

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("postgres://u:p@h:5432/db", "postgresql+psycopg://u:p@h:5432/db"),
        ("postgresql://u@h/db?sslmode=require", "postgresql+psycopg://u@h/db?sslmode=require"),
        ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
        ("sqlite:///data/aap-bot.db", "sqlite:///data/aap-bot.db"),
    ],
)
def test_postgres_urls_go_through_psycopg_3(url: str, expected: str) -> None:
    assert normalise_url(url) == expected


def test_database_url_comes_from_the_environment_or_defaults_to_sqlite() -> None:
    assert database_url({}) == DEFAULT_DATABASE_URL
    assert database_url({"DATABASE_URL": " "}) == DEFAULT_DATABASE_URL
    assert database_url({"DATABASE_URL": "postgres://h/db"}) == "postgresql+psycopg://h/db"


def test_the_default_database_is_created_under_data_on_first_use(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with SqlStore(DEFAULT_DATABASE_URL) as store, store.transaction() as repo:
        repo.add_dossier(owner="terminal:local", dossier=Dossier(call_id="c"))
    assert (tmp_path / "data" / "aap-bot.db").is_file()


def test_sqlite_connections_use_wal_and_enforce_foreign_keys(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'x.db'}")
    try:
        with engine.connect() as connection:

            def pragma(name: str) -> object:
                return connection.exec_driver_sql(f"PRAGMA {name}").scalar()

            assert pragma("journal_mode") == "wal"
            assert pragma("synchronous") == 1  # NORMAL
            assert pragma("foreign_keys") == 1
            assert pragma("busy_timeout") == 5000
    finally:
        engine.dispose()


def test_foreign_keys_stay_on_after_migrating(tmp_path: Path) -> None:
    with SqlStore(f"sqlite:///{tmp_path / 'x.db'}") as store, store.engine.connect() as c:
        assert c.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_an_in_memory_sqlite_store_keeps_its_data_across_transactions() -> None:
    with SqlStore("sqlite://") as store:
        with store.transaction() as repo:
            stored = repo.add_dossier(owner="o", dossier=Dossier(call_id="c"))
        with store.transaction() as repo:
            assert repo.get_dossier(stored.id) == stored


WRITER = textwrap.dedent(
    """
    import datetime as dt, sys
    from dialogs.dossier import Dossier
    from storage.repository import SqlStore

    store = SqlStore(sys.argv[1])
    with store.transaction() as repo:
        stored = repo.add_dossier(owner="telegram:1", dossier=Dossier(call_id="c"))
    dossier = stored.dossier
    step = 0
    while True:
        step += 1
        dossier = dossier.model_copy(update={"cursor": dossier.cursor.model_copy(
            update={"key": f"step-{step}"})})
        with store.transaction() as repo:
            repo.save_dossier(dossier_id=stored.id, dossier=dossier)
            repo.record_answer(dossier_id=stored.id, key=f"step-{step}", value=step,
                               at=dt.datetime.now(dt.UTC))
        print(step, flush=True)
    """
)


@pytest.mark.slow
def test_a_killed_process_resumes_at_the_last_accepted_answer(database_url: str) -> None:
    """SIGKILL while answers are being saved: every acknowledged answer survives."""
    process = subprocess.Popen(
        [sys.executable, "-c", WRITER, database_url],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert process.stdout is not None
    acknowledged = 0
    for line in process.stdout:
        acknowledged = int(line)
        if acknowledged >= 25:
            break
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    process.stdout.close()

    with SqlStore(database_url) as store, store.transaction() as repo:
        (stored,) = repo.list_dossiers(owner="telegram:1")
        reached = int(stored.dossier.cursor.key.removeprefix("step-"))
        journal = repo.answer_journal(stored.id)
    assert reached >= acknowledged
    # Dossier and journal are committed together: never one without the other.
    assert [value for _, value, _ in journal] == list(range(1, reached + 1))
