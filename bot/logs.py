"""Logging for the bot: one line per record; secrets and applicants' words never written.

Secrets: aiohttp and aiogram may put request URLs, which contain the token, in exception
messages; the formatter masks every secret in the final line, tracebacks included.

Applicants' words: an exception's message may quote the data that caused it — pydantic's
`input_value=…`, SQLAlchemy's `[parameters: …]`, aiogram's `Content: …` of an undecodable
answer, `int('Marie Dupont')`, a PostgreSQL `DETAIL: Key (…)=(…)`. So tracebacks keep their
frames (file, line, function: what a developer needs) but an exception's message is written
only for the kinds known to carry none (Telegram's error descriptions, the network, a database
or Redis unavailable); for pydantic, the failing fields and error types, never the input.
Exceptions passed as arguments of a record are reduced the same way. The engines are also
built with `hide_parameters`, so SQLAlchemy never puts values in its messages.
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Iterable
from types import TracebackType

import aiohttp
from aiogram.exceptions import ClientDecodeError, TelegramAPIError
from pydantic import ValidationError
from sqlalchemy.exc import DisconnectionError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

MASK = "***"
HIDDEN = "(message hidden: it may quote user data)"

#: Kinds whose message is written: descriptions of the outside world, never user data.
_SAFE = (TelegramAPIError, aiohttp.ClientError, OSError, TimeoutError, PoolTimeout)


def safe_message(error: BaseException) -> str:
    """What may be logged of an exception's message."""
    if isinstance(error, ClientDecodeError):  # its text quotes the whole answer received
        return f"{error.message} ({type(error.original).__name__})"
    if isinstance(error, _SAFE):
        return str(error)
    if isinstance(error, OperationalError):
        # The driver's own words ("database is locked", "connection refused"), no statement.
        words = str(error.orig).splitlines()[0] if error.orig is not None else ""
        return f"{type(error.orig).__name__}: {words}"
    if isinstance(error, DisconnectionError):
        return type(error).__name__
    if isinstance(error, ValidationError):
        fields = "; ".join(
            f"{'.'.join(str(part) for part in item['loc'])}: {item['type']}"
            for item in error.errors(include_url=False, include_context=False, include_input=False)
        )
        return f"{error.error_count()} validation error(s) for {error.title}: {fields}"
    if _is_redis_outage(error):
        return str(error)
    return HIDDEN


def _is_redis_outage(error: BaseException) -> bool:
    from bot.retry import is_transient

    return type(error).__module__.startswith("redis") and is_transient(error)


def format_exception(error: BaseException) -> str:
    """A traceback like Python's, each exception's message reduced by `safe_message`."""
    chain: list[tuple[BaseException, str]] = []
    seen: set[int] = set()
    current: BaseException | None = error
    link = ""
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        chain.append((current, link))
        if current.__cause__ is not None:
            current, link = current.__cause__, "direct cause"
        elif current.__context__ is not None and not current.__suppress_context__:
            current, link = current.__context__, "context"
        else:
            current = None
    lines: list[str] = []
    for index, (item, _) in enumerate(reversed(chain)):
        if index:
            how = chain[len(chain) - index][1]
            lines.append(
                "\nThe above exception was the direct cause of the following exception:\n\n"
                if how == "direct cause"
                else "\nDuring handling of the above exception, another exception occurred:\n\n"
            )
        lines.append("Traceback (most recent call last):\n")
        lines.extend(traceback.format_tb(item.__traceback__))
        lines.append(f"{type(item).__module__}.{type(item).__qualname__}: {safe_message(item)}\n")
    return "".join(lines).rstrip("\n")


class RedactingFormatter(logging.Formatter):
    def __init__(self, fmt: str, secrets: Iterable[str]) -> None:
        super().__init__(fmt)
        self.secrets = [s for s in secrets if s]

    def formatException(
        self,
        ei: tuple[type[BaseException], BaseException, TracebackType | None]
        | tuple[None, None, None],
    ) -> str:
        error = ei[1]
        return "" if error is None else format_exception(error)

    def format(self, record: logging.LogRecord) -> str:
        if isinstance(record.args, tuple) and any(
            isinstance(a, BaseException) for a in record.args
        ):
            record.args = tuple(
                f"{type(a).__name__}: {safe_message(a)}" if isinstance(a, BaseException) else a
                for a in record.args
            )
        line = super().format(record)
        for secret in self.secrets:
            line = line.replace(secret, MASK)
        return line


def configure_logging(level: str, *, secrets: Iterable[str] = ()) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(
        RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s", secrets)
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper() if isinstance(level, str) else level)
