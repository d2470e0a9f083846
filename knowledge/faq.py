"""Answers written by the Département's team (FAQ), reused for the same question later."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from knowledge.text import read_yaml

DEFAULT_FAQ_PATH = Path(__file__).resolve().parent / "faq.yaml"


@dataclass(frozen=True)
class FaqEntry:
    """A question answered by the Département's staff, and when. `source` names the
    section of the call the answer relies on ("" when it relies on none)."""

    question: str
    answer: str
    source: str = ""
    date: dt.date | None = None


def load_faq(path: Path) -> list[FaqEntry]:
    """FAQ entries from a YAML list of {question, answer, source, date}."""
    raw = read_yaml(path) or []
    entries = raw.get("entries", []) if isinstance(raw, dict) else raw
    found: list[FaqEntry] = []
    for item in entries:
        date = item.get("date")
        found.append(
            FaqEntry(
                question=str(item["question"]),
                answer=str(item["answer"]),
                source=str(item.get("source") or ""),
                date=dt.date.fromisoformat(str(date)) if date else None,
            )
        )
    return found
