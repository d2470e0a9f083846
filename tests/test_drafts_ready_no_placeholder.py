"""A ready dossier's documents are headed « Version à déposer »: nothing in them may still say
« À compléter », even when the applicant skipped an optional question or the form itself
skipped one that does not apply to them (no RNA number for a cooperative)."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook

from dialogs.dossier import Dossier
from dialogs.review import review
from dialogs.spec import CallSpec, load_shipped_spec
from drafts import render_drafts
from drafts.typography import plain

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.json"))
DURING_CALL = dt.date(2025, 2, 1)


@pytest.fixture(scope="module")
def spec() -> CallSpec:
    return load_shipped_spec("pdc-axe3-2025")


def docx_text(content: bytes) -> str:
    body = Document(io.BytesIO(content)).element.body
    return "\n".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in body.iter(qn("w:p")))


def xlsx_text(content: bytes) -> str:
    workbook = load_workbook(io.BytesIO(content))
    return "\n".join(
        str(cell.value)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    )


def documents(spec: CallSpec, dossier: Dossier) -> dict[str, str]:
    drafts = render_drafts(spec, dossier, DURING_CALL, {"docx", "md", "xlsx"})
    texts = {}
    for f in drafts.files:
        if f.name.endswith(".docx"):
            texts[f.name] = docx_text(f.content)
        elif f.name.endswith(".xlsx"):
            texts[f.name] = xlsx_text(f.content)
        else:
            texts[f.name] = f.content.decode("utf-8")
    return {name: plain(text) for name, text in texts.items()}


def a_hurried_cooperative(path: Path) -> Dossier:
    """An example dossier whose applicant is a SCIC (the form never asks it an RNA number)
    and who answered « passer » to the optional cross-cutting objectives."""
    dossier = Dossier.model_validate_json(path.read_text(encoding="utf-8"))
    dossier.organisation.legal_form = "Société coopérative (SCIC, SCOP)"
    dossier.organisation.rna = None
    dossier.plan.cross_cutting = None
    dossier.plan.cross_cutting_note = None
    dossier.skipped.append("plan.cross")
    return dossier


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_a_ready_example_files_documents_without_any_placeholder(
    spec: CallSpec, path: Path
) -> None:
    dossier = Dossier.model_validate_json(path.read_text(encoding="utf-8"))
    assert review(spec, dossier, DURING_CALL).fileable
    for name, text in documents(spec, dossier).items():
        assert "Version à déposer" in text or not name.startswith("plan"), name
        assert "À compléter" not in text, name


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_a_cooperative_that_skipped_the_optional_objectives_files_a_clean_version(
    spec: CallSpec, path: Path
) -> None:
    dossier = a_hurried_cooperative(path)
    assert review(spec, dossier, DURING_CALL).fileable
    texts = documents(spec, dossier)
    for name, text in texts.items():
        assert "À compléter" not in text, name
        assert "RNA" not in text, name
    plan = next(text for name, text in texts.items() if name.endswith(".md"))
    # passed on purpose: none chosen, never a gap (« Non renseigné ») nor « question passée »
    assert "| Non retenu |" in plan and "Non renseigné" not in plan
    assert "question passée" not in plan
