"""Who counts as staff: members of the staff group (`STAFF_CHAT_ID`) and `STAFF_USER_IDS`.

A message is staff's when it is posted in the staff chat (whoever posts it: the group is the
Département's own) or when its sender is listed in `STAFF_USER_IDS` and writes in their
private chat with the bot (in another group, its members would see the staff data). A
button click counts when the clicked message is in the staff chat, or the clicker is
listed and clicks in their private chat.

When the staff group becomes a supergroup, Telegram gives it a new id (``migrate_to_chat_id``).
`StaffAccess.migrate` records it, so the new id is staff too; `bot.app` calls it when the
migration's service messages arrive and when a send or getChat to the old id answers with the
new one. The record lives in memory: set `STAFF_CHAT_ID` to the new id to make it permanent
(until then, the bot finds it again at start-up with getChat, see `resolve_staff_chat`).

Use the plain function (`is_staff`) in code that has ids, the aiogram filter (`StaffFilter`)
on routers and handlers.

Also here: `run_plain_filters_inline`, which keeps aiogram from sending each magic filter
(``F.text``) to a worker thread, `skip_commands_for_plain_text`, which spares a plain
text the command handlers it walks past, and `staff_side`, the router that spares an
applicant's answer the staff's routers altogether.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from aiogram import Bot, Router
from aiogram.dispatcher.event.handler import FilterObject, HandlerObject
from aiogram.exceptions import TelegramAPIError, TelegramMigrateToChat
from aiogram.filters import Command, Filter
from aiogram.filters.callback_data import CallbackQueryFilter
from aiogram.types import CallbackQuery, Message

log = logging.getLogger(__name__)


@dataclass
class StaffAccess:
    """The staff chat (and the ids it had before migrations) and the staff users."""

    chat_id: int | None
    user_ids: frozenset[int] = frozenset()
    _chat_ids: set[int] = field(default_factory=set, repr=False)

    def __post_init__(self) -> None:
        if self.chat_id is not None:
            self._chat_ids.add(self.chat_id)

    @classmethod
    def of(cls, chat_id: int | None, user_ids: Iterable[int] = ()) -> StaffAccess:
        return cls(chat_id=chat_id, user_ids=frozenset(user_ids))

    @property
    def chat_ids(self) -> frozenset[int]:
        """The staff chat's current id and every id it had."""
        return frozenset(self._chat_ids)

    def is_staff_chat(self, chat_id: int | None) -> bool:
        return chat_id is not None and chat_id in self._chat_ids

    def migrate(self, old_chat_id: int, new_chat_id: int) -> bool:
        """The group `old_chat_id` became `new_chat_id`; True when it was the staff chat."""
        if old_chat_id not in self._chat_ids:
            return False
        if new_chat_id not in self._chat_ids:
            log.warning("staff chat %d became %d: set STAFF_CHAT_ID", old_chat_id, new_chat_id)
        self._chat_ids.add(new_chat_id)
        self.chat_id = new_chat_id
        return True


def is_staff(access: StaffAccess, *, chat_id: int | None, user_id: int | None) -> bool:
    """A message in the staff chat, or from a user listed in STAFF_USER_IDS in their private
    chat with the bot (not in another group: its members would see what the bot answers)."""
    listed = user_id is not None and user_id in access.user_ids
    return access.is_staff_chat(chat_id) or (listed and chat_id is not None and chat_id > 0)


def is_staff_event(access: StaffAccess, event: Message | CallbackQuery) -> bool:
    if isinstance(event, CallbackQuery):
        chat_id = event.message.chat.id if event.message is not None else None
        return is_staff(access, chat_id=chat_id, user_id=event.from_user.id)
    user_id = event.from_user.id if event.from_user is not None else None
    return is_staff(access, chat_id=event.chat.id, user_id=user_id)


