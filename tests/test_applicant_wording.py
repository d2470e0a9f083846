"""What applicants read, in words that agree with what the bot does: days left in the
plural, a cut question ending with "…", one command to resume a dossier, the files the
draft brings."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.render import TELEGRAM
from dialogs.service import SERVICE
from dialogs.support import SUPPORT
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
    assert "budget au format CERFA (Excel)" in text and "courrier d’accompagnement (Word)" in text


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
