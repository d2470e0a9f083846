"""What the applicant is told while the budget moves: the totals after each change to them,
and a word to check the social charges when the staff costs moved under them."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

from dialogs.events import Choose, Command
from dialogs.spec import load_spec
from tests.support import DURING_CALL, ROOT, Walk, script_lines

SHIPPED_CALL = ROOT / "dialogs" / "calls" / "pdc-axe3-2025.yaml"
SHIPPED_FORM = ROOT / "dialogs" / "forms" / "axe3.yaml"


def _button(walk: Walk, label: str) -> str:
    return next(b.id for b in walk.last.messages[-1].buttons if label in b.label)


def _edit_first_staff_line(walk: Walk, field: str) -> None:
    walk.answers(["Modifier une réponse", "Budget"])
    walk.send(Choose(walk.key, _button(walk, "Poste 1")))
    walk.send(Choose(walk.key, _button(walk, field)))


def test_a_smaller_fte_shows_the_new_totals_and_asks_to_check_the_social_charges() -> None:
    """50 000 € of staff costs with 15 000 € of social charges; the post drops to 0,5 ETP:
    the staff costs halve, the social charges typed earlier do not follow by themselves."""
    walk = Walk(today=DURING_CALL)
    walk.answers(script_lines()[:-1])
    assert walk.dossier.budget.social_charges is not None
    _edit_first_staff_line(walk, "ETP")
    walk.send("0,5")
    assert "Coût retenu pour le poste « Chargée de mission IAE » : 25 000,00 € (0,5 ETP)" in (
        walk.text
    )
    assert "💶 Budget — charges : 45 000,00 €" in walk.text
    assert (
        "Les frais de personnel passent de 50 000,00 € à 25 000,00 € ; les charges sociales "
        "indiquées (15 000,00 €) n’ont pas changé : vérifiez-les"
    ) in walk.text
    assert walk.dossier.budget.social_charges == 15000, "never changed behind the applicant"


def test_the_social_charges_themselves_changed_need_no_reminder() -> None:
    walk = Walk(today=DURING_CALL)
    walk.answers(script_lines()[:-1])
    walk.answers(["Modifier une réponse", "Budget"])
    walk.send(Choose(walk.key, _button(walk, "Budget")))  # the section's own fields
    walk.send(Choose(walk.key, _button(walk, "Dont charges sociales")))
    walk.send("12 000")
    assert walk.dossier.budget.social_charges == 12000
    assert "vérifiez-les" not in walk.text


def test_a_staff_line_turned_monthly_from_the_review_asks_its_cost_and_months_then_totals() -> None:
    """The edit opened two questions of the same staff line: both are asked before the
    review, and the new totals follow the months, the last piece of the cost."""
    walk = Walk(today=DURING_CALL)
    walk.answers(script_lines()[:-1])
    _edit_first_staff_line(walk, "Mode de calcul")
    walk.send("Coût mensuel × nombre de mois")
    assert walk.key == "bud.staff.0.monthly_cost", "not back at the review with 2 missing"
    walk.send("4000")
    assert walk.key == "bud.staff.0.months"
    walk.send("10")
    assert walk.key == "review"
    assert "Coût retenu pour le poste « Chargée de mission IAE » : 40 000,00 € (1 ETP)" in (
        walk.text
    )
    assert "💶 Budget — charges : 60 000,00 €" in walk.text
    assert "manquante" not in walk.text


def test_a_monthly_cost_typed_as_the_annual_one_is_pointed_out_before_the_months() -> None:
    """45 000 € "a month" for a full-time post would make 540 000 € a year: the applicant is
    asked at once whether it is the annual cost, and told how to correct it; never refused."""
    walk = Walk(today=DURING_CALL)
    walk.answers(script_lines()[:-1])
    _edit_first_staff_line(walk, "Mode de calcul")
    walk.send("Coût mensuel × nombre de mois")
    walk.send("45000")
    assert "45 000,00 € par mois pour un poste à temps plein, cela paraît élevé" in walk.text
    assert "s’agit-il d’un coût annuel ?" in walk.text
    assert walk.key == "bud.staff.0.months", "the answer is kept: a warning, not a refusal"


def test_a_net_salary_typed_as_the_annual_loaded_cost_is_pointed_out() -> None:
    walk = Walk(today=DURING_CALL)
    walk.answers(script_lines()[:-1])
    _edit_first_staff_line(walk, "Coût annuel")
    walk.send("2800 net")
    # a net salary at a loaded cost is asked back first; kept on « oui », it is pointed out
    assert "c’est un salaire net, alors que la question porte sur le coût chargé" in walk.text
    walk.send("oui")
    assert "2 800,00 € par an pour un poste à temps plein, cela paraît bas" in walk.text
    assert "s’agit-il d’un coût mensuel ou d’un salaire net ?" in walk.text
    # changed from the review: "précédent" would not lead back to it
    assert "« Modifier une réponse », partie Budget" in walk.text and "précédent" not in walk.text


def test_a_usual_full_time_cost_gets_no_warning() -> None:
    walk = Walk(today=DURING_CALL)
    walk.answers(script_lines()[:-1])
    _edit_first_staff_line(walk, "Coût annuel")
    walk.send("38 500")
    assert "Coût retenu pour le poste « Chargée de mission IAE » : 38 500,00 € (1 ETP)" in (
        walk.text
    )
    assert "paraît" not in walk.text


def test_what_counts_as_an_unlikely_cost_is_the_forms_usual_bounds(tmp_path: Path) -> None:
    """Salaries move from year to year: the bounds live in the form (`usual_minimum`,
    `usual_maximum`), and next year's form changes them without code."""
    form = SHIPPED_FORM.read_text(encoding="utf-8")
    bounds = "limits: {usual_minimum: 15000, usual_maximum: 150000}"
    assert bounds in form
    folder = tmp_path / "call"
    folder.mkdir()
    shutil.copy(SHIPPED_CALL.with_suffix(".source.txt"), folder)
    call = SHIPPED_CALL.read_text(encoding="utf-8")
    (folder / "appel.yaml").write_text(
        call.replace("form: ../forms/axe3.yaml", "form: formulaire.yaml"), encoding="utf-8"
    )
    (folder / "formulaire.yaml").write_text(
        form.replace(bounds, "limits: {usual_minimum: 40000, usual_maximum: 150000}"),
        encoding="utf-8",
    )
    walk = Walk(load_spec(folder / "appel.yaml"), today=DURING_CALL)
    walk.answers(script_lines()[:-1])
    _edit_first_staff_line(walk, "Coût annuel")
    walk.send("38 500")
    assert "38 500,00 € par an pour un poste à temps plein, cela paraît bas" in walk.text


