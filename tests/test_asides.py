"""Questions and asides typed at a figure question are never stored as its answer.

A tester's questions (« les frais de structure c combien max ? », « c quoi une intervention
juridique sur site ? ») were stored as the maximum and as 1 (from « une »); asides (« une
seconde je cherche », « c une question ») as 1; « la moitié de nos 900 salariés » as 900.
"""

from __future__ import annotations

import pytest

from dialogs.events import AskQuestion
from tests.support import Walk, script_lines, walk_to


def _asked(walk: object) -> list[str]:
    return [e.text for e in walk.last.effects if isinstance(e, AskQuestion)]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "typed",
    [
        "les frais de structure c combien max ?",
        "je mets le max ou pas ?",
        "je mets le max ou pas",
        "c'est combien le max",
    ],
)
def test_a_question_naming_the_maximum_at_indirect_costs_is_answered_never_taken(
    typed: str,
) -> None:
    walk = walk_to("bud.indirect")
    walk.send(typed)
    assert walk.dossier.budget.indirect is None
    assert walk.key == "bud.indirect"
    assert _asked(walk) == [typed]


def test_max_alone_still_takes_the_maximum() -> None:
    walk = walk_to("bud.indirect")
    walk.send("max")
    assert walk.dossier.budget.indirect is not None


def test_a_question_at_an_indicators_target_is_answered_its_une_never_read_as_1() -> None:
    walk = walk_to("ind.juridique_sites")
    typed = "c quoi une intervention juridique sur site ? on a pas de service juridique"
    walk.send(typed)
    assert "juridique_sites" not in walk.dossier.indicators.targets
    assert walk.key == "ind.juridique_sites"
    assert _asked(walk) == [typed]


@pytest.mark.parametrize(
    "typed",
    ["une seconde je cherche", "attendez", "je reviens", "un instant, je regarde", "2 sec"],
)
def test_an_aside_at_a_count_is_waited_for_never_stored(typed: str) -> None:
    walk = walk_to("plan.public.brsa")
    walk.send(typed)
    assert walk.dossier.plan.public.brsa is None
    assert walk.key == "plan.public.brsa"
    assert "Je vous attends" in walk.text
    assert "❗" not in walk.text and "dois-je retenir" not in walk.text
    walk.send("320")
    assert walk.dossier.plan.public.brsa == 320


def test_an_aside_while_a_count_is_asked_back_keeps_no_words_and_asks_again() -> None:
    """« une seconde je cherche » at « dois-je retenir 0 ? » was kept as words for the next
    question: the count waits, the 0 is asked again, the figure typed next is the answer."""
    walk = walk_to("plan.public.brsa")
    walk.send("je sais pas")
    walk.send("une seconde je cherche")
    assert "Je vous attends" in walk.text and "dois-je retenir 0 ?" in walk.text
    assert "je garde ces mots" not in walk.text
    walk.send("320")
    assert walk.dossier.plan.public.brsa == 320
    assert "une seconde" not in str(walk.dossier.set_aside)


def test_c_une_question_at_a_count_invites_the_question_and_keeps_the_count_open() -> None:
    walk = walk_to("plan.public.brsa")
    walk.send("c une question")
    assert walk.dossier.plan.public.brsa is None
    assert "posez votre question" in walk.text.casefold()
    walk.send("qui compte comme BRSA")
    assert _asked(walk) == ["qui compte comme BRSA"]
    assert walk.dossier.plan.public.brsa is None


@pytest.mark.parametrize("typed", ["env 320", "320 personnes", "environ 320 au total"])
def test_a_count_typed_after_c_une_question_answers_the_count_not_the_team(typed: str) -> None:
    """A second tester: « c une question » at the BRSA count, then « env 320 »: the bot had
    invited a question, and sent « env 320 » to the knowledge base (« L'appel à projets ne
    répond pas… »); every answer after it landed one question late. Words that answer the
    figure asked, and ask nothing, are its answer (or asked back, as anywhere)."""
    walk = walk_to("plan.public.brsa")
    walk.send("c une question")
    walk.send(typed)
    assert _asked(walk) == []
    if walk.dossier.plan.public.brsa is None:  # « env 320 »: an approximate figure, asked back
        walk.send("oui")
    assert walk.dossier.plan.public.brsa == 320


def test_half_of_a_figure_at_a_count_is_asked_back_as_the_half() -> None:
    walk = walk_to("plan.public.brsa")
    walk.send("la moitié de nos 900 salariés")
    assert walk.dossier.plan.public.brsa is None
    assert "la moitié de 900, soit 450" in walk.text.casefold()
    walk.send("oui")
    assert walk.dossier.plan.public.brsa == 450


# -- finding 11: what the question offers ------------------------------------------------------
def test_oui_at_the_cross_cutting_objectives_asks_which_ones() -> None:
    """« oui » at « Votre plan d'actions sert-il aussi ces objectifs ? » was « Je n'ai pas
    reconnu « oui » »: the question offers objectives to pick, so « oui » asks which."""
    walk = walk_to("plan.cross")
    walk.send("oui")
    assert walk.key == "plan.cross"
    assert "Je n’ai pas reconnu" not in walk.text
    assert "Lesquels ?" in walk.text
    walk.send("1, 3")
    assert walk.key == "plan.cross_note"


def test_an_approximate_count_then_its_exact_figure_is_the_exact_figure() -> None:
    walk = walk_to("org.members")
    walk.send("une quarantaine, 42 exactement")
    assert walk.dossier.organisation.member_siae_count == 42
    assert walk.key != "org.members"


def test_the_figure_typed_at_an_offer_of_words_holding_it_is_that_figure_not_a_button() -> None:
    """« 2 » (2 member SIAE) at « Vous aviez aussi écrit « 2 adhérents » : est-ce votre
    réponse ? » was read as button 2, « Non »."""
    walk = Walk()
    for line in script_lines():
        if walk.key == "org.members":
            break
        walk.send("oui on a 2 adhérents à Calais" if walk.key == "elig.territory" else line)
    assert "Vous aviez aussi écrit « 2 adhérents »" in walk.text
    walk.send("2")
    assert walk.dossier.organisation.member_siae_count == 2
    assert walk.key != "org.members"


# -- finding 12: a question while a guess is asked back ----------------------------------------
def test_a_question_typed_while_a_guess_is_asked_back_is_answered_and_the_guess_asked_again() -> (
    None
):
    walk = walk_to("elig.type")
    walk.send("on est un chantier d'insertion à Lens")
    assert "vouliez-vous dire « SIAE : atelier et chantier d’insertion (ACI) »" in walk.text
    typed = "mais on peut pas candidater quand meme ? on accompagne plein de BRSA"
    walk.send(typed)
    assert _asked(walk) == [typed]
    assert "Choisissez l’une des propositions" not in walk.text
    assert "dois-je retenir SIAE : atelier et chantier d’insertion (ACI) ?" in walk.text
    assert walk.dossier.cursor.asking_back is not None


def test_half_of_a_figure_at_an_indicators_target_is_asked_back_with_the_words_as_comment() -> None:
    walk = walk_to("ind.juridique_sites")
    walk.send("la moitié de nos 12 SIAE")
    assert "juridique_sites" not in walk.dossier.indicators.targets
    assert "la moitié de 12, soit 6. Dois-je retenir 6 ?" in walk.text
    walk.send("oui")
    target = walk.dossier.indicators.targets["juridique_sites"]
    assert (target.target, target.comment) == (6, "la moitié de nos 12 SIAE")
