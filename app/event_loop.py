"""Which asyncio event loop `aap-bot run` turns on (setting EVENT_LOOP).

Most of the bot's CPU per answer that is not our own code is the event loop's: waking up
on sockets, handing database work to a thread and being woken when it is done, writing
requests. uvloop (libuv, maintained by the asyncio core developers' circle, wheels for
Linux and macOS) does that same work with less CPU; asyncio's own loop stays the fallback
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
