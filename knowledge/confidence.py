"""How sure the knowledge base is that a passage's subject is the question's subject.

A logistic model over a few signals of the two readers (the bank's nearest examples and
the lexical ranker): how close the best passage's examples are, by how much it beats the
best passage of another section, whether the lexical ranker agrees on the section, how
close the nearest out-of-scope example is. Its weights are fitted by
`bench/kb_calibrate.py` on the question bank, each group of the bank left out in turn (so
the model learns from questions the bank had not seen, as in use), and stored with the
threshold in `confidence.yaml`. The threshold is chosen for (almost) no confident answer
from the wrong section and no out-of-scope question answered.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from knowledge.text import read_yaml

DEFAULT_MODEL_PATH = Path(__file__).resolve().parent / "confidence.yaml"

# The signals, in the model's order (see `knowledge.base.Signals.features`).
FEATURES = (
    "score",  # the best passage's score (bank similarity + lexical share)
    "bank",  # similarity of its nearest examples
    "lexical",  # its lexical score relative to the lexical ranker's best
    "coverage",  # share of the question's meaning its words cover
    "margin_section",  # score above the best passage of another section
    "margin_passage",  # score above the next passage of its own section
    "out_of_scope",  # similarity of the nearest out-of-scope examples
    "bank_over_out",  # bank similarity minus out-of-scope similarity
    "lexical_agrees",  # the lexical ranker's best passage is in the same section
    "bank_agrees",  # the bank's nearest label is in the same section
    "lexical_confident",  # the lexical ranker alone would answer from that section
    "lexical_coverage",  # coverage of the lexical ranker's best passage
    "unknown",  # words of the question neither the call nor the bank uses
    "unknown_share",  # their share of the question's words
    "section_coverage",  # share of the question's meaning its section covers
    "elsewhere",  # how much more of it another section covers
    "bank_vote",  # share of the bank's 20 nearest texts from the answer's section
    "length",  # log(1 + meaningful words of the question): long questions dilute similarity
    # (1 - coverage) × margin_section: the section's margin when the question shares few
    # of the passage's words. Fitted (kb7) with a negative weight: such a margin is worth
    # less than a covered question's (an out-of-scope question lands clearly on the one
    # passage sharing its few words: "le numéro de la CAF" on the contact), which lets
    # the model trust the margin of well-covered questions more (leave-one-group-out: 14
    # more answered from the right section, no more errors).
    "paraphrase",
)


@dataclass(frozen=True)
class ConfidenceModel:
    means: tuple[float, ...]
    scales: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float
    threshold: float

    def probability(self, features: Sequence[float]) -> float:
        z = self.bias + sum(
            w * (x - m) / s
            for w, x, m, s in zip(self.weights, features, self.means, self.scales, strict=True)
        )
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_yaml(self) -> dict[str, object]:
        return {
            "threshold": round(self.threshold, 4),
            "bias": round(self.bias, 6),
            "features": {
                name: {"mean": round(m, 6), "scale": round(s, 6), "weight": round(w, 6)}
                for name, m, s, w in zip(
                    FEATURES, self.means, self.scales, self.weights, strict=True
                )
            },
        }


def load_model(path: Path = DEFAULT_MODEL_PATH) -> ConfidenceModel:
    raw = read_yaml(path)
    features: Mapping[str, Mapping[str, float]] = raw["features"]
    if tuple(features) != FEATURES:
        raise ValueError(f"{path} : signaux attendus {FEATURES}, trouvés {tuple(features)}")
    return ConfidenceModel(
        means=tuple(float(f["mean"]) for f in features.values()),
        scales=tuple(float(f["scale"]) for f in features.values()),
        weights=tuple(float(f["weight"]) for f in features.values()),
        bias=float(raw["bias"]),
        threshold=float(raw["threshold"]),
    )
