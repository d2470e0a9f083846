"""What the repository holds about one person beyond dossiers and tickets, for the rights of
access (`account_data`) and erasure (`delete_account_extras`).

A mixin of `storage.repository.SqlRepository`. The owner's Telegram user id is read from the
owner name ("telegram:<id>"): the update journal and the old announcement claims are keyed by
it ("user:<id>", "annonce:<update>:<chat id>").
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete
from sqlmodel import Session, col, select

from storage.announcements import AnnouncementsMixin
from storage.models import (
    AnnouncementRecipientRow,
    FsmRecordRow,
    ProcessedEventRow,
    UserRow,
)
from storage.prompts import PromptsMixin
from storage.updates import pending_in_session


def telegram_id(owner: str) -> int | None:
    prefix, _, number = owner.partition(":")
    return int(number) if prefix == "telegram" and number.isdigit() else None


class PersonalDataMixin(PromptsMixin, AnnouncementsMixin):
    session: Session
    #: Set by an erasure: the store then has SQLite fold its write-ahead log into the file.
    erased: bool = False

    def account_data(self, owner: str) -> dict[str, Any]:
        user = self.session.get(UserRow, owner)
        states = self.session.exec(select(FsmRecordRow).where(FsmRecordRow.owner == owner))
        announcements = self.session.exec(
            select(AnnouncementRecipientRow)
            .where(AnnouncementRecipientRow.owner == owner)
            .order_by(col(AnnouncementRecipientRow.announcement_id))
        )
        user_id = telegram_id(owner)
        return {
            "account": None
            if user is None
            else {
                "created_at": user.created_at.isoformat(),
                "last_seen_at": user.last_seen_at.isoformat(),
                # « Votre message est-il pour l’équipe ? »: the words kept while it waits
                "team_question": user.team_question,
            },
            "conversation_state": [
                {"state": row.state, "data": row.data, "updated_at": row.updated_at.isoformat()}
                for row in states
            ],
            "announcements_received": [
                {
                    "announcement": row.announcement_id,
                    "status": row.status,
                    "at": row.at.isoformat(),
                }
                for row in announcements
            ],
            **self.prompt_data(owner),
            "messages_not_yet_processed": []
            if user_id is None
            else pending_in_session(self.session, user=f"user:{user_id}"),
        }

    def delete_account_extras(self, owner: str) -> None:
        """The owner's questions asked/delivered, announcement claims and FSM state."""
        self.delete_prompt_data(owner)
        self.delete_announcement_claims(owner)
        self.session.exec(delete(FsmRecordRow).where(col(FsmRecordRow.owner) == owner))
        user_id = telegram_id(owner)
        if user_id is not None:  # claims of announcements sent before `announcement_recipient`
            self.session.exec(
                delete(ProcessedEventRow).where(
                    col(ProcessedEventRow.event_id).like("annonce:%"),
                    col(ProcessedEventRow.event_id).endswith(f":{user_id}"),
                )
            )
        self.erased = True
