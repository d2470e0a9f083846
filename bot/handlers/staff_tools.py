"""Staff tools in Telegram: /aide, /tickets, /dossiers, /dossier N, /export, /stats
(/annonce has its router: `bot.handlers.staff_announce`).

Only staff may use them (`bot.filters`: the staff group, or a user of STAFF_USER_IDS). Anyone
else gets a refusal and no data. In a private chat, /dossier and /dossiers are also the
applicant's own commands (their dossiers only): for a non-staff user they go on to the
interview router; the other staff commands are refused there too.

Each handler calls the staff service in a worker thread (it reads the database and renders
files) and sends what it returns; answers go to the topic the command came from.

This router also watches every message for a group→supergroup migration of the staff chat
(an outer middleware, so the message still reaches the other routers).
"""

from __future__ import annotations

import asyncio
import html
import logging
import re
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from aiogram import BaseMiddleware, Bot, F, Router
from aiogram.exceptions import TelegramAPIError, TelegramBadRequest
from aiogram.filters import Command, CommandObject
from aiogram.filters.callback_data import CallbackData
from aiogram.types import (
    BotCommand,
    BotCommandScopeChat,
    CallbackQuery,
    FSInputFile,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    TelegramObject,
)

from bot.filters import (
    StaffAccess,
    StaffFilter,
    is_staff_event,
    note_migration,
    resolve_staff_chat,
)
from bot.render import split_html
from bot.staff_menu import STAFF_MENU
from bot.staff_posts import note_shown, send_files, send_html
from dialogs.dossier_list import (
    MAX_DAYS,
    FilterProblem,
    ListingPage,
    parse_filters,
    parse_token,
)
from dialogs.dossier_query import DossierQuery
from dialogs.export_choice import export_choice
from dialogs.exports import TELEGRAM_UPLOAD_LIMIT, ExportWriter
from dialogs.ports import Clock
from dialogs.staff import STAFF, StaffService, TicketDesk, TicketsPage, tickets_html, tickets_page
from dialogs.staff_views import StaffPostLog
from dialogs.texts import render_macro
from dialogs.validation import parse_reference

log = logging.getLogger(__name__)

_TAG = re.compile(r"<[^>]*>")
#: Refused everywhere to non-staff; /dossier and /dossiers only outside private chats.
STAFF_ONLY = ("tickets", "export", "stats")


def visible_length(body: str) -> int:
    """The length Telegram checks: the text once tags and entities are parsed."""
    return len(html.unescape(_TAG.sub("", body)))


#: The export's progress message is edited at most this often (seconds): a group allows about
#: 20 messages a minute, and staff need a sign of life, not every batch.
PROGRESS_EVERY_S = 3.0


async def _show_progress(
    bot: Bot, shown: Message, writing: asyncio.Future[Any], counts: list[int]
) -> None:
    """Edit `shown` with `counts` (done, total) every few seconds until `writing` ends."""
    last = (0, counts[1])
    while True:
        done, _ = await asyncio.wait({writing}, timeout=PROGRESS_EVERY_S)
        if done:
            return
        current = (counts[0], counts[1])
        if current != last:
            last = current
            await _edit_quietly(
                bot, shown, staff_text("export_progress", done=current[0], total=current[1])
            )


async def _edit_quietly(bot: Bot, shown: Message, body: str) -> None:
    """A status message edited; a failure to edit it (deleted, rate limited) is no error."""
    try:
        await bot.edit_message_text(text=body, chat_id=shown.chat.id, message_id=shown.message_id)
    except TelegramAPIError as error:
        log.info("export status not edited: %s", error)


def staff_text(macro: str, **context: object) -> str:
    return render_macro(STAFF, macro, **context)


def staff_commands() -> list[BotCommand]:
    """The staff chat's command menu (scope: that chat only, never applicants')."""
    return [
        BotCommand(command=name, description=html.unescape(staff_text(f"cmd_{name}")))
        for name in STAFF_MENU
    ]


