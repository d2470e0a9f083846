"""Fit the knowledge base's confidence model on the question bank, and measure it.

Each group of the bank is left out in turn: a base is built without it and its questions
are asked, which gives the signals of questions the bank has not seen (as in use) and
whether the best passage is from the expected section (out-of-scope questions: never).
A logistic model is fitted on these rows; its figures are measured the same way (the
model fitted without the group it is tested on), then it is fitted on every row and
written with the chosen threshold to knowledge/confidence.yaml.

    .venv/bin/python bench/kb_calibrate.py          # measure only (as `make bench` does)
    .venv/bin/python bench/kb_calibrate.py --write  # measure and write confidence.yaml

The threshold maximises, in that measure, the questions answered from the right section
minus `ERROR_COST` times the errors (an answer from the wrong section, an out-of-scope
question answered): a wrong answer misleads, a declined one only costs a question to the
team.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import numpy.typing as npt
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from knowledge.bank import load_bank  # noqa: E402
from knowledge.base import DEFAULT_CALL_PATH, KnowledgeBase, ambiguous  # noqa: E402
from knowledge.confidence import DEFAULT_MODEL_PATH, FEATURES, ConfidenceModel  # noqa: E402
from knowledge.passages import load_call  # noqa: E402

Array = npt.NDArray[np.float64]
ERROR_COST = 30
# Ridge penalty: from 10 to 50 the model is less sure of itself and, at the chosen
# threshold, answers about 4 % more of the bank for one more error than with 1. With the
# vote and length signals (18 signals, 22 groups), the calibration's value was 1374 at 20,
# 1377 at 30, 1385 at 40, 1363 at 50, 1365 at 60: 40, within the noise of one error.
L2 = 40.0


QUESTIONS: list[str] = []


def rows() -> tuple[Array, Array, Array, list[str]]:
    """Features, section-correct (1/0), out-of-scope (1/0) and group of each question."""
    passages = load_call(DEFAULT_CALL_PATH)
    sections = {p.id: p.section for p in passages}
    bank = load_bank(ROOT / "knowledge" / "bank.yaml", passages)
    features: list[list[float]] = []
    correct: list[float] = []
    outside: list[float] = []
    groups: list[str] = []
    for group in sorted({e.group for e in bank}):
        kb = KnowledgeBase.build(faq_entries=[], examples=[e for e in bank if e.group != group])
        for example in (e for e in bank if e.group == group):
            signals = kb.signals(example.question)
            ranking = kb.ranking(example.question, signals)
            if not signals.has_subject or not ranking or signals.unanswered is not None:
                continue  # declined before the model is asked
            row = kb.features(signals, ranking)
            if ambiguous(row):
                continue  # declined whatever the model says
            features.append(row)
            expected = sections.get(example.passage_id or "")
            correct.append(float(expected == kb.section_of(ranking[0][0])))
            outside.append(float(example.passage_id is None))
            groups.append(group)
            QUESTIONS.append(f"{example.question!r} → {ranking[0][0]} ({example.passage_id})")
    return np.asarray(features), np.asarray(correct), np.asarray(outside), groups


def fit(x: Array, y: Array) -> ConfidenceModel:
    """L2-regularised logistic regression (Newton's method) on standardised features."""
    # A signal constant over the rows (one `ambiguous` screens on) keeps scale 1: weight 0.
    spread = x.std(axis=0)
    means, scales = x.mean(axis=0), np.where(spread > 1e-6, spread, 1.0)
    design = np.c_[np.ones(len(x)), (x - means) / scales]
    w = np.zeros(design.shape[1])
    penalty = L2 * np.diag(np.r_[0.0, np.ones(len(w) - 1)])
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-design @ w))
        gradient = design.T @ (p - y) + penalty @ w
        hessian = design.T @ (design * (p * (1 - p))[:, None]) + penalty
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return ConfidenceModel(
        means=tuple(means.tolist()),
        scales=tuple(scales.tolist()),
        weights=tuple(w[1:].tolist()),
        bias=float(w[0]),
        threshold=0.5,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--write", action="store_true", help="write knowledge/confidence.yaml")
    parser.add_argument("-v", "--verbose", action="store_true", help="list confident errors")
    args = parser.parse_args()
    x, correct, outside, groups = rows()
    group_of = np.asarray(groups)
    probability = np.zeros(len(x))
    for group in sorted(set(groups)):
        held = group_of == group
        model = fit(x[~held], correct[~held])
        probability[held] = [model.probability(row) for row in x[held]]
    in_scope = int((outside == 0).sum())
    print(f"{len(x)} questions ({in_scope} in scope), each group left out in turn:")
    best_value, threshold = -1e9, 0.9
    for candidate in np.arange(0.30, 1.0, 0.01):
        confident = probability >= candidate
        right = int((confident & (correct == 1)).sum())
        wrong = int((confident & (correct == 0) & (outside == 0)).sum())
        answered_out = int((confident & (outside == 1)).sum())
        print(
            f"  threshold {candidate:.2f}: right section {right / in_scope:6.1%}"
            f"  wrong section {wrong:3d}  out of scope answered {answered_out:3d}"
        )
        value = right - ERROR_COST * (wrong + answered_out)
        if value > best_value:
            best_value, threshold = value, float(candidate)
    if args.verbose:
        # The errors above the threshold, and those just below it (what a lower one risks).
        for index in np.argsort(-probability):
            if probability[index] < threshold - 0.15:
                break
            if not correct[index]:
                print(f"  p={probability[index]:.2f} {QUESTIONS[index]}")
    final = fit(x, correct)
    final = ConfidenceModel(final.means, final.scales, final.weights, final.bias, threshold)
    print(f"chosen threshold: {threshold:.2f} (value {best_value:.0f})")
    for name, weight in zip(FEATURES, final.weights, strict=True):
        print(f"  {name:<18} {weight:+.2f}")
    if args.write:
        header = "# Written by bench/kb_calibrate.py (see knowledge/confidence.py); do not edit.\n"
        text = yaml.safe_dump(final.to_yaml(), sort_keys=False, allow_unicode=True)
        DEFAULT_MODEL_PATH.write_text(header + text, encoding="utf-8")
        print(f"written: {DEFAULT_MODEL_PATH.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
