"""A hurried new applicant types what people type in a chat: "euh", "ok", "jsp", "plus
tard", "stop", "pas sûr", "ui", "non", "NC", "2 par mois", "tt le dpt". None of it may land
in the dossier as an answer, and the natural replies must be understood."""

from __future__ import annotations

from decimal import Decimal

import pytest

from dialogs.dossier import IndicatorTarget
from dialogs.events import AskQuestion
from tests.support import DURING_CALL, ROOT, Walk, script_lines, walk_to

NATURAL = ROOT / "examples" / "conversations" / "candidature-naturelle.txt"

#: Where the tester typed a chat word instead of the answer (candidature-naturelle.txt).
CHAT_WORDS = {
    "org.name": "ok",
    "plan.context": "euh",
    "plan.approach": "jsp",
    "plan.public.note": "je reprendrai plus tard",
    "plan.o1.0.description": "merci",
    "plan.o1.0.expected_results": "ok",
}


def test_chat_words_at_free_text_questions_are_refused_and_the_dossier_ends_as_without_them() -> (
    None
):
    plain, chatty = Walk(today=DURING_CALL), Walk(today=DURING_CALL)
    plain.answers(script_lines(NATURAL))
    for line in script_lines(NATURAL):
        chat = CHAT_WORDS.get(chatty.key)
        if chat is not None:
            key = chatty.key
            chatty.send(chat)
            assert chatty.key == key, f"{chat!r} was taken as the answer to {key}"
            assert ("❗" in chatty.text or "❓" in chatty.text) and f"« {chat} »" in chatty.text
        chatty.send(line)
    ignored = {"cursor", "uuid", "created_at", "updated_at"}
    assert chatty.dossier.model_dump(exclude=ignored) == plain.dossier.model_dump(exclude=ignored)


@pytest.mark.parametrize("typed", ["jsp", "je sais pas"])
def test_the_organisation_name_is_never_a_chat_word_and_says_what_is_expected(typed: str) -> None:
    walk = walk_to("org.name", script=NATURAL)
    walk.send(typed)
    assert walk.key == "org.name" and walk.dossier.organisation.name is None
    assert "Nom de l’organisme" in walk.text


@pytest.mark.parametrize("typed", ["ok", "euh", "Merci !", "bonjour", "Menu", "ok 👍"])
def test_a_name_that_is_a_chat_word_is_asked_back_before_it_is_recorded(typed: str) -> None:
    """An association may be called « Menu »: such a name is asked back, never refused for
    good, and recorded only once the applicant says yes."""
    walk = walk_to("org.name", script=NATURAL)
    walk.send(typed)
    assert walk.key == "org.name" and walk.dossier.organisation.name is None
    assert f"Dois-je retenir « {typed} »" in walk.text
    walk.send("oui")
    assert walk.dossier.organisation.name == typed and walk.key != "org.name"


@pytest.mark.parametrize("name", ["OK Emploi", "ACI 62", "Inser'62", "Stop Précarité"])
def test_a_short_name_holding_a_chat_word_is_still_a_name(name: str) -> None:
    walk = walk_to("org.name", script=NATURAL)
    walk.send(name)
    assert walk.dossier.organisation.name == name and walk.key != "org.name"


@pytest.mark.parametrize("typed", ["stop", "attends", "pause", "menu"])
def test_stop_or_menu_at_the_approach_is_not_its_answer_and_names_the_commands(typed: str) -> None:
    walk = walk_to("plan.approach", script=NATURAL)
    walk.send(typed)
    assert walk.key == "plan.approach" and walk.dossier.plan.approach is None
    assert f"Je n’enregistre pas « {typed} »" in walk.text
    assert "/start" in walk.text and "« précédent »" in walk.text
    assert "/recapitulatif" in walk.text


def test_aide_moi_shows_the_help_of_the_question() -> None:
    walk = walk_to("plan.approach", script=NATURAL)
    walk.send("aide moi")
    assert walk.key == "plan.approach" and walk.dossier.plan.approach is None
    assert "Ce que dit l’appel à projets" in walk.text


def test_help_at_an_indicator_quotes_the_calls_list_with_its_introduction() -> None:
    """« ? » at an indicator quoted « Les indicateurs d’évaluation minimum de l’opération
    sont les suivants : », and nothing after it."""
    walk = walk_to("ind.juridique_sites")
    walk.send("?")
    assert "sont les suivants :" in walk.text
    assert "· nombre d’interventions du service juridique sur sites ;" in walk.text


def test_later_says_how_to_come_back_and_passes_where_the_question_allows_it() -> None:
    walk = walk_to("plan.public.note", script=NATURAL)
    walk.send("je reprendrai plus tard")
    assert walk.dossier.plan.public.note is None
    assert "reprendre plus tard à cette question avec /start" in walk.text
    assert "« passer »" not in walk.text  # a required question
    walk = walk_to("plan.cross_note", script=NATURAL)
    walk.send("plus tard")  # a question that may wait: passed, as « passer » would
    assert walk.key != "plan.cross_note" and walk.dossier.plan.cross_cutting_note is None
    assert "plan.cross_note" in walk.dossier.skipped
    assert "attendra : question passée" in walk.text


