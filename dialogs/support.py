"""Questions and the Département's answers: answered from the call, or escalated as tickets.

Plain Python, no Telegram: adapters call it and deliver what it returns. A question is
recorded with what the knowledge base answered (`answer_question`, the interview's
`QuestionAnswerer`); its "ask the team" button carries only the recorded question's id, and
`escalate` checks that the clicking applicant owns it, so forged ids reveal nothing. A ticket
is a thread of messages (the question, staff answers, the applicant's follow-ups), each
remembering where it was posted, so that a reply to any of them finds the ticket.

```mermaid
stateDiagram-v2
    [*] --> open: escalate
    open --> answered: staff reply delivered
    answered --> open: applicant follow-up
    open --> closed: /clore
    answered --> closed: /clore
    closed --> open: applicant follow-up
```
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from dialogs.closing import ClosingWait, closing_wait, confirmation_holds, last_seen
from dialogs.events import Button, Message
from dialogs.people import telegram_id
from dialogs.ports import (
    AskedQuestion,
    Clock,
    ErasedPost,
    FaqRecord,
    Repository,
    StaffPostKind,
    Store,
    TeamWait,
    Ticket,
    TicketMessage,
    TicketStatus,
)
from dialogs.relay_rule import addressee as relay_addressee
from dialogs.spec import CallSpec
from dialogs.support_types import (
    FEEDBACK_KEY,
    SUPPORT,
    Addressee,
    AnswerFinder,
    AnswerRefused,
    Closing,
    Escalation,
    FaqAddition,
    FoundAnswer,
    NoteRedrawn,
    Outreach,
    Posting,
    Relay,
    RelayVerdict,
    StaffWords,
    TicketView,
)
from dialogs.team_reply import awaited_wait, question_answered
from dialogs.texts import render_macro
from dialogs.ticket_view import ticket_view

__all__ = [  # the values live in `dialogs.support_types`; importing them from here works
    "ASK",
    "CANCEL_ASK",
    "ESCALATE",
    "FEEDBACK_KEY",
    "FOLLOW_UP",
    "HELPED",
    "SUPPORT",
    "Addressee",
    "AnswerFinder",
    "AnswerRefused",
    "Closing",
    "Escalation",
    "FaqAddition",
    "FoundAnswer",
    "Outreach",
    "Posting",
    "Relay",
    "RelayVerdict",
    "StaffWords",
    "SupportService",
    "TicketView",
]

HELPED, ESCALATE, ASK, FOLLOW_UP = "y", "n", "ask", "f"
CANCEL_ASK = "cancel"  # "Annuler" under "Quelle est votre question ?": back to the interview

MAX_QUESTION = 3000
#: An officer's message to an applicant written in the console or with `/ecrire`: with its
#: heading, it fits in one Telegram message (4096 characters).
MAX_STAFF_MESSAGE = 3500
#: A FAQ entry's question as applicants read it, reworded by staff (`/faq Peut-on … ?`,
#: `/faq_question N …`, the console's fields): longer is refused with its length, never cut.
MAX_FAQ_QUESTION = MAX_QUESTION
MAX_SOURCE_QUESTION = 150  # a FAQ entry's question, as named in a question's source


def takes_answers(status: TicketStatus) -> bool:
    """Whether a ticket takes a staff answer: a closed one does not (its applicant was told
    their question is settled; it opens again when they write again). `staff_reply` applies
    it for the staff group and the web console alike."""
    return status != "closed"


def exchange_to_continue(tickets: Sequence[Ticket], dossier_id: int) -> Ticket | None:
    """The team's exchange that an officer's new message to an applicant goes on in: the
    latest one the team opened about this dossier and did not close. Two officers (or one,
    twice) writing about the same dossier make one conversation for the applicant, the
    staff group, the console and `/stats`; once closed, the next message opens a new one.
    An applicant's own question is not one: the team answers it with `/repondre`."""
    going = [
        t
        for t in tickets
        if t.opened_by == "staff" and t.dossier_id == dossier_id and t.status != "closed"
    ]
    return going[-1] if going else None


def faq_question_text(question: str) -> str:
    """A reworded FAQ question as saved (spacing folded); its length is what
    `MAX_FAQ_QUESTION` limits."""
    return " ".join(question.split())


