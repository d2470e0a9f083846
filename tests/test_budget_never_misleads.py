"""The budget never misleads (a tester's findings 4, 5, 6, 9 and 10): overheads typed as a
direct charge, a monthly figure at an annual cost, the FTE a correction targets, the advice a
filing draft carries, « le reste » before the other funders are known."""

from __future__ import annotations

from decimal import Decimal

from dialogs.dossier import CostLine
from dialogs.events import Choose
from dialogs.review import review
from dialogs.rules import budget_totals, derive
from drafts import render_drafts
from drafts.typography import plain
from tests.support import DURING_CALL, Walk, walk_replacing, walk_to


def _said(walk: Walk) -> str:
    return walk.text.replace("<b>", "").replace("</b>", "")


# -- a monthly figure at an annual cost -------------------------------------------------------
def test_a_monthly_cost_at_the_annual_cost_offers_its_year_first() -> None:
    """« 3750 par mois » at the annual cost asked « Dois-je tout de même retenir 3 750 € ? » and
    « oui » stored 3 750 € a year (7 500 € for 2 ETP). The year's figure, 45 000 €, is offered
    first; the figure as typed stays the other choice."""
    walk = walk_to("bud.staff.0.annual_cost")
    walk.send("3750 par mois")
    said = _said(walk)
    assert "c’est un montant mensuel" in said and "soit 45 000,00 € par an" in said, said
    buttons = [b for m in walk.last.messages for b in m.buttons]
    assert [b.label for b in buttons[:2]] == ["45 000,00 €", "3 750,00 €"], buttons
    assert walk.dossier.budget.staff[0].annual_cost is None
    walk.send(Choose(walk.key, buttons[0].id))
    assert walk.dossier.budget.staff[0].annual_cost == Decimal("45000.00")


def test_an_annual_cost_at_the_monthly_cost_offers_its_month_first() -> None:
    """The other way round: « 42 000 par an » at the monthly cost offers 3 500 € a month."""
    walk = walk_to("bud.staff.0.cost_mode")
    walk.send("Coût mensuel")
    walk.send("42 000 par an")
    said = _said(walk)
    assert "soit 3 500,00 € par mois" in said, said
    buttons = [b for m in walk.last.messages for b in m.buttons]
    walk.send(Choose(walk.key, buttons[0].id))
    assert walk.dossier.budget.staff[0].monthly_cost == Decimal("3500.00")


# -- the advice a version to file carries ---------------------------------------------------------
def _complete_paying(fte: str) -> Walk:
    """The complete script, its post paid for `fte` FTE and the Département's amount moved by
    as much, so that the budget stays balanced (the actions still add up to 1 FTE)."""
    walk = walk_replacing({})
    dossier = walk.dossier
    dossier.budget.staff[0].fte = Decimal(fte)
    derive(walk.engine.spec, dossier)
    totals = budget_totals(walk.engine.spec, dossier)
    assert dossier.budget.departement_request is not None
    dossier.budget.departement_request += totals.charges - totals.resources
    return walk


def test_a_version_to_file_says_the_budget_pays_more_fte_than_the_actions() -> None:
    """A tester's happy case: the budget paid 2 ETP (90 000 €) while the actions add up to
    1 ETP; the review said so (💡), the « Version à déposer » said nothing. The call sets no
    rule on it (advice: the dossier stays fileable), but the draft says it before filing."""
    walk = _complete_paying("2")
    report = review(walk.engine.spec, walk.dossier, DURING_CALL)
    assert report.fileable, report.warnings
    assert any(w.code == "fte_budget_above" for w in report.warnings)
    drafts = render_drafts(walk.engine.spec, walk.dossier, DURING_CALL, {"md"})
    text = plain(drafts.files[0].content.decode("utf-8"))
    assert "Version à déposer" in text
    head = text.split("## Synthèse")[0]
    assert "À vérifier avant le dépôt" in head, head
    assert "Les frais de personnel du budget comptent 2 ETP" in head, head


# -- overheads typed as a direct charge -------------------------------------------------------
OVERHEADS = "frais de structure (quote-part loyer du siège, compta, assurance)"


