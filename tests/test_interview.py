"""The interview, told as applicants live it (pure engine, no I/O)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from dialogs.events import Choose, Command
from dialogs.review import review
from dialogs.spec import load_spec
from tests.support import DURING_CALL, ROOT, TODAY, Walk, script_lines, spec_2025

ELIGIBLE_START = ["1", "1", "oui", "oui", "oui"]


def test_the_welcome_says_the_call_is_closed_since_when_and_a_draft_can_still_be_made() -> None:
    walk = Walk(today=TODAY)
    assert "clos depuis le 14/02/2025" in walk.text
    assert "brouillon" in walk.text
    assert "/supprimer_mes_donnees" in walk.text


def test_the_welcome_says_the_call_is_open_on_1_february_2025() -> None:
    walk = Walk(today=DURING_CALL)
    assert "ouvert" in walk.text and "14/02/2025" in walk.text
    assert "clos" not in walk.text


def test_the_welcome_says_when_a_call_will_open() -> None:
    assert "pas encore ouvert" in Walk(today=dt.date(2025, 1, 2)).text


def test_an_siae_that_is_not_a_network_head_is_told_it_is_not_eligible_with_the_calls_reason() -> (
    None
):
    walk = Walk()
    walk.answers(["1", "5"])  # Commencer, "SIAE : entreprise d'insertion (EI)"
    assert walk.key == "elig.stop"
    assert "n’est pas éligible" in walk.text
    assert (
        "Les têtes de réseaux de l’insertion par l’activité écnomique du département" in walk.text
    )
    assert "Guillaume CRIVIER" in walk.text
    labels = [b.label for b in walk.last.messages[-1].buttons]
    assert "Contacter le Département" in labels


def test_an_operation_outside_the_calls_period_is_no_reproach_to_the_organisation() -> None:
    """« non » to the period of the operation: the candidature is not eligible, with the
    call's sentence on the period; the organisation itself is not said to be ineligible."""
    walk = Walk()
    walk.answers(["1", "1", "oui", "oui", "non"])  # a departmental network, in the 62, for BRSA
    assert walk.key == "elig.stop"
    assert "votre candidature n’est pas éligible" in walk.text
    assert "votre organisme" not in walk.text
    assert "La durée de l’opération est fixée à 12 mois" in walk.text


def test_an_siae_is_sent_to_its_network_head_without_promising_any_level_is_eligible() -> None:
    """The call names the network heads of the Pas-de-Calais: an SIAE is not told that a
    regional or national network head may apply."""
    walk = Walk()
    walk.answers(["1", "5"])
    assert "votre organisme n’est pas éligible" in walk.text
    assert "nationale" not in walk.text and "régionale" not in walk.text


def test_an_ineligible_applicant_who_chose_to_ask_the_team_may_cancel_with_annuler() -> None:
    walk = Walk()
    walk.answers(["1", "5", "Poser une question à l’équipe"])
    walk.send(Command("cancel"))
    assert "Saisie annulée" in walk.text
    outcome = walk.send("Modifier ma réponse")
    assert outcome.effects == [] and walk.key == "elig.type"


def test_a_number_typed_as_the_question_for_the_team_is_asked_again_in_words() -> None:
    """ "2" chose "Poser une question à l'équipe"; a "1" typed next was meant for the menu:
    it is no question, and the bot still waits for one."""
    walk = Walk()
    walk.answers(["1", "5", "Poser une question à l’équipe"])
    outcome = walk.send("1")
    assert outcome.effects == []
    assert "Écrivez votre question en toutes lettres" in walk.text
    outcome = walk.send("Une SIAE adhérente peut-elle déposer ?")
    assert [type(e).__name__ for e in outcome.effects] == ["AskQuestion"]


def test_an_siae_that_corrects_its_type_from_eligibilite_goes_on_with_the_eligibility() -> None:
    """Stopped as not eligible, /eligibilite, the type corrected: the interview goes on with
    the next eligibility question, not a review "complet à 2 %" it never reached."""
    walk = Walk()
    walk.answers(["1", "5"])
    assert walk.key == "elig.stop"
    walk.send(Command("section", section="eligibility"))
    assert walk.last.messages[-1].progress == "Étape 2/7 — Éligibilité · Modifier"
    assert "récapitulatif" not in walk.text
    walk.send(Choose(walk.key, next(b.id for b in walk.last.messages[-1].buttons)))
    assert walk.key == "elig.type"
    walk.send("1")  # a departmental network head
    assert walk.key == "elig.territory"
    assert "Récapitulatif" not in walk.text


