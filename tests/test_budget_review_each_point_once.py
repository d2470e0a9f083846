"""A tester's review of an over-resourced budget: each point said once, where it belongs.

The Département was asked for the whole cost as a share (« 100 % »), a co-funder added, then
a post's cost lowered from the review: the review said the budget was unbalanced, that the
Département's amount exceeded the charges, and what the share typed now gave — three
warnings on the Département's amount, with two different figures to lower it to."""

from __future__ import annotations

from dialogs.events import Choose
from tests.support import Walk, walk_replacing


def _button(walk: Walk, label: str) -> str:
    return next(b.id for b in walk.last.messages[-1].buttons if label in b.label)


def test_the_departements_amount_above_the_charges_is_said_once_with_the_amount_that_balances() -> (
    None
):
    walk = walk_replacing({"bud.dept": ["100 %", "oui"], "review": []})
    assert walk.key == "review"
    walk.answers(["Modifier une réponse", "Budget"])
    walk.send(Choose(walk.key, _button(walk, "Poste 1")))
    walk.send(Choose(walk.key, _button(walk, "Coût annuel chargé")))
    walk.send("40000")
    assert walk.key == "review"
    review = walk.text[walk.text.index("Récapitulatif de votre dossier") :]
    warnings = [line for line in review.splitlines() if line.startswith(("⚠️", "💡"))]
    about_the_request = [w for w in warnings if "demandé au Département" in w]
    assert len(about_the_request) == 1, warnings
    [said] = about_the_request
    assert "les charges (60 000,00 €) sont inférieures aux ressources (80 000,00 €)" in said
    assert "le montant demandé au Département (70 000,00 €) dépasse à lui seul" in said
    assert "ramenez le montant demandé au Département de 70 000,00 € à 50 000,00 €" in said
    assert "Vous aviez demandé" not in review  # the share's figure (60 000 €) would contradict
    assert walk.dossier.budget.departement_request == 70000  # never changed unasked
