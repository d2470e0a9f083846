"""Tests of the fake Bot API server itself (tests/fakebotapi), driven by a real aiogram Bot."""

from __future__ import annotations

import asyncio
import io
import os
import signal
import sqlite3
import sys
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import aiohttp
import pytest
from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramConflictError,
    TelegramForbiddenError,
    TelegramMigrateToChat,
    TelegramNotFound,
    TelegramRetryAfter,
    TelegramUnauthorizedError,
)
from aiogram.types import (
    BotCommand,
    BufferedInputFile,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    ReactionTypeEmoji,
)

from tests.bot_support import bot_client
from tests.fakebotapi import (
    DEFAULT_TOKEN,
    FakeBotAPI,
    FakeBotAPIThread,
    FakeUser,
    HTMLParseError,
    Simulator,
    parse_html,
)

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
async def api() -> AsyncIterator[FakeBotAPI]:
    async with FakeBotAPI() as server:
        yield server


@pytest.fixture
async def bot(api: FakeBotAPI) -> AsyncIterator[Bot]:
    async with bot_client(api, html=False) as client:
        yield client


def keyboard(*buttons: tuple[str, str]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text=t, callback_data=d)] for t, d in buttons]
    )


# ---------------------------------------------------------------- HTML checker


@pytest.mark.parametrize(
    "text",
    [
        "<Réseau & Cie>",
        "Réseau & Cie",
        "<b>x</i>",
        "<b>x",
        "x</b>",
        "a<br>b",
        "&nbsp;",
        "a > b",
        '<span class="other">x</span>',
        "<a href='x'>unclosed",
        "<b",
        "<tg-emoji>x</tg-emoji>",
        "<blockquote><blockquote>x</blockquote></blockquote>",
    ],
)
def test_html_rejects_what_telegram_rejects(text: str) -> None:
    with pytest.raises(HTMLParseError):
        parse_html(text)


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("&lt;Réseau &amp; Cie&gt;", "<Réseau & Cie>"),
        ("<b>gras</b> et <i>italique</i>", "gras et italique"),
        ("<B>x</B>", "x"),
        ("<strong><em>x</em></strong>", "x"),
        ('<a href="https://ex.org/?a=1&amp;b=2">lien</a>', "lien"),
        ('<span class="tg-spoiler">s</span><tg-spoiler>t</tg-spoiler>', "st"),
        ('<pre><code class="language-python">x = 1</code></pre>', "x = 1"),
        ("<blockquote expandable>long</blockquote>", "long"),
        ('<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>', "👍"),
        ("&#233;&#xE9;&quot;", 'éé"'),
        ("<u>u</u><ins>i</ins><s>s</s><strike>k</strike><del>d</del><code>c</code>", "uiskdc"),
    ],
)
def test_html_accepts_valid_markup(text: str, plain: str) -> None:
    assert parse_html(text)[0] == plain


def test_html_entities_use_utf16_offsets() -> None:
    plain, entities = parse_html("👍 <b>oui</b>")
    assert plain == "👍 oui"
    assert entities == [{"type": "bold", "offset": 3, "length": 3}]


def test_html_messages_name_the_problem() -> None:
    with pytest.raises(HTMLParseError, match=r'Unsupported start tag "br" at byte offset 1'):
        parse_html("a<br>")
    with pytest.raises(HTMLParseError, match=r'expected "</b>", found "</i>"'):
        parse_html("<b>x</i>")
    with pytest.raises(HTMLParseError, match=r'start tag "b"'):
        parse_html("<b>x")


def test_lax_mode_keeps_bare_ampersand_like_tdlib() -> None:
    assert parse_html("A & B > C", strict=False)[0] == "A & B > C"


# ---------------------------------------------------------------- envelope, limits


