"""What the interview needs from the outside world, as small Protocols.

`storage/` implements them on SQLModel (SQLite or PostgreSQL); the dialogs package never
imports storage, and tests can pass any object that fits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, Protocol

from dialogs.dossier import Dossier
from dialogs.people import Identity

if TYPE_CHECKING:  # these modules import this one
    from dialogs.dossier_facts import DossierFacts
    from dialogs.dossier_query import DossierPage, DossierQuery, SummaryCounts
    from dialogs.question_figures import QuestionFigures


class Clock(Protocol):
    def now(self) -> dt.datetime:
        """Current time, timezone-aware (UTC)."""
        ...


@dataclass(frozen=True)
class StoredDossier:
    id: int
    owner: str
    dossier: Dossier
    #: How many times it was saved, when the reader knows (`Repository.get_dossier` does): an
    #: id and a version name one content of a dossier (every save bumps it).
    version: int | None = field(default=None, compare=False)


@dataclass(frozen=True)
class QuestionSeen:
    """Read with a dossier for a typed answer (`PromptRepository.get_dossier_seen`): the
    question posed now to its applicant (`posed_dossier_id`, `posed_key`, `revision`; no
    revision when none was ever posed), and the revision delivered last before their
    message (`seen`, as `revision_seen_before`)."""

    posed_dossier_id: int | None
    posed_key: str | None
    revision: int | None
    seen: int | None

    def asked(self, dossier_id: int, key: str) -> int | None:
        """The revision of question `key` of `dossier_id` if it is the one posed (then
        `pose` would give it unchanged), else None."""
        if self.revision is None or (self.posed_dossier_id, self.posed_key) != (dossier_id, key):
            return None
        return self.revision


@dataclass(frozen=True)
class TeamWait:
    """The team's message that waits for the applicant's reply (`dialogs.team_reply.
    awaited_message`), kept on their user row by `SupportService` each time one of their
    exchanges changes, so that the interview reads it with the row it touches anyway."""

    message_id: int
    ticket_id: int


@dataclass(frozen=True)
class TeamQuestion:
    """Where « Votre message est-il pour l’équipe ? » stands for one applicant
    (`dialogs.team_reply`), kept on their user row (durable: the words kept are theirs).

    `settled`: the team's message they were last asked about (asked once per message);
    `kept`: the words typed while the question waits (None: no question waits), for the
    exchange `ticket_id`; `screen` and `label`: the interview's question then (a screen of
    buttons, the reminder's label), to ask the same question again; `key`: that question's
    key (the question no longer stands once the interview has moved on: `team_reply.stale`);
    `cancelled`: « annuler » typed under the question — the words, said not sent, no longer
    wait, yet stay kept for « Envoyer à l’équipe » until other words are asked about."""

    settled: int | None = None
    kept: str | None = None
    ticket_id: int | None = None
    screen: bool = False
    label: str | None = None
    key: str | None = None
    cancelled: bool = False

    @property
    def waiting(self) -> bool:
        """Whether the question waits for the applicant's choice."""
        return self.kept is not None and self.ticket_id is not None and not self.cancelled

    def to_json(self) -> dict[str, Any]:
        return {
            "settled": self.settled,
            "kept": self.kept,
            "ticket_id": self.ticket_id,
            "screen": self.screen,
            "label": self.label,
            "key": self.key,
            "cancelled": self.cancelled,
        }

    @classmethod
    def from_json(cls, data: object) -> TeamQuestion:
        """The stored state; anything unreadable is no state (nothing asked yet)."""
        if not isinstance(data, dict):
            return cls()

        def number(value: object) -> int | None:
            return value if isinstance(value, int) and not isinstance(value, bool) else None

        kept, label, key = data.get("kept"), data.get("label"), data.get("key")
        return cls(
            settled=number(data.get("settled")),
            kept=kept if isinstance(kept, str) else None,
            ticket_id=number(data.get("ticket_id")),
            screen=data.get("screen") is True,
            label=label if isinstance(label, str) else None,
            key=key if isinstance(key, str) else None,
            cancelled=data.get("cancelled") is True,
        )


