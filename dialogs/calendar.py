"""Dates of a call: whether it is open on a given day, the agreement's months, report deadline.

Every function takes `today` (or a date) as an argument: time is injected, never read here.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Literal

from dialogs.spec import CallSpec

CallState = Literal["not_yet_open", "open", "closed"]

MONTH_NAMES = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


@dataclass(frozen=True)
class CallStatus:
    state: CallState
    opens: dt.date
    closes: dt.date
    days_left: int | None = None
    closed_for_days: int | None = None


def call_status(spec: CallSpec, today: dt.date) -> CallStatus:
    window = spec.application_window
    if today < window.start:
        return CallStatus("not_yet_open", window.start, window.end)
    if today > window.end:
        return CallStatus(
            "closed", window.start, window.end, closed_for_days=(today - window.end).days
        )
    return CallStatus("open", window.start, window.end, days_left=(window.end - today).days)


def agreement_months(spec: CallSpec) -> list[str]:
    """Months of the agreement period as "YYYY-MM"."""
    start, end = spec.agreement.start, spec.agreement.end
    months = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def add_months(day: dt.date, months: int) -> dt.date:
    """Same day `months` later, clamped to the month's end (31/12 + 1 month = 31/01)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def final_report_deadline(spec: CallSpec) -> dt.date:
    return add_months(spec.agreement.end, spec.evaluation.final_report.deadline_months_after_end)


def month_label(month: str) -> str:
    """ "2025-03" -> "mars 2025"."""
    year, number = month.split("-")
    return f"{MONTH_NAMES[int(number) - 1]} {year}"


def format_date(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")
