"""The bot's HTTP session (`bot.session.JsonBodySession`) against the fake Bot API: what it
sends (a JSON body; a multipart form for a file) and what the bot sees of Telegram's answers
(results, and the same errors as with aiogram's own session)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from aiogram import Bot
from aiogram.client.default import DefaultBotProperties
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramMigrateToChat,
    TelegramRetryAfter,
)
from aiogram.types import BufferedInputFile, InlineKeyboardButton, InlineKeyboardMarkup

from bot.middlewares import RetryAndBlockMiddleware
from bot.session import JsonBodySession, edit_keyboard, edit_text, send_text
from tests.fakebotapi import FakeBotAPI, Simulator

JSON = "application/json"


@pytest.fixture
async def api() -> AsyncIterator[FakeBotAPI]:
    async with FakeBotAPI() as server:
        yield server


@pytest.fixture
async def bot(api: FakeBotAPI) -> AsyncIterator[Bot]:
    """As `aap-bot run` builds it: our session, HTML by default, no link previews."""
    session = JsonBodySession(api=TelegramAPIServer.from_base(api.base_url))
    client = Bot(
        api.token,
        session=session,
        default=DefaultBotProperties(parse_mode=ParseMode.HTML, link_preview_is_disabled=True),
    )
    try:
        yield client
    finally:
        await session.close()


def choices(*labels: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text=t, callback_data=f"a|{t}")] for t in labels]
    )


async def test_a_question_with_its_buttons_reaches_telegram_as_one_json_body(
    api: FakeBotAPI, bot: Bot
) -> None:
    sent = await bot.send_message(
        5, "<b>Votre structure</b> est-elle « SIAE » ?", reply_markup=choices("Oui", "Non")
    )
    assert sent.text == "Votre structure est-elle « SIAE » ?"
    assert sent.entities is not None and sent.entities[0].type == "bold"
    [call] = api.calls_of("sendMessage")
    assert call.content_type == JSON
    assert call.params["parse_mode"] == "HTML", "the bot's default parse mode is sent"
    assert call.params["link_preview_options"] == {"is_disabled": True}
    buttons = call.params["reply_markup"]["inline_keyboard"]
    assert [row[0]["text"] for row in buttons] == ["Oui", "Non"]
    assert "url" not in buttons[0][0], "unset fields are left out, as in aiogram's form"


async def test_a_click_answered_and_the_prompt_edited_as_json(api: FakeBotAPI, bot: Bot) -> None:
    prompt = await bot.send_message(5, "Votre choix ?", reply_markup=choices("Oui", "Non"))
    query = Simulator(api).click(5, prompt.message_id, label="Oui")["callback_query"]
    assert await bot.answer_callback_query(query["id"])
    edited = await bot.edit_message_reply_markup(
        chat_id=5, message_id=prompt.message_id, reply_markup=None
    )
    assert not isinstance(edited, bool) and edited.reply_markup is None
    with pytest.raises(TelegramBadRequest, match="message is not modified"):
        await bot.edit_message_text("Votre choix ?", chat_id=5, message_id=prompt.message_id)
    kinds = {c.method: c.content_type for c in api.log}
    assert kinds == {
        "sendMessage": JSON,
        "answerCallbackQuery": JSON,
        "editMessageReplyMarkup": JSON,
        "editMessageText": JSON,
    }


async def test_a_document_still_goes_as_a_multipart_upload(api: FakeBotAPI, bot: Bot) -> None:
    data = b"PK\x03\x04 plan"
    sent = await bot.send_document(
        5, BufferedInputFile(data, "plan.docx"), caption="<b>Votre plan</b>"
    )
    assert sent.document is not None and sent.document.file_name == "plan.docx"
    [doc] = api.documents(5)
    assert doc["data"] == data
    assert doc["caption"] == "Votre plan"
    [call] = api.calls_of("sendDocument")
    assert call.content_type == "multipart/form-data"


async def test_telegrams_refusals_raise_what_aiogram_raises(api: FakeBotAPI, bot: Bot) -> None:
    api.fail_next(
        "sendMessage",
        error_code=429,
        description="Too Many Requests: retry after 3",
        parameters={"retry_after": 3},
    )
    with pytest.raises(TelegramRetryAfter) as waited:
        await bot.send_message(5, "Bonjour")
    assert waited.value.retry_after == 3
    api.block_user(6)
    with pytest.raises(TelegramForbiddenError, match="bot was blocked by the user"):
        await bot.send_message(6, "Bonjour")
    api.fail_next(
        "sendMessage",
        error_code=400,
        description="Bad Request: group chat was upgraded to a supergroup chat",
        parameters={"migrate_to_chat_id": -1009},
    )
    with pytest.raises(TelegramMigrateToChat) as moved:
        await bot.send_message(-9, "Bonjour")
    assert moved.value.migrate_to_chat_id == -1009


async def test_a_429_is_waited_out_and_a_blocked_user_noted_through_our_session(
    api: FakeBotAPI, bot: Bot
) -> None:
    blocked: list[int] = []
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)

    bot.session.middleware(RetryAndBlockMiddleware(on_blocked=blocked.append, sleep=sleep))
    api.fail_next(
        "sendMessage",
        error_code=429,
        description="Too Many Requests: retry after 2",
        parameters={"retry_after": 2},
    )
    sent = await bot.send_message(5, "Question suivante")
    assert sent.text == "Question suivante"
    assert waits == [2.0]
    api.block_user(7)
    with pytest.raises(TelegramForbiddenError):
        await bot.send_message(7, "Bonjour")
    assert blocked == [7]
    prompt = await bot.send_message(5, "Votre choix ?", reply_markup=choices("Oui"))
    query = Simulator(api).click(5, prompt.message_id, label="Oui")["callback_query"]
    assert await bot.answer_callback_query(query["id"])
    assert await bot.answer_callback_query(query["id"]), "too old: skipped, the handler goes on"


async def test_the_interviews_sends_and_edits_read_only_the_message_id(
    api: FakeBotAPI, bot: Bot
) -> None:
    prompt_id = await send_text(bot, 5, "<b>Votre structure</b> ?", choices("Oui", "Non"))
    [sent] = api.calls_of("sendMessage")
    assert sent.result["message_id"] == prompt_id
    assert sent.params["parse_mode"] == "HTML" and sent.content_type == JSON
    assert sent.params["reply_markup"]["inline_keyboard"][0][0]["text"] == "Oui"
    await edit_keyboard(bot, chat_id=5, message_id=prompt_id, reply_markup=None)
    with pytest.raises(TelegramBadRequest, match="message is not modified"):
        await edit_keyboard(bot, chat_id=5, message_id=prompt_id, reply_markup=None)
    await edit_text(bot, chat_id=5, message_id=prompt_id, text="Votre structure ? <i>Oui</i>")
    shown = api.get_message(5, prompt_id)
    assert shown is not None
    assert shown["text"] == "Votre structure ? Oui"
    assert "reply_markup" not in shown, "the answered question keeps no buttons"
    with pytest.raises(TelegramBadRequest, match="not found"):
        await edit_text(bot, chat_id=5, message_id=999, text="Plus là")


def _form(session: JsonBodySession, bot: Bot, method: object) -> dict[str, object]:
    """aiogram's own form for `method`, each field as Telegram reads it back (JSON fields
    parsed, numbers and booleans from their text)."""
    import json

    fields: dict[str, object] = {}
    for options, _headers, value in session.build_form_data(bot, method)._fields:  # type: ignore[arg-type]
        fields[options["name"]] = json.loads(value) if value[:1] in "[{" else value
    return fields


def _as_form_text(params: dict[str, object]) -> dict[str, object]:
    """The JSON body's parameters as a form carries them (scalars as text)."""
    text = {True: "true", False: "false"}
    return {
        key: value if isinstance(value, dict | list) else text.get(value, str(value))  # type: ignore[call-overload]
        for key, value in params.items()
        if value is not False and value != 0
    }


