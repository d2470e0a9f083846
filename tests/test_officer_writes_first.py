"""A Département officer writes first to a dossier's applicant (`SupportService.
write_to_applicant`, behind `/ecrire N texte` and the console's « Écrire au candidat »), on a
real database (SQLite, and PostgreSQL when TEST_DATABASE_URL is set).

The message opens a ticket of the team's own: the applicant reads it as the team's message
about their dossier, answers it like a staff answer, and their reply comes back on that ticket.
"""

from __future__ import annotations

import pytest

from app.clock import FixedClock
from dialogs.events import Text
from dialogs.personal_data import erase_owner
from dialogs.service import InterviewService
from dialogs.spec import DEFAULT_CALL_ID, load_shipped_spec
from dialogs.staff import StaffService
from dialogs.support import MAX_STAFF_MESSAGE, SUPPORT, SupportService
from dialogs.texts import render_macro
from storage.repository import SqlStore
from storage.transfer import export_all
from tests.staff_support import fixed_clock
from tests.support import TODAY, script_lines
from tests.test_support_service import UNANSWERED, Clock, asked_id, fake_finder

ALICE = "telegram:1001"
STAFF_CHAT = -100
ASKING = "Bonjour, pouvez-vous préciser le nombre de SIAE <adhérentes> & partenaires ?"


@pytest.fixture
def clock() -> Clock:
    return Clock()


def support_service(store: SqlStore, clock: Clock, **extra: int) -> SupportService:
    return SupportService(
        specs=load_shipped_spec,
        default_call_id=DEFAULT_CALL_ID,
        store=store,
        clock=clock,
        finder=fake_finder,
        max_escalations_per_hour=extra.get("max_escalations_per_hour"),
    )


@pytest.fixture
def support(store: SqlStore, clock: Clock) -> SupportService:
    return support_service(store, clock)


@pytest.fixture
def interview(store: SqlStore) -> InterviewService:
    return InterviewService(
        specs=load_shipped_spec,
        default_call_id=DEFAULT_CALL_ID,
        store=store,
        clock=FixedClock.on(TODAY),
    )


def dossier_of(interview: InterviewService, owner: str, lines: int = 8) -> int:
    """`owner` plays the interview up to the organisation's name (Inser'Réseau 62)."""
    for line in script_lines()[:lines]:
        interview.handle(owner, Text(line))
    number = interview.show(owner).dossier_id
    assert number is not None
    return number


def test_an_officer_writes_to_a_dossiers_applicant_who_answers_on_the_same_ticket(
    support: SupportService, interview: InterviewService, clock: Clock, store: SqlStore
) -> None:
    number = dossier_of(interview, ALICE)

    outreach = support.write_to_applicant(
        number, f"  {ASKING}  ", chat_id=STAFF_CHAT, staff_message_id=60
    )

    relay = outreach.relay
    assert relay is not None and outreach.problem is None
    ticket = relay.ticket
    assert ticket.opened_by == "staff" and ticket.owner == ALICE
    assert ticket.dossier_id == number and ticket.organisation == "Inser'Réseau 62"
    assert relay.text == ASKING and ticket.question == ASKING
    # What the applicant reads: the team's message about their dossier, never "your question".
    copy = render_macro(SUPPORT, "staff_answer", ticket=ticket, text=relay.text)
    assert copy.startswith("💬 <b>Message de l’équipe du Département</b>")
    assert f"au sujet de votre dossier n° {number} (Inser&#39;Réseau 62)" in copy
    assert f"(échange n° {ticket.id})" in copy and "votre question" not in copy
    assert "&lt;adhérentes&gt; &amp; partenaires" in copy
    assert "« Répondre à l’équipe »" in copy
    assert support.ticket_of_staff_message(STAFF_CHAT, 60) == ticket.id

    support.reply_delivered(relay, applicant_message_id=9)
    assert support.ticket(ticket.id).status == "answered"  # type: ignore[union-attr]

    # The applicant replies to the copy they got: a follow-up, under the officer's message.
    clock.advance(minutes=10)
    assert support.ticket_of_applicant_message(ALICE, 9) == ticket.id
    posting = support.follow_up(ALICE, ticket.id, "Nous sommes 12 SIAE adhérentes.")
    assert posting is not None and posting.reply_to == 60
    assert posting.ticket.status == "open" and posting.ticket.follow_up is not None
    sent = support.follow_up_sent(posting)[0].html
    assert f"(échange n° {ticket.id})" in sent
    assert [m.author for m in support.thread(ticket.id)] == ["staff", "applicant"]
    listing = support.my_tickets_message(ALICE).html
    waiting = "message de l’équipe, votre réponse est transmise : en attente de celle de l’équipe"
    assert f"n° {ticket.id} — {waiting}" in listing

    # The team answers again, and can close the exchange as any ticket.
    again = support.staff_reply(ticket.id, "Merci, c’est noté.")
    assert again is not None
    closing = support.close(ticket.id)
    assert closing is not None and closing.ticket.status == "closed"
    told = render_macro(SUPPORT, "ticket_closed_applicant", ticket=closing.ticket)
    assert f"L’échange n° {ticket.id} avec l’équipe du Département est clos" in told


