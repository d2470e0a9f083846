"""`announcement.author_name` and `announcement.confirmed_by_name`: the names of the staff
member who wrote an announcement and of the one who sent it, as Telegram or the console gave
them, so that the console says who sent an `/annonce` (it said « Telegram (/annonce) ») and
the announcement's page who wrote and sent it. Announcements sent before stay without.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("announcement") as batch:
        batch.add_column(sa.Column("author_name", sa.String(length=256), nullable=True))
        batch.add_column(sa.Column("confirmed_by_name", sa.String(length=256), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("announcement") as batch:
        batch.drop_column("confirmed_by_name")
        batch.drop_column("author_name")
