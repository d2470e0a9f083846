"""A percentage typed at a budget amount gives whole euros, as the CERFA counts them.

An officer read drafts where « 70 % » at the Département's share of a 35 256 € cost gave
24 679,20 €: the budget, the letter and the sworn statement then printed every amount to the
cent, where the CERFA n° 12156 asks for whole euros. A share typed by the applicant is now
rounded down to the euro (so that it never exceeds a cap), said so when asked back, and « le
reste » then balances the budget to the euro.
"""

from __future__ import annotations

from decimal import Decimal

from dialogs.events import Command
from dialogs.rules import budget_totals, prints_cents
from tests.support import DURING_CALL, Walk, script_lines, walk_replacing

#: 25 255 € of staff, 10 000 € of other direct costs and 5 000 € of indirect costs.
COSTS = {"bud.staff.0.annual_cost": ["25255"], "bud.indirect": ["5000"]}


def _said(text: str) -> str:
    return text.replace("<b>", "").replace("</b>", "")


def test_seventy_percent_of_the_cost_at_the_departement_is_whole_euros_said_rounded() -> None:
    walk = walk_replacing(COSTS | {"bud.dept": ["70 %", "oui"], "bud.own": ["le reste", "oui"]})
    budget = walk.dossier.budget
    assert budget_totals(walk.engine.spec, walk.dossier).charges == Decimal("40255.00")
    # 70 % of 40 255 € is 28 178,50 €: 28 178 €, never a cent above the share typed
    assert budget.departement_request == Decimal("28178")
    # « le reste » closes the budget to the euro: 40 255 − 28 178 − 10 000 (the Région)
    assert budget.own_funds == Decimal("2077.00")
    totals = budget_totals(walk.engine.spec, walk.dossier)
    assert totals.balanced
    assert not prints_cents(walk.engine.spec, walk.dossier, totals)
    walk.send(Command("review"))
    assert "Prêt à déposer" in walk.text


def _at(key: str, answers: dict[str, list[str]]) -> Walk:
    """The complete script up to `key`, with the lines given for a question sent instead."""
    walk = Walk(today=DURING_CALL)
    for line in script_lines():
        if walk.key == key:
            return walk
        walk.answers(answers.get(walk.key, [line]))
    raise AssertionError(f"the script never reaches {key}")


def test_the_rounding_is_said_when_the_share_is_asked_back() -> None:
    walk = _at("bud.dept", COSTS)
    walk.send("70 %")
    said = _said(walk.text)
    assert "70 % de 40 255,00 €, cela fait 28 178 € (arrondi à l’euro)" in said
    assert walk.dossier.budget.departement_request is None
    # a share that is whole already says no rounding
    walk = _at("bud.dept", {})
    walk.send("70 %")
    assert "70 % de 70 000,00 €, cela fait 49 000,00 €" in _said(walk.text)
    assert "arrondi" not in walk.text


def test_charges_sociales_typed_as_a_share_of_the_staff_costs_are_whole_euros() -> None:
    """« 30 % » at the employer's charges gave 7 576,50 € of 25 255 €, and account 641 (the
    staff costs less those charges) 17 678,50 €: both whole euros now."""
    walk = _at("bud.social", COSTS)
    walk.send("30 %")
    assert "cela fait 7 576 € (arrondi à l’euro)" in _said(walk.text)
    walk.send("oui")
    assert walk.dossier.budget.social_charges == Decimal("7576")
