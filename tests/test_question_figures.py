"""The statistics' questions: how many applicants asked, how many the call or the team's
published answers settled, how many reached staff and how long they waited for them."""

from __future__ import annotations

import datetime as dt
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from dialogs.personal_data import erase_owner
from dialogs.ports import TicketAuthor
from dialogs.question_figures import FAQ_SOURCE_PREFIX, QuestionFigures, format_duration
from dialogs.spec import load_shipped_spec
from dialogs.staff import StaffService
from knowledge.base import FAQ_SOURCE
from storage.repository import SqlStore
from storage.tickets import TicketsMixin
from storage.transfer import export_all
from tests.fakebotapi.html_check import parse_html
from tests.staff_support import fixed_clock

MONDAY = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def staff(store: SqlStore) -> StaffService:
    return StaffService(
        specs=load_shipped_spec,
        store=store,
        clock=fixed_clock(),
        drafts=None,
        json_export=export_all,
    )


def ask(store: SqlStore, owner: str, text: str, *, source: str = "", at: dt.datetime) -> int:
    with store.transaction() as repo:
        question = repo.add_asked_question(
            owner=owner,
            dossier_id=None,
            text=text,
            answer="…" if source else None,
            source=source,
            confident=bool(source),
            at=at,
        )
    return question.id


def escalate(store: SqlStore, owner: str, question_id: int | None, at: dt.datetime) -> int:
    with store.transaction() as repo:
        ticket = repo.add_ticket(
            owner=owner, dossier_id=None, asked_question_id=question_id, question="?", at=at
        )
        repo.add_ticket_message(ticket_id=ticket.id, author="applicant", text="?", at=at)
    return ticket.id


def write(
    store: SqlStore,
    ticket_id: int,
    author: TicketAuthor,
    at: dt.datetime,
    *,
    delivered: bool = False,
) -> None:
    with store.transaction() as repo:
        message = repo.add_ticket_message(ticket_id=ticket_id, author=author, text="…", at=at)
        if delivered:
            repo.set_message_ids(message_id=message.id, applicant_message_id=900 + message.id)
        if author == "staff":
            repo.set_ticket_status(ticket_id=ticket_id, status="answered", at=at)


def test_a_week_of_questions_in_figures(store: SqlStore, staff: StaffService) -> None:
    # Two questions the call answers, one the team's published answer settles,
    # two nobody answers automatically: both go to staff, and one applicant writes directly.
    ask(store, "telegram:1", "Quel taux de frais indirects ?", source="3. Budget", at=MONDAY)
    ask(store, "telegram:2", "Date limite ?", source="1. Calendrier", at=MONDAY)
    ask(store, "telegram:3", "Les ACI ?", source=f"{FAQ_SOURCE_PREFIX} (20/11/2026)", at=MONDAY)
    first = ask(store, "telegram:4", "Un cas particulier", at=MONDAY)
    second = ask(store, "telegram:5", "Un autre cas", at=MONDAY)
    quick = escalate(store, "telegram:4", first, MONDAY)
    slow = escalate(store, "telegram:5", second, MONDAY + dt.timedelta(hours=1))
    waiting = escalate(store, "telegram:6", None, MONDAY + dt.timedelta(hours=2))

    # Staff answer the first in 30 minutes, the second in 2 h 30 (then once more, and the
    # applicant follows up: neither changes the wait); the third still waits.
    write(store, quick, "staff", MONDAY + dt.timedelta(minutes=30))
    write(store, slow, "applicant", MONDAY + dt.timedelta(hours=2))
    write(store, slow, "staff", MONDAY + dt.timedelta(hours=3, minutes=30))
    write(store, slow, "staff", MONDAY + dt.timedelta(hours=9))
    with store.transaction() as repo:
        repo.set_ticket_status(ticket_id=quick, status="closed", at=MONDAY + dt.timedelta(days=1))

    figures = staff.question_figures()
    # the question written straight to the team (no question recorded) is one too
    assert (figures.asked, figures.answered_from_call, figures.answered_from_faq) == (6, 2, 1)
    assert figures.unanswered == 0, "both unanswered ones were passed on"
    assert (figures.escalated, figures.answered, figures.waiting) == (3, 2, 1)
    assert figures.answered_by_staff == 2
    assert figures.median_staff_answer == dt.timedelta(hours=1, minutes=30)
    assert waiting not in (quick, slow)

    html = staff.stats_html()
    parse_html(html)
    assert "Posées : 6" in html
    assert "• réponse tirée de l’appel à projets : 2" in html
    assert "• réponse de l’équipe déjà publiée (FAQ) : 1" in html
    assert "Transmises à l’équipe : 3 (répondues : 2 ; en attente : 1)" in html
    assert "Délai médian avant la réponse de l’équipe : 1 h 30" in html


