"""When closing a ticket needs a confirmation: the one rule for `/clore` and the console.

Closing tells the applicant their question (or their exchange with the team) is settled. It
is done at once when the team had the last word; it is only done once confirmed when

- nobody of the team answered yet (`unanswered`): the question was never answered;
- the applicant wrote last, after the team's answer or message (`reply_waiting`): their
  reply was never answered (an officer closed an exchange right after the applicant's reply,
  and the reply was left unread).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from dialogs.ports import TicketMessage

ClosingWait = Literal["unanswered", "reply_waiting"]


def closing_wait(messages: Sequence[TicketMessage], *, answered: bool) -> ClosingWait | None:
    """Why closing a ticket with these `messages` (oldest first) needs a confirmation, or
    None when it does not. `answered`: an answer of the team reached the applicant."""
    if not answered:
        return "unanswered"
    if messages and messages[-1].author == "applicant":
        return "reply_waiting"
    return None
