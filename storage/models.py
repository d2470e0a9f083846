"""SQLModel tables: users, dossiers (one JSON document each), the journal of answers, and the
questions applicants ask (answered from the call or escalated to staff as tickets).

The dossier itself lives in `DossierRow.data` as `Dossier.model_dump(mode="json")`: the
interview model evolves with each call for projects, and a JSON document plus a
`format_version` is much cheaper to evolve than one column per question. The few columns
beside it (`step`, `organisation_name`, timestamps) are denormalised for listings by staff.

Every schema change needs an Alembic revision in `storage/migrations/versions/`; the
migration tests fail when the models and the migrations disagree.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, BigInteger, Column, DateTime, ForeignKey, Integer, Text, false
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator, TypeEngine
from sqlmodel import Field, SQLModel

# Deterministic constraint names: Alembic can only drop (or batch-recreate on SQLite)
# constraints it can name, and the names must be the same on every database.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class UtcDateTime(TypeDecorator[dt.datetime]):
    """A timezone-aware datetime, stored in UTC, read back aware on every database.

    SQLite has no time zones: `DateTime(timezone=True)` silently drops the offset there and
    returns naive values. Converting to UTC on the way in and tagging UTC on the way out
    gives the same aware values on SQLite and PostgreSQL. Naive values are refused rather
    than guessed.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime refused (use an aware UTC datetime): {value!r}")
        return value.astimezone(dt.UTC)

    def process_result_value(
        self, value: dt.datetime | None, dialect: Dialect
    ) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


def json_type() -> TypeEngine[Any]:
    """JSON everywhere, JSONB on PostgreSQL (indexable, compact; key order is irrelevant)."""
    return JSON().with_variant(JSONB(), "postgresql")


class UserRow(SQLModel, table=True):
    __tablename__ = "app_user"

    owner: str = Field(
        primary_key=True, max_length=128, description='"telegram:<user id>", "terminal:local"…'
    )
    # Telegram chat ids need up to 52 bits: a 32-bit INTEGER is not enough.
    chat_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    active_dossier_id: int | None = Field(
        default=None,
        sa_column=Column(
            Integer, ForeignKey("dossier.id", ondelete="SET NULL"), nullable=True, index=True
        ),
    )
    blocked: bool = Field(default=False)
    created_at: dt.datetime = Field(
        default_factory=utc_now, sa_column=Column(UtcDateTime, nullable=False)
    )
    last_seen_at: dt.datetime = Field(
        default_factory=utc_now, sa_column=Column(UtcDateTime, nullable=False)
    )
    # The names their Telegram account gave when last seen (personal data: exported by
    # /mes_donnees, erased with the row), and the same folded for searches.
    first_name: str | None = Field(default=None, max_length=255)
    last_name: str | None = Field(default=None, max_length=255)
    username: str | None = Field(default=None, max_length=64)
    name_key: str | None = Field(default=None, max_length=600)
    # The team's message waiting for their reply (`dialogs.ports.TeamWait`), kept up to date
    # by `SupportService` whenever one of their exchanges changes: the interview reads it
    # with this row, which it touches at every answer anyway (no query of tickets).
    team_message_id: int | None = Field(default=None, nullable=True)
    team_ticket_id: int | None = Field(default=None, nullable=True)
    # « Votre message est-il pour l’équipe ? » (`dialogs.ports.TeamQuestion`): the words
    # typed while it waits are theirs (personal data: exported, erased with the row).
    team_question: dict[str, Any] | None = Field(
        default=None, sa_column=Column(json_type(), nullable=True)
    )


class DossierRow(SQLModel, table=True):
    __tablename__ = "dossier"
    # AUTOINCREMENT on SQLite: staff refer to dossiers by number, so the number of an
    # erased dossier must never be handed out again (PostgreSQL sequences never reuse).
    __table_args__ = {"sqlite_autoincrement": True}

    id: int | None = Field(default=None, primary_key=True)
    uuid: str = Field(max_length=36, unique=True)
    owner: str = Field(max_length=128, index=True)
    call_id: str = Field(max_length=128)
    organisation_name: str | None = Field(default=None)
    step: str = Field(max_length=128, description="dossier.cursor.key when last saved")
    data: dict[str, Any] = Field(sa_column=Column(json_type(), nullable=False))
    created_at: dt.datetime = Field(
        default_factory=utc_now, sa_column=Column(UtcDateTime, nullable=False)
    )
    updated_at: dt.datetime = Field(
        default_factory=utc_now, sa_column=Column(UtcDateTime, nullable=False)
    )
    version: int = Field(default=1, description="Incremented at each save")


