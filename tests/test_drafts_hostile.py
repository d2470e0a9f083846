"""User text can never break a draft: each hostile string shows literally in both formats."""

from __future__ import annotations

import datetime as dt
import html
import io
from pathlib import Path

import pytest
from docx import Document
from markdown_it import MarkdownIt

from dialogs.dossier import Dossier
from dialogs.spec import load_shipped_spec
from drafts import render_docx, render_markdown, write_drafts
from drafts.typography import plain
from tests.support import docx_to_pdf_text, needs_libreoffice

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 25)

HOSTILE = {
    "markdown": "# Titre *gras* _souligné_ [lien](http://x.test) `code` | tube ~~barré~~ \\ fin",
    "line_start": "1. un\n- deux\n> trois\n+ quatre\n=====\n---",
    "html": "<b>gras</b> & <script>alert(1)</script> &amp; &#169;",
    "control": "avant\x00\x01\x07\x0b\x0c\x1b\x7fapres",
    "emoji": "Réseau 🌊🤝👍🏽 👨‍👩‍👧",
    "rtl": "شبكة الإدماج עברית \u202eRTL\u202c",
    "placeholder": "[À compléter : piège](http://x.test)",
}
LONG = ("Texte très long, " * 700)[:10_000]


def hostile_dossier(value: str) -> Dossier:
    path = ROOT / "examples" / "dossier-exemple.json"
    dossier = Dossier.model_validate_json(path.read_text(encoding="utf-8"))
    dossier.organisation.name = value
    dossier.organisation.address = value
    action = dossier.plan.actions["o1"][0]
    action.title = value
    action.description = value
    action.partners = value
    action.expected_results = value
    dossier.indicators.extra[0].label = value
    dossier.indicators.targets["formations"].comment = value
    dossier.budget.staff[0].role = value
    dossier.budget.other_direct[0].label = value
    dossier.budget.other_funders[0].name = value
    return dossier


def visible(value: str) -> str:
    """What must show: the text without control characters (VT and FF break lines)."""
    value = value.replace("\x0b", "\n").replace("\x0c", "\n")
    return "".join(
        c for c in value if c in "\t\n" or (ord(c) >= 0x20 and not 0x7F <= ord(c) <= 0x9F)
    )


def docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    texts = [t.text or "" for t in document.element.body.iter() if t.tag.endswith("}t")]
    return "".join(texts)


@pytest.mark.parametrize("name", [*HOSTILE, "long"])
def test_hostile_text_in_docx(name: str) -> None:
    value = HOSTILE.get(name, LONG)
    spec = load_shipped_spec("pdc-axe3-2025")
    content = render_docx(spec, hostile_dossier(value), TODAY)
    text = plain(docx_text(content))
    for line in visible(value).split("\n"):
        assert line.strip() in text


@pytest.mark.parametrize("name", [*HOSTILE, "long"])
def test_hostile_text_in_markdown(name: str) -> None:
    value = HOSTILE.get(name, LONG)
    spec = load_shipped_spec("pdc-axe3-2025")
    markdown = render_markdown(spec, hostile_dossier(value), TODAY)
    rendered = plain(MarkdownIt("commonmark").enable("table").render(markdown))
    for line in visible(value).split("\n"):
        assert html.escape(line.strip(), quote=False) in rendered
    assert "<script>" not in rendered
    assert "<b>" not in rendered
    assert 'href="http://x.test"' not in rendered
    assert "<code>" not in rendered
    assert "<h1>Plan d’actions" in rendered
    assert rendered.count("<table>") == 19  # as many as for the example: none broken


def test_hostile_title_keeps_document_structure() -> None:
    spec = load_shipped_spec("pdc-axe3-2025")
    markdown = render_markdown(spec, hostile_dossier(HOSTILE["line_start"]), TODAY)
    rendered = MarkdownIt("commonmark").enable("table").render(markdown)
    # the name, all in lower case, is listed « À relire avant le dépôt »: one heading more
    assert rendered.count("<h2>") == 11 and "<h2>À relire avant le dépôt</h2>" in rendered
    assert "<ol>" not in rendered


@needs_libreoffice
def test_libreoffice_opens_hostile_docx(tmp_path: Path) -> None:
    spec = load_shipped_spec("pdc-axe3-2025")
    value = " ".join(HOSTILE.values())
    [path] = [
        tmp_path / f.name
        for f in write_drafts(spec, hostile_dossier(value), TODAY, tmp_path, {"docx"}).files
        if f.name.startswith("plan")
    ]
    text = plain(docx_to_pdf_text(path, tmp_path))
    assert "<b>gras</b>" in text
