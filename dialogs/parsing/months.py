"""Months of an action, as people write them: "de mars à juin", "mars-juin", "T1", "S2",
"3e trimestre", "du 1er mars au 30 juin", "toute l'année", "toute l'année sauf août",
"3 mois à partir de septembre".

Months come back as "YYYY-MM", sorted. A month named without its year is the one of the
agreement period; a season is confirmed ("l'été" is July and August?), never assumed. A
number of months is a duration, never a month ("6 mois" is not June): counted from the month
it starts (or ends) at, and asked back when none is given. An action said to recur ("tous les
trimestres") runs the whole period, or the months named with it, confirmed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from dialogs.parsing.errors import InvalidAnswer, NeedsConfirmation
from dialogs.parsing.text import fold, shorten, words
from dialogs.parsing.vocabulary import has_phrase, phrase_pattern, vocabulary

LIMIT = 300

_EXCEPT = re.compile(r"\b(?:sauf|hors|excepte|a l'exception d[eu']?|mais pas|moins)\b")
_PARTS = re.compile(r"[,;+&]|\bet\b|\bpuis\b|\bainsi que\b|\bou\b")
_BETWEEN = re.compile(r"\bentre\s+(.+?)\s+et\s+")
_OPEN_END = re.compile(r"\b(?:a partir d|des\b|depuis\b|a compter d|apres\b)")
_OPEN_START = re.compile(r"\b(?:jusqu|avant\b)")
_LEAD = re.compile(
    r"^(?:(?:au|en|a|la|le|cet|cette|pendant|durant|sur|des|tout|toute|les|mois|de)\b\s*"
    r"|(?:l'|d')\s*)+"
)
_SMALL = {
    "un": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8,
    "neuf": 9, "dix": 10, "onze": 11, "douze": 12,
}  # fmt: skip
_FIRST_LAST = re.compile(
    r"^(?:les\s+|sur\s+les\s+|pendant\s+les\s+)?(\d{1,2}|" + "|".join(_SMALL) + r")\s+"
    r"(premiers|derniers)\s+mois$"
)
#: A duration: "3 mois", "trois mois" (never March).
_DURATION = re.compile(r"(?<![\d/])(\d{1,2}|" + "|".join(_SMALL) + r")\s+mois\b")
_ORDINALS = {"premier": 1, "deuxieme": 2, "second": 2, "troisieme": 3, "quatrieme": 4}
_QUARTER = re.compile(
    r"\b(?:t|q)([1-4])\b|\b([1-4])\s*(?:er|ere|re|e|eme|nd|nde|d)?\s+trimestre\b"
    r"|\b(premier|deuxieme|second|troisieme|quatrieme|dernier)\s+trimestre\b"
)
_SEMESTER = re.compile(
    r"\bs([12])\b|\b([12])\s*(?:er|ere|re|e|eme|nd|nde|d)?\s+semestre\b"
    r"|\b(premier|deuxieme|second|dernier)\s+semestre\b"
)

#: The space between two quarters or semesters written side by side (« t1 t2 »).
_SIDE_BY_SIDE = re.compile(r"(?<=\b[tqs][1-4])\s+(?=[tqs][1-4]\b)")


@cache
def _bound_pattern() -> re.Pattern[str]:
    names = sorted(vocabulary().months.names, key=len, reverse=True)
    return re.compile(
        r"(?P<iso_y>\d{4})-(?P<iso_m>\d{1,2})(?!\d)"
        r"|(?<![\d/])(?P<my_m>\d{1,2})/(?P<my_y>\d{4})(?!\d)"
        r"|(?<![\d/])(?P<d_d>\d{1,2})[/.](?P<d_m>\d{1,2})(?:[/.](?P<d_y>\d{4}|\d{2}))?(?![\d/])"
        r"|(?:(?<![\d/])(?P<day>\d{1,2}|premier)(?:er|re|e)?\s+)?(?<![a-z])(?P<name>"
        + "|".join(names)
        + r")(?![a-z])\.?(?:\s+(?P<name_y>\d{4})(?!\d))?"
        r"|(?<![\d/])(?P<num>\d{1,2})(?![\d/])"
    )


def parse_months(text: str, period: Sequence[str]) -> list[str]:
    """The months an action runs, within (or beside) the agreement `period` ("YYYY-MM")."""
    if len(text) > LIMIT:
        raise InvalidAnswer("months")
    folded = fold(text).strip(" .!")
    vocab = vocabulary().months
    if not folded:
        raise InvalidAnswer("months")
    stripped = _LEAD.sub("", folded)
    if folded in vocab.whole_period or stripped in vocab.whole_period:
        return list(period)
    recurring = phrase_pattern(vocab.recurring).search(folded)
    if recurring is not None:
        _recurring(text, folded[: recurring.start()] + " " + folded[recurring.end() :], period)
    if stripped in vocab.seasons:
        months = sorted(_resolve(m, None, period) for m in vocab.seasons[stripped])
        raise NeedsConfirmation("months_season", months, season=stripped)
    if has_phrase(folded, vocab.vague) and not re.search(r"\d", folded):
        raise InvalidAnswer("months_vague")
    first_last = _FIRST_LAST.match(folded)
    if first_last is not None:
        count = _SMALL.get(first_last.group(1)) or int(first_last.group(1))
        if not 1 <= count <= len(period):
            raise InvalidAnswer("months")
        return list(period[:count] if first_last.group(2) == "premiers" else period[-count:])
    if _DURATION.search(folded) and not _EXCEPT.search(folded):
        return _duration(folded, period)
    base, *excluded = _EXCEPT.split(folded, maxsplit=1)
    chosen = _months_of(base, period) if base.strip(" ,") else set(period)
    if excluded:
        chosen -= _months_of(excluded[0], period)
    if not chosen:
        raise InvalidAnswer("months")
    return sorted(chosen)


def _recurring(text: str, rest: str, period: Sequence[str]) -> None:
    """An action said to recur ("tous les trimestres", "chaque semaine"): it runs the
    whole period, or the months named with it ("tous les trimestres à partir de mars"),
    asked back, never refused (the applicant may mean only some months: they say which)."""
    rest = _DURATION.sub(" ", rest).strip(" ,.")  # « un mois par trimestre »: recurs all along
    fillers = vocabulary().months.fillers
    named = [w for w in words(rest) if w not in fillers]
    months = parse_months(rest, period) if named else list(period)
    raise NeedsConfirmation("months_recurring", months, typed=shorten(text))


def _duration(folded: str, period: Sequence[str]) -> list[str]:
    """ "3 mois à partir de septembre", "pendant 3 mois dès septembre": the months from
    the one named; "3 mois jusqu'à décembre": up to it. A duration with no month
    ("6 mois") is asked back: which months?"""
    found = list(_DURATION.finditer(folded))
    counts = {_SMALL.get(m.group(1)) or int(m.group(1)) for m in found}
    if len(counts) != 1:
        raise InvalidAnswer("months")
    count = counts.pop()
    rest = _DURATION.sub(" ", folded)
    bounds = list(_bound_pattern().finditer(rest))
    leftover = _bound_pattern().sub(" ", rest)
    allowed = vocabulary().months.fillers | {"et", "puis"}
    unknown = [w for w in words(leftover) if w not in allowed and not re.fullmatch(r"\d{4}", w)]
    if len(bounds) > 1:  # « de mars à juin (4 mois) »: the months, if they make that count
        months = parse_months(re.sub(r"[(),;]", " ", rest), period)
        if len(months) != count:
            raise InvalidAnswer("months")
        return months
    if unknown or not count >= 1:
        raise InvalidAnswer("months")
    if not bounds:
        if count >= len(period):
            return list(period)
        raise InvalidAnswer("months_duration", count=count, start=period[0], end=period[count - 1])
    month = _month_of(bounds[0], period)
    if re.search(r"\bjusqu", rest):  # "3 mois jusqu'à décembre": the last 3 up to December
        start = _shifted(month, 1 - count)
        if start < period[0]:
            raise InvalidAnswer("months_not_in_period", first=period[0], last=period[-1])
        return _month_range(start, month)
    end = _shifted(month, count - 1)
    if end > period[-1]:
        raise InvalidAnswer(
            "months_past_period", start=month, end=end, first=period[0], last=period[-1]
        )
    return _month_range(month, end)


def _shifted(month: str, by: int) -> str:
    """ "2025-09" moved by `by` months ("2025-11" for 2)."""
    index = int(month[:4]) * 12 + int(month[5:]) - 1 + by
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _months_of(segment: str, period: Sequence[str]) -> set[str]:
    segment = segment.strip(" ,.")
    if segment in vocabulary().months.whole_period or _LEAD.sub("", segment) in (
        vocabulary().months.whole_period
    ):
        return set(period)
    # « T1 T2 T3 T4 », « S1 S2 »: spans side by side are each their own (the four quarters
    # are the twelve months), where « T1 à T4 » is one range
    segment = _SIDE_BY_SIDE.sub(", ", segment)
    segment = _QUARTER.sub(lambda m: _span_text(m, 3), segment)
    segment = _SEMESTER.sub(lambda m: _span_text(m, 6), segment)
    segment = _BETWEEN.sub(r"\1 a ", segment)
    chosen: set[str] = set()
    for part in _PARTS.split(segment):
        if part.strip():
            chosen |= _part(part.strip(), period)
    return chosen


def _span_text(match: re.Match[str], size: int) -> str:
    digit = match.group(1) or match.group(2)
    if digit is not None:
        number = int(digit)
    else:
        word = match.group(3)
        number = 12 // size if word == "dernier" else _ORDINALS[word]
    return f" {size * (number - 1) + 1}-{size * number} "


def _part(part: str, period: Sequence[str]) -> set[str]:
    bounds = list(_bound_pattern().finditer(part))
    leftover = _bound_pattern().sub(" ", part)
    fillers = vocabulary().months.fillers
    unknown = [w for w in words(leftover) if w not in fillers and not re.fullmatch(r"\d{4}", w)]
    if not bounds or unknown:
        raise InvalidAnswer("months")
    months = [_month_of(b, period) for b in bounds]
    if len(months) == 1:
        if _OPEN_END.search(part):
            return set(_month_range(months[0], period[-1]))
        if _OPEN_START.search(part):
            return set(_month_range(period[0], months[0]))
        return {months[0]}
    if len(months) == 4 and months == sorted(months):  # "T1 à T4": two spans, one range
        months = [months[0], months[3]]
    if len(months) == 2:
        start, end = months
        if end < start and not any(_has_year(b) for b in bounds):
            # "septembre à mars" within a one-year period: March of the next year, past the
            # operation's end; said so, with the months the action may take instead.
            year = int(start[:4]) + (1 if end[5:] <= start[5:] else 0)
            meant = f"{year:04d}-{end[5:]}"
            raise InvalidAnswer(
                "months_past_period", start=start, end=meant, first=period[0], last=period[-1]
            )
        if end < start:
            raise InvalidAnswer("months_order")
        return set(_month_range(start, end))
    raise InvalidAnswer("months")


def _has_year(match: re.Match[str]) -> bool:
    return any(match.group(g) for g in ("iso_y", "my_y", "d_y", "name_y"))


def _month_of(match: re.Match[str], period: Sequence[str]) -> str:
    groups = match.groupdict()
    if groups["iso_y"]:
        return _resolve(int(groups["iso_m"]), int(groups["iso_y"]), period)
    if groups["my_y"]:
        return _resolve(int(groups["my_m"]), int(groups["my_y"]), period)
    if groups["d_m"]:
        if not 1 <= int(groups["d_d"]) <= 31:
            raise InvalidAnswer("months")
        year = groups["d_y"]
        full_year = None if year is None else int(year) + (2000 if len(year) == 2 else 0)
        return _resolve(int(groups["d_m"]), full_year, period)
    if groups["name"]:
        year = groups["name_y"]
        number = vocabulary().months.names[groups["name"]]
        return _resolve(number, None if year is None else int(year), period)
    return _resolve(int(groups["num"]), None, period)


def _resolve(month: int, year: int | None, period: Sequence[str]) -> str:
    if not 1 <= month <= 12:
        raise InvalidAnswer("months")
    if year is not None:
        if not 1900 <= year <= 2200:
            raise InvalidAnswer("months")
        return f"{year:04d}-{month:02d}"
    matches = [m for m in period if int(m[5:]) == month]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise InvalidAnswer("months_not_in_period", first=period[0], last=period[-1])
    raise InvalidAnswer("months_ambiguous")


def _month_range(start: str, end: str) -> list[str]:
    months = []
    year, month = int(start[:4]), int(start[5:])
    while f"{year:04d}-{month:02d}" <= end:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def month_span(folded: str) -> int | None:
    """How many months "de mars à juin" covers (4), for a number of months; None unless
    exactly two month names are given."""
    names = [m for m in _bound_pattern().finditer(folded) if m.group("name")]
    if len(names) != 2:
        return None
    first, last = (vocabulary().months.names[m.group("name")] for m in names)
    return (last - first) % 12 + 1
