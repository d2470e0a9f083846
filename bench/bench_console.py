"""The staff workspace at the Département's scale: 10 000 dossiers in a temporary SQLite file.

Seeds the dossiers quickly (states of a real application taken at every step of the scripted
conversation, varied: organisation, applicant, dates; more of them stopped early than
finished, as in a real funnel), some questions and tickets, then measures:
- the summaries' cold refresh (every dossier planned and reviewed once, as after migration);
- the dossiers list (first page, with filters, search and sorts), warm: median of runs;
- the same after a busy hour (3 % of the dossiers saved since the last listing by a program
  that does not write summaries: they are recomputed first);
- the statistics (`stats()` and the question figures, rendered as `/stats`), warm;
- the web console's pages over HTTP (dossiers with filters, statistics, one dossier), as a
  signed-in staff member gets them, rendering included: median of runs;
- the export (XLSX, CSV, JSON written to disk) in a fresh process: time, peak RSS, and each
  file's size with the number of parts each kind was split into (`EXPORT_PART_LIMIT`).

Targets: list and statistics under 1 s (the web console's pages); export ≤ 30 s with every
file under 45 MB and peak RSS ≤ 400 MiB (issue 14). Exits non-zero when one is missed.

    .venv/bin/python bench/bench_console.py [--dossiers 10000] [--runs 7] [--part-limit 20000000]

(`--part-limit`: smaller parts than Telegram's 45 MB, to see the files split at this scale.)
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert, text

from app.clock import FixedClock
from dialogs.dossier_query import DossierQuery
from dialogs.exports import EXPORT_PART_LIMIT
from dialogs.people import Identity
from dialogs.spec import DEFAULT_CALL_ID, load_shipped_spec
from dialogs.staff import StaffService
from storage.models import (
    AskedQuestionRow,
    DossierRow,
    TicketMessageRow,
    TicketRow,
    UserRow,
)
from storage.repository import SqlStore
from storage.transfer import export_all
from tests.support import Walk, script_lines

NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
FIRST_NAMES = ["Marie", "Jean", "Émilie", "Karim", "Sophie", "Luc", "Aïcha", "Thomas", "Inès"]
LAST_NAMES = ["Dupont", "Lefèvre", "Martin", "Benali", "Durand", "Petit", "Leroy", "Moreau"]
PLACES = ["Artois", "Boulonnais", "Ternois", "Calaisis", "Montreuillois", "Lens-Liévin"]
KINDS = ["Réseau", "Inser'", "Chantier", "Atelier", "Entreprise d’insertion", "Association"]
LIST_TARGET_S, EXPORT_RSS_MIB = 1.0, 400
EXPORT_TARGET_S, FILE_LIMIT = 30.0, EXPORT_PART_LIMIT


def states() -> list[dict[str, Any]]:
    """The dossier after each line of the complete scripted application, one drafted, and
    one found ineligible: JSON documents, as stored."""
    walk = Walk(load_shipped_spec(DEFAULT_CALL_ID), today=NOW.date())
    found = [walk.dossier.model_dump(mode="json")]
    for line in script_lines():
        walk.send(line)
        found.append(walk.dossier.model_dump(mode="json"))
    drafted = dict(found[-1], draft_generated_at=NOW.isoformat())
    ineligible = Walk(load_shipped_spec(DEFAULT_CALL_ID), today=NOW.date())
    ineligible.answers(["1", "4"])  # start, then an ACI: not eligible to this call
    return [*found, drafted, ineligible.dossier.model_dump(mode="json")]


def seed(store: SqlStore, count: int) -> float:
    """`count` dossiers and their applicants (some with two dossiers), written in batches of
    500 rows through the repository's connection; returns the seconds it took."""
    started = time.perf_counter()
    random.seed(62)
    templates = states()
    # A funnel: early states weigh more than late ones; a tenth drafted, a twentieth ineligible.
    weights = [1.0 / (1 + i / 10) for i in range(len(templates) - 2)] + [6.0, 4.0]
    chosen = random.choices(range(len(templates)), weights=weights, k=count)
    users: dict[str, dict[str, Any]] = {}
    batch: list[dict[str, Any]] = []
    for number, index in enumerate(chosen, start=1):
        data = json.loads(json.dumps(templates[index]))
        owner = f"telegram:{100000 + int(number * 0.8)}"
        created = NOW - dt.timedelta(days=random.uniform(0, 90))
        updated = min(NOW, created + dt.timedelta(days=random.uniform(0, 20)))
        data["uuid"] = str(uuid.uuid4())
        data["created_at"], data["updated_at"] = created.isoformat(), updated.isoformat()
        name = data["organisation"]["name"]
        if name is not None:
            name = f"{random.choice(KINDS)} {random.choice(PLACES)} {number}"
            data["organisation"]["name"] = name
        batch.append(
            {
                "uuid": data["uuid"],
                "owner": owner,
                "call_id": data["call_id"],
                "organisation_name": name,
                "step": data["cursor"]["key"],
                "data": data,
                "created_at": created,
                "updated_at": updated,
                "version": 1,
            }
        )
        first, last = random.choice(FIRST_NAMES), random.choice(LAST_NAMES)
        identity = Identity(first, last, f"{first.lower()}{number}" if number % 3 else None)
        users[owner] = {
            "owner": owner,
            "chat_id": 100000 + int(number * 0.8),
            "blocked": False,
            "created_at": created,
            "last_seen_at": updated,
            "first_name": identity.first_name,
            "last_name": identity.last_name,
            "username": identity.username,
            "name_key": identity.search_key,
        }
        if len(batch) == 500:
            _write(store, DossierRow, batch)
            batch = []
    _write(store, DossierRow, batch)
    rows = list(users.values())
    for start in range(0, len(rows), 500):
        _write(store, UserRow, rows[start : start + 500])
    _questions(store, count)
    return time.perf_counter() - started


