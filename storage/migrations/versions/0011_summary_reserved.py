"""`dossier_summary.reserved`: an eligible dossier whose eligibility the Département must
confirm (a regional or national network, an action named outside the territory), so that
staff listings, filters, statistics and exports say « à confirmer » instead of « éligible ».
Summaries are recomputed at the next listing (`FACTS_VERSION` 5).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("dossier_summary") as batch:
        batch.add_column(sa.Column("reserved", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("dossier_summary") as batch:
        batch.drop_column("reserved")