@pytest.mark.parametrize("typed", ["pas sûr", "pas sur", "pas certain", "je suis pas sûr"])
def test_not_sure_at_an_eligibility_question_points_to_help_and_never_to_ineligibility(
    typed: str,
) -> None:
    walk = walk_to("elig.territory", script=NATURAL)
    walk.send(typed)
    assert walk.key == "elig.territory" and walk.dossier.cursor.asking_back is None
    assert "tapez « aide »" in walk.text and "dois-je comprendre" not in walk.text


def test_ui_is_yes() -> None:
    walk = walk_to("elig.territory", script=NATURAL)
    walk.send("ui")
    assert walk.key == "elig.target_public"


def test_non_for_own_funds_means_none_once_confirmed() -> None:
    walk = walk_to("bud.own", script=NATURAL)
    walk.send("non")
    assert walk.key == "bud.own" and "dois-je retenir 0,00 €" in walk.text
    walk.send("oui")
    assert walk.dossier.budget.own_funds == Decimal("0.00") and walk.key == "bud.in_kind"


@pytest.mark.parametrize("typed", ["pas concerné", "NC"])
def test_an_indicator_not_concerned_is_a_target_of_zero_once_confirmed(typed: str) -> None:
    walk = walk_to("ind.juridique_sites", script=NATURAL)
    walk.send(typed)
    assert walk.key == "ind.juridique_sites" and "dois-je retenir 0" in walk.text
    walk.send("oui")
    assert walk.dossier.indicators.targets["juridique_sites"] == IndicatorTarget(target=0)


def test_a_target_typed_per_month_is_asked_back_as_its_total_over_the_agreement() -> None:
    walk = walk_to("ind.juridique_sites", script=NATURAL)
    walk.send("2 par mois")
    assert walk.key == "ind.juridique_sites"
    assert "2 par mois sur 12 mois font 24" in walk.text
    walk.send("oui")
    assert walk.dossier.indicators.targets["juridique_sites"] == IndicatorTarget(target=24)


def test_a_target_per_month_may_be_corrected_instead() -> None:
    walk = walk_to("ind.juridique_sites", script=NATURAL)
    walk.send("2 par mois")
    walk.send("20")
    assert walk.dossier.indicators.targets["juridique_sites"] == IndicatorTarget(target=20)


def test_tt_le_dpt_is_the_whole_departement() -> None:
    walk = walk_to("plan.o1.0.territory_scope", script=NATURAL)
    walk.send("tt le dpt")
    assert walk.dossier.plan.actions["o1"][0].territory_scope == "department"


@pytest.mark.parametrize("typed", ["aussi les EI", "+ EI", "et les EI aussi", "j'ajoute les EI"])
def test_a_type_forgotten_at_the_siae_types_is_added_from_the_next_question(typed: str) -> None:
    """The SIAE types answered « ACI », the territory asked: « aussi les EI » is what was
    forgotten one step earlier; added there, said so, and the territory asked again."""
    lines = script_lines()
    types = lines.index("Former les encadrants techniques") + 3
    walk = Walk()
    walk.answers([*lines[:types], "ACI"])
    assert walk.key.endswith(".territory_scope"), walk.key
    outcome = walk.send(typed)
    assert walk.key.endswith(".territory_scope")
    assert walk.dossier.plan.actions["o1"][0].siae_types == ["aci", "ei"]
    assert "Ajouté à « Types de SIAE ciblées » : EI. Votre réponse : ACI, EI." in walk.text
    assert outcome.answer == (walk.key.replace("territory_scope", "siae_types"), ["aci", "ei"])


def test_words_adding_nothing_to_the_siae_types_are_refused_at_the_territory() -> None:
    """Words that name no type, or a number of the list no longer on screen (« et 2 »), are
    refused by the territory; a type already ticked is said so, nothing recorded."""
    lines = script_lines()
    types = lines.index("Former les encadrants techniques") + 3
    walk = Walk()
    walk.answers([*lines[:types], "ACI"])
    outcome = walk.send("et 2")
    assert walk.dossier.plan.actions["o1"][0].siae_types == ["aci"]
    assert "Choisissez l’une des propositions" in walk.text and outcome.answer is None
    outcome = walk.send("aussi les mairies")  # words for the territory, maybe: asked back
    assert walk.dossier.plan.actions["o1"][0].siae_types == ["aci"]
    assert "dois-je retenir « Des territoires précis" in walk.text and outcome.answer is None
    walk.send("non")
    outcome = walk.send("aussi les ACI")
    assert "✅ ACI figure déjà dans « Types de SIAE ciblées » : ACI." in walk.text
    assert outcome.answer is None and walk.key.endswith(".territory_scope")


