"""Exports for staff at the Département's scale: read in pages and written as they are read
(XLSX in write-only mode, CSV and JSON as streams), a sheet of dossiers and one of actions,
words rather than internal keys; Telegram gets what fits its limit and a note for the rest."""

from __future__ import annotations

import asyncio
import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

import dialogs.exports as exports_module
from dialogs.dossier_query import DossierQuery
from dialogs.events import Text
from dialogs.exports import Exporter
from dialogs.people import Identity
from dialogs.service import InterviewService
from dialogs.spec import DEFAULT_CALL_ID, load_shipped_spec
from dialogs.staff import StaffService
from storage.repository import SqlStore
from storage.transfer import export_all
from tests.staff_support import (
    COMPLETE,
    HOSTILE,
    IN_PLAN,
    INELIGIBLE,
    Population,
    fixed_clock,
    populate,
    staff_service,
)
from tests.support import link_owner, script_lines, without_staff_keys
from tests.test_staff_bot import Bench, bench, staff_chat_id  # noqa: F401  (fixtures)


@pytest.fixture
def population(store: SqlStore) -> Population:
    return populate(store, drafts=False)


@pytest.fixture
def staff(store: SqlStore, population: Population) -> StaffService:
    return staff_service(store)


def small_pages(staff: StaffService) -> Exporter:
    """Pages of two dossiers, so that five dossiers take three pages."""
    exporter = staff.exporter()
    exporter.batch = 2
    return exporter


def test_the_workbook_has_a_sheet_of_dossiers_and_a_sheet_of_actions(
    staff: StaffService, tmp_path: Path, population: Population
) -> None:
    InterviewService(  # Marie Dupont, the applicant of the complete dossier, as Telegram names her
        specs=load_shipped_spec,
        default_call_id=DEFAULT_CALL_ID,
        store=staff.store,
        clock=fixed_clock(),
    ).show(COMPLETE, chat_id=1001, identity=Identity("Marie", "Dupont", "mdupont"))
    path = tmp_path / "dossiers.xlsx"
    assert small_pages(staff).write_xlsx(path) == 5
    workbook = load_workbook(path)
    assert workbook.sheetnames == ["Dossiers", "Actions"]

    rows = list(workbook["Dossiers"].iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    dossiers = {
        link_owner(row[header.index("Candidat (lien Telegram)")]): dict(
            zip(header, row, strict=True)
        )
        for row in body
    }
    complete, in_plan = dossiers[COMPLETE], dossiers[IN_PLAN]
    assert complete["Candidat"] == "Marie Dupont (@mdupont)"
    assert complete["Type d’organisme"] == "Tête de réseau IAE départementale"
    # The staff tests' clock is November 2026: the 2025 call closed on 14 February 2025.
    assert (complete["État"], complete["Alertes"]) == (
        "complet, appel clos (ne peut plus être déposé)",
        0,
    )
    assert complete["ETP des actions"] == 1
    # One word for alerts, as in /dossiers and the console; a plan still being written is
    # no alert yet, an ineligible dossier's first alert is its ineligibility.
    assert (in_plan["Alertes"], in_plan["Détail des alertes"]) == (0, None)
    ineligible = dossiers[INELIGIBLE]
    assert ineligible["Alertes"] == 1
    assert ineligible["Détail des alertes"].startswith("Non éligible : L’appel à projets est")
    steps = {row[header.index("Question en cours")] for row in body}
    assert steps == {
        "Récapitulatif",
        "Partenaires (Orientation 1 · Action 1 « Former les encadrants techniques »)",
        "Non éligible",
        "Accueil",
        "Représentant légal",
    }, "the question in words, never an internal key such as review or elig.stop"

    actions = list(workbook["Actions"].iter_rows(values_only=True))
    columns = actions[0]
    first = dict(zip(columns, actions[1], strict=True))
    assert first["N° dossier"] == population.numbers[COMPLETE]
    assert first["Orientation"] == "Professionnalisation des SIAE"
    assert first["Titre"] == "Former les encadrants techniques"
    assert (first["Types de SIAE"], first["Territoire"]) == ("ACI, EI", "Tout le Pas-de-Calais")
    assert (first["Nombre de mois"], first["ETP"]) == (6, 0.5)
    assert first["Mois"].startswith("01/2025, 02/2025")
    assert [row[0] for row in actions[1:]] == [population.numbers[COMPLETE]] * 4 + [
        population.numbers[IN_PLAN]
    ]
    hostile = next(
        r for r in body if link_owner(r[header.index("Candidat (lien Telegram)")]) == HOSTILE
    )
    sheet = workbook["Dossiers"]
    cell = sheet.cell(row=body.index(hostile) + 2, column=header.index("Organisme") + 1)
    assert cell.data_type == "s", "text, never a formula"


def test_an_officer_can_filter_every_column_and_read_names_without_widening_them(
    staff: StaffService, tmp_path: Path
) -> None:
    path = tmp_path / "dossiers.xlsx"
    small_pages(staff).write_xlsx(path)
    workbook = load_workbook(path)
    for name, last in (("Dossiers", 6), ("Actions", 6)):
        sheet = workbook[name]
        assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, sheet.max_column).column_letter}{last}"
        header = [c.value for c in sheet[1]]
        widths = {
            h: sheet.column_dimensions[get_column_letter(i)].width
            for i, h in enumerate(header, start=1)
        }
        assert widths["Organisme"] >= 24
    assert widths["Titre"] >= 24 and widths["Description"] >= 24


