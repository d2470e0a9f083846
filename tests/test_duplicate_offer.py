"""What `/dupliquer` without a number asks (`dialogs.service.duplicate_offer`): the only
dossier to confirm, one of several to pick, or nothing to duplicate yet."""

from __future__ import annotations

from dialogs.replies import OFFERED_DOSSIERS, DossierOverview
from dialogs.service import duplicate_offer


def overview(number: int, name: str | None = "Inser'Réseau 62") -> DossierOverview:
    return DossierOverview(number, "telegram:1", name, "Organisme", 40, None, None)


def test_an_applicant_without_a_dossier_is_told_there_is_nothing_to_duplicate() -> None:
    offer = duplicate_offer([])
    assert offer.numbers == () and not offer.confirm
    assert "aucun dossier à dupliquer : /nouveau en commence un" in offer.message.html


def test_the_only_dossier_is_offered_for_confirmation() -> None:
    offer = duplicate_offer([overview(7)])
    assert offer.confirm and offer.numbers == (7,)
    assert "Dupliquer votre dossier n° 7 (Inser&#39;Réseau 62, complet à 40 %) ?" in (
        offer.message.html
    )


def test_among_many_dossiers_all_are_listed_and_the_latest_offered_as_buttons() -> None:
    many = [overview(n, None if n == 3 else f"Réseau {n}") for n in range(1, 15)]
    offer = duplicate_offer(many)
    assert not offer.confirm
    assert offer.numbers == tuple(range(15 - OFFERED_DOSSIERS, 15))
    assert "• n° 1 — Réseau 1" in offer.message.html
    assert "• n° 3 — organisme non renseigné" in offer.message.html
    assert "« /dupliquer N »" in offer.message.html
