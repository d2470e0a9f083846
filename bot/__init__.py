"""The Telegram adapter (aiogram 3). aiogram is imported here first, with its types built on
first use (`bot.lazy_types`): the bot's start is mostly that import."""

from bot.lazy_types import import_aiogram

import_aiogram()
