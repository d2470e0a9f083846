"""Questions and tickets (`dialogs.support.SupportService`) on a real database (SQLite, and
PostgreSQL when TEST_DATABASE_URL is set): an applicant asks, the team answers, the FAQ grows."""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Sequence
from pathlib import Path

import pytest

from app.clock import FixedClock
from dialogs.events import Text
from dialogs.ports import FaqRecord
from dialogs.service import InterviewService
from dialogs.spec import DEFAULT_CALL_ID, load_shipped_spec
from dialogs.support import (
    ESCALATE,
    FEEDBACK_KEY,
    HELPED,
    MAX_QUESTION,
    SUPPORT,
    FoundAnswer,
    Posting,
    StaffWords,
    SupportService,
)
from dialogs.texts import render_macro
from storage.repository import SqlStore
from tests.support import TODAY, script_lines

ALICE, BOB = "telegram:1001", "telegram:1002"
ANSWERED = "Quelle est la date limite ?"
UNANSWERED = "Combien de temps pour instruire le dossier ?"
TODAY_AT = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)


def fake_finder(question: str, faq: Sequence[FaqRecord]) -> FoundAnswer:
    """The call answers one question; FAQ entries answer theirs, word for word."""
    for entry in faq:
        if entry.question == question:
            source = f"Réponse de l’équipe du Département ({entry.created_at:%d/%m/%Y})"
            return FoundAnswer(
                entry.answer, source, 9.0, confident=True, from_faq=True, faq_question=question
            )
    if question == ANSWERED:
        return FoundAnswer("Le 14/02/2025.", "Durée › Dates", 5.0, confident=True)
    return FoundAnswer("", "", 0.1, confident=False)


class Clock:
    def __init__(self) -> None:
        self.instant = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)

    def now(self) -> dt.datetime:
        return self.instant

    def advance(self, **delta: float) -> None:
        self.instant += dt.timedelta(**delta)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def support(store: SqlStore, clock: Clock) -> SupportService:
    return SupportService(
        specs=load_shipped_spec,
        default_call_id=DEFAULT_CALL_ID,
        store=store,
        clock=clock,
        finder=fake_finder,
    )


@pytest.fixture
def interview(store: SqlStore, support: SupportService) -> InterviewService:
    return InterviewService(
        specs=load_shipped_spec,
        default_call_id=DEFAULT_CALL_ID,
        store=store,
        clock=FixedClock.on(TODAY),
        questions=support.answer_question,
    )


def asked_id(support: SupportService, owner: str, question: str, dossier_id: int = 0) -> int:
    message = support.answer_question(owner, dossier_id, question)[0]
    escalate = [b for b in message.buttons if b.id.startswith(ESCALATE)]
    assert len(escalate) == 1
    return int(escalate[0].id.removeprefix(ESCALATE))


def test_an_answer_quotes_the_call_and_its_buttons_carry_only_an_id(
    support: SupportService, store: SqlStore
) -> None:
    [message] = support.answer_question(ALICE, 0, ANSWERED)
    assert "Le 14/02/2025." in message.html and "Source : Durée › Dates" in message.html
    assert "Cette réponse vous aide-t-elle ?" in message.html
    assert message.key == FEEDBACK_KEY
    assert [b.label for b in message.buttons] == [
        "Oui",
        "Non, poser la question à l’équipe du Département",
    ]
    for button in message.buttons:
        data = f"a|{FEEDBACK_KEY}|{button.id}"
        assert len(data.encode()) <= 64 and "date" not in data
        assert button.id[:1] in (HELPED, ESCALATE) and button.id[1:].isdigit()
    with store.transaction() as repo:
        asked = repo.get_asked_question(int(message.buttons[0].id[1:]))
    assert asked is not None and asked.owner == ALICE and asked.confident
    # An applicant whose question the call does not answer gets one button, and no "Non,".
    [offer] = support.answer_question(ALICE, 0, UNANSWERED)
    assert [b.label for b in offer.buttons] == ["Poser la question à l’équipe du Département"]
    assert asked.text == ANSWERED and asked.source == "Durée › Dates"


