"""Serving the console in the bot's process: `aap-bot run` starts it next to the poller (or
the webhook server) when CONSOLE_URL is set, and stops it with the bot."""

from __future__ import annotations

import logging

from aiohttp import web

from console.web import ConsoleDeps, console_app

log = logging.getLogger(__name__)


class ConsoleServer:
    def __init__(self, console_deps: ConsoleDeps) -> None:
        self.app = console_app(console_deps)
        self._runner: web.AppRunner | None = None
        self.port: int | None = None

    async def start(self, *, host: str, port: int) -> None:
        runner = web.AppRunner(self.app, access_log=None, shutdown_timeout=5.0)
        await runner.setup()
        site = web.TCPSite(runner, host, port)
        await site.start()
        self._runner = runner
        server = site._server
        sockets = getattr(server, "sockets", None) or []
        self.port = sockets[0].getsockname()[1] if sockets else port
        log.info("console listening on %s:%s", host, self.port)

    async def shutdown(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