def test_csv_streams_come_in_chunks_that_make_one_file(staff: StaffService) -> None:
    seen: list[tuple[int, int]] = []
    chunks = list(small_pages(staff).iter_csv("actions", progress=lambda d, t: seen.append((d, t))))
    assert len(chunks) >= 3, "header, then a chunk per page"
    content = b"".join(chunks)
    assert content.startswith(b"\xef\xbb\xbf") and content.count(b"\xef\xbb\xbf") == 1
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:5] == ["N° dossier", "Organisme", "Orientation", "N° de l’action", "Titre"]
    assert len(rows) == 1 + 5
    assert rows[1][rows[0].index("ETP")] == "0,5"
    assert seen == [(2, 5), (4, 5), (5, 5)], "read two dossiers at a time"

    dossiers = b"".join(small_pages(staff).iter_csv("dossiers")).decode("utf-8-sig")
    assert len(list(csv.reader(io.StringIO(dossiers), delimiter=";"))) == 1 + 5


def test_the_json_stream_is_the_export_format_read_back_by_import(
    staff: StaffService, store: SqlStore
) -> None:
    streamed = b"".join(small_pages(staff).iter_json()).decode("utf-8")
    with store.transaction() as repo:
        assert without_staff_keys(streamed) == json.loads(export_all(repo))
    assert len(json.loads(streamed)) == 5


def test_an_export_reads_a_dossier_as_it_is_now_even_if_its_summary_is_older(
    staff: StaffService, store: SqlStore
) -> None:
    staff.refresh_summaries()
    InterviewService(  # an answer saved without its summary (as an older program would)
        specs=load_shipped_spec,
        default_call_id=DEFAULT_CALL_ID,
        store=store,
        clock=fixed_clock(),
        summaries=False,
    ).handle(HOSTILE, Text("Jean Martin"), chat_id=1005)
    exporter = Exporter(specs=load_shipped_spec, store=store)  # no refresh before
    content = b"".join(exporter.iter_csv()).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content), delimiter=";"))
    hostile = next(
        row
        for row in rows[1:]
        if link_owner(row[rows[0].index("Candidat (lien Telegram)")]) == HOSTILE
    )
    assert hostile[rows[0].index("Question en cours")] != "Représentant légal"