def staff_help() -> str:
    """/aide (and /start) in the staff group: every staff command, one line each."""
    return staff_text("staff_help", commands=[(c.command, c.description) for c in staff_commands()])


async def setup_staff_chat(bot: Bot, access: StaffAccess) -> None:
    """At start-up: follow a migration of the staff chat, then give it (it alone) the staff
    command menu. Failures are logged, not fatal."""
    chat_id = await resolve_staff_chat(bot, access)
    if chat_id is None:
        return
    try:
        await bot.set_my_commands(staff_commands(), scope=BotCommandScopeChat(chat_id=chat_id))
    except TelegramAPIError as error:
        log.warning("staff commands menu not set: %s", type(error).__name__)


class MigrationWatch(BaseMiddleware):
    """Records a migration of the staff chat (`bot.filters.note_migration`), then goes on."""

    def __init__(self, access: StaffAccess) -> None:
        self.access = access

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        if isinstance(event, Message):
            note_migration(self.access, event)
        return await handler(event, data)


class DossierPager(CallbackData, prefix="dp"):
    """◀️ ▶️ under a /dossiers page: the filters (`ListingFilters.token`) and the offset."""

    at: int
    f: str


class TicketsPager(CallbackData, prefix="tp"):
    """◀️ ▶️ under a /tickets page: the page to show."""

    page: int


def tickets_pager(page: TicketsPage) -> InlineKeyboardMarkup | None:
    """◀️ and ▶️ under a page of /tickets, when there is a page before or after."""
    buttons = [
        InlineKeyboardButton(text=label, callback_data=TicketsPager(page=number).pack())
        for label, number in (("◀️", page.previous), ("▶️", page.next))
        if number is not None
    ]
    return InlineKeyboardMarkup(inline_keyboard=[buttons]) if buttons else None


def pager(listing: ListingPage) -> InlineKeyboardMarkup | None:
    """◀️ and ▶️ when there is a page before or after (none if the filters are too long
    for a button: the page says how to narrow them)."""
    buttons = []
    for label, offset in (("◀️", listing.previous), ("▶️", listing.next)):
        if offset is None:
            continue
        data = DossierPager(at=offset, f=listing.filters.token).pack()
        if len(data.encode()) > 64:
            return None
        buttons.append(InlineKeyboardButton(text=label, callback_data=data))
    return InlineKeyboardMarkup(inline_keyboard=[buttons]) if buttons else None


async def answer_click(query: CallbackQuery, text: str | None, *, alert: bool = False) -> None:
    """Answer a click; a click taken up again after a restart is too old to answer."""
    try:
        await query.answer(html.unescape(_TAG.sub("", text)) if text else None, show_alert=alert)
    except TelegramBadRequest as error:
        log.info("callback not answered: %s", error.message)


async def edit_clicked(
    query: CallbackQuery, body: str, markup: InlineKeyboardMarkup | None = None
) -> None:
    """The clicked message becomes the next step (same text twice: nothing to change)."""
    if not isinstance(query.message, Message):
        return
    try:
        await query.message.edit_text(body, reply_markup=markup)
    except TelegramBadRequest as error:
        log.info("clicked message not edited: %s", error.message)


def _owners(listing: ListingPage) -> list[str]:
    return [item.facts.owner for item in listing.page.items]


