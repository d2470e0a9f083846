"""No navigation traps, and a short chat: told as an applicant on a phone lives it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from app.clock import FixedClock
from dialogs.dossier import Dossier
from dialogs.engine import Interview
from dialogs.events import Choose, Command, Text
from dialogs.service import InterviewService
from dialogs.welcome_back import welcome_back
from storage.repository import SqlStore
from tests.support import DURING_CALL, Walk, script_lines, spec_2025

FIRST_ACTION = script_lines()[: script_lines().index("non")]  # up to "another action?"


def _buttons(walk: Walk) -> list[str]:
    return [b.label for b in walk.last.messages[-1].buttons]


def test_back_after_adding_another_action_returns_to_the_add_question_not_the_last_action() -> None:
    walk = Walk(today=DURING_CALL)
    walk.answers(FIRST_ACTION)
    assert walk.key == "plan.o1.more"
    walk.send("Oui")
    assert walk.key == "plan.o1.1.title"
    walk.send(Command("back"))
    assert walk.key == "plan.o1.more"
    assert len(walk.dossier.actions("o1")) == 1  # the empty action went with the back step


def test_cancel_inside_an_action_asks_before_leaving_it_and_outside_says_what_it_can_do() -> None:
    walk = Walk(today=DURING_CALL)
    walk.answers([*FIRST_ACTION, "Oui", "Une deuxième action"])
    assert walk.key == "plan.o1.1.description"
    walk.send("/annuler")
    # The action's name quotes its title: “ ” inside « », never « » within « ».
    assert "Abandonner la saisie de « Orientation 1 · Action 2 “Une deuxième action” » ?" in (
        walk.text
    )
    walk.send(Choose(walk.key, "_no"))
    assert "on continue « Orientation 1 · Action 2 “Une deuxième action” »." in walk.text
    assert len(walk.dossier.actions("o1")) == 2 and walk.key == "plan.o1.1.description"
    walk.send("/annuler")
    walk.send("oui")
    assert len(walk.dossier.actions("o1")) == 1
    assert walk.key == "plan.o1.more"
    assert "🗑 « Orientation 1 · Action 2 “Une deuxième action” » est abandonné." in walk.text

    walk = Walk(today=DURING_CALL)
    walk.answers(["1", "1", "oui"])
    walk.send("/annuler")
    assert "pas de saisie en cours à annuler" in walk.text
    assert walk.dossier.eligibility.answers == {"territory": True}


def test_an_answered_question_offers_to_keep_its_answer() -> None:
    walk = Walk(today=DURING_CALL)
    walk.answers(["1", "1", "oui", "oui", "oui", "Inser'Réseau 62"])
    walk.send(Command("back"))
    assert walk.key == "org.name"
    assert "Garder cette réponse" in _buttons(walk)
    walk.send(Choose("org.name", "_keep"))
    assert walk.key == "org.siret"
    assert walk.dossier.organisation.name == "Inser'Réseau 62"


def test_complete_the_dossier_visits_only_the_missing_answers() -> None:
    walk = Walk(today=DURING_CALL)
    lines = script_lines()
    walk.answers(lines[:-1])
    walk.dossier.organisation.address = None
    walk.dossier.plan.actions["o3"][0].partners = None  # optional: not visited
    walk.dossier.budget.own_funds = None
    walk.send(Command("review"))
    walk.send("Compléter le dossier")
    assert walk.key == "org.address"
    walk.send("3 place du Théâtre, 62000 Arras")
    assert walk.key == "bud.own"  # straight to the next missing answer, not to org.contact_name
    walk.send("0")
    assert walk.key == "review"


def _orientation_4_passed_then_complete() -> Walk:
    """The complete script, but orientation 4's action passed ("passer"), then the review's
    "Compléter le dossier"."""
    walk = Walk(today=DURING_CALL)
    lines = script_lines()
    first_o4 = lines.index("Diversification vers le recyclage du BTP")
    after_o4 = lines.index("non", first_o4) + 1
    walk.answers(lines[:first_o4])
    assert walk.key == "plan.o4.0.title"
    walk.send("passer")
    walk.answers(lines[after_o4:-1])
    walk.send(Command("review"))
    walk.send("Compléter le dossier")
    assert walk.key == "plan.o4.0.title"
    return walk


def test_an_action_added_while_completing_gets_every_question_partners_and_more_included() -> None:
    walk = _orientation_4_passed_then_complete()
    walk.answers(["Filière alimentaire", "Étude d'une légumerie solidaire.", "3", "1", "1"])
    walk.send("4-11")
    assert walk.key == "plan.o4.0.partners"  # optional, yet asked: the action is new
    walk.answers(["Chambre d'agriculture", "0,2", "Une étude de faisabilité."])
    assert walk.key == "plan.o4.more"
    walk.send("oui")
    walk.answers(["Légumerie", "Sa mise en route.", "3", "1", "1", "4-11"])
    assert walk.key == "plan.o4.1.partners"
    walk.answers(["passer", "0,1", "Une légumerie ouverte."])  # skipping keeps the completion
    assert walk.key == "plan.o4.more"
    walk.send("non")
    assert walk.key == "review"
    assert walk.dossier.actions("o4")[0].partners == "Chambre d'agriculture"
    assert walk.dossier.plan.actions["o3"][0].partners is None  # passed before: not asked again


def test_passing_a_missing_answer_while_completing_goes_on_to_the_next_missing_one() -> None:
    walk = _orientation_4_passed_then_complete()
    walk.dossier.budget.own_funds = None
    walk.send("passer")
    assert walk.key == "bud.own"  # not the question after orientation 4 in the interview
    walk.send("0")
    assert walk.key == "review"


def test_at_the_review_every_listed_option_can_be_typed_and_a_wrong_number_names_them_all() -> None:
    walk = Walk(today=DURING_CALL)
    walk.answers(script_lines()[:-1])
    assert walk.key == "review"
    listed = [b.label for b in walk.last.messages[-1].buttons if not b.nav]
    assert listed[3] == "🔎 Éligibilité"
    walk.send("non")
    assert f"tapez son numéro (de 1 à {len(listed)})" in walk.text
    walk.send("4")
    assert walk.text.startswith("Éligibilité")  # the detail, as the button shows it
    assert walk.key == "review"


def test_a_menu_of_one_option_asks_to_type_1_in_the_terminal_and_to_touch_it_on_telegram() -> None:
    for channel, expected in [
        ("terminal", "Choisissez la proposition : tapez 1 ou écrivez son libellé."),
        ("telegram", "Choisissez la proposition : touchez l’un des boutons sous la question"),
    ]:
        walk = Walk(today=DURING_CALL)
        walk.engine = Interview(spec_2025(), channel=channel)
        walk.answers(["Commencer", "SIAE : atelier et chantier d’insertion (ACI)"])
        assert walk.key == "elig.stop"
        walk.send(Command("section", section="eligibility"))
        assert [b.label for b in walk.last.messages[-1].buttons if not b.nav] == [
            "Type d’organisme"
        ]
        walk.send("Oui")
        assert expected in walk.text


def test_the_review_midway_says_which_step_the_applicant_is_at() -> None:
    walk = Walk(today=DURING_CALL)
    walk.answers(["1", "1", "oui", "oui", "oui", "Inser'Réseau 62"])
    walk.send(Command("review"))
    assert walk.last.messages[-1].progress == (
        "Récapitulatif · vous en êtes à l’étape 3/7 — Organisation"
    )


def test_a_refused_answer_gets_the_reason_and_a_one_line_reminder_not_the_whole_question() -> None:
    walk = Walk(today=DURING_CALL)
    walk.answers(["1", "1", "oui", "oui", "oui", "Inser'Réseau 62"])
    walk.send("732 829 320 00075")
    first, reminder = walk.last.messages
    assert "clé de contrôle" in first.html
    assert reminder.key == "org.siret" and reminder.html.count("\n") == 0
    assert "SIRET" in reminder.html


def test_the_reminder_of_a_choice_points_at_buttons_on_telegram_only() -> None:
    for channel, pointer in [("terminal", False), ("telegram", True)]:
        walk = Walk(today=DURING_CALL)
        walk.engine = Interview(spec_2025(), channel=channel)
        walk.answers(["1", "1"])
        assert walk.key == "elig.territory"
        walk.send("bof")
        reminder = walk.last.messages[-1]
        assert reminder.key == "elig.territory" and "j’attends votre réponse" in reminder.html
        assert ("(boutons ci-dessous)" in reminder.html) is pointer  # numbers in the terminal


def test_a_label_typed_approximately_is_asked_back_and_yes_stores_that_choice() -> None:
    walk = Walk(today=DURING_CALL)
    walk.send("Commencer")
    walk.send("on est un ACI a lens")
    assert "vouliez-vous dire « SIAE : atelier et chantier d’insertion (ACI) » ?" in walk.text
    walk.send("oui")
    assert walk.dossier.eligibility.organisation_type == "siae_aci"
    assert walk.key == "elig.stop"


def test_an_approximate_answer_is_asked_back_and_confirmed_with_a_button() -> None:
    walk = Walk(today=DURING_CALL)
    walk.answers(["1", "1", "oui", "oui", "oui", "Réseau", "732 829 320 00074", "1", "W623001234"])
    assert walk.key == "org.members"
    walk.send("une quinzaine")
    assert "15" in walk.text and walk.dossier.organisation.member_siae_count is None
    assert [b.id for b in walk.last.messages[-1].buttons] == ["_yes", "_no"]
    walk.send(Choose("org.members", "_yes"))
    assert walk.dossier.organisation.member_siae_count == 15
    assert walk.key == "org.territory"


def test_the_budget_line_comes_only_when_a_total_changed() -> None:
    walk = Walk(today=DURING_CALL)
    lines = script_lines()
    at_own = lines.index("0", lines.index("Région Hauts-de-France"))
    walk.answers(lines[:at_own])
    walk.send("0")  # own funds of 0 €: no total moves
    assert "💶" not in walk.text
    walk.send(Command("back"))
    walk.send("5 000")
    assert "💶" in walk.text


def test_staff_months_of_zero_are_refused_with_the_range() -> None:
    walk = Walk(today=DURING_CALL)
    lines = script_lines()
    walk.answers(lines[: lines.index("Chargée de mission IAE") + 2])
    walk.send("Coût mensuel × nombre de mois")
    walk.send("3 500")
    assert walk.key == "bud.staff.0.months"
    walk.send("0")
    assert "entre 1 et 12" in walk.text
    walk.send("12 mois")
    assert walk.dossier.budget.staff[0].months == 12


def test_an_ineligible_siae_is_told_its_network_head_can_apply_and_may_ask_the_team() -> None:
    walk = Walk(today=DURING_CALL)
    walk.answers(["1", "5"])
    assert "c’est sa tête de réseau" in walk.text
    assert "Poser une question à l’équipe" in _buttons(walk)
    walk.send(Choose("elig.stop", "ask"))
    outcome = walk.send("Nous sommes une EI qui anime un groupement, pouvons-nous candidater ?")
    assert [type(e).__name__ for e in outcome.effects] == ["AskQuestion"]
    assert walk.key == "elig.stop"


def test_choice_errors_speak_of_buttons_on_telegram_and_numbers_in_the_terminal() -> None:
    from dialogs.engine import Interview

    for channel, expected in (("telegram", "touchez l’un des boutons"), ("terminal", "numéro")):
        engine = Interview(spec_2025(), channel=channel)  # type: ignore[arg-type]
        dossier = engine.new_dossier()
        dossier = engine.handle(dossier, Text("1"), DURING_CALL).dossier
        outcome = engine.handle(dossier, Text("une banque"), DURING_CALL)
        assert expected in outcome.messages[0].html


def test_an_applicant_back_after_a_day_is_welcomed_with_progress_and_days_left(
    store: SqlStore,
) -> None:
    clock = FixedClock.on(DURING_CALL)
    service = InterviewService(
        specs=lambda _: spec_2025(), default_call_id="pdc-axe3-2025", store=store, clock=clock
    )
    owner = "terminal:back"
    service.show(owner)
    for line in ["1", "1", "oui", "oui", "oui", "Inser'Réseau 62"]:
        service.handle(owner, Text(line))
    clock.now = lambda: dt.datetime(2025, 2, 3, 9, 0, tzinfo=dt.UTC)  # type: ignore[method-assign]
    reply = service.show(owner)
    text = reply.messages[0].html
    assert "Bon retour" in text and "11 jours restants" in text
    assert "SIRET" in text  # the first missing answer
    assert reply.messages[-1].key == "org.siret"
    again = service.handle(owner, Text("732 829 320 00074"))
    assert "Bon retour" not in again.messages[0].html


def test_an_ineligible_applicant_who_asks_something_is_told_what_they_can_do_not_awaited() -> None:
    for channel, pointer in [("terminal", False), ("telegram", True)]:
        walk = Walk(today=DURING_CALL)
        walk.engine = Interview(spec_2025(), channel=channel)
        walk.answers(["1", "4"])
        assert walk.key == "elig.stop"
        walk.send("bof")
        reminder = walk.last.messages[-1]
        assert reminder.key == "elig.stop" and "j’attends votre réponse" not in reminder.html
        assert (
            "Non éligible</b> : que souhaitez-vous faire ? « Modifier ma réponse », « Poser une"
            " question à l’équipe » ou « Contacter le Département »"
        ) in reminder.html
        assert ("(boutons ci-dessous)" in reminder.html) is pointer


def test_a_national_network_coming_back_is_told_ready_only_subject_to_confirmation() -> None:
    """« Bon retour ! … prêt à déposer » never drops the reservation the review shows."""
    example = Path(__file__).resolve().parent.parent / "examples" / "dossier-cerfa-complet.json"
    dossier = Dossier.model_validate_json(example.read_text(encoding="utf-8"))
    departmental = welcome_back(spec_2025(), dossier, DURING_CALL).html
    assert "et prêt à déposer." in departmental and "sous réserve" not in departmental
    dossier.eligibility.organisation_type = "network_national"
    dossier.organisation.network_level = "national"
    national = welcome_back(spec_2025(), dossier, DURING_CALL).html
    assert "prêt à déposer, sous réserve de la confirmation du Département" in national
