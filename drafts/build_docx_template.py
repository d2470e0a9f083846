"""Create the Word templates `templates/drafts/plan-actions.docx` and `courrier.docx`.

The committed .docx files are the source: the Département's staff restyle them in Word or
LibreOffice (styles, fonts, colours, column widths, header and footer) and commit them as
they are; `tests/test_drafts_template.py` checks their tags and styles. This script only
*creates* them: it refuses to overwrite an existing template (which would lose the staff's
edits) unless given `--force`: `.venv/bin/python -m drafts.build_docx_template [--force]`.

Text is formatted by styles, never by direct formatting, so that changing a style changes
every text of its kind: "Titre du document", "Statut", "Intertitre", "Texte de tableau",
"En-tête de tableau", "Montant", "Note", "Signature", "Introduction de liste" (a line that
announces a list or a table, kept on its page) (paragraphs) and "Champ à compléter" (the
character style the renderer gives "[À compléter : …]" placeholders). Only the fill of
header, class and total rows is set on the template's cells.

Every Jinja tag sits alone in its own run; `{%p %}` / `{%tr %}` / `{%tc %}` tags alone in
their paragraph, row or cell. The context is `d` (drafts.context.DraftContext). The calendar
table carries the alt text "calendrier": the renderer shares its month columns out.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "drafts"
TEMPLATE_PATH = TEMPLATES / "plan-actions.docx"
LETTER_PATH = TEMPLATES / "courrier.docx"

BLUE = RGBColor(0x1F, 0x3A, 0x5F)
RED = RGBColor(0xC0, 0x1B, 0x1B)
GREY = RGBColor(0x55, 0x55, 0x55)
HEADER_FILL = "1F3A5F"
CLASS_FILL = "DCE6F0"
TOTAL_FILL = "B8CCE4"
PLACEHOLDER_STYLE = "Champ à compléter"
LEAD_IN_STYLE = "Introduction de liste"


# -- styles ---------------------------------------------------------------------------------
def _font(style: Any, name: str) -> None:
    """Set a style's font for every script, dropping theme fonts that would override it."""
    style.font.name = name
    fonts = style.element.get_or_add_rPr().find(qn("w:rFonts"))
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), name)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(attr), None)


def _paragraph_style(
    doc: Any,
    name: str,
    *,
    size: float = 10,
    bold: bool = False,
    italic: bool = False,
    color: RGBColor | None = None,
    align: Any = None,
    before: float = 0,
    after: float = 4,
    keep_with_next: bool = False,
    base: str = "Normal",
) -> Any:
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles[base]
    style.quick_style = True
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = italic
    if color is not None:
        style.font.color.rgb = color
    fmt = style.paragraph_format
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    fmt.keep_with_next = keep_with_next
    if align is not None:
        fmt.alignment = align
    return style


def _styles(doc: Any) -> None:
    normal = doc.styles["Normal"]
    _font(normal, "Arial")
    normal.font.size = Pt(10)
    normal.paragraph_format.space_after = Pt(4)
    for name, size, before in (
        ("Heading 1", 15, 16),
        ("Heading 2", 12.5, 12),
        ("Heading 3", 11, 10),
    ):
        style = doc.styles[name]
        _font(style, "Arial")
        style.font.size = Pt(size)
        style.font.color.rgb = BLUE
        style.font.bold = True
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(4)
        style.paragraph_format.keep_with_next = True
    quote = doc.styles["Quote"]
    quote.font.size = Pt(8.5)
    quote.font.color.rgb = GREY
    quote.paragraph_format.left_indent = Cm(0.6)
    _paragraph_style(doc, "Titre du document", size=17, bold=True, color=BLUE, after=2)
    _paragraph_style(doc, "Sous-titre du document", size=11.5, color=BLUE, after=6)
    _paragraph_style(
        doc, "Statut", size=11, bold=True, color=RED, before=4, after=2, keep_with_next=True
    )
    _paragraph_style(doc, "Motif", size=9.5, color=RED, after=2)
    _paragraph_style(
        doc, "Intertitre", size=10, bold=True, color=BLUE, before=6, after=2, keep_with_next=True
    )
    # A line that announces a list or a table ("… s’engage à :") stays with its first item.
    _paragraph_style(doc, LEAD_IN_STYLE, keep_with_next=True)
    _paragraph_style(doc, "Texte de tableau", size=9, after=0)
    _paragraph_style(
        doc, "En-tête de tableau", size=9, bold=True, color=RGBColor(0xFF, 0xFF, 0xFF), after=0
    )
    _paragraph_style(doc, "Montant", size=9, after=0, align=WD_ALIGN_PARAGRAPH.RIGHT)
    _paragraph_style(doc, "Ligne de total", size=9, bold=True, after=0)
    _paragraph_style(
        doc, "Montant total", size=9, bold=True, after=0, align=WD_ALIGN_PARAGRAPH.RIGHT
    )
    _paragraph_style(doc, "Note", size=8.5, italic=True, color=GREY, after=4)
    _paragraph_style(doc, "Signature", size=10, before=18, after=2, keep_with_next=True)
    placeholder = doc.styles.add_style(PLACEHOLDER_STYLE, WD_STYLE_TYPE.CHARACTER)
    placeholder.base_style = doc.styles["Default Paragraph Font"]
    placeholder.font.color.rgb = RGBColor(0x7A, 0x4A, 0x00)
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), "FFF2B3")
    placeholder.element.get_or_add_rPr().append(shd)