class DossierSummaryRow(SQLModel, table=True):
    """What staff listings and statistics read of a dossier (`dialogs.dossier_facts`),
    computed from one `version` of it: a summary whose version differs from the dossier's
    is stale and recomputed before the next listing. Money in cents (exact, sortable, no
    DECIMAL type that SQLite lacks)."""

    __tablename__ = "dossier_summary"

    dossier_id: int = Field(
        sa_column=Column(
            Integer,
            ForeignKey("dossier.id", ondelete="CASCADE"),
            primary_key=True,
            autoincrement=False,
            nullable=False,
        )
    )
    version: int
    facts_version: int
    owner: str = Field(max_length=128, index=True)
    call_id: str = Field(max_length=128)
    organisation: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    search_key: str = Field(default="", sa_column=Column(Text, nullable=False))
    organisation_type: str | None = Field(default=None, max_length=255)
    legal_form: str | None = Field(default=None, max_length=255)
    eligible: bool | None = Field(default=None)
    #: Eligible, to be confirmed by the Département (`DossierFacts.reserved`).
    reserved: bool = Field(default=False, sa_column_kwargs={"server_default": false()})
    completeness: int = Field(index=True)
    readiness: str = Field(max_length=16)
    section: str = Field(max_length=64)
    section_title: str = Field(max_length=255)
    step_key: str = Field(max_length=128)
    step_label: str = Field(sa_column=Column(Text, nullable=False))
    warnings: int
    breaches: int
    missing: int
    missing_sections: int
    #: The sections with a required answer missing, their ids comma-separated in the form's
    #: order (the export names them).
    missing_section_ids: str = Field(default="", sa_column_kwargs={"server_default": ""})
    #: The organisation's SIRET (14 digits), indexed: staff are told when another
    #: applicant's dossier gives the same one (`SummariesMixin.same_siret`).
    siret: str | None = Field(default=None, max_length=14, index=True)
    departement_request_cents: int | None = Field(
        default=None, sa_column=Column(BigInteger, nullable=True)
    )
    charges_cents: int = Field(sa_column=Column(BigInteger, nullable=False))
    actions: int
    actions_fte: str | None = Field(default=None, max_length=32, description="Decimal")
    draft_generated_at: dt.datetime | None = Field(
        default=None, sa_column=Column(UtcDateTime, nullable=True)
    )
    furthest_section: str = Field(max_length=64)
    stop_section: str | None = Field(default=None, max_length=64)
    created_at: dt.datetime | None = Field(
        default=None, sa_column=Column(UtcDateTime, nullable=True)
    )
    updated_at: dt.datetime | None = Field(
        default=None, sa_column=Column(UtcDateTime, nullable=True, index=True)
    )


