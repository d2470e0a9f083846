"""A post's cost typed with the post is never lost nor silently prorated twice.

An applicant tester typed « chargée de mission IAE (moi) à 0,8 etp, 38k chargé/an » at
« Poste 1 : quelle fonction ? », confirmed the annual mode by naming it, and the 38k was gone
(the post showed one answer missing); asked again, « je vous ai dit 38k, c'est pour mon 0,8 »
was taken as a full-time cost and multiplied by 0,8: 30 400 € in the budget for a post that
costs 38 000 €. A gross monthly salary carried for a half-time post was taken as the full
time's loaded cost once « brut » was confirmed, the words « à temps plein » never shown.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from dialogs.budget import compute_totals
from dialogs.events import Choose
from drafts import render_drafts
from tests.support import DURING_CALL, walk_to

ROLE = "bud.staff.0.role"
TYPED = "chargée de mission IAE (moi) à 0,8 etp, 38k chargé/an"
OFFER = (
    "38 000,00 €, est-ce le coût d’un temps plein (30 400,00 € pour 0,8 ETP) "
    "ou déjà celui de 0,8 ETP (38 000,00 €) ?"
)


def test_the_38k_typed_with_the_post_is_kept_when_the_mode_is_confirmed_by_its_name() -> None:
    walk = walk_to(ROLE)
    walk.send(TYPED)
    assert "vouliez-vous dire « Coût annuel » ?" in walk.text
    walk.send("Coût annuel")  # the option named, rather than « oui »
    assert OFFER in walk.text
    assert walk.dossier.budget.staff[0].cost_mode == "annual"
    assert walk.dossier.budget.staff[0].annual_cost is None  # nothing stored unasked


def test_the_38k_is_kept_when_annuel_is_typed_instead_of_yes() -> None:
    walk = walk_to(ROLE)
    walk.send(TYPED)
    walk.send("annuel")
    assert OFFER in walk.text


def test_the_38k_is_kept_when_the_annual_option_is_clicked_instead_of_yes() -> None:
    walk = walk_to(ROLE)
    walk.send(TYPED)
    walk.send(Choose(walk.key, "annual"))
    assert OFFER in walk.text


def test_no_to_the_mode_asked_back_says_the_38k_is_not_taken_either() -> None:
    walk = walk_to(ROLE)
    walk.send(TYPED)
    walk.send("non")
    assert "« 38k chargé/an », écrit avec cette réponse, n’est pas repris non plus" in walk.text
    assert walk.key == "bud.staff.0.cost_mode"


def test_the_other_mode_picked_says_the_figure_was_not_used() -> None:
    """« 38k chargé/an » asked back as « Coût annuel », the monthly mode picked instead: the
    figure is no monthly cost; said, never dropped unsaid."""
    walk = walk_to(ROLE)
    walk.send(TYPED)
    walk.send("Coût mensuel × nombre de mois")
    assert walk.key == "bud.staff.0.monthly_cost"
    assert "« 38k chargé/an » ne répond pas à « Coût mensuel chargé »" in walk.text
    assert walk.dossier.budget.staff[0].monthly_cost is None


def test_c_est_pour_mon_08_at_the_offer_keeps_38k_as_the_cost_of_the_post() -> None:
    walk = walk_to(ROLE)
    walk.send(TYPED)
    walk.send("oui")
    assert OFFER in walk.text
    walk.send("je vous ai dit 38k, c'est pour mon 0,8")
    line = walk.dossier.budget.staff[0]
    assert line.annual_cost == Decimal("47500")
    assert "Coût retenu pour le poste « chargée de mission IAE (moi) » : 38 000,00 €" in walk.text
    assert "30 400" not in walk.text


def test_a_new_amount_typed_at_the_offer_is_a_new_answer_not_the_share_of_the_old() -> None:
    walk = walk_to(ROLE)
    walk.send(TYPED)
    walk.send("oui")
    walk.send("non c'est 40k pour mon 0,8")
    assert walk.dossier.budget.staff[0].annual_cost == Decimal("50000")
    assert "40 000,00 € (0,8 ETP)" in walk.text


@pytest.mark.parametrize(
    "typed",
    [
        "je vous ai dit 38k, c'est pour mon 0,8",
        "38k pour 0,8 etp",
        "38 000 déjà proratisé",
        "38k chargé/an pour le poste",
    ],
)
def test_a_cost_said_for_the_posts_etp_at_the_cost_question_is_not_prorated_again(
    typed: str,
) -> None:
    walk = walk_to(ROLE)
    walk.send("chargée de mission IAE (moi)")
    walk.send("0,8")
    walk.send("Coût annuel")
    assert walk.key == "bud.staff.0.annual_cost"
    walk.send(typed)
    line = walk.dossier.budget.staff[0]
    assert line.annual_cost == Decimal("47500"), walk.text
    assert "38 000,00 € (0,8 ETP)" in walk.text
    assert "soit 47 500,00 € pour un temps plein" in walk.text


def test_a_share_said_with_the_carried_cost_is_taken_without_asking_whose_it_is() -> None:
    walk = walk_to(ROLE)
    walk.send("chargée de mission IAE (moi) à 0,8 etp, 38k chargé/an pour le poste")
    walk.send("oui")  # « Coût annuel »
    assert "est-ce le coût d’un temps plein" not in walk.text
    assert walk.dossier.budget.staff[0].annual_cost == Decimal("47500")
    assert "38 000,00 € (0,8 ETP)" in walk.text


def test_a_gross_monthly_salary_carried_for_a_half_time_post_asks_gross_then_whose_cost() -> None:
    """« 2800€ brut par mois » with a post at 0,5 ETP: gross or loaded is asked back (the
    budget counts loaded costs), and once kept, whose cost it is: the question saying « à
    temps plein » was never shown."""
    walk = walk_to(ROLE)
    walk.send("chargé de développement économique à 0,5 etp, 2800€ brut par mois")
    walk.send("oui")  # « Coût mensuel × nombre de mois »
    assert "c’est un salaire brut" in walk.text
    assert walk.dossier.budget.staff[0].monthly_cost is None
    walk.send("oui")  # kept as the loaded cost
    assert "2 800,00 € par mois, est-ce le coût d’un temps plein" in walk.text
    assert walk.dossier.budget.staff[0].monthly_cost is None
    walk.send(Choose(walk.key, walk.last.messages[-1].buttons[1].id))  # « Déjà pour 0,5 ETP »
    assert walk.dossier.budget.staff[0].monthly_cost == Decimal("5600")


def test_the_recap_and_the_draft_budget_count_the_38k_once() -> None:
    walk = walk_to(ROLE)
    walk.send(TYPED)
    walk.send("Coût annuel")
    walk.send("je vous ai dit 38k, c'est pour mon 0,8")
    walk.send("non")  # no other post
    totals = compute_totals(walk.dossier.budget, walk.engine.spec.financing)
    assert totals.staff == Decimal("38000.00")
    walk.send("/recapitulatif")
    assert "38 000" in walk.text and "30 400" not in walk.text
    drafts = render_drafts(walk.engine.spec, walk.dossier, DURING_CALL, {"md"})
    plan = drafts.files[0].content.decode().replace("\u202f", " ").replace("\xa0", " ")
    assert "| chargée de mission IAE (moi) | 0,8 | 47 500 € / an × 0,8 ETP | 38 000 € |" in plan
    assert "30 400" not in plan


def test_words_kept_while_brut_is_asked_back_survive_the_whose_cost_question() -> None:
    """« on paie aussi une mutuelle employeur », typed while « brut » was asked back, was
    promised « je reporte vos mots à la question suivante »; the whose-cost question that
    followed forgot them."""
    walk = walk_to(ROLE)
    walk.send("chargé de développement économique à 0,5 etp, 2800€ brut par mois")
    walk.send("oui")  # « Coût mensuel × nombre de mois »
    walk.send("on paie aussi une mutuelle employeur")
    assert "je reporte vos mots à la question suivante" in walk.text
    walk.send("oui")  # kept as the loaded cost
    assert "est-ce le coût d’un temps plein" in walk.text
    walk.send(Choose(walk.key, walk.last.messages[-1].buttons[1].id))  # « Déjà pour 0,5 ETP »
    assert walk.dossier.budget.staff[0].monthly_cost == Decimal("5600")
    assert walk.key == "bud.staff.0.months"
    assert "Vous aviez aussi écrit « on paie aussi une mutuelle employeur »" in walk.text
