"""What the interview cannot read (stickers, photos, albums, voice, files, edits): a short
French reply saying what is expected, once per album. Never an error. A caption is text the
applicant typed: it is quoted back (not taken as an answer: it came with something else), so
that nothing typed is silently dropped, the captions of an album's later photos too."""

from __future__ import annotations

from collections import OrderedDict

from aiogram import Bot, F, Router
from aiogram.types import Message

from bot.render import text

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

    async def reply(bot: Bot, message: Message, macro: str) -> None:
        caption = (message.caption or "").strip()
        note = text("caption_not_read", caption=caption) if caption else ""
        if first_of_album(message):
            await bot.send_message(message.chat.id, " ".join(filter(None, (text(macro), note))))
        elif note:  # a later photo of the album captioned on its own: its words quoted too
            await bot.send_message(message.chat.id, note)

    @router.message(F.sticker)
    async def sticker(message: Message, bot: Bot) -> None:
        await reply(bot, message, "sticker")

    @router.message(F.photo | F.video | F.animation)
    async def photo(message: Message, bot: Bot) -> None:
        await reply(bot, message, "photo")

    @router.message(F.voice | F.audio | F.video_note)
    async def voice(message: Message, bot: Bot) -> None:
        await reply(bot, message, "voice")

    @router.message(F.document)
    async def document(message: Message, bot: Bot) -> None:
        await reply(bot, message, "document")

    @router.message()
    async def other(message: Message, bot: Bot) -> None:
        await reply(bot, message, "other_media")

    @router.edited_message()
    async def edited(message: Message, bot: Bot) -> None:
        await bot.send_message(message.chat.id, text("edited"))

    return router