class AnswerRow(SQLModel, table=True):
    """Append-only journal of accepted answers (audit trail; the dossier stays the truth)."""

    __tablename__ = "answer_journal"

    id: int | None = Field(default=None, primary_key=True)
    dossier_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("dossier.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )
    key: str = Field(max_length=128)
    value: Any = Field(default=None, sa_column=Column(json_type(), nullable=True))
    at: dt.datetime = Field(sa_column=Column(UtcDateTime, nullable=False))
    revision: int | None = Field(
        default=None, description="The revision of the prompt the answer was given to"
    )


class TelegramUpdateRow(SQLModel, table=True):
    """A raw Telegram update, stored before Telegram is told it was received.

    The polling loop commits each batch here before asking for the next one (which confirms
    the batch to Telegram), so an update is never lost between receipt and processing: at
    start, the bot processes every update still `pending`.
    """

    __tablename__ = "telegram_update"

    update_id: int = Field(
        sa_column=Column(BigInteger, primary_key=True, autoincrement=False, nullable=False)
    )
    payload: dict[str, Any] = Field(sa_column=Column(json_type(), nullable=False))
    status: str = Field(default="pending", max_length=16, index=True)
    received_at: dt.datetime = Field(
        default_factory=utc_now, sa_column=Column(UtcDateTime, nullable=False)
    )
    done_at: dt.datetime | None = Field(default=None, sa_column=Column(UtcDateTime, nullable=True))
    # Whose update it is ("user:<id>", "chat:<id>"): a user's updates run in update_id order,
    # across instances too.
    user_key: str | None = Field(default=None, max_length=64, index=True)
    # The instance processing it and until when (renewed while it works): another instance
    # takes over an update only once its lease expired (its instance died).
    lease_owner: str | None = Field(default=None, max_length=64)
    lease_until: dt.datetime | None = Field(
        default=None, sa_column=Column(UtcDateTime, nullable=True)
    )


class ProcessedEventRow(SQLModel, table=True):
    """Events whose effect was applied (claimed in the same transaction as the effect)."""

    __tablename__ = "processed_event"

    event_id: str = Field(primary_key=True, max_length=128)
    at: dt.datetime = Field(default_factory=utc_now, sa_column=Column(UtcDateTime, nullable=False))


class AskedQuestionRow(SQLModel, table=True):
    """A question an applicant asked and what the knowledge base answered.

    The escalation button carries this row's id, never the question's text (callback data
    is limited to 64 bytes and must not carry personal data).
    """

    __tablename__ = "asked_question"

    id: int | None = Field(default=None, primary_key=True)
    owner: str = Field(max_length=128, index=True)
    dossier_id: int | None = Field(
        default=None,
        sa_column=Column(
            Integer, ForeignKey("dossier.id", ondelete="SET NULL"), nullable=True, index=True
        ),
    )
    text: str = Field(sa_column=Column(Text, nullable=False))
    answer: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    source: str = Field(default="", max_length=512, description="The call's section, or the FAQ")
    confident: bool = Field(default=False)
    at: dt.datetime = Field(sa_column=Column(UtcDateTime, nullable=False))


class TicketRow(SQLModel, table=True):
    """A question handed to the Département's staff (or a message an officer wrote first):
    open → answered → closed.

    A follow-up from the applicant makes an answered ticket open again. Its id is the
    number staff and applicants see ("Question n° 12"), never reused (AUTOINCREMENT).
    """

    __tablename__ = "ticket"
    __table_args__ = {"sqlite_autoincrement": True}

    id: int | None = Field(default=None, primary_key=True)
    owner: str = Field(max_length=128, index=True)
    dossier_id: int | None = Field(
        default=None,
        sa_column=Column(
            Integer, ForeignKey("dossier.id", ondelete="SET NULL"), nullable=True, index=True
        ),
    )
    asked_question_id: int | None = Field(
        default=None,
        sa_column=Column(
            Integer,
            ForeignKey("asked_question.id", ondelete="SET NULL"),
            nullable=True,
            unique=True,
        ),
    )
    question: str = Field(sa_column=Column(Text, nullable=False))
    status: str = Field(default="open", max_length=16, index=True)
    #: Who started the exchange: "applicant" (a question handed to the team) or "staff" (an
    #: officer writing first about the dossier: `/ecrire`, the console's « Écrire au
    #: candidat »; `question` then holds the officer's first message).
    opened_by: str = Field(
        default="applicant", max_length=16, sa_column_kwargs={"server_default": "applicant"}
    )
    created_at: dt.datetime = Field(sa_column=Column(UtcDateTime, nullable=False))
    updated_at: dt.datetime = Field(sa_column=Column(UtcDateTime, nullable=False))
    answered_at: dt.datetime | None = Field(
        default=None, sa_column=Column(UtcDateTime, nullable=True)
    )
    closed_at: dt.datetime | None = Field(
        default=None, sa_column=Column(UtcDateTime, nullable=True)
    )


class TicketMessageRow(SQLModel, table=True):
    """One message of a ticket's thread: the question, staff answers, follow-ups.

    `staff_chat_id`/`staff_message_id` name the message in the staff chat (the bot's post
    for the applicant's messages, the staff member's own message for answers), so that a
    reply to any of them finds the ticket; `applicant_message_id` is the copy the
    applicant received (a reply to it is a follow-up).
    """

    __tablename__ = "ticket_message"

    id: int | None = Field(default=None, primary_key=True)
    ticket_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("ticket.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )
    author: str = Field(max_length=16, description='"applicant" or "staff"')
    text: str = Field(sa_column=Column(Text, nullable=False))
    at: dt.datetime = Field(sa_column=Column(UtcDateTime, nullable=False))
    staff_chat_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    staff_message_id: int | None = Field(
        default=None, sa_column=Column(BigInteger, nullable=True, index=True)
    )
    applicant_message_id: int | None = Field(
        default=None, sa_column=Column(BigInteger, nullable=True)
    )
    #: The officer who wrote a staff message (their Telegram or console name), shown in the
    #: console; None for the applicant's messages and for staff messages recorded before
    #: 0016 (shown as « Équipe »).
    staff_name: str | None = Field(default=None, max_length=256, nullable=True)


class QuestionTallyRow(SQLModel, table=True):
    """The question figures of applicants who erased their data, as anonymous sums (one row,
    id 1): their questions and tickets go, the statistics' counts stay put (« Posées » did
    drop from 5 to 2 after an erasure). Numbers and durations only, nothing of anyone."""

    __tablename__ = "question_tally"

    id: int | None = Field(default=None, primary_key=True)
    asked: int = Field(default=0)
    answered_from_call: int = Field(default=0)
    answered_from_faq: int = Field(default=0)
    escalated: int = Field(default=0)
    escalated_after_answer: int = Field(default=0)
    answered: int = Field(default=0)
    closed_unanswered: int = Field(default=0)
    written: int = Field(default=0)
    #: Seconds before the team's first answer, one per erased ticket it answered (the
    #: median's sample).
    answer_delays: list[float] = Field(
        default_factory=list, sa_column=Column(json_type(), nullable=False)
    )


class StaffTopicRow(SQLModel, table=True):
    """The staff forum's topic of one applicant (all their tickets go there)."""

    __tablename__ = "staff_topic"

    chat_id: int = Field(
        sa_column=Column(BigInteger, primary_key=True, autoincrement=False, nullable=False)
    )
    owner: str = Field(primary_key=True, max_length=128)
    message_thread_id: int = Field(sa_column=Column(BigInteger, nullable=False, index=True))
    name: str = Field(max_length=128)
    created_at: dt.datetime = Field(sa_column=Column(UtcDateTime, nullable=False))


class FaqEntryRow(SQLModel, table=True):
    """A staff answer published for every applicant (searched with the call's text)."""

    __tablename__ = "faq_entry"

    id: int | None = Field(default=None, primary_key=True)
    question: str = Field(sa_column=Column(Text, nullable=False))
    answer: str = Field(sa_column=Column(Text, nullable=False))
    created_at: dt.datetime = Field(sa_column=Column(UtcDateTime, nullable=False))
    source_ticket_id: int | None = Field(
        default=None,
        sa_column=Column(
            Integer, ForeignKey("ticket.id", ondelete="SET NULL"), nullable=True, index=True
        ),
    )


class FsmRecordRow(SQLModel, table=True):
    """The Telegram adapter's short-lived conversation state (aiogram FSM) of one chat user,
    e.g. "the next message is a follow-up to ticket 12": kept in the database so that a
    restart does not turn that message into an answer to the interview."""

    __tablename__ = "fsm_record"

    key: str = Field(primary_key=True, max_length=255)
    owner: str = Field(max_length=128, index=True)
    state: str | None = Field(default=None, max_length=255)
    data: dict[str, Any] = Field(
        default_factory=dict, sa_column=Column(json_type(), nullable=False)
    )
    updated_at: dt.datetime = Field(sa_column=Column(UtcDateTime, nullable=False))


class PromptPoseRow(SQLModel, table=True):
    """The question an applicant is being asked now, and its revision.

    The revision grows each time the interview poses a question anew (another key, or
    another dossier), so that an answer typed to an earlier question is never filed under
    the current one (`prompt_delivery` says which question each chat message answers)."""

    __tablename__ = "prompt_pose"

    owner: str = Field(primary_key=True, max_length=128)
    dossier_id: int | None = Field(default=None)
    key: str = Field(max_length=128)
    revision: int = Field(default=0)


class PromptDeliveryRow(SQLModel, table=True):
    """A question that reached the applicant: the chat message that carried it.

    In a private chat, message ids grow with every message either side sends: a message of
    the applicant answers the last question delivered before it."""

    __tablename__ = "prompt_delivery"

    id: int | None = Field(default=None, primary_key=True)
    owner: str = Field(max_length=128, index=True)
    revision: int
    message_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    at: dt.datetime = Field(sa_column=Column(UtcDateTime, nullable=False))
    # The last update received from the applicant when the question reached them (Telegram:
    # the journal's highest update id of theirs). A message received no later was typed
    # before the question appeared, whatever its id: an edited message keeps its old id.
    after_update: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))


