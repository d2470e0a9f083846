"""A text answers the erasure's confirmation only when it is a plain yes or no typed right
after the prompt: the Telegram adapter decided it (`message_id == prompt + 1`) itself."""

from __future__ import annotations

from dialogs.personal_data import erasure_answer

PROMPT = 41


def test_a_yes_or_no_typed_right_after_the_prompt_answers_it() -> None:
    assert erasure_answer("oui", message_id=PROMPT + 1, prompt_id=PROMPT) is True
    assert erasure_answer("non merci", message_id=PROMPT + 1, prompt_id=PROMPT) is False


def test_later_or_anything_else_answers_nothing() -> None:
    assert erasure_answer("oui", message_id=PROMPT + 3, prompt_id=PROMPT) is None
    assert erasure_answer("plutôt oui", message_id=PROMPT + 1, prompt_id=PROMPT) is None
    assert erasure_answer("oui", message_id=PROMPT + 1, prompt_id=None) is None
