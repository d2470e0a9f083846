"""Spreadsheet files of the staff's exports: XLSX and CSV, typed, safe from formula injection.

Applicants' text never becomes a formula: XLSX cells holding text are typed as strings, and
CSV values a spreadsheet would run as a formula are quoted (OWASP's advice).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")
ColumnKind = Literal["int", "text", "eur", "rate", "datetime", "decimal"]


@dataclass(frozen=True)
class Column:
    header: str
    kind: ColumnKind


def paris_time(moment: dt.datetime | None) -> dt.datetime | None:
    """A stored UTC instant as Paris wall-clock time (naive datetimes are taken as UTC)."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(PARIS)


def format_moment(moment: dt.datetime | None) -> str:
    """ "25/11/2026 10:05" in Paris time, "—" when unknown."""
    local = paris_time(moment)
    return "—" if local is None else local.strftime("%d/%m/%Y %H:%M")


_XLSX_FORMATS: dict[ColumnKind, str] = {
    "int": "0",
    "text": "@",
    "eur": '#,##0.00\\ "€"',
    "rate": "0.00%",
    "datetime": "dd/mm/yyyy hh:mm",
    "decimal": "0.00",
}


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(kind: ColumnKind, value: Any) -> Any:
    if kind == "datetime" and isinstance(value, dt.datetime):
        local = paris_time(value)
        return None if local is None else local.replace(tzinfo=None)  # Excel has no time zones
    return value


def xlsx_value(kind: ColumnKind, value: Any) -> Any:
    """The value a cell of this kind holds (Paris wall-clock time for dates)."""
    return _cell(kind, value)


def xlsx_cell_format(kind: ColumnKind) -> str:
    return _XLSX_FORMATS[kind]


def to_xlsx(columns: list[Column], rows: list[list[Any]]) -> bytes:
    """A workbook with one sheet: bold, frozen header row, typed and formatted cells."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Dossiers"
    sheet.append([column.header for column in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "B2"
    for row in rows:
        sheet.append(
            [_cell(column.kind, value) for column, value in zip(columns, row, strict=True)]
        )
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = max(12, min(40, len(column.header) + 2))
        for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
            if isinstance(cell.value, str):
                cell.data_type = "s"  # applicants' text is never a formula ("=…" included)
            elif cell.value is not None:
                cell.number_format = _XLSX_FORMATS[column.kind]
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _csv_value(kind: ColumnKind, value: Any) -> str:
    if value is None:
        return ""
    if kind == "datetime":
        return format_moment(value)
    if kind == "eur":
        return f"{value:.2f}".replace(".", ",")
    if kind == "rate":
        return f"{value * 100:.2f} %".replace(".", ",")
    if isinstance(value, Decimal):
        return str(value).replace(".", ",")
    text = str(value)
    # Applicants' text that a spreadsheet would run as a formula is quoted (OWASP advice).
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def csv_value(kind: ColumnKind, value: Any) -> str:
    """A CSV field as French Excel reads it; applicants' formulas quoted."""
    return _csv_value(kind, value)


def to_csv(columns: list[Column], rows: list[list[Any]]) -> bytes:
    """What French Excel opens as is: UTF-8 with a byte-order mark, `;` between fields,
    decimal commas, CRLF line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([column.header for column in columns])
    for row in rows:
        writer.writerow(
            [_csv_value(column.kind, value) for column, value in zip(columns, row, strict=True)]
        )
    return buffer.getvalue().encode("utf-8-sig")
