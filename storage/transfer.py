"""Dossier export and import as JSON documents (the format of `docs/dossier-format.md`).

The export is canonical — keys sorted, two-space indentation, UTF-8 text without escapes,
a final newline — so that exporting, importing into an empty database and exporting again
gives the same bytes, and exports diff cleanly.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import ValidationError

from dialogs.dossier import EXPORT_ONLY_KEYS, FORMAT_VERSION, Dossier
from dialogs.ports import Repository, StoredDossier

DEFAULT_IMPORT_OWNER = "terminal:local"


class DossierImportError(ValueError):
    """The text cannot be imported as a dossier; the message says why, in plain words."""


class UnsupportedFormatVersion(DossierImportError):
    pass


class InvalidDossier(DossierImportError):
    pass


class ImportConflict(DossierImportError):
    def __init__(self, existing: StoredDossier) -> None:
        super().__init__(
            f"dossier {existing.dossier.uuid} already exists as #{existing.id} "
            f"(owner {existing.owner}); import it with replace=True to overwrite it"
        )
        self.existing = existing


class DossierNotFoundForExport(LookupError):
    pass


def dossier_to_json(dossier: Dossier) -> str:
    return _canonical_json(dossier.model_dump(mode="json"))


def export_dossier(repo: Repository, dossier_id: int) -> str:
    stored = repo.get_dossier(dossier_id)
    if stored is None:
        raise DossierNotFoundForExport(f"no dossier #{dossier_id}")
    return dossier_to_json(stored.dossier)


def export_all(repo: Repository) -> str:
    """Every dossier of every owner, oldest first, as one JSON list."""
    return _canonical_json([item.dossier.model_dump(mode="json") for item in repo.list_dossiers()])


def parse_dossier(text: str | bytes) -> Dossier:
    """Validate an exported dossier, checking its format version first for a clear error."""
    try:
        document: Any = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidDossier(f"not valid JSON: {exc}") from exc
    if not isinstance(document, dict):
        raise InvalidDossier("a dossier is a JSON object ({…}), not a list or a value")
    version = document.get("format_version")
    if version != FORMAT_VERSION:
        raise UnsupportedFormatVersion(
            f"unsupported dossier format_version {version!r}: "
            f"this version of aap-bot reads format_version {FORMAT_VERSION}"
        )
    if any(key in document for key in EXPORT_ONLY_KEYS):  # a dossier of the staff's export
        text = json.dumps({k: v for k, v in document.items() if k not in EXPORT_ONLY_KEYS})
    try:
        return Dossier.model_validate_json(text)
    except ValidationError as exc:
        raise InvalidDossier(f"invalid dossier: {exc}") from exc


def import_dossier(
    repo: Repository,
    text: str | bytes,
    *,
    owner: str = DEFAULT_IMPORT_OWNER,
    replace: bool = False,
) -> StoredDossier:
    """Store an exported dossier, as given (timestamps and cursor included).

    A dossier is identified by its uuid. Importing one that already exists is refused
    (`ImportConflict`) unless `replace` is true: then its content is overwritten in place,
    keeping its number, owner and answer journal, so that staff can correct a dossier
    without taking it away from its applicant; `owner` is only used for new dossiers.
    """
    dossier = parse_dossier(text)
    existing = repo.get_dossier_by_uuid(dossier.uuid)
    if existing is None:
        return repo.add_dossier(owner=owner, dossier=dossier)
    if not replace:
        raise ImportConflict(existing)
    repo.save_dossier(dossier_id=existing.id, dossier=dossier)
    return StoredDossier(id=existing.id, owner=existing.owner, dossier=dossier)


def _canonical_json(document: Any) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
