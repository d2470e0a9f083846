"""User-facing wording: Jinja2 templates under `templates/messages/`.

`*.html.j2` templates produce Telegram-flavoured HTML with autoescaping on, so any user
text they include is escaped; the terminal adapter turns that HTML into plain text.
`*.txt.j2` templates produce plain text (warnings reused by the drafts).
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    StrictUndefined,
    Template,
    TemplateNotFound,
    nodes,
    select_autoescape,
)

from dialogs.calendar import format_date, month_label
from dialogs.money import format_amount, format_number
from dialogs.parsing import text as parsing_text
from dialogs.validation import format_phone, format_siret

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"


#: The longest label a button shows: a Telegram button shows about one line, and the
#: terminal numbers the same labels.
BUTTON_LABEL = 60


def shorten(text: str, limit: int = BUTTON_LABEL) -> str:
    """`text` within `limit` characters, cut at a word boundary and ended with « … » (never
    in the middle of a word, never on a dangling comma)."""
    return parsing_text.shorten(text, limit)


def _eur(value: Decimal | None, cents: bool = True) -> str:
    """ "12 500,00 €"; `cents=False` for a dossier whose documents print whole euros
    (`dialogs.rules.prints_cents`)."""
    return "—" if value is None else format_amount(value, cents=cents)


def _number(value: Decimal | int | None) -> str:
    return "—" if value is None else format_number(value)


def _date(value: dt.date | None) -> str:
    return "—" if value is None else format_date(value)


def _months(values: list[str] | None) -> str:
    if not values:
        return "—"
    return ", ".join(month_label(m) for m in values)


def _percent(value: Decimal | None) -> str:
    return "—" if value is None else format_number((value * 100).normalize()) + " %"


def _quoted(text: str) -> str:
    """« text », French style: guillemets already inside it become “ ” ("« Action 1 “Titre” »"),
    never « » within « »."""
    inner = str(text).replace("« ", "“").replace(" »", "”").replace("«", "“").replace("»", "”")
    return f"« {inner} »"


_CARDINALS = ("zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix")


def _in_words(value: int) -> str:
    """Small counts in words, as the call writes them ("les quatre orientations")."""
    return _CARDINALS[value] if 0 <= value < len(_CARDINALS) else str(value)


def _days_left(days: int) -> str:
    """ "13 jours restants", "1 jour restant", "dernier jour" (the call closes today)."""
    if days <= 0:
        return "dernier jour"
    return "1 jour restant" if days == 1 else f"{days} jours restants"


def counted(value: Decimal | int, singular: str, plural: str | None = None) -> str:
    """A count with its noun in French: « 0 action », « 1 dossier », « 2 dossiers » (0 and
    1 take the singular); `plural` for a noun not made with an « s » (« 3 travaux »)."""
    word = singular if -2 < value < 2 else (plural or f"{singular}s")
    return f"{format_number(value)} {word}"


FILTERS: dict[str, Any] = {
    "counted": counted,
    "days_left": _days_left,
    "in_words": _in_words,
    "eur": _eur,
    "number": _number,
    "date": _date,
    "months": _months,
    "phone": lambda v: "—" if not v else format_phone(v),
    "siret": lambda v: "—" if not v else format_siret(v),
    "percent": _percent,
    "quoted": _quoted,
    # typed words quoted back, at most so many characters: a word never cut (`shorten`)
    "shorten": lambda text, limit=BUTTON_LABEL: shorten(str(text), int(limit)),
}


class _AbsolutePathLoader(BaseLoader):
    """Templates named by an absolute path: the prompts a call's form ships beside it."""

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        path = Path(template)
        if not path.is_absolute() or not path.is_file():
            raise TemplateNotFound(template)
        mtime = path.stat().st_mtime
        return path.read_text(encoding="utf-8"), str(path), lambda: path.stat().st_mtime == mtime


@cache
def environment() -> Environment:
    env = Environment(
        loader=ChoiceLoader([FileSystemLoader(str(TEMPLATES_DIR)), _AbsolutePathLoader()]),
        autoescape=select_autoescape(enabled_extensions=("html.j2",), default_for_string=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        # The templates ship with the code: compiled once, never checked again on disk.
        auto_reload=False,
    )
    env.filters.update(FILTERS)
    return env


def template_macros(template: str) -> set[str]:
    """The names of the macros a template defines (to check a form's prompts)."""
    env = environment()
    source, _, _ = env.loader.get_source(env, template)  # type: ignore[union-attr]
    return {macro.name for macro in env.parse(source).find_all(nodes.Macro)}


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context).strip()


