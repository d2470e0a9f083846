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

Once asked about a message of the team (`settled`), the applicant's choice holds for words
the interview takes until the team writes again; words it cannot take (a sentence at a
screen of buttons, a refused answer) are asked about again while the message waits (a
tester's second try, « Pardon, oui le budget … est définitif », after « Revoir la question en
cours », was read as a choice of the summary and the team never saw it).

Only a bare answer goes to the interview at once: words the interview takes
(`TypedFit.taken`, outside free text) that are no sentence (`TypedFit.bare`: a figure alone,
a SIRET, an option's name, a yes or no alone; `bare_answer`). A sentence with a
figure in it may be meant for the team: a tester's « Nous en avons accompagné 45 l'an
dernier », the team's question answered, was saved as the count of young people asked by
the interview.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from dialogs.parsing import fold
from dialogs.ports import Ticket, TicketMessage

#: Words (with a letter) a bare answer may hold besides its figures: « 45 jeunes », « 20 %
#: environ », « 12 500 euros »; « Nous en avons 45 » is a sentence.
BARE_WORDS = 2


@dataclass(frozen=True)
class TypedFit:
    """How the interview would read words typed now (a dry run, nothing saved)."""

    label: str | None  # the current question, as its reminder names it (None: no question)
    buttons: bool  # a screen of buttons: typed words answer nothing there
    free_text: bool  # a text answer: any words fit it, whoever they were meant for
    taken: bool  # the interview would take them as the answer (nothing asked back)
    bare: bool  # no sentence: a value alone, or an option's name (`bare_answer`)


def bare_answer(text: str, options: Iterable[str] = ()) -> bool:
    """Whether `text` is a value alone rather than a sentence: at most `BARE_WORDS` words
    with a letter (« 45 », « 45 jeunes », « 732 829 320 00074 », « oui »), or the name of
    one of the screen's `options` as it reads."""
    folded = fold(text)
    if any(folded == fold(option) for option in options):
        return True
    return len([w for w in re.split(r"[\s']+", text) if re.search(r"[^\W\d_]", w)]) <= BARE_WORDS


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
    and the words are no bare answer the interview takes (any words fit a text answer;
    refused or asked back elsewhere, they answer nothing; a sentence taken may answer the
    team's message). Once asked about that message (`settled`: the id of the last one asked
    about), only words the question cannot take are asked about again."""
    if waiting is None:
        return False
    if waiting.id == settled:  # asked already: again only for words the question cannot take
        return not fit.free_text and not fit.taken
    return fit.free_text or not (fit.taken and fit.bare)
