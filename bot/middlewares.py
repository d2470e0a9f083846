"""Outgoing-request middleware: wait out 429s, remember users who blocked the bot.

aiogram has no built-in retry. Telegram's only correct answer to a 429 is to wait
``retry_after`` seconds and try again; we do so a bounded number of times. A 403 on a send to
a private chat means the user blocked the bot: the user is marked blocked (the error still
propagates, the handler's caller logs it).

Answering a callback query that is too old (already answered, or past Telegram's ~15 s) is no
error: it happens when an update is processed again after a crash (the first run answered it
before being killed) or late after a backlog. Failing there would abort the handler and lose
the click, so the answer is skipped and the handler goes on.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any

from aiogram import Bot
from aiogram.client.session.middlewares.base import (
    BaseRequestMiddleware,
    NextRequestMiddlewareType,
)
from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError, TelegramRetryAfter
from aiogram.methods import AnswerCallbackQuery, Response, TelegramMethod
from aiogram.methods.base import TelegramType

log = logging.getLogger(__name__)

# aiogram parses every answer as `Response[<the method's return type>]`. Pydantic caches these
# generic models in a WeakValueDictionary: each full garbage collection frees them and the next
# request rebuilds one (a schema build, ~1 ms of CPU, per request under load). Keeping a strong
# reference per method class makes the cache hold.
_RESPONSE_MODELS: dict[type[Any], type[Any]] = {}


def response_model(kind: type[Any]) -> type[Any]:
    """`Response[<what the method returns>]`, kept alive (see `_RESPONSE_MODELS`)."""
    model = _RESPONSE_MODELS.get(kind)
    if model is None:
        returning: Any = kind.__returning__
        model = _RESPONSE_MODELS[kind] = Response[returning]
    return model


MAX_ATTEMPTS = 5
MAX_WAIT = 60.0
QUERY_TOO_OLD = "query is too old"


class RetryAndBlockMiddleware(BaseRequestMiddleware):
    def __init__(
        self,
        *,
        on_blocked: Callable[[int], Any] | None = None,
        max_attempts: int = MAX_ATTEMPTS,
        sleep: Callable[[float], Any] = asyncio.sleep,
    ) -> None:
        self.on_blocked = on_blocked
        self.max_attempts = max_attempts
        self.sleep = sleep

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        kind = type(method)
        response_model(kind)
        name = kind.__name__
        attempt = 1
        while True:
            try:
                return await make_request(bot, method)
            except TelegramRetryAfter as error:
                if attempt >= self.max_attempts:
                    log.warning("%s: still 429 after %d attempts, giving up", name, attempt)
                    raise
                wait = min(float(error.retry_after), MAX_WAIT)
                log.info("%s: 429, retrying in %.0f s (attempt %d)", name, wait, attempt)
                await self.sleep(wait)
                attempt += 1
            except TelegramBadRequest as error:
                if isinstance(method, AnswerCallbackQuery) and QUERY_TOO_OLD in error.message:
                    log.info("%s: query too old (answered before a restart?), skipped", name)
                    return Response[TelegramType](ok=True, result=True)
                raise
            except TelegramForbiddenError:
                chat_id = getattr(method, "chat_id", None)
                if isinstance(chat_id, int) and chat_id > 0 and self.on_blocked is not None:
                    log.info("%s: forbidden for chat %d, user marked blocked", name, chat_id)
                    result = self.on_blocked(chat_id)
                    if asyncio.iscoroutine(result):
                        await result
                raise
