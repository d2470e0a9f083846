"""What an applicant types while the team's message waits for their reply.

An officer writes first (`/ecrire N …`, the console's « Écrire au candidat »): the applicant
gets the team's message, with « Répondre à l’équipe ». Many simply type their reply, as in
any chat: the interview then read it as an answer to its own question (a tester's « Oui c’est
bien notre réseau, Marie Dupont est ma collègue » became the legal representative), or
refused it at a choice screen (« Choisissez l’une des propositions »), and the team never
saw it. So, while such a message waits (`awaited_message`), words typed at the interview
are asked about (`asks_about`) unless they plainly answer its question:

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

Where this stands for an applicant lives on their user row, read with it at every answer
(`InterviewService.handle`, no query of tickets): the team's message that waits
(`TeamWait`, kept up to date by `SupportService` whenever an exchange changes:
`awaited_wait`), and the question's own state (`TeamQuestion`: the words kept while it
waits, the message it asked about), changed here (`typed_at_the_interview`,
`question_answered`) and saved by the service, so that any adapter shares it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from dialogs.dossier import Exchange
from dialogs.events import Button, Message, keyword_of, number_unknown
from dialogs.parsing import fold, typed_place
from dialogs.ports import TeamQuestion, TeamWait, Ticket, TicketMessage
from dialogs.support_types import FEEDBACK_KEY, SUPPORT
from dialogs.texts import render_macro, shorten

#: The buttons under « Votre message est-il pour l’équipe ? »: to the team (`t<ticket>`),
#: to the interview (`k<ticket>`), with the `FEEDBACK_KEY` of the question buttons.
TEAM_REPLY, TEAM_ANSWER = "t", "k"

#: How long after its last message an exchange with the team, still open, is the obvious home
#: of a question the applicant types at the interview (`recent_exchange`): a follow-up typed
#: as a plain message after the team's answer (« Merci ! Et pour les bénévoles ? »).
RECENT_EXCHANGE = dt.timedelta(days=3)

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


def recent_exchange(tickets: Iterable[Ticket], now: dt.datetime) -> Exchange | None:
    """The applicant's latest exchange with the team, when it is still open (not closed)
    and its last message is at most `RECENT_EXCHANGE` old: a question typed at the interview
    then most likely follows it (a tester's « Merci ! Et pour un second dossier ? », typed
    after the team's answer, was asked « votre réponse, ou une question ? », and as a
    question went to the call's search and a new ticket, never to the exchange). None
    otherwise: the latest is closed, or quiet for longer."""
    latest = max(tickets, key=lambda t: (t.updated_at, t.id), default=None)
    if latest is None or latest.status == "closed" or now - latest.updated_at > RECENT_EXCHANGE:
        return None
    return Exchange(
        ticket_id=latest.id, question=latest.question, by_staff=latest.opened_by == "staff"
    )


def asks_about(waiting_id: int | None, settled: int | None, fit: TypedFit) -> bool:
    """Whether typed words are asked about (« Répondre à l’équipe » or the interview's
    question) rather than handed to the interview: a message of the team waits for them,
    and the words are no bare answer the interview takes (any words fit a text answer;
    refused or asked back elsewhere, they answer nothing; a sentence taken may answer the
    team's message). `waiting_id`: the message that waits (None: none), as the user
    row keeps it. Once asked about that message (`settled`: the id of the last one asked
    about), only words the question cannot take are asked about again."""
    if waiting_id is None:
        return False
    if waiting_id == settled:  # asked already: again only for words the question cannot take
        return not fit.free_text and not fit.taken
    return fit.free_text or not (fit.taken and fit.bare)


def awaited_wait(
    threads: Sequence[tuple[Ticket, Sequence[TicketMessage]]],
) -> TeamWait | None:
    """`awaited_message`, as the user row keeps it (the message and its exchange)."""
    waiting = awaited_message(threads)
    return None if waiting is None else TeamWait(waiting.id, waiting.ticket_id)


def stale(question: TeamQuestion, waiting: TeamWait | None, key: str | None) -> bool:
    """Whether the question on words kept, still waiting, no longer stands: its exchange
    no longer waits for the applicant (closed by the team, answered), or the interview has
    moved to another question since (its own buttons, a command; `key`: the question asked
    now). Its words kept would otherwise be joined to words meant for another question and
    saved there (a reviewer's « Nous en avons accompagné 45… », then « Oui » clicked, then
    the organisation's name: both saved as the name), or held back from a closed exchange."""
    if not question.waiting:
        return False
    if waiting is None or waiting.ticket_id != question.ticket_id:
        return True
    return question.key is not None and question.key != key  # None: kept before keys were


def typed_at_the_interview(
    text: str,
    waiting: TeamWait | None,
    question: TeamQuestion,
    fit_of: Callable[[str], TypedFit],
    key: str | None = None,
) -> TeamQuestion | None:
    """What becomes of words typed at the interview: the question's new state when they
    are asked about (`team_or_answer`), None when the interview takes them as it would
    (then `question` stands, but for « annuler », « retour »…, the interview's words, which
    drop words kept: `question_dropped`). Words typed while the question waits join the
    ones kept, asked about together; otherwise they are asked about when the team's
    message waits and `asks_about` says so. `fit_of` runs the interview dry on the words,
    only when needed (nothing waits: nothing run). `key`: the interview's question now; a
    question that no longer stands (`stale`) is no longer joined (the caller drops it)."""
    if text.startswith("/") or keyword_of(text) is not None:
        return None
    if question.waiting and not stale(question, waiting, key):
        joined = f"{question.kept}\n{text}"
        return _asked(question, joined, fit_of(joined), question.ticket_id, question.settled, key)
    if waiting is None:
        return None
    fit = fit_of(text)
    if not asks_about(waiting.message_id, question.settled, fit):
        return None
    return _asked(question, text, fit, waiting.ticket_id, waiting.message_id, key)


def _asked(
    question: TeamQuestion,
    text: str,
    fit: TypedFit,
    ticket_id: int | None,
    settled: int | None,
    key: str | None,
) -> TeamQuestion:
    return replace(
        question,
        kept=text,
        ticket_id=ticket_id,
        settled=settled,
        screen=fit.buttons,
        label=fit.label,
        key=key,
        cancelled=False,
    )


@dataclass(frozen=True)
class TypedButton:
    """A number typed under « Votre message est-il pour l’équipe ? » (`typed_button`): the
    button at that place, read as its click (`TEAM_REPLY` or `TEAM_ANSWER`, then the
    exchange); or, when it names none, what is said instead (`asked_back`)."""

    button: Button | None
    asked_back: tuple[Message, ...] = ()

    @property
    def to_the_team(self) -> bool:
        return self.button is not None and self.button.id.startswith(TEAM_REPLY)


def typed_button(text: str, question: TeamQuestion) -> TypedButton | None:
    """A number (« 1 », « 2. », « le premier ») typed while « Votre message est-il pour
    l’équipe ? » waits: the button shown at that place, as if clicked (an applicant's
    « 1 », meant for « Répondre à l’équipe », was added to the words kept for the team);
    a number naming no button is asked back with the question, the words kept unchanged.
    None for other words (they join the ones kept) or when no question waits."""
    if not question.waiting:
        return None
    shown = team_or_answer(question)
    place = typed_place(text, len(shown.buttons))
    if place is None:
        return None
    if 1 <= place <= len(shown.buttons):
        return TypedButton(shown.buttons[place - 1])
    return TypedButton(None, (number_unknown(place, len(shown.buttons)), shown))


def question_gone(question: TeamQuestion) -> Message:
    """Said when a question on words kept no longer stands (`stale`): the words were
    neither sent to the team nor saved, so that nothing typed goes unsaid."""
    assert question.kept is not None
    return Message(render_macro(SUPPORT, "team_question_gone", text=question.kept.strip()))


def question_dropped(text: str, question: TeamQuestion) -> TeamQuestion | None:
    """The question's state once the interview takes `text` while it waits: the
    interview's own words (« annuler », « retour ») end it (its buttons then say it no longer
    waits), the words kept for « Envoyer à l’équipe » only (`cancelled`: said not sent,
    `question_cancelled`, never dropped unsaid); None: unchanged."""
    if question.waiting and not text.startswith("/") and keyword_of(text) is not None:
        return replace(question, cancelled=True)
    return None


def question_cancelled(question: TeamQuestion) -> Message:
    """Said when « annuler » (or another of the interview's words) ends the question on
    words kept: they were not sent to the team, with a button that sends them still."""
    assert question.kept is not None and question.ticket_id is not None
    html = render_macro(SUPPORT, "team_question_cancelled", text=question.kept.strip())
    button = Button(
        f"{TEAM_REPLY}{question.ticket_id}", render_macro(SUPPORT, "team_question_send_button")
    )
    return Message(html, key=FEEDBACK_KEY, buttons=(button,))


def question_answered(question: TeamQuestion, ticket_id: int) -> TeamQuestion | None:
    """The question's state once answered by a button for exchange `ticket_id` (the words
    kept go to the team or to the interview; the message stays asked about: asked once
    per message); None when no such question waits (pressed twice, or words typed since
    made another)."""
    if question.kept is None or question.ticket_id != ticket_id:
        return None  # (cancelled: still sent by « Envoyer à l’équipe »)
    return TeamQuestion(settled=question.settled)


def team_or_answer(question: TeamQuestion) -> Message:
    """ "Votre message est-il pour l'équipe ?", with « Répondre à l’équipe » and « C’est ma
    réponse à : <question> » (« Revoir la question en cours » on a screen of buttons)."""
    assert question.kept is not None and question.ticket_id is not None
    screen = question.screen or question.label is None
    own = (
        render_macro(SUPPORT, "team_or_answer_screen_button")
        if screen
        else shorten(render_macro(SUPPORT, "team_or_answer_answer_button", label=question.label))
    )
    html = render_macro(
        SUPPORT,
        "team_or_answer",
        text=question.kept.strip(),
        number=question.ticket_id,
        label=question.label,
        screen=screen,
    )
    ticket_id = question.ticket_id
    return Message(
        html,
        key=FEEDBACK_KEY,
        buttons=(
            Button(f"{TEAM_REPLY}{ticket_id}", render_macro(SUPPORT, "team_or_answer_team_button")),
            Button(f"{TEAM_ANSWER}{ticket_id}", own),
        ),
    )
