"""A figure beyond the field's maximum is never offered as a reading.

At an action's « Personnel mobilisé (ETP) », a tester typed « chargée de mission à 0,8 etp,
38k chargé/an »: the bot asked « 0,8 ETP ou 38 000 ETP ? », 38 000 offered as a choice
though 50 ETP is the most the question takes. The one figure that can be the answer is asked
back alone.
"""

from __future__ import annotations

from decimal import Decimal

from tests.support import walk_to

ACTION_FTE = "plan.o1.0.fte"


def test_the_38k_typed_with_the_actions_staff_is_not_offered_as_38_000_etp() -> None:
    walk = walk_to(ACTION_FTE)
    walk.send("chargée de mission à 0,8 etp, 38k chargé/an")
    assert "38 000 ETP" not in walk.text
    assert "dois-je retenir 0,8 ETP comme réponse ?" in walk.text
    assert "38 000" not in " ".join(b.label for b in walk.last.messages[-1].buttons)
    walk.send("oui")
    assert walk.dossier.plan.actions["o1"][0].fte == Decimal("0.8")
