"""An officer never reads « éligible » where the Département must first confirm it.

A national network's complete dossier is « prêt à déposer, sous réserve » on its own page;
the staff listings (Telegram and console), their filters, the statistics and the exports say
the same (« à confirmer »), and an officer finds a dossier by its number, SIRET or contact.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import uuid
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.clock import FixedClock
from dialogs.dossier import Dossier
from dialogs.dossier_list import parse_filters, parse_token
from dialogs.dossier_query import DossierQuery
from dialogs.ports import Store
from dialogs.spec import DEFAULT_CALL_ID, load_shipped_spec
from dialogs.staff import StaffService
from dialogs.support import SUPPORT, FoundAnswer, SupportService
from dialogs.texts import render_macro
from drafts import render_draft_files
from storage.repository import SqlStore
from tests.console_support import ConsoleBench, console_bench
from tests.staff_support import COMPLETE, INELIGIBLE, fixed_clock, populate, staff_service

NATIONAL = "telegram:1006"


def add_copy_of_complete(store: Store, owner: str, change: Callable[[Dossier], None]) -> int:
    """The complete applicant's dossier, changed by `change`, filed by `owner`: its number."""
    with store.transaction() as repo:
        complete = next(s for s in repo.list_dossiers() if s.owner == COMPLETE)
        dossier = complete.dossier.clone()
        dossier.uuid = str(uuid.uuid4())
        change(dossier)
        return repo.add_dossier(owner=owner, dossier=dossier).id


def in_the_nord(dossier: Dossier) -> None:
    """A departmental network of the Nord (seat in Lille): its eligibility is for the
    Département to confirm (`organisation_elsewhere`)."""
    dossier.organisation.name = "Fédé IAE Nord"
    dossier.organisation.territory = "le département du Nord, et Calais"
    dossier.organisation.address = "15 rue Nationale, 59000 Lille"


def add_national_network(store: Store) -> int:
    """The complete applicant's dossier, filed by a national network: its number."""

    def national(dossier: Dossier) -> None:
        dossier.eligibility.organisation_type = "network_national"
        dossier.organisation.network_level = "national"
        dossier.organisation.name = "Réseau national de l'insertion"

    return add_copy_of_complete(store, NATIONAL, national)


@pytest.fixture
def staff(store: SqlStore) -> tuple[StaffService, dict[str, int]]:
    numbers = dict(populate(store).numbers)
    numbers[NATIONAL] = add_national_network(store)
    return staff_service(store, drafts=render_draft_files), numbers


def test_a_national_network_is_listed_to_confirm_and_counted_apart_in_the_statistics(
    staff: tuple[StaffService, dict[str, int]],
) -> None:
    service, numbers = staff
    listed = {item.number: item.facts for item in service.dossiers(DossierQuery(limit=None)).items}
    national, complete = listed[numbers[NATIONAL]], listed[numbers[COMPLETE]]
    assert (national.eligible, national.reserved, national.readiness) == (True, True, "ready")
    assert (complete.eligible, complete.reserved) == (True, False)
    to_confirm = service.dossiers(DossierQuery(reserved=True)).items
    assert [item.number for item in to_confirm] == [numbers[NATIONAL]]
    figures = service.stats()
    eligible = sum(1 for facts in listed.values() if facts.eligible)
    assert (figures.eligible, figures.reserved) == (eligible, 1)
    assert f"Éligibles : {eligible} (dont 1 à confirmer par le Département)" in service.stats_html()


