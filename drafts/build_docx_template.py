"""Build the Word template `templates/drafts/plan-actions.docx` (docxtpl tags inside).

The committed .docx is the source the Département's staff may restyle in Word or
LibreOffice (styles, fonts, colours, column widths, header and footer); this script only
regenerates it from scratch: `.venv/bin/python -m drafts.build_docx_template`.
Every Jinja tag sits alone in its own run; `{%p %}` / `{%tr %}` / `{%tc %}` tags alone in
their paragraph, row or cell. The context is `d` (drafts.context.DraftContext).
The calendar table carries the alt text "calendrier": the renderer gives its month
columns equal shares of the width left by the first column.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

TEMPLATE_PATH = (
    Path(__file__).resolve().parent.parent / "templates" / "drafts" / "plan-actions.docx"
)

BLUE = RGBColor(0x1F, 0x3A, 0x5F)
RED = RGBColor(0xC0, 0x1B, 0x1B)
HEADER_FILL = "1F3A5F"
CLASS_FILL = "DCE6F0"
TOTAL_FILL = "B8CCE4"


def _shade(cell: Any, fill: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tc_pr.append(shd)


def _repeat_header(row: Any) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def _widths(table: Any, widths: list[float]) -> None:
    table.autofit = False
    grid = table._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths, strict=True):
        col.set(qn("w:w"), str(int(Cm(width).twips)))
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Cm(width)


def _text(
    cell: Any,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    align: Any = None,
    white: bool = False,
    size: float | None = None,
) -> None:
    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(text)
    run.bold = bold
    run.italic = italic
    if white:
        run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    if size:
        run.font.size = Pt(size)
    if align is not None:
        paragraph.alignment = align


def _table(
    doc: Any,
    headers: list[str],
    widths: list[float],
    loop: str,
    cells: list[str],
    *,
    aligns: dict[int, Any] | None = None,
) -> Any:
    """A table: a repeated header row, then one row per item of `loop` ("x in d.list")."""
    table = doc.add_table(rows=4, cols=len(headers))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, header in zip(table.rows[0].cells, headers, strict=True):
        _text(cell, header, bold=True, white=True)
        _shade(cell, HEADER_FILL)
    _repeat_header(table.rows[0])
    _text(table.rows[1].cells[0], "{%tr for " + loop + " %}")
    for index, (cell, value) in enumerate(zip(table.rows[2].cells, cells, strict=True)):
        _text(cell, value, align=(aligns or {}).get(index))
    _text(table.rows[3].cells[0], "{%tr endfor %}")
    _widths(table, widths)
    doc.add_paragraph()
    return table


def _tag(doc: Any, tag: str) -> None:
    doc.add_paragraph().add_run(tag)


def _para(doc: Any, *runs: str | tuple[str, dict[str, Any]], style: str | None = None) -> Any:
    paragraph = doc.add_paragraph(style=style)
    for run in runs:
        text, fmt = (run, {}) if isinstance(run, str) else run
        r = paragraph.add_run(text)
        r.bold = fmt.get("bold")
        r.italic = fmt.get("italic")
    return paragraph


def _quote(doc: Any, expr: str) -> None:
    _para(
        doc,
        "« ",
        "{{ " + expr + ".text }}",
        " » — ",
        ("{{ " + expr + ".section }}", {"italic": True}),
        style="Quote",
    )


def _field(paragraph: Any, instruction: str) -> None:
    simple = OxmlElement("w:fldSimple")
    simple.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    simple.append(run)
    paragraph._p.append(simple)


def _font(style: Any, name: str) -> None:
    """Set a style's font for every script, dropping theme fonts that would override it."""
    style.font.name = name
    fonts = style.element.get_or_add_rPr().find(qn("w:rFonts"))
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), name)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(attr), None)


