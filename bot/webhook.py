"""Webhook mode: an aiohttp server receiving Telegram's updates, for one or several instances.

Telegram POSTs each update to WEBHOOK_URL with the header ``X-Telegram-Bot-Api-Secret-Token``;
a request without the right secret gets 401 and is not recorded. A good one is committed to
the `telegram_update` journal *before* the 200 answer (Telegram retries non-2xx answers, so a
crash before the commit loses nothing), then processed by the same path as long polling
(`bot.polling.Poller`: per-user FIFO lock, bounded concurrency, journal marked done). Updates
already in the journal (a re-delivery, or one sent to another instance) are answered 200 and
ignored. At start the pending updates are processed first, then `setWebhook` is called.

Several instances behind a load balancer share PostgreSQL and Redis: exactly-once holds through
`claim_event` in the shared database, per-user order and locks through `bot.locks`.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
from typing import Any

from aiohttp import web

from bot.polling import Poller, freeze_startup_objects
from storage.updates import record_updates, unfinished_updates

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


class WebhookReceiver:
    """The aiohttp application receiving updates and handing them to a `Poller`."""

    def __init__(self, poller: Poller, *, secret: str, path: str) -> None:
        if not secret:
            raise ValueError("a webhook needs a secret token")
        self.poller = poller
        self.secret = secret.encode()
        self.path = path
        self.app = web.Application()
        self.app.router.add_post(path, self.handle)
        self._runner: web.AppRunner | None = None

    def authorised(self, request: web.Request) -> bool:
        given = request.headers.get(SECRET_HEADER, "").encode()
        return hmac.compare_digest(given, self.secret)

    async def handle(self, request: web.Request) -> web.Response:
        if not self.authorised(request):
            log.warning("webhook: request refused (wrong or missing secret token)")
            return web.Response(status=401, text="Unauthorized")
        try:
            update: Any = json.loads(await request.read())
            update_id = int(update["update_id"])
        except (ValueError, TypeError, KeyError):
            return web.Response(status=400, text="Bad Request")
        if not isinstance(update, dict) or update_id < 0:
            return web.Response(status=400, text="Bad Request")
        await self._backpressure()
        try:
            # Committed before the 200 answer confirms the update to Telegram.
            fresh = await asyncio.to_thread(record_updates, self.poller.engine, [update])
        except Exception:
            log.exception("update %d: not recorded, Telegram will retry", update_id)
            return web.Response(status=503, text="Service Unavailable")
        for item in fresh:
            self.poller._schedule(item)
        if not fresh:
            log.info("update %d: already received, ignored", update_id)
        return web.Response(status=200)

    async def _backpressure(self) -> None:
        """Hold the request (Telegram waits) while too many updates are in flight."""
        tasks = self.poller._tasks
        while len(tasks) >= self.poller.max_in_flight:
            await asyncio.wait(set(tasks), return_when=asyncio.FIRST_COMPLETED)

    async def resume(self) -> None:
        """Process the updates recorded but not finished (by this or a stopped instance)."""
        for update in await asyncio.to_thread(unfinished_updates, self.poller.engine):
            log.info("update %s: resuming after restart", update.get("update_id"))
            self.poller._schedule(update)

    async def start(self, *, host: str, port: int) -> None:
        """Listen on host:port (returns once listening)."""
        freeze_startup_objects()
        self._runner = web.AppRunner(self.app, access_log=None, shutdown_timeout=10)
        await self._runner.setup()
        await web.TCPSite(self._runner, host, port).start()
        log.info("webhook server listening on %s:%d%s", host, port, self.path)

    async def shutdown(self) -> None:
        """Stop receiving, then finish the updates in progress."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        await self.poller.drain()
