"""Webhook mode: an aiohttp server receiving Telegram's updates, for one or several instances.

Telegram POSTs each update to WEBHOOK_URL with the header ``X-Telegram-Bot-Api-Secret-Token``;
a request without the right secret gets 401 and is not recorded. A good one is committed to
the `telegram_update` journal (leased to this instance) *before* the 200 answer (Telegram
retries non-2xx answers, so a crash before the commit loses nothing), then processed by
`bot.processing.UpdateProcessor` (per-user queues, retries, leases, order across instances).
Updates already in the journal (a re-delivery, or one sent to another instance) are answered
200 and ignored. At start the pending updates nobody holds are taken first.

Hardening: a body over `MAX_BODY` bytes gets 413; headers not complete within
`HEADER_TIMEOUT` seconds close the connection, a body not received within `BODY_TIMEOUT`
seconds gets 408; a body that is not a JSON object with an integer `update_id` in 1…2⁶³−1,
or that nests deeper than any update, gets 400 and is not recorded (an id like `1e309`,
`10**30` or `true` included). A database that cannot record gets 503 (Telegram retries).

`GET /healthz` answers the processor's health (200 "ok", 503 "degraded"), for load balancers.

A click on an interview answer is acknowledged the way Telegram allows in webhook mode: the
200 response carries the `answerCallbackQuery` call (`answer_at_once` picks the updates whose
handler would answer blank first thing), so the click costs the bot one request to the Bot
API (the question edited into the next one) instead of two. The processor tells the
handler (`UpdateInHand.callback_answered`). Should the update be handled elsewhere after all
(another instance taking it over), answering it again is a harmless "query is too old".
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
from collections.abc import Callable
from typing import Any

from aiohttp import web

from bot.polling import freeze_startup_objects, valid_update
from bot.processing import UpdateProcessor
from storage.updates import record_updates

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_BODY = 1024 * 1024  # Telegram's updates are a few kilobytes
HEADER_TIMEOUT = 10.0
BODY_TIMEOUT = 10.0
HEALTH_PATH = "/healthz"


class WebhookReceiver:
    """The aiohttp application receiving updates and handing them to the processor."""

    def __init__(
        self,
        processor: UpdateProcessor,
        *,
        secret: str,
        path: str,
        header_timeout: float = HEADER_TIMEOUT,
        body_timeout: float = BODY_TIMEOUT,
        answer_at_once: Callable[[dict[str, Any]], str | None] | None = None,
    ) -> None:
        if not secret:
            raise ValueError("a webhook needs a secret token")
        self.processor = processor
        self.secret = secret.encode()
        self.path = path
        self.header_timeout = header_timeout
        self.body_timeout = body_timeout
        self.answer_at_once = answer_at_once
        self.app = web.Application(client_max_size=MAX_BODY)
        self.app.router.add_post(path, self.handle)
        self.app.router.add_get(HEALTH_PATH, self.healthz)
        self._runner: web.AppRunner | None = None

    def authorised(self, request: web.Request) -> bool:
        given = request.headers.get(SECRET_HEADER, "").encode()
        return hmac.compare_digest(given, self.secret)

    async def handle(self, request: web.Request) -> web.Response:
        if not self.authorised(request):
            log.warning("webhook: request refused (wrong or missing secret token)")
            return web.Response(status=401, text="Unauthorized")
        try:
            body = await asyncio.wait_for(request.read(), self.body_timeout)
        except web.HTTPRequestEntityTooLarge:
            return web.Response(status=413, text="Payload Too Large")
        except TimeoutError:
            return web.Response(status=408, text="Request Timeout")
        update = _parse(body)
        if update is None:
            log.warning("webhook: a request that is not an update, refused")
            return web.Response(status=400, text="Bad Request")
        update_id = int(update["update_id"])
        try:
            # Committed before the 200 answer confirms the update to Telegram.
            fresh = await asyncio.to_thread(
                record_updates,
                self.processor.engine,
                [update],
                owner=self.processor.owner,
                lease=self.processor.lease,
            )
        except Exception as error:
            self.processor.health.database(ok=False)
            log.warning(
                "update %d: not recorded (%s), Telegram will retry", update_id, type(error).__name__
            )
            return web.Response(status=503, text="Service Unavailable")
        self.processor.health.database(ok=True)
        self.processor.health.receiving(ok=True)
        query_id = self.answer_at_once(update) if self.answer_at_once is not None else None
        if not fresh:
            log.info("update %d: already received, ignored", update_id)
            # Telegram sends it again when our first 200 was lost, with the answer it carried.
            return _answered(query_id)
        if query_id is not None:
            self.processor.callback_answered(update_id)  # before its worker can start
        if update_id in await self.processor.accept(fresh):
            return web.Response(status=200)  # over the quota: the notice answers the click
        return _answered(query_id)

    async def healthz(self, request: web.Request) -> web.Response:
        report = self.processor.health.report()
        status = 200 if report["status"] == "ok" else 503
        return web.json_response(report, status=status)

    async def start(self, *, host: str, port: int) -> None:
        """Take the pending updates nobody holds, then listen on host:port."""
        freeze_startup_objects()
        await self.processor.start()
        # aiohttp's keep-alive timer also runs from the connection's start: a client that
        # never completes its headers is cut off after `header_timeout` seconds.
        self._runner = web.AppRunner(
            self.app, access_log=None, shutdown_timeout=10, keepalive_timeout=self.header_timeout
        )
        await self._runner.setup()
        await web.TCPSite(self._runner, host, port).start()
        log.info("webhook server listening on %s:%d%s", host, port, self.path)

    async def shutdown(self) -> None:
        """Stop receiving, then finish the updates in progress."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        await self.processor.stop()


def _answered(query_id: str | None) -> web.Response:
    """The 200 acknowledging an update, answering its callback query when `query_id`."""
    if query_id is None:
        return web.Response(status=200)
    return web.json_response({"method": "answerCallbackQuery", "callback_query_id": query_id})


def _parse(body: bytes) -> dict[str, Any] | None:
    """The update in a request body, or None when it is not one (see the module doc)."""
    try:
        update: Any = json.loads(body)
    except (ValueError, RecursionError):
        return None
    return update if valid_update(update) else None
