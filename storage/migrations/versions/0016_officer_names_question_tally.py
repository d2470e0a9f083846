"""`ticket_message.staff_name`: the console names the officer who wrote each staff message
(older rows have none: « Équipe »); `question_tally`: the question figures of applicants who
erased their data, as anonymous sums, so that the statistics do not drop after an erasure.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("ticket_message") as batch:
        batch.add_column(sa.Column("staff_name", sa.String(length=256), nullable=True))
    counter = {"nullable": False}
    op.create_table(
        "question_tally",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("asked", sa.Integer(), **counter),
        sa.Column("answered_from_call", sa.Integer(), **counter),
        sa.Column("answered_from_faq", sa.Integer(), **counter),
        sa.Column("escalated", sa.Integer(), **counter),
        sa.Column("escalated_after_answer", sa.Integer(), **counter),
        sa.Column("answered", sa.Integer(), **counter),
        sa.Column("closed_unanswered", sa.Integer(), **counter),
        sa.Column("written", sa.Integer(), **counter),
        sa.Column(
            "answer_delays",
            sa.JSON().with_variant(postgresql.JSONB(), "postgresql"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_question_tally")),
    )


def downgrade() -> None:
    op.drop_table("question_tally")
    with op.batch_alter_table("ticket_message") as batch:
        batch.drop_column("staff_name")
