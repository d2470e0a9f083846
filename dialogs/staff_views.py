"""What the staff tools (`dialogs.staff`) hand their adapters: a dossier as the staff table
shows it, one dossier's summary and detail, the statistics, an announcement's recipient,
and the list of open tickets with their age.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from dialogs.dossier import Dossier
from dialogs.dossier_facts import DossierFacts
from dialogs.dossier_query import ListedDossier, State
from dialogs.exports import readiness_words
from dialogs.people import Identity, applicant_label, telegram_link
from dialogs.ports import StaffPostKind
from dialogs.review import Alert, ReviewReport, StaffReadiness, progress
from dialogs.service import DraftFile
from dialogs.texts import render_macro

STAFF = "messages/staff.html.j2"


@dataclass(frozen=True)
class DossierLine:
    """One dossier as the staff table shows it (and the exports start from)."""

    number: int
    owner: str
    organisation: str | None
    eligible: bool | None
    completeness: int
    readiness: StaffReadiness
    section: str
    section_title: str
    step_key: str
    created_at: dt.datetime | None
    last_activity: dt.datetime | None
    draft_generated_at: dt.datetime | None
    step_label: str = ""  # the current question in words (`step_key` is internal)
    applicant: str = ""  # "Prénom Nom (@username)"
    link: str | None = None  # "tg://user?id=N"
    warnings: int = 0
    reserved: bool = False  # eligible, to be confirmed by the Département

    @property
    def progress(self) -> int | None:
        """The completeness as the views show it: None when ineligible (`review.progress`)."""
        return progress(self.completeness, self.readiness)

    @classmethod
    def of(cls, facts: DossierFacts, identity: Identity | None) -> DossierLine:
        return cls(
            number=facts.dossier_id,
            owner=facts.owner,
            organisation=facts.organisation,
            eligible=facts.eligible,
            completeness=facts.completeness,
            readiness=facts.readiness,
            section=facts.section,
            section_title=facts.section_title,
            step_key=facts.step_key,
            created_at=facts.created_at,
            last_activity=facts.updated_at,
            draft_generated_at=facts.draft_generated_at,
            step_label=facts.step_label,
            applicant=applicant_label(facts.owner, identity),
            link=telegram_link(facts.owner),
            warnings=facts.warnings,
            reserved=facts.reserved,
        )


@dataclass(frozen=True)
class DossierSummary:
    line: DossierLine
    html: str
    files: list[DraftFile]


@dataclass(frozen=True)
class DossierDetail(ListedDossier):
    """Everything a page about one dossier shows, without rendering its drafts: the
    dossier, its facts, its review (warnings, missing answers, totals), the applicant's
    names and the journal of accepted answers (key, value, when), oldest first."""

    dossier: Dossier
    report: ReviewReport
    journal: list[tuple[str, Any, dt.datetime]]
    alerts: list[Alert]  # as `/dossier N` and the list count them (`staff_alerts`)
    #: Other applicants’ dossiers giving the same SIRET, by number (`others_with_siret`).
    same_siret: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class SectionCount:
    section: str
    title: str
    count: int


@dataclass(frozen=True)
class StateCount:
    """Dossiers in one state (`dialogs.exports.readiness_words`' words)."""

    words: str
    count: int
    state: State  # what the console's list filters on to show them (`DossierQuery.state`)


@dataclass(frozen=True)
class ListedState:
    """A dossier's state as its line of `/dossiers` starts: the words of the console's
    « État » and of `/dossier N` (`readiness_words`), its mark (the template's icon: ✅
    "ready" to file, ❔ "reserved", ⛔ "ineligible", or none), and whether the line must say
    the eligibility too (`eligibility_too`): only where the state leaves it open. An
    incomplete dossier may be eligible or not determined yet; one whose eligibility the
    Département must confirm but whose words do not say so (a rule broken, a call closed)
    keeps « éligibilité à confirmer »; elsewhere « éligible » would repeat the state."""

    words: str
    mark: str
    eligibility_too: bool

    @classmethod
    def of(cls, facts: DossierFacts, *, call_closed: bool) -> ListedState:
        state = facts.readiness
        words = readiness_words(state, reserved=facts.reserved, call_closed=call_closed)
        fileable = state == "ready" and not call_closed
        said = state == "to_confirm" or fileable  # their words name the reservation
        mark = (
            "ineligible"
            if state == "ineligible"
            else "reserved"
            if facts.reserved
            else "ready"
            if fileable
            else ""
        )
        return cls(words, mark, state == "incomplete" or (facts.reserved and not said))


@dataclass(frozen=True)
class Stats:
    started: int
    eligible: int
    ineligible: int
    drafts: int
    reached: list[SectionCount]
    stopped: list[SectionCount]  # unfinished dossiers, by the section of their cursor
    reserved: int = 0  # of the eligible, those the Département must confirm
    #: Every dossier in its state's words (`STATES_IN_ORDER`): they add up to `started`.
    states: list[StateCount] = field(default_factory=list)

    @property
    def unfinished(self) -> int:
        return sum(item.count for item in self.stopped)

    @property
    def undetermined(self) -> int:
        """Dossiers whose eligibility is not known yet (the applicant has not answered it):
        said beside « éligibles » and « non éligibles », so that the three add up to the
        dossiers started (« 3 · 1 » under « 19 » read as fifteen dossiers gone missing)."""
        return max(0, self.started - self.eligible - self.ineligible)


@dataclass(frozen=True)
class Applicant:
    owner: str
    chat_id: int


def format_age(since: dt.datetime, now: dt.datetime) -> str:
    """How long ago, in French and coarse: "12 min", "3 h", "2 j"."""
    seconds = max(0, int((now - since).total_seconds()))
    if seconds < 3600:
        return f"{max(1, seconds // 60)} min"
    if seconds < 86400:
        return f"{seconds // 3600} h"
    return f"{seconds // 86400} j"


class OpenTicket(Protocol):
    """What the staff tools read of a ticket (`dialogs.support.TicketView` fits)."""

    @property
    def id(self) -> int: ...

    @property
    def owner(self) -> str: ...

    @property
    def organisation(self) -> str | None: ...

    @property
    def applicant(self) -> str: ...

    @property
    def link(self) -> str | None: ...

    @property
    def question(self) -> str: ...

    @property
    def created_at(self) -> dt.datetime: ...


class TicketSource(Protocol):
    """Open tickets, oldest first (`dialogs.support.SupportService` fits)."""

    def open_tickets(self) -> Sequence[OpenTicket]: ...


class TicketDesk(TicketSource, Protocol):
    """`/tickets`' source: open tickets, and the exchanges the team opened that wait for the
    applicant (the team spoke last, not closed), which no open ticket lists."""

    def exchanges_awaiting_applicant(self) -> int: ...


class StaffPostLog(Protocol):
    """Where the bot notes which of its staff-chat messages show which applicants, so that an
    applicant's erasure blanks them out (`dialogs.support.SupportService` fits)."""

    def record_staff_posts(
        self,
        chat_id: int,
        message_ids: Sequence[int],
        owners: Iterable[str],
        kind: StaffPostKind,
        replacing: bool = False,
    ) -> bool:
        """True when one of `owners` was erased meanwhile: blank the messages now."""
        ...


#: Open questions on one page of `/tickets` (as many as a page of `/dossiers`).
TICKETS_PAGE = 10

_PAGE_WORDS = re.compile(r"^(?:(?:page|p\.?)\s*)?(?:n°\s*|no\s*)?(\d{1,6})$")


@dataclass(frozen=True)
class TicketsPage:
    """One page of `/tickets`: `number` of `pages` (1-based), `total` open questions;
    `ignored`: words typed after the command that name no page (said, not searched)."""

    number: int
    pages: int
    total: int
    ignored: str = ""

    @property
    def start(self) -> int:
        return (self.number - 1) * TICKETS_PAGE

    @property
    def previous(self) -> int | None:
        return self.number - 1 if self.number > 1 else None

    @property
    def next(self) -> int | None:
        return self.number + 1 if self.number < self.pages else None


def tickets_page(args: str, total: int) -> TicketsPage:
    """The page `/tickets` opens at: « /tickets 2 », « /tickets page 2 », « p. 2 » (as
    `/dossiers page 2`; beyond the last, the last); other words choose nothing, and are
    said (`ignored`) above the first page."""
    pages = max(1, -(-total // TICKETS_PAGE))
    words = " ".join(args.split())
    found = _PAGE_WORDS.match(words.lower())
    if not words or found is None:
        return TicketsPage(1, pages, total, ignored=words)
    return TicketsPage(max(1, min(int(found.group(1)), pages)), pages, total)


def tickets_html(
    macro: str,
    tickets: Sequence[OpenTicket],
    now: dt.datetime,
    *,
    awaiting: int = 0,
    page: TicketsPage | None = None,
) -> str:
    """The list of open tickets, oldest first, each with its age at `now`; `awaiting`: the
    team's exchanges that wait for the applicant, said under it (`/tickets`); `page`: the
    one page shown (`/tickets`; None: all, as the digest lists them)."""
    ordered = sorted(tickets, key=lambda t: (t.created_at, t.id))
    if page is not None:
        ordered = ordered[page.start : page.start + TICKETS_PAGE]
    items = [(t, format_age(t.created_at, now)) for t in ordered]
    total = len(tickets)
    return render_macro(STAFF, macro, items=items, awaiting=awaiting, page=page, total=total)
