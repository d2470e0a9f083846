"""/brouillon on a dossier whose budget is not entered yet: the draft said « Budget
équilibré : total des charges = total des produits = 0 € » and « Plafond des charges
indirectes : 20 % des charges directes de personnel (0 €), soit 0 € ; respecté ». Nothing
entered is neither balanced nor within a cap: it is « à compléter ». The drafts are read
back."""

from __future__ import annotations

import io
from decimal import Decimal

from docx import Document
from openpyxl import load_workbook

from dialogs.budget import ZERO
from dialogs.dossier import StaffLine
from drafts import render_drafts
from drafts.typography import plain
from tests.support import DURING_CALL, Walk, walk_to


def drafts_text(walk: Walk) -> dict[str, str]:
    drafts = render_drafts(walk.engine.spec, walk.dossier, DURING_CALL, {"md", "docx"})
    texts = {}
    for f in drafts.files:
        if f.name.endswith(".docx"):
            texts[f.name] = "\n".join(p.text for p in Document(io.BytesIO(f.content)).paragraphs)
        else:
            texts[f.name] = f.content.decode("utf-8")
    return {name: plain(text) for name, text in texts.items()}


def test_a_budget_not_entered_is_neither_balanced_nor_within_its_cap() -> None:
    walk = walk_to("plan.context")
    for name, text in drafts_text(walk).items():
        if "plan" not in name:
            continue
        assert "Budget équilibré" not in text, name
        assert "respecté" not in text, name
        assert "Budget à compléter : aucune charge ni aucun produit n’est encore renseigné" in (
            text
        ), name
        assert (
            "Plafond des charges indirectes : 20 % des charges directes de personnel ; à "
            "compléter (frais de personnel non renseignés)." in text
        ), name


def test_staff_costs_without_indirect_costs_yet_leave_the_cap_to_complete() -> None:
    walk = walk_to("bud.indirect")
    text = next(t for n, t in drafts_text(walk).items() if n.endswith(".md"))
    assert "respecté" not in text
    assert "à compléter (charges indirectes non renseignées)" in text


def test_a_complete_budget_still_says_balanced_and_within_the_cap() -> None:
    walk = walk_to("review")
    text = next(t for n, t in drafts_text(walk).items() if n.endswith(".md"))
    assert "Budget équilibré : total des charges = total des produits" in text
    assert "; respecté." in text


def test_the_workbooks_cap_check_waits_for_staff_costs() -> None:
    """The CERFA workbook's « Charges indirectes dans le plafond ? » answered « oui » with
    0 € of indirect costs under a 0 € cap."""
    walk = walk_to("plan.context")
    drafts = render_drafts(walk.engine.spec, walk.dossier, DURING_CALL, {"xlsx"})
    sheet = load_workbook(io.BytesIO(drafts.files[0].content))["Budget CERFA"]
    cells = {c.coordinate: c.value for row in sheet.iter_rows() for c in row}
    label = next(k for k, v in cells.items() if v == "Charges indirectes dans le plafond ?")
    check = str(cells[f"D{label[1:]}"])
    assert check.startswith("=IF(") and '=0,"à compléter",IF(' in check


def test_only_the_departements_request_entered_leaves_charges_to_complete_not_exceeded() -> None:
    """Only the Département's 30 000 € entered: the CERFA printed « [À compléter : total des
    charges] » while the balance line said « les produits dépassent les charges de
    30 000 € ». Both read the same figures given (`declared_totals`): charges to complete."""
    walk = walk_to("plan.context")
    walk.dossier.budget.departement_request = Decimal("30000")
    for name, text in drafts_text(walk).items():
        if "plan" not in name:
            continue
        assert "dépassent" not in text, name
        assert "Budget à compléter : aucune charge n’est encore renseignée." in text, name
        if name.endswith(".md"):  # the docx's CERFA table is not in its paragraphs
            assert "[À compléter : total des charges]" in text, name


def test_staff_costs_entered_as_0_are_a_cap_of_0_not_staff_costs_to_complete() -> None:
    """A staff line costed 0 € is declared: the cap line and the workbook check it as 0 €,
    like the CERFA table; only staff costs not entered at all are « à compléter »."""
    walk = walk_to("plan.context")
    walk.dossier.budget.staff = [
        StaffLine(role="Bénévole", fte=Decimal("1"), cost_mode="annual", annual_cost=ZERO)
    ]
    walk.dossier.budget.indirect = ZERO
    text = next(t for n, t in drafts_text(walk).items() if n.endswith(".md"))
    assert "frais de personnel non renseignés" not in text
    assert "(0 €), soit 0 € ; respecté." in text
    drafts = render_drafts(walk.engine.spec, walk.dossier, DURING_CALL, {"xlsx"})
    sheet = load_workbook(io.BytesIO(drafts.files[0].content))["Budget CERFA"]
    cells = {c.coordinate: c.value for row in sheet.iter_rows() for c in row}
    label = next(k for k, v in cells.items() if v == "Charges indirectes dans le plafond ?")
    assert str(cells[f"D{label[1:]}"]).startswith("=IF(D")
    assert "à compléter" not in str(cells[f"D{label[1:]}"])


def test_the_workbooks_cap_check_waits_for_indirect_costs_like_the_cap_line() -> None:
    walk = walk_to("bud.indirect")
    drafts = render_drafts(walk.engine.spec, walk.dossier, DURING_CALL, {"xlsx"})
    sheet = load_workbook(io.BytesIO(drafts.files[0].content))["Budget CERFA"]
    cells = {c.coordinate: c.value for row in sheet.iter_rows() for c in row}
    label = next(k for k, v in cells.items() if v == "Charges indirectes dans le plafond ?")
    check = str(cells[f"D{label[1:]}"])
    waiting = check[len("=IF(D") : check.index("=0,")]
    assert cells[f"A{waiting}"] != "64"  # the indirect costs' cell, not the staff costs'
    assert "indirect" in str(cells[f"B{waiting}"]).lower()
    assert check.count("=0,") == 1 and '=0,"à compléter",IF(' in check