class StaffFilter(Filter):
    """aiogram filter: passes staff messages and clicks (`StaffFilter(access)`, or negated
    with ``~StaffFilter(access)`` for refusals)."""

    def __init__(self, access: StaffAccess) -> None:
        self.access = access

    async def __call__(self, event: Message | CallbackQuery, **_: Any) -> bool:
        return is_staff_event(self.access, event)


def note_migration(access: StaffAccess, message: Message) -> bool:
    """Record a group→supergroup migration announced by a service message; True if staff's."""
    if message.migrate_to_chat_id is not None:
        return access.migrate(message.chat.id, message.migrate_to_chat_id)
    if message.migrate_from_chat_id is not None:
        return access.migrate(message.migrate_from_chat_id, message.chat.id)
    return False


async def resolve_staff_chat(bot: Bot, access: StaffAccess) -> int | None:
    """Ask Telegram whether the staff chat was migrated (getChat answers with the new id);
    returns the staff chat's current id. Errors leave the configured id as it is."""
    if access.chat_id is None:
        return None
    try:
        await bot.get_chat(access.chat_id)
    except TelegramMigrateToChat as error:
        access.migrate(access.chat_id, error.migrate_to_chat_id)
    except TelegramAPIError as error:
        log.warning("staff chat %d: getChat failed (%s)", access.chat_id, type(error).__name__)
    return access.chat_id


def run_plain_filters_inline(router: Router) -> int:
    """Make every plain (not async) filter of `router` and its sub-routers run on the loop.

    aiogram awaits a filter that is a coroutine function or a `Filter`; any other callable (a
    magic filter such as ``F.text``, a `State`, a plain function) it runs through
    `asyncio.to_thread`: a hop to a worker thread and back, for a check that reads an
    attribute. An applicant's text met about ten of them on its way through the routers (a
    click five); running them on the loop saved about 6 % of the bot's CPU per answer
    (`bench/bench_bot_load.py --baseline`, alternated). Our filters are pure and instant, so
    they are called directly. Called once by the composition root, after the routers are
    included; returns how many were changed."""
    changed = 0
    for handler in _handlers(router, with_observers=True):
        for event_filter in handler.filters or ():
            if not event_filter.awaitable:
                _inline(event_filter)
                changed += 1
    return changed


def _handlers(router: Router, *, with_observers: bool = False) -> Iterator[HandlerObject]:
    """Every handler of `router` and its sub-routers; `with_observers`: with each
    observer's own filters (`router.message.filter(…)`, held by its `_handler`)."""
    for current in _routers(router):
        for observer in current.observers.values():
            if with_observers:
                yield observer._handler
            yield from observer.handlers


def _inline(event_filter: FilterObject) -> None:
    plain = event_filter.callback

    async def inline(*args: Any, **kwargs: Any) -> Any:
        return plain(*args, **kwargs)

    # The parameters aiogram passes on (`params`, `varkw`) stay those of the plain callable.
    event_filter.callback = inline
    event_filter.awaitable = True


def skip_commands_for_plain_text(router: Router) -> int:
    """Make every handler of `router` and its sub-routers that has a `Command` filter
    refuse, before any of its filters runs, a message that cannot be a command.

    An applicant's answer walks past about 25 command handlers (staff commands, /aide,
    /annuler, /dossier…) before the interview's text handler: aiogram checks each one, each
    check a coroutine, the handler's other filters and the command parsed from the text
    (issue 14: a tenth of the loop's CPU per answer in a profile). A `Command` accepts a
    message only when its text (or caption) opens, after any spaces, with one of its
    prefixes ("/"); any other message fails the handler's filters whatever the others say
    (they are pure checks), so it is refused at once. Commands go through every filter as
    before. Called once by the composition root, after the routers are included; returns
    how many handlers were changed."""
    changed = 0
    for handler in _handlers(router):
        commands = [f.callback for f in handler.filters or () if isinstance(f.callback, Command)]
        if commands and not getattr(handler.check, "skips_plain_text", False):
            handler.check = _commands_only(handler.check, commands[0].prefix)  # type: ignore[method-assign,assignment]
            changed += 1
    return changed


