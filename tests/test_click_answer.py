"""Which clicks the webhook answers in its HTTP response (`click_to_answer_at_once`): an
interview answer in a private chat, which its handler would answer blank first thing; never
a button whose handler answers with a text (the questions' feedback), nor one in a group."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from aiogram import Bot, Dispatcher
from aiohttp.test_utils import TestClient, TestServer

from bot.handlers.interview import DELETE_YES, RESUME_PREFIX, click_to_answer_at_once
from bot.processing import UpdateProcessor
from bot.render import answer_data
from bot.webhook import SECRET_HEADER, WebhookReceiver
from dialogs.support import FEEDBACK_KEY
from storage.repository import SqlStore


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
    assert click_to_answer_at_once(click(f"{RESUME_PREFIX}4")) is None
    assert click_to_answer_at_once(click(DELETE_YES)) is None
    assert click_to_answer_at_once(click("")) is None
    assert click_to_answer_at_once({"update_id": 2, "message": {"text": "1"}}) is None
    broken = click(answer_data("k", "1"))
    broken["callback_query"]["message"] = None
    assert click_to_answer_at_once(broken) is None


# -- the webhook's reply -----------------------------------------------------------------------

SECRET = "s3cret"


async def test_the_webhook_answers_a_click_once_queued_again_when_resent_never_over_quota(
    store: SqlStore,
) -> None:
    noticed: list[int] = []

    async def on_limited(update: dict[str, Any], first: bool) -> None:
        noticed.append(int(update["update_id"]))

    async with Bot("42:TEST-token-for-webhook-replies") as bot:
        processor = UpdateProcessor(
            bot, Dispatcher(), store.engine, updates_per_minute=1, on_limited=on_limited
        )
        receiver = WebhookReceiver(
            processor, secret=SECRET, path="/hook", answer_at_once=click_to_answer_at_once
        )
        async with TestClient(TestServer(receiver.app)) as http:

            async def deliver(update: dict[str, Any]) -> str:
                response = await http.post(
                    "/hook", data=json.dumps(update), headers={SECRET_HEADER: SECRET}
                )
                assert response.status == 200
                return await response.text()

            first = click(answer_data("k", "1"))
            answered = {"method": "answerCallbackQuery", "callback_query_id": "q-1"}
            assert json.loads(await deliver(first)) == answered
            assert json.loads(await deliver(first)) == answered  # resent: our 200 was lost
            second = click(answer_data("k", "2"))
            second["update_id"] = 2
            assert await deliver(second) == ""  # over the quota: the notice answers it
            await processor.drain()
            await asyncio.sleep(0)  # the notice's task
    assert noticed == [2]