def _write(store: SqlStore, model: type[Any], rows: list[dict[str, Any]]) -> None:
    if rows:
        with store.transaction() as repo:
            repo.session.connection().execute(insert(model.__table__), rows)


def _questions(store: SqlStore, count: int) -> None:
    """A question per five dossiers: most answered from the call, some from the FAQ, a
    quarter escalated, two thirds of those answered by staff after 10 min to 2 days."""
    asked: list[dict[str, Any]] = []
    tickets: list[dict[str, Any]] = []
    messages: list[dict[str, Any]] = []
    for number in range(1, count // 5 + 1):
        at = NOW - dt.timedelta(days=random.uniform(0, 60))
        kind = random.random()
        source = (
            "3. Budget"
            if kind < 0.6
            else "Réponse de l’équipe du Département"
            if kind < 0.7
            else ""
        )
        asked.append(
            {
                "id": number,
                "owner": f"telegram:{100000 + number}",
                "text": "Les frais de déplacement sont-ils éligibles ?",
                "answer": "…" if source else None,
                "source": source,
                "confident": bool(source),
                "at": at,
            }
        )
        if not source and random.random() < 0.8:
            ticket = len(tickets) + 1
            answered = random.random() < 0.66
            tickets.append(
                {
                    "id": ticket,
                    "owner": f"telegram:{100000 + number}",
                    "asked_question_id": number,
                    "question": "Les frais de déplacement sont-ils éligibles ?",
                    "status": "answered" if answered else "open",
                    "created_at": at,
                    "updated_at": at,
                }
            )
            messages.append({"ticket_id": ticket, "author": "applicant", "text": "?", "at": at})
            if answered:
                wait = dt.timedelta(minutes=random.uniform(10, 2 * 24 * 60))
                messages.append(
                    {"ticket_id": ticket, "author": "staff", "text": "…", "at": at + wait}
                )
    for model, rows in (
        (AskedQuestionRow, asked),
        (TicketRow, tickets),
        (TicketMessageRow, messages),
    ):
        for start in range(0, len(rows), 500):
            _write(store, model, rows[start : start + 500])


def staff_service(store: SqlStore) -> StaffService:
    return StaffService(
        specs=load_shipped_spec,
        default_call_id=DEFAULT_CALL_ID,
        store=store,
        clock=FixedClock(NOW),
        drafts=None,
        json_export=export_all,
    )


def median_s(function: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


async def console_pages(url: str, runs: int, number: int) -> dict[str, float]:
    """The web console's pages over HTTP (aiohttp's test server, a signed-in staff
    session): the median time of each, rendering included."""
    from aiohttp.test_utils import TestClient, TestServer

    from app.bootstrap import bootstrap
    from app.settings import Settings
    from console.web import ConsoleDeps, console_app
    from dialogs.console import StaffMember
    from dialogs.support import FoundAnswer

    def no_answer(question: str, faq: object) -> FoundAnswer:
        return FoundAnswer("", "", 0.0, confident=False)

    app = bootstrap(
        Settings(_env_file=None, database_url=url), clock=FixedClock(NOW), finder=no_answer
    )
    deps = ConsoleDeps(
        console=app.console,
        dossiers=app.console_dossiers,
        staff=app.staff,
        support=app.support,
        announcer=app.announcer,
        bot=None,
        url="http://127.0.0.1/console",
    )
    client = TestClient(TestServer(console_app(deps)))
    await client.start_server()
    pages = {
        "page Dossiers": "/console/dossiers",
        "page Dossiers, éligibles avec alertes, 30 j, par montant": (
            "/console/dossiers?eligible=oui&alertes=oui&actif=30&tri=montant"
        ),
        "page Dossiers, recherche « réseau artois », page 2": "/console/dossiers?q=réseau+artois&page=2",
        "page Statistiques": "/console/statistiques",
        "page d’un dossier": f"/console/dossiers/{number}",
    }
    medians: dict[str, float] = {}
    try:
        token = app.console.issue_link(StaffMember(1, "Banc d’essai"))
        await client.post("/console/connexion", data={"jeton": token}, allow_redirects=False)
        for label, path in pages.items():
            times = []
            for _ in range(runs):
                start = time.perf_counter()
                answer = await client.get(path)
                await answer.read()
                assert answer.status == 200, (path, answer.status)
                times.append(time.perf_counter() - start)
            medians[label] = statistics.median(times)
    finally:
        await client.close()
        app.close()
    return medians


def export_in_child(url: str, part_limit: int) -> dict[str, Any]:
    """The export in a fresh process, so that its peak RSS is the export's own."""
    output = subprocess.run(
        [sys.executable, __file__, "--export", url, "--part-limit", str(part_limit)],
        check=True,
        capture_output=True,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parent.parent)),
    ).stdout
    result: dict[str, Any] = json.loads(output.strip().splitlines()[-1])
    return result