# -- building blocks ------------------------------------------------------------------------
def _shade(cell: Any, fill: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tc_pr.append(shd)


def _row_props(row: Any, *, header: bool = False) -> None:
    """Rows never split across pages; a header row repeats on each page."""
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))
    if header:
        element = OxmlElement("w:tblHeader")
        element.set(qn("w:val"), "true")
        tr_pr.append(element)


def _widths(table: Any, widths: list[float]) -> None:
    table.autofit = False
    grid = table._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths, strict=True):
        col.set(qn("w:w"), str(int(Cm(width).twips)))
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Cm(width)


def _text(cell: Any, text: str, style: str = "Texte de tableau") -> None:
    paragraph = cell.paragraphs[0]
    paragraph.style = style
    paragraph.add_run(text)


def _new_table(doc: Any, rows: int, cols: int) -> Any:
    table = doc.add_table(rows=rows, cols=cols)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for row in table.rows:
        _row_props(row, header=row is table.rows[0])
    return table


def _header(table: Any, headers: list[str]) -> None:
    for cell, header in zip(table.rows[0].cells, headers, strict=True):
        _text(cell, header, "En-tête de tableau")
        _shade(cell, HEADER_FILL)


def _table(
    doc: Any,
    headers: list[str] | None,
    widths: list[float],
    loop: str,
    cells: list[str],
    *,
    styles: dict[int, str] | None = None,
) -> Any:
    """A table: a repeated header row (if any), then one row per item of `loop`."""
    offset = 1 if headers else 0
    table = _new_table(doc, 3 + offset, len(widths))
    if headers:
        _header(table, headers)
    else:
        _unheader(table.rows[0])
    _text(table.rows[offset].cells[0], "{%tr for " + loop + " %}")
    for index, (cell, value) in enumerate(zip(table.rows[offset + 1].cells, cells, strict=True)):
        _text(cell, value, (styles or {}).get(index, "Texte de tableau"))
    _text(table.rows[offset + 2].cells[0], "{%tr endfor %}")
    _widths(table, widths)
    doc.add_paragraph()
    return table


def _unheader(row: Any) -> None:
    for element in row._tr.trPr.findall(qn("w:tblHeader")):
        row._tr.trPr.remove(element)


def _tag(doc: Any, tag: str) -> None:
    doc.add_paragraph().add_run(tag)


def _para(doc: Any, *runs: str, style: str | None = None) -> Any:
    paragraph = doc.add_paragraph(style=style)
    for text in runs:
        paragraph.add_run(text)
    return paragraph


def _quote(doc: Any, expr: str) -> None:
    _para(
        doc, "« ", "{{ " + expr + ".text }}", " » — ", "{{ " + expr + ".section }}", style="Quote"
    )


def _paragraphs(doc: Any, expr: str) -> None:
    _tag(doc, "{%p for p in " + expr + " %}")
    _para(doc, "{{ p }}")
    _tag(doc, "{%p endfor %}")


