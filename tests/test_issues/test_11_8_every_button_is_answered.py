"""Issue 11, defect 8: a button the bot does not know is answered, never left spinning.

A click whose data no handler knows (a keyboard sent by an older version before an upgrade,
or forged data) used to be "not handled": no answerCallbackQuery, so the applicant's button
spun for seconds with no word. Now it is answered ("Ce bouton n'est plus actif…") and the
current question is shown again.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from tests.bot_support import bot_client, texts
from tests.fakebotapi import FakeBotAPI, FakeUser, Simulator
from tests.reliability_support import serving


@pytest.fixture
async def api() -> AsyncIterator[FakeBotAPI]:
    async with FakeBotAPI() as server:
        yield server


@pytest.mark.parametrize("data", ["v1|budget|ok", "zz"], ids=["old", "forged"])
async def test_a_button_the_bot_no_longer_knows_gets_an_answer_and_the_question(
    api: FakeBotAPI, tmp_path: Path, data: str
) -> None:
    async with serving(api, tmp_path):
        user = FakeUser(api, 8001)
        await user.send("/start")
        await user.wait_reply(timeout=30)
        async with bot_client(api) as client:  # a keyboard an older version had sent
            old = await client.send_message(
                user.chat_id,
                "Ancienne question",
                reply_markup=InlineKeyboardMarkup(
                    inline_keyboard=[[InlineKeyboardButton(text="Valider", callback_data=data)]]
                ),
            )
        await user.wait_reply(timeout=5)
        click = Simulator(api).click(user.user_id, old.message_id, label="Valider")
        query = str(click["callback_query"]["id"])
        answer = await api.wait_until(lambda: api.callback_answer(query), timeout=30)
        assert "plus actif" in str(answer.get("text"))
        assert "Étape 1/" in texts(await user.wait_reply(timeout=30))
