"""« non plutot 80 % » at « D'autres financeurs … ? » corrects the amount asked of the
Département, never a bare « non ».

A tester playing a new applicant had asked 50 000 € of the Département, then typed « non
plutot 80 % » at « D'autres financeurs subventionnent-ils cette opération … ? »: read as
« non », the 80 % was lost. A « non » followed by a correction of a figure just given
corrects that figure (80 % of the cost, said with its amount in euros, confirmed), then the
question is asked again.
"""

from __future__ import annotations

from tests.support import walk_to


def test_no_rather_80_percent_corrects_the_departments_share() -> None:
    walk = walk_to("bud.funders")
    asked = walk.dossier.budget.departement_request
    assert asked is not None
    walk.send("non plutot 80 %")
    assert walk.dossier.budget.has_other_funders is None  # the « non » not taken unasked
    assert "80 %" in walk.text and "Montant demandé au Département" in walk.text
    assert "dois-je retenir ce montant ?" in walk.text  # its amount in euros, confirmed
    walk.send("oui")
    total = walk.dossier.budget.departement_request
    assert total is not None and total != asked
    assert walk.key == "bud.funders"  # asked again


def test_a_plain_no_still_answers_the_funders() -> None:
    walk = walk_to("bud.funders")
    walk.send("non")
    assert walk.dossier.budget.has_other_funders is False
    assert walk.dossier.budget.departement_request is not None
