"""The Telegram bot end to end: `aap-bot run` as a separate process against the fake Bot API.

Each test starts the fake server, then the bot (`python -m app.cli run`) with its own SQLite
database, and talks to it like users do (`FakeUser`: send text, click buttons by label).
"""

from __future__ import annotations

import asyncio
import io
import shutil
import signal
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from tests.bot_support import (
    CONVERSATION,
    BotProcess,
    act,
    answer_line,
    choices,
    interview_steps,
    start_bot,
    texts,
)
from tests.fakebotapi import FakeBotAPI, FakeUser, Simulator

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
        assert api.token not in process.output(), "the token leaked into the logs"


async def test_start_shows_the_welcome_with_the_progress_line(
    api: FakeBotAPI, bot: BotProcess
) -> None:
    user = FakeUser(api, 1001)
    await user.send("/start")
    replies = await user.wait_reply(timeout=30)
    assert "Étape 1/" in texts(replies)
    assert api.call_count("setMyCommands") >= 1
    sent = {c.method: c.content_type for c in api.log if c.method != "getUpdates"}
    assert set(sent.values()) == {"application/json"}, f"one JSON body per request: {sent}"
    assert "event loop: uvloop" in bot.output()  # EVENT_LOOP=auto, uvloop installed


async def test_after_start_the_bot_rehearses_an_interview_in_memory_and_keeps_nothing(
    api: FakeBotAPI, bot: BotProcess
) -> None:
    """The first applicants after a restart find the messages compiled (`dialogs.rehearsal`):
    the rehearsal runs in the real process, and leaves no user, dossier or answer behind."""
    for _ in range(600):
        if "warm-up: interview ready" in bot.output():
            break
        await asyncio.sleep(0.1)
    assert "warm-up: interview ready" in bot.output(), bot.output()[-2000:]
    assert "not prepared ahead" not in bot.output()
    assert bot.query("SELECT count(*) FROM dossier") == [(0,)]
    assert bot.query("SELECT count(*) FROM app_user") == [(0,)]
    user = FakeUser(api, 1001)
    await user.send("/start")
    assert "Étape 1/" in texts(await user.wait_reply(timeout=30))


async def test_bonjour_before_any_start_gets_the_welcome_then_the_first_question(
    api: FakeBotAPI, bot: BotProcess
) -> None:
    """A first contact typing « bonjour » went straight to the organisation type, without
    the welcome (its notice on the use of the data, the deadline)."""
    user = FakeUser(api, 1001)
    await user.send("bonjour")
    welcome, question = await user.wait_reply(timeout=30, count=2)
    assert "Étape 1/7 — Accueil" in texts([welcome]) and "Vos données" in texts([welcome])
    assert "Bonjour, je suis l’assistant de candidature" in texts([welcome])
    assert not welcome.get("reply_markup")  # its « Commencer » would be stale
    assert "Quel type d’organisme représentez-vous ?" in texts([question])
    assert choices(question)


async def test_section_shortcuts_are_in_the_menu_and_jump_to_their_part(
    api: FakeBotAPI, bot: BotProcess
) -> None:
    user = FakeUser(api, 1002)
    await user.send("/start")
    await user.wait_reply(timeout=30)
    for line in ["1", "1", "oui", "oui", "oui"]:  # eligible: the organisation comes next
        await answer_line(user, line)
    replies = await act(user, "send", "/budget")
    assert "Étape 6/7 — Budget" in texts(replies)
    menu = {c["command"] for call in api.calls_of("setMyCommands") for c in call.params["commands"]}
    assert {"eligibilite", "organisation", "plan", "indicateurs", "budget"} <= menu


async def test_an_unknown_command_is_not_taken_as_the_organisations_name(
    api: FakeBotAPI, bot: BotProcess
) -> None:
    """« /equipe » is no command of the bot: at a question that takes free text it was stored
    as the answer; it is told apart, and the question stays."""
    user = FakeUser(api, 1009)
    await user.send("/start")
    await user.wait_reply(timeout=30)
    for line in ["1", "1", "oui", "oui", "oui"]:  # eligible: the organisation's name comes next
        await answer_line(user, line)
    replies = await act(user, "send", "/equipe")
    assert "Je ne connais pas la commande « /equipe »" in texts(replies)
    assert "nom" in texts(replies).lower()  # the question is asked again


