"""The values the questions-and-tickets service (`dialogs.support`) hands to its adapters:
what the knowledge base found, a ticket as staff see it, what to post in the staff chat,
what to relay to an applicant, and the relay rule's verdict on a staff message.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

from dialogs.closing import ClosingWait
from dialogs.events import Message
from dialogs.ports import FaqRecord, TicketMessage, TicketOpener, TicketStatus
from dialogs.spec import Contact

SUPPORT = "messages/support.html.j2"
#: The engine-message key of the question buttons (Telegram: callback data "a|_q|<action><id>").
FEEDBACK_KEY = "_q"


@dataclass(frozen=True)
class FoundAnswer:
    """What the knowledge base found: the quote and its source, or nothing confident.
    `from_faq`: the answer is the Département's team's (a FAQ entry, `source` says when),
    not the call's text, and is shown as theirs, with `faq_question`, the question that
    entry answers (so that an applicant sees when it answers another question than theirs)."""

    answer: str
    source: str
    score: float
    confident: bool
    from_faq: bool = False
    faq_question: str = ""


class AnswerFinder(Protocol):
    def __call__(self, question: str, faq: Sequence[FaqRecord]) -> FoundAnswer: ...


@dataclass(frozen=True)
class TicketView:
    """A ticket with what staff need to see about its applicant."""

    id: int
    owner: str
    chat_id: int | None
    dossier_id: int | None
    organisation: str | None
    completeness: int | None
    question: str
    status: TicketStatus
    created_at: dt.datetime
    updated_at: dt.datetime
    age: dt.timedelta
    applicant: str = ""  # "Prénom Nom (@username)" (`dialogs.people.applicant_label`)
    name: str = ""  # "Prénom Nom", for the topic's name ("" when Telegram gave none)
    link: str | None = None  # tg://user?id=N
    eligible: bool | None = None
    #: Eligible, but only the Département can confirm it (`DossierFacts.reserved`): the staff
    #: post says « éligibilité à confirmer », as /dossiers and the console do.
    reserved: bool = False
    step: str | None = None  # the dossier's current section and question, in words
    follow_up: str | None = None  # the applicant's latest follow-up (None: the question only)
    #: The follow-up came after a message of the team's (an answer, or the message that
    #: opened an exchange): « Réponse du candidat », in the group and the console alike;
    #: False: the applicant wrote again on a question nobody answered, « Relance du candidat ».
    follow_up_replies: bool = False
    #: The team's latest message after the one that opened the ticket (an answer, or a later
    #: message on an exchange it opened), with who wrote it and when: the console's list
    #: shows it under the question. None: the team has not written since.
    answer: TicketMessage | None = None
    #: The applicant's latest follow-up came after `answer` (it waits for the team): the
    #: list shows them in the order they were written.
    follow_up_after_answer: bool = False
    #: "staff": an officer wrote first (`question` is their message): the applicant reads it
    #: as the team's message, and it is no question to publish in the FAQ.
    opened_by: TicketOpener = "applicant"
    #: Whether staff answered it: a question closed unanswered is told so to its applicant,
    #: with the Département's contact (of the dossier's call), never as a ✅.
    answered: bool = False
    contact: Contact | None = None


@dataclass(frozen=True)
class Posting:
    """A ticket message to post in the staff chat (then `posted` records where it went)."""

    ticket: TicketView
    message_id: int
    text: str
    reply_to: int | None = None  # a staff-chat message of the same ticket to reply to
    already_posted: bool = False
    # The question's first post: what the bot had answered ("" none), the source it quoted.
    # (None: not said, as in a follow-up, which repeats no answer.)
    bot_answered: bool | None = None
    bot_source: str = ""
    #: A follow-up on a closed question, which it reopens: the staff post says so (the team
    #: had set it aside).
    reopened: bool = False


@dataclass(frozen=True)
class NoteRedrawn:
    """A note of the bot's in the staff group, to edit into `html`."""

    chat_id: int
    message_id: int
    html: str


@dataclass(frozen=True)
class Escalation:
    posting: Posting | None  # None: refused (the applicant's hourly quota is used up)
    created: bool
    messages: list[Message]


@dataclass(frozen=True)
class Relay:
    """A staff answer to copy to the applicant (only the text staff wrote)."""

    ticket: TicketView
    message_id: int
    text: str


OutreachProblem = Literal["empty", "too_long", "unknown_dossier", "unreachable"]


@dataclass(frozen=True)
class Outreach:
    """An officer writing to a dossier's applicant (`SupportService.write_to_applicant`): the
    message to deliver (a `Relay` on the exchange's ticket), or why nothing is sent.
    `continued`: the message went on in the team's exchange still open with the applicant
    about this dossier, not in a new one."""

    dossier_id: int
    relay: Relay | None = None
    problem: OutreachProblem | None = None
    continued: bool = False


@dataclass(frozen=True)
class AnswerRefused:
    """A staff answer neither recorded nor sent, and why: the ticket is closed (its
    applicant was told it is settled; it opens again when they write again)."""

    ticket: TicketView
    reason: Literal["closed"] = "closed"


@dataclass(frozen=True)
class StaffWords:
    """A staff message in the staff chat, as the relay rule reads it: its text (for
    `/repondre`, what follows the command), the message it replies to, its topic."""

    chat_id: int
    message_id: int
    text: str
    command: bool  # written as `/repondre …`
    replied_to: int | None = None
    thread_id: int | None = None


RelayVerdict = Literal["relay", "internal", "erased", "usage", "unknown_ticket"]


@dataclass(frozen=True)
class Addressee:
    """What becomes of a staff message: relayed to `ticket_id` as `text`, or not, and why."""

    verdict: RelayVerdict
    ticket_id: int | None = None
    text: str = ""
    #: The ticket was picked by the number typed alone (`/repondre N …` outside its topic and
    #: its messages): staff are told whom it reached, in words, for a wrong N (a dossier's
    #: number, as `/ecrire N` takes) to be seen at once, not only a 👌.
    by_number: bool = False


@dataclass(frozen=True)
class FaqAddition:
    """`/faq` on a staff answer: the FAQ entry, and whether it was there already (the same
    question with the same answer, or an entry made from the same ticket: nothing added;
    `reworded`: its question now reads as staff reworded it). `entry` None: refused, the
    reworded question being `length` characters long (`problem`): nothing saved."""

    entry: FaqRecord | None
    already: bool = False
    reworded: bool = False
    problem: Literal["question_too_long"] | None = None
    length: int = 0


@dataclass(frozen=True)
class Closing:
    ticket: TicketView
    already_closed: bool
    needs_confirmation: bool = False  # not closed: staff must confirm (`waiting` says why)
    #: Why it needs a confirmation (`dialogs.closing.closing_wait`): nobody answered, or the
    #: applicant's last message is still unanswered.
    waiting: ClosingWait | None = None
    #: The latest message the confirmation asked is for (`dialogs.closing.last_seen`): a
    #: confirmation bound to an older one is asked again.
    seen: int | None = None
    #: Confirmed on an older message: the applicant wrote since (told, asked again).
    newer: bool = False