def test_an_unanswered_question_offers_the_team_at_once(support: SupportService) -> None:
    [message] = support.answer_question(ALICE, 0, UNANSWERED)
    assert "ne répond pas à cette question" in message.html
    assert "Je peux la transmettre à l’équipe du Département" in message.html
    assert [b.id[:1] for b in message.buttons] == [ESCALATE]


def test_without_a_staff_chat_the_contact_is_given_and_no_button(store: SqlStore) -> None:
    support = SupportService(
        specs=load_shipped_spec,
        default_call_id=DEFAULT_CALL_ID,
        store=store,
        clock=Clock(),
        finder=fake_finder,
        escalation=False,
    )
    [message] = support.answer_question(ALICE, 0, UNANSWERED)
    assert "03 21 21 65 50" in message.html and not message.buttons


def test_an_escalated_question_becomes_one_ticket_with_the_dossier_progress(
    support: SupportService, interview: InterviewService, store: SqlStore
) -> None:
    for line in script_lines()[:8]:
        interview.handle(ALICE, Text(line))
    dossier_id = interview.show(ALICE).dossier_id
    assert dossier_id is not None
    question = asked_id(support, ALICE, UNANSWERED, dossier_id)
    escalation = support.escalate(ALICE, question)
    assert escalation is not None and escalation.created
    ticket = escalation.posting.ticket
    assert ticket.organisation == "Inser'Réseau 62"
    assert ticket.completeness is not None and 0 < ticket.completeness < 100
    assert ticket.question == UNANSWERED and ticket.status == "open"
    assert f"question n° {ticket.id}" in escalation.messages[0].html
    again = support.escalate(ALICE, question)
    assert again is not None and not again.created and again.posting.ticket.id == ticket.id
    with store.transaction() as repo:
        assert len(repo.list_tickets()) == 1


def staff_post(posting: Posting) -> str:
    """The staff group's post of a ticket's question, as the desk renders it."""
    return render_macro(
        SUPPORT, "staff_ticket", ticket=posting.ticket, text=posting.text, posting=posting
    )


def test_a_question_escalated_after_the_bots_answer_tells_staff_what_it_had_quoted(
    support: SupportService,
) -> None:
    escalation = support.escalate(ALICE, asked_id(support, ALICE, ANSWERED))
    assert escalation is not None and escalation.posting is not None
    posting = escalation.posting
    post = staff_post(posting)
    assert (
        f"<blockquote>{ANSWERED}</blockquote>\n🤖 Le bot avait répondu, source : Durée › Dates\n"
        in post
    )


def test_a_question_escalated_after_a_faq_answer_tells_staff_which_entry_answered(
    support: SupportService,
) -> None:
    escalation = support.escalate(ALICE, asked_id(support, ALICE, UNANSWERED))
    assert escalation is not None and escalation.posting is not None
    support.staff_reply(escalation.posting.ticket.id, "Trois mois.", chat_id=-1, staff_message_id=5)
    assert support.faq_from_staff_message(-1, 5) is not None
    again = support.escalate(BOB, asked_id(support, BOB, UNANSWERED))
    assert again is not None and again.posting is not None
    post = staff_post(again.posting)
    assert (
        "🤖 Le bot avait répondu, source : Réponse de l’équipe du Département (25/11/2026)"
        f" à la question « {UNANSWERED} »\n" in post
    )


def test_a_question_the_call_does_not_answer_reaches_staff_saying_so(
    support: SupportService,
) -> None:
    escalation = support.escalate(ALICE, asked_id(support, ALICE, UNANSWERED))
    assert escalation is not None and escalation.posting is not None
    posting = escalation.posting
    post = staff_post(posting)
    assert "🤖 Le bot n’a pas trouvé la réponse dans l’appel à projets.\nRépondez" in post


def test_a_follow_up_posted_as_a_new_ticket_post_says_nothing_of_the_bots_answer(
    support: SupportService,
) -> None:
    """A follow-up repeats no answer of the bot's: posted afresh (its ticket's first post
    gone), it must not claim the bot found nothing."""
    escalation = support.escalate(ALICE, asked_id(support, ALICE, ANSWERED))
    assert escalation is not None and escalation.posting is not None
    posting = support.follow_up(ALICE, escalation.posting.ticket.id, "Et pour 2026 ?")
    assert posting is not None and posting.reply_to is None
    post = staff_post(posting)
    assert "🤖" not in post


