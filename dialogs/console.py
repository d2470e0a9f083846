"""The staff console's rules, without the web: sign-in links, sessions, the audit log and
staff's private annotations on dossiers.

Sign-in: a staff member sends `/console` to the bot, which asks `issue_link` for a one-time
link valid `LINK_TTL`; opening it (`open_session`) uses it up and starts a session valid
`SESSION_TTL`, carried by a cookie. Only SHA-256 digests of the link's and the session's
tokens are stored: a copy of the database opens nothing. Each session has its own CSRF
token, which every form of the console sends back (`check_csrf`).

Every staff action goes through `record` (who, when, what), sign-in included.

The clocks are injected: the composition root gives the console the system clock for its
links and sessions even when AAP_BOT_TODAY fixes the interview's date, so that they really
expire; annotations and the Journal are dated by `stamps`, the application's clock, like
everything else the console shows (they showed the wall clock's dates beside the injected
clock's).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any, Protocol

from dialogs.ports import Clock, Ticket, TicketOpener

LINK_TTL = dt.timedelta(minutes=10)
SESSION_TTL = dt.timedelta(hours=8)
MAX_ANNOTATION = 4000
MAX_NAME = 256


@dataclass(frozen=True)
class StaffMember:
    """Who acts: the Telegram user who asked for the sign-in link."""

    user_id: int
    name: str


@dataclass(frozen=True)
class ConsoleSession:
    staff: StaffMember
    csrf_token: str
    expires_at: dt.datetime


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: dt.datetime
    staff: StaffMember
    action: str
    target: str
    detail: str


@dataclass(frozen=True)
class Annotation:
    id: int
    dossier_id: int
    staff: StaffMember
    text: str
    at: dt.datetime


@dataclass(frozen=True)
class SignIn:
    """A session just opened: the cookie's token (never stored) and the session."""

    token: str
    session: ConsoleSession


class ConsoleRepository(Protocol):
    """What the console keeps (`storage.console.ConsoleMixin` on SQLModel)."""

    def add_console_link(
        self,
        *,
        token_hash: str,
        staff: StaffMember,
        created_at: dt.datetime,
        expires_at: dt.datetime,
    ) -> None: ...

    def use_console_link(self, *, token_hash: str, at: dt.datetime) -> StaffMember | None:
        """Mark the link used and return its staff member; None when it is unknown, used
        or expired (then nothing changes)."""
        ...

    def add_console_session(
        self,
        *,
        token_hash: str,
        staff: StaffMember,
        csrf_token: str,
        created_at: dt.datetime,
        expires_at: dt.datetime,
    ) -> None: ...

    def live_console_session(self, *, token_hash: str, at: dt.datetime) -> ConsoleSession | None:
        """The session, when it exists, has not ended and has not expired at `at`."""
        ...

    def end_console_session(self, *, token_hash: str, at: dt.datetime) -> None: ...

    def purge_console_tokens(self, *, before: dt.datetime) -> None:
        """Forget links and sessions expired (or ended) before `before`."""
        ...

    def add_audit_entry(
        self, *, at: dt.datetime, staff: StaffMember, action: str, target: str, detail: str
    ) -> None: ...

    def audit_entries(
        self, *, limit: int, offset: int = 0, actions: tuple[str, ...] | None = None
    ) -> list[AuditEntry]:
        """Newest first; only `actions` when given."""
        ...

    def add_annotation(
        self, *, dossier_id: int, staff: StaffMember, text: str, at: dt.datetime
    ) -> Annotation: ...

    def get_ticket(self, ticket_id: int) -> Ticket | None: ...

    def annotations(self, dossier_id: int) -> list[Annotation]:
        """Oldest first."""
        ...


