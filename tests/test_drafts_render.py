"""The draft action plan, read back from the documents' own text."""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document
from markdown_it import MarkdownIt

from dialogs.budget import compute_totals
from dialogs.dossier import (
    Action,
    CostLine,
    Dossier,
    Eligibility,
    ExtraIndicator,
    Funder,
    StaffLine,
)
from dialogs.money import format_eur
from dialogs.spec import CallSpec, load_shipped_spec
from drafts import (
    draft_file_name,
    render_docx,
    render_draft_files,
    render_markdown,
    write_drafts,
)
from tests.support import docx_to_pdf_text, needs_libreoffice

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 25)
SECTIONS = [
    "1. Présentation du porteur de projet",
    "2. Éligibilité et public cible",
    "3. Plan d’actions",
    "4. Calendrier de réalisation",
    "5. Indicateurs d’évaluation",
    "6. Budget prévisionnel de l’action",
    "7. Modalités de versement",
    "8. Suivi et évaluation",
    "Annexe — Points de vigilance et dépôt dans E-partenaire",
]
MONEY = re.compile(r"\d{1,3}(?: \d{3})*,\d\d €")


@pytest.fixture(scope="module")
def spec() -> CallSpec:
    return load_shipped_spec("pdc-axe3-2025")


@pytest.fixture
def example() -> Dossier:
    path = ROOT / "examples" / "dossier-exemple.json"
    return Dossier.model_validate_json(path.read_text(encoding="utf-8"))


def docx_lines(content: bytes) -> list[str]:
    """Every paragraph of the document, body and tables, in order."""
    document = Document(io.BytesIO(content))
    lines: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        if child.tag.endswith("}p"):
            lines.append("".join(t.text or "" for t in child.iter() if t.tag.endswith("}t")))
        elif child.tag.endswith("}tbl"):
            for row in child.iter():
                if row.tag.endswith("}tr"):
                    cells = [
                        "".join(t.text or "" for t in cell.iter() if t.tag.endswith("}t"))
                        for cell in row
                        if cell.tag.endswith("}tc")
                    ]
                    lines.append(" | ".join(cells))
    return lines


def headings(content: bytes) -> list[str]:
    document = Document(io.BytesIO(content))
    return [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]


def md_html(text: str) -> str:
    return MarkdownIt("commonmark").enable("table").render(text)


# -- the example, in Word -----
def test_docx_has_every_section_heading(spec: CallSpec, example: Dossier) -> None:
    found = headings(render_docx(spec, example, TODAY))
    for section in SECTIONS:
        assert section in found


def test_docx_has_every_action_title(spec: CallSpec, example: Dossier) -> None:
    found = headings(render_docx(spec, example, TODAY))
    for orientation in spec.orientations:
        for action in example.actions(orientation.id):
            assert any(action.title and h.endswith(action.title) for h in found), action.title


def test_docx_indicators_with_targets(spec: CallSpec, example: Dossier) -> None:
    lines = docx_lines(render_docx(spec, example, TODAY))
    for indicator in spec.indicators:
        target = example.indicators.targets[indicator.id].target
        assert any(line.startswith(f"{indicator.label} | {target} |") for line in lines), (
            indicator.id
        )
    extra = example.indicators.extra[0]
    assert any(line.startswith(f"{extra.label} | {extra.target} |") for line in lines)


def test_docx_budget_totals_and_cap(spec: CallSpec, example: Dossier) -> None:
    text = "\n".join(docx_lines(render_docx(spec, example, TODAY)))
    totals = compute_totals(example.budget, spec.financing)
    assert f"TOTAL DES CHARGES |  | {format_eur(totals.charges)}" in text
    assert f"TOTAL DES RESSOURCES |  | {format_eur(totals.resources)}" in text
    assert f"Charges de personnel |  | {format_eur(totals.staff)}" in text
    assert f"Total des charges directes |  | {format_eur(totals.direct)}" in text
    assert format_eur(totals.charges) == "107 700,00 €"
    cap = "Plafond : 20 % des charges directes de personnel = 17 048,00 € — respecté"
    assert cap in text
    assert "Budget équilibré" in text


def test_docx_final_report_date(spec: CallSpec, example: Dossier) -> None:
    text = "\n".join(docx_lines(render_docx(spec, example, TODAY)))
    assert "au plus tard le 31/01/2026" in text


def test_docx_cover(spec: CallSpec, example: Dossier) -> None:
    lines = docx_lines(render_docx(spec, example, TODAY))[:20]
    assert "Appel à projets 2025 — Axe 3 : Parcours insertion emploi" in lines
    assert "Département du Pas-de-Calais" in lines
    assert "Inser'Réseau 62" in lines
    assert "BROUILLON" in lines
    assert any("25/11/2026" in line for line in lines)


