"""A fake Telegram Bot API server (aiohttp, 127.0.0.1, ephemeral port) for end-to-end tests.

The bot under test talks to it over real HTTP, exactly as to ``api.telegram.org``:
``POST|GET {base_url}/bot{token}/{method}`` (form, multipart or JSON bodies) and
``GET {base_url}/file/bot{token}/{file_path}`` for downloads. Point aiogram at it with
``AiohttpSession(api=TelegramAPIServer.from_base(api.base_url))``.

Behaviour follows core.telegram.org/bots/api (see ``../shared/TELEGRAM-FACTS.md``): the
``{"ok": ..., "result"|"error_code"/"description"/"parameters"}`` envelope, offsets that confirm
updates, long polling, webhook delivery with the secret-token header and retries, the 4096/1024/
200-character and 64-byte limits, HTML parse mode (``html_check``), "message is not modified",
"query is too old", forum topics, 403 for users who blocked the bot, 400 with
``migrate_to_chat_id`` for migrated groups, 409 for two pollers.

Thread safety: every public method of ``FakeBotAPI`` may be called from any thread (state is
guarded by an ``RLock``; waiters on any event loop or thread are woken). ``FakeBotAPIThread`` runs
the server on its own loop in a background thread for synchronous code and benchmarks.

Simplifications (deliberate, documented):

- one bot token per server; chats are created on first use (positive id: private chat, ``-100…``:
  supergroup, other negative: group) unless ``strict_chats=True`` (then "chat not found");
- two pollers: like Telegram, the *newer* getUpdates wins and the one still waiting gets
  409 "Conflict: terminated by other getUpdates request"; a poll killed by SIGKILL therefore
  cannot lock out the restarted bot;
- text length is counted in code points after entity parsing; Markdown parse modes are accepted
  but not validated; ``inline_message_id`` is not supported;
- setWebhook accepts ``http://`` URLs (Telegram requires HTTPS) and retries a failed delivery
  after ``webhook_retry_delay`` seconds instead of Telegram's growing back-off; deliveries run in
  parallel up to ``max_connections`` but one at a time per chat, so a chat's updates keep order;
- a callback query expires after ``callback_query_timeout`` seconds (Telegram: about 15 s);
- documents by URL are refused (Telegram would download them); only uploads and file_ids work;
- timestamps in records are ``time.monotonic()`` of the server's process.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import mimetypes
import re
import secrets
import threading
import time
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple, TypeVar

import aiohttp
from aiohttp import web

from tests.fakebotapi.html_check import HTMLParseError, parse_html

__all__ = [
    "DEFAULT_TOKEN",
    "ApiError",
    "Call",
    "CallRecord",
    "ChatState",
    "FakeBotAPI",
    "FakeBotAPIThread",
    "StoredFile",
    "Topic",
    "UpdateRecord",
]

T = TypeVar("T")

DEFAULT_TOKEN = "123456789:AAFakeTokenForTests_0123456789abcdefg"
MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_ANSWER = 200
MAX_CALLBACK_DATA_BYTES = 64
MAX_UPLOAD = 50 * 1024 * 1024
MAX_DOWNLOAD = 20 * 1024 * 1024
TOPIC_COLORS = (7322096, 16766590, 13338331, 9367192, 16749490, 16478047)
CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
#: The emoji a bot may react with (ReactionTypeEmoji); any other gives 400 REACTION_INVALID.
REACTION_EMOJI = frozenset(
    {
        "👍",
        "👎",
        "❤",
        "🔥",
        "🥰",
        "👏",
        "😁",
        "🤔",
        "🤯",
        "😱",
        "🤬",
        "😢",
        "🎉",
        "🤩",
        "🤮",
        "💩",
        "🙏",
        "👌",
        "🕊",
        "🤡",
        "🥱",
        "🥴",
        "😍",
        "🐳",
        "❤\u200d🔥",
        "🌚",
        "🌭",
        "💯",
        "🤣",
        "⚡",
        "🍌",
        "🏆",
        "💔",
        "🤨",
        "😐",
        "🍓",
        "🍾",
        "💋",
        "🖕",
        "😈",
        "😴",
        "😭",
        "🤓",
        "👻",
        "👨\u200d💻",
        "👀",
        "🎃",
        "🙈",
        "😇",
        "😨",
        "🤝",
        "✍",
        "🤗",
        "🫡",
        "🎅",
        "🎄",
        "☃",
        "💅",
        "🤪",
        "🗿",
        "🆒",
        "💘",
        "🙉",
        "🦄",
        "😘",
        "💊",
        "🙊",
        "😎",
        "👾",
        "🤷\u200d♂",
        "🤷",
        "🤷\u200d♀",
        "😡",
    }
)
_SECRET_RE = re.compile(r"[A-Za-z0-9_-]{1,256}")
_COMMAND_RE = re.compile(r"[a-z0-9_]{1,32}")

#: calls that count as "the bot answered" for latency measurements.
ANSWER_METHODS = frozenset(
    {"sendmessage", "editmessagetext", "answercallbackquery", "senddocument", "copymessage"}
)
#: calls attributed to the update that preceded them in the same chat.
REPLY_METHODS = ANSWER_METHODS | {
    "editmessagereplymarkup",
    "forwardmessage",
    "deletemessage",
    "sendchataction",
}

_JSON_FIELDS = frozenset(
    {
        "reply_markup",
        "reply_parameters",
        "link_preview_options",
        "entities",
        "caption_entities",
        "commands",
        "scope",
        "allowed_updates",
        "media",
        "reaction",
    }
)
_INT_FIELDS = frozenset(
    {
        "message_id",
        "message_thread_id",
        "reply_to_message_id",
        "offset",
        "limit",
        "timeout",
        "cache_time",
        "max_connections",
        "icon_color",
        "user_id",
    }
)
_BOOL_FIELDS = frozenset(
    {
        "disable_notification",
        "protect_content",
        "show_alert",
        "drop_pending_updates",
        "allow_sending_without_reply",
        "disable_web_page_preview",
        "disable_content_type_detection",
        "allow_paid_broadcast",
        "show_caption_above_media",
        "is_big",
    }
)
_CHAT_ID_FIELDS = frozenset({"chat_id", "from_chat_id"})
_PRIVATE_KEYS = frozenset(
    {
        "raw_text",
        "plain",
        "parse_mode",
        "deleted",
        "raw_caption",
        "sent_markup",
        "edit_history",
        "bot_reaction",
        "_seq",
    }
)


class ApiError(Exception):
    """An error answer: ``{"ok": false, "error_code", "description", "parameters"?}``."""

    def __init__(
        self, error_code: int, description: str, parameters: dict[str, Any] | None = None
    ) -> None:
        super().__init__(f"{error_code} {description}")
        self.error_code = error_code
        self.description = description
        self.parameters = parameters

    def envelope(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.error_code,
            "description": self.description,
        }
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def bad_request(detail: str, parameters: dict[str, Any] | None = None) -> ApiError:
    return ApiError(400, f"Bad Request: {detail}", parameters)


class Call(NamedTuple):
    """One API call as the bot made it: ``(method, params, timestamp)``."""

    method: str
    params: dict[str, Any]
    timestamp: float


@dataclass
class CallRecord:
    """Everything about one call: what was asked, when, and what the server answered."""

    index: int
    method: str  # as the bot spelled it, e.g. "sendMessage"
    params: dict[str, Any]
    timestamp: float
    status: int = 200
    ok: bool = True
    result: Any = None
    description: str | None = None
    chat_id: int | str | None = None
    update_id: int | None = None  # the update this call answered, when attributable
    files: dict[str, tuple[str, bytes, str]] = field(default_factory=dict)
    in_webhook_reply: bool = False  # made in the bot's answer to a webhook delivery
    #: how the parameters came: "application/json", "multipart/form-data",
    #: "application/x-www-form-urlencoded", "" (none, or in the URL, or a webhook reply)
    content_type: str = ""


@dataclass
class UpdateRecord:
    """An update the simulated users produced, and what became of it."""

    update_id: int
    update: dict[str, Any]
    chat_id: int | None
    kind: str
    pushed_at: float
    fetched_at: float | None = None  # first time handed to the bot (getUpdates or webhook)
    confirmed_at: float | None = None  # offset moved past it / webhook answered 2xx
    deliveries: int = 0
    replies: list[int] = field(default_factory=list)  # indexes into FakeBotAPI.log
    first_reply_at: float | None = None
    callback_query_id: str | None = None

    @property
    def confirmed(self) -> bool:
        return self.confirmed_at is not None

    @property
    def latency(self) -> float | None:
        """Seconds from first delivery to the bot's first answer in that chat."""
        if self.fetched_at is None or self.first_reply_at is None:
            return None
        return self.first_reply_at - self.fetched_at


@dataclass
class Topic:
    message_thread_id: int
    name: str
    icon_color: int = TOPIC_COLORS[0]
    icon_custom_emoji_id: str | None = None
    closed: bool = False
    deleted: bool = False


@dataclass
class ChatState:
    id: int
    type: str  # private, group, supergroup, channel
    title: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    username: str | None = None
    is_forum: bool = False
    blocked: bool = False
    migrated_to: int | None = None
    next_message_id: int = 1
    messages: dict[int, dict[str, Any]] = field(default_factory=dict)
    topics: dict[int, Topic] = field(default_factory=dict)
    reply_keyboard: dict[str, Any] | None = None

    def as_chat(self) -> dict[str, Any]:
        chat: dict[str, Any] = {"id": self.id, "type": self.type}
        if self.type == "private":
            chat["first_name"] = self.first_name or "User"
            if self.last_name:
                chat["last_name"] = self.last_name
        else:
            chat["title"] = self.title or f"Chat {self.id}"
        if self.username:
            chat["username"] = self.username
        if self.is_forum:
            chat["is_forum"] = True
        return chat


