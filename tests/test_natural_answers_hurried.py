"""Hurried applicants on their phones: « c'est bon » where a yes or a confirmation is asked,
the body a funder is named by (« la CA du Boulonnais »), « pas dispo » at a number not at
hand. Each answer is read as the applicant meant it, or asked back in one short question."""

from __future__ import annotations

from tests.support import walk_to


def test_cest_bon_at_an_eligibility_question_is_a_yes() -> None:
    """« L'opération se déroulera-t-elle pendant la période de conventionnement ? » —
    « c'est bon » was refused as « ni oui ni non », then every later line answered it."""
    walk = walk_to("elig.period")
    walk.send("c'est bon")
    assert "ni oui ni non" not in walk.text
    assert walk.dossier.eligibility.answers["period"] is True
    assert walk.key != "elig.period"


def test_c_bon_confirms_the_figure_asked_back() -> None:
    """« une trentaine » at the member SIAE is asked back as 30; « c bon » keeps 30 (it was
    kept as words for the next question, and the figure asked back again)."""
    walk = walk_to("org.members")
    walk.send("une trentaine")
    walk.send("c bon")
    assert walk.dossier.organisation.member_siae_count == 30
    assert walk.key == "org.territory"


def test_cest_bon_at_one_more_action_is_asked_back_as_no() -> None:
    """At « Souhaitez-vous ajouter une autre action ? », « c'est bon » rather says « that
    will do »: asked back as « non », never a new action opened unseen."""
    walk = walk_to("plan.o1.more")
    walk.send("c'est bon")
    assert "dois-je comprendre non ?" in walk.text
    assert len(walk.dossier.plan.actions["o1"]) == 1
    walk.send("oui")
    assert walk.key.startswith("plan.o2")
    assert len(walk.dossier.plan.actions["o1"]) == 1
