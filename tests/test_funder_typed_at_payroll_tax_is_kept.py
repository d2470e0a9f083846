"""A co-funder typed at « taxe sur les salaires » is a co-funder, never tax.

A tester playing a new applicant typed « la region 5000 (demande) » at « Quel montant de
taxe sur les salaires … ? »: 5 000 € of payroll tax were added to the charges, and the
Région's 5 000 € requested were lost. A funder named with an amount is kept for « D'autres
financeurs ? », offered there, and the tax is asked again.
"""

from __future__ import annotations

from decimal import Decimal

from tests.support import walk_to


def test_the_region_typed_at_the_payroll_tax_is_kept_for_the_funders() -> None:
    walk = walk_to("bud.payroll_tax")
    walk.send("la region 5000 (demande)")
    assert walk.key == "bud.payroll_tax"
    assert walk.dossier.budget.payroll_tax is None
    assert "Je le garde pour la question « Autres financeurs »" in walk.text
    walk.send("0")
    while walk.key != "bud.funders":
        walk.send("non" if walk.key == "bud.other" else "0")
    assert "« la region 5000 (demande) »" in walk.text
    walk.send("oui")
    funder = walk.dossier.budget.other_funders[0]
    assert funder.category == "region"
    assert walk.dossier.set_aside.get("bud.funders.0.amount") == "5000"  # offered next


def test_a_tax_named_at_the_payroll_tax_is_still_its_answer() -> None:
    walk = walk_to("bud.payroll_tax")
    walk.send("taxe sur les salaires 5000")
    assert walk.dossier.budget.payroll_tax == Decimal("5000")
