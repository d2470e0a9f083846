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

from dialogs.money import format_number

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

#: An optional choice the applicant passed (« passer »): none chosen, on purpose. The call
#: asks no dossier to claim its cross-cutting objectives (« également des objectifs
#: majeurs »), so none is a choice, never a gap: « Non renseigné » read as one to a tester.
NOT_CHOSEN = "Non retenu"
#: The same in a draft still being worked on, where the applicant may come back to it.
NOT_CHOSEN_PASSED = "Non retenu (question passée)"
#: An optional text the applicant passed, in a draft still being worked on.
NOTE_PASSED = "Aucune (question passée)"

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


_SIRET = re.compile(r"\d{14}")


def siret_or(value: str | None) -> str:
    """A SIRET as it is printed, in groups of 3, 3, 3 and 5 digits joined by no-break
    spaces ("732 829 320 00074", as the interview's example writes it); a number that is
    not 14 digits is shown as typed, a missing one as a placeholder."""
    text = text_or(value, "SIRET")
    digits = re.sub(r"[\s\u00a0\u202f.]", "", text)
    if isinstance(text, Placeholder) or not _SIRET.fullmatch(digits):
        return text
    return "\u00a0".join((digits[:3], digits[3:6], digits[6:9], digits[9:]))


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
