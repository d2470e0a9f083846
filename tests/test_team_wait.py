"""The team's message waiting for an applicant's reply, read by the interview itself.

An officer writes to Paul (`/ecrire`, the console); once the message reaches him, what he
types at the interview may be meant for the team. The interview asks (« Votre message
est-il pour l’équipe ? ») in the transaction of the answer, from Paul's user row: no list of
his tickets before each answer, and the words kept while the question waits are stored with
his account, whatever adapter he uses."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, insert, select

from app.clock import FixedClock
from dialogs.events import Choose, Command, FollowUpTeam, Text
from dialogs.ports import TeamQuestion, TeamWait
from dialogs.service import InterviewService
from dialogs.spec import DEFAULT_CALL_ID, load_shipped_spec
from dialogs.support import Relay, SupportService
from storage.db import make_engine, migrate
from storage.models import FsmRecordRow, TicketMessageRow, TicketRow, UserRow
from storage.repository import SqlStore
from tests.support import TODAY

PAUL, PAUL_CHAT = "telegram:4242", 4242
ASKING = "Bonjour, pouvez-vous nous confirmer votre organisme ?"
T0 = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def support(store: SqlStore) -> SupportService:
    return SupportService(
        specs=load_shipped_spec,
        default_call_id=DEFAULT_CALL_ID,
        store=store,
        clock=FixedClock.on(TODAY),
    )


@pytest.fixture
def interview(store: SqlStore) -> InterviewService:
    return InterviewService(
        specs=load_shipped_spec,
        default_call_id=DEFAULT_CALL_ID,
        store=store,
        clock=FixedClock.on(TODAY),
        channel="telegram",
    )


def written_to_paul(interview: InterviewService, support: SupportService) -> TeamWait:
    """Paul started his dossier; an officer wrote to him, and he got the message."""
    start = interview.handle(PAUL, Command("start"), chat_id=PAUL_CHAT, event_id="tg:1")
    assert start.dossier_id is not None
    outreach = support.write_to_applicant(start.dossier_id, ASKING)
    assert outreach.relay is not None
    assert support.awaited_reply(PAUL) is None, "not delivered yet: nothing waits"
    support.reply_delivered(outreach.relay, applicant_message_id=501)
    return TeamWait(outreach.relay.message_id, outreach.relay.ticket.id)


def test_the_team_message_waiting_follows_the_exchange_on_the_user_row(
    interview: InterviewService, support: SupportService
) -> None:
    waiting = written_to_paul(interview, support)
    assert support.awaited_reply(PAUL) == waiting

    support.follow_up(PAUL, waiting.ticket_id, "Oui, c’est bien notre réseau.")
    assert support.awaited_reply(PAUL) is None, "Paul replied: the team's turn"

    relay = support.staff_reply(waiting.ticket_id, "Merci, et votre SIRET ?")
    assert isinstance(relay, Relay)
    assert support.awaited_reply(PAUL) is None, "written, not yet delivered"
    support.reply_delivered(relay, applicant_message_id=502)
    assert support.awaited_reply(PAUL) == TeamWait(relay.message_id, waiting.ticket_id)

    closing = support.close(waiting.ticket_id)
    assert closing is not None and closing.ticket.status == "closed"
    assert support.awaited_reply(PAUL) is None, "closed: nothing waits any more"


def test_the_interview_itself_asks_whether_words_are_for_the_team_and_keeps_them(
    interview: InterviewService, support: SupportService
) -> None:
    waiting = written_to_paul(interview, support)

    asked = interview.handle(
        PAUL, Text("Oui, c’est bien notre réseau."), chat_id=PAUL_CHAT, event_id="tg:2"
    )
    [question] = asked.messages
    assert "L’équipe du Département attend votre réponse" in question.html
    assert [b.label for b in question.buttons] == [
        "Répondre à l’équipe",
        "Revoir la question en cours",  # the welcome: a screen of buttons
    ]
    # More words while the question waits join the ones kept, asked about together; the
    # same update delivered again asks the same question, nothing added twice.
    more = Text("Marie Dupont est ma collègue.")
    joined = interview.handle(PAUL, more, chat_id=PAUL_CHAT, event_id="tg:3")
    again = interview.handle(PAUL, more, chat_id=PAUL_CHAT, event_id="tg:3")
    assert "Marie Dupont" in joined.messages[0].html and again.messages == joined.messages
    kept = "Oui, c’est bien notre réseau.\nMarie Dupont est ma collègue."
    assert interview.words_for_the_team(PAUL, waiting.ticket_id) == kept

    posting = support.follow_up(PAUL, waiting.ticket_id, kept)
    assert posting is not None
    assert interview.words_for_the_team(PAUL, waiting.ticket_id) is None, "asked once"
    assert support.awaited_reply(PAUL) is None

    # Nothing waits any more: the interview reads his words as it always did.
    taken = interview.handle(PAUL, Text("Bonjour"), chat_id=PAUL_CHAT, event_id="tg:4")
    assert all("attend votre réponse" not in m.html for m in taken.messages)


def test_words_kept_said_to_be_the_interviews_are_taken_once(
    interview: InterviewService, support: SupportService
) -> None:
    waiting = written_to_paul(interview, support)
    interview.handle(PAUL, Text("Nous en avons accompagné 45"), chat_id=PAUL_CHAT, event_id="tg:2")

    shown = interview.answer_kept(PAUL, waiting.ticket_id, chat_id=PAUL_CHAT)
    assert shown is not None and shown.messages, "the welcome's question shown again"
    assert interview.answer_kept(PAUL, waiting.ticket_id, chat_id=PAUL_CHAT) is None, "gone"
    assert interview.words_for_the_team(PAUL, waiting.ticket_id) is None


def test_annuler_while_the_question_waits_says_the_words_were_not_sent_and_may_be(
    interview: InterviewService, support: SupportService
) -> None:
    """Paul typed « annuler » under « Votre message est-il pour l’équipe ? »: his words were
    dropped without a word. They are said not sent, with a button that sends them still;
    they no longer wait (no other words join them, « C’est ma réponse » is over)."""
    waiting = written_to_paul(interview, support)
    interview.handle(PAUL, Text("Oui, c’est bien notre réseau."), chat_id=PAUL_CHAT)
    cancelled = interview.handle(PAUL, Text("annuler"), chat_id=PAUL_CHAT)
    said = cancelled.messages[0]
    assert "« Oui, c’est bien notre réseau. » n’a pas été envoyé à l’équipe" in said.html
    assert [b.label for b in said.buttons] == ["Envoyer à l’équipe"]
    assert said.buttons[0].id == f"t{waiting.ticket_id}"
    assert interview.answer_kept(PAUL, waiting.ticket_id, chat_id=PAUL_CHAT) is None
    kept = interview.words_for_the_team(PAUL, waiting.ticket_id)
    assert kept == "Oui, c’est bien notre réseau."
    support.follow_up(PAUL, waiting.ticket_id, kept)
    assert interview.words_for_the_team(PAUL, waiting.ticket_id) is None, "sent once"


def test_words_typed_after_annuler_are_asked_about_alone(
    interview: InterviewService, support: SupportService
) -> None:
    written_to_paul(interview, support)
    interview.handle(PAUL, Text("Oui, c’est bien notre réseau."), chat_id=PAUL_CHAT)
    interview.handle(PAUL, Text("annuler"), chat_id=PAUL_CHAT)
    asked = interview.handle(PAUL, Text("Marie Dupont est ma collègue."), chat_id=PAUL_CHAT)
    assert "Marie Dupont" in asked.messages[0].html
    assert "notre réseau" not in asked.messages[0].html


def test_writing_to_the_team_another_way_ends_the_question_on_words_kept(
    interview: InterviewService, support: SupportService
) -> None:
    """Paul's words were asked about; he then pressed the team message's own « Répondre à
    l’équipe » and wrote there: the question is over, its buttons say so."""
    waiting = written_to_paul(interview, support)
    interview.handle(PAUL, Text("Oui, c’est bien notre réseau."), chat_id=PAUL_CHAT)
    support.follow_up(PAUL, waiting.ticket_id, "Oui, c’est bien notre réseau, Marie Dupont.")
    assert interview.words_for_the_team(PAUL, waiting.ticket_id) is None
    assert interview.answer_kept(PAUL, waiting.ticket_id, chat_id=PAUL_CHAT) is None


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    try:
        yield engine
    finally:
        engine.dispose()


def test_the_migration_finds_the_message_waiting_and_the_words_kept_before_it(
    engine: Engine,
) -> None:
    """A database of the revision before: Paul got the team's message (an exchange the team
    opened, its last word delivered) and had typed words asked about, kept in his chat's
    FSM record; Marie's exchange is closed. Both survive the upgrade."""
    migrate(engine, "0017")
    tickets, messages = TicketRow.__table__, TicketMessageRow.__table__  # type: ignore[attr-defined]
    users, records = UserRow.__table__, FsmRecordRow.__table__  # type: ignore[attr-defined]
    with engine.begin() as connection:
        for owner in (PAUL, "telegram:77"):
            connection.execute(
                insert(users).values(owner=owner, blocked=False, created_at=T0, last_seen_at=T0)
            )
        ids = []
        for owner, status in ((PAUL, "answered"), ("telegram:77", "closed")):
            ids.append(
                connection.execute(
                    insert(tickets)
                    .values(
                        owner=owner,
                        question=ASKING,
                        status=status,
                        opened_by="staff",
                        created_at=T0,
                        updated_at=T0,
                    )
                    .returning(tickets.c.id)
                ).scalar_one()
            )
        message_ids = [
            connection.execute(
                insert(messages)
                .values(
                    ticket_id=ticket_id,
                    author="staff",
                    text=ASKING,
                    at=T0,
                    applicant_message_id=501,
                )
                .returning(messages.c.id)
            ).scalar_one()
            for ticket_id in ids
        ]
        connection.execute(
            insert(records).values(
                key="bot:4242:4242",
                owner=PAUL,
                state="TypedForTeam:choosing",
                data={
                    "team_text": "Oui, c’est bien notre réseau.",
                    "ticket": ids[0],
                    "team_settled": message_ids[0],
                    "team_screen": True,
                },
                updated_at=T0,
            )
        )
    migrate(engine)
    with engine.connect() as connection:
        rows = {
            owner: (message_id, ticket_id, question)
            for owner, message_id, ticket_id, question in connection.execute(
                select(
                    users.c.owner,
                    users.c.team_message_id,
                    users.c.team_ticket_id,
                    users.c.team_question,
                )
            )
        }
        state, data = connection.execute(select(records.c.state, records.c.data)).one()
    message_id, ticket_id, question = rows[PAUL]
    assert (message_id, ticket_id) == (message_ids[0], ids[0])
    assert TeamQuestion.from_json(question) == TeamQuestion(
        settled=message_ids[0],
        kept="Oui, c’est bien notre réseau.",
        ticket_id=ids[0],
        screen=True,
    )
    assert rows["telegram:77"] == (None, None, None), "a closed exchange waits for nobody"
    assert (state, data) == (None, {}), "the chat's FSM record no longer holds them"


