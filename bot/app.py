"""The Telegram composition root: Bot, Dispatcher, routers and poller, built from the `App`.

`run_bot` is what `aap-bot run` calls: long polling (or, when WEBHOOK_URL is set, the webhook
server of `bot.webhook`) until SIGTERM or SIGINT, after which the updates in progress finish
and the process exits 0. Nothing Telegram or the network answers at start stops it:
deleteWebhook/setWebhook are retried with back-off until they succeed, and the command menus
and the staff chat's set-up are done in the background, retried likewise. With REDIS_URL, the
FSM storage lives in Redis, shared by every instance (the per-user order across instances
comes from the update journal's leases, `bot.processing`).
"""

from __future__ import annotations

import asyncio
import logging
import signal
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.exceptions import TelegramUnauthorizedError
from aiogram.fsm.storage.base import BaseStorage
from aiogram.types import BotCommand, ErrorEvent

from app.bootstrap import App
from bot.digest import run_digest
from bot.filters import (
    StaffAccess,
    run_plain_filters_inline,
    skip_commands_for_plain_text,
    staff_side,
)
from bot.fsm import SqlStorage
from bot.handlers.console import console_router
from bot.handlers.fallback import fallback_router
from bot.handlers.groups import groups_router
from bot.handlers.interview import click_to_answer_at_once, interview_router, owner_of
from bot.handlers.media import media_router
from bot.handlers.questions import questions_router
from bot.handlers.staff_announce import staff_announce_router
from bot.handlers.staff_relay import StaffDesk, staff_relay_router
from bot.handlers.staff_tools import setup_staff_chat, staff_tools_router
from bot.health import Health
from bot.lazy_types import warm_up_types
from bot.middlewares import RetryAndBlockMiddleware
from bot.polling import Poller
from bot.processing import UpdateProcessor
from bot.render import text
from bot.retry import is_transient, persist
from bot.session import JsonBodySession
from bot.summaries import keep_summaries
from bot.webhook import WebhookReceiver

if TYPE_CHECKING:
    from console.server import ConsoleServer

log = logging.getLogger(__name__)

COMMANDS_BEFORE_SECTIONS = ("start", "aide", "dossier", "nouveau", "recapitulatif")
COMMANDS_AFTER_SECTIONS = (
    "brouillon",
    "annuler",
    "mes_donnees",
    "supprimer_mes_donnees",
    "question",
    "mes_questions",
)


@dataclass
class TelegramBot:
    bot: Bot
    dispatcher: Dispatcher
    poller: Poller
    processor: UpdateProcessor
    desk: StaffDesk

    async def close(self) -> None:
        await self.dispatcher.storage.close()
        await self.bot.session.close()


class BotTokenRefused(Exception):
    """Telegram refuses BOT_TOKEN (401): a configuration error, the one reason to exit."""


#: Commands about questions passed on to the staff group: not in the menu without one.
RELAY_COMMANDS = frozenset({"mes_questions"})


def bot_commands(sections: dict[str, str], *, relay: bool = True) -> list[BotCommand]:
    """The menu: the interview's commands, with a shortcut to each section of the form
    (`sections`: command → section title). `relay`: a staff group takes questions."""
    after = [n for n in COMMANDS_AFTER_SECTIONS if relay or n not in RELAY_COMMANDS]
    return [
        *(BotCommand(command=n, description=text(f"cmd_{n}")) for n in COMMANDS_BEFORE_SECTIONS),
        *(
            BotCommand(command=name, description=text("cmd_section", title=title))
            for name, title in sections.items()
        ),
        *(BotCommand(command=n, description=text(f"cmd_{n}")) for n in after),
    ]


