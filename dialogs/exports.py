"""The staff's exports of every dossier, written as they are read: memory stays bounded
whatever the number of dossiers, and a web server can stream them.

API (for the Telegram `/export` and the web console):
- `Exporter(specs=…, store=…)`, or `StaffService.exporter()` (summaries refreshed first);
- `write_xlsx(target, progress=None)`: one workbook (openpyxl write-only mode), sheet
  "Dossiers" (one row per dossier) and sheet "Actions" (one row per action); `target` is a
  path or a binary file object (XLSX is a zip: it cannot be sent before it is complete);
- `iter_csv(sheet="dossiers"|"actions", progress=None)` and `iter_json(progress=None)`:
  generators of `bytes` chunks, for `aiohttp.web.StreamResponse.write` (run the generator in
  a worker thread: it reads the database);
- `write_files(directory, stem)` → `[ExportFile]`: the three files Telegram sends (XLSX, the
  dossiers' CSV, JSON) written to disk, with their sizes (Telegram refuses above 50 MB):
  each split between dossiers into numbered parts of at most `EXPORT_PART_LIMIT` (45 MB),
  each part a valid file on its own (the CSV's header on every part, a JSON list each).
  The web console streams its files whole (no size limit over HTTP).
`progress(done, total)` is called after each batch of dossiers.

Dossiers are read in pages of `batch`, ordered by number, with their summary
(`dialogs.dossier_facts`: step in words, eligibility, readiness, organisation type) and the
applicant's names; a summary older than its dossier is recomputed on the way. Applicants'
text never becomes a formula (see `dialogs.spreadsheets`).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, ClassVar, Literal

from dialogs.budget import DeclaredTotals
from dialogs.calendar import call_status
from dialogs.dossier import APPLICANT, DOSSIER_NUMBER, Action, Dossier, Organisation
from dialogs.dossier_facts import (
    SAME_SIRET_SHOWN,
    DossierFacts,
    dossier_facts,
    others_with_siret,
    siret_key,
)
from dialogs.dossier_query import DossierQuery, ListedDossier, State
from dialogs.export_choice import KINDS
from dialogs.export_workbook import ExportWorkbook
from dialogs.people import applicant_label, telegram_link
from dialogs.ports import Store
from dialogs.review import Alert, StaffReadiness, alerts_of, provisional_answers, set_aside_words
from dialogs.rules import declared_budget, ineligibility, warnings_for
from dialogs.spec import CallSpec
from dialogs.spreadsheets import Column, csv_value
from dialogs.validation import format_phone, format_siret

__all__ = [
    "CSV_MIME",
    "EXPORT_PART_LIMIT",
    "JSON_MIME",
    "TELEGRAM_UPLOAD_LIMIT",
    "XLSX_MIME",
    "ExportFile",
    "ExportWriter",
    "Exporter",
    "Progress",
]

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_MIME = "text/csv; charset=utf-8"
JSON_MIME = "application/json"
#: Telegram's limit for a document a bot sends.
TELEGRAM_UPLOAD_LIMIT = 50 * 1000 * 1000
#: The most bytes an export file written for Telegram holds: beyond, it is split into
#: numbered parts (`Exporter.write_files`), with a margin under Telegram's limit.
EXPORT_PART_LIMIT = 45 * 1000 * 1000

Progress = Callable[[int, int], None]
#: Writes the export files of the formats asked (`dialogs.export_choice.KINDS`: all) into a
#: directory, reporting (done, total) as it goes.
ExportWriter = Callable[[Path, Progress | None, tuple[str, ...]], list["ExportFile"]]
Sheet = Literal["dossiers", "actions"]

READINESS: dict[StaffReadiness, str] = {
    "ineligible": "non éligible",
    "incomplete": "incomplet",
    "breaks_rules": "règle de l’appel non respectée",
    "breaks_form": "non conforme au formulaire CERFA n° 12156",
    "to_confirm": "à confirmer avec le Département",
    "ready": "prêt à déposer",
}


def _alert_text(alert: Alert) -> str:
    """An alert as the export's "Détail des alertes" lists it (as `/dossier N` words it)."""
    prefix = {"ineligible": "Non éligible : ", "reserve": "À confirmer : "}.get(alert.kind, "")
    return prefix + _plain(alert.message)


