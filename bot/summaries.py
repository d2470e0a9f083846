"""Staff summaries kept fresh off the applicants' path.

Each saved answer changes its dossier's staff summary (`dialogs.dossier_facts`: a review of
the dossier, then one more statement). The bot does not compute it in the answer's
transaction: `keep_summaries` refreshes the stale ones every few seconds, in a worker thread,
and only when the interview service saved something since its last look. Staff never see an
old summary either way, since every listing, statistic and export refreshes what is still
stale first (`StaffService.refresh_summaries`); this task only keeps that wait short.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable

log = logging.getLogger(__name__)

#: Seconds between two looks. Staff's next listing then recomputes at most this long's
#: worth of applicants' changes (about a millisecond per dossier changed).
EVERY = 15.0


async def keep_summaries(
    saves: Callable[[], int],
    refresh: Callable[[], int],
    stop: asyncio.Event,
    *,
    every: float = EVERY,
) -> None:
    """Until `stop`: every `every` seconds, if `saves()` moved since the last look, run
    `refresh()` (blocking: a worker thread). A failure is logged and retried at the next
    look: staff listings refresh for themselves anyway."""
    seen = saves()
    while not stop.is_set():
        with contextlib.suppress(TimeoutError):  # the usual way out: time for a look
            await asyncio.wait_for(stop.wait(), timeout=every)
        now = saves()
        if now == seen:
            continue
        try:
            await asyncio.to_thread(refresh)
        except Exception as error:  # e.g. the database away for a moment
            log.warning("staff summaries not refreshed (%s): retried in %.0f s", error, every)
            continue
        seen = now
