"""A hurried applicant ticked ACI and EI with the buttons, then typed "et les AI aussi": the
bot asked « Dois-je retenir : « AI » ? », which would have replaced the ticks; "valider" was
refused; and « ✅ Valider » looked like one more ticked option. Typed words now add to the
ticks or validate them, and the validate button looks like no option."""

from __future__ import annotations

import pytest

from dialogs.events import NAV_OK, Choose, nav_label
from tests.support import Walk, script_lines

SELECTED_MARK = "✅"


def at_the_siae_types() -> Walk:
    walk = Walk()
    lines = script_lines()
    walk.answers(lines[: lines.index("Former les encadrants techniques") + 3])
    assert walk.key == "plan.o1.0.siae_types"
    return walk


def ticked_aci_and_ei() -> Walk:
    walk = at_the_siae_types()
    walk.send(Choose(walk.key, "aci"))
    walk.send(Choose(walk.key, "ei"))
    assert walk.last.messages[-1].selected == ("aci", "ei")
    return walk


@pytest.mark.parametrize("words", ["et les AI aussi", "+ AI", "AI aussi", "ajoutez les AI"])
def test_words_typed_after_ticking_add_to_the_ticks(words: str) -> None:
    walk = ticked_aci_and_ei()
    walk.send(words)
    assert "Dois-je retenir" not in walk.text
    assert set(walk.last.messages[-1].selected) == {"aci", "ei", "ai"}
    walk.send(Choose(walk.key, NAV_OK))
    assert walk.dossier.plan.actions["o1"][0].siae_types == ["aci", "ei", "ai"]


@pytest.mark.parametrize("words", ["valider", "ok c bon", "c'est tout", "Valider.", "OK"])
def test_typing_valider_validates_the_ticks(words: str) -> None:
    walk = ticked_aci_and_ei()
    walk.send(words)
    assert "Je n’ai pas reconnu" not in walk.text
    assert walk.dossier.plan.actions["o1"][0].siae_types == ["aci", "ei"]
    assert walk.key != "plan.o1.0.siae_types"


def test_the_validate_button_looks_like_no_ticked_option() -> None:
    walk = ticked_aci_and_ei()
    labels = [b.label for b in walk.last.messages[-1].buttons if b.id == NAV_OK]
    assert labels and not labels[0].startswith(SELECTED_MARK)
    assert SELECTED_MARK not in nav_label(NAV_OK)
