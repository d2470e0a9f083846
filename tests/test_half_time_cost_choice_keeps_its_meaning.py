"""A half-time post's cost asked « temps plein ou déjà 0,5 ETP ? » keeps its meaning.

A tester playing a new applicant typed « Chargee de mission, a mi-temps », then « 38k
charge/an ». Asked « est-ce le coût d'un temps plein … ou déjà celui de 0,5 ETP ? » (1 =
temps plein, 2 = déjà pour 0,5 ETP), she answered « c ce qu'elle coute sur l'annee, elle est
a mi temps »: the bot asked again « 38 000,00 € ou 76 000,00 € ? », its buttons now meaning
something else, and « 1 » gave 19 000 € where she meant 38 000 €. In another walk
« deplacements 3000 euros », typed while the choice was open, became the post's full-time
cost (1 500 €), and « on est exo », kept « for the next question », was dropped unsaid.
"""

from __future__ import annotations

from decimal import Decimal

from tests.support import Walk, walk_to

ROLE = "bud.staff.0.role"


def _at_the_choice() -> Walk:
    walk = walk_to(ROLE)
    walk.send("Chargee de mission, a mi-temps")
    walk.send("38k charge/an")
    walk.send("oui")
    assert "déjà celui de 0,5 ETP (38 000,00 €)" in walk.text
    return walk


def test_what_she_costs_over_the_year_being_half_time_is_already_the_share() -> None:
    walk = _at_the_choice()
    walk.send("c ce qu'elle coute sur l'annee, elle est a mi temps")
    assert "Coût retenu pour le poste « Chargée de mission » : 38 000,00 €" in walk.text
    assert walk.dossier.budget.staff[0].annual_cost == Decimal("76000")


def test_the_choice_asked_again_keeps_its_buttons_meaning() -> None:
    walk = _at_the_choice()
    walk.send("euh")
    labels = [b.label for m in walk.last.messages for b in m.buttons]
    assert labels[0].startswith("Coût d’un temps plein") and "19 000,00 €" in labels[0]
    assert labels[1].startswith("Déjà pour 0,5 ETP") and "38 000,00 €" in labels[1]
    walk.send("2")
    assert "Coût retenu pour le poste « Chargée de mission » : 38 000,00 €" in walk.text


def test_a_travel_line_typed_at_the_choice_is_not_the_posts_cost() -> None:
    walk = _at_the_choice()
    walk.send("deplacements 3000 euros")
    assert walk.dossier.budget.staff[0].annual_cost is None
    assert "1 500,00 €" not in walk.text
    assert "deplacements 3000 euros" in walk.text  # said kept, never silently taken


def test_words_kept_at_the_choice_are_never_dropped_unsaid() -> None:
    walk = _at_the_choice()
    walk.send("on est exo")
    assert "« on est exo »" in walk.text
    walk.send("non c'est 40k pour le poste")  # a new amount answers the cost instead
    assert walk.dossier.budget.staff[0].annual_cost == Decimal("80000")
    assert "on est exo" in walk.text  # carried on, or said not carried


def test_no_at_the_choice_asks_which_again_never_a_cost_of_zero() -> None:
    walk = _at_the_choice()
    walk.send("non")
    assert "dois-je retenir 0,00 €" not in walk.text
    assert "Laquelle de ces propositions ?" in walk.text


def test_a_funder_typed_as_a_new_posts_role_is_kept_for_the_funders() -> None:
    walk = _at_the_choice()
    walk.send("2")
    walk.send("oui")
    walk.send("la region 5000 (demande)")
    assert walk.dossier.budget.staff[1].role is None
    assert walk.dossier.set_aside["bud.funders"] == "la region 5000 (demande)"
