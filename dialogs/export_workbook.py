"""The export's XLSX workbook, written row by row (openpyxl's write-only mode) so that
memory stays bounded whatever the number of dossiers: sheet "Dossiers" and sheet "Actions",
headers in bold, the first row and column frozen, a filter on every column, columns wide
enough for what they hold (by kind: the write-only mode cannot measure the cells).
"""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any

from dialogs.spreadsheets import Column, ColumnKind, xlsx_cell_format, xlsx_value


class ExportWorkbook:
    """Two sheets in openpyxl's write-only mode: a cell object only where a value needs a
    number format or must be kept from becoming a formula (building cells is most of the
    time an XLSX takes)."""

    def __init__(self, dossier_columns: list[Column], action_columns: list[Column]) -> None:
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Font

        self._cell = WriteOnlyCell
        self.book = Workbook(write_only=True)
        self.dossiers = self.book.create_sheet("Dossiers")
        self.actions = self.book.create_sheet("Actions")
        self.columns = {id(self.dossiers): dossier_columns, id(self.actions): action_columns}
        self.rows = {id(self.dossiers): 1, id(self.actions): 1}  # the header
        bold = Font(bold=True)
        for sheet, columns in ((self.dossiers, dossier_columns), (self.actions, action_columns)):
            sheet.freeze_panes = "B2"
            for index, column in enumerate(columns, start=1):
                width = max(_WIDTH[column.kind], min(40, len(column.header) + 2))
                sheet.column_dimensions[_letter(index)].width = width
            header = []
            for column in columns:
                cell = WriteOnlyCell(sheet, value=column.header)
                cell.font = bold
                header.append(cell)
            sheet.append(header)

    def add_dossier(self, values: list[Any]) -> None:
        self.dossiers.append(self._row(self.dossiers, values))

    def add_action(self, values: list[Any]) -> None:
        self.actions.append(self._row(self.actions, values))

    def _row(self, sheet: Any, values: list[Any]) -> list[Any]:
        self.rows[id(sheet)] += 1
        made: list[Any] = []
        for column, value in zip(self.columns[id(sheet)], values, strict=True):
            value = xlsx_value(column.kind, value)
            if value is None or (column.kind == "int" and isinstance(value, int)):
                made.append(value)
            elif isinstance(value, str):
                if value.startswith("="):  # applicants' text is never a formula
                    cell = self._cell(sheet, value=value)
                    cell.data_type = "s"
                    made.append(cell)
                else:
                    made.append(value)
            else:
                cell = self._cell(sheet, value=value)
                cell.number_format = xlsx_cell_format(column.kind)
                made.append(cell)
        return made

    def abandon(self) -> None:
        """Drop the workbook unsaved (a failed export): openpyxl's write-only sheets are
        finished and their temporary files removed now, rather than failing noisily when
        the workbook is collected."""
        for sheet in (self.dossiers, self.actions):
            sheet.close()
            writer: Any = sheet._writer
            writer.cleanup()

    def save(self, target: str | Path | IO[bytes]) -> None:
        for sheet in (self.dossiers, self.actions):
            last = _letter(len(self.columns[id(sheet)]))
            sheet.auto_filter.ref = f"A1:{last}{self.rows[id(sheet)]}"
        self.book.save(target)


#: Columns' least width by kind (characters): names, e-mails and titles need room.
_WIDTH: dict[ColumnKind, int] = {
    "int": 10,
    "text": 24,
    "eur": 14,
    "rate": 10,
    "datetime": 17,
    "decimal": 10,
}


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)
