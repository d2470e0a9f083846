"""Engines and migrations: an SQLite file by default, PostgreSQL through `DATABASE_URL`.

Migrations run programmatically (`migrate`), so neither an `alembic.ini` at the root of the
project nor the `alembic` command is needed to run the bot; `storage/alembic.ini` exists only
for developers writing new revisions. Alembic itself is imported only when a migration is
needed: a database already at the head revision (read from the migration files) is left as is.
"""

from __future__ import annotations

import ast
import os
import re
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    Connection,
    Engine,
    Table,
    Text,
    bindparam,
    cast,
    create_engine,
    event,
    text,
    type_coerce,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import StaticPool

if TYPE_CHECKING:
    from alembic.config import Config

DEFAULT_DATABASE_URL = "sqlite:///data/aap-bot.db"
"""Relative to the current directory; `data/` is created on first use."""

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# Alembic keeps its `context` and `op` in module globals: one migration per process at a time
# (other processes are held back by the database lock, see `_lock_for_migration`).
_ALEMBIC_LOCK = threading.Lock()
_MIGRATION_LOCK = 0x_AAB0_7001
_FOLD_ATTEMPTS = 5  # arbitrary, constant key of the PostgreSQL advisory lock

_SQLITE_PRAGMAS = (
    # busy_timeout first: switching to WAL needs a lock another process may hold briefly.
    "PRAGMA busy_timeout=5000",
    # WAL: readers never block the writer. NORMAL is durable against a killed process
    # (only an OS crash or power cut can lose the last commits), and much faster than FULL.
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=NORMAL",
    "PRAGMA foreign_keys=ON",
    # Deleted rows are overwritten with zeros, not just unlinked: an erased applicant's words
    # must not stay readable in free pages of the file (see `fold_write_ahead_log`).
    "PRAGMA secure_delete=ON",
)


def insert_for(dialect: str) -> Callable[[Table], Any]:
    """The `insert` with `ON CONFLICT` of the database (`Engine.dialect.name`): SQLite's or
    PostgreSQL's, the two the product supports; any other is refused."""
    if dialect == "postgresql":
        return postgresql_insert
    if dialect == "sqlite":
        return sqlite_insert
    raise ValueError(f"unsupported database {dialect!r}: use SQLite or PostgreSQL")


def json_text_in(dialect: str) -> Any:
    """The dossier's JSON column written from its JSON text (`p_data`), as pydantic-core
    writes it (`model_dump_json`): the text SQLite stores, cast on PostgreSQL. Dumping the
    dossier to dicts and then to text (SQLAlchemy's JSON type) cost twice as much."""
    text = bindparam("p_data", type_=Text)
    return cast(text, JSONB) if dialect == "postgresql" else text


def json_text_out(column: Any, dialect: str) -> Any:
    """A JSON column read as its text, for pydantic-core to parse and validate at once
    (`model_validate_json`) rather than `json.loads` then `model_validate`: the text as
    stored on SQLite (no conversion), cast on PostgreSQL (whose driver parses JSON)."""
    return cast(column, Text) if dialect == "postgresql" else type_coerce(column, Text)


def database_url(environ: Mapping[str, str] | None = None) -> str:
    """`DATABASE_URL` from the environment (normalised), else the embedded SQLite file."""
    env = os.environ if environ is None else environ
    url = env.get("DATABASE_URL", "").strip()
    return normalise_url(url) if url else DEFAULT_DATABASE_URL


