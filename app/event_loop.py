"""Which asyncio event loop `aap-bot run` turns on (setting EVENT_LOOP).

In a py-spy profile of the bot serving paced applicants (2 December), 39 % of the samples
were in the asyncio loop, system calls included: waking up on sockets, being woken when a
database thread is done, writing requests. uvloop (libuv; MagicStack, the authors of
asyncpg; wheels for Linux and macOS) does that work with less CPU per call. Measured on the
whole bot, the gain is within the noise: median 0.90 of the standard loop's CPU per answer
when saturated (the runs' ranges overlap), 1.03 when answers come one by one (README, "Par
réponse"). asyncio's own loop stays the fallback where uvloop is not installed (Windows),
and can be forced."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:  # (asyncio is not needed to read the settings)
    import asyncio
    from collections.abc import Callable

    LoopFactory = Callable[[], asyncio.AbstractEventLoop]

LoopChoice = Literal["auto", "uvloop", "asyncio"]


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
