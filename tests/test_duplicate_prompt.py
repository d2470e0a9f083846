"""What a text typed under `/dupliquer`'s question answers (`dialogs.duplicate_prompt`): a
tester's « oui » and « non » there were taken as the interview's answer, and with two
dossiers « le 1 » generated a draft."""

from __future__ import annotations

import pytest

from dialogs.duplicate_prompt import duplicate_answer, duplicate_ask_again
from dialogs.replies import DossierOverview
from dialogs.service import duplicate_offer


def overview(number: int) -> DossierOverview:
    return DossierOverview(number, "telegram:1", f"Réseau {number}", "Organisme", 40, None, None)


ONLY_7 = duplicate_offer([overview(7)])
SEVERAL = duplicate_offer([overview(n) for n in range(1, 15)])


@pytest.mark.parametrize(
    "typed", ["oui", "Oui !", "ok", "oui merci", "7", "le 7", "Oui, dupliquer le dossier n° 7"]
)
def test_a_yes_or_its_number_duplicates_the_only_dossier(typed: str) -> None:
    assert duplicate_answer(typed, ONLY_7) == 7


@pytest.mark.parametrize("typed", ["non", "Non merci", "aucun", "annuler"])
def test_a_no_duplicates_nothing(typed: str) -> None:
    assert duplicate_answer(typed, ONLY_7) == "none"
    assert duplicate_answer(typed, SEVERAL) == "none"


@pytest.mark.parametrize("typed", ["1", "le 1", "n° 1", "N°1", "le dossier numéro 1", "#1"])
def test_among_several_dossiers_a_number_typed_picks_one(typed: str) -> None:
    assert duplicate_answer(typed, SEVERAL) == 1  # listed, though not among the buttons


@pytest.mark.parametrize(
    "typed",
    [
        "2",  # « 2 » is no « non » here: dossier n° 2 does not exist
        "le premier je crois",
        "pourquoi ?",
        "non, le 2",
        "1 ou 2",
        "dossier 99999999999",
        "je voudrais plutôt créer un nouveau dossier pour une autre action",
    ],
)
def test_anything_else_answers_nothing_about_the_only_dossier(typed: str) -> None:
    assert duplicate_answer(typed, ONLY_7) is None


@pytest.mark.parametrize("typed", ["oui", "15", "le 0", "1 et 2", "non, le 2"])
def test_a_yes_or_an_unlisted_number_answers_nothing_among_several(typed: str) -> None:
    assert duplicate_answer(typed, SEVERAL) is None


def test_the_question_back_says_what_answers_and_that_the_text_was_not_taken() -> None:
    one = duplicate_ask_again(ONLY_7, "pourquoi ?").html
    assert "Aucun dossier n’a été dupliqué" in one
    assert "Répondez « oui » pour dupliquer le dossier n° 7, « non » pour ne rien dupliquer" in one
    assert "« pourquoi ? » n’a pas été pris en compte" in one
    several = duplicate_ask_again(SEVERAL, "le premier").html
    assert "Tapez le numéro du dossier à dupliquer" in several
    assert "« non » pour n’en dupliquer aucun" in several
