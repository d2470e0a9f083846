"""Arbitrary text at every step: never an exception, always a French reply, and an invalid
answer never changes a saved one."""

from __future__ import annotations

from functools import cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dialogs.dossier import Dossier
from dialogs.engine import Interview
from dialogs.events import Text
from tests.support import TODAY, Walk, plain, script_lines, spec_2025

FRENCH_MARKERS = (
    "❗",
    "é",
    "è",
    "à",
    "ê",
    "Vous",
    "vous",
    "Votre",
    "votre",
    "Quel",
    "Combien",
    " de ",
    "vos ",
    "Vos ",
    " ?",  # French typography: a space before the question mark
    "« ",
)


@cache
def positions() -> tuple[Dossier, ...]:
    """The dossier as it stands before each answer of the complete scripted application."""
    walk = Walk()
    seen = [walk.dossier]
    for line in script_lines()[:-1]:
        walk.send(line)
        seen.append(walk.dossier)
    for extra in ("Modifier une réponse", "Budget"):
        walk.send(extra)
        seen.append(walk.dossier)
    return tuple(seen)


def _answers(dossier: Dossier) -> dict[str, object]:
    return dossier.model_dump(exclude={"cursor", "skipped", "updated_at"})


def _blank(value: object) -> bool:
    """Whether a dumped value holds no answer (an item just opened, nothing in it yet)."""
    if isinstance(value, dict):
        return all(_blank(v) for v in value.values())
    if isinstance(value, list):
        return all(_blank(v) for v in value)
    return value is None or value == ""


def _answered(value: object) -> object:
    """`value` without the items that hold no answer: at an edit menu, « 5 » picks « add a
    post », which opens an empty item and asks its role (Hypothesis found it); an item
    opened is no answer given, and every answer given before must stay as it was."""
    if isinstance(value, dict):
        return {k: _answered(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_answered(v) for v in value if not (isinstance(v, dict) and _blank(v))]
    return value


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(index=st.integers(min_value=0), text=st.text(max_size=300))
def test_arbitrary_text_at_any_step_gets_a_french_reply_and_never_corrupts_the_dossier(
    index: int, text: str
) -> None:
    all_positions = positions()
    before = all_positions[index % len(all_positions)]
    outcome = Interview(spec_2025()).handle(before, Text(text), TODAY)
    reply = plain(outcome)
    assert outcome.messages and reply.strip()
    assert any(marker in reply for marker in FRENCH_MARKERS), reply
    if outcome.answer is None:
        assert _answered(_answers(outcome.dossier)) == _answered(_answers(before))
    elif before.cursor.key == "welcome":  # a first answer in words, typed at the welcome
        assert any(c.isalpha() for c in text), "a bare number picks no option it did not show"
        assert outcome.answer[0] == all_positions[1].cursor.key
    else:
        assert outcome.answer[0] == before.cursor.key
    assert _answers(before) == _answers(all_positions[index % len(all_positions)])


def test_a_post_added_from_the_budget_menu_opens_an_empty_item_and_changes_no_answer() -> None:
    """Hypothesis found it: « 5 » at the budget's edit menu (« add a post ») opened an empty
    staff item, which the property above took for a changed answer. The item is opened,
    its role asked; every answer given before stays as it was."""
    before = positions()[-1]
    outcome = Interview(spec_2025()).handle(before, Text("5"), TODAY)
    assert outcome.answer is None and outcome.dossier.cursor.key == "bud.staff.1.role"
    assert _answers(outcome.dossier) != _answers(before), "an item was opened"
    assert _answered(_answers(outcome.dossier)) == _answered(_answers(before))


def test_a_number_typed_at_the_welcome_starts_and_picks_no_option_it_did_not_show() -> None:
    """Hypothesis found it: "2" typed at the welcome was taken as the second type of
    organisation (a regional network), from a list the applicant had not seen."""
    welcome = positions()[0]
    outcome = Interview(spec_2025()).handle(welcome, Text("2"), TODAY)
    assert outcome.answer is None and outcome.dossier.cursor.key == "elig.type"
    typed = Interview(spec_2025()).handle(welcome, Text("tête de réseau départementale"), TODAY)
    assert typed.answer is not None and typed.answer[0] == "elig.type", "words still answer"


@settings(max_examples=150, deadline=None)
@given(text=st.text(alphabet=st.characters(codec="utf-8"), max_size=50))
def test_an_invalid_amount_is_refused_without_touching_the_budget(text: str) -> None:
    walk = Walk()
    lines = script_lines()
    walk.answers(lines[: lines.index("60000")])
    assert walk.key == "bud.dept"
    before = walk.dossier
    outcome = Interview(spec_2025()).handle(before, Text(text), TODAY)
    if outcome.answer is None:
        assert outcome.dossier.budget == before.budget
        # still here, or gone back ("précédent", in any case and accent: "PRECEDENT") to the
        # question before it, whatever the form places there
        keys = [q.key for q in Interview(spec_2025()).plan(before)]
        previous = keys[keys.index("bud.dept") - 1]
        allowed = ("bud.dept", "bud.indirect", previous, "bud.other.0.amount")
        assert outcome.dossier.cursor.key in allowed