def staff_tools_router(
    staff: StaffService,
    tickets: TicketDesk,
    access: StaffAccess,
    clock: Clock,
    export_files: ExportWriter | None = None,
    posts: StaffPostLog | None = None,
) -> Router:
    """`export_files`: how /export writes its files (the app's exporter runs them in a process
    of their own; by default, the staff service in a worker thread). `posts`: where the
    replies that show applicants (a dossier, its drafts, a page of dossiers or tickets) are
    noted for their erasure."""
    router = Router(name="staff_tools")
    export_files = export_files or staff.export_files
    router.message.outer_middleware(MigrationWatch(access))
    is_staff = StaffFilter(access)

    @router.message(Command("aide", "start"), F.chat.type != "private", is_staff)
    async def staff_help_message(message: Message, bot: Bot) -> None:
        await send_html(bot, message, staff_help())

    @router.message(Command("tickets"), is_staff)
    async def open_tickets(message: Message, command: CommandObject, bot: Bot) -> None:
        """One page of open questions (« /tickets 2 », « /tickets page 2 »), ◀️ ▶️ below."""
        found = await asyncio.to_thread(tickets.open_tickets)
        awaiting = await asyncio.to_thread(tickets.exchanges_awaiting_applicant)
        if not found:
            await send_html(bot, message, staff_text("no_tickets", awaiting=awaiting))
            return
        page = tickets_page(command.args or "", len(found))
        sent: list[int] = []
        try:
            html = tickets_html("tickets", found, clock.now(), awaiting=awaiting, page=page)
            await send_html(bot, message, html, markup=tickets_pager(page), sent=sent)
        finally:
            owners = [t.owner for t in found]
            await note_shown(posts, bot, message.chat.id, sent, owners, "listing")

    @router.callback_query(TicketsPager.filter())
    async def tickets_turned(query: CallbackQuery, callback_data: TicketsPager, bot: Bot) -> None:
        if not is_staff_event(access, query):
            await answer_click(query, staff_text("refused"), alert=True)
            return
        await answer_click(query, None)
        found = await asyncio.to_thread(tickets.open_tickets)
        awaiting = await asyncio.to_thread(tickets.exchanges_awaiting_applicant)
        if not found:
            await edit_clicked(query, staff_text("no_tickets", awaiting=awaiting))
            return
        page = tickets_page(str(callback_data.page), len(found))
        html = tickets_html("tickets", found, clock.now(), awaiting=awaiting, page=page)
        owners = [t.owner for t in found]
        if not isinstance(query.message, Message):
            return
        shown = query.message
        if len(split_html(html)) > 1:  # long questions: a page in several messages, sent anew
            sent: list[int] = []
            try:
                await send_html(bot, shown, html, markup=tickets_pager(page), sent=sent)
            finally:
                await note_shown(posts, bot, shown.chat.id, sent, owners, "listing")
            return
        await edit_clicked(query, html, tickets_pager(page))
        await note_shown(
            posts, bot, shown.chat.id, [shown.message_id], owners, "listing", replacing=True
        )

    @router.message(Command("dossiers"), is_staff)
    async def dossiers(message: Message, command: CommandObject, bot: Bot) -> None:
        try:
            filters = parse_filters(command.args or "")
        except FilterProblem as problem:  # asked, not chosen silently
            await send_html(
                bot,
                message,
                staff_text("dossier_filter_problem", problem=problem, max_days=MAX_DAYS),
            )
            return
        listing, body = await asyncio.to_thread(staff.listing, filters)
        sent: list[int] = []
        try:
            await send_html(bot, message, body, markup=pager(listing), sent=sent)
        finally:
            await note_shown(posts, bot, message.chat.id, sent, _owners(listing), "listing")

    @router.callback_query(DossierPager.filter())
    async def dossiers_page(query: CallbackQuery, callback_data: DossierPager, bot: Bot) -> None:
        if not is_staff_event(access, query):
            await answer_click(query, staff_text("refused"), alert=True)
            return
        await answer_click(query, None)
        filters = parse_token(callback_data.f)
        listing, body = await asyncio.to_thread(staff.listing, filters, callback_data.at)
        await edit_clicked(query, body, pager(listing))
        if isinstance(query.message, Message):
            shown = query.message
            await note_shown(
                posts,
                bot,
                shown.chat.id,
                [shown.message_id],
                _owners(listing),
                "listing",
                replacing=True,
            )

    @router.message(Command("dossier"), is_staff)
    async def dossier(message: Message, command: CommandObject, bot: Bot) -> None:
        number = parse_reference(command.args or "")
        if number is None:
            await send_html(bot, message, staff_text("dossier_usage"))
            return
        await bot.send_chat_action(message.chat.id, "upload_document")
        summary = await asyncio.to_thread(staff.summary, number)
        if summary is None:
            await send_html(bot, message, staff_text("unknown_dossier", number=number))
            return
        owner, chat = [summary.line.owner], message.chat.id
        sent: list[int] = []
        try:
            await send_html(bot, message, summary.html, sent=sent)
        finally:
            await note_shown(posts, bot, chat, sent, owner, "post")
        files = sorted(summary.files, key=lambda f: not f.name.endswith(".docx"))  # Word first
        caption = staff_text("drafts_caption", number=summary.line.number)
        documents: list[int] = []
        try:
            await send_files(bot, message, files, caption, sent=documents)
        finally:
            await note_shown(posts, bot, chat, documents, owner, "document")

    @router.message(Command("export"), is_staff)
    async def export(message: Message, command: CommandObject, bot: Bot) -> None:
        """Written to disk as read (memory bounded, in a process of its own: applicants do
        not wait behind it), its progress shown in one message edited as it advances, then
        each file is sent, a file over 45 MB in numbered parts (the caption on the first
        says which come in parts); one still above Telegram's limit (a single dossier
        larger than that) is named, with where to get it instead. Words after the command
        choose the formats (`dialogs.export_choice`)."""
        thread = message.message_thread_id if message.is_topic_message else None
        choice = export_choice(command.args or "")
        if choice.unknown:
            await send_html(bot, message, staff_text("export_unknown_format", words=choice.unknown))
            return
        page = await asyncio.to_thread(staff.dossiers, DossierQuery(limit=0))
        shown = await bot.send_message(
            message.chat.id,
            staff_text("export_progress", done=0, total=page.total),
            message_thread_id=thread,
        )
        counts = [0, page.total]

        def progress(done: int, total: int) -> None:  # called from the export's thread
            counts[:] = [done, total]

        with tempfile.TemporaryDirectory(prefix="aap-export-") as directory:
            writing = asyncio.ensure_future(
                asyncio.to_thread(export_files, Path(directory), progress, choice.kinds)
            )
            await _show_progress(bot, shown, writing, counts)
            try:
                files = [f for f in writing.result() if f.kind in choice.kinds]
            except Exception:
                log.exception("export failed")
                await _edit_quietly(bot, shown, staff_text("export_failed"))
                return
            await _edit_quietly(bot, shown, staff_text("export_written", count=counts[1]))
            split = [(f.kind.upper(), f.parts) for f in files if f.part == 1 and f.parts > 1]
            caption: str | None = staff_text(
                "export_caption", count=counts[1], split=split, kinds=choice.kinds
            )
            for file in files:
                if not file.fits_telegram:
                    continue
                await bot.send_document(
                    message.chat.id,
                    FSInputFile(file.path, filename=file.name),
                    caption=caption,
                    message_thread_id=thread,
                )
                caption = None
        too_large = [(f.name, round(f.size / 1e6)) for f in files if not f.fits_telegram]
        # « Envoi des fichiers… » would read as still under way: its last state says it is done.
        done = staff_text(
            "export_done",
            count=counts[1],
            sent=len(files) - len(too_large),
            too_large=len(too_large),
        )
        await _edit_quietly(bot, shown, done)
        if too_large:
            limit = round(TELEGRAM_UPLOAD_LIMIT / 1e6)
            await send_html(
                bot, message, staff_text("export_too_large", files=too_large, limit=limit)
            )

    @router.message(Command("stats"), is_staff)
    async def stats(message: Message, command: CommandObject, bot: Bot) -> None:
        html = await asyncio.to_thread(staff.stats_html, command.args or "")
        await send_html(bot, message, html)

    @router.message(Command(*STAFF_ONLY))
    @router.message(Command("dossiers", "dossier"), F.chat.type != "private")
    async def refuse(message: Message, bot: Bot) -> None:
        await send_html(bot, message, staff_text("refused"))

    return router
