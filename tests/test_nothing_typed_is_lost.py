"""Nothing an applicant typed is lost: told as a tester on Telegram lived it — a message
typed instead of clicking « C'est ma réponse », an answer typed at the review, a choice and
its value in one message."""

from __future__ import annotations

from decimal import Decimal

import pytest

from dialogs.events import AskQuestion, Choose, Command
from tests.support import DURING_CALL, Walk, script_lines, walk_to

RESULTS = "plan.o1.0.expected_results"


def _asked(walk_effects: list[object]) -> list[str]:
    return [e.text for e in walk_effects if isinstance(e, AskQuestion)]


# -- « votre réponse ou une question ? » answered by typing ------------------------------------
def test_a_second_question_typed_instead_of_clicking_sends_both_and_stores_nothing() -> None:
    """« c quand la date limite pour deposer ? », asked back, then « on peut deposer par
    mail » typed instead of a click: it was stored as the action's expected results and the
    first question lost. The applicant is asking: both go as questions, the field waits."""
    walk = walk_to(RESULTS)
    walk.send("c quand la date limite pour deposer ?")
    assert "ressemble à une question" in walk.text
    outcome = walk.send("on peut deposer par mail")
    assert _asked(outcome.effects) == [
        "c quand la date limite pour deposer ?",
        "on peut deposer par mail",
    ]
    assert walk.key == RESULTS and walk.dossier.plan.actions["o1"][0].expected_results is None
    assert walk.dossier.cursor.pending_text is None
    assert "Résultats attendus" in walk.text


def test_an_answer_typed_instead_of_clicking_is_taken_and_the_first_text_still_asked() -> None:
    walk = walk_to(RESULTS)
    walk.send("c quand la date limite pour deposer ?")
    outcome = walk.send("Douze encadrants formés et une charte qualité")
    assert walk.dossier.plan.actions["o1"][0].expected_results == (
        "Douze encadrants formés et une charte qualité"
    )
    assert _asked(outcome.effects) == ["c quand la date limite pour deposer ?"]


def test_an_answer_retyped_without_its_question_mark_is_the_answer_alone() -> None:
    walk = walk_to(RESULTS)
    walk.send("Douze encadrants formés ?")
    outcome = walk.send("Douze encadrants formés")
    assert walk.dossier.plan.actions["o1"][0].expected_results == "Douze encadrants formés"
    assert _asked(outcome.effects) == []


def test_a_command_typed_instead_of_clicking_still_passes_the_question_on() -> None:
    walk = walk_to(RESULTS)
    walk.send("c quand la date limite pour deposer ?")
    outcome = walk.send("précédent")
    assert walk.key == "plan.o1.0.fte"
    assert _asked(outcome.effects) == ["c quand la date limite pour deposer ?"]


def test_annuler_while_asked_answer_or_question_drops_the_text_and_says_so() -> None:
    walk = walk_to(RESULTS)
    walk.send("c quand la date limite pour deposer ?")
    outcome = walk.send("annuler")
    assert "Saisie annulée" in walk.text and outcome.effects == []
    assert walk.dossier.cursor.pending_text is None and walk.key == RESULTS


def test_on_peut_at_a_free_text_is_asked_back_as_peut_on_is() -> None:
    walk = walk_to(RESULTS)
    walk.send("on peut deposer par mail")
    assert "ressemble à une question" in walk.text
    assert walk.dossier.plan.actions["o1"][0].expected_results is None
    walk.send(Choose(RESULTS, "_question"))
    assert _asked(walk.last.effects) == ["on peut deposer par mail"]


# -- an answer typed at the review opened midway ------------------------------------------------
def test_an_answer_typed_at_the_review_opened_midway_is_offered_to_the_question_left() -> None:
    """/recapitulatif at « Quels résultats attendez-vous… ? », then « douze encadrants
    formés » typed: refused (« Choisissez l'une des propositions ») and lost, the question
    empty after « Compléter le dossier ». Now asked back naming the question, kept on yes."""
    walk = walk_to(RESULTS)
    walk.send(Command("review"))
    walk.send("douze encadrants formés")
    assert (
        "Vous avez écrit « douze encadrants formés » : est-ce votre réponse à « Résultats"
        " attendus », la question où vous en étiez ?" in walk.text
    )
    assert walk.key == "review" and [b.id for b in walk.last.messages[-1].buttons] == [
        "_yes",
        "_no",
    ]
    walk.send("oui")
    assert walk.dossier.plan.actions["o1"][0].expected_results == "douze encadrants formés"
    assert walk.key == "plan.o1.more"  # on from where the applicant was