def test_an_edit_from_the_review_returns_to_it_even_when_its_section_misses_an_answer() -> None:
    """Only the phone is missing; the name is changed from the review: back to the review,
    as the menu promised, not on to the phone and through the whole interview again."""
    walk = Walk(today=DURING_CALL)
    walk.answers(script_lines()[:-1])
    walk.dossier.organisation.contact.phone = None
    walk.answers(["Modifier une réponse", "Organisation"])
    walk.send(
        Choose(walk.key, next(b.id for b in walk.last.messages[-1].buttons if "Nom" in b.label))
    )
    walk.send("Inser'Réseau Côte d'Opale")
    assert walk.dossier.organisation.name == "Inser'Réseau Côte d'Opale"
    assert walk.key == "review"


def test_an_ineligible_applicant_may_change_the_answer_and_go_on() -> None:
    walk = Walk()
    walk.answers(["1", "5", "Modifier ma réponse"])
    assert walk.key == "elig.type"
    walk.send("1")
    assert walk.key == "elig.territory"


def test_each_eligibility_criterion_answered_no_ends_with_its_own_reason() -> None:
    expected = {
        "territory": "Ce dispositif est ouvert à l’ensemble du Département du Pas-de-Calais.",
        "target_public": "Bénéficiaires du revenu de solidarité active (BRSA)",
        "period": "du 01/01/2025 au 31/12/2025",
    }
    for position, (criterion, sentence) in enumerate(expected.items()):
        walk = Walk()
        walk.answers(["1", "1", *(["oui"] * position), "non"])
        assert walk.key == "elig.stop", criterion
        assert sentence in walk.text


def test_a_wrong_siret_is_refused_saying_what_is_expected_and_a_valid_one_is_kept() -> None:
    walk = Walk()
    walk.answers([*ELIGIBLE_START, "Réseau test"])
    walk.send("732 829 320 00075")
    assert "clé de contrôle" in walk.text
    assert walk.key == "org.siret" and walk.dossier.organisation.siret is None
    walk.send("1234")
    assert "14 chiffres" in walk.text and "4" in walk.text
    walk.send("732 829 320 00074")
    assert walk.dossier.organisation.siret == "73282932000074"


def test_an_applicant_without_the_siret_at_hand_hears_where_it_is_and_may_come_back_to_it() -> None:
    """On a phone, the SIRET is often not at hand: "je ne l'ai pas sous la main" is told where
    it is written and that « passer » leaves it aside, not that a SIRET holds only digits; a
    skipped SIRET is still missing, so the dossier is not ready until it is given."""
    lines = script_lines()
    siret = lines.index("732 829 320 00074")
    walk = Walk()
    walk.answers(lines[:siret])
    for typed in ("je ne l'ai pas sous la main", "plus tard", "jsp"):
        outcome = walk.send(typed)
        assert outcome.effects == [] and walk.key == "org.siret"
        assert "annuaire des entreprises" in walk.text and "« passer »" in walk.text
        assert "que des chiffres" not in walk.text
    walk.send("passer")
    assert walk.key == "org.legal_form" and walk.dossier.organisation.siret is None
    walk.answers(lines[siret + 1 :])
    report = review(spec_2025(), walk.dossier, TODAY)
    assert [m.key for m in report.missing] == ["org.siret"]
    assert not report.ready


def test_an_e_mail_or_phone_answered_later_is_refused_as_such_not_as_a_malformed_address() -> None:
    walk = Walk()
    lines = script_lines()
    walk.answers(lines[: lines.index("Directrice") + 1])
    walk.send("je regarde")
    assert walk.key == "org.email"
    assert "Je n’enregistre pas « je regarde »" in walk.text and "/start" in walk.text


def test_e_mail_and_french_phone_are_validated() -> None:
    walk = Walk()
    lines = script_lines()
    walk.answers(lines[: lines.index("Directrice") + 1])
    walk.send("marie@")
    assert "e-mail n’est pas valide" in walk.text
    walk.send("marie@reseau.fr")
    walk.send("12345")
    assert "numéro français valide" in walk.text
    walk.send("03 21 21 65 50")
    assert walk.dossier.organisation.contact.phone == "+33321216550"


