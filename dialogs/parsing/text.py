"""Cleaning what people type before reading it, and free-text answers.

`normalize` keeps the meaning of the text and unifies its spelling: full-width and
Arabic-Indic digits become ASCII digits, every space is one space, curly apostrophes and
typographic dashes become ASCII, invisible characters go. `fold` also lower-cases and drops
accents, for matching words ("Tête de réseau" and "tete de reseau" fold alike).
"""

from __future__ import annotations

import re
import unicodedata

from dialogs.parsing.errors import InvalidAnswer

# C0 controls but tab and line breaks, DEL, C1 controls, lone surrogates (which no database
# or document can store) and the two non-characters.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# Soft hyphen, zero-width spaces and joiners used as separators, direction marks, BOM.
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
_SPACES = re.compile(r"\s+")
_SIGNS = str.maketrans(
    {
        "’": "'",
        "‘": "'",
        "ʼ": "'",
        "´": "'",
        "`": "'",
        "′": "'",
        "‐": "-",
        "‑": "-",
        "‒": "-",
        "–": "-",
        "—": "-",
        "―": "-",
        "−": "-",
        "⁄": "/",
        "œ": "oe",
        "Œ": "OE",
        "æ": "ae",
        "Æ": "AE",
    }
)
_DIGIT = re.compile(r"\d")


def _ascii_digit(match: re.Match[str]) -> str:
    return str(unicodedata.decimal(match.group(), 0))


def normalize(text: str) -> str:
    """One spelling for what people type: NFKC (full-width letters and digits, ligatures),
    ASCII digits, apostrophes and dashes, single spaces, no control or invisible character."""
    text = _INVISIBLE.sub("", _CONTROL.sub(" ", text))
    text = unicodedata.normalize("NFKC", text).translate(_SIGNS)
    text = _DIGIT.sub(_ascii_digit, text)
    return _SPACES.sub(" ", text).strip()


def fold(text: str) -> str:
    """Lower-case, accent-free, single-spaced: for matching typed words to known words."""
    decomposed = unicodedata.normalize("NFKD", normalize(text).casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_WORD = re.compile(r"[a-z0-9]+")


def words(folded: str) -> list[str]:
    """The words of a folded text; elisions split ("d'insertion" -> "d", "insertion")."""
    return _WORD.findall(folded)


def clean_text(text: str) -> str:
    """The text as typed, less what no document or database can hold: control characters
    (tabs and line breaks kept), lone surrogates, surrounding spaces."""
    return _CONTROL.sub("", text.replace("\r\n", "\n")).strip()


def parse_text(text: str, *, max_length: int) -> str:
    """A free answer, kept as typed (accents, case, line breaks, emoji)."""
    value = clean_text(text)
    if not value or not _INVISIBLE.sub("", value).strip():
        raise InvalidAnswer("text_empty")
    if len(value) > max_length:
        raise InvalidAnswer("text_too_long", max_length=max_length, length=len(value))
    return value