def test_the_review_gives_the_departements_share_only_for_a_balanced_budget() -> None:
    """Resources short of the charges: « Département 60 000 € (100 %) » under the charges
    would read as full funding; the share appears once the budget balances."""
    walk = Walk(today=DURING_CALL)
    walk.answers(script_lines()[:-1])
    assert "Département 60 000,00 € (85,71 %)" in walk.text
    walk.dossier.budget.own_funds = None
    walk.dossier.budget.other_funders = []
    walk.dossier.budget.has_other_funders = False
    walk.send(Command("review"))
    assert "Département 60 000,00 €" in walk.text and "(100 %)" not in walk.text


def test_social_charges_given_as_a_share_of_the_staff_costs_are_asked_back_as_an_amount() -> None:
    """« environ 30% » at the social charges: 30 % of the 50 000 € of staff costs, asked back
    as 15 000 € before it is kept (not refused as « not a percentage »)."""
    lines = script_lines()
    walk = Walk(today=DURING_CALL)
    walk.answers(lines[: lines.index("15000")])
    assert walk.key == "bud.social"
    walk.send("environ 30%")
    assert "30 % de 50 000,00 €, cela fait 15 000,00 € : dois-je retenir ce montant ?" in (
        walk.text
    )
    assert walk.dossier.budget.social_charges is None
    walk.send("oui")
    assert walk.dossier.budget.social_charges == Decimal("15000.00")


def _at_the_departement_amount() -> Walk:
    lines = script_lines()
    walk = Walk(today=DURING_CALL)
    walk.answers(lines[: lines.index("60000")])
    assert walk.key == "bud.dept"
    return walk


def test_tout_at_the_departement_amount_is_asked_back_as_the_whole_cost() -> None:
    """« tout » at the Département's amount: the call sets no rate, so it means the whole
    cost of the action, asked back as that amount before it is kept."""
    walk = _at_the_departement_amount()
    charges = walk.dossier.budget
    assert charges.departement_request is None
    walk.send("La totalité")
    assert "Le coût total de l’opération est de 70 000,00 € : dois-je retenir ce montant ?" in (
        walk.text.replace("<b>", "").replace("</b>", "")
    )
    walk.send("oui")
    assert walk.dossier.budget.departement_request == Decimal("70000.00")


def test_a_share_at_the_departement_amount_is_a_share_of_the_cost() -> None:
    walk = _at_the_departement_amount()
    walk.send("80 %")
    assert "80 % de 70 000,00 €, cela fait 56 000,00 €" in walk.text.replace("<b>", "").replace(
        "</b>", ""
    )
    assert walk.dossier.budget.departement_request is None
    walk.send("56 000")
    assert walk.dossier.budget.departement_request == Decimal("56000.00")


def test_tout_after_other_resources_is_what_they_leave_uncovered() -> None:
    """Changed later, with other funders given: « tout » is the cost they leave uncovered."""
    walk = Walk(today=DURING_CALL)
    walk.answers(script_lines()[:-1])
    walk.answers(["Modifier une réponse", "Budget"])
    walk.send(Choose(walk.key, _button(walk, "Budget")))
    walk.send(Choose(walk.key, _button(walk, "Montant demandé au Département")))
    walk.send("tout")
    assert (
        "Le coût de l’opération (70 000,00 €) moins les autres ressources déjà indiquées "
        "(10 000,00 €), cela fait 60 000,00 €"
    ) in walk.text.replace("<b>", "").replace("</b>", "")
    walk.send("oui")
    assert walk.dossier.budget.departement_request == Decimal("60000.00")


def test_a_monthly_amount_at_the_monthly_cost_is_taken_as_typed() -> None:
    """« 2 500 € par mois » at the monthly cost of a post is what the question asks: taken,
    never asked back as « a monthly amount where an annual one is asked »."""
    lines = script_lines()
    walk = Walk(today=DURING_CALL)
    walk.answers(lines[: lines.index("50000") - 1])
    assert walk.key.endswith("cost_mode") or "mensuel" in walk.text
    walk.send(Choose(walk.key, _button(walk, "mensuel")))
    walk.send("2 500 € par mois")
    assert "montant annuel" not in walk.text
    [line] = walk.dossier.budget.staff
    assert line.monthly_cost == Decimal("2500.00")