def test_no_to_the_offer_keeps_the_review_and_its_options_still_work() -> None:
    walk = walk_to(RESULTS)
    walk.send(Command("review"))
    walk.send("douze encadrants formés")
    walk.send(Choose("review", "_no"))
    assert "je ne le retiens pas" in walk.text and walk.key == "review"
    walk.send("Compléter le dossier")
    assert walk.key == RESULTS
    assert walk.dossier.plan.actions["o1"][0].expected_results is None


def test_the_reviews_reminder_says_back_to_the_review_not_that_an_answer_is_awaited() -> None:
    """After a 🔎 detail or a question answered at the review, « ↩️ Récapitulatif : j'attends
    votre réponse » read as if the review were a question."""
    walk = walk_to(RESULTS)
    walk.send(Command("review"))
    walk.send(Choose("review", "_show:plan"))
    reminder = walk.last.messages[-1]
    assert reminder.key == "review" and "Retour au <b>récapitulatif</b>" in reminder.html
    assert "j’attends votre réponse" not in reminder.html


# -- words typed at the final review, an answer still missing --------------------------------
def _final_review_without_the_siret() -> Walk:
    lines = script_lines()
    siret = lines.index("732 829 320 00074")
    walk = Walk()
    walk.answers([*lines[:siret], "passer", *lines[siret + 1 : -1]])
    assert walk.key == "review" and walk.dossier.organisation.siret is None
    return walk


@pytest.mark.parametrize("said", ["je l'ai pas sous la main", "pas encore", "plus tard"])
def test_not_at_hand_at_the_final_review_with_the_siret_pending_is_understood_as_not_yet(
    said: str,
) -> None:
    """The SIRET left aside, the whole dossier answered, then « je l'ai pas sous la main »
    at the review: « Choisissez l'une des propositions », as if the applicant had mistyped
    a button. The words say the SIRET will come later: the review says so, and how."""
    walk = _final_review_without_the_siret()
    walk.send(said)
    assert "Choisissez l’une des propositions" not in walk.text
    assert "D’accord, « SIRET » peut attendre" in walk.text
    assert "qu’une fois cette réponse donnée" in walk.text
    assert walk.key == "review" and walk.dossier.organisation.siret is None


def test_the_siret_typed_at_the_final_review_is_offered_to_it_then_back_to_the_review() -> None:
    """The SIRET found and typed at the review was refused there as no option."""
    walk = _final_review_without_the_siret()
    walk.send("732 829 320 00074")
    assert (
        "Vous avez écrit « 732 829 320 00074 » : est-ce votre réponse à « SIRET », qui"
        " manque encore au dossier ?" in walk.text
    )
    walk.send("oui")
    assert walk.dossier.organisation.siret == "73282932000074"
    assert walk.key == "review"


def test_a_question_typed_at_the_final_review_is_never_offered_as_the_siret() -> None:
    walk = _final_review_without_the_siret()
    outcome = walk.send("on peut deposer sans siret")
    assert "est-ce votre réponse à « SIRET »" not in walk.text
    assert [e.text for e in outcome.effects if isinstance(e, AskQuestion)] == [
        "on peut deposer sans siret"
    ]


# -- a choice and its value in one message ------------------------------------------------------
def test_a_monthly_cost_typed_at_the_cost_mode_is_kept_for_the_monthly_cost() -> None:
    """« 2500/mois » at « Comment voulez-vous indiquer le coût de ce poste ? »: asked back as
    « Coût mensuel × nombre de mois », then the monthly cost asked again, 2 500 lost. The
    figure now answers the monthly cost, said so, and the months come next."""
    walk = walk_to("bud.staff.0.cost_mode")
    walk.send("2500/mois")
    assert "vouliez-vous dire « Coût mensuel × nombre de mois » ?" in walk.text
    walk.send("oui")
    line = walk.dossier.budget.staff[0]
    assert line.cost_mode == "monthly" and line.monthly_cost == 2500
    assert "je retiens aussi « Coût mensuel chargé » : 2 500,00 €" in walk.text
    assert walk.key == "bud.staff.0.months"


