"""An officer walked the product as applicant and as staff: three places where the words
said more than was true. An ineligible applicant read « complet à 33 % »; « Prêts à
déposer » listed a dossier the closed call no longer takes; « en attente de sa réponse »
left the applicant wondering whose reply was awaited."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from app.clock import FixedClock
from dialogs.dossier_list import parse_filters
from dialogs.replies import DossierOverview
from dialogs.service import InterviewService, duplicate_offer
from dialogs.spec import DEFAULT_CALL_ID, load_shipped_spec
from dialogs.texts import render_macro
from dialogs.welcome_back import welcome_back
from storage.repository import SqlStore
from tests.console_support import console_bench
from tests.staff_support import COMPLETE, populate, staff_service
from tests.support import DURING_CALL, Walk, spec_2025
from tests.test_officer_writes_first import (
    ALICE,
    ASKING,
    STAFF_CHAT,
    Clock,
    dossier_of,
    support_service,
)


def ineligible_walk() -> Walk:
    walk = Walk(today=DURING_CALL)
    walk.answers(["1", "5"])  # Commencer, « SIAE : entreprise d'insertion (EI) »
    assert walk.key == "elig.stop"
    return walk


# -- 1. an ineligible applicant reads why, never a percentage ---------------------------------
def test_an_ineligible_applicant_coming_back_reads_why_not_complet_a_33_percent() -> None:
    """« Bon retour ! Votre dossier est complet à 33 % » read as a dossier on its way: the
    applicant whose structure cannot apply reads the call's reason, and how to correct."""
    html = welcome_back(spec_2025(), ineligible_walk().dossier, DURING_CALL).html
    assert "complet à" not in html and "%" not in html
    assert "votre organisme n’est pas éligible à cet appel à projets" in html
    assert "réservé aux têtes de réseaux de l’IAE du Pas-de-Calais" in html
    assert "/eligibilite" in html
    assert "jours restants" not in html, "no countdown for a dossier that cannot be filed"


def overview(number: int, eligible: bool | None) -> DossierOverview:
    return DossierOverview(
        number, "telegram:1", f"Réseau {number}", "elig.stop", 33, eligible, None
    )


def test_an_ineligible_dossier_reads_non_eligible_in_the_applicants_lists() -> None:
    """/dossiers said « n° 1 — Réseau 1 — complet à 33 % — non éligible »; /dupliquer too."""
    mine = [overview(1, False), overview(2, None)]
    listing = render_macro("messages/service.html.j2", "dossier_list", dossiers=mine, active=2)
    assert "• n° 1 — Réseau 1 — non éligible\n" in listing
    assert "• n° 2 (en cours) — Réseau 2 — complet à 33 %\n" in listing
    which = duplicate_offer(mine).message.html
    assert "• n° 1 — Réseau 1 — non éligible\n" in which and "complet à 33 %" in which
    only = duplicate_offer([overview(1, False)]).message.html
    assert "(Réseau 1, non éligible) ?" in only and "%" not in only


# -- 2. « Prêts à déposer » lists only what can still be filed --------------------------------
def test_after_the_closing_date_prets_lists_no_dossier_the_call_no_longer_takes(
    store: SqlStore,
) -> None:
    """On 25 November 2026 (the call closed on 14 February 2025) `/dossiers prêts` said
    « Dossiers : 1 (prêts) » while /dossier N said « complet, appel clos (ne peut plus être
    déposé) »: the list, its count and the state now agree."""
    numbers = populate(store).numbers
    staff = staff_service(store)
    summary = staff.summary(numbers[COMPLETE])
    assert summary is not None and "complet, appel clos (ne peut plus être déposé)" in summary.html
    _, ready = staff.listing(parse_filters("prêts"))
    assert (
        ready.startswith("<b>Dossiers : 0</b> (prêts)") and "Aucun dossier ne correspond" in ready
    )
    # During the call, the same dossier is ready to file, and listed as such.
    staff.clock = FixedClock(dt.datetime(2025, 2, 1, 9, 0, tzinfo=dt.UTC))
    _, during = staff.listing(parse_filters("prêts"))
    assert (
        during.startswith("<b>Dossiers : 1</b> (prêts)") and f"n° {numbers[COMPLETE]}</b>" in during
    )


def listed_numbers(page: str) -> list[int]:
    found = re.findall(r'data-label="N°" class="nowrap"><a [^>]*>n° (\d+)<', page)
    return [int(n) for n in found]


async def test_after_the_closing_date_the_console_s_prets_a_deposer_is_empty(
    tmp_path: Path,
) -> None:
    """The console's « Prêts à déposer » listed the complete dossier whose « État » column
    read « complet, appel clos (ne peut plus être déposé) »; it goes with « Pas encore
    prêts », where its state says why."""
    async with console_bench(f"sqlite:///{tmp_path / 'console.db'}") as bench:
        await bench.sign_in()
        complete = bench.population.numbers[COMPLETE]
        ready = await (await bench.client.get("/console/dossiers?etat=prets")).text()
        assert listed_numbers(ready) == []
        not_yet = await (await bench.client.get("/console/dossiers?etat=non")).text()
        assert complete in listed_numbers(not_yet)
        row = not_yet.split(f">n° {complete}<", 1)[1].split("</tr>", 1)[0]
        assert "complet, appel clos (ne peut plus être déposé)" in row


# -- 3. /mes_questions says whose reply an exchange opened by the team awaits -----------------
def test_mes_questions_says_whose_reply_the_team_s_message_awaits(store: SqlStore) -> None:
    """« message de l’équipe, en attente de sa réponse »: whose? The team wrote; once its
    message reached the applicant, it awaits *theirs*; once they replied, the team's."""
    clock = Clock()
    interview = InterviewService(
        specs=load_shipped_spec, default_call_id=DEFAULT_CALL_ID, store=store, clock=clock
    )
    support = support_service(store, clock)
    number = dossier_of(interview, ALICE)
    relay = support.write_to_applicant(number, ASKING, chat_id=STAFF_CHAT, staff_message_id=60)
    assert relay.relay is not None
    ticket = relay.relay.ticket.id
    support.reply_delivered(relay.relay, applicant_message_id=9)
    mine = support.my_tickets_message(ALICE).html
    assert f"n° {ticket} — message de l’équipe, en attente de votre réponse —" in mine
    assert "sa réponse" not in mine
    clock.advance(minutes=10)
    assert support.follow_up(ALICE, ticket, "Nous sommes 12 SIAE adhérentes.") is not None
    mine = support.my_tickets_message(ALICE).html
    assert (
        f"n° {ticket} — message de l’équipe, votre réponse est transmise : en attente de celle "
        "de l’équipe —" in mine
    )
