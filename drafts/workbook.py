"""The budget workbook (XLSX): the CERFA n° 12156 budget, with formulas the applicant can rework.

One sheet, the lines of `drafts.cerfa` (the same the draft prints): amounts of the detailed
lines are values (exact, to the cent; shown in whole euros, or with their cents when the
dossier's documents print cents: `dialogs.rules.prints_cents`), every class, total, the balance,
the Département's share and the indirect-cost cap check are formulas, so that changing a line
updates them in LibreOffice or Excel. Applicants' text is always typed as text, never run as
a formula. `fullCalcOnLoad` asks the spreadsheet to compute everything when the file opens.

Printed on one page wide (A4 portrait); the title lines and the rounding note span the
table's columns. A dossier that cannot be filed yet gets the plan's "BROUILLON" status and
its reasons at the top of the sheet.
"""

from __future__ import annotations

import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook.properties import CalcProperties
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from drafts.cerfa import BudgetRow
from drafts.context import BudgetView, DraftContext
from drafts.typography import APOSTROPHE
from drafts.values import percent

EUROS = '#,##0 "€";-#,##0 "€"'
EUROS_AND_CENTS = '#,##0.00 "€";-#,##0.00 "€"'
PERCENT = "0.00 %"  # two decimals, as the plan and the letter print the share
# Resources below the charges (other funders not entered yet) would show the Département's
# share of the resources far above its share of the cost, read as full funding: the cell says
# why it is empty instead, the way the review and the draft do.
UNBALANCED_SHARE = "à calculer sur un budget équilibré"
# The table's columns (account, label, precision or status, amount), in character widths.
WIDTHS = {"A": 9, "B": 58, "C": 30, "D": 15}
LAST_COLUMN = len(WIDTHS)
HEADER = PatternFill("solid", fgColor="1F3A5F")
CLASS = PatternFill("solid", fgColor="DCE6F0")
TOTAL = PatternFill("solid", fgColor="B8CCE4")
DRAFT = PatternFill("solid", fgColor="FBE5E5")
RED = "C01B1B"
GREY = "555555"
TOP = Alignment(vertical="top")
#: Height in points of one line of text at 11 pt (the workbook's default font).
LINE_HEIGHT = 15
#: Cell names the tests (and a reader) can rely on.
NAMES = ("total_charges", "total_produits", "ecart", "part_departement", "plafond_indirectes")


def _font(
    *, size: float = 11, bold: bool = False, italic: bool = False, color: str | None = None
) -> Font:
    """The workbook's font, named: a bold cell without a name prints in another typeface."""
    return Font(name="Calibri", size=size, bold=bold, italic=italic, color=color)