class ConsoleStore(Protocol):
    def transaction(self) -> AbstractContextManager[Any]:
        """A repository fitting `ConsoleRepository` (and `dialogs.ports.Repository`)."""
        ...


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class ConsoleService:
    def __init__(
        self,
        *,
        store: ConsoleStore,
        clock: Clock,
        link_ttl: dt.timedelta = LINK_TTL,
        session_ttl: dt.timedelta = SESSION_TTL,
        stamps: Clock | None = None,
    ) -> None:
        self.store = store
        self.clock = clock
        self.stamps = stamps or clock
        self.link_ttl = link_ttl
        self.session_ttl = session_ttl

    # -- signing in ---------------------------------------------------------------------------
    def issue_link(self, staff: StaffMember) -> str:
        """A new one-time token for `staff` (the caller checked they are staff); only its
        digest is kept."""
        token = secrets.token_urlsafe(32)
        now = self.clock.now()
        member = StaffMember(staff.user_id, staff.name.strip()[:MAX_NAME] or str(staff.user_id))
        with self.store.transaction() as repo:
            repo.purge_console_tokens(before=now - dt.timedelta(days=1))
            repo.add_console_link(
                token_hash=digest(token),
                staff=member,
                created_at=now,
                expires_at=now + self.link_ttl,
            )
        return token

    def open_session(self, link_token: str) -> SignIn | None:
        """Use up a sign-in link and open a session; None when the link is unknown, already
        used or expired."""
        if not link_token or len(link_token) > 128:
            return None
        now = self.clock.now()
        token = secrets.token_urlsafe(32)
        with self.store.transaction() as repo:
            staff = repo.use_console_link(token_hash=digest(link_token), at=now)
            if staff is None:
                return None
            session = ConsoleSession(staff, secrets.token_urlsafe(24), now + self.session_ttl)
            repo.add_console_session(
                token_hash=digest(token),
                staff=staff,
                csrf_token=session.csrf_token,
                created_at=now,
                expires_at=session.expires_at,
            )
            repo.add_audit_entry(
                at=self.stamps.now(), staff=staff, action="sign_in", target="", detail=""
            )
        return SignIn(token, session)

    def session(self, token: str | None) -> ConsoleSession | None:
        """The live session of a cookie's token, None otherwise."""
        if not token or len(token) > 128:
            return None
        with self.store.transaction() as repo:
            found: ConsoleSession | None = repo.live_console_session(
                token_hash=digest(token), at=self.clock.now()
            )
        return found

    def sign_out(self, token: str, session: ConsoleSession) -> None:
        now = self.clock.now()
        with self.store.transaction() as repo:
            repo.end_console_session(token_hash=digest(token), at=now)
            repo.add_audit_entry(
                at=self.stamps.now(), staff=session.staff, action="sign_out", target="", detail=""
            )

    @staticmethod
    def check_csrf(session: ConsoleSession, sent: str | None) -> bool:
        return sent is not None and hmac.compare_digest(
            session.csrf_token.encode(), sent.encode("utf-8", "replace")
        )

    # -- the audit log ------------------------------------------------------------------------
    def record(self, staff: StaffMember, action: str, target: str = "", detail: str = "") -> None:
        with self.store.transaction() as repo:
            repo.add_audit_entry(
                at=self.stamps.now(),
                staff=staff,
                action=action,
                target=target[:128],
                detail=detail[:2000],
            )

    def audit_log(
        self, *, limit: int = 100, offset: int = 0, actions: tuple[str, ...] | None = None
    ) -> list[AuditEntry]:
        with self.store.transaction() as repo:
            entries: list[AuditEntry] = repo.audit_entries(
                limit=limit, offset=offset, actions=actions
            )
        return entries

    def ticket_kinds(self, entries: list[AuditEntry]) -> dict[int, TicketOpener]:
        """Who opened each ticket the `entries` act on (target "question N"): the journal
        names it as its page does, « question n° 3 » or « échange n° 7 »; a ticket erased
        since (its applicant's data) is absent, and named « demande »."""
        numbers = {
            int(number)
            for kind, _, number in (e.target.partition(" ") for e in entries)
            if kind == "question" and number.isdigit() and len(number) <= 12
        }
        with self.store.transaction() as repo:
            found = {n: repo.get_ticket(n) for n in sorted(numbers)}
        return {n: t.opened_by for n, t in found.items() if t is not None}

    # -- annotations --------------------------------------------------------------------------
    def annotate(self, staff: StaffMember, dossier_id: int, text: str) -> Annotation | None:
        """A private note on a dossier (recorded in the audit log); None when the text is
        empty or longer than `MAX_ANNOTATION` (never cut), or the dossier does not exist."""
        body = text.strip()
        if not body or len(body) > MAX_ANNOTATION:
            return None
        now = self.stamps.now()
        with self.store.transaction() as repo:
            if repo.get_dossier(dossier_id) is None:
                return None
            note: Annotation = repo.add_annotation(
                dossier_id=dossier_id, staff=staff, text=body, at=now
            )
            repo.add_audit_entry(
                at=now, staff=staff, action="annotation", target=f"dossier {dossier_id}", detail=""
            )
        return note

    def annotations(self, dossier_id: int) -> list[Annotation]:
        with self.store.transaction() as repo:
            notes: list[Annotation] = repo.annotations(dossier_id)
        return notes

    def journal(self, dossier_id: int) -> list[tuple[str, Any, dt.datetime]]:
        """The dossier's accepted answers, oldest first (key, value, when)."""
        with self.store.transaction() as repo:
            entries: list[tuple[str, Any, dt.datetime]] = repo.answer_journal(dossier_id)
        return entries
