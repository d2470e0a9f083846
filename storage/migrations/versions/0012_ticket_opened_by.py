"""`ticket.opened_by`: who started the exchange. "applicant" for a question handed to the
team (every ticket until now), "staff" for a message a Département officer wrote first about
a dossier (`/ecrire N texte`, the console's « Écrire au candidat »): the applicant reads it
as the team's message, not as an answer to a question they never asked.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("ticket") as batch:
        batch.add_column(
            sa.Column(
                "opened_by", sa.String(length=16), nullable=False, server_default="applicant"
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("ticket") as batch:
        batch.drop_column("opened_by")