async def test_a_clicked_question_becomes_the_next_one_headed_by_the_answer_chosen(
    api: FakeBotAPI, bot: BotProcess
) -> None:
    """Two Bot API calls per click (the callback's answer, one edit), one live keyboard."""
    user = FakeUser(api, 1003)
    await user.send("/start")
    await user.wait_reply(timeout=30)
    await answer_line(user, "1")  # Commencer
    prompt = user.keyboard_message()
    assert prompt is not None and "Quel type d’organisme" in prompt["text"]
    sent_before = api.call_count("sendMessage")
    await answer_line(user, "Tête de réseau IAE régionale")
    edited = api.get_message(user.chat_id, prompt["message_id"])
    assert edited is not None
    assert edited["text"].startswith("➡️ Tête de réseau IAE régionale")
    assert "Votre réseau exerce-t-il son activité" in edited["text"]
    assert edited.get("reply_markup"), "the next question's buttons"
    assert api.call_count("sendMessage") == sent_before, "no new message: the click edited"
    live = [m for m in user.messages if m.get("reply_markup") and not m.get("deleted")]
    assert [m["message_id"] for m in live] == [prompt["message_id"]]


async def test_aide_quotes_the_call_below_the_question_which_stays_in_view(
    api: FakeBotAPI, bot: BotProcess
) -> None:
    user = FakeUser(api, 1004)
    await user.send("/start")
    await user.wait_reply(timeout=30)
    await answer_line(user, "1")  # Commencer
    prompt = user.keyboard_message()
    assert prompt is not None and "Quel type d’organisme" in prompt["text"]
    replies = await act(user, "click", "Aide")
    assert "Porteurs de projets éligibles" in texts(replies)
    kept = api.get_message(user.chat_id, prompt["message_id"])
    assert kept is not None and "Quel type d’organisme" in kept["text"], "not edited away"
    assert "Porteurs de projets éligibles" not in kept["text"]


async def test_aide_typed_with_the_bot_s_name_as_menus_send_it_quotes_the_call_too(
    api: FakeBotAPI, bot: BotProcess
) -> None:
    # Telegram's menus and groups send "/aide@<bot's username>": it starts with "/", so the
    # command pre-filter (`bot.filters.skip_commands_for_plain_text`) lets it through to the
    # /aide handler (and, were that handler skipped, the interview reads typed commands too).
    user = FakeUser(api, 1014)
    await user.send("/start")
    await user.wait_reply(timeout=30)
    await answer_line(user, "1")  # Commencer
    replies = await act(user, "text", f"/aide@{api.bot_user['username']}")
    assert "Porteurs de projets éligibles" in texts(replies)


async def test_the_siret_step_has_no_help_quoting_who_may_apply(
    api: FakeBotAPI, bot: BotProcess
) -> None:
    user = FakeUser(api, 1005)
    await user.send("/start")
    await user.wait_reply(timeout=30)
    for line in ["1", "1", "oui", "oui", "oui", "Inser'Réseau 62"]:
        await answer_line(user, line)
    prompt = user.keyboard_message()
    assert prompt is not None and "numéro SIRET" in prompt["text"]
    labels = [b["text"] for row in prompt["reply_markup"]["inline_keyboard"] for b in row]
    assert "Aide" not in labels
    replies = await act(user, "send", "aide")
    assert "têtes de réseaux" not in texts(replies)
    assert "SIRET" in texts(replies), "the question is asked again below the help"


# -- the story -------------------------------------------------------------------------------


async def test_a_complete_application_from_start_to_both_drafts(
    api: FakeBotAPI, bot: BotProcess
) -> None:
    user = FakeUser(api, 1002)
    await act(user, "send", "/start")
    lines = CONVERSATION.read_text(encoding="utf-8").splitlines()
    lines = ["<Réseau & Cie>" if line == "Inser'Réseau 62" else line for line in lines]
    for line in lines[:-1]:
        await answer_line(user, line)
    await user.send(lines[-1])
    expected = 5 if shutil.which("soffice") else 4  # the plan's PDF needs LibreOffice
    await api.wait_until(lambda: len(user.documents) >= expected or None, timeout=90, chat_id=1002)
    assert api.call_count("answerCallbackQuery") >= 3, "the script clicks some buttons"
    names = [d["file_name"] for d in user.documents]
    kinds = (("plan-", ".docx"), ("plan-", ".md"), ("courrier-", ".docx"), ("budget-", ".xlsx"))
    for prefix, ext in kinds:
        assert any(n.startswith(prefix) and n.endswith(ext) for n in names), names
    docx = next(
        d
        for d in user.documents
        if d["file_name"].startswith("plan-") and d["file_name"].endswith(".docx")
    )
    document = Document(io.BytesIO(docx["data"]))
    body = "\n".join(p.text for p in document.paragraphs)
    body += "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "<Réseau & Cie>" in body
    assert "Former les encadrants techniques" in body
    assert any("<Réseau & Cie>" in (m.get("text") or "") for m in user.messages)
    assert await bot.stop() == 0


