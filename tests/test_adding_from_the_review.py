"""An applicant at the review who thinks of one more action, post or funder adds it from
« Modifier une réponse », without going back through the interview: a tester could only
press « Précédent » question after question to reach the list's « another? »."""

from __future__ import annotations

from tests.support import Walk, script_lines

NEW_ACTION = [
    "Animer un club des acheteurs",
    "Un club trimestriel des acheteurs publics du territoire.",
    "12",
    "ACI, EI",
    "tout le 62",
    "de mars à décembre",
]


def _at_the_review() -> Walk:
    walk = Walk()
    walk.answers(script_lines()[:-1])
    assert walk.key == "review"
    return walk


def _labels(walk: Walk) -> list[str]:
    return [b.label for b in walk.last.messages[-1].buttons]


def test_a_fifth_action_is_added_from_the_review_asked_in_full_then_counted() -> None:
    walk = _at_the_review()
    walk.answers(["Modifier une réponse", "Plan d’actions"])
    assert "➕ Ajouter une action à l’orientation 2" in _labels(walk)
    walk.send("Ajouter une action à l’orientation 2")
    assert walk.key == "plan.o2.1.title"
    walk.answers(NEW_ACTION)
    assert walk.key == "plan.o2.1.partners"  # the optional partners asked too, as in the interview
    walk.send("Les acheteurs de la CA de Lens-Liévin")
    walk.answers(["0,2", "Quatre réunions, dix acheteurs."])
    assert walk.key == "review"
    added = walk.dossier.actions("o2")[1]
    assert (added.title, added.partners) == (
        "Animer un club des acheteurs",
        "Les acheteurs de la CA de Lens-Liévin",
    )
    assert "Ajouté à votre dossier : Orientation 2 · Action 2 « Animer un club des" in walk.text
    assert "Réponse modifiée" not in walk.text  # each field of a new action is not an edit
    assert "5 actions, 4 orientations sur 4" in walk.text


def test_precedent_at_the_new_actions_title_leaves_no_empty_action() -> None:
    walk = _at_the_review()
    walk.answers(["Modifier une réponse", "Plan d’actions", "Ajouter une action à l’orientation 1"])
    walk.send("précédent")
    assert walk.key == "review"
    assert len(walk.dossier.actions("o1")) == 1
    assert "4 actions, 4 orientations sur 4" in walk.text


def test_an_action_left_half_written_is_edited_later_as_any_other() -> None:
    """Left at its third field, the new action waits in the review as answers missing; a
    later edit of its title is an edit (said back, then the review), not the adding again."""
    walk = _at_the_review()
    walk.answers(["Modifier une réponse", "Plan d’actions", "Ajouter une action à l’orientation 3"])
    walk.answers(NEW_ACTION[:2])
    walk.send("précédent")
    assert walk.key == "review"
    assert walk.dossier.cursor.filling_item is None
    walk.answers(["Modifier une réponse", "Plan d’actions"])
    walk.send(next(label for label in _labels(walk) if "Orientation 3 · Action 2" in label))
    walk.answers(["Titre de l’action", "Un club des acheteurs"])
    assert "Réponse modifiée" in walk.text
    assert "« Un club des acheteurs » (au lieu de « Animer un club des acheteurs »)" in walk.text


def test_a_post_is_added_from_the_budget_menu() -> None:
    walk = _at_the_review()
    walk.answers(["Modifier une réponse", "Budget"])
    adds = {"➕ Ajouter un poste", "➕ Ajouter une charge directe", "➕ Ajouter un financeur"}
    assert adds <= set(_labels(walk))
    walk.send("Ajouter un poste")
    assert walk.key == "bud.staff.1.role"
