"""Smaller findings of an applicant's test run: short forms of « je ne sais pas », a Back
typed after an apology, several funders or charges in one message, a requested share that
no longer matches the budget, indicators all at 0, a quote cut mid-word, the welcome's
reminder."""

from __future__ import annotations

from tests.support import walk_to


# -- « jsp », « oups précédent » ---------------------------------------------------------------
def test_jsp_at_the_ase_count_is_read_as_i_dont_know_and_proposes_0_as_the_question_offers() -> (
    None
):
    walk = walk_to("plan.public.young_ase")
    walk.send("jsp")
    assert walk.key == "plan.public.young_ase"
    assert "Vous ne le savez pas encore : dois-je retenir 0" in walk.text
    walk.send("oui")
    assert walk.dossier.plan.public.young_ase == 0


def test_jsp_at_an_indicator_target_asks_for_an_estimate_like_i_dont_know_does() -> None:
    said = []
    for typed in ("je sais pas", "jsp"):
        walk = walk_to("ind.formations")
        walk.send(typed)
        assert walk.key == "ind.formations"
        said.append(walk.text)
    assert said[0] == said[1]
    assert "Une estimation suffit" in said[1]


def test_oups_precedent_goes_back_to_the_previous_question() -> None:
    for typed in ("oups precedent", "Oups, retour", "ah pardon, précédent !"):
        walk = walk_to("ind.formations")
        walk.send(typed)
        assert walk.key == "ind.gouvernance", typed
