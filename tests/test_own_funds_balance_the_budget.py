"""At the own funds, the amount that balances the budget is a button, and « ce qu'il faut
pour équilibrer » is read.

A tester, at « Quel montant de fonds propres apportez-vous ? », typed « ce qu'il faut pour
équilibrer »: « Je n'ai pas compris ce montant ». The indirect costs offer their maximum as a
button; the own funds, which usually close the budget, offered nothing.
"""

from __future__ import annotations

from decimal import Decimal

from dialogs.events import Choose
from tests.support import Walk, script_lines

OWN = "bud.own"


def at_own_funds() -> Walk:
    """The complete script up to the own funds, 40 000 € asked of the Département (the
    other resources then leave 20 000 € of the 70 000 € of charges uncovered)."""
    walk = Walk()
    for line in script_lines():
        if walk.key == OWN:
            return walk
        walk.send("40000" if walk.key == "bud.dept" else line)
    raise AssertionError("the script never reaches the own funds")


def test_the_own_funds_offer_the_amount_that_balances_the_budget_as_a_button() -> None:
    walk = at_own_funds()
    buttons = {b.label: b.id for b in walk.last.messages[-1].buttons}
    assert "Équilibrer le budget (20 000,00 €)" in buttons
    walk.send(Choose(OWN, buttons["Équilibrer le budget (20 000,00 €)"]))
    assert walk.dossier.budget.own_funds == Decimal("20000.00")
    assert "équilibré ✅" in walk.text


def test_ce_qu_il_faut_pour_equilibrer_is_read_as_the_balancing_amount() -> None:
    walk = at_own_funds()
    walk.send("ce qu'il faut pour équilibrer")
    assert "Je n’ai pas compris ce montant" not in walk.text
    assert "cela fait 20 000,00 €" in walk.text
    walk.send("oui")
    assert walk.dossier.budget.own_funds == Decimal("20000.00")
