"""Simulated Telegram users for the fake Bot API server.

``Simulator(api)`` builds and pushes updates shaped like Telegram's (each builder returns the
pushed update dict, ``update_id`` included); ``FakeUser`` wraps one private-chat user::

    user = FakeUser(api, 1001, first_name="Marie")
    await user.send("/start")
    replies = await user.wait_reply()          # bot messages since the last action
    await user.click("Oui")                    # a button of the last message with a keyboard
    assert "Merci" in (await user.wait_reply())[-1]["text"]

Builders are synchronous and thread-safe (they only call ``FakeBotAPI``'s thread-safe methods);
``FakeUser``'s waits work on any event loop, including one other than the server's.
"""

from __future__ import annotations

import time
from typing import Any

from tests.fakebotapi.server import FakeBotAPI, update_kind

__all__ = ["FakeUser", "Simulator", "make_user"]


def make_user(
    user_id: int,
    first_name: str = "Marie",
    *,
    last_name: str | None = None,
    username: str | None = None,
    language_code: str | None = "fr",
) -> dict[str, Any]:
    user: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": first_name}
    if last_name:
        user["last_name"] = last_name
    if username:
        user["username"] = username
    if language_code:
        user["language_code"] = language_code
    return user


def _buttons(message: dict[str, Any]) -> list[dict[str, Any]]:
    markup: dict[str, Any] = message.get("reply_markup") or {}
    return [b for row in markup.get("inline_keyboard", []) for b in row]


def _describe_buttons(message: dict[str, Any]) -> str:
    return ", ".join(f"{b.get('text')!r}→{b.get('callback_data')!r}" for b in _buttons(message))