def test_back_returns_to_the_previous_question_and_help_quotes_the_call() -> None:
    walk = Walk()
    walk.answers(["1", "1"])
    walk.send("précédent")
    assert walk.key == "elig.type"
    walk.send(Command("help"))
    assert "Porteurs de projets éligibles" in walk.text
    assert walk.key == "elig.type"


def test_a_mandatory_question_cannot_be_skipped_but_partners_can() -> None:
    walk = Walk()
    walk.answers([*ELIGIBLE_START])
    walk.send("passer")
    assert "obligatoire" in walk.text and walk.key == "org.name"


def test_an_old_button_is_answered_as_no_longer_active_and_shows_where_the_user_is() -> None:
    walk = Walk()
    walk.answers(["1", "1"])
    walk.send(Choose("elig.type", "siae_ei"))
    assert "n’est plus actif" in walk.text
    assert walk.key == "elig.territory"
    assert walk.dossier.eligibility.organisation_type == "network_departmental"


def test_several_siae_types_are_chosen_with_toggle_buttons_then_validated() -> None:
    walk = Walk()
    lines = script_lines()
    walk.answers(lines[: lines.index("Former les encadrants techniques") + 3])
    assert walk.key == "plan.o1.0.siae_types"
    walk.send(Choose(walk.key, "aci"))
    walk.send(Choose(walk.key, "ei"))
    walk.send(Choose(walk.key, "aci"))
    assert walk.last.messages[-1].selected == ("ei",)
    walk.send(Choose(walk.key, "_ok"))
    assert walk.dossier.plan.actions["o1"][0].siae_types == ["ei"]


def test_a_question_typed_in_a_text_field_is_asked_about() -> None:
    walk = Walk()
    walk.answers([*ELIGIBLE_START])
    walk.send("Une entreprise d'insertion peut-elle candidater ?")
    assert "une question que vous me posez" in walk.text
    assert walk.dossier.organisation.name is None
    outcome = walk.send("C’est une question")
    assert [type(e).__name__ for e in outcome.effects] == ["AskQuestion"]
    assert walk.key == "org.name"


def test_a_question_typed_without_its_question_mark_is_not_saved_as_the_organisations_name() -> (
    None
):
    walk = Walk()
    walk.answers([*ELIGIBLE_START])
    assert walk.key == "org.name"
    walk.send("quel est le taux max des frais indirects")
    assert "une question que vous me posez" in walk.text
    assert walk.dossier.organisation.name is None and walk.key == "org.name"
    outcome = walk.send("C’est une question")
    assert [type(e).__name__ for e in outcome.effects] == ["AskQuestion"]
    assert walk.key == "org.name"


def test_an_answer_confirmed_as_such_is_checked_as_one_not_sent_to_the_questions() -> None:
    """ "C’est ma réponse" under a text that opens like a question: refused as an answer
    (too long here), with the reason, never taken as a question after all."""
    walk = Walk()
    walk.answers([*ELIGIBLE_START])
    walk.send("Quel réseau ! " + "Nous fédérons les structures du territoire. " * 6)
    assert "ressemble à une question" in walk.text
    outcome = walk.send("C’est ma réponse")
    assert outcome.effects == [] and walk.key == "org.name"
    assert "200" in walk.text  # the limit, said


def test_a_refused_siret_that_opens_like_a_request_is_refused_not_asked_about() -> None:
    walk = Walk()
    walk.answers([*ELIGIBLE_START, "Inser'Réseau 62"])
    assert walk.key == "org.siret"
    outcome = walk.send("je peux vous l'envoyer plus tard")
    assert outcome.effects == [] and walk.key == "org.siret"
    assert "SIRET" in walk.text


def test_comment_faire_at_the_welcome_starts_the_interview() -> None:
    walk = Walk()
    outcome = walk.send("comment faire")
    assert outcome.effects == [] and walk.key != "welcome"


def test_an_organisation_whose_name_only_sounds_like_quel_is_kept_at_once() -> None:
    walk = Walk()
    walk.answers([*ELIGIBLE_START, "Quelque Part"])
    assert walk.dossier.organisation.name == "Quelque Part"
    assert walk.key == "org.siret"


