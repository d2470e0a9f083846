"""What the interview needs from the outside world, as small Protocols.

`storage/` implements them on SQLModel (SQLite or PostgreSQL); the dialogs package never
imports storage, and tests can pass any object that fits.
"""

from __future__ import annotations

import datetime as dt
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any, Protocol

from dialogs.dossier import Dossier


class Clock(Protocol):
    def now(self) -> dt.datetime:
        """Current time, timezone-aware (UTC)."""
        ...


@dataclass(frozen=True)
class StoredDossier:
    id: int
    owner: str
    dossier: Dossier


@dataclass(frozen=True)
class UserRecord:
    owner: str
    active_dossier_id: int | None
    blocked: bool
    chat_id: int | None


class Repository(Protocol):
    """Data access inside one transaction (see `Store.transaction`)."""

    def add_dossier(self, *, owner: str, dossier: Dossier) -> StoredDossier: ...

    def get_dossier(self, dossier_id: int) -> StoredDossier | None: ...

    def get_dossier_by_uuid(self, uuid: str) -> StoredDossier | None: ...

    def save_dossier(self, *, dossier_id: int, dossier: Dossier) -> None: ...

    def list_dossiers(self, *, owner: str | None = None) -> list[StoredDossier]:
        """Dossiers of one owner (all owners when None), oldest first."""
        ...

    def get_user(self, owner: str) -> UserRecord | None: ...

    def upsert_user(
        self, *, owner: str, chat_id: int | None = None, seen_at: dt.datetime
    ) -> UserRecord: ...

    def set_active_dossier(self, *, owner: str, dossier_id: int | None) -> None: ...

    def set_user_blocked(self, *, owner: str, blocked: bool) -> None: ...

    def record_answer(self, *, dossier_id: int, key: str, value: Any, at: dt.datetime) -> None:
        """Append an accepted answer to the dossier's journal (JSON-serialisable value)."""
        ...

    def answer_journal(self, dossier_id: int) -> list[tuple[str, Any, dt.datetime]]: ...

    def claim_event(self, event_id: str) -> bool:
        """Mark an incoming event as applied; False if it already was (a redelivery)."""
        ...

    def delete_owner_data(self, owner: str) -> int:
        """Erase the user, their dossiers and journals; returns how many dossiers went."""
        ...


class Store(Protocol):
    def transaction(self) -> AbstractContextManager[Repository]:
        """A repository whose changes are committed when the block ends without error."""
        ...