def test_a_count_of_beneficiaries_typed_as_the_staff_fte_is_refused_with_the_headcount() -> None:
    """« environ 200 BRSA » at the FTE, three employees given just before: refused, saying an
    employee counts for one FTE at most, not recorded as 200 FTE."""
    lines = script_lines()
    fte = lines.index("4,2")
    walk = Walk()
    walk.answers([*lines[: fte - 1], "3"])
    walk.send("environ 200 BRSA")
    assert walk.key == "org.employees_fte" and walk.dossier.organisation.employees_fte is None
    assert "200 ETP pour 3 salariés : un salarié compte au plus pour 1 ETP" in walk.text
    walk.send("2,5")
    assert walk.dossier.organisation.employees_fte == Decimal("2.5")


def test_a_sentence_holding_a_figure_of_months_is_not_taken_as_the_amount() -> None:
    """« tous les 2 mois » counts months, no euros: a euro amount is asked for, never
    « dois-je retenir 2,00 € ? »."""
    lines = script_lines()
    budget = lines.index("380 000")
    walk = Walk()
    walk.answers(lines[:budget])
    walk.send("Des petits déj employeurs tous les 2 mois.")
    assert walk.key == "org.annual_budget" and walk.dossier.organisation.annual_budget is None
    assert "ce sont des mois, pas des euros" in walk.text
    assert "2,00 €" not in walk.text


def test_no_young_people_means_no_question_about_those_from_the_ase() -> None:
    lines = script_lines()
    young = lines.index("320") + 1  # BRSA 320, then the young people
    walk = Walk()
    walk.answers([*lines[:young], "0"])
    assert walk.key == "plan.public.former_brsa", walk.key


def test_an_organisation_without_employees_is_not_asked_their_fte() -> None:
    lines = script_lines()
    fte = lines.index("4,2")
    walk = Walk()
    walk.answers([*lines[: fte - 1], "0"])
    assert walk.key == "org.volunteers", walk.key


def test_a_figure_with_the_questions_own_words_is_taken_at_once() -> None:
    """« 15 jeunes issus de l'ASE » at « Dont jeunes issus de l’ASE »: the words repeat the
    question, the figure is its answer (not asked back as a sentence about something else)."""
    lines = script_lines()
    ase = lines.index("12", lines.index("320"))
    walk = Walk()
    walk.answers(lines[:ase])
    assert walk.key == "plan.public.young_ase"
    walk.send("15 jeunes issus de l'ASE sur le territoire")
    assert walk.dossier.plan.public.young_ase == 15


def test_a_hedged_no_at_an_eligibility_question_is_asked_back_before_ending_all() -> None:
    """« pas vraiment » at the target public's question ended the interview at once (« votre
    candidature n’est pas éligible »), while « plutôt non » was asked back: a hedge, at a
    question that can end everything, is confirmed first."""
    walk = Walk(today=DURING_CALL)
    walk.answers(["1", "1", "oui"])
    assert walk.key == "elig.target_public"
    walk.send("pas vraiment")
    assert walk.key == "elig.target_public"
    assert "dois-je comprendre non ?" in walk.text
    assert "n’est pas éligible" not in walk.text


def test_asking_for_an_example_at_a_text_question_gets_one_not_the_departements_phone() -> None:
    """« je sais pas trop quoi mettre ici, vous avez un exemple ? » at the context question
    was taken for a question on the call, which the call does not answer: the applicant got
    the Département's phone number. The form's example for that question is shown, said to
    be an illustration, and the question waits; nothing is recorded."""
    walk = walk_to("plan.context")
    walk.send("je sais pas trop quoi mettre ici, vous avez un exemple ?")
    said = walk.text
    assert "Un exemple de contexte et diagnostic" in said
    assert "Ce n’est qu’une illustration" in said
    assert "03 21 21 65 50" not in said
    assert walk.key == "plan.context" and walk.dossier.plan.context is None
    walk.send("on met quoi ?")
    assert "Un exemple de contexte et diagnostic" in walk.text


def test_an_example_asked_over_a_pending_question_is_shown_and_the_question_goes_on() -> None:
    """Walking the bot: « on peut déposer quand ? » at the context question (« réponse ou
    question ? » asked), then « je sais pas quoi mettre, vous avez un exemple ? » typed
    instead of clicking: both went to the knowledge base, the second answered « l'appel ne
    répond pas ». The example is shown; the first goes as a question."""
    walk = walk_to("plan.context")
    walk.send("on peut déposer quand ?")
    walk.send("je sais pas quoi mettre, vous avez un exemple ?")
    assert "Un exemple de contexte et diagnostic" in walk.text
    assert [e.text for e in walk.last.effects if isinstance(e, AskQuestion)] == [
        "on peut déposer quand ?"
    ]
    assert walk.key == "plan.context" and walk.dossier.plan.context is None


@pytest.mark.parametrize(
    "answer",
    [
        "Nous partageons des exemples de bonnes pratiques entre les SIAE du réseau.",
        "Partage des exemples de bonnes pratiques",
        "Un modèle de convention de partenariat",
        "Un exemple de convention partagé entre SIAE",
    ],
)
def test_an_answer_speaking_of_examples_is_an_answer(answer: str) -> None:
    """Examples or a model named in a real answer (no question, more than a few words):
    the answer is kept, no example shown (a reviewer found short ones lost)."""
    walk = walk_to("plan.approach")
    walk.send(answer)
    assert walk.dossier.plan.approach == answer