@dataclass
class StoredFile:
    file_id: str
    file_unique_id: str
    data: bytes
    file_name: str | None
    mime_type: str | None
    file_path: str

    @property
    def file_size(self) -> int:
        return len(self.data)


@dataclass
class _Fault:
    method: str  # lower-case, or "*"
    error: ApiError
    times: int
    chat_id: int | str | None


@dataclass
class _RawFault:
    """An answer that is not the Bot API's: a proxy's error page, garbled JSON…"""

    method: str  # lower-case, or "*"
    status: int
    body: str
    content_type: str
    times: int


@dataclass
class _Delay:
    method: str  # lower-case, or "*"
    seconds: float
    times: int
    when: Callable[[dict[str, Any]], bool] | None


@dataclass
class _Pending:
    update_id: int
    update: dict[str, Any]
    forced: bool = False  # a re-delivery that ignores the bot's offset
    in_flight: bool = False  # webhook delivery under way


@dataclass
class _CallbackQuery:
    id: str
    chat_id: int | None
    message_id: int | None
    user_id: int
    data: str | None
    created_at: float
    update_id: int | None = None
    answered: bool = False
    answer: dict[str, Any] | None = None


class _Notifier:
    """Wake waiters (asyncio futures on any loop, or threading events) when state changes."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._waiters: dict[Hashable, list[Any]] = {}

    def _register(self, keys: Iterable[Hashable], waiter: Any) -> None:
        with self._lock:
            for key in keys:
                self._waiters.setdefault(key, []).append(waiter)

    def _unregister(self, keys: Iterable[Hashable], waiter: Any) -> None:
        with self._lock:
            for key in keys:
                waiters = self._waiters.get(key)
                if waiters and waiter in waiters:
                    waiters.remove(waiter)

    def notify(self, *keys: Hashable) -> None:
        with self._lock:
            woken: list[Any] = []
            for key in (*keys, "any"):
                woken.extend(self._waiters.pop(key, ()))
        for waiter in woken:
            if isinstance(waiter, threading.Event):
                waiter.set()
                continue
            loop, fut = waiter
            with contextlib.suppress(RuntimeError):  # loop closed
                loop.call_soon_threadsafe(_resolve, fut)

    async def wait_until(
        self,
        predicate: Callable[[], T | None],
        keys: Iterable[Hashable],
        timeout: float | None,  # noqa: ASYNC109 - deadline shared across wake-ups
    ) -> T:
        """Return ``predicate()`` once truthy; ``TimeoutError`` after ``timeout`` seconds."""
        keys = tuple(keys)
        loop = asyncio.get_running_loop()
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            fut: asyncio.Future[None] = loop.create_future()
            waiter = (loop, fut)
            self._register(keys, waiter)
            try:
                result = predicate()
                if result:
                    return result
                remaining = None if deadline is None else deadline - time.monotonic()
                if remaining is not None and remaining <= 0:
                    raise TimeoutError
                await asyncio.wait([fut], timeout=remaining)
            finally:
                self._unregister(keys, waiter)
                if not fut.done():
                    fut.cancel()

    def wait_until_sync(
        self, predicate: Callable[[], T | None], keys: Iterable[Hashable], timeout: float
    ) -> T:
        keys = tuple(keys)
        deadline = time.monotonic() + timeout
        while True:
            event = threading.Event()
            self._register(keys, event)
            try:
                result = predicate()
                if result:
                    return result
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError
                event.wait(remaining)
            finally:
                self._unregister(keys, event)


def _resolve(fut: asyncio.Future[None]) -> None:
    if not fut.done():
        fut.set_result(None)


def _to_bool(value: str) -> bool:
    return value.strip().lower() in ("true", "1", "yes")


def _coerce(key: str, value: Any) -> Any:
    """Form values are strings; give them the type the Bot API would parse them as."""
    if not isinstance(value, str):
        return value
    if key in _JSON_FIELDS:
        try:
            return json.loads(value)
        except ValueError as exc:
            if key == "reply_markup":
                raise bad_request("can't parse reply keyboard markup JSON object") from exc
            raise bad_request(f"can't parse {key} JSON object") from exc
    if key in _INT_FIELDS:
        try:
            return int(value)
        except ValueError as exc:
            raise bad_request(f"invalid {key} specified") from exc
    if key in _BOOL_FIELDS:
        return _to_bool(value)
    if key in _CHAT_ID_FIELDS and re.fullmatch(r"-?\d+", value.strip()):
        return int(value)
    return value


def _public(message: dict[str, Any]) -> dict[str, Any]:
    """The message as Telegram returns it (internal bookkeeping keys removed)."""
    out = {k: v for k, v in message.items() if k not in _PRIVATE_KEYS}
    if isinstance(out.get("reply_to_message"), dict):
        out["reply_to_message"] = _public(out["reply_to_message"])
    return out


def update_kind(update: dict[str, Any]) -> str:
    for key in update:
        if key != "update_id":
            return key
    return "unknown"


def update_chat_id(update: dict[str, Any]) -> int | None:
    for key, value in update.items():
        if not isinstance(value, dict):
            continue
        if "chat" in value and isinstance(value["chat"], dict):
            return int(value["chat"]["id"])
        message = value.get("message")
        if isinstance(message, dict) and isinstance(message.get("chat"), dict):
            return int(message["chat"]["id"])
        if key in ("callback_query", "inline_query") and isinstance(value.get("from"), dict):
            return int(value["from"]["id"])
    return None


class FakeBotAPI:
    """The fake Bot API server. ``async with FakeBotAPI() as api: api.base_url``."""

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        bot_first_name: str = "AAP Test Bot",
        bot_username: str = "aap_test_bot",
        strict_html: bool = True,
        strict_chats: bool = False,
        callback_query_timeout: float = 15.0,
        webhook_retry_delay: float = 0.5,
    ) -> None:
        self.token = token
        self.host = host
        self.port = port
        self.bot_id = int(token.split(":", 1)[0]) if token.split(":", 1)[0].isdigit() else 1
        self.bot_user: dict[str, Any] = {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": bot_first_name,
            "username": bot_username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }
        self.strict_html = strict_html
        self.strict_chats = strict_chats
        self.callback_query_timeout = callback_query_timeout
        self.webhook_retry_delay = webhook_retry_delay

        self._lock = threading.RLock()
        self._notifier = _Notifier()
        self.log: list[CallRecord] = []
        self.calls: list[Call] = []
        self.updates: dict[int, UpdateRecord] = {}
        self.chats: dict[int, ChatState] = {}
        self.files: dict[str, StoredFile] = {}
        self.commands: dict[tuple[str, str], list[dict[str, str]]] = {}
        self.bot_texts: dict[str, str] = {}
        self._pending: list[_Pending] = []
        self._next_update_id = 100_000
        self._callbacks: dict[str, _CallbackQuery] = {}
        self._faults: list[_Fault] = []
        self._raw_faults: list[_RawFault] = []
        self._delays: list[_Delay] = []
        self._last_update_by_chat: dict[int, int] = {}
        self._poll_generation = 0
        self._allowed_updates: list[str] = []
        self._file_counter = itertools.count(1)
        self._closing = False

        self.webhook_url = ""
        self.webhook_secret: str | None = None
        self.webhook_max_connections = 40
        self.webhook_targets: list[str] = []
        self._webhook_rr = 0
        self.webhook_last_error: tuple[int, str] | None = None
        self.webhook_deliveries: list[tuple[int, str, int]] = []  # (update_id, url, status)

        self._loop: asyncio.AbstractEventLoop | None = None
        self._runner: web.AppRunner | None = None
        self._webhook_task: asyncio.Task[None] | None = None
        self._client: aiohttp.ClientSession | None = None

        self.app = web.Application(client_max_size=MAX_UPLOAD + 1024 * 1024)
        self.app.router.add_route("*", "/bot{token}/{method}", self._handle)
        self.app.router.add_get("/file/bot{token}/{path:.+}", self._handle_file)
        self._methods: dict[str, Callable[[dict[str, Any], dict[str, Any]], Any]] = {
            name.lower(): getattr(self, f"_m_{name}")
            for name in (
                "getMe",
                "getUpdates",
                "setWebhook",
                "deleteWebhook",
                "getWebhookInfo",
                "setMyCommands",
                "getMyCommands",
                "deleteMyCommands",
                "setMyDescription",
                "setMyShortDescription",
                "setMyName",
                "setChatMenuButton",
                "sendMessage",
                "editMessageText",
                "editMessageReplyMarkup",
                "deleteMessage",
                "setMessageReaction",
                "answerCallbackQuery",
                "sendChatAction",
                "sendDocument",
                "getFile",
                "copyMessage",
                "forwardMessage",
                "createForumTopic",
                "editForumTopic",
                "closeForumTopic",
                "reopenForumTopic",
                "deleteForumTopic",
                "getChat",
                "logOut",
                "close",
            )
        }

    # ------------------------------------------------------------------ lifecycle

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    async def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._client = aiohttp.ClientSession()
        self._runner = web.AppRunner(self.app, shutdown_timeout=1.0, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        server = site._server
        assert isinstance(server, asyncio.base_events.Server)
        self.port = server.sockets[0].getsockname()[1]
        self._webhook_task = asyncio.create_task(self._webhook_loop())

    async def close(self) -> None:
        self._closing = True
        self._notifier.notify("updates", "webhook")
        if self._webhook_task is not None:
            self._webhook_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._webhook_task
        if self._runner is not None:
            await self._runner.cleanup()
        if self._client is not None:
            await self._client.close()

    async def __aenter__(self) -> FakeBotAPI:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    # ------------------------------------------------------------------ HTTP layer

    async def _read_params(
        self, request: web.Request
    ) -> tuple[dict[str, Any], dict[str, tuple[str, bytes, str]]]:
        raw: dict[str, Any] = dict(request.query)
        files: dict[str, tuple[str, bytes, str]] = {}
        if request.method == "POST" and request.body_exists:
            if request.content_type == "application/json":
                body = await request.json()
                if not isinstance(body, dict):
                    raise bad_request("request body must be a JSON object")
                raw.update(body)
            else:
                form = await request.post()
                for key, value in form.items():
                    if isinstance(value, web.FileField):
                        files[key] = (value.filename, value.file.read(), value.content_type)
                    else:
                        raw[key] = value
        return {key: _coerce(key, value) for key, value in raw.items()}, files

    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        if request.match_info["token"] != self.token:
            return web.json_response(ApiError(401, "Unauthorized").envelope(), status=401)
        try:
            params, files = await self._read_params(request)
        except ApiError as exc:
            return web.json_response(exc.envelope(), status=exc.error_code)
        with self._lock:
            raw = self._take_raw_fault(method.lower())
            delay = self._take_delay(method.lower(), params)
        if delay:
            await asyncio.sleep(delay)
        if raw is not None:
            record = CallRecord(
                index=-1,
                method=method,
                params=params,
                timestamp=time.monotonic(),
                status=raw.status,
                ok=False,
                description=f"raw answer ({raw.content_type})",
                chat_id=params.get("chat_id"),
            )
            self._record(record)
            return web.Response(status=raw.status, text=raw.body, content_type=raw.content_type)
        content_type = request.content_type if request.body_exists else ""
        status, body = await self.dispatch(method, params, files, content_type=content_type)
        return web.json_response(body, status=status)

    async def _handle_file(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != self.token:
            return web.json_response(ApiError(401, "Unauthorized").envelope(), status=401)
        path = request.match_info["path"]
        with self._lock:
            stored = next((f for f in self.files.values() if f.file_path == path), None)
        if stored is None:
            return web.json_response(ApiError(404, "Not Found").envelope(), status=404)
        return web.Response(
            body=stored.data, content_type=stored.mime_type or "application/octet-stream"
        )

    async def dispatch(
        self,
        method: str,
        params: dict[str, Any],
        files: dict[str, tuple[str, bytes, str]] | None = None,
        *,
        in_webhook_reply: bool = False,
        content_type: str = "",
    ) -> tuple[int, dict[str, Any]]:
        """Run one API method; return (HTTP status, envelope). Records the call."""
        files = files or {}
        now = time.monotonic()
        handler = self._methods.get(method.lower())
        record = CallRecord(
            index=-1,
            method=method,
            params=params,
            timestamp=now,
            chat_id=params.get("chat_id"),
            files=files,
            in_webhook_reply=in_webhook_reply,
            content_type=content_type,
        )
        try:
            if handler is None:
                raise ApiError(404, "Not Found: method not found")
            with self._lock:
                fault = self._take_fault(method.lower(), params.get("chat_id"))
            if fault is not None:
                raise fault
            result = handler(params, files)
            if asyncio.iscoroutine(result):
                result = await result
        except ApiError as exc:
            record.status, record.ok = exc.error_code, False
            record.description = exc.description
            self._record(record)
            return exc.error_code, exc.envelope()
        record.result = result
        self._record(record)
        body: dict[str, Any] = {"ok": True, "result": result}
        if method.lower() == "setwebhook":
            body["description"] = "Webhook was set"
        elif method.lower() == "deletewebhook":
            body["description"] = "Webhook was deleted"
        return 200, body

    def _record(self, record: CallRecord) -> None:
        with self._lock:
            record.index = len(self.log)
            self.log.append(record)
            self.calls.append(Call(record.method, record.params, record.timestamp))
            lower = record.method.lower()
            chat_key = record.chat_id
            if record.ok and lower in REPLY_METHODS:
                update: UpdateRecord | None = None
                if lower == "answercallbackquery":
                    query = self._callbacks.get(str(record.params.get("callback_query_id")))
                    if query is not None:
                        chat_key = query.chat_id
                        if query.update_id is not None:
                            update = self.updates.get(query.update_id)
                elif isinstance(record.chat_id, int):
                    last = self._last_update_by_chat.get(record.chat_id)
                    update = self.updates.get(last) if last is not None else None
                if update is not None and update.fetched_at is not None:
                    record.update_id = update.update_id
                    update.replies.append(record.index)
                    if update.first_reply_at is None and lower in ANSWER_METHODS:
                        update.first_reply_at = record.timestamp
        self._notifier.notify("calls", ("chat", chat_key))

    # ------------------------------------------------------------------ fault injection

    def _take_fault(self, method: str, chat_id: Any) -> ApiError | None:
        for fault in self._faults:
            if fault.method not in ("*", method):
                continue
            if fault.chat_id is not None and fault.chat_id != chat_id:
                continue
            fault.times -= 1
            if fault.times <= 0:
                self._faults.remove(fault)
            return fault.error
        return None

    def fail_next(
        self,
        method: str,
        *,
        error_code: int,
        description: str,
        parameters: dict[str, Any] | None = None,
        times: int = 1,
        chat_id: int | str | None = None,
    ) -> None:
        """Make the next ``times`` calls of ``method`` ("*" = any) fail with this error.

        ``fail_next("sendMessage", error_code=429, description="Too Many Requests: retry after
        1", parameters={"retry_after": 1})``.
        """
        with self._lock:
            self._faults.append(
                _Fault(
                    method.lower(), ApiError(error_code, description, parameters), times, chat_id
                )
            )

    def answer_raw_next(
        self,
        method: str,
        *,
        status: int,
        body: str,
        content_type: str = "text/html",
        times: int = 1,
    ) -> None:
        """Answer the next ``times`` calls of ``method`` ("*" = any) with this HTTP response
        instead of the Bot API's (nothing is done: no update handed out, nothing sent), as a
        misbehaving proxy would: ``answer_raw_next("getUpdates", status=502,
        body="<html>502 Bad Gateway</html>")``."""
        with self._lock:
            self._raw_faults.append(_RawFault(method.lower(), status, body, content_type, times))

    def _take_raw_fault(self, method: str) -> _RawFault | None:
        for fault in self._raw_faults:
            if fault.method in ("*", method):
                fault.times -= 1
                if fault.times <= 0:
                    self._raw_faults.remove(fault)
                return fault
        return None

    def delay_next(
        self,
        method: str,
        seconds: float,
        *,
        times: int = 1,
        when: Callable[[dict[str, Any]], bool] | None = None,
    ) -> None:
        """Hold the next ``times`` calls of ``method`` (those whose parameters pass ``when``)
        ``seconds`` before handling them: a slow Telegram."""
        with self._lock:
            self._delays.append(_Delay(method.lower(), seconds, times, when))

    def _take_delay(self, method: str, params: dict[str, Any]) -> float:
        for delay in self._delays:
            if delay.method not in ("*", method):
                continue
            if delay.when is not None and not delay.when(params):
                continue
            delay.times -= 1
            if delay.times <= 0:
                self._delays.remove(delay)
            return delay.seconds
        return 0.0

    def clear_faults(self) -> None:
        with self._lock:
            self._faults.clear()
            self._raw_faults.clear()
            self._delays.clear()

    def block_user(self, chat_id: int, blocked: bool = True) -> None:
        """The user blocked the bot: every send to the chat → 403."""
        with self._lock:
            self._get_chat(chat_id).blocked = blocked

    def unblock_user(self, chat_id: int) -> None:
        self.block_user(chat_id, blocked=False)

    def register_chat(
        self,
        chat_id: int,
        type: str | None = None,
        *,
        title: str | None = None,
        first_name: str | None = None,
        last_name: str | None = None,
        username: str | None = None,
        is_forum: bool | None = None,
    ) -> ChatState:
        """Create or update a chat the bot knows."""
        with self._lock:
            chat = self._get_chat(chat_id, type)
            if type is not None:
                chat.type = type
            for name, value in (
                ("title", title),
                ("first_name", first_name),
                ("last_name", last_name),
                ("username", username),
                ("is_forum", is_forum),
            ):
                if value is not None:
                    setattr(chat, name, value)
            return chat

    def migrate_chat(self, old_id: int, new_id: int, *, notify: bool = True) -> None:
        """Group ``old_id`` became supergroup ``new_id``: sends to old_id → 400 + parameter."""
        with self._lock:
            old = self._get_chat(old_id, "group")
            new = self._get_chat(new_id, "supergroup")
            new.type, new.title = "supergroup", new.title or old.title
            old.migrated_to = new_id
            if notify:
                service = {"from": self._some_user(old), "migrate_to_chat_id": new_id}
                msg = self._store_message(old, service)
                self.push_update({"message": _public(msg)})
                msg = self._store_message(new, {"migrate_from_chat_id": old_id})
                self.push_update({"message": _public(msg)})

    def _some_user(self, chat: ChatState) -> dict[str, Any]:
        return {"id": 777000, "is_bot": False, "first_name": "Telegram"}

    def make_forum(self, chat_id: int, title: str = "Staff") -> ChatState:
        """Make ``chat_id`` a forum supergroup (topics enabled; the bot may manage topics)."""
        chat = self.register_chat(chat_id, "supergroup", title=title, is_forum=True)
        with self._lock:
            chat.next_message_id = max(chat.next_message_id, 2)  # 1: the General topic
        return chat

    def create_topic(self, chat_id: int, name: str) -> int:
        """A topic created by a human admin; returns its message_thread_id."""
        with self._lock:
            chat = self._get_chat(chat_id)
            thread_id = self._alloc_message_id(chat)
            chat.topics[thread_id] = Topic(thread_id, name)
            return thread_id

    def delete_topic(self, chat_id: int, thread_id: int) -> None:
        """An admin deleted the topic: sends to it → 400 "message thread not found"."""
        with self._lock:
            chat = self._get_chat(chat_id)
            topic = chat.topics.get(thread_id)
            if topic is None:
                chat.topics[thread_id] = Topic(thread_id, "deleted", deleted=True)
            else:
                topic.deleted = True

    def set_webhook_targets(self, urls: list[str]) -> None:
        """Deliver webhook updates round-robin to these URLs (e.g. two bot instances)."""
        with self._lock:
            self.webhook_targets = list(urls)
        self._notifier.notify("webhook")

    # ------------------------------------------------------------------ users' side

    def push_update(self, update: dict[str, Any]) -> int:
        """Queue an update for the bot; assigns ``update_id`` when absent. Returns it."""
        with self._lock:
            update = dict(update)
            if "update_id" in update:
                update_id = int(update["update_id"])
                if update_id in self.updates:
                    raise ValueError(f"update_id {update_id} already used")
                self._next_update_id = max(self._next_update_id, update_id + 1)
            else:
                update_id = self._next_update_id
                self._next_update_id += 1
                update = {"update_id": update_id, **update}
            record = UpdateRecord(
                update_id=update_id,
                update=update,
                chat_id=update_chat_id(update),
                kind=update_kind(update),
                pushed_at=time.monotonic(),
            )
            query = update.get("callback_query")
            if isinstance(query, dict) and str(query.get("id")) in self._callbacks:
                record.callback_query_id = str(query["id"])
                self._callbacks[record.callback_query_id].update_id = update_id
            self.updates[update_id] = record
            self._pending.append(_Pending(update_id, update))
        self._notifier.notify("updates", "webhook")
        return update_id

    def delivered_elsewhere(self, update: dict[str, Any]) -> dict[str, Any]:
        """An update Telegram handed to a webhook instance that confirmed it (answered 200)
        and then died: recorded as delivered and confirmed, never delivered again. Returns
        it, with its ``update_id``."""
        with self._lock:
            update_id = self._next_update_id
            self._next_update_id += 1
            update = {"update_id": update_id, **update}
            now = time.monotonic()
            self.updates[update_id] = UpdateRecord(
                update_id=update_id,
                update=update,
                chat_id=update_chat_id(update),
                kind=update_kind(update),
                pushed_at=now,
                fetched_at=now,
                confirmed_at=now,
                deliveries=1,
            )
        return update

    def push_raw_duplicate(self, update_id: int) -> None:
        """Deliver update ``update_id`` once more, even if the bot already confirmed it."""
        with self._lock:
            record = self.updates[update_id]
            self._pending.append(_Pending(update_id, record.update, forced=True))
        self._notifier.notify("updates", "webhook")

    def new_message(
        self, chat_id: int, content: dict[str, Any], *, chat_type: str | None = None
    ) -> dict[str, Any]:
        """Store a message a user sent (allocates message_id, date, chat); returns it."""
        with self._lock:
            chat = self._get_chat(chat_id, chat_type)
            sender = content.get("from")
            if chat.type == "private" and isinstance(sender, dict):
                chat.first_name = chat.first_name or sender.get("first_name")
                chat.username = chat.username or sender.get("username")
            return _public(self._store_message(chat, content))

    def new_callback_query(
        self, user: dict[str, Any], message: dict[str, Any], data: str
    ) -> dict[str, Any]:
        """Build a callback_query object for a button on ``message`` (a stored message)."""
        with self._lock:
            query_id = str(secrets.randbits(63))
            chat_id = int(message["chat"]["id"])
            self._callbacks[query_id] = _CallbackQuery(
                id=query_id,
                chat_id=chat_id,
                message_id=int(message["message_id"]),
                user_id=int(user["id"]),
                data=data,
                created_at=time.monotonic(),
            )
            return {
                "id": query_id,
                "from": user,
                "message": _public(message),
                "chat_instance": str(abs(hash((chat_id, self.bot_id)))),
                "data": data,
            }

    def add_file(
        self, data: bytes, *, file_name: str | None = None, mime_type: str | None = None
    ) -> StoredFile:
        """Register a file (uploaded by a user or the bot) so getFile/download work."""
        with self._lock:
            n = next(self._file_counter)
            folder = "documents" if file_name else "photos"
            ext = ""
            if file_name and "." in file_name:
                ext = "." + file_name.rsplit(".", 1)[1]
            stored = StoredFile(
                file_id=f"BQACAgFake{n:06d}{secrets.token_hex(8)}",
                file_unique_id=f"AgADFake{n:06d}",
                data=data,
                file_name=file_name,
                mime_type=mime_type,
                file_path=f"{folder}/file_{n}{ext}",
            )
            self.files[stored.file_id] = stored
            return stored

    def get_message(self, chat_id: int, message_id: int) -> dict[str, Any] | None:
        """A stored message (internal keys included: raw_text, plain, deleted…)."""
        with self._lock:
            chat = self.chats.get(chat_id)
            return None if chat is None else chat.messages.get(message_id)

    # ------------------------------------------------------------------ inspection

    def sent_messages(
        self, chat_id: int | None = None, *, include_deleted: bool = True
    ) -> list[dict[str, Any]]:
        """Messages the bot sent (current state, edits applied), oldest first.

        Each is the Telegram message dict (``text`` = plain text as users see it) plus
        ``raw_text`` (what the bot sent), ``plain``, ``parse_mode``, ``deleted``,
        ``edit_history`` (previous raw texts) and ``sent_markup`` (any keyboard sent).
        """
        with self._lock:
            chats = [self.chats[chat_id]] if chat_id in self.chats else []
            if chat_id is None:
                chats = list(self.chats.values())
            out = [
                msg
                for chat in chats
                for msg in chat.messages.values()
                if msg.get("from", {}).get("id") == self.bot_id
                and (include_deleted or not msg.get("deleted"))
            ]
            if chat_id is None:
                out.sort(key=lambda m: m.get("_seq", 0))
            return list(out)

    def texts(self, chat_id: int) -> list[str]:
        """Plain texts (and captions) of the bot's messages in a chat."""
        return [m.get("text") or m.get("caption") or "" for m in self.sent_messages(chat_id)]

    def documents(self, chat_id: int | None = None) -> list[dict[str, Any]]:
        """Documents the bot sent: file_name, mime_type, data (bytes), caption, message…"""
        out = []
        for msg in self.sent_messages(chat_id):
            doc = msg.get("document")
            if not doc:
                continue
            with self._lock:
                stored = self.files[doc["file_id"]]
            out.append(
                {
                    "chat_id": msg["chat"]["id"],
                    "message_id": msg["message_id"],
                    "file_id": stored.file_id,
                    "file_name": stored.file_name,
                    "mime_type": stored.mime_type,
                    "data": stored.data,
                    "caption": msg.get("caption"),
                    "raw_caption": msg.get("raw_caption"),
                    "message": msg,
                }
            )
        return out

    def call_count(self, method: str, *, ok: bool | None = None) -> int:
        with self._lock:
            return sum(
                1
                for r in self.log
                if r.method.lower() == method.lower() and (ok is None or r.ok == ok)
            )

    def calls_of(self, method: str) -> list[CallRecord]:
        with self._lock:
            return [r for r in self.log if r.method.lower() == method.lower()]

    @property
    def confirmed_update_ids(self) -> set[int]:
        with self._lock:
            return {u.update_id for u in self.updates.values() if u.confirmed}

    @property
    def pending_update_count(self) -> int:
        with self._lock:
            return len(self._pending)

    def acknowledged_updates(self) -> list[UpdateRecord]:
        """Updates the bot confirmed *and* answered (a reply followed in that chat)."""
        with self._lock:
            return [u for u in self.updates.values() if u.confirmed and u.first_reply_at]

    def latencies(self, *, since: str = "fetched") -> list[float]:
        """Per-update latency (seconds) to the first answer; ``since`` "fetched" or "pushed"."""
        with self._lock:
            out = []
            for u in self.updates.values():
                start = u.fetched_at if since == "fetched" else u.pushed_at
                if start is not None and u.first_reply_at is not None:
                    out.append(u.first_reply_at - start)
            return out

    def callback_answer(self, callback_query_id: str) -> dict[str, Any] | None:
        with self._lock:
            query = self._callbacks.get(callback_query_id)
            return None if query is None or not query.answered else query.answer

    # ------------------------------------------------------------------ waiting

    async def wait_until(
        self,
        predicate: Callable[[], T | None],
        *,
        timeout: float = 5.0,  # noqa: ASYNC109 - part of the test-facing API
        chat_id: int | None = None,
    ) -> T:
        """Await ``predicate()`` (called under the lock) becoming truthy, woken on each call."""
        keys: tuple[Hashable, ...] = ("calls",) if chat_id is None else (("chat", chat_id),)

        def locked() -> T | None:
            with self._lock:
                return predicate()

        return await self._notifier.wait_until(locked, keys, timeout)

    def wait_until_sync(
        self,
        predicate: Callable[[], T | None],
        *,
        timeout: float = 5.0,
        chat_id: int | None = None,
    ) -> T:
        keys: tuple[Hashable, ...] = ("calls",) if chat_id is None else (("chat", chat_id),)

        def locked() -> T | None:
            with self._lock:
                return predicate()

        return self._notifier.wait_until_sync(locked, keys, timeout)

    async def wait_for_messages(
        self,
        chat_id: int,
        count: int = 1,
        *,
        after: int = 0,
        timeout: float = 5.0,  # noqa: ASYNC109 - part of the test-facing API
    ) -> list[dict[str, Any]]:
        """Wait until the bot has sent ``count`` messages to ``chat_id`` beyond the first
        ``after``; return them. On timeout, ``AssertionError`` listing what was sent."""

        def enough() -> list[dict[str, Any]] | None:
            msgs = self.sent_messages(chat_id)[after:]
            return msgs if len(msgs) >= count else None

        try:
            return await self.wait_until(
                enough,
                timeout=timeout,
                chat_id=chat_id,
            )
        except TimeoutError:
            raise AssertionError(
                f"bot sent {len(self.sent_messages(chat_id)) - after} new message(s) to chat "
                f"{chat_id} within {timeout}s, expected {count}.\n{self.describe_chat(chat_id)}"
            ) from None

    def describe_chat(self, chat_id: int, last: int = 15) -> str:
        """Human-readable transcript of the last calls concerning a chat (for assertions)."""
        with self._lock:
            lines = []
            for r in self.log:
                if r.chat_id != chat_id and not (
                    r.method.lower() == "answercallbackquery"
                    and (q := self._callbacks.get(str(r.params.get("callback_query_id"))))
                    and q.chat_id == chat_id
                ):
                    continue
                detail = r.params.get("text") or r.params.get("caption") or ""
                status = "ok" if r.ok else f"{r.status} {r.description}"
                lines.append(f"  {r.method} [{status}] {detail!r}"[:300])
            pending = [
                p.update_id for p in self._pending if self.updates[p.update_id].chat_id == chat_id
            ]
        body = "\n".join(lines[-last:]) or "  (no call concerning this chat)"
        return f"Bot API calls for chat {chat_id}:\n{body}\nUpdates not yet confirmed: {pending}"

    # ------------------------------------------------------------------ chats & messages

    def _get_chat(self, chat_id: Any, type_hint: str | None = None) -> ChatState:
        if isinstance(chat_id, str) and not re.fullmatch(r"-?\d+", chat_id):
            for chat in self.chats.values():
                if chat.username and "@" + chat.username.lower() == chat_id.lower():
                    return chat
            raise bad_request("chat not found")
        try:
            cid = int(chat_id)
        except (TypeError, ValueError) as exc:
            raise bad_request("chat_id is empty") from exc
        found = self.chats.get(cid)
        if found is not None:
            return found
        if self.strict_chats and type_hint is None:
            raise bad_request("chat not found")
        if type_hint is None:
            type_hint = "private" if cid > 0 else "group"
            if str(cid).startswith("-100"):
                type_hint = "supergroup"
        created = ChatState(cid, type_hint)
        self.chats[cid] = created
        return created

    def _alloc_message_id(self, chat: ChatState) -> int:
        mid = chat.next_message_id
        chat.next_message_id += 1
        return mid

    _seq = itertools.count()

    def _store_message(self, chat: ChatState, content: dict[str, Any]) -> dict[str, Any]:
        msg: dict[str, Any] = {
            "message_id": self._alloc_message_id(chat),
            "date": int(time.time()),
            "chat": chat.as_chat(),
            **content,
        }
        msg["_seq"] = next(self._seq)
        chat.messages[msg["message_id"]] = msg
        return msg

    def _writable_chat(self, params: dict[str, Any], key: str = "chat_id") -> ChatState:
        if params.get(key) in (None, ""):
            raise bad_request(f"{key} is empty")
        chat = self._get_chat(params[key])
        if chat.migrated_to is not None:
            raise bad_request(
                "group chat was upgraded to a supergroup chat",
                {"migrate_to_chat_id": chat.migrated_to},
            )
        if chat.blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        return chat

    def _thread(self, chat: ChatState, params: dict[str, Any]) -> int | None:
        thread_id = params.get("message_thread_id")
        if thread_id is None or not chat.is_forum:
            return None
        if thread_id == 1 and 1 not in chat.topics:
            return None  # the General topic
        topic = chat.topics.get(thread_id)
        if topic is None or topic.deleted:
            raise bad_request("message thread not found")
        if topic.closed:
            raise bad_request("TOPIC_CLOSED")
        return int(thread_id)

    def _parse(
        self, text: str, parse_mode: str | None, entities: Any, what: str
    ) -> tuple[str, list[dict[str, Any]]]:
        mode = (parse_mode or "").lower()
        if not mode:
            return text, list(entities or [])
        if mode == "html":
            try:
                return parse_html(text, strict=self.strict_html)
            except HTMLParseError as exc:
                raise bad_request(f"can't parse entities: {exc.description}") from exc
        if mode in ("markdown", "markdownv2"):
            return text, []
        raise bad_request(f"unsupported parse_mode {parse_mode!r}")

    def _check_markup(self, markup: Any) -> dict[str, Any] | None:
        if markup in (None, "", {}):
            return None
        if not isinstance(markup, dict):
            raise bad_request("can't parse reply keyboard markup JSON object")
        if "inline_keyboard" in markup:
            rows = markup["inline_keyboard"]
            if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
                raise bad_request(
                    'field "inline_keyboard" of the InlineKeyboardMarkup '
                    "should be an Array of Arrays"
                )
            for row in rows:
                for button in row:
                    if not isinstance(button, dict) or not isinstance(button.get("text"), str):
                        raise bad_request(
                            "can't parse inline keyboard button: "
                            "Text buttons are unallowed in the inline keyboard"
                        )
                    if "callback_data" in button:
                        size = len(str(button["callback_data"]).encode("utf-8"))
                        if not 1 <= size <= MAX_CALLBACK_DATA_BYTES:
                            raise bad_request("BUTTON_DATA_INVALID")
                    elif not any(
                        k in button
                        for k in (
                            "url",
                            "login_url",
                            "switch_inline_query",
                            "switch_inline_query_current_chat",
                            "switch_inline_query_chosen_chat",
                            "copy_text",
                            "web_app",
                            "callback_game",
                            "pay",
                        )
                    ):
                        raise bad_request(
                            "can't parse inline keyboard button: "
                            "Text buttons are unallowed in the inline keyboard"
                        )
        elif "keyboard" in markup:
            if not isinstance(markup["keyboard"], list):
                raise bad_request(
                    'field "keyboard" of the ReplyKeyboardMarkup should be an Array of Arrays'
                )
        elif not ("remove_keyboard" in markup or "force_reply" in markup):
            raise bad_request('can\'t find field "inline_keyboard"')
        return markup

    def _reply_to(self, chat: ChatState, params: dict[str, Any]) -> dict[str, Any] | None:
        ref = params.get("reply_parameters")
        if isinstance(ref, dict):
            mid, allow = ref.get("message_id"), bool(ref.get("allow_sending_without_reply"))
            if ref.get("chat_id") not in (None, chat.id):
                chat = self._get_chat(ref["chat_id"])
        else:
            mid, allow = (
                params.get("reply_to_message_id"),
                bool(params.get("allow_sending_without_reply")),
            )
        if mid is None:
            return None
        target = chat.messages.get(int(mid))
        if target is None or target.get("deleted"):
            if allow:
                return None
            raise bad_request("message to be replied not found")
        return _public({k: v for k, v in target.items() if k != "reply_to_message"})

    def _bot_message(
        self,
        chat: ChatState,
        thread_id: int | None,
        content: dict[str, Any],
        params: dict[str, Any],
    ) -> dict[str, Any]:
        markup = self._check_markup(params.get("reply_markup"))
        reply_to = self._reply_to(chat, params)
        message: dict[str, Any] = {"from": dict(self.bot_user)}
        if thread_id is not None:
            message["message_thread_id"] = thread_id
            message["is_topic_message"] = True
        if reply_to is not None:
            message["reply_to_message"] = reply_to
        message.update(content)
        if markup is not None and "inline_keyboard" in markup:
            message["reply_markup"] = markup
        if markup is not None:
            message["sent_markup"] = markup
            if "keyboard" in markup:
                chat.reply_keyboard = markup
            elif "remove_keyboard" in markup:
                chat.reply_keyboard = None
        message["edit_history"] = []
        message["deleted"] = False
        return self._store_message(chat, message)

    def _own_message(self, chat: ChatState, params: dict[str, Any], verb: str) -> dict[str, Any]:
        if params.get("inline_message_id"):
            raise bad_request("MESSAGE_ID_INVALID")
        mid = params.get("message_id")
        if mid is None:
            raise bad_request("message identifier is not specified")
        msg = chat.messages.get(int(mid))
        if msg is None or msg.get("deleted"):
            raise bad_request(f"message to {verb} not found")
        if msg.get("from", {}).get("id") != self.bot_id:
            raise bad_request(f"message can't be {verb}ed")
        return msg

    # ------------------------------------------------------------------ methods: bot & updates

    def _m_getMe(self, params: dict[str, Any], files: dict[str, Any]) -> dict[str, Any]:
        return dict(self.bot_user)

    def _m_logOut(self, params: dict[str, Any], files: dict[str, Any]) -> bool:
        return True

    def _m_close(self, params: dict[str, Any], files: dict[str, Any]) -> bool:
        return True

    def _confirm(self, offset: int) -> None:
        now = time.monotonic()
        if offset < 0:
            keep = {p.update_id for p in self._pending if not p.forced}
            keep = set(sorted(keep)[offset:])
            dropped = [p for p in self._pending if not p.forced and p.update_id not in keep]
        else:
            dropped = [p for p in self._pending if not p.forced and p.update_id < offset]
        for p in dropped:
            self._pending.remove(p)
            record = self.updates[p.update_id]
            if record.confirmed_at is None:
                record.confirmed_at = now

    def _mark_delivered(self, entry: _Pending, now: float) -> None:
        record = self.updates[entry.update_id]
        record.deliveries += 1
        if record.fetched_at is None:
            record.fetched_at = now
        if record.chat_id is not None:
            self._last_update_by_chat[record.chat_id] = entry.update_id

    def _deliverable(self, entry: _Pending) -> bool:
        if not self._allowed_updates:
            return self.updates[entry.update_id].kind not in (
                "chat_member",
                "message_reaction",
                "message_reaction_count",
            )
        return self.updates[entry.update_id].kind in self._allowed_updates

    async def _m_getUpdates(self, params: dict[str, Any], files: dict[str, Any]) -> list[Any]:
        with self._lock:
            if self.webhook_url:
                raise ApiError(
                    409,
                    "Conflict: can't use getUpdates method while webhook is active; "
                    "use deleteWebhook to delete the webhook first",
                )
            offset = int(params.get("offset") or 0)
            limit = min(max(int(params.get("limit") or 100), 1), 100)
            timeout = max(int(params.get("timeout") or 0), 0)
            allowed = params.get("allowed_updates")
            if isinstance(allowed, list):
                self._allowed_updates = [str(a) for a in allowed]
            self._poll_generation += 1
            generation = self._poll_generation
            if offset:
                self._confirm(offset)
            # forced re-deliveries already handed out are done once the bot polls again
            self._pending = [p for p in self._pending if not (p.forced and p.in_flight)]
            for p in list(self._pending):
                if not self._deliverable(p):
                    self._pending.remove(p)
                    self.updates[p.update_id].confirmed_at = time.monotonic()
        self._notifier.notify("updates")  # wakes an older poll, which then gets 409

        def ready() -> str | None:
            with self._lock:
                if self._poll_generation != generation:
                    return "conflict"
                if self._closing:
                    return "closing"
                return "ready" if self._pending else None

        try:
            state = await self._notifier.wait_until(ready, ("updates",), timeout)
        except TimeoutError:
            state = "timeout"
        if state == "conflict":
            raise ApiError(
                409,
                "Conflict: terminated by other getUpdates request; "
                "make sure that only one bot instance is running",
            )
        with self._lock:
            now = time.monotonic()
            batch = self._pending[:limit]
            for entry in batch:
                self._mark_delivered(entry, now)
                if entry.forced:
                    entry.in_flight = True
            return [entry.update for entry in batch]

    def _m_setWebhook(self, params: dict[str, Any], files: dict[str, Any]) -> bool:
        url = str(params.get("url") or "")
        secret = params.get("secret_token")
        if secret is not None and not _SECRET_RE.fullmatch(str(secret)):
            raise bad_request("secret token contains unallowed characters")
        if url and not url.startswith(("http://", "https://")):
            raise bad_request(
                "bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443"
            )
        with self._lock:
            self.webhook_url = url
            self.webhook_secret = str(secret) if secret else None
            self.webhook_max_connections = min(
                max(int(params.get("max_connections") or 40), 1), 100
            )
            if isinstance(params.get("allowed_updates"), list):
                self._allowed_updates = [str(a) for a in params["allowed_updates"]]
            if params.get("drop_pending_updates"):
                self._drop_pending()
        self._notifier.notify("webhook", "updates")
        return True

    def set_webhook(self, url: str, secret_token: str | None = None) -> None:
        """As if the bot had called setWebhook (for tests that start bots with webhooks)."""
        params: dict[str, Any] = {"url": url}
        if secret_token:
            params["secret_token"] = secret_token
        self._m_setWebhook(params, {})

    def _drop_pending(self) -> None:
        now = time.monotonic()
        for p in self._pending:
            self.updates[p.update_id].confirmed_at = self.updates[p.update_id].confirmed_at or now
        self._pending = [p for p in self._pending if p.in_flight]

    def _m_deleteWebhook(self, params: dict[str, Any], files: dict[str, Any]) -> bool:
        with self._lock:
            self.webhook_url = ""
            self.webhook_secret = None
            if params.get("drop_pending_updates"):
                self._drop_pending()
        self._notifier.notify("webhook", "updates")
        return True

    def _m_getWebhookInfo(self, params: dict[str, Any], files: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            info: dict[str, Any] = {
                "url": self.webhook_url,
                "has_custom_certificate": False,
                "pending_update_count": len(self._pending),
            }
            if self.webhook_url:
                info["max_connections"] = self.webhook_max_connections
                info["ip_address"] = "127.0.0.1"
            if self.webhook_last_error is not None:
                info["last_error_date"], info["last_error_message"] = self.webhook_last_error
            if self._allowed_updates:
                info["allowed_updates"] = list(self._allowed_updates)
            return info

    def _commands_key(self, params: dict[str, Any]) -> tuple[str, str]:
        scope = params.get("scope") or {"type": "default"}
        return json.dumps(scope, sort_keys=True), str(params.get("language_code") or "")

    def _m_setMyCommands(self, params: dict[str, Any], files: dict[str, Any]) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list):
            raise bad_request("commands is empty" if commands is None else "can't parse commands")
        if len(commands) > 100:
            raise bad_request("BOT_COMMANDS_TOO_MUCH")
        clean = []
        for command in commands:
            if not isinstance(command, dict):
                raise bad_request("can't parse BotCommand")
            name, description = str(command.get("command", "")), str(command.get("description", ""))
            if not _COMMAND_RE.fullmatch(name):
                raise bad_request("BOT_COMMAND_INVALID")
            if not 1 <= len(description) <= 256:
                raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
            clean.append({"command": name, "description": description})
        with self._lock:
            self.commands[self._commands_key(params)] = clean
        return True

    def _m_getMyCommands(self, params: dict[str, Any], files: dict[str, Any]) -> list[Any]:
        with self._lock:
            return list(self.commands.get(self._commands_key(params), []))

    def _m_deleteMyCommands(self, params: dict[str, Any], files: dict[str, Any]) -> bool:
        with self._lock:
            self.commands.pop(self._commands_key(params), None)
        return True

    def _bot_text(self, params: dict[str, Any], key: str, limit: int) -> bool:
        value = str(params.get(key) or "")
        if len(value) > limit:
            raise bad_request(f"{key.upper()}_INVALID")
        with self._lock:
            self.bot_texts[f"{key}:{params.get('language_code') or ''}"] = value
        return True

    def _m_setMyDescription(self, params: dict[str, Any], files: dict[str, Any]) -> bool:
        return self._bot_text(params, "description", 512)

    def _m_setMyShortDescription(self, params: dict[str, Any], files: dict[str, Any]) -> bool:
        return self._bot_text(params, "short_description", 120)

    def _m_setMyName(self, params: dict[str, Any], files: dict[str, Any]) -> bool:
        return self._bot_text(params, "name", 64)

    def _m_setChatMenuButton(self, params: dict[str, Any], files: dict[str, Any]) -> bool:
        return True

    # ------------------------------------------------------------------ methods: messages

    def _m_sendMessage(self, params: dict[str, Any], files: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            chat = self._writable_chat(params)
            thread_id = self._thread(chat, params)
            text = params.get("text")
            if not isinstance(text, str) or not text:
                raise bad_request("message text is empty")
            plain, entities = self._parse(
                text, params.get("parse_mode"), params.get("entities"), "text"
            )
            if not plain.strip():
                raise bad_request("message text is empty")
            if len(plain) > MAX_TEXT:
                raise bad_request("message is too long")
            content: dict[str, Any] = {"text": plain}
            if entities:
                content["entities"] = entities
            content.update(raw_text=text, plain=plain, parse_mode=params.get("parse_mode"))
            return _public(self._bot_message(chat, thread_id, content, params))

    def _m_editMessageText(self, params: dict[str, Any], files: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            chat = self._writable_chat(params)
            msg = self._own_message(chat, params, "edit")
            if "text" not in msg:
                raise bad_request("there is no text in the message to edit")
            text = params.get("text")
            if not isinstance(text, str) or not text:
                raise bad_request("text must be non-empty")
            plain, entities = self._parse(
                text, params.get("parse_mode"), params.get("entities"), "text"
            )
            if not plain.strip():
                raise bad_request("text must be non-empty")
            if len(plain) > MAX_TEXT:
                raise bad_request("MESSAGE_TOO_LONG")
            markup = self._check_markup(params.get("reply_markup"))
            inline = markup if markup and "inline_keyboard" in markup else None
            if (
                plain == msg["text"]
                and entities == msg.get("entities", [])
                and inline == msg.get("reply_markup")
            ):
                raise bad_request(
                    "message is not modified: specified new message content and reply markup "
                    "are exactly the same as a current content and reply markup of the message"
                )
            msg["edit_history"].append(msg.get("raw_text"))
            msg.update(text=plain, plain=plain, raw_text=text, parse_mode=params.get("parse_mode"))
            msg["edit_date"] = int(time.time())
            if entities:
                msg["entities"] = entities
            else:
                msg.pop("entities", None)
            self._set_inline(msg, inline)
            return _public(msg)

    def _set_inline(self, msg: dict[str, Any], inline: dict[str, Any] | None) -> None:
        if inline is None:
            msg.pop("reply_markup", None)
            msg.pop("sent_markup", None)
        else:
            msg["reply_markup"] = msg["sent_markup"] = inline

    def _m_editMessageReplyMarkup(
        self, params: dict[str, Any], files: dict[str, Any]
    ) -> dict[str, Any]:
        with self._lock:
            chat = self._writable_chat(params)
            msg = self._own_message(chat, params, "edit")
            markup = self._check_markup(params.get("reply_markup"))
            inline = markup if markup and "inline_keyboard" in markup else None
            if inline == msg.get("reply_markup"):
                raise bad_request(
                    "message is not modified: specified new message content and reply markup "
                    "are exactly the same as a current content and reply markup of the message"
                )
            self._set_inline(msg, inline)
            msg["edit_date"] = int(time.time())
            return _public(msg)

    def _m_deleteMessage(self, params: dict[str, Any], files: dict[str, Any]) -> bool:
        with self._lock:
            chat = self._writable_chat(params)
            mid = params.get("message_id")
            msg = chat.messages.get(int(mid)) if mid is not None else None
            if msg is None or msg.get("deleted"):
                raise bad_request("message to delete not found")
            msg["deleted"] = True
            return True

    def _m_setMessageReaction(self, params: dict[str, Any], files: dict[str, Any]) -> bool:
        """The bot's reaction to any message of the chat (its own or a user's); an empty
        list removes it. Only the emoji of ``REACTION_EMOJI`` are accepted, like Telegram."""
        with self._lock:
            chat = self._writable_chat(params)
            mid = params.get("message_id")
            msg = chat.messages.get(int(mid)) if mid is not None else None
            if msg is None or msg.get("deleted"):
                raise bad_request("message to react not found")
            reaction = params.get("reaction") or []
            if not isinstance(reaction, list) or len(reaction) > 1:
                raise bad_request("REACTIONS_TOO_MANY")
            emoji = []
            for item in reaction:
                if not isinstance(item, dict) or item.get("type") != "emoji":
                    raise bad_request("REACTION_INVALID")
                if item.get("emoji") not in REACTION_EMOJI:
                    raise bad_request("REACTION_INVALID")
                emoji.append(str(item["emoji"]))
            msg["bot_reaction"] = emoji
            return True

    def reaction(self, chat_id: int, message_id: int) -> list[str]:
        """The emoji the bot set on a message (empty: none)."""
        with self._lock:
            chat = self.chats.get(chat_id)
            msg = None if chat is None else chat.messages.get(message_id)
            return list((msg or {}).get("bot_reaction") or [])

    def _m_answerCallbackQuery(self, params: dict[str, Any], files: dict[str, Any]) -> bool:
        with self._lock:
            query = self._callbacks.get(str(params.get("callback_query_id")))
            too_old = bad_request(
                "query is too old and response timeout expired or query ID is invalid"
            )
            if query is None or query.answered:
                raise too_old
            if time.monotonic() - query.created_at > self.callback_query_timeout:
                raise too_old
            text = params.get("text")
            if text is not None and len(str(text)) > MAX_CALLBACK_ANSWER:
                raise bad_request("MESSAGE_TOO_LONG")
            query.answered = True
            query.answer = {
                "text": text,
                "show_alert": bool(params.get("show_alert")),
                "url": params.get("url"),
            }
            return True

    def _m_sendChatAction(self, params: dict[str, Any], files: dict[str, Any]) -> bool:
        with self._lock:
            chat = self._writable_chat(params)
            self._thread(chat, params)
            if params.get("action") not in CHAT_ACTIONS:
                raise bad_request("wrong parameter action in request")
            return True

    def _m_sendDocument(self, params: dict[str, Any], files: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            chat = self._writable_chat(params)
            thread_id = self._thread(chat, params)
            ref = params.get("document")
            upload: tuple[str, bytes, str] | None = None
            stored: StoredFile | None = None
            if isinstance(ref, str) and ref.startswith("attach://"):
                upload = files.get(ref.removeprefix("attach://"))
                if upload is None:
                    raise bad_request(
                        "wrong remote file identifier specified: can't unserialize it"
                    )
            elif "document" in files:
                upload = files["document"]
            elif isinstance(ref, str) and ref in self.files:
                stored = self.files[ref]
            elif isinstance(ref, str) and ref.startswith(("http://", "https://")):
                raise bad_request("wrong file identifier/HTTP URL specified")
            elif ref:
                raise bad_request("wrong remote file identifier specified: Wrong padding length")
            else:
                raise bad_request("there is no document in the request")
            if upload is not None:
                name, data, part_type = upload
                if len(data) > MAX_UPLOAD:
                    raise ApiError(413, "Request Entity Too Large")
                if not data:
                    raise bad_request("file must be non-empty")
                mime = (
                    mimetypes.guess_type(name)[0]
                    or (part_type if part_type != "application/octet-stream" else None)
                    or "application/octet-stream"
                )
                stored = self.add_file(data, file_name=name, mime_type=mime)
            assert stored is not None
            content: dict[str, Any] = {
                "document": {
                    "file_id": stored.file_id,
                    "file_unique_id": stored.file_unique_id,
                    "file_name": stored.file_name,
                    "mime_type": stored.mime_type,
                    "file_size": stored.file_size,
                }
            }
            self._caption(content, params)
            return _public(self._bot_message(chat, thread_id, content, params))

    def _caption(self, content: dict[str, Any], params: dict[str, Any]) -> None:
        caption = params.get("caption")
        if not caption:
            return
        plain, entities = self._parse(
            str(caption), params.get("parse_mode"), params.get("caption_entities"), "caption"
        )
        if len(plain) > MAX_CAPTION:
            raise bad_request("message caption is too long")
        content["caption"] = plain
        content["raw_caption"] = caption
        if entities:
            content["caption_entities"] = entities

    def _m_getFile(self, params: dict[str, Any], files: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            stored = self.files.get(str(params.get("file_id")))
            if stored is None:
                raise bad_request("invalid file_id")
            if stored.file_size > MAX_DOWNLOAD:
                raise bad_request("file is too big")
            return {
                "file_id": stored.file_id,
                "file_unique_id": stored.file_unique_id,
                "file_size": stored.file_size,
                "file_path": stored.file_path,
            }

    def _source_message(self, params: dict[str, Any], verb: str) -> dict[str, Any]:
        if params.get("from_chat_id") in (None, ""):
            raise bad_request("from_chat_id is empty")
        source_chat = self._get_chat(params["from_chat_id"])
        mid = params.get("message_id")
        msg = source_chat.messages.get(int(mid)) if mid is not None else None
        if msg is None or msg.get("deleted"):
            raise bad_request(f"message to {verb} not found")
        return msg

    _CONTENT_KEYS = (
        "text",
        "entities",
        "document",
        "photo",
        "sticker",
        "caption",
        "caption_entities",
        "raw_text",
        "plain",
        "parse_mode",
        "raw_caption",
        "contact",
        "location",
        "voice",
        "audio",
        "video",
    )

    def _m_copyMessage(self, params: dict[str, Any], files: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            chat = self._writable_chat(params)
            thread_id = self._thread(chat, params)
            source = self._source_message(params, "copy")
            content = {k: source[k] for k in self._CONTENT_KEYS if k in source}
            if not content:
                raise bad_request("message can't be copied")
            if "caption" in params and "text" not in content:
                content.pop("caption", None)
                content.pop("caption_entities", None)
                content.pop("raw_caption", None)
                self._caption(content, params)
            msg = self._bot_message(chat, thread_id, content, params)
            return {"message_id": msg["message_id"]}

    def _m_forwardMessage(self, params: dict[str, Any], files: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            chat = self._writable_chat(params)
            thread_id = self._thread(chat, params)
            source = self._source_message(params, "forward")
            content = {k: source[k] for k in self._CONTENT_KEYS if k in source}
            sender = source.get("from")
            if isinstance(sender, dict):
                origin: dict[str, Any] = {
                    "type": "user",
                    "date": source["date"],
                    "sender_user": sender,
                }
            else:
                origin = {"type": "chat", "date": source["date"], "sender_chat": source["chat"]}
            content["forward_origin"] = origin
            return _public(self._bot_message(chat, thread_id, content, {}))

    # ------------------------------------------------------------------ methods: forums, chats

    def _forum(self, params: dict[str, Any]) -> ChatState:
        chat = self._writable_chat(params)
        if not chat.is_forum:
            raise bad_request("the chat is not a forum")
        return chat

    def _topic(self, chat: ChatState, params: dict[str, Any]) -> Topic:
        topic = chat.topics.get(int(params.get("message_thread_id") or 0))
        if topic is None or topic.deleted:
            raise bad_request("TOPIC_ID_INVALID")
        return topic

    def _m_createForumTopic(self, params: dict[str, Any], files: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            chat = self._forum(params)
            name = str(params.get("name") or "")
            if not 1 <= len(name) <= 128:
                raise bad_request("TOPIC_NAME_INVALID" if name else "name is empty")
            color = int(params.get("icon_color") or TOPIC_COLORS[0])
            if color not in TOPIC_COLORS:
                raise bad_request("TOPIC_ICON_COLOR_INVALID")  # pragma: no cover - rare
            thread_id = self._alloc_message_id(chat)
            topic = Topic(thread_id, name, color, params.get("icon_custom_emoji_id"))
            chat.topics[thread_id] = topic
            result = {"message_thread_id": thread_id, "name": name, "icon_color": color}
            if topic.icon_custom_emoji_id:
                result["icon_custom_emoji_id"] = topic.icon_custom_emoji_id
            return result

    def _m_editForumTopic(self, params: dict[str, Any], files: dict[str, Any]) -> bool:
        with self._lock:
            topic = self._topic(self._forum(params), params)
            name = params.get("name")
            emoji = params.get("icon_custom_emoji_id")
            if name is not None and not 1 <= len(str(name)) <= 128:
                raise bad_request("TOPIC_NAME_INVALID")
            if (name is None or name == topic.name) and (
                emoji is None or emoji == topic.icon_custom_emoji_id
            ):
                raise bad_request("TOPIC_NOT_MODIFIED")
            if name is not None:
                topic.name = str(name)
            if emoji is not None:
                topic.icon_custom_emoji_id = str(emoji) or None
            return True

    def _m_closeForumTopic(self, params: dict[str, Any], files: dict[str, Any]) -> bool:
        with self._lock:
            topic = self._topic(self._forum(params), params)
            if topic.closed:
                raise bad_request("TOPIC_NOT_MODIFIED")
            topic.closed = True
            return True

    def _m_reopenForumTopic(self, params: dict[str, Any], files: dict[str, Any]) -> bool:
        with self._lock:
            topic = self._topic(self._forum(params), params)
            if not topic.closed:
                raise bad_request("TOPIC_NOT_MODIFIED")
            topic.closed = False
            return True

    def _m_deleteForumTopic(self, params: dict[str, Any], files: dict[str, Any]) -> bool:
        with self._lock:
            topic = self._topic(self._forum(params), params)
            topic.deleted = True
            return True

    def _m_getChat(self, params: dict[str, Any], files: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            if params.get("chat_id") in (None, ""):
                raise bad_request("chat_id is empty")
            chat = self._get_chat(params["chat_id"])
            if chat.migrated_to is not None:
                raise bad_request(
                    "group chat was upgraded to a supergroup chat",
                    {"migrate_to_chat_id": chat.migrated_to},
                )
            info = chat.as_chat()
            info.update(
                accent_color_id=0,
                max_reaction_count=11,
                accepted_gift_types={
                    "unlimited_gifts": False,
                    "limited_gifts": False,
                    "unique_gifts": False,
                    "premium_subscription": False,
                    "gifts_from_channels": False,
                },
            )
            return info

    # ------------------------------------------------------------------ webhook delivery

    def _next_webhook_target(self) -> str:
        if self.webhook_targets:
            url = self.webhook_targets[self._webhook_rr % len(self.webhook_targets)]
            self._webhook_rr += 1
            return url
        return self.webhook_url

    def _pick_webhook_batch(self) -> list[tuple[_Pending, str]] | None:
        with self._lock:
            if self._closing:
                return None
            if not self.webhook_url:
                return None
            busy_chats = {self.updates[p.update_id].chat_id for p in self._pending if p.in_flight}
            in_flight = sum(1 for p in self._pending if p.in_flight)
            picked: list[tuple[_Pending, str]] = []
            now = time.monotonic()
            for entry in self._pending:
                if in_flight + len(picked) >= self.webhook_max_connections:
                    break
                chat_id = self.updates[entry.update_id].chat_id
                if entry.in_flight or (chat_id is not None and chat_id in busy_chats):
                    continue
                if not self._deliverable(entry):
                    continue
                busy_chats.add(chat_id)
                entry.in_flight = True
                self._mark_delivered(entry, now)
                picked.append((entry, self._next_webhook_target()))
            return picked or None

    async def _webhook_loop(self) -> None:
        tasks: set[asyncio.Task[None]] = set()
        try:
            while not self._closing:
                try:
                    batch = await self._notifier.wait_until(
                        self._pick_webhook_batch, ("webhook",), 1.0
                    )
                except TimeoutError:
                    continue
                for entry, url in batch:
                    task = asyncio.create_task(self._deliver(entry, url))
                    tasks.add(task)
                    task.add_done_callback(tasks.discard)
        finally:
            for task in tasks:
                task.cancel()
            if tasks:
                await asyncio.gather(*tasks, return_exceptions=True)

    async def _deliver(self, entry: _Pending, url: str) -> None:
        headers = {"Content-Type": "application/json"}
        with self._lock:
            if self.webhook_secret:
                headers["X-Telegram-Bot-Api-Secret-Token"] = self.webhook_secret
        status, reply = 0, None
        error = ""
        assert self._client is not None
        try:
            async with self._client.post(
                url,
                data=json.dumps(entry.update),
                headers=headers,
                timeout=aiohttp.ClientTimeout(total=60),
            ) as resp:
                status = resp.status
                if 200 <= status < 300:
                    reply = await self._read_webhook_reply(resp)
                else:
                    error = f"Wrong response from the webhook: {status} {resp.reason}"
        except (aiohttp.ClientError, TimeoutError) as exc:
            error = f"Connection failed: {type(exc).__name__}"
        with self._lock:
            self.webhook_deliveries.append((entry.update_id, url, status))
            if 200 <= status < 300:
                if entry in self._pending:
                    self._pending.remove(entry)
                record = self.updates[entry.update_id]
                record.confirmed_at = record.confirmed_at or time.monotonic()
            else:
                self.webhook_last_error = (int(time.time()), error)
        if reply is not None:
            method, params, files = reply
            await self.dispatch(method, params, files, in_webhook_reply=True)
        if not 200 <= status < 300:
            await asyncio.sleep(self.webhook_retry_delay)
            with self._lock:
                entry.in_flight = False
        self._notifier.notify("webhook", "updates")

    async def _read_webhook_reply(
        self, resp: aiohttp.ClientResponse
    ) -> tuple[str, dict[str, Any], dict[str, tuple[str, bytes, str]]] | None:
        """A bot may answer a webhook with a method call (JSON or multipart); run it."""
        raw: dict[str, Any] = {}
        files: dict[str, tuple[str, bytes, str]] = {}
        if resp.content_type == "application/json":
            body = await resp.read()
            if not body:
                return None
            data = json.loads(body)
            if not isinstance(data, dict):
                return None
            raw = data
        elif resp.content_type == "multipart/form-data":
            reader = aiohttp.MultipartReader.from_response(resp)
            async for part in reader:
                if not isinstance(part, aiohttp.BodyPartReader) or part.name is None:
                    continue
                payload = await part.read()
                if part.filename:
                    files[part.name] = (
                        part.filename,
                        bytes(payload),
                        part.headers.get("Content-Type", ""),
                    )
                else:
                    raw[part.name] = bytes(payload).decode("utf-8")
        else:
            return None
        method = raw.pop("method", None)
        if not method:
            return None
        return str(method), {k: _coerce(k, v) for k, v in raw.items()}, files


class FakeBotAPIThread:
    """Run a ``FakeBotAPI`` on its own event loop in a daemon thread (for sync code, benches).

    >>> with FakeBotAPIThread() as api:   # api is the FakeBotAPI; its methods are thread-safe
    ...     api.push_update(...)
    """

    def __init__(self, token: str = DEFAULT_TOKEN, **kwargs: Any) -> None:
        self.api = FakeBotAPI(token, **kwargs)
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._run, name="fake-bot-api", daemon=True)
        self._started = threading.Event()
        self._error: BaseException | None = None

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        try:
            self._loop.run_until_complete(self.api.start())
        except BaseException as exc:
            self._error = exc
            self._started.set()
            return
        self._started.set()
        self._loop.run_forever()
        self._loop.run_until_complete(self._loop.shutdown_asyncgens())
        self._loop.close()

    def start(self) -> FakeBotAPI:
        self._thread.start()
        self._started.wait(10)
        if self._error is not None:
            raise RuntimeError("fake Bot API failed to start") from self._error
        return self.api

    def run(self, coro: Any, timeout: float | None = 30) -> Any:
        """Run a coroutine on the server's loop from another thread; return its result."""
        return asyncio.run_coroutine_threadsafe(coro, self._loop).result(timeout)

    def stop(self) -> None:
        if not self._thread.is_alive():
            return
        self.run(self.api.close())
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)

    @property
    def base_url(self) -> str:
        return self.api.base_url

    def __enter__(self) -> FakeBotAPI:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def main() -> None:  # pragma: no cover - manual use
    """``python -m tests.fakebotapi.server [--port P] [--token T]``: run standalone."""
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--token", default=DEFAULT_TOKEN)
    args = parser.parse_args()

    async def serve() -> None:
        async with FakeBotAPI(args.token, port=args.port) as api:
            print(api.base_url, flush=True)
            await asyncio.Event().wait()

    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve())


if __name__ == "__main__":  # pragma: no cover
    main()
