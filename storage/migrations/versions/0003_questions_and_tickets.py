"""Questions asked, tickets for the Département's staff and their messages, staff forum
topics, FAQ entries added by staff.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "asked_question",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner", sa.String(length=128), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("answer", sa.Text(), nullable=True),
        sa.Column("source", sa.String(length=512), nullable=False),
        sa.Column("confident", sa.Boolean(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["dossier_id"],
            ["dossier.id"],
            name=op.f("fk_asked_question_dossier_id_dossier"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_asked_question")),
    )
    op.create_index(op.f("ix_asked_question_owner"), "asked_question", ["owner"])
    op.create_index(op.f("ix_asked_question_dossier_id"), "asked_question", ["dossier_id"])

    op.create_table(
        "ticket",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner", sa.String(length=128), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=True),
        sa.Column("asked_question_id", sa.Integer(), nullable=True),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["dossier_id"],
            ["dossier.id"],
            name=op.f("fk_ticket_dossier_id_dossier"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["asked_question_id"],
            ["asked_question.id"],
            name=op.f("fk_ticket_asked_question_id_asked_question"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ticket")),
        sa.UniqueConstraint("asked_question_id", name=op.f("uq_ticket_asked_question_id")),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f("ix_ticket_owner"), "ticket", ["owner"])
    op.create_index(op.f("ix_ticket_dossier_id"), "ticket", ["dossier_id"])
    op.create_index(op.f("ix_ticket_status"), "ticket", ["status"])

    op.create_table(
        "ticket_message",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("author", sa.String(length=16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("staff_chat_id", sa.BigInteger(), nullable=True),
        sa.Column("staff_message_id", sa.BigInteger(), nullable=True),
        sa.Column("applicant_message_id", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["ticket_id"],
            ["ticket.id"],
            name=op.f("fk_ticket_message_ticket_id_ticket"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ticket_message")),
    )
    op.create_index(op.f("ix_ticket_message_ticket_id"), "ticket_message", ["ticket_id"])
    op.create_index(
        op.f("ix_ticket_message_staff_message_id"), "ticket_message", ["staff_message_id"]
    )

    op.create_table(
        "staff_topic",
        sa.Column("chat_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("owner", sa.String(length=128), nullable=False),
        sa.Column("message_thread_id", sa.BigInteger(), nullable=False),
        sa.Column("name", sa.String(length=128), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("chat_id", "owner", name=op.f("pk_staff_topic")),
    )
    op.create_index(
        op.f("ix_staff_topic_message_thread_id"), "staff_topic", ["message_thread_id"]
    )

    op.create_table(
        "faq_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("source_ticket_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["source_ticket_id"],
            ["ticket.id"],
            name=op.f("fk_faq_entry_source_ticket_id_ticket"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_faq_entry")),
    )
    op.create_index(op.f("ix_faq_entry_source_ticket_id"), "faq_entry", ["source_ticket_id"])


def downgrade() -> None:
    op.drop_table("faq_entry")
    op.drop_table("staff_topic")
    op.drop_table("ticket_message")
    op.drop_table("ticket")
    op.drop_table("asked_question")
