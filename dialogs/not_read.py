"""What the interview cannot read: a sticker, a photo or a video, a voice note, a file.

A tester sent a voice note in the middle of the budget: told « écrivez votre réponse », they
had to scroll up to find which question waited. The reply now says what was not read and
what to do, in the words the question asks for (its buttons, or a typed answer), and the
question comes again just below it, as after a refused text. A caption is text typed with
the media: quoted back, never taken as an answer (it came with something else), never lost.
"""

from __future__ import annotations

from typing import Literal

from dialogs.events import Message
from dialogs.texts import render_macro

NOT_READ = "messages/not_read.html.j2"

#: What came instead of a text: each says so in its own words.
#: An edited message (« edited ») is read no more than these: Telegram sends the new text
#: long after the question it answered, maybe moved on; its words are quoted back (as a
#: caption is) and the question waiting comes again below, as after a photo.
Unread = Literal["sticker", "photo", "voice", "document", "edited", "other"]


def not_read_note(what: Unread, *, caption: str = "", question: Message | None = None) -> Message:
    """The note on `what`, telling how to answer `question` (the one shown again below it:
    with its buttons, or typed), its `caption` quoted when there is one."""
    answer = question.input if question is not None and question.is_prompt else "none"
    return Message(render_macro(NOT_READ, "not_read", what=what, answer=answer, caption=caption))


def caption_note(caption: str) -> Message | None:
    """A caption quoted on its own (an album's later photo): None when there is none."""
    said = caption.strip()
    return Message(render_macro(NOT_READ, "caption_not_read", caption=said)) if said else None