def test_markdown_and_docx_show_the_same_figures(spec: CallSpec, example: Dossier) -> None:
    files = render_draft_files(spec, example, TODAY)
    markdown = files[0].content.decode("utf-8")
    word = "\n".join(docx_lines(files[1].content))
    assert MONEY.findall(markdown)
    assert sorted(MONEY.findall(markdown)) == sorted(MONEY.findall(word))
    for section in SECTIONS:
        assert f"## {section}\n" in markdown
    assert "31/01/2026" in markdown


def test_markdown_is_valid_commonmark_with_tables(spec: CallSpec, example: Dossier) -> None:
    html = md_html(render_markdown(spec, example, TODAY))
    assert html.count("<table>") == 7 + 7  # 7 fixed tables, one per action
    assert "<h1>Plan d’actions — Inser'Réseau 62</h1>" in html
    assert "Plafond : 20 % des charges directes de personnel = 17 048,00 € — respecté" in html


@needs_libreoffice
def test_libreoffice_converts_the_docx(spec: CallSpec, example: Dossier, tmp_path: Path) -> None:
    [path] = write_drafts(spec, example, TODAY, tmp_path, {"docx"})
    text = docx_to_pdf_text(path, tmp_path)
    assert "Inser'Réseau 62" in text
    assert "107 700,00 €" in text


# -- partial and odd dossiers -----
def test_eligibility_only_renders_with_placeholders(spec: CallSpec) -> None:
    dossier = Dossier(
        call_id=spec.identity.id,
        eligibility=Eligibility(
            organisation_type="network_regional",
            answers={"territory": True, "target_public": True, "period": True},
        ),
    )
    markdown = render_markdown(spec, dossier, TODAY)
    word = "\n".join(docx_lines(render_docx(spec, dossier, TODAY)))
    for text in (markdown, word):
        assert "[À compléter : nom de l’organisme]" in text
        assert "[À compléter : au moins une action pour l’orientation 1]" in text
        assert "[À compléter : cible]" in text
        assert "[À compléter : montant demandé au Département]" in text
        assert "Plafond : 20 % des charges directes de personnel = 0,00 € — respecté" in text
        assert "Tête de réseau IAE régionale" in text
    assert draft_file_name(spec, dossier, "md") == "plan-actions-organisme-2025.md"


def test_empty_dossier_renders(spec: CallSpec) -> None:
    dossier = Dossier(call_id=spec.identity.id)
    assert "[À compléter : type d’organisme]" in render_markdown(spec, dossier, TODAY)
    assert render_docx(spec, dossier, TODAY).startswith(b"PK")


def test_odd_but_valid_values_render(spec: CallSpec, example: Dossier) -> None:
    example.plan.actions["o1"].append(Action())
    example.plan.actions["zz"] = [Action(title="Orientation inconnue")]
    example.plan.actions["o2"][0].months = ["2024-12", "2025-01"]
    example.budget.other_direct.append(CostLine(category="99", label=None, amount=None))
    example.budget.other_direct.append(CostLine())
    example.budget.other_funders.append(Funder())
    example.budget.staff.append(
        StaffLine(role="Stagiaire", fte=Decimal("0.5"), cost_mode="monthly")
    )
    example.budget.staff.append(StaffLine())
    example.budget.indirect = Decimal("99999.99")
    example.indicators.extra.append(ExtraIndicator())
    example.organisation.network_level = None
    example.organisation.contact.phone = "+441234"
    markdown = render_markdown(spec, example, TODAY)
    word = "\n".join(docx_lines(render_docx(spec, example, TODAY)))
    for text in (markdown, word):
        assert "[À compléter : compte de la charge (60 à 68)]" in text
        assert "— dépassé de 82 951,99 €" in text
        assert "[À compléter : coût mensuel] / mois" in text


def test_file_names(spec: CallSpec, example: Dossier, tmp_path: Path) -> None:
    assert draft_file_name(spec, example, "docx") == "plan-actions-inser-reseau-62-2025.docx"
    example.organisation.name = "🌊🌊"
    assert draft_file_name(spec, example, "md") == "plan-actions-organisme-2025.md"
    paths = write_drafts(spec, example, TODAY, tmp_path / "out", {"md"})
    assert [p.name for p in paths] == ["plan-actions-organisme-2025.md"]
    with pytest.raises(ValueError, match="unknown"):
        write_drafts(spec, example, TODAY, tmp_path, {"pdf"})
    files = render_draft_files(spec, example, TODAY)
    assert files[1].mime.endswith("wordprocessingml.document")
