"""Health for supervisors: a heartbeat file and the webhook server's `GET /healthz`.

The processor's maintenance loop calls `beat` every few seconds: while the event loop turns,
the heartbeat file (HEARTBEAT_FILE) is rewritten (atomically) with a small JSON document. A
supervisor that sees the file's modification time older than a minute knows the process is
stuck. `status` is "degraded" while receiving updates or reaching the database has been
failing for `DEGRADED_AFTER` seconds (the bot keeps retrying by itself; this is for a human).
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

DEGRADED_AFTER = 60.0


class Health:
    def __init__(
        self,
        heartbeat_file: Path | None = None,
        *,
        monotonic: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], float] = time.time,
    ) -> None:
        self.heartbeat_file = heartbeat_file
        self._now = monotonic
        self._wall = wall_clock
        self.started = monotonic()
        self._failing_since: dict[str, float] = {}
        self.queued = 0

    def _record(self, what: str, ok: bool) -> None:
        if ok:
            self._failing_since.pop(what, None)
        else:
            self._failing_since.setdefault(what, self._now())

    def receiving(self, *, ok: bool) -> None:
        self._record("receiving", ok)

    def database(self, *, ok: bool) -> None:
        self._record("database", ok)

    def report(self) -> dict[str, Any]:
        now = self._now()
        failing = {
            what: round(now - since, 1)
            for what, since in self._failing_since.items()
            if now - since >= DEGRADED_AFTER
        }
        return {
            "status": "degraded" if failing else "ok",
            "failing_for_seconds": failing,
            "queued_updates": self.queued,
            "uptime_seconds": round(now - self.started, 1),
            "pid": os.getpid(),
            "time": round(self._wall(), 3),
        }

    @property
    def ok(self) -> bool:
        return bool(self.report()["status"] == "ok")

    def beat(self, *, queued: int) -> None:
        self.queued = queued
        if self.heartbeat_file is None:
            return
        path = self.heartbeat_file
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            temporary.write_text(json.dumps(self.report()) + "\n", encoding="utf-8")
            os.replace(temporary, path)
        except OSError as error:
            log.warning("heartbeat file not written (%s)", type(error).__name__)
