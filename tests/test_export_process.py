"""Staff exports run in a process of their own, so that applicants never wait behind one:
the same files as the staff service writes, progress reported to the end, a failure told
with its reason (never a hang), and a database only this process sees exported in place."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.export_process import ExportFailed, export_in_process, process_exporter, shared_database
from app.settings import Settings
from storage.repository import SqlStore
from tests.staff_support import fixed_clock, populate, staff_service


def settings_for(url: str) -> Settings:
    return Settings(_env_file=None, database_url=url)  # type: ignore[call-arg]


def test_the_export_process_writes_what_the_staff_service_writes_and_reports_its_progress(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'bot.db'}"
    store = SqlStore(url)
    populate(store, drafts=False)
    inline_dir, child_dir = tmp_path / "inline", tmp_path / "child"
    inline_dir.mkdir()
    child_dir.mkdir()
    expected = staff_service(store).export_files(inline_dir)
    store.dispose()
    seen: list[tuple[int, int]] = []

    files = export_in_process(
        settings_for(url), fixed_clock().now(), child_dir, lambda d, t: seen.append((d, t))
    )

    assert [f.name for f in files] == [f.name for f in expected]
    for made, reference in zip(files, expected, strict=True):
        assert made.path.parent == child_dir
        assert made.size == made.path.stat().st_size > 0
        if made.name.endswith((".csv", ".json")):  # (XLSX embeds its write time)
            assert made.path.read_bytes() == reference.path.read_bytes()
    assert seen and seen[-1] == (5, 5)


def test_an_export_that_cannot_open_its_database_fails_with_the_reason(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}"  # a directory, not a database file
    with pytest.raises(ExportFailed, match="OperationalError"):
        export_in_process(settings_for(url), fixed_clock().now(), tmp_path, None)


def test_a_database_in_memory_is_exported_in_this_process() -> None:
    def inline(directory: Path, progress: object = None) -> list[object]:
        return []

    assert not shared_database("sqlite://")
    assert not shared_database("sqlite:///:memory:")
    assert shared_database("sqlite:////var/lib/aap-bot/bot.db")
    assert shared_database("postgresql+psycopg://postgres@127.0.0.1/test")
    exporter = process_exporter(settings_for("sqlite://"), fixed_clock(), inline)  # type: ignore[arg-type]
    assert exporter is inline


def test_the_export_process_writes_only_the_formats_asked(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'bot.db'}"
    store = SqlStore(url)
    populate(store, drafts=False)
    store.dispose()
    out = tmp_path / "out"
    out.mkdir()
    files = export_in_process(settings_for(url), fixed_clock().now(), out, None, ("json",))
    assert [f.name for f in files] == ["dossiers-2026-11-25.json"]
    assert [p.name for p in out.iterdir()] == ["dossiers-2026-11-25.json"]
