"""The dossiers list: the page's filters as the workspace's `DossierQuery`, its rows."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dialogs.dossier_query import DossierPage, DossierQuery, Sort
from dialogs.ports import Clock
from dialogs.staff import StaffService

if TYPE_CHECKING:
    from console.dossiers import Filters

SORTS: dict[str, Sort] = {"activite": "activity", "completude": "completeness", "montant": "amount"}


def _yes_no(value: str) -> bool | None:
    return {"oui": True, "non": False}.get(value)


def query_of(filters: Filters, size: int, clock: Clock) -> DossierQuery:
    return DossierQuery(
        eligible=True if filters.eligible == "confirmer" else _yes_no(filters.eligible),
        reserved=True if filters.eligible == "confirmer" else None,
        ready={"prets": True, "non": False}.get(filters.ready),
        complete=_yes_no(filters.complete),
        with_warnings=_yes_no(filters.warnings),
        active_since=(
            DossierQuery.active_in_last(int(filters.active), clock.now())
            if filters.active
            else None
        ),
        text=filters.q or None,
        sort=SORTS[filters.sort],
        limit=size,
        offset=(filters.page - 1) * size,
    )


def list_dossiers(staff: StaffService, filters: Filters, size: int) -> DossierPage:
    return staff.dossiers(query_of(filters, size, staff.clock))
