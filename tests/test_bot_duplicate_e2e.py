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

#: Seconds to wait for a reply's last messages: a reply is often two messages (the answer,
#: then the question shown again), and on a loaded machine the second can come 0,15 s (the
#: default) after the first; read before it, it would land in the next step's reply.
SETTLE = 1.0

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


async def _dossier_numbers(user: FakeUser) -> list[str]:
    """The numbers `/dossiers` lists (its list, then the message with its buttons)."""
    await user.send("/dossiers")
    return _numbers(texts(await user.wait_reply(timeout=20, count=2, settle=SETTLE)))


async def test_an_applicant_with_one_dossier_is_asked_to_confirm_its_duplication(
    api: FakeBotAPI, bot: BotProcess
) -> None:
    user = await _with_a_dossier(api, 1201)
    await user.send("/dossiers")
    [number] = _numbers(texts(await user.wait_reply(timeout=20, settle=SETTLE)))

    await user.send("/dupliquer")
    [offer] = await user.wait_reply(timeout=20, settle=SETTLE)
    assert f"Dupliquer votre dossier n° {number}" in offer["text"]
    assert _buttons(offer) == [f"Oui, dupliquer le dossier n° {number}", "Non"]

    await user.click("Non")
    replies = await user.wait_reply(timeout=20, settle=SETTLE)
    assert "Aucun dossier n’a été dupliqué" in texts(replies)
    [answered] = [
        m for m in api.sent_messages(user.chat_id) if m["message_id"] == offer["message_id"]
    ]
    assert not answered.get("reply_markup"), "its buttons are gone"
    await user.send("/dossiers")
    assert len(_numbers(texts(await user.wait_reply(timeout=20, settle=SETTLE)))) == 1

    await user.send("/dupliquer")
    await user.wait_reply(timeout=20, settle=SETTLE)
    await user.click(f"Oui, dupliquer le dossier n° {number}")
    done = texts(await user.wait_reply(timeout=20, settle=SETTLE))
    assert f"a été créé à partir du dossier n° {number}" in done
    await user.send("/dossiers")
    assert len(_numbers(texts(await user.wait_reply(timeout=20, settle=SETTLE)))) == 2


async def test_an_applicant_with_several_dossiers_picks_the_one_to_duplicate(
    api: FakeBotAPI, bot: BotProcess
) -> None:
    user = await _with_a_dossier(api, 1202)
    await user.send("/nouveau")
    await user.wait_reply(timeout=20, settle=SETTLE)
    await user.send("/dossiers")
    first, second = _numbers(texts(await user.wait_reply(timeout=20, settle=SETTLE)))

    await user.send("/dupliquer")
    replies = await user.wait_reply(timeout=20, settle=SETTLE)
    [offer] = [m for m in replies if m.get("reply_markup")]
    assert "Quel dossier voulez-vous dupliquer ?" in texts(replies)
    assert "Inser&#39;Réseau 62" in offer["raw_text"] or "Inser'Réseau 62" in texts(replies)
    assert _buttons(offer) == [
        f"Dupliquer le dossier n° {first}",
        f"Dupliquer le dossier n° {second}",
    ]

    await user.click(f"Dupliquer le dossier n° {first}")
    done = texts(await user.wait_reply(timeout=20, settle=SETTLE))
    assert f"a été créé à partir du dossier n° {first}" in done
    await user.send("/dossiers")
    assert len(_numbers(texts(await user.wait_reply(timeout=20, settle=SETTLE)))) == 3


def _offer(replies: list[dict[str, Any]]) -> dict[str, Any]:
    [offer] = [m for m in replies if m.get("reply_markup")]
    return offer


def _live_buttons(api: FakeBotAPI, user: FakeUser, message: dict[str, Any]) -> list[str]:
    [now] = [m for m in api.sent_messages(user.chat_id) if m["message_id"] == message["message_id"]]
    return _buttons(now)


