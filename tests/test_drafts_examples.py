"""Every example dossier is valid, complete, coherent, and renders in every format, through
`aap-bot render --format all` as a newcomer runs it."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dialogs.dossier import Dossier
from dialogs.review import review
from dialogs.spec import load_shipped_spec
from drafts import FORMATS, render_drafts

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
@pytest.mark.parametrize("fmt", FORMATS)
def test_example_renders_in_every_format(path: Path, fmt: str) -> None:
    dossier = Dossier.model_validate_json(path.read_text(encoding="utf-8"))
    if fmt == "pdf" and shutil.which("soffice") is None and not os.environ.get("CI"):
        pytest.skip("LibreOffice is not installed (required in CI)")
    drafts = render_drafts(load_shipped_spec(dossier.call_id), dossier, TODAY, {fmt})
    assert drafts.notes == []
    kinds = sorted(f.name.split("-", 1)[0] for f in drafts.files)
    assert kinds == (
        ["courrier", "plan"] if fmt == "docx" else ["budget"] if fmt == "xlsx" else ["plan"]
    )
    assert all(f.content for f in drafts.files)


@pytest.mark.slow
def test_render_all_from_the_command_line(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "AAP_BOT_TODAY": "2025-02-01", "PYTHONPATH": str(root)}
    if shutil.which("soffice") is None:
        env["PATH"] = ""  # without LibreOffice the command says so, and still succeeds
    done = subprocess.run(
        [sys.executable, "-m", "app.cli", "render", *map(str, EXAMPLES), "--format", "all",
         "--output", str(tmp_path)],
        capture_output=True, text=True, env=env, timeout=600, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    written = sorted(p.suffix for p in tmp_path.iterdir())
    assert written.count(".docx") == 2 * len(EXAMPLES) and written.count(".xlsx") == len(EXAMPLES)
