"""/annonce TEXTE in Telegram: a preview, an audience, then the sending after "Envoyer".

The decisions are `dialogs.announcing.Announcer`'s (the draft, its audiences, who may start
it); this router shows the preview (the exact message, then the control message with one
button per audience, "Envoyer" and "Annuler"), turns clicks into calls, and runs the sending
through `bot.broadcast` (each recipient claimed as its message leaves, at most 25 a second).
The click that confirmed an announcement runs it; processed again after a crash, the same
click resumes it, and nobody gets it twice. Anyone who is not staff gets a refusal.
"""

from __future__ import annotations

import asyncio
import logging

from aiogram import Bot, Router
from aiogram.filters import Command, CommandObject
from aiogram.filters.callback_data import CallbackData
from aiogram.types import (
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    Update,
)

from bot.broadcast import (
    AnnouncementLedger,
    BroadcastReport,
    broadcast,
    direct_sender,
    rate_limiter,
)
from bot.filters import StaffAccess, StaffFilter, is_staff_event
from bot.handlers.staff_tools import (
    answer_click,
    edit_clicked,
    staff_text,
    visible_length,
)
from bot.render import MAX_TEXT
from bot.staff_posts import send_html
from dialogs.announcing import Announcer, Preview, Start, announcement_message
from dialogs.staff import StaffService

log = logging.getLogger(__name__)

SEND, CANCEL = "send", "cancel"


class AnnounceAction(CallbackData, prefix="ann"):
    """A button of an announcement's preview: an audience's key, "send" or "cancel"."""

    id: int
    do: str


def preview_markup(preview: Preview) -> InlineKeyboardMarkup:
    """One button per audience (the chosen one ticked), then "Envoyer" and "Annuler"."""
    rows = [
        [
            InlineKeyboardButton(
                text=staff_text(
                    "audience_button", choice=choice, selected=choice == preview.chosen
                ),
                callback_data=AnnounceAction(id=preview.announcement.id, do=choice.key).pack(),
            )
        ]
        for choice in preview.audiences
        if len(AnnounceAction(id=preview.announcement.id, do=choice.key).pack()) <= 64
    ]
    last = [
        InlineKeyboardButton(
            text=staff_text("cancel_button"),
            callback_data=AnnounceAction(id=preview.announcement.id, do=CANCEL).pack(),
        )
    ]
    if preview.chosen.count:
        send = InlineKeyboardButton(
            text=staff_text("send_button", count=preview.chosen.count),
            callback_data=AnnounceAction(id=preview.announcement.id, do=SEND).pack(),
        )
        last.insert(0, send)
    return InlineKeyboardMarkup(inline_keyboard=[*rows, last])


def staff_announce_router(staff: StaffService, access: StaffAccess, announcer: Announcer) -> Router:
    router = Router(name="staff_announce")
    is_staff = StaffFilter(access)

    @router.message(Command("annonce"), is_staff)
    async def announce(message: Message, command: CommandObject, bot: Bot) -> None:
        text = (command.args or "").strip()
        if not text:
            await send_html(bot, message, staff_text("announce_usage"))
            return
        if visible_length(announcement_message(text)) > MAX_TEXT:  # refused to everyone
            await send_html(bot, message, staff_text("announce_too_long", limit=MAX_TEXT))
            return
        preview = await asyncio.to_thread(
            announcer.prepare,
            text,
            author_id=message.from_user.id if message.from_user else 0,
            author_name=message.from_user.full_name if message.from_user else "",
            chat_id=message.chat.id,
            thread_id=message.message_thread_id if message.is_topic_message else None,
        )
        await send_html(bot, message, preview.message)  # exactly what applicants will get
        await send_html(bot, message, preview.html, markup=preview_markup(preview))

    @router.callback_query(AnnounceAction.filter())
    async def announce_clicked(
        query: CallbackQuery, callback_data: AnnounceAction, bot: Bot, event_update: Update
    ) -> None:
        if not is_staff_event(access, query):
            await answer_click(query, staff_text("refused"), alert=True)
            return
        number, action = callback_data.id, callback_data.do
        if action == CANCEL:
            cancelled = await asyncio.to_thread(announcer.cancel, number)
            note = "announce_cancelled" if cancelled else "announce_gone"
            await answer_click(query, None if cancelled else staff_text(note))
            if cancelled:
                await edit_clicked(query, staff_text(note, number=number))
            return
        if action != SEND:
            preview = await asyncio.to_thread(announcer.choose, number, action)
            await answer_click(query, None if preview is not None else staff_text("announce_gone"))
            if preview is not None:
                await edit_clicked(query, preview.html, preview_markup(preview))
            return
        start = await asyncio.to_thread(
            announcer.start,
            number,
            by=query.from_user.id,
            by_name=query.from_user.full_name,
            update_id=event_update.update_id,
        )
        if start.kind in ("already", "cancelled", "unknown"):
            gone = "announce_already" if start.kind == "already" else "announce_gone"
            await answer_click(query, staff_text(gone), alert=True)
            return
        await answer_click(query, None)
        assert start.announcement is not None and start.audience is not None
        await send_announcement(bot, query, start)

    async def send_announcement(bot: Bot, query: CallbackQuery, start: Start) -> None:
        """Send a confirmed announcement to its audience, each recipient claimed as its
        message leaves (`bot.broadcast`), then report where the preview was."""
        announcement = start.announcement
        assert announcement is not None
        number = announcement.id
        earlier = await asyncio.to_thread(staff.announcement_counts, number)
        limiter = rate_limiter()  # the notes to staff count in the rate too
        await limiter.acquire()
        macro = "announce_resumed" if start.kind == "resume" or earlier else "announce_started"
        await edit_clicked(
            query,
            staff_text(
                macro,
                draft=announcement,
                count=len(start.recipients),
                audience=start.audience,
                by=query.from_user.full_name,
            ),
        )

        ledger = AnnouncementLedger(staff, number)

        run = await broadcast(
            start.recipients,
            announcement_message(announcement.text),
            send=direct_sender(bot),
            on_blocked=ledger.blocked,
            claim=ledger.claim,
            settle=ledger.settle,
            limiter=limiter,
        )
        log.info("announcement %d: %s", number, run)
        counts = await asyncio.to_thread(staff.announcement_counts, number)
        await asyncio.to_thread(announcer.finish, number)
        total = max(run.total, sum(counts.values()))
        report = BroadcastReport.of_counts(total, counts, earlier=sum(earlier.values()))
        await limiter.acquire()
        await bot.send_message(
            announcement.chat_id,
            staff_text("announce_report", report=report),
            message_thread_id=announcement.thread_id,
        )

    @router.message(Command("annonce"))
    async def refuse(message: Message, bot: Bot) -> None:
        await send_html(bot, message, staff_text("refused"))

    return router
