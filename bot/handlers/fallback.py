"""The last router: a button whose data no handler knows (a keyboard from an older version
of the bot, or forged) still gets an answer, and the applicant the current question."""

from __future__ import annotations

import asyncio

from aiogram import Bot, Router
from aiogram.types import CallbackQuery

from bot.handlers.interview import identity_of, owner_of
from bot.output import send_reply
from bot.render import text
from dialogs.service import InterviewService


def fallback_router() -> Router:
    router = Router(name="fallback")

    @router.callback_query()
    async def unknown_button(query: CallbackQuery, service: InterviewService, bot: Bot) -> None:
        await query.answer(text("button_inactive"))  # at once: the button stops spinning
        message = query.message
        if message is None or message.chat.type != "private":
            return
        owner = owner_of(query.from_user.id)
        reply = await asyncio.to_thread(
            service.show, owner, chat_id=message.chat.id, identity=identity_of(query.from_user)
        )
        await send_reply(bot, message.chat.id, reply, service=service, owner=owner)

    return router
