"""The staff chat's messages that show applicants, for their erasure: sent and noted
(`send_html`, `send_files`, `note_shown`), and blanked out once an applicant they show erased
their data (`blank`).

Each message is noted as soon as it is sent, so that a reply cut short by an error still has
its sent part noted. An applicant erased between a staff command's read and its reply is
found when the reply is noted: its messages are blanked at once.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Iterable, Sequence

from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import BufferedInputFile, InlineKeyboardMarkup, Message

from bot.render import split_html
from dialogs.ports import StaffPostKind
from dialogs.service import DraftFile
from dialogs.staff_views import StaffPostLog
from dialogs.texts import render_macro

log = logging.getLogger(__name__)

SUPPORT = "messages/support.html.j2"


async def send_html(
    bot: Bot,
    message: Message,
    body: str,
    *,
    markup: InlineKeyboardMarkup | None = None,
    sent: list[int] | None = None,
) -> list[int]:
    """`body` in as many messages as Telegram's 4096 characters need, in the same topic
    (`markup` under the last one); the ids of the messages sent, also added to `sent` one
    by one (a caller that notes them keeps those sent before an error)."""
    thread = message.message_thread_id if message.is_topic_message else None
    parts = split_html(body)
    ids = sent if sent is not None else []
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        shown = await bot.send_message(
            message.chat.id, part, message_thread_id=thread, reply_markup=markup if last else None
        )
        ids.append(shown.message_id)
    return ids


async def send_files(
    bot: Bot,
    message: Message,
    files: Sequence[DraftFile],
    caption: str | None = None,
    *,
    sent: list[int] | None = None,
) -> list[int]:
    """The files as documents (`caption` under the first); the ids of the messages sent,
    also added to `sent` one by one."""
    thread = message.message_thread_id if message.is_topic_message else None
    ids = sent if sent is not None else []
    for index, file in enumerate(files):
        shown = await bot.send_document(
            message.chat.id,
            BufferedInputFile(file.content, filename=file.name),
            caption=caption if index == 0 else None,
            message_thread_id=thread,
        )
        ids.append(shown.message_id)
    return ids


async def note_shown(
    posts: StaffPostLog | None,
    bot: Bot,
    chat_id: int,
    message_ids: Sequence[int],
    owners: Iterable[str],
    kind: StaffPostKind,
    *,
    replacing: bool = False,
) -> None:
    """Remember which applicants these staff-chat messages show, so that an applicant's
    erasure blanks them out; one erased meanwhile gets them blanked now. Not remembered
    (the database down), the command's reply still stands (logged)."""
    if posts is None or not message_ids:
        return
    try:
        erased = await asyncio.to_thread(
            posts.record_staff_posts, chat_id, message_ids, list(owners), kind, replacing
        )
    except Exception as error:
        log.warning("staff post not recorded for erasure (%s)", type(error).__name__)
        return
    if erased:
        for message_id in message_ids:
            await blank(bot, chat_id, message_id, kind)


async def blank(bot: Bot, chat_id: int, message_id: int, kind: StaffPostKind) -> None:
    """A post's text replaced by a note; a document deleted. Telegram lets a bot delete its
    group messages for 48 hours only: an older document keeps its file, and its caption
    asks the team to delete it."""
    if kind != "document":
        note = "staff_listing_erased" if kind == "listing" else "staff_post_erased"
        await quietly(
            bot.edit_message_text(
                text=render_macro(SUPPORT, note), chat_id=chat_id, message_id=message_id
            )
        )
        return
    try:
        await bot.delete_message(chat_id, message_id)
    except TelegramBadRequest as error:
        log.info("erasure clean-up: document not deleted (%s)", error.message)
        await quietly(
            bot.edit_message_caption(
                chat_id=chat_id,
                message_id=message_id,
                caption=render_macro(SUPPORT, "staff_document_erased"),
            )
        )


async def quietly(call: Awaitable[object]) -> None:
    """A Telegram edit whose refusal means there is nothing (more) to do: the message or the
    topic is gone, or already as wanted."""
    try:
        await call
    except TelegramBadRequest as error:
        log.info("erasure clean-up: %s", error.message)
