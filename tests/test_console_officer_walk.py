"""An officer's walk through the console (December): what the applicant is told to reread
and the words they typed that were set aside, shown on the dossier's page; one name for a
question wherever staff read it; the pages on a phone (390 × 844) and a laptop (1366 × 768)
in Chromium."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from dialogs.dossier import Dossier
from tests.console_support import ConsoleBench, console_bench
from tests.test_staff_reserved import add_copy_of_complete


@pytest.fixture
async def bench(tmp_path: Path) -> AsyncIterator[ConsoleBench]:
    async with console_bench(f"sqlite:///{tmp_path / 'console.db'}") as made:
        made.csrf = await made.sign_in()  # type: ignore[attr-defined]
        yield made


def visible(page: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))


def typed_casually(dossier: Dossier) -> None:
    """Words an officer would send back as typed, and a phone number kept for later."""
    dossier.organisation.name = "inser reseau 62"
    dossier.plan.context = "Nous accompagnons qq SIAE du 62 dans leurs recrutements."
    dossier.organisation.contact.phone = None
    dossier.set_aside = {"org.phone": "03 21 21 65 50"}


async def test_the_officer_reads_what_the_applicant_must_reread_and_the_words_set_aside(
    bench: ConsoleBench,
) -> None:
    """An officer's walk: the applicant's review listed « À relire avant le dépôt » (« qq »,
    « le 62 », a name in lower case) and the bot kept their phone number, typed in the
    address, for the contact's question; the dossier's page showed neither, so the officer
    on the phone with them did not see what they saw. The page lists both."""
    number = add_copy_of_complete(bench.app.store, "telegram:1008", typed_casually)
    page = await (await bench.client.get(f"/console/dossiers/{number}")).text()
    words = visible(page)
    assert "À relire avant le dépôt (2)" in words
    assert "Organisation — Nom de l’organisme : écrit tout en minuscules" in words
    assert "« qq », « du 62 »" in words
    assert "Mots du candidat mis de côté (1)" in words
    assert "Pour « Téléphone » : « 03 21 21 65 50 »" in words
    summary = bench.app.staff.summary(number)
    assert summary is not None
    told = visible(summary.html)
    assert "À relire avant le dépôt (2)" in told and "« qq », « du 62 »" in told, "/dossier N"
    assert "Pour « Téléphone » : « 03 21 21 65 50 »" in told
