"""The rules on the team's exchanges (`dialogs.team_reply`, `dialogs.closing`): when typed
words may be meant for the team, and when closing needs a confirmation."""

from __future__ import annotations

import datetime as dt

import pytest

from dialogs.closing import closing_wait, confirmation_holds, last_seen
from dialogs.ports import Ticket, TicketAuthor, TicketMessage, TicketOpener, TicketStatus
from dialogs.team_reply import TypedFit, asks_about, awaited_message, bare_answer

AT = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)


def ticket(
    number: int, opened_by: TicketOpener = "staff", status: TicketStatus = "answered"
) -> Ticket:
    return Ticket(number, "telegram:1", 1, None, "…", status, AT, AT, AT, None, opened_by)


def said(
    number: int, author: TicketAuthor, *, delivered: bool = True, minutes: int = 0
) -> TicketMessage:
    at = AT + dt.timedelta(minutes=minutes)
    return TicketMessage(
        number * 10 + minutes, number, author, "…", at, None, None, 7 if delivered else None
    )


def test_the_teams_message_waits_until_the_applicant_replies_or_it_is_closed() -> None:
    waiting = said(1, "staff")
    assert awaited_message([(ticket(1), [waiting])]) == waiting
    assert awaited_message([(ticket(1), [waiting, said(1, "applicant", minutes=5)])]) is None
    assert awaited_message([(ticket(1, status="closed"), [waiting])]) is None
    assert awaited_message([(ticket(1), [said(1, "staff", delivered=False)])]) is None
    # An answer to the applicant's own question waits for nothing.
    assert awaited_message([(ticket(1, opened_by="applicant"), [said(1, "staff")])]) is None
    latest = said(2, "staff", minutes=9)
    assert awaited_message([(ticket(1), [waiting]), (ticket(2), [latest])]) == latest


@pytest.mark.parametrize(
    ("fit", "asked"),
    [
        (TypedFit("Représentant légal", False, free_text=True, taken=True, bare=True), True),
        (TypedFit("Type de structure", True, free_text=False, taken=False, bare=True), True),
        (TypedFit("SIRET", False, free_text=False, taken=False, bare=True), True),
        (TypedFit("SIRET", False, free_text=False, taken=True, bare=True), False),
        # « Nous en avons accompagné 45 l'an dernier » at a count: taken, but a sentence
        (
            TypedFit("Jeunes de moins de 26 ans", False, free_text=False, taken=True, bare=False),
            True,
        ),
    ],
)
def test_words_are_asked_about_unless_they_plainly_answer_the_question(
    fit: TypedFit, asked: bool
) -> None:
    waiting = said(1, "staff")
    assert asks_about(waiting.id, None, fit) is asked
    assert not asks_about(None, None, fit), "nothing waits"
    # Asked about already: again only for words the question cannot take.
    assert asks_about(waiting.id, waiting.id, fit) is (not fit.free_text and not fit.taken)


def test_closing_asks_first_when_nobody_answered_or_the_applicant_replied_last_to_the_team() -> (
    None
):
    question = [said(1, "applicant")]
    assert closing_wait(question, answered=False, opened_by="applicant") == "unanswered"
    thanked = [*question, said(1, "staff", minutes=1), said(1, "applicant", minutes=2)]
    assert closing_wait(thanked, answered=True, opened_by="applicant") is None
    exchange = [said(2, "staff"), said(2, "applicant", minutes=3)]
    assert closing_wait(exchange, answered=True, opened_by="staff") == "reply_waiting"
    assert closing_wait(exchange[:1], answered=True, opened_by="staff") is None


@pytest.mark.parametrize(
    ("typed", "bare"),
    [
        ("45", True),
        ("45 jeunes", True),
        ("732 829 320 00074", True),
        ("12 500 €", True),
        ("Oui", True),
        ("Atelier et chantier d’insertion", True),  # an option's name, as it reads
        ("Nous en avons accompagné 45 l'an dernier", False),
        ("Nous en avons 45", False),
        ("Oui il est définitif", False),
    ],
)
def test_only_a_value_alone_or_an_options_name_is_a_bare_answer(typed: str, bare: bool) -> None:
    assert bare_answer(typed, ["Atelier et chantier d’insertion", "Entreprise d’insertion"]) is bare


def test_a_closing_confirmation_holds_only_for_the_message_it_warned_about() -> None:
    exchange = [said(2, "staff"), said(2, "applicant", minutes=3)]
    seen = last_seen(exchange)
    assert confirmation_holds(exchange, seen)
    newer = [*exchange, said(2, "applicant", minutes=8)]
    assert not confirmation_holds(newer, seen), "the applicant wrote since: asked again"
    assert not confirmation_holds(exchange, None), "bound to nothing: asked again"
