"""`dialogs.ports.TicketRepository` on SQLModel: questions asked, tickets, staff topics, FAQ.

A mixin of `storage.repository.SqlRepository`, so the interview and the tickets share one
session, hence one transaction (an erasure removes dossiers and tickets together).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, cast

from sqlalchemy import Table, and_, delete, func, not_, update
from sqlalchemy import select as select_core
from sqlmodel import Session, col, select

from dialogs.ports import (
    AskedQuestion,
    ErasedPost,
    FaqRecord,
    StaffPostKind,
    Ticket,
    TicketAuthor,
    TicketMessage,
    TicketOpener,
    TicketStatus,
)
from dialogs.question_figures import FAQ_SOURCE_PREFIX, QuestionFigures
from storage.models import (
    AskedQuestionRow,
    ConsoleAuditRow,
    DossierRow,
    ErasedStaffPostRow,
    FaqEntryRow,
    QuestionTallyRow,
    StaffPostRow,
    StaffTopicRow,
    TicketMessageRow,
    TicketPostRow,
    TicketRow,
    UserRow,
    utc_now,
)

#: The Journal's action when an erasure took an FAQ entry away (`delete_support_data`).
FAQ_ERASED = "faq_erased"


class TicketNotFound(LookupError):
    def __init__(self, ticket_id: int) -> None:
        super().__init__(f"no ticket #{ticket_id}")
        self.ticket_id = ticket_id


class TicketsMixin:
    session: Session

    # Questions asked

    def add_asked_question(
        self,
        *,
        owner: str,
        dossier_id: int | None,
        text: str,
        answer: str | None,
        source: str,
        confident: bool,
        at: dt.datetime,
    ) -> AskedQuestion:
        row = AskedQuestionRow(
            owner=owner,
            dossier_id=dossier_id,
            text=text,
            answer=answer,
            source=source[:512],
            confident=confident,
            at=at,
        )
        self.session.add(row)
        self.session.flush()
        return _asked(row)

    def get_asked_question(self, question_id: int) -> AskedQuestion | None:
        row = self.session.get(AskedQuestionRow, question_id)
        return None if row is None else _asked(row)

    # Tickets

    def add_ticket(
        self,
        *,
        owner: str,
        dossier_id: int | None,
        asked_question_id: int | None,
        question: str,
        at: dt.datetime,
        opened_by: TicketOpener = "applicant",
    ) -> Ticket:
        row = TicketRow(
            owner=owner,
            dossier_id=dossier_id,
            asked_question_id=asked_question_id,
            question=question,
            opened_by=opened_by,
            status="open",
            created_at=at,
            updated_at=at,
        )
        self.session.add(row)
        self.session.flush()
        return _ticket(row)

    def get_ticket(self, ticket_id: int) -> Ticket | None:
        row = self.session.get(TicketRow, ticket_id)
        return None if row is None else _ticket(row)

    def ticket_for_question(self, asked_question_id: int) -> Ticket | None:
        query = select(TicketRow).where(TicketRow.asked_question_id == asked_question_id)
        row = self.session.exec(query).first()
        return None if row is None else _ticket(row)

    def list_tickets(
        self, *, owner: str | None = None, statuses: tuple[TicketStatus, ...] | None = None
    ) -> list[Ticket]:
        query = select(TicketRow).order_by(col(TicketRow.created_at), col(TicketRow.id))
        if owner is not None:
            query = query.where(TicketRow.owner == owner)
        if statuses is not None:
            query = query.where(col(TicketRow.status).in_(statuses))
        return [_ticket(row) for row in self.session.exec(query)]

    def question_figures(
        self, *, faq_prefix: str = FAQ_SOURCE_PREFIX, owner: str | None = None
    ) -> QuestionFigures:
        """Counted by the database; only the answered tickets' waits come back (one pair of
        dates each) for the median. With the anonymous sums of erased applicants' figures
        (`question_tally`), unless for one `owner` (what their erasure adds to the sums)."""
        connection = self.session.connection()
        asked = _table(AskedQuestionRow)
        tickets = _table(TicketRow)
        messages = _table(TicketMessageRow)
        confident = asked.c.confident.is_(True)
        from_faq = asked.c.source.startswith(faq_prefix, autoescape=True)
        # Each question once: a question answered automatically then passed on to the team
        # (judged unhelpful) is one of the team's, not one of the call's or the FAQ's.
        passed_on = tickets.c.id.is_not(None)
        kept = tickets.c.id.is_(None)
        questions = select_core(
            func.count(),
            func.count().filter(and_(confident, not_(from_faq), kept)),
            func.count().filter(and_(confident, from_faq, kept)),
            func.count().filter(and_(confident, passed_on)),
        ).select_from(asked.outerjoin(tickets, tickets.c.asked_question_id == asked.c.id))
        if owner is not None:
            questions = questions.where(asked.c.owner == owner)
        total, from_call, faq, after_answer = connection.execute(questions).one()
        staff_answered = (
            select_core(messages.c.ticket_id)
            .where(messages.c.author == "staff")
            .where(messages.c.ticket_id == tickets.c.id)
            .exists()
        )
        # Each ticket's latest message: an open ticket whose latest word is the team's, never
        # delivered (no copy in the applicant's chat), has an answer that did not arrive;
        # any other open ticket waits for the team (a follow-up reopens an answered one).
        latest_id = (
            select_core(func.max(messages.c.id))
            .where(messages.c.ticket_id == tickets.c.id)
            .scalar_subquery()
        )
        latest = messages.alias("latest")
        # The team's own messages to applicants (`/ecrire`) are no questions: counted apart
        # (`written`), out of the escalated questions and the answer delays.
        asked_by_applicant = tickets.c.opened_by == "applicant"
        written_by_staff = tickets.c.opened_by == "staff"
        undelivered_now = and_(
            tickets.c.status == "open",
            latest.c.author == "staff",
            latest.c.applicant_message_id.is_(None),
        )
        # One state per ticket (`QuestionFigures`): waiting, answered, closed unanswered.
        waiting_now = and_(tickets.c.status == "open", not_(undelivered_now))
        closed_unanswered_now = and_(tickets.c.status == "closed", not_(staff_answered))
        states = select_core(
            func.count().filter(asked_by_applicant),
            func.count().filter(and_(asked_by_applicant, waiting_now)),
            func.count().filter(and_(asked_by_applicant, waiting_now, staff_answered)),
            func.count().filter(and_(asked_by_applicant, undelivered_now)),
            func.count().filter(and_(asked_by_applicant, closed_unanswered_now)),
            func.count().filter(and_(asked_by_applicant, tickets.c.asked_question_id.is_(None))),
            func.count().filter(written_by_staff),
            func.count().filter(and_(written_by_staff, waiting_now)),
        ).select_from(tickets.outerjoin(latest, latest.c.id == latest_id))
        first = (
            select_core(tickets.c.created_at, func.min(messages.c.at))
            .join(messages, messages.c.ticket_id == tickets.c.id)
            .where(messages.c.author == "staff", asked_by_applicant)
            .group_by(tickets.c.id, tickets.c.created_at)
        )
        if owner is not None:
            states = states.where(tickets.c.owner == owner)
            first = first.where(tickets.c.owner == owner)
        counts = connection.execute(states).one()
        escalated, waiting, followed_up, undelivered, closed_unanswered = counts[:5]
        direct, written, replied = counts[5:]
        delays = tuple(
            max(answered - created, dt.timedelta(0))
            for created, answered in connection.execute(first)
        )
        figures = QuestionFigures(
            # A ticket with no question recorded (none is opened so nowadays) is one too.
            asked=total + direct,
            answered_from_call=from_call,
            answered_from_faq=faq,
            escalated=escalated,
            escalated_after_answer=after_answer,
            answered=escalated - waiting - closed_unanswered,
            undelivered=undelivered,
            waiting=waiting,
            followed_up=followed_up,
            closed_unanswered=closed_unanswered,
            answered_by_staff=len(delays),
            staff_answer_delays=delays,
            written=written,
            written_replied=replied,
        )
        if owner is not None:
            return figures
        tally = self.session.get(QuestionTallyRow, _TALLY)
        return figures if tally is None else figures.with_erased(_tallied(tally))

    def _tally_erased(self, owner: str) -> None:
        """Add `owner`'s question figures to the anonymous sums before their questions and
        tickets go (`delete_support_data`)."""
        erased = self.question_figures(owner=owner).as_erased()
        if erased == QuestionFigures():
            return
        tally = self.session.get(QuestionTallyRow, _TALLY) or QuestionTallyRow(id=_TALLY)
        tally.asked += erased.asked
        tally.answered_from_call += erased.answered_from_call
        tally.answered_from_faq += erased.answered_from_faq
        tally.escalated += erased.escalated
        tally.escalated_after_answer += erased.escalated_after_answer
        tally.answered += erased.answered
        tally.closed_unanswered += erased.closed_unanswered
        tally.written += erased.written
        tally.answer_delays = [
            *tally.answer_delays,
            *(delay.total_seconds() for delay in erased.staff_answer_delays),
        ]
        self.session.add(tally)
        self.session.flush()

    def set_ticket_status(self, *, ticket_id: int, status: TicketStatus, at: dt.datetime) -> Ticket:
        row = self.session.get(TicketRow, ticket_id)
        if row is None:
            raise TicketNotFound(ticket_id)
        row.status = status
        row.updated_at = at
        if status == "answered":
            row.answered_at = at
        if status == "closed":
            row.closed_at = at
        else:
            row.closed_at = None
        self.session.add(row)
        self.session.flush()
        return _ticket(row)

    def close_ticket(self, *, ticket_id: int, at: dt.datetime) -> bool:
        result = self.session.exec(
            update(TicketRow)
            .where(col(TicketRow.id) == ticket_id, col(TicketRow.status) != "closed")
            .values(status="closed", updated_at=at, closed_at=at)
        )
        self.session.expire_all()
        return bool(result.rowcount)

    # Ticket messages

    def add_ticket_message(
        self,
        *,
        ticket_id: int,
        author: TicketAuthor,
        text: str,
        at: dt.datetime,
        staff_chat_id: int | None = None,
        staff_message_id: int | None = None,
        staff_name: str | None = None,
    ) -> TicketMessage:
        row = TicketMessageRow(
            ticket_id=ticket_id,
            author=author,
            text=text,
            at=at,
            staff_chat_id=staff_chat_id,
            staff_message_id=staff_message_id,
            staff_name=None if staff_name is None else staff_name[:256],
        )
        self.session.add(row)
        self.session.flush()
        return _message(row)

    def ticket_messages(self, ticket_id: int) -> list[TicketMessage]:
        query = (
            select(TicketMessageRow)
            .where(TicketMessageRow.ticket_id == ticket_id)
            .order_by(col(TicketMessageRow.id))
        )
        return [_message(row) for row in self.session.exec(query)]

    def set_message_ids(
        self,
        *,
        message_id: int,
        staff_chat_id: int | None = None,
        staff_message_id: int | None = None,
        applicant_message_id: int | None = None,
    ) -> None:
        row = self.session.get(TicketMessageRow, message_id)
        if row is None:
            raise LookupError(f"no ticket message #{message_id}")
        if staff_chat_id is not None:
            row.staff_chat_id = staff_chat_id
        if staff_message_id is not None:
            row.staff_message_id = staff_message_id
        if applicant_message_id is not None:
            row.applicant_message_id = applicant_message_id
        self.session.add(row)
        self.session.flush()

    def message_by_staff_message(self, *, chat_id: int, message_id: int) -> TicketMessage | None:
        query = select(TicketMessageRow).where(
            TicketMessageRow.staff_chat_id == chat_id,
            TicketMessageRow.staff_message_id == message_id,
        )
        row = self.session.exec(query.order_by(col(TicketMessageRow.id).desc())).first()
        return None if row is None else _message(row)

    def add_ticket_post(
        self, *, ticket_id: int, chat_id: int, message_id: int, at: dt.datetime
    ) -> None:
        if self.session.get(TicketRow, ticket_id) is None:
            return  # erased meanwhile: nothing to tie the note to
        self.session.add(
            TicketPostRow(ticket_id=ticket_id, chat_id=chat_id, message_id=message_id, at=at)
        )
        self.session.flush()

    def ticket_of_post(self, *, chat_id: int, message_id: int) -> int | None:
        query = select(TicketPostRow.ticket_id).where(
            TicketPostRow.chat_id == chat_id, TicketPostRow.message_id == message_id
        )
        return self.session.exec(query.order_by(col(TicketPostRow.id).desc())).first()

    def message_by_applicant_message(self, *, owner: str, message_id: int) -> TicketMessage | None:
        query = (
            select(TicketMessageRow)
            .join(TicketRow, col(TicketRow.id) == col(TicketMessageRow.ticket_id))
            .where(TicketRow.owner == owner, TicketMessageRow.applicant_message_id == message_id)
        )
        row = self.session.exec(query).first()
        return None if row is None else _message(row)

    # Staff forum topics

    def staff_topic(self, *, chat_id: int, owner: str) -> int | None:
        row = self.session.get(StaffTopicRow, (chat_id, owner))
        return None if row is None else row.message_thread_id

    def staff_topic_name(self, *, chat_id: int, owner: str) -> str | None:
        row = self.session.get(StaffTopicRow, (chat_id, owner))
        return None if row is None else row.name

    def topic_owner(self, *, chat_id: int, thread_id: int) -> str | None:
        query = select(StaffTopicRow).where(
            StaffTopicRow.chat_id == chat_id, StaffTopicRow.message_thread_id == thread_id
        )
        row = self.session.exec(query).first()
        return None if row is None else row.owner

    def set_staff_topic(
        self, *, chat_id: int, owner: str, thread_id: int, name: str, at: dt.datetime
    ) -> None:
        row = self.session.get(StaffTopicRow, (chat_id, owner))
        if row is None:
            row = StaffTopicRow(
                chat_id=chat_id, owner=owner, message_thread_id=thread_id, name=name, created_at=at
            )
        row.message_thread_id = thread_id
        row.name = name[:128]
        row.created_at = at
        self.session.add(row)
        self.session.flush()

    # FAQ

    def add_faq_entry(
        self, *, question: str, answer: str, at: dt.datetime, source_ticket_id: int | None
    ) -> FaqRecord:
        row = FaqEntryRow(
            question=question, answer=answer, created_at=at, source_ticket_id=source_ticket_id
        )
        self.session.add(row)
        self.session.flush()
        return _faq(row)

    def list_faq_entries(self) -> list[FaqRecord]:
        query = select(FaqEntryRow).order_by(col(FaqEntryRow.id))
        return [_faq(row) for row in self.session.exec(query)]

    def update_faq_entry(
        self, entry_id: int, *, answer: str | None = None, question: str | None = None
    ) -> FaqRecord | None:
        row = self.session.get(FaqEntryRow, entry_id)
        if row is None:
            return None
        if answer is not None:
            row.answer = answer
        if question is not None:
            row.question = question
        self.session.add(row)
        self.session.flush()
        return _faq(row)

    def delete_faq_entry(self, entry_id: int) -> FaqRecord | None:
        row = self.session.get(FaqEntryRow, entry_id)
        if row is None:
            return None
        entry = _faq(row)
        self.session.delete(row)
        self.session.flush()
        return entry

    # Personal data

    def support_data(self, owner: str) -> dict[str, Any]:
        questions = self.session.exec(
            select(AskedQuestionRow)
            .where(AskedQuestionRow.owner == owner)
            .order_by(col(AskedQuestionRow.id))
        )
        tickets = self.list_tickets(owner=owner)
        ids = [t.id for t in tickets]
        faq = self.session.exec(
            select(FaqEntryRow)
            .where(col(FaqEntryRow.source_ticket_id).in_(ids))
            .order_by(col(FaqEntryRow.id))
        )
        topics = self.session.exec(select(StaffTopicRow).where(StaffTopicRow.owner == owner))
        posts = self.session.exec(
            select(StaffPostRow).where(StaffPostRow.owner == owner).order_by(col(StaffPostRow.id))
        )
        return {
            "questions": [
                {
                    "question": row.text,
                    "answer": row.answer,
                    "source": row.source,
                    "confident": row.confident,
                    "dossier": row.dossier_id,
                    "at": row.at.isoformat(),
                }
                for row in questions
            ],
            "tickets": [
                {
                    "number": ticket.id,
                    "opened_by": ticket.opened_by,
                    "dossier": ticket.dossier_id,
                    "question": ticket.question,
                    "status": ticket.status,
                    "created_at": ticket.created_at.isoformat(),
                    "answered_at": _iso(ticket.answered_at),
                    "closed_at": _iso(ticket.closed_at),
                    "messages": [
                        {"author": m.author, "text": m.text, "at": m.at.isoformat()}
                        for m in self.ticket_messages(ticket.id)
                    ],
                }
                for ticket in tickets
            ],
            "faq_entries_from_your_questions": [
                {
                    "question": row.question,
                    "answer": row.answer,
                    "question_number": row.source_ticket_id,
                    "created_at": row.created_at.isoformat(),
                }
                for row in faq
            ],
            "staff_topics": [
                {
                    "staff_chat_id": row.chat_id,
                    "topic_id": row.message_thread_id,
                    "name": row.name,
                    "created_at": row.created_at.isoformat(),
                }
                for row in topics
            ],
            "staff_chat_messages_showing_you": [
                {
                    "staff_chat_id": row.chat_id,
                    "message_id": row.message_id,
                    "kind": row.kind,
                    "sent_at": row.at.isoformat(),
                }
                for row in posts
            ],
        }

    def delete_support_data(self, owner: str, *, at: dt.datetime | None = None) -> list[int]:
        """Explicit deletes (no reliance on ON DELETE CASCADE, like the dossiers); the
        numbers of the FAQ entries that went with them.

        FAQ entries published from the owner's tickets go too: their question is the
        applicant's own words (the README's erasure rules); each removal is written in the
        console's Journal (« FAQ n° 2 retirée : le candidat a effacé ses données »), and
        the owner's question figures are added to the anonymous sums first
        (`question_tally`), so that the statistics do not drop. What the staff chat shows
        of the owner (the bot's posts of their messages, their forum topic) is listed in
        `erased_staff_post`, ids only, for the bot to blank out there; staff answers are
        listed too (already `cleaned`: they are the staff's own messages), so that a staff
        reply to any of them is answered with a note rather than dropped."""
        ids = list(self.session.exec(select(TicketRow.id).where(TicketRow.owner == owner)))
        now = at or utc_now()
        self._tally_erased(owner)
        removed: list[int] = []
        if ids:
            faq = select(FaqEntryRow.id).where(col(FaqEntryRow.source_ticket_id).in_(ids))
            removed = [
                entry
                for entry in self.session.exec(faq.order_by(col(FaqEntryRow.id)))
                if entry is not None
            ]
            for entry in removed:
                self.session.add(
                    ConsoleAuditRow(
                        at=now,
                        staff_user_id=0,  # nobody of the team: the applicant's erasure
                        staff_name="",
                        action=FAQ_ERASED,
                        target=f"faq {entry}",
                        detail="",
                    )
                )
            self.session.exec(delete(FaqEntryRow).where(col(FaqEntryRow.source_ticket_id).in_(ids)))
            posts = self.session.exec(
                select(TicketMessageRow).where(
                    col(TicketMessageRow.ticket_id).in_(ids),
                    col(TicketMessageRow.staff_message_id).is_not(None),
                    col(TicketMessageRow.staff_chat_id).is_not(None),
                )
            )
            for post in posts:
                assert post.staff_chat_id is not None
                self.session.add(
                    ErasedStaffPostRow(
                        chat_id=post.staff_chat_id,
                        message_id=post.staff_message_id,
                        cleaned=post.author != "applicant",
                        at=now,
                    )
                )
            # The bot's notes about these tickets name the applicant and quote the exchange.
            notes = self.session.exec(
                select(TicketPostRow).where(col(TicketPostRow.ticket_id).in_(ids))
            )
            for tied in notes:
                self.session.add(
                    ErasedStaffPostRow(
                        chat_id=tied.chat_id, message_id=tied.message_id, cleaned=False, at=now
                    )
                )
            self.session.exec(delete(TicketPostRow).where(col(TicketPostRow.ticket_id).in_(ids)))
            self.session.exec(
                delete(TicketMessageRow).where(col(TicketMessageRow.ticket_id).in_(ids))
            )
            self.session.exec(delete(TicketRow).where(col(TicketRow.id).in_(ids)))
        for topic in self.session.exec(select(StaffTopicRow).where(StaffTopicRow.owner == owner)):
            self.session.add(
                ErasedStaffPostRow(
                    chat_id=topic.chat_id, thread_id=topic.message_thread_id, cleaned=False, at=now
                )
            )
        self._erase_staff_posts(owner, now)
        self.session.exec(delete(AskedQuestionRow).where(col(AskedQuestionRow.owner) == owner))
        self.session.exec(delete(StaffTopicRow).where(col(StaffTopicRow.owner) == owner))
        self.session.flush()
        self.session.expire_all()
        return removed

    # Erased applicants' traces in the staff chat

    def record_staff_posts(
        self,
        *,
        owners: Iterable[str],
        chat_id: int,
        message_ids: Iterable[int],
        kind: StaffPostKind,
        at: dt.datetime,
        replacing: bool = False,
    ) -> bool:
        """True when one of `owners` was erased meanwhile (between the staff command's read
        and its reply): the messages are then listed as erased posts at once, for the next
        clean-up. `replacing`: an edited listing (◀️ ▶️) names only its new page's owners."""
        ids = list(message_ids)
        if replacing:
            self.session.exec(
                delete(StaffPostRow).where(
                    col(StaffPostRow.chat_id) == chat_id, col(StaffPostRow.message_id).in_(ids)
                )
            )
        owners = list(dict.fromkeys(owners))
        if any(not self._has_data(owner) for owner in owners):
            for message_id in ids:
                self.session.add(
                    ErasedStaffPostRow(
                        chat_id=chat_id, message_id=message_id, cleaned=False, at=at, kind=kind
                    )
                )
            self.session.flush()
            return True
        for owner in owners:
            for message_id in ids:
                self.session.add(
                    StaffPostRow(
                        owner=owner, chat_id=chat_id, message_id=message_id, kind=kind, at=at
                    )
                )
        self.session.flush()
        return False

    def _has_data(self, owner: str) -> bool:
        """Whether anything of `owner` is still stored (an erasure removes all of these)."""
        return any(
            self.session.exec(select(model).where(model.owner == owner).limit(1)).first()
            is not None
            for model in (DossierRow, TicketRow, UserRow)
        )

    def _erase_staff_posts(self, owner: str, now: dt.datetime) -> None:
        """The staff-chat messages showing `owner` are listed as erased posts, once each (a
        listing showed others too: their rows for it go, the message is blanked for all)."""
        shown = list(self.session.exec(select(StaffPostRow).where(StaffPostRow.owner == owner)))
        messages = {(row.chat_id, row.message_id): row.kind for row in shown}
        for (chat_id, message_id), kind in messages.items():
            self.session.add(
                ErasedStaffPostRow(
                    chat_id=chat_id, message_id=message_id, cleaned=False, at=now, kind=kind
                )
            )
            self.session.exec(
                delete(StaffPostRow).where(
                    col(StaffPostRow.chat_id) == chat_id,
                    col(StaffPostRow.message_id) == message_id,
                )
            )

    def erased_staff_posts(self, *, cleaned: bool = False) -> list[ErasedPost]:
        query = select(ErasedStaffPostRow).where(ErasedStaffPostRow.cleaned == cleaned)
        return [
            ErasedPost(
                row.id, row.chat_id, row.message_id, row.thread_id, cast(StaffPostKind, row.kind)
            )
            for row in self.session.exec(query.order_by(col(ErasedStaffPostRow.id)))
            if row.id is not None
        ]

    def mark_erased_post_cleaned(self, post_id: int) -> None:
        row = self.session.get(ErasedStaffPostRow, post_id)
        if row is not None:
            row.cleaned = True
            self.session.add(row)
            self.session.flush()

    def is_erased_staff_post(
        self, *, chat_id: int, message_id: int | None = None, thread_id: int | None = None
    ) -> bool:
        """Whether a staff-chat message (or topic) was about an applicant now erased."""
        query = select(ErasedStaffPostRow.id).where(ErasedStaffPostRow.chat_id == chat_id)
        if message_id is not None:
            query = query.where(ErasedStaffPostRow.message_id == message_id)
        elif thread_id is not None:
            query = query.where(ErasedStaffPostRow.thread_id == thread_id)
        else:
            return False
        return self.session.exec(query.limit(1)).first() is not None


#: The one row of `question_tally`.
_TALLY = 1


def _tallied(row: QuestionTallyRow) -> QuestionFigures:
    return QuestionFigures(
        asked=row.asked,
        answered_from_call=row.answered_from_call,
        answered_from_faq=row.answered_from_faq,
        escalated=row.escalated,
        escalated_after_answer=row.escalated_after_answer,
        answered=row.answered,
        closed_unanswered=row.closed_unanswered,
        answered_by_staff=len(row.answer_delays),
        staff_answer_delays=tuple(dt.timedelta(seconds=s) for s in row.answer_delays),
        written=row.written,
    )


def _iso(value: dt.datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _asked(row: AskedQuestionRow) -> AskedQuestion:
    assert row.id is not None, "flushed rows have an id"
    return AskedQuestion(
        id=row.id,
        owner=row.owner,
        dossier_id=row.dossier_id,
        text=row.text,
        answer=row.answer,
        source=row.source,
        confident=row.confident,
        at=row.at,
    )


def _ticket(row: TicketRow) -> Ticket:
    assert row.id is not None, "flushed rows have an id"
    return Ticket(
        id=row.id,
        owner=row.owner,
        dossier_id=row.dossier_id,
        asked_question_id=row.asked_question_id,
        question=row.question,
        status=cast(TicketStatus, row.status),
        created_at=row.created_at,
        updated_at=row.updated_at,
        answered_at=row.answered_at,
        closed_at=row.closed_at,
        opened_by=cast(TicketOpener, row.opened_by),
    )


def _message(row: TicketMessageRow) -> TicketMessage:
    assert row.id is not None, "flushed rows have an id"
    return TicketMessage(
        id=row.id,
        ticket_id=row.ticket_id,
        author=cast(TicketAuthor, row.author),
        text=row.text,
        at=row.at,
        staff_chat_id=row.staff_chat_id,
        staff_message_id=row.staff_message_id,
        applicant_message_id=row.applicant_message_id,
        staff_name=row.staff_name,
    )


def _faq(row: FaqEntryRow) -> FaqRecord:
    assert row.id is not None, "flushed rows have an id"
    return FaqRecord(
        id=row.id,
        question=row.question,
        answer=row.answer,
        created_at=row.created_at,
        source_ticket_id=row.source_ticket_id,
    )


def _table(model: type[Any]) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table