def test_a_forged_question_id_from_another_applicant_is_refused(
    support: SupportService, store: SqlStore
) -> None:
    question = asked_id(support, ALICE, UNANSWERED)
    assert support.escalate(BOB, question) is None
    assert support.escalate(BOB, question + 1000) is None
    with store.transaction() as repo:
        assert repo.list_tickets() == []
    escalation = support.escalate(ALICE, question)
    assert escalation is not None
    ticket_id = escalation.posting.ticket.id
    assert support.follow_up(BOB, ticket_id, "Et moi ?") is None
    assert support.owns_ticket(BOB, ticket_id) is None
    assert support.tickets_of(BOB) == []


def test_with_two_questions_open_each_team_answer_quotes_the_question_it_answers(
    support: SupportService,
) -> None:
    second = "Les frais de déplacement <du bénévole> sont-ils pris en charge ?"
    first_ticket = support.escalate(ALICE, asked_id(support, ALICE, UNANSWERED))
    second_ticket = support.escalate(ALICE, asked_id(support, ALICE, second))
    assert first_ticket is not None and second_ticket is not None
    said = {}
    for escalation, answer in (
        (second_ticket, "Oui, sur justificatif."),
        (first_ticket, "Trois mois."),
    ):
        relay = support.staff_reply(escalation.posting.ticket.id, answer)
        assert relay is not None
        said[answer] = render_macro(SUPPORT, "staff_answer", ticket=relay.ticket, text=relay.text)
    number = second_ticket.posting.ticket.id
    assert (
        "« Les frais de déplacement &lt;du bénévole&gt; sont-ils pris en charge ? »"
        f" (question n° {number}) :\nOui, sur justificatif." in said["Oui, sur justificatif."]
    )
    assert f"« {UNANSWERED} » (question n° " in said["Trois mois."]
    assert said["Trois mois."].endswith(") :\nTrois mois.")


def test_a_long_question_is_quoted_cut_at_a_word_in_the_team_answer(
    support: SupportService,
) -> None:
    long = "Pouvez-vous préciser " + "les conditions de cofinancement " * 10 + "?"
    escalation = support.escalate(ALICE, asked_id(support, ALICE, long))
    assert escalation is not None
    relay = support.staff_reply(escalation.posting.ticket.id, "Oui.")
    assert relay is not None
    said = render_macro(SUPPORT, "staff_answer", ticket=relay.ticket, text=relay.text)
    quoted = said.split("« ", 1)[1].split(" »", 1)[0]
    assert quoted.startswith("Pouvez-vous préciser les conditions") and quoted.endswith("…")
    assert len(quoted) <= 150 and quoted.removesuffix("…").endswith("cofinancement")


def test_staff_answer_follow_up_and_closing(
    support: SupportService, clock: Clock, store: SqlStore
) -> None:
    escalation = support.escalate(ALICE, asked_id(support, ALICE, UNANSWERED))
    assert escalation is not None
    ticket_id = escalation.posting.ticket.id
    support.posted(escalation.posting.message_id, chat_id=-100, staff_message_id=50)
    assert support.ticket_of_staff_message(-100, 50) == ticket_id
    assert support.ticket_of_staff_message(-200, 50) is None

    clock.advance(hours=2)
    relay = support.staff_reply(
        ticket_id, " Trois mois environ. ", chat_id=-100, staff_message_id=51
    )
    assert relay is not None and relay.text == "Trois mois environ."
    assert support.ticket(ticket_id).status == "open"  # type: ignore[union-attr]
    support.reply_delivered(relay, applicant_message_id=7)
    answered = support.ticket(ticket_id)
    assert answered is not None and answered.status == "answered"
    assert support.ticket_of_applicant_message(ALICE, 7) == ticket_id
    assert support.ticket_of_applicant_message(BOB, 7) is None

    clock.advance(minutes=5)
    posting = support.follow_up(ALICE, ticket_id, "Merci, et pour le bilan ?")
    assert posting is not None and posting.reply_to == 51
    assert support.ticket(ticket_id).status == "open"  # type: ignore[union-attr]

    closing = support.close(ticket_id)
    assert closing is not None and not closing.already_closed
    assert closing.ticket.status == "closed"
    again = support.close(ticket_id)
    assert again is not None and again.already_closed
    assert support.close(ticket_id + 99) is None
    with store.transaction() as repo:
        ticket = repo.get_ticket(ticket_id)
        messages = repo.ticket_messages(ticket_id)
    assert ticket is not None and ticket.closed_at == clock.now()
    assert ticket.answered_at == clock.now() - dt.timedelta(minutes=5)
    assert [m.author for m in messages] == ["applicant", "staff", "applicant"]
    listing = support.my_tickets_message(ALICE).html
    assert f"n° {ticket_id} — close" in listing