def test_a_dossier_whose_only_fault_is_its_budget_balance_is_not_said_to_break_the_call(
    staff: StaffService, store: SqlStore, population: Population
) -> None:
    with store.transaction() as repo:
        stored = repo.get_dossier(population.numbers[COMPLETE])
        assert stored is not None
        dossier = stored.dossier.model_copy(deep=True)
        dossier.budget.own_funds = (dossier.budget.own_funds or 0) + 1000  # resources > charges
        repo.save_dossier(dossier_id=stored.id, dossier=dossier)
    staff.refresh_summaries()
    content = b"".join(staff.exporter().iter_csv()).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content), delimiter=";"))
    complete = next(
        row
        for row in rows[1:]
        if link_owner(row[rows[0].index("Candidat (lien Telegram)")]) == COMPLETE
    )
    state = complete[rows[0].index("État")]
    assert state == "non conforme au formulaire CERFA n° 12156"


def test_a_siret_reaches_french_excel_as_text_grouped_as_the_console_shows_it(
    staff: StaffService, store: SqlStore, population: Population
) -> None:
    """Regression: the CSV held « 73282932000074 », which French Excel reads as a number
    (7,32829E+13), and a SIRET opening with 0 lost it. The console and /dossier N print
    « 732 829 320 00074 »; the CSV and the workbook now say the same."""
    with store.transaction() as repo:
        stored = repo.get_dossier(population.numbers[IN_PLAN])
        assert stored is not None
        dossier = stored.dossier.model_copy(deep=True)
        dossier.organisation.siret = "04234567800011"
        repo.save_dossier(dossier_id=stored.id, dossier=dossier)
    staff.refresh_summaries()
    content = b"".join(staff.exporter().iter_csv()).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content), delimiter=";"))
    siret = {
        link_owner(row[rows[0].index("Candidat (lien Telegram)")]): row[rows[0].index("SIRET")]
        for row in rows[1:]
    }
    assert siret[COMPLETE] == "732 829 320 00074"
    assert siret[IN_PLAN] == "042 345 678 00011", "its leading 0 kept"
    assert siret[INELIGIBLE] == "", "not asked yet: an empty cell"
    files = {f.name.rsplit(".", 1)[1]: f for f in staff.exports()}
    xlsx = load_workbook(io.BytesIO(files["xlsx"].content)).active
    assert xlsx is not None
    header = [cell.value for cell in xlsx[1]]
    cells = [row[header.index("SIRET")] for row in xlsx.iter_rows(min_row=2, values_only=True)]
    assert "732 829 320 00074" in cells and "042 345 678 00011" in cells


def test_an_empty_database_exports_headers_only(store: SqlStore, tmp_path: Path) -> None:
    exporter = Exporter(specs=load_shipped_spec, store=store)
    assert b"".join(exporter.iter_json()) == b"[]\n"
    assert exporter.write_xlsx(tmp_path / "empty.xlsx") == 0
    assert b"".join(exporter.iter_csv()).decode("utf-8-sig").count("\r\n") == 1


