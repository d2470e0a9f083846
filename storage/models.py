"""SQLModel tables: users, dossiers (one JSON document each) and the journal of answers.

The dossier itself lives in `DossierRow.data` as `Dossier.model_dump(mode="json")`: the
interview model evolves with each call for projects, and a JSON document plus a
`format_version` is much cheaper to evolve than one column per question. The few columns
beside it (`step`, `organisation_name`, timestamps) are denormalised for listings by staff.

Every schema change needs an Alembic revision in `storage/migrations/versions/`; the
migration tests fail when the models and the migrations disagree.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, BigInteger, Column, DateTime, ForeignKey, Integer
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator, TypeEngine
from sqlmodel import Field, SQLModel

# Deterministic constraint names: Alembic can only drop (or batch-recreate on SQLite)
# constraints it can name, and the names must be the same on every database.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class UtcDateTime(TypeDecorator[dt.datetime]):
    """A timezone-aware datetime, stored in UTC, read back aware on every database.

    SQLite has no time zones: `DateTime(timezone=True)` silently drops the offset there and
    returns naive values. Converting to UTC on the way in and tagging UTC on the way out
    gives the same aware values on SQLite and PostgreSQL. Naive values are refused rather
    than guessed.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime refused (use an aware UTC datetime): {value!r}")
        return value.astimezone(dt.UTC)

    def process_result_value(
        self, value: dt.datetime | None, dialect: Dialect
    ) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


def json_type() -> TypeEngine[Any]:
    """JSON everywhere, JSONB on PostgreSQL (indexable, compact; key order is irrelevant)."""
    return JSON().with_variant(JSONB(), "postgresql")


class UserRow(SQLModel, table=True):
    __tablename__ = "app_user"

    owner: str = Field(
        primary_key=True, max_length=128, description='"telegram:<user id>", "terminal:local"…'
    )
    # Telegram chat ids need up to 52 bits: a 32-bit INTEGER is not enough.
    chat_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    active_dossier_id: int | None = Field(
        default=None,
        sa_column=Column(
            Integer, ForeignKey("dossier.id", ondelete="SET NULL"), nullable=True, index=True
        ),
    )
    blocked: bool = Field(default=False)
    created_at: dt.datetime = Field(
        default_factory=utc_now, sa_column=Column(UtcDateTime, nullable=False)
    )
    last_seen_at: dt.datetime = Field(
        default_factory=utc_now, sa_column=Column(UtcDateTime, nullable=False)
    )


class DossierRow(SQLModel, table=True):
    __tablename__ = "dossier"
    # AUTOINCREMENT on SQLite: staff refer to dossiers by number, so the number of an
    # erased dossier must never be handed out again (PostgreSQL sequences never reuse).
    __table_args__ = {"sqlite_autoincrement": True}

    id: int | None = Field(default=None, primary_key=True)
    uuid: str = Field(max_length=36, unique=True)
    owner: str = Field(max_length=128, index=True)
    call_id: str = Field(max_length=128)
    organisation_name: str | None = Field(default=None)
    step: str = Field(max_length=128, description="dossier.cursor.key when last saved")
    data: dict[str, Any] = Field(sa_column=Column(json_type(), nullable=False))
    created_at: dt.datetime = Field(
        default_factory=utc_now, sa_column=Column(UtcDateTime, nullable=False)
    )
    updated_at: dt.datetime = Field(
        default_factory=utc_now, sa_column=Column(UtcDateTime, nullable=False)
    )
    version: int = Field(default=1, description="Incremented at each save")


class AnswerRow(SQLModel, table=True):
    """Append-only journal of accepted answers (audit trail; the dossier stays the truth)."""

    __tablename__ = "answer_journal"

    id: int | None = Field(default=None, primary_key=True)
    dossier_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("dossier.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )
    key: str = Field(max_length=128)
    value: Any = Field(default=None, sa_column=Column(json_type(), nullable=True))
    at: dt.datetime = Field(sa_column=Column(UtcDateTime, nullable=False))


class TelegramUpdateRow(SQLModel, table=True):
    """A raw Telegram update, stored before Telegram is told it was received.

    The polling loop commits each batch here before asking for the next one (which confirms
    the batch to Telegram), so an update is never lost between receipt and processing: at
    start, the bot processes every update still `pending`.
    """

    __tablename__ = "telegram_update"

    update_id: int = Field(
        sa_column=Column(BigInteger, primary_key=True, autoincrement=False, nullable=False)
    )
    payload: dict[str, Any] = Field(sa_column=Column(json_type(), nullable=False))
    status: str = Field(default="pending", max_length=16, index=True)
    received_at: dt.datetime = Field(
        default_factory=utc_now, sa_column=Column(UtcDateTime, nullable=False)
    )
    done_at: dt.datetime | None = Field(default=None, sa_column=Column(UtcDateTime, nullable=True))


class ProcessedEventRow(SQLModel, table=True):
    """Events whose effect was applied (claimed in the same transaction as the effect)."""

    __tablename__ = "processed_event"

    event_id: str = Field(primary_key=True, max_length=128)
    at: dt.datetime = Field(default_factory=utc_now, sa_column=Column(UtcDateTime, nullable=False))


__all__ = [
    "AnswerRow",
    "DossierRow",
    "ProcessedEventRow",
    "TelegramUpdateRow",
    "UserRow",
    "UtcDateTime",
    "json_type",
    "utc_now",
]