def export_only(url: str, part_limit: int) -> None:
    store = SqlStore(url)
    staff = staff_service(store)
    staff.refresh_summaries()  # nothing to do: measured warm
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    with tempfile.TemporaryDirectory(prefix="bench-export-") as directory:
        started = time.perf_counter()
        files = staff.export_files(Path(directory), part_limit=part_limit)
        seconds = time.perf_counter() - started
        written = [{"name": f.name, "kind": f.kind, "size": f.size} for f in files]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "files": written, "rss_before": before, "peak": peak}))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--export-runs", type=int, default=3)
    parser.add_argument(
        "--part-limit",
        type=int,
        default=EXPORT_PART_LIMIT,
        help="la taille maximale d’un fichier d’export, en octets (au-delà : des parties)",
    )
    parser.add_argument("--export", help=argparse.SUPPRESS)  # the child's job
    args = parser.parse_args()
    if args.export:
        export_only(args.export, args.part_limit)
        return 0
    print(f"Charge : {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} (1 et 5 min)")
    with tempfile.TemporaryDirectory(prefix="bench-console-") as directory:
        url = f"sqlite:///{Path(directory) / 'console.db'}"
        store = SqlStore(url)
        staff = staff_service(store)
        seconds = seed(store, args.dossiers)
        print(f"Amorçage : {args.dossiers} dossiers en {seconds:.1f} s")
        started = time.perf_counter()
        refreshed = staff.refresh_summaries()
        cold = time.perf_counter() - started
        print(
            f"Résumés à froid : {refreshed} dossiers en {cold:.1f} s "
            f"({cold / max(1, refreshed) * 1000:.1f} ms par dossier)"
        )

        since = DossierQuery.active_in_last(30, NOW)
        queries = {
            "première page (dernière activité)": DossierQuery(),
            "éligibles avec alertes, 30 j": DossierQuery(
                eligible=True, with_warnings=True, active_since=since
            ),
            "complets, par montant demandé": DossierQuery(complete=True, sort="amount"),
            "recherche « réseau artois »": DossierQuery(text="réseau artois"),
            "recherche d’un candidat « lefevre »": DossierQuery(text="lefevre"),
            "dernière page, par complétude": DossierQuery(
                sort="completeness", offset=args.dossiers - 20
            ),
        }
        worst_list = 0.0
        for label, query in queries.items():
            total = staff.dossiers(query).total
            median = median_s(lambda q=query: staff.dossiers(q), args.runs)  # type: ignore[misc]
            worst_list = max(worst_list, median)
            print(f"Liste, {label} : médiane {median * 1000:.0f} ms ({total} dossiers)")

        with store.transaction() as repo:  # saved by an older program: summaries now stale
            changed = (
                repo.session.connection()
                .execute(text("UPDATE dossier SET version = version + 1 WHERE id % 33 = 0"))
                .rowcount
            )
        started = time.perf_counter()
        staff.dossiers(DossierQuery())
        busy = time.perf_counter() - started
        print(
            f"Liste après {changed} dossiers modifiés hors service : {busy * 1000:.0f} ms (une fois)"
        )

        stats_median = median_s(staff.stats, args.runs)
        html_median = median_s(staff.stats_html, args.runs)
        figures = staff.question_figures()
        print(f"Statistiques (stats) : médiane {stats_median * 1000:.0f} ms")
        print(
            f"Statistiques et questions rendues (/stats) : médiane {html_median * 1000:.0f} ms "
            f"({figures.asked} questions, {figures.escalated} tickets)"
        )
        pages = asyncio.run(console_pages(url, args.runs, number=args.dossiers // 2))
        for label, median in pages.items():
            print(f"Console web, {label} (HTTP) : médiane {median * 1000:.0f} ms")
        store.dispose()

        exports = [export_in_child(url, args.part_limit) for _ in range(args.export_runs)]
        export_s = statistics.median(e["seconds"] for e in exports)
        peak = statistics.median(e["peak"] for e in exports)
        before = statistics.median(e["rss_before"] for e in exports)
        files: list[dict[str, Any]] = exports[0]["files"]
        print(
            f"Export (XLSX, CSV, JSON sur disque) : médiane {export_s:.1f} s, "
            f"RSS de pointe {peak:.0f} MiB (dont {before:.0f} MiB avant l’export)"
        )
        for kind in ("xlsx", "csv", "json"):
            parts = [f for f in files if f["kind"] == kind]
            print(
                f"  {kind.upper()} en {len(parts)} partie{'s' if len(parts) > 1 else ''} : "
                + ", ".join(f"{f['name']} {f['size'] / 1e6:.1f} Mo" for f in parts)
            )
        sizes = [f["size"] for f in files]
        largest = max(sizes)
        print(
            f"Chaque fichier d’au plus {args.part_limit / 1e6:.0f} Mo : "
            + ("oui" if largest <= args.part_limit else "non")
            + f" (le plus gros {largest / 1e6:.1f} Mo)"
        )
    missed = []
    if worst_list >= LIST_TARGET_S:
        missed.append(f"liste {worst_list:.2f} s ≥ 1 s")
    if max(stats_median, html_median) >= LIST_TARGET_S:
        missed.append(f"statistiques {max(stats_median, html_median):.2f} s ≥ 1 s")
    worst_page = max(pages.values())
    if worst_page >= LIST_TARGET_S:
        missed.append(f"page de la console {worst_page:.2f} s ≥ 1 s")
    if export_s > EXPORT_TARGET_S:
        missed.append(f"export {export_s:.1f} s > 30 s")
    if peak > EXPORT_RSS_MIB:
        missed.append(f"RSS {peak:.0f} MiB > 400 MiB")
    if any(size > min(FILE_LIMIT, args.part_limit) for size in sizes):
        missed.append(f"un fichier d’export de plus de {args.part_limit / 1e6:.0f} Mo")
    print("Objectifs : " + ("tous atteints" if not missed else "manqués : " + "; ".join(missed)))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