async def test_a_double_click_is_applied_once(api: FakeBotAPI, bot: BotProcess) -> None:
    user = FakeUser(api, 1003)
    await act(user, "send", "/start")
    await answer_line(user, "1")  # welcome
    question = user.keyboard_message()
    assert question is not None
    first = choices(question)[0]["text"]
    sim = Simulator(api)
    sim.click(1003, question, label=first)
    sim.click(1003, question, label=first)
    await api.wait_until(
        lambda: any("plus actif" in (m.get("text") or "") for m in user.messages) or None,
        timeout=30,
        chat_id=1003,
    )
    assert api.call_count("answerCallbackQuery") >= 3
    await bot.stop()
    keys = [key for key, _ in bot.journal()]
    assert keys.count(keys[-1]) == 1, keys


async def test_the_same_update_delivered_twice_is_applied_once(
    api: FakeBotAPI, bot: BotProcess
) -> None:
    user = FakeUser(api, 1004)
    await act(user, "send", "/start")
    await answer_line(user, "1")  # welcome
    update = await user.send("1")
    await user.wait_reply(timeout=30)
    answered = len(bot.journal())
    api.push_raw_duplicate(update["update_id"])
    await act(user, "send", "/start")
    assert api.updates[update["update_id"]].deliveries >= 2
    await bot.stop()
    assert len(bot.journal()) == answered


async def test_a_429_on_send_message_is_waited_out(api: FakeBotAPI, bot: BotProcess) -> None:
    user = FakeUser(api, 1005)
    api.fail_next(
        "sendMessage",
        error_code=429,
        description="Too Many Requests: retry after 1",
        parameters={"retry_after": 1},
    )
    replies = await act(user, "send", "/start")
    assert "Étape 1/" in texts(replies)
    assert api.call_count("sendMessage", ok=False) >= 1
    assert await bot.stop() == 0


async def test_stickers_photos_and_albums_get_a_french_reply(
    api: FakeBotAPI, bot: BotProcess
) -> None:
    user = FakeUser(api, 1006)
    await user.send_sticker()
    assert "autocollant" in texts(await user.wait_reply(timeout=30))
    await user.send_photo()
    assert "photo" in texts(await user.wait_reply(timeout=30))
    Simulator(api).album(1006, 3)

    def album_replies() -> list[dict[str, Any]]:
        return [m for m in user.messages if "photo" in (m.get("text") or "")]

    # (waited for, not slept on: under load the album's note may take longer than a pause)
    await api.wait_until(lambda: len(album_replies()) >= 2 or None, timeout=30, chat_id=1006)
    await asyncio.sleep(1.5)  # nothing more comes
    assert len(album_replies()) == 2  # one for the photo, one for the whole album
    assert await bot.stop() == 0


async def test_a_photo_s_caption_is_quoted_back_so_the_typed_answer_is_not_lost(
    api: FakeBotAPI, bot: BotProcess
) -> None:
    """An applicant photographs the Kbis with "voilà notre siret 732 829 320 00074" as its
    caption: told the caption was not taken, with its words, to send them as text."""
    user = FakeUser(api, 1016)
    await user.send_photo(caption="voilà notre siret <732 829 320 00074>")
    reply = texts(await user.wait_reply(timeout=30))
    assert "Je ne traite pas les photos" in reply
    assert "La légende « voilà notre siret <732 829 320 00074> » n’a pas été prise" in reply
    # An album whose photos each carry their own caption: every caption quoted, one reply
    # about the photos.
    Simulator(api).album(1016, 3, captions=["page 1", None, "le RIB est sur la 3e"])
    await api.wait_until(
        lambda: texts(user.messages).count("Je ne traite pas les photos") >= 2 or None,
        timeout=30,
        chat_id=1016,
    )
    await asyncio.sleep(1.5)  # nothing more comes
    later = texts(user.messages)
    assert "« page 1 »" in later and "« le RIB est sur la 3e »" in later
    assert later.count("Je ne traite pas les photos") == 2  # the photo, then the album
    assert await bot.stop() == 0


async def test_an_edited_message_quotes_its_new_words_and_shows_the_question_again(
    api: FakeBotAPI, bot: BotProcess
) -> None:
    """A hurried applicant fixes a typo by editing the message already answered: the note
    said the edit was not read and nothing else, the new words unquoted and the question
    waiting out of sight. Now both come back, the question with its buttons."""
    user = FakeUser(api, 1036)
    await act(user, "send", "/start")
    await act(user, "send", "c'est parti")
    sent = user.last_update
    mark = user._state()  # (the mark the reply is awaited from, taken before the push)
    user._acted(Simulator(api).edited_message(sent, "tete de reseau departementale"), mark)
    reply = texts(await user.wait_reply(timeout=30))
    assert "Vous avez modifié un message" in reply
    assert "Le nouveau texte « tete de reseau departementale » n’a pas été pris" in reply
    assert "Quel type d’organisme représentez-vous" in reply
    assert await bot.stop() == 0


