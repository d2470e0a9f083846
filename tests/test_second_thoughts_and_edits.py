"""A tester playing a hurried applicant: a new action they no longer want, « Passer » at its
title, remarks typed where a free text is asked, a budget entered from the review's menu
midway, and a typed « oui » to « effacer toutes vos données ? »."""

from __future__ import annotations

import pytest

from tests.support import Walk, script_lines, walk_to


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


def _yes_to_another_action() -> Walk:
    walk = walk_to("plan.o1.more")
    walk.send("Oui")
    assert walk.key == "plan.o1.1.title"
    return walk


def test_the_new_actions_title_says_how_to_take_the_oui_back() -> None:
    walk = _yes_to_another_action()
    assert "Finalement rien à ajouter ? Répondez « Non » ou « Précédent »." in walk.text


@pytest.mark.parametrize("typed", ["non", "ah non finalement pas d’autre action", "passer"])
def test_a_no_at_the_new_actions_title_takes_the_oui_back(typed: str) -> None:
    """Not the action's title: the empty action goes, and the interview goes on as « Non »
    to « Autre action ? » would have (the next orientation), said in one line."""
    walk = _yes_to_another_action()
    walk.send(typed)
    assert [a.title for a in walk.dossier.actions("o1")] == ["Former les encadrants techniques"]
    assert walk.key == "plan.o2.0.title"
    assert "rien n’est ajouté : « Autre action pour l’orientation 1 », non." in walk.text


def test_precedent_at_the_new_actions_title_is_the_yes_or_no_again() -> None:
    walk = _yes_to_another_action()
    walk.send("Précédent")
    assert walk.key == "plan.o1.more"
    assert len(walk.dossier.actions("o1")) == 1


def test_passer_at_a_title_already_given_keeps_nothing_silently() -> None:
    """« Passer » would keep the title while saying it is passed: refused, with the ways to
    keep it, replace it or remove the action."""
    walk = walk_to("plan.o1.0.description")
    walk.send("précédent")
    walk.send("passer")
    assert walk.key == "plan.o1.0.title"
    assert "plan.o1.0.title" not in walk.dossier.skipped
    assert "« Titre de l’action » est déjà donné (« Former les encadrants techniques »)" in (
        walk.text
    )
    assert "/annuler pour retirer « Orientation 1 · Action 1 “Former" in walk.text


def test_on_verra_plus_tard_at_a_new_actions_title_adds_no_action() -> None:
    walk = _yes_to_another_action()
    walk.send("on verra plus tard")
    assert len(walk.dossier.actions("o1")) == 1
    assert walk.key == "plan.o2.0.title"


def test_on_verra_plus_tard_at_an_orientations_first_action_passes_it() -> None:
    walk = walk_to("plan.o2.0.title")
    walk.send("on verra plus tard")
    assert walk.dossier.actions("o2") == []
    assert "plan.o2.0.title" in walk.dossier.skipped
    assert "« Titre de l’action » attendra : question passée" in walk.text


def test_the_diagnostic_put_off_is_not_stored_and_the_budget_shortcut_is_given() -> None:
    walk = walk_to("plan.context")
    walk.send("on fait le plan d’actions plus tard, je veux juste le budget")
    assert walk.key == "plan.context"
    assert walk.dossier.plan.context is None
    assert "Je n’enregistre pas « on fait le plan d’actions plus tard" in walk.text
    assert "/budget pour y aller maintenant" in walk.text
    assert "/plan" not in walk.text  # (the part on screen)


def test_the_title_corrected_at_the_expected_results() -> None:
    walk = walk_to("plan.o1.0.expected_results")
    walk.send("en fait le titre c’est juste « Formation des encadrants techniques »")
    action = walk.dossier.actions("o1")[0]
    assert action.title == "Formation des encadrants techniques"
    assert action.expected_results is None
    assert walk.key == "plan.o1.0.expected_results"  # back to the question left


def test_results_that_speak_of_the_action_stay_the_results() -> None:
    walk = walk_to("plan.o1.0.expected_results")
    walk.send("En fait l’action c’est surtout douze encadrants formés")
    action = walk.dossier.actions("o1")[0]
    assert action.title == "Former les encadrants techniques"
    assert action.expected_results == "En fait l’action c’est surtout douze encadrants formés"


def test_results_that_happen_later_are_the_results() -> None:
    walk = walk_to("plan.o1.0.expected_results")
    walk.send("Des SIAE qui recrutent plus tard des encadrants formés")
    assert walk.dossier.actions("o1")[0].expected_results == (
        "Des SIAE qui recrutent plus tard des encadrants formés"
    )


def test_non_at_an_action_added_from_the_review_goes_back_without_it() -> None:
    walk = Walk()
    walk.answers(script_lines()[:-1])
    walk.answers(["Modifier une réponse", "Plan d’actions", "Ajouter une action à l’orientation 1"])
    walk.send("non")
    assert walk.key == "review"
    assert len(walk.dossier.actions("o1")) == 1
    assert "rien n’est ajouté" in walk.text
