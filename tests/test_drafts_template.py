"""The Word templates are the committed .docx files staff may restyle: whatever they change in
Word, the styles and tags the renderer needs must still be there, and the build script never
overwrites their work."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx import Document

from drafts import build_docx_template
from drafts.docx import LETTER_PATH, PLACEHOLDER_STYLE, TEMPLATE_PATH

STYLES = {
    "Heading 1",
    "Heading 2",
    "Heading 3",
    "Titre du document",
    "Statut",
    "Intertitre",
    "Texte de tableau",
    "En-tête de tableau",
    "Montant",
    "Note",
    "Signature",
    "Introduction de liste",
    PLACEHOLDER_STYLE,
}
PLAN_TAGS = {
    "d.summary",
    "d.presentation",
    "d.context",
    "d.approach",
    "d.public",
    "d.eligibility",
    "d.orientations",
    "d.calendar",
    "d.indicators",
    "d.budget.charges",
    "d.budget.resources",
    "d.budget.share_line",
    "d.commitments",
    "d.status_lines",
}


def _xml(path: Path) -> str:
    document = Document(str(path))
    parts = [document.element.xml, document.sections[0].header._element.xml]
    return re.sub(r"<[^>]+>", "", "".join(parts))


@pytest.mark.parametrize("path", [TEMPLATE_PATH, LETTER_PATH], ids=lambda p: p.name)
def test_the_template_has_every_style_the_documents_use(path: Path) -> None:
    names = {style.name for style in Document(str(path)).styles}
    assert STYLES - {"Heading 3"} <= names


def test_the_plan_template_has_every_section_tag() -> None:
    text = _xml(TEMPLATE_PATH)
    for tag in PLAN_TAGS:
        assert tag in text, tag


def test_the_build_script_never_overwrites_a_template(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan, letter = tmp_path / "plan.docx", tmp_path / "courrier.docx"
    plan.write_bytes(b"restyled by the staff")
    monkeypatch.setattr(build_docx_template, "TEMPLATE_PATH", plan)
    monkeypatch.setattr(build_docx_template, "LETTER_PATH", letter)
    assert build_docx_template.main([]) == 1
    assert plan.read_bytes() == b"restyled by the staff"
    assert letter.is_file()  # a missing template is created