def render_macro(template: str, macro: str, **context: Any) -> str:
    """One message of a template file: macros take no arguments and read `context`."""
    if not context:  # a fixed text (a note, a button label): rendered once
        return _fixed_macro(template, macro)
    return _render_macro(template, macro, context)


@cache
def _fixed_macro(template: str, macro: str) -> str:
    return _render_macro(template, macro, {})


def _render_macro(template: str, macro: str, context: dict[str, Any]) -> str:
    module = _macro_template_named(environment(), template, macro).make_module(context)
    function = getattr(module, macro, None)
    if function is None:
        raise KeyError(f"{template} has no macro {macro!r}")
    return str(function()).strip()


@lru_cache(maxsize=1024)
def _macro_template_named(env: Environment, template: str, macro: str) -> Template:
    """`_macro_template` for the file named `template`, without loading the whole file
    first: `get_template` compiles all its macros (about 80 in `questions.html.j2`; 0,4 s of
    CPU over the shipped files, at each one's first message in a process) only for the cut
    to be made from a second parse. The file is parsed once and cut; it is loaded whole only
    when it cannot be cut. The templates ship with the code and are never reloaded
    (`auto_reload=False`): a name stands for one file."""
    parsed, filename = _parsed_named(env, template)
    cut = _cut(env, parsed, template, filename, macro)
    return cut if cut is not None else env.get_template(template)


@lru_cache(maxsize=64)
def _parsed_named(env: Environment, template: str) -> tuple[nodes.Template, str | None]:
    """The syntax tree of the file named `template`, with its file name (parsing a file of
    messages: about 20 ms)."""
    source, filename, _ = env.loader.get_source(env, template)  # type: ignore[union-attr]
    return env.parse(source, template, filename), filename


@lru_cache(maxsize=1024)
def _macro_template(whole: Template, macro: str) -> Template:
    """`whole` cut down to `macro` and the macros it calls.

    Building a template's module runs its whole body: every macro of the file is defined
    again (about 80 in `questions.html.j2`, 40–240 µs) to call one. The cut-down template
    defines only what `macro` can reach, in the file's order, so the macro runs as it would
    in the whole module; it keeps the file's name and line numbers for errors. Keyed by the
    loaded template itself: a template loaded anew (another file behind the name) is cut
    anew. A file with anything but macros and text at its top (a `{% set %}`, an import, a
    macro defined under an `{% if %}`) is not cut: such a statement may name a macro the
    cut would leave out."""
    env = whole.environment
    cut = _cut(env, _parsed(whole), whole.name, whole.filename, macro)
    return cut if cut is not None else whole


def _cut(
    env: Environment, parsed: nodes.Template, name: str | None, filename: str | None, macro: str
) -> Template | None:
    """The template of `macro` and the macros it calls, from the tree `parsed` of the file
    `name` (see `_macro_template`); None when the file cannot be cut."""
    if any(not isinstance(node, nodes.Macro) and not _is_text(node) for node in parsed.body):
        return None
    macros = {node.name: node for node in parsed.body if isinstance(node, nodes.Macro)}
    needed: set[str] = set()
    waiting = [macro] if macro in macros else []
    while waiting:
        found = waiting.pop()
        if found not in needed:
            needed.add(found)
            waiting += [n.name for n in macros[found].find_all(nodes.Name) if n.name in macros]
    body = [node for node in parsed.body if isinstance(node, nodes.Macro) and node.name in needed]
    # The compiler's optimizer rewrites the nodes it is given: each cut compiles its own copy.
    cut = nodes.Template(copy.deepcopy(body, {id(env): env}), lineno=1)
    cut.set_environment(env)
    code = env.compile(cut, name, filename)
    return env.template_class.from_code(env, code, env.make_globals(None))


@lru_cache(maxsize=64)
def _parsed(whole: Template) -> nodes.Template:
    """The syntax tree of a loaded template (parsing a file of messages: about 20 ms)."""
    env = whole.environment
    source, filename, _ = env.loader.get_source(env, whole.name or "")  # type: ignore[union-attr]
    return env.parse(source, whole.name, filename)


def _is_text(node: nodes.Node) -> bool:
    """Literal text between the macros (a module's body, never part of a macro's output)."""
    return isinstance(node, nodes.Output) and all(
        isinstance(child, nodes.TemplateData) for child in node.nodes
    )