async def test_a_voice_note_an_album_or_a_file_midway_shows_the_question_again_below_the_note(
    api: FakeBotAPI, bot: BotProcess
) -> None:
    """A tester sent a voice note in the middle of the interview: « écrivez votre réponse »,
    and the question it waited for was out of sight, up the chat. Now the note says what to
    do, then the question comes again with its buttons, answerable at once; an album gets
    one note and one question, not one per photo."""
    user = FakeUser(api, 1026)
    lines = interview_steps()[1:3]  # « Commencer », the type: eligibility asked
    await act(user, "send", "/start")
    for line in lines:
        await answer_line(user, line)
    asked = user.keyboard_message()
    assert asked is not None
    question = "Votre réseau exerce-t-il son activité dans le Pas-de-Calais"
    assert question in texts([asked])
    buttons = [b["text"] for b in choices(asked)]  # (its keyboard goes once shown again)

    async def sent_after(push: Callable[[], object], count: int) -> list[dict[str, Any]]:
        """The messages the bot sends for what `push` sends (edits of earlier ones aside)."""
        last = max(m["message_id"] for m in user.messages)
        push()
        await user.api.wait_until(
            lambda: len([m for m in user.messages if m["message_id"] > last]) >= count or None,
            timeout=30,
            chat_id=user.chat_id,
        )
        await asyncio.sleep(1.5)  # nothing more comes (one note for a whole album)
        return [m for m in user.messages if m["message_id"] > last]

    sim = Simulator(api)
    voice = {"file_id": "v1", "file_unique_id": "v1u", "duration": 4, "mime_type": "audio/ogg"}
    (reply,) = await sent_after(
        lambda: sim.push({"message": sim._message(1026, {"voice": voice}, None)}), 1
    )
    said = texts([reply])  # the note, then the question with its buttons: one message
    assert said.index("Je ne peux pas écouter les messages vocaux") < said.index(question)
    assert "Répondez à la question ci-dessous avec ses boutons" in said
    assert [b["text"] for b in choices(reply)] == buttons
    (reply,) = await sent_after(lambda: sim.album(1026, 3), 1)  # one for the whole album
    said = texts([reply])
    assert "Je ne traite pas les photos" in said and question in said
    assert [b["text"] for b in choices(reply)] == buttons
    (reply,) = await sent_after(lambda: sim.user_document(1026, "statuts.pdf"), 1)
    said = texts([reply])
    assert "Je ne traite pas les fichiers envoyés" in said and question in said
    assert [b["text"] for b in choices(reply)] == buttons
    await answer_line(user, interview_steps()[3])  # answered from the question shown again
    assert await bot.stop() == 0


async def test_sigterm_stops_the_bot_with_exit_code_zero(api: FakeBotAPI, bot: BotProcess) -> None:
    user = FakeUser(api, 1007)
    await act(user, "send", "/start")
    assert await bot.stop(signal.SIGTERM) == 0
    assert api.token not in bot.output()


async def test_without_bot_token_the_command_exits_2_naming_the_variable(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    process = await start_bot(api, tmp_path, BOT_TOKEN="")
    code = await asyncio.wait_for(process.process.wait(), 30)
    assert code == 2
    assert "BOT_TOKEN" in process.output()


async def test_a_malformed_token_is_refused_without_being_printed(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    process = await start_bot(api, tmp_path, BOT_TOKEN="not-a-token-secret-xyz")
    assert await asyncio.wait_for(process.process.wait(), 30) == 2
    assert "BOT_TOKEN" in process.output()
    assert "not-a-token-secret-xyz" not in process.output()


async def test_a_setting_that_does_not_validate_is_named_in_french_with_what_is_expected(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    process = await start_bot(api, tmp_path, EVENT_LOOP="libuv", DIGEST_HOUR="25")
    assert await asyncio.wait_for(process.process.wait(), 30) == 2
    output = process.output()
    assert "Réglage EVENT_LOOP invalide (« libuv ») : auto, uvloop ou asyncio attendu." in output
    assert "Réglage DIGEST_HOUR invalide (« 25 ») : au plus 23 attendu." in output
    assert "Corrigez ces réglages" in output
    assert "Traceback" not in output
