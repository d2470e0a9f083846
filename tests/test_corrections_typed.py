"""An earlier answer corrected in the applicant's own words: told as a tester on a phone lived
it — « je me suis trompée, on a 7 salariés pas 6 » at a yes/no question, « en fait le budget
annuel c'est 480k pas 450 » and « je voudrais modifier le nom de l'organisme » at the review —
and an answer asked back, left for another part, never dropped unsaid."""

from __future__ import annotations

from decimal import Decimal

import pytest

from dialogs.corrections import read
from dialogs.events import Choose, Command
from tests.support import DURING_CALL, Walk, script_lines, walk_to

MORE = "plan.o2.more"


def _at_review() -> Walk:
    walk = Walk(today=DURING_CALL)
    for line in script_lines():
        if walk.key == "review":
            return walk
        walk.send(line)
    raise AssertionError("the script never reaches the review")


# -- « 12 pas 10 »: the answer just given, set aside by its value ---------------------------------
@pytest.mark.parametrize(
    "typed",
    ["en fait c'est 12 pas 10", "non je voulais dire 12 salariés pas 10", "12 et non 10"],
)
def test_a_figure_set_aside_that_is_the_answer_just_given_corrects_that_answer(typed: str) -> None:
    """A tester answered « 10 » salariés, then typed « en fait c'est 12 pas 10 » at the ETP
    question: read as 12 ETP and refused (« 12 ETP pour 10 salariés »), twice. « pas 10 »
    names the answer just given: it is changed to 12, said back, and the ETP asked again."""
    walk = walk_to("org.employees")
    walk.send("10")
    assert walk.key == "org.employees_fte"
    walk.send(typed)
    assert walk.dossier.organisation.employees == 12
    assert walk.dossier.organisation.employees_fte is None
    assert "Réponse modifiée — « Nombre de salariés » : 12 (au lieu de 10)" in walk.text
    assert "ETP pour 10 salariés" not in walk.text
    assert walk.key == "org.employees_fte" and "Reprenons où vous en étiez" in walk.text


def test_x_au_lieu_de_n_that_fits_the_question_on_screen_answers_it() -> None:
    """« 8 ETP au lieu de 10, plusieurs temps partiels » at the ETP question after « 10 »
    salariés: 8 ETP is a sound answer there, no word says a correction. A reviewer found it
    rewrote the number of salariés to 8."""
    walk = walk_to("org.employees")
    walk.send("10")
    walk.send("8 ETP au lieu de 10, plusieurs temps partiels")
    assert walk.dossier.organisation.employees == 10
    assert "« Nombre de salariés » : 8" not in walk.text


def test_en_fait_and_a_figure_alone_still_answers_the_question_on_screen() -> None:
    walk = walk_to("org.employees")
    walk.send("10")
    walk.send("en fait 8")
    assert walk.dossier.organisation.employees == 10
    assert walk.dossier.organisation.employees_fte == Decimal(8)


def test_a_figure_set_aside_that_no_answer_holds_is_read_by_the_question_on_screen() -> None:
    walk = walk_to("org.employees")
    walk.send("10")
    walk.send("en fait c'est 12 pas 11")
    assert walk.dossier.organisation.employees == 10
    assert walk.key == "org.employees_fte"


def test_a_figure_set_aside_that_two_recent_answers_hold_is_asked_back() -> None:
    walk = walk_to("org.employees")
    walk.answers(["10", "10"])
    assert walk.key == "org.volunteers"
    walk.send("en fait c'est 8 pas 10")
    labels = [b.label for m in walk.last.messages for b in m.buttons]
    assert labels == ["Nombre de salariés", "Salariés en équivalents temps plein"]
    assert walk.dossier.organisation.volunteers is None
    walk.send(Choose("org.volunteers", "_c1"))
    assert walk.dossier.organisation.employees_fte == Decimal(8)
    assert walk.dossier.organisation.employees == 10


# -- a correction typed at a question ----------------------------------------------------------
def test_a_correction_typed_at_a_yes_no_question_changes_that_answer_and_comes_back() -> None:
    """« ah au fait je me suis trompée, on a 7 salariés pas 6 » at « Souhaitez-vous ajouter
    une autre action… ? » read « Répondez par oui ou non ». Now the headcount is 7, said
    back, and the question left is asked again."""
    walk = walk_to(MORE)
    walk.send("ah au fait je me suis trompée, on a 7 salariés pas 6")
    assert walk.dossier.organisation.employees == 7
    assert "Réponse modifiée — « Nombre de salariés » : 7 (au lieu de 5)" in walk.text
    assert "Répondez par « oui » ou « non »" not in walk.text
    assert walk.key == MORE and "Reprenons où vous en étiez" in walk.text
    assert "ajouter une autre action à l’orientation 2" in walk.text
    walk.send("non")  # the interview goes on as before
    assert walk.key != MORE


