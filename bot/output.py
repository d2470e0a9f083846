"""Sending the service's `Reply` to a chat, short and clean.

A reply's notes and the question after them go as one message when that stays short on a
phone (`MAX_LINES`); a clicked question is edited into the reply when it fits in one message
(two Bot API calls per click: the callback's answer and that edit), else it loses its
buttons and the reply follows. Only the question asked last keeps buttons: the one before
loses them when a new one arrives, so a chat never has two live keyboards from the
interview.
"""

from __future__ import annotations

import asyncio
import html
import logging
import re
from dataclasses import dataclass

from aiogram import Bot
from aiogram.enums import ChatAction
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import BufferedInputFile, InlineKeyboardMarkup

from bot.processing import UpdateInHand
from bot.render import MAX_TEXT, render, text, with_answer
from bot.session import edit_keyboard, edit_text, send_text
from dialogs.events import Message
from dialogs.service import InterviewService, Reply

log = logging.getLogger(__name__)

MAX_LINES = 20
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Clicked:
    """The question a click answered: its chat message, its text, the chosen label."""

    message_id: int
    question_html: str | None
    label: str | None


def lines_of(html_text: str) -> int:
    return html.unescape(_TAG.sub("", html_text)).strip().count("\n") + 1


def combine(messages: list[Message]) -> list[Message]:
    """Consecutive messages as one where the result stays short: notes join the message
    after them; a message with buttons ends its group (its buttons go last), and so does a
    screen shown for itself under its own progress line (the welcome before a first
    contact's first question). The notes are about the answer just given: they come above
    the next question's progress line (« Étape 4/7 — … » heads the question it names, never
    the notes about step 3's last answer)."""
    out: list[Message] = []
    for message in messages:
        previous = out[-1] if out else None
        note = previous is not None and previous.key is None and not previous.progress
        if previous is not None and note and not previous.buttons:
            progress = (
                f"<i>{html.escape(message.progress, quote=False)}</i>\n\n"
                if message.progress
                else ""
            )
            joined = f"{previous.html}\n\n{progress}{message.html}"
            if lines_of(joined) <= MAX_LINES and len(joined) <= MAX_TEXT:
                out[-1] = Message(
                    joined,
                    key=message.key,
                    buttons=message.buttons,
                    multi=message.multi,
                    selected=message.selected,
                    input=message.input,
                )
                continue
        out.append(message)
    return out


async def send_messages(bot: Bot, chat_id: int, messages: list[Message]) -> int | None:
    """Send the messages; returns the chat message id of the last question among them."""
    prompt_id: int | None = None
    for message in combine(messages):
        for part in render(message):
            sent_id = await send_text(bot, chat_id, part.text, reply_markup=part.markup)
            if message.key is not None and not message.key.startswith("_"):  # not "_q"
                prompt_id = sent_id
    return prompt_id


async def send_reply(
    bot: Bot,
    chat_id: int,
    reply: Reply,
    *,
    service: InterviewService | None = None,
    owner: str | None = None,
    clicked: Clicked | None = None,
    in_hand: UpdateInHand | None = None,
) -> None:
    """Send a reply (`clicked`: the question a click answered, edited into the reply when it
    fits). With the `service` and the `owner`, record which chat message carries the
    question the reply ends with (the applicant's next messages answer it), and take the
    buttons off the question asked before. `in_hand`: the update this reply ends, when it is
    the handler's last word; it is closed with that record (the applicant has been told)."""
    prompt_id = await _edit_into(bot, chat_id, reply, clicked) if clicked else None
    sent = prompt_id is None  # the question in a new message, not the clicked one edited
    if prompt_id is None:
        if clicked is not None:
            await close_prompt(
                bot, chat_id, clicked.message_id, clicked.question_html, clicked.label
            )
        prompt_id = await send_messages(bot, chat_id, reply.messages)
    if reply.files:
        await bot.send_chat_action(chat_id, ChatAction.UPLOAD_DOCUMENT)
        for file in reply.files:
            await bot.send_document(chat_id, BufferedInputFile(file.content, filename=file.name))
    if service is not None and owner is not None and reply.revision is not None and prompt_id:
        closes = in_hand.update_id if in_hand is not None else None
        stale = await asyncio.to_thread(
            service.delivered, owner, reply.revision, prompt_id, closes=closes, sent=sent
        )
        if in_hand is not None:
            in_hand.closed = True
        if stale is not None and (clicked is None or stale != clicked.message_id):
            try:
                await set_keyboard(bot, chat_id, stale, None)
            except Exception as error:
                if in_hand is None:
                    raise
                # The update is closed (the applicant told): raising would run the handler
                # again and send the question twice. Stale buttons go through the service's
                # checks anyway.
                log.info("stale keyboard left (%s)", type(error).__name__)


async def _edit_into(bot: Bot, chat_id: int, reply: Reply, clicked: Clicked) -> int | None:
    """The clicked question edited into the reply (one message, no files), headed by the
    answer chosen; None when the reply does not fit in one message."""
    messages = combine(reply.messages)
    if reply.files or len(messages) != 1 or messages[0].key is None:
        return None
    parts = render(messages[0])
    if len(parts) != 1:
        return None
    body = parts[0].text
    if clicked.label:
        body = f"{text('chosen', label=clicked.label)}\n\n{body}"
    if len(body) > MAX_TEXT or lines_of(body) > MAX_LINES + 2:
        return None
    try:
        await edit_text(
            bot,
            chat_id=chat_id,
            message_id=clicked.message_id,
            text=body,
            reply_markup=parts[0].markup,
        )
    except TelegramBadRequest:
        return None
    return clicked.message_id


async def set_keyboard(
    bot: Bot, chat_id: int, message_id: int, markup: InlineKeyboardMarkup | None
) -> None:
    """Replace (or remove, with None) a message's keyboard; an unchanged one is no error."""
    try:
        await edit_keyboard(bot, chat_id=chat_id, message_id=message_id, reply_markup=markup)
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
        await edit_text(bot, chat_id=chat_id, message_id=message_id, text=answered)
    except TelegramBadRequest as error:
        if "not modified" in error.message or "not found" in error.message:
            return
        await set_keyboard(bot, chat_id, message_id, None)  # the answer is shown anyway below
