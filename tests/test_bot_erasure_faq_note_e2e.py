"""An applicant erases their data: the FAQ entry made from their question goes with it (its
question is their own words), and the team is told in its group (an officer tester saw
FAQ n° 2 vanish from /faq_liste without a word). The bot runs as `aap-bot run`."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.bot_support import texts
from tests.fakebotapi import FakeBotAPI, FakeUser, Simulator
from tests.test_bot_questions_e2e import (
    STAFF,
    STAFF_MEMBER,
    TEAM_ANSWER,
    UNANSWERED,
    escalate,
    running_bot,
    staff_posts,
)

pytestmark = pytest.mark.slow


@pytest.fixture
async def api() -> AsyncIterator[FakeBotAPI]:
    async with FakeBotAPI() as server:
        yield server


async def test_the_team_is_told_when_an_erasure_takes_a_faq_entry_away(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    async with running_bot(api, tmp_path) as bot:
        karim = FakeUser(api, 2031)
        post, _ = await escalate(karim, UNANSWERED)
        sim = Simulator(api)
        sim.staff_reply(STAFF_MEMBER, STAFF, post["message_id"], TEAM_ANSWER)
        await karim.wait_reply(timeout=30)
        reply = max(
            (m for m in api.chats[STAFF].messages.values() if m.get("text") == TEAM_ANSWER),
            key=lambda m: m["message_id"],
        )
        before = len(api.sent_messages(STAFF))
        sim.user_command(
            STAFF_MEMBER, "faq", chat_id=STAFF, reply_to_message_id=reply["message_id"]
        )
        [added] = await staff_posts(api, before)
        assert "Ajouté à la FAQ (n° 1)" in added["text"]
        # Karim still has a question under way in the statistics' count.
        assert bot.query("SELECT count(*) FROM asked_question") == [(1,)]

        before = len(api.sent_messages(STAFF))
        await karim.send("/supprimer_mes_donnees")
        await karim.wait_reply(timeout=20)
        await karim.send("oui")
        replies = await karim.wait_reply(timeout=20, count=2)
        assert "Vos données ont été effacées" in texts(replies)
        await api.wait_until(
            lambda: (
                any(
                    "FAQ n° 1 retirée : le candidat a effacé ses données" in t
                    for t in api.texts(STAFF)[before:]
                )
                or None
            ),
            timeout=30,
        )
        assert bot.query("SELECT count(*) FROM faq_entry") == [(0,)]
        assert bot.query("SELECT asked, escalated FROM question_tally") == [(1, 1)]
        assert await bot.stop() == 0
