"""The Word documents: the view model through the docxtpl templates of `templates/drafts/`.

The templates are Word documents the Département's staff may restyle (see
`drafts/build_docx_template.py`). Rendering autoescapes every value, the view model has
already removed the characters XML forbids, and docxtpl turns line breaks inside a value
into Word line breaks. Then `finish` makes every document French and well-behaved whatever
the template says: language fr-FR on the defaults and on every style, the current
compatibility mode, core properties (title, subject, author = the organisation, dates),
rows that never split across pages (a CERFA account's rows and the calendar's kept together),
French typography (`drafts.typography`, across runs, headers and footers included),
and "[À compléter : …]" placeholders in the character style "Champ à compléter".
"""

from __future__ import annotations

import datetime as dt
import io
import re
import threading
from functools import cache
from pathlib import Path
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docxtpl import DocxTemplate
from jinja2 import Environment, StrictUndefined, Template

from dialogs.dossier import Dossier
from dialogs.spec import CallSpec
from drafts.context import DraftContext, build_context
from drafts.typography import apply, needs_typography, substitutions

TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "drafts"
TEMPLATE_PATH = TEMPLATES / "plan-actions.docx"
LETTER_PATH = TEMPLATES / "courrier.docx"
CALENDAR_ALT_TEXT = "calendrier"
PLACEHOLDER_STYLE = "Champ à compléter"
TABLE_TEXT_STYLE = "Texte de tableau"
LANGUAGE = "fr-FR"
PRODUCT = "aap-bot"
WORD_2013_AND_LATER = "15"
_PLACEHOLDER = re.compile(r"\[À compléter[ \u00a0\u202f]:[^\]]*\]")
W_T, W_R, W_P, W_RPR, W_TC = qn("w:t"), qn("w:r"), qn("w:p"), qn("w:rPr"), qn("w:tc")


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


class _Template(DocxTemplate):  # type: ignore[misc]
    """docxtpl's template whose tag-joining pass (`patch_xml`, regular expressions over the
    whole part) runs once per distinct part: the template's parts never change."""

    _patched: dict[str, str] = {}  # noqa: RUF012 - shared on purpose, bounded below
    _patch_lock = threading.Lock()

    def patch_xml(self, src_xml: str) -> str:
        with self._patch_lock:
            found = self._patched.get(src_xml)
        if found is None:
            found = super().patch_xml(src_xml)
            with self._patch_lock:
                if len(self._patched) > 64:
                    self._patched.clear()
                self._patched[src_xml] = found
        return found

    def resolve_listing(self, xml: str) -> str:
        """docxtpl's line-break pass, on the few paragraphs whose text holds a line break
        (docxtpl runs three nested regular expressions over every paragraph)."""
        if not _BREAKS.search(xml):
            return xml
        parent = super().resolve_listing
        return _PARAGRAPH.sub(
            lambda m: parent(m.group(0)) if _BREAKS.search(m.group(0)) else m.group(0), xml
        )


_BREAKS = re.compile(r"[\t\a\n\f]")
_PARAGRAPH = re.compile(r"<w:p(?: [^>]*)?>.*?</w:p>", re.DOTALL)


@cache
def _template_bytes(path: Path) -> bytes:
    return path.read_bytes()


@cache
def _environment() -> _CompiledCache:
    return _CompiledCache()


def _fit_calendar(document: Any) -> None:
    """Month columns share equally the width the first column leaves in the calendar table,
    their marks and names centred (the template's « Montant » style sets them right, where
    a month's dot read as the next month's)."""
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
            for tc in row.tc_lst[1:]:
                for paragraph in tc.findall(qn("w:p")):
                    justify = paragraph.get_or_add_pPr().get_or_add_jc()
                    justify.set(qn("w:val"), "center")


_ACCOUNT = re.compile(r"\d{2,3}")


def _keep_with_next(row: Any) -> None:
    for paragraph in row.iter(W_P):
        p_pr = paragraph.find(qn("w:pPr"))
        if p_pr is None:
            p_pr = OxmlElement("w:pPr")
            paragraph.insert(0, p_pr)
        if p_pr.find(qn("w:keepNext")) is None:  # after pStyle, as the schema orders them
            at = 1 if len(p_pr) and p_pr[0].tag == qn("w:pStyle") else 0
            p_pr.insert(at, OxmlElement("w:keepNext"))


