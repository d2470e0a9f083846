"""Split the call's text into sections and retrievable passages, each addressable.

The call (``dialogs/calls/*.source.txt``) is plain text: top sections are upper-case
lines ("DUREE ET FINANCEMENT"), subsections are numbered lines ("3. Modalités de
financement"), lists are bullets ("· …") introduced by a line ending with ":", and the
contact lines close the text ("Pour toute question, vous pouvez contacter :").

A *passage* is the smallest unit an answer quotes, and what retrieval scores:

* a sentence of a paragraph, quoted alone (with the sentence before it in its paragraph
  when it points back to it: "Via leur ingénierie…" after "Soutenir les têtes de
  réseaux…");
* a bullet, quoted after the sentence that introduces its list ("Le Département participe
  au financement selon les modalités suivantes : · des charges indirectes…");
* a list as a whole: the sentence that introduces it (the list's *lead*, ending with ":")
  stands for it and is quoted with every bullet ("quelles sont les orientations ?");
* a section of several sentences (or of sentences and a list) as a whole ("quels sont les
  objectifs ?", "que contient le bilan final ?"): quoted whole, and scored on its title; a
  short one of sentences only also on its words (its sentences complete each other:
  "jusqu'à quand" / "candidater").

Every quote is the call's own words, verbatim. ``section`` is the section path, e.g.
"Durée et financement › Modalités de financement"; ``id`` names the passage within its
call ("modalites-de-financement.2"), for the benchmark and logs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from slugify import slugify

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
# A sentence opening with these (folded) leans on the sentence before it in its paragraph
# ("Via leur ingénierie…", "Ici, la volonté est…", "En effet…"): it is quoted with it.
_LEANING = re.compile(r"^(?:via leurs?|ici|en effet|ils|elles|ces derniers|celle-ci|celui-ci)\b")

# A section this short is also scored on its words as a whole.
SHORT_SECTION_CHARS = 450

PassageKind = Literal["sentence", "bullet", "list", "section", "contact"]


@dataclass(frozen=True)
class Passage:
    """A retrievable unit of the call: `text` is scored, `quote` is shown."""

    id: str
    section: str
    kind: PassageKind
    # The passage's own words (a bullet without its lead): what a question bank's label
    # quotes to point at it.
    own: str
    # What retrieval scores: the own words, and for a bullet the sentence leading its list.
    text: str
    quote: str
    # For a bullet or a list: the lead and every bullet of the list. Empty otherwise.
    list_quote: str = ""
    # For a bullet: the id of its list (its lead's passage).
    list_id: str = ""
    # For a bullet: the sentence that introduces the list (shared by every bullet).
    header: str = ""
    # Words the sentence names only to point back to another part of the call
    # ("les quatre orientations précédemment exposées": "quatre", "orientations"). The
    # passage does not state what they are, so retrieval gives it no credit for them.
    pointers: tuple[str, ...] = ()

    @property
    def is_list(self) -> bool:
        return self.kind == "list"


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


def _sentence_quotes(sentences: list[str]) -> list[str]:
    """Each sentence's quote: itself, or with the one before when it leans on it."""
    quotes: list[str] = []
    for index, sentence in enumerate(sentences):
        if index and _LEANING.match(fold(sentence)):
            quotes.append(f"{sentences[index - 1]} {sentence}")
        else:
            quotes.append(sentence)
    return quotes


def split_call(text: str) -> list[Passage]:
    """The passages of a call's text, in reading order."""
    passages: list[Passage] = []
    counts: dict[str, int] = {}

    def new_id(section: str) -> str:
        counts[section] = counts.get(section, 0) + 1
        slug = slugify(section.split(SECTION_SEPARATOR)[-1]) or "texte"
        return f"{slug}.{counts[section]}"

    for block in _blocks(text):
        if block.section == CONTACT_SECTION:
            quote = "\n".join(block.lines)
            passages.append(
                Passage(new_id(block.section), block.section, "contact", quote, quote, quote)
            )
            continue
        sentences = split_sentences(" ".join(block.lines))
        lead = sentences.pop() if block.bullets and sentences else ""
        for sentence, quote in zip(sentences, _sentence_quotes(sentences), strict=True):
            passages.append(
                Passage(
                    new_id(block.section),
                    block.section,
                    "sentence",
                    own=sentence,
                    text=sentence,
                    quote=quote,
                    pointers=_pointers(sentence),
                )
            )
        if not block.bullets:
            continue
        list_quote = "\n".join([lead, *(f"· {b}" for b in block.bullets)]).strip()
        list_id = new_id(block.section)
        passages.append(
            Passage(
                list_id,
                block.section,
                "list",
                own=lead,
                text=lead,
                quote=list_quote,
                list_quote=list_quote,
                list_id=list_id,
                pointers=_pointers(lead),
            )
        )
        for bullet in block.bullets:
            passages.append(
                Passage(
                    new_id(block.section),
                    block.section,
                    "bullet",
                    own=bullet,
                    text=f"{lead} {bullet}".strip(),
                    quote=f"{lead}\n· {bullet}" if lead else f"· {bullet}",
                    list_quote=list_quote,
                    list_id=list_id,
                    header=lead,
                )
            )
    return _contact_names(passages) + _whole_sections(passages)


def _contact_names(passages: list[Passage]) -> list[Passage]:
    """The contact block's words that the rest of the call also uses ("Direction des
    Politiques d'Inclusion Durable": "inclusion durable" is the Département's aim in the
    context) name the service, not a subject: like a pointing sentence's, they earn the
    block no credit ("pourquoi le Département s'occupe-t-il d'inclusion durable ?" is
    not a contact question)."""
    elsewhere = {
        w for p in passages if p.kind != "contact" for w in re.findall(r"[a-z]+", fold(p.own))
    }
    return [
        replace(
            p,
            pointers=tuple(
                sorted({w for w in re.findall(r"[a-z]+", fold(p.own)) if w in elsewhere})
            ),
        )
        if p.kind == "contact"
        else p
        for p in passages
    ]


def _whole_sections(passages: list[Passage]) -> list[Passage]:
    """A passage for each section of several sentences, or of sentences and a list: what
    an answer quotes when two of its parts are too close to choose between (the bilan
    final's sentences and the list of what it holds). A section made of one list has its
    list for that."""
    by_section: dict[str, list[Passage]] = {}
    for passage in passages:
        by_section.setdefault(passage.section, []).append(passage)
    wholes: list[Passage] = []
    for section, parts in by_section.items():
        units = [p for p in parts if p.kind in ("sentence", "list")]
        if len(units) < 2 or len(units) != len([p for p in parts if p.kind != "bullet"]):
            continue
        quote = _join_units(units)
        title = section.split(SECTION_SEPARATOR)[-1]
        slug = slugify(title) or "texte"
        short = len(quote) <= SHORT_SECTION_CHARS and all(p.kind == "sentence" for p in units)
        wholes.append(
            Passage(f"{slug}.tout", section, "section", title, quote if short else "", quote)
        )
    return wholes


def _join_units(parts: list[Passage]) -> str:
    """The sentences of a section in order, without repeating one quoted twice, and its
    list with every bullet on a line of its own."""
    text: list[str] = []
    for part in parts:
        if part.kind == "list":
            text.append(part.quote)
        elif part.own not in text:
            text.append(part.own)
    return " ".join(text).replace(" \n", "\n").replace(": \n", ":\n")


def load_call(path: Path) -> list[Passage]:
    """Passages of the call stored at `path` (UTF-8 text)."""
    return split_call(path.read_text(encoding="utf-8"))
