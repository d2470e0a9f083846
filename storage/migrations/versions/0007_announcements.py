"""Announcements kept from their preview to their sending: `announcement`.

`/annonce TEXTE` now shows a preview and its audience, and sends only after "Envoyer": the
text, the audience and the author wait in this table. Its recipients stay in
`announcement_recipient`, keyed by its id. Announcements sent before this table were keyed
by their Telegram update id: each gets a row here (status "done", text unknown), so that
a new announcement's id never meets their claims.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "announcement",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("audience", sa.String(length=64), nullable=False),
        sa.Column("author_id", sa.BigInteger(), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("thread_id", sa.BigInteger(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("confirmed_by", sa.BigInteger(), nullable=True),
        sa.Column("confirmed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("sending_update_id", sa.BigInteger(), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_announcement")),
    )
    op.create_index(op.f("ix_announcement_status"), "announcement", ["status"], unique=False)
    op.execute(
        "INSERT INTO announcement (id, text, audience, author_id, chat_id, status, created_at)"
        " SELECT announcement_id, '', 'all', 0, 0, 'done', MIN(at)"
        " FROM announcement_recipient GROUP BY announcement_id"
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "SELECT setval(pg_get_serial_sequence('announcement', 'id'),"
            " COALESCE(MAX(id), 0) + 1, false) FROM announcement"
        )


def downgrade() -> None:
    op.drop_index(op.f("ix_announcement_status"), table_name="announcement")
    op.drop_table("announcement")
