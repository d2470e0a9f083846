"""The staff console end to end, in a real browser: `aap-bot run` (a separate process) against
the fake Bot API, with CONSOLE_URL set; a staff member asks the bot for a link with /console,
opens it in Chromium (Playwright driving Debian's /usr/bin/chromium), filters the dossiers,
opens one, downloads its Word plan, writes an annotation, writes to its applicant (an exchange,
listed among the « Demandes » beside the question), answers a question (which reaches
the applicant through the fake Bot API, and is told in the staff group), adds that answer to
the FAQ and sends an announcement after its preview, to the audience ticked.

Without /usr/bin/chromium the test is skipped, except in CI (CI=true), where it fails:
`.ci/run` installs Chromium. With CONSOLE_SHOTS=<folder>, screenshots of the main pages at
desktop and phone widths are written there (never in the repository).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import re
import socket
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from storage.repository import SqlStore
from tests.bot_support import BotProcess, start_bot
from tests.fakebotapi import FakeBotAPI, FakeUser
from tests.staff_support import COMPLETE, IN_PLAN, INELIGIBLE, JUST_OPENED, populate

pytestmark = pytest.mark.slow

CHROMIUM = Path("/usr/bin/chromium")
STAFF_CHAT = -1001234567890
STAFF_MEMBER = 501
LINK = re.compile(r"https?://\S+/console/connexion\?jeton=[\w-]+")
QUESTION = "Les frais de déplacement vers les SIAE sont-ils éligibles ?"
ANSWER = "Oui, s’ils sont liés à l’action et justifiés : indiquez-les en charges directes."
SECOND_ANSWER = "Précision : les justificatifs de déplacement sont à garder."
ANNOUNCEMENT = "La date limite de dépôt est prolongée jusqu’au 15 janvier."
WRITTEN = "Pouvez-vous nous envoyer le budget détaillé de l’action 1 ?"


def chromium_or_skip() -> None:
    if CHROMIUM.exists():
        return
    reason = f"{CHROMIUM} is missing: install Debian's chromium package (.ci/run does)"
    if os.environ.get("CI") == "true":
        pytest.fail(reason)
    pytest.skip(reason)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def prepare_database(path: Path) -> tuple[dict[str, int], int]:
    """Five applicants at different stages, and one question handed to the team."""
    store = SqlStore(f"sqlite:///{path}")
    try:
        numbers = populate(store, drafts=False).numbers
        now = dt.datetime(2026, 11, 25, 8, 0, tzinfo=dt.UTC)
        with store.transaction() as repo:
            ticket = repo.add_ticket(
                owner=IN_PLAN,
                dossier_id=numbers[IN_PLAN],
                asked_question_id=None,
                question=QUESTION,
                at=now,
            )
            repo.add_ticket_message(ticket_id=ticket.id, author="applicant", text=QUESTION, at=now)
            repo.add_faq_entry(
                question="Peut-on déposer un dossier pour plusieurs orientations ?",
                answer="Oui : un même dossier peut porter des actions dans plusieurs orientations.",
                at=now,
                source_ticket_id=None,
            )
    finally:
        store.dispose()
    return numbers, ticket.id


async def wait_for_console(url: str, bot: BotProcess) -> None:
    async with aiohttp.ClientSession() as http:
        for _ in range(200):
            if bot.returncode is not None:
                raise AssertionError(f"the bot stopped:\n{bot.output()}")
            try:
                async with http.get(url) as answer:
                    if answer.status == 401:
                        return
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.1)
    raise AssertionError(f"the console never answered:\n{bot.output()}")


@pytest.fixture
async def browser() -> AsyncIterator[Any]:
    chromium_or_skip()
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            yield launched
        finally:
            await launched.close()


async def test_staff_sign_in_through_the_bot_and_work_in_the_console(
    tmp_path: Path, browser: Any
) -> None:
    from playwright.async_api import expect

    numbers, ticket = prepare_database(tmp_path / "bot.db")
    port = free_port()
    base = f"http://127.0.0.1:{port}/console"
    async with FakeBotAPI() as api:
        api.register_chat(STAFF_CHAT, "supergroup", title="Équipe du Département")
        bot = await start_bot(
            api,
            tmp_path,
            STAFF_CHAT_ID=str(STAFF_CHAT),
            CONSOLE_URL=base,
            CONSOLE_PORT=str(port),
        )
        try:
            await wait_for_console(f"{base}/dossiers", bot)

            # /console in the staff group: the link goes to the member's private chat only.
            staff = FakeUser(api, STAFF_MEMBER, chat_id=STAFF_CHAT, first_name="Claire")
            await staff.send("/console")
            link = await api.wait_until(
                lambda: next(
                    (m.group(0) for t in api.texts(STAFF_MEMBER) if (m := LINK.search(t))), None
                ),
                timeout=30,
            )
            await api.wait_until(
                lambda: any("message privé" in t for t in api.texts(STAFF_CHAT)) or None,
                timeout=30,
            )
            assert not any(LINK.search(t) for t in api.texts(STAFF_CHAT))

            context = await browser.new_context(accept_downloads=True, locale="fr-FR")
            page = await context.new_page()
            page.set_default_timeout(20_000)
            await page.goto(link)
            await page.get_by_role("button", name="Ouvrir la console").click()
            await expect(page.get_by_role("heading", level=1)).to_have_text("Dossiers")
            await expect(page.locator("table.list tbody tr")).to_have_count(5)
            # The keyboard first meets the link to the content, then the menu.
            await page.keyboard.press("Tab")
            await expect(page.get_by_role("link", name="Aller au contenu")).to_be_focused()
            await page.keyboard.press("Tab")
            await expect(page.get_by_role("link", name="Dossiers", exact=True)).to_be_focused()

            # Filter: eligible dossiers only.
            await page.get_by_label("Éligibilité").select_option("oui")
            await page.get_by_role("button", name="Afficher").click()
            rows = page.locator("table.list tbody tr")
            await expect(rows.first).to_be_visible()
            listed = await page.locator("table.list tbody td[data-label='N°']").all_inner_texts()
            assert f"n° {numbers[COMPLETE]}" in listed
            assert f"n° {numbers[INELIGIBLE]}" not in listed
            assert f"n° {numbers[JUST_OPENED]}" not in listed
            assert "eligible=oui" in page.url

            # One dossier, its Word plan.
            await page.get_by_role("link", name=f"n° {numbers[COMPLETE]}", exact=True).click()
            await expect(page.get_by_role("heading", level=1)).to_contain_text(
                f"Dossier n° {numbers[COMPLETE]}"
            )
            await expect(page.get_by_role("heading", name="Budget")).to_be_visible()
            async with page.expect_download() as downloading:
                await page.get_by_role("link", name="Plan d’actions (Word)").click()
            download = await downloading.value
            assert download.suggested_filename.endswith(".docx")
            content = await asyncio.to_thread(Path(await download.path()).read_bytes)
            assert content[:2] == b"PK" and len(content) > 5000

            # A private annotation.
            await page.get_by_label("Nouvelle annotation").fill("Budget à vérifier avec le SIAE.")
            await page.get_by_role("button", name="Ajouter l’annotation").click()
            await expect(page.get_by_text("Annotation enregistrée")).to_be_visible()
            await expect(page.get_by_text("Budget à vérifier avec le SIAE.")).to_be_visible()

            # Written to the applicant first: an exchange, whose page says where the dossier
            # stands as the group's post does; the console's « Demandes » list it beside the
            # question, each under its own kind, as /tickets does.
            await page.get_by_label("Votre message").fill(WRITTEN)
            await page.get_by_role("button", name="Envoyer au candidat").click()
            await expect(page.get_by_text("Message remis au candidat sur Telegram")).to_be_visible()
            await page.get_by_role("link", name=re.compile(r"^échange n° \d+$")).click()
            await expect(page.get_by_role("heading", level=1)).to_contain_text("Échange n° ")
            exchange = page.url.rsplit("/", 1)[-1]
            await expect(page.locator("#dossier")).to_contain_text(
                f"Dossier n° {numbers[COMPLETE]} — "
            )
            await expect(page.locator("#dossier")).to_contain_text("complet à 100 %")
            await page.get_by_role("link", name="← Demandes").click()
            await expect(page.get_by_role("heading", level=1)).to_have_text("Demandes")
            await expect(page).to_have_title(re.compile("^Demandes — "))
            await expect(page.get_by_text("1 demande", exact=True)).to_be_visible()
            await page.get_by_role("link", name="Toutes").click()
            await expect(page.get_by_text("2 demandes, de la plus récente")).to_be_visible()
            await expect(page.get_by_role("link", name=f"Échange n° {exchange}")).to_be_visible()

            # Answer the question: the applicant receives it through the bot.
            await page.get_by_role("link", name="Demandes", exact=True).click()
            await page.get_by_role("link", name=f"Question n° {ticket}").click()
            # Too long: the browser keeps it whole (no maxlength), the server refuses it and
            # shows it again to shorten; nothing reaches the applicant.
            await expect(page.get_by_text("3 500 caractères au plus")).to_be_visible()
            long = (ANSWER + " ") * 60
            await page.get_by_label("Votre réponse").fill(long)
            await page.get_by_role("button", name="Envoyer la réponse").click()
            await expect(page.get_by_text("Cette réponse est trop longue")).to_be_visible()
            kept = await page.get_by_label("Votre réponse").input_value()
            assert len(kept) == len(long.strip()) > 3500, "the whole draft, never cut"
            await page.get_by_label("Votre réponse").fill(ANSWER)
            await page.get_by_role("button", name="Envoyer la réponse").click()
            await expect(page.get_by_text("Réponse remise au candidat")).to_be_visible()
            applicant_chat = int(IN_PLAN.split(":")[1])
            await api.wait_until(
                lambda: any(ANSWER in t for t in api.texts(applicant_chat)) or None, timeout=30
            )
            # Colleagues in the staff group see who answered and what (they once saw an
            # unanswered question), and the answer becomes a FAQ entry from its page.
            note = await api.wait_until(
                lambda: next(
                    (
                        m
                        for m in api.sent_messages(STAFF_CHAT)
                        if "répondue depuis la console par Claire" in (m.get("text") or "")
                    ),
                    None,
                ),
                timeout=30,
            )
            assert f"Question n° {ticket}" in note["text"] and ANSWER in note["text"]
            assert "réponse remise au candidat" in note["text"]
            await page.get_by_role("button", name="Ajouter à la FAQ").click()
            await expect(page.get_by_text("Réponse ajoutée à la FAQ")).to_be_visible()
            await expect(page.get_by_role("button", name="Ajouter à la FAQ")).to_have_count(0)
            # In the group, /faq in reply to the note knows it: the same entry, not a second.
            await staff.send("/faq", reply_to_message_id=note["message_id"])
            await api.wait_until(
                lambda: any("déjà dans la FAQ" in t for t in api.texts(STAFF_CHAT)) or None,
                timeout=30,
            )
            # A second answer, the question now in the FAQ: the group's note says which
            # entry holds it (it invited the officer to add it once more).
            await page.get_by_label("Votre réponse").fill(SECOND_ANSWER)
            await page.get_by_role("button", name="Envoyer la réponse").click()
            await expect(page.get_by_text("Réponse remise au candidat")).to_be_visible()
            second = await api.wait_until(
                lambda: next(
                    (
                        m
                        for m in api.sent_messages(STAFF_CHAT)
                        if SECOND_ANSWER in (m.get("text") or "")
                        and "répondue depuis la console" in (m.get("text") or "")
                    ),
                    None,
                ),
                timeout=30,
            )
            assert "a déjà sa réponse dans la FAQ (entrée n° " in second["text"]
            assert "« /faq » en réponse" not in second["text"]
            # Closed here: the group is told too, and the page offers no answer any more.
            await page.get_by_role("button", name=f"Clore la question n° {ticket}").click()
            await expect(
                page.get_by_text("Question close ; le candidat en a été informé")
            ).to_be_visible()
            await expect(page.get_by_role("button", name="Envoyer la réponse")).to_have_count(0)
            await api.wait_until(
                lambda: (
                    any(
                        f"Question n° {ticket} close depuis la console par Claire" in t
                        for t in api.texts(STAFF_CHAT)
                    )
                    or None
                ),
                timeout=30,
            )

            # An announcement to eligible applicants, after its preview.
            await page.get_by_role("link", name="Annonces").click()
            await page.get_by_label("Message").fill(ANNOUNCEMENT)
            await page.get_by_role("button", name="Voir l’aperçu").click()
            await expect(page.get_by_text(ANNOUNCEMENT)).to_be_visible()
            assert not any(ANNOUNCEMENT in t for t in api.texts(1001)), "nothing before confirm"
            # Ticked, then sent at once: the audience ticked is the one used (it once needed
            # a separate "Changer les destinataires", and went to everyone without it).
            eligible = page.get_by_label(re.compile("Candidats éligibles"))
            await eligible.check()
            label = await page.locator("label", has_text="Candidats éligibles").inner_text()
            count = int(re.search(r"\((\d+)\)", label).group(1))  # type: ignore[union-attr]
            await page.get_by_role("button", name="Envoyer aux destinataires cochés").click()
            for _ in range(40):
                if await page.get_by_text("Envoi terminé").count():
                    break
                await asyncio.sleep(0.5)
                await page.reload()
            await expect(page.get_by_text("Envoi terminé")).to_be_visible()
            await expect(page.get_by_text("destinataires : Candidats éligibles")).to_be_visible()
            reached = [
                chat
                for chat in (1001, 1002, 1003, 1004, 1005)
                if any(ANNOUNCEMENT in t for t in api.texts(chat))
            ]
            assert 1001 in reached and 1003 not in reached and 1004 not in reached
            assert len(reached) == count

            # On a phone, the funnel's narrow layout: every figure in view, no sideways
            # scrolling (the wide chart was cut at 356 px, its bars looking full).
            await page.set_viewport_size({"width": 390, "height": 844})
            await page.goto(f"{base}/statistiques")
            await expect(page.locator("svg.narrow")).to_be_visible()
            await expect(page.locator("svg.wide")).to_be_hidden()
            chart = page.locator("figure.chart")
            assert await chart.evaluate("c => c.scrollWidth <= c.clientWidth")
            await expect(page.locator("svg.narrow text.value").first).to_be_visible()
            await page.set_viewport_size({"width": 1280, "height": 900})

            shots = os.environ.get("CONSOLE_SHOTS")
            if shots:
                await screenshots(context, base, numbers[COMPLETE], ticket, Path(shots))
            await context.close()
        finally:
            await bot.stop()


async def screenshots(context: Any, base: str, number: int, ticket: int, folder: Path) -> None:
    await asyncio.to_thread(folder.mkdir, parents=True, exist_ok=True)
    page = await context.new_page()
    pages = {
        "dossiers": "/dossiers",
        "dossier": f"/dossiers/{number}",
        "questions": "/questions?statut=toutes",
        "question": f"/questions/{ticket}",
        "faq": "/faq",
        "annonces": "/annonces",
        "annonce": "/annonces/1",
        "statistiques": "/statistiques",
        "exports": "/exports",
        "journal": "/journal",
    }
    for width, height, label in ((1280, 900, "desktop"), (390, 844, "phone")):
        await page.set_viewport_size({"width": width, "height": height})
        for name, path in pages.items():
            await page.goto(base + path)
            await page.screenshot(path=str(folder / f"{name}-{label}.png"), full_page=True)
    await page.close()
