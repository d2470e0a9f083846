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
  dossiers' CSV, JSON) written to disk, with their sizes (Telegram refuses above 50 MB).
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
from dialogs.dossier_query import DossierQuery, ListedDossier
from dialogs.export_workbook import ExportWorkbook
from dialogs.people import applicant_label, telegram_link
from dialogs.ports import Store
from dialogs.review import Alert, StaffReadiness, alerts_of, provisional_answers
from dialogs.rules import declared_budget, ineligibility, warnings_for
from dialogs.spec import CallSpec
from dialogs.spreadsheets import Column, csv_value
from dialogs.validation import format_phone, format_siret

__all__ = [
    "CSV_MIME",
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

Progress = Callable[[int, int], None]
#: Writes the export files into a directory, reporting (done, total) as it goes.
ExportWriter = Callable[[Path, Progress | None], list["ExportFile"]]
Sheet = Literal["dossiers", "actions"]

READINESS: dict[StaffReadiness, str] = {
    "ineligible": "non éligible",
    "incomplete": "incomplet",
    "breaks_rules": "règle de l’appel non respectée",
    "breaks_form": "non conforme au formulaire CERFA n° 12156",
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
    balanced budget…: not a rule of the call) is not said to break the call; a ready one
    whose eligibility the Département must confirm is ready « sous réserve »; a complete one
    of a call now closed can no longer be filed, so it is not « prêt à déposer »."""
    if readiness == "ready" and call_closed:
        return "complet, appel clos (ne peut plus être déposé)"
    if readiness == "ready" and reserved:
        return "prêt à déposer, sous réserve (éligibilité à confirmer)"
    return READINESS[readiness]


@dataclass(frozen=True)
class ExportFile:
    name: str
    path: Path
    mime: str
    size: int  # bytes

    @property
    def fits_telegram(self) -> bool:
        return self.size <= TELEGRAM_UPLOAD_LIMIT


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
            call_ids = repo.summary_counts().call_ids
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
            # an ineligible dossier's percentage is no progress (`review.progress`)
            (
                Column("Complétude (%)", "int"),
                lambda r: READINESS["ineligible"] if r.facts.progress is None else r.facts.progress,
            ),
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
        self, directory: Path, stem: str, progress: Progress | None = None
    ) -> list[ExportFile]:
        """XLSX, the dossiers' CSV and JSON in `directory`, for sending as documents: one
        reading of the dossiers feeds the three files (each row computed once)."""
        columns, row = self.dossier_columns(self._call_specs())
        workbook = ExportWorkbook(columns, self.ACTION_COLUMNS)
        paths = {kind: directory / f"{stem}.{kind}" for kind in ("xlsx", "csv", "json")}
        with (
            paths["csv"].open("w", encoding="utf-8-sig", newline="") as csv_file,
            paths["json"].open("w", encoding="utf-8") as json_file,
        ):
            writer = csv.writer(csv_file, delimiter=";", lineterminator="\r\n")
            writer.writerow([column.header for column in columns])
            first = True
            for record in self._records(progress):
                values = row(record)
                workbook.add_dossier(values)
                for action in self.action_rows(record):
                    workbook.add_action(action)
                writer.writerow(
                    [csv_value(c.kind, v) for c, v in zip(columns, values, strict=True)]
                )
                json_file.write(("[\n" if first else ",\n") + _json_item(record))
                first = False
            json_file.write("[]\n" if first else "\n]\n")
        workbook.save(paths["xlsx"])
        mimes = {"xlsx": XLSX_MIME, "csv": CSV_MIME, "json": JSON_MIME}
        return [
            ExportFile(path.name, path, mimes[kind], path.stat().st_size)
            for kind, path in paths.items()
        ]


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
