"""`app_user.team_message_id`, `team_ticket_id`, `team_question`: the team's message waiting
for the applicant's reply, and where « Votre message est-il pour l’équipe ? » stands, kept
on the user row that the interview touches at every answer. Until now each text typed at
the interview first listed the applicant's tickets and their messages (one more
transaction and thread hop per answer), and the question's state (the words kept) lived in
the Telegram adapter's FSM data.

Backfilled: the waiting message from the tickets as `dialogs.team_reply.awaited_message`
finds it (the team opened the exchange, did not close it, and its last word, delivered to
the applicant, is the team's; the latest such); the question's state from the FSM records
(`TypedForTeam:choosing` and its data), which are then cleared of it, so that words kept
across the upgrade are not lost.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-06
"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: The Telegram adapter's FSM state and data keys before this revision.
CHOOSING = "TypedForTeam:choosing"
TEAM_TEXT, TEAM_SETTLED, TEAM_SCREEN, TICKET = "team_text", "team_settled", "team_screen", "ticket"


def _json() -> Any:
    return sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    with op.batch_alter_table("app_user") as batch:
        batch.add_column(sa.Column("team_message_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("team_ticket_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("team_question", _json(), nullable=True))
    bind = op.get_bind()
    _backfill_waits(bind)
    _backfill_questions(bind)


def _backfill_waits(bind: sa.Connection) -> None:
    """Per owner, the team's delivered last word of an exchange it opened and did not
    close (the latest by time, then id)."""
    meta = sa.MetaData()
    tickets = sa.Table("ticket", meta, autoload_with=bind)
    messages = sa.Table("ticket_message", meta, autoload_with=bind)
    users = sa.Table("app_user", meta, autoload_with=bind)
    live = bind.execute(
        sa.select(tickets.c.id, tickets.c.owner).where(
            tickets.c.opened_by == "staff", tickets.c.status != "closed"
        )
    ).all()
    waiting: dict[str, tuple[Any, int, int]] = {}
    for ticket_id, owner in live:
        last = bind.execute(
            sa.select(
                messages.c.id, messages.c.author, messages.c.at, messages.c.applicant_message_id
            )
            .where(messages.c.ticket_id == ticket_id)
            .order_by(messages.c.at.desc(), messages.c.id.desc())
            .limit(1)
        ).first()
        if last is None or last.author != "staff" or last.applicant_message_id is None:
            continue
        known = waiting.get(owner)
        if known is None or (last.at, last.id) > (known[0], known[1]):
            waiting[owner] = (last.at, last.id, ticket_id)
    for owner, (_, message_id, ticket_id) in waiting.items():
        bind.execute(
            users.update()
            .where(users.c.owner == owner)
            .values(team_message_id=message_id, team_ticket_id=ticket_id)
        )


def _backfill_questions(bind: sa.Connection) -> None:
    meta = sa.MetaData()
    records = sa.Table("fsm_record", meta, autoload_with=bind)
    users = sa.Table("app_user", meta, autoload_with=bind)
    for key, owner, state, data in bind.execute(
        sa.select(records.c.key, records.c.owner, records.c.state, records.c.data)
    ).all():
        if not isinstance(data, dict) or not (TEAM_SETTLED in data or state == CHOOSING):
            continue
        choosing = state == CHOOSING and isinstance(data.get(TEAM_TEXT), str)
        question = {
            "settled": data.get(TEAM_SETTLED),
            "kept": data.get(TEAM_TEXT) if choosing else None,
            "ticket_id": data.get(TICKET) if choosing else None,
            "screen": bool(data.get(TEAM_SCREEN)) if choosing else False,
            "label": None,
        }
        bind.execute(
            users.update().where(users.c.owner == owner).values(team_question=question)
        )
        left = {
            k: v for k, v in data.items() if k not in (TEAM_TEXT, TEAM_SETTLED, TEAM_SCREEN)
        }
        if choosing:
            left.pop(TICKET, None)
        bind.execute(
            records.update()
            .where(records.c.key == key)
            .values(state=None if state == CHOOSING else state, data=left)
        )


def downgrade() -> None:
    """The question's state stays in no FSM record: words kept then are asked about again
    when next typed (the waiting message is found from the tickets again)."""
    with op.batch_alter_table("app_user") as batch:
        batch.drop_column("team_question")
        batch.drop_column("team_ticket_id")
        batch.drop_column("team_message_id")