def test_a_monthly_cost_and_its_months_typed_at_the_cost_mode_answer_both() -> None:
    """« 2500/mois sur 12 mois » at the cost mode: the 2 500 was carried to the monthly
    cost, « sur 12 mois » lost and the months asked as if unsaid."""
    walk = walk_to("bud.staff.0.cost_mode")
    walk.send("2500/mois sur 12 mois")
    walk.send("oui")
    line = walk.dossier.budget.staff[0]
    assert (line.cost_mode, line.monthly_cost, line.months) == ("monthly", 2500, 12)
    assert "je retiens aussi « Coût mensuel chargé » : 2 500,00 €" in walk.text
    assert "Avec « sur 12 mois », je retiens aussi « Nombre de mois » : 12" in walk.text
    assert walk.key == "bud.staff.more"


def test_the_months_wait_while_the_monthly_cost_typed_with_them_is_asked_back() -> None:
    walk = walk_to("bud.staff.0.cost_mode")
    walk.answers(["1900 net/mois sur 12 mois", "oui"])
    assert "c’est un salaire net" in walk.text and walk.key == "bud.staff.0.monthly_cost"
    walk.send("oui")
    line = walk.dossier.budget.staff[0]
    assert (line.monthly_cost, line.months) == (1900, 12)


def test_months_typed_at_the_cost_mode_without_the_cost_are_kept_for_the_months() -> None:
    """« oui sur 12 mois » (the monthly mode asked back): the 12 was taken as a monthly cost
    of 12 €, and the months asked as if unsaid. The 12 months are kept for the months; the
    monthly cost, not given, is asked."""
    walk = walk_to("bud.staff.0.cost_mode")
    walk.send("oui sur 12 mois")
    walk.send("oui")
    line = walk.dossier.budget.staff[0]
    assert (line.cost_mode, line.monthly_cost, line.months) == ("monthly", None, 12)
    assert "Avec « sur 12 mois », je retiens aussi « Nombre de mois » : 12" in walk.text
    assert walk.key == "bud.staff.0.monthly_cost"
    walk.send("2500")
    assert walk.dossier.budget.staff[0].monthly_cost == 2500
    assert "Réponse enregistrée : 12" in walk.text  # asked with the months kept: « garder »


def test_months_typed_with_the_cost_mode_changed_from_the_review_still_lead_back_to_it() -> None:
    walk = Walk(today=DURING_CALL)
    walk.answers(script_lines()[:-1])
    walk.answers(["Modifier une réponse", "Budget"])
    for label in ("Poste 1", "Mode de calcul"):
        walk.send(
            Choose(walk.key, next(b.id for b in walk.last.messages[-1].buttons if label in b.label))
        )
    walk.answers(["mensuel sur 10 mois", "oui"])
    assert walk.key == "bud.staff.0.monthly_cost" and walk.dossier.budget.staff[0].months == 10
    walk.send("4000")
    assert walk.key == "review"
    assert "Coût retenu pour le poste « Chargée de mission IAE » : 40 000,00 € (1 ETP)" in (
        walk.text
    )


def test_months_typed_with_the_cost_mode_while_completing_the_dossier_go_on_completing() -> None:
    """The only answer missing is a staff line's cost mode (its annual cost cleared with
    it): « Compléter le dossier », « mensuel sur 10 mois », the monthly cost, and the review
    again, never the rest of the interview after the months."""
    walk = Walk(today=DURING_CALL)
    walk.answers(script_lines()[:-1])
    line = walk.dossier.budget.staff[0]
    line.cost_mode = line.annual_cost = None
    walk.send("Compléter le dossier")
    walk.answers(["mensuel sur 10 mois", "oui"])
    assert walk.key == "bud.staff.0.monthly_cost" and walk.dossier.budget.staff[0].months == 10
    walk.send("4000")
    assert walk.key == "review"


def test_months_beyond_the_agreement_typed_at_the_cost_mode_are_said_not_taken() -> None:
    walk = walk_to("bud.staff.0.cost_mode")
    walk.send("mensuel sur 18 mois")
    walk.send("oui")
    line = walk.dossier.budget.staff[0]
    assert (line.monthly_cost, line.months) == (None, None)
    assert "« sur 18 mois » ne répond pas à « Nombre de mois » : je ne l’ai pas repris" in (
        walk.text
    )
    assert walk.key == "bud.staff.0.monthly_cost"