def readiness_words(
    readiness: StaffReadiness, *, reserved: bool = False, call_closed: bool = False
) -> str:
    """The readiness in words, the same in the export's « État », the console's list and
    the dossier's page: a dossier that only misses the form's requirements (the CERFA's
    balanced budget…: not a rule of the call) is not said to break the call, nor one whose
    only obstacle is its eligibility, for the Département to confirm; a ready one
    whose eligibility the Département must confirm is ready « sous réserve »; a complete one
    of a call now closed can no longer be filed, so it is not « prêt à déposer »."""
    if readiness == "ready" and call_closed:
        return "complet, appel clos (ne peut plus être déposé)"
    if readiness == "ready" and reserved:
        return "prêt à déposer, sous réserve (éligibilité à confirmer)"
    return READINESS[readiness]


#: Every state and its words, in the order `/stats` counts them: ready to file (then « sous
#: réserve », then of a call now closed), and what keeps the others from it, in the order an
#: officer asks (« combien de prêts, à compléter, en infraction, à confirmer, non éligibles »).
STATES: dict[State, str] = {
    "ready": readiness_words("ready"),
    "ready_reserved": readiness_words("ready", reserved=True),
    "ready_closed": readiness_words("ready", call_closed=True),
    "incomplete": READINESS["incomplete"],
    "breaks_rules": READINESS["breaks_rules"],
    "breaks_form": READINESS["breaks_form"],
    "to_confirm": READINESS["to_confirm"],
    "ineligible": READINESS["ineligible"],
}
STATES_IN_ORDER: tuple[str, ...] = tuple(STATES.values())


def state_of(readiness: StaffReadiness, *, reserved: bool, call_closed: bool) -> State:
    """The `State` a dossier's readiness, reservation and call make (`readiness_words`)."""
    if readiness != "ready":
        return readiness
    return "ready_closed" if call_closed else "ready_reserved" if reserved else "ready"


#: The states `/stats` says even when no dossier is in them (the officer's five questions,
#: and the form's requirements beside the call's rules); the two variants of « prêt » only
#: when some dossier is.
STATES_ALWAYS_COUNTED: frozenset[str] = frozenset(READINESS.values())


@dataclass(frozen=True)
class ExportFile:
    name: str
    path: Path
    mime: str
    size: int  # bytes
    #: Its number among the `parts` its kind was split into (1 of 1: not split).
    part: int = 1
    parts: int = 1

    @property
    def fits_telegram(self) -> bool:
        return self.size <= TELEGRAM_UPLOAD_LIMIT

    @property
    def kind(self) -> str:
        """ "xlsx", "csv" or "json": the file's extension."""
        return self.name.rsplit(".", 1)[-1]


@dataclass(frozen=True)
class _Record:
    listed: ListedDossier
    dossier: Dossier
    #: Other applicants' dossiers giving the same SIRET (`dossier_facts.others_with_siret`).
    same_siret: list[int] = field(default_factory=list)

    @property
    def facts(self) -> DossierFacts:
        return self.listed.facts


@dataclass(frozen=True)
class _Row:
    """What a row of the dossiers' sheet is read from, each computed once."""

    facts: DossierFacts
    dossier: Dossier
    applicant: str
    same_siret: list[int]
    totals: DeclaredTotals  # an unanswered figure: an empty cell
    alerts: list[Alert]
    titles: dict[str, str]  # the sections' titles by id
    #: Words the applicant typed for a later question not answered yet, with its label.
    set_aside: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, record: _Record, spec: CallSpec) -> _Row:
        facts, dossier = record.facts, record.dossier
        warnings = warnings_for(spec, dossier)
        return cls(
            facts=facts,
            dossier=dossier,
            applicant=applicant_label(facts.owner, record.listed.identity),
            same_siret=record.same_siret,
            totals=declared_budget(spec, dossier),
            alerts=alerts_of(
                spec,
                warnings,
                ineligibility(spec, dossier),
                facts.furthest_section,
                provisional_answers(spec, dossier),
            ),
            titles={s.id: s.title for s in spec.interview.sections},
            set_aside=set_aside_words(spec, dossier),
        )


