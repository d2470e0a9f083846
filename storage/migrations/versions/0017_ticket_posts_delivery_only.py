"""`ticket_post` keeps only delivery notes: the notes tied before this revision (closing
prompts, closing notes, « ✉️ Message remis » that did not say so) never told staff that a
reply to them reaches the applicant, so a reply to any of them now stays internal (a
tester's colleague remark under « La clore quand même ? » reached the applicant).

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-06
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("DELETE FROM ticket_post")


def downgrade() -> None:
    """Nothing to restore: the untied notes stay internal."""
