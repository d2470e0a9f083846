"""A co-funder whose amount takes the resources above the charges, and the bot still asked
« Quel montant de fonds propres apportez-vous ? » as if some were missing. When the other
resources cover the charges, nothing is left for own funds: the bot says the budget is
balanced, or over-balanced by how much and what to correct (the amount asked of the
Département, the co-funder), and goes on with no own funds (0 €); the budget must still
balance for « prêt »."""

from __future__ import annotations

from decimal import Decimal

from dialogs.events import Choose
from dialogs.review import review
from tests.support import DURING_CALL, Walk, script_lines, spec_2025


def _walk_to_own_funds(region: str) -> Walk:
    walk = Walk(today=DURING_CALL)
    for line in script_lines():
        if walk.key == "bud.own":
            return walk
        walk.send(region if walk.key == "bud.funders.0.amount" else line)
    raise AssertionError("never asked the own funds")


def _button(walk: Walk, label: str) -> str:
    return next(b.id for b in walk.last.messages[-1].buttons if label in b.label)


def test_a_co_funder_over_resourcing_the_budget_is_said_and_no_own_funds_are_asked() -> None:
    walk = _walk_to_own_funds("20 000")  # Département 60 000 € + Région 20 000 € for 70 000 €
    assert "Quel montant de fonds propres apportez-vous" not in walk.text
    assert "Votre budget est excédentaire de 10 000,00 €" in walk.text
    assert "le montant demandé au Département (de 60 000,00 € à 50 000,00 €)" in walk.text
    assert "le financeur « Région Hauts-de-France » (20 000,00 €)" in walk.text
    walk.send(Choose(walk.key, _button(walk, "Pas de fonds propres (0 €)")))
    assert walk.dossier.budget.own_funds == Decimal("0")
    walk.answers(["non"])  # no contributions in kind
    assert walk.key == "review"
    report = review(spec_2025(), walk.dossier, DURING_CALL)
    assert not report.ready and [w.code for w in report.breaches] == ["unbalanced"]


def test_resources_covering_the_charges_exactly_leave_nothing_for_own_funds() -> None:
    walk = _walk_to_own_funds("10 000")
    assert "Quel montant de fonds propres apportez-vous" not in walk.text
    assert "il ne reste rien à couvrir en fonds propres" in walk.text
    walk.send("0")
    assert walk.dossier.budget.own_funds == Decimal("0")


def test_something_left_to_cover_is_asked_as_own_funds_with_the_amount_that_balances() -> None:
    walk = _walk_to_own_funds("5 000")
    assert "Quel montant de fonds propres apportez-vous ?" in walk.text
    assert "Pour équilibrer le budget : 5 000,00 €." in walk.text
    assert "Pas de fonds propres" not in walk.text
    walk.send("0")  # a zero is fine: the review then says the budget is not balanced
    assert walk.dossier.budget.own_funds == Decimal("0")