def test_the_telegram_listing_marks_the_dossier_to_confirm_and_filters_it(
    staff: tuple[StaffService, dict[str, int]],
) -> None:
    service, numbers = staff
    _, everything = service.listing(parse_filters(""))
    line = next(x for x in everything.split("\n") if f"n° {numbers[NATIONAL]}" in x)
    following = everything.split(line, 1)[1].split("\n", 2)[1]
    # The call is closed (the fixed clock): complete, and still to confirm.
    assert following.strip().startswith("❔ complet, appel clos (ne peut plus être déposé)")
    assert " · éligibilité à confirmer · " in following
    assert "❔ éligibilité à confirmer par le Département" in everything, "the legend says it"
    filters = parse_filters("à confirmer")
    assert filters.reserved and parse_token(filters.token) == filters, "its pages keep it"
    page, html = service.listing(filters)
    assert [item.number for item in page.page.items] == [numbers[NATIONAL]]
    assert "éligibilité à confirmer" in html.split("\n")[0]
    summary = service.summary(numbers[NATIONAL])
    assert summary is not None
    assert "Éligibilité : éligibilité à confirmer par le Département" in summary.html
    assert "❔ À confirmer : Réseau de niveau national : l’appel à projets" in summary.html
    assert "confirmez votre éligibilité" not in summary.html, "words for the applicant, not staff"


def test_the_exports_say_to_confirm_and_sous_reserve_not_eligible_and_ready(
    staff: tuple[StaffService, dict[str, int]],
) -> None:
    service, numbers = staff
    service.clock = FixedClock(dt.datetime(2025, 2, 1, 9, 0, tzinfo=dt.UTC))  # the call is open
    files = {f.name.rsplit(".", 1)[1]: f for f in service.exports()}
    sheet = load_workbook(io.BytesIO(files["xlsx"].content)).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    column = {name: index for index, name in enumerate(rows[0])}
    by_number = {row[0]: row for row in rows[1:]}
    national, complete = by_number[numbers[NATIONAL]], by_number[numbers[COMPLETE]]
    assert (
        national[column["Éligibilité"]] == "éligible sous réserve (à confirmer par le Département)"
    )
    assert national[column["État"]] == "prêt à déposer, sous réserve (éligibilité à confirmer)"
    assert complete[column["Éligibilité"]] == "éligible"
    assert complete[column["État"]] == "prêt à déposer"
    text = files["csv"].content.decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(text), delimiter=";"))
    header = table[0]
    row = next(r for r in table[1:] if r[0] == str(numbers[NATIONAL]))
    assert row[header.index("État")] == "prêt à déposer, sous réserve (éligibilité à confirmer)"


@pytest.fixture
async def bench(tmp_path: Path) -> AsyncIterator[ConsoleBench]:
    async with console_bench(f"sqlite:///{tmp_path / 'console.db'}") as made:
        made.population.numbers[NATIONAL] = add_national_network(made.app.store)
        await made.sign_in()
        yield made


def listed(page: str) -> list[int]:
    found = re.findall(r'data-label="N°" class="nowrap"><a [^>]*>n° (\d+)<', page)
    return [int(n) for n in found]


async def test_the_console_list_says_to_confirm_filters_it_and_shows_the_state(
    bench: ConsoleBench,
) -> None:
    numbers = bench.population.numbers
    page = await (await bench.client.get("/console/dossiers")).text()
    row = page.split(f">n° {numbers[NATIONAL]}<", 1)[1].split("</tr>", 1)[0]
    assert '<span class="badge maybe">à confirmer</span>' in row
    assert "complet, appel clos" in row, "the clock says 25 November 2026: nothing to file"
    assert 'class="badge yes">éligible' not in row
    bench.app.staff.clock = FixedClock(dt.datetime(2025, 2, 1, 9, 0, tzinfo=dt.UTC))
    during = await (await bench.client.get("/console/dossiers")).text()
    row = during.split(f">n° {numbers[NATIONAL]}<", 1)[1].split("</tr>", 1)[0]
    assert "prêt à déposer, sous réserve" in row
    row = during.split(f">n° {numbers[COMPLETE]}<", 1)[1].split("</tr>", 1)[0]
    assert "prêt à déposer<" in row and "sous réserve" not in row
    confirm = await (await bench.client.get("/console/dossiers?eligible=confirmer")).text()
    assert listed(confirm) == [numbers[NATIONAL]]
    eligible = await (await bench.client.get("/console/dossiers?eligible=oui")).text()
    assert {numbers[NATIONAL], numbers[COMPLETE]} <= set(listed(eligible)), "to confirm too"
    ready = await (await bench.client.get("/console/dossiers?etat=prets")).text()
    assert sorted(listed(ready)) == sorted([numbers[NATIONAL], numbers[COMPLETE]])
    not_ready = await (await bench.client.get("/console/dossiers?etat=non")).text()
    assert numbers[COMPLETE] not in listed(not_ready) and numbers[INELIGIBLE] in listed(not_ready)
    dossier = await (await bench.client.get(f"/console/dossiers/{numbers[NATIONAL]}")).text()
    assert '<span class="badge maybe">éligibilité à confirmer</span>' in dossier
    assert "<strong>À confirmer :</strong> Réseau de niveau national" in dossier
    assert "confirmez votre éligibilité" not in dossier
    assert "Conseil :</strong> Réseau" not in dossier
    statistics = await (await bench.client.get("/console/statistiques")).text()
    assert "dont 1 à confirmer" in statistics


