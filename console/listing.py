"""The dossiers list's rows (until the workspace's `DossierQuery` is merged: in Python)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from dialogs.staff import StaffService

if TYPE_CHECKING:
    from console.dossiers import Filters


@dataclass(frozen=True)
class Row:
    number: int
    organisation: str | None
    applicant: str
    eligible: bool | None
    completeness: int
    step: str
    warnings: int
    amount: Decimal | None
    last_activity: dt.datetime | None


@dataclass(frozen=True)
class Listing:
    items: list[Row]
    total: int


def list_dossiers(staff: StaffService, filters: Filters, size: int) -> Listing:
    rows = [
        Row(
            line.number,
            line.organisation,
            line.owner,
            line.eligible,
            line.completeness,
            line.section_title,
            0,
            None,
            line.last_activity,
        )
        for line in staff.lines()
    ]
    if filters.q:
        rows = [r for r in rows if filters.q.casefold() in (r.organisation or "").casefold()]
    if filters.eligible:
        rows = [r for r in rows if r.eligible is (filters.eligible == "oui")]
    if filters.complete:
        rows = [r for r in rows if (r.completeness == 100) is (filters.complete == "oui")]
    start = (filters.page - 1) * size
    return Listing(rows[start : start + size], len(rows))
