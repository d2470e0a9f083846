"""The HTTP session to the Bot API: aiogram's, with requests sent as one JSON body.

aiogram's `AiohttpSession` sends every request as a form: each field serialised on its own
(the keyboard as a JSON string), then the whole form URL-encoded by `urllib` (every character
of the text and of the keyboard's JSON quoted). Telegram accepts the same parameters as a
JSON object (``application/json``), which the standard library writes in one C call. A
request that uploads a file (a document, the exports) still goes as aiogram's multipart form.

The interview's own sends and edits (`send_text`, `edit_text`, `edit_keyboard`, used by
`bot.output`) read nothing of the message Telegram returns but its id: their answer is parsed
into `SentMessage` (the id alone), not into aiogram's `Message` with its chat, sender,
entities and keyboard (a model each, about fifteen per answer).

Answers are parsed by pydantic straight from the JSON text (`model_validate_json`, in Rust)
instead of `json.loads` then `model_validate`; an answer that is not a success (an error,
a 429, a malformed body) goes through aiogram's own `check_response`, which raises the
exception it always raised.

On an applicant's answer (two requests), about a fifth of the event loop's CPU went into
building and quoting the forms (`bench/profile_bot_load.py`, issue 14).
"""

from __future__ import annotations

import functools
import json
from http import HTTPStatus
from typing import TYPE_CHECKING, Any, cast

from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.exceptions import TelegramNetworkError
from aiohttp import ClientError, ClientTimeout
from pydantic import BaseModel, ConfigDict, ValidationError

from bot.middlewares import response_model

if TYPE_CHECKING:
    from aiogram import Bot
    from aiogram.methods import Response, TelegramMethod
    from aiogram.methods.base import TelegramType
    from aiogram.types import InlineKeyboardMarkup, InputFile

JSON_HEADERS = {"Content-Type": "application/json"}


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class JsonBodySession(AiohttpSession):
    """`AiohttpSession` sending requests without a file as a JSON body (see the module)."""

    def json_body(self, bot: Bot, method: TelegramMethod[Any]) -> str | None:
        """The request's parameters as one JSON object, or None when it uploads a file.

        The same parameters as aiogram's form (`build_form_data`): the bot's defaults
        filled in (parse mode, link previews), None and empty strings left out."""
        files: dict[str, InputFile] = {}
        params: dict[str, Any] = {}
        # None is never sent (as in aiogram's form): left out by pydantic, in Rust, rather
        # than dumped then dropped one by one (a keyboard button has a dozen unset fields).
        for key, value in method.model_dump(warnings=False, exclude_none=True).items():
            prepared = self._plain(value, bot, files)
            if prepared is None or prepared == "":
                continue
            params[key] = prepared
        if files:
            return None
        return _dumps(params)

    def _plain(self, value: Any, bot: Bot, files: dict[str, InputFile]) -> Any:
        """`prepare_value` without its JSON strings, with a shortcut for what the dump is
        made of (strings, numbers, dicts, lists); the rest (the bot's defaults, files,
        dates, enums) goes to aiogram's `prepare_value`."""
        kind = type(value)
        if kind is str or kind is int or kind is bool or kind is float:
            return value
        if kind is dict:
            return {
                key: prepared
                for key, item in value.items()
                if (prepared := self._plain(item, bot, files)) is not None
            }
        if kind is list:
            return [
                prepared
                for item in value
                if (prepared := self._plain(item, bot, files)) is not None
            ]
        return self.prepare_value(value, bot=bot, files=files, _dumps_json=False)

    async def make_request(
        self,
        bot: Bot,
        method: TelegramMethod[TelegramType],
        timeout: int | None = None,  # noqa: ASYNC109 (aiogram's signature)
    ) -> TelegramType:
        body = self.json_body(bot, method)
        if body is None:  # a file to upload: aiogram's multipart form
            return await super().make_request(bot, method, timeout)
        session = await self.create_session()
        url = self.api.api_url(token=bot.token, method=method.__api_method__)
        try:
            async with session.post(
                url,
                data=body.encode(),
                headers=JSON_HEADERS,
                timeout=ClientTimeout(total=self.timeout if timeout is None else timeout),
            ) as resp:
                raw_result = await resp.text()
        except TimeoutError as e:
            raise TelegramNetworkError(method=method, message="Request timeout error") from e
        except ClientError as e:
            raise TelegramNetworkError(method=method, message=f"{type(e).__name__}: {e}") from e
        response = self.check_response(
            bot=bot, method=method, status_code=resp.status, content=raw_result
        )
        return cast("TelegramType", response.result)

    def check_response(
        self,
        bot: Bot,
        method: TelegramMethod[TelegramType],
        status_code: int,
        content: str,
    ) -> Response[TelegramType]:
        """A success parsed in one step; anything else as aiogram always did."""
        if HTTPStatus.OK <= status_code <= HTTPStatus.IM_USED:
            try:
                response = response_model(type(method)).model_validate_json(
                    content, context={"bot": bot}
                )
            except ValidationError:
                pass  # aiogram's check raises its own ClientDecodeError
            else:
                if response.ok:
                    return cast("Response[TelegramType]", response)
        return super().check_response(bot, method, status_code, content)


class SentMessage(BaseModel):
    """What the bot reads of a message it sent or edited: its id."""

    model_config = ConfigDict(extra="ignore")

    message_id: int


#: The interview's own methods (`send_text`, `edit_text`, `edit_keyboard`).
LIGHT_METHODS = ("SendMessage", "EditMessageText", "EditMessageReplyMarkup")


def warm_up_light_methods() -> None:
    """Build the interview's light methods and their answers' models (for the warm-up after
    start, `bot.lazy_types.warm_up_types`: otherwise the first applicant's answer builds them
    on the event loop)."""
    for name in LIGHT_METHODS:
        response_model(_light(name))


@functools.cache
def _light(name: str) -> type[TelegramMethod[Any]]:
    """aiogram's method `name` answered as `SentMessage` (or True, for an edit that
    returns no message); same name, same parameters, same errors. Built on first use."""
    from aiogram import methods

    base = getattr(methods, name)
    returning = SentMessage if name == "SendMessage" else SentMessage | bool
    light = type(name, (base,), {"__returning__": returning, "__module__": __name__})
    return cast("type[TelegramMethod[Any]]", light)


async def send_text(
    bot: Bot, chat_id: int, text: str, reply_markup: InlineKeyboardMarkup | None = None
) -> int:
    """sendMessage (the bot's defaults: HTML, no link preview); the sent message's id."""
    method = _light("SendMessage")(chat_id=chat_id, text=text, reply_markup=reply_markup)
    sent = cast(SentMessage, await bot(method))
    return sent.message_id


async def edit_text(
    bot: Bot,
    *,
    chat_id: int,
    message_id: int,
    text: str,
    reply_markup: InlineKeyboardMarkup | None = None,
) -> None:
    """editMessageText, its answer unread (errors raised as aiogram raises them)."""
    method = _light("EditMessageText")(
        chat_id=chat_id, message_id=message_id, text=text, reply_markup=reply_markup
    )
    await bot(method)


async def edit_keyboard(
    bot: Bot, *, chat_id: int, message_id: int, reply_markup: InlineKeyboardMarkup | None
) -> None:
    """editMessageReplyMarkup (None: the keyboard removed), its answer unread."""
    method = _light("EditMessageReplyMarkup")(
        chat_id=chat_id, message_id=message_id, reply_markup=reply_markup
    )
    await bot(method)
