"""Answers new applicants typed in the interview, as testers playing them wrote them: an RNA
number where the legal form is asked, a third figure where two were asked back, a count
said roughly, a territory where the organisation's type is asked — each read for what it
is, never stored where it does not belong."""

from __future__ import annotations

from tests.support import walk_to


# -- a third figure where two were asked back -------------------------------------------------
def test_a_third_figure_typed_where_two_were_asked_back_is_taken_alone() -> None:
    """« 200 ou 26 ? » asked back at the member SIAE; « Environ 150 en tout » took 150, then
    offered « en tout » as the network's territory."""
    walk = walk_to("org.members")
    walk.send("200 ou 26")
    assert "200</b> ou <b>26" in walk.last.messages[-1].html
    walk.send("Environ 150 en tout")
    assert walk.dossier.organisation.member_siae_count == 150
    assert walk.key == "org.territory" and walk.dossier.cursor.asking_back is None
    assert "en tout" not in walk.text


def test_a_count_said_in_all_carries_nothing_to_the_next_question() -> None:
    """« 150 au total » at the member SIAE, « environ 15 en tout » at an action's SIAE: the
    words after the figure were kept for the territory."""
    walk = walk_to("org.members")
    walk.send("150 au total")
    assert walk.dossier.organisation.member_siae_count == 150
    assert "au total" not in walk.text and walk.dossier.cursor.asking_back is None
    walk = walk_to("plan.o1.0.siae_count")
    walk.send("Environ 15 en tout")
    assert walk.dossier.plan.actions["o1"][0].siae_count == 15
    assert "en tout" not in walk.text and not walk.dossier.set_aside


# -- an RNA number where the legal form is asked ----------------------------------------------
def test_an_rna_number_typed_at_the_legal_form_is_kept_for_the_rna_question() -> None:
    """« W623000123 » at « Quelle est la forme juridique ? » was stored as the legal form (and
    printed so in the courrier). Said to be an RNA number, kept for its question, offered
    there; the legal form asked again."""
    walk = walk_to("org.legal_form")
    walk.send("W623000123")
    assert walk.dossier.organisation.legal_form is None and walk.key == "org.legal_form"
    assert "« W623000123 » ressemble à un numéro RNA" in walk.text
    assert "Je le garde pour la question « Numéro RNA »" in walk.text
    assert walk.dossier.set_aside == {"org.rna": "W623000123"}
    walk.send("1")
    assert walk.dossier.organisation.legal_form == "Association loi 1901"
    assert walk.key == "org.rna" and "Vous aviez aussi écrit « W623000123 »" in walk.text
    walk.send("oui")
    assert walk.dossier.organisation.rna == "W623000123"


def test_an_rna_number_said_in_a_sentence_at_the_legal_form_is_no_legal_form() -> None:
    """« notre RNA c'est W623000123 »: « notre RNA c'est » was stored as the legal form."""
    walk = walk_to("org.legal_form")
    walk.send("notre RNA c'est W623000123")
    assert walk.dossier.organisation.legal_form is None and walk.key == "org.legal_form"
    assert "ressemble à un numéro RNA" in walk.text
    assert walk.dossier.set_aside == {"org.rna": "W623000123"}


def test_an_rna_number_kept_is_dropped_said_when_the_legal_form_asks_none() -> None:
    walk = walk_to("org.legal_form")
    walk.send("W623000123")
    walk.send("Groupement d’intérêt public")
    assert "org.rna" not in walk.dossier.set_aside
    assert "W623000123" in walk.text and "n’est pas retenu" in walk.text
    assert walk.dossier.organisation.rna is None


def test_a_legal_form_with_its_rna_still_splits_them() -> None:
    walk = walk_to("org.legal_form")
    walk.send("association loi 1901, RNA W623001234")
    assert walk.dossier.organisation.legal_form == "Association loi 1901"
    assert walk.dossier.organisation.rna == "W623001234"


# -- a territory where the organisation's type is asked ---------------------------------------
def test_a_stray_figure_in_a_sentence_names_no_organisation_type() -> None:
    """« non on est surtout sur le Nord, un peu dans le 62 » at the organisation's type was
    asked back « vouliez-vous dire « Tête de réseau IAE départementale » ? » (the other name
    « départementale du 62 » matched on « 62 »). Nothing guessed: the type asked again, its
    options listed."""
    walk = walk_to("elig.type")
    walk.send("non on est surtout sur le Nord, un peu dans le 62")
    assert "vouliez-vous dire" not in walk.text
    assert walk.dossier.cursor.asking_back is None and walk.key == "elig.type"
    assert walk.dossier.eligibility.organisation_type is None
    assert "Choisissez l’une des propositions" in walk.text
    labels = [b.label for b in walk.last.messages[-1].buttons]
    assert "Tête de réseau IAE départementale" in labels and "Autre organisme" in labels


def test_the_type_named_in_haste_with_the_departement_is_still_read() -> None:
    walk = walk_to("elig.type")
    walk.send("tete de res dptale 62")
    assert walk.dossier.eligibility.organisation_type == "network_departmental"
