"""The Telegram composition root: Bot, Dispatcher, routers and poller, built from the `App`.

`run_bot` is what `aap-bot run` calls: French commands, then long polling (or, when
WEBHOOK_URL is set, the webhook server of `bot.webhook`) until SIGTERM or SIGINT, after which
the updates in progress finish and the process exits 0. With REDIS_URL, the FSM storage and
the per-user locks live in Redis, shared by every instance.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from dataclasses import dataclass

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.fsm.storage.base import BaseStorage
from aiogram.types import BotCommand, ErrorEvent

from app.bootstrap import App
from bot.digest import run_digest
from bot.filters import StaffAccess
from bot.fsm import SqlStorage
from bot.handlers.groups import groups_router
from bot.handlers.interview import interview_router, owner_of
from bot.handlers.media import media_router
from bot.handlers.questions import questions_router
from bot.handlers.staff_relay import StaffDesk, staff_relay_router
from bot.handlers.staff_tools import setup_staff_chat, staff_tools_router
from bot.locks import UserLocks, UserOrderMiddleware, make_user_locks
from bot.middlewares import RetryAndBlockMiddleware
from bot.polling import Poller
from bot.render import text
from bot.webhook import WebhookReceiver

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
    locks: UserLocks

    async def close(self) -> None:
        await self.locks.close()
        await self.dispatcher.storage.close()
        await self.bot.session.close()


def bot_commands(sections: dict[str, str]) -> list[BotCommand]:
    """The menu: the interview's commands, with a shortcut to each section of the form
    (`sections`: command → section title)."""
    return [
        *(BotCommand(command=n, description=text(f"cmd_{n}")) for n in COMMANDS_BEFORE_SECTIONS),
        *(
            BotCommand(command=name, description=text("cmd_section", title=title))
            for name, title in sections.items()
        ),
        *(BotCommand(command=n, description=text(f"cmd_{n}")) for n in COMMANDS_AFTER_SECTIONS),
    ]


def build(app: App, *, polling_timeout: int = 10) -> TelegramBot:
    settings = app.settings
    assert settings.bot_token is not None, "checked by the command line"
    session = AiohttpSession(api=TelegramAPIServer.from_base(settings.telegram_api_url))

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

        storage = RedisStorage.from_url(settings.redis_url)
    staff_access = StaffAccess.of(settings.staff_chat_id, settings.staff_user_ids)
    dispatcher = Dispatcher(
        storage=storage, service=app.service, support=app.support, staff_access=staff_access
    )
    locks = make_user_locks(settings.redis_url)
    if settings.webhook_url or settings.redis_url:
        # Across instances: a user's updates wait for the older ones (shared journal), then
        # take the user's lock. One process alone needs neither (the poller's FIFO locks).
        dispatcher.update.outer_middleware(
            UserOrderMiddleware(locks, app.store.engine if settings.webhook_url else None)
        )
    desk = StaffDesk(app.support, staff_access)
    dispatcher.include_routers(
        # Staff replies and /clore, /faq before the group catch-all; applicants' questions
        # (buttons, follow-ups, /aide with "Poser une question") before the interview.
        # Staff commands first of all (a command in an applicant's topic is not a reply).
        staff_tools_router(app.staff, app.support, staff_access, app.clock),
        staff_relay_router(app.support, staff_access),
        groups_router(staff_access),
        questions_router(desk),
        interview_router(app.service.section_commands),
        media_router(),
    )

    @dispatcher.errors()
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

    poller = Poller(
        bot,
        dispatcher,
        app.store.engine,
        max_concurrent=settings.max_concurrent_updates,
        polling_timeout=polling_timeout,
    )
    return TelegramBot(bot, dispatcher, poller, locks)


async def run_bot(app: App) -> int:
    settings = app.settings
    telegram = build(app)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    digest: asyncio.Task[None] | None = None
    try:
        try:
            await telegram.bot.set_my_commands(
                bot_commands(app.service.section_titles), language_code="fr"
            )
            await telegram.bot.set_my_commands(bot_commands(app.service.section_titles))
        except Exception as error:  # not fatal: the bot works without its command menu
            log.warning("setMyCommands failed: %s", type(error).__name__)
        access: StaffAccess = telegram.dispatcher["staff_access"]
        if access.chat_id is not None:
            await setup_staff_chat(telegram.bot, access)  # its current id, its command menu
            digest = asyncio.create_task(
                run_digest(
                    telegram.bot,
                    access,
                    app.support,
                    app.clock,
                    hour=settings.digest_hour,
                    stop=stop,
                    claim=app.staff.claim,
                )
            )
        app.support.warm_up()  # the knowledge base's index, in the background
        if settings.webhook_url:
            await _run_webhook(app, telegram, stop)
        else:
            await telegram.bot.delete_webhook()
            log.info("polling started")
            await telegram.poller.run(stop)
        log.info("stopped: updates in progress finished")
    finally:
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.remove_signal_handler(signum)
        if digest is not None:
            stop.set()
            await digest
        await telegram.close()
    return 0


async def _run_webhook(app: App, telegram: TelegramBot, stop: asyncio.Event) -> None:
    settings = app.settings
    assert settings.webhook_url is not None and settings.webhook_secret is not None
    secret = settings.webhook_secret.get_secret_value()
    receiver = WebhookReceiver(telegram.poller, secret=secret, path=settings.webhook_path)
    try:
        await receiver.resume()
        await receiver.start(host=settings.webhook_host, port=settings.webhook_port)
        # Every instance sets the same public URL (the load balancer's): idempotent.
        await telegram.bot.set_webhook(
            settings.webhook_url,
            secret_token=secret,
            max_connections=min(settings.max_concurrent_updates, 100),
            allowed_updates=telegram.dispatcher.resolve_used_update_types(),
        )
        log.info("webhook mode started")
        await stop.wait()
    finally:
        await receiver.shutdown()