class Exporter:
    def __init__(
        self,
        *,
        specs: Callable[[str], CallSpec],
        store: Store,
        batch: int = 200,
        today: dt.date | None = None,
    ) -> None:
        """`today`: the export's day, to say a dossier of a closed call cannot be filed any
        more (without it, no call is taken as closed)."""
        self._specs = specs
        self.store = store
        self.batch = batch
        self.today = today
        self._closed: dict[str, bool] = {}

    def _call_closed(self, call_id: str) -> bool:
        if self.today is None:
            return False
        if call_id not in self._closed:
            status = call_status(self._specs(call_id), self.today)
            self._closed[call_id] = status.state == "closed"
        return self._closed[call_id]

    # -- reading -----------------------------------------------------------------------------
    def _records(self, progress: Progress | None = None) -> Iterator[_Record]:
        """Every dossier in number order, `batch` at a time (each batch one short
        transaction: applicants' writes are never held up for the whole export), each page
        starting after the last number read (a dossier erased meanwhile shifts nothing)."""
        done, last = 0, 0
        while True:
            query = DossierQuery(sort="number", limit=self.batch, after_number=last)
            with self.store.transaction() as repo:
                page = repo.query_summaries(query)
                loaded = {
                    stored.id: (stored, version)
                    for stored, version in repo.dossiers_with_versions(
                        [item.number for item in page.items]
                    )
                }
                # one indexed lookup per page (never a load of every dossier)
                keys = (siret_key(s.dossier.organisation.siret) for s, _ in loaded.values())
                sharing = repo.same_siret([key for key in keys if key is not None])
            for item in page.items:
                if item.number not in loaded:
                    continue  # erased meanwhile
                stored, version = loaded[item.number]
                if version != item.facts.version:  # saved since its summary was computed
                    facts = dossier_facts(self._specs(stored.dossier.call_id), stored, version)
                    item = ListedDossier(facts, item.identity)
                siret = siret_key(stored.dossier.organisation.siret)
                found = sharing.get(siret, []) if siret is not None else []
                yield _Record(
                    item, stored.dossier, others_with_siret(stored.id, stored.owner, found)
                )
            if page.items:
                last = page.items[-1].number
            done += len(page.items)
            if progress is not None:
                progress(done, done + page.total - len(page.items))
            if len(page.items) < self.batch:
                return

    def _call_specs(self) -> list[CallSpec]:
        with self.store.transaction() as repo:
            call_ids = repo.summary_call_ids()
        return [self._specs(call_id) for call_id in call_ids]

    # -- the dossiers' sheet -----------------------------------------------------------------
    def dossier_columns(
        self, specs: list[CallSpec]
    ) -> tuple[list[Column], Callable[..., list[Any]]]:
        """The columns of the dossiers' sheet for these calls, and the row maker: one list
        of (column, value) pairs, so that a column and its value never drift apart."""
        orientations = _unique((o.id, o.short_title) for spec in specs for o in spec.orientations)
        indicators = _unique((i.id, i.short_label) for spec in specs for i in spec.indicators)
        Field = tuple[Column, Callable[[_Row], Any]]

        def org(row: _Row) -> Organisation:
            return row.dossier.organisation

        def public(name: str) -> Callable[[_Row], Any]:
            return lambda row: getattr(row.dossier.plan.public, name)

        fields: list[Field] = [
            (Column("N° dossier", "int"), lambda r: r.facts.dossier_id),
            # as /dossiers shows the applicant: the names, and the link that opens the profile
            (Column("Candidat", "text"), lambda r: r.applicant),
            (Column("Candidat (lien Telegram)", "text"), lambda r: telegram_link(r.facts.owner)),
            (Column("Organisme", "text"), lambda r: org(r).name),
            (Column("Type d’organisme", "text"), lambda r: r.facts.organisation_type),
            # Grouped as the console and /dossier show it, and as text: a bare 14-digit
            # SIRET is a number to French Excel (2,82932E+13, a leading 0 lost).
            (
                Column("SIRET", "text"),
                lambda r: _given(format_siret, org(r).siret),
            ),
            (Column("Même SIRET que", "text"), lambda r: _numbers(r.same_siret)),
            (Column("RNA", "text"), lambda r: org(r).rna),
            (Column("Forme juridique", "text"), lambda r: org(r).legal_form),
            (Column("Représentant légal", "text"), lambda r: org(r).representative.name),
            (Column("Qualité du représentant", "text"), lambda r: org(r).representative.role),
            (Column("Adresse", "text"), lambda r: org(r).address),
            (Column("Territoire d’intervention", "text"), lambda r: org(r).territory),
            (Column("Budget annuel de l’organisme (€)", "eur"), lambda r: org(r).annual_budget),
            (Column("Salariés", "int"), lambda r: org(r).employees),
            (Column("Salariés (ETP)", "decimal"), lambda r: org(r).employees_fte),
            (Column("Bénévoles", "int"), lambda r: org(r).volunteers),
            (Column("Contact", "text"), lambda r: org(r).contact.name),
            (Column("Fonction", "text"), lambda r: org(r).contact.role),
            (Column("E-mail", "text"), lambda r: org(r).contact.email),
            (
                Column("Téléphone", "text"),
                lambda r: _given(format_phone, org(r).contact.phone),
            ),
            (
                Column("Éligibilité", "text"),
                lambda r: _eligibility(r.facts.eligible, reserved=r.facts.reserved),
            ),
            # an ineligible dossier's percentage is no progress (`review.progress`): its cell
            # is empty, « non éligible » is the « Éligibilité » column's (numbers only here,
            # so that the column sorts and filters as numbers)
            (Column("Complétude (%)", "int"), lambda r: r.facts.progress),
            (
                Column("État", "text"),
                lambda r: readiness_words(
                    r.facts.readiness,
                    reserved=r.facts.reserved,
                    call_closed=self._call_closed(r.dossier.call_id),
                ),
            ),
            (Column("Étape", "text"), lambda r: r.facts.section_title),
            (Column("Question en cours", "text"), lambda r: r.facts.step_label),
            (
                Column("Sections incomplètes", "text"),
                lambda r: (
                    ", ".join(r.titles.get(s, s) for s in r.facts.missing_section_ids) or None
                ),
            ),
            # What the applicant typed for a question not reached yet (the phone number in
            # the address): theirs, kept in the JSON as `set_aside`, named here.
            (Column("Mots gardés pour une question à venir", "text"), _kept_words),
            (Column("Alertes", "int"), lambda r: len(r.alerts)),
            (
                Column("Détail des alertes", "text"),
                lambda r: " | ".join(_alert_text(a) for a in r.alerts) or None,
            ),
            (Column("Actions", "int"), lambda r: r.facts.actions),
            (Column("ETP des actions", "decimal"), lambda r: r.facts.actions_fte),
            *(
                (Column(f"Actions – {title}", "int"), _actions_of(oid))
                for oid, title in orientations
            ),
            *((Column(f"Cible – {label}", "int"), _target_of(iid)) for iid, label in indicators),
            (Column("Indicateurs propres", "int"), lambda r: len(r.dossier.indicators.extra)),
            (Column("Public visé – bénéficiaires du RSA", "int"), public("brsa")),
            (Column("Public visé – jeunes de moins de 26 ans", "int"), public("young")),
            (Column("Public visé – dont jeunes issus de l’ASE", "int"), public("young_ase")),
            (Column("Public visé – anciens bénéficiaires du RSA", "int"), public("former_brsa")),
            (Column("Public visé – comment les actions l’atteignent", "text"), public("note")),
            (Column("Contexte et diagnostic", "text"), lambda r: r.dossier.plan.context),
            (Column("Approche", "text"), lambda r: r.dossier.plan.approach),
            (Column("Charges de personnel (€)", "eur"), lambda r: r.totals.staff),
            (Column("Autres charges directes (€)", "eur"), lambda r: r.totals.other_direct),
            (Column("Charges indirectes (€)", "eur"), lambda r: r.totals.indirect),
            (Column("Total des charges (€)", "eur"), lambda r: r.totals.charges),
            (Column("Demande au Département (€)", "eur"), lambda r: r.totals.departement),
            (Column("Autres financeurs (€)", "eur"), lambda r: r.totals.other_funders),
            (Column("Fonds propres (€)", "eur"), lambda r: r.totals.own_funds),
            (Column("Total des ressources (€)", "eur"), lambda r: r.totals.resources),
            (Column("Taux de charges indirectes", "rate"), lambda r: r.totals.indirect_rate),
            (Column("Brouillon généré le", "datetime"), lambda r: r.dossier.draft_generated_at),
            (Column("Créé le", "datetime"), lambda r: r.dossier.created_at),
            (Column("Dernière activité", "datetime"), lambda r: r.dossier.updated_at),
        ]

        def row(record: _Record) -> list[Any]:
            made = _Row.of(record, self._specs(record.dossier.call_id))
            return [value(made) for _, value in fields]

        return [column for column, _ in fields], row

    # -- the actions' sheet ------------------------------------------------------------------
    ACTION_COLUMNS: ClassVar[list[Column]] = [
        Column("N° dossier", "int"),
        Column("Organisme", "text"),
        Column("Orientation", "text"),
        Column("N° de l’action", "int"),
        Column("Titre", "text"),
        Column("Description", "text"),
        Column("Nombre de SIAE", "int"),
        Column("Types de SIAE", "text"),
        Column("Territoire", "text"),
        Column("Mois", "text"),
        Column("Nombre de mois", "int"),
        Column("Partenaires", "text"),
        Column("ETP", "decimal"),
        Column("Résultats attendus", "text"),
    ]

    def action_rows(self, record: _Record) -> Iterator[list[Any]]:
        dossier = record.dossier
        spec = self._specs(dossier.call_id)
        titles = {o.id: o.short_title for o in spec.orientations}
        for orientation, actions in dossier.plan.actions.items():
            for index, action in enumerate(actions, start=1):
                yield [
                    record.facts.dossier_id,
                    dossier.organisation.name,
                    titles.get(orientation, orientation),
                    index,
                    action.title,
                    action.description,
                    action.siae_count,
                    ", ".join(
                        _choice(spec, "plan.actions.siae_types", t) for t in action.siae_types
                    )
                    if action.siae_types
                    else None,
                    _territory(spec, action),
                    ", ".join(_month(m) for m in action.months) if action.months else None,
                    len(action.months) if action.months else None,
                    action.partners,
                    action.fte,
                    action.expected_results,
                ]

    # -- files -------------------------------------------------------------------------------
    def write_xlsx(self, target: str | Path | IO[bytes], progress: Progress | None = None) -> int:
        """The workbook, written row by row (write-only mode keeps one row in memory);
        returns the number of dossiers."""
        columns, row = self.dossier_columns(self._call_specs())
        workbook = ExportWorkbook(columns, self.ACTION_COLUMNS)
        count = 0
        for record in self._records(progress):
            workbook.add_dossier(row(record))
            for values in self.action_rows(record):
                workbook.add_action(values)
            count += 1
        workbook.save(target)
        return count

    def iter_csv(
        self, sheet: Sheet = "dossiers", progress: Progress | None = None
    ) -> Iterator[bytes]:
        """What French Excel opens as is (UTF-8 with a byte-order mark, `;`, decimal
        commas, CRLF), a chunk per batch of dossiers."""
        if sheet == "dossiers":
            columns, row = self.dossier_columns(self._call_specs())

            def rows(record: _Record) -> Iterable[list[Any]]:
                return [row(record)]
        else:
            columns, rows = self.ACTION_COLUMNS, self.action_rows
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
        writer.writerow([column.header for column in columns])
        yield buffer.getvalue().encode("utf-8-sig")  # the byte-order mark, once
        buffer.seek(0)
        buffer.truncate()
        pending = 0
        for record in self._records(progress):
            for values in rows(record):
                writer.writerow(
                    [csv_value(c.kind, v) for c, v in zip(columns, values, strict=True)]
                )
            pending += 1
            if pending == self.batch:
                yield buffer.getvalue().encode("utf-8")
                buffer.seek(0)
                buffer.truncate()
                pending = 0
        if buffer.tell():
            yield buffer.getvalue().encode("utf-8")

    def iter_json(self, progress: Progress | None = None) -> Iterator[bytes]:
        """Every dossier in the export format (`aap-bot import` reads each back), as one JSON
        list: `storage.transfer.export_all`'s, each dossier with its number and applicant
        (`dossier_number`, `applicant`), a chunk per dossier."""
        first = True
        for record in self._records(progress):
            yield (("[\n" if first else ",\n") + _json_item(record)).encode("utf-8")
            first = False
        yield b"[]\n" if first else b"\n]\n"

    def write_files(
        self,
        directory: Path,
        stem: str,
        progress: Progress | None = None,
        kinds: tuple[str, ...] = KINDS,
        *,
        part_limit: int | None = None,
    ) -> list[ExportFile]:
        """XLSX, the dossiers' CSV and JSON in `directory`, for sending as documents: one
        reading of the dossiers feeds the three files (each row computed once). A file that
        would pass `part_limit` bytes (`EXPORT_PART_LIMIT` by default) is split between
        dossiers into numbered parts, each complete on its own (see `_Parts`); files come
        XLSX first, then CSV, then JSON, each in part order. An export that fails leaves
        none of its files in `directory`. `kinds`: the formats asked (« /export csv »):
        only those are written (the others cost a workbook's time and disk for nothing)."""
        limit = EXPORT_PART_LIMIT if part_limit is None else part_limit
        columns, row = self.dossier_columns(self._call_specs())
        workbooks = _WorkbookParts(directory, stem, columns, self.ACTION_COLUMNS, limit)
        line = io.StringIO()
        writer = csv.writer(line, delimiter=";", lineterminator="\r\n")

        def csv_line(values: list[Any]) -> bytes:
            line.seek(0)
            line.truncate()
            writer.writerow(values)
            return line.getvalue().encode("utf-8")

        header = csv_line([column.header for column in columns])
        csv_parts = _Parts(directory, stem, "csv", CSV_MIME, limit, head=BOM + header)
        json_parts = _Parts(
            directory,
            stem,
            "json",
            JSON_MIME,
            limit,
            head=b"[",
            first=b"\n",
            separator=b",\n",
            tail=b"\n]\n",
            empty_tail=b"]\n",
        )
        xlsx, csv_too, json_too = ("xlsx" in kinds), ("csv" in kinds), ("json" in kinds)
        try:
            with ExitStack() as opened:  # only the files asked are opened, hence written
                for kind, text_parts in (("csv", csv_parts), ("json", json_parts)):
                    if kind in kinds:
                        opened.enter_context(text_parts)
                for record in self._records(progress):
                    values = row(record)
                    if xlsx or csv_too:  # (the workbook's estimate is the CSV line's size)
                        encoded = csv_line(
                            [csv_value(c.kind, v) for c, v in zip(columns, values, strict=True)]
                        )
                    if xlsx:
                        actions = list(self.action_rows(record))
                        workbooks.add(values, actions, estimate=len(encoded))
                    if csv_too:
                        csv_parts.add(encoded)
                    if json_too:
                        json_parts.add(_json_item(record).encode("utf-8"))
            return [*(workbooks.close() if xlsx else []), *csv_parts.files, *json_parts.files]
        except BaseException:
            # A failed export (database lost, disk full, the process stopped) leaves none of
            # its files behind: applicants' data in half files nobody sends nor removes.
            for parts in (workbooks, csv_parts, json_parts):
                parts.discard()
            raise


