"""A tester typed « on est une asso d'accompagnement vers l'emploi à Roubaix » at the
organisation's type: the bot asked « vouliez-vous dire « SIAE : association intermédiaire
(AI) » ? », and its refusal then told this non-SIAE to talk to « votre tête de réseau ».
« asso » and « accompagnement vers l'emploi » make no association intermédiaire: the
applicant is asked which type it is, « Autre organisme » offered."""

from __future__ import annotations

from tests.support import walk_to


def test_an_employment_support_association_is_asked_its_type_never_guessed_an_ai() -> None:
    walk = walk_to("elig.type")
    walk.send("on est une asso d'accompagnement vers l'emploi à Roubaix")
    said = walk.text
    assert "association intermédiaire" not in said
    assert "laquelle des propositions vous correspond" in said
    assert "choisissez « Autre organisme »" in said
    assert walk.key == "elig.type" and walk.dossier.eligibility.organisation_type is None


def test_another_body_is_refused_without_being_sent_to_its_network_head() -> None:
    walk = walk_to("elig.type")
    walk.send("on est une asso d'accompagnement vers l'emploi à Roubaix")
    walk.send("Autre organisme")
    said = walk.text
    assert walk.key == "elig.stop"
    assert "n’est pas éligible" in said
    assert "« Les têtes de réseaux de l’insertion par l’activité écnomique" in said
    assert "Parlez-en à votre tête de réseau" not in said


def test_an_association_intermediaire_named_as_such_is_still_read_as_one() -> None:
    walk = walk_to("elig.type")
    walk.send("asso intermediaire")
    assert walk.dossier.eligibility.organisation_type == "siae_ai"
    assert "Parlez-en à votre tête de réseau" in walk.text


def test_a_legal_form_typed_as_an_asso_is_still_asked_back_as_an_association() -> None:
    walk = walk_to("org.legal_form")
    walk.send("on est une asso de quartier")
    assert "« Association loi 1901 »" in walk.text.replace("<b>", "").replace("</b>", "")
    assert walk.dossier.organisation.legal_form is None