@pytest.mark.parametrize(
    "typed",
    [
        "je me suis trompée sur le nombre de salariés, c'est 7",
        "correction nombre de salariés 7",
        "en fait on est 7 salariés",
        "erreur : nombre de salariés 7",
    ],
)
def test_other_ways_of_correcting_the_headcount(typed: str) -> None:
    walk = walk_to(MORE)
    walk.send(typed)
    assert walk.dossier.organisation.employees == 7 and walk.key == MORE


def test_an_acronym_names_the_words_of_a_label() -> None:
    walk = walk_to(MORE)
    walk.send("finalement plutôt 3 ETP pour les salariés")
    assert walk.dossier.organisation.employees_fte == Decimal(3)
    assert walk.dossier.organisation.employees == 5


def test_a_new_value_the_field_refuses_is_refused_there_with_the_reason() -> None:
    walk = walk_to(MORE)
    walk.send("je me suis trompée, on a 7000 salariés pas 6")
    assert walk.dossier.organisation.employees == 5  # unchanged
    assert walk.key == "org.employees"
    assert "Correction de « Nombre de salariés » : « 7000 »" in walk.text
    assert "entre 0 et 5 000" in walk.text
    walk.send("7")
    assert walk.dossier.organisation.employees == 7
    assert "Réponse modifiée" in walk.text and walk.key == MORE  # back to the question left


def test_a_correction_without_its_value_opens_the_field_then_comes_back() -> None:
    walk = walk_to(MORE)
    walk.send("je voudrais modifier le nombre de bénévoles")
    assert walk.key == "org.volunteers"
    assert "vous reviendrez ensuite à la question où vous en étiez" in walk.text
    walk.send("15")
    assert walk.dossier.organisation.volunteers == 15
    assert "« Nombre de bénévoles » : 15 (au lieu de 12)" in walk.text
    assert walk.key == MORE and "Reprenons où vous en étiez" in walk.text
    assert walk.dossier.cursor.back_to is None


def test_a_correction_left_for_another_part_does_not_bring_the_applicant_back_later() -> None:
    walk = walk_to(MORE)
    walk.send("je voudrais modifier le nombre de bénévoles")
    walk.send("/budget")
    assert walk.dossier.cursor.back_to is None and walk.key.startswith("bud.")


def test_a_correction_naming_no_answer_gets_the_way_to_correct_not_yes_or_no() -> None:
    walk = walk_to(MORE)
    walk.send("je me suis trompée")
    assert "Répondez par « oui » ou « non »" not in walk.text
    assert "/recapitulatif puis « Modifier une réponse »" in walk.text
    assert walk.key == MORE


def test_a_correction_naming_several_answers_asks_which_with_a_button_each() -> None:
    walk = walk_to(MORE)
    walk.send("erreur sur le titre de l'action")
    assert "Quelle réponse voulez-vous corriger" in walk.text
    buttons = walk.last.messages[-1].buttons
    assert [b.id for b in buttons] == ["_c0", "_c1"]
    assert "Former les encadrants techniques" in buttons[0].label
    assert "Sourcing des marchés" in buttons[1].label
    assert walk.key == MORE
    walk.send(Choose(MORE, "_c1"))
    assert walk.key == "plan.o2.0.title"
    walk.send("Repérage des marchés réservés")
    assert walk.dossier.plan.actions["o2"][0].title == "Repérage des marchés réservés"
    assert walk.key == MORE  # back where the applicant was


def test_which_answer_typed_by_its_number_takes_the_value_typed_first() -> None:
    walk = walk_to(MORE)
    walk.send("je me suis trompée, le titre de l'action c'est Former les encadrants")
    walk.send("1")
    assert walk.dossier.plan.actions["o1"][0].title == "Former les encadrants"
    assert walk.key == MORE


def test_an_answer_at_a_free_text_question_is_still_an_answer() -> None:
    """« modifier » in a context described is the context, not a correction."""
    walk = walk_to("plan.context")
    walk.send("Nous voulons modifier le nombre de salariés formés dans nos SIAE.")
    assert walk.dossier.plan.context == (
        "Nous voulons modifier le nombre de salariés formés dans nos SIAE."
    )
    assert walk.dossier.organisation.employees == 5


def test_a_correction_of_the_question_on_screen_answers_it_where_it_stands() -> None:
    walk = walk_to("org.volunteers")
    walk.send("précédent")
    assert walk.key == "org.employees_fte"
    walk.send("précédent")
    assert walk.key == "org.employees"
    walk.send("je me suis trompé, le nombre de salariés c'est 7")
    assert walk.dossier.organisation.employees == 7
    assert walk.key == "org.employees_fte"  # on through the interview, as any answer


