"""Telegram ``parse_mode=HTML`` checker, modelled on tdlib's ``parse_html``.

``parse_html(text)`` returns the plain text (tags removed, entities decoded) and the message
entities Telegram would create (offsets and lengths in UTF-16 code units), or raises
``HTMLParseError`` whose ``description`` is the text Telegram puts after
``"Bad Request: can't parse entities: "``.

Rules (core.telegram.org/bots/api#html-style):

- tags: b, strong, i, em, u, ins, s, strike, del, span (only with ``class="tg-spoiler"``),
  tg-spoiler, a (``href``), tg-emoji (``emoji-id``), code (``class`` allowed), pre,
  blockquote (optional ``expandable``); tag and attribute names are case-insensitive;
- tags must be properly nested and closed;
- only the named entities ``&lt; &gt; &amp; &quot;`` are supported, numeric ones all are.

Simplifications and deliberate strictness (``strict=True``, the default):

- the Bot API documentation says every ``<``, ``>`` and ``&`` that is not markup must be escaped.
  tdlib is in fact laxer: a bare ``>`` and an ``&`` that does not start a known entity are kept
  as literal text. The strict mode follows the documentation (so that a bot that passes here
  cannot break if Telegram tightens its parser); ``strict=False`` mimics tdlib.
- tdlib silently drops entities nested inside ``code``/``pre``; this checker keeps them.
- ``a href`` values are not validated as URLs; unknown attributes are ignored, like tdlib.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "ALLOWED_TAGS",
    "HTMLParseError",
    "parse_html",
    "strip_html",
    "utf16_len",
]

ALLOWED_TAGS = frozenset(
    {
        "b",
        "strong",
        "i",
        "em",
        "u",
        "ins",
        "s",
        "strike",
        "del",
        "span",
        "tg-spoiler",
        "a",
        "tg-emoji",
        "code",
        "pre",
        "blockquote",
    }
)

_ENTITY_TYPES = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "span": "spoiler",
    "tg-spoiler": "spoiler",
    "a": "text_link",
    "tg-emoji": "custom_emoji",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
}

_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_ENTITY_RE = re.compile(r"&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
_SPACES = " \t\r\n"


class HTMLParseError(ValueError):
    """The text is not valid Telegram HTML; ``description`` is Telegram's wording."""

    def __init__(self, description: str) -> None:
        super().__init__(description)
        self.description = description


def utf16_len(text: str) -> int:
    """Length of ``text`` in UTF-16 code units (the unit of Telegram entity offsets)."""
    return len(text.encode("utf-16-le")) // 2


@dataclass
class _OpenTag:
    name: str
    attrs: dict[str, str]
    start: int  # UTF-16 offset in the plain text
    byte_offset: int
    extra: dict[str, Any] = field(default_factory=dict)


def _byte_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-8"))


def _decode_entities(value: str, text: str, base: int, strict: bool) -> str:
    """Decode entities inside an attribute value (same rules as in text)."""
    out: list[str] = []
    i = 0
    while i < len(value):
        ch = value[i]
        if ch == "&":
            decoded, i = _read_entity(value, i, text, base + i, strict)
            out.append(decoded)
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def _read_entity(source: str, i: int, text: str, abs_index: int, strict: bool) -> tuple[str, int]:
    """Read the entity at ``source[i] == '&'``; return (decoded text, next index)."""
    match = _ENTITY_RE.match(source, i)
    if match is not None:
        name = match.group(1)
        if name.startswith("#"):
            try:
                code = int(name[2:], 16) if name[1:2] in ("x", "X") else int(name[1:])
            except ValueError:  # pragma: no cover - the regex guarantees digits
                code = -1
            if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF:
                return chr(code), match.end()
        elif name in _NAMED_ENTITIES:
            return _NAMED_ENTITIES[name], match.end()
        if strict:
            raise HTMLParseError(
                f'Unsupported HTML entity "{match.group(0)}" at byte offset '
                f"{_byte_offset(text, abs_index)}"
            )
        return "&", i + 1
    if strict:
        raise HTMLParseError(
            f'Unescaped "&" at byte offset {_byte_offset(text, abs_index)}; '
            'use "&amp;" for a literal "&"'
        )
    return "&", i + 1