async def test_wrong_token_and_unknown_method(api: FakeBotAPI) -> None:
    async with aiohttp.ClientSession() as http:
        async with http.post(f"{api.base_url}/bot1:wrong/getMe") as resp:
            assert resp.status == 401
            assert await resp.json() == {
                "ok": False,
                "error_code": 401,
                "description": "Unauthorized",
            }
        async with http.get(f"{api.base_url}/bot{api.token}/sendSticker") as resp:
            assert resp.status == 404
            assert (await resp.json())["description"] == "Not Found: method not found"
        async with http.post(
            f"{api.base_url}/bot{api.token}/sendMessage", json={"chat_id": 7, "text": "hé"}
        ) as resp:
            body = await resp.json()
            assert body["ok"] is True
            assert body["result"]["text"] == "hé"


async def test_wrong_token_is_unauthorized_for_aiogram(api: FakeBotAPI) -> None:
    session = AiohttpSession(api=TelegramAPIServer.from_base(api.base_url))
    other = Bot("42:another-token", session=session)
    try:
        with pytest.raises(TelegramUnauthorizedError):
            await other.get_me()
        with pytest.raises(TelegramNotFound):
            await Bot(DEFAULT_TOKEN, session=session).get_sticker_set("x")
    finally:
        await session.close()


async def test_send_message_records_raw_and_plain(api: FakeBotAPI, bot: Bot) -> None:
    first = await bot.send_message(5, "<b>Bonjour</b> &amp; bienvenue", parse_mode="HTML")
    second = await bot.send_message(5, "Suite")
    assert first.text == "Bonjour & bienvenue"
    assert first.entities is not None
    assert first.entities[0].type == "bold"
    assert second.message_id == first.message_id + 1
    stored = api.sent_messages(5)
    assert [m["raw_text"] for m in stored] == ["<b>Bonjour</b> &amp; bienvenue", "Suite"]
    assert stored[0]["plain"] == "Bonjour & bienvenue"
    assert api.call_count("sendMessage") == 2
    method, params, timestamp = api.calls[0]
    assert method == "sendMessage"
    assert params["chat_id"] == 5
    assert timestamp > 0


async def test_unescaped_html_is_a_400(bot: Bot) -> None:
    with pytest.raises(TelegramBadRequest, match="can't parse entities"):
        await bot.send_message(5, "Société <Réseau & Cie>", parse_mode="HTML")


async def test_text_limit_counts_after_entity_parsing(bot: Bot) -> None:
    await bot.send_message(5, "<b>" + "é" * 4096 + "</b>", parse_mode="HTML")
    with pytest.raises(TelegramBadRequest, match="message is too long"):
        await bot.send_message(5, "x" * 4097)
    with pytest.raises(TelegramBadRequest, match="message text is empty"):
        await bot.send_message(5, "<b> </b>", parse_mode="HTML")


async def test_callback_data_limit_is_in_bytes(bot: Bot) -> None:
    await bot.send_message(5, "ok", reply_markup=keyboard(("a", "x" * 64)))
    with pytest.raises(TelegramBadRequest, match="BUTTON_DATA_INVALID"):
        await bot.send_message(5, "ko", reply_markup=keyboard(("a", "é" * 33)))


async def test_edit_identical_is_not_modified(bot: Bot) -> None:
    msg = await bot.send_message(5, "Question ?", reply_markup=keyboard(("Oui", "y")))
    with pytest.raises(TelegramBadRequest, match="message is not modified"):
        await bot.edit_message_text(
            "Question ?", chat_id=5, message_id=msg.message_id, reply_markup=keyboard(("Oui", "y"))
        )
    edited = await bot.edit_message_text("Question ?", chat_id=5, message_id=msg.message_id)
    assert not isinstance(edited, bool)
    assert edited.reply_markup is None
    with pytest.raises(TelegramBadRequest, match="message is not modified"):
        await bot.edit_message_reply_markup(chat_id=5, message_id=msg.message_id)
    with pytest.raises(TelegramBadRequest, match="message to edit not found"):
        await bot.edit_message_text("x", chat_id=5, message_id=999)