def test_closing_a_ticket_nobody_answered_waits_for_a_confirmation(
    support: SupportService,
) -> None:
    escalation = support.escalate(ALICE, asked_id(support, ALICE, UNANSWERED))
    assert escalation is not None and escalation.posting is not None
    number = escalation.posting.ticket.id
    asking = support.close(number)
    assert asking is not None and asking.needs_confirmation and not asking.already_closed
    assert support.ticket(number).status == "open"  # type: ignore[union-attr]
    # « Confirmer la clôture » is bound to the message the prompt warned about (`seen`)
    closing = support.close(number, confirmed=True, seen=asking.seen)
    assert closing is not None and not closing.needs_confirmation
    assert closing.ticket.status == "closed"
    again = support.close(number, confirmed=True, seen=asking.seen)  # a second click
    assert again is not None and again.already_closed


def test_open_tickets_oldest_first_with_their_age(support: SupportService, clock: Clock) -> None:
    first = support.escalate(BOB, asked_id(support, BOB, UNANSWERED))
    clock.advance(hours=1)
    second = support.escalate(ALICE, asked_id(support, ALICE, "Autre chose ?"))
    clock.advance(hours=1)
    third = support.escalate(ALICE, asked_id(support, ALICE, "Encore ?"))
    assert first and second and third
    relay = support.staff_reply(second.posting.ticket.id, "Oui.", chat_id=-1, staff_message_id=9)
    assert relay is not None
    support.reply_delivered(relay, 3)
    waiting = support.open_tickets()
    assert [t.id for t in waiting] == [first.posting.ticket.id, third.posting.ticket.id]
    assert [t.age for t in waiting] == [dt.timedelta(hours=2), dt.timedelta(0)]
    assert [t.owner for t in waiting] == [BOB, ALICE]
    everything = support.open_tickets(include_answered=True)
    assert [t.status for t in everything] == ["open", "answered", "open"]


def test_a_message_in_an_applicants_topic_is_about_their_latest_live_ticket(
    support: SupportService,
) -> None:
    first = support.escalate(ALICE, asked_id(support, ALICE, UNANSWERED))
    second = support.escalate(ALICE, asked_id(support, ALICE, "Autre chose ?"))
    assert first and second
    support.set_staff_topic(-100, ALICE, 42, "Inser'Réseau 62")
    assert support.staff_topic(-100, ALICE) == 42
    assert support.ticket_of_topic(-100, 42) == second.posting.ticket.id
    number = second.posting.ticket.id
    support.close(number, confirmed=True, seen=support.thread(number)[-1].id)
    assert support.ticket_of_topic(-100, 42) == first.posting.ticket.id
    assert support.ticket_of_topic(-100, 43) is None


def test_a_staff_answer_becomes_a_faq_entry_answered_to_the_next_applicant(
    support: SupportService,
) -> None:
    escalation = support.escalate(ALICE, asked_id(support, ALICE, UNANSWERED))
    assert escalation is not None
    ticket_id = escalation.posting.ticket.id
    support.posted(escalation.posting.message_id, chat_id=-100, staff_message_id=50)
    support.staff_reply(ticket_id, "Trois mois environ.", chat_id=-100, staff_message_id=51)
    assert support.faq_from_staff_message(-100, 50) is None, "the question is not an answer"
    added = support.faq_from_staff_message(-100, 51)
    assert added is not None and not added.already
    entry = added.entry
    assert entry.source_ticket_id == ticket_id
    assert (entry.question, entry.answer) == (UNANSWERED, "Trois mois environ.")
    [message] = support.answer_question(BOB, 0, UNANSWERED)
    assert "Trois mois environ." in message.html
    assert "Réponse de l’équipe du Département (25/11/2026)" in message.html
    assert "Ce que dit l’appel à projets" not in message.html, "the team's words, not the call's"


