"""The staff chat's messages that show an applicant's data, blanked out at their erasure.

- `staff_post`: one row per applicant shown in a message the bot sent to the staff chat (a
  `/dossier` summary and its drafts, a `/dossiers` or `/tickets` page, the daily digest);
- `erased_staff_post.kind`: what the bot does with an erased applicant's post ("post" and
  "listing": its text replaced; "document": deleted). Rows from before are ticket posts.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "staff_post",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner", sa.String(length=128), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("message_id", sa.BigInteger(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_post")),
    )
    op.create_index(op.f("ix_staff_post_owner"), "staff_post", ["owner"], unique=False)
    with op.batch_alter_table("erased_staff_post") as batch:
        batch.add_column(
            sa.Column("kind", sa.String(length=16), nullable=False, server_default="post")
        )


def downgrade() -> None:
    with op.batch_alter_table("erased_staff_post") as batch:
        batch.drop_column("kind")
    op.drop_index(op.f("ix_staff_post_owner"), table_name="staff_post")
    op.drop_table("staff_post")
