"""One dossier as the staff console shows it: the workspace's detail of the dossier
(`StaffService.detail`: facts, names, review, journal) with the journal's answers in words:
each question's label as the form gives it (for a list's yes/no flag or its "add another?",
the question the applicant was asked), each value as the review shows it (`kinds.describe`:
a choice's label, money in euros, months and phone numbers in French); and its documents
one format at a time.

The documents are rendered on demand for reading (the applicant's dossier is not changed),
one format per download (`drafts.render_drafts` with that format): a Word plan does not wait
for LibreOffice to make the PDF, as `StaffService.draft_files` (every format) would.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from html import unescape
from typing import Any, Protocol

from dialogs import kinds
from dialogs.budget import DeclaredTotals, declared_totals
from dialogs.dossier import Dossier
from dialogs.dossier_facts import step_words
from dialogs.form import ForEach, ListGroup
from dialogs.people import applicant_label, telegram_link
from dialogs.plan import plan_questions
from dialogs.ports import Clock, Store
from dialogs.prompts import rules_of
from dialogs.question import Question
from dialogs.review import Missing, set_aside_words
from dialogs.service import DraftFile
from dialogs.spec import CallSpec
from dialogs.staff import DossierDetail
from dialogs.texts import render_macro


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
    #: The applicant's words kept for a question not reached yet, with its label ("" when
    #: it is no longer asked), as `set_aside_words` gives them: theirs, shown to staff too.
    set_aside: tuple[tuple[str, str], ...] = ()

    @property
    def number(self) -> int:
        return self.detail.facts.dossier_id

    @property
    def dossier(self) -> Dossier:
        return self.detail.dossier

    @property
    def declared(self) -> DeclaredTotals:
        """The budget's totals, None for a figure not answered yet (never a 0 that looks
        declared)."""
        return declared_totals(self.dossier.budget, self.detail.report.totals)

    @property
    def missing_by_section(self) -> list[tuple[str, list[Missing]]]:
        """The required answers missing, every one, grouped by section in the form's order."""
        grouped: dict[str, list[Missing]] = {}
        for missing in self.detail.report.missing:
            grouped.setdefault(missing.section, []).append(missing)
        return list(grouped.items())

    @property
    def step(self) -> str:
        """Where the applicant stands, in the words of the group and the ticket page
        (`step_words`: « Plan d’actions — Partenaires (…) »; at a stop screen, the section
        alone: the page's badge says « non éligible » already)."""
        return step_words(self.detail.facts, self.spec.interview)

    def choice(self, pattern: str, value: object) -> str:
        """The form's label of a stored choice ("plan.actions.territory_scope", "department"
        → its label), else the value itself."""
        if value is None:
            return "—"
        return self.spec.compiled_form.choice_label(pattern, value) or str(value)


def _shown(value: Any) -> str:
    """An answer whose question is no longer in the dossier's plan (an item deleted since),
    as plain as it can be."""
    if value is None:
        return "—"
    if isinstance(value, bool):  # as a yes/no question's buttons say it
        yes, no = kinds.yes_no_choices()
        return yes.label if value else no.label
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return ", ".join(value)
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _described(question: Question, value: Any) -> str:
    """An answer as the review shows it (`kinds.describe`: a choice's label, money in euros,
    months in French…), from the journal's JSON form."""
    if value is None:
        return "—"
    try:
        return kinds.describe(question, kinds.from_json(question, value))
    except ValueError:  # a value the field no longer takes (the form changed since)
        return _shown(value)


_BOLD = re.compile(r"<b>(.*?)</b>", re.S)
_TAG = re.compile(r"<[^>]+>")


def _headline(spec: CallSpec, prompt: str, context: dict[str, Any]) -> str | None:
    """The question a yes/no screen asked, as the applicant read it: its prompt's words in
    bold ("Ajouter une autre charge directe ?"); None when the prompt has none."""
    try:
        html = render_macro(
            spec.compiled_form.prompt_template(prompt),
            prompt,
            spec=spec,
            channel="telegram",
            **context,
        )
    except Exception:  # a prompt needing what only the interview has: the form's label
        return None
    found = _BOLD.search(html)
    text = unescape(_TAG.sub("", found.group(1))).strip() if found else ""
    if not text:
        return None
    return text if text.endswith("?") else f"{text} ?"


def _flags(items: Sequence[object]) -> Iterator[ListGroup]:
    """The form's lists opened by a yes/no flag (asked while they are empty)."""
    for item in items:
        if isinstance(item, ListGroup) and item.flag is not None:
            yield item
        elif isinstance(item, ForEach):
            yield from _flags(item.items)


def _journal_labels(spec: CallSpec, dossier: Dossier, questions: list[Question]) -> dict[str, str]:
    """Each journal key's question in words: the form's label of a field; for a list's
    flag ("other funders?") or its "add another?", the question the applicant was asked."""
    labels = {q.key: q.label for q in questions}
    for question in questions:
        if question.role in ("flag", "more"):
            context: dict[str, Any] = {**question.context, "dossier": dossier}
            for rule in rules_of(question):
                context.update(rule.context(spec, dossier, question))
            context["question"] = question
            labels[question.key] = _headline(spec, question.prompt, context) or question.label
    for section in spec.compiled_form.form.sections:
        for group in _flags(section.items):
            assert group.flag is not None
            if group.key not in labels:  # its list has items: the flag was answered yes
                flag = group.flag
                labels[group.key] = _headline(spec, flag.prompt, {"dossier": dossier}) or flag.label
    return labels


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
        asked = {q.key: q for q in questions}
        labels = _journal_labels(spec, detail.dossier, questions)
        journal = [
            JournalLine(
                at,
                labels.get(key, key),
                _described(asked[key], value) if key in asked else _shown(value),
            )
            for key, value, at in detail.journal
        ]
        return DossierView(detail, spec, journal, set_aside_words(spec, detail.dossier, questions))

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
        found = next((f for f in files if f.name.startswith(f"{wanted.stem}-")), None)
        return None if found is None else found.of_dossier(number)