def test_a_count_and_its_share_typed_together_answer_the_share_asked_next() -> None:
    """« 80 dont 15 ase » at the young people: 80 taken, « dont 15 ase » dropped unsaid and
    the ASE young people asked as if nothing had been typed."""
    walk = walk_to("plan.public.young")
    walk.send("80 dont 15 ase")
    assert (walk.dossier.plan.public.young, walk.dossier.plan.public.young_ase) == (80, 15)
    assert "Avec « 15 ase », je retiens aussi « Dont jeunes issus de l’ASE » : 15" in walk.text
    assert walk.key == "plan.public.former_brsa"


def test_a_share_above_its_count_typed_with_it_is_refused_at_the_share_not_dropped() -> None:
    walk = walk_to("plan.public.young")
    walk.send("80 dont 90 issus de l'ASE")
    assert walk.dossier.plan.public.young == 80 and walk.dossier.plan.public.young_ase is None
    assert "Je reporte « 90 issus de l'ASE » à « Dont jeunes issus de l’ASE »" in walk.text
    assert walk.key == "plan.public.young_ase"


def test_yes_and_the_funders_type_in_one_message_open_the_funder_with_its_type() -> None:
    """« oui la region » at « D'autres financeurs ? » opened a funder and asked its type,
    « région » dropped."""
    walk = walk_to("bud.funders")
    walk.send("oui la region")
    assert walk.dossier.budget.other_funders[0].category == "region"
    assert "je retiens aussi « Type de financeur » : Région" in walk.text
    assert walk.key == "bud.funders.0.name"
    walk.send(Command("back"))  # « précédent » corrects it
    assert walk.key == "bud.funders.0.category"


def test_yes_and_two_funders_named_in_one_message_open_a_funder_for_each() -> None:
    """« oui la région et l'état » at « D'autres financeurs ? » asked « « État » ou
    « Région » ? »: the funder not picked was lost. Each funder named is opened, in the
    order typed: the Région completed now, the État next, its type kept."""
    walk = walk_to("bud.funders")
    walk.send("oui la région et l'état")
    assert [f.category for f in walk.dossier.budget.other_funders] == ["region", "etat"]
    assert "je retiens aussi « Type de financeur » : Région" in walk.text
    assert "Avec « l'état », j’ajoute aussi « Financeur 2 » : État" in walk.text
    assert walk.key == "bud.funders.0.name"
    walk.answers(["Région Hauts-de-France", "10000", "Obtenu"])
    assert walk.key == "bud.funders.1.category" and "Réponse enregistrée : État" in walk.text
    walk.send("garder")
    assert walk.key == "bud.funders.1.name"


def test_two_funder_types_typed_at_the_type_open_a_funder_for_each() -> None:
    walk = walk_to("bud.funders.0.category")
    walk.send("région et État")
    assert [f.category for f in walk.dossier.budget.other_funders] == ["region", "etat"]
    assert "Avec « État », j’ajoute aussi « Financeur 2 » : État" in walk.text
    assert walk.key == "bud.funders.0.name"


@pytest.mark.parametrize("typed", ["2,5", "1 et 3"])
def test_two_numbers_at_a_funders_type_open_no_second_funder(typed: str) -> None:
    walk = walk_to("bud.funders.0.category")
    walk.send(typed)
    assert len(walk.dossier.budget.other_funders) == 1


def test_two_words_for_one_funder_type_open_a_single_funder() -> None:
    walk = walk_to("bud.funders")
    walk.send("oui la caf et la cpam")
    assert [f.category for f in walk.dossier.budget.other_funders] == ["social"]
    assert "j’ajoute aussi" not in walk.text


def test_words_after_yes_that_name_no_funder_type_are_refused_there_not_dropped() -> None:
    walk = walk_to("bud.funders")
    walk.send("oui la banque")
    assert len(walk.dossier.budget.other_funders) == 1
    assert "Je reporte « la banque » à « Type de financeur »" in walk.text
    assert "Choisissez l’une des propositions" in walk.text
    assert walk.key == "bud.funders.0.category"


def test_a_courtesy_after_yes_carries_nothing() -> None:
    walk = walk_to("bud.funders")
    walk.send("oui merci")
    assert walk.key == "bud.funders.0.category" and "Je reporte" not in walk.text


def test_words_after_yes_for_a_free_text_are_offered_never_stored_unasked() -> None:
    walk = walk_to("ind.extra")
    walk.send("oui, le taux de sortie dynamique")
    assert "Vous aviez aussi écrit « le taux de sortie dynamique » : est-ce votre réponse" in (
        walk.text
    )
    assert walk.dossier.indicators.extra[0].label is None
    walk.send("oui")
    assert walk.dossier.indicators.extra[0].label == "le taux de sortie dynamique"