def test_an_officer_who_adds_the_same_answer_to_the_faq_twice_is_told_it_is_already_there(
    support: SupportService,
) -> None:
    escalation = support.escalate(ALICE, asked_id(support, ALICE, UNANSWERED))
    assert escalation is not None
    ticket_id = escalation.posting.ticket.id
    support.staff_reply(ticket_id, "Trois mois.", chat_id=-100, staff_message_id=51)
    first = support.faq_from_staff_message(-100, 51)
    assert first is not None and not first.already
    again = support.faq_from_staff_message(-100, 51)
    assert again is not None and again.already and again.entry.id == first.entry.id
    # Edited since, or a second answer on the same ticket: still that entry, nothing added.
    support.edit_faq(first.entry.id, "Deux mois.")
    support.staff_reply(ticket_id, "Trois  mois.", chat_id=-100, staff_message_id=52)
    later = support.faq_from_staff_message(-100, 52)
    assert later is not None and later.already and later.entry.id == first.entry.id
    assert [e.id for e in support.faq_entries()] == [first.entry.id]
    # Removing it leaves nothing that still answers applicants.
    support.delete_faq(first.entry.id)
    assert support.faq_entries() == []
    [message] = support.answer_question(BOB, 0, UNANSWERED)
    assert "Deux mois." not in message.html and "Trois mois." not in message.html


def test_staff_list_edit_and_delete_faq_entries(support: SupportService) -> None:
    escalation = support.escalate(ALICE, asked_id(support, ALICE, UNANSWERED))
    assert escalation is not None
    support.staff_reply(
        escalation.posting.ticket.id, "Trois mois.", chat_id=-100, staff_message_id=51
    )
    added = support.faq_from_staff_message(-100, 51)
    assert added is not None
    entry = added.entry
    listing = support.faq_list_message().html
    assert f"n° {entry.id}" in listing and UNANSWERED in listing and "Trois mois." in listing

    edited = support.edit_faq(entry.id, "  Deux mois au plus.  ")
    assert edited.entry is not None and edited.entry.answer == "Deux mois au plus."
    [message] = support.answer_question(BOB, 0, UNANSWERED)
    assert "Deux mois au plus." in message.html and "Trois mois." not in message.html
    assert support.edit_faq(entry.id, "   ").problem == "empty", "an empty answer is refused"
    assert support.edit_faq(entry.id + 99, "Autre").problem == "unknown"
    too_long = support.edit_faq(entry.id, "x" * (MAX_QUESTION + 1))
    assert too_long.problem == "too_long", "refused whole, never cut"
    assert support.faq_entries()[0].answer == "Deux mois au plus."

    deleted = support.delete_faq(entry.id)
    assert deleted is not None and deleted.id == entry.id
    assert support.faq_entries() == []
    assert support.delete_faq(entry.id) is None, "already gone"
    [message] = support.answer_question(BOB, 0, UNANSWERED)
    assert "Deux mois" not in message.html, "applicants no longer get it"
    assert "La FAQ est vide" in support.faq_list_message().html


def test_the_real_knowledge_base_includes_the_faq_entries_from_the_database(
    store: SqlStore,
) -> None:
    from knowledge.answering import CallQuestions

    finder = CallQuestions(load_shipped_spec(DEFAULT_CALL_ID))
    question = (
        "Les locaux de l'association doivent-ils être accessibles aux personnes handicapées ?"
    )
    assert not finder.find(question, []).confident
    record = FaqRecord(1, question, "Oui, comme tout lieu recevant du public.", TODAY_AT, None)
    found = finder.find(question, [record])
    assert found.confident and found.answer == "Oui, comme tout lieu recevant du public."
    assert found.from_faq and found.source == "Réponse de l’équipe du Département (25/11/2026)"
    assert finder.base_with([record]) is finder.base_with([record]), "the index is reused"