def _field(paragraph: Any, instruction: str) -> None:
    simple = OxmlElement("w:fldSimple")
    simple.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    simple.append(run)
    paragraph._p.append(simple)


def _page(doc: Any) -> Any:
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2)
    section.top_margin, section.bottom_margin = Cm(1.8), Cm(1.6)
    return section


def _document() -> Any:
    doc = Document()
    _styles(doc)
    _page(doc)
    return doc


# -- the action plan ------------------------------------------------------------------------
def build() -> Any:
    doc = _document()
    section = doc.sections[0]
    header = section.header.paragraphs[0]
    header.style = doc.styles["Note"]
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for text in ("{{ d.running_head }}", " — ", "{{ d.status_title }}"):
        header.add_run(text)
    footer = section.footer.paragraphs[0]
    footer.style = doc.styles["Note"]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for text in ("{{ d.full_title }}", " — page "):
        footer.add_run(text)
    _field(footer, "PAGE")
    footer.add_run(" / ")
    _field(footer, "NUMPAGES")

    # -- page 1: title, status, one-page summary -------------------------------------------
    _para(doc, "{{ d.title }}", style="Titre du document")
    _para(doc, "{{ d.full_title }}", " — ", "{{ d.funder }}", style="Sous-titre du document")
    _status(doc)
    _para(
        doc,
        "Document généré le ",
        "{{ d.generated_on }}",
        " · dossier ",
        "{{ d.completeness }}",
        style="Note",
    )
    doc.add_heading("Synthèse", level=1)
    _table(
        doc,
        None,
        [5.5, 11.5],
        "row in d.summary",
        ["{{ row.label }}", "{{ row.value }}"],
        styles={0: "Ligne de total"},
    )
    _para(doc, "Actions par orientation", style="Intertitre")
    _table(
        doc, None, [5.5, 11.5], "row in d.summary_actions", ["{{ row.label }}", "{{ row.value }}"]
    )
    _para(doc, "Indicateurs d’évaluation : cibles", style="Intertitre")
    _table(
        doc,
        None,
        [13.0, 4.0],
        "row in d.summary_targets",
        ["{{ row.label }}", "{{ row.value }}"],
        styles={1: "Montant"},
    )
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    # -- 1. presentation ---------------------------------------------------------------------
    doc.add_heading("1. Présentation du porteur de projet", level=1)
    _table(
        doc,
        ["Rubrique", "Réponse"],
        [5.5, 11.5],
        "row in d.presentation",
        ["{{ row.label }}", "{{ row.value }}"],
    )

    # -- 2. context, approach ------------------------------------------------------------------
    doc.add_heading("2. Contexte, diagnostic et approche", level=1)
    _para(doc, "Contexte et diagnostic des SIAE du réseau", style="Intertitre")
    _paragraphs(doc, "d.context")
    _para(doc, "Approche pédagogique et stratégique", style="Intertitre")
    _paragraphs(doc, "d.approach")

    # -- 3. public, eligibility ---------------------------------------------------------------
    doc.add_heading("3. Public visé et éligibilité", level=1)
    _para(doc, "Public des SIAE concernées par les actions (sur l’année)", style="Intertitre")
    _table(
        doc,
        ["Public", "Nombre"],
        [8.0, 9.0],
        "row in d.public",
        ["{{ row.label }}", "{{ row.value }}"],
    )
    _paragraphs(doc, "d.public_note")
    _para(doc, "Éligibilité", style="Intertitre")
    _table(
        doc,
        ["Critère de l’appel à projets", "Réponse", "Éléments du dossier"],
        [7.5, 2.0, 7.5],
        "c in d.eligibility",
        ["{{ c.criterion }}", "{{ c.answer }}", "{{ c.evidence }}"],
    )
    _tag(doc, "{%p if not d.filing %}")
    _quote(doc, "d.target_quote")
    _tag(doc, "{%p endif %}")

    # -- 4. plan ------------------------------------------------------------------------------
    doc.add_heading("4. Plan d’actions", level=1)
    _tag(doc, "{%p if not d.filing %}")
    _quote(doc, "d.expected_quote")
    _tag(doc, "{%p endif %}")
    _tag(doc, "{%p for o in d.orientations %}")
    h2 = doc.add_heading("", level=2)
    for text in ("Orientation ", "{{ o.number }}", " — ", "{{ o.short_title }}"):
        h2.add_run(text)
    _para(doc, "{{ o.title }}", style="Note")
    _tag(doc, "{%p if not d.filing %}")
    _para(doc, "« ", "{{ o.call_words }}", " » — ", "{{ o.call_section }}", style="Quote")
    _tag(doc, "{%p endif %}")
    _tag(doc, "{%p for a in o.actions %}")
    h3 = doc.add_heading("", level=3)
    for text in ("Action ", "{{ a.number }}", " — ", "{{ a.title }}"):
        h3.add_run(text)
    _para(doc, "Description", style="Intertitre")
    _paragraphs(doc, "a.description")
    _table(
        doc,
        ["Rubrique", "Réponse"],
        [4.0, 13.0],
        "row in a.rows",
        ["{{ row.label }}", "{{ row.value }}"],
    )
    _para(doc, "Résultats attendus", style="Intertitre")
    _paragraphs(doc, "a.results")
    _tag(doc, "{%p else %}")
    _para(doc, "{{ o.empty }}")
    _tag(doc, "{%p endfor %}")
    _tag(doc, "{%p endfor %}")
    doc.add_heading("Objectifs transversaux", level=2)
    _table(
        doc,
        ["Objectif transversal", "Servi"],
        [13.0, 4.0],
        "obj in d.objectives",
        ["{{ obj.label }}", "{{ obj.served }}"],
    )
    _tag(doc, "{%p if d.objectives_note %}")
    _para(doc, "Contribution aux objectifs transversaux", style="Intertitre")
    _paragraphs(doc, "d.objectives_note")
    _tag(doc, "{%p endif %}")

    # -- 5. calendar --------------------------------------------------------------------------
    doc.add_heading("5. Calendrier de réalisation", level=1)
    _para(
        doc,
        "Période de conventionnement : ",
        "{{ d.agreement_period }}",
        " (",
        "{{ d.calendar_year }}",
        ").",
        style=LEAD_IN_STYLE,
    )
    _tag(doc, "{%p if d.calendar %}")
    _calendar(doc)
    _tag(doc, "{%p else %}")
    _para(doc, "[À compléter : actions et mois de réalisation]")
    _tag(doc, "{%p endif %}")
    doc.add_paragraph()

    # -- 6. indicators --------------------------------------------------------------------------
    doc.add_heading("6. Indicateurs d’évaluation", level=1)
    _tag(doc, "{%p if not d.filing %}")
    _quote(doc, "d.indicators_quote")
    _tag(doc, "{%p endif %}")
    _table(
        doc,
        ["Indicateur", "Cible", "Mode de comptage proposé", "Commentaire"],
        [6.2, 1.6, 5.6, 3.6],
        "i in d.indicators",
        ["{{ i.label }}", "{{ i.target }}", "{{ i.counting }}", "{{ i.comment }}"],
        styles={1: "Montant"},
    )

    # -- 7. budget ------------------------------------------------------------------------------
    doc.add_heading("7. Budget prévisionnel de l’action", level=1)
    _para(doc, "Budget présenté selon les comptes du formulaire CERFA n° 12156 (budget du projet).")
    _para(doc, "Frais de personnel affectés à l’action (coût chargé)", style="Intertitre")
    _table(
        doc,
        ["Fonction", "ETP", "Base de calcul (coût chargé à temps plein)", "Montant"],
        [5.5, 1.5, 7.0, 3.0],
        "s in d.budget.staff",
        ["{{ s.role }}", "{{ s.fte }}", "{{ s.basis }}", "{{ s.amount }}"],
        styles={1: "Montant", 3: "Montant"},
    )
    doc.add_heading("Charges", level=2)
    _budget_table(doc, "Charges", "d.budget.charges", "Précision")
    doc.add_heading("Produits", level=2)
    _budget_table(doc, "Produits", "d.budget.resources", "Statut")
    _tag(doc, "{%p if d.budget.has_in_kind %}")
    doc.add_heading("Contributions volontaires en nature", level=2)
    _budget_table(doc, "Emplois (charges)", "d.budget.charges_in_kind", "")
    _budget_table(doc, "Contributions (produits)", "d.budget.resources_in_kind", "")
    _para(
        doc,
        "Total des charges, contributions en nature comprises : ",
        "{{ d.budget.grand_total_charges }}",
        " ; total des produits : ",
        "{{ d.budget.grand_total_resources }}",
        ".",
    )
    _tag(doc, "{%p endif %}")
    _para(doc, "{{ d.budget.balance_line }}", style="Intertitre")
    _para(doc, "{{ d.budget.share_line }}")
    _tag(doc, "{%p if d.budget.cap_line %}")
    _para(doc, "{{ d.budget.cap_line }}")
    _tag(doc, "{%p endif %}")
    _para(doc, "{{ d.budget.rounding_note }}", style="Note")
    _tag(doc, "{%p if not d.filing %}")
    _tag(doc, "{%p for q in d.budget.quotes %}")
    _quote(doc, "q")
    _tag(doc, "{%p endfor %}")
    _tag(doc, "{%p endif %}")

    # -- 8. commitments (filing) or the call's terms (draft) -------------------------------------
    _tag(doc, "{%p if d.filing %}")
    doc.add_heading("8. Engagements du porteur de projet", level=1)
    _para(doc, "L’organisme ", "{{ d.organisation }}", " s’engage à :", style=LEAD_IN_STYLE)
    _tag(doc, "{%p for c in d.commitments %}")
    _para(doc, "{{ c }}", style="List Bullet")
    _tag(doc, "{%p endfor %}")
    _tag(doc, "{%p else %}")
    doc.add_heading("8. Versement, suivi et évaluation", level=1)
    _tag(doc, "{%p for row in d.payment %}")
    _para(doc, "{{ row.label }}", " : ", "{{ row.value }}", style="List Bullet")
    _tag(doc, "{%p endfor %}")
    _para(doc, "Suivi : ", "{{ d.follow_up }}", style="List Bullet")
    _para(
        doc,
        "Bilan final : à remettre dans ",
        "{{ d.platform }}",
        " au plus tard le ",
        "{{ d.final_report_deadline }}",
        ". ",
        "{{ d.final_report }}",
        style="List Bullet",
    )
    _tag(doc, "{%p for part in d.final_report_parts %}")
    _para(doc, "{{ part.label }}", " : ", "{{ part.value }}", style="List Bullet 2")
    _tag(doc, "{%p endfor %}")
    _tag(doc, "{%p for q in d.payment_quotes %}")
    _quote(doc, "q")
    _tag(doc, "{%p endfor %}")
    _quote(doc, "d.follow_up_quote")
    _quote(doc, "d.final_report_quote")

    # -- annex (draft only) ---------------------------------------------------------------------
    annex = doc.add_heading("Annexe — Avant le dépôt dans ", level=1)
    annex.add_run("{{ d.platform }}")
    annex.paragraph_format.page_break_before = True
    doc.add_heading("Points de vigilance", level=2)
    _tag(doc, "{%p for w in d.warnings %}")
    _para(doc, "{{ w.message }}", " (", "{{ w.source }}", ")", style="List Bullet")
    _tag(doc, "{%p else %}")
    _para(doc, "Aucun point de vigilance.")
    _tag(doc, "{%p endfor %}")
    doc.add_heading("Ce qu’il reste à compléter", level=2)
    _tag(doc, "{%p for g in d.missing %}")
    _para(doc, "{{ g.section }}", " :", style="List Bullet")
    _tag(doc, "{%p for item in g.items %}")
    _para(doc, "{{ item }}", style="List Bullet 2")
    _tag(doc, "{%p endfor %}")
    _tag(doc, "{%p else %}")
    _para(doc, "Toutes les questions ont reçu une réponse.")
    _tag(doc, "{%p endfor %}")
    doc.add_heading("Étapes du dépôt", level=2)
    _tag(doc, "{%p for item in d.checklist %}")
    _para(doc, "☐ ", "{{ item }}")
    _tag(doc, "{%p endfor %}")
    doc.add_heading("Pièces à joindre", level=2)
    _para(doc, "{{ d.attachments_note }}", style="Note")
    _tag(doc, "{%p for item in d.attachments %}")
    _para(doc, "☐ ", "{{ item }}")
    _tag(doc, "{%p endfor %}")
    _para(doc, "Contact au Département : ", "{{ d.contact }}", ".")
    _tag(doc, "{%p endif %}")

    # -- answers to reread (draft and version to file, while there are some) -----------------
    _tag(doc, "{%p if d.to_reread %}")
    doc.add_heading("À relire avant le dépôt", level=1)
    _para(doc, "{{ d.to_reread_note }}", style="Note")
    _tag(doc, "{%p for line in d.to_reread %}")
    _para(doc, "{{ line }}", style="List Bullet")
    _tag(doc, "{%p endfor %}")
    _tag(doc, "{%p endif %}")
    return doc