async def test_delete_and_chat_action(api: FakeBotAPI, bot: Bot) -> None:
    msg = await bot.send_message(5, "bye")
    assert await bot.delete_message(5, msg.message_id)
    with pytest.raises(TelegramBadRequest, match="message to delete not found"):
        await bot.delete_message(5, msg.message_id)
    assert await bot.send_chat_action(5, "typing")
    assert api.sent_messages(5, include_deleted=False) == []


async def test_commands_are_validated(bot: Bot) -> None:
    await bot.set_my_commands([BotCommand(command="start", description="Commencer")])
    assert [c.command for c in await bot.get_my_commands()] == ["start"]
    with pytest.raises(TelegramBadRequest, match="BOT_COMMAND_INVALID"):
        await bot.set_my_commands([BotCommand(command="Start", description="x")])
    with pytest.raises(TelegramBadRequest, match="DESCRIPTION_INVALID"):
        await bot.set_my_commands([BotCommand(command="aide", description="x" * 257)])


# ---------------------------------------------------------------- faults


async def test_429_is_retry_after(api: FakeBotAPI, bot: Bot) -> None:
    api.fail_next(
        "sendMessage",
        error_code=429,
        description="Too Many Requests: retry after 1",
        parameters={"retry_after": 1},
    )
    with pytest.raises(TelegramRetryAfter) as caught:
        await bot.send_message(5, "x")
    assert caught.value.retry_after == 1
    await bot.send_message(5, "x")  # only once
    assert api.call_count("sendMessage", ok=False) == 1


async def test_blocked_user_is_forbidden(api: FakeBotAPI, bot: Bot) -> None:
    api.block_user(5)
    with pytest.raises(TelegramForbiddenError, match="bot was blocked by the user"):
        await bot.send_message(5, "x")
    await bot.send_message(6, "others still fine")


async def test_migrated_group(api: FakeBotAPI, bot: Bot) -> None:
    api.migrate_chat(-4000, -1001234567890123)
    with pytest.raises(TelegramMigrateToChat) as caught:
        await bot.send_message(-4000, "x")
    assert caught.value.migrate_to_chat_id == -1001234567890123
    await bot.send_message(-1001234567890123, "x")


async def test_forum_topics(api: FakeBotAPI, bot: Bot) -> None:
    api.make_forum(-100777)
    topic = await bot.create_forum_topic(-100777, "Dossier Marie")
    sent = await bot.send_message(-100777, "nouveau", message_thread_id=topic.message_thread_id)
    assert sent.message_thread_id == topic.message_thread_id
    with pytest.raises(TelegramBadRequest, match="TOPIC_NAME_INVALID"):
        await bot.create_forum_topic(-100777, "x" * 129)
    api.delete_topic(-100777, topic.message_thread_id)
    with pytest.raises(TelegramBadRequest, match="message thread not found"):
        await bot.send_message(-100777, "x", message_thread_id=topic.message_thread_id)
    with pytest.raises(TelegramBadRequest, match="not a forum"):
        await bot.create_forum_topic(-100888, "x")


async def test_reactions_take_telegrams_emoji_only(api: FakeBotAPI, bot: Bot) -> None:
    staff_message = Simulator(api).user_text(7, "Réponse", -100555, chat_type="supergroup")
    message_id = staff_message["message"]["message_id"]
    await bot.set_message_reaction(-100555, message_id, [ReactionTypeEmoji(emoji="👌")])
    assert api.reaction(-100555, message_id) == ["👌"]
    with pytest.raises(TelegramBadRequest, match="REACTION_INVALID"):  # not a reaction emoji
        await bot.set_message_reaction(-100555, message_id, [ReactionTypeEmoji(emoji="✅")])
    with pytest.raises(TelegramBadRequest, match="message to react not found"):
        await bot.set_message_reaction(-100555, 999, [ReactionTypeEmoji(emoji="👌")])
    await bot.set_message_reaction(-100555, message_id, [])
    assert api.reaction(-100555, message_id) == []