async def test_an_officer_finds_a_dossier_by_its_number_siret_or_contact(
    bench: ConsoleBench,
) -> None:
    numbers = bench.population.numbers
    wanted = numbers[INELIGIBLE]
    for typed in (str(wanted), f"n° {wanted}", f"n°{wanted}"):
        found = await (await bench.client.get("/console/dossiers", params={"q": typed})).text()
        assert wanted in listed(found), typed
    by_siret = await (await bench.client.get("/console/dossiers?q=732+829+320")).text()
    assert numbers[COMPLETE] in listed(by_siret) and wanted not in listed(by_siret)
    by_contact = await (await bench.client.get("/console/dossiers?q=dupont")).text()
    assert numbers[COMPLETE] in listed(by_contact) and wanted not in listed(by_contact)


def test_a_search_for_a_word_like_reserve_is_a_search_not_the_filter() -> None:
    """« réserve naturelle » looks a name up; « sous réserve » and « à confirmer » filter."""
    assert parse_filters("réserve naturelle").text == "réserve naturelle"
    assert not parse_filters("réserve naturelle").reserved
    assert parse_filters("sous réserve").reserved and parse_filters("à confirmer").reserved


def test_a_question_from_a_network_to_confirm_reaches_the_group_saying_to_confirm(
    staff: tuple[StaffService, dict[str, int]], store: SqlStore
) -> None:
    """Regression: the ticket post of a regional network's question said « Dossier n° 3 —
    éligible — … » where /dossiers and the console say « à confirmer » (and the question was
    precisely about its eligibility)."""
    _, numbers = staff
    support = SupportService(
        specs=load_shipped_spec,
        default_call_id=DEFAULT_CALL_ID,
        store=store,
        clock=fixed_clock(),
        finder=lambda question, faq: FoundAnswer("", "", 0.0, confident=False),
    )
    question = "Notre union est nationale mais a une antenne à Arras, sommes-nous éligibles ?"
    [offer] = support.answer_question(NATIONAL, numbers[NATIONAL], question)
    escalation = support.escalate(NATIONAL, int(offer.buttons[0].id[1:]))
    assert escalation is not None and escalation.posting is not None
    posting = escalation.posting
    post = render_macro(
        SUPPORT, "staff_ticket", ticket=posting.ticket, text=posting.text, posting=posting
    )
    assert f"Dossier n° {numbers[NATIONAL]} — ❔ éligibilité à confirmer — complet à" in post
    assert "— éligible —" not in post


