"""Every example dossier is valid, complete, coherent, and renders in both formats."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dialogs.dossier import Dossier
from dialogs.review import review
from dialogs.spec import load_shipped_spec
from drafts import render_draft_files

EXAMPLES = sorted((Path(__file__).resolve().parent.parent / "examples").glob("*.json"))
TODAY = dt.date(2026, 11, 25)


def test_there_is_an_example() -> None:
    assert EXAMPLES


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_example_is_complete_and_coherent(path: Path) -> None:
    dossier = Dossier.model_validate_json(path.read_text(encoding="utf-8"))
    spec = load_shipped_spec(dossier.call_id)
    report = review(spec, dossier, TODAY)
    assert report.completeness == 100
    assert report.missing == []
    assert [w.code for w in report.warnings] == ["call_closed"]
    assert report.totals.balanced
    assert report.totals.indirect_within_cap
    assert report.eligible is True
    assert dossier.cursor.key == "review"
    for orientation in spec.orientations:
        assert dossier.actions(orientation.id), orientation.id


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_example_renders(path: Path) -> None:
    dossier = Dossier.model_validate_json(path.read_text(encoding="utf-8"))
    files = render_draft_files(load_shipped_spec(dossier.call_id), dossier, TODAY)
    assert [f.name.rsplit(".", 1)[1] for f in files] == ["md", "docx"]
    assert all(f.content for f in files)