async def test_callback_answer_rules(api: FakeBotAPI, bot: Bot) -> None:
    msg = await bot.send_message(5, "?", reply_markup=keyboard(("Oui", "yes"), ("Non", "no")))
    update = Simulator(api).click(5, msg.message_id, label="Non")
    query_id = update["callback_query"]["id"]
    assert update["callback_query"]["data"] == "no"
    with pytest.raises(TelegramBadRequest, match="MESSAGE_TOO_LONG"):
        await bot.answer_callback_query(query_id, text="x" * 201)
    assert await bot.answer_callback_query(query_id, text="Noté")
    with pytest.raises(TelegramBadRequest, match="query is too old"):
        await bot.answer_callback_query(query_id)
    with pytest.raises(LookupError, match="'Oui'→'yes'"):
        Simulator(api).click(5, msg.message_id, label="Peut-être")


# ---------------------------------------------------------------- updates


async def test_long_polling_and_offset(api: FakeBotAPI, bot: Bot) -> None:
    sim = Simulator(api)

    async def push_later() -> int:
        await asyncio.sleep(0.2)
        return int(sim.user_text(5, "Bonjour")["update_id"])

    started = time.monotonic()
    pusher = asyncio.create_task(push_later())
    updates = await bot.get_updates(timeout=5)
    update_id = await pusher
    assert time.monotonic() - started < 2
    assert [u.update_id for u in updates] == [update_id]
    assert updates[0].message is not None
    assert updates[0].message.text == "Bonjour"
    assert api.confirmed_update_ids == set()
    assert [u.update_id for u in await bot.get_updates(timeout=0)] == [update_id]  # no offset
    assert await bot.get_updates(offset=update_id + 1, timeout=0) == []
    assert api.confirmed_update_ids == {update_id}
    api.push_raw_duplicate(update_id)
    again = await bot.get_updates(offset=update_id + 1, timeout=0)
    assert [u.update_id for u in again] == [update_id]


async def test_second_poller_conflicts(api: FakeBotAPI, bot: Bot) -> None:
    first = asyncio.create_task(bot.get_updates(timeout=5))
    await asyncio.sleep(0.2)
    second = asyncio.create_task(bot.get_updates(timeout=1))
    with pytest.raises(TelegramConflictError, match="terminated by other getUpdates"):
        await first
    assert await second == []


async def test_latency_and_replies_are_attributed(api: FakeBotAPI, bot: Bot) -> None:
    update_id = int(Simulator(api).user_text(5, "Bonjour")["update_id"])
    await bot.get_updates(timeout=1)
    await bot.send_message(5, "Réponse")
    record = api.updates[update_id]
    assert record.latency is not None
    assert record.latency >= 0
    assert [api.log[i].method for i in record.replies] == ["sendMessage"]
    await bot.get_updates(offset=update_id + 1, timeout=0)
    assert [u.update_id for u in api.acknowledged_updates()] == [update_id]
    assert len(api.latencies()) == 1


async def test_documents_round_trip(api: FakeBotAPI, bot: Bot) -> None:
    data = b"PK\x03\x04 fake docx"
    msg = await bot.send_document(
        5,
        BufferedInputFile(data, "dossier.docx"),
        caption="<b>Votre dossier</b>",
        parse_mode="HTML",
    )
    assert msg.document is not None
    assert msg.document.file_name == "dossier.docx"
    [doc] = api.documents(5)
    assert doc["data"] == data
    assert doc["caption"] == "Votre dossier"
    assert doc["mime_type"].endswith("wordprocessingml.document")
    file = await bot.get_file(msg.document.file_id)
    assert file.file_path is not None
    buffer = io.BytesIO()
    await bot.download_file(file.file_path, buffer)
    assert buffer.getvalue() == data
    with pytest.raises(TelegramBadRequest, match="caption is too long"):
        await bot.send_document(5, BufferedInputFile(b"x", "a.pdf"), caption="x" * 1025)


