"""`/dupliquer` without a number on Telegram: a tester got the list of their dossiers and
no button to press. One dossier: the bot asks whether to duplicate it; several: a button for
each, as `/dossiers` offers to resume them (the bot as a process against the fake Bot API)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from tests.bot_support import BotProcess, answer_line, start_bot, texts
from tests.fakebotapi import FakeBotAPI, FakeUser

pytestmark = pytest.mark.slow


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


async def _with_a_dossier(api: FakeBotAPI, user_id: int) -> FakeUser:
    user = FakeUser(api, user_id)
    await user.send("/start")
    await user.wait_reply(timeout=30)
    for line in ["1", "1", "oui", "oui", "oui", "Inser'Réseau 62"]:
        await answer_line(user, line)
    return user


def _buttons(message: dict[str, Any]) -> list[str]:
    rows = (message.get("reply_markup") or {}).get("inline_keyboard", [])
    return [str(b["text"]) for row in rows for b in row]


def _numbers(dossiers: str) -> list[str]:
    return [line.split()[2] for line in dossiers.splitlines() if line.startswith("• n° ")]


async def test_an_applicant_with_one_dossier_is_asked_to_confirm_its_duplication(
    api: FakeBotAPI, bot: BotProcess
) -> None:
    user = await _with_a_dossier(api, 1201)
    await user.send("/dossiers")
    [number] = _numbers(texts(await user.wait_reply(timeout=20)))

    await user.send("/dupliquer")
    [offer] = await user.wait_reply(timeout=20)
    assert f"Dupliquer votre dossier n° {number}" in offer["text"]
    assert _buttons(offer) == [f"Oui, dupliquer le dossier n° {number}", "Non"]

    await user.click("Non")
    replies = await user.wait_reply(timeout=20)
    assert "Aucun dossier n’a été dupliqué" in texts(replies)
    [answered] = [
        m for m in api.sent_messages(user.chat_id) if m["message_id"] == offer["message_id"]
    ]
    assert not answered.get("reply_markup"), "its buttons are gone"
    await user.send("/dossiers")
    assert len(_numbers(texts(await user.wait_reply(timeout=20)))) == 1

    await user.send("/dupliquer")
    await user.wait_reply(timeout=20)
    await user.click(f"Oui, dupliquer le dossier n° {number}")
    done = texts(await user.wait_reply(timeout=20))
    assert f"a été créé à partir du dossier n° {number}" in done
    await user.send("/dossiers")
    assert len(_numbers(texts(await user.wait_reply(timeout=20)))) == 2


async def test_an_applicant_with_several_dossiers_picks_the_one_to_duplicate(
    api: FakeBotAPI, bot: BotProcess
) -> None:
    user = await _with_a_dossier(api, 1202)
    await user.send("/nouveau")
    await user.wait_reply(timeout=20)
    await user.send("/dossiers")
    first, second = _numbers(texts(await user.wait_reply(timeout=20)))

    await user.send("/dupliquer")
    replies = await user.wait_reply(timeout=20)
    [offer] = [m for m in replies if m.get("reply_markup")]
    assert "Quel dossier voulez-vous dupliquer ?" in texts(replies)
    assert "Inser&#39;Réseau 62" in offer["raw_text"] or "Inser'Réseau 62" in texts(replies)
    assert _buttons(offer) == [
        f"Dupliquer le dossier n° {first}",
        f"Dupliquer le dossier n° {second}",
    ]

    await user.click(f"Dupliquer le dossier n° {first}")
    done = texts(await user.wait_reply(timeout=20))
    assert f"a été créé à partir du dossier n° {first}" in done
    await user.send("/dossiers")
    assert len(_numbers(texts(await user.wait_reply(timeout=20)))) == 3