def build(app: App, *, polling_timeout: int = 10) -> TelegramBot:
    settings = app.settings
    assert settings.bot_token is not None, "checked by the command line"
    session = JsonBodySession(api=TelegramAPIServer.from_base(settings.telegram_api_url))

    def mark_blocked(chat_id: int) -> None:
        with app.store.transaction() as repo:
            repo.set_user_blocked(owner=owner_of(chat_id), blocked=True)

    async def on_blocked(chat_id: int) -> None:
        await asyncio.to_thread(mark_blocked, chat_id)

    session.middleware(RetryAndBlockMiddleware(on_blocked=on_blocked))
    bot = Bot(
        settings.bot_token.get_secret_value().strip(),
        session=session,
        default=DefaultBotProperties(
            parse_mode=ParseMode.HTML,
            link_preview_is_disabled=True,
        ),
    )
    storage: BaseStorage = SqlStorage(app.store.engine)
    if settings.redis_url:  # (imported here: redis takes a while to import)
        from aiogram.fsm.storage.redis import RedisStorage

        storage = RedisStorage.from_url(
            settings.redis_url,
            connection_kwargs={"socket_timeout": 5, "socket_connect_timeout": 5},
        )
    staff_access = StaffAccess.of(settings.staff_chat_id, settings.staff_user_ids)
    desk = StaffDesk(app.support, staff_access)
    dispatcher = Dispatcher(
        storage=storage,
        service=app.service,
        support=app.support,
        staff_access=staff_access,
        desk=desk,
        console=app.console if settings.console_url else None,
        console_url=settings.console_url,
    )
    dispatcher.include_routers(
        # Staff replies and /clore, /faq before the group catch-all; applicants' questions
        # (buttons, follow-ups, /aide with "Poser une question") before the interview.
        # Staff commands first of all (a command in an applicant's topic is not a reply).
        # Last, any button nobody knows (an old keyboard): answered, never left spinning.
        # (The staff's routers under one whose filter an applicant's answer fails at once.)
        staff_side(
            staff_access,
            console_router(),  # /console: staff's sign-in link, a refusal for anyone else
            staff_announce_router(app.staff, staff_access, app.announcer),
            staff_tools_router(
                app.staff, app.support, staff_access, app.clock, app.export_files, posts=app.support
            ),
            staff_relay_router(app.support, staff_access),
        ),
        groups_router(staff_access),
        questions_router(desk),
        interview_router(app.service.section_commands),
        media_router(),
        fallback_router(),
    )

    # Bugs only: a transient error (Telegram or the database unavailable) propagates to the
    # processor, which retries the update later instead of telling the user to retry.
    @dispatcher.errors(lambda event: not is_transient(event.exception))
    async def on_error(event: ErrorEvent) -> bool:
        update = event.update
        log.error("update %d: %s", update.update_id, type(event.exception).__name__, exc_info=True)
        chat = update.message.chat if update.message else None
        if chat is None and update.callback_query and update.callback_query.message:
            chat = update.callback_query.message.chat
        if chat is not None and chat.type == "private":
            try:
                await bot.send_message(chat.id, text("error"))
            except Exception:  # the user may have blocked the bot; nothing more to do
                log.warning("update %d: error message not sent", update.update_id)
        return True

    async def on_limited(update: dict[str, Any], first: bool) -> None:
        """Over the per-minute quota: a click is answered (no spinning button), and the
        first update of the minute gets a note in a private chat."""
        query = update.get("callback_query")
        if isinstance(query, dict) and isinstance(query.get("id"), str):
            await bot.answer_callback_query(query["id"], text=text("too_many_short"))
            return
        message = update.get("message")
        chat = message.get("chat") if isinstance(message, dict) else None
        if first and isinstance(chat, dict) and chat.get("type") == "private":
            await bot.send_message(int(chat["id"]), text("too_many"))

    run_plain_filters_inline(dispatcher)  # every router and handler is registered by now
    skip_commands_for_plain_text(dispatcher)
    health = Health(settings.heartbeat_file)
    processor = UpdateProcessor(
        bot,
        dispatcher,
        app.store.engine,
        max_concurrent=settings.max_concurrent_updates,
        max_backlog=settings.max_user_backlog,
        updates_per_minute=settings.max_updates_per_minute,
        across_instances=settings.webhook_url is not None,
        on_limited=on_limited,
        health=health,
    )
    poller = Poller(
        bot, dispatcher, app.store.engine, polling_timeout=polling_timeout, processor=processor
    )
    return TelegramBot(bot, dispatcher, poller, processor, desk)


async def run_bot(app: App) -> int:
    settings = app.settings
    telegram = build(app)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    log.info("event loop: %s", type(loop).__module__.partition(".")[0])  # uvloop or asyncio
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    background: list[asyncio.Task[None]] = []
    console: ConsoleServer | None = None
    code = 0
    try:
        background.append(
            asyncio.create_task(_set_up_menus(telegram, stop, app.service.section_titles))
        )
        access: StaffAccess = telegram.dispatcher["staff_access"]
        if access.chat_id is not None:
            background.append(
                asyncio.create_task(
                    run_digest(
                        telegram.bot,
                        access,
                        app.support,
                        app.clock,
                        hour=settings.digest_hour,
                        stop=stop,
                        claim=app.staff.claim,
                        posts=app.support,
                    )
                )
            )
        # Staff summaries: refreshed in the background, not in each answer's transaction.
        app.service.summaries = False
        background.append(
            asyncio.create_task(
                keep_summaries(lambda: app.service.saves, app.staff.refresh_summaries, stop)
            )
        )
        app.support.warm_up()  # the knowledge base's index, in the background
        background.append(asyncio.create_task(_warm_up(app, stop)))
        console = await _start_console(app, telegram)
        try:
            if settings.webhook_url:
                await _run_webhook(app, telegram, stop)
            else:
                await _run_polling(telegram, stop)
        except BotTokenRefused:
            log.error("Telegram refuses BOT_TOKEN (401 Unauthorized): check the token")
            code = 2
        log.info("stopped: updates in progress finished")
    finally:
        if console is not None:
            await console.shutdown()
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.remove_signal_handler(signum)
        stop.set()
        await asyncio.gather(*background, return_exceptions=True)
        await telegram.close()
    return code


