"""A dossier is "ready" only when it is eligible, complete and within every rule of the call,
and every view says so the same way: the review, /brouillon, the staff's table."""

from __future__ import annotations

import html
import re
from decimal import Decimal

from app.clock import FixedClock
from dialogs.engine import Interview
from dialogs.events import Choose, Command, Message, Text
from dialogs.review import review
from dialogs.service import InterviewService
from drafts import render_draft_files
from drafts.context import build_context
from storage.repository import SqlStore
from tests.support import DURING_CALL, TODAY, Walk, script_lines, spec_2025

OWNER = "terminal:readiness"


def _service(store: SqlStore, *, today: object = TODAY) -> InterviewService:
    return InterviewService(
        specs=lambda _: spec_2025(),
        default_call_id="pdc-axe3-2025",
        store=store,
        clock=FixedClock.on(today),  # type: ignore[arg-type]
        drafts=render_draft_files,
    )


def _answer(service: InterviewService, lines: list[str]) -> None:
    service.show(OWNER)
    for line in lines:
        service.handle(OWNER, Text(line))


def _draft_after_staff_cut(
    service: InterviewService, store: SqlStore
) -> tuple[list[object], list[Message]]:
    """The draft of the owner's dossier once its first post's cost is cut to 40 000 € (the
    indirect costs, at the cap before, go over it)."""
    with store.transaction() as repo:
        stored = repo.get_dossier(service.show(OWNER).dossier_id or 0)
        assert stored is not None
        dossier = stored.dossier.model_copy(deep=True)
        dossier.budget.staff[0].annual_cost = Decimal("40000")
        repo.save_dossier(dossier_id=stored.id, dossier=dossier)
    files, messages = service.generate_draft(OWNER, stored.id)
    return list(files), list(messages)


def test_an_ineligible_siae_asking_for_a_draft_gets_no_draft_but_the_calls_reason(
    store: SqlStore,
) -> None:
    service = _service(store)
    _answer(service, ["1", "5"])  # "SIAE : entreprise d'insertion (EI)"
    dossier_id = service.show(OWNER).dossier_id
    assert dossier_id is not None
    files, messages = service.generate_draft(OWNER, dossier_id)
    text = plain_messages(messages)
    assert files == []
    assert "n’est pas éligible" in text
    assert "prêt" not in text and "déposez" not in text
    assert "Les têtes de réseaux de l’insertion par l’activité écnomique" in text
    assert "/eligibilite" in text and "Guillaume CRIVIER" in text


def test_a_complete_eligible_dossier_within_the_rules_gets_its_draft_announced_ready(
    store: SqlStore,
) -> None:
    service = _service(store, today=DURING_CALL)
    _answer(service, script_lines()[:-1])
    dossier_id = service.show(OWNER).dossier_id
    assert dossier_id is not None
    files, messages = service.generate_draft(OWNER, dossier_id)
    assert files
    assert "✅ Votre brouillon est prêt" in plain_messages(messages)


def test_indirect_costs_over_the_cap_after_a_staff_edit_are_never_100_percent_nor_ready(
    store: SqlStore,
) -> None:
    """10 000 € of indirect costs on 50 000 € of staff are at the cap; staff cut to 40 000 €
    puts them over it: the review, /brouillon and the completeness all say so."""
    walk = Walk(today=DURING_CALL)
    walk.answers(script_lines()[:-1])
    assert review(spec_2025(), walk.dossier, DURING_CALL).ready
    _edit_first_staff_cost(walk, "40000")
    assert walk.key == "review"
    report = review(spec_2025(), walk.dossier, DURING_CALL)
    assert report.state == "breaks_rules" and not report.ready
    assert report.completeness < 100
    assert "Pas encore prêt à déposer" in walk.text
    assert "le maximum est de 8 000,00 €" in walk.text
    assert "complet à 100 %" not in walk.text

    service = _service(store, today=DURING_CALL)
    _answer(service, script_lines()[:-1])
    files, messages = _draft_after_staff_cut(service, store)
    text = plain_messages(messages)
    assert files and "prêt" in text and "n’est pas encore prêt" in text.replace("Il", "il")
    assert "8 000,00 €" in text


def test_a_budget_no_longer_balanced_after_an_edit_is_not_ready_and_its_section_is_flagged() -> (
    None
):
    """Staff costs raised by 5 000 € (indirect costs still under the cap) and the resources
    left as they were: the CERFA's budget is no longer balanced. The call does not say it,
    the form does: not ready, the budget's line flagged, and no call rule claimed."""
    walk = Walk(today=DURING_CALL)
    walk.answers(script_lines()[:-1])
    _edit_first_staff_cost(walk, "55000")
    assert walk.key == "review"
    report = review(spec_2025(), walk.dossier, DURING_CALL)
    assert [w.code for w in report.breaches] == ["unbalanced"]
    assert report.state == "breaks_rules" and report.completeness < 100
    assert "le budget ne répond pas encore au formulaire de demande (CERFA n° 12156)" in walk.text
    assert "une règle de l’appel n’est pas respectée" not in walk.text
    assert "⚠️ Budget — charges" in walk.text, "the budget's line is flagged, not ✅"
    assert "✅ Budget" not in walk.text
    assert "dépassent les ressources" in walk.text and "fonds propres" in walk.text


