"""/supprimer_mes_donnees answered in words: a tester's « oui » typed after the prompt
answered the interview's question (« Je n'ai pas reconnu ces mois »); only the button erased."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.bot_support import BotProcess, answer_line, start_bot, texts
from tests.fakebotapi import FakeBotAPI, FakeUser, Simulator
from tests.test_bot_questions_e2e import (
    STAFF,
    STAFF_MEMBER,
    TEAM_ANSWER,
    UNANSWERED,
    click,
    escalate,
    fill_organisation,
    staff_posts,
    ticket_number,
)

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


async def _at_the_organisations_name(api: FakeBotAPI, user_id: int) -> FakeUser:
    user = FakeUser(api, user_id)
    await user.send("/start")
    await user.wait_reply(timeout=30)
    for line in ["1", "1", "oui", "oui", "oui"]:
        await answer_line(user, line)
    return user


async def test_a_typed_oui_after_the_erasure_prompt_erases(
    api: FakeBotAPI, bot: BotProcess
) -> None:
    user = await _at_the_organisations_name(api, 1101)
    await user.send("/supprimer_mes_donnees")
    [prompt] = await user.wait_reply(timeout=20)
    assert "Répondez « oui » ou « non »" in texts([prompt])
    await user.send("oui")
    prompt_now, done = await user.wait_reply(timeout=20, count=2)  # its buttons gone
    assert not prompt_now.get("reply_markup")
    assert "Vos données ont été effacées (1 dossier)" in texts([done])
    await user.send("/start")
    [welcome] = await user.wait_reply(timeout=30)
    assert "Étape 1/" in texts([welcome])  # a new interview: nothing was kept


async def test_a_typed_non_keeps_everything_and_is_no_answer_to_the_interview(
    api: FakeBotAPI, bot: BotProcess
) -> None:
    user = await _at_the_organisations_name(api, 1102)
    await user.send("/supprimer_mes_donnees")
    await user.wait_reply(timeout=20)
    await user.send("non")
    _, kept = await user.wait_reply(timeout=20, count=2)
    assert "Rien n’a été effacé" in texts([kept])
    await user.send("oui")  # later: no longer about the erasure, the interview's again
    replies = await user.wait_reply(timeout=20)
    assert "effacé" not in texts(replies)


async def test_a_non_to_the_erasure_keeps_the_pending_message_for_the_team(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    """« Répondre à l’équipe » pressed, then /supprimer_mes_donnees, then « non »: the
    prompt's state overwrote the pending follow-up, and the applicant's message for the team
    went to the interview. After « non » the follow-up still waits for it."""
    api.register_chat(STAFF, "supergroup", title="Équipe DPID")
    process = await start_bot(api, tmp_path, STAFF_CHAT_ID=str(STAFF))
    try:
        user = FakeUser(api, 1103)
        await fill_organisation(user, "Inser'Réseau 62")
        post, _ = await escalate(user, UNANSWERED)
        Simulator(api).staff_reply(STAFF_MEMBER, STAFF, post["message_id"], TEAM_ANSWER)
        [answer] = await user.wait_reply(timeout=30)
        await click(user, answer, "Répondre à l’équipe")
        assert f"question n° {ticket_number(post)}" in texts(await user.wait_reply(timeout=30))

        await user.send("/supprimer_mes_donnees")
        [prompt] = await user.wait_reply(timeout=20)
        assert "Répondez « oui » ou « non »" in texts([prompt])
        await user.send("non")
        _, kept = await user.wait_reply(timeout=20, count=2)
        assert "Rien n’a été effacé" in texts([kept])

        before = len(api.sent_messages(STAFF))
        await user.send("Une précision : nous sommes deux réseaux.")
        [follow_up] = await staff_posts(api, before)
        assert "deux réseaux" in follow_up["text"]
        assert f"Question n° {ticket_number(post)}" in follow_up["text"]
        assert "transmis" in texts(await user.wait_reply(timeout=30))
    finally:
        if process.process.returncode is None:
            process.process.kill()
            await process.process.wait()


async def test_an_unclear_answer_to_the_erasure_gets_the_question_back_and_keeps_the_follow_up(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    """Tester's report: « Répondre à l’équipe » pressed, /supprimer_mes_donnees, then
    anything but « oui » or « non »: the pending message for the team was dropped and the
    text went to the interview. It gets a short question back instead; the follow-up waits
    on, for after the « non »."""
    api.register_chat(STAFF, "supergroup", title="Équipe DPID")
    process = await start_bot(api, tmp_path, STAFF_CHAT_ID=str(STAFF))
    try:
        user = FakeUser(api, 1104)
        await fill_organisation(user, "Inser'Réseau 62")
        post, _ = await escalate(user, UNANSWERED)
        Simulator(api).staff_reply(STAFF_MEMBER, STAFF, post["message_id"], TEAM_ANSWER)
        [answer] = await user.wait_reply(timeout=30)
        await click(user, answer, "Répondre à l’équipe")
        await user.wait_reply(timeout=30)

        await user.send("/supprimer_mes_donnees")
        [prompt] = await user.wait_reply(timeout=20)
        before = len(api.sent_messages(STAFF))
        await user.send("euh, je ne sais pas trop")
        replies = await user.wait_reply(timeout=20)
        asked_again = [m for m in replies if m.get("reply_markup")]
        assert len(asked_again) == 1, texts(replies)
        said = texts(asked_again)
        assert "Répondez « oui » pour effacer toutes vos données, « non » pour les garder" in said
        assert "« euh, je ne sais pas trop » n’a pas été pris en compte" in said
        buttons = [
            b["text"] for row in asked_again[0]["reply_markup"]["inline_keyboard"] for b in row
        ]
        assert buttons == ["Oui, tout effacer", "Non, conserver"]
        [first_now] = [
            m for m in api.sent_messages(user.chat_id) if m["message_id"] == prompt["message_id"]
        ]
        assert not first_now.get("reply_markup"), "one live prompt"
        assert "effacées" not in texts(replies) and len(api.sent_messages(STAFF)) == before

        await user.send("non")
        _, kept = await user.wait_reply(timeout=20, count=2)
        assert "Rien n’a été effacé" in texts([kept])
        await user.send("Une précision : nous sommes deux réseaux.")
        [follow_up] = await staff_posts(api, before)
        assert "deux réseaux" in follow_up["text"]
        assert f"Question n° {ticket_number(post)}" in follow_up["text"]
    finally:
        if process.process.returncode is None:
            process.process.kill()
            await process.process.wait()


async def test_a_yes_after_the_question_back_erases(api: FakeBotAPI, bot: BotProcess) -> None:
    user = await _at_the_organisations_name(api, 1105)
    await user.send("/supprimer_mes_donnees")
    await user.wait_reply(timeout=20)
    await user.send("pourquoi ?")
    await user.wait_reply(timeout=20)
    await user.send("oui")
    replies = await user.wait_reply(timeout=20, count=2)
    assert "Vos données ont été effacées (1 dossier)" in texts(replies)


async def test_a_photo_at_the_erasure_prompt_gets_the_erasure_question_back(
    api: FakeBotAPI, bot: BotProcess
) -> None:
    """Tester's report: a photo sent at the prompt showed the interview's question
    (« ↩️ Retour au récapitulatif »), and the « non » typed next was refused."""
    user = await _at_the_organisations_name(api, 1106)
    await user.send("/supprimer_mes_donnees")
    [prompt] = await user.wait_reply(timeout=20)
    await user.send_photo()
    replies = await user.wait_reply(timeout=20, count=2)
    asked_again = [m for m in replies if m.get("reply_markup")]
    assert len(asked_again) == 1, texts(replies)
    assert "Je ne traite pas les photos" in texts(replies)
    assert "Voulez-vous vraiment effacer" in texts(asked_again)
    buttons = [b["text"] for row in asked_again[0]["reply_markup"]["inline_keyboard"] for b in row]
    assert buttons == ["Oui, tout effacer", "Non, conserver"]
    assert "Retour au récapitulatif" not in str(replies)
    [first_now] = [
        m for m in api.sent_messages(user.chat_id) if m["message_id"] == prompt["message_id"]
    ]
    assert not first_now.get("reply_markup"), "one live prompt"

    await user.send("non")
    replies = await user.wait_reply(timeout=20, count=2)
    assert "Rien n’a été effacé" in texts(replies)
    assert "pas été pris en compte" not in texts(replies)
