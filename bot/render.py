"""Engine `Message` → Telegram text (HTML) and inline keyboard, split under Telegram's limits.

Pure functions, no I/O: the handlers send what they return. Callback data is
``"a|{question key}|{choice id}"`` — identifiers only, never personal data — and stays within
Telegram's 64 bytes. Texts over 4096 characters are split at paragraph, then line, then word
boundaries, closing open tags at the end of a part and reopening them at the start of the next.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from dialogs.events import NAV_BACK, NAV_HELP, NAV_OK, NAV_SKIP, Message
from dialogs.texts import render_macro

TELEGRAM = "messages/telegram.html.j2"
MAX_TEXT = 4096
MAX_CALLBACK_DATA = 64
ANSWER_PREFIX = "a"

_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>")
# Navigation buttons share the keyboard's last row (their labels come from the engine).
_NAV_ROW = frozenset({NAV_BACK, NAV_HELP, NAV_SKIP})


@dataclass(frozen=True)
class Rendered:
    text: str
    markup: InlineKeyboardMarkup | None = None


def text(macro: str, **context: object) -> str:
    """One message of `templates/messages/telegram.html.j2`."""
    return render_macro(TELEGRAM, macro, **context)


def answer_data(key: str, choice: str) -> str:
    data = f"{ANSWER_PREFIX}|{key}|{choice}"
    if len(data.encode("utf-8")) > MAX_CALLBACK_DATA:
        raise ValueError(f"callback data over {MAX_CALLBACK_DATA} bytes for key {key!r}")
    return data


def parse_answer_data(data: str) -> tuple[str, str] | None:
    prefix, _, rest = data.partition("|")
    key, sep, choice = rest.rpartition("|")
    if prefix != ANSWER_PREFIX or not sep or not key:
        return None
    return key, choice


def keyboard(message: Message) -> InlineKeyboardMarkup | None:
    """Choices one per row (✅ before selected ones), navigation buttons on a last row."""
    if message.key is None or not message.buttons:
        return None
    mark = text("selected_mark") + " "
    rows: list[list[InlineKeyboardButton]] = []
    nav_row: list[InlineKeyboardButton] = []
    for button in message.buttons:
        label = button.label
        if message.multi and button.id in message.selected:
            label = mark + label
        item = InlineKeyboardButton(text=label, callback_data=answer_data(message.key, button.id))
        if button.nav and button.id in _NAV_ROW:
            nav_row.append(item)
        else:
            rows.append([item])
    if nav_row:
        rows.append(nav_row)
    return InlineKeyboardMarkup(inline_keyboard=rows)


def chosen_label(markup: InlineKeyboardMarkup | None, data: str) -> str | None:
    """What a click chose, as its button says (the ticked options when it validates a
    multiple choice); None for a navigation button or a button that is not there."""
    if markup is None:
        return None
    buttons = [b for row in markup.inline_keyboard for b in row]
    clicked = next((b for b in buttons if b.callback_data == data), None)
    parsed = parse_answer_data(data)
    if clicked is None or parsed is None or parsed[1] in _NAV_ROW:
        return None
    if parsed[1] == NAV_OK:
        mark = text("selected_mark") + " "
        ticked = [b.text.removeprefix(mark) for b in buttons if b.text.startswith(mark)]
        return ", ".join(ticked) or None
    return clicked.text


def with_answer(question_html: str, label: str) -> str | None:
    """The answered question's text with the chosen answer under it (None when too long)."""
    answered = question_html + "\n\n" + text("chosen", label=label)
    return answered if len(answered) <= MAX_TEXT else None


def render(message: Message) -> list[Rendered]:
    """The parts to send for one engine message; the keyboard goes on the last part."""
    body = message.html
    if message.progress:
        body = f"<i>{html.escape(message.progress, quote=False)}</i>\n\n{body}"
    parts = split_html(body)
    markup = keyboard(message)
    return [
        Rendered(part, markup if index == len(parts) - 1 else None)
        for index, part in enumerate(parts)
    ]


# -- splitting ---------------------------------------------------------------------------------


def _open_tags_after(fragment: str, stack: list[str]) -> list[str]:
    """The stack of open tags (their full opening markup) after `fragment`."""
    stack = list(stack)
    for closing, name, _attrs in _TAG.findall(fragment):
        if closing:
            for index in range(len(stack) - 1, -1, -1):
                if _tag_name(stack[index]) == name.lower():
                    del stack[index]
                    break
        else:
            stack.append(f"<{name.lower()}{_attrs}>")
    return stack


def _tag_name(opening: str) -> str:
    match = _TAG.match(opening)
    return match.group(2).lower() if match else ""


def _closing(stack: list[str]) -> str:
    return "".join(f"</{_tag_name(tag)}>" for tag in reversed(stack))


def _pieces(body: str, limit: int) -> list[str]:
    """Paragraphs, then lines, then words: each piece (with its separator) under `limit`."""
    out: list[str] = []
    for paragraph in re.split(r"(?<=\n\n)", body):
        if len(paragraph) <= limit:
            out.append(paragraph)
            continue
        for line in re.split(r"(?<=\n)", paragraph):
            if len(line) <= limit:
                out.append(line)
                continue
            # A very long line: cut at spaces outside tags and entities.
            for word in re.split(r"(?<= )(?![^<]*>)", line):
                while len(word) > limit:
                    cut = _safe_cut(word, limit)
                    out.append(word[:cut])
                    word = word[cut:]
                out.append(word)
    return out


def _safe_cut(word: str, limit: int) -> int:
    """A cut position ≤ limit that is not inside a tag or an entity."""
    cut = limit
    lt, amp = word.rfind("<", 0, cut), word.rfind("&", 0, cut)
    if lt > word.rfind(">", 0, cut):
        cut = lt
    if amp > word.rfind(";", 0, cut):
        cut = min(cut, amp)
    return max(cut, 1)


def split_html(body: str, limit: int = MAX_TEXT) -> list[str]:
    """Split Telegram HTML into parts of at most `limit` characters, tags kept balanced.

    The length counted is that of the markup itself, an upper bound of what Telegram counts
    (text after entity parsing), so every part is accepted.
    """
    if len(body) <= limit:
        return [body]
    reserve = 200  # room for tags closed at the end of a part and reopened in the next
    parts: list[str] = []
    stack: list[str] = []
    current = ""
    for piece in _pieces(body, limit - reserve):
        if current and len(current) + len(piece) + len(_closing(stack)) > limit - reserve // 2:
            parts.append(current + _closing(_open_tags_after(current, [])))
            current = "".join(stack)
        current += piece
        stack = _open_tags_after(piece, stack)
    if current.strip():
        parts.append(current)
    return [part.strip() for part in parts if _visible(part)]


def _visible(part: str) -> bool:
    return bool(_TAG.sub("", part).strip())
