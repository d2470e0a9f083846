"""An officer sees at a glance, in the group's `/dossiers` and `/stats`, which dossiers are
ready, to complete, breaking a rule, to confirm or not eligible: in the words of the console's
« État » column and of `/dossier N` (`dialogs.exports.readiness_words`), never other ones.

The population holds one dossier in each state: the complete one (ready), two unfinished
ones, the ineligible one, plus copies of the complete one that break the call's 20 % rule,
leave the budget unbalanced (the CERFA's requirement), come from the Nord (to confirm with
the Département) or from a national network (ready, « sous réserve »).
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import AsyncIterator
from decimal import Decimal
from pathlib import Path

import pytest

from app.clock import FixedClock
from bot.handlers.staff_tools import visible_length
from dialogs.dossier import Dossier
from dialogs.dossier_list import PAGE_SIZE, parse_filters
from dialogs.people import Identity
from dialogs.staff import StaffService
from storage.repository import SqlStore
from tests.console_support import ConsoleBench, console_bench
from tests.staff_support import COMPLETE, IN_PLAN, INELIGIBLE, JUST_OPENED, populate, staff_service
from tests.test_staff_reserved import add_copy_of_complete, add_national_network, in_the_nord

CALL_OPEN = FixedClock(dt.datetime(2025, 2, 1, 9, 0, tzinfo=dt.UTC))
READY = "prêt à déposer"
SOUS_RESERVE = "prêt à déposer, sous réserve (éligibilité à confirmer)"
CLOSED = "complet, appel clos (ne peut plus être déposé)"
INCOMPLETE = "incomplet"
RULE = "règle de l’appel non respectée"
FORM = "non conforme au formulaire CERFA n° 12156"
TO_CONFIRM = "à confirmer avec le Département"
INELIGIBLE_WORDS = "non éligible"


def over_the_cap(dossier: Dossier) -> None:
    """5 000 € more of indirect costs: the call's 20 % rule is broken."""
    dossier.organisation.name = "Chantier du Cap"
    dossier.budget.indirect = (dossier.budget.indirect or Decimal(0)) + 5000


def unbalanced(dossier: Dossier) -> None:
    """1 000 € more of own funds: resources above charges, the CERFA's budget unbalanced."""
    dossier.organisation.name = "Atelier Déséquilibré"
    dossier.budget.own_funds = (dossier.budget.own_funds or 0) + 1000


@pytest.fixture
def dossiers(store: SqlStore) -> tuple[StaffService, dict[str, int]]:
    numbers = dict(populate(store).numbers)
    numbers["rule"] = add_copy_of_complete(store, "telegram:1010", over_the_cap)
    numbers["form"] = add_copy_of_complete(store, "telegram:1011", unbalanced)
    numbers["nord"] = add_copy_of_complete(store, "telegram:1012", in_the_nord)
    numbers["national"] = add_national_network(store)
    service = staff_service(store)
    service.clock = CALL_OPEN
    return service, numbers


def state_lines(html: str) -> dict[int, str]:
    """Each listed dossier's number → the line under its title (state, completeness…)."""
    lines = html.split("\n")
    found: dict[int, str] = {}
    for index, line in enumerate(lines):
        if line.startswith("• <b>n° "):
            number = int(line.removeprefix("• <b>n° ").split("<", 1)[0])
            found[number] = lines[index + 1].strip()
    return found


def test_an_officer_sees_at_a_glance_in_dossiers_which_dossiers_are_ready(
    dossiers: tuple[StaffService, dict[str, int]],
) -> None:
    """Each line of `/dossiers` starts with the dossier's state, the very words its
    `/dossier N` says after « État : » (and the console's list in its « État » column)."""
    service, numbers = dossiers
    _, html = service.listing(parse_filters(""))
    lines = state_lines(html)
    assert set(lines) == set(numbers.values())
    for number, line in lines.items():
        summary = service.summary(number)
        assert summary is not None
        said = summary.html.split("État : ", 1)[1].split("\n", 1)[0].split(" (", 1)[0]
        assert said in line.split(" · ", 1)[0], (number, said, line)
    assert lines[numbers[COMPLETE]].startswith(f"✅ {READY} · 100 %")
    assert lines[numbers["national"]].startswith(f"❔ {SOUS_RESERVE} · 100 %")
    assert lines[numbers["nord"]].startswith(f"❔ {TO_CONFIRM} · ")
    assert lines[numbers["rule"]].startswith(f"{RULE} · ")
    assert lines[numbers["form"]].startswith(f"{FORM} · ")
    assert lines[numbers[INELIGIBLE]].startswith(f"⛔ {INELIGIBLE_WORDS} · ")
    # Incomplete: the state leaves the eligibility open, so the line says it.
    assert lines[numbers[IN_PLAN]].startswith(f"{INCOMPLETE} · éligible · ")
    assert lines[numbers[JUST_OPENED]].startswith(f"{INCOMPLETE} · éligibilité à déterminer · ")
    assert "✅ prêt à déposer" in html.split("\n• ")[-1], "the legend says the ✅"