def test_overheads_typed_as_a_direct_charge_are_said_to_be_indirect_costs_at_once() -> None:
    """A tester typed « frais de structure (quote-part loyer du siège…) » as a direct charge:
    accepted, nothing said, while the call counts them as indirect costs, capped at 20 % of
    the staff costs. The bot says so at once, quoting the call, and says both ways out."""
    walk = walk_to("bud.other.0.label")
    walk.send(OVERHEADS)
    said = _said(walk)
    assert "charges indirectes" in said and "20 %" in said, said
    assert "dans la limite de 20% du montant des charges directes de personnel" in said, said
    assert "justifi" in said, said  # keeping them direct: a justification
    assert walk.dossier.budget.other_direct[0].label == OVERHEADS  # nothing typed is lost


def test_a_plain_direct_charge_is_not_taken_for_overheads() -> None:
    """Nor a charge that says why it is attached to the operation."""
    walk = walk_to("bud.other.0.label")
    walk.send("déplacements des chargés de mission")
    assert "charges indirectes" not in _said(walk)
    walk = walk_to("bud.other.0.label")
    walk.send("quote-part du loyer du local dédié à l'action")
    assert "charges indirectes" not in _said(walk)


def _complete_with_overheads(amount: str) -> Walk:
    """The complete script, then a direct charge of overheads for `amount` and the
    Département's amount moved by as much (the budget stays balanced)."""
    walk = walk_replacing({})
    dossier = walk.dossier
    dossier.budget.has_other_direct = True
    dossier.budget.other_direct.append(
        CostLine(category="61", label=OVERHEADS, amount=Decimal(amount))
    )
    derive(walk.engine.spec, dossier)
    totals = budget_totals(walk.engine.spec, dossier)
    assert dossier.budget.departement_request is not None
    dossier.budget.departement_request += totals.charges - totals.resources
    return walk


def test_overheads_that_would_break_the_cap_keep_the_dossier_from_ready() -> None:
    """15 000 € of overheads as a direct charge with the maximum indirect costs on top: the
    overheads far above the 20 % cap, no warning, « prêt ». Now a rule of the call broken."""
    walk = _complete_with_overheads("15000")
    report = review(walk.engine.spec, walk.dossier, DURING_CALL)
    found = [w for w in report.warnings if w.code == "overheads_as_direct"]
    assert found and found[0].kind == "rule", report.warnings
    assert OVERHEADS in found[0].message and "charges indirectes" in found[0].message
    assert not report.ready


def test_a_small_overhead_within_the_cap_is_only_flagged() -> None:
    """100 € of « frais de gestion » as a direct charge, no indirect costs: counted with
    them, they stay within the cap. Flagged (advice), the dossier still ready."""
    walk = walk_replacing({})
    dossier = walk.dossier
    dossier.budget.indirect_maximum = False
    dossier.budget.indirect = Decimal(0)
    dossier.budget.has_other_direct = True
    line = CostLine(category="62", label="frais de gestion", amount=Decimal(100))
    dossier.budget.other_direct.append(line)
    totals = budget_totals(walk.engine.spec, dossier)
    assert dossier.budget.departement_request is not None
    dossier.budget.departement_request += totals.charges - totals.resources
    report = review(walk.engine.spec, dossier, DURING_CALL)
    found = [w for w in report.warnings if w.code == "overheads_as_direct"]
    assert found and found[0].kind == "advice", report.warnings
    assert report.ready


# -- « le reste » at the Département's amount -------------------------------------------------
def test_le_reste_before_the_other_funders_says_what_it_would_mean() -> None:
    """« le reste » at the Département's amount proposed the whole cost, no word that the
    other funders come after. What it means is said (the cost less the other resources typed
    so far: none yet) and asked back."""
    walk = walk_to("bud.dept")
    walk.send("le reste")
    said = _said(walk)
    assert "aucune pour l’instant" in said, said
    assert "envoyez plutôt le montant demandé au Département" in said, said
    assert walk.dossier.budget.departement_request is None


def test_a_co_funder_that_unbalances_the_budget_offers_to_lower_the_departements_amount() -> None:
    """The whole cost asked of the Département, then the Région's 10 000 €: « écart :
    -10 000 € » and nothing else. Said at once, with the Département's amount that balances."""
    walk = walk_to("bud.dept")
    walk.send("le reste")
    walk.send("oui")
    for typed in ("oui", "region", "Région Hauts-de-France"):
        walk.send(typed)
    assert walk.key == "bud.funders.0.amount"
    walk.send("10000")
    said = _said(walk)
    assert "dépassent maintenant le coût de l’opération" in said, said
    assert "de 70 000,00 € à 60 000,00 €" in said, said