async def test_copy_and_forward_user_messages(api: FakeBotAPI, bot: Bot) -> None:
    sim = Simulator(api)
    upd = sim.user_document(5, "cv.pdf", b"%PDF")
    mid = upd["message"]["message_id"]
    copied = await bot.copy_message(-100999, 5, mid, caption="CV de Marie")
    forwarded = await bot.forward_message(-100999, 5, mid)
    assert forwarded.forward_origin is not None
    staff = api.sent_messages(-100999)
    assert staff[0]["message_id"] == copied.message_id
    assert staff[0]["caption"] == "CV de Marie"
    reply = sim.staff_reply(42, -100999, copied.message_id, "Reçu")
    assert reply["message"]["reply_to_message"]["message_id"] == copied.message_id
    with pytest.raises(TelegramBadRequest, match="message to copy not found"):
        await bot.copy_message(-100999, 5, 9999)


async def test_builders_shapes(api: FakeBotAPI) -> None:
    sim = Simulator(api)
    photos = sim.album(5, 3, caption="Mes justificatifs")
    groups = {u["message"]["media_group_id"] for u in photos}
    assert len(groups) == 1
    assert len(photos) == 3
    cmd = sim.user_command(5, "start", "ref42")
    assert cmd["message"]["text"] == "/start ref42"
    text = sim.user_text(5, "Bonjour")
    edited = sim.edited_message(text, "Bonsoir")
    assert edited["edited_message"]["text"] == "Bonsoir"
    assert "sticker" in sim.user_sticker(5)["message"]


# ---------------------------------------------------------------- webhook


async def test_webhook_delivery_with_secret_and_retries(api: FakeBotAPI, bot: Bot) -> None:
    received: list[tuple[str | None, int]] = []
    fail_first = [True]

    async def hook(request: aiohttp.web.Request) -> aiohttp.web.Response:
        body = await request.json()
        received.append((request.headers.get("X-Telegram-Bot-Api-Secret-Token"), body["update_id"]))
        if fail_first[0]:
            fail_first[0] = False
            return aiohttp.web.Response(status=500)
        return aiohttp.web.json_response(
            {"method": "sendMessage", "chat_id": 5, "text": "reçu par webhook"}
        )

    app = aiohttp.web.Application()
    app.router.add_post("/hook", hook)
    runner = aiohttp.web.AppRunner(app)
    await runner.setup()
    site = aiohttp.web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    api.webhook_retry_delay = 0.05
    try:
        await bot.set_webhook(f"http://127.0.0.1:{port}/hook", secret_token="s3cret_-")
        with pytest.raises(TelegramConflictError):
            await bot.get_updates()
        update_id = int(Simulator(api).user_text(5, "Bonjour")["update_id"])
        await api.wait_for_messages(5, 1, timeout=5)
        assert received == [("s3cret_-", update_id), ("s3cret_-", update_id)]
        assert api.confirmed_update_ids == {update_id}
        info = await bot.get_webhook_info()
        assert info.last_error_message is not None
        assert "500" in info.last_error_message
    finally:
        await runner.cleanup()


# ---------------------------------------------------------------- FakeUser & thread mode


async def test_fake_user_against_a_polling_dispatcher(api: FakeBotAPI, bot: Bot) -> None:
    from aiogram import Dispatcher, F
    from aiogram.types import CallbackQuery, Message

    dp = Dispatcher()

    @dp.message(F.text == "Bonjour")
    async def hello(message: Message) -> None:
        await message.answer("Voulez-vous continuer ?", reply_markup=keyboard(("Oui", "go")))

    @dp.callback_query(F.data == "go")
    async def go(query: CallbackQuery) -> None:
        await query.answer()
        assert query.message is not None
        await bot.edit_message_text("C'est parti.", chat_id=5, message_id=query.message.message_id)

    polling = asyncio.create_task(
        dp.start_polling(bot, polling_timeout=1, handle_signals=False, close_bot_session=False)
    )
    try:
        user = FakeUser(api, 5)
        await user.send("Bonjour")
        [question] = await user.wait_reply(timeout=5)
        assert question["text"] == "Voulez-vous continuer ?"
        await user.click("Oui")
        assert await user.wait_callback_answer() is not None
        [edited] = await user.wait_reply(timeout=5)
        assert edited["text"] == "C'est parti."
        assert user.last_message == edited
        await user.send("rien")
        with pytest.raises(AssertionError, match="Bot API calls for chat 5"):
            await user.wait_reply(timeout=0.3)
    finally:
        await dp.stop_polling()
        await polling