#: Paragraphs under a heading this long or shorter (an orientation's one-line description,
#: the call's sentence quoted under it, a section's lead-in) are part of the heading's
#: block, not body text to break in; at most `_LEAD_MAX_PARAGRAPHS` of them.
_LEAD_MAX_CHARS = 400
_LEAD_MAX_PARAGRAPHS = 3


def _leads_keep_with_next(document: Any) -> None:
    """The short paragraphs between a heading and what it heads (a table, a lower heading)
    keep with it, so the chain heading → lead → table is never cut after the lead: an
    officer read « 4. Plan d'actions », « Orientation 1 » and its description at a page
    foot, their action on the next page. The headings keep with the next paragraph by their
    style; a lead in a body style did not, and broke the chain. Text before a heading of the
    same or a higher rank (an action's results, then the next action) is not a lead."""
    ranks = _heading_ranks(document)
    children = list(document.element.body.iterchildren())
    for at, element in enumerate(children):
        rank = ranks.get(_paragraph_style(element) or "")
        if rank is None:
            continue
        run: list[Any] = []
        for following in children[at + 1 : at + 1 + _LEAD_MAX_PARAGRAPHS + 1]:
            text = "".join(t.text or "" for t in following.iter(W_T)).strip()
            style = _paragraph_style(following) or ""
            if following.tag != W_P or style in ranks or not text or len(text) > _LEAD_MAX_CHARS:
                break
            run.append(following)
        if not run or len(run) > _LEAD_MAX_PARAGRAPHS:
            continue
        after = run[-1].getnext()
        after_rank = ranks.get(_paragraph_style(after) or "") if after is not None else None
        if after is not None and (after.tag == qn("w:tbl") or (after_rank or 0) > rank):
            for paragraph in run:
                _keep_with_next(paragraph)


def _heading_ranks(document: Any) -> dict[str, int]:
    """Style id → rank of the styles that keep with the next paragraph: « Heading N » is
    N, the template's « Intertitre » under them, any other such style last."""
    ranks: dict[str, int] = {}
    for style in document.styles:
        try:
            keeps = bool(style.paragraph_format.keep_with_next)
        except AttributeError:  # a table or numbering style: no paragraph format
            continue
        if not keeps:
            continue
        name = str(style.name)
        level = name.removeprefix("Heading ")
        ranks[style.style_id] = int(level) if level.isdigit() else 4 if name == "Intertitre" else 5
    return ranks


def _paragraph_style(element: Any) -> str | None:
    if element is None or element.tag != W_P:
        return None
    style = element.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    return None if style is None else str(style.get(qn("w:val")))


def _style_of(tr: Any) -> str | None:
    """The paragraph style of a row's first cell."""
    style = tr.find(f"{W_TC}/{W_P}/{qn('w:pPr')}/{qn('w:pStyle')}")
    return None if style is None else str(style.get(qn("w:val")))


def _cell_text(tc: Any) -> str:
    return "".join(t.text or "" for t in tc.iter(W_T)).strip()


def _keep_blocks_together(document: Any) -> None:
    """A CERFA account's rows (« 64 », 641, 645) keep together on one page, and so do the
    calendar's: each row keeps with the next one of its block (Word and LibreOffice move
    the block to the next page rather than split it)."""
    # A line of a CERFA account (its account number, if any, or none: « Fournitures
    # pédagogiques » under « 60 Achats ») is in the template's « Texte de tableau » style;
    # the account's own row and the totals are not.
    line_style = next(
        (s.style_id for s in document.styles if s.name == TABLE_TEXT_STYLE), TABLE_TEXT_STYLE
    )
    for table in document.tables:
        rows = table._tbl.tr_lst
        first = [_cell_text(tr.tc_lst[0]) if tr.tc_lst else "" for tr in rows]
        tbl_pr = table._tbl.tblPr
        alt = tbl_pr.find(qn("w:tblDescription")) if tbl_pr is not None else None
        if alt is not None and alt.get(qn("w:val")) == CALENDAR_ALT_TEXT:
            for tr in rows[:-1]:
                _keep_with_next(tr)
            continue
        if not first or first[0] != "Compte":
            continue
        for index, tr in enumerate(rows[1:-1], start=1):
            account, following = first[index], first[index + 1]
            same_account = _ACCOUNT.fullmatch(account) and following.startswith(account[:2])
            if same_account or _style_of(rows[index + 1]) == line_style:
                _keep_with_next(tr)


