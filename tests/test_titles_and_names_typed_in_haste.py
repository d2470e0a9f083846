"""A title typed without its accents, an organisation's name typed all in lower case.

An officer read a hurried applicant's drafts: « Mme …, presidente » in the letter and the
sworn statement (the title typed without its accent, printed as typed), and « collectif IAE
cote d'opale » in the plan's title, its page headers, the letter and the statement. A known
role word is now written with its accents, and a name typed with no capital at all gets one
at its first letter; nothing else the applicant typed is changed.
"""

from __future__ import annotations

import pytest

from tests.support import walk_replacing, walk_to
from tests.test_identity_typed_together import letter_text, plan_markdown


def test_presidente_typed_without_its_accent_is_printed_presidente_with_it() -> None:
    walk = walk_replacing({"org.rep_role": ["presidente"]})
    assert walk.dossier.organisation.representative.role == "présidente"
    letter = letter_text(walk)
    assert "Jean Martin, présidente" in letter
    assert "presidente" not in letter


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("directrice generale", "directrice générale"),
        ("Directrice Generale", "Directrice Générale"),
        ("secretaire generale adjointe", "secrétaire générale adjointe"),
        ("tresoriere", "trésorière"),
        ("deleguee generale", "déléguée générale"),
        ("vice-president", "vice-président"),
        ("chargee de mission", "chargée de mission"),
        # words that are no role words stay as typed, accents or not
        ("présidente du collectif cote d'opale", "présidente du collectif cote d'opale"),
        ("Directeur", "Directeur"),
    ],
)
def test_a_known_role_typed_without_accents_is_kept_with_them(typed: str, kept: str) -> None:
    walk = walk_to("org.rep_role")
    walk.send(typed)
    assert walk.dossier.organisation.representative.role == kept


def test_an_organisation_name_typed_all_in_lower_case_gets_its_first_capital() -> None:
    walk = walk_to("org.name")
    walk.send("collectif IAE cote d'opale")
    # a capital typed inside: kept as typed
    assert walk.dossier.organisation.name == "collectif IAE cote d'opale"
    walk = walk_to("org.name")
    walk.send("collectif iae cote d'opale")
    assert walk.dossier.organisation.name == "Collectif iae cote d'opale"
    assert "« Collectif iae cote d'opale »" in walk.text


def test_the_name_with_its_capital_reaches_the_letter_and_the_plan() -> None:
    walk = walk_replacing({"org.name": ["collectif iae du boulonnais"]})
    assert walk.dossier.organisation.name == "Collectif iae du boulonnais"
    letter, plan = letter_text(walk), plan_markdown(walk)
    assert "collectif iae du boulonnais" not in letter + plan
    assert "Collectif iae du boulonnais" in letter
    assert "Collectif iae du boulonnais" in plan
