"""What an applicant types while the team's message waits for their reply.

An officer writes first (`/ecrire N …`, the console's « Écrire au candidat »): the applicant
gets the team's message, with « Répondre à l’équipe ». Many simply type their reply, as in
any chat: the interview then read it as an answer to its own question (a tester's « Oui c’est
bien notre réseau, Marie Dupont est ma collègue » became the legal representative), or
refused it at a choice screen (« Choisissez l’une des propositions »), and the team never
saw it. So, while such a message waits (`awaited_message`), words typed at the interview
are asked about (`asks_which`) unless they plainly answer its question:

- « Répondre à l’équipe »: the words go to the team as the applicant's reply;
- « C’est ma réponse à : <question> » (typed answers), or « Revoir la question en cours » (a
  screen of buttons, which typed words cannot answer): the interview takes them, or shows
  its question again.

It is asked once per message of the team (`settled`): the applicant's choice holds until the
team writes again. Words that plainly answer the question (a SIRET, an amount, an option's
name: `TypedFit.taken` outside free text) go to the interview at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from dialogs.ports import Ticket, TicketMessage


@dataclass(frozen=True)
class TypedFit:
    """How the interview would read words typed now (a dry run, nothing saved)."""

    label: str | None  # the current question, as its reminder names it (None: no question)
    buttons: bool  # a screen of buttons: typed words answer nothing there
    free_text: bool  # a text answer: any words fit it, whoever they were meant for
    taken: bool  # the interview would take them as the answer (nothing asked back)


def awaited_message(
    threads: Sequence[tuple[Ticket, Sequence[TicketMessage]]],
) -> TicketMessage | None:
    """The team's message that waits for the applicant's reply: the last word of an
    exchange the team opened, not closed, delivered to the applicant (the latest such, if
    several); None when nothing waits."""
    waiting = [
        messages[-1]
        for ticket, messages in threads
        if ticket.opened_by == "staff"
        and ticket.status != "closed"
        and messages
        and messages[-1].author == "staff"
        and messages[-1].applicant_message_id is not None
    ]
    return max(waiting, key=lambda m: (m.at, m.id)) if waiting else None


def asks_which(waiting: TicketMessage | None, settled: int | None, fit: TypedFit) -> bool:
    """Whether typed words are asked about (« Répondre à l’équipe » or the interview's
    question) rather than handed to the interview: a message of the team waits for them,
    not already asked about (`settled`: the id of the last one asked about), and the words
    do not plainly answer the question (any words fit a text answer; refused or asked back
    elsewhere, they answer nothing)."""
    if waiting is None or waiting.id == settled:
        return False
    return fit.free_text or not fit.taken
