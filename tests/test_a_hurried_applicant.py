"""A tester playing a hurried applicant: a new action they no longer want, « Passer » at its
title, remarks typed where a free text is asked, a budget entered from the review's menu
midway, and a typed « oui » to « effacer toutes vos données ? »."""

from __future__ import annotations

from tests.support import walk_to


def test_a_first_answer_given_from_the_edit_menu_is_recorded_not_changed() -> None:
    """Midway (at the first action), the recap → Modifier → Budget → Poste 1: the budget was
    never reached, so each answer is a first one; back at the recap, « le max » (meant for the
    post) is no answer to the action's title the review was opened from."""
    walk = walk_to("plan.o1.0.title")
    walk.answers(["/recapitulatif", "Modifier une réponse", "Budget", "Poste 1", "Fonction"])
    walk.send("Chargée de mission")
    assert "✅ Réponse enregistrée — « Poste 1 · Fonction » : « Chargée de mission »" in walk.text
    assert "modifiée" not in walk.text
    walk.answers(["0,5", "1", "42 000"])
    assert walk.key == "review"
    walk.send("le max")
    assert walk.key == "review"
    assert walk.dossier.cursor.asking_back is None
    assert "Titre de l’action" not in walk.text
    assert "Choisissez l’une des propositions" in walk.text