def test_words_kept_are_not_joined_to_an_answer_for_the_next_question(
    interview: InterviewService, support: SupportService
) -> None:
    """Paul's « Nous en avons accompagné 45 l'an dernier » is asked about; he ignores the
    question and starts the interview with its button; what he types next is for the new
    question: never joined to the words kept (both would have been saved as one answer),
    and he is told the first words were neither sent nor saved."""
    written_to_paul(interview, support)
    interview.handle(PAUL, Text("Nous en avons accompagné 45 l'an dernier"), chat_id=PAUL_CHAT)
    interview.handle(PAUL, Choose("welcome", "start"), chat_id=PAUL_CHAT)

    reply = interview.handle(PAUL, Text("Inser'Réseau 62"), chat_id=PAUL_CHAT)

    said = "\n".join(m.html for m in reply.messages)
    assert "accompagné 45" in said and "ni transmis à l’équipe ni enregistré" in said
    asked = [m for m in reply.messages if "attend votre réponse" in m.html]
    assert all("accompagné 45" not in m.html for m in asked), "not joined to the new words"
    kept = interview.words_for_the_team(PAUL, support_ticket(support))
    assert kept is None or "accompagné 45" not in kept


def test_a_question_on_words_kept_ends_when_the_team_closes_the_exchange(
    interview: InterviewService, support: SupportService
) -> None:
    """Words asked about, then the officer closes the exchange: Paul's next words go to
    the interview, with a word on the ones kept, instead of being held back for a closed
    exchange again and again."""
    waiting = written_to_paul(interview, support)
    interview.handle(PAUL, Text("Oui, c’est bien notre réseau."), chat_id=PAUL_CHAT)
    closing = support.close(waiting.ticket_id)
    assert closing is not None

    reply = interview.handle(PAUL, Text("Bonjour"), chat_id=PAUL_CHAT)

    said = "\n".join(m.html for m in reply.messages)
    assert "attend votre réponse" not in said
    assert "c’est bien notre réseau" in said and "ni transmis" in said
    again = interview.handle(PAUL, Text("Bonjour"), chat_id=PAUL_CHAT)
    assert all("ni transmis" not in m.html for m in again.messages), "said once"


