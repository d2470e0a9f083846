"""When closing a ticket needs a confirmation: the one rule for `/clore` and the console.

Closing tells the applicant their question (or their exchange with the team) is settled. It
is done at once when the team had the last word; it is only done once confirmed when

- nobody of the team answered yet (`unanswered`): the question was never answered;
- in an exchange the team opened (`/ecrire`, the console's « Écrire au candidat »), the
  applicant replied last (`reply_waiting`): the team asked, the applicant answered, and
  nobody read it back (a tester's officer closed one right after the reply came in).

An applicant's own question answered by the team, then thanked (« Merci »), still closes at
once: its question was answered, and a thank-you waits for nothing.

A confirmation holds for the messages it warned about (`confirmation_holds`): given on a
prompt older than the applicant's latest message (an old « Confirmer la clôture » button, a
console page opened before the reply came), it is asked again, naming the newer message (a
tester's old button closed over an unread reply).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from dialogs.ports import TicketMessage, TicketOpener

ClosingWait = Literal["unanswered", "reply_waiting"]


def closing_wait(
    messages: Sequence[TicketMessage], *, answered: bool, opened_by: TicketOpener
) -> ClosingWait | None:
    """Why closing a ticket with these `messages` (oldest first) needs a confirmation, or
    None when it does not. `answered`: a message of the team reached the applicant;
    `opened_by`: who started the exchange."""
    if not answered:
        return "unanswered"
    if opened_by == "staff" and messages and messages[-1].author == "applicant":
        return "reply_waiting"
    return None


def last_seen(messages: Sequence[TicketMessage]) -> int | None:
    """What a confirmation asked now is bound to: the id of the ticket's latest message."""
    return messages[-1].id if messages else None


def confirmation_holds(messages: Sequence[TicketMessage], seen: int | None) -> bool:
    """Whether a confirmation given on a prompt bound to `seen` (`last_seen` when it was
    asked; None: unknown) still holds for these `messages`: nothing arrived since."""
    return seen is not None and seen == last_seen(messages)
