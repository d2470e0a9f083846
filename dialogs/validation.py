"""Turning what a user typed into a typed value, or a precise reason it was refused.

Each parser raises `InvalidAnswer(code, **details)`; `code` names a message of
`templates/messages/errors.html.j2`, which tells the user exactly what is expected.
SIRET (python-stdnum), phone numbers (phonenumbers) and e-mail addresses (email-validator)
rely on maintained libraries.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from stdnum import exceptions as stdnum_errors
from stdnum.fr import siret as stdnum_siret

from dialogs.calendar import MONTH_NAMES
from dialogs.money import AmountError, parse_amount
from dialogs.spec import Choice


class InvalidAnswer(ValueError):
    def __init__(self, code: str, **details: Any) -> None:
        super().__init__(code)
        self.code = code
        self.details = details


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def fold(text: str) -> str:
    """Lower-case, accent-free, single-spaced: for matching typed words to choices."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = plain.replace("’", "'")
    return re.sub(r"\s+", " ", plain).strip()


def parse_text(text: str, *, max_length: int) -> str:
    value = _CONTROL.sub("", text).strip()
    if not value:
        raise InvalidAnswer("text_empty")
    if len(value) > max_length:
        raise InvalidAnswer("text_too_long", max_length=max_length, length=len(value))
    return value


def parse_int(text: str, *, minimum: int = 0, maximum: int) -> int:
    raw = re.sub(r"[\s\u00a0\u202f]", "", text)
    if re.fullmatch(r"-\d+", raw):
        raise InvalidAnswer("int_negative", minimum=minimum, maximum=maximum)
    if not re.fullmatch(r"\d+", raw):
        raise InvalidAnswer("int_format", minimum=minimum, maximum=maximum)
    value = int(raw)
    if not minimum <= value <= maximum:
        raise InvalidAnswer("int_range", minimum=minimum, maximum=maximum)
    return value


def parse_int_with_comment(text: str, *, maximum: int) -> tuple[int, str | None]:
    """ "12" or "12 ; dont 4 en visioconférence" -> (12, "dont 4 en visioconférence")."""
    number, sep, comment = text.partition(";")
    value = parse_int(number, maximum=maximum)
    note = _CONTROL.sub("", comment).strip() if sep else ""
    if len(note) > 500:
        raise InvalidAnswer("text_too_long", max_length=500, length=len(note))
    return value, note or None


def parse_fte(text: str, *, maximum: Decimal) -> Decimal:
    raw = re.sub(r"[\s\u00a0\u202f]", "", text).replace(",", ".").lower()
    raw = raw.removesuffix("etp")
    if raw.startswith("-"):
        raise InvalidAnswer("fte_format", maximum=maximum)
    if not re.fullmatch(r"\d+(\.\d{1,2})?|\.\d{1,2}", raw):
        raise InvalidAnswer("fte_format", maximum=maximum)
    try:
        value = Decimal(raw)
    except InvalidOperation as exc:  # pragma: no cover - the regex already guards it
        raise InvalidAnswer("fte_format", maximum=maximum) from exc
    if value <= 0 or value > maximum:
        raise InvalidAnswer("fte_range", maximum=maximum)
    return value


def parse_money(text: str) -> Decimal:
    try:
        return parse_amount(text)
    except AmountError as exc:
        raise InvalidAnswer(f"amount_{exc.reason}") from exc


def parse_email(text: str) -> str:
    value = text.strip()
    try:
        result = validate_email(value, check_deliverability=False)
    except EmailNotValidError as exc:
        raise InvalidAnswer("email_invalid") from exc
    return result.normalized


def parse_phone(text: str) -> str:
    """A French phone number, returned in E.164 (+33…)."""
    value = text.strip()
    try:
        number = phonenumbers.parse(value, "FR")
    except phonenumbers.NumberParseException as exc:
        raise InvalidAnswer("phone_invalid") from exc
    if not phonenumbers.is_valid_number(number) or number.country_code != 33:
        raise InvalidAnswer("phone_invalid")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def format_phone(e164: str) -> str:
    """ "+33321216550" -> "03 21 21 65 50"."""
    try:
        number = phonenumbers.parse(e164, "FR")
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)


def parse_siret(text: str) -> str:
    digits = re.sub(r"[\s.\-\u00a0\u202f]", "", text)
    if not digits.isdigit():
        raise InvalidAnswer("siret_format", length=len(digits))
    if len(digits) != 14:
        raise InvalidAnswer("siret_length", length=len(digits))
    try:
        return str(stdnum_siret.validate(digits))
    except stdnum_errors.ValidationError as exc:
        raise InvalidAnswer("siret_checksum") from exc


def siret_is_valid(value: str | None) -> bool:
    return value is not None and bool(stdnum_siret.is_valid(value))


YES = {"oui", "o", "yes", "y", "ouais", "bien sur", "tout a fait", "exact", "1"}
NO = {"non", "n", "no", "pas du tout", "2"}


