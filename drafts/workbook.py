"""The budget workbook (XLSX): the CERFA n° 12156 budget, with formulas the applicant can rework.

One sheet, the lines of `drafts.cerfa` (the same the draft prints): amounts of the detailed
lines are values (exact, to the cent; shown in whole euros), every class, total, the balance,
the Département's share and the indirect-cost cap check are formulas, so that changing a line
updates them in LibreOffice or Excel. Applicants' text is always typed as text, never run as
a formula. `fullCalcOnLoad` asks the spreadsheet to compute everything when the file opens.
"""

from __future__ import annotations

import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.workbook.properties import CalcProperties
from openpyxl.worksheet.worksheet import Worksheet

from drafts.cerfa import BudgetRow
from drafts.context import DraftContext
from drafts.values import percent

EUROS = '#,##0 "€";-#,##0 "€"'
PERCENT = "0.00 %"  # two decimals, as the plan and the letter print the share
# Resources below the charges (other funders not entered yet) would show the Département's
# share of the resources far above its share of the cost, read as full funding: the cell says
# why it is empty instead, the way the review and the draft do.
UNBALANCED_SHARE = "à calculer sur un budget équilibré"
HEADER = PatternFill("solid", fgColor="1F3A5F")
CLASS = PatternFill("solid", fgColor="DCE6F0")
TOTAL = PatternFill("solid", fgColor="B8CCE4")
#: Cell names the tests (and a reader) can rely on.
NAMES = ("total_charges", "total_produits", "ecart", "part_departement", "plafond_indirectes")


class _Sheet:
    def __init__(self, sheet: Worksheet) -> None:
        self.sheet = sheet
        self.row = 1
        self.cells: dict[str, str] = {}

    def text(self, column: int, value: str, *, bold: bool = False) -> None:
        cell = self.sheet.cell(self.row, column, value)
        cell.data_type = "s"  # applicants' text is never a formula ("=…" included)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if bold:
            cell.font = Font(bold=True)

    def amount(self, value: Decimal | str, *, bold: bool = False) -> str:
        cell = self.sheet.cell(self.row, 4, value)
        cell.number_format = EUROS
        if bold:
            cell.font = Font(bold=True)
        return f"D{self.row}"

    def fill(self, pattern: PatternFill) -> None:
        for column in range(1, 5):
            self.sheet.cell(self.row, column).fill = pattern

    def line(self, label: str, value: Decimal | str, *, bold: bool = False, note: str = "") -> str:
        self.text(2, label, bold=bold)
        if note:
            self.text(3, note)
        ref = self.amount(value, bold=bold)
        self.row += 1
        return ref


def _table(out: _Sheet, title: str, basis: str, rows: list[BudgetRow]) -> str:
    """A CERFA table: each class sums its lines; the total sums the classes. Returns the total's
    cell."""
    for column, header in enumerate(("Compte", title, basis, "Montant"), start=1):
        out.text(column, header, bold=True)
        cell = out.sheet.cell(out.row, column)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = HEADER
    out.row += 1
    classes: list[str] = []
    index = 0
    while index < len(rows):
        row = rows[index]
        if row.kind == "total":
            out.text(2, row.label, bold=True)
            out.fill(TOTAL)
            total = out.amount(f"=SUM({','.join(classes)})" if classes else "=0", bold=True)
            out.row += 1
            return total
        lines = []
        end = index + 1
        while end < len(rows) and rows[end].kind == "line":
            lines.append(rows[end])
            end += 1
        class_row = out.row
        out.text(1, row.account, bold=True)
        out.text(2, row.label, bold=True)
        if row.basis:
            out.text(3, row.basis)
        out.fill(CLASS)
        out.row += 1
        refs = []
        for line in lines:
            out.text(1, line.account)
            out.text(2, line.label)
            if line.basis:
                out.text(3, line.basis)
            refs.append(out.amount(line.exact if line.exact is not None else Decimal(0)))
            out.row += 1
        value: Decimal | str = (
            f"=SUM(D{class_row + 1}:D{out.row - 1})" if refs else (row.exact or Decimal(0))
        )
        out.sheet.cell(class_row, 4, value).number_format = EUROS
        out.sheet.cell(class_row, 4).font = Font(bold=True)
        classes.append(f"D{class_row}")
        index = end
    return f"D{out.row - 1}"


