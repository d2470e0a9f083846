"""Split the call's text into sections and retrievable passages.

The call (``dialogs/calls/*.source.txt``) is plain text: top sections are upper-case
lines ("DUREE ET FINANCEMENT"), subsections are numbered lines ("3. Modalités de
financement"), lists are bullets ("· …") introduced by a line ending with ":", and the
contact lines close the text ("Pour toute question, vous pouvez contacter :").

A *passage* is what retrieval scores: one sentence of a paragraph, or one bullet. What
the bot quotes is the passage's ``quote``: the whole paragraph for a sentence (short, and
the neighbouring sentence often carries the context), the list header followed by the
bullet for a bullet. Every quote is the call's own words, verbatim. ``section`` is the
section path, e.g. "Durée et financement › Modalités de financement".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from knowledge.text import fold

SECTION_SEPARATOR = " › "
CONTACT_SECTION = "Contact"

# Upper-case headings lose their accents in the call; these restore them for display.
# Keys are folded headings. A heading missing here is shown capitalised as written.
_HEADING_TITLES = {
    "contexte": "Contexte",
    "public cible": "Public cible",
    "contenu du projet": "Contenu du projet",
    "territoire(s) concerne(s)": "Territoire(s) concerné(s)",
    "porteurs de projets eligibles": "Porteurs de projets éligibles",
    "duree et financement": "Durée et financement",
    "evaluation": "Évaluation",
}

_NUMBERED = re.compile(r"^\d+\.\s+(?P<title>.+?)\s*$")
_BULLET = re.compile(r"^[·•\-–]\s*(?P<text>.+?)\s*$")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-ÖØ-Ý])")
# Folded words by which a sentence refers to what the call said elsewhere.
_BACK_REFERENCE = re.compile(
    r"\b([a-z]+\s+[a-z]+)\s+"
    r"(?:precedemment\s+\w+|\w+\s+plus haut|\w+\s+ci-dessus|susmentionne\w*)"
)
# A subsection made of short paragraphs only is quoted whole: its paragraphs complete
# each other ("ouvert du 15/01/2025 au 14/02/2025 inclus" / "passé la date de clôture…").
SHORT_SECTION_CHARS = 450


@dataclass(frozen=True)
class Passage:
    """A retrievable unit of the call: `text` is scored, `quote` is shown."""

    section: str
    text: str
    quote: str
    # For a bullet: the header and every bullet of its list (shown when the question is
    # about the list as a whole, e.g. "quels sont les indicateurs ?"). Empty otherwise.
    list_quote: str = ""
    # Words that the passage shares with every bullet of its list (the header's).
    header: str = ""
    # Words the sentence names only to point back to another part of the call
    # ("les quatre orientations précédemment exposées": "quatre", "orientations"). The passage
    # does not state what they are, so retrieval gives it no credit for them.
    pointers: tuple[str, ...] = ()


@dataclass
class _Block:
    """A paragraph, or a list with its header, inside one section."""

    section: str
    lines: list[str]
    bullets: list[str]


def _heading(line: str) -> str | None:
    """The display title of a top-level heading line, or None."""
    letters = [ch for ch in line if ch.isalpha()]
    if len(letters) < 4 or len(line) > 60 or line != line.upper():
        return None
    key = fold(line.strip())
    return _HEADING_TITLES.get(key, line.strip().capitalize())


def _clean(line: str) -> str:
    return re.sub(r"\s+", " ", line).strip()


def split_sentences(paragraph: str) -> list[str]:
    """Sentences of a paragraph (on ". " followed by a capital)."""
    return [s.strip() for s in _SENTENCE_END.split(paragraph) if s.strip()]


def _blocks(text: str) -> list[_Block]:
    top = ""
    sub = ""
    blocks: list[_Block] = []
    current: _Block | None = None
    started = False

    def section() -> str:
        return top + SECTION_SEPARATOR + sub if sub else top

    for raw in text.splitlines():
        line = _clean(raw)
        if not line:
            continue  # paragraphs are single lines; a list header survives a blank line
        heading = _heading(line)
        if heading is not None:
            top, sub, current, started = heading, "", None, True
            continue
        if not started:
            continue  # the call's title line, before the first section
        if fold(line).startswith("pour toute question"):
            top, sub = CONTACT_SECTION, ""
            current = _Block(section(), [line], [])
            blocks.append(current)
            continue
        numbered = _NUMBERED.match(line)
        if numbered:
            sub, current = numbered.group("title"), None
            continue
        bullet = _BULLET.match(line)
        if bullet:
            if current is None or current.section != section():
                current = _Block(section(), [], [])
                blocks.append(current)
            current.bullets.append(bullet.group("text"))
            continue
        if current is not None and current.bullets and line[:1].islower():
            current.bullets[-1] += " " + line  # a bullet wrapped onto the next line
            continue
        if current is not None and top == CONTACT_SECTION:
            current.lines.append(line)
            continue
        if current is not None and current.bullets:
            current = None
        current = _Block(section(), [line], [])
        blocks.append(current)
        if not line.endswith(":"):
            current = None
    return blocks


def _pointers(sentence: str) -> tuple[str, ...]:
    """The two words before a phrase pointing back ("quatre orientations" in "les quatre
    orientations précédemment exposées")."""
    return tuple(w for m in _BACK_REFERENCE.finditer(fold(sentence)) for w in m.group(1).split())


def _section_quotes(blocks: list[_Block]) -> dict[str, str]:
    """The whole text of each section made of several short paragraphs and no list."""
    paragraphs: dict[str, list[str]] = {}
    with_lists: set[str] = set()
    for block in blocks:
        if block.bullets:
            with_lists.add(block.section)
        paragraphs.setdefault(block.section, []).append(" ".join(block.lines))
    return {
        section: "\n".join(texts)
        for section, texts in paragraphs.items()
        if section not in with_lists
        and section != CONTACT_SECTION
        and len(texts) > 1
        and sum(len(t) for t in texts) <= SHORT_SECTION_CHARS
    }


def split_call(text: str) -> list[Passage]:
    """The passages of a call's text, in reading order."""
    passages: list[Passage] = []
    blocks = _blocks(text)
    whole = _section_quotes(blocks)
    # A section quoted whole is also scored whole: a question may take one word from
    # each of its sentences ("jusqu'à quand" / "candidater").
    for section, quote in whole.items():
        passages.append(Passage(section, text=" ".join(quote.split("\n")), quote=quote))
    for block in blocks:
        if block.section == CONTACT_SECTION:
            quote = "\n".join(block.lines)
            passages.append(Passage(block.section, quote, quote))
            continue
        header = " ".join(block.lines)
        if block.bullets:
            list_quote = "\n".join([header, *(f"· {b}" for b in block.bullets)]).strip()
            header_sentences = split_sentences(header)
            # The header's own sentences stand for the whole list.
            for sentence in header_sentences:
                passages.append(
                    Passage(
                        block.section,
                        text=sentence,
                        quote=list_quote,
                        list_quote=list_quote,
                        pointers=_pointers(sentence),
                    )
                )
            # A bullet is scored with the sentence that introduces it.
            lead = header_sentences[-1] if header_sentences else ""
            for bullet in block.bullets:
                quote = f"{header}\n· {bullet}" if header else f"· {bullet}"
                passages.append(
                    Passage(
                        block.section,
                        text=f"{lead} {bullet}".strip(),
                        quote=quote,
                        list_quote=list_quote,
                        header=lead,
                    )
                )
            continue
        quote = whole.get(block.section, header)
        for sentence in split_sentences(header):
            passages.append(
                Passage(
                    block.section,
                    text=sentence,
                    quote=quote,
                    pointers=_pointers(sentence),
                )
            )
    return passages


def load_call(path: Path) -> list[Passage]:
    """Passages of the call stored at `path` (UTF-8 text)."""
    return split_call(path.read_text(encoding="utf-8"))
