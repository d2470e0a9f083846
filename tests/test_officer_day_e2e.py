"""`/repondre N` from anywhere in the staff group, end to end (`aap-bot run` against the fake
Bot API): the officer is told, in words, whose question it answered (an officer tester's
report: a 👌 alone let a dossier's number typed for a question's go unseen)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.bot_support import texts
from tests.fakebotapi import FakeBotAPI, FakeUser
from tests.test_bot_questions_e2e import STAFF, UNANSWERED, escalate, running_bot

pytestmark = pytest.mark.slow


@pytest.fixture
async def api() -> AsyncIterator[FakeBotAPI]:
    async with FakeBotAPI() as server:
        yield server


async def test_repondre_n_says_whose_question_it_answered(api: FakeBotAPI, tmp_path: Path) -> None:
    api.register_chat(STAFF, "supergroup", title="Équipe du Département")
    async with running_bot(api, tmp_path):
        alice = FakeUser(api, 1001, first_name="Alice", last_name="Martin")
        bruno = FakeUser(api, 1002, first_name="Bruno", last_name="Petit")
        for user in (alice, bruno):  # Alice's dossier is n° 1, Bruno's n° 2
            await user.send("/start")
            await user.wait_reply(timeout=30)
        bruno_post, _ = await escalate(bruno, UNANSWERED)  # question n° 1
        alice_post, _ = await escalate(alice, "Quand saurons-nous si nous sommes retenus ?")
        assert "Question n° 1" in bruno_post["text"] and "Question n° 2" in alice_post["text"]

        # Bernard means Alice's dossier n° 1 and types « /repondre 1 »: question n° 1 is
        # Bruno's. The bot said only 👌; now it names whom the answer reached.
        bernard = FakeUser(api, 9001, chat_id=STAFF, first_name="Bernard")
        await bernard.send("/repondre 1 Les résultats seront publiés en mars.")
        note = texts(await bernard.wait_reply(timeout=30))
        assert "✅ Question n° 1 : réponse remise à Bruno Petit, dossier n° 2, qui avait " in note
        assert f"demandé : « {UNANSWERED} »" in note
        assert "Les résultats seront publiés en mars." in texts(await bruno.wait_reply(timeout=30))
        assert api.reaction(STAFF, bernard.last_update["message"]["message_id"]) == ["👌"]  # type: ignore[index]

        # Replying to Alice's post names her question already: the 👌 is enough.
        await bernard.send(
            "Réponse au printemps, par courrier.", reply_to_message_id=alice_post["message_id"]
        )
        assert "Réponse au printemps" in texts(await alice.wait_reply(timeout=30))
        await api.wait_until(
            lambda: api.reaction(STAFF, bernard.last_update["message"]["message_id"]) or None,  # type: ignore[index]
            timeout=30,
        )
        assert sum("réponse remise à" in t for t in api.texts(STAFF)) == 1