def test_no_question_yet(staff: StaffService) -> None:
    assert staff.question_figures() == QuestionFigures()
    assert (
        "Délai médian avant la réponse de l’équipe : aucune réponse de l’équipe pour l’instant"
        in staff.stats_html()
    )


def test_the_faq_is_recognised_by_the_name_the_knowledge_base_gives_it() -> None:
    assert FAQ_SOURCE == FAQ_SOURCE_PREFIX


def test_waits_read_in_french() -> None:
    assert format_duration(dt.timedelta(seconds=50)) == "0 min"
    assert format_duration(dt.timedelta(minutes=45)) == "45 min"
    assert format_duration(dt.timedelta(hours=3, minutes=5)) == "3 h 05"
    assert format_duration(dt.timedelta(days=2, hours=4, minutes=59)) == "2 j 4 h"
    assert format_duration(dt.timedelta(days=1)) == "1 j"


def test_an_answer_that_did_not_reach_the_applicant_is_counted_once(
    store: SqlStore, staff: StaffService
) -> None:
    """Staff answered, but the applicant had blocked the bot: the ticket stays open. It was
    counted both answered and waiting (« répondues : 4, en attente : 3 » for 5 questions);
    it is answered, not delivered, and the waiting ones are those with no answer yet."""
    answered = escalate(store, "telegram:1", None, MONDAY)
    undelivered = escalate(store, "telegram:2", None, MONDAY)
    escalate(store, "telegram:3", None, MONDAY)  # waits
    closed = escalate(store, "telegram:4", None, MONDAY)
    write(store, answered, "staff", MONDAY + dt.timedelta(minutes=10), delivered=True)
    with store.transaction() as repo:  # the delivery failed: no status change
        repo.add_ticket_message(ticket_id=undelivered, author="staff", text="…", at=MONDAY)
        repo.set_ticket_status(ticket_id=closed, status="closed", at=MONDAY)
    figures = staff.question_figures()
    assert (figures.escalated, figures.answered, figures.undelivered) == (4, 2, 1)
    assert (figures.waiting, figures.closed_unanswered) == (1, 1)
    html = staff.stats_html()
    assert (
        "Transmises à l’équipe : 4 (répondues : 2, dont 1 non remise au candidat ; "
        "en attente : 1 ; closes sans réponse : 1)"
    ) in html


def test_a_follow_up_after_a_delivered_answer_waits_and_is_not_undelivered(
    store: SqlStore, staff: StaffService
) -> None:
    """The team's answer arrived, then the applicant followed up (the ticket reopens): it
    waits for the team again; its delivered answer is no « non remise »."""
    ticket = escalate(store, "telegram:1", None, MONDAY)
    write(store, ticket, "staff", MONDAY + dt.timedelta(minutes=5), delivered=True)
    with store.transaction() as repo:
        repo.add_ticket_message(ticket_id=ticket, author="applicant", text="Et…?", at=MONDAY)
        repo.set_ticket_status(ticket_id=ticket, status="open", at=MONDAY)
    figures = staff.question_figures()
    assert (figures.answered_by_staff, figures.waiting, figures.undelivered) == (1, 1, 0)
    assert (figures.answered, figures.followed_up) == (0, 1)
    assert "non remise" not in staff.stats_html()