@dataclass(frozen=True)
class UserRecord:
    owner: str
    active_dossier_id: int | None
    blocked: bool
    chat_id: int | None
    identity: Identity | None = None  # the names their chat gave, when it gave any
    #: The team's message waiting for their reply, if any (`TeamWait`).
    team_wait: TeamWait | None = None
    #: « Votre message est-il pour l’équipe ? » for them (`TeamQuestion`).
    team_question: TeamQuestion = field(default_factory=TeamQuestion)


TicketStatus = Literal["open", "answered", "closed"]
TicketAuthor = Literal["applicant", "staff"]
#: Who started a ticket: the applicant's question, or an officer writing first (`/ecrire`).
TicketOpener = Literal["applicant", "staff"]


@dataclass(frozen=True)
class AskedQuestion:
    """A question an applicant asked, and what the knowledge base answered."""

    id: int
    owner: str
    dossier_id: int | None
    text: str
    answer: str | None
    source: str
    confident: bool
    at: dt.datetime


@dataclass(frozen=True)
class Ticket:
    id: int
    owner: str
    dossier_id: int | None
    asked_question_id: int | None
    question: str
    status: TicketStatus
    created_at: dt.datetime
    updated_at: dt.datetime
    answered_at: dt.datetime | None
    closed_at: dt.datetime | None
    opened_by: TicketOpener = "applicant"


@dataclass(frozen=True)
class TicketMessage:
    id: int
    ticket_id: int
    author: TicketAuthor
    text: str
    at: dt.datetime
    staff_chat_id: int | None
    staff_message_id: int | None
    applicant_message_id: int | None
    #: The officer who wrote a staff message (None: the applicant's, or recorded before the
    #: officer's name was kept: « Équipe »).
    staff_name: str | None = None


@dataclass(frozen=True)
class FaqRecord:
    id: int
    question: str
    answer: str
    created_at: dt.datetime
    source_ticket_id: int | None


StaffPostKind = Literal["post", "listing", "document"]
"""What a staff-chat message showing an applicant is, for their erasure: a ticket's "post"
(one applicant's words: its text replaced), a "listing" (a staff command's reply, maybe
naming others: its text replaced, the command to run again), a "document" (deleted)."""


@dataclass(frozen=True)
class ErasedPost:
    """A staff-chat message or forum topic about an applicant who erased their data."""

    id: int
    chat_id: int
    message_id: int | None
    thread_id: int | None
    kind: StaffPostKind = "post"