async def test_the_json_body_carries_what_aiograms_form_carries(bot: Bot) -> None:
    """Nothing unset sent, nothing set lost: the body leaves out what the form leaves out
    (None, empty), the bot's defaults filled in, keyboards whole, whatever the method."""
    import json

    from aiogram import methods
    from aiogram.types import BotCommand, ReactionTypeEmoji

    session = bot.session
    assert isinstance(session, JsonBodySession)
    keyboard = InlineKeyboardMarkup(
        inline_keyboard=[
            [InlineKeyboardButton(text="Oui", callback_data="a|oui")],
            [InlineKeyboardButton(text="Voir l'appel", url="https://example.org/appel")],
        ]
    )
    sent = [
        methods.SendMessage(chat_id=7, text="<b>Q</b>", reply_markup=keyboard),
        methods.SendMessage(chat_id=7, text="sans clavier", disable_notification=True),
        methods.EditMessageText(chat_id=7, message_id=3, text="Q", reply_markup=keyboard),
        methods.EditMessageReplyMarkup(chat_id=7, message_id=3, reply_markup=None),
        methods.AnswerCallbackQuery(callback_query_id="q1", text="Noté"),
        methods.SetMyCommands(commands=[BotCommand(command="aide", description="Aide")]),
        methods.SendChatAction(chat_id=7, action="typing"),
        methods.SetMessageReaction(
            chat_id=7, message_id=3, reaction=[ReactionTypeEmoji(emoji="👍")]
        ),
    ]
    for method in sent:
        body = session.json_body(bot, method)
        assert body is not None
        params = json.loads(body)
        assert None not in params.values()
        assert _as_form_text(params) == _form(session, bot, method), type(method).__name__
    first = json.loads(session.json_body(bot, sent[0]) or "{}")
    assert first["parse_mode"] == "HTML" and first["link_preview_options"]["is_disabled"]
    assert first["reply_markup"]["inline_keyboard"][1] == [
        {"text": "Voir l'appel", "url": "https://example.org/appel"}
    ]