def test_a_figure_after_yes_that_answers_no_funders_type_is_said_unused() -> None:
    """« oui 10000 » at « D'autres financeurs ? »: the funder is opened; the figure answers
    no type of funder, and the bot says it did not take it (never dropped unsaid)."""
    walk = walk_to("bud.funders")
    walk.send("oui 10000")
    assert walk.key == "bud.funders.0.category"
    assert "« 10000 » ne répond pas à « Type de financeur » : je ne l’ai pas repris" in walk.text


def test_a_command_after_yes_is_no_answer_carried_over() -> None:
    """« oui précédent » opened the funder, then « reporté » « précédent » to its type and
    went back: the yes is taken, the command is said not taken."""
    walk = walk_to("bud.funders")
    walk.send("oui précédent")
    assert walk.key == "bud.funders.0.category"
    assert "Je reporte" not in walk.text
    assert "« précédent » ne répond pas à « Type de financeur » : je ne l’ai pas repris" in (
        walk.text
    )


def test_the_words_of_a_choice_asked_back_are_never_said_unused() -> None:
    """« tête de réseau départementale du 62 » asked back, then « oui »: the words were the
    answer, not words « non repris » for the next question."""
    walk = walk_to("elig.type")
    walk.send("tête de réseau départementale du 62")
    walk.send("oui")
    assert "je ne l’ai pas repris" not in walk.text


def test_non_at_the_review_opened_midway_is_no_answer_offered_to_a_text_question() -> None:
    """« non » typed at the review answers the review's own screen; offering it as the
    « Résultats attendus » of the action left would store a refusal as a description."""
    walk = walk_to(RESULTS)
    walk.send(Command("review"))
    walk.send("non")
    assert "est-ce votre réponse à « Résultats attendus »" not in walk.text
    assert walk.dossier.plan.actions["o1"][0].expected_results is None


def test_no_with_the_right_figure_at_an_amount_asked_back_takes_that_figure() -> None:
    """« non mets 9 000 » to « 20 % … cela fait 10 000 € : dois-je retenir ce montant ? »
    got « D'accord : envoyez votre réponse exacte », the 9 000 dropped."""
    walk = walk_to("bud.indirect")
    walk.send("20 %")
    walk.send("non mets 9 000")
    assert "envoyez votre réponse exacte" not in walk.text
    assert walk.dossier.budget.indirect == 9000


def test_no_with_another_share_at_the_departements_amount_asks_that_share_back() -> None:
    walk = walk_to("bud.dept")
    walk.send("80 %")
    walk.send("non 50 %")
    assert "50 % de 70 000,00 €, cela fait 35 000,00 €" in walk.text


def test_tout_le_62_at_an_actions_territory_is_the_option_not_a_figure_carried_over() -> None:
    """« tout le 62 » chose « Tout le Pas-de-Calais » and was then « reporté » to the months,
    refused there (« Je n'ai pas reconnu ces mois ») without the months' question shown."""
    walk = walk_to("plan.o1.0.territory_scope")
    walk.send("tout le 62")
    assert walk.dossier.plan.actions["o1"][0].territory_scope == "department"
    assert "Je reporte" not in walk.text and "pas reconnu" not in walk.text
    assert walk.key == "plan.o1.0.months"


def test_oui_to_answer_or_question_asks_which_of_the_two() -> None:
    """« oui » to « est-ce votre réponse à la question, ou une question que vous me posez ? »
    was refused as no « Contexte et diagnostic » and the first text sent as a question."""
    walk = walk_to("plan.context")
    walk.send("est ce qu'on peut inclure les siae du nord ?")
    outcome = walk.send("oui")
    assert "Lequel des deux ?" in walk.text and outcome.effects == []
    assert walk.dossier.plan.context is None and walk.key == "plan.context"


def test_the_two_buttons_of_answer_or_question_typed_in_words_act_as_the_buttons() -> None:
    """« réponse » typed there was stored as the context itself."""
    walk = walk_to("plan.context")
    walk.send("Nos SIAE du littoral ont-elles besoin d'un accompagnement renforcé ?")
    walk.send("réponse")
    assert walk.dossier.plan.context == (
        "Nos SIAE du littoral ont-elles besoin d'un accompagnement renforcé ?"
    )
    walk = walk_to("plan.context")
    walk.send("est ce qu'on peut inclure les siae du nord ?")
    outcome = walk.send("c'est une question")
    assert [e.text for e in outcome.effects] == ["est ce qu'on peut inclure les siae du nord ?"]


