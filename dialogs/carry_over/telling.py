"""What the applicant is told when words typed at one question go elsewhere: which
words were kept for which later question, and the answer carried on told after the first.
Kept apart so that every group of facts (places, counts, titles, identifiers) says it the
same way, and none has to import another to say it.
"""

from __future__ import annotations

from dialogs.events import SCREENS, Message, Outcome
from dialogs.texts import render_macro


def chained(first: Outcome, said: Message, then: Outcome) -> Outcome:
    """`then` (words carried on to the question after `first`'s) told after `first`: its
    notes, then `said`, above `then`'s messages (`first`'s prompt goes: the next question is
    answered, or asked back, just below); the answers recorded in the order they came, the
    last one `then`'s, or `first`'s when the words were refused or asked back."""
    assert first.answer is not None  # words are carried on from an answer taken
    then.messages[:0] = [*first.messages[:-1], said]
    if then.answer is None:
        then.answer, then.earlier = first.answer, [*first.earlier, *then.earlier]
    else:
        then.earlier = [*first.earlier, first.answer, *then.earlier]
    return then


def _telling_kept(first: Outcome, kept: list[tuple[str, str]], *, lost: str = "") -> Outcome:
    """`first`, told (just before its last message, the question) which words were kept for
    which later question (`kept`: words, question label) and which could not be (`lost`)."""
    html = render_macro(
        SCREENS, "item_facts_kept", kept=kept, others=None, more_label="", lost=lost
    )
    first.messages.insert(max(len(first.messages) - 1, 0), Message(html))
    return first
