"""« non », « rien » at an orientation's first action title: no action there. A tester's
network, asked « Quel est le titre de l'action 1 pour cette orientation ? » for the public
procurement orientation, answered « non on a rien sur les marches »: an action titled so
was created, its description asked, and the orientation counted as covered. The words now
leave the orientation without an action, as « passer » does, and say what the call expects
of the plan (advice: the review lists the orientation as missing)."""

from __future__ import annotations

import pytest

from dialogs.review import review
from tests.support import TODAY, spec_2025, walk_to


def _said(text: str) -> str:
    return text.replace("<b>", "").replace("</b>", "")


@pytest.mark.parametrize("typed", ["non", "non on a rien sur les marches", "aucune", "rien"])
def test_no_action_typed_at_an_orientation_leaves_it_without_one(typed: str) -> None:
    walk = walk_to("plan.o2.0.title")
    walk.send(typed)
    said = _said(walk.text)
    assert walk.dossier.plan.actions.get("o2") in (None, [])
    assert walk.key == "plan.o3.0.title"
    assert "aucune action pour l’orientation « Marchés d’insertion » pour l’instant" in said
    assert "axé sur les quatre orientations" in said
    report = review(spec_2025(), walk.dossier, TODAY)
    assert any(w.code == "missing_orientation" for w in report.warnings)


def test_a_title_opening_with_non_hyphenated_is_a_title() -> None:
    walk = walk_to("plan.o2.0.title")
    walk.send("Non-recours aux droits")
    assert walk.dossier.plan.actions["o2"][0].title == "Non-recours aux droits"