class AnnouncementRecipientRow(SQLModel, table=True):
    """One recipient of one announcement (`/annonce`), claimed as its message leaves.

    "sending" while the message is on its way: a crash then leaves it so, and the report
    counts it as interrupted (received or not, it is never sent twice)."""

    __tablename__ = "announcement_recipient"

    announcement_id: int = Field(
        sa_column=Column(BigInteger, primary_key=True, autoincrement=False, nullable=False)
    )
    chat_id: int = Field(
        sa_column=Column(BigInteger, primary_key=True, autoincrement=False, nullable=False)
    )
    owner: str = Field(max_length=128, index=True)
    status: str = Field(max_length=16, description="sending, delivered, failed, blocked")
    at: dt.datetime = Field(sa_column=Column(UtcDateTime, nullable=False))


class AnnouncementRow(SQLModel, table=True):
    """An announcement (`/annonce TEXTE`): its text, its audience and who wrote it, kept
    from the preview until it is sent, so that "Envoyer" (or a restart during the sending)
    finds it as it was shown.

    status: "draft" (preview shown), "sending" (confirmed by `confirmed_by`; the update
    of that click, `sending_update_id`, runs it, and runs it again after a crash),
    "done", "cancelled". Its recipients are `announcement_recipient` rows with its id."""

    __tablename__ = "announcement"

    # BIGINT: the first ids are those of the announcements claimed before this table (their
    # update id); SQLite's INTEGER so that it counts the ids itself.
    id: int | None = Field(
        default=None,
        sa_column=Column(
            BigInteger().with_variant(Integer(), "sqlite"), primary_key=True, autoincrement=True
        ),
    )
    text: str = Field(sa_column=Column(Text, nullable=False))
    audience: str = Field(max_length=64, default="all")
    author_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    # The staff member's name as Telegram or the console gave it (None before 0013).
    author_name: str | None = Field(default=None, max_length=256)
    chat_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    thread_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    status: str = Field(max_length=16, default="draft", index=True)
    created_at: dt.datetime = Field(sa_column=Column(UtcDateTime, nullable=False))
    confirmed_by: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    confirmed_by_name: str | None = Field(default=None, max_length=256)
    confirmed_at: dt.datetime | None = Field(
        default=None, sa_column=Column(UtcDateTime, nullable=True)
    )
    sending_update_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    finished_at: dt.datetime | None = Field(
        default=None, sa_column=Column(UtcDateTime, nullable=True)
    )


