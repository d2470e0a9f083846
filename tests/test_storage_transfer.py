"""Export and import of dossiers as JSON documents."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from dialogs.dossier import Dossier
from storage.repository import SqlStore
from storage.transfer import (
    DEFAULT_IMPORT_OWNER,
    DossierNotFoundForExport,
    ImportConflict,
    InvalidDossier,
    UnsupportedFormatVersion,
    dossier_to_json,
    export_all,
    export_dossier,
    import_dossier,
)


def test_export_is_canonical_readable_json(store: SqlStore, rich_dossier: Dossier) -> None:
    with store.transaction() as repo:
        stored = repo.add_dossier(owner="telegram:1", dossier=rich_dossier)
        text = export_dossier(repo, stored.id)
    assert text.endswith("}\n")
    assert "Réseau des SIAE « Côte d'Opale » 🌊" in text  # not \u-escaped
    assert '  "budget": {' in text
    document = json.loads(text)
    assert document["format_version"] == 1
    assert document["budget"]["departement_request"] == "12500.50"
    assert document["plan"]["actions"]["o1"][0]["months"] == ["2025-01", "2025-02", "2025-12"]
    assert text == json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def test_import_into_an_empty_database_then_export_gives_the_same_bytes(
    store: SqlStore, rich_dossier: Dossier
) -> None:
    original = dossier_to_json(rich_dossier)
    with store.transaction() as repo:
        imported = import_dossier(repo, original)
    with store.transaction() as repo:
        assert export_dossier(repo, imported.id).encode() == original.encode()
        assert imported.owner == DEFAULT_IMPORT_OWNER
        assert repo.get_dossier(imported.id) == imported


def test_a_dossier_round_trips_between_two_databases(
    store: SqlStore, rich_dossier: Dossier, tmp_path_factory: pytest.TempPathFactory
) -> None:
    with store.transaction() as repo:
        stored = repo.add_dossier(owner="telegram:9", dossier=rich_dossier)
        exported = export_dossier(repo, stored.id)
    other = SqlStore(f"sqlite:///{tmp_path_factory.mktemp('other') / 'other.db'}")
    try:
        with other.transaction() as repo:
            imported = import_dossier(repo, exported.encode(), owner="telegram:9")
            assert imported.dossier == rich_dossier
            assert export_dossier(repo, imported.id) == exported
    finally:
        other.dispose()


def test_importing_a_dossier_that_exists_is_refused_unless_replacing(
    store: SqlStore, rich_dossier: Dossier
) -> None:
    with store.transaction() as repo:
        stored = repo.add_dossier(owner="telegram:5", dossier=rich_dossier)
        repo.record_answer(
            dossier_id=stored.id,
            key="k",
            value=1,
            at=dt.datetime(2025, 5, 1, tzinfo=dt.UTC),
        )
    corrected = rich_dossier.model_copy(deep=True)
    corrected.organisation.name = "Nom corrigé"
    text = dossier_to_json(corrected)
    with store.transaction() as repo, pytest.raises(ImportConflict, match=r"already exists as #"):
        import_dossier(repo, text)
    with store.transaction() as repo:
        replaced = import_dossier(repo, text, replace=True)
    assert (replaced.id, replaced.owner) == (stored.id, "telegram:5")
    with store.transaction() as repo:
        assert export_dossier(repo, stored.id) == text
        assert len(repo.list_dossiers()) == 1
        assert len(repo.answer_journal(stored.id)) == 1


@pytest.mark.parametrize("version", [0, 2, "1", None])
def test_a_wrong_format_version_is_refused_clearly(store: SqlStore, version: object) -> None:
    document = json.loads(dossier_to_json(Dossier(call_id="c")))
    document["format_version"] = version
    with (
        store.transaction() as repo,
        pytest.raises(UnsupportedFormatVersion, match="reads format_version 1"),
    ):
        import_dossier(repo, json.dumps(document))


def test_a_missing_format_version_is_refused_clearly(store: SqlStore) -> None:
    with store.transaction() as repo, pytest.raises(UnsupportedFormatVersion, match="None"):
        import_dossier(repo, '{"call_id": "c"}')


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not json", "not valid JSON"),
        ("[]", "JSON object"),
        ('{"format_version": 1}', "call_id"),
        ('{"format_version": 1, "call_id": "c", "budget": {"own_funds": "-3"}}', "own_funds"),
        ('{"format_version": 1, "call_id": "c", "surprise": true}', "surprise"),
    ],
)
def test_an_invalid_dossier_is_refused_with_the_reason(
    store: SqlStore, text: str, message: str
) -> None:
    with store.transaction() as repo, pytest.raises(InvalidDossier, match=message):
        import_dossier(repo, text)
    with store.transaction() as repo:
        assert repo.list_dossiers() == []


def test_export_all_lists_every_dossier_oldest_first(
    store: SqlStore, rich_dossier: Dossier
) -> None:
    with store.transaction() as repo:
        assert export_all(repo) == "[]\n"
        repo.add_dossier(owner="telegram:1", dossier=rich_dossier)
        plain = Dossier(call_id="pdc-axe3-2025")
        repo.add_dossier(owner="telegram:2", dossier=plain)
        text = export_all(repo)
    documents = json.loads(text)
    assert [Dossier.model_validate(d) for d in documents] == [rich_dossier, plain]
    assert text.endswith("]\n")


def test_exporting_an_unknown_dossier_says_so(store: SqlStore) -> None:
    with store.transaction() as repo, pytest.raises(DossierNotFoundForExport, match="#999"):
        export_dossier(repo, 999)
