"""The dossiers: the list (search, filters, sort, pages) and one dossier (its review, the
answer history, its documents, staff's private annotations)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from urllib.parse import urlencode

from aiohttp import web

from console.listing import STATE_SLUGS, state_choices
from console.web import deps, form_text, page, see_other, session_of
from dialogs.console import MAX_ANNOTATION
from dialogs.console_dossier import DOCUMENTS
from dialogs.support import MAX_STAFF_MESSAGE

PAGE_SIZE = 25
SORTS = ("activite", "completude", "montant")
MAX_PAGE = 100_000
SEARCH_LIMIT = 100  # characters of a search (the field's maxlength, and the server's cut)


@dataclass(frozen=True)
class Filters:
    """The list's filters as the form sends them (French parameter names)."""

    q: str = ""
    eligible: str = ""  # "oui" (to confirm included), "confirmer" (to confirm), "non", "" (any)
    ready: str = ""  # "prets" (ready to file), "non" (not yet), one state's slug, "" (any)
    complete: str = ""
    warnings: str = ""
    active: str = ""  # days, "" (any)
    sort: str = "activite"
    page: int = 1

    @classmethod
    def of(cls, query: dict[str, str]) -> Filters:
        def choice(name: str, allowed: tuple[str, ...]) -> str:
            value = query.get(name, "")
            return value if value in allowed else ""

        active = query.get("actif", "")
        page = query.get("page", "1")
        sort = query.get("tri", "activite")
        return cls(
            q=query.get("q", "").strip()[:SEARCH_LIMIT],
            eligible=choice("eligible", ("oui", "confirmer", "non")),
            ready=choice("etat", ("prets", "non", *STATE_SLUGS)),
            complete=choice("complet", ("oui", "non")),
            warnings=choice("alertes", ("oui", "non")),
            active=active if active in ("7", "30", "90") else "",
            sort=sort if sort in SORTS else "activite",
            page=min(int(page), MAX_PAGE) if page.isdigit() and int(page) > 0 else 1,
        )

    def link(self, **changes: object) -> str:
        values = {
            "q": self.q,
            "eligible": self.eligible,
            "etat": self.ready,
            "complet": self.complete,
            "alertes": self.warnings,
            "actif": self.active,
            "tri": self.sort,
            "page": self.page,
        }
        values.update(changes)
        return urlencode({k: v for k, v in values.items() if v not in ("", None)})


async def dossiers(request: web.Request) -> web.Response:
    from console.listing import list_dossiers

    filters = Filters.of(dict(request.query))
    console_deps = deps(request)
    listing = await asyncio.to_thread(list_dossiers, console_deps.staff, filters, PAGE_SIZE)
    closed = console_deps.staff.closed_calls({item.facts.call_id for item in listing.items})
    steps = {item.facts.dossier_id: console_deps.staff.step(item.facts) for item in listing.items}
    pages = max(1, -(-listing.total // PAGE_SIZE))
    return page(
        request,
        "dossiers.html.j2",
        filters=filters,
        listing=listing,
        closed_calls=closed,
        steps=steps,
        pages=pages,
        search_limit=SEARCH_LIMIT,
        state_choices=state_choices(),
    )


def _number(request: web.Request) -> int:
    raw = request.match_info["number"]
    if not raw.isdigit() or len(raw) > 12:
        raise web.HTTPNotFound
    return int(raw)


async def dossier(request: web.Request) -> web.Response:
    exchange = request.query.get("echange", "")
    return await dossier_page(
        request,
        _number(request),
        noted=request.query.get("note") == "ok",
        written=request.query.get("ecrit"),
        exchange=int(exchange) if exchange.isdigit() and len(exchange) <= 12 else None,
        continued=request.query.get("suite") == "1",
    )


async def dossier_page(
    request: web.Request,
    number: int,
    *,
    noted: bool = False,
    note_problem: str | None = None,
    note_draft: str = "",
    written: str | None = None,
    exchange: int | None = None,
    continued: bool = False,
    write_problem: str | None = None,
    write_draft: str = "",
) -> web.Response:
    """A dossier's page; `written` (and the ticket `exchange`, `continued` when the message
    went on in the exchange still open): what became of a message written to its
    applicant; `write_problem`: why `write_draft` was refused."""
    console_deps = deps(request)
    view = await asyncio.to_thread(console_deps.dossiers.view, number)
    if view is None:
        raise web.HTTPNotFound
    notes = await asyncio.to_thread(console_deps.console.annotations, number)
    tickets = await asyncio.to_thread(
        console_deps.support.dossier_tickets, view.detail.facts.owner, number
    )
    return page(
        request,
        "dossier.html.j2",
        status=400 if note_problem or write_problem else 200,
        view=view,
        applicant=view.detail.applicant,
        applicant_link=view.detail.link,
        notes=notes,
        tickets=tickets,
        documents=DOCUMENTS,
        noted=noted,
        note_problem=note_problem,
        note_draft=note_draft,
        note_limit=MAX_ANNOTATION,
        written=written,
        exchange=exchange,
        continued=continued,
        write_problem=write_problem,
        write_draft=write_draft,
        write_limit=MAX_STAFF_MESSAGE,
    )


async def document(request: web.Request) -> web.StreamResponse:
    number = _number(request)
    kind = request.match_info["kind"]
    if kind not in {d.kind for d in DOCUMENTS}:
        raise web.HTTPNotFound
    console_deps = deps(request)
    file = await asyncio.to_thread(console_deps.dossiers.document, number, kind)
    if file is None:
        if await asyncio.to_thread(console_deps.dossiers.view, number) is None:
            raise web.HTTPNotFound
        return page(request, "error.html.j2", status=503, kind="no_document")
    staff = session_of(request).staff
    await asyncio.to_thread(
        console_deps.console.record, staff, "download", f"dossier {number}", file.name
    )
    return web.Response(
        body=file.content,
        headers={
            "Content-Type": file.mime,
            "Content-Disposition": f'attachment; filename="{file.name}"',
        },
    )


async def annotate(request: web.Request) -> web.StreamResponse:
    number = _number(request)
    form = await request.post()
    text = form_text(form, "note")
    if len(text.strip()) > MAX_ANNOTATION:  # shown again whole, never cut
        return await dossier_page(request, number, note_problem="too_long", note_draft=text)
    console_deps = deps(request)
    staff = session_of(request).staff
    note = await asyncio.to_thread(console_deps.console.annotate, staff, number, text)
    if note is None:
        view = await asyncio.to_thread(console_deps.dossiers.view, number)
        if view is None:
            raise web.HTTPNotFound
        raise see_other(request, f"/dossiers/{number}#annotations")
    raise see_other(request, f"/dossiers/{number}?note=ok#annotations")


def add_routes(router: web.UrlDispatcher, prefix: str) -> None:
    router.add_get(f"{prefix}/dossiers", dossiers, name="dossiers")
    router.add_get(f"{prefix}/dossiers/{{number}}", dossier, name="dossier")
    router.add_get(f"{prefix}/dossiers/{{number}}/documents/{{kind}}", document, name="document")
    router.add_post(f"{prefix}/dossiers/{{number}}/annotations", annotate, name="annotate")
