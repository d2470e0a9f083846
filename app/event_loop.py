"""Which asyncio event loop `aap-bot run` turns on (setting EVENT_LOOP).

A good third of the bot's CPU per answer is the event loop's: waking up on sockets, being
woken when a database thread is done, writing requests. uvloop (libuv; MagicStack, the
authors of asyncpg; wheels for Linux and macOS) does that work with less CPU when many
answers come at once (0.90 of the standard loop's CPU per answer, saturated) and no worse
when they come one by one (README, "Par réponse"). asyncio's own loop stays the fallback
where uvloop is not installed (Windows), and can be forced."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Literal

LoopChoice = Literal["auto", "uvloop", "asyncio"]
LoopFactory = Callable[[], asyncio.AbstractEventLoop]


class LoopUnavailable(RuntimeError):
    """EVENT_LOOP=uvloop, but uvloop is not installed."""


def loop_factory(choice: LoopChoice) -> tuple[LoopFactory | None, str]:
    """The factory to give `asyncio.Runner` (None: asyncio's own loop) and the loop's name,
    for the start-up log."""
    if choice == "asyncio":
        return None, "asyncio"
    try:
        import uvloop
    except ImportError:
        if choice == "uvloop":
            raise LoopUnavailable("uvloop") from None
        return None, "asyncio"
    return uvloop.new_event_loop, "uvloop"
