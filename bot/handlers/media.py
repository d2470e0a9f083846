"""What the interview cannot read (stickers, photos, albums, voice, files, edits): a short
French reply saying what was not read and what to do, then the question waiting, shown again
with its buttons (`InterviewService.not_read`), once per album; while the erasure's or
`/dupliquer`'s question waits, that question instead (`ask_waiting_prompt_again`). Never an
error. A caption is text the applicant typed: it is quoted back (not taken as an answer: it
came with something else), so that nothing typed is silently dropped, the captions of an
album's later photos too."""

from __future__ import annotations

import asyncio
from collections import OrderedDict

from aiogram import Bot, F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import Message

from bot.handlers.interview import ask_waiting_prompt_again, identity_of, owner_of
from bot.output import send_reply
from dialogs.not_read import Unread, caption_note, not_read_note
from dialogs.service import InterviewService

_ALBUMS_REMEMBERED = 1000


def media_router() -> Router:
    router = Router(name="media")
    router.message.filter(F.chat.type == "private")
    router.edited_message.filter(F.chat.type == "private")
    albums: OrderedDict[str, None] = OrderedDict()

    def first_of_album(message: Message) -> bool:
        group = message.media_group_id
        if group is None:
            return True
        if group in albums:
            return False
        albums[group] = None
        while len(albums) > _ALBUMS_REMEMBERED:
            albums.popitem(last=False)
        return True

    async def reply(
        bot: Bot, message: Message, service: InterviewService, state: FSMContext, what: Unread
    ) -> None:
        # an edited message's new text is quoted back as a caption is, never lost unsaid
        typed = message.text if what == "edited" else None
        caption = (message.caption or typed or "").strip()
        if not first_of_album(message):  # a later photo of the album: only its own caption
            note = caption_note(caption)
            if note is not None:
                await bot.send_message(message.chat.id, note.html)
            return
        if message.from_user is None:  # (a channel's post forwarded anonymously)
            await bot.send_message(message.chat.id, not_read_note(what, caption=caption).html)
            return
        said = not_read_note(what, caption=caption).html  # « … par un message texte ou un bouton »
        user_id = message.from_user.id
        if await ask_waiting_prompt_again(bot, message.chat.id, user_id, said, service, state):
            return  # the erasure's or /dupliquer's question, not the interview's
        owner = owner_of(user_id)
        answer = await asyncio.to_thread(
            service.not_read,
            owner,
            what,
            caption=caption,
            chat_id=message.chat.id,
            identity=identity_of(message.from_user),
        )
        await send_reply(bot, message.chat.id, answer, service=service, owner=owner)

    @router.message(F.sticker)
    async def sticker(
        message: Message, bot: Bot, service: InterviewService, state: FSMContext
    ) -> None:
        await reply(bot, message, service, state, "sticker")

    @router.message(F.photo | F.video | F.animation)
    async def photo(
        message: Message, bot: Bot, service: InterviewService, state: FSMContext
    ) -> None:
        await reply(bot, message, service, state, "photo")

    @router.message(F.voice | F.audio | F.video_note)
    async def voice(
        message: Message, bot: Bot, service: InterviewService, state: FSMContext
    ) -> None:
        await reply(bot, message, service, state, "voice")

    @router.message(F.document)
    async def document(
        message: Message, bot: Bot, service: InterviewService, state: FSMContext
    ) -> None:
        await reply(bot, message, service, state, "document")

    @router.message()
    async def other(
        message: Message, bot: Bot, service: InterviewService, state: FSMContext
    ) -> None:
        await reply(bot, message, service, state, "other")

    @router.edited_message()
    async def edited(
        message: Message, bot: Bot, service: InterviewService, state: FSMContext
    ) -> None:
        # said with the question waiting shown again below (it was a bare note, the
        # applicant left to scroll up for the question), the new text quoted back
        await reply(bot, message, service, state, "edited")

    return router
