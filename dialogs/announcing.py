"""Announcements to applicants: a preview, an audience, then the sending, without Telegram.

`/annonce TEXTE` creates a *draft* (text, audience, author, where it was written) and shows
the exact message applicants will receive, the audience and how many it reaches; staff may
change the audience, then "Envoyer" or "Annuler". Nothing leaves before "Envoyer". The
click that confirms a draft starts it (one conditional UPDATE: a double click, or two staff
members at once, start it once); that click's update runs the sending, and runs it again
after a crash (`Start.kind` "resume"), the recipients' claims (`StaffService.claim_recipient`)
making sure nobody gets it twice.

Audiences, each among applicants who can be reached (a private chat with the bot, not
blocked) and have a dossier: everyone; with an eligible dossier; with a dossier whose draft
is not generated yet; with a dossier still missing required answers in some section; and,
when dossiers of several calls exist, the applicants of one call. An applicant counts in an
audience when one of their dossiers does (`audience_query`: the filters of `DossierQuery`,
applied in SQL to the dossiers' summaries by `StaffService.applicants`).

```mermaid
stateDiagram-v2
    [*] --> draft: /annonce TEXTE (preview)
    draft --> draft: audience chosen
    draft --> cancelled: Annuler
    draft --> sending: Envoyer (once)
    sending --> sending: restart (the same click resumes)
    sending --> done: report
```
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from dialogs.dossier_query import DossierPage, DossierQuery
from dialogs.ports import Announcement, Clock, Store
from dialogs.spec import CallSpec
from dialogs.staff import STAFF, Applicant
from dialogs.texts import render_macro

ALL, ELIGIBLE, UNDRAFTED, INCOMPLETE = "all", "eligible", "undrafted", "incomplete"
CALL_PREFIX = "call="
FIXED_AUDIENCES = (ALL, ELIGIBLE, UNDRAFTED, INCOMPLETE)


@dataclass(frozen=True)
class AudienceChoice:
    key: str
    label: str
    count: int


@dataclass(frozen=True)
class Preview:
    """What staff see before sending: the message as applicants get it (`message`), and
    the control text (`html`) with the audiences to choose from."""

    announcement: Announcement
    message: str
    html: str
    audiences: list[AudienceChoice]
    chosen: AudienceChoice


StartKind = Literal["start", "resume", "already", "cancelled", "unknown"]


@dataclass(frozen=True)
class Start:
    """What "Envoyer" does: "start" (this click confirmed it) or "resume" (this click's
    update, processed again after a crash) send to `recipients`; "already" (another click
    confirmed it), "cancelled" and "unknown" send nothing."""

    kind: StartKind
    announcement: Announcement | None = None
    recipients: Sequence[Applicant] = ()
    audience: AudienceChoice | None = None


def announcement_message(text: str) -> str:
    """The message applicants receive (the template escapes the staff's text)."""
    return render_macro(STAFF, "announcement", message=text)


class Announcer:
    def __init__(
        self,
        *,
        store: Store,
        clock: Clock,
        specs: Callable[[str], CallSpec],
        applicants: Callable[[DossierQuery], list[Applicant]],
        dossiers: Callable[[DossierQuery], DossierPage],
    ) -> None:
        """`applicants`: who an announcement reaches among the applicants with a dossier
        matching a query (`StaffService.applicants`, one SQL query on the summaries);
        `dossiers`: the staff's listing, read for the calls dossiers belong to."""
        self.store = store
        self.clock = clock
        self._specs = specs
        self._applicants = applicants
        self._dossiers = dossiers

    # -- the draft -------------------------------------------------------------------------------
    def prepare(
        self,
        text: str,
        *,
        author_id: int,
        author_name: str,
        chat_id: int,
        thread_id: int | None,
    ) -> Preview:
        """A new draft for everyone, and its preview. `author_name`: the staff member's name
        as Telegram or the console gives it, kept so that the console can say who wrote it
        (as it says who answered a question)."""
        with self.store.transaction() as repo:
            draft = repo.add_announcement(
                text=text,
                audience=ALL,
                author_id=author_id,
                author_name=author_name.strip(),
                chat_id=chat_id,
                thread_id=thread_id,
                at=self.clock.now(),
            )
        return self._preview(draft)

    def choose(self, announcement_id: int, audience: str) -> Preview | None:
        """Another audience for a draft; None once it is sent, cancelled, or unknown."""
        if not self._known_audience(audience):
            return None
        with self.store.transaction() as repo:
            if not repo.set_announcement_audience(announcement_id, audience):
                return None
            draft = repo.get_announcement(announcement_id)
        return None if draft is None else self._preview(draft)

    def cancel(self, announcement_id: int) -> bool:
        with self.store.transaction() as repo:
            return repo.end_announcement(announcement_id, status="cancelled", at=self.clock.now())

    def get(self, announcement_id: int) -> Announcement | None:
        with self.store.transaction() as repo:
            return repo.get_announcement(announcement_id)

    def sent(self, *, limit: int = 20) -> list[Announcement]:
        """The announcements sent (or on their way), the latest first, wherever they were
        written: the console or `/annonce` in Telegram (one table for both)."""
        with self.store.transaction() as repo:
            return repo.sent_announcements(limit=limit)

    # -- the sending -----------------------------------------------------------------------------
    def start(
        self,
        announcement_id: int,
        *,
        by: int,
        by_name: str,
        update_id: int,
        audience: str | None = None,
    ) -> Start:
        """Confirm a draft ("Envoyer"), or take up again the sending this update began.
        `by`, `by_name`: who clicked, recorded with the confirmation.

        `audience`: the one the click chose (the console's form posts the audience ticked),
        set in the confirmation's transaction: a colleague's change of audience in between
        cannot redirect the sending."""
        if audience is not None and not self._known_audience(audience):
            raise ValueError(f"unknown audience {audience!r}")
        with self.store.transaction() as repo:
            if audience is not None:
                repo.set_announcement_audience(announcement_id, audience)
            started = repo.start_announcement(
                announcement_id,
                by=by,
                by_name=by_name.strip(),
                update_id=update_id,
                at=self.clock.now(),
            )
            found = repo.get_announcement(announcement_id)
        if found is None:
            return Start("unknown")
        if found.status == "cancelled":
            return Start("cancelled", found)
        resumed = found.status == "sending" and found.sending_update_id == update_id
        if not started and not resumed:
            return Start("already", found)
        recipients, choices = self._audiences(found.audience)
        chosen = next(c for c in choices if c.key == found.audience)
        return Start("start" if started else "resume", found, recipients, chosen)

    def audience_label(self, key: str) -> str:
        """An audience in words ("Candidats éligibles")."""
        return self._label(key)

    def finish(self, announcement_id: int) -> None:
        with self.store.transaction() as repo:
            repo.end_announcement(announcement_id, status="done", at=self.clock.now())

    # -- internals -------------------------------------------------------------------------------
    def _preview(self, draft: Announcement) -> Preview:
        _, choices = self._audiences(draft.audience)
        chosen = next(c for c in choices if c.key == draft.audience)
        html = render_macro(STAFF, "announce_preview", draft=draft, chosen=chosen)
        return Preview(draft, announcement_message(draft.text), html, choices, chosen)

    def _known_audience(self, key: str) -> bool:
        return key in FIXED_AUDIENCES or (
            key.startswith(CALL_PREFIX) and key.removeprefix(CALL_PREFIX) in self._calls()
        )

    def _calls(self) -> list[str]:
        """The calls dossiers belong to (only their ids are read)."""
        page = self._dossiers(DossierQuery(sort="number", limit=None))
        return sorted({item.facts.call_id for item in page.items})

    def _audiences(self, chosen: str) -> tuple[list[Applicant], list[AudienceChoice]]:
        """The recipients of `chosen`, and every audience with its count."""
        calls = self._calls()
        keys = [*FIXED_AUDIENCES, *(CALL_PREFIX + c for c in calls if len(calls) > 1)]
        if chosen not in keys:
            keys.append(chosen)  # a call whose dossiers are gone: an empty audience
        members = {key: self._applicants(audience_query(key)) for key in keys}
        choices = [AudienceChoice(key, self._label(key), len(members[key])) for key in keys]
        return members[chosen], choices

    def _label(self, key: str) -> str:
        if key.startswith(CALL_PREFIX):
            call_id = key.removeprefix(CALL_PREFIX)
            try:
                title = self._specs(call_id).identity.full_title
            except Exception:  # a call no longer served: its id says which
                title = call_id
            return render_macro(STAFF, "audience_call", title=title)
        return render_macro(STAFF, f"audience_{key}")


def audience_query(audience: str) -> DossierQuery:
    """The dossiers whose applicants an audience reaches (`DossierQuery`'s filters)."""
    if audience == ELIGIBLE:
        return DossierQuery(eligible=True)
    # An ineligible applicant can never get a draft, nor complete a dossier the interview
    # stopped: neither audience reaches them (the list's « Incomplets » filter, which
    # counts every dossier not complete, does count theirs).
    if audience == UNDRAFTED:
        return DossierQuery(drafted=False, may_get_draft=True)
    if audience == INCOMPLETE:
        return DossierQuery(missing=True, may_get_draft=True)
    if audience.startswith(CALL_PREFIX):
        return DossierQuery(call_id=audience.removeprefix(CALL_PREFIX))
    return DossierQuery()