def _commands_only(
    check: Callable[..., Awaitable[tuple[bool, dict[str, Any]]]], prefixes: str
) -> Callable[..., Awaitable[tuple[bool, dict[str, Any]]]]:
    async def checked(event: object, **kwargs: Any) -> tuple[bool, dict[str, Any]]:
        if isinstance(event, Message):
            typed = (event.text or event.caption or "").lstrip()[:1]
            if not typed or typed not in prefixes:
                return False, kwargs
        return await check(event, **kwargs)

    checked.skips_plain_text = True  # type: ignore[attr-defined]
    return checked


def staff_side(access: StaffAccess, *routers: Router) -> Router:
    """One router holding the staff's `routers` (in their order), which an applicant's
    answer in their private chat skips at once.

    Every message handler of the staff's routers is a command (`Command`), except the staff
    chat's replies (`staff_answer`), so a message in a private chat that cannot be a command
    has nothing to find there; yet aiogram walked it through four routers and about twenty
    handlers, and ran `staff_answer` to skip it (issue 14). Here one filter, on the router
    above them, lets through what could concern them: a message outside a private chat (a
    group, the staff chat, a migration's service messages), in the staff chat, or that opens,
    after any spaces, with a command prefix ("/"), as `Command` reads it. Buttons: when
    every button handler of these routers reads its own `CallbackData`, a click whose data
    has none of their prefixes (every click of the interview) skips them too.
    Called once by the composition root with the staff's routers; returns the new router."""
    side = Router(name="staff_side")
    side.include_routers(*routers)
    prefixes = "".join(
        {
            f.callback.prefix
            for h in _handlers(side)
            for f in h.filters or ()
            if isinstance(f.callback, Command)
        }
    )

    def may_concern_staff(message: Message) -> bool:
        if message.chat.type != "private" or access.is_staff_chat(message.chat.id):
            return True
        typed = (message.text or message.caption or "").lstrip()[:1]
        return bool(typed) and typed in prefixes

    if all(_command_or_staff_chat_only(h) for r in _routers(side) for h in r.message.handlers):
        side.message.filter(may_concern_staff)
    buttons = [h for r in _routers(side) for h in r.callback_query.handlers]
    datas = [_callback_data_prefix(h) for h in buttons]
    if all(d is not None for d in datas):
        known = tuple(d for d in datas if d is not None)

        def their_button(query: CallbackQuery) -> bool:
            data = query.data or ""
            return any(data == p or data.startswith(p + sep) for p, sep in known)

        side.callback_query.filter(their_button)
    return side


def staff_chat_only(check: Callable[[Message], bool]) -> Callable[[Message], bool]:
    """Mark a message filter as letting through the staff chat's messages only, so that
    `staff_side` knows its handler has nothing for an applicant's private chat."""
    check.staff_chat_only = True  # type: ignore[attr-defined]
    return check


def _command_or_staff_chat_only(handler: HandlerObject) -> bool:
    """Whether a staff message handler cannot want a private chat's plain text: it reads a
    command, or one of its filters is marked `staff_chat_only`. A handler that is neither
    (say, a file sent to the bot privately) keeps `staff_side` from filtering messages."""
    return any(
        isinstance(f.callback, Command) or getattr(f.callback, "staff_chat_only", False)
        for f in handler.filters or ()
    )


def _routers(router: Router) -> Iterator[Router]:
    routers = [router]
    while routers:
        current = routers.pop()
        routers.extend(current.sub_routers)
        yield current


def _callback_data_prefix(handler: HandlerObject) -> tuple[str, str] | None:
    """(prefix, separator) of the `CallbackData` the button handler reads, if it reads one."""
    for event_filter in handler.filters or ():
        if isinstance(event_filter.callback, CallbackQueryFilter):
            data = event_filter.callback.callback_data
            return data.__prefix__, data.__separator__
    return None