def _lines(text: str, width: int, *, size: float = 11, bold: bool = False) -> int:
    """The lines `text` takes wrapped in `width` (a column width counts characters of the
    default font: about 1.15 letters of text each, 1.07 in bold, fewer in a larger font)."""
    per_line = max(1, int(width * (1.07 if bold else 1.15) * 11 / size))
    return sum(max(1, -(-len(part) // per_line)) for part in text.split("\n"))


class _Sheet:
    def __init__(self, sheet: Worksheet, *, cents: bool) -> None:
        self.sheet = sheet
        self.row = 1
        self.cells: dict[str, str] = {}
        # As the plan prints them: a cell shown in whole euros would hide the cents it sums.
        self.euros = EUROS_AND_CENTS if cents else EUROS

    def text(self, column: int, value: str, *, bold: bool = False) -> None:
        value = value.replace("'", APOSTROPHE)  # the applicant's apostrophes, as the plan's
        cell = self.sheet.cell(self.row, column, value)
        cell.data_type = "s"  # applicants' text is never a formula ("=…" included)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if bold:
            cell.font = _font(bold=True)
        self.fit(column, value, bold=bold)

    def fit(self, column: int, value: str, *, bold: bool = False) -> None:
        """Make the row tall enough for `value` wrapped in `column`: spreadsheets keep a
        row one line high, its wrapped text cut or run over the next row."""
        width = WIDTHS[get_column_letter(column)]
        height = _lines(value, width, bold=bold) * LINE_HEIGHT
        current = self.sheet.row_dimensions[self.row].height
        if height > (current or LINE_HEIGHT):
            self.sheet.row_dimensions[self.row].height = height

    def amount(self, value: Decimal | str, *, bold: bool = False) -> str:
        cell = self.sheet.cell(self.row, 4, value)
        cell.number_format = self.euros
        cell.alignment = TOP  # beside the first line of a label that wraps
        if bold:
            cell.font = _font(bold=True)
        return f"D{self.row}"

    def wide(self, value: str, font: Font, *, fill: PatternFill | None = None) -> None:
        """A line of text across the table's columns (a title, a banner, a note): merged, so
        that it wraps on the table's width instead of the narrow first column. The row is
        given the height its lines need: spreadsheets do not fit a merged row to its text."""
        self.text(1, value)
        cell = self.sheet.cell(self.row, 1)
        cell.font = font
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if fill is not None:
            self.fill(fill)
        self.sheet.merge_cells(
            start_row=self.row, start_column=1, end_row=self.row, end_column=LAST_COLUMN
        )
        size = float(font.sz or 11)
        lines = _lines(value, sum(WIDTHS.values()), size=size, bold=bool(font.b))
        self.sheet.row_dimensions[self.row].height = lines * LINE_HEIGHT * size / 11
        self.row += 1

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
        cell.font = _font(bold=True, color="FFFFFF")
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
        out.sheet.cell(class_row, 4, value).number_format = out.euros
        out.sheet.cell(class_row, 4).font = _font(bold=True)
        out.sheet.cell(class_row, 4).alignment = TOP
        classes.append(f"D{class_row}")
        index = end
    return f"D{out.row - 1}"


def _print_setup(sheet: Worksheet) -> None:
    """A4 portrait, the table's four columns on one page wide (as many pages down as
    needed): a spreadsheet otherwise prints the labels on one page and the amounts on
    another."""
    sheet.page_setup.orientation = "portrait"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6


def _cap_check(budget: BudgetView, staff: str, indirect: str, cap: str) -> str:
    """« Charges indirectes dans le plafond ? », the cap line's rule (`DeclaredTotals.
    cap_unknown`) as a formula: the figure not entered in the dossier is « à compléter » while
    its cell stays 0 (a 0 € cap over 0 € is no « oui »); a declared 0 is checked as it is."""
    within = f'IF({indirect}<={cap},"oui","non")'
    unknown = budget.declared.cap_unknown
    if unknown is None:
        return f"={within}"
    waiting = staff if unknown == "staff" else indirect
    return f'=IF({waiting}=0,"à compléter",{within})'


def render_workbook(context: DraftContext, *, cap_rate: Decimal | None) -> bytes:
    budget = context.budget
    book = Workbook()
    book.calculation = CalcProperties(fullCalcOnLoad=True)
    sheet = book.active
    assert sheet is not None
    sheet.title = "Budget CERFA"
    for column, width in WIDTHS.items():
        sheet.column_dimensions[column].width = width
    _print_setup(sheet)
    out = _Sheet(sheet, cents=budget.cents)
    out.wide(f"{context.title} — budget prévisionnel de l’action", _font(bold=True, size=13))
    out.wide(
        f"{context.full_title} — {context.funder} — comptes du formulaire CERFA n° 12156", _font()
    )
    if not context.filing:
        # The plan's status and reasons: a draft workbook is never filed as it stands.
        out.row += 1
        out.wide(context.status_title, _font(bold=True, size=12, color=RED), fill=DRAFT)
        for line in context.companion_status_lines:
            out.wide(line, _font(color=RED), fill=DRAFT)
    out.row += 1
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
    # "à calculer sur un budget équilibré" wraps in the amount column, not past the page.
    sheet[share].alignment = Alignment(wrap_text=True, horizontal="right", vertical="top")
    if not budget.share:
        out.row -= 1
        out.fit(4, UNBALANCED_SHARE, bold=True)
        out.row += 1
    out.cells["part_departement"] = share
    if cap_rate is not None and indirect_cell is not None and staff_cells:
        out.cells["plafond_indirectes"] = out.line(
            f"Plafond des charges indirectes ({percent(cap_rate)} des charges de personnel)",
            f"=ROUNDDOWN({staff_cells[0]}*{cap_rate},2)",
        )
        cap = out.cells["plafond_indirectes"]
        out.text(2, "Charges indirectes dans le plafond ?")
        check = out.sheet.cell(out.row, 4, _cap_check(budget, staff_cells[0], indirect_cell, cap))
        check.alignment = Alignment(horizontal="right")
        out.row += 1
    out.row += 1
    out.wide(budget.rounding_note, _font(italic=True, color=GREY))
    for name, ref in out.cells.items():
        from openpyxl.workbook.defined_name import DefinedName

        book.defined_names[name] = DefinedName(
            name, attr_text=f"'Budget CERFA'!${ref[0]}${ref[1:]}"
        )
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()