BOM = "\ufeff".encode()


class _Parts:
    """One export file written to disk record by record, split between records into
    numbered parts of at most `limit` bytes, each a file of its own: `head` opens every part
    (the CSV's byte-order mark and header row, the JSON's "["), `first` comes before a part's
    first record and `separator` between records, `tail` closes a part (`empty_tail` one
    without records: an empty export is still one valid file). A record alone larger than
    the limit makes a part of its own, over the limit (Telegram's "too large" note names it).

    Parts are written under temporary names, renamed when their number is known: one part
    keeps the export's name (`dossiers-2026-11-25.json`), several are named
    `dossiers-2026-11-25-partie-1-sur-3.json`…"""

    def __init__(
        self,
        directory: Path,
        stem: str,
        extension: str,
        mime: str,
        limit: int,
        *,
        head: bytes,
        first: bytes = b"",
        separator: bytes = b"",
        tail: bytes = b"",
        empty_tail: bytes | None = None,
    ) -> None:
        self.directory, self.stem, self.extension, self.mime = directory, stem, extension, mime
        self.limit = limit
        self.head, self.first, self.separator = head, first, separator
        self.tail = tail
        self.empty_tail = tail if empty_tail is None else empty_tail
        self._paths: list[Path] = []
        self._file: IO[bytes] | None = None
        self._size = 0
        self._records = 0  # in the part being written
        self.files: list[ExportFile] = []

    def __enter__(self) -> _Parts:
        self._open()
        return self

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        if error is None:
            self._close_part()
            self.files = _named(self._paths, self.stem, self.extension, self.mime)
        elif self._file is not None:
            self._file.close()
            self._file = None

    def discard(self) -> None:
        """Remove every file written so far, under its temporary name or its final one."""
        if self._file is not None:
            self._file.close()
            self._file = None
        _remove(self._paths, self.files)

    def _open(self) -> None:
        path = self.directory / f".{self.stem}.{len(self._paths) + 1}.{self.extension}.part"
        self._paths.append(path)
        self._file = path.open("wb")
        self._file.write(self.head)
        self._size, self._records = len(self.head), 0

    def _close_part(self) -> None:
        assert self._file is not None
        self._file.write(self.tail if self._records else self.empty_tail)
        self._file.close()
        self._file = None

    def add(self, record: bytes) -> None:
        joint = self.separator if self._records else self.first
        if self._records and self._size + len(joint + record + self.tail) > self.limit:
            self._close_part()
            self._open()
            joint = self.first
        assert self._file is not None
        self._file.write(joint)
        self._file.write(record)
        self._size += len(joint) + len(record)
        self._records += 1