def test_indirect_costs_over_the_cap_flag_the_budget_line_of_the_review() -> None:
    walk = Walk(today=DURING_CALL)
    walk.answers(script_lines()[:-1])
    assert "✅ Budget — charges" in walk.text
    _edit_first_staff_cost(walk, "40000")
    assert "une règle de l’appel n’est pas respectée" in walk.text
    assert "⚠️ Budget — charges" in walk.text and "✅ Budget" not in walk.text
    assert "✅ Plan d’actions" in walk.text, "the other sections stay as they were"


def test_the_maximum_of_indirect_costs_follows_the_staff_costs_when_they_change() -> None:
    walk = Walk(today=DURING_CALL)
    lines = script_lines()
    at_indirect = lines.index("10000", lines.index("Déplacements des chargés de mission")) + 2
    walk.answers(lines[:at_indirect])
    assert walk.key == "bud.indirect"
    walk.send(Choose("bud.indirect", "max"))
    assert walk.dossier.budget.indirect == Decimal("10000.00")
    assert walk.dossier.budget.indirect_maximum is True
    walk.answers(lines[at_indirect + 1 : -1])
    walk.answers(["Modifier une réponse", "Budget"])
    walk.send(Choose(walk.key, _button(walk, "Poste 1")))
    walk.send("Coût annuel chargé")
    walk.send("45 000")
    assert walk.dossier.budget.indirect == Decimal("9000.00")  # 20 % of 45 000 €
    breaches = review(spec_2025(), walk.dossier, DURING_CALL).breaches
    assert "indirect_cap" not in {w.code for w in breaches}
    # The charges changed and the resources did not: the budget is to be balanced again.
    assert {w.code for w in breaches} == {"unbalanced"}


def test_typing_maximum_is_the_same_choice_and_an_amount_typed_later_is_kept_as_typed() -> None:
    walk = Walk(today=DURING_CALL)
    lines = script_lines()
    walk.answers(
        lines[: lines.index("10000", lines.index("Déplacements des chargés de mission")) + 2]
    )
    walk.send("maximum")
    assert walk.dossier.budget.indirect_maximum is True
    walk.send(Command("back"))
    walk.send("5 000")
    assert walk.dossier.budget.indirect == Decimal("5000.00")
    assert walk.dossier.budget.indirect_maximum is False


def test_deleting_a_staff_line_recomputes_the_maximum() -> None:
    walk = Walk(today=DURING_CALL)
    lines = script_lines()
    at_indirect = lines.index("10000", lines.index("Déplacements des chargés de mission")) + 2
    walk.answers(lines[:at_indirect])
    walk.send(Choose("bud.indirect", "max"))
    walk.answers(lines[at_indirect + 1 : -1])
    walk.answers(["Modifier une réponse", "Budget"])
    walk.send(Choose(walk.key, _button(walk, "Poste 1")))
    walk.send("Supprimer cet élément")
    assert walk.dossier.budget.staff == []
    assert walk.dossier.budget.indirect == Decimal("0.00")


def test_an_ineligible_dossier_is_never_shown_complete_to_staff() -> None:
    engine = Interview(spec_2025())
    walk = Walk()
    walk.answers(["1", "5"])
    report = review(engine.spec, walk.dossier, TODAY)
    assert report.state == "ineligible" and report.completeness < 100


def _edit_first_staff_cost(walk: Walk, amount: str) -> None:
    """From the review: Modifier une réponse › Budget › Poste 1 › its annual cost."""
    walk.answers(["Modifier une réponse", "Budget"])
    walk.send(Choose(walk.key, _button(walk, "Poste 1")))
    walk.send("Coût annuel chargé")
    walk.send(amount)


def _button(walk: Walk, label: str) -> str:
    return next(b.id for b in walk.last.messages[-1].buttons if label in b.label)


def plain_messages(messages: list[Message]) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", "\n".join(m.html for m in messages)))


def test_a_national_network_is_told_ready_only_subject_to_the_departements_confirmation() -> None:
    """The whole example as a national network: the review says « Prêt à déposer, sous
    réserve », never « éligible » outright, and says why."""
    lines = script_lines()
    lines[1] = "3"  # Tête de réseau IAE nationale
    walk = Walk(today=DURING_CALL)
    walk.answers(lines)
    walk.send(Command("review"))
    said = walk.text
    assert "Prêt à déposer, sous réserve" in said
    assert "éligible, complet" not in said
    assert "Votre réseau étant de niveau national" in said


