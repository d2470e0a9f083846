"""A Département officer reads the drafts of a dossier as they would be filed: the plan, the
budget workbook, the cover letter and the sworn statement. Each story is a defect they found;
the documents are opened and read back (through LibreOffice where the page matters)."""

from __future__ import annotations

import io
import itertools
import re
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from dialogs.dossier import Dossier
from dialogs.spec import CallSpec, load_shipped_spec
from drafts import render_drafts
from drafts.pdf import PdfConverter
from drafts.typography import plain
from tests.support import DURING_CALL, Walk, needs_libreoffice, script_lines

ROOT = Path(__file__).resolve().parent.parent
CERFA = ROOT / "examples" / "dossier-cerfa-complet.json"


@pytest.fixture(scope="module")
def spec() -> CallSpec:
    return load_shipped_spec("pdc-axe3-2025")


@pytest.fixture
def ready() -> Dossier:
    """A dossier ready to file (eligible, complete, within the rules, balanced)."""
    return Dossier.model_validate_json(CERFA.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def interviewed() -> Dossier:
    """Inser'Réseau 62's dossier, as the scripted conversation leaves it at the review (ready
    to file)."""
    walk = Walk(today=DURING_CALL)
    walk.answers(script_lines())
    assert walk.key == "review"
    return walk.dossier


def documents(spec: CallSpec, dossier: Dossier, *formats: str) -> dict[str, bytes]:
    """The drafts by kind: "plan", "courrier", "budget" (and "plan.md" for the Markdown)."""
    out = {}
    for file in render_drafts(spec, dossier, DURING_CALL, set(formats)).files:
        kind = file.name.split("-", 1)[0]
        out[kind + (".md" if file.name.endswith(".md") else "")] = file.content
    return out


def pdf_pages(content: bytes, name: str) -> list[str]:
    """A document converted to PDF by LibreOffice, read back page by page (plain spaces)."""
    converter = PdfConverter.find()
    assert converter is not None
    pdf = converter.convert(content, name=name)
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    return [plain(page) for page in text.split("\f") if page.strip()]


def cannot_be_filed(dossier: Dossier, change: str) -> Dossier:
    if change == "ineligible":
        dossier.eligibility.answers["territory"] = False
    elif change == "over_cap":
        dossier.budget.indirect = Decimal("30000")
    elif change == "incomplete":
        dossier.plan.approach = None
    return dossier


DRAFT = "BROUILLON — ne peut pas être déposé en l’état"
REASONS = {
    "ineligible": "Candidature non éligible",
    "over_cap": "Les charges indirectes (30 000 €) dépassent 20 %",
    "incomplete": "Il manque 1 réponse obligatoire :",
}


# -- 1. the cover letter and the sworn statement of a draft say they are a draft -------------
@pytest.mark.parametrize("change", sorted(REASONS))
def test_a_letter_that_cannot_be_sent_yet_says_so_above_the_letter_and_the_statement(
    spec: CallSpec, ready: Dossier, change: str
) -> None:
    letter = plain(docx_text(documents(spec, cannot_be_filed(ready, change), "docx")["courrier"]))
    cover, statement = letter.split("Déclaration sur l’honneur\n")
    for page, before in ((cover, "Madame, Monsieur,"), (statement, "Je soussign")):
        top = page.split(before)[0]
        assert DRAFT in top
        assert REASONS[change] in top


@needs_libreoffice
def test_the_printed_letter_and_statement_of_a_draft_each_carry_the_banner(
    spec: CallSpec, ready: Dossier
) -> None:
    letter = documents(spec, cannot_be_filed(ready, "over_cap"), "docx")["courrier"]
    cover, statement, _attachments = pdf_pages(letter, "courrier.docx")
    for page in (cover, statement):
        assert DRAFT in page and REASONS["over_cap"] in page
    assert "Nous sollicitons" in cover and "Je soussign" in statement


def test_the_letter_of_a_dossier_ready_to_file_has_no_banner(
    spec: CallSpec, ready: Dossier
) -> None:
    paragraphs = [
        p.text for p in Document(io.BytesIO(documents(spec, ready, "docx")["courrier"])).paragraphs
    ]
    assert paragraphs[0] == "Réseau Inclusion Artois-Littoral"
    assert not any("BROUILLON" in p for p in paragraphs)


# -- 2. the budget workbook of a draft says it is a draft ------------------------------------
def top_of_sheet(content: bytes) -> list[str]:
    """The workbook's lines above its first table, as a reader sees them."""
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet is not None
    lines = []
    for row in sheet.iter_rows():
        if row[0].value == "Compte":
            return lines
        lines.extend(str(c.value) for c in row if c.value is not None)
    raise AssertionError("no table in the workbook")


@pytest.mark.parametrize("change", sorted(REASONS))
def test_the_workbook_of_a_dossier_that_cannot_be_filed_says_so_at_the_top(
    spec: CallSpec, ready: Dossier, change: str
) -> None:
    workbook = documents(spec, cannot_be_filed(ready, change), "xlsx")["budget"]
    top = top_of_sheet(workbook)
    assert DRAFT in top
    assert any(REASONS[change] in plain(line) for line in top[top.index(DRAFT) + 1 :])
    sheet = load_workbook(io.BytesIO(workbook)).active
    assert sheet is not None
    banner = next(r for r in sheet.iter_rows() if r[0].value == DRAFT)[0]
    assert f"A{banner.row}:D{banner.row}" in {str(m) for m in sheet.merged_cells.ranges}


def test_the_workbook_of_a_dossier_ready_to_file_has_no_banner(
    spec: CallSpec, ready: Dossier
) -> None:
    top = top_of_sheet(documents(spec, ready, "xlsx")["budget"])
    assert top == [
        "Plan d’actions — Réseau Inclusion Artois-Littoral — budget prévisionnel de l’action",
        "Appel à projets 2025 — Axe 3 : Parcours insertion emploi — Département du "
        "Pas-de-Calais — comptes du formulaire CERFA n° 12156",
    ]


@needs_libreoffice
def test_the_printed_workbook_of_a_draft_opens_on_its_banner(
    spec: CallSpec, ready: Dossier
) -> None:
    workbook = documents(spec, cannot_be_filed(ready, "over_cap"), "xlsx")["budget"]
    first = pdf_pages(workbook, "budget.xlsx")[0]
    assert DRAFT in first
    assert REASONS["over_cap"] in first


# -- 3. the budget workbook prints one page wide, its titles readable ---------------------------
@needs_libreoffice
def test_the_printed_workbook_keeps_labels_and_amounts_on_the_same_page(
    spec: CallSpec, ready: Dossier
) -> None:
    workbook = documents(spec, ready, "xlsx")["budget"]
    sheet = load_workbook(io.BytesIO(workbook)).active
    assert sheet is not None
    assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
    assert sheet.sheet_properties.pageSetUpPr is not None
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    pages = pdf_pages(workbook, "budget.xlsx")
    for page in pages:
        if "Compte" in page:
            assert re.search(
                r"Compte +Charges|Compte +Produits|Compte +Emplois|Compte +Contri", page
            )
            assert "Montant" in page
    first = pages[0]
    # The title lines read whole, each on its line, not wrapped in the account column.
    assert (
        "Plan d’actions — Réseau Inclusion Artois-Littoral — budget prévisionnel de l’action"
        in first
    )
    assert "Appel à projets 2025 — Axe 3 : Parcours insertion emploi — Département du" in first
    assert re.search(r"Total des charges +162[,.  ]?300 €", first)
    text = "\n".join(pages)
    assert "Montants en euros entiers, comme le demande le formulaire CERFA" in text


# -- 5. the Département's share reads the same in every document ------------------------------
@needs_libreoffice
def test_the_workbook_shows_the_share_with_the_plans_two_decimals(
    spec: CallSpec, ready: Dossier
) -> None:
    out = documents(spec, ready, "docx", "xlsx")
    letter = plain(docx_text(out["courrier"]))
    assert "soit 58,53 % du budget de l’action" in letter
    workbook = "\n".join(pdf_pages(out["budget"], "budget.xlsx"))
    # The recalculated share cell as printed (LibreOffice's locale may write "58.53").
    assert [f.replace(".", ",") for f in re.findall(r"(\d+[.,]\d+) %", workbook)] == ["58,53"]


def docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    return "\n".join(p.text for p in document.paragraphs)


# -- 6. the sworn statement names the organisation whatever its name starts with -------------
@pytest.mark.parametrize(
    "name", ["Inser'Réseau 62", "Fédération des SIAE du Pas-de-Calais", "Le Relais"]
)
def test_the_sworn_statement_names_the_organisation_after_l_organisme(
    spec: CallSpec, ready: Dossier, name: str
) -> None:
    """No article guessed: « représentant légal de l’organisme Fédération … » reads right
    where « de Fédération … » did not (officer's review m3)."""
    ready.organisation.name = name
    letter = plain(docx_text(documents(spec, ready, "docx")["courrier"]))
    assert f"de l’organisme {name.replace(chr(39), '’')} :" in letter


# -- 4. a heading and the line that announces a list stay with the list ---------------------
@needs_libreoffice
def test_the_commitments_heading_and_its_lead_line_stay_with_the_commitments(
    spec: CallSpec, interviewed: Dossier
) -> None:
    plan = documents(spec, interviewed, "docx")["plan"]
    pages = pdf_pages(plan, "plan.docx")
    [page] = [p for p in pages if "8. Engagements du porteur de projet" in p]
    assert "L’organisme Inser’Réseau 62 s’engage à :" in page
    assert "Réaliser les actions décrites dans ce plan" in page


def test_every_line_that_announces_a_list_keeps_with_it(spec: CallSpec, ready: Dossier) -> None:
    out = documents(spec, ready, "docx")
    for kind in ("plan", "courrier"):
        paragraphs = Document(io.BytesIO(out[kind])).paragraphs
        leads = [
            p
            for p, after in itertools.pairwise(paragraphs)
            if p.text.rstrip().endswith(":") and after.style.name.startswith("List Bullet")
        ]
        assert leads, kind
        for lead in leads:
            assert lead.style.paragraph_format.keep_with_next, (kind, lead.text)


def test_an_ineligible_dossier_s_draft_does_not_say_every_question_was_answered(
    spec: CallSpec,
) -> None:
    """An officer opened the drafts of an ineligible dossier (33 % done: an SIAE stopped at
    its eligibility) from the staff group: « 33 % (toutes les questions ont une réponse ;
    1 point à corriger) ». The questions after the eligibility were never put."""
    walk = Walk(today=DURING_CALL)
    walk.answers(["1", "5"])  # an SIAE: entreprise d'insertion
    text = plain(documents(spec, walk.dossier, "md")["plan.md"].decode())
    assert "toutes les questions ont une réponse" not in text
    assert "dossier non éligible (l’entretien s’est arrêté à l’éligibilité)" in text
    assert "complété à" not in text, "an ineligible dossier's percentage is no progress"


def test_a_total_never_given_is_to_complete_never_0_euro(spec: CallSpec) -> None:
    """An officer opened an ineligible dossier's drafts (/dossier N): the « Synthèse » said
    « Coût total de l’action | 0 € » beside amounts « [À compléter] », and the budget was
    « équilibré : … = 0 € ». A missing total is « [À compléter] » in every document."""
    walk = Walk(today=DURING_CALL)
    walk.answers(["1", "5"])
    files = documents(spec, walk.dossier, "md", "docx")
    text = plain(files["plan.md"].decode())
    cost = next(line for line in text.splitlines() if "Coût total de l’action" in line)
    assert "[À compléter" in cost
    assert "Budget équilibré" not in text
    zero = re.compile(r"(?<![\d ])0 €")
    assert not [line for line in text.splitlines() if zero.search(line)]
    plan = Document(io.BytesIO(files["plan"]))
    cells = [c.text for t in plan.tables for r in t.rows for c in r.cells]
    assert not [t for t in [p.text for p in plan.paragraphs] + cells if zero.search(plain(t))]


def test_an_optional_note_passed_is_left_out_of_the_version_to_file(spec: CallSpec) -> None:
    """A tester ticked two cross-cutting objectives and passed the note on them: the version
    to file printed « Contribution aux objectifs transversaux — Non renseigné » under
    « Version à déposer ». The ticked objectives stay; the empty note goes."""
    lines = script_lines()
    assert lines[71].startswith("Des chantiers culturels")
    lines[71] = "passer"
    walk = Walk(today=DURING_CALL)
    walk.answers(lines[:-1])  # (up to the review, « Générer le brouillon » left)
    assert walk.key == "review" and "Prêt à déposer" in walk.text
    text = plain(documents(spec, walk.dossier, "md")["plan.md"].decode())
    assert "Version à déposer" in text
    assert "Contribution aux objectifs transversaux" not in text
    assert "Objectifs transversaux" in text