class ErasedStaffPostRow(SQLModel, table=True):
    """A staff-chat message or topic about an applicant who erased their data (ids only).

    The bot replaces the post's text / renames and closes the topic (`cleaned` once done),
    and a staff reply to it is answered with a note instead of being relayed."""

    __tablename__ = "erased_staff_post"

    id: int | None = Field(default=None, primary_key=True)
    chat_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    message_id: int | None = Field(
        default=None, sa_column=Column(BigInteger, nullable=True, index=True)
    )
    thread_id: int | None = Field(
        default=None, sa_column=Column(BigInteger, nullable=True, index=True)
    )
    cleaned: bool = Field(default=False)
    at: dt.datetime = Field(sa_column=Column(UtcDateTime, nullable=False))
    # What the bot does with it: "post" (a ticket's post: its text replaced), "listing" (a
    # staff command's reply naming several applicants: replaced), "document" (a draft sent
    # to the staff chat: deleted). See `dialogs.ports.StaffPostKind`.
    kind: str = Field(default="post", max_length=16, sa_column_kwargs={"server_default": "post"})


class StaffPostRow(SQLModel, table=True):
    """A message the bot sent to the staff chat that shows an applicant's data (a `/dossier`
    summary or its drafts, a `/dossiers` or `/tickets` page, the daily digest): one row per
    applicant shown, so that their erasure can blank it out (ids only)."""

    __tablename__ = "staff_post"

    id: int | None = Field(default=None, primary_key=True)
    owner: str = Field(max_length=128, index=True)
    chat_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    message_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    kind: str = Field(max_length=16)
    at: dt.datetime = Field(sa_column=Column(UtcDateTime, nullable=False))