class _WorkbookParts:
    """The XLSX in parts of at most `limit` bytes, each a workbook with both sheets (its
    dossiers and their actions). A zip's size is only known once it is written, so a part
    closes when an estimate passes the limit: the text of its rows (their CSV bytes) plus
    `CELL_BYTES` per cell and `BOOK_BYTES` for the workbook, which is several times what
    openpyxl writes (10 000 dossiers: 3,2 MB of XLSX for about 27 MB estimated); a part still
    larger once written (text that does not compress at all) is named by the "too large"
    note, as before."""

    CELL_BYTES: ClassVar[int] = 16
    BOOK_BYTES: ClassVar[int] = 20_000

    def __init__(
        self,
        directory: Path,
        stem: str,
        columns: list[Column],
        action_columns: list[Column],
        limit: int,
    ) -> None:
        self.directory, self.stem, self.limit = directory, stem, limit
        self.columns, self.action_columns = columns, action_columns
        self._paths: list[Path] = []
        self._book: ExportWorkbook | None = None
        self._estimate = 0
        self._rows = 0
        self.files: list[ExportFile] = []

    def _open(self) -> None:
        self._book = ExportWorkbook(self.columns, self.action_columns)
        self._estimate, self._rows = self.BOOK_BYTES, 0

    def _save(self) -> None:
        assert self._book is not None
        path = self.directory / f".{self.stem}.{len(self._paths) + 1}.xlsx.part"
        self._paths.append(path)  # before saving: a save that fails leaves a file too
        self._book.save(path)
        self._book = None

    def add(self, dossier: list[Any], actions: list[list[Any]], *, estimate: int) -> None:
        """A dossier's row and its actions' rows; `estimate`: the dossier's CSV bytes."""
        cells = len(self.columns) + len(actions) * len(self.action_columns)
        text = sum(len(str(v).encode()) for action in actions for v in action if v is not None)
        size = estimate + text + self.CELL_BYTES * cells
        if self._book is not None and self._rows and self._estimate + size > self.limit:
            self._save()
        if self._book is None:
            self._open()
        assert self._book is not None
        self._book.add_dossier(dossier)
        for action in actions:
            self._book.add_action(action)
        self._estimate += size
        self._rows += 1

    def close(self) -> list[ExportFile]:
        if self._book is None and not self._paths:
            self._open()  # no dossier: one workbook with its headers
        if self._book is not None:
            self._save()
        self.files = _named(self._paths, self.stem, "xlsx", XLSX_MIME)
        return self.files

    def discard(self) -> None:
        """Remove every workbook saved so far, under its temporary name or its final one,
        and drop the one being filled."""
        if self._book is not None:
            # A workbook whose save failed may be half closed: the export's own error is
            # the one to report.
            with suppress(Exception):
                self._book.abandon()
            self._book = None
        _remove(self._paths, self.files)


