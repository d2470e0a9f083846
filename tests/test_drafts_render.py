"""The documents as the Département's officer receives them, read back from their own files:
the plan (Word, Markdown, PDF), the budget workbook, the cover letter."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from markdown_it import MarkdownIt
from openpyxl import load_workbook

from dialogs.budget import compute_totals
from dialogs.dossier import Action, CostLine, Dossier, Eligibility, Funder, StaffLine
from dialogs.money import format_eur, format_euros
from dialogs.review import review
from dialogs.spec import CallSpec, load_shipped_spec
from drafts import draft_file_name, render_drafts, render_markdown, write_drafts
from drafts.docx import render_docx
from drafts.pdf import PdfConverter
from drafts.typography import plain
from tests.support import docx_to_pdf_text, needs_libreoffice

ROOT = Path(__file__).resolve().parent.parent
CLOSED = dt.date(2026, 11, 25)
DURING_CALL = dt.date(2025, 2, 1)
CERFA = ROOT / "examples" / "dossier-cerfa-complet.json"
EXAMPLE = ROOT / "examples" / "dossier-exemple.json"
SECTIONS = [
    "Synthèse",
    "1. Présentation du porteur de projet",
    "2. Contexte, diagnostic et approche",
    "3. Public visé et éligibilité",
    "4. Plan d’actions",
    "5. Calendrier de réalisation",
    "6. Indicateurs d’évaluation",
    "7. Budget prévisionnel de l’action",
]
ACCOUNTS = ["60", "61", "62", "63", "631", "635", "64", "641", "645", "65", "66", "67", "68"]
ACCOUNTS += ["70", "74", "75", "756", "76", "77", "78", "86", "860", "861", "864"]
ACCOUNTS += ["87", "870", "871", "875"]
BREAKING_SPACE = re.compile(r"\d \d{3}(?!\d)|\d €|\b0\d( \d\d){4}\b| [;:!?»]|« |E-partenaire")


@pytest.fixture(scope="module")
def spec() -> CallSpec:
    return load_shipped_spec("pdc-axe3-2025")


def load(path: Path) -> Dossier:
    return Dossier.model_validate_json(path.read_text(encoding="utf-8"))


@pytest.fixture
def cerfa() -> Dossier:
    return load(CERFA)


def rows(content: bytes) -> list[list[str]]:
    """Every table row of a Word document, as its cells' texts."""
    document = Document(io.BytesIO(content))
    found = []
    for tr in document.element.body.iter(qn("w:tr")):
        found.append(
            ["".join(t.text or "" for t in tc.iter(qn("w:t"))) for tc in tr.iter(qn("w:tc"))]
        )
    return found


