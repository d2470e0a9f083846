"""« non » with its reason, typed at a guess asked back: the reason is read, the guess is
dropped and nothing else is pushed in its place. A tester's regional network, asked
« vouliez-vous dire « Tête de réseau IAE régionale » ? », answered « non on est surtout
sur le Nord, un peu dans le 62 mais pas trop »: the words were read as a new answer, their
« 62 » matched « départementale du 62 », and « départementale » was offered next, which
« 1 » accepted — a Nord network recorded as the Pas-de-Calais' own."""

from __future__ import annotations

from tests.support import walk_to

REASON = "non on est surtout sur le Nord, un peu dans le 62 mais pas trop"


def _said(text: str) -> str:
    return text.replace("<b>", "").replace("</b>", "")


def test_a_no_with_its_reason_at_a_guessed_organisation_type_asks_the_question_again() -> None:
    walk = walk_to("elig.type")
    walk.send("on est un réseau régional, asso, 30 adhérents")
    assert "vouliez-vous dire « Tête de réseau IAE régionale » ?" in _said(walk.text)
    walk.send(REASON)
    said = _said(walk.text)
    # no other type pushed after the « non »
    assert "vouliez-vous dire" not in said
    assert walk.dossier.cursor.asking_back is None
    # the reason is read back, with the call's rule on who may apply, and the question again
    assert "« on est surtout sur le Nord, un peu dans le 62 mais pas trop »" in said
    assert "Porteurs de projets éligibles" in said
    assert "Quel type d’organisme représentez-vous ?" in said
    walk.send("1")  # « 1 » now names the first type of the question, chosen knowingly
    assert walk.dossier.eligibility.organisation_type == "network_departmental"


def test_a_no_with_its_reason_among_several_types_offers_none_of_them() -> None:
    walk = walk_to("elig.type")
    walk.send("on est une tete de reseau")
    assert "plusieurs propositions correspondent" in _said(walk.text)
    walk.send(REASON)
    said = _said(walk.text)
    assert "vouliez-vous dire" not in said
    assert walk.dossier.cursor.asking_back is None
    assert walk.dossier.eligibility.organisation_type is None
    assert "Quel type d’organisme représentez-vous ?" in said


def test_a_no_naming_the_type_meant_still_takes_that_type() -> None:
    """« non, départementale » names the type meant: it is the answer, as before."""
    walk = walk_to("elig.type")
    walk.send("on est un réseau régional, asso, 30 adhérents")
    walk.send("non, départementale")
    assert walk.dossier.eligibility.organisation_type == "network_departmental"