def parse_html(text: str, *, strict: bool = True) -> tuple[str, list[dict[str, Any]]]:
    """Parse Telegram HTML; return ``(plain_text, entities)`` or raise ``HTMLParseError``."""
    out: list[str] = []
    out_len16 = 0
    stack: list[_OpenTag] = []
    entities: list[dict[str, Any]] = []
    n = len(text)
    i = 0

    def emit(chunk: str) -> None:
        nonlocal out_len16
        out.append(chunk)
        out_len16 += utf16_len(chunk)

    while i < n:
        ch = text[i]
        if ch == "&":
            decoded, i = _read_entity(text, i, text, i, strict)
            emit(decoded)
            continue
        if ch == ">" and strict:
            raise HTMLParseError(
                f'Unescaped ">" at byte offset {_byte_offset(text, i)}; '
                'use "&gt;" for a literal ">"'
            )
        if ch != "<":
            emit(ch)
            i += 1
            continue

        tag_start = i
        if i + 1 < n and text[i + 1] == "/":
            # End tag.
            close = text.find(">", i + 2)
            if close == -1:
                raise HTMLParseError(f"Unclosed end tag at byte offset {_byte_offset(text, i)}")
            name = text[i + 2 : close].strip(_SPACES).lower()
            if not stack:
                raise HTMLParseError(f"Unexpected end tag at byte offset {_byte_offset(text, i)}")
            top = stack[-1]
            if name != top.name:
                raise HTMLParseError(
                    f"Unmatched end tag at byte offset {_byte_offset(text, i)}, "
                    f'expected "</{top.name}>", found "</{name}>"'
                )
            stack.pop()
            entity = _make_entity(top, out_len16 - top.start, stack)
            if entity is not None:
                entities.append(entity)
            i = close + 1
            continue

        # Start tag.
        j = i + 1
        while j < n and text[j] not in _SPACES and text[j] not in ">/":
            j += 1
        if j >= n:
            raise HTMLParseError(f"Unclosed start tag at byte offset {_byte_offset(text, i)}")
        name = text[i + 1 : j].lower()
        if name not in ALLOWED_TAGS:
            raise HTMLParseError(
                f'Unsupported start tag "{name}" at byte offset {_byte_offset(text, i)}'
            )
        attrs: dict[str, str] = {}
        while True:
            while j < n and text[j] in _SPACES:
                j += 1
            if j >= n:
                raise HTMLParseError(
                    f"Unclosed start tag at byte offset {_byte_offset(text, tag_start)}"
                )
            if text[j] == ">":
                j += 1
                break
            k = j
            while k < n and text[k] not in _SPACES and text[k] not in "=>":
                k += 1
            attr_name = text[j:k].lower()
            if not attr_name or not re.fullmatch(r"[a-z0-9_-]+", attr_name):
                raise HTMLParseError(
                    f'Empty attribute name in the tag "{name}" at byte offset '
                    f"{_byte_offset(text, j)}"
                )
            j = k
            while j < n and text[j] in _SPACES:
                j += 1
            value = ""
            if j < n and text[j] == "=":
                j += 1
                while j < n and text[j] in _SPACES:
                    j += 1
                if j >= n:
                    raise HTMLParseError(
                        f"Unclosed start tag at byte offset {_byte_offset(text, tag_start)}"
                    )
                if text[j] in "'\"":
                    quote = text[j]
                    end = text.find(quote, j + 1)
                    if end == -1:
                        raise HTMLParseError(
                            f"Unclosed start tag at byte offset {_byte_offset(text, tag_start)}"
                        )
                    value = _decode_entities(text[j + 1 : end], text, j + 1, strict)
                    j = end + 1
                else:
                    k = j
                    while k < n and text[k] not in _SPACES and text[k] != ">":
                        k += 1
                    value = _decode_entities(text[j:k], text, j, strict)
                    j = k
            attrs[attr_name] = value

        if name == "span" and attrs.get("class") != "tg-spoiler":
            raise HTMLParseError(
                f'Tag "span" must have class "tg-spoiler" at byte offset '
                f"{_byte_offset(text, tag_start)}"
            )
        if name == "tg-emoji" and not attrs.get("emoji-id", "").isdigit():
            raise HTMLParseError(
                f'Tag "tg-emoji" must have attribute "emoji-id" at byte offset '
                f"{_byte_offset(text, tag_start)}"
            )
        if name == "blockquote" and any(t.name == "blockquote" for t in stack):
            raise HTMLParseError(
                f"Blockquote entities can't be nested at byte offset "
                f"{_byte_offset(text, tag_start)}"
            )
        stack.append(_OpenTag(name, attrs, out_len16, _byte_offset(text, tag_start)))
        i = j

    if stack:
        raise HTMLParseError(f'Can\'t find end tag corresponding to start tag "{stack[-1].name}"')
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return "".join(out), entities


def _make_entity(tag: _OpenTag, length: int, stack: list[_OpenTag]) -> dict[str, Any] | None:
    if length <= 0:
        return None  # Telegram drops empty entities
    entity: dict[str, Any] = {
        "type": _ENTITY_TYPES[tag.name],
        "offset": tag.start,
        "length": length,
    }
    if tag.name == "a":
        href = tag.attrs.get("href", "")
        if not href:
            return None  # tdlib: <a> without href is plain text
        entity["url"] = href
    elif tag.name == "tg-emoji":
        entity["custom_emoji_id"] = tag.attrs["emoji-id"]
    elif tag.name == "blockquote" and "expandable" in tag.attrs:
        entity["type"] = "expandable_blockquote"
    elif tag.name == "code" and stack and stack[-1].name == "pre":
        language = tag.attrs.get("class", "")
        if language.startswith("language-"):
            stack[-1].extra["language"] = language.removeprefix("language-")
    elif tag.name == "pre" and "language" in tag.extra:
        entity["language"] = tag.extra["language"]
    return entity


def strip_html(text: str) -> str:
    """Plain text of valid Telegram HTML (raises ``HTMLParseError`` when invalid)."""
    return parse_html(text)[0]