def test_a_faq_answer_shows_the_question_it_answers_so_a_near_miss_can_be_seen(
    store: SqlStore, clock: Clock
) -> None:
    from knowledge.answering import CallQuestions

    support = SupportService(
        specs=load_shipped_spec,
        default_call_id=DEFAULT_CALL_ID,
        store=store,
        clock=clock,
        finder=CallQuestions(load_shipped_spec(DEFAULT_CALL_ID)).find,
    )
    results = "Quelle est la date de publication des résultats ?"
    with store.transaction() as repo:
        repo.add_faq_entry(
            question=results, answer="Fin mars 2025.", at=TODAY_AT, source_ticket_id=None
        )
    [message] = support.answer_question(ALICE, 0, results)
    assert "Fin mars 2025." in message.html
    assert (
        "Réponse de l’équipe du Département (25/11/2026)</b> à la question"
        f" « {results} »" in message.html
    )


def test_the_applicants_questions_and_tickets_are_exported_and_erased(
    support: SupportService, interview: InterviewService, store: SqlStore
) -> None:
    interview.show(ALICE)
    escalation = support.escalate(ALICE, asked_id(support, ALICE, UNANSWERED))
    assert escalation is not None
    ticket_id = escalation.posting.ticket.id
    relay = support.staff_reply(ticket_id, "Trois mois.", chat_id=-100, staff_message_id=51)
    assert relay is not None
    support.set_staff_topic(-100, ALICE, 42, "Alice")
    support.faq_from_staff_message(-100, 51)
    asked_id(support, BOB, UNANSWERED)

    document = json.loads(interview.export_owner_data(ALICE))
    assert [q["question"] for q in document["questions"]] == [UNANSWERED]
    [ticket] = document["tickets"]
    assert ticket["number"] == ticket_id and ticket["status"] == "open"
    assert [m["text"] for m in ticket["messages"]] == [UNANSWERED, "Trois mois."]
    [faq] = document["faq_entries_from_your_questions"]
    assert faq["question"] == UNANSWERED and faq["answer"] == "Trois mois."
    [topic] = document["staff_topics"]
    assert topic["name"] == "Alice" and topic["topic_id"] == 42

    interview.delete_owner_data(ALICE)
    assert support.tickets_of(ALICE) == []
    assert support.staff_topic(-100, ALICE) is None
    document = json.loads(interview.export_owner_data(ALICE))
    assert document["questions"] == [] and document["tickets"] == []
    assert support.faq_entries() == [], "the FAQ entry quoted the applicant's own question"
    assert support.about_erased_applicant(-100, message_id=51), "staff replies get a note"
    assert support.about_erased_applicant(-100, thread_id=42)
    assert json.loads(interview.export_owner_data(BOB))["questions"] != []


def test_the_terminal_hands_a_question_to_the_team_with_equipe(
    support: SupportService, interview: InterviewService, tmp_path: Path
) -> None:
    from app.terminal import TerminalSession

    stdin = io.StringIO(f"/question {UNANSWERED}\n/equipe\n/mes_questions\n")
    stdout = io.StringIO()
    session = TerminalSession(
        interview, stdin=stdin, stdout=stdout, drafts_dir=tmp_path, support=support
    )
    assert session.run() == 0
    out = stdout.getvalue()
    assert "tapez « /equipe »" in out and "1. Non, poser" not in out
    [ticket] = support.tickets_of("terminal:local")
    assert ticket.question == UNANSWERED and ticket.status == "open"
    assert f"question n° {ticket.id}" in out
    assert f"n° {ticket.id} — en attente de réponse" in out


