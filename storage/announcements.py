"""`dialogs.ports.AnnouncementRepository` on SQLModel: each recipient of an announcement.

A recipient is claimed ("sending") as its message is about to leave, then settled
("delivered", "failed", "blocked"); a claim left "sending" by a crash means the outcome is
unknown, and the message is never sent again. A mixin of `storage.repository.SqlRepository`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from sqlalchemy import delete, func
from sqlmodel import Session, col, select

from storage.models import AnnouncementRecipientRow


class AnnouncementsMixin:
    session: Session

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
