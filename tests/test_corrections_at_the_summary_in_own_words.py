"""At the summary, applicants correct an answer in their own words: « en fait le président
c'est Paul Durand », « la coordinatrice c'est 48k pas 45k ». A tester's were answered
« Choisissez l'une des propositions », and « je voudrais modifier le nom du président »
opened the organisation's name. An answer is named by what applicants call it (the form's
`also_named`), a budget post or an action by its title, and among an item's fields the new
value picks the one it fits. A correction that opens a follow-up (the new representative's
title) comes back to the summary, never on through the whole interview."""

from __future__ import annotations

from decimal import Decimal

from tests.support import walk_to


def test_the_president_named_at_the_summary_is_the_legal_representative() -> None:
    walk = walk_to("review")
    walk.send("en fait le président c'est Paul Durand")
    assert walk.dossier.organisation.representative.name == "Paul Durand"
    assert "Représentant légal" in walk.text and "Jean Martin" in walk.text  # « au lieu de »


def test_his_title_asked_after_the_correction_comes_back_to_the_summary() -> None:
    walk = walk_to("review")
    walk.send("le président c'est Paul Durand")
    assert walk.key == "org.rep_role"
    walk.send("oui")  # the title of the person before is his too
    assert walk.key == "review"
    assert walk.dossier.organisation.representative.role == "Président"
    assert "Générez le brouillon" in walk.text


def test_the_presidents_name_to_modify_opens_the_representative_not_the_organisation() -> None:
    walk = walk_to("review")
    walk.send("je voudrais modifier le nom du président")
    assert walk.key == "org.rep_name"
    assert "Nom de l’organisme" not in walk.text


def test_a_post_named_by_its_title_gets_its_new_cost() -> None:
    for typed in (
        "la chargée de mission c'est 48k pas 45k",
        "en fait la chargée de mission c'est 48 000",
        "le coût de la chargée de mission c'est 48k",
        "en fait le poste 1 c'est 48k",
    ):
        walk = walk_to("review")
        assert walk.dossier.budget.staff[0].annual_cost == Decimal("50000.00")
        walk.send(typed)
        assert walk.dossier.budget.staff[0].annual_cost == Decimal("48000.00"), typed
        assert walk.key == "review", typed
        assert "au lieu de 50 000,00 €" in walk.text, typed


def test_a_word_the_contact_goes_by_names_its_answer() -> None:
    walk = walk_to("review")
    walk.send("en fait l'effectif c'est 7")
    assert walk.dossier.organisation.employees == 7
    walk.send("en fait le courriel c'est paul@x.fr")
    assert walk.dossier.organisation.contact.email == "paul@x.fr"


def test_an_action_named_by_its_title_with_a_count_changes_its_siae_count() -> None:
    walk = walk_to("review")
    before = walk.dossier.plan.actions["o1"][0].siae_count
    walk.send("en fait former les encadrants c'est 20 SIAE")
    assert walk.dossier.plan.actions["o1"][0].siae_count == 20 != before


def test_budget_lines_are_named_as_applicants_say_them() -> None:
    for typed, read, amount in (
        ("les frais de structure c'est 9000", lambda d: d.budget.indirect, 9000),
        ("en fait l'autofinancement c'est 5000", lambda d: d.budget.own_funds, 5000),
        ("en fait la subvention c'est 55 000", lambda d: d.budget.departement_request, 55000),
    ):
        walk = walk_to("review")
        walk.send(typed)
        assert read(walk.dossier) == Decimal(amount), typed
        assert "Réponse modifiée" in walk.text, typed


def test_another_answers_words_never_reach_a_name_the_form_adds() -> None:
    """« la subvention de la région » is the Région's amount, not the Département's
    subsidy; « les frais de déplacement » the travel line, not the overheads (« frais de
    structure »); « la qualité du président » his title, not his name."""
    walk = walk_to("review")
    walk.send("la subvention de la région c'est 12000")
    assert walk.dossier.budget.departement_request == Decimal("60000.00")
    assert walk.dossier.budget.other_funders[0].amount == Decimal(12000)
    walk = walk_to("review")
    walk.send("les frais de déplacement c'est 8000")
    assert walk.dossier.budget.indirect == Decimal("10000.00")
    assert walk.dossier.budget.other_direct[0].amount == Decimal(8000)
    walk = walk_to("review")
    walk.send("les frais de formation c'est 5000")
    assert walk.dossier.budget.indirect == Decimal("10000.00")
    walk = walk_to("review")
    walk.send("la qualité du président c'est président d'honneur")
    assert walk.dossier.organisation.representative.name == "Jean Martin"
    assert walk.dossier.organisation.representative.role == "président d'honneur"


def test_a_contacts_detail_named_with_the_contact_is_that_detail() -> None:
    walk = walk_to("review")
    walk.send("le téléphone du contact c'est 06 12 34 56 78")
    assert walk.dossier.organisation.contact.phone == "+33612345678"
    assert walk.dossier.organisation.contact.name == "Marie Dupont"


def test_a_name_typed_for_a_post_is_never_its_title_unasked() -> None:
    for typed in ("la chargée de mission c'est Marie Dupont", "le poste 1 c'est Paul Durand"):
        walk = walk_to("review")
        walk.send(typed)
        assert walk.dossier.budget.staff[0].role == "Chargée de mission IAE", typed
    # the post named by its title: which of its answers? asked, its buttons naming them
    walk = walk_to("review")
    walk.send("la chargée de mission c'est Marie Dupont")
    assert "Quelle réponse voulez-vous corriger" in walk.text
    assert "Fonction" in walk.text and "Coût annuel chargé" in walk.text