def test_a_question_typed_without_its_question_mark_at_a_button_step_is_taken_as_a_question() -> (
    None
):
    walk = Walk()
    walk.answers(["1"])
    assert walk.key == "elig.type"
    outcome = walk.send("on peut financer un logiciel")
    assert "Choisissez l’une des propositions" not in walk.text
    assert [type(e).__name__ for e in outcome.effects] == ["AskQuestion"]
    assert walk.key == "elig.type"


def test_a_question_typed_where_a_legal_form_can_be_written_is_not_taken_as_the_form() -> None:
    walk = Walk()
    walk.answers([*ELIGIBLE_START, "Inser'Réseau 62", "732 829 320 00074"])
    assert walk.key == "org.legal_form", walk.key
    walk.send("Les frais de déplacement sont-ils éligibles ?")
    assert "une question que vous me posez" in walk.text
    assert walk.dossier.organisation.legal_form is None
    walk.send("C’est ma réponse")
    assert walk.dossier.organisation.legal_form == "Les frais de déplacement sont-ils éligibles ?"


def test_the_plan_is_complete_only_when_each_orientation_has_an_action() -> None:
    walk = Walk()
    lines = script_lines()
    first_o2 = lines.index("Sourcing des marchés d'insertion")
    walk.answers(lines[:first_o2])
    walk.send("passer")  # no action for orientation 2 yet
    assert walk.key == "plan.o3.0.title"
    report = review(spec_2025(), walk.dossier, TODAY)
    assert any(
        w.code == "missing_orientation" and "Marchés d’insertion" in w.message
        for w in report.warnings
    )
    assert any(m.key == "plan.o2.0.title" for m in report.missing)


def _budget_walk(indirect_lines: list[str]) -> Walk:
    """A walk up to the indirect-costs question: 50 000 € staff and 10 000 € other direct costs."""
    walk = Walk()
    lines = script_lines()
    walk.answers(
        lines[: lines.index("10000", lines.index("Déplacements des chargés de mission")) + 2]
    )
    assert walk.key == "bud.indirect", walk.key
    walk.answers(indirect_lines)
    return walk


def test_indirect_costs_of_10000_are_accepted_with_50000_of_staff_costs() -> None:
    walk = _budget_walk(["10 000"])
    assert walk.dossier.budget.indirect == Decimal("10000.00")
    assert walk.key == "bud.indirect_key"


def test_indirect_costs_of_10000_01_are_refused_stating_the_10000_maximum() -> None:
    walk = _budget_walk(["10 000,01"])
    assert walk.dossier.budget.indirect is None
    assert walk.key == "bud.indirect"
    assert "10 000,00 € au maximum" in walk.text
    assert "20% du montant des charges directes de personnel" in walk.text
    max_button = [b for m in walk.last.messages for b in m.buttons if b.id == "max"]
    assert max_button and "10 000,00 €" in max_button[0].label
    walk.send(Choose("bud.indirect", "max"))
    assert walk.dossier.budget.indirect == Decimal("10000.00")


def test_a_15_percent_call_caps_indirect_costs_at_15_percent() -> None:
    spec = load_spec(ROOT / "tests" / "data" / "calls" / "pdc-axe3-2026-fictif.yaml")
    walk = Walk(spec, today=dt.date(2026, 3, 15))
    assert "ouvert" in walk.text and "30/04/2026" in walk.text
    lines = script_lines()
    lines = [("tous" if line in ("1-6", "mars à octobre", "4-12") else line) for line in lines]
    walk.answers(
        lines[: lines.index("10000", lines.index("Déplacements des chargés de mission")) + 2]
    )
    walk.send("7500,01")
    assert "7 500,00 € au maximum" in walk.text
    walk.send("7500")
    assert walk.dossier.budget.indirect == Decimal("7500.00")


def test_french_amounts_are_read_exactly_and_garbage_gets_a_clear_message() -> None:
    walk = _budget_walk(["0"])
    walk.send("de l’argent")
    assert "Je n’ai pas compris ce montant" in walk.text
    walk.send("-5")
    assert "ne peut pas être négatif" in walk.text
    walk.send("1e9")
    assert walk.dossier.budget.departement_request is None
    walk.send("12 500,50 €")
    assert walk.dossier.budget.departement_request == Decimal("12500.50")