async def test_telegram_gets_the_files_that_fit_and_is_told_where_to_find_the_others(
    bench: Bench,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Five dossiers: XLSX about 9 kB, CSV 4 kB, JSON 17 kB.
    monkeypatch.setattr(exports_module, "TELEGRAM_UPLOAD_LIMIT", 12_000)
    staff = bench.staff()
    await staff.send("/export")
    await bench.api.wait_until(
        lambda: any("Trop volumineux" in (m.get("text") or "") for m in staff.messages) or None,
        timeout=30,
    )
    sent = sorted(d["file_name"].rsplit(".", 1)[1] for d in staff.documents)
    assert sent == ["csv", "xlsx"]
    note = next(m["text"] for m in staff.messages if "Trop volumineux" in (m.get("text") or ""))
    assert "dossiers-2026-11-25.json" in note and "console web" in note
    pages = await asyncio.to_thread(bench.app.staff.dossiers, DossierQuery(limit=0))
    assert pages.total == 5


def test_a_dossier_erased_during_an_export_makes_it_skip_no_other(
    staff: StaffService, store: SqlStore
) -> None:
    erased = False

    def erase_the_first_applicant_after_the_first_page(done: int, total: int) -> None:
        nonlocal erased
        if not erased:
            with store.transaction() as repo:
                repo.delete_owner_data(COMPLETE)  # dossier 1, already exported
            erased = True

    documents = json.loads(
        b"".join(small_pages(staff).iter_json(erase_the_first_applicant_after_the_first_page))
    )
    assert erased and len(documents) == 5, "every dossier there when its page was read"


def test_a_complete_dossier_is_ready_to_file_while_the_call_is_open_and_not_once_it_closed(
    staff: StaffService, tmp_path: Path
) -> None:
    """The officer's spreadsheet never says « prêt à déposer » of a dossier E-partenaire would
    refuse: once the call closed, a complete dossier reads « complet, appel clos », as in the
    console's list."""

    def state_of_complete(exporter: Exporter) -> str:
        path = tmp_path / "dossiers.xlsx"
        exporter.write_xlsx(path)
        rows = list(load_workbook(path)["Dossiers"].iter_rows(values_only=True))
        header = rows[0]
        for row in rows[1:]:
            if link_owner(row[header.index("Candidat (lien Telegram)")]) == COMPLETE:
                return str(row[header.index("État")])
        raise AssertionError("the complete dossier is not exported")

    open_day = dt.date(2025, 2, 1)  # the call takes applications until 14 February 2025
    during = Exporter(specs=load_shipped_spec, store=staff.store, today=open_day)
    assert state_of_complete(during) == "prêt à déposer"
    after = Exporter(specs=load_shipped_spec, store=staff.store, today=dt.date(2025, 2, 15))
    assert state_of_complete(after) == "complet, appel clos (ne peut plus être déposé)"


# -- exports in parts, so that every file reaches Telegram ---------------------------------
#: Small enough that five dossiers' CSV and JSON come in several parts (JSON records: 2,5 to
#: 8 kB; the CSV's header 1,7 kB, its rows 0,4 to 1 kB).
SMALL_PARTS = 3_000


def read_parts(
    documents: dict[str, bytes], stem: str, kind: str
) -> tuple[list[list[list[str]]], list[list[dict[str, object]]]]:
    """The parts of `kind` in their order (by the « partie i sur n » of their names)."""
    names = sorted(
        (name for name in documents if name.endswith(f".{kind}")),
        key=lambda name: int(name.split("-partie-")[1].split("-")[0]),
    )
    assert names and all(name.startswith(f"{stem}-partie-") for name in names), names
    total = len(names)
    assert names == [f"{stem}-partie-{i}-sur-{total}.{kind}" for i in range(1, total + 1)]
    if kind == "csv":
        tables = [
            list(csv.reader(io.StringIO(documents[n].decode("utf-8-sig")), delimiter=";"))
            for n in names
        ]
        return tables, []
    return [], [json.loads(documents[n]) for n in names]


async def test_an_officer_gets_a_large_export_in_numbered_parts_each_readable_alone(
    bench: Bench,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(exports_module, "EXPORT_PART_LIMIT", SMALL_PARTS)
    staff = bench.staff()
    await staff.send("/export")
    await bench.api.wait_until(
        lambda: any("Export écrit" in (m.get("text") or "") for m in staff.messages) or None,
        timeout=30,
    )
    numbers = sorted(bench.population.numbers.values())

    def last_json_part_sent() -> bool | None:  # the JSON comes last, its parts in order
        names = [d["file_name"] for d in staff.documents if d["file_name"].endswith(".json")]
        if not names:
            return None
        part, _, total = names[-1].removesuffix(".json").split("-partie-")[-1].partition("-sur-")
        return part == total or None

    await bench.api.wait_until(last_json_part_sent, timeout=30)
    documents = {d["file_name"]: d["data"] for d in staff.documents}
    stem = "dossiers-2026-11-25"

    tables, _ = read_parts(documents, stem, "csv")
    assert len(tables) > 1
    assert all(table[0] == tables[0][0] and table[0][0] == "N° dossier" for table in tables)
    assert all(documents[n].startswith(b"\xef\xbb\xbf") for n in documents if n.endswith(".csv"))
    assert [int(row[0]) for table in tables for row in table[1:]] == numbers, "each once"

    _, lists = read_parts(documents, stem, "json")
    assert len(lists) > 1
    with bench.app.store.transaction() as repo:
        uuids = [s.dossier.uuid for s in repo.list_dossiers()]
    assert [d["uuid"] for items in lists for d in items] == uuids, "each once, in order"
    for name, data in documents.items():  # none past the limit but a dossier alone
        if not name.endswith(".xlsx") and len(data) > SMALL_PARTS:
            assert len(json.loads(data)) == 1, name

    books = [
        load_workbook(io.BytesIO(data))
        for name, data in sorted(documents.items())
        if name.endswith(".xlsx")
    ]
    assert all(book.sheetnames == ["Dossiers", "Actions"] for book in books)
    rows = [
        row[0] for book in books for row in book["Dossiers"].iter_rows(min_row=2, values_only=True)
    ]
    assert sorted(rows) == numbers

    first = staff.documents[0]
    assert first["file_name"] == f"{stem}-partie-1-sur-{len(books)}.xlsx"
    assert "5 dossiers." in first["caption"]
    said = (
        f"le XLSX arrive en {len(books)} parties, le CSV arrive en {len(tables)} parties, "
        f"le JSON arrive en {len(lists)} parties"
    )
    assert said in first["caption"]
    assert all(not d.get("caption") for d in staff.documents[1:])
    assert not any("Trop volumineux" in (m.get("text") or "") for m in staff.messages)


def test_a_small_export_is_one_file_of_each_kind_under_todays_names(
    staff: StaffService, tmp_path: Path
) -> None:
    files = staff.export_files(tmp_path)
    assert [f.name for f in files] == [
        "dossiers-2026-11-25.xlsx",
        "dossiers-2026-11-25.csv",
        "dossiers-2026-11-25.json",
    ]
    assert [(f.part, f.parts) for f in files] == [(1, 1)] * 3
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f.name for f in files)
    assert len(json.loads(files[2].path.read_bytes())) == 5


def test_export_csv_writes_only_the_csv_under_its_usual_names(
    staff: StaffService, tmp_path: Path
) -> None:
    """« /export csv »: only the CSV was sent, but the workbook and the JSON were written too
    (a workbook's time and disk for every dossier, for nothing). Only what is asked is
    written, under the names a full export gives it."""
    [only] = staff.export_files(tmp_path, None, ("csv",))
    assert only.name == "dossiers-2026-11-25.csv"
    assert [p.name for p in tmp_path.iterdir()] == [only.name], "no workbook, no JSON"
    split = tmp_path / "parts"
    split.mkdir()
    files = staff.export_files(split, None, ("xlsx", "json"), part_limit=SMALL_PARTS)
    assert {f.kind for f in files} == {"xlsx", "json"}
    assert any(f.parts > 1 for f in files), "in parts"
    for f in files:
        part = f"-partie-{f.part}-sur-{f.parts}" if f.parts > 1 else ""
        assert f.name == f"dossiers-2026-11-25{part}.{f.kind}"
    assert sorted(p.name for p in split.iterdir()) == sorted(f.name for f in files)


def test_an_empty_export_in_parts_is_still_one_valid_file_of_each_kind(
    store: SqlStore, tmp_path: Path
) -> None:
    files = Exporter(specs=load_shipped_spec, store=store).write_files(
        tmp_path, "dossiers-2026-11-25", part_limit=SMALL_PARTS
    )
    assert [(f.name, f.parts) for f in files] == [
        ("dossiers-2026-11-25.xlsx", 1),
        ("dossiers-2026-11-25.csv", 1),
        ("dossiers-2026-11-25.json", 1),
    ]
    assert json.loads(files[2].path.read_bytes()) == []
    assert files[1].path.read_bytes().decode("utf-8-sig").count("\r\n") == 1


def test_an_export_that_fails_midway_leaves_no_file_behind(
    staff: StaffService, tmp_path: Path
) -> None:
    """The database lost after the first pages (parts already written, one being
    written): the failure reaches the officer, and no half export stays on the disk, where
    its applicants' data would sit unaccounted for."""

    def database_lost_after_the_first_page(done: int, total: int) -> None:
        assert any(tmp_path.iterdir()), "parts already on disk"
        raise ConnectionError("database lost")

    with pytest.raises(ConnectionError):
        small_pages(staff).write_files(
            tmp_path,
            "dossiers-2026-11-25",
            database_lost_after_the_first_page,
            part_limit=SMALL_PARTS,
        )
    assert list(tmp_path.iterdir()) == []


def test_parts_are_written_to_disk_as_the_dossiers_are_read(
    staff: StaffService, tmp_path: Path
) -> None:
    """Memory stays bounded: a part is complete on disk before the next dossiers are read,
    nothing waits for the end of the export."""
    on_disk: list[list[object]] = []

    def after_each_page(done: int, total: int) -> None:
        closed = []
        for path in sorted(tmp_path.iterdir()):
            if path.name.endswith(".json.part"):
                try:
                    closed.append(json.loads(path.read_bytes()))
                except json.JSONDecodeError:
                    continue  # the part being written
        on_disk.append([item["dossier_number"] for items in closed for item in items])

    files = small_pages(staff).write_files(
        tmp_path, "dossiers-2026-11-25", after_each_page, part_limit=SMALL_PARTS
    )
    assert on_disk[0], "the first page's parts already written, whole, while reading on"
    assert len(on_disk[0]) < 5
    assert sum(f.parts for f in files if f.kind == "json") // 5 > 1  # (several, each 5 times)


def test_an_officer_reads_in_every_export_the_words_kept_for_a_later_question(
    staff: StaffService, store: SqlStore
) -> None:
    """Sophie copied her letterhead at the address, « 12 rue X 62000 Arras tel 03 21 00 00
    00 », then stopped: the bot kept the number for the phone question, not reached yet.
    The JSON held it (`set_aside`, her own words), but the workbook and the CSV that
    officers open said nothing of it: her phone looked never given. Both now name the
    question it waits for and what she typed."""
    sophie = "telegram:1006"
    service = InterviewService(
        specs=load_shipped_spec, default_call_id=DEFAULT_CALL_ID, store=store, clock=fixed_clock()
    )
    service.show(sophie, chat_id=1006)
    lines = script_lines()
    for line in lines[: lines.index("12 rue des Arts, 62000 Arras")]:
        service.handle(sophie, Text(line), chat_id=1006)
    service.handle(sophie, Text("12 rue X 62000 Arras tel 03 21 00 00 00"), chat_id=1006)
    staff.refresh_summaries()
    column = "Mots gardés pour une question à venir"
    files = {f.name.rsplit(".", 1)[1]: f for f in staff.exports()}
    [kept] = [d for d in json.loads(files["json"].content) if d["set_aside"]]
    assert kept["set_aside"] == {"org.phone": "03 21 00 00 00"}
    number = kept["dossier_number"]
    rows = list(csv.reader(io.StringIO(files["csv"].content.decode("utf-8-sig")), delimiter=";"))
    cells = {int(row[0]): row[rows[0].index(column)] for row in rows[1:]}
    assert cells.pop(number) == "Téléphone : 03 21 00 00 00"
    assert set(cells.values()) == {""}, "nothing kept: an empty cell"
    sheet = load_workbook(io.BytesIO(files["xlsx"].content))["Dossiers"]
    header = [cell.value for cell in sheet[1]]
    found = {
        row[0]: row[header.index(column)] for row in sheet.iter_rows(min_row=2, values_only=True)
    }
    assert found[number] == "Téléphone : 03 21 00 00 00"
