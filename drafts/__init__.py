"""The application's documents, rendered from one view model (`drafts.context`).

| format | files |
| --- | --- |
| `md` | the action plan in Markdown |
| `docx` | the action plan, and the cover letter with the sworn statement and the attachments |
| `pdf` | the action plan in PDF (LibreOffice headless; none without LibreOffice) |
| `xlsx` | the budget workbook (CERFA n° 12156 lines, formulas) |

`render_draft_files` gives every format as `DraftFile`s (the `DraftRenderer` the application
service expects); `write_drafts` writes the requested formats for `aap-bot render` and says
which could not be made (`DraftSet.notes`).
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from pathlib import Path

from slugify import slugify

from dialogs.dossier import Dossier
from dialogs.service import DraftFile
from dialogs.spec import CallSpec
from drafts.context import build_context, clean
from drafts.docx import render_docx, render_docx_context, render_letter_context
from drafts.letter import build_letter_context
from drafts.markdown import render_markdown, render_markdown_context
from drafts.pdf import PdfConverter, PdfError, default_converter
from drafts.workbook import render_workbook

__all__ = [
    "FORMATS",
    "DraftSet",
    "draft_file_name",
    "render_docx",
    "render_draft_files",
    "render_drafts",
    "render_markdown",
    "write_drafts",
]

log = logging.getLogger(__name__)

MIME = {
    "md": "text/markdown; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
FORMATS = ("pdf", "docx", "xlsx", "md")
#: The organisation's part of a file name holds at most this many characters.
SLUG_LENGTH = 60
NO_LIBREOFFICE = (
    "PDF non produit : LibreOffice n’est pas installé sur cette machine "
    "(paquet libreoffice-writer-nogui) ; ouvrez le document Word et enregistrez-le en PDF."
)
PDF_FAILED = (
    "PDF non produit : la conversion par LibreOffice a échoué ; "
    "ouvrez le document Word et enregistrez-le en PDF."
)


@dataclass
class DraftSet:
    files: list[DraftFile] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def draft_file_name(spec: CallSpec, dossier: Dossier, ext: str, kind: str = "plan-actions") -> str:
    """ "plan-actions-inser-reseau-62-2025.docx"; "organisme" when the name is unknown."""
    slug = _name_slug(clean(dossier.organisation.name or ""))
    return f"{kind}-{slug or 'organisme'}-{spec.identity.slug_year}.{ext.lstrip('.')}"


def _name_slug(name: str, limit: int = SLUG_LENGTH) -> str:
    """The name's slug cut at the last word that fits in `limit` characters: a prefix of
    the name, never a word left out ("…-par-lactivite-economique-du-pas-de-calais" is not
    "…-par-lactivite-du-pas-de", which python-slugify's `word_boundary` gives by skipping
    the word too long to fit and going on with the shorter ones after it), nor a word cut."""
    slug = slugify(name)
    if len(slug) <= limit:
        return slug
    cut = slug[: limit + 1].rsplit("-", 1)[0] if "-" in slug[: limit + 1] else slug[:limit]
    return cut.strip("-")


def render_drafts(
    spec: CallSpec,
    dossier: Dossier,
    today: dt.date,
    formats: set[str] | None = None,
    *,
    pdf: PdfConverter | None = None,
    now: dt.datetime | None = None,
) -> DraftSet:
    """The requested formats (all by default); `pdf` defaults to this machine's LibreOffice."""
    formats = set(FORMATS) if formats is None else formats
    unknown = formats - set(FORMATS)
    if unknown:
        raise ValueError(f"unknown draft formats: {sorted(unknown)}")
    context = build_context(spec, dossier, today)
    result = DraftSet()
    plan_docx: bytes | None = None
    if formats & {"docx", "pdf"}:
        plan_docx = render_docx_context(context, now)
    for ext in FORMATS:
        if ext not in formats:
            continue
        name = draft_file_name(spec, dossier, ext)
        if ext == "md":
            result.files.append(
                DraftFile(name, render_markdown_context(context).encode(), MIME[ext])
            )
        elif ext == "docx":
            assert plan_docx is not None
            result.files.append(DraftFile(name, plan_docx, MIME[ext]))
            letter = render_letter_context(build_letter_context(spec, dossier, context), now)
            result.files.append(
                DraftFile(draft_file_name(spec, dossier, ext, "courrier"), letter, MIME[ext])
            )
        elif ext == "xlsx":
            rate = spec.financing.indirect_cap_rate if spec.financing.allows_indirect else None
            workbook = render_workbook(context, cap_rate=rate)
            result.files.append(
                DraftFile(draft_file_name(spec, dossier, ext, "budget"), workbook, MIME[ext])
            )
        else:
            converter = pdf or default_converter()
            if converter is None:
                result.notes.append(NO_LIBREOFFICE)
                continue
            assert plan_docx is not None
            try:
                result.files.append(DraftFile(name, converter.convert(plan_docx), MIME[ext]))
            except PdfError:
                log.exception("PDF conversion failed")
                result.notes.append(PDF_FAILED)
    return result


def render_draft_files(spec: CallSpec, dossier: Dossier, today: dt.date) -> list[DraftFile]:
    """Every document (PDF when LibreOffice is installed, Word, budget workbook, Markdown)."""
    return render_drafts(spec, dossier, today).files


def write_drafts(
    spec: CallSpec,
    dossier: Dossier,
    today: dt.date,
    output_dir: Path,
    formats: set[str],
    *,
    pdf: PdfConverter | None = None,
) -> DraftSet:
    """Write the requested formats into `output_dir` (created if needed); the returned set's
    files are those written, its notes say what could not be made."""
    output_dir.mkdir(parents=True, exist_ok=True)
    drafts = render_drafts(spec, dossier, today, formats, pdf=pdf)
    for file in drafts.files:
        (output_dir / file.name).write_bytes(file.content)
    return drafts
