"""French typography for the documents, in one place for the Word and the Markdown drafts.

The view model and the templates write ordinary spaces; before a document leaves, every text
goes through `substitutions`, which says which characters to replace:

- a narrow no-break space (U+202F) before ; : ! ? % and », and after « (added when missing);
- a no-break space (U+00A0) inside amounts ("98 768 632 €"), between a number and €, ETP or
  mois, inside French phone numbers ("03 21 21 65 50"), after "n°";
- "E-partenaire" keeps its hyphen from breaking (U+2011), "E partenaire" its space;
- a straight apostrophe typed by the applicant ("Inser'Réseau") becomes the typographic one
  the templates write (U+2019): the documents' text only, never the stored answers nor the
  file names.

Word cuts a paragraph into runs, so a rule may span two runs: `substitutions` works on the
whole paragraph's text and reports positions, which `drafts.docx` maps back onto the runs.
"""

from __future__ import annotations

import re

NNBSP = "\u202f"  # espace fine insécable
NBSP = "\u00a0"  # espace insécable
NBHY = "\u2011"  # trait d'union insécable
APOSTROPHE = "\u2019"  # apostrophe typographique

_SPACE = "[ \u00a0\u202f]"
# (pattern, group whose characters are replaced, replacement of each of them)
_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"(?<=\S)(?P<x>{_SPACE})(?=[;:!?%»])"), NNBSP),
    (re.compile(rf"«(?P<x>{_SPACE})"), NNBSP),
    (re.compile(r"\b0[1-9](?:(?P<x> )\d\d){4}\b"), NBSP),
    (re.compile(rf"(?<=\d)(?P<x>{_SPACE})(?=\d{{3}}(?!\d))"), NBSP),
    (re.compile(rf"(?<=\d)(?P<x>{_SPACE})(?=€|ETP\b|mois\b)"), NBSP),
    (re.compile(r"\b[nN]°(?P<x> )"), NBSP),
    (re.compile(r"\bE(?P<x>[-\u2010 ])partenaire"), ""),
    (re.compile(r"(?P<x>')"), APOSTROPHE),
)
_OPENING = re.compile(rf"«(?!{_SPACE})")
_CLOSING = re.compile(rf"(?<!{_SPACE})(?<!^)»")


_CANDIDATE = re.compile(r"[ \u00a0\u202f\-\u2010][;:!?%»€\dEpm]|«|»|°|'")


def needs_typography(text: str) -> bool:
    """A quick look: can any rule apply to `text`? (Most table cells need none.)"""
    return _CANDIDATE.search(text) is not None


def substitutions(text: str) -> dict[int, str]:
    """Position in `text` → what the character there becomes (the first rule wins)."""
    found: dict[int, str] = {}
    for pattern, replacement in _RULES:
        for match in pattern.finditer(text):
            for start, end in _spans(match):
                for position in range(start, end):
                    if position in found:
                        continue
                    if replacement:
                        found[position] = replacement
                    else:  # E-partenaire: a hyphen stays a (no-break) hyphen, a space a space
                        found[position] = NBHY if text[position] != " " else NBSP
    for match in _OPENING.finditer(text):
        found.setdefault(match.start(), "«" + NNBSP)
    for match in _CLOSING.finditer(text):
        found.setdefault(match.start(), NNBSP + "»")
    return found


def _spans(match: re.Match[str]) -> list[tuple[int, int]]:
    # Every occurrence of the named group (a repeated group only keeps its last one).
    if match.re.pattern.startswith(r"\b0[1-9]"):
        return [(match.start() + i, match.start() + i + 1) for i in (2, 5, 8, 11)]
    return [match.span("x")]


def apply(text: str, found: dict[int, str]) -> str:
    if not found:
        return text
    return "".join(found.get(i, c) for i, c in enumerate(text))


def french(text: str) -> str:
    """`text` with French typography applied."""
    return apply(text, substitutions(text))


def plain(text: str) -> str:
    """The same text with ordinary spaces and hyphens (to compare or search it)."""
    return text.replace(NNBSP, " ").replace(NBSP, " ").replace(NBHY, "-")
