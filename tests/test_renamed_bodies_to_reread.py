"""« Partenaires : Pôle emploi »: since 1 January 2024 Pôle emploi is France Travail, and an
officer would want the current name. The answer is listed « À relire avant le dépôt » with
the current name, never rewritten; names that did not change (« Cap emploi », « RSA ») are
not listed. The old and new names are data (`vocabulary.yaml`, `text.renamed_bodies`)."""

from __future__ import annotations

import datetime as dt

import pytest

from dialogs.parsing.vocabulary import vocabulary
from dialogs.parsing.writing import renamed_bodies
from dialogs.review import review
from tests.support import DURING_CALL, spec_2025, walk_replacing


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("OPCO, Pôle emploi", ["Pôle emploi"]),
        ("pole-emploi et la mission locale", ["pole-emploi"]),
        ("POLE EMPLOI Arras", ["POLE EMPLOI"]),
        ("Cap emploi, RSA, France Travail", []),
        ("Pôle emploi devenu France Travail", []),  # the current name is given
        ("Pôle emplois du territoire", []),  # whole words only
    ],
)
def test_a_renamed_body_is_found_as_typed(typed: str, found: list[str]) -> None:
    assert [words for words, _ in renamed_bodies(typed)] == found


def test_pole_emploi_is_france_travail_since_2024_in_the_vocabulary() -> None:
    [body] = [b for b in vocabulary().text.renamed_bodies if "pole emploi" in b.old]
    assert (body.new, body.since) == ("France Travail", dt.date(2024, 1, 1))


def test_partners_typed_with_pole_emploi_are_listed_to_reread_never_rewritten() -> None:
    walk = walk_replacing({"plan.o1.0.partners": ["OPCO, Pôle emploi"], "review": []})
    assert walk.key == "review"
    action = walk.dossier.plan.actions["o1"][0]
    assert action.partners == "OPCO, Pôle emploi", "the applicant's words, as typed"
    assert "✏️ À relire avant le dépôt (prêt sous réserve de relecture)" in walk.text
    assert "« Pôle emploi » s’appelle France Travail depuis le 01/01/2024" in walk.text
    report = review(spec_2025(), walk.dossier, DURING_CALL)
    [reread] = report.to_reread
    assert reread.label.startswith("Partenaires")
    assert reread.renamed == (("Pôle emploi", "France Travail", dt.date(2024, 1, 1)),)
    assert report.ready, "never blocking: the call sets no such rule"


def test_cap_emploi_and_the_rsa_are_current_names() -> None:
    walk = walk_replacing({"plan.o1.0.partners": ["Cap emploi, référents RSA"], "review": []})
    assert walk.key == "review"
    assert "À relire avant le dépôt" not in walk.text