class Simulator:
    """Builds and pushes updates from simulated users and staff."""

    def __init__(self, api: FakeBotAPI) -> None:
        self.api = api
        # Names beyond the first one of users who set them (last name, username).
        self.profiles: dict[int, dict[str, str | None]] = {}

    def _message(
        self,
        user_id: int,
        content: dict[str, Any],
        chat_id: int | None,
        *,
        first_name: str = "Marie",
        chat_type: str = "private",
        chat_title: str | None = None,
        message_thread_id: int | None = None,
        reply_to_message_id: int | None = None,
        user: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        sender = user or make_user(user_id, first_name, **self.profiles.get(user_id, {}))
        cid = user_id if chat_id is None else chat_id
        if chat_type != "private" or cid != user_id:
            chat_type = chat_type if chat_type != "private" else "supergroup"
            self.api.register_chat(cid, chat_type, title=chat_title)
        body: dict[str, Any] = {"from": sender, **content}
        if message_thread_id is not None:
            body["message_thread_id"] = message_thread_id
            body["is_topic_message"] = True
        if reply_to_message_id is not None:
            target = self.api.get_message(cid, reply_to_message_id)
            if target is None:
                raise LookupError(f"no message {reply_to_message_id} in chat {cid} to reply to")
            body["reply_to_message"] = {
                k: v
                for k, v in target.items()
                if k
                not in (
                    "reply_to_message",
                    "raw_text",
                    "plain",
                    "parse_mode",
                    "deleted",
                    "raw_caption",
                    "sent_markup",
                    "edit_history",
                    "bot_reaction",
                    "_seq",
                )
            }
        return self.api.new_message(cid, body, chat_type=chat_type)

    def push(self, update: dict[str, Any]) -> dict[str, Any]:
        update_id = self.api.push_update(update)
        return self.api.updates[update_id].update

    def push_update(self, update: dict[str, Any]) -> int:
        return self.api.push_update(update)

    def push_raw_duplicate(self, update_id: int) -> None:
        self.api.push_raw_duplicate(update_id)

    # ---------------------------------------------------------------- messages

    def user_text(
        self,
        user_id: int,
        text: str,
        chat_id: int | None = None,
        *,
        first_name: str = "Marie",
        chat_type: str = "private",
        chat_title: str | None = None,
        message_thread_id: int | None = None,
        reply_to_message_id: int | None = None,
        entities: list[dict[str, Any]] | None = None,
    ) -> dict[str, Any]:
        content: dict[str, Any] = {"text": text}
        if entities:
            content["entities"] = entities
        msg = self._message(
            user_id,
            content,
            chat_id,
            first_name=first_name,
            chat_type=chat_type,
            chat_title=chat_title,
            message_thread_id=message_thread_id,
            reply_to_message_id=reply_to_message_id,
        )
        return self.push({"message": msg})

    def user_command(
        self,
        user_id: int,
        command: str,
        args: str | None = None,
        chat_id: int | None = None,
        **kwargs: Any,
    ) -> dict[str, Any]:
        name = command if command.startswith("/") else "/" + command
        text = name if not args else f"{name} {args}"
        entity = {"type": "bot_command", "offset": 0, "length": len(name.encode("utf-16-le")) // 2}
        return self.user_text(user_id, text, chat_id, entities=[entity], **kwargs)

    def user_sticker(
        self, user_id: int, *, emoji: str = "👍", chat_id: int | None = None, **kwargs: Any
    ) -> dict[str, Any]:
        stored = self.api.add_file(b"RIFF-fake-webp", mime_type="image/webp")
        sticker = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": emoji,
        }
        return self.push(
            {"message": self._message(user_id, {"sticker": sticker}, chat_id, **kwargs)}
        )

    def _photo_content(
        self, data: bytes, caption: str | None, media_group_id: str | None
    ) -> dict[str, Any]:
        stored = self.api.add_file(data, mime_type="image/jpeg")
        content: dict[str, Any] = {
            "photo": [
                {
                    "file_id": stored.file_id,
                    "file_unique_id": stored.file_unique_id,
                    "width": 1280,
                    "height": 960,
                    "file_size": stored.file_size,
                }
            ]
        }
        if caption:
            content["caption"] = caption
        if media_group_id:
            content["media_group_id"] = media_group_id
        return content

    def user_photo(
        self,
        user_id: int,
        data: bytes = b"\xff\xd8\xff\xe0fake-jpeg",
        *,
        caption: str | None = None,
        chat_id: int | None = None,
        media_group_id: str | None = None,
        **kwargs: Any,
    ) -> dict[str, Any]:
        content = self._photo_content(data, caption, media_group_id)
        return self.push({"message": self._message(user_id, content, chat_id, **kwargs)})

    def album(
        self,
        user_id: int,
        photos: int | list[bytes] = 3,
        *,
        caption: str | None = None,
        captions: list[str | None] | None = None,
        chat_id: int | None = None,
        **kwargs: Any,
    ) -> list[dict[str, Any]]:
        """Several photo messages sharing a media_group_id (the caption on the first, or
        `captions`, one per photo)."""
        items = (
            [b"\xff\xd8fake-%d" % i for i in range(photos)] if isinstance(photos, int) else photos
        )
        group = str(int(time.time() * 1000))
        return [
            self.user_photo(
                user_id,
                data,
                caption=captions[i] if captions is not None else caption if i == 0 else None,
                chat_id=chat_id,
                media_group_id=group,
                **kwargs,
            )
            for i, data in enumerate(items)
        ]

    def user_document(
        self,
        user_id: int,
        file_name: str = "piece.pdf",
        data: bytes = b"%PDF-1.4 fake",
        *,
        mime_type: str = "application/pdf",
        caption: str | None = None,
        chat_id: int | None = None,
        **kwargs: Any,
    ) -> dict[str, Any]:
        stored = self.api.add_file(data, file_name=file_name, mime_type=mime_type)
        content: dict[str, Any] = {
            "document": {
                "file_id": stored.file_id,
                "file_unique_id": stored.file_unique_id,
                "file_name": file_name,
                "mime_type": mime_type,
                "file_size": stored.file_size,
            }
        }
        if caption:
            content["caption"] = caption
        return self.push({"message": self._message(user_id, content, chat_id, **kwargs)})

    def edited_message(self, original: dict[str, Any], new_text: str) -> dict[str, Any]:
        """The user edited a message (an update or message dict from a builder)."""
        message = original.get("message", original)
        stored = self.api.get_message(message["chat"]["id"], message["message_id"])
        if stored is None:
            raise LookupError("original message not found")
        stored["text"] = new_text
        stored["edit_date"] = int(time.time())
        edited = {k: v for k, v in stored.items() if k != "_seq"}
        return self.push({"edited_message": edited})

    def staff_reply(
        self,
        user_id: int,
        chat_id: int,
        reply_to_message_id: int,
        text: str,
        *,
        first_name: str = "Staff",
        message_thread_id: int | None = None,
    ) -> dict[str, Any]:
        """A group member replies to a message (typically one the bot posted in the group)."""
        return self.user_text(
            user_id,
            text,
            chat_id,
            first_name=first_name,
            chat_type="supergroup",
            message_thread_id=message_thread_id,
            reply_to_message_id=reply_to_message_id,
        )

    def user_blocks_bot(self, user_id: int) -> dict[str, Any]:
        """The user blocked the bot: sends now fail with 403; a my_chat_member update arrives."""
        self.api.block_user(user_id)
        user = make_user(user_id)
        now = int(time.time())
        chat = {"id": user_id, "type": "private", "first_name": user["first_name"]}
        return self.push(
            {
                "my_chat_member": {
                    "chat": chat,
                    "from": user,
                    "date": now,
                    "old_chat_member": {"status": "member", "user": self.api.bot_user},
                    "new_chat_member": {
                        "status": "kicked",
                        "user": self.api.bot_user,
                        "until_date": 0,
                    },
                }
            }
        )

    # ---------------------------------------------------------------- buttons

    def click(
        self,
        user_id: int,
        message_id_or_message: int | dict[str, Any],
        *,
        label: str | None = None,
        data: str | None = None,
        chat_id: int | None = None,
        first_name: str = "Marie",
    ) -> dict[str, Any]:
        """Press an inline button of a bot message (by label, else by callback data)."""
        if isinstance(message_id_or_message, dict):
            cid = int(message_id_or_message["chat"]["id"])
            mid = int(message_id_or_message["message_id"])
        else:
            cid = user_id if chat_id is None else chat_id
            mid = message_id_or_message
        message = self.api.get_message(cid, mid)
        if message is None or message.get("deleted"):
            raise LookupError(f"no message {mid} in chat {cid} (deleted or never sent)")
        button = None
        for candidate in _buttons(message):
            if label is not None and candidate.get("text") == label:
                button = candidate
                break
        if button is None and label is not None:
            button = next(
                (b for b in _buttons(message) if label.casefold() in str(b.get("text")).casefold()),
                None,
            )
        if button is None and data is not None:
            button = next((b for b in _buttons(message) if b.get("callback_data") == data), None)
        if button is None or "callback_data" not in button:
            raise LookupError(
                f"message {mid} in chat {cid} has no callback button "
                f"label={label!r} data={data!r}; buttons: [{_describe_buttons(message)}]; "
                f"text: {message.get('text')!r}"
            )
        query = self.api.new_callback_query(
            make_user(user_id, first_name, **self.profiles.get(user_id, {})),
            message,
            str(button["callback_data"]),
        )
        return self.push({"callback_query": query})


class FakeUser:
    """One simulated user in a private chat (or posting in ``chat_id``), with waits."""

    def __init__(
        self,
        api: FakeBotAPI,
        user_id: int,
        *,
        first_name: str = "Marie",
        chat_id: int | None = None,
        last_name: str | None = None,
        username: str | None = None,
    ) -> None:
        self.api = api
        self.sim = Simulator(api)
        self.sim.profiles[user_id] = {"last_name": last_name, "username": username}
        self.user_id = user_id
        self.first_name = first_name
        self.chat_id = user_id if chat_id is None else chat_id
        self._mark = self._state()
        self.last_update: dict[str, Any] | None = None

    def _state(self) -> dict[int, tuple[str | None, Any, bool]]:
        """Snapshot of the bot's messages in the chat: id → (text/caption, markup, deleted)."""
        return {
            m["message_id"]: (
                m.get("raw_text") or m.get("raw_caption"),
                m.get("reply_markup"),
                bool(m.get("deleted")),
            )
            for m in self.api.sent_messages(self.chat_id)
        }

    def _changes(self) -> list[dict[str, Any]]:
        """Bot messages sent or edited since the last action (deletions excluded)."""
        out = []
        for m in self.api.sent_messages(self.chat_id):
            if m.get("deleted"):
                continue
            before = self._mark.get(m["message_id"])
            now = (m.get("raw_text") or m.get("raw_caption"), m.get("reply_markup"), False)
            if before != now:
                out.append(m)
        return out

    def _acted(self, update: dict[str, Any], mark: dict[int, Any]) -> dict[str, Any]:
        self._mark = mark  # taken before the push: a fast reply cannot slip under the mark
        self.last_update = update
        return update

    # ------------------------------------------------------------ actions

    async def send(self, text: str, **kwargs: Any) -> dict[str, Any]:
        mark = self._state()
        if text.startswith("/"):
            command, _, args = text.partition(" ")
            update = self.sim.user_command(
                self.user_id,
                command,
                args or None,
                self._chat_arg(),
                first_name=self.first_name,
                **kwargs,
            )
        else:
            update = self.sim.user_text(
                self.user_id, text, self._chat_arg(), first_name=self.first_name, **kwargs
            )
        return self._acted(update, mark)

    def _chat_arg(self) -> int | None:
        return None if self.chat_id == self.user_id else self.chat_id

    async def send_document(
        self, file_name: str, data: bytes, mime_type: str = "application/pdf", **kwargs: Any
    ) -> dict[str, Any]:
        mark = self._state()
        return self._acted(
            self.sim.user_document(
                self.user_id,
                file_name,
                data,
                mime_type=mime_type,
                chat_id=self._chat_arg(),
                first_name=self.first_name,
                **kwargs,
            ),
            mark,
        )

    async def send_photo(self, data: bytes = b"\xff\xd8fake", **kwargs: Any) -> dict[str, Any]:
        mark = self._state()
        return self._acted(
            self.sim.user_photo(
                self.user_id, data, chat_id=self._chat_arg(), first_name=self.first_name, **kwargs
            ),
            mark,
        )

    async def send_sticker(self, emoji: str = "👍") -> dict[str, Any]:
        mark = self._state()
        return self._acted(
            self.sim.user_sticker(
                self.user_id, emoji=emoji, chat_id=self._chat_arg(), first_name=self.first_name
            ),
            mark,
        )

    def keyboard_message(self) -> dict[str, Any] | None:
        """The last live bot message carrying an inline keyboard (None if none)."""
        live: list[dict[str, Any]] = self.api.sent_messages(self.chat_id, include_deleted=False)
        with_keyboard = [message for message in live if _buttons(message)]
        return with_keyboard[-1] if with_keyboard else None

    async def click(self, label: str | None = None, *, data: str | None = None) -> dict[str, Any]:
        """Press a button like a user: inline button of the last keyboard message, else a
        button of the current reply keyboard (which sends its text)."""
        message = self.keyboard_message()
        if message is not None:
            mark = self._state()
            update = self.sim.click(
                self.user_id, message, label=label, data=data, first_name=self.first_name
            )
            return self._acted(update, mark)
        chat = self.api.chats.get(self.chat_id)
        keyboard = chat.reply_keyboard if chat is not None else None
        if keyboard is not None and label is not None:
            for row in keyboard.get("keyboard", []):
                for button in row:
                    text = button if isinstance(button, str) else button.get("text")
                    if text == label:
                        return await self.send(label)
        raise AssertionError(
            f"no button {label or data!r} to click in chat {self.chat_id}.\n"
            + self.api.describe_chat(self.chat_id)
        )

    # ------------------------------------------------------------ observations

    async def wait_reply(
        self,
        timeout: float = 5.0,  # noqa: ASYNC109 - part of the test-facing API
        *,
        count: int = 1,
        settle: float = 0.15,
    ) -> list[dict[str, Any]]:
        """Bot messages sent or edited in the chat since the last action.

        Waits for at least ``count`` of them, then ``settle`` seconds more for stragglers (a bot
        often sends two messages in a row). Raises ``AssertionError`` listing the bot's calls.
        """
        try:
            await self.api.wait_until(
                lambda: len(self._changes()) >= count or None,
                timeout=timeout,
                chat_id=self.chat_id,
            )
        except TimeoutError:
            raise AssertionError(
                f"user {self.user_id}: expected {count} bot message(s) within {timeout}s after "
                f"{update_kind(self.last_update or {})!r}, got {len(self._changes())}.\n"
                + self.api.describe_chat(self.chat_id)
            ) from None
        if settle > 0:
            seen = len(self._changes())

            def more() -> bool | None:
                return len(self._changes()) > seen or None

            while True:
                try:
                    await self.api.wait_until(
                        more,
                        timeout=settle,
                        chat_id=self.chat_id,
                    )
                except TimeoutError:
                    break
                seen = len(self._changes())
        replies = self._changes()
        self._mark = self._state()
        return replies

    async def wait_callback_answer(
        self,
        timeout: float = 5.0,  # noqa: ASYNC109 - part of the test-facing API
    ) -> dict[str, Any]:
        """The bot's answerCallbackQuery for the last click."""
        query = (self.last_update or {}).get("callback_query")
        if not query:
            raise AssertionError("the last action was not a click")
        query_id = str(query["id"])
        try:
            return await self.api.wait_until(
                lambda: self.api.callback_answer(query_id), timeout=timeout, chat_id=self.chat_id
            )
        except TimeoutError:
            raise AssertionError(
                f"callback query {query_id} not answered within {timeout}s.\n"
                + self.api.describe_chat(self.chat_id)
            ) from None

    @property
    def messages(self) -> list[dict[str, Any]]:
        return self.api.sent_messages(self.chat_id)

    @property
    def last_message(self) -> dict[str, Any] | None:
        live = self.api.sent_messages(self.chat_id, include_deleted=False)
        return live[-1] if live else None

    @property
    def documents(self) -> list[dict[str, Any]]:
        return self.api.documents(self.chat_id)
