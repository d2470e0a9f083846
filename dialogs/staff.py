"""Staff tools, without Telegram: the table of dossiers, one dossier's summary and drafts, the
exports (XLSX, CSV, JSON), the statistics, and the applicants an announcement goes to.

Everything reads the store through the `Store` port and the time through the injected clock;
the Telegram adapter (`bot.handlers.staff_tools`) only translates commands and sends what
this module returns. Texts come from `templates/messages/staff.html.j2`.

API (for the Telegram staff tools and the web console):
- `StaffService.dossiers(DossierQuery(...))` → `DossierPage(items=[ListedDossier], total)`:
  filtered, sorted, paged, from the per-dossier summaries (see `dialogs.dossier_query`);
- `StaffService.stats()` → `Stats` (SQL aggregates over the summaries);
- `StaffService.refresh_summaries()`: recomputes the summaries of dossiers saved since
  (listings and statistics call it first; a periodic call off the applicants' path keeps
  the first listing after a busy hour fast);
- `StaffService.detail(number)` → `DossierDetail` (facts, names, dossier, review, journal)
  and `draft_files(number)`: a dossier's own page, drafts rendered only when asked;
- `StaffService.lines()` / `table_html()`: every dossier, oldest first (as before).

Every dossier counts as started (the bot creates one when an applicant first writes to it).
Stages of the interview are the sections of its call's form. A dossier *reached* a section
when its cursor or one of its answers is in it (or beyond it), and a generated draft means
it reached the review; an unfinished dossier (no draft yet) *stops* in the section of its
cursor (`dialogs.dossier_facts`). Eligibility, completeness and readiness come from
`dialogs.review`.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

from dialogs.budget import declared_totals
from dialogs.calendar import call_status
from dialogs.console import Annotation
from dialogs.dossier import Dossier
from dialogs.dossier_facts import (
    FACTS_VERSION,
    DossierFacts,
    dossier_facts,
    others_with_siret,
    section_of,
    siret_key,
    step_words,
)
from dialogs.dossier_list import PAGE_SIZE, ListingFilters, ListingPage
from dialogs.dossier_query import READY_STATES, DossierPage, DossierQuery, SummaryCounts
from dialogs.export_choice import KINDS
from dialogs.exports import (
    STATES,
    STATES_ALWAYS_COUNTED,
    Exporter,
    ExportFile,
    Progress,
    readiness_words,
    state_of,
)
from dialogs.people import Identity
from dialogs.ports import Clock, Repository, Store, StoredDossier
from dialogs.question_figures import QuestionFigures, format_duration
from dialogs.review import Alert, ReviewReport, alerts_of, review, set_aside_words
from dialogs.service import DraftFile, DraftRenderer
from dialogs.spec import CallSpec
from dialogs.spreadsheets import PARIS, Column, format_moment, paris_time, to_csv, to_xlsx
from dialogs.staff_views import (
    STAFF,
    Applicant,
    DossierDetail,
    DossierLine,
    DossierSummary,
    ListedState,
    OpenTicket,
    SectionCount,
    StateCount,
    Stats,
    TicketDesk,
    TicketSource,
    TicketsPage,
    format_age,
    tickets_html,
    tickets_page,
)
from dialogs.texts import render_macro

__all__ = [  # the values live in `dialogs.staff_views`; importing them from here works
    "PARIS",
    "STAFF",
    "Applicant",
    "Column",
    "DossierDetail",
    "DossierLine",
    "DossierQuery",
    "DossierSummary",
    "OpenTicket",
    "SectionCount",
    "StaffService",
    "Stats",
    "TicketDesk",
    "TicketSource",
    "TicketsPage",
    "format_age",
    "format_moment",
    "section_of",
    "tickets_html",
    "tickets_page",
    "to_csv",
    "to_xlsx",
]

EXPORT_STEM = "dossiers"


class StaffService:
    def __init__(
        self,
        *,
        specs: Callable[[str], CallSpec],
        store: Store,
        clock: Clock,
        drafts: DraftRenderer | None,
        json_export: Callable[[Repository], str],
        default_call_id: str | None = None,
        annotations: Callable[[int], list[Annotation]] | None = None,
    ) -> None:
        """`json_export` (`storage.transfer.export_all`) is no longer called: the JSON
        export is streamed by `dialogs.exports` in the same format (kept so that callers
        need not change); the statistics list the sections of the default call's form.
        `annotations` (`ConsoleService.annotations`): a dossier's private notes written in
        the web console, which `/dossier N` mentions (none without a console)."""
        self._specs = specs
        self.annotations = annotations
        self._default_call_id = default_call_id
        self.store = store
        self.clock = clock
        self.drafts = drafts
        self.json_export = json_export

    # -- summaries and listings --------------------------------------------------------------
    def refresh_summaries(self, *, batch: int = 200) -> int:
        """Recompute the summaries of dossiers saved since theirs was computed (or never
        summarised), `batch` dossiers per transaction so that memory stays bounded and
        applicants' writes are never held up for long; returns how many were refreshed.

        Reading, computing and writing are separate steps: a dossier saved meanwhile keeps
        a summary of its previous version, found stale at the next refresh."""
        with self.store.transaction() as repo:
            stale = repo.stale_summaries(facts_version=FACTS_VERSION)
        for start in range(0, len(stale), batch):
            with self.store.transaction() as repo:
                loaded = repo.dossiers_with_versions(stale[start : start + batch])
            facts = [
                dossier_facts(self._specs(item.dossier.call_id), item, version)
                for item, version in loaded
            ]
            with self.store.transaction() as repo:
                repo.save_summaries(facts, facts_version=FACTS_VERSION)
        return len(stale)

    def dossiers(self, query: DossierQuery | None = None) -> DossierPage:
        """One page of dossiers matching `query` (default: the 20 last active), and how
        many match in all. « Prêts à déposer » (`ready`) leaves out the dossiers of a call
        now closed: the list, its count and each dossier's « État » (`readiness_words`)
        agree that those can no longer be filed (`ReviewReport.fileable`); so does one state
        (`state`: a ready one is « appel clos » when its call is)."""
        self.refresh_summaries()
        query = query or DossierQuery()
        with self.store.transaction() as repo:
            if query.ready is not None or query.state in READY_STATES:
                # only the calls of ready dossiers matter: a closed one takes them out
                closed = self.closed_calls(repo.summary_call_ids(ready=True))
                query = replace(query, closed_calls=query.closed_calls | closed)
            return repo.query_summaries(query)

    def listing(
        self, filters: ListingFilters, offset: int | None = None
    ) -> tuple[ListingPage, str]:
        """A page of `/dossiers` (filters typed as words, see `dialogs.dossier_list`), at
        `offset` (a ◀️ ▶️ button's), else at the page typed ("page 2"); a page typed
        beyond the last opens the last, its number in the title."""
        now = self.clock.now()
        start = filters.offset if offset is None else offset
        query = filters.query(now, offset=start, limit=PAGE_SIZE)
        found = self.dossiers(query)
        if offset is None and start > 0 and not found.items and found.total:
            last = (found.total - 1) // PAGE_SIZE * PAGE_SIZE
            query = filters.query(now, offset=last, limit=PAGE_SIZE)
            found = self.dossiers(query)
        page = ListingPage(found, filters, query.offset, PAGE_SIZE)
        closed = self.closed_calls({item.facts.call_id for item in found.items})
        states = {
            item.number: ListedState.of(item.facts, call_closed=item.facts.call_id in closed)
            for item in found.items
        }
        html = render_macro(STAFF, "dossier_page", listing=page, states=states, when=format_moment)
        return page, html

    # -- the table ---------------------------------------------------------------------------
    def closed_calls(self, call_ids: Iterable[str]) -> frozenset[str]:
        """Those of `call_ids` whose call no longer takes applications (at the clock's date):
        a list says « appel clos » where a dossier ready to file can no longer be filed."""
        today = self.clock.now().date()
        return frozenset(
            c for c in call_ids if call_status(self._specs(c), today).state == "closed"
        )

    def step(self, facts: DossierFacts) -> str:
        """Where the dossier's applicant stands, in the words of every staff view
        (`step_words`, under its call's form): the console's list asks it row by row."""
        return step_words(facts, self._specs(facts.call_id).interview)

    def lines(self) -> list[DossierLine]:
        """Every dossier, oldest first."""
        page = self.dossiers(DossierQuery(sort="number", limit=None))
        return [DossierLine.of(item.facts, item.identity) for item in page.items]

    def table_html(self) -> str:
        return render_macro(STAFF, "dossier_table", lines=self.lines(), when=format_moment)

    # -- one dossier -------------------------------------------------------------------------
    def same_siret(self, number: int, owner: str, siret: str | None) -> list[int]:
        """The other applicants' dossiers giving this SIRET (« Même SIRET que le dossier
        n° X »): one indexed lookup over the stored summaries (kept fresh by the bot in the
        background and before each listing: not refreshed here, a dossier's page stays one
        dossier's work)."""
        key = siret_key(siret)
        if key is None:
            return []
        with self.store.transaction() as repo:
            found = repo.same_siret([key]).get(key, [])
        return others_with_siret(number, owner, found)

    def summary(self, number: int) -> DossierSummary | None:
        """The summary and both drafts of any dossier, their files named after it
        ("dossier-12-plan-actions-….docx"); None when there is no such dossier.

        The drafts are rendered for reading only: the applicant's dossier is not changed (its
        "draft generated" date is the applicant's own action)."""
        with self.store.transaction() as repo:
            stored = repo.get_dossier(number)
            user = None if stored is None else repo.get_user(stored.owner)
            tickets = (
                []
                if stored is None
                else [t for t in repo.list_tickets(owner=stored.owner) if t.dossier_id == number]
            )
        if stored is None:
            return None
        spec = self._specs(stored.dossier.call_id)
        facts = dossier_facts(spec, stored, version=0)
        line = DossierLine.of(facts, None if user is None else user.identity)
        dossier = stored.dossier
        report = review(spec, dossier)
        alerts = _alerts(spec, report, facts.furthest_section)
        # A non-eligible dossier gets no draft (its applicant cannot get one either): five
        # files, mostly empty, were sent under « Brouillon pas encore généré ».
        files = (
            []
            if self.drafts is None or line.eligible is False
            else self.drafts(spec, dossier, self.clock.now().date())
        )
        html = render_macro(
            STAFF,
            "dossier_summary",
            line=line,
            facts=facts,
            step=step_words(facts, spec.interview),
            report=report,
            alerts=alerts,
            dossier=dossier,
            spec=spec,
            totals=report.totals,
            declared=declared_totals(dossier.budget, report.totals),
            # « État » in the words of the console and the exports
            state=readiness_words(
                facts.readiness,
                reserved=facts.reserved,
                call_closed=bool(self.closed_calls([dossier.call_id])),
            ),
            when=format_moment,
            notes=[] if self.annotations is None else self.annotations(number),
            same_siret=self.same_siret(number, stored.owner, dossier.organisation.siret),
            set_aside=set_aside_words(spec, dossier),
            files=[f.name for f in files],
            drafts_on=self.drafts is not None,
            dossier_tickets=tickets,
        )
        return DossierSummary(line, html, [f.of_dossier(number) for f in files])

    def detail(self, number: int) -> DossierDetail | None:
        """One dossier for a page of its own (the web console); None when there is none."""
        with self.store.transaction() as repo:
            loaded = repo.dossiers_with_versions([number])
            if not loaded:
                return None
            stored, version = loaded[0]
            user = repo.get_user(stored.owner)
            journal = repo.answer_journal(number)
        spec = self._specs(stored.dossier.call_id)
        facts = dossier_facts(spec, stored, version)
        report = review(spec, stored.dossier, self.clock.now().date())
        # The alerts as the list counts them (stored summaries never depend on the date): the
        # call's closing is the page's own notice, not an alert of each dossier.
        undated = review(spec, stored.dossier)
        return DossierDetail(
            facts=facts,
            identity=None if user is None else user.identity,
            dossier=stored.dossier,
            report=report,
            journal=journal,
            alerts=_alerts(spec, undated, facts.furthest_section),
            same_siret=self.same_siret(number, stored.owner, stored.dossier.organisation.siret),
        )

    def draft_files(self, number: int) -> list[DraftFile] | None:
        """Both drafts of any dossier in every format, for reading (the dossier is left
        unchanged); None when there is no such dossier."""
        with self.store.transaction() as repo:
            stored = repo.get_dossier(number)
        if stored is None:
            return None
        if self.drafts is None:
            return []
        spec = self._specs(stored.dossier.call_id)
        return self.drafts(spec, stored.dossier, self.clock.now().date())

    # -- exports -----------------------------------------------------------------------------
    def exporter(self) -> Exporter:
        """The exports, written as they are read (see `dialogs.exports`); summaries are
        brought up to date first."""
        self.refresh_summaries()
        return Exporter(specs=self._specs, store=self.store, today=self.clock.now().date())

    def export_stem(self) -> str:
        """ "dossiers-2026-11-25" (the day in Paris)."""
        stamp = (paris_time(self.clock.now()) or self.clock.now()).strftime("%Y-%m-%d")
        return f"{EXPORT_STEM}-{stamp}"

    def export_files(
        self,
        directory: Path,
        progress: Progress | None = None,
        kinds: tuple[str, ...] = KINDS,
        *,
        part_limit: int | None = None,
    ) -> list[ExportFile]:
        """XLSX, CSV and JSON (or the `kinds` asked) written into `directory` (memory
        bounded: for Telegram's /export), each split into numbered parts of at most
        `part_limit` bytes (`dialogs.exports.EXPORT_PART_LIMIT` by default) so that every
        part fits Telegram."""
        return self.exporter().write_files(
            directory, self.export_stem(), progress, kinds, part_limit=part_limit
        )

    def exports(self) -> list[DraftFile]:
        """The three export files in memory: XLSX (sheets "Dossiers" and "Actions"), CSV
        (French Excel: UTF-8 with BOM, `;`) and JSON. For a few hundred dossiers; beyond,
        use `export_files` or the exporter's streams."""
        with tempfile.TemporaryDirectory(prefix="aap-export-") as directory:
            return [
                DraftFile(f.name, f.path.read_bytes(), f.mime)
                for f in self.export_files(Path(directory))
            ]

    # -- statistics --------------------------------------------------------------------------
    def stats(self) -> Stats:
        """Counted by the database over the summaries (no dossier is planned again)."""
        self.refresh_summaries()
        with self.store.transaction() as repo:
            counts = repo.summary_counts()
            call_id = self._default_call_id or next(
                (item.facts.call_id for item in repo.query_summaries(_FIRST).items), ""
            )
        form = self._specs(call_id).interview if call_id else None  # None: no dossier yet
        sections = [] if form is None else [(s.id, s.title) for s in form.sections]
        number = {section: i for i, (section, _) in enumerate(sections, start=1)}
        reached = dict.fromkeys(number, 0)
        for section, count in counts.furthest.items():
            for earlier, _ in sections[: number.get(section, 1)]:
                reached[earlier] += count
        return Stats(
            started=counts.started,
            eligible=counts.eligible,
            reserved=counts.reserved,
            ineligible=counts.ineligible,
            drafts=counts.drafts,
            reached=[SectionCount(s, title, reached[s]) for s, title in sections],
            stopped=[
                SectionCount(s, title, counts.stopped[s])
                for s, title in sections
                if counts.stopped.get(s)
            ],
            states=self._state_counts(counts),
        )

    def _state_counts(self, counts: SummaryCounts) -> list[StateCount]:
        """The dossiers by state, in the words of `/dossier N` and the console
        (`readiness_words`): a ready dossier of a call now closed is counted apart, as its
        « État » says, whatever the summary (computed without a date) holds."""
        closed = self.closed_calls(counts.call_ids)
        by_state = dict.fromkeys(STATES, 0)
        for (readiness, reserved, call_id), count in counts.states.items():
            state = state_of(readiness, reserved=reserved, call_closed=call_id in closed)
            by_state[state] += count
        return [
            StateCount(STATES[state], count, state)
            for state, count in by_state.items()
            if count or STATES[state] in STATES_ALWAYS_COUNTED
        ]

    def question_figures(self) -> QuestionFigures:
        """Questions asked, answered from the call or the FAQ, escalated, answered by staff
        and how fast (see `dialogs.question_figures`)."""
        with self.store.transaction() as repo:
            return repo.question_figures()

    def stats_html(self, typed: str = "") -> str:
        """`/stats`, counted since the first dossier. `typed`: words after the command
        (« /stats semaine »), which choose nothing: the figures say so first, rather than
        be read as the week's."""
        questions = self.question_figures()
        return render_macro(
            STAFF,
            "stats",
            figures=self.stats(),
            questions=questions,
            median_wait=format_duration(questions.median_staff_answer),
            typed=" ".join(typed.split()),
        )

    # -- announcements -----------------------------------------------------------------------
    def applicants(self, audience: DossierQuery | None = None) -> list[Applicant]:
        """Applicants an announcement reaches: a private chat with the bot (private chats
        have the user's positive id), not blocked, with a dossier matching `audience` (its
        filters; any dossier when None), in the order of their first such dossier."""
        self.refresh_summaries()
        with self.store.transaction() as repo:
            found = repo.query_applicants(audience or DossierQuery())
        return [Applicant(owner, chat_id) for owner, chat_id in found]

    def claim_recipient(self, announcement_id: int, applicant: Applicant) -> bool:
        """Claim an announcement's recipient as its message leaves; False: an interrupted
        run of the same announcement claimed it already (it is not sent again)."""
        with self.store.transaction() as repo:
            return repo.claim_recipient(
                announcement_id=announcement_id,
                chat_id=applicant.chat_id,
                owner=applicant.owner,
                at=self.clock.now(),
            )

    def settle_recipient(self, announcement_id: int, applicant: Applicant, status: str) -> None:
        """ "delivered", "failed", "blocked", or "unsent" (not sent: the claim is dropped)."""
        with self.store.transaction() as repo:
            repo.settle_recipient(
                announcement_id=announcement_id,
                chat_id=applicant.chat_id,
                owner=applicant.owner,
                status=status,
                at=self.clock.now(),
            )

    def announcement_counts(self, announcement_id: int) -> dict[str, int]:
        """Recipients by status, all runs of the announcement together ("sending": a run
        was interrupted while the message was on its way)."""
        with self.store.transaction() as repo:
            return repo.announcement_counts(announcement_id)

    def claim(self, event_id: str) -> bool:
        """Record an event (a Telegram update) as handled; False when it already was."""
        with self.store.transaction() as repo:
            return repo.claim_event(event_id)

    def mark_blocked(self, owner: str) -> None:
        with self.store.transaction() as repo:
            repo.set_user_blocked(owner=owner, blocked=True)

    # -- internals ---------------------------------------------------------------------------
    def _line(self, stored: StoredDossier, identity: Identity | None = None) -> DossierLine:
        facts = dossier_facts(self._specs(stored.dossier.call_id), stored, version=0)
        return DossierLine.of(facts, identity)


_FIRST = DossierQuery(sort="number", limit=1)


def _unique(pairs: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    return list(dict(pairs).items())


def _target(dossier: Dossier, indicator_id: str) -> int | None:
    target = dossier.indicators.targets.get(indicator_id)
    return None if target is None else target.target


def _alerts(spec: CallSpec, report: ReviewReport, furthest_section: str) -> list[Alert]:
    """The dossier's alerts for staff, the same in `/dossier N` and the console's page."""
    return alerts_of(
        spec, report.warnings, report.ineligibility, furthest_section, report.provisional
    )
