"""A hurried applicant opening /eligibilite saw buttons cut mid-word (« …qui accompagnent le
publ », « …la période de conven »): every button of a menu is a short label from the form, or
a label shortened at a word boundary with « … »."""

from __future__ import annotations

from dialogs.events import Command
from dialogs.texts import shorten
from tests.support import Walk

LIMIT = 60


def test_the_eligibility_menu_shows_short_labels_never_cut_mid_word() -> None:
    walk = Walk()
    walk.answers(["1", "1"])  # Commencer, a departmental network head
    for _ in range(3):
        walk.send("oui")
    walk.send(Command("section", section="eligibility"))
    labels = [b.label for b in walk.last.messages[-1].buttons]
    assert "Activité dans le Pas-de-Calais" in labels
    assert "Public cible de l’appel" in labels
    assert "Période de conventionnement" in labels
    for label in labels:
        assert len(label) <= LIMIT, label


def test_a_long_label_is_shortened_at_a_word_boundary_with_an_ellipsis() -> None:
    long = "Vos actions appuient-elles des SIAE qui accompagnent le public cible de l’appel ?"
    short = shorten(long, LIMIT)
    assert len(short) <= LIMIT and short.endswith("…")
    assert short == "Vos actions appuient-elles des SIAE qui accompagnent le…"
    assert shorten("Votre réseau exerce-t-il son activité dans le Pas-de-Calais, auprès", 60) == (
        "Votre réseau exerce-t-il son activité dans le Pas-de-Calais…"
    )
    assert shorten("Titre court", LIMIT) == "Titre court"