def _status(doc: Any) -> None:
    """The status ("BROUILLON — ne peut pas être déposé en l’état", or "Version à déposer")
    and the lines that say why."""
    _para(doc, "{{ d.status_title }}", style="Statut")
    _tag(doc, "{%p for line in d.status_lines %}")
    _para(doc, "{{ line }}", style="Motif")
    _tag(doc, "{%p endfor %}")


def _draft_banner(doc: Any) -> None:
    """A draft's status and reasons, on a page someone could sign; nothing on the version to
    file."""
    _tag(doc, "{%p if not d.filing %}")
    _status(doc)
    doc.add_paragraph()
    _tag(doc, "{%p endif %}")


def _calendar(doc: Any) -> None:
    table = _new_table(doc, 4, 4)
    description = OxmlElement("w:tblDescription")
    description.set(qn("w:val"), "calendrier")
    table._tbl.tblPr.append(description)
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), "28")
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    table._tbl.tblPr.append(margins)
    head = table.rows[0].cells
    _text(head[0], "Action", "En-tête de tableau")
    _text(head[1], "{%tc for m in d.months %}")
    _text(head[2], "{{ m }}", "En-tête de tableau")
    _text(head[3], "{%tc endfor %}")
    for cell in head:
        _shade(cell, HEADER_FILL)
    _text(table.rows[1].cells[0], "{%tr for row in d.calendar %}")
    body = table.rows[2].cells
    _text(body[0], "{{ row.label }}")
    _text(body[1], "{%tc for c in row.cells %}")
    _text(body[2], "{{ c }}", "Montant")
    _text(body[3], "{%tc endfor %}")
    _text(table.rows[3].cells[0], "{%tr endfor %}")
    _widths(table, [5.0, 4.0, 4.0, 4.0])


