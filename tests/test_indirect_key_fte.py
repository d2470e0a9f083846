"""« au prorata des ETP : 1 ETP sur 4 ETP de la structure » while the organisation declares
4,2 ETP: an officer checks the key against the dossier's figures. Said at the answer and in
the review, with both figures (advice: the call sets no key, the dossier stays ready)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from dialogs.parsing.fte import allocation_key_fte
from dialogs.review import review
from dialogs.rules import budget_totals, indirect_key_fte
from tests.support import DURING_CALL, spec_2025, walk_replacing, walk_to

KEY = "bud.indirect_key"
TYPED = "au prorata des ETP : 1 ETP sur 4 ETP de la structure"


@pytest.mark.parametrize(
    ("key", "stated"),
    [
        ("au prorata des ETP : 1 ETP sur 4 ETP de la structure", ("1", "4")),
        ("au prorata des ETP : 1 ETP sur 4,2", ("1", "4.2")),
        ("2,3/7 ETP", ("2.3", "7")),
        ("1,9 ETP affectés à l’opération sur 6,5 ETP salariés", ("1.9", "6.5")),
        ("au prorata des charges directes", None),
        ("2 ETP sur 12 mois", None),
        ("1 ETP sur 4 salariés", None),  # people, not FTE
    ],
)
def test_the_fte_of_an_allocation_key_are_read_as_typed(
    key: str, stated: tuple[str, str] | None
) -> None:
    expected = None if stated is None else (Decimal(stated[0]), Decimal(stated[1]))
    assert allocation_key_fte(key) == expected


def test_a_key_on_4_etp_for_an_organisation_of_4_2_is_said_at_the_answer_and_the_review() -> None:
    walk = walk_to(KEY)
    assert walk.dossier.organisation.employees_fte == Decimal("4.2")
    walk.send(TYPED)
    said = (
        "La clé de répartition des charges indirectes compte 1 ETP sur 4 ETP, mais l’organisme "
        "déclare 4,2 ETP au total"
    )
    assert f"💡 {said}" in walk.text
    assert (
        walk.dossier.budget.indirect_key == "au prorata des ETP : 1 ETP sur 4 ETP de la structure"
    )
    walk = walk_replacing(
        {KEY: ["au prorata des ETP : 1 ETP sur 4 ETP de la structure"], "review": []}
    )
    assert walk.key == "review"
    review_text = walk.text[walk.text.index("Récapitulatif de votre dossier") :]
    assert review_text.count(said) == 1
    assert "💡 Budget" in review_text
    assert review(spec_2025(), walk.dossier, DURING_CALL).ready, "advice never blocks"


def test_a_key_whose_operation_fte_is_not_the_posts_is_said_with_both_figures() -> None:
    walk = walk_replacing({KEY: ["2 ETP sur 4,2 ETP"], "review": []})
    d = walk.dossier
    [found] = indirect_key_fte(spec_2025(), d, budget_totals(spec_2025(), d), None)
    assert found.kind == "advice"
    assert "compte 2 ETP sur 4,2 ETP, mais les postes du budget comptent 1 ETP" in found.message
    assert "l’organisme déclare" not in found.message


def test_the_example_key_matches_the_organisation_and_the_posts() -> None:
    walk = walk_replacing({"review": []})
    d = walk.dossier
    assert indirect_key_fte(spec_2025(), d, budget_totals(spec_2025(), d), None) == []