@pytest.mark.parametrize("said", ["non pas 10 000", "non, 2 secondes"])
def test_no_without_another_figure_at_an_amount_asked_back_only_says_no(said: str) -> None:
    """« non pas 10 000 » refuses the 10 000 asked back; « non, 2 secondes » asks for time:
    neither is a new amount (the first was stored as 10 000 €, the second as 2 €)."""
    walk = walk_to("bud.indirect")
    walk.send("20 %")
    walk.send(said)
    assert walk.key == "bud.indirect" and walk.dossier.budget.indirect is None


def test_no_with_a_figure_at_a_name_asked_back_is_no_name() -> None:
    walk = walk_to("org.name")
    walk.send("ok")
    walk.send("non, 2 secondes")
    assert walk.dossier.organisation.name is None


@pytest.mark.parametrize("said", ["oui mais plus tard", "plutôt non", "nom"])
def test_a_leaning_yes_or_no_at_a_review_opened_midway_never_crashes(said: str) -> None:
    walk = walk_to(RESULTS)
    walk.send(Command("review"))
    walk.send(said)
    assert walk.key == "review"
    assert walk.dossier.plan.actions["o1"][0].expected_results is None


@pytest.mark.parametrize(
    ("said", "stored"),
    [
        ("oui c'est ma réponse", True),
        ("c'est bien ma réponse", True),
        ("1", True),
        ("non c'est une question", False),
        ("2", False),
    ],
)
def test_the_answer_or_question_prompt_answered_in_a_few_words(said: str, stored: bool) -> None:
    """« oui c'est ma réponse » was stored as the context itself (and « non c'est une
    question » too, the first text also sent as a question)."""
    first = "est ce qu'on peut inclure les siae du nord ?"
    walk = walk_to("plan.context")
    walk.send(first)
    outcome = walk.send(said)
    assert walk.dossier.plan.context == (first if stored else None)
    assert [e.text for e in outcome.effects] == ([] if stored else [first])


def test_yes_with_words_the_next_question_refuses_still_records_the_yes_as_the_answer() -> None:
    """Hypothesis found it: « oui P » at « Ajouter une autre charge ? » opened the item but
    the outcome named no answer (the words refused at the item's first question), as if
    nothing had changed."""
    walk = walk_to("bud.other.more")
    outcome = walk.send("oui P")
    assert outcome.answer == ("bud.other.more", True)
    assert walk.key == "bud.other.1.category"


# -- « aucune » with its reason -------------------------------------------------------------------
def test_none_with_its_reason_at_an_indicator_keeps_the_reason_as_its_comment() -> None:
    """« pas de juriste chez nous donc aucune » at the legal service's interventions: 0
    asked back, then taken with the reason (the draft showed a bare 0 the Département
    would ask about); asked, for « aucune visibilité pour le moment » says « not known »."""
    walk = walk_to("ind.juridique_sites")
    walk.send("pas de juriste chez nous donc aucune")
    assert walk.key == "ind.juridique_sites" and "pas de juriste chez nous" in walk.text
    walk.send("oui")
    target = walk.dossier.indicators.targets["juridique_sites"]
    assert (target.target, target.comment) == (0, "pas de juriste chez nous")
    assert walk.key == "ind.publications"


@pytest.mark.parametrize(
    ("key", "said", "shown"),
    [
        ("plan.public.brsa", "pas de BRSA chez nous cette année donc aucun", "0"),
        ("bud.funders.0.amount", "rien obtenu de leur part donc rien", "0,00 €"),
    ],
)
def test_none_with_its_reason_at_a_count_or_an_amount_without_comment_is_asked_back(
    key: str, said: str, shown: str
) -> None:
    """Where no comment keeps the reason, the 0 is asked back, never taken unsaid."""
    walk = walk_to(key)
    walk.send(said)
    assert f"Vous avez écrit « {said} » : dois-je retenir {shown} comme réponse ?" in walk.text
    assert walk.key == key
    walk.send("oui")
    assert walk.key != key


