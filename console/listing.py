"""The dossiers list: the page's filters as the workspace's `DossierQuery`, its rows."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dialogs.dossier_query import DossierPage, DossierQuery, Sort, State
from dialogs.exports import STATES
from dialogs.ports import Clock
from dialogs.staff import StaffService

if TYPE_CHECKING:
    from console.dossiers import Filters

SORTS: dict[str, Sort] = {"activite": "activity", "completude": "completeness", "montant": "amount"}
#: Each state as the « État » filter names it in the address (the statistics' figures link
#: to the list filtered so: « 12 incomplets » shows those twelve).
STATE_SLUGS: dict[str, State] = {
    "pret": "ready",
    "pret-sous-reserve": "ready_reserved",
    "appel-clos": "ready_closed",
    "incomplet": "incomplete",
    "hors-regles": "breaks_rules",
    "hors-formulaire": "breaks_form",
    "a-confirmer": "to_confirm",
    "non-eligible": "ineligible",
}
SLUG_OF_STATE: dict[State, str] = {state: slug for slug, state in STATE_SLUGS.items()}


def state_choices() -> list[tuple[str, str]]:
    """The « État » filter's options for one state each: (slug, the state's words)."""
    return [(SLUG_OF_STATE[state], words) for state, words in STATES.items()]


def _yes_no(value: str) -> bool | None:
    return {"oui": True, "non": False}.get(value)


def query_of(filters: Filters, size: int, clock: Clock) -> DossierQuery:
    return DossierQuery(
        eligible=True if filters.eligible == "confirmer" else _yes_no(filters.eligible),
        reserved=True if filters.eligible == "confirmer" else None,
        ready={"prets": True, "non": False}.get(filters.ready),
        state=STATE_SLUGS.get(filters.ready),
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
