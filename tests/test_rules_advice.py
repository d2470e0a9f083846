"""The assistant's coherence advice on a whole dossier, and the field rules of the new questions:
each starts from the example dossier and changes what an applicant could get wrong."""

from __future__ import annotations

from decimal import Decimal

import pytest

from dialogs.dossier import Dossier
from dialogs.money import format_eur
from dialogs.review import review
from dialogs.rules import places_named_elsewhere, warnings_for
from tests.support import DURING_CALL, ROOT, spec_2025, walk_to

EXAMPLE = ROOT / "examples" / "dossier-exemple.json"


@pytest.fixture
def dossier() -> Dossier:
    return Dossier.model_validate_json(EXAMPLE.read_text(encoding="utf-8"))


def advice(dossier: Dossier) -> dict[str, str]:
    return {w.code: w.message for w in warnings_for(spec_2025(), dossier) if w.kind == "advice"}


def test_the_example_gets_no_advice(dossier: Dossier) -> None:
    assert advice(dossier) == {}


def test_actions_mobilising_fewer_fte_than_the_budget_pays_for_are_advised(
    dossier: Dossier,
) -> None:
    dossier.plan.actions["o4"][1].fte = Decimal("0.2")  # actions 1,8 ETP, budget 1,9 ETP
    message = advice(dossier)["fte_budget_above"]
    assert "comptent 1,9 ETP" in message and "n’en mobilisent que 1,8" in message


def test_actions_mobilising_more_fte_than_the_budget_pays_for_are_advised(
    dossier: Dossier,
) -> None:
    dossier.plan.actions["o4"][1].fte = Decimal("0.5")  # actions 2,1 ETP, budget 1,9 ETP
    message = advice(dossier)["fte_incoherent"]
    assert "2,1 ETP" in message and "1,9" in message
    assert "fte_budget_above" not in advice(dossier)


@pytest.mark.parametrize("level", ["regional", "national"])
def test_a_regional_or_national_network_is_asked_to_confirm_its_eligibility(
    dossier: Dossier, level: str
) -> None:
    dossier.organisation.network_level = level  # type: ignore[assignment]
    found = [w for w in warnings_for(spec_2025(), dossier) if w.code == "network_scope"]
    assert len(found) == 1
    assert found[0].kind == "advice"
    assert "confirmez votre éligibilité auprès du Département du Pas-de-Calais" in found[0].message
    assert found[0].quote is not None and "du département du pas-de-calais" in found[0].quote.text


def test_a_departmental_network_is_not_asked_to_confirm(dossier: Dossier) -> None:
    assert "network_scope" not in advice(dossier)


def test_social_charges_above_the_staff_costs_block_readiness(dossier: Dossier) -> None:
    """Account 645 sits inside account 64: a budget with more social charges than staff
    costs cannot be filed as typed, so it is a requirement, not advice."""
    dossier.budget.social_charges = Decimal("90000")
    [found] = [w for w in warnings_for(spec_2025(), dossier) if w.code == "social_above_staff"]
    assert found.kind == "form"
    assert "dépassent les frais de personnel (85 240,00 €)" in found.message


def test_a_dossier_whose_social_charges_exceed_its_staff_costs_is_not_ready(
    dossier: Dossier,
) -> None:
    """The example is ready; a post cut afterwards leaves the social charges above the staff
    costs: no longer « ready », the only breach being that one (found by a tester: it read
    « Prêt à déposer » while the draft capped account 645 silently)."""
    assert review(spec_2025(), dossier, DURING_CALL).ready
    dossier.budget.social_charges = Decimal("90000")
    report = review(spec_2025(), dossier, DURING_CALL)
    assert not report.ready
    assert [w.code for w in report.breaches] == ["social_above_staff"]


def test_a_headcount_lowered_under_the_fte_given_earlier_is_not_ready(dossier: Dossier) -> None:
    """FTE is checked when typed; a headcount lowered afterwards (« garder » at the FTE)
    leaves 3 FTE for 1 employee: a breach naming both figures."""
    assert dossier.organisation.employees_fte is not None
    dossier.organisation.employees = 1
    dossier.organisation.employees_fte = Decimal("3")
    report = review(spec_2025(), dossier, DURING_CALL)
    assert not report.ready
    [breach] = report.breaches
    assert breach.message.startswith("L’organisme compte 1 salarié mais 3 ETP")


def test_young_people_from_the_ase_cannot_outnumber_the_young_people() -> None:
    walk = walk_to("plan.public.young_ase")
    assert "au plus 85" in walk.text
    walk.send("90")
    assert walk.key == "plan.public.young_ase"
    assert "au plus égal à 85" in walk.text
    walk.send("12")
    assert walk.dossier.plan.public.young_ase == 12


def test_social_charges_cannot_exceed_the_staff_costs_they_belong_to() -> None:
    walk = walk_to("bud.social")
    assert "Sur ces 50 000,00 € de frais de personnel" in walk.text
    walk.send("60000")
    assert walk.key == "bud.social"
    assert "ne peuvent pas les dépasser" in walk.text