async def _warm_up(app: App, stop: asyncio.Event) -> None:
    """After start, in one worker thread: the Telegram types the first replies need
    (`bot.lazy_types`), then an interview rehearsed in memory (`dialogs.rehearsal`: the
    messages' templates and the answers' patterns), cut short when the bot stops (a thread
    cannot be cancelled: the stop would wait for it). Useful, never needed: a failure is
    only logged, and whatever was not built is built on first use."""
    steps: tuple[tuple[str, Callable[[], object]], ...] = (
        ("Telegram types", warm_up_types),
        ("interview", lambda: app.service.rehearse(until=stop.is_set)),
    )
    for label, work in steps:
        if stop.is_set():
            return
        try:
            spent = await asyncio.to_thread(_thread_cpu, work)
        except Exception as error:
            log.warning("warm-up: %s not prepared ahead (%s): built on first use", label, error)
        else:
            log.info("warm-up: %s ready (%.2f s of CPU)", label, spent)


def _thread_cpu(work: Callable[[], object]) -> float:
    """Run `work`; the CPU seconds its thread spent on it."""
    started = time.thread_time()
    work()
    return time.thread_time() - started


async def _start_console(app: App, telegram: TelegramBot) -> ConsoleServer | None:
    """The staff's web console on CONSOLE_HOST:CONSOLE_PORT, when CONSOLE_URL is set."""
    settings = app.settings
    if not settings.console_url:
        return None
    from console.server import ConsoleServer
    from console.web import ConsoleDeps

    server = ConsoleServer(
        ConsoleDeps(
            console=app.console,
            dossiers=app.console_dossiers,
            staff=app.staff,
            support=app.support,
            announcer=app.announcer,
            bot=telegram.bot,
            url=settings.console_url,
            desk=telegram.desk,
        )
    )
    await server.start(host=settings.console_host, port=settings.console_port)
    return server


async def _set_up_menus(
    telegram: TelegramBot, stop: asyncio.Event, sections: dict[str, str]
) -> None:
    """French command menus, and the staff chat's (its current id first): useful, not needed
    to serve, so done in the background and retried while Telegram fails."""
    bot = telegram.bot
    relay = telegram.dispatcher["staff_access"].chat_id is not None
    commands = bot_commands(sections, relay=relay)

    async def menus() -> bool:
        await bot.set_my_commands(commands, language_code="fr")
        await bot.set_my_commands(commands)
        return True

    await persist(menus, stop=stop, what="setMyCommands", logger=log, retry=_not_token)
    access: StaffAccess = telegram.dispatcher["staff_access"]
    if access.chat_id is not None and not stop.is_set():

        async def staff_chat() -> bool:
            await setup_staff_chat(bot, access)  # its current id, its command menu
            return True

        await persist(staff_chat, stop=stop, what="staff chat set-up", logger=log)
    if not stop.is_set():
        await telegram.desk.clean_erased(bot)  # erasures interrupted by a restart


def _not_token(error: BaseException) -> bool:
    return not isinstance(error, TelegramUnauthorizedError)


async def _call_until_done(
    call: Callable[[], Awaitable[object]], *, stop: asyncio.Event, what: str
) -> bool:
    """`call`, retried until it succeeds (True) or the bot stops (False); a 401 means the
    token is wrong, no retry can help."""
    try:
        done = await persist(call, stop=stop, what=what, logger=log, retry=_not_token)
    except TelegramUnauthorizedError as error:
        raise BotTokenRefused from error
    return done is not None


async def _run_polling(telegram: TelegramBot, stop: asyncio.Event) -> None:
    bot = telegram.bot

    async def delete_webhook() -> bool:
        return await bot.delete_webhook() or True

    if await _call_until_done(delete_webhook, stop=stop, what="deleteWebhook"):
        log.info("polling started")
        await telegram.poller.run(stop)


async def _run_webhook(app: App, telegram: TelegramBot, stop: asyncio.Event) -> None:
    settings = app.settings
    assert settings.webhook_url is not None and settings.webhook_secret is not None
    secret = settings.webhook_secret.get_secret_value()
    receiver = WebhookReceiver(
        telegram.processor,
        secret=secret,
        path=settings.webhook_path,
        header_timeout=settings.webhook_read_timeout,
        body_timeout=settings.webhook_read_timeout,
        answer_at_once=click_to_answer_at_once,
    )
    webhook_url = settings.webhook_url

    async def set_webhook() -> bool:
        # Every instance sets the same public URL (the load balancer's): idempotent.
        return (
            await telegram.bot.set_webhook(
                webhook_url,
                secret_token=secret,
                max_connections=min(settings.max_concurrent_updates, 100),
                allowed_updates=telegram.dispatcher.resolve_used_update_types(),
            )
            or True
        )

    try:
        await receiver.start(host=settings.webhook_host, port=settings.webhook_port)
        if await _call_until_done(set_webhook, stop=stop, what="setWebhook"):
            log.info("webhook mode started")
            await stop.wait()
    finally:
        await receiver.shutdown()