class TicketPostRow(SQLModel, table=True):
    """A note the bot posted in the staff chat about a ticket (« ✉️ Message remis à … » after
    `/ecrire`, the console's notes, a closing's): a staff reply to it is meant for that
    ticket's applicant, as a reply to the bot's post of the applicant's words is (ids only;
    listed for blanking at the applicant's erasure, with the ticket)."""

    __tablename__ = "ticket_post"

    id: int | None = Field(default=None, primary_key=True)
    ticket_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("ticket.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )
    chat_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    message_id: int = Field(sa_column=Column(BigInteger, nullable=False, index=True))
    at: dt.datetime = Field(sa_column=Column(UtcDateTime, nullable=False))


class ConsoleLinkRow(SQLModel, table=True):
    """A one-time sign-in link to the staff console, sent by the bot to a staff member.

    Only the token's SHA-256 is kept: the link itself lives in the staff member's chat."""

    __tablename__ = "console_link"

    token_hash: str = Field(primary_key=True, max_length=64)
    staff_user_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    staff_name: str = Field(max_length=256)
    created_at: dt.datetime = Field(sa_column=Column(UtcDateTime, nullable=False))
    expires_at: dt.datetime = Field(sa_column=Column(UtcDateTime, nullable=False))
    used_at: dt.datetime | None = Field(default=None, sa_column=Column(UtcDateTime, nullable=True))


class ConsoleSessionRow(SQLModel, table=True):
    """A signed-in staff member's browser session (the cookie's token, hashed)."""

    __tablename__ = "console_session"

    token_hash: str = Field(primary_key=True, max_length=64)
    staff_user_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    staff_name: str = Field(max_length=256)
    csrf_token: str = Field(max_length=64, description="Every form of the session carries it")
    created_at: dt.datetime = Field(sa_column=Column(UtcDateTime, nullable=False))
    expires_at: dt.datetime = Field(sa_column=Column(UtcDateTime, nullable=False))
    ended_at: dt.datetime | None = Field(default=None, sa_column=Column(UtcDateTime, nullable=True))


class ConsoleAuditRow(SQLModel, table=True):
    """What a staff member did in the console (or to open it): who, when, what."""

    __tablename__ = "console_audit"

    id: int | None = Field(default=None, primary_key=True)
    at: dt.datetime = Field(sa_column=Column(UtcDateTime, nullable=False, index=True))
    staff_user_id: int = Field(sa_column=Column(BigInteger, nullable=False, index=True))
    staff_name: str = Field(max_length=256)
    action: str = Field(max_length=32, description="sign_in, annotation, answer, export…")
    target: str = Field(default="", max_length=128, description='"dossier 12", "question 3"…')
    detail: str = Field(default="", sa_column=Column(Text, nullable=False))


class StaffAnnotationRow(SQLModel, table=True):
    """A private note of the Département's staff on a dossier (never shown to the applicant;
    erased with the dossier)."""

    __tablename__ = "staff_annotation"

    id: int | None = Field(default=None, primary_key=True)
    dossier_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("dossier.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )
    staff_user_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    staff_name: str = Field(max_length=256)
    text: str = Field(sa_column=Column(Text, nullable=False))
    at: dt.datetime = Field(sa_column=Column(UtcDateTime, nullable=False))


__all__ = [
    "AnnouncementRecipientRow",
    "AnnouncementRow",
    "AnswerRow",
    "AskedQuestionRow",
    "ConsoleAuditRow",
    "ConsoleLinkRow",
    "ConsoleSessionRow",
    "DossierRow",
    "DossierSummaryRow",
    "ErasedStaffPostRow",
    "FaqEntryRow",
    "FsmRecordRow",
    "ProcessedEventRow",
    "PromptDeliveryRow",
    "PromptPoseRow",
    "QuestionTallyRow",
    "StaffAnnotationRow",
    "StaffPostRow",
    "StaffTopicRow",
    "TelegramUpdateRow",
    "TicketMessageRow",
    "TicketPostRow",
    "TicketRow",
    "UserRow",
    "UtcDateTime",
    "json_type",
    "utc_now",
]
