"""Natural answers a hurried applicant typed, refused as if mistyped buttons: « aucun » at an
optional list, « le 1er et le dernier », a yes at the ineligibility screen, a field named with
its value at the review."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.support import Walk, script_lines, walk_to

CROSS = "plan.cross"


@pytest.mark.parametrize("said", ["aucun", "non aucun", "rien"])
def test_none_at_an_optional_multi_is_none_not_choose_at_least_one(said: str) -> None:
    """« aucun » at « Objectifs transversaux servis » (optional): « Choisissez au moins une
    proposition »."""
    walk = walk_to(CROSS)
    walk.send(said)
    assert "Choisissez au moins une proposition" not in walk.text
    assert "aucune proposition retenue pour « Objectifs transversaux servis »" in walk.text
    assert walk.key != CROSS and not walk.dossier.plan.cross_cutting


def test_the_first_and_the_last_pick_the_first_and_last_options() -> None:
    walk = walk_to(CROSS)
    walk.send("le 1er et le dernier")
    assert walk.dossier.plan.cross_cutting == ["decloisonnement", "gisements"]


def test_the_second_picks_the_second_option_of_a_choice() -> None:
    walk = walk_to("org.legal_form")
    question = walk.engine.current(walk.dossier)
    assert question is not None
    walk.send("la deuxième")
    assert walk.dossier.organisation.legal_form == question.choices[1].label


@pytest.mark.parametrize("said", ["oui", "ah ok alors on cale sur l’année civile, oui"])
def test_a_yes_typed_at_the_stop_screen_changes_the_no_that_stopped(said: str) -> None:
    """« non » to the agreement period, then « oui » at the ineligibility screen: « Choisissez
    l'une des propositions », though the screen offers to change the answer."""
    walk = walk_to("elig.period")
    walk.send("non")
    assert walk.key == "elig.stop"
    walk.send(said)
    assert "Choisissez l’une des propositions" not in walk.text
    assert "je change votre réponse à « Période de conventionnement » en « oui »" in walk.text
    assert walk.dossier.eligibility.answers["period"] is True and walk.key == "org.name"


def test_another_sentence_at_the_stop_screen_is_still_refused() -> None:
    walk = walk_to("elig.period")
    walk.send("non")
    walk.send("non toujours pas")
    assert walk.key == "elig.stop"


# -- a field named with its value at the review ----------------------------------------------
def _review(*, funder_amount: str = "10000") -> Walk:
    lines = script_lines()[:-1]
    region = lines.index("Région Hauts-de-France")
    lines[region + 1] = funder_amount
    walk = Walk()
    walk.answers(lines)
    assert walk.key == "review"
    return walk


def test_a_label_colon_value_at_the_review_corrects_that_field() -> None:
    """« fonds propres : 7380 » at the review: « Choisissez l'une des propositions », while
    « en fait fonds propres 7380 » worked."""
    walk = _review()
    walk.send("fonds propres : 7380")
    assert "Choisissez l’une des propositions" not in walk.text
    assert walk.dossier.budget.own_funds == Decimal("7380")
    assert "« Fonds propres » : 7 380,00 €" in walk.text and walk.key == "review"


def test_the_rest_in_own_funds_at_the_review_is_the_amount_balancing_the_budget() -> None:
    walk = _review(funder_amount="2620")
    walk.send("on met le reste en fonds propres")
    assert "cela fait 7 380,00 €" in walk.text  # said back before it is kept
    walk.send("oui")
    assert walk.dossier.budget.own_funds == Decimal("7380") and walk.key == "review"
    assert "équilibré" in walk.text
