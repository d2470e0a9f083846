"""Names and titles typed as sentences, with their full stop: a tester's letter read « Je
soussigné, M. Jean-Pierre Dos Santos., président du conseil d'administration. », its
contact « Hélène Lefèvre., directrice generale. »."""

from __future__ import annotations

from tests.support import walk_to


def test_a_sentences_full_stop_is_no_part_of_the_representatives_name() -> None:
    walk = walk_to("org.rep_name")
    walk.send("Notre président est Monsieur Jean-Pierre Dos Santos.")
    walk.send("oui")
    assert walk.dossier.organisation.representative.name == "M. Jean-Pierre Dos Santos"


def test_nor_of_the_organisations_name_but_an_abbreviation_keeps_its_own() -> None:
    walk = walk_to("org.name")
    walk.send("Fédération des Entreprises d'Insertion du Pas-de-Calais.")
    assert (
        walk.dossier.organisation.name == "Fédération des Entreprises d'Insertion du Pas-de-Calais"
    )
    walk = walk_to("org.name")
    walk.send("Insertion Conseil S.A.")
    assert walk.dossier.organisation.name == "Insertion Conseil S.A."


def test_a_title_in_a_sentence_is_offered_with_its_accents_and_without_its_stop() -> None:
    """« Je suis la directrice generale. » was asked back « directrice generale. » and
    printed so; the bare words got their accents."""
    walk = walk_to("org.rep_role")
    walk.send("Je suis la directrice generale.")
    assert "« directrice générale »" in walk.text
    walk.send("oui")
    assert walk.dossier.organisation.representative.role == "directrice générale"
