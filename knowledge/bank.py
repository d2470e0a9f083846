"""The question bank (`bank.yaml`): example questions labelled with the passage that answers.

Loaded against a call's passages: each label (a few words of the passage, of a list's
lead, or a section path) must point at exactly one passage of that call, or loading fails
with a `BankError` naming the label. Out-of-scope examples carry no passage.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from knowledge.passages import Passage
from knowledge.text import fold, read_yaml

DEFAULT_BANK_PATH = Path(__file__).resolve().parent / "bank.yaml"


class BankError(ValueError):
    """A bank whose labels do not fit the call (the message names the label)."""


@dataclass(frozen=True)
class Example:
    """A labelled question: `passage_id` is None for a question the call does not answer."""

    question: str
    passage_id: str | None
    group: str


@functools.lru_cache(maxsize=1024)
def _folded(text: str) -> str:
    return fold(" ".join(text.split()))


def _match(label: dict[str, object], passages: Sequence[Passage], where: str) -> Passage:
    kinds = {"passage": ("sentence", "bullet", "contact"), "list": ("list",), "section": ()}
    given = [key for key in kinds if key in label]
    if len(given) != 1:
        raise BankError(f"{where} : une et une seule clé parmi passage, list, section")
    key = given[0]
    words = fold(" ".join(str(label[key]).split()))
    if key == "section":
        found = [p for p in passages if p.kind == "section" and fold(p.section) == words]
    else:
        found = [p for p in passages if p.kind in kinds[key] and words in _folded(p.own)]
    if len(found) != 1:
        count = "aucun passage" if not found else f"{len(found)} passages"
        raise BankError(f"{where} : « {label[key]} » désigne {count} de l’appel")
    return found[0]


def _questions(raw: object, where: str) -> list[tuple[str, str]]:
    """(group, question) pairs from {group: [questions]}."""
    if raw is None:
        return []
    if not isinstance(raw, dict):
        raise BankError(f"{where} : questions attendues par groupe ({{groupe: [questions]}})")
    pairs: list[tuple[str, str]] = []
    for group, questions in raw.items():
        if not isinstance(questions, list) or not all(isinstance(q, str) for q in questions):
            raise BankError(f"{where}, groupe {group} : une liste de questions attendue")
        pairs.extend((str(group), q) for q in questions)
    return pairs


def load_bank(path: Path, passages: Sequence[Passage]) -> list[Example]:
    """The bank's examples, each resolved to a passage id of `passages`."""
    return bank_examples(read_yaml(path) or {}, passages, path.name)


def bank_examples(raw: object, passages: Sequence[Passage], name: str) -> list[Example]:
    """The examples of a bank's data (`name`: its file's, for the errors)."""
    if not isinstance(raw, dict):
        raise BankError(f"{name} : un dictionnaire passages / out_of_scope attendu")
    examples: list[Example] = []
    for index, label in enumerate(raw.get("passages") or [], start=1):
        where = f"{name}, étiquette n° {index}"
        if not isinstance(label, dict):
            raise BankError(f"{where} : passage, list ou section attendu")
        passage = _match(label, passages, where)
        examples.extend(
            Example(q, passage.id, group) for group, q in _questions(label.get("questions"), where)
        )
    for group, q in _questions(raw.get("out_of_scope"), f"{name}, out_of_scope"):
        examples.append(Example(q, None, group))
    return examples
