"""Draft rendering speed: a large dossier rendered many times in one process.

Prints the median time of the Markdown and DOCX renderers and, when pandoc is installed,
the median time pandoc takes to turn the same Markdown into DOCX. Targets: DOCX < 150 ms,
Markdown < 10 ms, DOCX at most half of pandoc's time.
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
from drafts import render_docx, render_markdown

ROOT = Path(__file__).resolve().parent.parent
RUNS = 30


def large_dossier() -> Dossier:
    dossier = Dossier.model_validate_json(
        (ROOT / "examples" / "dossier-exemple.json").read_text("utf-8")
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
        Funder(name=f"Financeur {n}", amount=Decimal("5000"), status="obtained") for n in range(5)
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


def main() -> None:
    spec = load_shipped_spec("pdc-axe3-2025")
    dossier = large_dossier()
    today = dt.date(2025, 2, 1)
    render_docx(spec, dossier, today)  # warm-up: template loading and compilation
    md_ms = median_ms(lambda: render_markdown(spec, dossier, today))
    docx_ms = median_ms(lambda: render_docx(spec, dossier, today))
    print(f"Markdown : médiane {md_ms:.1f} ms (objectif < 10 ms)")
    print(f"DOCX     : médiane {docx_ms:.1f} ms (objectif < 150 ms)")
    if shutil.which("pandoc") is None:
        print("pandoc absent : comparaison ignorée")
        return
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "plan.md"
        source.write_text(render_markdown(spec, dossier, today), encoding="utf-8")
        target = Path(tmp) / "plan.docx"
        pandoc_ms = median_ms(
            lambda: subprocess.run(["pandoc", str(source), "-o", str(target)], check=True), runs=10
        )
    print(
        f"pandoc   : médiane {pandoc_ms:.1f} ms ; DOCX / pandoc = {docx_ms / pandoc_ms:.2f} (objectif ≤ 0,5)"
    )


if __name__ == "__main__":
    main()