# -- a correction typed at the review ------------------------------------------------------------
def test_a_correction_at_the_review_names_the_field_not_the_budget_section() -> None:
    """« en fait le budget annuel c'est 480k pas 450 » was read « vouliez-vous dire
    « 🔎 Budget » ? »: the organisation's annual budget is 480 000 €, said back."""
    walk = _at_review()
    walk.send("en fait le budget annuel c'est 480k pas 450")
    assert walk.dossier.organisation.annual_budget == Decimal(480000)
    assert "« Budget annuel de l’organisme » : 480 000,00 €" in walk.text
    assert "vouliez-vous dire" not in walk.text
    assert walk.key == "review"


def test_modifier_le_nom_de_l_organisme_opens_that_field_and_returns_to_the_review() -> None:
    """« je voudrais modifier le nom de l'organisme » opened « Modifier une réponse », then
    two more menus, the field named forgotten."""
    walk = _at_review()
    walk.send("je voudrais modifier le nom de l'organisme")
    assert walk.key == "org.name"
    assert "Correction de « Nom de l’organisme »" in walk.text
    walk.send("Inser'Réseau Côte d'Opale")
    assert walk.dossier.organisation.name == "Inser'Réseau Côte d'Opale"
    assert "Réponse modifiée — « Nom de l’organisme »" in walk.text
    assert walk.key == "review"


def test_modifier_le_budget_opens_the_budget_part_of_the_edit_menu() -> None:
    walk = _at_review()
    walk.send("je voudrais modifier le budget")
    assert walk.key == "edit:budget"


def test_an_answer_named_at_the_edit_menu_is_opened_directly() -> None:
    walk = _at_review()
    walk.send(Choose("review", "edit"))
    walk.send("nombre de salariés")
    assert walk.key == "org.employees"


def test_an_edit_from_the_menus_says_the_new_value_back() -> None:
    walk = _at_review()
    walk.send(Choose("review", "edit"))
    walk.send(Choose("edit", "organisation"))
    walk.send(Choose("edit:organisation", "org.volunteers"))
    walk.send("15")
    assert "Réponse modifiée — « Nombre de bénévoles » : 15 (au lieu de 12)" in walk.text


def test_what_a_correction_says() -> None:
    said = read("en fait le budget annuel c'est 480k pas 450")
    assert said is not None and said.value == "480k" and said.naming == "le budget annuel"
    said = read("ah au fait je me suis trompée, on a 7 salariés pas 6")
    assert said is not None and said.strong and said.value is None
    assert "salariés" in said.naming and "6" not in said.naming
    assert read("oui, une autre action") is None
    said = read("en fait le territoire c'est tout le Pas-de-Calais")
    assert said is not None and said.value == "tout le Pas-de-Calais"


def test_value_words_after_the_label_at_the_review_are_applied_by_the_field() -> None:
    """« en fait les charges indirectes on met le max » opened « Charges indirectes » and
    dropped « le max » (the same with a figure was applied at once): the field's own words
    are applied too; words it does not take only open it."""
    walk = _at_review()
    walk.send("je me suis trompé, les charges indirectes c'est 2 000")
    assert walk.dossier.budget.indirect == Decimal(2000)
    walk.send("en fait les charges indirectes on met le max")
    assert walk.dossier.budget.indirect == Decimal(10000)
    assert "Réponse modifiée — « Charges indirectes » : 10 000,00 € (au lieu de 2 000,00 €)" in (
        walk.text
    )
    assert walk.key == "review"
    walk.send("je voudrais modifier les charges indirectes svp")
    assert walk.key == "bud.indirect"
    assert "Correction de « Charges indirectes ». Envoyez la nouvelle réponse" in walk.text
    assert walk.dossier.budget.indirect == Decimal(10000)


# -- an answer asked back, left for another part ----------------------------------------------
def test_a_name_asked_back_then_a_section_jump_says_it_was_not_recorded() -> None:
    """« Mme Nathalie Caron presidente », asked back, then /budget: the name and the title
    were dropped with no note."""
    walk = walk_to("org.rep_name")
    walk.send("Mme Nathalie Caron presidente")
    assert "Dois-je retenir « Mme Nathalie Caron »" in walk.text
    walk.send("/budget")
    assert walk.key.startswith("bud.")
    assert (
        "« Mme Nathalie Caron » (avec « presidente ») n’a pas été enregistré pour"
        " « Représentant légal »" in walk.text
    )
    assert "/organisation" in walk.text