def render_workbook(context: DraftContext, *, cap_rate: Decimal | None) -> bytes:
    budget = context.budget
    book = Workbook()
    book.calculation = CalcProperties(fullCalcOnLoad=True)
    sheet = book.active
    assert sheet is not None
    sheet.title = "Budget CERFA"
    for column, width in zip("ABCD", (9, 58, 30, 15), strict=True):
        sheet.column_dimensions[column].width = width
    out = _Sheet(sheet)
    out.text(1, f"{context.title} — budget prévisionnel de l’action", bold=True)
    out.row += 1
    out.text(1, f"{context.full_title} — {context.funder} — comptes du formulaire CERFA n° 12156")
    out.row += 2
    staff_cells = []
    total_charges = _table(out, "Charges", "Précision", budget.charges)
    for row_number in range(1, out.row):
        if sheet.cell(row_number, 1).value == "64":
            staff_cells.append(f"D{row_number}")
    indirect_cell = next(
        (
            f"D{r}"
            for r in range(1, out.row)
            if sheet.cell(r, 2).value
            == next(
                (row.label for row in budget.charges if row.kind == "class" and not row.account),
                None,
            )
        ),
        None,
    )
    out.row += 1
    total_resources = _table(out, "Produits", "Statut", budget.resources)
    departement_cell = next(
        f"D{r}" for r in range(1, out.row) if sheet.cell(r, 2).value == context.funder
    )
    out.row += 1
    if budget.has_in_kind:
        _table(
            out,
            "Emplois des contributions volontaires en nature (86)",
            "",
            [*budget.charges_in_kind[:], BudgetRow("total", "", "Total 86", "", "")],
        )
        _table(
            out,
            "Contributions volontaires en nature (87)",
            "",
            [*budget.resources_in_kind[:], BudgetRow("total", "", "Total 87", "", "")],
        )
        out.row += 1
    out.text(1, "Contrôles", bold=True)
    out.row += 1
    out.cells["total_charges"] = out.line("Total des charges", f"={total_charges}", bold=True)
    out.cells["total_produits"] = out.line("Total des produits", f"={total_resources}", bold=True)
    out.cells["ecart"] = out.line(
        "Écart (charges − produits) : 0 quand le budget est équilibré",
        f"={total_charges}-{total_resources}",
        bold=True,
    )
    share = out.line(
        "Part du Département dans le total des produits",
        f'=IF(OR({total_resources}=0,{out.cells["ecart"]}<>0),"{UNBALANCED_SHARE}",'
        f"{departement_cell}/{total_resources})",
        bold=True,
    )
    sheet[share].number_format = PERCENT
    out.cells["part_departement"] = share
    if cap_rate is not None and indirect_cell is not None and staff_cells:
        out.cells["plafond_indirectes"] = out.line(
            f"Plafond des charges indirectes ({percent(cap_rate)} des charges de personnel)",
            f"=ROUNDDOWN({staff_cells[0]}*{cap_rate},2)",
        )
        cap = out.cells["plafond_indirectes"]
        out.text(2, "Charges indirectes dans le plafond ?")
        out.sheet.cell(out.row, 4, f'=IF({indirect_cell}<={cap},"oui","non")')
        out.row += 1
    out.row += 1
    out.text(1, budget.rounding_note)
    for name, ref in out.cells.items():
        from openpyxl.workbook.defined_name import DefinedName

        book.defined_names[name] = DefinedName(
            name, attr_text=f"'Budget CERFA'!${ref[0]}${ref[1:]}"
        )
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()
