"""An applicant who argues with the indirect-cost cap (« mais on a vraiment des frais de
structure, le loyer c'est 5k€ par an », then « 5000 je maintiens ») got the same refusal
word for word each time, with no way forward. Typed over the cap again, the message says
what can be done: enter at most the cap (in euros), count a cost really tied to the
operation among the direct costs, ask the Département; the call's sentence is quoted once,
not again."""

from __future__ import annotations

from tests.support import walk_to

QUOTE = "dans la limite de 20% du montant des charges directes de personnel"


def _said(text: str) -> str:
    return text.replace("<b>", "").replace("</b>", "")


def test_an_amount_over_the_cap_maintained_gets_the_ways_forward_not_the_same_refusal() -> None:
    walk = walk_to("bud.indirect")
    walk.send("500 000")
    first = _said(walk.text)
    assert "dépasse le plafond des charges indirectes" in first and QUOTE in first
    cap = first.split("soit ")[1].split(" au maximum")[0]  # « 10 000,00 € »
    walk.send("mais on a vraiment des frais de structure, le loyer c'est 500k€ par an")
    second = _said(walk.text)
    assert second != first
    assert QUOTE not in second  # quoted once, not repeated
    assert f"au plus {cap}" in second  # the cap, in euros
    assert "autres charges directes" in second  # a cost really direct counted there
    assert "/question" in second and "03 21 21 65 50" in second  # the Département asked
    assert walk.key == "bud.indirect" and walk.dossier.budget.indirect is None
    walk.send("500000 je maintiens")
    assert _said(walk.text) == second  # still the ways forward, never the quote again
    walk.send("max")
    assert walk.key != "bud.indirect" and walk.dossier.budget.indirect is not None


def test_an_amount_over_the_cap_after_another_message_is_refused_as_the_first_time() -> None:
    """« Again » is the message right after the refusal: after « aide », an amount over
    the cap is refused with the call's sentence, as the first time."""
    walk = walk_to("bud.indirect")
    walk.send("500 000")
    walk.send("aide")
    walk.send("500 000")
    assert QUOTE in _said(walk.text)