def test_the_review_or_back_after_a_question_asked_back_says_so_too() -> None:
    walk = walk_to("org.rep_name")
    walk.send("Mme Nathalie Caron presidente")
    walk.send(Command("review"))
    assert "n’a pas été enregistré" in walk.text
    walk = walk_to("org.rep_name")
    walk.send("Mme Nathalie Caron presidente")
    walk.send("/organisation")  # back at the same question: just send it again
    assert walk.key == "org.rep_name"
    assert "Envoyez-le de nouveau pour le donner" in walk.text


def test_annuler_or_aide_while_asked_back_add_no_note() -> None:
    walk = walk_to("org.rep_name")
    walk.send("Mme Nathalie Caron presidente")
    walk.send(Command("help"))
    assert "n’a pas été enregistré" not in walk.text
    walk.send("oui")
    assert walk.dossier.organisation.representative.name == "Mme Nathalie Caron"


# -- a restating word is an answer first (a reviewer's cases) --------------------------------------
def test_en_fait_with_a_figure_answers_the_question_on_screen_not_an_earlier_one() -> None:
    """« en fait 8 SIAE » at the second orientation's SIAE count offered the first one's;
    « finalement 12 SIAE » opened the eligibility's period (« 31/12/2025 » holds a 12)."""
    walk = walk_to("plan.o2.0.siae_count")
    walk.send("en fait 8 SIAE")
    assert walk.dossier.plan.actions["o2"][0].siae_count == 8
    assert walk.key != "plan.o2.0.siae_count" and not walk.key.startswith("elig")
    walk = walk_to("plan.o1.0.siae_count")
    walk.send("finalement 12 SIAE")
    assert walk.dossier.plan.actions["o1"][0].siae_count == 12
    assert not walk.key.startswith("elig")


def test_plutot_with_an_option_answers_the_choice_on_screen() -> None:
    walk = walk_to("bud.funders.0.category")
    walk.send("plutôt le Département")
    assert walk.dossier.budget.other_funders[0].category is not None
    assert walk.key.startswith("bud.funders.0") and walk.key != "bud.funders.0.category"


@pytest.mark.parametrize(
    "typed",
    [
        "je me suis trompée sur le nombre de salariés, on est passé de 12 à 14",
        "erreur sur le nombre de salariés, on en a 2 de plus",
    ],
)
def test_a_change_said_as_a_difference_opens_the_answer_without_storing_a_figure(
    typed: str,
) -> None:
    walk = _at_review()
    before = walk.dossier.organisation.employees
    walk.send(typed)
    assert walk.dossier.organisation.employees == before, "never 5 or 2 stored"
    assert walk.key == "org.employees"


def test_an_apology_with_words_at_a_text_right_after_another_asks_which_it_corrects() -> None:
    """« ah non pardon, c'est Former les tuteurs des SIAE » typed at an action's description,
    just after its title: it was stored as the description. Both take such words: asked
    back once, a button each; « Corriger » replaces the title, « Réponse à » takes the words
    for the description."""
    typed = "ah non pardon, c'est Former les tuteurs des SIAE"
    walk = walk_to("plan.o1.0.description")
    walk.send(typed)
    assert walk.dossier.plan.actions["o1"][0].description is None
    assert "corrigez-vous « Orientation 1 · Action 1" in walk.text
    assert "ou est-ce votre réponse à « Orientation 1 · Action 1" in walk.text
    buttons = walk.last.messages[-1].buttons
    assert [b.label.split(" :")[0] for b in buttons] == ["Corriger", "Réponse à"]
    walk.send(Choose("plan.o1.0.description", "_c0"))
    assert walk.dossier.plan.actions["o1"][0].title == "Former les tuteurs des SIAE"
    assert walk.dossier.plan.actions["o1"][0].description is None

    walk = walk_to("plan.o1.0.description")
    walk.send(typed)
    walk.send(Choose("plan.o1.0.description", "_c1"))  # the words alone, not the apology
    assert walk.dossier.plan.actions["o1"][0].title == "Former les encadrants techniques"
    assert walk.dossier.plan.actions["o1"][0].description == "Former les tuteurs des SIAE"


def test_an_apology_naming_a_person_at_the_representative_s_title_corrects_the_name() -> None:
    """« ah non pardon, c'est Marie Durand » at the representative's title, just after their
    name: a person's name is no title; the name is corrected, said so, the title asked."""
    walk = walk_to("org.rep_role")
    walk.send("ah non pardon, c'est Marie Durand")
    assert walk.dossier.organisation.representative.name == "Marie Durand"
    assert walk.dossier.organisation.representative.role is None
    assert "(au lieu de « Jean Martin »)" in walk.text and walk.key == "org.rep_role"
