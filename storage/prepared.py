"""Statements on the path of every answer, compiled once and run straight on the driver.

Running a Core statement through `Connection.execute` costs about 20 µs of SQLAlchemy (cache
key, execution context, result object) around 4 µs of SQLite's own work; an answer runs
about twelve. `Prepared` compiles a statement once per database kind and runs it on the
transaction's DBAPI cursor, converting parameters and results with the same type processors
SQLAlchemy would use (JSON, dates and booleans are stored and read exactly as before), and
fires `before_cursor_execute` for whoever counts statements. A driver error is raised as
SQLAlchemy's (`sqlalchemy.exc.DBAPIError` and subclasses), as from `execute`, so callers
and `bot.retry.is_transient` see no difference. A statement this cannot run as compiled
(Python-side defaults, expanding IN lists) goes through `Connection.execute` unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Executable
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql.compiler import SQLCompiler

Row = tuple[Any, ...]


@dataclass(frozen=True)
class _Compiled:
    compiled: SQLCompiler
    sql: str
    binds: Mapping[str, Callable[[Any], Any]]
    order: Sequence[str] | None  # positional drivers (SQLite): the parameters' order
    names: Mapping[str, str]  # a bind's name as the driver sees it (escaped), if different
    results: Sequence[Callable[[Any], Any] | None]


class Prepared:
    """One statement; `rows` runs it with parameters in the caller's transaction."""

    def __init__(self, statement: Executable, keys: Sequence[str] | None = None) -> None:
        """`keys`: for an INSERT without explicit values, the columns the parameters give."""
        self.statement = statement
        self.keys = list(keys) if keys is not None else None
        self._by_dialect: dict[str, _Compiled | None] = {}

    def _compiled(self, dialect: Dialect) -> _Compiled | None:
        name = dialect.name
        if name not in self._by_dialect:
            self._by_dialect[name] = self._compile(dialect)
        return self._by_dialect[name]

    def _compile(self, dialect: Dialect) -> _Compiled | None:
        compiled = self.statement.compile(dialect=dialect, column_keys=self.keys)  # type: ignore[attr-defined]
        assert isinstance(compiled, SQLCompiler)
        if (
            compiled.insert_prefetch
            or compiled.update_prefetch
            or compiled.literal_execute_params
            or compiled.post_compile_params
            or compiled.schema_translate_map
        ):
            return None  # SQLAlchemy computes something at each run: left to it
        results = [
            column.type._cached_result_processor(dialect, None)
            for column in compiled._result_columns
        ]
        return _Compiled(
            compiled=compiled,
            sql=compiled.string,
            binds=dict(compiled._bind_processors),  # type: ignore[arg-type]
            order=list(compiled.positiontup or ()) if compiled.positional else None,
            names=dict(compiled.escaped_bind_names or {}),
            results=results,
        )

    def rows(self, connection: Connection, parameters: Mapping[str, Any]) -> list[Row]:
        """The rows the statement returns (none for a write without RETURNING)."""
        prepared = self._compiled(connection.dialect)
        if prepared is None:
            return [tuple(row) for row in connection.execute(self.statement, parameters)]
        values = prepared.compiled.construct_params(dict(parameters), escape_names=False)
        binds = prepared.binds
        driver_parameters: Any
        if prepared.order is not None:
            driver_parameters = tuple(
                binds[key](values[key]) if key in binds else values[key] for key in prepared.order
            )
        else:
            names = prepared.names
            driver_parameters = {
                names.get(key, key): binds[key](value) if key in binds else value
                for key, value in values.items()
            }
        dialect = connection.dialect
        driver_error = dialect.loaded_dbapi.Error
        raw = connection.connection
        cursor = raw.cursor()
        try:
            connection.dispatch.before_cursor_execute(
                connection, cursor, prepared.sql, driver_parameters, None, False
            )
            try:
                cursor.execute(prepared.sql, driver_parameters)
                found = cursor.fetchall() if cursor.description is not None else []
            except driver_error as error:
                # As `Connection.execute` does: a lost connection (the server restarted) is
                # invalidated, so that the pool opens a new one for the next transaction.
                lost = dialect.is_disconnect(error, raw.dbapi_connection, cursor)
                wrapped = DBAPIError.instance(
                    prepared.sql,
                    driver_parameters,
                    error,
                    driver_error,
                    hide_parameters=True,
                    connection_invalidated=lost,
                    dialect=dialect,
                )
                if lost:
                    connection.invalidate(wrapped)
                raise wrapped from error
        finally:
            with suppress(driver_error):  # a lost connection's cursor may not close
                cursor.close()
        processors = prepared.results
        if not any(processors):
            return [tuple(row) for row in found]
        return [
            tuple(
                value if process is None else process(value)
                for process, value in zip(processors, row, strict=True)
            )
            for row in found
        ]

    def run(self, connection: Connection, parameters: Mapping[str, Any]) -> None:
        self.rows(connection, parameters)

    def first(self, connection: Connection, parameters: Mapping[str, Any]) -> Row | None:
        found = self.rows(connection, parameters)
        return found[0] if found else None

    def scalar(self, connection: Connection, parameters: Mapping[str, Any]) -> Any:
        row = self.first(connection, parameters)
        return None if row is None else row[0]