class TicketRepository(Protocol):
    """Questions, tickets, their messages, staff forum topics and the FAQ (one transaction)."""

    def add_asked_question(
        self,
        *,
        owner: str,
        dossier_id: int | None,
        text: str,
        answer: str | None,
        source: str,
        confident: bool,
        at: dt.datetime,
    ) -> AskedQuestion: ...

    def get_asked_question(self, question_id: int) -> AskedQuestion | None: ...

    def add_ticket(
        self,
        *,
        owner: str,
        dossier_id: int | None,
        asked_question_id: int | None,
        question: str,
        at: dt.datetime,
        opened_by: TicketOpener = "applicant",
    ) -> Ticket: ...

    def get_ticket(self, ticket_id: int) -> Ticket | None: ...

    def ticket_for_question(self, asked_question_id: int) -> Ticket | None: ...

    def list_tickets(
        self, *, owner: str | None = None, statuses: tuple[TicketStatus, ...] | None = None
    ) -> list[Ticket]:
        """Tickets (of one owner, with these statuses, when given), oldest first."""
        ...

    def set_ticket_status(
        self, *, ticket_id: int, status: TicketStatus, at: dt.datetime
    ) -> Ticket: ...

    def close_ticket(self, *, ticket_id: int, at: dt.datetime) -> bool:
        """Close the ticket if it is not closed yet, in one statement; False: it was (two
        staff members confirming at once close it, and tell the applicant, once)."""
        ...

    def question_figures(
        self, *, faq_prefix: str = ..., owner: str | None = None
    ) -> QuestionFigures:
        """Questions asked and how they were answered, tickets, waits for a staff answer:
        everyone's, erased applicants' anonymous sums included, or one `owner`'s."""
        ...

    def add_ticket_message(
        self,
        *,
        ticket_id: int,
        author: TicketAuthor,
        text: str,
        at: dt.datetime,
        staff_chat_id: int | None = None,
        staff_message_id: int | None = None,
        staff_name: str | None = None,
    ) -> TicketMessage: ...

    def ticket_messages(self, ticket_id: int) -> list[TicketMessage]: ...

    def set_message_ids(
        self,
        *,
        message_id: int,
        staff_chat_id: int | None = None,
        staff_message_id: int | None = None,
        applicant_message_id: int | None = None,
    ) -> None:
        """Record where a ticket message was posted (the ids given; others unchanged)."""
        ...

    def message_by_staff_message(
        self, *, chat_id: int, message_id: int
    ) -> TicketMessage | None: ...

    def add_ticket_post(
        self, *, ticket_id: int, chat_id: int, message_id: int, at: dt.datetime
    ) -> None:
        """A note the bot posted in the staff chat about this ticket (a reply to it is meant
        for the ticket's applicant)."""
        ...

    def ticket_of_post(self, *, chat_id: int, message_id: int) -> int | None:
        """The ticket a bot's note in the staff chat is about (`add_ticket_post`)."""
        ...

    def message_by_applicant_message(
        self, *, owner: str, message_id: int
    ) -> TicketMessage | None: ...

    def staff_topic(self, *, chat_id: int, owner: str) -> int | None: ...

    def staff_topic_name(self, *, chat_id: int, owner: str) -> str | None:
        """The name the applicant's topic was given (None: no topic)."""
        ...

    def topic_owner(self, *, chat_id: int, thread_id: int) -> str | None: ...

    def set_staff_topic(
        self, *, chat_id: int, owner: str, thread_id: int, name: str, at: dt.datetime
    ) -> None: ...

    def add_faq_entry(
        self, *, question: str, answer: str, at: dt.datetime, source_ticket_id: int | None
    ) -> FaqRecord: ...

    def list_faq_entries(self) -> list[FaqRecord]: ...

    def update_faq_entry(
        self, entry_id: int, *, answer: str | None = None, question: str | None = None
    ) -> FaqRecord | None:
        """The entry with its new answer or question; None when there is no such entry."""
        ...

    def delete_faq_entry(self, entry_id: int) -> FaqRecord | None:
        """The entry deleted; None when there was no such entry."""
        ...

    def support_data(self, owner: str) -> dict[str, Any]:
        """The owner's questions and tickets (with messages), JSON-serialisable."""
        ...

    def delete_support_data(self, owner: str, *, at: dt.datetime | None = None) -> list[int]:
        """Erase the owner's questions, tickets, their messages and staff topic records,
        and the FAQ entries made from them (their numbers come back, each removal is in
        the console's Journal); list their staff-chat posts as erased; their question
        figures stay in the statistics as anonymous sums."""
        ...

    def record_staff_posts(
        self,
        *,
        owners: Iterable[str],
        chat_id: int,
        message_ids: Iterable[int],
        kind: StaffPostKind,
        at: dt.datetime,
        replacing: bool = False,
    ) -> bool:
        """Remember that these staff-chat messages show these applicants (for an erasure);
        True when one of them was erased meanwhile (the messages then wait for clean-up).
        `replacing`: the messages' earlier applicants are forgotten (an edited listing)."""
        ...

    def erased_staff_posts(self, *, cleaned: bool = False) -> list[ErasedPost]: ...

    def mark_erased_post_cleaned(self, post_id: int) -> None: ...

    def is_erased_staff_post(
        self, *, chat_id: int, message_id: int | None = None, thread_id: int | None = None
    ) -> bool: ...