@pytest.mark.parametrize(
    ("text", "problem"),
    [("   ", "empty"), ("x" * (MAX_STAFF_MESSAGE + 1), "too_long")],
)
def test_an_empty_or_too_long_message_is_refused_whole_and_nothing_recorded(
    support: SupportService, interview: InterviewService, store: SqlStore, text: str, problem: str
) -> None:
    number = dossier_of(interview, ALICE)
    outreach = support.write_to_applicant(number, text)
    assert outreach.relay is None and outreach.problem == problem
    with store.transaction() as repo:
        assert repo.list_tickets() == []
    # At the limit, it goes.
    assert support.write_to_applicant(number, "x" * MAX_STAFF_MESSAGE).relay is not None


def test_nobody_is_written_to_about_an_unknown_or_erased_dossier(
    support: SupportService, interview: InterviewService, store: SqlStore
) -> None:
    number = dossier_of(interview, ALICE)
    assert support.write_to_applicant(number + 99, ASKING).problem == "unknown_dossier"
    erase_owner(store, ALICE)
    assert support.write_to_applicant(number, ASKING).problem == "unknown_dossier"
    with store.transaction() as repo:
        assert repo.list_tickets() == []


def test_an_applicant_outside_telegram_cannot_be_written_to(
    support: SupportService, interview: InterviewService, store: SqlStore
) -> None:
    number = dossier_of(interview, "terminal:local", lines=2)
    outreach = support.write_to_applicant(number, ASKING)
    assert outreach.relay is None and outreach.problem == "unreachable"
    with store.transaction() as repo:
        assert repo.list_tickets() == []


def test_the_teams_messages_are_no_questions_for_the_faq_the_figures_or_the_quota(
    store: SqlStore, interview: InterviewService, clock: Clock
) -> None:
    support = support_service(store, clock, max_escalations_per_hour=1)
    number = dossier_of(interview, ALICE)
    outreach = support.write_to_applicant(number, ASKING, chat_id=STAFF_CHAT, staff_message_id=60)
    assert outreach.relay is not None
    support.reply_delivered(outreach.relay, applicant_message_id=9)

    # `/faq` on the officer's message publishes nothing: no applicant asked it.
    assert support.faq_from_staff_message(STAFF_CHAT, 60) is None
    assert support.faq_from_answer(outreach.relay.ticket.id, outreach.relay.message_id) is None
    # The statistics count the applicants' questions only.
    with store.transaction() as repo:
        figures = repo.question_figures()
    assert (figures.escalated, figures.answered_by_staff, figures.undelivered) == (0, 0, 0)
    # The applicant's hourly quota of questions is theirs: the team's message takes none.
    escalation = support.escalate(ALICE, asked_id(support, ALICE, UNANSWERED, number))
    assert escalation is not None and escalation.posting is not None


