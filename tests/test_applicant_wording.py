"""What applicants read, in words that agree with what the bot does: days left in the
plural, a cut question ending with "…", one command to resume a dossier, the files the
draft brings."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.render import TELEGRAM
from dialogs.service import SERVICE
from dialogs.spec import load_shipped_spec
from dialogs.support import SUPPORT
from dialogs.support_types import TicketView
from dialogs.texts import render_macro
from tests.support import Walk


@pytest.mark.parametrize(
    ("today", "words"),
    [
        (dt.date(2025, 2, 1), "(13 jours restants)"),
        (dt.date(2025, 2, 13), "(1 jour restant)"),
        (dt.date(2025, 2, 14), "(dernier jour)"),
    ],
)
def test_an_applicant_reads_the_days_left_in_proper_french(today: dt.date, words: str) -> None:
    text = Walk(today=today).text
    assert words in text and "jour(s)" not in text


def test_the_welcome_names_every_file_the_draft_brings() -> None:
    text = Walk(today=dt.date(2025, 2, 1)).text
    assert "brouillon de plan d’actions (Word, Markdown" in text
    assert "budget au format CERFA (Excel)" in text
    assert "en Word, le courrier d’accompagnement suivi de la déclaration sur l’honneur" in text


def test_an_applicant_listing_their_questions_sees_a_long_one_cut_with_an_ellipsis() -> None:
    class Ticket:
        id, status, opened_by = 3, "open", "applicant"
        question = "Est-ce que " + "les frais de déplacement vers les SIAE adhérentes " * 3

    html = render_macro(SUPPORT, "my_tickets", tickets=[Ticket()], relay=True)
    assert html.rstrip().endswith("…") and "..." not in html


def test_an_applicant_is_told_one_way_to_resume_a_dossier_and_it_is_the_one_listed() -> None:
    listing = render_macro(SERVICE, "dossier_list", dossiers=[], active=None)
    usage = render_macro(TELEGRAM, "dossier_usage")
    assert "« /reprendre N »" in listing and "« /reprendre N »" in usage
    assert "/dossier N" not in usage


def _ticket(**changes: object) -> TicketView:
    now = dt.datetime(2025, 2, 3, 10, 0, tzinfo=dt.UTC)
    fields: dict[str, object] = {
        "id": 3,
        "owner": "telegram:1001",
        "chat_id": 1001,
        "dossier_id": 1,
        "organisation": "Inser'Réseau 62",
        "completeness": 80,
        "question": "Notre réseau est basé à Amiens, peut-il candidater ?",
        "status": "open",
        "created_at": now,
        "updated_at": now,
        "age": dt.timedelta(hours=1),
        "contact": load_shipped_spec("pdc-axe3-2025").contact,
    }
    return TicketView(**{**fields, **changes})  # type: ignore[arg-type]


def test_an_answer_to_a_follow_up_quotes_the_follow_up_not_the_first_question() -> None:
    """An officer answered « Et si nous ouvrons une antenne à Arras ? »; the applicant read
    it filed under their first question, about Amiens."""
    follow_up = _ticket(follow_up="Et si nous ouvrons une antenne à Arras ?")
    html = render_macro(SUPPORT, "staff_answer", ticket=follow_up, text="Alors oui.")
    assert "à votre message « Et si nous ouvrons une antenne à Arras ? »" in html
    assert "suite de votre question n° 3" in html and "Amiens" not in html
    first = render_macro(SUPPORT, "staff_answer", ticket=_ticket(), text="Non.")
    assert "à votre question « Notre réseau est basé à Amiens" in first


def test_a_question_closed_unanswered_says_so_with_the_contact_never_a_check_mark() -> None:
    told = render_macro(SUPPORT, "ticket_closed_applicant", ticket=_ticket(status="closed"))
    assert "✅" not in told and "sans réponse écrite ici" in told
    assert "« Notre réseau est basé à Amiens, peut-il candidater ? »" in told
    assert "Si vous attendez toujours une réponse, contactez la" in told
    answered = _ticket(status="closed", answered=True)
    told = render_macro(SUPPORT, "ticket_closed_applicant", ticket=answered)
    assert told.startswith("✅ Votre question n° 3 « Notre réseau") and "contactez" not in told