def test_the_complete_script_reaches_the_review_at_100_percent_and_balanced() -> None:
    walk = Walk()
    walk.answers(script_lines()[:-1])
    assert walk.key == "review"
    assert "complet à 100 %" in walk.text
    assert "✅ Éligibilité — Tête de réseau IAE départementale" in walk.text
    assert "✅ Budget — charges 70 000,00 €, ressources 70 000,00 €, équilibré" in walk.text
    report = review(spec_2025(), walk.dossier, TODAY)
    assert report.totals.balanced and report.totals.charges == Decimal("70000.00")
    assert [w.code for w in report.warnings] == ["call_closed"]
    outcome = walk.send("Générer le brouillon")
    assert [type(e).__name__ for e in outcome.effects] == ["GenerateDraft"]


def _warnings_after(changes: dict[str, object]) -> dict[str, str]:
    walk = Walk()
    walk.answers(script_lines()[:-1])
    dossier = walk.dossier
    if "siret" in changes:
        dossier.organisation.siret = str(changes["siret"])
    if "own_funds" in changes:
        dossier.budget.own_funds = Decimal(str(changes["own_funds"]))
    if "action_fte" in changes:
        dossier.plan.actions["o1"][0].fte = Decimal(str(changes["action_fte"]))
    if "drop_o4" in changes:
        dossier.plan.actions.pop("o4")
    if "months" in changes:
        dossier.plan.actions["o1"][0].months = ["2024-12", "2025-01"]
    if "zero_trainings" in changes:
        dossier.indicators.targets["formations"].target = 0
    walk.send(Command("review"))
    report = review(spec_2025(), walk.dossier, TODAY)
    assert all(w.message in walk.text for w in report.warnings)  # listed first, one line each
    walk.send(Choose("review", "_show:_warnings"))
    assert "Points d’attention" in walk.text
    return {w.code: (w.quote.text if w.quote else w.kind.upper()) for w in report.warnings}


def test_review_warns_of_an_unbalanced_budget_as_the_forms_requirement_not_the_calls() -> None:
    assert _warnings_after({"own_funds": 5000})["unbalanced"] == "FORM"


def test_review_warns_of_an_invalid_siret() -> None:
    assert "siret_invalid" in _warnings_after({"siret": "73282932000075"})


def test_review_warns_of_a_missing_orientation_quoting_the_call() -> None:
    quote = _warnings_after({"drop_o4": True})["missing_orientation"]
    assert "plan d’actions axé sur les quatre orientations" in quote


def test_review_warns_of_an_fte_incoherence_as_advice() -> None:
    assert _warnings_after({"action_fte": 2})["fte_incoherent"] == "ADVICE"


def test_review_warns_of_months_outside_the_agreement_quoting_the_call() -> None:
    assert "du 01/01/2025 au 31/12/2025" in _warnings_after({"months": True})["months_outside"]


def test_review_warns_of_a_zero_indicator_that_actions_clearly_produce() -> None:
    assert _warnings_after({"zero_trainings": True})["indicator_zero"] == "ADVICE"


def test_any_field_can_be_edited_from_the_review_and_the_user_returns_to_it() -> None:
    walk = Walk()
    walk.answers(script_lines()[:-1])
    walk.answers(["Modifier une réponse", "Organisation"])
    assert walk.key == "edit:organisation"
    walk.send("Adresse")
    assert walk.key == "org.address"
    walk.send("3 place du Théâtre, 62000 Arras")
    assert walk.key == "review"
    assert walk.dossier.organisation.address == "3 place du Théâtre, 62000 Arras"


def test_an_answer_shown_before_its_edit_reads_as_the_applicant_typed_it() -> None:
    """A free text ending with its own full stop was shown « … individuel.. Envoyez » and a
    SIRET as 14 digits in a row: the text is quoted as typed, the SIRET grouped as everywhere."""
    walk = Walk()
    walk.answers(script_lines()[:-1])
    walk.answers(["Modifier une réponse", "Organisation", "SIRET"])
    assert "Réponse enregistrée : 732 829 320 00074." in walk.text
    walk.send("garder")
    walk.answers(["Modifier une réponse", "Organisation", "Adresse"])
    address = walk.dossier.organisation.address
    assert f"Réponse enregistrée : « {address} ». Envoyez" in walk.text


