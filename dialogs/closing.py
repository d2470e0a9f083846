"""When closing a ticket needs a confirmation: the one rule for `/clore` and the console.

Closing tells the applicant their question (or their exchange with the team) is settled. It
is done at once when the team had the last word; it is only done once confirmed when

- nobody of the team answered yet (`unanswered`): the question was never answered;
- in an exchange the team opened (`/ecrire`, the console's « Écrire au candidat »), the
  applicant replied last (`reply_waiting`): the team asked, the applicant answered, and
  nobody read it back (a tester's officer closed one right after the reply came in).

An applicant's own question answered by the team, then thanked (« Merci »), still closes at
once: its question was answered, and a thank-you waits for nothing.
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