def normalise_url(url: str) -> str:
    """Route PostgreSQL URLs to psycopg 3 (hosting providers hand out `postgres://…`)."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def make_engine(url: str = DEFAULT_DATABASE_URL) -> Engine:
    parsed = make_url(normalise_url(url))
    if parsed.get_backend_name() == "sqlite":
        return _make_sqlite_engine(parsed)
    # pre_ping: the bot runs for weeks and PostgreSQL may close idle connections.
    # hide_parameters: error messages never quote values (an applicant's answers).
    return create_engine(parsed, pool_pre_ping=True, hide_parameters=True)


def _make_sqlite_engine(url: URL) -> Engine:
    database = url.database or ""
    in_memory = database in ("", ":memory:") or url.query.get("mode") == "memory"
    options: dict[str, Any] = {
        "connect_args": {"check_same_thread": False},
        "hide_parameters": True,  # error messages never quote values (applicants' answers)
    }
    if in_memory:
        # Each new connection would otherwise get its own empty database.
        options["poolclass"] = StaticPool
    elif not database.startswith("file:"):
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, **options)
    event.listen(engine, "connect", _set_sqlite_pragmas)
    return engine


def _set_sqlite_pragmas(dbapi_connection: Any, _connection_record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        for pragma in _SQLITE_PRAGMAS:
            cursor.execute(pragma)
    finally:
        cursor.close()


def fold_write_ahead_log(engine: Engine) -> bool:
    """SQLite: copy the write-ahead log into the database file and empty it, so that the
    old versions of erased rows it holds are gone too (with `secure_delete`, the file's
    own pages are zeroed as rows are deleted). True when done; False when a reader held
    it back (the log is then folded at a later checkpoint) or on other databases, where
    space is reclaimed by VACUUM (see the README)."""
    if engine.dialect.name != "sqlite":
        return False
    for attempt in range(_FOLD_ATTEMPTS):
        if attempt:
            time.sleep(0.1 * attempt)  # a reader of another thread finishes its transaction
        with engine.connect() as connection:
            busy, _log_pages, _folded = connection.exec_driver_sql(
                "PRAGMA wal_checkpoint(TRUNCATE)"
            ).one()
        if not busy:
            return True
    return False


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic configuration without any ini file; `env.py` uses `connection` if given."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def migrate(engine_or_url: Engine | str, revision: str = "head") -> None:
    """Upgrade the database to `revision` (creating it if needed)."""
    if revision == "head" and isinstance(engine_or_url, Engine) and at_head(engine_or_url):
        return
    from alembic import command

    with _ALEMBIC_LOCK, migration_connection(engine_or_url) as connection:
        command.upgrade(alembic_config(connection), revision)


def downgrade(engine_or_url: Engine | str, revision: str) -> None:
    """Downgrade the database to `revision` ("base" drops every table)."""
    from alembic import command

    with _ALEMBIC_LOCK, migration_connection(engine_or_url) as connection:
        command.downgrade(alembic_config(connection), revision)


_REVISION_LINE = re.compile(r"^(revision|down_revision)\s*(?::[^=]*)?=\s*(.+?)\s*$", re.MULTILINE)


@cache
def head_revisions() -> frozenset[str]:
    """The head revisions of `storage/migrations/versions/`, read from the files' `revision` and
    `down_revision` lines (no Alembic import); empty when a file cannot be read that way."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in sorted((MIGRATIONS_DIR / "versions").glob("*.py")):
        found = dict(_REVISION_LINE.findall(path.read_text("utf-8")))
        try:
            revision = ast.literal_eval(found["revision"])
            down = ast.literal_eval(found.get("down_revision", "None"))
        except (KeyError, ValueError, SyntaxError):
            return frozenset()
        if not isinstance(revision, str):
            return frozenset()
        revisions.add(revision)
        if isinstance(down, str):
            parents.add(down)
        elif isinstance(down, tuple | list):
            parents.update(str(d) for d in down)
        elif down is not None:
            return frozenset()
    return frozenset(revisions - parents)


def at_head(engine: Engine) -> bool:
    """Whether the database is at the head revision(s) already (then `migrate` has nothing to
    do). False when unsure: no version table yet, or migration files not understood."""
    heads = head_revisions()
    if not heads:
        return False
    try:
        with engine.connect() as connection:
            rows = connection.exec_driver_sql("SELECT version_num FROM alembic_version")
            current = {str(row[0]) for row in rows}
    except DBAPIError:
        return False
    return current == heads


def current_revision(engine_or_url: Engine | str) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with migration_connection(engine_or_url) as connection:
        return MigrationContext.configure(connection).get_current_revision()


@contextmanager
def migration_connection(engine_or_url: Engine | str) -> Iterator[Connection]:
    """One connection in one transaction, committed at the end, holding the migration lock.

    On SQLite, foreign keys are switched off meanwhile: Alembic's batch mode rebuilds a table
    by copying and dropping it, and a DROP TABLE with foreign keys on would fire the
    ON DELETE CASCADE of every referencing row. The pragma is a no-op inside a transaction,
    hence set before it begins, and restored before the connection returns to the pool.
    """
    owns_engine = isinstance(engine_or_url, str)
    engine = make_engine(engine_or_url) if isinstance(engine_or_url, str) else engine_or_url
    sqlite = engine.dialect.name == "sqlite"
    try:
        with engine.connect() as connection:
            if sqlite:
                connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
                connection.commit()
            try:
                with connection.begin():
                    _lock_for_migration(connection)
                    yield connection
            finally:
                if sqlite:
                    connection.exec_driver_sql("PRAGMA foreign_keys=ON")
                    connection.commit()
    finally:
        if owns_engine:
            engine.dispose()


def _lock_for_migration(connection: Connection) -> None:
    """Serialise concurrent migrations (the bot and a worker may start together).

    On SQLite, BEGIN IMMEDIATE takes the write lock up front (waiting up to busy_timeout) and
    also makes the whole migration one real transaction: the driver would otherwise
    autocommit each DDL statement, and a failing revision could leave half its tables.
    """
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    elif connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