async def test_a_typed_non_or_oui_answers_the_duplicate_question_about_the_only_dossier(
    api: FakeBotAPI, bot: BotProcess
) -> None:
    """Tester's report: « oui » and « non » typed under the question got « Choisissez l'une
    des propositions » and the summary back; the « Oui » button's words typed were read as
    « Compléter le dossier »."""
    user = await _with_a_dossier(api, 1203)
    [number] = await _dossier_numbers(user)

    await user.send("/dupliquer")
    offer = _offer(await user.wait_reply(timeout=20, settle=SETTLE))
    await user.send("non")
    replies = await user.wait_reply(timeout=20, settle=SETTLE)
    assert "Aucun dossier n’a été dupliqué" in texts(replies)
    assert "Choisissez" not in texts(replies)
    assert _live_buttons(api, user, offer) == [], "its buttons are gone"

    await user.send("/dupliquer")
    offer = _offer(await user.wait_reply(timeout=20, settle=SETTLE))
    await user.send("oui")
    done = texts(await user.wait_reply(timeout=20, settle=SETTLE))
    assert f"a été créé à partir du dossier n° {number}" in done
    assert _live_buttons(api, user, offer) == []

    await user.send("/dupliquer")  # two dossiers now: the button's words typed name one
    await user.wait_reply(timeout=20, settle=SETTLE)
    await user.send(f"Dupliquer le dossier n° {number}")
    assert f"a été créé à partir du dossier n° {number}" in texts(
        await user.wait_reply(timeout=20, settle=SETTLE)
    )
    assert len(await _dossier_numbers(user)) == 3


async def test_le_1_typed_among_several_dossiers_duplicates_it_and_generates_no_draft(
    api: FakeBotAPI, bot: BotProcess
) -> None:
    """Tester's report: with two dossiers, « le 1 » generated a draft (read as the summary's
    first button) instead of duplicating dossier n° 1."""
    user = await _with_a_dossier(api, 1204)
    await user.send("/nouveau")
    await user.wait_reply(timeout=20, settle=SETTLE)
    first, second = await _dossier_numbers(user)

    await user.send("/dupliquer")
    await user.wait_reply(timeout=20, settle=SETTLE)
    await user.send(f"le {first}")
    replies = await user.wait_reply(timeout=20, settle=SETTLE)
    assert f"a été créé à partir du dossier n° {first}" in texts(replies)
    assert "Je prépare votre brouillon" not in texts(replies)
    assert not any(m.get("document") for m in api.sent_messages(user.chat_id))

    await user.send("/dupliquer")
    await user.wait_reply(timeout=20, settle=SETTLE)
    await user.send(f"n° {second}")
    assert f"a été créé à partir du dossier n° {second}" in texts(
        await user.wait_reply(timeout=20, settle=SETTLE)
    )


async def test_anything_else_typed_at_the_duplicate_question_gets_it_back_until_a_command(
    api: FakeBotAPI, bot: BotProcess
) -> None:
    user = await _with_a_dossier(api, 1205)
    await user.send("/nouveau")
    await user.wait_reply(timeout=20, settle=SETTLE)
    first, second = await _dossier_numbers(user)

    await user.send("/dupliquer")
    offer = _offer(await user.wait_reply(timeout=20, settle=SETTLE))
    await user.send("le premier je crois")
    again = _offer(await user.wait_reply(timeout=20, settle=SETTLE))
    said = texts([again])
    assert "Aucun dossier n’a été dupliqué" in said
    assert "« le premier je crois » n’a pas été pris en compte" in said
    assert "numéro" in said
    assert _buttons(again) == [
        f"Dupliquer le dossier n° {first}",
        f"Dupliquer le dossier n° {second}",
    ]
    assert _live_buttons(api, user, offer) == [], "one live prompt"

    await user.send("/recapitulatif")  # a command leaves the question
    await user.wait_reply(timeout=20, settle=SETTLE)
    await user.send("non")  # the summary's now, no longer an answer to the question
    replies = await user.wait_reply(timeout=20, settle=SETTLE)
    assert "dupliqué" not in texts(replies)
    assert len(await _dossier_numbers(user)) == 2


async def test_a_sticker_at_the_duplicate_question_gets_that_question_back(
    api: FakeBotAPI, bot: BotProcess
) -> None:
    user = await _with_a_dossier(api, 1206)
    await user.send("/dupliquer")
    offer = _offer(await user.wait_reply(timeout=20, settle=SETTLE))
    await user.send_sticker()
    replies = await user.wait_reply(timeout=20, count=2, settle=SETTLE)
    again = _offer(replies)
    assert "Je ne lis pas les autocollants" in texts(replies)
    assert "Dupliquer votre dossier n°" in texts([again])
    assert _buttons(again) == [_buttons(again)[0], "Non"]
    assert _buttons(again)[0].startswith("Oui, dupliquer le dossier n° ")
    assert "Retour au récapitulatif" not in str(replies)
    assert _live_buttons(api, user, offer) == []

    await user.send("oui")
    assert "a été créé à partir du dossier n°" in texts(
        await user.wait_reply(timeout=20, settle=SETTLE)
    )
