"""The terminal adapter: the interview in a console, interactive or fed on standard input.

A thin layer over `InterviewService`: each line typed becomes an engine event, each message
is printed as plain text with numbered choices. It ends cleanly at end of input.
"""

from __future__ import annotations

import html
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from dialogs.events import Command, Message, Text
from dialogs.service import InterviewService, Reply
from dialogs.support import ESCALATE, FEEDBACK_KEY, SUPPORT, SupportService
from dialogs.texts import render_macro
from dialogs.validation import parse_reference

OWNER = "terminal:local"

_BLOCKQUOTE = re.compile(r"<blockquote[^>]*>(.*?)</blockquote>", re.DOTALL)
_TAG = re.compile(r"</?[a-zA-Z][^>]*>")


def html_to_text(markup: str) -> str:
    """Telegram-style HTML to plain text: quotes indented, tags dropped, entities decoded."""

    def quote(match: re.Match[str]) -> str:
        return "\n".join("    " + line for line in match.group(1).strip().splitlines())

    text = _BLOCKQUOTE.sub(quote, markup)
    text = _TAG.sub("", text)
    return html.unescape(text)


class TerminalSession:
    def __init__(
        self,
        service: InterviewService,
        *,
        stdin: TextIO,
        stdout: TextIO,
        drafts_dir: Path,
        owner: str = OWNER,
        support: SupportService | None = None,
    ) -> None:
        self.service = service
        self.support = support
        self.escalable: int | None = None  # the last answer's question, for /equipe
        self.stdin = stdin
        self.stdout = stdout
        self.drafts_dir = drafts_dir
        self.owner = owner
        self.echo = not stdin.isatty()

    def run(self, *, new: bool = False) -> int:
        first = self.service.new_dossier(self.owner) if new else self.service.show(self.owner)
        if not new and first.messages and first.messages[-1].key not in (None, "welcome"):
            self.stdout.write(_service_text("resuming", number=first.dossier_id) + "\n")
        self.print_reply(first)
        while True:
            self.stdout.write("> ")
            self.stdout.flush()
            line = self.stdin.readline()
            if not line:
                self.stdout.write("\n" + _service_text("goodbye") + "\n")
                return 0
            line = line.rstrip("\r\n")
            if self.echo:
                self.stdout.write(line + "\n")
            reply = self.dispatch(line)
            if reply is None:
                return 0
            self.print_reply(reply)

    def dispatch(self, line: str) -> Reply | None:
        command, _, argument = line.strip().partition(" ")
        command = command.lower()
        number = parse_reference(argument)
        if command in ("/quitter", "/exit", "/quit"):
            self.stdout.write(_service_text("goodbye") + "\n")
            return None
        if command == "/mes_donnees":
            self.drafts_dir.mkdir(parents=True, exist_ok=True)
            path = self.drafts_dir / "mes-donnees.json"
            path.write_text(self.service.export_owner_data(self.owner), encoding="utf-8")
            self.stdout.write(_service_text("data_exported", path=str(path)) + "\n")
            return Reply()
        if command == "/supprimer_mes_donnees":
            self.stdout.write(_service_text("confirm_delete") + "\n> ")
            self.stdout.flush()
            answer = self.stdin.readline().strip()
            if self.echo:
                self.stdout.write(answer + "\n")
            if answer.upper() != "OUI":
                self.stdout.write(_service_text("delete_cancelled") + "\n")
                return self.service.handle(self.owner, Command("where"))
            erasure = self.service.delete_owner_data(self.owner)
            self.stdout.write(_service_text("data_deleted", count=erasure.dossiers) + "\n")
            return None
        if command == "/question" and argument.strip():
            return self.service.ask(self.owner, argument)
        if command == "/question":
            self.stdout.write(_service_text("terminal_question_usage") + "\n")
            return Reply()
        if command == "/equipe" and self.support is not None and self.escalable is not None:
            escalation = self.support.escalate(self.owner, self.escalable)
            self.escalable = None
            return Reply(escalation.messages if escalation else [])
        if command == "/equipe":
            told = "terminal_nothing_to_escalate" if self.support else "terminal_no_team"
            self.stdout.write(_service_text(told) + "\n")
            return Reply()
        if command == "/mes_questions" and self.support is not None:
            return Reply([self.support.my_tickets_message(self.owner)])
        if command == "/nouveau":
            return self.service.new_dossier(self.owner)
        if command == "/dossiers" or (
            command in ("/dossier", "/reprendre", "/dupliquer") and number is None
        ):  # without a number: the list, which says how to resume or duplicate
            return self.service.dossiers_message(self.owner)
        if command in ("/reprendre", "/dossier") and number is not None:
            return self.service.resume(self.owner, number)
        if command == "/dupliquer" and number is not None:
            return self.service.duplicate(self.owner, number)
        if command in ("/start", "/reprise"):
            return self.service.handle(self.owner, Command("start"))
        if command == "/aide":
            return self.service.handle(self.owner, Command("help"))
        if command == "/recapitulatif":
            return self.service.handle(self.owner, Command("review"))
        sections = self.service.section_commands
        if command.startswith("/") and command[1:] in sections:  # "budget annuel" is text
            section = sections[command[1:]]
            return self.service.handle(self.owner, Command("section", section=section))
        if command == "/annuler":
            return self.service.handle(self.owner, Command("cancel"))
        if command == "/brouillon":
            active = self.service.show(self.owner).dossier_id
            files, messages = self.service.generate_draft(self.owner, active or 0)
            return Reply(messages, files=files, dossier_id=active)
        return self.service.handle(self.owner, Text(line))

    def print_reply(self, reply: Reply) -> None:
        for message in reply.messages:
            self.print_message(message)
        if reply.files:
            self.drafts_dir.mkdir(parents=True, exist_ok=True)
            for file in reply.files:
                path = self.drafts_dir / file.name
                path.write_bytes(file.content)
                self.stdout.write(f"  → {path}\n")
        self.stdout.flush()

    def print_message(self, message: Message) -> None:
        out = self.stdout
        if message.progress:
            out.write(f"\n── {message.progress} ──\n")
        out.write(html_to_text(message.html) + "\n")
        if message.key == FEEDBACK_KEY:  # the question's buttons: /equipe instead
            self._offer_escalation(message)
            return
        choices = [b for b in message.buttons if not b.nav]
        nav = [b for b in message.buttons if b.nav]
        if choices and message.input == "text":
            for button in choices:
                out.write(f"  (tapez « {button.id} » : {button.label})\n")
        elif choices and message.key is not None:
            for number, button in enumerate(choices, start=1):
                mark = "[x] " if message.multi and button.id in message.selected else ""
                out.write(f"  {number}. {mark}{button.label}\n")
            if message.multi:
                out.write("  (plusieurs choix : tapez les numéros séparés par des virgules)\n")
        words = _nav_words(b.id for b in nav)
        if words:
            out.write(f"  ({words})\n")

    def _offer_escalation(self, message: Message) -> None:
        ids = [
            b.id[1:] for b in message.buttons if b.id.startswith(ESCALATE) and b.id[1:].isdigit()
        ]
        if ids and self.support is not None:
            self.escalable = int(ids[0])
            hint = render_macro(SUPPORT, "terminal_escalate_hint")
            self.stdout.write(html_to_text(hint) + "\n")


def _service_text(macro: str, **context: object) -> str:
    return html_to_text(render_macro("messages/service.html.j2", macro, **context))


def _nav_words(ids: Iterable[str]) -> str:
    names = {"_help": "« aide »", "_back": "« précédent »", "_skip": "« passer »"}
    return ", ".join(names[i] for i in ids if i in names)


def run_terminal(
    service: InterviewService,
    *,
    drafts_dir: Path,
    new: bool = False,
    support: SupportService | None = None,
) -> int:
    session = TerminalSession(
        service, stdin=sys.stdin, stdout=sys.stdout, drafts_dir=drafts_dir, support=support
    )
    return session.run(new=new)