def test_an_officer_finds_a_name_typed_with_the_other_apostrophe_or_the_contact_s_e_mail(
    staff: tuple[StaffService, dict[str, int]],
) -> None:
    """Regression: « /dossiers l’artois » (the apostrophe phones and Word type) found nothing
    where « l'artois » found the dossier, and « marie.dupont » (the contact's e-mail) found
    nothing although the search covers the contact."""
    service, numbers = staff
    for typed in ("inser’réseau", "Inser'Reseau", "marie.dupont", "marie.dupont@inser"):
        page, _ = service.listing(parse_filters(typed))
        assert numbers[COMPLETE] in [item.number for item in page.page.items], typed
    listed = service.dossiers(DossierQuery(text="réseau national de l’insertion", limit=None))
    assert [item.number for item in listed.items] == [numbers[NATIONAL]], "stored with '"


async def test_the_console_search_folds_the_apostrophe_and_finds_the_e_mail(
    bench: ConsoleBench,
) -> None:
    numbers = bench.population.numbers
    for typed in ("inser’reseau", "marie.dupont"):
        found = await (await bench.client.get("/console/dossiers", params={"q": typed})).text()
        assert numbers[COMPLETE] in listed(found), typed


def test_a_network_outside_the_pas_de_calais_is_found_to_confirm_and_never_ready(
    store: SqlStore,
) -> None:
    """An officer's walk: the Nord's departmental network (seat in 59000 Lille) was not
    found under « à confirmer »; the list showed it « éligible », the statistics counted
    it among the eligible with nothing to confirm. It is listed and counted to confirm,
    and never ready until the Département has confirmed it."""
    numbers = dict(populate(store).numbers)
    nord = add_copy_of_complete(store, "telegram:1007", in_the_nord)
    service = staff_service(store, drafts=render_draft_files)
    listed = {item.number: item.facts for item in service.dossiers(DossierQuery(limit=None)).items}
    facts = listed[nord]
    assert (facts.eligible, facts.reserved) == (True, True)
    assert facts.readiness != "ready"
    to_confirm = [item.number for item in service.dossiers(DossierQuery(reserved=True)).items]
    assert to_confirm == [nord]
    assert service.stats().reserved == 1
    assert numbers[COMPLETE] not in to_confirm


async def test_a_network_in_the_nord_reads_to_confirm_with_the_departement_never_a_rule_broken(
    bench: ConsoleBench,
) -> None:
    """An officer's walk: the Nord's network, complete and only waiting for the Département
    to confirm its eligibility, read « règle de l’appel non respectée » in the list's
    « État » (and « éligible » on its page): the officer looked for the rule it broke. The
    list, its page, `/dossier N` in the group and the exports say « à confirmer avec le
    Département »."""
    nord = add_copy_of_complete(bench.app.store, "telegram:1007", in_the_nord)
    service = bench.app.staff
    service.clock = FixedClock(dt.datetime(2025, 2, 1, 9, 0, tzinfo=dt.UTC))  # the call is open
    said, breach = "à confirmer avec le Département", "règle de l’appel non respectée"
    listed = await (await bench.client.get("/console/dossiers")).text()
    row = listed.split(f">n° {nord}<", 1)[1].split("</tr>", 1)[0]
    assert f'data-label="État">{said}</td>' in row and breach not in row
    page = await (await bench.client.get(f"/console/dossiers/{nord}")).text()
    status = page.split('<p class="meta">', 1)[1].split("</p>", 1)[0]
    assert '<span class="badge maybe">éligibilité à confirmer</span>' in status
    assert said in status and breach not in status and "badge yes" not in status
    summary = service.summary(nord)
    assert summary is not None and f"État : {said}" in summary.html
    csv_file = next(f for f in service.exports() if f.name.endswith(".csv"))
    table = list(csv.reader(io.StringIO(csv_file.content.decode("utf-8-sig")), delimiter=";"))
    row_of = next(r for r in table[1:] if r[0] == str(nord))
    assert row_of[table[0].index("État")] == said
    statistics = await (await bench.client.get("/console/statistiques")).text()
    assert "dont 2 à confirmer" in statistics, "the national network and the Nord's"