def test_a_question_followed_up_after_an_answer_is_counted_in_one_state_only(
    store: SqlStore, staff: StaffService
) -> None:
    """Tester's report: « Transmises à l’équipe : 4 (répondues : 2 ; en attente : 2 ; closes
    sans réponse : 1) » summed to 5: the question the applicant came back to after the
    team's answer was counted answered and waiting. Each ticket is now in one state."""
    answered = escalate(store, "telegram:1", None, MONDAY)
    followed_up = escalate(store, "telegram:2", None, MONDAY)
    escalate(store, "telegram:3", None, MONDAY)  # never answered
    closed = escalate(store, "telegram:4", None, MONDAY)
    write(store, answered, "staff", MONDAY + dt.timedelta(minutes=10), delivered=True)
    write(store, followed_up, "staff", MONDAY + dt.timedelta(minutes=20), delivered=True)
    with store.transaction() as repo:
        later = MONDAY + dt.timedelta(hours=1)
        repo.add_ticket_message(ticket_id=followed_up, author="applicant", text="Et…?", at=later)
        repo.set_ticket_status(ticket_id=followed_up, status="open", at=later)
        repo.set_ticket_status(ticket_id=closed, status="closed", at=later)
    figures = staff.question_figures()
    parts = (figures.answered, figures.waiting, figures.closed_unanswered)
    assert parts == (1, 2, 1) and sum(parts) == figures.escalated == 4
    assert figures.followed_up == 1
    assert (
        "Transmises à l’équipe : 4 (répondues : 1 ; en attente : 2, dont 1 où le candidat a "
        "réécrit après la réponse de l’équipe ; closes sans réponse : 1)"
    ) in staff.stats_html()


def test_two_applicants_erasing_at_the_same_moment_both_stay_in_the_counts(
    store: SqlStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Two applicants each asked a question the team answered, then both erase their data at
    # the same moment: both erasures go through and the anonymous sums hold both.
    for hours, owner in enumerate(("tg:1", "tg:2"), start=1):
        question_id = ask(store, owner, "Quand ?", at=MONDAY)
        ticket_id = escalate(store, owner, question_id, MONDAY)
        write(store, ticket_id, "staff", MONDAY + dt.timedelta(hours=hours), delivered=True)
    # Both erasures have read their figures before either adds them to the sums.
    together = threading.Barrier(2, timeout=10)
    figures_of = TicketsMixin.question_figures

    def read_then_wait(self: TicketsMixin, *, owner: str | None = None) -> QuestionFigures:
        figures = figures_of(self, owner=owner)
        if owner is not None:
            together.wait()
        return figures

    monkeypatch.setattr(TicketsMixin, "question_figures", read_then_wait)
    with ThreadPoolExecutor(max_workers=2) as pool:
        erasures = [pool.submit(erase_owner, store, owner) for owner in ("tg:1", "tg:2")]
        for erasure in erasures:
            erasure.result(timeout=30)
    monkeypatch.undo()
    with store.transaction() as repo:
        figures = repo.question_figures()
    assert figures.asked == 2 and figures.escalated == 2 and figures.answered == 2
    assert sorted(figures.staff_answer_delays) == [dt.timedelta(hours=1), dt.timedelta(hours=2)]


def test_an_officer_reading_stats_before_any_answer_is_told_none_was_given_yet(
    store: SqlStore, staff: StaffService
) -> None:
    """Tester's report: two questions waited for the team, none answered; /stats read
    « Délai médian avant la réponse de l’équipe : — », a dash the officer took for a
    missing figure. It says plainly that the team has not answered yet."""
    escalate(store, "telegram:1", None, MONDAY)
    escalate(store, "telegram:2", None, MONDAY + dt.timedelta(hours=1))
    html = staff.stats_html()
    parse_html(html)
    assert "Délai médian avant la réponse de l’équipe : aucune réponse de l’équipe" in html
    assert "équipe : —" not in html
