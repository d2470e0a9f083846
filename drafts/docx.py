"""The Word draft: the view model through the docxtpl template `templates/drafts/plan-actions.docx`.

The template is a Word document the Département's staff may restyle (see
`drafts/build_docx_template.py`). Rendering autoescapes every value (`&`, `<` stay text),
the view model has already removed the characters XML forbids, and docxtpl turns line
breaks inside a value into Word line breaks. The template's bytes and the compiled Jinja
template are cached across renders; each render gets a fresh `DocxTemplate`.
"""

from __future__ import annotations

import datetime as dt
import io
import threading
from functools import cache
from pathlib import Path
from typing import Any

from docx.oxml.ns import qn
from docxtpl import DocxTemplate
from jinja2 import Environment, StrictUndefined, Template

from dialogs.dossier import Dossier
from dialogs.spec import CallSpec
from drafts.context import DraftContext, build_context

TEMPLATE_PATH = (
    Path(__file__).resolve().parent.parent / "templates" / "drafts" / "plan-actions.docx"
)
CALENDAR_ALT_TEXT = "calendrier"


class _CompiledCache(Environment):
    """A Jinja environment that compiles each (identical) document part only once."""

    def __init__(self) -> None:
        super().__init__(autoescape=True, undefined=StrictUndefined)
        self._compiled: dict[str, Template] = {}
        self._lock = threading.Lock()

    def from_string(self, source: Any, globals: Any = None, template_class: Any = None) -> Template:
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        with self._lock:
            template = self._compiled.get(source)
            if template is None:
                if len(self._compiled) > 64:
                    self._compiled.clear()
                template = super().from_string(source)
                self._compiled[source] = template
            return template


@cache
def _template_bytes() -> bytes:
    return TEMPLATE_PATH.read_bytes()


@cache
def _environment() -> _CompiledCache:
    return _CompiledCache()


def _fit_calendar(document: Any) -> None:
    """Month columns share equally the width the first column leaves in the calendar table."""
    for table in document.tables:
        tbl_pr = table._tbl.tblPr
        alt = tbl_pr.find(qn("w:tblDescription")) if tbl_pr is not None else None
        if alt is None or alt.get(qn("w:val")) != CALENDAR_ALT_TEXT:
            continue
        columns = table._tbl.tblGrid.findall(qn("w:gridCol"))
        widths = [int(c.get(qn("w:w")) or 0) for c in columns]
        if len(columns) < 2 or sum(widths) == 0:
            continue
        total = sum(widths)
        first = max(widths[0], total * 22 // 100)
        share = (total - first) // (len(columns) - 1)
        sizes = [first] + [share] * (len(columns) - 1)
        for column, size in zip(columns, sizes, strict=True):
            column.set(qn("w:w"), str(size))
        for row in table._tbl.tr_lst:
            for tc, size in zip(row.tc_lst, sizes, strict=False):
                tc_pr = tc.get_or_add_tcPr()
                width = tc_pr.find(qn("w:tcW"))
                if width is not None:
                    width.set(qn("w:w"), str(size))
                    width.set(qn("w:type"), "dxa")


def render_docx_context(context: DraftContext) -> bytes:
    template = DocxTemplate(io.BytesIO(_template_bytes()))
    template.render({"d": context}, jinja_env=_environment(), autoescape=True)
    _fit_calendar(template.docx)
    out = io.BytesIO()
    template.save(out)
    return out.getvalue()


def render_docx(spec: CallSpec, dossier: Dossier, today: dt.date) -> bytes:
    return render_docx_context(build_context(spec, dossier, today))
