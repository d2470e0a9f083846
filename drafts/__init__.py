"""The draft action plan: Markdown and Word documents rendered from one view model.

`render_markdown` and `render_docx` take a call spec, a dossier (complete or not) and the
generation date; `render_draft_files` gives both as `DraftFile`s (the `DraftRenderer` the
application service expects) and `write_drafts` writes them for `aap-bot render`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from slugify import slugify

from dialogs.dossier import Dossier
from dialogs.service import DraftFile
from dialogs.spec import CallSpec
from drafts.context import build_context, clean
from drafts.docx import render_docx, render_docx_context
from drafts.markdown import render_markdown, render_markdown_context

__all__ = [
    "draft_file_name",
    "render_docx",
    "render_draft_files",
    "render_markdown",
    "write_drafts",
]

MIME = {
    "md": "text/markdown; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
FORMATS = ("md", "docx")


def draft_file_name(spec: CallSpec, dossier: Dossier, ext: str) -> str:
    """ "plan-actions-inser-reseau-62-2025.docx"; "organisme" when the name is unknown."""
    slug = slugify(clean(dossier.organisation.name or ""), max_length=60, word_boundary=True)
    return f"plan-actions-{slug or 'organisme'}-{spec.identity.slug_year}.{ext.lstrip('.')}"


def _render(spec: CallSpec, dossier: Dossier, today: dt.date, formats: set[str]) -> list[DraftFile]:
    unknown = formats - set(FORMATS)
    if unknown:
        raise ValueError(f"unknown draft formats: {sorted(unknown)}")
    context = build_context(spec, dossier, today)
    files = []
    for ext in FORMATS:
        if ext not in formats:
            continue
        content = (
            render_markdown_context(context).encode("utf-8")
            if ext == "md"
            else render_docx_context(context)
        )
        files.append(DraftFile(draft_file_name(spec, dossier, ext), content, MIME[ext]))
    return files


def render_draft_files(spec: CallSpec, dossier: Dossier, today: dt.date) -> list[DraftFile]:
    """Both drafts (Markdown then DOCX), built from a single view model."""
    return _render(spec, dossier, today, set(FORMATS))


def write_drafts(
    spec: CallSpec, dossier: Dossier, today: dt.date, output_dir: Path, formats: set[str]
) -> list[Path]:
    """Write the requested formats ("md", "docx") into `output_dir` (created if needed)."""
    output_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for file in _render(spec, dossier, today, formats):
        path = output_dir / file.name
        path.write_bytes(file.content)
        paths.append(path)
    return paths
