"""`dossier_summary.siret` (indexed) and `dossier_summary.missing_section_ids`: staff are
told when two applicants' dossiers give the same SIRET (« Même SIRET que le dossier n° X »)
with an indexed lookup, never a load of every dossier; the export names the sections with
a required answer missing. Summaries are recomputed at the next listing (`FACTS_VERSION` 9).

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("dossier_summary") as batch:
        batch.add_column(
            sa.Column("missing_section_ids", sa.String(), nullable=False, server_default="")
        )
        batch.add_column(sa.Column("siret", sa.String(length=14), nullable=True))
        batch.create_index("ix_dossier_summary_siret", ["siret"])


def downgrade() -> None:
    with op.batch_alter_table("dossier_summary") as batch:
        batch.drop_index("ix_dossier_summary_siret")
        batch.drop_column("siret")
        batch.drop_column("missing_section_ids")
