"""Reliability: update leases and owners, prompts tied to answers, announcements, erasure.

- `telegram_update`: `user_key` (per-user order across instances), `lease_owner` and
  `lease_until` (the instance processing an update, until when);
- `answer_journal.revision`: the revision of the question an answer was given to;
- `prompt_pose`, `prompt_delivery`: the question being asked, and which chat message
  carried each question to the applicant;
- `announcement_recipient`: each recipient of an announcement, claimed as it leaves;
- `erased_staff_post`: staff-chat posts and topics of erased applicants (ids only).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "announcement_recipient",
        sa.Column("announcement_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("chat_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("owner", sa.String(length=128), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint(
            "announcement_id", "chat_id", name=op.f("pk_announcement_recipient")
        ),
    )
    op.create_index(
        op.f("ix_announcement_recipient_owner"), "announcement_recipient", ["owner"], unique=False
    )
    op.create_table(
        "erased_staff_post",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("message_id", sa.BigInteger(), nullable=True),
        sa.Column("thread_id", sa.BigInteger(), nullable=True),
        sa.Column("cleaned", sa.Boolean(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_erased_staff_post")),
    )
    op.create_index(
        op.f("ix_erased_staff_post_message_id"), "erased_staff_post", ["message_id"], unique=False
    )
    op.create_index(
        op.f("ix_erased_staff_post_thread_id"), "erased_staff_post", ["thread_id"], unique=False
    )
    op.create_table(
        "prompt_delivery",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner", sa.String(length=128), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("message_id", sa.BigInteger(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_prompt_delivery")),
    )
    op.create_index(op.f("ix_prompt_delivery_owner"), "prompt_delivery", ["owner"], unique=False)
    op.create_table(
        "prompt_pose",
        sa.Column("owner", sa.String(length=128), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=True),
        sa.Column("key", sa.String(length=128), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("owner", name=op.f("pk_prompt_pose")),
    )
    with op.batch_alter_table("answer_journal") as batch_op:
        batch_op.add_column(sa.Column("revision", sa.Integer(), nullable=True))
    with op.batch_alter_table("telegram_update") as batch_op:
        batch_op.add_column(sa.Column("user_key", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("lease_owner", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(op.f("ix_telegram_update_user_key"), ["user_key"], unique=False)
    _key_pending_updates()


def _key_pending_updates() -> None:
    """Updates left pending by the previous version get their user's key (same rule as
    `storage.updates.user_key`, copied: a revision never imports application code)."""
    table = sa.table(
        "telegram_update",
        sa.column("update_id", sa.BigInteger()),
        sa.column("payload", sa.JSON()),
        sa.column("status", sa.String()),
        sa.column("user_key", sa.String()),
    )
    connection = op.get_bind()
    pending = connection.execute(
        sa.select(table.c.update_id, table.c.payload).where(table.c.status == "pending")
    )
    for update_id, payload in list(pending):
        connection.execute(
            table.update()
            .where(table.c.update_id == update_id)
            .values(user_key=_user_key(payload if isinstance(payload, dict) else {}))
        )


def _user_key(update: dict[str, object]) -> str:
    for kind, body in update.items():
        if kind == "update_id" or not isinstance(body, dict):
            continue
        sender = body.get("from")
        if isinstance(sender, dict) and isinstance(sender.get("id"), int):
            return f"user:{sender['id']}"
        chat = body.get("chat")
        if isinstance(chat, dict) and isinstance(chat.get("id"), int):
            return f"chat:{chat['id']}"
    return f"update:{update.get('update_id')}"[:64]


def downgrade() -> None:
    with op.batch_alter_table("telegram_update") as batch_op:
        batch_op.drop_index(op.f("ix_telegram_update_user_key"))
        batch_op.drop_column("lease_until")
        batch_op.drop_column("lease_owner")
        batch_op.drop_column("user_key")
    with op.batch_alter_table("answer_journal") as batch_op:
        batch_op.drop_column("revision")
    op.drop_table("prompt_pose")
    op.drop_index(op.f("ix_prompt_delivery_owner"), table_name="prompt_delivery")
    op.drop_table("prompt_delivery")
    op.drop_index(op.f("ix_erased_staff_post_thread_id"), table_name="erased_staff_post")
    op.drop_index(op.f("ix_erased_staff_post_message_id"), table_name="erased_staff_post")
    op.drop_table("erased_staff_post")
    op.drop_index(op.f("ix_announcement_recipient_owner"), table_name="announcement_recipient")
    op.drop_table("announcement_recipient")
