"""The Telegram adapter's conversation state (aiogram FSM), durable across restarts.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "fsm_record",
        sa.Column("key", sa.String(length=255), nullable=False),
        sa.Column("owner", sa.String(length=128), nullable=False),
        sa.Column("state", sa.String(length=255), nullable=True),
        sa.Column(
            "data", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=False
        ),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_fsm_record")),
    )
    op.create_index(op.f("ix_fsm_record_owner"), "fsm_record", ["owner"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_fsm_record_owner"), table_name="fsm_record")
    op.drop_table("fsm_record")
