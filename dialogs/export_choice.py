"""Which files `/export` sends: the three formats, or those named after the command.

An officer typed « /export csv » to get the spreadsheet Excel opens, and received the three
files without a word on the « csv » (a tester's finding): words after the command chose
nothing. They now choose the formats (« /export csv json », « /export excel »); a word that
names no format is asked back, nothing exported, rather than ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dialogs.parsing import fold

#: The export's formats, in the order its files are sent.
KINDS = ("xlsx", "csv", "json")
#: Words naming a format, as typed (folded: lower case, no accents).
FORMAT_WORDS = {
    "xlsx": "xlsx",
    "excel": "xlsx",
    "classeur": "xlsx",
    "tableur": "xlsx",
    "csv": "csv",
    "json": "json",
}
#: Words said around the formats, which choose nothing (« seulement le csv »).
FILLER = frozenset(
    [
        "et",
        "en",
        "le",
        "la",
        "les",
        "l",
        "du",
        "des",
        "de",
        "au",
        "format",
        "formats",
        "fichier",
        "fichiers",
        "seulement",
        "uniquement",
        "que",
        "juste",
        "svp",
        "stp",
        "merci",
    ]
)


@dataclass(frozen=True)
class ExportChoice:
    """The formats to send (in `KINDS` order), and the words that name none."""

    kinds: tuple[str, ...]
    unknown: tuple[str, ...] = ()


def export_choice(typed: str) -> ExportChoice:
    """The formats `typed` after `/export` names: all of them when it names none (nothing
    typed, or only words like « seulement »); `unknown`: words naming no format (« pdf »)."""
    words = [w for w in re.split(r"[^\w]+", fold(typed)) if w]
    named = {FORMAT_WORDS[w] for w in words if w in FORMAT_WORDS}
    unknown = tuple(w for w in words if w not in FORMAT_WORDS and w not in FILLER)
    kinds = tuple(k for k in KINDS if k in named) if named else KINDS
    return ExportChoice(kinds, unknown)
