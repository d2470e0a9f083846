"""The console's aiohttp application: sign-in, sessions, CSRF, security headers, the pages.

Every page and file needs a live staff session (`guard`): without one the answer is 401 and
names nothing of the data. The session comes from a one-time link the bot sends (`/console`,
`bot.handlers.console`): opening the link shows a button, whose POST uses the link up, sets
the session cookie (HttpOnly, SameSite=Strict, Secure when CONSOLE_URL is https, expiring
with the session) and leads to the dossiers. The button is there for two reasons: a link
fetched by a preview robot is not used up, and a cookie set by a same-site POST is sent on
the redirect that follows (after a click in Telegram, a cross-site navigation, a
SameSite=Strict cookie would not be). Every POST of a session carries its CSRF token.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from aiohttp import web

from console.render import CONSOLE_TEMPLATES, render_page
from dialogs.announcing import Announcer
from dialogs.console import ConsoleService, ConsoleSession
from dialogs.console_dossier import ConsoleDossiers
from dialogs.staff import StaffService
from dialogs.support import SupportService

if TYPE_CHECKING:
    from aiogram import Bot

    from bot.handlers.staff_relay import StaffDesk

log = logging.getLogger(__name__)

COOKIE = "aap_console"
CSRF_FIELD = "csrf"
STYLE_SHEET = CONSOLE_TEMPLATES / "console.css"
#: No script anywhere; styles from our sheet (and the SVG chart's attributes); forms post
#: only here; never framed; no referrer (the sign-in link carries its token).
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
        "frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}
PUBLIC_ROUTES = frozenset({"sign_in_page", "sign_in", "style"})

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass
class ConsoleDeps:
    """What the pages use: the services, the bot (to relay answers and announcements; None
    in tests that need no Telegram), the staff group's desk (to tell colleagues there what
    was answered or closed here; None without a staff group) and the console's public
    address."""

    console: ConsoleService
    dossiers: ConsoleDossiers
    staff: StaffService
    support: SupportService
    announcer: Announcer
    bot: Bot | None
    url: str
    desk: StaffDesk | None = None
    tasks: set[asyncio.Task[Any]] = field(default_factory=set)

    @property
    def prefix(self) -> str:
        """The path the console is served under ("/console"), "" at the root."""
        return urlsplit(self.url).path.rstrip("/")

    @property
    def secure(self) -> bool:
        return urlsplit(self.url).scheme == "https"

    def spawn(self, job: Awaitable[Any]) -> None:
        """Run `job` in the background (an announcement), kept until done."""
        task = asyncio.ensure_future(job)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)


DEPS = web.AppKey("console", ConsoleDeps)
SESSION = web.RequestKey("console_session", ConsoleSession)
SESSION_TOKEN = web.RequestKey("console_session_token", str)


def deps(request: web.Request) -> ConsoleDeps:
    return request.app[DEPS]


def session_of(request: web.Request) -> ConsoleSession:
    return request[SESSION]


def url(request: web.Request, path: str = "") -> str:
    return f"{deps(request).prefix}{path}" or "/"


def page(request: web.Request, template: str, *, status: int = 200, **context: Any) -> web.Response:
    return render_page(
        template,
        status=status,
        prefix=deps(request).prefix,
        session=request.get(SESSION),
        csrf_field=CSRF_FIELD,
        path=request.path,
        **context,
    )


def form_text(form: Mapping[str, object], name: str) -> str:
    """A text field as typed, its line breaks "\n": browsers send a textarea's as "\r\n",
    which Telegram would show as they are."""
    value = form.get(name, "")
    return str(value).replace("\r\n", "\n").replace("\r", "\n")


def see_other(request: web.Request, path: str) -> web.HTTPSeeOther:
    return web.HTTPSeeOther(url(request, path))


def error_page(request: web.Request, status: int, kind: str) -> web.Response:
    return page(request, "error.html.j2", status=status, kind=kind)


@web.middleware
async def guard(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Staff sessions only; CSRF on every POST; security headers on every answer."""
    try:
        response = await _guarded(request, handler)
    except web.HTTPException as error:
        if error.status < 400:  # a redirect
            _secure(request, error)
            raise
        kind = "not_found" if error.status in (404, 405) else "error"
        response = error_page(request, error.status, kind)
    except Exception:  # a bug: logged, and a page in French rather than aiohttp's
        log.exception("console: %s %s failed", request.method, request.path)
        response = error_page(request, 500, "error")
    _secure(request, response)
    return response


