"""The progress line above each question (« Étape 4/7 — Plan d’actions · Orientation 1/4 »)
is rendered once per distinct line and reused at every answer (issue 14), with the same
words as a fresh render."""

from __future__ import annotations

from typing import Any

import pytest

from dialogs import events
from dialogs.events import NAVIGATION, progress_line
from dialogs.texts import render_macro
from tests.support import spec_2025


def test_the_progress_line_is_rendered_once_and_says_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    form = spec_2025().compiled_form.form
    section = form.sections[3]
    rendered: list[dict[str, Any]] = []

    def counted(template: str, macro: str, **context: Any) -> str:
        rendered.append(context)
        return render_macro(template, macro, **context)

    monkeypatch.setattr(events, "render_macro", counted)
    detail = "Orientation 1/4 · une action « Atelier mobilité » (seule ici)"
    first = progress_line(form, section.id, detail)
    again = progress_line(form, section.id, detail)
    assert (
        first
        == again
        == render_macro(
            NAVIGATION,
            "progress",
            number=4,
            total=len(form.sections),
            title=section.title,
            detail=detail,
        )
    )
    assert first.startswith(f"Étape 4/{len(form.sections)}")
    assert len(rendered) == 1
    other = progress_line(form, form.sections[0].id, detail)  # another line: rendered
    assert other.startswith(f"Étape 1/{len(form.sections)}")
    assert len(rendered) == 2
