"""A follow-up typed as a plain message, just after the team's answer, joins the exchange.

Paul asked the team about the subsidy's ceiling; the team answered. He writes back as in any
chat, without Telegram's « Répondre »: « Merci ! Et pour un second dossier, faut-il tout
refaire ? ». The interview, waiting for his organisation's name, took it for a question that
might be an answer (« votre réponse, ou une question ? ») and, as a question, sent it to the
call's search and a new ticket: never to the exchange with the officer who had just answered.
While his latest exchange with the team is open and recent, following it comes first."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from dialogs.events import Choose, FollowUpTeam, Text
from dialogs.service import InterviewService
from dialogs.spec import DEFAULT_CALL_ID, load_shipped_spec
from dialogs.support import Relay, SupportService
from storage.repository import SqlStore
from tests.support import TODAY, script_lines

PAUL, PAUL_CHAT = "telegram:4343", 4343
ASKED = "Quel est le montant maximum de la subvention ?"
ANSWER = "Il n’y a pas de plafond fixe : tout dépend du budget présenté."
FOLLOW_UP = "Merci ! Et pour un second dossier, faut-il tout refaire ?"


@dataclass
class MovingClock:
    instant: dt.datetime

    def now(self) -> dt.datetime:
        return self.instant


@pytest.fixture
def clock() -> MovingClock:
    return MovingClock(dt.datetime.combine(TODAY, dt.time(9, 0), tzinfo=dt.UTC))


@pytest.fixture
def support(store: SqlStore, clock: MovingClock) -> SupportService:
    return SupportService(
        specs=load_shipped_spec,
        default_call_id=DEFAULT_CALL_ID,
        store=store,
        clock=clock,
        escalation=True,
    )


@pytest.fixture
def interview(store: SqlStore, clock: MovingClock, support: SupportService) -> InterviewService:
    return InterviewService(
        specs=load_shipped_spec,
        default_call_id=DEFAULT_CALL_ID,
        store=store,
        clock=clock,
        channel="telegram",
        questions=support.answer_question,
    )


def answered_by_the_team(interview: InterviewService, support: SupportService) -> int:
    """Paul is at his organisation's name; his question went to the team, who answered."""
    for line in script_lines()[:5]:
        interview.handle(PAUL, Text(line), chat_id=PAUL_CHAT)
    assert "nom de votre organisme" in interview.show(PAUL, chat_id=PAUL_CHAT).messages[-1].html
    [offer] = interview.ask(PAUL, ASKED, chat_id=PAUL_CHAT).messages[:1]
    [escalate] = offer.buttons
    escalation = support.escalate(PAUL, int(escalate.id[1:]))
    assert escalation is not None and escalation.posting is not None
    ticket_id = escalation.posting.ticket.id
    relay = support.staff_reply(ticket_id, ANSWER)
    assert isinstance(relay, Relay)
    support.reply_delivered(relay, applicant_message_id=601)
    return ticket_id


def test_a_question_typed_just_after_the_team_s_answer_offers_to_follow_it_first(
    interview: InterviewService, support: SupportService
) -> None:
    number = answered_by_the_team(interview, support)

    asked = interview.handle(PAUL, Text(FOLLOW_UP), chat_id=PAUL_CHAT)
    which = asked.messages[-1]
    assert f"suite de votre question n° {number} avec l’équipe" in which.html
    assert [b.label for b in which.buttons] == [
        f"Pour l’équipe : suite de la question n° {number}",
        "C’est ma réponse",
        "C’est une question",
    ]

    # He touches the first: the words go to the team on that exchange, the interview keeps
    # nothing of them and asks its question again.
    assert which.key is not None
    chosen = interview.handle(PAUL, Choose(which.key, which.buttons[0].id), chat_id=PAUL_CHAT)
    assert chosen.team_follow_up == FollowUpTeam(FOLLOW_UP, number)
    assert "Nom de l’organisme" in chosen.messages[-1].html
    posting = support.follow_up(PAUL, number, FOLLOW_UP)
    assert posting is not None and posting.ticket.id == number
    authors = [m.author for m in support.thread(number)]
    assert authors == ["applicant", "staff", "applicant"]
    name = interview.handle(PAUL, Text("Inser'Réseau 62"), chat_id=PAUL_CHAT)
    assert name.accepted is not None, "his next words answer the interview, as before"


def test_an_exchange_closed_or_quiet_for_days_is_not_offered(
    interview: InterviewService, support: SupportService, clock: MovingClock
) -> None:
    number = answered_by_the_team(interview, support)
    clock.instant += dt.timedelta(days=4)
    quiet = interview.handle(PAUL, Text(FOLLOW_UP), chat_id=PAUL_CHAT).messages[-1]
    assert [b.label for b in quiet.buttons] == ["C’est ma réponse", "C’est une question"]
    assert "question n°" not in quiet.html

    interview.handle(PAUL, Text("/annuler"), chat_id=PAUL_CHAT)
    clock.instant -= dt.timedelta(days=4)
    support.close(number)
    closed = interview.handle(PAUL, Text(FOLLOW_UP), chat_id=PAUL_CHAT).messages[-1]
    assert [b.label for b in closed.buttons] == ["C’est ma réponse", "C’est une question"]


