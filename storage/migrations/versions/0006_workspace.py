"""The staff workspace: applicants' names, and one summary per dossier for listings.

- `app_user.first_name`, `last_name`, `username`: what the applicant's Telegram account
  says (shown to staff, exported and erased with the user), `name_key` the same folded
  for searches;
- `dossier_summary`: the facts staff listings and statistics read (`dialogs.dossier_facts`),
  one row per dossier, recomputed when the dossier's version moves on. Empty after this
  upgrade: the first listing computes every summary.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("app_user") as batch_op:
        batch_op.add_column(sa.Column("first_name", sa.String(length=255), nullable=True))
        batch_op.add_column(sa.Column("last_name", sa.String(length=255), nullable=True))
        batch_op.add_column(sa.Column("username", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("name_key", sa.String(length=600), nullable=True))
    op.create_table(
        "dossier_summary",
        sa.Column("dossier_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("facts_version", sa.Integer(), nullable=False),
        sa.Column("owner", sa.String(length=128), nullable=False),
        sa.Column("call_id", sa.String(length=128), nullable=False),
        sa.Column("organisation", sa.Text(), nullable=True),
        sa.Column("search_key", sa.Text(), nullable=False),
        sa.Column("organisation_type", sa.String(length=255), nullable=True),
        sa.Column("legal_form", sa.String(length=255), nullable=True),
        sa.Column("eligible", sa.Boolean(), nullable=True),
        sa.Column("completeness", sa.Integer(), nullable=False),
        sa.Column("readiness", sa.String(length=16), nullable=False),
        sa.Column("section", sa.String(length=64), nullable=False),
        sa.Column("section_title", sa.String(length=255), nullable=False),
        sa.Column("step_key", sa.String(length=128), nullable=False),
        sa.Column("step_label", sa.Text(), nullable=False),
        sa.Column("warnings", sa.Integer(), nullable=False),
        sa.Column("breaches", sa.Integer(), nullable=False),
        sa.Column("missing", sa.Integer(), nullable=False),
        sa.Column("missing_sections", sa.Integer(), nullable=False),
        sa.Column("departement_request_cents", sa.BigInteger(), nullable=True),
        sa.Column("charges_cents", sa.BigInteger(), nullable=False),
        sa.Column("actions", sa.Integer(), nullable=False),
        sa.Column("actions_fte", sa.String(length=32), nullable=True),
        sa.Column("draft_generated_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("furthest_section", sa.String(length=64), nullable=False),
        sa.Column("stop_section", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["dossier_id"],
            ["dossier.id"],
            name=op.f("fk_dossier_summary_dossier_id_dossier"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("dossier_id", name=op.f("pk_dossier_summary")),
    )
    op.create_index(
        op.f("ix_dossier_summary_completeness"), "dossier_summary", ["completeness"], unique=False
    )
    op.create_index(op.f("ix_dossier_summary_owner"), "dossier_summary", ["owner"], unique=False)
    op.create_index(
        op.f("ix_dossier_summary_updated_at"), "dossier_summary", ["updated_at"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_dossier_summary_updated_at"), table_name="dossier_summary")
    op.drop_index(op.f("ix_dossier_summary_owner"), table_name="dossier_summary")
    op.drop_index(op.f("ix_dossier_summary_completeness"), table_name="dossier_summary")
    op.drop_table("dossier_summary")
    with op.batch_alter_table("app_user") as batch_op:
        batch_op.drop_column("name_key")
        batch_op.drop_column("username")
        batch_op.drop_column("last_name")
        batch_op.drop_column("first_name")
