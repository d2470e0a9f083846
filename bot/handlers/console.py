"""`/console`: a one-time sign-in link to the staff's web console, for staff only.

Staff are members of the staff group (who may send it there) and `STAFF_USER_IDS` in their
private chat (`bot.filters`). The link always goes to the staff member's private chat, never
to the group, where every member would see it: in the group the bot says it was sent
privately, or, when Telegram refuses (the member never opened a private chat with the bot),
how to make it possible. Anyone else gets a refusal and no link; in a private chat the
refusal says where /console works (the bot cannot tell a staff-group member from a stranger
there without asking Telegram), so a group member not listed knows what to do.

Dependencies come as the dispatcher's keywords: `console` (the link issuer, None when the
console is off) and `console_url`.
"""

from __future__ import annotations

import asyncio
import logging

from aiogram import Bot, Router
from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError
from aiogram.filters import Command
from aiogram.types import Message

from bot.filters import StaffAccess, is_staff_event
from dialogs.console import ConsoleService, StaffMember
from dialogs.texts import render_macro

log = logging.getLogger(__name__)

CONSOLE = "messages/console.html.j2"


def console_text(macro: str, **context: object) -> str:
    return render_macro(CONSOLE, macro, **context)


def sign_in_url(console_url: str, token: str) -> str:
    return f"{console_url.rstrip('/')}/connexion?jeton={token}"


def console_router() -> Router:
    router = Router(name="console")

    @router.message(Command("console"))
    async def console_link(
        message: Message,
        bot: Bot,
        staff_access: StaffAccess,
        console: ConsoleService | None,
        console_url: str | None,
    ) -> None:
        user = message.from_user
        if user is None or user.is_bot or not is_staff_event(staff_access, message):
            if user is not None and not user.is_bot and message.chat.type == "private":
                # Perhaps a staff-group member not in STAFF_USER_IDS: say where it works.
                has_group = staff_access.chat_id is not None
                refusal = console_text("refused_private", has_group=has_group, user_id=user.id)
            else:
                refusal = console_text("refused")
            await bot.send_message(message.chat.id, refusal)
            return
        thread = message.message_thread_id if message.is_topic_message else None
        if console is None or console_url is None:
            await bot.send_message(
                message.chat.id, console_text("not_enabled"), message_thread_id=thread
            )
            return
        staff = StaffMember(user.id, user.full_name)
        token = await asyncio.to_thread(console.issue_link, staff)
        minutes = int(console.link_ttl.total_seconds() // 60)
        link = console_text("link", url=sign_in_url(console_url, token), minutes=minutes)
        if message.chat.type == "private":
            await bot.send_message(message.chat.id, link)
            return
        try:
            await bot.send_message(user.id, link)  # a user's private chat has their id
        except (TelegramForbiddenError, TelegramBadRequest) as error:
            log.info("console link not sent privately (%s)", type(error).__name__)
            note = console_text("start_privately")
        else:
            note = console_text("sent_privately")
        await bot.send_message(message.chat.id, note, message_thread_id=thread)

    return router
