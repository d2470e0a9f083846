"""Words after « /export » choose its formats (`dialogs.export_choice`)."""

from __future__ import annotations

import pytest

from dialogs.export_choice import KINDS, ExportChoice, export_choice


@pytest.mark.parametrize(
    ("typed", "kinds"),
    [
        ("", KINDS),
        ("seulement", KINDS),
        ("csv", ("csv",)),
        ("CSV svp", ("csv",)),
        ("le fichier Excel", ("xlsx",)),
        ("json et xlsx", ("xlsx", "json")),
        ("csv, json", ("csv", "json")),
        ("uniquement le classeur", ("xlsx",)),
    ],
)
def test_the_formats_named_after_the_command_are_the_ones_sent(
    typed: str, kinds: tuple[str, ...]
) -> None:
    assert export_choice(typed) == ExportChoice(kinds)


def test_a_word_naming_no_format_is_asked_back() -> None:
    assert export_choice("pdf").unknown == ("pdf",)
    assert export_choice("csv et pdf").unknown == ("pdf",)