def test_thread_mode_from_sync_code() -> None:
    with FakeBotAPIThread() as api:
        sim = Simulator(api)
        update_id = int(sim.user_text(5, "Bonjour")["update_id"])

        async def poll_and_reply() -> None:
            session = AiohttpSession(api=TelegramAPIServer.from_base(api.base_url))
            client = Bot(DEFAULT_TOKEN, session=session)
            try:
                updates = await client.get_updates(timeout=1)
                assert [u.update_id for u in updates] == [update_id]
                await client.send_message(5, "Salut")
            finally:
                await session.close()

        asyncio.run(poll_and_reply())
        found = api.wait_until_sync(lambda: api.sent_messages(5), timeout=2, chat_id=5)
        assert found[0]["text"] == "Salut"


# ---------------------------------------------------------------- bot as a subprocess


@asynccontextmanager
async def echo_bot(api: FakeBotAPI, *extra: str) -> AsyncIterator[list[bytes]]:
    """The echo bot as a process against `api` (`extra`: more arguments); yields a list that
    holds its stdout and stderr once it has stopped (SIGTERM, killed after 15 s)."""
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "tests.fakebotapi.echo_bot",
        "--api",
        api.base_url,
        "--token",
        api.token,
        "--polling-timeout",
        "1",
        *extra,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    output: list[bytes] = []
    try:
        yield output
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(proc.wait(), 15)
        except TimeoutError:
            proc.kill()
            await proc.wait()
        output.extend(await proc.communicate())


@pytest.mark.slow
async def test_echo_bot_subprocess_answers_over_http(api: FakeBotAPI) -> None:
    async with echo_bot(api) as output:
        users = [FakeUser(api, 1000 + i) for i in range(5)]
        for user in users:
            await user.send(f"Bonjour <{user.user_id}> & co")
        for user in users:
            [reply] = await user.wait_reply(timeout=20, settle=0)
            assert reply["text"] == f"Bonjour <{user.user_id}> & co"
        assert len(api.latencies()) == 5
    stdout, stderr = output
    assert b"ready" in stdout, stderr.decode(errors="replace")


@pytest.mark.slow
async def test_the_fair_echo_does_our_bots_requests_per_answer(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    """Two requests per text (the reply, the answered question's keyboard taken off) and per
    click (answered, edited), one SQLite row per answer: the bench's like-for-like peer."""
    database = tmp_path / "fair.db"
    async with echo_bot(api, "--fair", str(database)):
        user = FakeUser(api, 4242)
        for text in ("Bonjour", "Deuxième réponse"):
            await user.send(text)
            await user.wait_reply(timeout=20, settle=0)
        await api.wait_until(  # the first reply's keyboard taken off before the click
            lambda: any(c.method == "editMessageReplyMarkup" for c in api.log) or None,
            timeout=20,
            chat_id=4242,
        )
        await user.click("Oui")
        await api.wait_until(
            lambda: any(c.method == "editMessageText" for c in api.log) or None,
            timeout=20,
            chat_id=4242,
        )
    methods = [c.method for c in api.log if c.method not in ("getUpdates", "getMe")]
    assert methods == [
        "sendMessage",
        "sendMessage",
        "editMessageReplyMarkup",
        "answerCallbackQuery",
        "editMessageText",
    ]
    with sqlite3.connect(database) as connection:
        assert connection.execute("SELECT count(*) FROM answer").fetchone() == (3,)