def _secure(request: web.Request, response: web.StreamResponse) -> None:
    response.headers.update(SECURITY_HEADERS)
    if request.match_info.route.name != "style":
        response.headers["Cache-Control"] = "no-store"


async def _guarded(request: web.Request, handler: Handler) -> web.StreamResponse:
    if request.match_info.route.name in PUBLIC_ROUTES:
        return await handler(request)
    token = request.cookies.get(COOKIE)
    session = await asyncio.to_thread(deps(request).console.session, token)
    if session is None:
        return error_page(request, 401, "signed_out")
    request[SESSION] = session
    request[SESSION_TOKEN] = token or ""
    if request.method == "POST":
        form = await request.post()
        sent = form.get(CSRF_FIELD)
        if not ConsoleService.check_csrf(session, sent if isinstance(sent, str) else None):
            log.warning("console: POST %s refused (CSRF token)", request.path)
            return error_page(request, 403, "csrf")
    return await handler(request)


# -- signing in and out ------------------------------------------------------------------------
async def sign_in_page(request: web.Request) -> web.Response:
    token = request.query.get("jeton", "")
    return page(request, "sign_in.html.j2", token=token)


async def sign_in(request: web.Request) -> web.StreamResponse:
    form = await request.post()
    token = form.get("jeton")
    console = deps(request).console
    opened = await asyncio.to_thread(console.open_session, token if isinstance(token, str) else "")
    if opened is None:
        return error_page(request, 403, "bad_link")
    response = web.Response(status=303, headers={"Location": url(request, "/dossiers")})
    response.set_cookie(
        COOKIE,
        opened.token,
        max_age=int(console.session_ttl.total_seconds()),
        path=url(request, "/"),
        secure=deps(request).secure,
        httponly=True,
        samesite="Strict",
    )
    return response


async def sign_out(request: web.Request) -> web.Response:
    session = session_of(request)
    token = request[SESSION_TOKEN]
    await asyncio.to_thread(deps(request).console.sign_out, token, session)
    del request[SESSION]  # the page after signing out shows no menu
    response = page(request, "signed_out.html.j2")
    response.del_cookie(COOKIE, path=url(request, "/"))
    return response


async def home(request: web.Request) -> web.StreamResponse:
    raise see_other(request, "/dossiers")


async def style(request: web.Request) -> web.FileResponse:
    return web.FileResponse(STYLE_SHEET, headers={"Content-Type": "text/css; charset=utf-8"})


def console_app(console_deps: ConsoleDeps) -> web.Application:
    """The console as an aiohttp application (serve it with `ConsoleServer`, or mount it)."""
    from console import announcements, dossiers, figures, support

    app = web.Application(middlewares=[guard], client_max_size=256 * 1024)
    app[DEPS] = console_deps
    prefix = console_deps.prefix
    app.router.add_get(prefix or "/", home, name="home")
    if prefix:
        app.router.add_get(f"{prefix}/", home)
    app.router.add_get(f"{prefix}/connexion", sign_in_page, name="sign_in_page")
    app.router.add_post(f"{prefix}/connexion", sign_in, name="sign_in")
    app.router.add_post(f"{prefix}/deconnexion", sign_out, name="sign_out")
    app.router.add_get(f"{prefix}/console.css", style, name="style")
    for module in (dossiers, support, announcements, figures):
        module.add_routes(app.router, prefix)
    app.on_shutdown.append(_cancel_tasks)
    return app


async def _cancel_tasks(app: web.Application) -> None:
    tasks = list(app[DEPS].tasks)
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