def text_of(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    lines = [
        "".join(t.text or "" for t in p.iter(qn("w:t")))
        for p in document.element.body.iter(qn("w:p"))
    ]
    return "\n".join(lines)


def headings(content: bytes) -> list[str]:
    document = Document(io.BytesIO(content))
    return [plain(p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]


def files(spec: CallSpec, dossier: Dossier, today: dt.date, *formats: str) -> dict[str, bytes]:
    drafts = render_drafts(spec, dossier, today, set(formats))
    return {f.name: f.content for f in drafts.files}


# -- the CERFA budget, in Word --------------------------------------------------------------
def test_every_cerfa_account_of_the_example_lands_on_its_line(
    spec: CallSpec, cerfa: Dossier
) -> None:
    table = rows(render_docx(spec, cerfa, CLOSED))
    accounts = {row[0]: plain(row[-1]) for row in table if row and row[0] in ACCOUNTS}
    assert set(accounts) == set(ACCOUNTS)
    totals = compute_totals(cerfa.budget, spec.financing)
    assert accounts["64"] == format_euros(totals.staff) == "124 200 €"
    assert accounts["641"] == "88 200 €" and accounts["645"] == "36 000 €"
    assert accounts["631"] == "4 100 €" and accounts["63"] == "5 000 €"
    assert accounts["756"] == "4 800 €" and accounts["75"] == "7 700 €"
    assert accounts["74"] == "149 500 €"
    assert accounts["86"] == accounts["87"] == "6 200 €"
    funders = {plain(row[1]): plain(row[2]) for row in table if len(row) == 4}
    # a name that starts with its kind is not prefixed again (« Région : Région … »)
    assert funders["Région Hauts-de-France"] == "demandé"
    assert funders["État : DDETS du Pas-de-Calais (fonds départemental d’insertion)"] == "obtenu"


def test_budget_tables_with_one_amount_in_cents_print_every_amount_to_the_cent(
    spec: CallSpec,
) -> None:
    dossier = load(EXAMPLE)
    dossier.budget.staff[1].annual_cost = Decimal("41234.56")  # cents in a staff line
    dossier.budget.own_funds = None
    content = render_docx(spec, dossier, CLOSED)
    amounts = [plain(c) for row in rows(content) for c in row if c.endswith("€")]
    assert amounts and all(re.fullmatch(r"\d{1,3}( \d{3})*,\d\d €", a) for a in amounts), amounts
    totals = compute_totals(dossier.budget, spec.financing)
    total_rows = {plain(r[1]): plain(r[-1]) for r in rows(content) if len(r) == 4}
    assert total_rows["Total des charges"] == format_eur(totals.charges) == "107 934,56 €"
    assert total_rows["Total des produits"] == format_eur(totals.resources)


def test_cap_share_and_balance_are_the_dossiers_arithmetic(spec: CallSpec, cerfa: Dossier) -> None:
    text = plain(text_of(render_docx(spec, cerfa, CLOSED)))
    report = review(spec, cerfa, CLOSED)
    assert report.totals.indirect_cap == Decimal("24840.00")
    assert "soit 24 840 € ; respecté" in text
    assert report.totals.departement_share == Decimal("0.5853")
    assert "(95 000 €) représente 58,53 % du total des produits de l’action (162 300 €" in text
    assert "Budget équilibré : total des charges = total des produits = 162 300 €." in text
    assert text.count("Plafond des charges indirectes") == 1


# -- a French, editable Word document -------------------------------------------------------
def test_the_word_document_is_french_and_described(spec: CallSpec, cerfa: Dossier) -> None:
    now = dt.datetime(2025, 2, 1, 9, 30, tzinfo=dt.UTC)
    [plan] = [
        f
        for f in render_drafts(spec, cerfa, DURING_CALL, {"docx"}, now=now).files
        if f.name.startswith("plan")
    ]
    document = Document(io.BytesIO(plan.content))
    styles = document.styles.element
    default = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert default.find(qn("w:lang")).get(qn("w:val")) == "fr-FR"
    for style in styles.findall(qn("w:style")):
        if style.get(qn("w:type")) in ("paragraph", "character", "table"):
            assert style.find(qn("w:rPr")).find(qn("w:lang")).get(qn("w:val")) == "fr-FR"
    props = document.core_properties
    assert props.title == "Plan d’actions — Réseau Inclusion Artois-Littoral"
    assert props.subject == "Appel à projets 2025 — Axe 3 : Parcours insertion emploi"
    assert props.author == "Réseau Inclusion Artois-Littoral"
    assert props.last_modified_by == "aap-bot"
    assert props.created == props.modified == now
    compat = document.settings.element.find(qn("w:compat"))
    modes = [s.get(qn("w:val")) for s in compat if s.get(qn("w:name")) == "compatibilityMode"]
    assert modes == ["15"]


def test_rows_never_split_and_headings_keep_with_what_follows(
    spec: CallSpec, cerfa: Dossier
) -> None:
    document = Document(io.BytesIO(render_docx(spec, cerfa, CLOSED)))
    trs = list(document.element.body.iter(qn("w:tr")))
    assert len(trs) > 80
    assert all(tr.find(qn("w:trPr")).find(qn("w:cantSplit")) is not None for tr in trs)
    # A table's header row repeats on each page and stays with its first row.
    tables = [t for t in document.element.body.iter(qn("w:tbl")) if len(t.findall(qn("w:tr"))) > 1]
    assert tables
    for table in tables:
        header = table.find(qn("w:tr"))
        assert header.find(qn("w:trPr")).find(qn("w:tblHeader")) is not None
        assert all(
            p.find(qn("w:pPr")).find(qn("w:keepNext")) is not None for p in header.iter(qn("w:p"))
        )
    for name in ("Heading 1", "Heading 2", "Heading 3", "Intertitre"):
        assert document.styles[name].paragraph_format.keep_with_next, name
    intertitles = [p for p in document.paragraphs if p.text == "Description"]
    assert intertitles and all(p.style.name == "Intertitre" for p in intertitles)


def test_no_breaking_space_in_amounts_phones_or_before_punctuation(
    spec: CallSpec, cerfa: Dossier
) -> None:
    phones = ("03\u00a021\u00a065\u00a074\u00a080", "03\u00a021\u00a050\u00a060\u00a070")
    pairs = zip((cerfa, load(EXAMPLE)), phones, strict=True)
    for dossier, phone in pairs:
        content = render_docx(spec, dossier, DURING_CALL)
        document = Document(io.BytesIO(content))
        texts = [
            "".join(t.text or "" for t in p.iter(qn("w:t")))
            for part in (document.element.body, document.sections[0].header._element)
            for p in part.iter(qn("w:p"))
        ]
        offending = [t for t in texts if BREAKING_SPACE.search(t)]
        assert offending == []
        assert any(phone in t for t in texts)
        assert any(re.search("\\d\u00a0\\d{3}\u00a0€", t) for t in texts)


def test_placeholders_carry_their_own_character_style(spec: CallSpec) -> None:
    dossier = load(EXAMPLE)
    dossier.organisation.rna = None
    dossier.plan.context = None
    document = Document(io.BytesIO(render_docx(spec, dossier, CLOSED)))
    styled = [r for p in document.paragraphs for r in p.runs if "[À compléter" in r.text]
    assert styled
    assert all(r.style.name == "Champ à compléter" for r in styled)
    assert any(plain(r.text) == "[À compléter : contexte et diagnostic]" for r in styled)


def test_the_new_sections_hold_the_applicants_answers(spec: CallSpec, cerfa: Dossier) -> None:
    content = render_docx(spec, cerfa, CLOSED)
    text = plain(text_of(content))
    for section in SECTIONS:
        assert section in headings(content)
    assert "un tiers de bénéficiaires du RSA" in text  # context
    assert "cycles de formation inter-structures" in text  # approach
    table = {plain(r[0]): plain(r[1]) for r in rows(content) if len(r) == 2}
    assert table["Numéro RNA"] == "W622001873"
    assert table["Représentant légal"] == "Nadia Benali, Présidente"
    assert table["Salariés"] == "11 (9,2 ETP)"
    assert table["Bénévoles"] == "23"
    assert table["Budget annuel de l’organisme"] == "742 000 €"
    assert table["Territoire d’intervention"].startswith(
        "Le Pas-de-Calais entier : siège à Béthune"
    )
    assert (
        table["Jeunes de moins de 26 ans"]
        == "310, dont 48 issus de l’Aide sociale à l’enfance (ASE)"
    )
    assert table["Bénéficiaires du RSA (BRSA)"] == "640"
    assert "Tout le Pas-de-Calais." not in text  # the call's sentence is no applicant's answer


def test_the_summary_comes_first_on_one_page(spec: CallSpec, cerfa: Dossier) -> None:
    content = render_docx(spec, cerfa, DURING_CALL)
    first = rows(content)[:7]
    assert [plain(r[0]) for r in first] == [
        "Organisme",
        "SIRET",
        "Montant demandé au Département",
        "Coût total de l’action",
        "Part du Département dans les produits",
        "Période",
        "Contact",
    ]
    assert plain(first[2][1]) == "95 000 €" and plain(first[4][1]) == "58,53 %"
    targets = {plain(r[0]): r[1] for r in rows(content) if len(r) == 2}
    assert targets["Participants aux webinaires"] == "180"


def test_an_unbalanced_budget_gives_no_share_that_would_read_as_full_funding(
    spec: CallSpec, cerfa: Dossier
) -> None:
    """Resources below the charges (other funders not entered yet): the Département's share
    of the resources would be far above its share of the cost; it is left to complete, in
    the summary, the budget and the letter, until the budget balances."""
    cerfa.budget.other_funders = []
    cerfa.budget.has_other_funders = False
    out = files(spec, cerfa, DURING_CALL, "docx", "md")
    first = rows(render_docx(spec, cerfa, DURING_CALL))[:7]
    assert plain(first[4][1]) == "[À compléter : budget à compléter et à équilibrer]"
    markdown = plain(next(v for k, v in out.items() if k.endswith(".md")).decode())
    assert "sera calculée une fois le budget équilibré" in markdown
    letter = plain(text_of(next(v for k, v in out.items() if k.startswith("courrier"))))
    assert "part du Département, une fois le budget équilibré" in letter
    assert "100 %" not in markdown + letter


# -- filing version or draft ----------------------------------------------------------------
def test_a_fileable_dossier_gets_the_version_to_file(spec: CallSpec, cerfa: Dossier) -> None:
    out = files(spec, cerfa, DURING_CALL, "docx", "md")
    word = plain(text_of(out["plan-actions-reseau-inclusion-artois-littoral-2025.docx"]))
    markdown = plain(out["plan-actions-reseau-inclusion-artois-littoral-2025.md"].decode())
    for text in (word, markdown):
        assert "BROUILLON" not in text
        assert "Version à déposer" in text
        assert "«" not in text.split("Synthèse")[1].replace("« ", "")  # no quotation of the call
        assert "Engagements du porteur de projet" in text
        assert "Annexe" not in text
    header = Document(io.BytesIO(out["plan-actions-reseau-inclusion-artois-littoral-2025.docx"]))
    assert "BROUILLON" not in header.sections[0].header.paragraphs[0].text


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ("ineligible", "Candidature non éligible"),
        ("over_cap", "Les charges indirectes (30 000 €) dépassent 20 %"),
        ("incomplete", "Il manque 1 réponse obligatoire :"),
        ("unbalanced", "Le budget n’est pas équilibré : les charges (162 300 €) sont"),
        ("closed", "l’appel à projets est clos depuis le 14/02/2025"),
    ],
)
def test_a_dossier_that_cannot_be_filed_says_why_on_its_first_lines(
    spec: CallSpec, cerfa: Dossier, change: str, reason: str
) -> None:
    today = CLOSED if change == "closed" else DURING_CALL
    if change == "ineligible":
        cerfa.eligibility.answers["territory"] = False
    elif change == "over_cap":
        cerfa.budget.indirect = Decimal("30000")
    elif change == "incomplete":
        cerfa.plan.approach = None
    elif change == "unbalanced":  # resources above charges: the CERFA's budget is balanced
        cerfa.budget.own_funds = (cerfa.budget.own_funds or Decimal(0)) + Decimal("12480")
    out = files(spec, cerfa, today, "docx", "md")
    word = plain(text_of(next(v for k, v in out.items() if k.startswith("plan"))))
    markdown = plain(next(v for k, v in out.items() if k.endswith(".md")).decode())
    for text in (word, markdown):
        first_lines = "\n".join(text.split("\n")[:8])
        assert "BROUILLON — ne peut pas être déposé en l’état" in first_lines
        assert reason in first_lines
        assert "Version à déposer" not in text