def test_an_rna_number_is_read_and_a_coop_is_not_asked_for_one() -> None:
    walk = walk_to("org.rna")
    walk.send("RNA : w 623 001 234")
    assert walk.dossier.organisation.rna == "W623001234"
    walk = walk_to("org.legal_form")
    walk.send("3")  # Société coopérative (SCIC, SCOP)
    assert walk.key != "org.rna"
    assert all(q.key != "org.rna" for q in walk.engine.questions(walk.dossier))


def test_an_indicator_at_zero_is_advised_only_for_actions_that_really_produce_it(
    dossier: Dossier,
) -> None:
    """A watch of public markets is no legal watch, a newsletter ("lettre d'information") no
    training: their indicators at 0 are no inconsistency; a training action still is."""
    dossier.indicators.targets["publications"].target = 0
    dossier.indicators.targets["formations"].target = 0
    for actions in dossier.plan.actions.values():
        for action in actions:
            action.title = "Veille marchés publics"
            action.description = "Une lettre d’information mensuelle aux SIAE, avec les "
            action.description += "marchés repérés par l’administration du réseau."
            action.expected_results = "Des réponses plus nombreuses."
    assert "indicator_zero" not in advice(dossier)
    dossier.plan.actions["o1"][0].title = "Former les encadrants"
    assert "« Former les encadrants »" in advice(dossier)["indicator_zero"]
    dossier.plan.actions["o1"][0].title = "Veille juridique partagée"
    assert "Publications et veilles juridiques" in advice(dossier)["indicator_zero"]


def test_a_headcount_lowered_to_none_leaves_no_fte_to_correct(dossier: Dossier) -> None:
    """No employees: the FTE question is no longer asked, so the FTE given earlier cannot
    hold the dossier back (an organisation of volunteers is no breach)."""
    dossier.organisation.employees = 0
    report = review(spec_2025(), dossier, DURING_CALL)
    assert "fte_above_headcount" not in [w.code for w in report.warnings]
    assert report.ready


def test_resources_above_the_charges_are_told_to_lower_a_resource(dossier: Dossier) -> None:
    """More resources than charges: « ajustez une ressource (les fonds propres, par
    exemple) » pointed at own funds that were 0; the way out is to lower a resource."""
    assert dossier.budget.departement_request is not None
    dossier.budget.departement_request += Decimal("5000")
    [found] = [w for w in warnings_for(spec_2025(), dossier) if w.code == "unbalanced"]
    assert "sont inférieures aux ressources" in found.message
    request = dossier.budget.departement_request
    assert (
        f"ramenez le montant demandé au Département de {format_eur(request)} à "
        f"{format_eur(request - Decimal('5000'))}, ou réduisez une autre ressource"
    ) in found.message
    assert "fonds propres" not in found.message


def test_an_action_targeting_more_siae_than_the_network_has_is_advised(dossier: Dossier) -> None:
    """« une quarantaine » of SIAE for a network of 30: a slip, advised (an action may reach
    SIAE that are not members, so it never blocks readiness)."""
    members = dossier.organisation.member_siae_count
    assert members is not None
    action = dossier.plan.actions["o1"][0]
    action.siae_count = members + 10
    message = advice(dossier)["action_above_members"]
    assert f"vise {members + 10} SIAE, plus que les {members} SIAE adhérentes" in message
    assert review(spec_2025(), dossier, DURING_CALL).ready


def test_a_place_outside_is_read_as_whole_words_whatever_its_hyphens_and_apostrophes() -> None:
    """« Bailleul-Sir-Berthoult » is a town of the Pas-de-Calais, not « Bailleul » (Nord);
    « Villeneuve d'Ascq » is written without its hyphen as often as with it; every place
    named is said, in the order named (« lille et roubaix » flagged only Roubaix)."""
    spec = spec_2025()
    assert places_named_elsewhere(spec, "Bailleul-Sir-Berthoult et Bailleul-lès-Pernes") == []
    assert places_named_elsewhere(spec, "villeneuve d'ascq") == ["Villeneuve-d’Ascq"]
    assert places_named_elsewhere(spec, "Roubaix et Bailleul-Sir-Berthoult") == ["Roubaix"]
    assert places_named_elsewhere(spec, "lille et roubaix") == ["Lille", "Roubaix"]
    assert places_named_elsewhere(spec, "la métropole européenne de lille") == [
        "Métropole européenne de Lille"
    ]
    assert places_named_elsewhere(spec, "le nord du département, Arras, Lens") == []
    assert places_named_elsewhere(spec, "agglomération Lille-Roubaix-Tourcoing") == [
        "Lille",
        "Roubaix",
        "Tourcoing",
    ]
    assert places_named_elsewhere(spec, "- Lille\n-Roubaix") == ["Lille", "Roubaix"]
