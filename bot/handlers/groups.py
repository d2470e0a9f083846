"""Groups: the interview runs in private chats only. A command in a group other than the
staff chat gets a short note; anything else there is ignored."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.types import CallbackQuery, Message

from bot.filters import StaffAccess
from bot.render import text


def groups_router(staff: StaffAccess) -> Router:
    router = Router(name="groups")
    router.message.filter(F.chat.type != "private")
    router.callback_query.filter(F.message.chat.type != "private")

    @router.message(F.text.startswith("/"))
    async def command_in_group(message: Message, bot: Bot) -> None:
        if not staff.is_staff_chat(message.chat.id):  # followed across migrations
            await bot.send_message(message.chat.id, text("group_note"))

    @router.message()
    async def ignore(message: Message) -> None:
        return None

    @router.callback_query()
    async def click_in_group(query: CallbackQuery) -> None:
        await query.answer()

    return router
