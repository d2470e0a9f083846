"""« en fait le budget annuel c'est 480k pas 450 », typed at a later question, corrects the
organisation's annual budget.

A tester playing a new applicant typed it at « combien de salariés en insertion
bénéficiaires du RSA … ? »: the bot asked « dois-je retenir 450 comme réponse ? »; typed at
« Contexte et diagnostic », the sentence became the context text. A correction naming
another answer (« le budget annuel ») corrects that answer, and the question on screen is
asked again.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.support import walk_to

TYPED = "en fait le budget annuel c'est 480k pas 450"


@pytest.mark.parametrize("key", ["plan.public.brsa", "plan.context"])
def test_the_annual_budget_corrected_from_a_later_question(key: str) -> None:
    walk = walk_to(key)
    budget_before = walk.dossier.organisation.annual_budget
    assert budget_before is not None
    walk.send(TYPED)
    assert walk.dossier.organisation.annual_budget == Decimal("480000")
    assert "dois-je retenir 450" not in walk.text
    assert walk.key == key  # back to the question the applicant was at
    assert "480k" not in str(walk.dossier.plan.context or "")