# -- finishing ------------------------------------------------------------------------------
def _set_language(rpr: Any) -> None:
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), LANGUAGE)
    lang.set(qn("w:eastAsia"), LANGUAGE)


def _french_styles(document: Any) -> None:
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(W_RPR)
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    _set_language(rpr)
    for style in styles.findall(qn("w:style")):
        if style.get(qn("w:type")) in ("paragraph", "character", "table"):
            _set_language(style.get_or_add_rPr())


def _compatibility(document: Any) -> None:
    settings = document.settings.element
    compat = settings.find(qn("w:compat"))
    if compat is None:
        compat = OxmlElement("w:compat")
        settings.append(compat)
    for setting in compat.findall(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), WORD_2013_AND_LATER)
            return
    setting = OxmlElement("w:compatSetting")
    setting.set(qn("w:name"), "compatibilityMode")
    setting.set(qn("w:uri"), "http://schemas.microsoft.com/office/word")
    setting.set(qn("w:val"), WORD_2013_AND_LATER)
    compat.append(setting)


def _properties(document: Any, *, title: str, subject: str, author: str, now: dt.datetime) -> None:
    props = document.core_properties
    props.title = _short(title)
    props.subject = _short(subject)
    props.author = _short(author)
    props.last_modified_by = PRODUCT
    props.created = now
    props.modified = now
    props.language = LANGUAGE
    props.revision = 1
    props.keywords = "appel à projets; plan d’actions; IAE"
    props.comments = f"Produit par {PRODUCT}"
    props.category = "Demande de subvention"


def _short(text: str) -> str:
    """Core properties hold 255 characters at most."""
    return text if len(text) <= 255 else text[:254] + "…"


def _rows_never_split(root: Any) -> None:
    for tr in root.iter(qn("w:tr")):
        tr_pr = tr.find(qn("w:trPr"))
        if tr_pr is None:
            tr_pr = OxmlElement("w:trPr")
            tr.insert(0 if tr.find(qn("w:tblPrEx")) is None else 1, tr_pr)
        if tr_pr.find(qn("w:cantSplit")) is None:
            tr_pr.insert(0, OxmlElement("w:cantSplit"))


def _header_rows_stay_with_their_table(root: Any) -> None:
    """Each table's first row (its header) repeats at the top of every page the table runs
    onto, and is kept with the next row: a header is never left alone at a page foot."""
    for table in root.iter(qn("w:tbl")):
        first = table.find(qn("w:tr"))
        if first is None or first.getnext() is None:
            continue
        tr_pr = first.find(qn("w:trPr"))
        if tr_pr is not None and tr_pr.find(qn("w:tblHeader")) is None:
            tr_pr.append(OxmlElement("w:tblHeader"))
        _keep_with_next(first)


def _typography(root: Any) -> None:
    """French spacing over each paragraph's text, mapped back onto its runs."""
    for paragraph in root.iter(W_P):
        nodes = list(paragraph.iter(W_T))
        if not nodes:
            continue
        texts = [t.text or "" for t in nodes]
        joined = "".join(texts)
        if not needs_typography(joined):
            continue
        found = substitutions(joined)
        if not found:
            continue
        offset = 0
        for node, text in zip(nodes, texts, strict=True):
            local = {i - offset: v for i, v in found.items() if offset <= i < offset + len(text)}
            if local:
                node.text = apply(text, local)
            offset += len(text)


def _placeholder_style_id(document: Any) -> str | None:
    for style in document.styles.element.findall(qn("w:style")):
        name = style.find(qn("w:name"))
        if name is not None and name.get(qn("w:val")) == PLACEHOLDER_STYLE:
            return str(style.get(qn("w:styleId")))
    return None


