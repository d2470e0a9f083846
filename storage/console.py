"""`dialogs.console.ConsoleRepository` on SQLModel: sign-in links, sessions, the audit log,
annotations. A mixin of `storage.repository.SqlRepository`."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, update
from sqlmodel import Session, col, select

from dialogs.console import (
    Annotation,
    AuditEntry,
    ConsoleSession,
    StaffMember,
)
from storage.models import (
    ConsoleAuditRow,
    ConsoleLinkRow,
    ConsoleSessionRow,
    StaffAnnotationRow,
)


class ConsoleMixin:
    session: Session

    def add_console_link(
        self,
        *,
        token_hash: str,
        staff: StaffMember,
        created_at: dt.datetime,
        expires_at: dt.datetime,
    ) -> None:
        self.session.add(
            ConsoleLinkRow(
                token_hash=token_hash,
                staff_user_id=staff.user_id,
                staff_name=staff.name,
                created_at=created_at,
                expires_at=expires_at,
            )
        )
        self.session.flush()

    def use_console_link(self, *, token_hash: str, at: dt.datetime) -> StaffMember | None:
        # One conditional UPDATE: two browsers opening the same link, only one gets a session.
        used = self.session.exec(
            update(ConsoleLinkRow)
            .where(
                col(ConsoleLinkRow.token_hash) == token_hash,
                col(ConsoleLinkRow.used_at).is_(None),
                col(ConsoleLinkRow.expires_at) > at,
            )
            .values(used_at=at)
        )
        if int(used.rowcount) != 1:
            return None
        row = self.session.exec(
            select(ConsoleLinkRow).where(ConsoleLinkRow.token_hash == token_hash)
        ).one()
        return StaffMember(row.staff_user_id, row.staff_name)

    def add_console_session(
        self,
        *,
        token_hash: str,
        staff: StaffMember,
        csrf_token: str,
        created_at: dt.datetime,
        expires_at: dt.datetime,
    ) -> None:
        self.session.add(
            ConsoleSessionRow(
                token_hash=token_hash,
                staff_user_id=staff.user_id,
                staff_name=staff.name,
                csrf_token=csrf_token,
                created_at=created_at,
                expires_at=expires_at,
            )
        )
        self.session.flush()

    def live_console_session(self, *, token_hash: str, at: dt.datetime) -> ConsoleSession | None:
        row = self.session.get(ConsoleSessionRow, token_hash)
        if row is None or row.ended_at is not None or row.expires_at <= at:
            return None
        return ConsoleSession(
            StaffMember(row.staff_user_id, row.staff_name), row.csrf_token, row.expires_at
        )

    def end_console_session(self, *, token_hash: str, at: dt.datetime) -> None:
        self.session.exec(
            update(ConsoleSessionRow)
            .where(col(ConsoleSessionRow.token_hash) == token_hash)
            .values(ended_at=at)
        )

    def purge_console_tokens(self, *, before: dt.datetime) -> None:
        self.session.exec(delete(ConsoleLinkRow).where(col(ConsoleLinkRow.expires_at) < before))
        self.session.exec(
            delete(ConsoleSessionRow).where(
                (col(ConsoleSessionRow.expires_at) < before)
                | (col(ConsoleSessionRow.ended_at) < before)
            )
        )

    def add_audit_entry(
        self, *, at: dt.datetime, staff: StaffMember, action: str, target: str, detail: str
    ) -> None:
        self.session.add(
            ConsoleAuditRow(
                at=at,
                staff_user_id=staff.user_id,
                staff_name=staff.name,
                action=action,
                target=target,
                detail=detail,
            )
        )
        self.session.flush()

    def audit_entries(
        self, *, limit: int, offset: int = 0, actions: tuple[str, ...] | None = None
    ) -> list[AuditEntry]:
        query = select(ConsoleAuditRow)
        if actions is not None:
            query = query.where(col(ConsoleAuditRow.action).in_(actions))
        rows = self.session.exec(
            query.order_by(col(ConsoleAuditRow.id).desc()).limit(limit).offset(offset)
        )
        return [
            AuditEntry(
                id=row.id or 0,
                at=row.at,
                staff=StaffMember(row.staff_user_id, row.staff_name),
                action=row.action,
                target=row.target,
                detail=row.detail,
            )
            for row in rows
        ]

    def add_annotation(
        self, *, dossier_id: int, staff: StaffMember, text: str, at: dt.datetime
    ) -> Annotation:
        row = StaffAnnotationRow(
            dossier_id=dossier_id,
            staff_user_id=staff.user_id,
            staff_name=staff.name,
            text=text,
            at=at,
        )
        self.session.add(row)
        self.session.flush()
        return _annotation(row)

    def annotations(self, dossier_id: int) -> list[Annotation]:
        rows = self.session.exec(
            select(StaffAnnotationRow)
            .where(StaffAnnotationRow.dossier_id == dossier_id)
            .order_by(col(StaffAnnotationRow.id))
        )
        return [_annotation(row) for row in rows]

    def delete_annotations(self, dossier_ids: list[int]) -> None:
        """With the dossiers they are about (an erasure), not left to ON DELETE CASCADE."""
        self.session.exec(
            delete(StaffAnnotationRow).where(col(StaffAnnotationRow.dossier_id).in_(dossier_ids))
        )


def _annotation(row: StaffAnnotationRow) -> Annotation:
    assert row.id is not None, "flushed rows have an id"
    return Annotation(
        id=row.id,
        dossier_id=row.dossier_id,
        staff=StaffMember(row.staff_user_id, row.staff_name),
        text=row.text,
        at=row.at,
    )
