"""Helpers shared by the interview tests: the spec, fixed dates, a scripted walk."""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from dialogs.dossier import Dossier
from dialogs.engine import Interview
from dialogs.events import Event, Outcome, Text
from dialogs.spec import CallSpec, load_shipped_spec

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 25)
DURING_CALL = dt.date(2025, 2, 1)
COMPLETE_SCRIPT = ROOT / "examples" / "conversations" / "candidature-complete.txt"


def spec_2025() -> CallSpec:
    return load_shipped_spec("pdc-axe3-2025")


def script_lines(path: Path = COMPLETE_SCRIPT) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def plain(outcome: Outcome) -> str:
    """Every message of an outcome as plain text (tags dropped, entities decoded)."""
    return html.unescape(re.sub(r"<[^>]+>", "", "\n".join(m.html for m in outcome.messages)))


class Walk:
    """Drives the engine like a user typing, one event at a time."""

    def __init__(
        self, spec: CallSpec | None = None, today: dt.date = TODAY, *, relay: bool = True
    ) -> None:
        self.engine = Interview(spec or spec_2025(), relay=relay)
        self.today = today
        self.dossier: Dossier = self.engine.new_dossier()
        self.last: Outcome = self.engine.show(self.dossier, today)

    def send(self, event: Event | str) -> Outcome:
        if isinstance(event, str):
            event = Text(event)
        self.last = self.engine.handle(self.dossier, event, self.today)
        self.dossier = self.last.dossier
        return self.last

    def answers(self, lines: list[str]) -> Outcome:
        for line in lines:
            self.send(line)
        return self.last

    @property
    def key(self) -> str:
        return self.dossier.cursor.key

    @property
    def text(self) -> str:
        return plain(self.last)


needs_libreoffice = pytest.mark.skipif(
    shutil.which("soffice") is None and not os.environ.get("CI"),
    reason="LibreOffice is not installed (required in CI)",
)


def walk_to(key: str, *, script: Path = COMPLETE_SCRIPT, today: dt.date = DURING_CALL) -> Walk:
    """A walk through `script` up to the question `key`, not yet answered."""
    walk = Walk(today=today)
    for line in script_lines(script):
        if walk.key == key:
            return walk
        walk.send(line)
    raise AssertionError(f"the script never reaches {key}")


def walk_replacing(
    answers: dict[str, list[str]], *, script: Path = COMPLETE_SCRIPT, today: dt.date = DURING_CALL
) -> Walk:
    """The complete script, with the lines given for a question sent instead of its own
    (one script line each question replaced)."""
    walk = Walk(today=today)
    for line in script_lines(script):
        replaced = answers.pop(walk.key, None)
        for typed in replaced if replaced is not None else [line]:
            walk.send(typed)
    assert not answers, f"never asked: {sorted(answers)}"
    return walk


def docx_to_pdf_text(path: Path, workdir: Path) -> str:
    """Convert a DOCX to PDF with LibreOffice (fails on error) and return the PDF's text."""
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{workdir / 'lo-profile'}", "--headless",
         "--convert-to", "pdf", "--outdir", str(workdir), str(path)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    pdf = workdir / path.with_suffix(".pdf").name
    return subprocess.run(
        ["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout


def link_owner(link: object) -> str | None:
    """The owner ("telegram:1001") behind an export's « Candidat (lien Telegram) »."""
    text = str(link or "")
    return "telegram:" + text.removeprefix("tg://user?id=") if text.startswith("tg://") else None


def without_staff_keys(exported: str) -> list[dict[str, object]]:
    """The staff's JSON export without what it adds to each dossier (number, applicant)."""
    from dialogs.dossier import EXPORT_ONLY_KEYS

    return [
        {k: v for k, v in item.items() if k not in EXPORT_ONLY_KEYS}
        for item in json.loads(exported)
    ]
