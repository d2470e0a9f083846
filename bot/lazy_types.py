"""aiogram imported with its Telegram types built on first use, not all at import.

Why: `import aiogram` was three quarters of the bot's start (2.6 s of 3.5 on an idle machine,
10 to 15 s on a loaded one). aiogram declares its ~440 types with pydantic's `defer_build`,
then, at the end of `aiogram.types`, calls `model_rebuild` on every one of them, which builds
each validator at once; the bot uses a few dozen (Update, Message, CallbackQuery, User, Chat,
the keyboards and the methods it calls). Here that loop is made to record the namespace it
passes (the type names the models' annotations refer to) instead of building; the names are
then given to aiogram's type and method modules, where pydantic looks them up when a model is
first validated and built. The import takes about a tenth of the time; each model costs its
build once, on first use (about 0.15 s for what a first update needs).

Kept safe: nothing is changed if aiogram is already imported; if aiogram stops calling
`model_rebuild` that way, the patch intercepts nothing and the import is the ordinary one;
`tests/test_lazy_types.py` builds every type and method this way, so an aiogram upgrade that
breaks a lazy build fails there, not in production.
"""

from __future__ import annotations

import sys
import threading
from typing import Any

__all__ = ["import_aiogram", "warm_up_types"]

#: The types and methods every applicant's first answers need: built in the background after
#: start (`warm_up_types`), so that the first replies do not each pay a build.
USED_TYPES = (
    "Update",
    "Message",
    "CallbackQuery",
    "InlineKeyboardMarkup",
    "InlineKeyboardButton",
    "BotCommand",
    "BotCommandScopeChat",
    "BotCommandScopeDefault",
    "ReactionTypeEmoji",
    "ErrorEvent",
)
USED_METHODS = (
    "SendMessage",
    "EditMessageText",
    "EditMessageReplyMarkup",
    "AnswerCallbackQuery",
    "SendDocument",
    "SendChatAction",
    "DeleteWebhook",
    "SetMyCommands",
    "GetChat",
    "SetMessageReaction",
    "CreateForumTopic",
    "EditForumTopic",
)

_lock = threading.Lock()
_LAZY_MODULES = ("aiogram.types.", "aiogram.methods.")


def import_aiogram() -> None:
    """Import `aiogram` and `aiogram.types` with the types left to build on first use."""
    with _lock:
        if "aiogram.types" in sys.modules:
            return
        from pydantic import BaseModel

        original = BaseModel.__dict__["model_rebuild"]
        names: dict[str, Any] = {}

        def record_instead(cls: type[BaseModel], **kwargs: Any) -> bool | None:
            namespace = kwargs.get("_types_namespace")
            if namespace is not None and len(kwargs) == 1 and cls.__module__.startswith("aiogram."):
                names.update(namespace)
                return None
            return original.__func__(cls, **kwargs)  # type: ignore[no-any-return]

        BaseModel.model_rebuild = classmethod(record_instead)  # type: ignore[arg-type,assignment,method-assign]
        try:
            import aiogram
            import aiogram.methods
            import aiogram.types  # noqa: F401
        finally:
            BaseModel.model_rebuild = original  # type: ignore[method-assign]
        for name, module in list(sys.modules.items()):
            if module is not None and name.startswith(_LAZY_MODULES):
                namespace = vars(module)
                for key, value in names.items():
                    namespace.setdefault(key, value)


def warm_up_types() -> None:
    """Build the types and methods the bot uses first, and their responses (for a worker
    thread after start: the first replies then find them built)."""
    import aiogram.methods as methods
    import aiogram.types as types

    from bot.middlewares import response_model
    from bot.session import warm_up_light_methods

    for name in USED_TYPES:
        getattr(types, name).model_rebuild()
    for name in USED_METHODS:
        method = getattr(methods, name)
        method.model_rebuild()
        response_model(method).model_rebuild()
    warm_up_light_methods()  # the interview's sends and edits (`bot.session`)
