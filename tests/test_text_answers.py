"""A text answer holds what its field asks for: a word where a name or a description is
expected, a person's name without digits. A number typed one step late (after "Dois-je
retenir 30 ?") must not land in the dossier as the network's name."""

from __future__ import annotations

import pytest

from dialogs.parsing import InvalidAnswer, parse_text
from tests.support import walk_to


@pytest.mark.parametrize("typed", ["0", "90", "1.234,50", "3 000", "⬅️", "12/03/2025"])
def test_a_name_without_a_single_word_is_refused_and_nothing_is_saved(typed: str) -> None:
    walk = walk_to("org.name")
    walk.send(typed)
    assert walk.key == "org.name" and walk.dossier.organisation.name is None
    assert f"« {typed} » ne contient aucun mot" in walk.text
    assert "pour « Nom de l’organisme », écrivez votre réponse en toutes lettres" in walk.text
    walk.send("Inser'Réseau 62")
    assert walk.dossier.organisation.name == "Inser'Réseau 62"


def test_the_legal_representative_is_a_person_not_an_amount() -> None:
    walk = walk_to("org.rep_name")
    walk.send("1,2M€")
    assert walk.key == "org.rep_name" and walk.dossier.organisation.representative.name is None
    assert "« 1,2M€ » contient des chiffres" in walk.text
    assert "écrivez le prénom et le nom d’une personne" in walk.text
    walk.send("Sophie Lefèvre")
    assert walk.dossier.organisation.representative.name == "Sophie Lefèvre"


def test_a_description_needs_words_but_the_territory_may_be_the_departements_number() -> None:
    walk = walk_to("org.territory")
    walk.send("62")  # the Pas-de-Calais by its number: an answer
    assert walk.dossier.organisation.territory == "62"
    walk = walk_to("plan.public.note")
    walk.send("90")
    assert walk.key == "plan.public.note" and "ne contient aucun mot" in walk.text


def test_free_text_keeps_numbers_words_and_emoji_as_typed() -> None:
    assert parse_text("10 ACI équipées 🎉", max_length=200, content="words") == (
        "10 ACI équipées 🎉"
    )
    assert parse_text("42", max_length=200) == "42"
    with pytest.raises(InvalidAnswer) as refused:
        parse_text("Jean Dupont 2", max_length=200, content="person")
    assert refused.value.code == "person_with_digits"
