"""The Markdown draft: the view model through `templates/drafts/plan-actions.md.j2`.

User text is escaped here, for CommonMark (GFM tables included): every character that could
start markup (backslash, backtick, * _ [ ] < > | ~ #, entities, line-leading - + = and "1.") is
backslash-escaped, so a title such as "<b>**x**</b> | 1. & co" shows literally. Our own
"[À compléter : …]" placeholders are kept readable: their brackets cannot form a link
because every `](`, `][` and `]:` of the text is escaped.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache, lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from dialogs.dossier import Dossier
from dialogs.spec import CallSpec
from drafts.context import DraftContext, build_context, clean
from drafts.typography import french

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates" / "drafts"
TEMPLATE = "plan-actions.md.j2"

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#])")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_LINE_MARK = re.compile(r"^([>+=-])")
_ORDERED = re.compile(r"^(\d+)([.)])")
_PLACEHOLDER = re.compile(r"\[À compléter : ([^\[\]\n]*)\](?![(\[:])")


def _escape_text(text: str) -> str:
    return _ENTITY.sub(r"\\&", _SPECIAL.sub(r"\\\1", text))


@lru_cache(maxsize=4096)
def _escape_line(line: str) -> str:
    line = line.strip()
    if "[" not in line:
        return _ORDERED.sub(r"\1\\\2", _LINE_MARK.sub(r"\\\1", _escape_text(line)))
    parts: list[str] = []
    position = 0
    for match in _PLACEHOLDER.finditer(line):
        parts.append(_escape_text(line[position : match.start()]))
        parts.append(f"[À compléter : {_escape_text(match.group(1))}]")
        position = match.end()
    parts.append(_escape_text(line[position:]))
    escaped = "".join(parts)
    escaped = _LINE_MARK.sub(r"\\\1", escaped)
    return _ORDERED.sub(r"\1\\\2", escaped)


def md(value: object, indent: int = 0) -> str:
    """User text as CommonMark paragraph content; its line breaks become hard breaks."""
    lines = [_escape_line(line) for line in clean(str(value)).split("\n")]
    lines = [line for line in lines if line] or [""]
    return ("\\\n" + " " * indent).join(lines)


def md_line(value: object) -> str:
    """User text on one line (headings, list items): line breaks become spaces."""
    return " ".join(
        line for line in (_escape_line(p) for p in clean(str(value)).split("\n")) if line
    )


def cell(value: object) -> str:
    """User text inside a GFM table cell: one line, `|` escaped, never empty."""
    return md_line(value) or " "


def strong(value: object) -> str:
    """Bold table cell text; an empty cell stays empty (never a literal "** **")."""
    text = md_line(value)
    return f"**{text}**" if text else " "


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=False,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update({"md": md, "md_line": md_line, "cell": cell, "strong": strong})
    return env


def render_markdown_context(context: DraftContext) -> str:
    text = environment().get_template(TEMPLATE).render(d=context)
    return french(re.sub(r"\n{3,}", "\n\n", text).strip() + "\n")


def render_markdown(spec: CallSpec, dossier: Dossier, today: dt.date) -> str:
    return render_markdown_context(build_context(spec, dossier, today))