def test_a_closed_call_s_complete_dossiers_are_not_ready_and_keep_their_reservation(
    dossiers: tuple[StaffService, dict[str, int]],
) -> None:
    """Once the call has closed, the complete dossier reads « complet, appel clos » as on its
    page, without ✅; the national network's line still says its eligibility is to confirm."""
    service, numbers = dossiers
    service.clock = FixedClock(dt.datetime(2026, 11, 25, 9, 30, tzinfo=dt.UTC))
    lines = state_lines(service.listing(parse_filters(""))[1])
    assert lines[numbers[COMPLETE]].startswith(f"{CLOSED} · 100 %")
    assert lines[numbers["national"]].startswith(f"❔ {CLOSED} · éligibilité à confirmer · ")


def test_the_dossiers_filters_still_choose_and_each_line_says_its_state(
    dossiers: tuple[StaffService, dict[str, int]],
) -> None:
    service, numbers = dossiers
    page, html = service.listing(parse_filters("prêts"))
    assert sorted(i.number for i in page.page.items) == sorted(
        [numbers[COMPLETE], numbers["national"]]
    )
    assert set(state_lines(html).values()) == {
        s for s in state_lines(html).values() if s.startswith(("✅ ", "❔ "))
    }
    page, html = service.listing(parse_filters("non éligibles"))
    assert [i.number for i in page.page.items] == [numbers[INELIGIBLE]]
    assert state_lines(html)[numbers[INELIGIBLE]].startswith("⛔ non éligible")
    page, html = service.listing(parse_filters("à confirmer"))
    assert {i.number for i in page.page.items} == {numbers["nord"], numbers["national"]}


def test_stats_count_the_dossiers_by_state_in_the_same_words(
    dossiers: tuple[StaffService, dict[str, int]],
) -> None:
    """`/stats` says how many dossiers are ready, to complete, breaking a rule, to confirm,
    not eligible: the states add up to the dossiers started."""
    service, _ = dossiers
    html = service.stats_html()
    assert "<b>État des dossiers</b>" in html
    block = html.split("<b>État des dossiers</b>", 1)[1].split("\n\n", 1)[0]
    for words, count in (
        (READY, 1),
        (SOUS_RESERVE, 1),
        (INCOMPLETE, 3),
        (RULE, 1),
        (FORM, 1),
        (TO_CONFIRM, 1),
        (INELIGIBLE_WORDS, 1),
    ):
        assert f"• {words} : {count}\n" in block + "\n", (words, block)
    assert CLOSED not in block, "no complete dossier of a closed call: not said"
    figures = service.stats()
    assert sum(s.count for s in figures.states) == figures.started == 9


def test_stats_say_a_closed_call_s_complete_dossiers_apart_and_every_state_even_at_zero(
    store: SqlStore,
) -> None:
    populate(store)
    service = staff_service(store)  # the fixed clock: 25 November 2026, the call is closed
    block = service.stats_html().split("<b>État des dossiers</b>", 1)[1].split("\n\n", 1)[0]
    assert f"• {READY} : 0\n" in block and f"• {CLOSED} : 1\n" in block
    assert f"• {RULE} : 0\n" in block and f"• {TO_CONFIRM} : 0\n" in block
    assert f"• {INCOMPLETE} : 3\n" in block and f"• {INELIGIBLE_WORDS} : 1" in block
    assert SOUS_RESERVE not in block