def support_ticket(support: SupportService) -> int:
    wait = support.awaited_reply(PAUL)
    assert wait is not None
    return wait.ticket_id


def test_two_instances_changing_paul_s_exchanges_at_once_take_turns_on_his_row(
    interview: InterviewService, support: SupportService, store: SqlStore
) -> None:
    """The console closes one exchange while the bot marks another delivered: each works
    out the waiting message from the exchanges it reads, so the second waits for the
    first's row (PostgreSQL locks it; SQLite's writers already take turns)."""
    written_to_paul(interview, support)
    second_took_it = threading.Event()

    def second_instance() -> None:
        with store.transaction() as repo:
            repo.lock_user(owner=PAUL)
            second_took_it.set()

    locks_rows = store.engine.dialect.name == "postgresql"
    with store.transaction() as repo:
        repo.lock_user(owner=PAUL)
        other = threading.Thread(target=second_instance)
        other.start()
        if locks_rows:
            assert not second_took_it.wait(0.5), "the row is held until the first one commits"
        else:  # SQLite: a read holds nothing (its writers take turns on the whole file)
            assert second_took_it.wait(5), "nothing held: the other transaction goes on"
    assert second_took_it.wait(5)
    other.join()


def test_a_number_typed_at_the_question_for_the_team_is_the_button_at_that_place(
    interview: InterviewService, support: SupportService
) -> None:
    """Under « Votre message est-il pour l’équipe ? », Paul typed « 1 » for « Répondre à
    l’équipe »: the « 1 » was added to the words kept for the team, and nothing was sent. A
    number typed is the button at that place, as clicked: the words kept, as they were, go
    to the team (the adapter sends them, as after the click)."""
    waiting = written_to_paul(interview, support)
    interview.handle(PAUL, Text("Oui, c’est bien notre réseau."), chat_id=PAUL_CHAT)

    first = interview.handle(PAUL, Text("1"), chat_id=PAUL_CHAT, event_id="tg:5")

    assert first.team_follow_up == FollowUpTeam("Oui, c’est bien notre réseau.", waiting.ticket_id)
    assert first.accepted is None
    assert interview.words_for_the_team(PAUL, waiting.ticket_id) == (
        "Oui, c’est bien notre réseau."
    ), "the « 1 » is not among the words for the team"


