"""Dossier and ticket numbers typed by people or carried by buttons are read safely."""

from __future__ import annotations

import pytest

from dialogs.validation import parse_reference


@pytest.mark.parametrize(("text", "number"), [("12", 12), (" n° 3 ", 3), ("007", 7)])
def test_a_plain_number_is_a_reference(text: str, number: int) -> None:
    assert parse_reference(text) == number


@pytest.mark.parametrize("text", ["", "²", "١٢", "-1", "1.5", "12a", "9" * 20, "n°"])
def test_anything_else_is_no_reference_rather_than_an_error(text: str) -> None:
    """Superscripts and Arabic-Indic digits pass str.isdigit(); int() or the database would fail."""
    assert parse_reference(text) is None