def test_a_page_of_the_longest_lines_still_fits_one_telegram_message(store: SqlStore) -> None:
    """Ten dossiers with the longest state (« prêt à déposer, sous réserve… »), an
    organisation's name of 200 characters and the longest names Telegram allows (64 + 64,
    a 32-character @username), every filter said above them: the page is one message (at
    most 4 096 characters once its tags are read), so that ◀️ ▶️ can edit it in place. The
    applicant's names are cut in the line (4 138 characters before)."""
    populate(store)
    owners = [f"telegram:{2000 + n}" for n in range(PAGE_SIZE)]
    for owner in owners:

        def national(dossier: Dossier) -> None:
            dossier.eligibility.organisation_type = "network_national"
            dossier.organisation.network_level = "national"
            dossier.organisation.name = "Réseau national de l'insertion " * 7

        add_copy_of_complete(store, owner, national)
    with store.transaction() as repo:
        for owner in owners:
            identity = Identity("Marie-Amélie " * 5, "Dupont-Lefebvre " * 4, "m" * 32)
            repo.upsert_user(owner=owner, seen_at=CALL_OPEN.now(), identity=identity)
    service = staff_service(store)
    service.clock = CALL_OPEN
    every_filter = "à confirmer prêts brouillons alertes actifs 3650 réseau national insertion"
    page, html = service.listing(parse_filters(every_filter))
    assert len(page.page.items) == PAGE_SIZE
    assert html.count(f"❔ {SOUS_RESERVE}") == PAGE_SIZE
    assert visible_length(html) <= 4096, visible_length(html)
    assert "Marie-Amélie " * 2 in html and "Dupont-Lefebvre (@" not in html, "names cut"


@pytest.fixture
async def console(tmp_path: Path) -> AsyncIterator[ConsoleBench]:
    async with console_bench(f"sqlite:///{tmp_path / 'console.db'}") as made:
        await made.sign_in()
        yield made


async def test_the_console_s_statistics_count_the_same_states_as_stats(
    console: ConsoleBench,
) -> None:
    """The console's « Statistiques » page says the dossiers' states as `/stats` does, in
    the words of its own list's « État » column: an officer finds the same figures on
    either side."""
    page = await (await console.client.get("/console/statistiques")).text()
    assert "<h2>État des dossiers</h2>" in page
    block = page.split("<h2>État des dossiers</h2>", 1)[1].split("</dl>", 1)[0]
    for words, count in ((READY, 0), (CLOSED, 1), (INCOMPLETE, 3), (INELIGIBLE_WORDS, 1)):
        shown = re.search(rf"<dt>{re.escape(words)}</dt><dd>(?:<a [^>]*>)?(\d+)", block)
        assert shown is not None and int(shown.group(1)) == count, (words, block)
    said = [s.words for s in console.app.staff.stats().states]
    assert re.findall(r"<dt>([^<]*)</dt>", block) == [html.escape(w) for w in said]


async def test_each_state_counted_in_the_statistics_leads_to_its_dossiers(
    console: ConsoleBench,
) -> None:
    """An officer reading « incomplet : 3 » on the statistics wants those three: each figure
    links to the list filtered on that state, whose count and « État » column agree; a
    state at 0 links nowhere. The list's « État » filter offers each state too."""
    page = await (await console.client.get("/console/statistiques")).text()
    block = page.split("<h2>État des dossiers</h2>", 1)[1].split("</dl>", 1)[0]
    links = re.findall(r"<dt>([^<]*)</dt><dd><a href=\"([^\"]+)\"[^>]*>(\d+)</a>", block)
    assert {html.unescape(w) for w, _, _ in links} == {CLOSED, INCOMPLETE, INELIGIBLE_WORDS}
    assert f"<dt>{READY}</dt><dd>0</dd>" in block
    for words, href, count in links:
        listed = await (await console.client.get(html.unescape(href))).text()
        assert f"{count} dossier" in listed, (words, href)
        states = re.findall(r'<td data-label="État">([^<]*)</td>', listed)
        assert states == [words] * int(count), (words, states)
        assert "selected>" + words in listed  # the filter shows the state chosen
    everything = await (await console.client.get("/console/dossiers")).text()
    assert f'<option value="incomplet">{INCOMPLETE}</option>' in everything