def test_a_draft_of_a_closed_call_does_not_ask_to_file_before_the_past_closing_date(
    spec: CallSpec, cerfa: Dossier
) -> None:
    out = files(spec, cerfa, CLOSED, "md")
    markdown = plain(next(v for k, v in out.items() if k.endswith(".md")).decode())
    assert "avant la clôture, le 14/02/2025" not in markdown
    assert "clos depuis le 14/02/2025 : ce dossier pourra servir à une prochaine candidature" in (
        markdown
    )
    cerfa.plan.approach = None  # a draft during the call: its checklist has the closing date
    during = plain(next(v for k, v in files(spec, cerfa, DURING_CALL, "md").items()).decode())
    assert "avant la clôture, le 14/02/2025 inclus" in during


def test_a_call_without_indirect_costs_prints_no_indirect_line() -> None:
    from dialogs.spec import load_spec

    spec = load_spec(ROOT / "tests" / "data" / "calls" / "fictif-2027" / "appel.yaml")
    dossier = Dossier(call_id=spec.identity.id)
    dossier.budget.staff = [
        StaffLine(role="Chargée", fte=Decimal(1), cost_mode="annual", annual_cost=Decimal(40000))
    ]
    out = files(spec, dossier, dt.date(2027, 3, 1), "docx", "md", "xlsx")
    markdown = plain(next(v for k, v in out.items() if k.endswith(".md")).decode())
    assert "Charges indirectes" not in markdown and "Plafond" not in markdown
    assert "[À compléter : représentant légal]" not in markdown  # a form that never asks it