def test_only_what_is_meant_for_the_applicant_is_relayed(support: SupportService) -> None:
    alice = support.escalate(ALICE, asked_id(support, ALICE, UNANSWERED))
    bob = support.escalate(BOB, asked_id(support, BOB, "Autre chose ?"))
    assert alice and alice.posting and bob and bob.posting
    mine, his = alice.posting.ticket.id, bob.posting.ticket.id
    support.posted(alice.posting.message_id, chat_id=-100, staff_message_id=50)
    support.set_staff_topic(-100, ALICE, 42, "Inser'Réseau 62 — Alice")
    relay = support.staff_reply(mine, "Réponse.", chat_id=-100, staff_message_id=51)
    assert relay is not None

    def said(text: str, *, command: bool = False, **where: int) -> tuple[str, int | None, str]:
        words = StaffWords(chat_id=-100, message_id=99, text=text, command=command, **where)
        found = support.addressee(words)
        return found.verdict, found.ticket_id, found.text

    # Plain messages: a reply to the bot's post of her words goes; nothing else does.
    assert said("Oui.", replied_to=50) == ("relay", mine, "Oui.")
    assert said("(note interne) à vérifier", thread_id=42)[0] == "internal"
    assert said("D'accord avec toi.", replied_to=51)[0] == "internal", "a colleague's answer"
    assert said("Bonjour à tous")[0] == "internal"
    # /repondre: in her topic, in reply to her ticket, or with a number anywhere.
    assert said("Oui.", command=True, thread_id=42) == ("relay", mine, "Oui.")
    assert said("Oui.", command=True, replied_to=51) == ("relay", mine, "Oui.")
    assert said(f"{his} Oui.", command=True) == ("relay", his, "Oui.")
    # In her topic a number that is not one of her tickets is words of the answer.
    assert said(f"{his} mois.", command=True, thread_id=42) == ("relay", mine, f"{his} mois.")
    assert said("Oui.", command=True)[0] == "usage"
    assert said("", command=True, thread_id=42)[0] == "usage"
    assert said("999 Oui.", command=True)[0] == "unknown_ticket"


# -- the staff chat's messages that show an applicant ------------------------------------------


def test_staff_posts_of_an_erased_applicant_wait_for_clean_up_and_name_nobody_else(
    support: SupportService, interview: InterviewService, store: SqlStore
) -> None:
    """A listing naming Alice and Bob: Alice erases, the listing is blanked once and no row
    keeps Bob attached to it; a reply noted after Alice's erasure (a staff command that read
    her dossier just before) is blanked at once."""
    from dialogs.personal_data import erase_owner

    for owner in (ALICE, BOB):
        interview.show(owner, chat_id=1)
    assert not support.record_staff_posts(-100, [7], [ALICE, BOB], "listing")
    assert not support.record_staff_posts(-100, [8], [ALICE], "post")
    assert not support.record_staff_posts(-100, [9], [BOB], "listing")
    erase_owner(store, ALICE)
    waiting = support.erased_posts_to_clean()
    assert sorted((p.message_id, p.kind) for p in waiting) == [(7, "listing"), (8, "post")]
    with store.transaction() as repo:
        shown = repo.support_data(BOB)["staff_chat_messages_showing_you"]
    assert [(m["message_id"], m["kind"]) for m in shown] == [(9, "listing")], "7 is blanked"
    assert support.record_staff_posts(-100, [10], [ALICE], "document"), "erased meanwhile"
    assert (10, "document") in [(p.message_id, p.kind) for p in support.erased_posts_to_clean()]


def test_a_listing_paged_forward_names_only_its_new_page(
    support: SupportService, interview: InterviewService, store: SqlStore
) -> None:
    from dialogs.personal_data import erase_owner

    for owner in (ALICE, BOB):
        interview.show(owner, chat_id=1)
    support.record_staff_posts(-100, [7], [ALICE], "listing")
    support.record_staff_posts(-100, [7], [BOB], "listing", True)  # ▶️: page 2 shows Bob
    erase_owner(store, ALICE)
    assert support.erased_posts_to_clean() == [], "page 2 does not show Alice"


def test_two_questions_typed_in_a_row_that_the_call_answers_alike_get_the_answer_once(
    interview: InterviewService,
) -> None:
    """« c'est quand la date limite de dépôt ? » at a text question is asked back (your
    answer, or a question?); a tester typed another question instead of clicking, and read
    the call's answer twice in one message. Shown once."""
    lines = iter(script_lines())
    reply = interview.handle(ALICE, Text(next(lines)))
    while not any(m.key == "org.name" for m in reply.messages):
        reply = interview.handle(ALICE, Text(next(lines)))
    reply = interview.handle(ALICE, Text(ANSWERED))
    assert "ressemble à une question" in " ".join(m.html for m in reply.messages)
    reply = interview.handle(ALICE, Text(ANSWERED))
    said = " ".join(m.html for m in reply.messages)
    assert said.count("Le 14/02/2025.") == 1
