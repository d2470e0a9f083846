"""Questions typed without their « ? » at a choice: a tester's « bon ben on est quand même
une asso d'insertion, on peut candidater ou pas » at the organisation type was offered the
four SIAE types, and « on voulait juste savoir si on peut etre partenaire » was told
« Choisissez l'une des propositions ». « … ou pas » at the end, « on voulait (juste) savoir
si », « est-ce que » within the sentence ask: the words go as a question, as one ending
with « ? » does there, and nothing is recorded."""

from __future__ import annotations

import pytest

from dialogs.events import AskQuestion
from dialogs.parsing import may_be_question
from tests.support import walk_to


@pytest.mark.parametrize(
    "typed",
    [
        "bon ben on est quand même une asso d'insertion, on peut candidater ou pas",
        "on voulait juste savoir si on peut etre partenaire",
        "je voudrais savoir si une SIAE peut déposer",
        "bonjour, est-ce qu'une association intermédiaire peut candidater",
    ],
)
def test_a_question_without_its_mark_at_the_organisation_type_goes_as_a_question(
    typed: str,
) -> None:
    walk = walk_to("elig.type")
    walk.send(typed)
    assert [e.text for e in walk.last.effects if isinstance(e, AskQuestion)] == [typed]
    assert walk.dossier.eligibility.organisation_type is None
    assert walk.dossier.cursor.asking_back is None
    assert "Choisissez l’une des propositions" not in walk.text
    assert walk.key == "elig.type"


@pytest.mark.parametrize(
    "typed",
    ["Tête de réseau IAE départementale", "on est une asso, ou pas loin", "ACI ou EI"],
)
def test_answers_are_not_taken_for_questions(typed: str) -> None:
    assert not may_be_question(typed)