def _same_words(a: str, b: str) -> bool:
    """The same text, whatever its case and spacing."""
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def already_in_faq(
    entries: Sequence[FaqRecord], question: str, answer: str, ticket_id: int | None = None
) -> FaqRecord | None:
    """The FAQ entry that already holds this answer: made from the same ticket (its answer
    may have been edited since), or the same question with the same answer. Every way of
    adding to the FAQ checks it first."""
    for entry in entries:
        if ticket_id is not None and entry.source_ticket_id == ticket_id:
            return entry
        if _same_words(entry.question, question) and _same_words(entry.answer, answer):
            return entry
    return None


def applicant_chat_id(owner: str, chat_id: int | None) -> int | None:
    """Where the bot reaches an applicant: the chat they used (a private chat's id is their
    user id), else their Telegram user id; None for an owner outside Telegram."""
    return chat_id if chat_id is not None else telegram_id(owner)


def _answer_macro(found: FoundAnswer) -> str:
    """The team's answer (FAQ) is never shown under "Ce que dit l'appel à projets"."""
    return "from_team" if found.from_faq else "from_call"


def _recorded_source(found: FoundAnswer) -> str:
    """Where the answer came from, as staff will read it if the question reaches them: the
    call's section, or the FAQ's date and the question its entry answers."""
    if found.from_faq and found.faq_question:
        asked = found.faq_question
        if len(asked) > MAX_SOURCE_QUESTION:  # (the stored source has room for 512)
            asked = asked[:MAX_SOURCE_QUESTION].rsplit(" ", 1)[0] + "…"
        return f"{found.source} à la question « {asked} »"
    return found.source


@dataclass(frozen=True)
class FaqEdit:
    """What became of a FAQ entry's new answer: the entry edited, or why not."""

    entry: FaqRecord | None
    problem: Literal["empty", "too_long", "question_too_long", "unknown"] | None
    length: int = 0  # of the refused text (too long)


def listed_oldest_first(statuses: tuple[TicketStatus, ...] | None) -> bool:
    """The questions waiting for the team are a to-do list: oldest first, as `/tickets` and
    the daily digest list them; any other list (answered, closed, all) is a history, newest
    first."""
    return statuses == ("open",)


