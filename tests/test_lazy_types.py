"""aiogram's types are built on first use (`bot.lazy_types`): the bot's start no longer pays
for 440 models it does not use, and every type and method still builds and validates."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import json, sys
from bot.lazy_types import import_aiogram
import_aiogram()
from pydantic import BaseModel
import aiogram.methods as methods, aiogram.types as types
lazy = not types.Update.__pydantic_complete__ and not types.Message.__pydantic_complete__
from bot.lazy_types import warm_up_types
warm_up_types()  # what the bot builds in the background after start
warm = types.Update.__pydantic_complete__ and methods.SendMessage.__pydantic_complete__
update = types.Update.model_validate(json.loads(sys.argv[1]))
clicked = update.callback_query
markup = types.InlineKeyboardMarkup(
    inline_keyboard=[[types.InlineKeyboardButton(text="Oui", callback_data="a:1")]]
)
sent = methods.SendMessage(chat_id=1, text="<b>Bonjour</b>", reply_markup=markup)
failed = []
for module in (types, methods):
    for name in module.__all__:
        item = getattr(module, name)
        if isinstance(item, type) and issubclass(item, BaseModel):
            try:
                item.model_rebuild()
            except Exception as error:
                failed.append(f"{name}: {error}")
print(json.dumps({
    "lazy": lazy,
    "warm": warm,
    "data": clicked.data,
    "reply_to": clicked.message.reply_to_message.text,
    "sent": sent.model_dump(exclude_none=True)["reply_markup"],
    "failed": failed,
}))
"""

UPDATE = {
    "update_id": 7,
    "callback_query": {
        "id": "1",
        "from": {"id": 5, "is_bot": False, "first_name": "Marie"},
        "chat_instance": "x",
        "data": "a:1",
        "message": {
            "message_id": 3,
            "date": 1_700_000_000,
            "chat": {"id": 5, "type": "private"},
            "text": "Question",
            "reply_to_message": {
                "message_id": 2,
                "date": 1_700_000_000,
                "chat": {"id": 5, "type": "private"},
                "text": "Réponse",
            },
        },
    },
}


def test_types_are_built_on_first_use_and_every_one_still_builds() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(UPDATE)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    found = json.loads(done.stdout)
    assert found["lazy"] is True  # not built at import
    assert found["warm"] is True  # built by the warm-up the bot runs after start
    assert found["data"] == "a:1"
    assert found["reply_to"] == "Réponse"
    assert found["sent"] == {"inline_keyboard": [[{"text": "Oui", "callback_data": "a:1"}]]}
    assert found["failed"] == []


WARM_INTERVIEW = """
import json
from bot.lazy_types import warm_up_types
warm_up_types()  # what the bot builds in the background after start
from bot.middlewares import _RESPONSE_MODELS
print(json.dumps(sorted(k.__name__ for k in _RESPONSE_MODELS if k.__module__ == "bot.session")))
"""


def test_the_first_applicants_question_and_edits_find_their_models_built_by_the_warm_up() -> None:
    """The interview sends and edits through `bot.session` (`send_text`, `edit_text`,
    `edit_keyboard`: aiogram's methods answered by the message id alone). Those methods and
    their answers are classes of their own: unless the warm-up builds them, the first
    applicant's answer builds them on the event loop (about 60 ms on a loaded machine),
    every other applicant waiting behind it."""
    done = subprocess.run(
        [sys.executable, "-c", WARM_INTERVIEW],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    built = json.loads(done.stdout)
    assert built == ["EditMessageReplyMarkup", "EditMessageText", "SendMessage"]
