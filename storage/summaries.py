"""The per-dossier summaries staff listings and statistics read (`dossier_summary`).

A mixin of `storage.repository.SqlRepository`. Summaries are computed in `dialogs`
(`dialogs.dossier_facts`) and only stored, filtered, sorted and counted here, with Core
statements: a page of 20 among 10 000 dossiers and the statistics' aggregates are a few
indexed SQL queries, never a load of every dossier's JSON.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, Table, and_, false, func, not_, or_, select
from sqlmodel import Session

from dialogs.dossier import Dossier
from dialogs.dossier_facts import DossierFacts
from dialogs.dossier_query import (
    READY_STATES,
    DossierPage,
    DossierQuery,
    ListedDossier,
    State,
    SummaryCounts,
    dossier_number,
)
from dialogs.people import Identity, search_fold
from dialogs.ports import StoredDossier
from storage.db import insert_for
from storage.models import DossierRow, DossierSummaryRow, UserRow

CENTS = Decimal(100)
#: Dossiers read a SIRET by `same_siret`: enough to name a few of other applicants
#: (`dialogs.dossier_facts.SAME_SIRET_SHOWN`), bounded when thousands share one.
SAME_SIRET_READ = 50


def _table(model: type[Any]) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


SUMMARY, DOSSIER, USER = _table(DossierSummaryRow), _table(DossierRow), _table(UserRow)


class SummariesMixin:
    session: Session

    def stale_summaries(self, *, facts_version: int) -> list[int]:
        self.session.flush()
        query = (
            select(DOSSIER.c.id)
            .select_from(DOSSIER.outerjoin(SUMMARY, SUMMARY.c.dossier_id == DOSSIER.c.id))
            .where(
                or_(
                    SUMMARY.c.dossier_id.is_(None),
                    SUMMARY.c.version != DOSSIER.c.version,
                    SUMMARY.c.facts_version != facts_version,
                )
            )
            .order_by(DOSSIER.c.id)
        )
        return list(self.session.connection().execute(query).scalars())

    def dossiers_with_versions(self, ids: Sequence[int]) -> list[tuple[StoredDossier, int]]:
        self.session.flush()
        query = (
            select(DOSSIER.c.id, DOSSIER.c.owner, DOSSIER.c.data, DOSSIER.c.version)
            .where(DOSSIER.c.id.in_(list(ids)))
            .order_by(DOSSIER.c.id)
        )
        return [
            (StoredDossier(id=id_, owner=owner, dossier=Dossier.model_validate(data)), version)
            for id_, owner, data, version in self.session.connection().execute(query)
        ]

    def save_summaries(self, facts: Sequence[DossierFacts], *, facts_version: int) -> None:
        if not facts:
            return
        self.session.flush()
        statement = _upsert(self.session.get_bind().dialect.name)
        self.session.connection().execute(statement, [_row(item, facts_version) for item in facts])

    def query_summaries(self, query: DossierQuery) -> DossierPage:
        self.session.flush()
        joined = SUMMARY.outerjoin(USER, USER.c.owner == SUMMARY.c.owner)
        conditions = _conditions(query)
        total = (
            self.session.connection()
            .execute(select(func.count()).select_from(joined).where(*conditions))
            .scalar_one()
        )
        page = (
            select(SUMMARY, USER.c.first_name, USER.c.last_name, USER.c.username)
            .select_from(joined)
            .where(*conditions)
            .order_by(*_order(query))
            .offset(query.offset)
        )
        if query.limit is not None:
            page = page.limit(query.limit)
        items = [
            ListedDossier(
                facts=_facts(row._mapping),
                identity=Identity.of(row.first_name, row.last_name, row.username),
            )
            for row in self.session.connection().execute(page)
        ]
        return DossierPage(items=items, total=int(total))

    def same_siret(
        self, sirets: Sequence[str], *, limit: int = SAME_SIRET_READ
    ) -> dict[str, list[tuple[int, str]]]:
        """For each of `sirets`, the first `limit` dossiers whose organisation gives it:
        (number, owner), by number. One indexed query (`dossier_summary.siret`), at most
        `limit` rows a SIRET whatever the number of dossiers sharing it."""
        self.session.flush()
        wanted = sorted(set(sirets))
        if not wanted:
            return {}
        rank = (
            func.row_number()
            .over(partition_by=SUMMARY.c.siret, order_by=SUMMARY.c.dossier_id)
            .label("rank")
        )
        ranked = (
            select(SUMMARY.c.siret, SUMMARY.c.dossier_id, SUMMARY.c.owner, rank)
            .where(SUMMARY.c.siret.in_(wanted))
            .subquery()
        )
        statement = (
            select(ranked.c.siret, ranked.c.dossier_id, ranked.c.owner)
            .where(ranked.c.rank <= limit)
            .order_by(ranked.c.dossier_id)
        )
        found: dict[str, list[tuple[int, str]]] = {}
        for siret, number, owner in self.session.connection().execute(statement):
            found.setdefault(siret, []).append((int(number), owner))
        return found

    def query_applicants(self, query: DossierQuery) -> list[tuple[str, int]]:
        self.session.flush()
        statement = (
            select(USER.c.owner, USER.c.chat_id)
            .select_from(SUMMARY.join(USER, USER.c.owner == SUMMARY.c.owner))
            .where(*_conditions(query), USER.c.chat_id > 0, USER.c.blocked.is_(False))
            .group_by(USER.c.owner, USER.c.chat_id)
            .order_by(func.min(SUMMARY.c.dossier_id))
        )
        return [(owner, int(chat)) for owner, chat in self.session.connection().execute(statement)]

    def summary_call_ids(self, *, ready: bool = False) -> tuple[str, ...]:
        self.session.flush()
        query = select(SUMMARY.c.call_id).distinct().order_by(SUMMARY.c.call_id)
        if ready:
            query = query.where(SUMMARY.c.readiness == "ready")
        return tuple(self.session.connection().execute(query).scalars())

    def summary_counts(self) -> SummaryCounts:
        self.session.flush()
        connection = self.session.connection()
        started, eligible, reserved, ineligible, drafts = connection.execute(
            select(
                func.count(),
                func.count().filter(SUMMARY.c.eligible.is_(True)),
                func.count().filter(SUMMARY.c.eligible.is_(True) & SUMMARY.c.reserved.is_(True)),
                func.count().filter(SUMMARY.c.eligible.is_(False)),
                func.count(SUMMARY.c.draft_generated_at),
            )
        ).one()
        furthest = connection.execute(
            select(SUMMARY.c.furthest_section, func.count()).group_by(SUMMARY.c.furthest_section)
        )
        stopped = connection.execute(
            select(SUMMARY.c.stop_section, func.count())
            .where(SUMMARY.c.stop_section.is_not(None))
            .group_by(SUMMARY.c.stop_section)
        )
        states = connection.execute(
            select(
                SUMMARY.c.readiness, SUMMARY.c.reserved, SUMMARY.c.call_id, func.count()
            ).group_by(SUMMARY.c.readiness, SUMMARY.c.reserved, SUMMARY.c.call_id)
        ).all()
        return SummaryCounts(
            call_ids=tuple(sorted({str(call) for _, _, call, _ in states})),
            states={(r, bool(s), str(c)): int(n) for r, s, c, n in states},
            started=started,
            eligible=eligible,
            reserved=reserved,
            ineligible=ineligible,
            drafts=drafts,
            furthest={str(s): int(n) for s, n in furthest},
            stopped={str(s): int(n) for s, n in stopped},
        )


@cache
def _upsert(dialect: str) -> Any:
    """The summary upsert, built once per dialect (building a Core statement costs more
    than running it, and the interview runs it at every answer)."""
    statement = insert_for(dialect)(SUMMARY)
    columns = [c.name for c in SUMMARY.columns if c.name != "dossier_id"]
    return statement.on_conflict_do_update(
        index_elements=[SUMMARY.c.dossier_id],
        set_={name: statement.excluded[name] for name in columns},
        # Two writers racing: the summary of the later version stays.
        where=SUMMARY.c.version <= statement.excluded.version,
    )


def _in_state(state: State, closed_calls: frozenset[str]) -> ColumnElement[bool]:
    """The dossiers in `state`, as `dialogs.exports.state_of` reads a summary: a ready one
    of a call in `closed_calls` is « appel clos », else « sous réserve » when reserved."""
    if state not in READY_STATES:
        return SUMMARY.c.readiness == state
    closed = SUMMARY.c.call_id.in_(sorted(closed_calls)) if closed_calls else false()
    ready = SUMMARY.c.readiness == "ready"
    if state == "ready_closed":
        return and_(ready, closed)
    reserved = SUMMARY.c.reserved.is_(True)
    return and_(ready, not_(closed), reserved if state == "ready_reserved" else not_(reserved))


def _conditions(query: DossierQuery) -> list[ColumnElement[bool]]:
    found: list[ColumnElement[bool]] = []
    if query.eligible is not None:
        found.append(SUMMARY.c.eligible.is_(query.eligible))
    if query.reserved is not None:
        found.append(SUMMARY.c.reserved.is_(query.reserved))
    complete = and_(SUMMARY.c.missing == 0, SUMMARY.c.eligible.is_(True))  # DossierFacts'
    if query.complete is not None:
        found.append(complete if query.complete else not_(complete))
    if query.with_warnings is True:
        found.append(SUMMARY.c.warnings > 0)
    elif query.with_warnings is False:
        found.append(SUMMARY.c.warnings == 0)
    if query.missing is not None:
        found.append(SUMMARY.c.missing > 0 if query.missing else SUMMARY.c.missing == 0)
    if query.ready is not None:
        ready = SUMMARY.c.readiness == "ready"  # and its call still open (`fileable`)
        if query.closed_calls:
            ready = and_(ready, SUMMARY.c.call_id.not_in(sorted(query.closed_calls)))
        found.append(ready if query.ready else not_(ready))
    if query.state is not None:
        found.append(_in_state(query.state, query.closed_calls))
    if query.may_get_draft:
        found.append(SUMMARY.c.eligible.is_not(False))  # (NULL, to determine, is kept)
    if query.drafted is not None:
        drafted = SUMMARY.c.draft_generated_at
        found.append(drafted.is_not(None) if query.drafted else drafted.is_(None))
    if query.active_since is not None:
        found.append(SUMMARY.c.updated_at >= query.active_since)
    if query.call_id is not None:
        found.append(SUMMARY.c.call_id == query.call_id)
    if query.owner is not None:
        found.append(SUMMARY.c.owner == query.owner)
    if query.after_number is not None:
        found.append(SUMMARY.c.dossier_id > query.after_number)
    # Every word, in the organisation's name, SIRET, RNA, contact or representative, or the
    # applicant's names; a number is also the dossier's (« 8 », « n° 8 »).
    for word in query.search_words:
        marked = dossier_number(word)
        if marked is not None:  # « n° 8 »: that dossier, not every SIRET with an 8 in it
            found.append(SUMMARY.c.dossier_id == marked)
            continue
        either = [
            SUMMARY.c.search_key.contains(word, autoescape=True),
            and_(USER.c.name_key.is_not(None), USER.c.name_key.contains(word, autoescape=True)),
        ]
        if word.isdigit() and len(word) <= 12:
            either.append(SUMMARY.c.dossier_id == int(word))
        found.append(or_(*either))
    return found


def _order(query: DossierQuery) -> list[Any]:
    column = {
        "activity": SUMMARY.c.updated_at,
        "completeness": SUMMARY.c.completeness,
        "amount": SUMMARY.c.departement_request_cents,
        "number": SUMMARY.c.dossier_id,
    }[query.sort]
    if query.is_descending:
        return [column.desc().nulls_last(), SUMMARY.c.dossier_id.desc()]
    return [column.asc().nulls_last(), SUMMARY.c.dossier_id.asc()]


def _row(facts: DossierFacts, facts_version: int) -> dict[str, Any]:
    return {
        "dossier_id": facts.dossier_id,
        "version": facts.version,
        "facts_version": facts_version,
        "owner": facts.owner,
        "call_id": facts.call_id,
        "organisation": facts.organisation,
        "search_key": search_fold(facts.searched or facts.organisation or ""),
        "organisation_type": facts.organisation_type,
        "legal_form": facts.legal_form,
        "eligible": facts.eligible,
        "reserved": facts.reserved,
        "completeness": facts.completeness,
        "readiness": facts.readiness,
        "section": facts.section,
        "section_title": facts.section_title,
        "step_key": facts.step_key,
        "step_label": facts.step_label,
        "warnings": facts.warnings,
        "breaches": facts.breaches,
        "missing": facts.missing,
        "missing_sections": facts.missing_sections,
        "missing_section_ids": ",".join(facts.missing_section_ids),
        "siret": facts.siret,
        "departement_request_cents": _cents(facts.departement_request),
        "charges_cents": _cents(facts.charges) or 0,
        "actions": facts.actions,
        "actions_fte": None if facts.actions_fte is None else str(facts.actions_fte),
        "draft_generated_at": facts.draft_generated_at,
        "furthest_section": facts.furthest_section,
        "stop_section": facts.stop_section,
        "created_at": facts.created_at,
        "updated_at": facts.updated_at,
    }


def _facts(row: Any) -> DossierFacts:
    return DossierFacts(
        dossier_id=row["dossier_id"],
        version=row["version"],
        owner=row["owner"],
        call_id=row["call_id"],
        organisation=row["organisation"],
        organisation_type=row["organisation_type"],
        legal_form=row["legal_form"],
        eligible=row["eligible"],
        reserved=bool(row["reserved"]),
        completeness=row["completeness"],
        readiness=row["readiness"],
        section=row["section"],
        section_title=row["section_title"],
        step_key=row["step_key"],
        step_label=row["step_label"],
        warnings=row["warnings"],
        breaches=row["breaches"],
        missing=row["missing"],
        missing_sections=row["missing_sections"],
        departement_request=_euros(row["departement_request_cents"]),
        charges=_euros(row["charges_cents"]) or Decimal("0.00"),
        actions=row["actions"],
        actions_fte=None if row["actions_fte"] is None else Decimal(row["actions_fte"]),
        draft_generated_at=row["draft_generated_at"],
        furthest_section=row["furthest_section"],
        stop_section=row["stop_section"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        searched=row["search_key"],
        missing_section_ids=tuple(filter(None, (row["missing_section_ids"] or "").split(","))),
        siret=row["siret"],
    )


def _cents(amount: Decimal | None) -> int | None:
    return None if amount is None else int((amount * CENTS).to_integral_value())


def _euros(cents: int | None) -> Decimal | None:
    return None if cents is None else (Decimal(cents) / CENTS).quantize(Decimal("0.01"))


__all__ = ["SummariesMixin"]