class PromptRepository(Protocol):
    """Which question is asked to an applicant, and which one each of their messages saw."""

    def pose(self, *, owner: str, dossier_id: int | None, key: str) -> int:
        """The revision of the question now asked (one more each time another is asked)."""
        ...

    def revision_seen_before(
        self, *, owner: str, message_id: int, received: int | None = None
    ) -> int | None:
        """The revision delivered last before the applicant's chat message `message_id`."""
        ...

    def get_dossier_seen(
        self, dossier_id: int, *, owner: str, message_id: int, received: int | None = None
    ) -> tuple[StoredDossier, QuestionSeen] | None:
        """`get_dossier`, with the question posed to `owner` and the one their message
        `message_id` saw (`QuestionSeen`), in one read."""
        ...

    def record_delivery(
        self,
        *,
        owner: str,
        revision: int,
        message_id: int,
        at: dt.datetime,
        sent: bool = False,
    ) -> int | None:
        """Record it (`sent`: in a new message, not edited into an older one); the chat
        message of the question delivered before, if another."""
        ...

    def close_update(self, *, update_id: int, at: dt.datetime) -> None:
        """The received update (`storage.updates`) was handled to the end: close it."""
        ...


@dataclass(frozen=True)
class Announcement:
    """An announcement from its preview to its report (`storage.models.AnnouncementRow`)."""

    id: int
    text: str
    audience: str
    author_id: int
    chat_id: int
    thread_id: int | None
    status: str  # draft, sending, done, cancelled
    created_at: dt.datetime
    confirmed_by: int | None
    sending_update_id: int | None
    confirmed_at: dt.datetime | None = None
    author_name: str | None = None  # who wrote it (None: recorded before names were kept)
    confirmed_by_name: str | None = None  # who clicked « Envoyer »


class AnnouncementRepository(Protocol):
    """Announcements (a draft until confirmed), and each recipient: claimed as its message
    leaves, then settled."""

    def add_announcement(
        self,
        *,
        text: str,
        audience: str,
        author_id: int,
        author_name: str,
        chat_id: int,
        thread_id: int | None,
        at: dt.datetime,
    ) -> Announcement: ...

    def get_announcement(self, announcement_id: int) -> Announcement | None: ...

    def sent_announcements(self, *, limit: int) -> list[Announcement]:
        """The announcements confirmed (sending or sent), the latest first."""
        ...

    def set_announcement_audience(self, announcement_id: int, audience: str) -> bool: ...

    def start_announcement(
        self, announcement_id: int, *, by: int, by_name: str, update_id: int, at: dt.datetime
    ) -> bool: ...

    def end_announcement(self, announcement_id: int, *, status: str, at: dt.datetime) -> bool: ...

    def claim_recipient(
        self, *, announcement_id: int, chat_id: int, owner: str, at: dt.datetime
    ) -> bool: ...

    def settle_recipient(
        self, *, announcement_id: int, chat_id: int, owner: str, status: str, at: dt.datetime
    ) -> None: ...

    def announcement_counts(self, announcement_id: int) -> dict[str, int]: ...