def test_an_action_can_be_edited_or_deleted_from_the_review() -> None:
    walk = Walk()
    walk.answers(script_lines()[:-1])
    walk.answers(["Modifier une réponse", "Plan d’actions"])
    labels = [b.label for b in walk.last.messages[-1].buttons]
    action = next(label for label in labels if "Former les encadrants techniques" in label)
    walk.send(action)
    walk.send("Supprimer cet élément")
    assert walk.dossier.actions("o1") == []
    assert walk.key == "review"
    assert "3 actions, 3 orientations sur 4" in walk.text


def test_each_eligibility_criterion_is_asked_in_the_calls_words() -> None:
    """Regression: the criterion's wording was shadowed by the engine's own `question`."""
    walk = Walk()
    walk.answers(["1", "1"])
    assert "Votre réseau exerce-t-il son activité dans le Pas-de-Calais" in walk.text
    walk.send("oui")
    assert "public cible" in walk.text


def test_a_section_shortcut_goes_to_the_sections_first_missing_answer() -> None:
    walk = Walk()
    walk.answers([*ELIGIBLE_START, "Inser'Réseau 62"])
    walk.send(Command("section", section="budget"))
    assert walk.key.startswith("bud."), walk.key
    assert "Étape 6/7 — Budget" in (walk.last.messages[-1].progress or "")
    walk.send(Command("section", section="organisation"))
    assert walk.key == "org.siret"  # the name is answered, the SIRET is the first missing one
    assert walk.dossier.organisation.name == "Inser'Réseau 62"


def test_a_complete_sections_shortcut_opens_its_edit_menu_and_returns_to_the_review() -> None:
    walk = Walk()
    walk.answers(script_lines())
    assert walk.key == "review"
    walk.send(Command("section", section="organisation"))
    assert walk.key == "edit:organisation"
    labels = [b.label for b in walk.last.messages[-1].buttons]
    assert any("SIRET" in label for label in labels), labels


def test_a_section_after_eligibility_is_refused_to_an_ineligible_applicant() -> None:
    walk = Walk()
    walk.answers(["1", "5"])  # an EI: not eligible
    walk.send(Command("section", section="budget"))
    assert "n’est pas encore accessible" in walk.text
    assert walk.key == "elig.stop"


def test_months_typed_outside_the_agreement_are_kept_with_a_note_saying_so() -> None:
    """An action's months typed with a year outside the agreement (2025) are kept, and the
    user is told, in French, that they fall outside it (the note once failed to render:
    its `months` value was hidden by the template's macro of that name)."""
    walk = Walk()
    lines = script_lines()
    walk.answers(lines[:34])
    assert walk.key == "plan.o1.0.months", walk.key
    walk.send("03/2026-04/2026")
    assert walk.dossier.plan.actions["o1"][0].months == ["2026-03", "2026-04"]
    assert "hors de la période de conventionnement (01/01/2025 – 31/12/2025)" in walk.text
    assert "mars 2026" in walk.text


def test_the_review_opened_midway_says_where_the_applicant_is_and_completing_resumes_there() -> (
    None
):
    """The SIRET left aside, the applicant at the public (step 4) opens the review: it says
    step 4, not the SIRET's step 3, and « Compléter le dossier » goes on from the public; the
    SIRET is asked once the rest is done."""
    lines = script_lines()
    siret, brsa = lines.index("732 829 320 00074"), lines.index("320")
    walk = Walk()
    walk.answers([*lines[:siret], "passer", *lines[siret + 1 : brsa]])
    assert walk.key == "plan.public.brsa"
    walk.send(Command("review"))
    assert "vous en êtes à l’étape 4/7 — Plan d’actions" in (walk.last.messages[-1].progress or "")
    walk.send("Compléter le dossier")
    assert walk.key == "plan.public.brsa"
    walk.answers(lines[brsa:])
    assert walk.dossier.organisation.siret is None  # still missing: the review says so
    walk.send("Compléter le dossier")
    assert walk.key == "org.siret"


