"""Sending the service's `Reply` to a chat: rendered messages, then draft files."""

from __future__ import annotations

import asyncio

from aiogram import Bot
from aiogram.enums import ChatAction
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import BufferedInputFile, InlineKeyboardMarkup

from bot.render import render, with_answer
from dialogs.events import Message
from dialogs.service import InterviewService, Reply


async def send_messages(bot: Bot, chat_id: int, messages: list[Message]) -> int | None:
    """Send the messages; returns the chat message id of the last question among them."""
    prompt_id: int | None = None
    for message in messages:
        for part in render(message):
            sent = await bot.send_message(chat_id, part.text, reply_markup=part.markup)
            if message.key is not None and not message.key.startswith("_"):  # not "_q"
                prompt_id = sent.message_id
    return prompt_id


async def send_reply(
    bot: Bot,
    chat_id: int,
    reply: Reply,
    *,
    service: InterviewService | None = None,
    owner: str | None = None,
) -> None:
    """Send a reply; with the `service` and the `owner`, record which chat message carried
    the question it ends with (the applicant's next messages answer that question)."""
    prompt_id = await send_messages(bot, chat_id, reply.messages)
    if reply.files:
        await bot.send_chat_action(chat_id, ChatAction.UPLOAD_DOCUMENT)
        for file in reply.files:
            await bot.send_document(chat_id, BufferedInputFile(file.content, filename=file.name))
    if service is not None and owner is not None and reply.revision is not None and prompt_id:
        await asyncio.to_thread(service.delivered, owner, reply.revision, prompt_id)


async def set_keyboard(
    bot: Bot, chat_id: int, message_id: int, markup: InlineKeyboardMarkup | None
) -> None:
    """Replace (or remove, with None) a message's keyboard; an unchanged one is no error."""
    try:
        await bot.edit_message_reply_markup(
            chat_id=chat_id, message_id=message_id, reply_markup=markup
        )
    except TelegramBadRequest as error:
        if "not modified" not in error.message and "not found" not in error.message:
            raise


async def close_prompt(
    bot: Bot, chat_id: int, message_id: int, question_html: str | None, label: str | None
) -> None:
    """After a click, the answered question loses its keyboard (old buttons cannot be used by
    mistake) and, when the answer is known, shows it under the question."""
    answered = with_answer(question_html, label) if question_html and label else None
    if answered is None:
        await set_keyboard(bot, chat_id, message_id, None)
        return
    try:
        await bot.edit_message_text(
            text=answered, chat_id=chat_id, message_id=message_id, reply_markup=None
        )
    except TelegramBadRequest as error:
        if "not modified" in error.message or "not found" in error.message:
            return
        await set_keyboard(bot, chat_id, message_id, None)  # the answer is shown anyway below
