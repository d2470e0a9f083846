"""Buttons of a question asked back (« plusieurs propositions correspondent ») name the
options as the screen does. A tester's sentence at the summary screen was asked back as
« Compléter le dossier » or « 🔎 Budget », with buttons reading `resume` and `_show:budget`:
the screen's options are no choices of the form, and their ids were shown as labels."""

from __future__ import annotations

import copy

from dialogs.parsing import Ambiguous, InvalidAnswer
from dialogs.spec import Choice
from dialogs.texts import shorten
from tests.support import Walk, script_lines, walk_to


def labels(walk: Walk) -> list[str]:
    return [b.label for m in walk.last.messages for b in (m.buttons or ()) if not b.nav]


def test_a_sentence_at_the_summary_asked_back_shows_the_options_words_not_their_codes() -> None:
    walk = walk_to("review")
    walk.send("Pardon, oui le budget du dossier 1 est définitif, signé par le président")
    assert "plusieurs propositions correspondent" in walk.text
    assert labels(walk) == ["Compléter le dossier", "🔎 Budget"]
    walk.send("🔎 Budget")  # typed as the button reads, it is picked
    assert "plusieurs propositions" not in walk.text and "Budget" in walk.text


def test_every_screens_options_asked_back_are_named_by_their_labels() -> None:
    walk = Walk()
    seen: set[str] = set()
    for line in [*script_lines(), None]:
        question = walk.engine.current(walk.dossier)
        if question is not None and question.key not in seen:
            seen.add(question.key)
            options = walk.engine.prompts.options(walk.dossier, question)[:3]
            if len(options) >= 2:
                candidates = [Choice.model_construct(id=o.id, label=o.label) for o in options]
                try:
                    asked = walk.engine.asking.ask(
                        copy.deepcopy(walk.dossier),
                        question,
                        Ambiguous("choice_ambiguous", candidates),
                    )
                except InvalidAnswer:
                    asked = None  # an option the rules refuse as an answer: never asked back
                if asked is not None:
                    shown = [
                        b.label for m in asked.messages for b in (m.buttons or ()) if not b.nav
                    ]
                    assert shown[: len(options)] == [shorten(o.label) for o in options], (
                        question.key
                    )
                    assert all(o.id not in shown and "_" not in o.label for o in options)
        if line is None:
            break
        walk.send(line)
    assert "review" in seen and len(seen) > 20