# -- Markdown -------------------------------------------------------------------------------
def test_markdown_renders_cleanly_in_markdown_it(spec: CallSpec, cerfa: Dossier) -> None:
    markdown = render_markdown(spec, cerfa, CLOSED)
    html = MarkdownIt("commonmark").enable("table").render(markdown)
    assert "**" not in html and "<strong> </strong>" not in html
    assert html.count("<table>") >= 14
    assert "<h1>Plan d’actions — Réseau Inclusion Artois-Littoral</h1>" in html
    assert "<strong>Total des charges</strong>" in html


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed")
def test_markdown_renders_cleanly_in_pandoc(spec: CallSpec, cerfa: Dossier) -> None:
    markdown = render_markdown(spec, cerfa, CLOSED)
    html = subprocess.run(
        ["pandoc", "-f", "gfm", "-t", "html"],
        input=markdown,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "**" not in html
    assert html.count("<table>") >= 14
    assert "<strong>Total des produits</strong>" in html


# -- the budget workbook --------------------------------------------------------------------
def test_the_workbook_holds_formulas_on_the_cerfa_lines(spec: CallSpec, cerfa: Dossier) -> None:
    [content] = files(spec, cerfa, CLOSED, "xlsx").values()
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet is not None
    by_account = {
        row[0].value: row[3].value for row in sheet.iter_rows() if row[0].value in ACCOUNTS
    }
    assert set(by_account) >= {"60", "64", "641", "645", "70", "74", "75", "756", "86", "87"}
    assert str(by_account["64"]).startswith("=SUM(")
    assert by_account["641"] == Decimal("88200.00") or by_account["641"] == 88200
    formulas = [
        row[3].value
        for row in sheet.iter_rows()
        if isinstance(row[3].value, str) and row[3].value.startswith("=")
    ]
    assert any("ROUNDDOWN" in f for f in formulas)  # the cap
    assert any(f.startswith("=IF(") for f in formulas)  # the share and the cap check


@needs_libreoffice
def test_libreoffice_recalculates_the_workbook_to_the_dossiers_totals(
    spec: CallSpec, cerfa: Dossier, tmp_path: Path
) -> None:
    [content] = files(spec, cerfa, CLOSED, "xlsx").values()
    recalculated = PdfConverter.find()
    assert recalculated is not None
    book = load_workbook(
        io.BytesIO(recalculated.convert(content, name="b.xlsx", target="xlsx")), data_only=True
    )
    totals = compute_totals(cerfa.budget, spec.financing)

    def value(name: str) -> object:
        destination = next(iter(book.defined_names[name].destinations))
        return book[destination[0]][destination[1].replace("$", "")].value

    assert Decimal(str(value("total_charges"))) == totals.charges
    assert Decimal(str(value("total_produits"))) == totals.resources
    assert value("ecart") == 0
    assert round(Decimal(str(value("part_departement"))), 4) == totals.departement_share
    assert Decimal(str(value("plafond_indirectes"))) == totals.indirect_cap


@needs_libreoffice
def test_the_workbook_of_an_unbalanced_budget_gives_no_share_of_the_resources(
    spec: CallSpec, cerfa: Dossier
) -> None:
    """Other funders not entered yet: the workbook's share cell says it waits for a balanced
    budget, as the review and the draft do, instead of a share of the resources that would
    read as full funding."""
    cerfa.budget.other_funders = []
    cerfa.budget.has_other_funders = False
    [content] = files(spec, cerfa, CLOSED, "xlsx").values()
    recalculated = PdfConverter.find()
    assert recalculated is not None
    book = load_workbook(
        io.BytesIO(recalculated.convert(content, name="b.xlsx", target="xlsx")), data_only=True
    )
    destination = next(iter(book.defined_names["part_departement"].destinations))
    share = book[destination[0]][destination[1].replace("$", "")].value
    assert share == "à calculer sur un budget équilibré"


# -- PDF and the cover letter ---------------------------------------------------------------
@needs_libreoffice
def test_the_pdf_holds_the_organisation_and_the_amount_requested(
    spec: CallSpec, cerfa: Dossier, tmp_path: Path
) -> None:
    drafts = write_drafts(spec, cerfa, DURING_CALL, tmp_path, {"pdf"})
    assert drafts.notes == []
    [pdf] = drafts.files
    first_page = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", str(tmp_path / pdf.name), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert "Réseau Inclusion Artois-Littoral" in first_page
    assert "95 000 €" in plain(first_page) and "Synthèse" in first_page
    assert "1. Présentation du porteur de projet" not in first_page  # the summary fits on page 1


def test_without_libreoffice_the_pdf_is_skipped_and_the_note_says_why(
    spec: CallSpec, cerfa: Dossier, monkeypatch: pytest.MonkeyPatch
) -> None:
    import drafts

    monkeypatch.setattr(drafts, "default_converter", lambda: None)
    result = drafts.render_drafts(spec, cerfa, CLOSED, {"pdf", "md"})
    assert [f.name.rsplit(".", 1)[1] for f in result.files] == ["md"]
    assert result.notes and "LibreOffice n’est pas installé" in result.notes[0]


def test_the_cover_letter_has_a_signature_block_and_the_attachments(
    spec: CallSpec, cerfa: Dossier
) -> None:
    out = files(spec, cerfa, DURING_CALL, "docx")
    letter = plain(text_of(out["courrier-reseau-inclusion-artois-littoral-2025.docx"]))
    assert "Objet : candidature à l’Appel à projets 2025" in letter
    assert "une subvention de 95 000 € du Département du Pas-de-Calais, soit 58,53 %" in letter
    assert "Déclaration sur l’honneur" in letter
    assert "Je soussigné(e), Nadia Benali, Présidente, représentant(e) légal(e)" in letter
    # The version to file leaves the place and date blank, to be written by hand at signing.
    assert letter.count("Fait à ……………………, le ……………………") == 2
    assert "Pièces habituellement demandées, à confirmer auprès du Département" in letter
    assert "Contrat d’engagement républicain" in letter


# -- partial dossiers and file names -------------------------------------------------------
def test_eligibility_only_renders_with_placeholders(spec: CallSpec) -> None:
    dossier = Dossier(
        call_id=spec.identity.id,
        eligibility=Eligibility(
            organisation_type="network_regional",
            answers={"territory": True, "target_public": True, "period": True},
        ),
    )
    markdown = plain(render_markdown(spec, dossier, CLOSED))
    word = plain(text_of(render_docx(spec, dossier, CLOSED)))
    for text in (markdown, word):
        assert "[À compléter : nom de l’organisme]" in text
        assert "[À compléter : au moins une action pour l’orientation 1]" in text
        assert "[À compléter : montant demandé]" in text
        assert "Tête de réseau IAE régionale" in text
        assert "confirmez votre éligibilité auprès du Département" in text
    assert draft_file_name(spec, dossier, "md") == "plan-actions-organisme-2025.md"


def test_odd_but_valid_values_render(spec: CallSpec) -> None:
    example = load(EXAMPLE)
    example.plan.actions["o1"].append(Action())
    example.plan.actions["zz"] = [Action(title="Orientation inconnue")]
    example.budget.other_direct.append(CostLine(category="99", label=None, amount=None))
    example.budget.other_funders.append(Funder())
    example.budget.staff.append(
        StaffLine(role="Stagiaire", fte=Decimal("0.5"), cost_mode="monthly")
    )
    example.budget.indirect = Decimal("99999.99")
    example.organisation.contact.phone = "+441234"
    for text in (
        plain(render_markdown(spec, example, CLOSED)),
        plain(text_of(render_docx(spec, example, CLOSED))),
    ):
        assert "[À compléter : compte de la charge (60 à 68)]" in text
        assert "dépassé de 82 951,99 €" in text  # 99 999,99 € − 17 048,00 €
        assert "[À compléter : coût] / mois" in text


def test_file_names(spec: CallSpec, tmp_path: Path) -> None:
    example = load(EXAMPLE)
    assert draft_file_name(spec, example, "docx") == "plan-actions-inser-reseau-62-2025.docx"
    example.organisation.name = "🌊🌊"
    written = write_drafts(spec, example, CLOSED, tmp_path / "out", {"md", "xlsx"})
    assert sorted(f.name for f in written.files) == [
        "budget-organisme-2025.xlsx",
        "plan-actions-organisme-2025.md",
    ]
    with pytest.raises(ValueError, match="unknown"):
        write_drafts(spec, example, CLOSED, tmp_path, {"odt"})


@needs_libreoffice
def test_libreoffice_converts_the_docx(spec: CallSpec, tmp_path: Path) -> None:
    [path] = [
        tmp_path / f.name
        for f in write_drafts(spec, load(EXAMPLE), CLOSED, tmp_path, {"docx"}).files
        if f.name.startswith("plan")
    ]
    text = plain(docx_to_pdf_text(path, tmp_path))
    assert "Inser’Réseau 62" in text
    assert "107 700 €" in text


def test_young_people_set_to_none_leave_no_ase_figure_in_the_draft(
    spec: CallSpec, cerfa: Dossier
) -> None:
    """The young people changed to 0 after the ASE was answered: the ASE question is no
    longer asked, and the draft does not print « 0, dont 48 issus de l’ASE »."""
    cerfa.plan.public.young = 0
    table = {plain(r[0]): plain(r[1]) for r in rows(render_docx(spec, cerfa, DURING_CALL))}
    assert table["Jeunes de moins de 26 ans"] == "0"


def test_a_national_network_is_ready_to_file_only_subject_to_the_departements_confirmation(
    spec: CallSpec, cerfa: Dossier
) -> None:
    """The call names the network heads of the Pas-de-Calais: a national network's complete
    dossier is filed « sous réserve », its eligibility row says « À confirmer », and no
    document calls it « éligible » outright."""
    cerfa.eligibility.organisation_type = "network_national"
    cerfa.organisation.network_level = "national"
    report = review(spec, cerfa, DURING_CALL)
    assert report.ready and [w.code for w in report.reservations] == ["network_scope"]
    out = files(spec, cerfa, DURING_CALL, "md")
    markdown = plain(next(v for k, v in out.items() if k.endswith(".md")).decode())
    first_lines = "\n".join(markdown.split("\n")[:10])
    assert "Version à déposer" in first_lines
    assert "Sous réserve" in first_lines and "niveau national est à confirmer" in first_lines
    assert "complet, éligible" not in markdown
    assert "| À confirmer | Tête de réseau IAE nationale" in markdown


def test_a_departmental_network_is_filed_without_reservation(
    spec: CallSpec, cerfa: Dossier
) -> None:
    report = review(spec, cerfa, DURING_CALL)
    assert report.ready and report.reservations == []
    out = files(spec, cerfa, DURING_CALL, "md")
    markdown = plain(next(v for k, v in out.items() if k.endswith(".md")).decode())
    assert "Dossier complet, éligible et conforme" in markdown and "Sous réserve" not in markdown


def test_an_action_named_in_lille_is_filed_subject_to_the_departements_confirmation(
    spec: CallSpec, cerfa: Dossier
) -> None:
    action = next(a for o in spec.orientations for a in cerfa.actions(o.id))
    action.territory_scope = "areas"
    action.areas = "Métropole européenne de Lille"
    out = files(spec, cerfa, DURING_CALL, "md")
    markdown = plain(next(v for k, v in out.items() if k.endswith(".md")).decode())
    first_lines = "\n".join(markdown.split("\n")[:10])
    assert "Version à déposer" in first_lines
    assert (
        f"Sous réserve : l’action « {action.title} » nomme « Métropole européenne de Lille »,"
        " qui n’est pas dans le Pas-de-Calais où le dispositif est ouvert ; son territoire est"
        " à confirmer par le Département du Pas-de-Calais avant le dépôt." in first_lines
    ), first_lines
    assert "complet, éligible" not in markdown
    territory_row = next(line for line in markdown.splitlines() if "ouvert à l’ensemble" in line)
    assert "| À confirmer |" in territory_row


def test_a_draft_with_every_answer_but_a_broken_rule_says_why_it_is_not_100_percent(
    spec: CallSpec, cerfa: Dossier
) -> None:
    """« dossier complété à 96 % » above an annex saying « Toutes les questions ont reçu une
    réponse » left the officer guessing: the percentage says a point is to correct."""
    cerfa.budget.indirect = Decimal("30000")
    out = files(spec, cerfa, DURING_CALL, "md")
    markdown = plain(next(v for k, v in out.items() if k.endswith(".md")).decode())
    said = "(toutes les questions ont une réponse ; 2 points à corriger, indiqués en tête)"
    assert said in markdown


def test_a_funder_whose_name_only_begins_like_its_kind_keeps_its_kind(
    spec: CallSpec, cerfa: Dossier
) -> None:
    """« Région Hauts-de-France » is not prefixed again, but « Régionale des… » is no kind."""
    region = next(f for f in cerfa.budget.other_funders if f.category == "region")
    region.name = "Régionale des caisses"
    table = rows(render_docx(spec, cerfa, CLOSED))
    labels = [plain(row[1]) for row in table if len(row) == 4]
    assert "Région : Régionale des caisses" in labels
    social = cerfa.budget.other_funders[0]
    social.category, social.name = "social", "Organisme social (CAF, CPAM…) du 62"
    table = rows(render_docx(spec, cerfa, CLOSED))
    labels = [plain(row[1]) for row in table if len(row) == 4]
    assert "Organisme social (CAF, CPAM…) du 62" in labels  # a kind ending in « ) » or « … »


def test_the_calendar_marks_sit_in_the_middle_of_their_month(
    spec: CallSpec, cerfa: Dossier
) -> None:
    """A dot set against its cell's right edge read as the next month's: month names and
    marks are centred; the action's name stays where text starts."""
    document = Document(io.BytesIO(render_docx(spec, cerfa, DURING_CALL)))
    [calendar] = [t for t in document.tables if t.cell(0, 0).text == "Action"]
    assert [c.text for c in calendar.rows[0].cells[1:4]] == ["janv.", "févr.", "mars"]
    marks = 0
    for row in calendar.rows:
        assert row.cells[0].paragraphs[0].alignment is None
        for cell in row.cells[1:]:
            assert cell.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER, cell.text
            marks += cell.text.strip() != "" and row is not calendar.rows[0]
    assert marks > 0


def test_an_orientations_heading_and_description_never_end_a_page_alone(
    spec: CallSpec, cerfa: Dossier
) -> None:
    """An officer read « 4. Plan d'actions », « Orientation 1 — … » and its one-line
    description at the foot of a page, the action they head on the next: the description,
    in a body style, did not keep with what follows, and broke the headings' chain. The
    short paragraphs under a heading keep with what it heads; an action's results do not
    keep with the next action's heading."""
    for when in (CLOSED, DURING_CALL):  # the draft (the call quoted) and the version to file
        document = Document(io.BytesIO(render_docx(spec, cerfa, when)))
        paragraphs = document.paragraphs

        def keeps(text: str, paragraphs: list[Paragraph] = paragraphs) -> bool:
            [found] = [p for p in paragraphs if p.text.startswith(text)][:1]
            p_pr = found._p.find(qn("w:pPr"))
            return p_pr is not None and p_pr.find(qn("w:keepNext")) is not None

        at = next(i for i, p in enumerate(paragraphs) if p.text.startswith("Orientation 1 — "))
        under = [p.text for p in paragraphs[at + 1 :]]
        lead = under[0]
        assert lead.startswith("La professionnalisation des structures")
        assert keeps(lead), when
        if under[1].startswith("«"):  # the call's sentence quoted under it, in the draft
            assert keeps(under[1]), when
        results = next(t for t in under if t.startswith("8 formations proposées"))
        assert not keeps(results), when  # before the next action's heading: no lead