def _mark_placeholders(root: Any, style_id: str) -> None:
    """Each "[À compléter : …]" in its own run, in the character style of placeholders."""
    for run in list(root.iter(W_R)):
        texts = run.findall(W_T)
        if len(texts) != 1 or "[À compléter" not in (texts[0].text or ""):
            continue
        text = texts[0].text or ""
        parts = _split(text)
        if len(parts) == 1 and not parts[0][1]:
            continue
        parent = run.getparent()
        position = parent.index(run)
        for offset, (part, is_placeholder) in enumerate(parts):
            new = _copy_run(run, part)
            if is_placeholder:
                rpr = new.find(W_RPR)
                if rpr is None:
                    rpr = OxmlElement("w:rPr")
                    new.insert(0, rpr)
                for old in rpr.findall(qn("w:rStyle")):
                    rpr.remove(old)
                style = OxmlElement("w:rStyle")
                style.set(qn("w:val"), style_id)
                rpr.insert(0, style)
            parent.insert(position + offset, new)
        parent.remove(run)


def _split(text: str) -> list[tuple[str, bool]]:
    parts: list[tuple[str, bool]] = []
    position = 0
    for match in _PLACEHOLDER.finditer(text):
        if match.start() > position:
            parts.append((text[position : match.start()], False))
        parts.append((match.group(), True))
        position = match.end()
    if position < len(text):
        parts.append((text[position:], False))
    return parts or [(text, False)]


def _copy_run(run: Any, text: str) -> Any:
    from copy import deepcopy

    new = deepcopy(run)
    for child in list(new):
        if child.tag != W_RPR:
            new.remove(child)
    node = OxmlElement("w:t")
    node.text = text
    node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    new.append(node)
    return new


def finish(document: Any, *, title: str, subject: str, author: str, now: dt.datetime) -> None:
    """Make a rendered document French, well-behaved and described (see the module doc)."""
    _french_styles(document)
    _compatibility(document)
    _properties(document, title=title, subject=subject, author=author, now=now)
    style_id = _placeholder_style_id(document)
    # Headers and footers through the document's relationships: docxtpl renders them into
    # new parts there, which `Section.header` does not see (it still gives the template's).
    roots = [document.element.body] + [
        rel.target_part.element
        for rel in document.part.rels.values()
        if rel.reltype in (RT.HEADER, RT.FOOTER) and hasattr(rel.target_part, "element")
    ]
    for root in roots:
        _rows_never_split(root)
        _header_rows_stay_with_their_table(root)
        _typography(root)
        if style_id is not None:
            _mark_placeholders(root, style_id)


def _render(
    path: Path, context: object, *, title: str, subject: str, author: str, now: dt.datetime | None
) -> bytes:
    template = _Template(io.BytesIO(_template_bytes(path)))
    template.render({"d": context}, jinja_env=_environment(), autoescape=True)
    _fit_calendar(template.docx)
    _keep_blocks_together(template.docx)
    _leads_keep_with_next(template.docx)
    finish(
        template.docx,
        title=title,
        subject=subject,
        author=author,
        now=now or dt.datetime.now(dt.UTC).replace(microsecond=0),
    )
    out = io.BytesIO()
    template.save(out)
    return out.getvalue()


def render_docx_context(context: DraftContext, now: dt.datetime | None = None) -> bytes:
    return _render(
        TEMPLATE_PATH,
        context,
        title=context.title,
        subject=context.full_title,
        author=context.organisation,
        now=now,
    )


def render_letter_context(context: Any, now: dt.datetime | None = None) -> bytes:
    """The cover letter, sworn statement and checklist of attachments (`drafts.letter`)."""
    return _render(
        LETTER_PATH,
        context,
        title=f"Courrier de candidature — {context.organisation}",
        subject=context.full_title,
        author=context.organisation,
        now=now,
    )


def render_docx(spec: CallSpec, dossier: Dossier, today: dt.date) -> bytes:
    return render_docx_context(build_context(spec, dossier, today))
