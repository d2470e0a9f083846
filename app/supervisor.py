"""`aap-bot run --supervise`: the bot restarted from a pre-imported fork when it dies.

Why: most of a start is Python importing aiogram (it builds some 440 pydantic models) and
our packages, seconds of CPU on a loaded machine. A supervisor (systemd, Docker) restarting
`aap-bot run` pays that at each restart. Here a parent process imports everything once, then
forks the bot; when the bot dies (a crash, a SIGKILL, the out-of-memory killer), the parent
forks it again at once from its already imported modules: the new bot reaches its first
getUpdates in a fraction of the cold start. The parent opens no database, no socket and no
event loop, so a fork inherits nothing shared.

Stopping: SIGTERM or SIGINT to the parent is passed to the bot, which finishes what it is
doing; the parent then exits with the bot's code. A bot that exits 0 (stopped) or 2 (a
configuration error: restarting would not help) is not restarted. Up to `BURST` exits within
`WINDOW` seconds restart at once; beyond, each restart waits twice as long as the one before
(up to `MAX_DELAY`), so a bot that fails at every start does not spin.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field

log = logging.getLogger(__name__)

NO_RESTART = (0, 2)  # stopped on purpose; configuration error
BURST = 5
WINDOW = 60.0
FIRST_DELAY = 0.5
MAX_DELAY = 30.0


def preload() -> None:
    """Import what `aap-bot run` imports before its first getUpdates (in the parent, once)."""
    import aiogram
    import aiogram.client.session.aiohttp
    import aiogram.methods
    import aiogram.types  # noqa: F401

    import app.bootstrap  # noqa: F401
    import bot.app
    import bot.logs  # noqa: F401


def exit_code(status: int) -> int:
    """A `waitpid` status as a shell would report it (128 + signal for a killed process)."""
    if os.WIFSIGNALED(status):
        return 128 + os.WTERMSIG(status)
    return os.WEXITSTATUS(status)


@dataclass
class RestartPolicy:
    """How long to wait before the next fork, given when the bots exited (monotonic s)."""

    delay: float = 0.0
    exits: list[float] = field(default_factory=list)

    def after_exit(self, at: float) -> float:
        self.exits = [t for t in self.exits if at - t < WINDOW] + [at]
        if len(self.exits) <= BURST:
            self.delay = 0.0
        else:
            self.delay = FIRST_DELAY if self.delay == 0 else min(MAX_DELAY, self.delay * 2)
        return self.delay


def supervise(
    run_bot: Callable[[], int],
    *,
    monotonic: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
) -> int:
    """Fork `run_bot()` (its return value is the child's exit code) and fork it again each
    time it dies, until it exits 0 or 2 or the parent is asked to stop."""
    stopping: list[int] = []
    child = 0

    def forward(signum: int, _frame: object) -> None:
        stopping.append(signum)
        if child:
            with contextlib.suppress(ProcessLookupError):
                os.kill(child, signum)

    previous = {sig: signal.signal(sig, forward) for sig in (signal.SIGTERM, signal.SIGINT)}
    policy = RestartPolicy()
    try:
        while True:
            child = os.fork()
            if child == 0:  # the bot
                for sig, handler in previous.items():
                    signal.signal(sig, handler)
                os._exit(_run_child(run_bot))
            log.info("supervisor: bot started (pid %d)", child)
            status = _wait(child)
            code = exit_code(status)
            child = 0
            if stopping or code in NO_RESTART:
                return code
            delay = policy.after_exit(monotonic())
            log.warning("supervisor: bot exited (code %d), restarting in %.1f s", code, delay)
            if delay:
                sleep(delay)
            if stopping:
                return code
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _run_child(run_bot: Callable[[], int]) -> int:
    """The bot's exit code, whatever way it ends (its streams flushed: `os._exit` would not)."""
    code = 1
    try:
        code = run_bot()
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
    except BaseException:
        log.exception("supervisor: the bot failed")
    finally:
        logging.shutdown()
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(OSError, ValueError):
                stream.flush()
    return code


def _wait(pid: int) -> int:
    while True:
        try:
            _, status = os.waitpid(pid, 0)
            return status
        except InterruptedError:  # pragma: no cover - PEP 475 retries, kept for clarity
            continue
