"""Issue 11, defect 2: an answer is never filed under a question it was not typed for.

1. The answer was saved, sending the next question failed (a 500), the update was marked done
   and the user told to retry: their retry of "Marie Dupont" became the contact's *role*.
2. With two webhook instances, an instance that died after journaling an update left it
   pending; the user's retry went to the other instance; the old update, replayed later, put
   the old answer on the next question.

Now the failed notification is retried (the answer is not applied twice), and a text is tied
to the last question delivered before it: typed for the contact's name, it is not saved as
their role; the applicant is told and shown where they are.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from tests.bot_support import answer_line, start_bot, texts
from tests.fakebotapi import FakeBotAPI, FakeUser, Simulator
from tests.reliability_support import Serving, journal_as_a_dead_instance, serving
from tests.support import script_lines
from tests.test_bot_webhook import free_port, wait_started, webhook_env

UP_TO_THE_CONTACT = script_lines()[
    : script_lines().index("Marie Dupont")
]  # then: the contact's name
NAME_QUESTION = "Qui est la personne à contacter"
ROLE_QUESTION = "Quelle est sa fonction"


@pytest.fixture
async def api() -> AsyncIterator[FakeBotAPI]:
    async with FakeBotAPI() as server:
        yield server


def contact(db: Path) -> dict[str, Any]:
    connection = sqlite3.connect(db, timeout=10)
    try:
        [(data,)] = list(connection.execute("SELECT data FROM dossier"))
    finally:
        connection.close()
    return dict(json.loads(data)["organisation"]["contact"])


async def reach_the_contacts_name(user: FakeUser) -> None:
    await user.send("/start")
    await user.wait_reply(timeout=30)
    for line in UP_TO_THE_CONTACT:
        await answer_line(user, line)
    prompt = user.keyboard_message()
    assert prompt is not None and NAME_QUESTION in prompt["text"]


async def settled(bot: Serving) -> None:
    """Until every update received is handled, and a second more."""
    for _ in range(300):
        if not bot.query("SELECT 1 FROM telegram_update WHERE status = 'pending'"):
            break
        await asyncio.sleep(0.1)
    await asyncio.sleep(1)


def prompts_of(user: FakeUser, question: str) -> list[dict[str, Any]]:
    return [m for m in user.messages if question in (m.get("text") or "")]


async def test_a_retyped_answer_after_a_failed_send_is_not_saved_as_the_next_answer(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    async with serving(api, tmp_path) as bot:
        user = FakeUser(api, 5101)
        await reach_the_contacts_name(user)
        # The answer is saved; the next question, and anything else, fails to leave (500).
        api.fail_next(
            "sendMessage",
            error_code=500,
            description="Internal Server Error",
            times=2,
            chat_id=user.chat_id,
        )
        await user.send("Marie Dupont")
        await api.wait_until(
            lambda: api.call_count("sendMessage", ok=False) >= 2 or None, timeout=30
        )
        # Nothing came: the applicant types their answer again.
        retry = await user.send("Marie Dupont")
        await api.wait_until(lambda: api.updates[retry["update_id"]].replies or None, timeout=30)
        await settled(bot)

    assert contact(bot.db) == {"name": "Marie Dupont", "role": None, "email": None, "phone": None}
    told = texts(user.messages)
    assert "écrit avant la question ci-dessous" in told, "the applicant is told, not misled"
    assert "Marie Dupont" in told


@pytest.mark.slow
async def test_an_update_left_by_a_dead_instance_is_not_applied_to_the_next_question(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    database = f"sqlite:///{tmp_path / 'shared.db'}"
    ports = [free_port(), free_port()]
    env = {"DATABASE_URL": database}
    survivor = await start_bot(api, tmp_path, name="survivor", **webhook_env(ports[0], **env))
    bots = [survivor]
    try:
        await wait_started(survivor)
        api.set_webhook_targets([f"http://127.0.0.1:{ports[0]}/telegram/webhook"])
        user = FakeUser(api, 5102)
        await reach_the_contacts_name(user)

        # Another instance received "Marie Dupont", journaled it (answered 200 to Telegram)
        # and died before processing it: the update waits in the shared journal.
        message = Simulator(api)._message(user.user_id, {"text": "Marie Dupont"}, None)
        left = api.delivered_elsewhere({"message": message})
        journal_as_a_dead_instance(tmp_path / "shared.db", left, user_key=f"user:{user.user_id}")

        # The applicant saw nothing and types it again: this one reaches the live instance.
        await user.send("Marie Dupont")
        await api.wait_until(lambda: prompts_of(user, ROLE_QUESTION) or None, timeout=60)
        await user.wait_reply(timeout=2, count=0, settle=1)

        # A second instance starts, as after a restart: nothing is left for it to replay.
        newcomer = await start_bot(api, tmp_path, name="newcomer", **webhook_env(ports[1], **env))
        bots.append(newcomer)
        await wait_started(newcomer)
        await asyncio.sleep(3)
        for bot in bots:
            assert await bot.stop() == 0, bot.output()[-2000:]
    finally:
        for bot in bots:
            if bot.returncode is None:
                await bot.kill()

    assert contact(tmp_path / "shared.db")["name"] == "Marie Dupont"
    assert contact(tmp_path / "shared.db")["role"] is None, "the old answer became the role"


UP_TO_THE_LAST_ELIGIBILITY_CLICK = script_lines()[: script_lines().index("Inser'Réseau 62") - 1]
NAME_OF_THE_ORGANISATION = "organisme"  # (words of the question that follows, typed)


async def test_a_text_typed_before_its_question_was_edited_into_the_next_is_not_its_answer(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    """A click's reply edits the clicked question into the next one: the message keeps its
    old id. A text the applicant typed while the clicked question was still shown (the bot
    slow, or restarting) has a larger id, yet it is not the answer to the question it had not
    seen: it is received before that question reached the applicant."""
    async with serving(api, tmp_path, max_updates_per_minute=0) as bot:
        user = FakeUser(api, 7301)
        await user.send("/start")
        await user.wait_reply(timeout=30)
        for line in UP_TO_THE_LAST_ELIGIBILITY_CLICK:
            await answer_line(user, line)
        clicked = user.keyboard_message()
        assert clicked is not None
        api.delay_next("editMessageText", 2.0)  # Telegram slow to show the next question
        click = await user.click("Oui")
        typed = await user.send("Association des Tisserands")  # still on the clicked question
        await api.wait_until(lambda: api.updates[typed["update_id"]].replies or None, timeout=30)
        await settled(bot)
        edited = next(m for m in user.messages if m["message_id"] == clicked["message_id"])
        assert NAME_OF_THE_ORGANISATION in edited["text"].lower(), "the click's reply was edited in"
        assert api.updates[click["update_id"]].fetched_at is not None
        [(data,)] = bot.query("SELECT data FROM dossier")
        organisation = json.loads(data)["organisation"]
        assert organisation.get("name") in (None, ""), "the early text became the name"
        assert "Association des Tisserands" in texts(
            [m for m in user.messages if m["message_id"] > typed["message"]["message_id"]]
        ), "the applicant is told their text was not taken as this answer"
