"""Values of the draft's view model: cleaned user text and placeholders.

User text is cleaned of the characters XML forbids (both formats) but is NOT escaped:
escaping belongs to each format (Markdown filters in `drafts.markdown`, autoescaping in
`drafts.docx`). Unanswered items become `Placeholder` strings ("[À compléter : …]"), so a
partial dossier still yields a useful draft and each format can tell them apart from user
text (the Word draft gives them the character style "Champ à compléter").
"""

from __future__ import annotations

import re
from decimal import Decimal

from dialogs.money import format_eur, format_number

# C0 controls but tab and newline, DEL and C1 controls, lone surrogates, non-characters.
_FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_NEWLINES = re.compile(r"\r\n?|[\x0b\x0c\x85\u2028\u2029]")
_BLANK_LINES = re.compile(r"\n[ \t]*\n+")


class Placeholder(str):
    """A visible "[À compléter : …]" mark standing for an unanswered item."""

    __slots__ = ()

    @classmethod
    def of(cls, what: str) -> Placeholder:
        return cls(f"[À compléter : {what}]")


#: What a version to file shows for an optional question the applicant chose to leave out:
#: an officer accepts it, where a "[À compléter : …]" mark says the dossier is unfinished.
NOT_GIVEN = "Non renseigné"

#: Where a version to file leaves room for what is written by hand at signing (place, date).
TO_WRITE_BY_HAND = "……………………"


def clean(text: str) -> str:
    """User text without the characters XML 1.0 forbids; newlines normalised to "\\n"."""
    return _FORBIDDEN.sub("", _NEWLINES.sub("\n", text)).strip()


def text_or(value: str | None, what: str) -> str:
    """Cleaned user text, or a placeholder when unanswered (or empty once cleaned)."""
    cleaned = clean(value) if value is not None else ""
    return cleaned if cleaned else Placeholder.of(what)


def paragraphs_or(value: str | None, what: str) -> list[str]:
    """Multi-paragraph user text split on blank lines (single newlines kept inside)."""
    cleaned = clean(value) if value is not None else ""
    if not cleaned:
        return [Placeholder.of(what)]
    return [p.strip() for p in _BLANK_LINES.split(cleaned) if p.strip()]


def eur_or(value: Decimal | None, what: str) -> str:
    return format_eur(value) if value is not None else Placeholder.of(what)


def percent(rate: Decimal) -> str:
    return format_number((rate * 100).normalize()) + " %"


MONTH_ABBREVIATIONS = (
    "janv.",
    "févr.",
    "mars",
    "avr.",
    "mai",
    "juin",
    "juil.",
    "août",
    "sept.",
    "oct.",
    "nov.",
    "déc.",
)


def short_month(month: str) -> str:
    """ "2025-02" -> "févr." (the calendar's column heads; the years are in its caption)."""
    return MONTH_ABBREVIATIONS[int(month.split("-")[1]) - 1]


# A vowel, an h (mute but for `_ASPIRATED_H`), or a y before a consonant ("d’Yvelines",
# "de Yaka").
_ELIDES = re.compile(r"^(?:[aeiouàâäéèêëîïôöùûüœæh]|y[^aeiouàâäéèêëîïôöùûü])", re.IGNORECASE)
#: First words whose h is aspirated: no elision ("de Hauts-de-France Initiative").
_ASPIRATED_H = frozenset(
    {"haut", "haute", "hauts", "hautes", "hall", "halle", "halles", "hameau", "handicap", "hangar"}
)
_ARTICLE = re.compile(r"^(le|les) (?=\S)", re.IGNORECASE)


def de_name(name: str) -> str:
    """The preposition "de" and an organisation's name, elided or contracted as French wants:
    "d’Inser'Réseau 62", "d’Habitat et Insertion", "du Relais" (for « Le Relais »), "des
    Jardins de Cocagne", "de La Ressourcerie", "de Hauts-de-France Active"; a placeholder
    keeps a plain "de"."""
    if isinstance(name, Placeholder) or not name:
        return f"de {name}"
    article = _ARTICLE.match(name)
    if article:
        contracted = "du" if article.group(1).lower() == "le" else "des"
        return f"{contracted} {name[article.end() :]}"
    first = re.split(r"[\s\-’']", name, maxsplit=1)[0].lower()
    if _ELIDES.match(name) and not (first.startswith("h") and first in _ASPIRATED_H):
        return f"d’{name}"
    return f"de {name}"