def parse_yes_no(text: str) -> bool:
    value = fold(text).rstrip(" .!")
    if value in YES:
        return True
    if value in NO:
        return False
    raise InvalidAnswer("yes_no")


def match_choice(text: str, choices: Sequence[Choice]) -> Choice | None:
    """A choice by its number (1-based), its id, or its label (accents and case ignored)."""
    value = _label_core(text).rstrip(" .")
    if value.isdigit():
        index = int(value) - 1
        return choices[index] if 0 <= index < len(choices) else None
    for choice in choices:
        if value in (fold(choice.id), _label_core(choice.label)):
            return choice
    starts = (
        [c for c in choices if _label_core(c.label).startswith(value)] if len(value) >= 3 else []
    )
    return starts[0] if len(starts) == 1 else None


def _label_core(text: str) -> str:
    """A label without its leading emoji or punctuation ("🗑 Supprimer" -> "supprimer")."""
    return re.sub(r"^[^\w]+", "", fold(text))


def parse_choice(text: str, choices: Sequence[Choice]) -> Choice:
    choice = match_choice(text, choices)
    if choice is None:
        raise InvalidAnswer("choice", count=len(choices))
    return choice


def parse_multi(text: str, choices: Sequence[Choice]) -> list[str]:
    """ "1, 3", "1 3", "ACI, EI" or "toutes" -> the chosen ids, in the choices' order."""
    value = fold(text)
    if value in {"toutes", "tous", "tout", "all"}:
        return [c.id for c in choices]
    parts = [p for p in re.split(r"[,;/]|\s+et\s+|\s+", value) if p]
    chosen: set[str] = set()
    for part in parts:
        choice = match_choice(part, choices)
        if choice is None:
            raise InvalidAnswer("multi", count=len(choices), part=part)
        chosen.add(choice.id)
    if not chosen:
        raise InvalidAnswer("multi", count=len(choices), part=text)
    return [c.id for c in choices if c.id in chosen]


_MONTH_WORDS = {fold(name): i + 1 for i, name in enumerate(MONTH_NAMES)}
_MONTH_WORDS.update({"fevr": 2, "janv": 1, "sept": 9, "oct": 10, "nov": 11, "dec": 12, "aout": 8})


def _month_token(token: str, period: Sequence[str]) -> str:
    """One month as "YYYY-MM", from "3", "mars", "03/2025" or "2025-03"."""
    token = token.strip().rstrip(".")
    explicit = re.fullmatch(r"(\d{1,2})/(\d{4})", token) or re.fullmatch(
        r"(\d{4})-(\d{1,2})", token
    )
    if explicit:
        first, second = explicit.groups()
        year, month = (second, first) if "/" in token else (first, second)
        if not 1 <= int(month) <= 12:
            raise InvalidAnswer("months")
        return f"{int(year):04d}-{int(month):02d}"
    if token.isdigit():
        number = int(token)
    elif token in _MONTH_WORDS:
        number = _MONTH_WORDS[token]
    else:
        raise InvalidAnswer("months")
    if not 1 <= number <= 12:
        raise InvalidAnswer("months")
    matches = [m for m in period if int(m[5:]) == number]
    if len(matches) != 1:
        raise InvalidAnswer("months_ambiguous")
    return matches[0]


def parse_months(text: str, period: Sequence[str]) -> list[str]:
    """Months of an action: "tous", "1-6", "janvier à juin", "3, 4, 9", "03/2025-06/2025"."""
    value = fold(text)
    if value in {
        "tous",
        "toute l'annee",
        "toute la periode",
        "tout",
        "12 mois",
        "toute l'operation",
    }:
        return list(period)
    chosen: set[str] = set()
    for part in (p.strip() for p in re.split(r"[,;]|\bet\b", value)):
        if not part:
            continue
        bounds = re.split(r"\s*(?:-|–|\ba\b|\bau\b|\bjusqu'a\b)\s*", part)
        bounds = [b for b in bounds if b]
        if len(bounds) == 1:
            chosen.add(_month_token(bounds[0], period))
        elif len(bounds) == 2:
            start, end = (_month_token(b, period) for b in bounds)
            if end < start:
                raise InvalidAnswer("months_order")
            chosen.update(_month_range(start, end))
        else:
            raise InvalidAnswer("months")
    if not chosen:
        raise InvalidAnswer("months")
    return sorted(chosen)


def _month_range(start: str, end: str) -> list[str]:
    months = []
    year, month = int(start[:4]), int(start[5:])
    while f"{year:04d}-{month:02d}" <= end:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def parse_reference(text: str) -> int | None:
    """A dossier or ticket number as typed or carried by a button: plain ASCII digits, small
    enough for any database integer; None otherwise ("²", "-1", twenty digits…)."""
    text = text.strip().removeprefix("n°").strip()
    if not (text.isascii() and text.isdecimal()) or len(text) > 9:
        return None
    return int(text)
