"""What a tester playing hurried applicants found on 7 December, each as the applicant met
it: an ineligible answer turned eligible by « 1 » (the button « Modifier ma réponse »
typed by its number), a post's cost of 0 € from « 0 » typed at « temps plein ou déjà
0,2 ETP ? », then a budget of no charges called « prêt à déposer »; « en fait 38 pardon »
stored as the territory; the SIRET printed in the organisation's name; « non » printed as a
funder's name; an action's FTE typed with its partners stored among them."""

from __future__ import annotations

from decimal import Decimal

from dialogs import rules
from dialogs.review import review
from tests.support import Walk, script_lines, spec_2025, walk_to


def test_an_ineligible_applicant_typing_1_at_the_stop_gets_the_question_back_unchanged() -> None:
    walk = Walk()
    for line in script_lines():
        if walk.key == "elig.target_public":
            break
        walk.send(line)
    walk.send("non")
    assert walk.key == "elig.stop"
    walk.send("1")  # « 1. Modifier ma réponse »
    assert walk.key == "elig.target_public"
    assert "je change votre réponse" not in walk.text
    assert walk.dossier.eligibility.answers.get("target_public") is False


def test_0_typed_at_whose_cost_is_it_is_asked_again_never_a_cost_of_0() -> None:
    walk = walk_to("bud.staff.0.role")
    walk.send("Directrice 0,2 ETP, 4000 par mois sur 12 mois")
    walk.send("oui")  # the cost per month
    assert "est-ce le coût d’un temps plein" in walk.text
    walk.send("0")
    assert walk.key == "bud.staff.0.monthly_cost"
    assert "Laquelle de ces propositions" in walk.text
    assert walk.dossier.budget.staff[0].monthly_cost is None
    walk.send("2")
    assert walk.dossier.budget.staff[0].monthly_cost == Decimal("20000.00")


def test_a_budget_of_no_charges_is_never_ready_to_file() -> None:
    walk = walk_to("review")
    dossier = walk.dossier.model_copy(deep=True)
    for line in dossier.budget.staff:
        line.annual_cost = Decimal(0)
    dossier.budget.social_charges = Decimal(0)
    dossier.budget.other_direct = []
    dossier.budget.indirect = Decimal(0)
    dossier.budget.other_funders = []
    dossier.budget.other_resources = []
    dossier.budget.own_funds = Decimal(0)
    dossier.budget.departement_request = Decimal(2000)
    found = [w.code for w in rules.warnings_for(spec_2025(), dossier)]
    assert "no_charges" in found
    assert not review(spec_2025(), dossier).ready


def test_an_apology_closing_a_figure_corrects_the_count_just_given() -> None:
    walk = walk_to("org.territory")
    walk.send("en fait 38 pardon")
    assert walk.dossier.organisation.territory is None
    assert walk.dossier.organisation.member_siae_count == 38
    assert walk.key == "org.territory"


def test_the_siret_typed_with_the_name_goes_to_its_question_not_into_the_name() -> None:
    walk = walk_to("org.name")
    walk.send("Fédé IAE 62 - SIRET 732 829 320 00074, asso loi 1901")
    assert walk.dossier.organisation.name == "Fédé IAE 62"
    assert walk.dossier.organisation.siret == "73282932000074"
    assert walk.key == "org.legal_form"
    assert "Vous aviez aussi écrit « asso loi 1901 »" in walk.text


def test_non_at_a_funders_name_is_asked_back() -> None:
    walk = walk_to("bud.funders.0.name")
    walk.send("non")
    assert walk.key == "bud.funders.0.name"
    assert "Dois-je retenir « non »" in walk.text
    assert walk.dossier.budget.other_funders[0].name is None


def test_an_fte_typed_with_the_partners_answers_the_fte() -> None:
    walk = walk_to("plan.o1.0.partners")
    walk.send("OPCO Uniformation, 0,5 etp")
    action = walk.dossier.plan.actions["o1"][0]
    assert action.partners == "OPCO Uniformation"
    assert action.fte == Decimal("0.5")
    assert walk.key == "plan.o1.0.expected_results"


def test_the_rest_said_with_the_label_is_the_rest() -> None:
    for typed in ("le reste en fonds propres", "fonds propres : le reste"):
        walk = walk_to("bud.own")
        walk.send(typed)
        assert "Je n’ai pas compris ce montant" not in walk.text, typed
        assert "il ne reste rien à financer" in walk.text, typed