def _budget_table(doc: Any, title: str, rows: str, basis: str) -> None:
    """CERFA table: one row template per kind of line (class, total, line)."""
    kinds = (
        (
            "if",
            "r.kind == 'class' or r.kind == 'subtotal'",
            CLASS_FILL,
            "Ligne de total",
            "Montant total",
        ),
        ("elif", "r.kind == 'total'", TOTAL_FILL, "Ligne de total", "Montant total"),
        ("else", "", None, "Texte de tableau", "Montant"),
    )
    table = _new_table(doc, 2 + 2 * len(kinds) + 1, 4)
    _header(table, ["Compte", title, basis, "Montant"])
    _text(table.rows[1].cells[0], "{%tr for r in " + rows + " %}")
    for index, (keyword, test, fill, style, amount_style) in enumerate(kinds):
        _text(
            table.rows[2 + 2 * index].cells[0],
            "{%tr " + keyword + (" " + test if test else "") + " %}",
        )
        cells = table.rows[3 + 2 * index].cells
        values = ["{{ r.account }}", "{{ r.label }}", "{{ r.basis }}", "{{ r.amount }}"]
        for position, (cell, value) in enumerate(zip(cells, values, strict=True)):
            _text(
                cell,
                value,
                amount_style if position == 3 else ("Texte de tableau" if position == 2 else style),
            )
            if fill:
                _shade(cell, fill)
    _text(table.rows[-1].cells[0], "{%tr endif %}")
    last = table.add_row()
    _row_props(last)
    _text(last.cells[0], "{%tr endfor %}")
    _widths(table, [1.6, 8.9, 3.9, 2.6])
    doc.add_paragraph()