def _styles(doc: Any) -> None:
    normal = doc.styles["Normal"]
    _font(normal, "Arial")
    normal.font.size = Pt(10)
    normal.paragraph_format.space_after = Pt(4)
    for name, size, before in (
        ("Heading 1", 15, 18),
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
    quote.font.color.rgb = RGBColor(0x55, 0x55, 0x55)
    quote.paragraph_format.left_indent = Cm(0.6)
    table_style = doc.styles["Table Grid"]
    table_style.font.size = Pt(9)
    table_style.paragraph_format.space_after = Pt(0)


def build() -> Any:
    doc = Document()
    _styles(doc)
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2))
    section.top_margin, section.bottom_margin = Cm(2), Cm(1.8)
    section.different_first_page_header_footer = True

    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    mark = header.add_run("BROUILLON — document de travail")
    mark.bold, mark.font.color.rgb, mark.font.size = True, RED, Pt(8)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for text in ("{{ d.title }}", " — ", "{{ d.full_title }}", " — page "):
        footer.add_run(text).font.size = Pt(8)
    _field(footer, "PAGE")
    footer.add_run(" / ").font.size = Pt(8)
    _field(footer, "NUMPAGES")

    # -- cover ------------------------------------------------------------------------------
    for _ in range(5):
        doc.add_paragraph()
    title = _para(doc, "{{ d.full_title }}")
    title.runs[0].font.size, title.runs[0].font.color.rgb, title.runs[0].bold = Pt(20), BLUE, True
    funder = _para(doc, "{{ d.funder }}")
    funder.runs[0].font.size = Pt(14)
    doc.add_paragraph()
    heading = _para(doc, "Plan d’actions")
    heading.runs[0].font.size, heading.runs[0].bold = Pt(16), True
    org = _para(doc, "{{ d.organisation }}")
    org.runs[0].font.size, org.runs[0].bold = Pt(16), True
    doc.add_paragraph()
    draft = _para(doc, "BROUILLON")
    draft.runs[0].font.size, draft.runs[0].bold, draft.runs[0].font.color.rgb = Pt(36), True, RED
    _para(doc, "Document de travail à relire et à compléter avant dépôt dans E-partenaire.")
    doc.add_paragraph()
    _para(
        doc,
        "Document généré le ",
        "{{ d.generated_on }}",
        " · dossier complété à ",
        "{{ d.completeness }}",
    )
    _para(doc, "Clôture de l’appel à projets : ", "{{ d.closing }}")
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

    # -- 2. eligibility ---------------------------------------------------------------------
    doc.add_heading("2. Éligibilité et public cible", level=1)
    _table(
        doc,
        ["Critère de l’appel à projets", "Réponse", "Comment le porteur y répond"],
        [7.0, 2.2, 7.8],
        "c in d.eligibility",
        ["{{ c.criterion }}", "{{ c.answer }}", "{{ c.how }}"],
    )
    _para(doc, "Public cible de l’appel à projets :")
    _tag(doc, "{%p for group in d.target_public %}")
    _para(doc, "{{ group }}", style="List Bullet")
    _tag(doc, "{%p endfor %}")
    _quote(doc, "d.target_quote")

    # -- 3. plan ----------------------------------------------------------------------------
    doc.add_heading("3. Plan d’actions", level=1)
    _quote(doc, "d.expected_quote")
    _tag(doc, "{%p for o in d.orientations %}")
    h2 = doc.add_heading("", level=2)
    for text in ("Orientation ", "{{ o.number }}", " — ", "{{ o.short_title }}"):
        h2.add_run(text)
    _para(doc, ("{{ o.title }}", {"italic": True}), ". Objectif : ", "{{ o.explanation }}")
    _tag(doc, "{%p for a in o.actions %}")
    h3 = doc.add_heading("", level=3)
    for text in ("Action ", "{{ a.number }}", " — ", "{{ a.title }}"):
        h3.add_run(text)
    _para(doc, ("Description", {"bold": True}))
    _tag(doc, "{%p for p in a.description %}")
    _para(doc, "{{ p }}")
    _tag(doc, "{%p endfor %}")
    _table(
        doc,
        ["Rubrique", "Réponse"],
        [4.0, 13.0],
        "row in a.rows",
        ["{{ row.label }}", "{{ row.value }}"],
    )
    _para(doc, ("Résultats attendus", {"bold": True}))
    _tag(doc, "{%p for p in a.results %}")
    _para(doc, "{{ p }}")
    _tag(doc, "{%p endfor %}")
    _tag(doc, "{%p else %}")
    _para(doc, "{{ o.empty }}")
    _tag(doc, "{%p endfor %}")
    _tag(doc, "{%p endfor %}")
    doc.add_heading("Objectifs transversaux servis", level=2)
    _table(
        doc,
        ["Objectif transversal", "Servi", "Précision"],
        [5.0, 2.0, 10.0],
        "obj in d.objectives",
        ["{{ obj.label }}", "{{ obj.served }}", "{{ obj.description }}"],
    )
    _tag(doc, "{%p if d.objectives_note %}")
    _para(doc, ("Contribution aux objectifs transversaux", {"bold": True}))
    _tag(doc, "{%p for p in d.objectives_note %}")
    _para(doc, "{{ p }}")
    _tag(doc, "{%p endfor %}")
    _tag(doc, "{%p endif %}")

    # -- 4. calendar ------------------------------------------------------------------------
    doc.add_heading("4. Calendrier de réalisation", level=1)
    _para(
        doc,
        "Période de conventionnement : ",
        "{{ d.agreement_period }}",
        " (",
        "{{ d.calendar_year }}",
        ").",
    )
    _tag(doc, "{%p if d.calendar %}")
    table = doc.add_table(rows=4, cols=4)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
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
    _text(head[0], "Action", bold=True, white=True)
    _text(head[1], "{%tc for m in d.months %}")
    _text(head[2], "{{ m }}", bold=True, white=True, size=7.5, align=WD_ALIGN_PARAGRAPH.CENTER)
    _text(head[3], "{%tc endfor %}")
    for cell in head:
        _shade(cell, HEADER_FILL)
    _repeat_header(table.rows[0])
    _text(table.rows[1].cells[0], "{%tr for row in d.calendar %}")
    body = table.rows[2].cells
    _text(body[0], "{{ row.label }}", size=8.5)
    _text(body[1], "{%tc for c in row.cells %}")
    _text(body[2], "{{ c }}", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _text(body[3], "{%tc endfor %}")
    _text(table.rows[3].cells[0], "{%tr endfor %}")
    _widths(table, [5.0, 4.0, 4.0, 4.0])
    _tag(doc, "{%p else %}")
    _para(doc, "[À compléter : actions et mois de réalisation]")
    _tag(doc, "{%p endif %}")
    doc.add_paragraph()

    # -- 5. indicators -------------------------------------------------------------------------
    doc.add_heading("5. Indicateurs d’évaluation", level=1)
    _quote(doc, "d.indicators_quote")
    _table(
        doc,
        ["Indicateur", "Cible", "Mode de comptage", "Commentaire"],
        [6.2, 1.6, 5.6, 3.6],
        "i in d.indicators",
        ["{{ i.label }}", "{{ i.target }}", "{{ i.counting }}", "{{ i.comment }}"],
        aligns={1: WD_ALIGN_PARAGRAPH.RIGHT},
    )

    # -- 6. budget ------------------------------------------------------------------------------
    doc.add_heading("6. Budget prévisionnel de l’action", level=1)
    _para(
        doc,
        "Présentation conforme au budget de l’action du formulaire CERFA n° 12156 "
        "(charges et ressources par compte).",
    )
    for title, rows, basis in (
        ("Charges", "d.budget.charges", "Base de calcul"),
        ("Ressources", "d.budget.resources", "Statut"),
    ):
        doc.add_heading(title, level=2)
        _budget_table(doc, title, rows, basis)
    balance = _para(doc, "{{ d.budget.balance_line }}")
    balance.runs[0].bold = True
    _para(doc, "{{ d.budget.cap_line }}", ".")
    _tag(doc, "{%p for q in d.budget.quotes %}")
    _quote(doc, "q")
    _tag(doc, "{%p endfor %}")

    # -- 7. payment -----------------------------------------------------------------------------
    doc.add_heading("7. Modalités de versement", level=1)
    _tag(doc, "{%p for row in d.payment %}")
    _para(doc, ("{{ row.label }}", {"bold": True}), " : ", "{{ row.value }}", style="List Bullet")
    _tag(doc, "{%p endfor %}")
    _tag(doc, "{%p for q in d.payment_quotes %}")
    _quote(doc, "q")
    _tag(doc, "{%p endfor %}")

    # -- 8. follow-up ---------------------------------------------------------------------------
    doc.add_heading("8. Suivi et évaluation", level=1)
    _para(doc, ("Suivi", {"bold": True}), " : ", "{{ d.follow_up }}", style="List Bullet")
    _para(
        doc,
        ("Bilan final", {"bold": True}),
        " : à remettre dans ",
        "{{ d.platform }}",
        " au plus tard le ",
        ("{{ d.final_report_deadline }}", {"bold": True}),
        ". ",
        "{{ d.final_report }}",
        style="List Bullet",
    )
    _tag(doc, "{%p for part in d.final_report_parts %}")
    _para(
        doc, ("{{ part.label }}", {"bold": True}), " : ", "{{ part.value }}", style="List Bullet 2"
    )
    _tag(doc, "{%p endfor %}")
    _quote(doc, "d.follow_up_quote")
    _quote(doc, "d.final_report_quote")

    # -- annex ----------------------------------------------------------------------------------
    annex = doc.add_heading("Annexe — Points de vigilance et dépôt dans E-partenaire", level=1)
    annex.paragraph_format.page_break_before = True
    doc.add_heading("Points de vigilance", level=2)
    _tag(doc, "{%p for w in d.warnings %}")
    _para(
        doc, "{{ w.message }}", " (", ("{{ w.source }}", {"italic": True}), ")", style="List Bullet"
    )
    _tag(doc, "{%p else %}")
    _para(doc, "Aucun point de vigilance.")
    _tag(doc, "{%p endfor %}")
    doc.add_heading("Ce qu’il reste à compléter", level=2)
    _tag(doc, "{%p for g in d.missing %}")
    _para(doc, ("{{ g.section }}", {"bold": True}), " :", style="List Bullet")
    _tag(doc, "{%p for item in g.items %}")
    _para(doc, "{{ item }}", style="List Bullet 2")
    _tag(doc, "{%p endfor %}")
    _tag(doc, "{%p else %}")
    _para(doc, "Toutes les questions ont reçu une réponse.")
    _tag(doc, "{%p endfor %}")
    doc.add_heading("Avant de déposer dans E-partenaire", level=2)
    _tag(doc, "{%p for item in d.checklist %}")
    _para(doc, "☐ ", "{{ item }}")
    _tag(doc, "{%p endfor %}")
    _para(doc, "Contact au Département : ", "{{ d.contact }}", ".")
    return doc


def _budget_table(doc: Any, title: str, rows: str, basis: str) -> None:
    """CERFA-style table: one row template per kind of line (class, line, note, total)."""
    kinds = (
        ("if", "r.kind == 'class' or r.kind == 'subtotal'", CLASS_FILL, True, False),
        ("elif", "r.kind == 'total'", TOTAL_FILL, True, False),
        ("elif", "r.kind == 'note'", None, False, True),
        ("else", "", None, False, False),
    )
    merged_cells = []
    table = doc.add_table(rows=2 + 2 * len(kinds) + 1, cols=4)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, header in zip(table.rows[0].cells, ["Compte", title, basis, "Montant"], strict=True):
        _text(cell, header, bold=True, white=True)
        _shade(cell, HEADER_FILL)
    _repeat_header(table.rows[0])
    _text(table.rows[1].cells[0], "{%tr for r in " + rows + " %}")
    for index, (keyword, test, fill, bold, italic) in enumerate(kinds):
        _text(
            table.rows[2 + 2 * index].cells[0],
            "{%tr " + keyword + (" " + test if test else "") + " %}",
        )
        cells = table.rows[3 + 2 * index].cells
        values = ["{{ r.account }}", "{{ r.label }}", "{{ r.basis }}", "{{ r.amount }}"]
        for position, (cell, value) in enumerate(zip(cells, values, strict=True)):
            align = WD_ALIGN_PARAGRAPH.RIGHT if position == 3 else None
            _text(cell, value, bold=bold and position != 2, italic=italic, align=align)
            if fill:
                _shade(cell, fill)
        if italic:
            merged = cells[1].merge(cells[3])
            for paragraph in merged.paragraphs[1:]:
                paragraph._p.getparent().remove(paragraph._p)
            merged_cells.append(merged)
    table.add_row()
    _text(table.rows[-2].cells[0], "{%tr endif %}")
    _text(table.rows[-1].cells[0], "{%tr endfor %}")
    _widths(table, [2.3, 7.5, 4.0, 3.2])
    for merged in merged_cells:
        merged.width = Cm(7.5 + 4.0 + 3.2)
    doc.add_paragraph()


def main() -> None:
    TEMPLATE_PATH.parent.mkdir(parents=True, exist_ok=True)
    build().save(str(TEMPLATE_PATH))
    print(TEMPLATE_PATH)


if __name__ == "__main__":
    main()
