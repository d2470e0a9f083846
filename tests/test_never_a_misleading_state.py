"""An officer walked the product as applicant and as staff: three places where the words
said more than was true. An ineligible applicant read « complet à 33 % »; « Prêts à
déposer » listed a dossier the closed call no longer takes; « en attente de sa réponse »
left the applicant wondering whose reply was awaited."""

from __future__ import annotations

from dialogs.replies import DossierOverview
from dialogs.service import duplicate_offer
from dialogs.texts import render_macro
from dialogs.welcome_back import welcome_back
from tests.support import DURING_CALL, Walk, spec_2025


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