# -- the FTE a correction targets ---------------------------------------------------------------
def _at_review() -> Walk:
    walk = walk_replacing({})
    assert walk.key == "review"
    return walk


def test_etp_du_poste_1_at_the_edit_menu_opens_the_budget_posts_fte() -> None:
    """Récapitulatif → Modifier, « etp du poste 1 » then 0,5 changed the organisation's total
    FTE (7,5 → 0,5), not the budget post's."""
    walk = _at_review()
    walk.send(Choose("review", "edit"))
    walk.send("etp du poste 1")
    assert walk.key == "bud.staff.0.fte", walk.text
    walk.send("0,5")
    assert walk.dossier.budget.staff[0].fte == Decimal("0.5")
    assert walk.dossier.organisation.employees_fte != Decimal("0.5")


def test_a_correction_naming_the_post_opens_its_fte() -> None:
    walk = _at_review()
    walk.send("en fait l'etp du poste 1 c'est 0,8")
    assert walk.dossier.budget.staff[0].fte == Decimal("0.8"), walk.text


def test_an_organisation_with_fewer_fte_than_the_budget_pays_is_flagged() -> None:
    """« 9 salariés, 0,5 ETP » while the budget pays 1 ETP: nothing said. Advised (a hire
    for the operation may explain it)."""
    walk = _at_review()
    walk.dossier.organisation.employees_fte = Decimal("0.5")
    report = review(walk.engine.spec, walk.dossier, DURING_CALL)
    found = [w for w in report.warnings if w.code == "fte_above_organisation"]
    assert found and found[0].kind == "advice", report.warnings
    assert "0,5 ETP" in found[0].message and "1 ETP" in found[0].message, found[0].message


def test_etp_alone_at_the_edit_menu_asks_which_fte() -> None:
    """« etp » alone names the organisation's FTE as well as the budget post's: asked back,
    a button each, never the organisation's taken unasked."""
    walk = _at_review()
    walk.send(Choose("review", "edit"))
    walk.send("etp")
    assert "Quelle réponse voulez-vous corriger" in walk.text, walk.text
    labels = [b.label for m in walk.last.messages for b in m.buttons]
    assert any("Salariés en équivalents temps plein" in label for label in labels), labels
    assert any("Poste 1" in label and "ETP" in label for label in labels), labels
    post = next(b for m in walk.last.messages for b in m.buttons if "Poste 1" in b.label)
    walk.send(Choose(walk.key, post.id))
    assert walk.key == "bud.staff.0.fte", walk.text


def test_overheads_typed_as_a_direct_charge_are_offered_to_move_to_the_indirect_costs() -> None:
    """At the indirect costs, the overheads typed as a direct charge are said and offered:
    moved there within the cap, their direct line kept with its label at 0."""
    walk = walk_to("bud.other.0.label")
    walk.send(OVERHEADS)
    walk.send("15000")
    while walk.key != "bud.indirect":
        walk.send("non")
    said = _said(walk)
    assert "de frais de structure" in said and "ce sont des charges indirectes" in said, said
    buttons = [b for m in walk.last.messages for b in m.buttons]
    moved = next(b for b in buttons if "Y reporter les frais de structure" in b.label)
    cap = budget_totals(walk.engine.spec, walk.dossier).indirect_cap
    assert cap < Decimal(15000)
    walk.send(Choose(walk.key, moved.id))
    budget = walk.dossier.budget
    assert budget.indirect == cap
    assert budget.other_direct[0].label == OVERHEADS
    assert budget.other_direct[0].amount == 0
    report = review(walk.engine.spec, walk.dossier, DURING_CALL)
    assert not [w for w in report.warnings if w.code == "overheads_as_direct"]
    assert "Frais de structure reportés dans les charges indirectes" in _said(walk)


def test_reporter_typed_without_overheads_is_no_answer_taken() -> None:
    """The word of the overheads' offer typed where there are none stores nothing."""
    walk = walk_to("bud.indirect")
    walk.send("reporter")
    assert walk.dossier.budget.indirect is None
