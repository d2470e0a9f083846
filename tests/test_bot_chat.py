"""A short, clean chat on Telegram: answers typed as people type them, few messages, one live
keyboard, no navigation trap (the bot as a process against the fake Bot API)."""

from __future__ import annotations

import contextlib
import html
import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from tests.bot_support import BotProcess, act, answer_line, start_bot, texts
from tests.fakebotapi import FakeBotAPI, FakeUser
from tests.support import ROOT

pytestmark = pytest.mark.slow
NATURAL = ROOT / "examples" / "conversations" / "candidature-naturelle.txt"
MAX_LINES = 20


@pytest.fixture
async def api() -> AsyncIterator[FakeBotAPI]:
    async with FakeBotAPI() as server:
        yield server


@pytest.fixture
async def bot(api: FakeBotAPI, tmp_path: Path) -> AsyncIterator[BotProcess]:
    process = await start_bot(api, tmp_path)
    try:
        yield process
    finally:
        if process.process.returncode is None:
            process.process.kill()
            await process.process.wait()


def _live_keyboards(user: FakeUser) -> list[dict[str, Any]]:
    return [m for m in user.messages if m.get("reply_markup") and not m.get("deleted")]


async def _settled_keyboards(user: FakeUser) -> int:
    """Live keyboards once the bot has taken the buttons off the question asked before: it
    sends the next question first and the old buttons go a moment later (a database write
    between), so a loaded machine can show both for longer than a reply's settle time. Waits
    up to 10 s for at most one; a second one still live then is counted."""
    with contextlib.suppress(TimeoutError):
        await user.api.wait_until(
            lambda: len(_live_keyboards(user)) <= 1 or None, timeout=10, chat_id=user.chat_id
        )
    return len(_live_keyboards(user))


def _lines(message: dict[str, Any]) -> int:
    plain = html.unescape(re.sub(r"<[^>]+>", "", str(message.get("text") or "")))
    return plain.strip().count("\n") + 1


async def test_a_whole_interview_typed_naturally_is_short_and_has_one_live_keyboard(
    api: FakeBotAPI, bot: BotProcess
) -> None:
    user = FakeUser(api, 4001)
    lines = NATURAL.read_text(encoding="utf-8").splitlines()
    await act(user, "send", "/start")
    actions, most_keyboards = 1, 0
    for line in lines[:-1]:
        replies = await answer_line(user, line)
        actions += 1
        assert "❗" not in texts(replies) and "❓" not in texts(replies), line
        most_keyboards = max(most_keyboards, await _settled_keyboards(user))
    sent = [m for m in user.messages if "text" in m]
    assert len(sent) / actions <= 1.3, f"{len(sent)} messages for {actions} actions"
    longest = max(sent, key=_lines)
    assert _lines(longest) <= MAX_LINES, longest["text"]
    assert most_keyboards == 1
    assert api.call_count("answerCallbackQuery") > 0, "the script clicks buttons"


async def test_back_after_adding_an_action_returns_to_the_add_question(
    api: FakeBotAPI, bot: BotProcess
) -> None:
    user = FakeUser(api, 4002)
    script = NATURAL.read_text(encoding="utf-8").splitlines()
    await act(user, "send", "/start")
    for line in script[: script.index("non merci")]:  # through the first action
        await answer_line(user, line)
    await act(user, "click", "Oui")
    assert "titre de l’action 2" in texts(user.messages[-1:])
    await act(user, "click", "⬅️ Précédent")
    prompt = user.keyboard_message()
    assert prompt is not None and "autre action" in prompt["text"]
    assert await _settled_keyboards(user) == 1


async def test_keep_cancel_and_a_refusal_leave_one_live_keyboard(
    api: FakeBotAPI, bot: BotProcess
) -> None:
    user = FakeUser(api, 4003)
    await act(user, "send", "/start")
    for line in ["1", "1", "oui", "oui", "oui", "Inser'Réseau 62"]:
        await answer_line(user, line)
    replies = await act(user, "send", "732 829 320 00075")  # a wrong SIRET: refused
    assert "clé de contrôle" in texts(replies)
    assert await _settled_keyboards(user) == 1
    await act(user, "click", "⬅️ Précédent")
    replies = await act(user, "click", "Garder cette réponse")
    assert "SIRET" in texts(replies)
    replies = await act(user, "send", "/annuler")
    assert "pas de saisie en cours à annuler" in texts(replies)
    assert await _settled_keyboards(user) == 1