class SupportService:
    def __init__(
        self,
        *,
        specs: Callable[[str], CallSpec],
        default_call_id: str,
        store: Store,
        clock: Clock,
        finder: AnswerFinder | None = None,
        escalation: bool = True,
        warm_up: Callable[[], object] | None = None,
        max_escalations_per_hour: int | None = None,
    ) -> None:
        self._specs = specs
        self._default_call_id = default_call_id
        self.store = store
        self.clock = clock
        self.finder = finder
        self.escalation = escalation
        self._warm_up = warm_up
        self.max_escalations_per_hour = max_escalations_per_hour

    @property
    def spec(self) -> CallSpec:
        return self._specs(self._default_call_id)

    def warm_up(self) -> None:
        """Let the knowledge base prepare its index in the background (the bot calls this
        once running; tests and the terminal never need it)."""
        if self._warm_up is not None:
            self._warm_up()

    # -- applicants' questions ------------------------------------------------------------------
    def answer_question(self, owner: str, dossier_id: int, text: str) -> list[Message]:
        """The knowledge base's answer (quoted, with its source) and, when staff can be
        reached, the buttons to say whether it helped or to ask the team instead."""
        question = text.strip()[:MAX_QUESTION]
        with self.store.transaction() as repo:
            faq = repo.list_faq_entries()
        found = (
            self.finder(question, faq)
            if self.finder is not None
            else FoundAnswer("", "", 0.0, confident=False)
        )
        with self.store.transaction() as repo:
            asked = repo.add_asked_question(
                owner=owner,
                dossier_id=dossier_id or None,
                text=question,
                answer=found.answer if found.confident else None,
                source=_recorded_source(found) if found.confident else "",
                confident=found.confident,
                at=self.clock.now(),
            )
        context = {"answer": found, "question": question, "spec": self.spec}
        if not self.escalation:
            macro = _answer_macro(found) if found.confident else "not_in_call_contact"
            return [Message(render_macro(SUPPORT, macro, **context))]
        escalate = Button(f"{ESCALATE}{asked.id}", render_macro(SUPPORT, "escalate_button"))
        if not found.confident:  # alone under the message: "Non, …" would answer nothing
            escalate = Button(escalate.id, render_macro(SUPPORT, "escalate_alone_button"))
        if found.confident:
            helped = Button(f"{HELPED}{asked.id}", render_macro(SUPPORT, "helped_button"))
            html = render_macro(SUPPORT, f"{_answer_macro(found)}_feedback", **context)
            buttons: tuple[Button, ...] = (helped, escalate)
        else:
            html = render_macro(SUPPORT, "not_in_call_offer", **context)
            buttons = (escalate,)
        return [Message(html, key=FEEDBACK_KEY, buttons=buttons)]

    def escalate(self, owner: str, asked_question_id: int) -> Escalation | None:
        """The question as a ticket for staff; None when `owner` did not ask it (or it is
        gone). Escalating twice gives the same ticket (`created` False)."""
        now = self.clock.now()
        with self.store.transaction() as repo:
            asked = repo.get_asked_question(asked_question_id)
            if asked is None or asked.owner != owner:
                return None
            ticket = repo.ticket_for_question(asked.id)
            created = ticket is None
            if ticket is None and self._escalations_used_up(repo, owner, now):
                limit = self.max_escalations_per_hour
                refusal = render_macro(SUPPORT, "escalation_quota", limit=limit, spec=self.spec)
                return Escalation(None, False, [Message(refusal)])
            if ticket is None:
                ticket = self._open_ticket(repo, asked, now)
            first = repo.ticket_messages(ticket.id)[0]
            view = self._view(repo, ticket)
        macro = "escalated" if created else "already_escalated"
        note = Message(render_macro(SUPPORT, macro, ticket=view))
        posting = Posting(
            view,
            first.id,
            first.text,
            already_posted=first.staff_message_id is not None,
            bot_answered=asked.confident,
            bot_source=asked.source,
        )
        return Escalation(posting, created, [note])

    def _escalations_used_up(self, repo: Repository, owner: str, now: dt.datetime) -> bool:
        """Whether `owner` already handed `max_escalations_per_hour` questions to the team
        in the last hour (each one is a post in the staff group)."""
        if self.max_escalations_per_hour is None:
            return False
        since = now - dt.timedelta(hours=1)
        recent = [
            t
            for t in repo.list_tickets(owner=owner)
            if t.created_at > since and t.opened_by == "applicant"  # not the team's messages
        ]
        return len(recent) >= self.max_escalations_per_hour

    def _open_ticket(self, repo: Repository, asked: AskedQuestion, now: dt.datetime) -> Ticket:
        ticket = repo.add_ticket(
            owner=asked.owner,
            dossier_id=asked.dossier_id,
            asked_question_id=asked.id,
            question=asked.text,
            at=now,
        )
        repo.add_ticket_message(ticket_id=ticket.id, author="applicant", text=asked.text, at=now)
        return ticket

    def posted(self, message_id: int, *, chat_id: int, staff_message_id: int) -> None:
        """Where a ticket message was posted in the staff chat."""
        with self.store.transaction() as repo:
            repo.set_message_ids(
                message_id=message_id, staff_chat_id=chat_id, staff_message_id=staff_message_id
            )

    def note_posted(self, ticket_id: int, *, chat_id: int, message_id: int) -> None:
        """A note the bot posted in the staff chat about this ticket (« ✉️ Message remis à
        … », the console's notes, a closing's): a staff reply to it is relayed to the
        ticket's applicant (`dialogs.relay_rule`)."""
        with self.store.transaction() as repo:
            repo.add_ticket_post(
                ticket_id=ticket_id, chat_id=chat_id, message_id=message_id, at=self.clock.now()
            )

    def follow_up(self, owner: str, ticket_id: int, text: str) -> Posting | None:
        """The applicant writes again on their ticket (reopened if answered or closed);
        None when the ticket is not theirs."""
        now = self.clock.now()
        with self.store.transaction() as repo:
            ticket = repo.get_ticket(ticket_id)
            if ticket is None or ticket.owner != owner:
                return None
            messages = repo.ticket_messages(ticket.id)
            closed_before = ticket.status == "closed"
            message = repo.add_ticket_message(
                ticket_id=ticket.id, author="applicant", text=text.strip()[:MAX_QUESTION], at=now
            )
            ticket = repo.set_ticket_status(ticket_id=ticket.id, status="open", at=now)
            self._keep_wait(repo, owner)
            self._drop_kept_words(repo, owner, ticket.id)
            view = self._view(repo, ticket)
        reply_to = next(
            (m.staff_message_id for m in reversed(messages) if m.staff_message_id is not None),
            None,
        )
        return Posting(view, message.id, message.text, reply_to=reply_to, reopened=closed_before)

    def _keep_wait(self, repo: Repository, owner: str) -> None:
        """The team's message that waits for `owner`'s reply (`dialogs.team_reply.
        awaited_message`), kept on their user row in the transaction that changed one of
        their exchanges: every change of what it depends on (a message added or delivered,
        an exchange closed or opened again) goes through this service, so the interview
        reads it with the row it touches at every answer instead of listing the tickets
        before each text (a transaction and a thread hop per answer). The user row is held
        first: two instances changing two of their exchanges at once (the console closing
        one while the bot marks another delivered) would each write what it saw, the last
        one without the other's change."""
        repo.lock_user(owner=owner)
        live = [t for t in repo.list_tickets(owner=owner) if t.opened_by == "staff"]
        threads = [(t, repo.ticket_messages(t.id)) for t in live if t.status != "closed"]
        repo.set_team_wait(owner=owner, wait=awaited_wait(threads))

    def _drop_kept_words(self, repo: Repository, owner: str, ticket_id: int) -> None:
        """The applicant wrote to the team on this exchange (its message's button, or a
        reply to it) while « Votre message est-il pour l’équipe ? » waited about it: that
        question is over, as the adapter's own wait for their message ended it before;
        its buttons then say the message no longer waits (« écrivez-le de nouveau »)."""
        user = repo.get_user(owner)
        answered = None if user is None else question_answered(user.team_question, ticket_id)
        if answered is not None:
            repo.set_team_question(owner=owner, question=answered)

    def awaited_reply(self, owner: str) -> TeamWait | None:
        """The team's message that waits for `owner`'s reply, as their user row keeps it."""
        with self.store.transaction() as repo:
            user = repo.get_user(owner)
        return None if user is None else user.team_wait

    def follow_up_sent(self, posting: Posting) -> list[Message]:
        return [Message(render_macro(SUPPORT, "follow_up_sent", ticket=posting.ticket))]

    def follow_up_recorded(self, posting: Posting) -> list[Message]:
        """The follow-up is on its ticket, but its post to the staff group failed."""
        return [Message(render_macro(SUPPORT, "follow_up_recorded", ticket=posting.ticket))]

    def ticket_of_applicant_message(self, owner: str, message_id: int) -> int | None:
        """The applicant's ticket whose answer they received as `message_id`."""
        with self.store.transaction() as repo:
            found = repo.message_by_applicant_message(owner=owner, message_id=message_id)
        return None if found is None else found.ticket_id

    def owns_ticket(self, owner: str, ticket_id: int) -> TicketView | None:
        with self.store.transaction() as repo:
            ticket = repo.get_ticket(ticket_id)
            if ticket is None or ticket.owner != owner:
                return None
            return self._view(repo, ticket)

    def tickets_of(self, owner: str) -> list[TicketView]:
        with self.store.transaction() as repo:
            return [self._view(repo, t) for t in repo.list_tickets(owner=owner)]

    def my_tickets_message(self, owner: str) -> Message:
        tickets = self.tickets_of(owner)
        context = {"tickets": tickets, "relay": self.escalation, "spec": self.spec}
        return Message(render_macro(SUPPORT, "my_tickets", **context))

    # -- staff ----------------------------------------------------------------------------------
    def ticket_of_staff_message(self, chat_id: int, message_id: int) -> int | None:
        found = self.staff_chat_message(chat_id, message_id)
        return None if found is None else found.ticket_id

    def staff_chat_message(self, chat_id: int, message_id: int) -> TicketMessage | None:
        """The ticket message posted as this staff-chat message (the bot's posts of the
        applicant's words, or a staff answer), if any."""
        with self.store.transaction() as repo:
            return repo.message_by_staff_message(chat_id=chat_id, message_id=message_id)

    def ticket_of_topic(self, chat_id: int, thread_id: int) -> int | None:
        """The ticket a message in an applicant's topic is about: their latest ticket
        still in progress, else their latest one."""
        with self.store.transaction() as repo:
            owner = repo.topic_owner(chat_id=chat_id, thread_id=thread_id)
            if owner is None:
                return None
            tickets = repo.list_tickets(owner=owner)
        live = [t for t in tickets if t.status != "closed"]
        chosen = (live or tickets)[-1:] if tickets else []
        return chosen[0].id if chosen else None

    def addressee(self, words: StaffWords) -> Addressee:
        """The relay rule (`dialogs.relay_rule`): relayed to which ticket, or why not."""
        with self.store.transaction() as repo:
            return relay_addressee(repo, words)

    def staff_reply(
        self,
        ticket_id: int,
        text: str,
        *,
        chat_id: int | None = None,
        staff_message_id: int | None = None,
        staff_name: str | None = None,
    ) -> Relay | AnswerRefused | None:
        """Record a staff answer (the ticket is marked answered once delivered); an answer
        written in the web console has no staff-chat message. `staff_name`: the officer
        who wrote it, named in the console. None: no such ticket;
        `AnswerRefused`: a closed ticket (`takes_answers`), nothing recorded nor sent."""
        now = self.clock.now()
        with self.store.transaction() as repo:
            ticket = repo.get_ticket(ticket_id)
            if ticket is None:
                return None
            if not takes_answers(ticket.status):
                return AnswerRefused(self._view(repo, ticket))
            message = repo.add_ticket_message(
                ticket_id=ticket.id,
                author="staff",
                text=text.strip(),
                at=now,
                staff_chat_id=chat_id,
                staff_message_id=staff_message_id,
                staff_name=staff_name,
            )
            self._keep_wait(repo, ticket.owner)
            view = self._view(repo, ticket)
        return Relay(view, message.id, message.text)

    def write_to_applicant(
        self,
        dossier_id: int,
        text: str,
        *,
        chat_id: int | None = None,
        staff_message_id: int | None = None,
        staff_name: str | None = None,
    ) -> Outreach:
        """An officer writes first to the applicant of dossier `dossier_id` (`/ecrire N
        texte`, the console's « Écrire au candidat »): a ticket opened by staff whose first
        message is the officer's, delivered as a staff answer is (`Relay`, then
        `reply_delivered`), so that the applicant's reply is a follow-up on it, reaching the
        staff group and the console like any other. While such an exchange about the dossier
        is not closed, the message goes on in it (`exchange_to_continue`, `Outreach.
        continued`) instead of opening another. Refused whole, nothing recorded, when
        the text is empty or longer than `MAX_STAFF_MESSAGE` (never cut), when there is no
        such dossier (never made, or erased with its applicant's data), or when its
        applicant cannot be reached through Telegram."""
        words = text.strip()
        if not words:
            return Outreach(dossier_id, problem="empty")
        if len(words) > MAX_STAFF_MESSAGE:
            return Outreach(dossier_id, problem="too_long")
        now = self.clock.now()
        with self.store.transaction() as repo:
            stored = repo.get_dossier(dossier_id)
            if stored is None:
                return Outreach(dossier_id, problem="unknown_dossier")
            user = repo.get_user(stored.owner)
            if applicant_chat_id(stored.owner, None if user is None else user.chat_id) is None:
                return Outreach(dossier_id, problem="unreachable")
            ongoing = exchange_to_continue(repo.list_tickets(owner=stored.owner), dossier_id)
            ticket = ongoing or repo.add_ticket(
                owner=stored.owner,
                dossier_id=dossier_id,
                asked_question_id=None,
                question=words,
                at=now,
                opened_by="staff",
            )
            message = repo.add_ticket_message(
                ticket_id=ticket.id,
                author="staff",
                text=words,
                at=now,
                staff_chat_id=chat_id,
                staff_message_id=staff_message_id,
                staff_name=staff_name,
            )
            self._keep_wait(repo, stored.owner)
            view = self._view(repo, ticket)
        relay = Relay(view, message.id, message.text)
        return Outreach(dossier_id, relay=relay, continued=ongoing is not None)

    def reply_delivered(self, relay: Relay, applicant_message_id: int) -> None:
        """The applicant received the answer: the ticket is answered (unless closed
        meanwhile), and a reply to the copy they got is a follow-up."""
        now = self.clock.now()
        with self.store.transaction() as repo:
            repo.set_message_ids(
                message_id=relay.message_id, applicant_message_id=applicant_message_id
            )
            ticket = repo.get_ticket(relay.ticket.id)
            if ticket is not None and ticket.status != "closed":
                repo.set_ticket_status(ticket_id=ticket.id, status="answered", at=now)
            if ticket is not None:
                self._keep_wait(repo, ticket.owner)

    def close(
        self, ticket_id: int, *, confirmed: bool = False, seen: int | None = None
    ) -> Closing | None:
        """Close a ticket; None when there is no such ticket. A ticket nobody answered, or
        a team's exchange the applicant replied last in (`dialogs.closing.closing_wait`), is only
        closed once `confirmed` on a prompt bound to its latest message (`seen`, from the
        `Closing.seen` asked; else `needs_confirmation` and why, nothing changed): closing it
        tells the applicant their question is settled when it never was."""
        now = self.clock.now()
        with self.store.transaction() as repo:
            ticket = repo.get_ticket(ticket_id)
            if ticket is None:
                return None
            already = ticket.status == "closed"
            messages = repo.ticket_messages(ticket.id)
            wait = closing_wait(
                messages, answered=ticket.answered_at is not None, opened_by=ticket.opened_by
            )
            holds = confirmed and confirmation_holds(messages, seen)
            if not already and wait is not None and not holds:
                view = self._view(repo, ticket)
                return Closing(
                    view,
                    False,
                    needs_confirmation=True,
                    waiting=wait,
                    seen=last_seen(messages),
                    newer=confirmed,
                )
            if not already:
                already = not repo.close_ticket(ticket_id=ticket.id, at=now)
                ticket = repo.get_ticket(ticket_id) or ticket
                self._keep_wait(repo, ticket.owner)
            return Closing(self._view(repo, ticket), already)

    def ticket(self, ticket_id: int) -> TicketView | None:
        with self.store.transaction() as repo:
            ticket = repo.get_ticket(ticket_id)
            return None if ticket is None else self._view(repo, ticket)

    def tickets(
        self, statuses: tuple[TicketStatus, ...] | None = None, *, limit: int = 50, offset: int = 0
    ) -> tuple[list[TicketView], int]:
        """One page of the tickets of these statuses (all when None), in the order of
        `listed_oldest_first`, and how many there are (the web console's list; only the
        page's tickets are looked into)."""
        with self.store.transaction() as repo:
            found = repo.list_tickets(statuses=statuses)
            if not listed_oldest_first(statuses):
                found.reverse()
            page = found[offset : offset + limit]
            return [self._view(repo, t) for t in page], len(found)

    def closing_wait(self, ticket_id: int) -> ClosingWait | None:
        """Why closing this ticket now would need a confirmation (`SupportService.close`),
        for the console to offer the box to tick beforehand; None: closed at once."""
        with self.store.transaction() as repo:
            ticket = repo.get_ticket(ticket_id)
            if ticket is None or ticket.status == "closed":
                return None
            messages = repo.ticket_messages(ticket.id)
            answered = ticket.answered_at is not None
            return closing_wait(messages, answered=answered, opened_by=ticket.opened_by)

    def thread(self, ticket_id: int) -> list[TicketMessage]:
        """A ticket's messages, oldest first: the question, answers and follow-ups."""
        with self.store.transaction() as repo:
            return repo.ticket_messages(ticket_id)

    def open_tickets(self, *, include_answered: bool = False) -> list[TicketView]:
        """Tickets waiting for staff (status "open"; with `include_answered`, also those
        answered but not closed), oldest first, each with its age."""
        statuses: tuple[TicketStatus, ...] = ("open", "answered") if include_answered else ("open",)
        with self.store.transaction() as repo:
            return [self._view(repo, t) for t in repo.list_tickets(statuses=statuses)]

    def exchanges_awaiting_applicant(self) -> int:
        """Exchanges the team opened (`/ecrire`, the console) where the team spoke last and
        that are not closed: they wait for the applicant, and `/tickets` says how many."""
        with self.store.transaction() as repo:
            found = repo.list_tickets(statuses=("answered",))
            return sum(1 for t in found if t.opened_by == "staff")

    def faq_from_staff_message(
        self, chat_id: int, message_id: int, question: str = ""
    ) -> FaqAddition | None:
        """A staff answer (found by its message in the staff chat) and its ticket's
        question as a FAQ entry; None when that message is not a staff answer. An entry
        already there for it (`already_in_faq`) is returned instead, nothing added: two
        entries would survive the removal of one, and applicants keep getting the other.
        `question`: the question as other applicants will read it (« /faq Peut-on … ? »),
        reworded by staff without the asker's names and places; else the asker's words.
        Given for an entry already there, it rewords that entry's question."""
        with self.store.transaction() as repo:
            message = repo.message_by_staff_message(chat_id=chat_id, message_id=message_id)
            return None if message is None else self._add_to_faq(repo, message, question)

    def faq_from_answer(
        self, ticket_id: int, message_id: int, question: str = ""
    ) -> FaqAddition | None:
        """The console's « Ajouter à la FAQ » under a staff answer (ticket message
        `message_id` of ticket `ticket_id`), as `/faq` does in the staff group (`question`
        reworded, or the asker's words); None when it is no staff answer of that ticket."""
        with self.store.transaction() as repo:
            found = [m for m in repo.ticket_messages(ticket_id) if m.id == message_id]
            return self._add_to_faq(repo, found[0], question) if found else None

    def console_answer_note(self, ticket_id: int, message_id: int) -> NoteRedrawn | None:
        """The staff group's note of an answer written in the console (« 💻 Question n° 6 —
        répondue depuis la console par… »), drawn again now that its question is in the
        FAQ: it still offered « /faq en réponse à ce message l’ajoute à la FAQ ». None when
        the answer has no note in the group."""
        with self.store.transaction() as repo:
            ticket = repo.get_ticket(ticket_id)
            found = [m for m in repo.ticket_messages(ticket_id) if m.id == message_id]
            if ticket is None or not found or found[0].author != "staff":
                return None
            answer = found[0]
            if answer.staff_chat_id is None or answer.staff_message_id is None:
                return None
            user = repo.get_user(ticket.owner)
            entries = repo.list_faq_entries()
            view = self._view(repo, ticket)
        if answer.applicant_message_id is not None:
            outcome = "ok"
        else:
            outcome = "blocked" if user is not None and user.blocked else "failed"
        html = render_macro(
            SUPPORT,
            "staff_console_answer",
            ticket=view,
            text=answer.text,
            staff=answer.staff_name or "l’équipe",
            outcome=outcome,
            in_faq=next((e for e in entries if e.source_ticket_id == ticket_id), None),
        )
        return NoteRedrawn(answer.staff_chat_id, answer.staff_message_id, html)

    def dossier_tickets(self, owner: str, dossier_id: int) -> list[Ticket]:
        """The questions `owner` handed to the team about dossier `dossier_id`, oldest first
        (the console's dossier page links to them)."""
        with self.store.transaction() as repo:
            return [t for t in repo.list_tickets(owner=owner) if t.dossier_id == dossier_id]

    def bot_answer(self, ticket_id: int) -> AskedQuestion | None:
        """What the bot had answered the question before it was handed to the team (its
        `confident` False: the call did not answer it); None for a ticket with no such
        record (a follow-up's, an older one)."""
        with self.store.transaction() as repo:
            ticket = repo.get_ticket(ticket_id)
            if ticket is None or ticket.asked_question_id is None:
                return None
            return repo.get_asked_question(ticket.asked_question_id)

    def faq_entry_of(self, ticket_id: int) -> FaqRecord | None:
        """The FAQ entry published from this ticket, if any (one per ticket)."""
        with self.store.transaction() as repo:
            entries = repo.list_faq_entries()
        return next((e for e in entries if e.source_ticket_id == ticket_id), None)

    def _add_to_faq(
        self, repo: Repository, message: TicketMessage, question: str = ""
    ) -> FaqAddition | None:
        if message.author != "staff":
            return None
        ticket = repo.get_ticket(message.ticket_id)
        if ticket is None or ticket.opened_by == "staff":  # no applicant's question to publish
            return None
        reworded = faq_question_text(question)
        if len(reworded) > MAX_FAQ_QUESTION:  # refused whole, never cut
            return FaqAddition(None, problem="question_too_long", length=len(reworded))
        known = already_in_faq(repo.list_faq_entries(), ticket.question, message.text, ticket.id)
        if known is not None and reworded and reworded != known.question:
            entry = repo.update_faq_entry(known.id, question=reworded)
            return FaqAddition(entry or known, already=True, reworded=entry is not None)
        if known is not None:
            return FaqAddition(known, already=True)
        return FaqAddition(
            repo.add_faq_entry(
                question=reworded or ticket.question,
                answer=message.text,
                at=self.clock.now(),
                source_ticket_id=ticket.id,
            )
        )

    def faq_entries(self) -> list[FaqRecord]:
        with self.store.transaction() as repo:
            return repo.list_faq_entries()

    def faq_list_message(self) -> Message:
        """Every FAQ entry with its number, for staff (`/faq_liste`)."""
        return Message(render_macro(SUPPORT, "staff_faq_list", entries=self.faq_entries()))

    def edit_faq(self, entry_id: int, answer: str, question: str | None = None) -> FaqEdit:
        """A new answer for a FAQ entry (`/faq_modifier N texte`, the console's FAQ page),
        and its question reworded (the console; empty: kept as it was): refused whole when
        empty or longer than `MAX_QUESTION` (the question: `MAX_FAQ_QUESTION`), never cut."""
        text = answer.strip()
        if not text:
            return FaqEdit(None, "empty")
        return self._update_faq(entry_id, answer=text, question=question)

    def reword_faq_question(self, entry_id: int, question: str) -> FaqEdit:
        """The question of a FAQ entry as applicants read it (`/faq_question N texte`): an
        entry keeps the asker's words until staff reword them (a name, a town, a detail
        that says who asked is shown to every applicant the entry answers)."""
        if not question.strip():
            return FaqEdit(None, "empty")
        return self._update_faq(entry_id, answer=None, question=question)

    def _update_faq(self, entry_id: int, *, answer: str | None, question: str | None) -> FaqEdit:
        reworded = faq_question_text(question or "") or None
        if len(answer or "") > MAX_QUESTION:
            return FaqEdit(None, "too_long", len(answer or ""))
        if len(reworded or "") > MAX_FAQ_QUESTION:
            return FaqEdit(None, "question_too_long", len(reworded or ""))
        with self.store.transaction() as repo:
            entry = repo.update_faq_entry(entry_id, answer=answer, question=reworded)
        return FaqEdit(entry, None if entry is not None else "unknown")

    def delete_faq(self, entry_id: int) -> FaqRecord | None:
        """Remove a FAQ entry (`/faq_supprimer N`): applicants no longer get it."""
        with self.store.transaction() as repo:
            return repo.delete_faq_entry(entry_id)

    # -- erased applicants' traces in the staff chat ----------------------------------------------
    def record_staff_posts(
        self,
        chat_id: int,
        message_ids: Sequence[int],
        owners: Iterable[str],
        kind: StaffPostKind,
        replacing: bool = False,
    ) -> bool:
        """Staff-chat messages the bot sent that show these applicants (`StaffPostLog`);
        True when one of them was erased meanwhile (then blank the messages now)."""
        owners = list(owners)
        if not message_ids or not (owners or replacing):
            return False
        with self.store.transaction() as repo:
            return repo.record_staff_posts(
                owners=owners,
                chat_id=chat_id,
                message_ids=message_ids,
                kind=kind,
                at=self.clock.now(),
                replacing=replacing,
            )

    def erased_posts_to_clean(self) -> list[ErasedPost]:
        with self.store.transaction() as repo:
            return repo.erased_staff_posts(cleaned=False)

    def erased_post_cleaned(self, post_id: int) -> None:
        with self.store.transaction() as repo:
            repo.mark_erased_post_cleaned(post_id)

    def about_erased_applicant(
        self, chat_id: int, *, message_id: int | None = None, thread_id: int | None = None
    ) -> bool:
        """Whether a staff-chat message (or topic) was about an applicant since erased."""
        with self.store.transaction() as repo:
            return repo.is_erased_staff_post(
                chat_id=chat_id, message_id=message_id, thread_id=thread_id
            )

    # -- the staff forum's topics ----------------------------------------------------------------
    def staff_topic(self, chat_id: int, owner: str) -> int | None:
        with self.store.transaction() as repo:
            return repo.staff_topic(chat_id=chat_id, owner=owner)

    def staff_topic_name(self, chat_id: int, owner: str) -> str | None:
        with self.store.transaction() as repo:
            return repo.staff_topic_name(chat_id=chat_id, owner=owner)

    def set_staff_topic(self, chat_id: int, owner: str, thread_id: int, name: str) -> None:
        with self.store.transaction() as repo:
            repo.set_staff_topic(
                chat_id=chat_id, owner=owner, thread_id=thread_id, name=name, at=self.clock.now()
            )

    # -- internals ------------------------------------------------------------------------------
    def _view(self, repo: Repository, ticket: Ticket) -> TicketView:
        return ticket_view(repo, self._specs, ticket, self.clock.now())
