"""Names and roles read from the sentences a network's director typed (tester's report,
findings 3 and 11): « c notre président, Jean Martin » was stored as the legal
representative's name, and the declaration read « Je soussigné(e), c notre président, Jean
Martin, président »; « le président jean martin » became « Le Président Jean Martin ». A
title typed before the name is the title: the name is asked back alone, the title kept
for its own question."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.support import walk_to
from tests.test_identity_typed_together import letter_text


def test_the_title_typed_before_the_representatives_name_goes_to_its_question() -> None:
    walk = walk_to("org.rep_name")
    walk.send("c notre président, Jean Martin")
    assert walk.dossier.organisation.representative.name is None
    assert "Dois-je retenir « Jean Martin » comme nom ?" in walk.text
    walk.send("oui")
    assert walk.dossier.organisation.representative.name == "Jean Martin"
    assert walk.key == "org.rep_role"
    assert "Vous aviez aussi écrit « président »" in walk.text
    walk.send("oui")
    assert walk.dossier.organisation.representative.role == "président"
    letter = letter_text(walk)
    assert "Jean Martin, président" in letter
    assert "c notre" not in letter


def test_the_title_and_name_typed_in_lower_case_are_written_as_a_name() -> None:
    walk = walk_to("org.rep_name")
    walk.send("le président jean martin")
    assert "Dois-je retenir « Jean Martin » comme nom ?" in walk.text
    assert "Le Président" not in walk.text
    walk.send("oui")
    assert walk.dossier.organisation.representative.name == "Jean Martin"
    assert "Vous aviez aussi écrit « président »" in walk.text


def test_a_title_after_a_colon_is_read_the_same_way() -> None:
    walk = walk_to("org.contact_name")
    walk.send("voici notre directrice : Claire Dubois")
    assert "Dois-je retenir « Claire Dubois » comme nom ?" in walk.text
    walk.send("oui")
    assert walk.dossier.organisation.contact.name == "Claire Dubois"
    assert "Vous aviez aussi écrit « directrice »" in walk.text


def test_a_name_that_only_starts_like_a_title_stays_a_name() -> None:
    walk = walk_to("org.rep_name")
    walk.send("Marie Chef")
    assert walk.dossier.organisation.representative.name == "Marie Chef"


# -- a budget post's role typed with its share of full time ----------------------------------
def test_a_post_typed_with_its_percentage_keeps_the_title_and_offers_the_fte() -> None:
    """« une chargée de mission à 80% » at a post's « Fonction » was stored whole as the
    role (the budget's Fonction column), and the 80 % was asked again as the ETP."""
    walk = walk_to("bud.staff.0.role")
    walk.send("une chargée de mission à 80%")
    line = walk.dossier.budget.staff[0]
    assert line.role == "chargée de mission"
    assert line.fte == Decimal("0.8")
    assert "je retiens aussi « ETP » : 0,8" in walk.text


@pytest.mark.parametrize(
    ("typed", "role", "fte"),
    [
        ("chargée de mission à 80 %", "chargée de mission", Decimal("0.8")),
        ("un directeur à mi-temps", "directeur", Decimal("0.5")),
        ("chargé de mission temps plein", "chargé de mission", Decimal("1")),
    ],
)
def test_a_share_of_full_time_said_after_the_role_is_read_as_its_etp(
    typed: str, role: str, fte: Decimal
) -> None:
    walk = walk_to("bud.staff.0.role")
    walk.send(typed)
    line = walk.dossier.budget.staff[0]
    assert (line.role, line.fte) == (role, fte)


# -- the contact's name corrected in a sentence ---------------------------------------------
PAUL = "en fait c'est Paul Durand le contact, pas moi"


def test_another_contact_named_in_a_sentence_at_the_check_is_taken_by_name() -> None:
    """At « Dois-je retenir « Marie Dupont » comme nom ? », the tester's sentence was stored
    whole as the contact's name."""
    walk = walk_to("org.contact_name")
    walk.send("moi, Marie Dupont, directrice")
    assert "Dois-je retenir « Marie Dupont » comme nom ?" in walk.text
    walk.send(PAUL)
    assert walk.dossier.organisation.contact.name == "Paul Durand"
    assert "Je retiens « Paul Durand »" in walk.text


def test_another_contact_named_at_the_job_title_corrects_the_name_not_the_title() -> None:
    """Typed at the job-title question, the same sentence was stored as the job title."""
    walk = walk_to("org.contact_name")
    walk.send("moi, Marie Dupont, directrice")
    walk.send("oui")
    assert walk.key == "org.contact_role"
    walk.send(PAUL)
    contact = walk.dossier.organisation.contact
    assert contact.name == "Paul Durand"
    assert contact.role is None
    assert "« Paul Durand » (au lieu de « Marie Dupont »)" in walk.text
    assert walk.key == "org.contact_role"
    walk.send("directeur")
    assert walk.dossier.organisation.contact.role == "directeur"


def test_words_meant_for_elsewhere_at_the_name_check_are_no_name() -> None:
    walk = walk_to("org.contact_name")
    walk.send("moi, Marie Dupont, directrice")
    walk.send(
        "accompagnement de proximité, formations inter-structures, appui individuel + une "
        "lettre mensuelle avec le dept"
    )
    assert walk.dossier.organisation.contact.name is None
    assert "ne ressemble pas à un nom de personne" in walk.text
    assert "dois-je retenir Marie Dupont ?" in walk.text
    walk.send("oui")
    assert walk.dossier.organisation.contact.name == "Marie Dupont"


def test_a_name_typed_alone_or_in_lower_case_is_still_a_name() -> None:
    walk = walk_to("org.contact_name")
    walk.send("Jean de la Fontaine")
    assert walk.dossier.organisation.contact.name == "Jean de la Fontaine"
