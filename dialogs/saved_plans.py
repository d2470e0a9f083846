"""The question plan of each dossier version the service saved, for the next event on it.

An answer needs the plan of the dossier before it (which question is answered) and after it
(which comes next, the staff summary). The plan *before* is the plan *after* the previous
answer, computed in the previous event: the service keeps it, keyed by what names one
content of a dossier (its id, its uuid, the version its save returned), and hands it to the
engine with the dossier it reads back. A plan reads the answers only (never the cursor), and
every write of a dossier's answers bumps its version, so a kept plan can only be found for
the answers it was made from: another process's save is a version this one never kept, and
a plan is kept only once its save is committed (a version rolled back is given again).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass

from dialogs.ports import StoredDossier
from dialogs.question import Question
from dialogs.spec import CallSpec

_Key = tuple[int, str, int]


@dataclass(frozen=True)
class SavedPlan:
    """`plan` is the plan under `spec` of dossier `dossier_id` (`uuid`) as saved at `version`."""

    dossier_id: int
    uuid: str
    version: int
    spec: CallSpec
    plan: list[Question]


class SavedPlans:
    """A small LRU of plans (the service runs in several worker threads: locked)."""

    def __init__(self, size: int = 512) -> None:
        self._size = size
        self._plans: OrderedDict[_Key, SavedPlan] = OrderedDict()
        self._lock = threading.Lock()

    def keep(self, saved: SavedPlan | None) -> None:
        """Keep `saved` (once its transaction is committed); None: nothing was saved."""
        if saved is None:
            return
        key = (saved.dossier_id, saved.uuid, saved.version)
        with self._lock:
            self._plans[key] = saved
            self._plans.move_to_end(key)
            while len(self._plans) > self._size:
                self._plans.popitem(last=False)

    def of(self, stored: StoredDossier, spec: CallSpec) -> list[Question] | None:
        """The plan kept for `stored` as read (None: not kept, or its version unknown)."""
        if stored.version is None:
            return None
        key = (stored.id, stored.dossier.uuid, stored.version)
        with self._lock:
            found = self._plans.get(key)
            if found is None or found.spec is not spec:
                return None
            self._plans.move_to_end(key)
            return found.plan
