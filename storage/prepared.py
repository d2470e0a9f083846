"""Statements on the path of every answer, compiled once and run straight on the driver.

Running a Core statement through `Connection.execute` costs about 20 µs of SQLAlchemy (cache
key, execution context, result object) around 4 µs of SQLite's own work; an answer runs
about twelve. `Prepared` compiles a statement once per database kind and runs it on the
transaction's DBAPI cursor, converting parameters and results with the same type processors
SQLAlchemy would use (JSON, dates and booleans are stored and read exactly as before), and
fires `before_cursor_execute` and `after_cursor_execute` for whoever counts or times
statements. A driver error is raised as SQLAlchemy's (`sqlalchemy.exc.DBAPIError` and
subclasses), and a value its column cannot convert as its `StatementError`, as from
`execute`, so callers and `bot.retry.is_transient` see no difference. A statement this
cannot run as compiled (Python-side defaults, expanding IN lists) goes through
`Connection.execute` unchanged.
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


#: A parameter the caller must give (no value compiled into the statement).
_REQUIRED = object()
#: One driver parameter: the key and the name the caller may give it by (`construct_params`
#: looks for both, in that order), its type's conversion, and its compiled value (or
#: `_REQUIRED`).
_Slot = tuple[str, str, Callable[[Any], Any] | None, Any]


@dataclass(frozen=True)
class _Compiled:
    compiled: SQLCompiler
    sql: str
    binds: Mapping[str, Callable[[Any], Any]]
    order: Sequence[str] | None  # positional drivers (SQLite): the parameters' order
    names: Mapping[str, str]  # a bind's name as the driver sees it (escaped), if different
    results: Sequence[Callable[[Any], Any] | None]
    #: The driver's parameters in its order (positional) or `driver_names`' (named), worked
    #: out once: `construct_params` walks the statement's binds at every run (about a third
    #: of a statement's cost on this path). None: left to `construct_params`.
    slots: Sequence[_Slot] | None = None
    driver_names: Sequence[str] = ()


def _slots(compiled: SQLCompiler) -> tuple[list[_Slot], list[str]] | None:
    """`_Compiled.slots` and `driver_names`; None when a bind's value is computed at each
    run (a callable) or collected from `.params()`: then `construct_params` does it."""
    if getattr(compiled, "_collected_params", None):
        return None
    processors: Mapping[str, Callable[[Any], Any]] = compiled._bind_processors  # type: ignore[assignment]
    by_name: dict[str, _Slot] = {}
    for bind, name in compiled.bind_names.items():
        if bind.callable is not None:
            return None
        default = _REQUIRED if bind.required else bind.value
        by_name[name] = (bind.key, name, processors.get(name), default)
    if compiled.positional:
        return [by_name[name] for name in compiled.positiontup or ()], []
    escaped: Mapping[str, str] = compiled.escaped_bind_names or {}
    return list(by_name.values()), [escaped.get(name, name) for name in by_name]


def _driver_parameters(prepared: _Compiled, parameters: Mapping[str, Any]) -> Any:
    """`parameters` as the driver takes them, each converted by its column's type."""
    slots = prepared.slots
    if slots is None:
        return _constructed_parameters(prepared, parameters)
    values = []
    for key, name, process, default in slots:
        if key in parameters:
            value = parameters[key]
        elif name in parameters:
            value = parameters[name]
        elif default is _REQUIRED:  # raised as SQLAlchemy raises it
            prepared.compiled.construct_params(dict(parameters), escape_names=False)
            raise AssertionError(f"no value for the bind parameter {name!r}")
        else:
            value = default
        values.append(value if process is None else process(value))
    if prepared.order is not None:
        return tuple(values)
    return dict(zip(prepared.driver_names, values, strict=True))


def _constructed_parameters(prepared: _Compiled, parameters: Mapping[str, Any]) -> Any:
    """`_driver_parameters` through SQLAlchemy's `construct_params`."""
    values = prepared.compiled.construct_params(dict(parameters), escape_names=False)
    binds = prepared.binds
    if prepared.order is not None:
        return tuple(
            binds[key](values[key]) if key in binds else values[key] for key in prepared.order
        )
    names = prepared.names
    return {
        names.get(key, key): binds[key](value) if key in binds else value
        for key, value in values.items()
    }


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
        slots = _slots(compiled)
        return _Compiled(
            compiled=compiled,
            sql=compiled.string,
            binds=dict(compiled._bind_processors),  # type: ignore[arg-type]
            order=list(compiled.positiontup or ()) if compiled.positional else None,
            names=dict(compiled.escaped_bind_names or {}),
            results=results,
            slots=None if slots is None else slots[0],
            driver_names=() if slots is None else slots[1],
        )

    def rows(self, connection: Connection, parameters: Mapping[str, Any]) -> list[Row]:
        """The rows the statement returns (none for a write without RETURNING)."""
        prepared = self._compiled(connection.dialect)
        if prepared is None:
            return [tuple(row) for row in connection.execute(self.statement, parameters)]
        dialect = connection.dialect
        driver_error = dialect.loaded_dbapi.Error
        try:
            driver_parameters = _driver_parameters(prepared, parameters)
        except Exception as error:
            # As `Connection.execute` does: a value its column cannot convert (not JSON, a
            # missing parameter) comes out as SQLAlchemy's `StatementError`, values hidden.
            raise DBAPIError.instance(
                prepared.sql,
                dict(parameters),
                error,
                driver_error,
                hide_parameters=True,
                dialect=dialect,
            ) from error
        raw = connection.connection
        cursor = raw.cursor()
        # As SQLAlchemy does: listeners are looked for only when the engine or the
        # connection has some (calling an empty listener collection costs a little too).
        events = connection._has_events or connection.engine._has_events
        try:
            if events:
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
            if events:
                connection.dispatch.after_cursor_execute(
                    connection, cursor, prepared.sql, driver_parameters, None, False
                )
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
