"""Validated dossiers kept in process, by id, with the uuid and version they are.

A dossier row names one content by its id, uuid and version: every save bumps the version
(`SqlRepository.save_dossier`), ids are never handed out again (AUTOINCREMENT on SQLite,
sequences on PostgreSQL). The repository's read asks for the row's uuid and version and
for its JSON only when they differ from the copy kept here (`DossierCache.known`), in the
same statement: a dossier saved by this process and read again at the next answer is not
parsed and validated again. Whatever wrote elsewhere (another instance, staff, an import)
bumped the version: the copy kept is then not the row's and the row is read.

A kept dossier is shared by every reader: it is never changed (the interview changes its
own copy, `Dossier.clone`). A copy is kept once its transaction is committed, never before
(`SqlStore.transaction`): a version rolled back is never served. Bounded (least recently
used first out); an erased dossier is dropped at once.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Integer, String, Table, bindparam, case, null

from dialogs.dossier import Dossier
from dialogs.ports import StoredDossier
from storage.db import json_text_out
from storage.models import DossierRow

#: Dossiers kept: those of the applicants answering now (each answers every few seconds).
DOSSIERS_KEPT = 256


@dataclass(frozen=True)
class KeptDossier:
    uuid: str
    version: int
    dossier: Dossier


class DossierCache:
    """Thread-safe: the bot's worker threads read and keep dossiers at once."""

    def __init__(self, size: int = DOSSIERS_KEPT) -> None:
        self.size = size
        self._kept: OrderedDict[int, KeptDossier] = OrderedDict()
        self._lock = threading.Lock()

    def known(self, dossier_id: int) -> KeptDossier | None:
        with self._lock:
            kept = self._kept.get(dossier_id)
            if kept is not None:
                self._kept.move_to_end(dossier_id)
            return kept

    def keep(self, dossier_id: int, kept: KeptDossier) -> None:
        """Keep `kept`, unless a later version of the same dossier is kept already (two
        threads committing one after the other may keep in the other order)."""
        with self._lock:
            old = self._kept.get(dossier_id)
            if old is not None and old.uuid == kept.uuid and old.version > kept.version:
                return
            self._kept[dossier_id] = kept
            self._kept.move_to_end(dossier_id)
            while len(self._kept) > self.size:
                self._kept.popitem(last=False)

    def drop(self, dossier_ids: list[int]) -> None:
        with self._lock:
            for dossier_id in dossier_ids:
                self._kept.pop(dossier_id, None)

    def __len__(self) -> int:
        return len(self._kept)


def dossier_columns(dialect: str) -> list[Any]:
    """What a read of a dossier selects: owner, uuid, version, and its JSON text unless the
    uuid and version are those of the copy the reader keeps (`p_uuid`, `p_version`; NULL
    when it keeps none): then NULL, the text neither read nor sent."""
    dossiers = DossierRow.__table__  # type: ignore[attr-defined]
    assert isinstance(dossiers, Table)
    kept = (dossiers.c.version == bindparam("p_version", type_=Integer)) & (
        dossiers.c.uuid == bindparam("p_uuid", type_=String)
    )
    data = case((kept, null()), else_=json_text_out(dossiers.c.data, dialect))
    return [dossiers.c.owner, dossiers.c.uuid, dossiers.c.version, data]


class KeptDossiersMixin:
    """The reads of `dossier_columns` for `storage.repository.SqlRepository`, and the copies
    its transaction read shared or saved (`kept`), for the store's cache once committed."""

    _dossiers: DossierCache | None
    kept: dict[int, KeptDossier]

    def known_dossier(self, dossier_id: int) -> KeptDossier | None:
        """The copy kept of `dossier_id`: the one this transaction read or saved, else the
        store's."""
        kept = self.kept.get(dossier_id)
        if kept is None and self._dossiers is not None:
            kept = self._dossiers.known(dossier_id)
        return kept

    @staticmethod
    def dossier_read(dossier_id: int, known: KeptDossier | None) -> dict[str, object]:
        """The parameters of a read of `dossier_columns`."""
        return {
            "p_id": dossier_id,
            "p_version": None if known is None else known.version,
            "p_uuid": None if known is None else known.uuid,
        }

    def stored_dossier(
        self,
        dossier_id: int,
        row: tuple[Any, ...],
        known: KeptDossier | None,
        *,
        shared: bool,
    ) -> StoredDossier:
        """The dossier of a row read by `dossier_columns`: the copy `known` when its JSON
        was not sent (the row is that version of that dossier). A copy read shared is kept
        once the transaction is committed."""
        owner, uuid, version, data = row[:4]
        if data is None:
            assert known is not None and (known.uuid, known.version) == (uuid, version)
            dossier = known.dossier
        else:
            dossier = Dossier.model_validate_json(data)
        if shared:
            self.kept[dossier_id] = KeptDossier(uuid, version, dossier)
        return StoredDossier(id=dossier_id, owner=owner, dossier=dossier, version=version)

    def forget_dossiers(self, dossier_ids: list[int]) -> None:
        """Erased: their copies go at once, committed or not."""
        for dossier_id in dossier_ids:
            self.kept.pop(dossier_id, None)
        if self._dossiers is not None:
            self._dossiers.drop(dossier_ids)