def test_a_number_typed_at_the_follow_up_choice_picks_the_button_shown_at_that_place(
    interview: InterviewService, support: SupportService
) -> None:
    """Tester's report: under « Pour l’équipe : suite de la question n° N », « C’est ma
    réponse », « C’est une question », Paul typed « 1 » for the first button; the bot took
    « C’est ma réponse » (the first of the two buttons shown without an exchange) and filed
    his question for the team as his organisation's name. A number typed picks the button at
    that place in the order shown; one that names none is asked back."""
    number = answered_by_the_team(interview, support)

    interview.handle(PAUL, Text(FOLLOW_UP), chat_id=PAUL_CHAT)
    beyond = interview.handle(PAUL, Text("4"), chat_id=PAUL_CHAT)
    assert beyond.team_follow_up is None and beyond.accepted is None
    which = beyond.messages[-1]
    assert [b.label for b in which.buttons] == [
        f"Pour l’équipe : suite de la question n° {number}",
        "C’est ma réponse",
        "C’est une question",
    ]
    assert any("1, 2 ou 3" in m.html for m in beyond.messages)

    first = interview.handle(PAUL, Text("1"), chat_id=PAUL_CHAT)
    assert first.team_follow_up == FollowUpTeam(FOLLOW_UP, number)
    assert first.accepted is None, "nothing stored in the dossier"
    assert "Nom de l’organisme" in first.messages[-1].html

    interview.handle(PAUL, Text(FOLLOW_UP), chat_id=PAUL_CHAT)
    second = interview.handle(PAUL, Text("2"), chat_id=PAUL_CHAT)
    assert second.team_follow_up is None
    assert second.accepted is not None, "« C’est ma réponse »: his words answer the question"


def test_a_yes_at_the_follow_up_choice_is_asked_back_among_the_three_buttons_shown(
    interview: InterviewService, support: SupportService
) -> None:
    """« oui » under the three buttons was asked back « Lequel des deux ? Touchez « C’est ma
    réponse » ou « C’est une question » », the team's exchange left out though shown first."""
    number = answered_by_the_team(interview, support)
    interview.handle(PAUL, Text(FOLLOW_UP), chat_id=PAUL_CHAT)
    asked = interview.handle(PAUL, Text("oui"), chat_id=PAUL_CHAT)
    said = " ".join(m.html for m in asked.messages)
    assert "Lequel des deux" not in said
    assert f"« Pour l’équipe : suite de la question n° {number} »" in said
    assert len(asked.messages[-1].buttons) == 3
    assert asked.team_follow_up is None and asked.accepted is None


def test_a_number_typed_once_the_exchange_went_quiet_still_names_the_button_he_saw(
    interview: InterviewService, support: SupportService, clock: MovingClock
) -> None:
    """Paul saw the three buttons, the team's exchange first, and typed « 1 » the next
    morning, four days after the team's answer: the exchange no longer counted as recent,
    so « 1 » was read among the two buttons of a prompt he never saw (« C’est ma réponse »),
    and his question for the team was saved as his organisation's name. The buttons shown
    are kept with his words: « 1 » is the one he saw first, after a restart too."""
    number = answered_by_the_team(interview, support)
    clock.instant += dt.timedelta(days=3) - dt.timedelta(hours=1)
    shown = interview.handle(PAUL, Text(FOLLOW_UP), chat_id=PAUL_CHAT).messages[-1]
    assert len(shown.buttons) == 3
    clock.instant += dt.timedelta(hours=12)

    restarted = InterviewService(
        specs=load_shipped_spec,
        default_call_id=DEFAULT_CALL_ID,
        store=interview.store,
        clock=clock,
        channel="telegram",
    )
    first = restarted.handle(PAUL, Text("1"), chat_id=PAUL_CHAT)

    assert first.team_follow_up == FollowUpTeam(FOLLOW_UP, number)
    assert first.accepted is None, "nothing stored in the dossier"


def test_a_number_typed_under_two_buttons_stays_among_them_when_the_team_writes_meanwhile(
    interview: InterviewService, support: SupportService
) -> None:
    """Paul's question-like words got the two buttons (no exchange with the team yet); an
    officer then wrote to him; his « 1 » is « C’est ma réponse », the first button he saw,
    not the follow-up of an exchange no button of his offered."""
    for line in script_lines()[:5]:
        interview.handle(PAUL, Text(line), chat_id=PAUL_CHAT)
    shown = interview.handle(PAUL, Text("Inser'Réseau 62, c'est bien ça ?"), chat_id=PAUL_CHAT)
    assert [b.label for b in shown.messages[-1].buttons] == [
        "C’est ma réponse",
        "C’est une question",
    ]
    assert shown.dossier_id is not None
    support.write_to_applicant(shown.dossier_id, "Bonjour, votre SIRET est-il à jour ?")

    first = interview.handle(PAUL, Text("1"), chat_id=PAUL_CHAT)

    assert first.team_follow_up is None
    assert first.accepted is not None, "his words answer the question, as the button said"
