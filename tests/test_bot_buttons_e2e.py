"""The buttons a hurried applicant met in Telegram, end to end against the fake Bot API: short
labels in the /eligibilite menu, ticks that typed words add to or validate, and, without a
staff group, no button or command that promises to pass a question on."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from tests.bot_support import CONVERSATION, BotProcess, act, answer_line, start_bot
from tests.fakebotapi import FakeBotAPI, FakeUser

pytestmark = pytest.mark.slow


@pytest.fixture
async def api() -> AsyncIterator[FakeBotAPI]:
    async with FakeBotAPI() as server:
        yield server


@pytest.fixture
async def bot(api: FakeBotAPI, tmp_path: Path) -> AsyncIterator[BotProcess]:
    process = await start_bot(api, tmp_path)  # no STAFF_CHAT_ID: the default
    try:
        yield process
    finally:
        if process.process.returncode is None:
            process.process.kill()
            await process.process.wait()


def labels(user: FakeUser) -> list[str]:
    message: dict[str, Any] | None = user.keyboard_message()
    assert message is not None
    return [b["text"] for row in message["reply_markup"]["inline_keyboard"] for b in row]


async def started(api: FakeBotAPI, user_id: int) -> FakeUser:
    user = FakeUser(api, user_id)
    await user.send("/start")
    await user.wait_reply(timeout=30)
    return user


async def test_the_eligibility_menu_has_short_labels_and_no_relay_is_offered(
    api: FakeBotAPI, bot: BotProcess
) -> None:
    user = await started(api, 2001)
    for line in ["1", "1", "oui", "oui", "oui"]:
        await answer_line(user, line)
    await act(user, "send", "/eligibilite")
    shown = labels(user)
    assert "Activité dans le Pas-de-Calais" in shown
    assert "Public cible de l’appel" in shown and "Période de conventionnement" in shown
    assert all(len(label) <= 60 for label in shown), shown

    ineligible = await started(api, 2002)
    for line in ["1", "5"]:  # an SIAE, not a network head
        await answer_line(ineligible, line)
    assert "Poser une question à l’équipe" not in labels(ineligible)
    assert "Contacter le Département" in labels(ineligible)
    menu = {c["command"] for call in api.calls_of("setMyCommands") for c in call.params["commands"]}
    assert "question" in menu and "mes_questions" not in menu


async def test_the_departements_contact_comes_below_the_reason_of_ineligibility(
    api: FakeBotAPI, bot: BotProcess
) -> None:
    """A tester clicked « Contacter le Département » under « votre organisme n’est pas
    éligible »: the explanation was edited into the phone number and vanished from the chat.
    The contact now comes in a message of its own, the reason stays in view."""
    user = await started(api, 2003)
    for line in ["1", "5"]:  # an SIAE, not a network head
        await answer_line(user, line)
    reason = user.keyboard_message()
    assert reason is not None and "n’est pas éligible" in reason["raw_text"]
    await act(user, "click", "Contacter le Département")
    live = {m["message_id"]: m for m in api.sent_messages(user.chat_id, include_deleted=False)}
    assert "n’est pas éligible" in live[reason["message_id"]]["raw_text"], "the reason stays"
    later = [m for i, m in live.items() if i > reason["message_id"]]
    assert any("03 21 21 65 50" in m["raw_text"] for m in later)


async def test_typed_words_add_to_the_ticks_and_valider_validates(
    api: FakeBotAPI, bot: BotProcess
) -> None:
    user = await started(api, 2003)
    lines = CONVERSATION.read_text(encoding="utf-8").splitlines()
    for line in lines[: lines.index("Former les encadrants techniques") + 3]:
        await answer_line(user, line)
    await act(user, "click", "ACI")
    await act(user, "click", "EI")
    await act(user, "send", "et les AI aussi")
    shown = labels(user)
    assert {"✅ ACI", "✅ EI", "✅ AI"} <= set(shown), shown
    assert "Valider la sélection ➡️" in shown
    replies = await act(user, "send", "valider")
    text = "\n".join(str(m.get("text") or "") for m in replies)
    assert "Je n’ai pas reconnu" not in text
    assert "Valider la sélection ➡️" not in labels(user)