@pytest.mark.parametrize("typed", ["2", "2.", "le deuxième"])
def test_the_second_button_typed_gives_the_words_kept_to_the_interview(
    interview: InterviewService, support: SupportService, typed: str
) -> None:
    """At his organisation's type, Paul's « Inser'Réseau 62, notre réseau » was asked
    about; « 2 » is « C’est ma réponse à : Type d’organisme »: the interview reads the words
    kept (here it asks back which type they mean), as after the click."""
    waiting = written_to_paul(interview, support)
    interview.handle(PAUL, Choose("welcome", "start"), chat_id=PAUL_CHAT)
    asked = interview.handle(PAUL, Text("Inser'Réseau 62, notre réseau"), chat_id=PAUL_CHAT)
    assert asked.messages[-1].buttons[0].label == "Répondre à l’équipe"

    second = interview.handle(PAUL, Text(typed), chat_id=PAUL_CHAT)

    assert second.team_follow_up is None
    [read] = second.messages
    assert "Type d’organisme" in read.html and "Inser&#39;Réseau 62, notre réseau" in read.html
    assert "attend votre réponse" not in read.html
    assert interview.words_for_the_team(PAUL, waiting.ticket_id) is None, "no longer waiting"


def test_a_number_naming_no_button_is_asked_back_and_kept_out_of_the_words(
    interview: InterviewService, support: SupportService
) -> None:
    waiting = written_to_paul(interview, support)
    interview.handle(PAUL, Text("Oui, c’est bien notre réseau."), chat_id=PAUL_CHAT)

    third = interview.handle(PAUL, Text("3"), chat_id=PAUL_CHAT)

    said, question = third.messages
    assert "Aucun choix ne porte le n° 3" in said.html and "1 ou 2" in said.html
    assert "L’équipe du Département attend votre réponse" in question.html
    assert [b.label for b in question.buttons] == [
        "Répondre à l’équipe",
        "Revoir la question en cours",
    ]
    assert third.team_follow_up is None
    kept = interview.words_for_the_team(PAUL, waiting.ticket_id)
    assert kept == "Oui, c’est bien notre réseau."

    shown = interview.handle(PAUL, Text("le 2"), chat_id=PAUL_CHAT)
    assert shown.messages and "attend votre réponse" not in shown.messages[-1].html
    assert interview.words_for_the_team(PAUL, waiting.ticket_id) is None
