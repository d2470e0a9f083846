"""Initial tables: app_user, dossier, answer_journal.

Revision ID: 0001
Revises:
Create Date: 2025-11-25

Types are spelled out with plain SQLAlchemy types (not storage.models ones) so that this
revision keeps working whatever later happens to the models.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def json_type() -> sa.types.TypeEngine:
    return sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "dossier",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("owner", sa.String(length=128), nullable=False),
        sa.Column("call_id", sa.String(length=128), nullable=False),
        sa.Column("organisation_name", sa.String(), nullable=True),
        sa.Column("step", sa.String(length=128), nullable=False),
        sa.Column("data", json_type(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dossier")),
        sa.UniqueConstraint("uuid", name=op.f("uq_dossier_uuid")),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f("ix_dossier_owner"), "dossier", ["owner"], unique=False)

    op.create_table(
        "answer_journal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=128), nullable=False),
        sa.Column("value", json_type(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["dossier_id"],
            ["dossier.id"],
            name=op.f("fk_answer_journal_dossier_id_dossier"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_answer_journal")),
    )
    op.create_index(
        op.f("ix_answer_journal_dossier_id"), "answer_journal", ["dossier_id"], unique=False
    )

    op.create_table(
        "app_user",
        sa.Column("owner", sa.String(length=128), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=True),
        sa.Column("active_dossier_id", sa.Integer(), nullable=True),
        sa.Column("blocked", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["active_dossier_id"],
            ["dossier.id"],
            name=op.f("fk_app_user_active_dossier_id_dossier"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("owner", name=op.f("pk_app_user")),
    )
    op.create_index(
        op.f("ix_app_user_active_dossier_id"), "app_user", ["active_dossier_id"], unique=False
    )


def downgrade() -> None:
    # Referencing tables first; dropping a table drops its indexes on both databases.
    op.drop_table("app_user")
    op.drop_table("answer_journal")
    op.drop_table("dossier")