def test_oui_to_which_network_head_asks_again_among_the_three_and_a_number_picks_one() -> None:
    walk = Walk()
    walk.answers(["1", "tete de reseau"])
    assert "plusieurs propositions correspondent" in walk.text
    walk.send("oui")
    assert walk.key == "elig.type" and "Laquelle de ces propositions ?" in walk.text
    assert [b.label for b in walk.last.messages[-1].buttons][:3] == [
        "Tête de réseau IAE départementale",
        "Tête de réseau IAE régionale",
        "Tête de réseau IAE nationale",
    ]
    walk.send("2")
    assert walk.dossier.eligibility.organisation_type == "network_regional"
    other = Walk()
    other.answers(["1", "tete de reseau"])
    other.send("²")  # a key of French keyboards, read as 2 elsewhere: never a crash
    assert other.dossier.eligibility.organisation_type == "network_regional"


def test_help_at_an_actions_territory_quotes_the_calls_territory_not_the_orientation() -> None:
    lines = script_lines()
    walk = Walk()
    walk.answers(lines[: lines.index("Former les encadrants techniques") + 4])
    assert walk.key == "plan.o1.0.territory_scope"
    walk.send("aide")
    assert "ouvert à l’ensemble du Département du Pas-de-Calais" in walk.text
    assert "— Territoire(s) concerné(s)" in walk.text


def test_the_review_opened_while_completing_keeps_completing_the_missing_answers() -> None:
    """« Compléter le dossier » on the SIRET left aside, /recapitulatif, then « Compléter le
    dossier » again: the SIRET, then back to the review, never the whole interview again;
    a section jump in between resumes nothing either."""
    lines = script_lines()
    siret = lines.index("732 829 320 00074")
    walk = Walk()
    walk.answers([*lines[:siret], "passer", *lines[siret + 1 : -1]])
    walk.send("Compléter le dossier")
    assert walk.key == "org.siret"
    walk.send(Command("review"))
    walk.send("Compléter le dossier")
    assert walk.key == "org.siret"
    walk.send("732 829 320 00074")
    assert walk.key == walk.engine.review_key(walk.dossier)
    assert walk.dossier.cursor.resume_key is None


def test_a_section_jump_after_the_midway_review_forgets_where_to_resume() -> None:
    lines = script_lines()
    siret, brsa = lines.index("732 829 320 00074"), lines.index("320")
    walk = Walk()
    walk.answers([*lines[:siret], "passer", *lines[siret + 1 : brsa]])
    walk.send(Command("review"))
    assert walk.dossier.cursor.resume_key == "plan.public.brsa"
    walk.send(Command("section", section="organisation"))
    assert walk.key == "org.siret" and walk.dossier.cursor.resume_key is None


def test_not_at_hand_words_mean_later_at_the_siret_and_stay_answers_elsewhere() -> None:
    """« je n'ai pas », « jsp, plus tard », « pas encore » at the SIRET: where to find it and
    « passer »; at a free question such words are the applicant's own (not refused as
    'later')."""
    lines = script_lines()
    walk = Walk()
    walk.answers(lines[: lines.index("732 829 320 00074")])
    for typed in ("je n'ai pas", "jsp, plus tard", "pas encore"):
        walk.send(typed)
        assert walk.key == "org.siret" and "« passer »" in walk.text, typed
        assert "que des chiffres" not in walk.text
    from dialogs.parsing import chat_word

    assert chat_word("je n'ai pas") is None and chat_word("pas encore") is None


def test_territories_typed_at_the_territory_choice_are_offered_as_its_precise_option() -> None:
    """The territory asked with two options, the applicant types the territories: asked
    back, « oui » takes « Des territoires précis » and the words; « non » keeps nothing."""
    lines = script_lines()
    scope = lines.index("Former les encadrants techniques") + 4
    walk = Walk()
    walk.answers(lines[:scope])
    assert walk.key == "plan.o1.0.territory_scope"
    walk.send("CA de Lens-Liévin et CA Hénin-Carvin")
    assert "dois-je retenir « Des territoires précis (EPCI…) »" in walk.text
    walk.send("non")
    action = walk.dossier.plan.actions["o1"][0]
    assert walk.key == "plan.o1.0.territory_scope" and action.territory_scope is None
    walk.send("CA de Lens-Liévin et CA Hénin-Carvin")
    outcome = walk.send("oui")
    action = walk.dossier.plan.actions["o1"][0]
    assert action.territory_scope == "areas"
    assert action.areas == "CA de Lens-Liévin et CA Hénin-Carvin"
    assert walk.key == "plan.o1.0.months"
    assert outcome.earlier == [("plan.o1.0.territory_scope", "areas")]