def test_a_draft_not_ready_still_names_what_the_departement_will_have_to_confirm(
    store: SqlStore,
) -> None:
    """A national network whose budget breaks a rule: the draft's message lists the rule and
    also the reservation, which the draft's annex holds."""
    service = _service(store, today=DURING_CALL)
    lines = script_lines()[:-1]
    lines[1] = "3"  # Tête de réseau IAE nationale
    _answer(service, lines)
    files, messages = _draft_after_staff_cut(service, store)
    assert files
    text = plain_messages(messages)
    assert "n’est pas encore prêt" in text.replace("Il", "il")
    assert "À confirmer ensuite : L’appel à projets s’adresse aux têtes de réseaux" in text


def test_a_plan_whose_public_is_0_everywhere_is_not_ready_and_says_whom_the_call_serves() -> None:
    """0 BRSA, 0 young people, 0 former BRSA (the interview offers 0 for « not known yet »):
    the plan serves none of the call's target public. It is not « prêt à déposer », the
    review says why with the call's sentence, and the draft's eligibility table no longer
    answers « Oui » to « Les opérations doivent servir le public cible »."""
    lines = script_lines()[:-1]
    assert lines[24:28] == ["320", "85", "12", "140"]  # BRSA, young (of whom ASE), former BRSA
    lines[24:28] = ["0", "0", "0"]  # no ASE count asked after 0 young people
    walk = Walk(today=DURING_CALL)
    walk.answers(lines[:26])
    assert "⚠️ Le public visé compte 0 bénéficiaire du RSA" not in walk.text, "not before the last"
    walk.answers(lines[26:27])
    assert walk.dossier.plan.public.former_brsa == 0, "the answer is taken"
    assert "⚠️ Le public visé compte 0 bénéficiaire du RSA" in walk.text, "said at once"
    assert "« Les opérations proposées au travers de ce dispositif" in walk.text
    walk.answers(lines[27:])
    report = review(spec_2025(), walk.dossier, DURING_CALL)
    assert [w.code for w in report.breaches] == ["public_none"]
    assert not report.ready and report.state == "breaks_rules"
    walk.send(Command("review"))
    said = walk.text
    assert "Prêt à déposer" not in said
    assert "Le public visé compte 0 bénéficiaire du RSA, 0 jeune de moins de 26 ans" in said
    assert "⚠️ Plan d’actions" in said

    context = build_context(spec_2025(), walk.dossier, DURING_CALL)
    public_row = next(c for c in context.eligibility if "public cible" in c.criterion)
    assert public_row.answer == "À préciser"


def test_one_group_of_the_public_is_enough_to_serve_the_call() -> None:
    """0 BRSA and 0 former BRSA but 85 young people: the public is served, the plan ready."""
    lines = script_lines()[:-1]
    lines[24], lines[27] = "0", "0"
    walk = Walk(today=DURING_CALL)
    walk.answers(lines)
    report = review(spec_2025(), walk.dossier, DURING_CALL)
    assert report.ready, [w.message for w in report.breaches]
    context = build_context(spec_2025(), walk.dossier, DURING_CALL)
    public_row = next(c for c in context.eligibility if "public cible" in c.criterion)
    assert public_row.answer == "Oui"


def test_with_no_young_people_the_public_question_does_not_ask_about_the_ase_ones() -> None:
    """5 BRSA, 0 young people: « comment vos actions bénéficient-elles à ce public » without
    « et en particulier aux jeunes issus de l’ASE », which the applicant has none of."""
    lines = script_lines()[:-1]
    lines[24:28] = ["5", "0", "0"]
    walk = Walk(today=DURING_CALL)
    walk.answers(lines[:27])
    assert "comment vos actions bénéficient-elles à ce public ?" in walk.text
    assert "ASE" not in walk.text


def test_staff_costs_lowered_under_the_indirect_costs_say_the_cap_is_now_passed_at_once() -> None:
    """A tester lowered a post's cost after taking the maximum of indirect costs: only the
    review, later, said the 20 % rule was now broken. The edit itself says so."""
    walk = Walk(today=DURING_CALL)
    walk.answers(script_lines()[:-1])
    _edit_first_staff_cost(walk, "40000")
    said = plain_messages(walk.last.messages)
    assert "⚠️ Les charges indirectes (10 000,00 €) dépassent 20 %" in said
    assert "ramenées sous ce maximum" in said


def test_staff_costs_raised_say_nothing_of_the_cap() -> None:
    walk = Walk(today=DURING_CALL)
    walk.answers(script_lines()[:-1])
    _edit_first_staff_cost(walk, "60000")
    assert "ramenées sous ce maximum" not in plain_messages(walk.last.messages)
