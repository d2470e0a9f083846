"""A Département officer checks a dossier's budget by hand: every printed column must add up
to its printed total, every printed product must be right, and the amount the legal
representative signs for must be the budget's. The documents are read back from their files
(python-docx, openpyxl), as the officer reads them.

The policy (`dialogs.rules.prints_cents`): a budget all in whole euros prints whole euros, as
the CERFA asks; as soon as one amount has cents (typed so, or a staff cost × FTE, charges
sociales given as a percentage, the indirect-cost cap), every amount of every document of that
dossier is printed to the cent, banners included.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from dialogs.budget import compute_totals
from dialogs.dossier import Dossier
from dialogs.review import review
from dialogs.rules import derive
from dialogs.spec import CallSpec, load_shipped_spec
from drafts import render_drafts
from drafts.typography import plain
from tests.support import DURING_CALL

ROOT = Path(__file__).resolve().parent.parent
CERFA = ROOT / "examples" / "dossier-cerfa-complet.json"
CENT = Decimal("0.01")
AMOUNT = re.compile(r"\d{1,3}(?: \d{3})*(?:,\d+)? €")
WHOLE = re.compile(r"\d{1,3}(?: \d{3})* €")
WITH_CENTS = re.compile(r"\d{1,3}(?: \d{3})*,\d\d €")


@pytest.fixture(scope="module")
def spec() -> CallSpec:
    return load_shipped_spec("pdc-axe3-2025")


def ready_to_file() -> Dossier:
    """A dossier ready to file, its budget all in whole euros."""
    return Dossier.model_validate_json(CERFA.read_text(encoding="utf-8"))


@pytest.fixture
def whole() -> Dossier:
    return ready_to_file()


def balanced(spec: CallSpec, dossier: Dossier) -> Dossier:
    """The Département asked for what the other resources leave to finance (the review's
    « le reste »), to the cent."""
    derive(spec, dossier)
    dossier.budget.departement_request = None
    totals = compute_totals(dossier.budget, spec.financing)
    dossier.budget.departement_request = totals.charges - totals.resources
    return dossier


@pytest.fixture
def with_cents(spec: CallSpec) -> Dossier:
    """The reviewer's dossier (largeB): amounts typed with cents, a monthly post, charges
    sociales given as 31 % of the staff costs, the indirect costs at « the maximum »."""
    dossier = ready_to_file()
    budget = dossier.budget
    budget.other_direct[0].amount = Decimal("1234.50")  # 60
    budget.other_direct[2].amount = Decimal("5432.10")  # 62
    budget.other_direct[5].amount = Decimal("2499.99")  # 65
    budget.staff[0].annual_cost = Decimal("58001.11")  # × 0.4 FTE = 23 200,44 €
    budget.staff[1].annual_cost = Decimal("51234.56")
    budget.staff[3].monthly_cost = Decimal("3456.78")  # × 12 months × 0.5 FTE
    staff = compute_totals(budget, spec.financing).staff
    budget.social_charges = (staff * Decimal("0.31")).quantize(CENT, ROUND_HALF_UP)
    budget.indirect_maximum = True
    return balanced(spec, dossier)


@dataclass(frozen=True)
class Documents:
    plan: bytes
    markdown: str
    letter: bytes
    workbook: bytes


def documents(spec: CallSpec, dossier: Dossier) -> Documents:
    files = {
        (f.name.split("-", 1)[0], f.name.rsplit(".", 1)[1]): f.content
        for f in render_drafts(spec, dossier, DURING_CALL, {"docx", "md", "xlsx"}).files
    }
    return Documents(
        plan=files["plan", "docx"],
        markdown=files["plan", "md"].decode(),
        letter=files["courrier", "docx"],
        workbook=files["budget", "xlsx"],
    )


def euros(text: str) -> Decimal:
    """ "141 045,95 €" (French spaces) -> Decimal("141045.95")."""
    return Decimal(re.sub(r"\s", "", plain(text)).removesuffix("€").replace(",", "."))


def texts(content: bytes) -> list[str]:
    """Every paragraph of a Word document, in its table cells too, in plain spaces."""
    document = Document(io.BytesIO(content))
    found = [p.text for p in document.paragraphs]
    for table in document.tables:
        found += [cell.text for row in table.rows for cell in row.cells]
    return [plain(text) for text in found]


def table(content: bytes, *header: str) -> list[list[str]]:
    """The rows (without the header) of the Word table whose first cells are `header`."""
    for found in Document(io.BytesIO(content)).tables:
        cells = [[plain(c.text) for c in row.cells] for row in found.rows]
        if tuple(cells[0][: len(header)]) == header:
            return cells[1:]
    raise AssertionError(f"no table {header}")


def paragraph(content: bytes, start: str) -> str:
    return next(text for text in texts(content) if text.startswith(start))


def assert_adds_up(rows: list[list[str]]) -> dict[str, Decimal]:
    """Each class of a CERFA table is the sum of its printed lines, the total the sum of its
    printed classes. Returns the printed amounts of the classes and the total, by account
    (the indirect costs and the total by their label)."""
    classes: dict[str, Decimal] = {}
    lines: dict[str, list[Decimal]] = {}
    current = ""
    for account, label, _precision, amount in rows:
        if label.startswith("Total"):
            assert euros(amount) == sum(classes.values()), (label, amount, classes)
            for key, parts in lines.items():
                if parts:
                    assert sum(parts) == classes[key], (key, parts, classes[key])
            classes[label] = euros(amount)
            return classes
        if re.fullmatch(r"\d\d", account) or (not account and label.startswith("Charges ind")):
            current = account or label
            classes[current] = euros(amount)
            lines[current] = []
        else:
            lines[current].append(euros(amount))
            assert euros(amount) <= classes[current] or classes[current] < 0
    raise AssertionError("a CERFA table without its total")


def assert_staff_products_are_right(rows: list[list[str]]) -> Decimal:
    """ "3 456,78 € / mois × 12 mois × 0,5 ETP | 20 740,68 €": the printed base times the
    printed months and FTE is the printed amount. Returns the sum of the amounts."""
    basis = re.compile(
        r"(?P<base>[\d ,]+ €) / (?:an|mois)(?: × (?P<months>[\d,]+) mois)? × (?P<fte>[\d,]+) ETP"
    )
    total = Decimal(0)
    for _role, _fte, text, amount in rows:
        found = basis.fullmatch(text)
        assert found, text
        product = euros(found["base"]) * Decimal(found["fte"].replace(",", "."))
        if found["months"]:
            product *= Decimal(found["months"].replace(",", "."))
        assert product.quantize(CENT, ROUND_HALF_UP) == euros(amount), (text, amount)
        total += euros(amount)
    return total


def amounts_in(content: bytes) -> list[str]:
    return [a for text in texts(content) for a in AMOUNT.findall(text)]


# -- 1. a budget with cents is printed with cents, and every column adds up -------------------
def test_a_budget_with_cents_is_printed_with_cents_and_every_column_adds_up(
    spec: CallSpec, with_cents: Dossier
) -> None:
    out = documents(spec, with_cents)
    plan = out.plan
    totals = compute_totals(with_cents.budget, spec.financing)
    staff = assert_staff_products_are_right(
        table(plan, "Fonction", "ETP", "Base de calcul (coût chargé à temps plein)", "Montant")
    )
    charges = assert_adds_up(table(plan, "Compte", "Charges", "Précision", "Montant"))
    resources = assert_adds_up(table(plan, "Compte", "Produits", "Statut", "Montant"))
    assert staff == charges["64"] == totals.staff
    assert charges["Total des charges"] == resources["Total des produits"] == totals.charges
    assert charges["Total des charges"] % 1 != 0  # the cents are there, not rounded away
    printed_total = table(plan, "Compte", "Charges", "Précision", "Montant")[-1][-1]
    assert paragraph(plan, "Budget équilibré") == (
        f"Budget équilibré : total des charges = total des produits = {printed_total}."
    )
    amounts = amounts_in(plan)
    assert amounts and all(WITH_CENTS.fullmatch(a) for a in amounts), [
        a for a in amounts if not WITH_CENTS.fullmatch(a)
    ]
    # The Markdown plan prints the same figures.
    assert set(AMOUNT.findall(plain(out.markdown))) == set(amounts)


def test_the_indirect_cost_cap_is_printed_as_computed_from_the_printed_staff_costs(
    spec: CallSpec, with_cents: Dossier
) -> None:
    plan = documents(spec, with_cents).plan
    charges = assert_adds_up(table(plan, "Compte", "Charges", "Précision", "Montant"))
    cap_line = paragraph(plan, "Plafond des charges indirectes")
    found = re.fullmatch(
        r"Plafond des charges indirectes : 20 % des charges directes de personnel "
        r"\((?P<staff>[^)]+)\), soit (?P<cap>[^;]+) ; respecté\.",
        cap_line,
    )
    assert found, cap_line
    assert euros(found["staff"]) == charges["64"]
    cap = euros(found["cap"])
    assert cap == (charges["64"] * Decimal("0.2")).quantize(CENT, ROUND_DOWN)
    indirect = next(value for key, value in charges.items() if key.startswith("Charges ind"))
    assert indirect == cap  # « the maximum », which the printed figures show within the cap


def test_the_letter_and_the_sworn_statement_ask_exactly_the_budgets_amount(
    spec: CallSpec, with_cents: Dossier
) -> None:
    out = documents(spec, with_cents)
    asked = with_cents.budget.departement_request
    assert asked is not None and asked % 1 != 0
    in_plan = [
        row[-1]
        for row in table(out.plan, "Compte", "Produits", "Statut", "Montant")
        if row[1] == spec.identity.funder
    ]
    assert [euros(a) for a in in_plan] == [asked]
    sheet = load_workbook(io.BytesIO(out.workbook)).active
    assert sheet is not None
    in_workbook = [
        row[3].value for row in sheet.iter_rows() if row[1].value == spec.identity.funder
    ]
    assert [Decimal(str(v)) for v in in_workbook] == [asked]
    requests = [
        found
        for text in texts(out.letter)
        for found in re.findall(r"une subvention de ([\d ,]+ €)", text)
    ]
    assert len(requests) == 2  # the letter, then the sworn statement the representative signs
    assert requests == [in_plan[0]] * 2
    assert f"Montant demandé au Département {in_plan[0]}" in "\n".join(
        " ".join(row) for row in table(out.plan, "Organisme")
    )


def test_the_workbook_shows_the_cents_of_a_budget_with_cents(
    spec: CallSpec, with_cents: Dossier, whole: Dossier
) -> None:
    def amount_formats(workbook: bytes) -> set[str]:
        sheet = load_workbook(io.BytesIO(workbook)).active
        assert sheet is not None
        return {
            row[3].number_format
            for row in sheet.iter_rows()
            if "€" in row[3].number_format and row[3].value is not None
        }

    assert amount_formats(documents(spec, with_cents).workbook) == {'#,##0.00 "€";-#,##0.00 "€"'}
    assert amount_formats(documents(spec, whole).workbook) == {'#,##0 "€";-#,##0 "€"'}


# -- 2. a whole-euro salary at part time: the product is printed right ------------------------
def test_a_whole_salary_at_half_time_prints_its_cents_rather_than_a_wrong_product(
    spec: CallSpec, whole: Dossier
) -> None:
    whole.budget.staff[1].annual_cost = Decimal("51235")
    whole.budget.staff[1].fte = Decimal("0.5")
    plan = documents(spec, balanced(spec, whole)).plan
    rows = table(plan, "Fonction", "ETP", "Base de calcul (coût chargé à temps plein)", "Montant")
    assert ["51 235,00 € / an × 0,5 ETP", "25 617,50 €"] in [row[2:] for row in rows]
    staff = assert_staff_products_are_right(rows)
    charges = assert_adds_up(table(plan, "Compte", "Charges", "Précision", "Montant"))
    assert charges["64"] == staff
    assert_adds_up(table(plan, "Compte", "Produits", "Statut", "Montant"))


# -- 3. a budget in whole euros stays in whole euros, its banners too --------------------------
def test_a_budget_in_whole_euros_prints_whole_euros_everywhere_its_banners_too(
    spec: CallSpec, whole: Dossier
) -> None:
    whole.budget.indirect = Decimal("30000")  # above the cap: a banner on every document
    out = documents(spec, whole)
    banner = (
        "Les charges indirectes (30 000 €) dépassent 20 % des charges directes de personnel "
        "(124 200 €) : le maximum est de 24 840 €."
    )
    for document in (out.plan, out.letter):
        assert banner in texts(document)
        amounts = amounts_in(document)
        assert amounts and all(WHOLE.fullmatch(a) for a in amounts), amounts
    assert "soit 24 840 € ; dépassé de 5 160 €" in paragraph(out.plan, "Plafond")
    sheet = load_workbook(io.BytesIO(out.workbook)).active
    assert sheet is not None
    assert banner in [plain(str(cell.value)) for cell in sheet["A"]]
    assert_adds_up(table(out.plan, "Compte", "Charges", "Précision", "Montant"))


def test_the_banner_of_a_budget_with_cents_prints_its_amounts_to_the_cent(
    spec: CallSpec, with_cents: Dossier
) -> None:
    with_cents.budget.indirect_maximum = False
    with_cents.budget.indirect = Decimal("30000")
    out = documents(spec, with_cents)
    charges = assert_adds_up(table(out.plan, "Compte", "Charges", "Précision", "Montant"))
    cap = (charges["64"] * Decimal("0.2")).quantize(CENT, ROUND_DOWN)
    rows = table(out.plan, "Compte", "Charges", "Précision", "Montant")
    [staff_text] = [row[-1] for row in rows if row[0] == "64"]
    cap_text = f"{cap:,.2f}".replace(",", " ").replace(".", ",") + " €"
    banner = (
        f"Les charges indirectes (30 000,00 €) dépassent 20 % des charges directes de "
        f"personnel ({staff_text}) : le maximum est de {cap_text}."
    )
    for document in (out.plan, out.letter):
        assert banner in texts(document)


def test_the_chat_keeps_its_amounts_to_the_cent(spec: CallSpec, whole: Dossier) -> None:
    """The applicant's conversation writes every amount to the cent, whatever the documents
    print: only the documents' copy of a warning follows the dossier's rounding."""
    whole.budget.indirect = Decimal("30000")
    [warning] = [w for w in review(spec, whole, DURING_CALL).warnings if w.code == "indirect_cap"]
    assert warning.message.startswith("Les charges indirectes (30 000,00 €) dépassent")
    assert warning.printed.startswith("Les charges indirectes (30 000 €) dépassent")
