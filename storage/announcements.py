"""`dialogs.ports.AnnouncementRepository` on SQLModel: announcements and their recipients.

An announcement waits as a "draft" from its preview to "Envoyer"; the click that confirms it
moves it to "sending" in one conditional UPDATE (a double click, or two staff members at
once, start it once), and its end to "done".

A recipient is claimed ("sending") as its message is about to leave, then settled
("delivered", "failed", "blocked"); a claim left "sending" by a crash means the outcome is
unknown, and the message is never sent again. A mixin of `storage.repository.SqlRepository`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from sqlalchemy import delete, func, update
from sqlmodel import Session, col, select

from dialogs.ports import Announcement
from storage.models import AnnouncementRecipientRow, AnnouncementRow


class AnnouncementsMixin:
    session: Session

    # The announcement itself, from its preview to its report

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
    ) -> Announcement:
        row = AnnouncementRow(
            text=text,
            audience=audience,
            author_id=author_id,
            author_name=author_name[:256] or None,
            chat_id=chat_id,
            thread_id=thread_id,
            status="draft",
            created_at=at,
        )
        self.session.add(row)
        self.session.flush()
        return _announcement(row)

    def get_announcement(self, announcement_id: int) -> Announcement | None:
        row = self.session.get(AnnouncementRow, announcement_id)
        return None if row is None else _announcement(row)

    def sent_announcements(self, *, limit: int) -> list[Announcement]:
        rows = self.session.exec(
            select(AnnouncementRow)
            .where(col(AnnouncementRow.status).in_(("sending", "done")))
            .order_by(col(AnnouncementRow.id).desc())
            .limit(limit)
        )
        return [_announcement(row) for row in rows]

    def set_announcement_audience(self, announcement_id: int, audience: str) -> bool:
        """Change a draft's audience; False once it is confirmed (or cancelled)."""
        result = self.session.exec(
            update(AnnouncementRow)
            .where(
                col(AnnouncementRow.id) == announcement_id, col(AnnouncementRow.status) == "draft"
            )
            .values(audience=audience)
        )
        self.session.expire_all()
        return bool(result.rowcount)

    def start_announcement(
        self, announcement_id: int, *, by: int, by_name: str, update_id: int, at: dt.datetime
    ) -> bool:
        """draft → sending, in one statement: True for the one click that confirmed it."""
        result = self.session.exec(
            update(AnnouncementRow)
            .where(
                col(AnnouncementRow.id) == announcement_id, col(AnnouncementRow.status) == "draft"
            )
            .values(
                status="sending",
                confirmed_by=by,
                confirmed_by_name=by_name[:256] or None,
                confirmed_at=at,
                sending_update_id=update_id,
            )
        )
        self.session.expire_all()
        return bool(result.rowcount)

    def end_announcement(self, announcement_id: int, *, status: str, at: dt.datetime) -> bool:
        """sending → done, or draft → cancelled; False when it was not in the state before."""
        before = "sending" if status == "done" else "draft"
        result = self.session.exec(
            update(AnnouncementRow)
            .where(
                col(AnnouncementRow.id) == announcement_id, col(AnnouncementRow.status) == before
            )
            .values(status=status, finished_at=at)
        )
        self.session.expire_all()
        return bool(result.rowcount)

    # Its recipients

    def claim_recipient(
        self, *, announcement_id: int, chat_id: int, owner: str, at: dt.datetime
    ) -> bool:
        """Mark the recipient "sending"; False when an earlier run already claimed it."""
        if self.session.get(AnnouncementRecipientRow, (announcement_id, chat_id)) is not None:
            return False
        self.session.add(
            AnnouncementRecipientRow(
                announcement_id=announcement_id,
                chat_id=chat_id,
                owner=owner,
                status="sending",
                at=at,
            )
        )
        self.session.flush()
        return True

    def settle_recipient(
        self, *, announcement_id: int, chat_id: int, owner: str, status: str, at: dt.datetime
    ) -> None:
        """The outcome of the message to the recipient; "unsent" forgets the claim (the
        message did not leave, e.g. a 429: it may be tried again)."""
        row = self.session.get(AnnouncementRecipientRow, (announcement_id, chat_id))
        if status == "unsent":
            if row is not None:
                self.session.delete(row)
                self.session.flush()
            return
        if row is None:
            row = AnnouncementRecipientRow(
                announcement_id=announcement_id, chat_id=chat_id, owner=owner, status=status, at=at
            )
        row.status, row.at = status, at
        self.session.add(row)
        self.session.flush()

    def announcement_counts(self, announcement_id: int) -> dict[str, int]:
        rows = self.session.exec(
            select(AnnouncementRecipientRow.status, func.count())
            .where(AnnouncementRecipientRow.announcement_id == announcement_id)
            .group_by(col(AnnouncementRecipientRow.status))
        )
        return dict(Counter({str(status): int(count) for status, count in rows}))

    def delete_announcement_claims(self, owner: str) -> None:
        self.session.exec(
            delete(AnnouncementRecipientRow).where(col(AnnouncementRecipientRow.owner) == owner)
        )


def _announcement(row: AnnouncementRow) -> Announcement:
    assert row.id is not None, "flushed rows have an id"
    return Announcement(
        id=row.id,
        text=row.text,
        audience=row.audience,
        author_id=row.author_id,
        author_name=row.author_name,
        chat_id=row.chat_id,
        thread_id=row.thread_id,
        status=row.status,
        created_at=row.created_at,
        confirmed_by=row.confirmed_by,
        sending_update_id=row.sending_update_id,
        confirmed_at=row.confirmed_at,
        confirmed_by_name=row.confirmed_by_name,
    )