class Repository(TicketRepository, PromptRepository, AnnouncementRepository, Protocol):
    """Data access inside one transaction (see `Store.transaction`)."""

    def add_dossier(self, *, owner: str, dossier: Dossier) -> StoredDossier: ...

    def get_dossier(self, dossier_id: int) -> StoredDossier | None: ...

    def get_dossier_by_uuid(self, uuid: str) -> StoredDossier | None: ...

    def save_dossier(self, *, dossier_id: int, dossier: Dossier) -> int:
        """Save it; returns the dossier's new version (one more at each save)."""
        ...

    def list_dossiers(self, *, owner: str | None = None) -> list[StoredDossier]:
        """Dossiers of one owner (all owners when None), oldest first."""
        ...

    def get_user(self, owner: str) -> UserRecord | None: ...

    def upsert_user(
        self,
        *,
        owner: str,
        chat_id: int | None = None,
        seen_at: dt.datetime,
        identity: Identity | None = None,
    ) -> UserRecord:
        """Create the user or mark them seen; their names are replaced when `identity`
        gives a first name (Telegram always does), else kept."""
        ...

    def set_active_dossier(self, *, owner: str, dossier_id: int | None) -> None: ...

    def lock_user(self, *, owner: str) -> None:
        """Hold `owner`'s user row until the transaction ends (where the database locks
        rows): what is worked out from their exchanges and written to it is then written
        by one transaction after the other, each seeing the one before."""
        ...

    def set_team_wait(self, *, owner: str, wait: TeamWait | None) -> None:
        """The team's message waiting for `owner`'s reply (None: none); no user row, no-op."""
        ...

    def set_team_question(self, *, owner: str, question: TeamQuestion) -> None:
        """Where « Votre message est-il pour l’équipe ? » stands for `owner`."""
        ...

    def set_user_blocked(self, *, owner: str, blocked: bool) -> None: ...

    def record_answer(
        self,
        *,
        dossier_id: int,
        key: str,
        value: Any,
        at: dt.datetime,
        revision: int | None = None,
    ) -> None:
        """Append an accepted answer to the dossier's journal (JSON-serialisable value), with
        the revision of the question it answered."""
        ...

    def answer_journal(self, dossier_id: int) -> list[tuple[str, Any, dt.datetime]]: ...

    def claim_event(self, event_id: str) -> bool:
        """Mark an incoming event as applied; False if it already was (a redelivery)."""
        ...

    def delete_owner_data(self, owner: str) -> int:
        """Erase the user, their dossiers and journals; returns how many dossiers went."""
        ...

    # -- staff summaries (see dialogs.dossier_facts, dialogs.dossier_query) ------------------
    def stale_summaries(self, *, facts_version: int) -> list[int]:
        """Ids of dossiers whose summary is missing, of another dossier version, or
        computed by another `facts_version`, oldest first."""
        ...

    def dossiers_with_versions(self, ids: Sequence[int]) -> list[tuple[StoredDossier, int]]:
        """These dossiers (those that still exist) with their current version."""
        ...

    def save_summaries(self, facts: Sequence[DossierFacts], *, facts_version: int) -> None:
        """Store these summaries; one already computed from a later version is kept."""
        ...

    def query_summaries(self, query: DossierQuery) -> DossierPage: ...

    def same_siret(self, sirets: Sequence[str]) -> dict[str, list[tuple[int, str]]]:
        """For each of `sirets`, the dossiers (number, owner) whose summary gives it, by
        number: an indexed lookup, never a load of every dossier."""
        ...

    def summary_counts(self) -> SummaryCounts: ...

    def summary_call_ids(self, *, ready: bool = False) -> tuple[str, ...]:
        """The calls the summaries name (`ready`: of dossiers ready to file only), sorted:
        one query, where `summary_counts` runs four."""
        ...

    def query_applicants(self, query: DossierQuery) -> list[tuple[str, int]]:
        """(owner, chat id) of the applicants with a dossier matching `query` (filters
        only), each once, in the order of their first such dossier; only private chats
        (positive ids) of users who did not block the bot."""
        ...

    def account_data(self, owner: str) -> dict[str, Any]:
        """What else is held about the owner (dates, conversation state, questions asked
        and delivered, announcements, updates not processed yet), JSON-serialisable."""
        ...


class Store(Protocol):
    def transaction(self) -> AbstractContextManager[Repository]:
        """A repository whose changes are committed when the block ends without error."""
        ...
