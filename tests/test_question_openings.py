"""What reads as a question put to the bot, "?" or not (`dialogs.parsing.looks_like_question`)."""

from __future__ import annotations

import pytest

from dialogs.parsing import looks_like_question, may_be_question


@pytest.mark.parametrize(
    "typed",
    [
        "quel est le taux max des frais indirects",
        "Quelles dépenses sont éligibles",
        "comment remplir le budget",
        "Combien de temps dure l'action",
        "pourquoi mon SIRET est refusé",
        "quand la date de publication de l'appel",
        "où envoyer le dossier",
        "est-ce que les frais de déplacement comptent",
        "est ce que je peux candidater",
        "qu'est-ce qu'une tête de réseau",
        "c koi un ETP",
        "cé quoi le cofinancement",
        "peut-on financer un logiciel",
        "y a-t-il un plafond",
        "Les frais de déplacement sont-ils éligibles ?",
        "jusqu'a quand on peut candidater",
        "jusqu’à quand peut-on déposer",
        "A partir de quand la convention court",
        "pour quand le bilan final",
        "on peut deposer par mail",
        "On pourrait financer un logiciel",
        "c quand la date limite pour deposer",
    ],
)
def test_a_question_is_recognised_with_or_without_its_question_mark(typed: str) -> None:
    assert looks_like_question(typed)


@pytest.mark.parametrize(
    "typed",
    [
        "Quelque Part",
        "Inser'Réseau 62",
        "Comment nous accompagnons les SIAE du territoire",
        "Quand même oui",
        "Quand-même oui",
        "Quel que soit le territoire, nous intervenons",
        "Quels que soient les publics accompagnés",
        "Pourquoi pas",
        "Depuis 2019, nous animons le réseau",
        "Pour les jeunes de l'ASE",
        "Ou bien l'autre",
        "Accompagner 30 SIAE vers les marchés publics",
        "732 829 320 00074",
        "oui",
    ],
)
def test_an_answer_that_merely_opens_like_a_word_of_question_is_an_answer(typed: str) -> None:
    assert not looks_like_question(typed)


def test_on_peut_reads_as_peut_on_and_nous_pouvons_only_where_no_answer_is_possible() -> None:
    """ "on peut déposer par mail" is asked as often as "peut-on déposer par mail": asked back
    at a free text (a tester's was stored as an action's expected results); "nous pouvons
    accueillir 30 salariés" describes, a question only where no answer is possible."""
    assert looks_like_question("on peut deposer par mail")
    assert not looks_like_question("nous pouvons accueillir 30 salariés")
    assert may_be_question("nous pouvons accueillir 30 salariés")
    assert not may_be_question("Former les encadrants techniques")


def test_at_the_welcome_only_a_question_mark_makes_a_question() -> None:
    """ "comment faire" there means "let's start" (a how-to, answered by the interview)."""
    assert looks_like_question("comment faire")
    assert not looks_like_question("comment faire", openings=False)
    assert looks_like_question("comment faire ?", openings=False)