def test_an_applicants_reply_to_the_team_waits_in_the_tickets_and_is_counted_in_the_stats(
    support: SupportService, interview: InterviewService, clock: Clock, store: SqlStore
) -> None:
    """Reviewer's report: an officer ran `/ecrire 12 …`, the applicant replied, the exchange
    reopened: `/tickets` showed it waiting, `/stats` said « en attente : 0 » and counted it
    nowhere. It is counted as the team's message, apart from the applicants' questions."""
    staff = StaffService(
        specs=load_shipped_spec,
        store=store,
        clock=fixed_clock(),
        drafts=None,
        json_export=export_all,
    )
    number = dossier_of(interview, ALICE)
    outreach = support.write_to_applicant(number, ASKING, chat_id=STAFF_CHAT, staff_message_id=60)
    assert outreach.relay is not None
    support.reply_delivered(outreach.relay, applicant_message_id=9)
    html = staff.stats_html()
    assert "Échanges ouverts par l’équipe (/ecrire) : 1, dont 0 réponse du candidat en attente" in (
        html
    )

    clock.advance(minutes=10)
    support.follow_up(ALICE, outreach.relay.ticket.id, "Nous sommes 12 SIAE adhérentes.")
    waiting = support.open_tickets()
    assert [t.id for t in waiting] == [outreach.relay.ticket.id]

    figures = staff.question_figures()
    assert (figures.written, figures.written_replied) == (1, 1)
    # Not an applicant's question: neither escalated nor in the answer delays.
    assert (figures.escalated, figures.waiting, figures.answered_by_staff) == (0, 0, 0)
    html = staff.stats_html()
    assert "Échanges ouverts par l’équipe (/ecrire) : 1, dont 1 réponse du candidat en attente" in (
        html
    )
    assert len(waiting) == figures.waiting + figures.written_replied


def test_an_officer_writing_again_while_the_exchange_is_open_continues_it(
    support: SupportService, interview: InterviewService, clock: Clock, store: SqlStore
) -> None:
    """Tester's report: `/ecrire 12 …` twice (or « Écrire au candidat » twice) opened two
    tickets for one conversation. While the team's exchange about the dossier is not
    closed, the next message goes on in it; once closed, a new exchange opens."""
    staff = StaffService(
        specs=load_shipped_spec,
        store=store,
        clock=fixed_clock(),
        drafts=None,
        json_export=export_all,
    )
    number = dossier_of(interview, ALICE)
    first = support.write_to_applicant(number, ASKING, chat_id=STAFF_CHAT, staff_message_id=60)
    assert first.relay is not None and not first.continued
    support.reply_delivered(first.relay, applicant_message_id=9)
    exchange = first.relay.ticket.id

    clock.advance(minutes=5)
    second = support.write_to_applicant(
        number, "Et le nombre d’ETP ?", chat_id=STAFF_CHAT, staff_message_id=61
    )
    assert second.relay is not None and second.continued
    assert second.relay.ticket.id == exchange
    assert [m.text for m in support.thread(exchange)] == [ASKING, "Et le nombre d’ETP ?"]
    assert support.ticket_of_staff_message(STAFF_CHAT, 61) == exchange
    support.reply_delivered(second.relay, applicant_message_id=11)
    # The applicant's reply to the second message is a follow-up on the same exchange.
    assert support.ticket_of_applicant_message(ALICE, 11) == exchange
    assert [t.id for t in support.tickets_of(ALICE)] == [exchange]
    assert staff.question_figures().written == 1

    support.close(exchange)
    third = support.write_to_applicant(number, "Une dernière chose.")
    assert third.relay is not None and not third.continued
    assert third.relay.ticket.id != exchange
    assert staff.question_figures().written == 2


def test_an_officer_writing_about_another_dossier_opens_its_own_exchange(
    support: SupportService, interview: InterviewService
) -> None:
    """The exchange is about one dossier: the same applicant's other dossier gets its own,
    and an applicant's own question is no exchange of the team's to add to."""
    number = dossier_of(interview, ALICE)
    asked = support.escalate(ALICE, asked_id(support, ALICE, UNANSWERED, number))
    assert asked is not None and asked.posting is not None
    interview.new_dossier(ALICE)
    other = interview.show(ALICE).dossier_id
    assert other is not None and other != number

    about_first = support.write_to_applicant(number, ASKING)
    about_other = support.write_to_applicant(other, ASKING)
    assert about_first.relay is not None and about_other.relay is not None
    assert not about_first.continued and not about_other.continued
    ids = {asked.posting.ticket.id, about_first.relay.ticket.id, about_other.relay.ticket.id}
    assert len(ids) == 3