def _remove(paths: list[Path], files: list[ExportFile]) -> None:
    """The files of a failed export, whether still under their temporary names or already
    renamed (a later kind failed)."""
    for path in [*paths, *(file.path for file in files)]:
        with suppress(OSError):  # the export's own error is the one to report
            path.unlink(missing_ok=True)


def _named(paths: list[Path], stem: str, extension: str, mime: str) -> list[ExportFile]:
    """The parts under their final names: the export's own for one part,
    `<stem>-partie-<i>-sur-<n>.<extension>` for several."""
    files = []
    for index, path in enumerate(paths, start=1):
        if len(paths) == 1:
            name = f"{stem}.{extension}"
        else:
            name = f"{stem}-partie-{index}-sur-{len(paths)}.{extension}"
        final = path.rename(path.with_name(name))
        files.append(
            ExportFile(name, final, mime, final.stat().st_size, part=index, parts=len(paths))
        )
    return files


def _json_item(record: _Record) -> str:
    """One dossier of the JSON list, indented as `storage.transfer.export_all` does, with
    what the XLSX and CSV give besides the dossier: its number and its applicant (as
    /dossiers names them); `storage.transfer.parse_dossier` reads it back without them."""
    document = record.dossier.model_dump(mode="json")
    owner = record.facts.owner
    document[DOSSIER_NUMBER] = record.facts.dossier_id
    document[APPLICANT] = {
        "name": applicant_label(owner, record.listed.identity),
        "telegram_link": telegram_link(owner),
    }
    body = json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True)
    return "\n".join("  " + line for line in body.split("\n"))


