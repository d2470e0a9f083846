"""One router per Telegram concern; `bot.app.build_dispatcher` assembles them."""
