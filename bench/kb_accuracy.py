"""Accuracy of the knowledge base on tests/data/kb_questions.yaml.

Prints top-1 accuracy (confident answer from the expected section) on in-scope questions,
the number of out-of-scope questions answered with confidence, the same on the held-out
part, and build/query times. Exits 1 below the targets (≥ 90 % in scope, 0 out of scope).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from knowledge.base import KnowledgeBase  # noqa: E402

QUESTIONS = ROOT / "tests" / "data" / "kb_questions.yaml"
MIN_ACCURACY = 0.90


def main() -> int:
    data: dict[str, list[dict[str, Any]]] = yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))
    started = time.perf_counter()
    kb = KnowledgeBase.build(faq_entries=[])
    build_ms = (time.perf_counter() - started) * 1000
    timings: list[float] = []

    def timed_ask(question: str) -> Any:
        t0 = time.perf_counter()
        answer = kb.ask(question)
        timings.append((time.perf_counter() - t0) * 1000)
        return answer

    rows: dict[str, list[bool]] = {"in": [], "in_holdout": [], "out": [], "out_holdout": []}
    for item in data["in_scope"]:
        answer = timed_ask(item["q"])
        ok = answer.confident and answer.source == item["section"]
        rows["in_holdout" if item.get("holdout") else "in"].append(ok)
        if not ok:
            got = answer.source or "(non confiant)"
            print(f"  manqué : {item['q']!r} → {got} (attendu : {item['section']})")
    for item in data["out_of_scope"]:
        answer = timed_ask(item["q"])
        rows["out_holdout" if item.get("holdout") else "out"].append(answer.confident)
        if answer.confident:
            print(f"  hors sujet répondu : {item['q']!r} → {answer.source}")

    all_in = rows["in"] + rows["in_holdout"]
    all_out = rows["out"] + rows["out_holdout"]
    accuracy = sum(all_in) / len(all_in)
    confident_out = sum(all_out)
    print(f"in-scope top-1 accuracy: {accuracy:.1%} ({sum(all_in)}/{len(all_in)})")
    held = rows["in_holdout"]
    print(
        f"  calibration part: {sum(rows['in'])}/{len(rows['in'])}, "
        f"held-out: {sum(held)}/{len(held)}"
    )
    print(f"out-of-scope answered with confidence: {confident_out}/{len(all_out)}")
    print(
        f"  calibration part: {sum(rows['out'])}/{len(rows['out'])}, "
        f"held-out: {sum(rows['out_holdout'])}/{len(rows['out_holdout'])}"
    )
    print(f"build time: {build_ms:.1f} ms, median query time: {statistics.median(timings):.2f} ms")
    if accuracy < MIN_ACCURACY or confident_out > 0:
        print("BELOW TARGET")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
