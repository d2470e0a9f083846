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
from tests.test_console_pages import TEXT_LINES
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


#: Whether an element ends within its column (the `dd` of its fact).
WITHIN_ITS_COLUMN = """element => element.getBoundingClientRect().right
    <= element.closest('dd').getBoundingClientRect().right"""


def same_organisation(dossier: Dossier) -> None:
    """Another application of the complete applicant's organisation (its SIRET)."""


@pytest.mark.slow
async def test_an_officer_on_a_phone_reads_the_badges_the_header_and_the_results_first(
    bench: ConsoleBench,
) -> None:
    """Officer's walk at 390 × 844: the « Même SIRET que les dossiers n° … » badge went
    1 px past the screen (the page scrolled sideways); « Axe 3 » broke over two lines in
    the header; after filtering, the filter form filled the screen, the results below the
    fold. At 1366 × 768 too: nothing wider than the screen, the header's words whole, the
    first result on screen."""
    from playwright.async_api import async_playwright

    from tests.test_console_e2e import CHROMIUM, chromium_or_skip

    chromium_or_skip()
    numbers = [
        add_copy_of_complete(bench.app.store, f"telegram:10{n}", same_organisation)
        for n in (11, 12, 13)
    ]
    dossier = await (await bench.client.get(f"/console/dossiers/{numbers[-1]}")).text()
    assert "Même SIRET que les dossiers" in dossier
    filtered = await (await bench.client.get("/console/dossiers?eligible=oui&etat=non")).text()
    css = (Path(__file__).parents[1] / "templates/console/console.css").read_text()
    seen: dict[int, dict[str, object]] = {}
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=str(CHROMIUM))
        try:
            for width, height in ((390, 844), (1366, 768)):
                page = await browser.new_page(viewport={"width": width, "height": height})
                looked: dict[str, object] = {}
                for name, html in (("dossier", dossier), ("filtered", filtered)):
                    await page.set_content(html.replace("</head>", f"<style>{css}</style></head>"))
                    looked[f"{name} width"] = await page.evaluate(
                        "document.documentElement.scrollWidth"
                    )
                    looked[f"{name} brand lines"] = await page.locator(".brand span").evaluate(
                        TEXT_LINES
                    )
                await page.set_content(dossier.replace("</head>", f"<style>{css}</style></head>"))
                badge = page.locator(".badge.no", has_text="SIRET")
                looked["badge inside"] = await badge.evaluate(WITHIN_ITS_COLUMN)
                await page.set_content(filtered.replace("</head>", f"<style>{css}</style></head>"))
                first_row = page.locator("table.list tbody tr").first
                box = await first_row.bounding_box()
                assert box is not None
                looked["first result top"] = box["y"]
                seen[width] = looked
                await page.close()
        finally:
            await browser.close()
    for width, height in ((390, 844), (1366, 768)):
        looked = seen[width]
        assert looked["dossier width"] == width and looked["filtered width"] == width, looked
        assert looked["badge inside"] is True, (width, looked)
        assert looked["dossier brand lines"] == 1, (width, "« Axe 3 » broke", looked)
        assert looked["first result top"] < height - 100, (width, "results below the fold")
