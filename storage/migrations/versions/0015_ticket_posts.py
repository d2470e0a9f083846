"""`ticket_post`: the bot's notes in the staff chat about a ticket (« ✉️ Message remis à … »
after `/ecrire`, the console's notes), so that a staff reply to one reaches that ticket's
applicant instead of silently staying in the group.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "ticket_post",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("message_id", sa.BigInteger(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["ticket_id"],
            ["ticket.id"],
            name=op.f("fk_ticket_post_ticket_id_ticket"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ticket_post")),
    )
    op.create_index(op.f("ix_ticket_post_ticket_id"), "ticket_post", ["ticket_id"], unique=False)
    op.create_index(
        op.f("ix_ticket_post_message_id"), "ticket_post", ["message_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_ticket_post_message_id"), table_name="ticket_post")
    op.drop_index(op.f("ix_ticket_post_ticket_id"), table_name="ticket_post")
    op.drop_table("ticket_post")