def test_an_exemption_with_its_reason_at_the_payroll_tax_is_taken_and_said() -> None:
    """« association exonérée de cette taxe donc rien » at the payroll tax is the exemption
    answer: 0 € taken at once, and said (never taken unsaid)."""
    walk = walk_to("bud.payroll_tax")
    walk.send("association exonérée de cette taxe donc rien")
    assert walk.dossier.budget.payroll_tax == 0
    assert "Exonération notée : « Taxe sur les salaires » à 0 €" in walk.text


def test_a_bare_none_at_a_count_is_still_taken_at_once() -> None:
    walk = walk_to("plan.public.brsa")
    walk.send("aucun")
    assert walk.dossier.plan.public.brsa == 0 and walk.key == "plan.public.young"


# -- a target typed as a sum ---------------------------------------------------------------------
def test_a_target_typed_as_a_sum_is_asked_back_as_its_total_with_its_parts_kept() -> None:
    """« 6 (le cycle encadrants) + 2 webinaires » (meaning 8) was stored as 6 with the
    comment « le cycle encadrants) + 2 webinaires », a broken parenthesis printed in the
    PDF. The total is asked back first, beside each figure; picked, it keeps how it adds
    up as its comment."""
    walk = walk_to("ind.juridique_sites")
    walk.send("6 (le cycle encadrants) + 2 webinaires")
    said = walk.text.replace("<b>", "").replace("</b>", "")
    assert "8 au total ? Dois-je retenir ce total, ou seulement 6 ou 2 ?" in said
    assert "juridique_sites" not in walk.dossier.indicators.targets
    labels = [b.label for m in walk.last.messages for b in m.buttons]
    assert labels[0].startswith("8 (6 (le cycle encadrants) + 2 webinaires")
    walk.send(Choose(walk.key, walk.last.messages[-1].buttons[0].id))
    target = walk.dossier.indicators.targets["juridique_sites"]
    assert (target.target, target.comment) == (8, "6 (le cycle encadrants) + 2 webinaires")


def test_each_figure_of_a_target_typed_as_a_sum_keeps_its_own_words() -> None:
    """The buttons read [8 (…)] [6 (le cycle encadrants)] [2 (le cycle encadrants)]: picked,
    the 2 would have been stored as the cycle's, a misleading comment in the dossier. The 2
    are the webinars."""
    walk = walk_to("ind.juridique_sites")
    walk.send("6 (le cycle encadrants) + 2 webinaires")
    labels = [b.label for m in walk.last.messages for b in m.buttons]
    assert labels[1:3] == ["6 (le cycle encadrants)", "2 (webinaires)"]
    walk.send(Choose(walk.key, walk.last.messages[-1].buttons[2].id))
    target = walk.dossier.indicators.targets["juridique_sites"]
    assert (target.target, target.comment) == (2, "webinaires")


def test_figures_joined_by_et_at_a_count_offer_their_total() -> None:
    """« 4 ateliers et 2 webinaires » where one figure is asked offered 4 or 2 only: the
    total, 6, comes first."""
    walk = walk_to("plan.public.brsa")
    walk.send("4 ateliers et 2 webinaires")
    assert "6 au total ?" in walk.text.replace("<b>", "").replace("</b>", "")


def test_a_sum_whose_words_hold_an_x_still_offers_its_total() -> None:
    """« 4 exposés et 2 webinaires » was no sum: the « x » of « exposés » was read as a
    product's sign. Only a whole « x » (« 12 x 2 ») says a product."""
    walk = walk_to("plan.public.brsa")
    walk.send("4 exposés et 2 webinaires")
    assert "6 au total ?" in walk.text.replace("<b>", "").replace("</b>", "")


# -- an amount or a target typed for another span -------------------------------------------------
def test_a_cost_typed_over_three_years_is_asked_back_as_its_year() -> None:
    """« 120 000 sur 3 ans » at the post's annual cost was taken as 120 000 € a year (a
    tester on the bot): the year's share is asked back, and taken once confirmed."""
    walk = walk_to("bud.staff.0.annual_cost")
    walk.send("120 000 sur 3 ans")
    said = walk.text.replace("<b>", "").replace("</b>", "")
    assert "c’est un montant sur 3 ans, alors que la question porte sur un montant annuel" in said
    assert "cela fait 40 000,00 € par an" in said
    assert walk.dossier.budget.staff[0].annual_cost is None
    walk.send("oui")
    assert walk.dossier.budget.staff[0].annual_cost == Decimal("40000.00")


