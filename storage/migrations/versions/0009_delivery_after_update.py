"""A question's delivery remembers the last update received from the applicant before it.

In a private chat, message ids order what either side sends, except when a clicked question is
edited into the next one: the edited message keeps its old id. A text the applicant typed
before that edit (the bot restarting meanwhile, say) has a larger id than the edited message
and was taken as the answer to the question it had not seen. `after_update` (the highest
update id journaled for the applicant when the question reached them) tells them apart: an
update received no later answers an earlier question. Rows from before stay NULL (ordered by
message id alone, as before).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("prompt_delivery") as batch:
        batch.add_column(sa.Column("after_update", sa.BigInteger(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("prompt_delivery") as batch:
        batch.drop_column("after_update")
