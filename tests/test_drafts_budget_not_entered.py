"""/brouillon on a dossier whose budget is not entered yet: the draft said « Budget
équilibré : total des charges = total des produits = 0 € » and « Plafond des charges
indirectes : 20 % des charges directes de personnel (0 €), soit 0 € ; respecté ». Nothing
entered is neither balanced nor within a cap: it is « à compléter ». The drafts are read
back."""

from __future__ import annotations

import io

from docx import Document
from openpyxl import load_workbook

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