# -- the cover letter and sworn statement ---------------------------------------------------
def build_letter() -> Any:
    doc = _document()
    _draft_banner(doc)
    _para(doc, "{{ d.organisation }}", style="Intertitre")
    _tag(doc, "{%p for line in d.address_lines %}")
    _para(doc, "{{ line }}")
    _tag(doc, "{%p endfor %}")
    _para(doc, "SIRET ", "{{ d.siret }}")
    doc.add_paragraph()
    recipient = _para(doc, "{{ d.funder }}")
    recipient.paragraph_format.left_indent = Cm(9)
    service = _para(doc, "{{ d.service }}")
    service.paragraph_format.left_indent = Cm(9)
    place = _para(doc, "{{ d.place }}", ", le ", "{{ d.date }}")
    place.paragraph_format.left_indent = Cm(9)
    place.paragraph_format.space_before = Pt(12)
    doc.add_paragraph()
    _para(doc, "Objet : candidature à l’", "{{ d.full_title }}", style="Intertitre")
    _para(doc, "Madame, Monsieur,")
    _para(
        doc,
        "Nous avons l’honneur de vous présenter notre candidature à l’",
        "{{ d.full_title }}",
        ". Notre plan d’actions couvre ",
        "{{ d.coverage }}",
        " de l’appel à projets, ",
        "{{ d.agreement_period }}",
        ", pour un coût total de ",
        "{{ d.total }}",
        ".",
    )
    _para(
        doc,
        "Nous sollicitons à ce titre une subvention de ",
        "{{ d.request }}",
        " du ",
        "{{ d.funder }}",
        ", soit ",
        "{{ d.share }}",
        " du budget de l’action.",
    )
    _para(
        doc,
        "Le plan d’actions, le budget au format CERFA et les pièces demandées sont joints "
        "à notre dépôt dans ",
        "{{ d.platform }}",
        ". ",
        "{{ d.contact }}",
        " se tient à votre disposition pour tout renseignement.",
    )
    _para(
        doc,
        "Nous vous prions d’agréer, Madame, Monsieur, l’expression de nos salutations distinguées.",
    )
    _signature(doc)

    heading = doc.add_heading("Déclaration sur l’honneur", level=1)
    heading.paragraph_format.page_break_before = True
    _draft_banner(doc)
    _para(
        doc,
        "{{ d.undersigned }}",
        ", ",
        "{{ d.representative }}",
        ", ",
        "{{ d.representative_role }}",
        ", ",
        "{{ d.legal_representative }}",
        " de l’organisme ",
        "{{ d.organisation }}",
        " :",
        style=LEAD_IN_STYLE,
    )
    _tag(doc, "{%p for item in d.declarations %}")
    _para(doc, "{{ item }}", style="List Bullet")
    _tag(doc, "{%p endfor %}")
    _signature(doc)

    heading = doc.add_heading("Pièces à joindre", level=1)
    heading.paragraph_format.page_break_before = True
    _para(doc, "{{ d.attachments_note }}", style="Statut")
    _para(
        doc,
        "Liste de contrôle pour le porteur de projet : cette page n’est pas à joindre.",
        style="Note",
    )
    _tag(doc, "{%p for item in d.attachments %}")
    _para(doc, "☐ ", "{{ item }}")
    _tag(doc, "{%p endfor %}")
    return doc


def _signature(doc: Any) -> None:
    _para(doc, "Fait à ", "{{ d.place }}", ", le ", "{{ d.date }}", style="Signature")
    _para(doc, "{{ d.representative }}", ", ", "{{ d.representative_role }}")
    _para(doc, "Signature et cachet de l’organisme :", style="Note")
    for _ in range(3):
        doc.add_paragraph()


def main(argv: list[str] | None = None) -> int:
    force = "--force" in (argv if argv is not None else sys.argv[1:])
    status = 0
    for path, builder in ((TEMPLATE_PATH, build), (LETTER_PATH, build_letter)):
        if path.exists() and not force:
            print(f"{path} existe déjà : modifiez-le dans Word (ou --force pour le recréer)")
            status = 1
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        builder().save(str(path))
        print(path)
    return status


if __name__ == "__main__":
    raise SystemExit(main())
