"""The staff's web console: an aiohttp adapter over the services of `dialogs/`.

`console.web.console_app` builds the application (pages, sign-in, CSRF, security headers);
`console.server.ConsoleServer` serves it next to the bot (`bot.app.run_bot`). Pages are
Jinja2 templates in `templates/console/`, with a small hand-written style sheet; no script.
"""
