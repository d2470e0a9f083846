"""The review's detail: one section's answers, or the points of attention with the call's
sentences, in messages short enough for a phone (the review itself is one short screen).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dialogs import kinds
from dialogs.dossier import Dossier
from dialogs.events import SCREENS, Message
from dialogs.question import Question
from dialogs.review import review
from dialogs.texts import render_macro, shorten

if TYPE_CHECKING:
    from dialogs.engine import Interview

#: The most characters of a detail message (its markup, an upper bound of what Telegram
#: counts): a message holds 4096 at most, less its progress line and a margin. A section
#: is split only past it, each part titled « (suite) »: never for a few lines left over.
DETAIL_CHARS = 3800
WARNINGS = "_warnings"


@dataclass(frozen=True)
class DetailRow:
    label: str
    value: str
    group: bool = False


def section_rows(questions: list[Question], d: Dossier, section: str) -> list[DetailRow]:
    """One line per answer of a section; one line per item of its repeated groups."""
    rows: list[DetailRow] = []
    groups: dict[str, list[Question]] = {}
    for q in questions:
        if q.section != section or q.role not in ("field", "flag"):
            continue
        if q.group:
            if q.group not in groups:
                groups[q.group] = []
                rows.append(DetailRow(q.group, "", group=True))
            groups[q.group].append(q)
            continue
        value = q.value(d)
        if value is not None:
            shown = kinds.describe(q, value)
        elif not q.required and q.key in d.skipped:  # passed on purpose: no gap to fill
            shown = render_macro(SCREENS, "left_out")
        else:
            shown = render_macro(SCREENS, "unanswered")
        rows.append(DetailRow(q.label, shorten(shown, 120)))  # a word never cut, « … »
    for index, row in enumerate(rows):
        if row.group:
            members = groups[row.label]
            answered = sum(1 for q in members if q.answered(d))
            missing = sum(1 for q in members if q.is_missing(d))
            value = render_macro(
                SCREENS, "group_progress", answered=answered, total=len(members), missing=missing
            )
            rows[index] = DetailRow(row.label, value, group=True)
    return rows


def detail_messages(
    engine: Interview, d: Dossier, section: str, today: dt.date
) -> list[Message] | None:
    """The detail of `section` (or of the points of attention, `WARNINGS`), in as few
    messages as Telegram's size allows (`DETAIL_CHARS`); None for a section the review does
    not show."""
    spec = engine.spec
    report = review(spec, d, today)
    titles = dict(engine.review_sections(d))
    template = spec.compiled_form.prompt_template("review_section")
    if section == WARNINGS:
        html = render_macro(
            template,
            "review_section",
            title=render_macro(SCREENS, "warnings_title"),
            rows=[],
            warnings=report.warnings,
            part=1,
        )
        return [Message(html)]
    if section not in titles:
        return None
    rows = section_rows(engine.plan(d), d, section)

    def shown(part: list[DetailRow], number: int) -> str:
        return render_macro(
            template, "review_section", title=titles[section], rows=part, warnings=[], part=number
        )

    # each row's length measured once (the title and the part's number add a fixed length)
    empty = len(shown([], 2))
    parts: list[list[DetailRow]] = [[]]
    size = empty
    for row in rows:
        length = len(shown([row], 2)) - empty
        if parts[-1] and size + length > DETAIL_CHARS:
            parts.append([])
            size = empty
        parts[-1].append(row)
        size += length
    return [Message(shown(part, number)) for number, part in enumerate(parts, start=1)]
