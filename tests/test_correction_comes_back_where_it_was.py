"""A correction typed in the middle of an action (tester's report, finding 7): « attends c
10 siae pas 8 » at the months question was accepted, then the bot asked the months, the
FTE and the results, skipped the optional partners, then said « Reprenons où vous en
étiez » and asked the months again. Once the answer is changed, the interview goes back
exactly where it was, and walks on from there as it would have. The prompt showing the
answer recorded says « …ou gardez-la »: « ok », « oui », « on garde » keep it (only
« garder » did)."""

from __future__ import annotations

import pytest

from tests.support import walk_to

MONTHS = "plan.o1.0.months"


def test_a_correction_at_the_months_comes_back_to_the_months_then_walks_on() -> None:
    walk = walk_to(MONTHS)
    walk.send("attends c 10 siae pas 12")
    action = walk.dossier.plan.actions["o1"][0]
    assert action.siae_count == 10
    assert "Reprenons où vous en étiez" in walk.text
    assert walk.key == MONTHS
    walk.send("de mars à octobre")
    assert walk.key == "plan.o1.0.partners"  # the optional partners, never skipped
    walk.send("OPCO, France Travail")
    assert walk.key == "plan.o1.0.fte"
    walk.send("0,5")
    assert walk.key == "plan.o1.0.expected_results"
    walk.send("12 encadrants formés, un référentiel commun")
    assert "Reprenons où vous en étiez" not in walk.text
    assert walk.key != MONTHS
    assert walk.dossier.plan.actions["o1"][0].expected_results is not None


@pytest.mark.parametrize("typed", ["ok", "oui", "je garde", "on garde", "gardez-la"])
def test_ok_or_oui_keeps_the_answer_the_prompt_offers_to_keep(typed: str) -> None:
    walk = walk_to(MONTHS)
    walk.send("de mars à octobre")
    walk.send("précédent")
    assert walk.key == MONTHS and "ou gardez-la" in walk.text
    kept = walk.dossier.plan.actions["o1"][0].months
    walk.send(typed)
    assert walk.key == "plan.o1.0.partners"
    assert walk.dossier.plan.actions["o1"][0].months == kept
    assert "pas reconnu" not in walk.text
