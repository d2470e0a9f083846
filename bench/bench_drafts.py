"""Draft rendering speed: a large dossier rendered many times in one process.

Prints the median time of the Markdown, DOCX (plan and cover letter) and XLSX renderers, of
the PDF conversion by LibreOffice when installed, and the median time pandoc takes to turn
the same Markdown into DOCX, in the same run. Targets: DOCX at most 0,3 × pandoc's time,
Markdown < 10 ms. Exits non-zero when the DOCX target is missed.
"""

from __future__ import annotations

import datetime as dt
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dialogs.dossier import CostLine, Dossier, ExtraIndicator, Funder, StaffLine
from dialogs.spec import load_shipped_spec
from drafts import render_drafts, render_markdown
from drafts.context import build_context
from drafts.docx import render_docx_context
from drafts.markdown import render_markdown_context
from drafts.pdf import PdfConverter

ROOT = Path(__file__).resolve().parent.parent
RUNS = 30


def large_dossier() -> Dossier:
    dossier = Dossier.model_validate_json(
        (ROOT / "examples" / "dossier-cerfa-complet.json").read_text("utf-8")
    )
    template = dossier.plan.actions["o1"][0]
    for oid in ("o1", "o2", "o3", "o4"):
        dossier.plan.actions[oid] = [
            template.model_copy(update={"title": f"{template.title} ({oid}-{n})"}) for n in range(5)
        ]
    staff = [
        StaffLine(
            role=f"Poste {n}", fte=Decimal("0.5"), cost_mode="annual", annual_cost=Decimal("40000")
        )
        for n in range(5)
    ]
    other = [
        CostLine(category=c, label=f"Charge {n}", amount=Decimal("1000"))
        for n, c in enumerate(["60", "61", "62", "63", "65"] * 1)
    ]
    funders = [
        Funder(category="etat", name=f"Financeur {n}", amount=Decimal("5000"), status="obtained")
        for n in range(5)
    ]
    dossier.budget.staff, dossier.budget.other_direct, dossier.budget.other_funders = (
        staff,
        other,
        funders,
    )
    dossier.indicators.extra = [
        ExtraIndicator(label=f"Indicateur propre {n}", target=n) for n in range(3)
    ]
    return dossier


def median_ms(function: object, runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()  # type: ignore[operator]
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> int:
    spec = load_shipped_spec("pdc-axe3-2025")
    dossier = large_dossier()
    today = dt.date(2025, 2, 1)

    render_drafts(spec, dossier, today, {"docx"})  # warm-up: templates loaded and compiled
    context = build_context(spec, dossier, today)
    context_ms = median_ms(lambda: build_context(spec, dossier, today))
    md_ms = median_ms(lambda: render_markdown_context(context))
    docx_ms = median_ms(lambda: render_docx_context(context))
    both_ms = median_ms(lambda: render_drafts(spec, dossier, today, {"docx"}))
    xlsx_ms = median_ms(lambda: render_drafts(spec, dossier, today, {"xlsx"}))
    print(f"Modèle de vue (relecture du dossier comprise) : médiane {context_ms:.1f} ms")
    print(f"Markdown : médiane {md_ms:.1f} ms depuis le modèle de vue (objectif < 10 ms)")
    print(f"DOCX     : médiane {docx_ms:.1f} ms depuis le modèle de vue (plan d’actions)")
    print(f"DOCX     : médiane {both_ms:.1f} ms en tout (modèle, plan et courrier)")
    print(f"XLSX     : médiane {xlsx_ms:.1f} ms en tout (modèle et classeur)")
    converter = PdfConverter.find()
    if converter is None:
        print("PDF      : LibreOffice absent, conversion non mesurée")
    else:
        render_drafts(spec, dossier, today, {"pdf"}, pdf=converter)  # first start: profile
        pdf_ms = median_ms(
            lambda: render_drafts(spec, dossier, today, {"pdf"}, pdf=converter), runs=3
        )
        print(f"PDF      : médiane {pdf_ms:.0f} ms (LibreOffice headless, profil déjà créé)")
    if shutil.which("pandoc") is None:
        print("pandoc absent : comparaison ignorée")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "plan.md"
        source.write_text(render_markdown(spec, dossier, today), encoding="utf-8")
        target = Path(tmp) / "plan.docx"
        pandoc_ms = median_ms(
            lambda: subprocess.run(["pandoc", str(source), "-o", str(target)], check=True), runs=10
        )
    ratio = docx_ms / pandoc_ms
    print(
        f"pandoc   : médiane {pandoc_ms:.1f} ms pour le même Markdown ; "
        f"DOCX / pandoc = {ratio:.2f} (objectif ≤ 0,3)"
    )
    return 0 if ratio <= 0.3 else 1


if __name__ == "__main__":
    sys.exit(main())
