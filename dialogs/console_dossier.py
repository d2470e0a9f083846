"""One dossier as the staff console shows it: the workspace's detail of the dossier
(`StaffService.detail`: facts, names, review, journal) with the journal's answers in words
(each question's label, a choice's label rather than its stored value), and its documents
one format at a time.

The documents are rendered on demand for reading (the applicant's dossier is not changed),
one format per download (`drafts.render_drafts` with that format): a Word plan does not wait
for LibreOffice to make the PDF, as `StaffService.draft_files` (every format) would.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from dialogs.dossier import Dossier
from dialogs.people import applicant_label, telegram_link
from dialogs.plan import plan_questions
from dialogs.ports import Clock, Store
from dialogs.service import DraftFile
from dialogs.spec import CallSpec, Choice
from dialogs.staff import DossierDetail


class FormatRenderer(Protocol):
    """The documents of one format ("pdf", "docx", "xlsx", "md") of a dossier
    (`drafts.render_drafts`)."""

    def __call__(
        self, spec: CallSpec, dossier: Dossier, today: dt.date, fmt: str
    ) -> list[DraftFile]: ...


@dataclass(frozen=True)
class Document:
    kind: str  # in the URL: "plan.pdf"…
    label: str
    fmt: str
    stem: str  # the start of the rendered file's name


DOCUMENTS = (
    Document("plan.pdf", "Plan d’actions (PDF)", "pdf", "plan-actions"),
    Document("plan.docx", "Plan d’actions (Word)", "docx", "plan-actions"),
    Document("courrier.docx", "Courrier et déclaration sur l’honneur (Word)", "docx", "courrier"),
    Document("budget.xlsx", "Budget CERFA (Excel)", "xlsx", "budget"),
    Document("plan.md", "Plan d’actions (Markdown)", "md", "plan-actions"),
)


@dataclass(frozen=True)
class JournalLine:
    at: dt.datetime
    label: str
    value: str


@dataclass(frozen=True)
class DossierView:
    detail: DossierDetail
    spec: CallSpec
    journal: list[JournalLine]

    @property
    def number(self) -> int:
        return self.detail.facts.dossier_id

    @property
    def dossier(self) -> Dossier:
        return self.detail.dossier

    def choice(self, pattern: str, value: object) -> str:
        """The form's label of a stored choice ("plan.actions.territory_scope", "department"
        → its label), else the value itself."""
        if value is None:
            return "—"
        return self.spec.compiled_form.choice_label(pattern, value) or str(value)


def _stored(choice: Choice) -> str:
    """The value a choice stores in the dossier (`ChoiceOption.stored`), as text."""
    return str(getattr(choice, "stored", choice.id))


def _shown(value: Any, choices: dict[str, str]) -> str:
    """An answer in words: a choice's label rather than its stored value."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, str):
        return choices.get(value, value)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return ", ".join(choices.get(str(v), str(v)) for v in value)
    return json.dumps(value, ensure_ascii=False)


class ConsoleDossiers:
    def __init__(
        self,
        *,
        specs: Callable[[str], CallSpec],
        detail: Callable[[int], DossierDetail | None],
        store: Store,
        clock: Clock,
        render: FormatRenderer | None,
    ) -> None:
        """`detail`: the workspace's view of one dossier (`StaffService.detail`)."""
        self._specs = specs
        self._detail = detail
        self.store = store
        self.clock = clock
        self.render = render

    def view(self, number: int) -> DossierView | None:
        detail = self._detail(number)
        if detail is None:
            return None
        spec = self._specs(detail.dossier.call_id)
        questions = plan_questions(spec, detail.dossier)
        labels = {q.key: q.label for q in questions}
        options = {q.key: {_stored(c): c.label for c in q.choices} for q in questions}
        journal = [
            JournalLine(at, labels.get(key, key), _shown(value, options.get(key, {})))
            for key, value, at in detail.journal
        ]
        return DossierView(detail, spec, journal)

    def applicant(self, owner: str) -> tuple[str, str | None]:
        """ "Prénom Nom (@username)" and the tg:// link of an applicant."""
        with self.store.transaction() as repo:
            user = repo.get_user(owner)
        return applicant_label(owner, user.identity if user else None), telegram_link(owner)

    def document(self, number: int, kind: str) -> DraftFile | None:
        """One document of a dossier; None when the dossier or the document does not exist
        (a PDF without LibreOffice on the machine)."""
        wanted = next((d for d in DOCUMENTS if d.kind == kind), None)
        if wanted is None or self.render is None:
            return None
        with self.store.transaction() as repo:
            stored = repo.get_dossier(number)
        if stored is None:
            return None
        spec = self._specs(stored.dossier.call_id)
        files = self.render(spec, stored.dossier, self.clock.now().date(), wanted.fmt)
        return next((f for f in files if f.name.startswith(f"{wanted.stem}-")), None)
