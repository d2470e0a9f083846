"""Which clicks the webhook answers in its HTTP response (`click_to_answer_at_once`): an
interview answer in a private chat, which its handler would answer blank first thing; never
a button whose handler answers with a text (the questions' feedback), nor one in a group."""

from __future__ import annotations

from typing import Any

from bot.handlers.interview import click_to_answer_at_once
from bot.render import answer_data
from dialogs.support import FEEDBACK_KEY


def click(data: str, chat_type: str = "private", **query: Any) -> dict[str, Any]:
    return {
        "update_id": 1,
        "callback_query": {
            "id": "q-1",
            "from": {"id": 7, "is_bot": False, "first_name": "Marie"},
            "message": {"message_id": 3, "date": 0, "chat": {"id": 7, "type": chat_type}},
            "data": data,
            **query,
        },
    }


def test_an_interview_answer_in_a_private_chat_is_answered_at_once() -> None:
    assert click_to_answer_at_once(click(answer_data("eligibility.kind", "1"))) == "q-1"


def test_other_clicks_and_updates_are_left_to_their_handlers() -> None:
    assert click_to_answer_at_once(click(answer_data(FEEDBACK_KEY, "h12"))) is None
    assert click_to_answer_at_once(click(answer_data("k", "1"), chat_type="supergroup")) is None
    assert click_to_answer_at_once(click("resume|4")) is None
    assert click_to_answer_at_once(click("")) is None
    assert click_to_answer_at_once({"update_id": 2, "message": {"text": "1"}}) is None
    broken = click(answer_data("k", "1"))
    broken["callback_query"]["message"] = None
    assert click_to_answer_at_once(broken) is None