def _kept_words(row: _Row) -> str | None:
    """« Téléphone : 03 21 00 00 00 | … », as « Détail des alertes » joins its items."""
    said = (f"{label} : {words}" if label else words for label, words in row.set_aside)
    return " | ".join(said) or None


def _unique(pairs: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    return list(dict(pairs).items())


def _target_of(indicator_id: str) -> Callable[[_Row], int | None]:
    def target(row: _Row) -> int | None:
        found = row.dossier.indicators.targets.get(indicator_id)
        return None if found is None else found.target

    return target


def _actions_of(orientation_id: str) -> Callable[[_Row], int]:
    return lambda row: len(row.dossier.actions(orientation_id))


def _given(shape: Callable[[str], str], value: str | None) -> str | None:
    return shape(value) if value else None


def _numbers(numbers: list[int]) -> str | None:
    """ "n° 3, n° 7": dossiers as the staff group and the console name them ("…" for more
    than `SAME_SIRET_SHOWN`)."""
    shown = ", ".join(f"n° {n}" for n in numbers[:SAME_SIRET_SHOWN])
    return (shown + ("…" if len(numbers) > SAME_SIRET_SHOWN else "")) or None


def _eligibility(verdict: bool | None, *, reserved: bool = False) -> str:
    if verdict is True and reserved:
        return "éligible sous réserve (à confirmer par le Département)"
    return {True: "éligible", False: "non éligible", None: "à déterminer"}[verdict]


def _territory(spec: CallSpec, action: Action) -> str | None:
    if action.territory_scope == "areas" and action.areas:
        return action.areas
    if action.territory_scope is None:
        return None
    return _choice(spec, "plan.actions.territory_scope", action.territory_scope)


def _choice(spec: CallSpec, pattern: str, value: str) -> str:
    """The form's label of a stored choice ("aci" → its label), else the value."""
    return spec.compiled_form.choice_label(pattern, value) or value


def _month(value: str) -> str:
    """ "2025-03" → "03/2025"."""
    year, _, month = value.partition("-")
    return f"{month}/{year}" if month else value


_TAGS = re.compile(r"<[^>]+>")


def _plain(text: str) -> str:
    return " ".join(_TAGS.sub("", text).split())