def test_a_monthly_cost_typed_per_quarter_is_asked_back_as_its_month() -> None:
    """« 10 500 € par trimestre » at the monthly cost was taken as 10 500 € a month."""
    walk = walk_to("bud.staff.0.cost_mode")
    walk.send("Coût mensuel")
    assert walk.key == "bud.staff.0.monthly_cost", walk.text
    walk.send("10 500 € par trimestre")
    said = walk.text.replace("<b>", "").replace("</b>", "")
    assert "c’est un montant trimestriel, alors que la question porte sur un montant" in said
    assert "cela fait 3 500,00 € par mois" in said
    walk.send("oui")
    assert walk.dossier.budget.staff[0].monthly_cost == Decimal("3500.00")


def test_a_target_typed_per_quarter_is_asked_back_as_its_total_over_the_agreement() -> None:
    """« 1 par trimestre » at an indicator's target was stored as 1 for the year."""
    walk = walk_to("ind.gouvernance")
    walk.send("1 par trimestre")
    said = walk.text.replace("<b>", "").replace("</b>", "")
    assert "c’est une cible par trimestre" in said and "1 par trimestre sur 12 mois font 4" in said
    walk.send("oui")
    assert walk.dossier.indicators.targets["gouvernance"].target == 4


def test_months_named_where_their_number_is_asked_are_counted_and_asked_back() -> None:
    """« de mars à décembre » at a post's « Sur combien de mois ? » was refused (a tester):
    10 months, asked back, taken once confirmed."""
    walk = walk_to("bud.staff.0.cost_mode")
    walk.send("Coût mensuel")
    walk.send("3 000")
    assert walk.key == "bud.staff.0.months"
    walk.send("de mars à décembre")
    said = walk.text.replace("<b>", "").replace("</b>", "")
    assert "cela fait 10 mois (de mars 2025 à décembre 2025). Dois-je retenir 10 ?" in said
    walk.send("oui")
    assert walk.dossier.budget.staff[0].months == 10


# -- a SIRET typed among other words -------------------------------------------------------------
def test_a_siret_typed_with_the_address_is_asked_back_and_the_rest_said_not_kept() -> None:
    """« siret 732 829 320 00074, on est à arras 12 rue des augustins 62000 » was refused as
    a whole (« Un SIRET ne contient que des chiffres »): the SIRET is there, written right.
    It is asked back, the rest said not kept at this question; « oui » keeps it."""
    walk = walk_to("org.siret")
    walk.send("siret 732 829 320 00074, on est à arras 12 rue des augustins 62000")
    said = walk.text.replace("<b>", "").replace("</b>", "")
    assert "J’y lis le SIRET 732 829 320 00074. Dois-je le retenir ?" in said
    assert "(« on est à arras 12 rue des augustins 62000 ») n’est pas enregistré" in said
    assert "ne contient que des chiffres" not in said
    walk.send("oui")
    assert walk.dossier.organisation.siret == "73282932000074"


# -- a phone typed with the e-mail -------------------------------------------------------------
def test_a_phone_typed_with_the_email_answers_the_phone_question_after_it() -> None:
    """« s.lefebvre@iriae62.fr tel 06 12 34 56 78 » stored the e-mail; the phone typed with
    it was neither kept nor mentioned, and asked again. It answers the question after,
    said so."""
    walk = walk_to("org.email")
    walk.send("s.lefebvre@iriae62.fr tel 06 12 34 56 78")
    assert walk.dossier.organisation.contact.email == "s.lefebvre@iriae62.fr"
    assert walk.dossier.organisation.contact.phone == "+33612345678"
    assert "je retiens aussi « Téléphone » : 06 12 34 56 78" in walk.text
    assert walk.key != "org.phone"


@pytest.mark.parametrize("typed", ["de mars 2025 à juin 2026", "de novembre 2024 à février 2025"])
def test_months_named_beyond_the_agreement_are_not_counted_as_a_posts_months(typed: str) -> None:
    """Months outside the agreement (Jan–Dec 2025) are no count of the post's months: a
    reviewer had « de mars 2025 à juin 2026 » asked back as 16 months for a field of 1 to 12."""
    walk = walk_to("bud.staff.0.cost_mode")
    walk.send("Coût mensuel")
    walk.send("3 000")
    walk.send(typed)
    assert "entre 1 et 12" in walk.text and "Dois-je retenir" not in walk.text
    assert walk.dossier.budget.staff[0].months is None
