"""The console's pages: Jinja2 templates of `templates/console/` (HTML, autoescaped)."""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from typing import Any

from aiohttp import web
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from dialogs.exports import readiness_words
from dialogs.money import format_eur
from dialogs.spreadsheets import format_moment
from dialogs.texts import FILTERS, TEMPLATES_DIR

CONSOLE_TEMPLATES = TEMPLATES_DIR / "console"


def declared(value: Decimal | None) -> str:
    """An amount of the budget, or « non renseigné » for one not answered yet (never a 0
    that reads as declared)."""
    return "non renseigné" if value is None else format_eur(value)


def telegram_html(text: str) -> Markup:
    """A message rendered for Telegram (escaped by its template, a few inline tags) shown
    as it will read: its lines kept by the page's style (`.message`)."""
    return Markup(text)


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(CONSOLE_TEMPLATES)),
        autoescape=select_autoescape(enabled_extensions=("html.j2",), default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    env.filters.update(FILTERS)
    env.filters["when"] = format_moment
    env.filters["telegram"] = telegram_html
    env.filters["declared"] = declared
    env.globals["readiness_words"] = readiness_words  # the export's « État », word for word
    return env


def render_page(template: str, *, status: int = 200, **context: Any) -> web.Response:
    body = environment().get_template(template).render(**context)
    return web.Response(text=body, status=status, content_type="text/html", charset="utf-8")
