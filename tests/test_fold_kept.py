"""A typed answer is folded (lower case, no accent) by each check it goes through — a command
word on the event loop, then yes or no, a question, second thoughts… in the service: folded
once and kept (issue 14), with the same result as ever."""

from __future__ import annotations

import pytest

from dialogs.parsing import text
from dialogs.parsing.text import fold

SAID = "Nous proposons un accompagnement renforcé vers l’emploi pour 40 bénéficiaires du RSA."


def test_an_answer_is_folded_once_for_all_its_checks(monkeypatch: pytest.MonkeyPatch) -> None:
    normalized: list[str] = []
    normalize = text.normalize

    def counted(said: str) -> str:
        normalized.append(said)
        return normalize(said)

    monkeypatch.setattr(text, "normalize", counted)
    typed = SAID + " (test du pli gardé)"
    assert fold(typed) == fold(typed) == fold(typed)
    assert normalized == [typed]


@pytest.mark.parametrize(
    ("typed", "folded"),
    [
        (
            SAID,
            "nous proposons un accompagnement renforce vers l'emploi pour 40 beneficiaires du rsa.",
        ),
        ("  Œuvre   ÉLAN  ", "oeuvre elan"),
        ("oui", "oui"),
        ("１２ salariés", "12 salaries"),
    ],
)
def test_folding_says_what_it_said(typed: str, folded: str) -> None:
    assert fold(typed) == folded
    assert fold(typed) == folded  # (kept)
