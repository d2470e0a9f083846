"""Questions and tickets (answered from the console, relayed through the bot like a reply in
the staff group, and told to the group), an officer's message to a dossier's applicant
(« Écrire au candidat », as `/ecrire N texte`) and the FAQ (add a staff answer, list, edit,
delete)."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Literal

from aiogram.exceptions import TelegramAPIError
from aiohttp import web

from bot.handlers.staff_relay import deliver_answer, support_text, tell_applicant_closed
from console.dossiers import dossier_page
from console.web import ConsoleDeps, deps, form_text, page, see_other, session_of
from dialogs.ports import TicketStatus
from dialogs.support import (
    MAX_FAQ_QUESTION,
    MAX_QUESTION,
    MAX_STAFF_MESSAGE,
    AnswerRefused,
    Relay,
    TicketView,
    listed_oldest_first,
)

STATUSES: dict[str, tuple[TicketStatus, ...] | None] = {
    "attente": ("open",),
    "repondues": ("answered",),
    "closes": ("closed",),
    "toutes": None,
}
MAX_ANSWER = MAX_STAFF_MESSAGE
TICKETS_PAGE = 50  # a Telegram message, with the answer's heading


def _number(request: web.Request, name: str) -> int:
    raw = request.match_info[name]
    if not raw.isdigit() or len(raw) > 12:
        raise web.HTTPNotFound
    return int(raw)


async def tickets(request: web.Request) -> web.Response:
    shown = request.query.get("statut", "attente")
    if shown not in STATUSES:
        shown = "attente"
    raw = request.query.get("page", "1")
    number = min(int(raw), 100_000) if raw.isdigit() and int(raw) > 0 else 1
    found, total = await asyncio.to_thread(
        deps(request).support.tickets,
        STATUSES[shown],
        limit=TICKETS_PAGE,
        offset=(number - 1) * TICKETS_PAGE,
    )
    pages = max(1, -(-total // TICKETS_PAGE))
    return page(
        request,
        "tickets.html.j2",
        tickets=found,
        shown=shown,
        total=total,
        page_number=number,
        pages=pages,
        oldest_first=listed_oldest_first(STATUSES[shown]),
    )


async def ticket(request: web.Request) -> web.Response:
    number = _number(request, "number")
    view = await asyncio.to_thread(deps(request).support.ticket, number)
    if view is None:
        raise web.HTTPNotFound
    return await _ticket_page(
        request,
        view,
        outcome=request.query.get("envoi"),
        closing=request.query.get("cloture"),
        faq_done=request.query.get("faq"),
    )


async def _ticket_page(
    request: web.Request,
    view: TicketView,
    *,
    status: int = 200,
    outcome: str | None = None,
    closing: str | None = None,
    faq_done: str | None = None,
    problem: str | None = None,
    draft: str = "",
    faq_problem: int = 0,
    faq_draft: str = "",
) -> web.Response:
    """A question's page: its exchange, what the bot had answered before it reached the
    team, its FAQ entry if any, the answer form (`problem`: why `draft` was refused;
    `faq_problem`: the length of `faq_draft`, a FAQ question refused as too long)."""
    support = deps(request).support
    thread = await asyncio.to_thread(support.thread, view.id)
    # As `SupportService.close` decides (`dialogs.closing`): the box to tick, and why.
    waiting = await asyncio.to_thread(support.closing_wait, view.id)
    applicant, link = await asyncio.to_thread(deps(request).dossiers.applicant, view.owner)
    return page(
        request,
        "ticket.html.j2",
        status=status,
        applicant=applicant,
        applicant_link=link,
        ticket=view,
        thread=thread,
        bot_answer=await asyncio.to_thread(support.bot_answer, view.id),
        outcome=outcome,
        closing=closing,
        confirm_closing=waiting is not None,
        closing_wait=waiting,
        problem=problem,
        draft=draft,
        limit=MAX_ANSWER,
        question_limit=MAX_FAQ_QUESTION,
        faq_entry=await asyncio.to_thread(support.faq_entry_of, view.id),
        faq_done=faq_done,
        faq_problem=faq_problem,
        faq_draft=faq_draft,
    )


async def answer(request: web.Request) -> web.StreamResponse:
    """The answer goes to the applicant through the bot (`deliver_answer`, as a reply in the
    staff group would) and the group is told who answered what (`StaffDesk.console_note`);
    the page then says whether it arrived. A closed question takes no answer (the service
    decides, `takes_answers`): its applicant was told it is closed."""
    number = _number(request, "number")
    form = await request.post()
    text = form_text(form, "reponse").strip()
    console_deps = deps(request)
    view = await asyncio.to_thread(console_deps.support.ticket, number)
    if view is None:
        raise web.HTTPNotFound
    if not text or len(text) > MAX_ANSWER:
        problem = "empty" if not text else "too_long"
        return await _ticket_page(request, view, status=400, problem=problem, draft=text)
    officer = session_of(request).staff.name
    relay = await asyncio.to_thread(
        console_deps.support.staff_reply, number, text, staff_name=officer
    )
    if relay is None:
        raise web.HTTPNotFound
    if isinstance(relay, AnswerRefused):  # closed: nothing is sent
        raise see_other(request, f"/questions/{number}?envoi=close")
    in_faq = await asyncio.to_thread(console_deps.support.faq_entry_of, number)
    outcome = await _deliver(request, relay, "answer", in_faq=in_faq)
    raise see_other(request, f"/questions/{number}?envoi={outcome}")


async def write(request: web.Request) -> web.StreamResponse:
    """« Écrire au candidat » on a dossier's page: the officer writes first to its applicant,
    as `/ecrire N texte` does in the staff group (`SupportService.write_to_applicant`, a
    ticket opened by staff, delivered as answers are; added to the team's exchange about
    the dossier while it is open); the group is told, and the dossier's page says whether
    it arrived and which question follows the exchange. A refused text
    (empty, too long) is shown again whole, with why; nothing is sent."""
    number = _number(request, "number")
    form = await request.post()
    text = form_text(form, "message")
    console_deps = deps(request)
    officer = session_of(request).staff.name
    outreach = await asyncio.to_thread(
        console_deps.support.write_to_applicant, number, text, staff_name=officer
    )
    if outreach.problem == "unknown_dossier":
        raise web.HTTPNotFound
    if outreach.relay is None:
        return await dossier_page(request, number, write_problem=outreach.problem, write_draft=text)
    relay = outreach.relay
    outcome = await _deliver(request, relay, "write", continued=outreach.continued)
    ticket = relay.ticket.id
    went_on = "&suite=1" if outreach.continued else ""  # added to the exchange still open
    raise see_other(request, f"/dossiers/{number}?ecrit={outcome}&echange={ticket}{went_on}#ecrire")


async def _deliver(
    request: web.Request, relay: Relay, action: Literal["answer", "write"], **note: object
) -> str:
    """A staff message written here sent to the applicant through the bot, as a reply in
    the staff group would be (`deliver_answer`), the group told who wrote what
    (« staff_console_answer » or « staff_console_write »), the console's journal kept:
    "ok", "blocked" or "failed"."""
    console_deps = deps(request)
    outcome = "failed"
    if console_deps.bot is not None:
        outcome = await deliver_answer(console_deps.bot, console_deps.support, relay)
    staff = session_of(request).staff
    html = support_text(
        f"staff_console_{action}",
        ticket=relay.ticket,
        text=relay.text,
        staff=staff.name,
        outcome=outcome,
        **note,
    )
    await _tell_group(console_deps, relay.ticket, html, answer=relay.message_id)
    target = f"question {relay.ticket.id}"
    await asyncio.to_thread(console_deps.console.record, staff, action, target, outcome)
    return outcome


async def _tell_group(
    console_deps: ConsoleDeps, ticket: TicketView, html: str, *, answer: int | None = None
) -> None:
    """What was done here, told in the staff group (`StaffDesk.console_note`)."""
    if console_deps.bot is not None and console_deps.desk is not None:
        await console_deps.desk.console_note(console_deps.bot, ticket, html, answer=answer)


async def _redraw_answer_note(console_deps: ConsoleDeps, ticket_id: int, message_id: int) -> None:
    """The group's note of a console answer, once its question is in the FAQ, says which
    entry holds it instead of still offering « /faq en réponse à ce message » (a refusal,
    such as a note older than Telegram lets a bot edit, leaves it as it was)."""
    if console_deps.bot is None:
        return
    note = await asyncio.to_thread(console_deps.support.console_answer_note, ticket_id, message_id)
    if note is None:
        return
    with contextlib.suppress(TelegramAPIError):
        await console_deps.bot.edit_message_text(
            note.html, chat_id=note.chat_id, message_id=note.message_id
        )


async def close(request: web.Request) -> web.StreamResponse:
    """Close a question; one nobody answered, or a team's exchange the applicant replied last
    in, only with the box ticked (as `/clore` asks for a confirmation: `dialogs.closing`). The
    applicant is told through the bot."""
    number = _number(request, "number")
    confirmed = (await request.post()).get("confirmer") == "oui"
    console_deps = deps(request)
    closing = await asyncio.to_thread(console_deps.support.close, number, confirmed=confirmed)
    if closing is None:
        raise web.HTTPNotFound
    if closing.needs_confirmation:
        raise see_other(request, f"/questions/{number}?cloture=confirmer#clore")
    if closing.already_closed:
        raise see_other(request, f"/questions/{number}?cloture=deja")
    told = "failed"
    if console_deps.bot is not None:
        told = await tell_applicant_closed(console_deps.bot, closing.ticket)
    staff = session_of(request).staff
    note = support_text("staff_console_closed", ticket=closing.ticket, staff=staff.name, told=told)
    await _tell_group(console_deps, closing.ticket, note)
    await asyncio.to_thread(console_deps.console.record, staff, "close", f"question {number}", told)
    raise see_other(request, f"/questions/{number}?cloture={told}")


async def add_to_faq(request: web.Request) -> web.StreamResponse:
    """« Ajouter à la FAQ » under a staff answer: as `/faq` in reply to it in the group (one
    entry per question: an answer already published says so, nothing added, its question
    reworded if staff changed it; a question too long is refused, shown again whole)."""
    number = _number(request, "number")
    form = await request.post()
    raw = form_text(form, "message")
    if not raw.isdigit() or len(raw) > 12:
        raise web.HTTPNotFound
    question = form_text(form, "question")  # reworded for everyone (empty: the asker's words)
    console_deps = deps(request)
    added = await asyncio.to_thread(
        console_deps.support.faq_from_answer, number, int(raw), question
    )
    if added is None:
        raise web.HTTPNotFound
    if added.entry is None:  # the reworded question is too long: refused, never cut
        view = await asyncio.to_thread(console_deps.support.ticket, number)
        if view is None:
            raise web.HTTPNotFound
        return await _ticket_page(
            request, view, status=400, faq_problem=added.length, faq_draft=question
        )
    if not added.already:
        await _redraw_answer_note(console_deps, number, int(raw))
    if not added.already or added.reworded:
        staff = session_of(request).staff
        await asyncio.to_thread(
            console_deps.console.record,
            staff,
            "faq_edit" if added.already else "faq_add",
            f"faq {added.entry.id}",
            added.entry.question[:500],
        )
    done = "reformulee" if added.reworded else "deja" if added.already else "ajoutee"
    raise see_other(request, f"/questions/{number}?faq={done}#faq")


async def faq(request: web.Request) -> web.Response:
    return await _faq_page(request, done=request.query.get("fait"))


async def _faq_page(
    request: web.Request,
    *,
    done: str | None = None,
    problem: str | None = None,
    edited: int | None = None,
    draft: str = "",
    question: str = "",
    length: int = 0,
) -> web.Response:
    """The FAQ; with `problem`, entry `edited` shows `draft` and `question` (refused, the
    refused one `length` characters long) and why."""
    entries = await asyncio.to_thread(deps(request).support.faq_entries)
    return page(
        request,
        "faq.html.j2",
        status=400 if problem else 200,
        entries=entries,
        done=done,
        problem=problem,
        edited=edited,
        draft=draft,
        question_draft=question,
        length=length,
        limit=MAX_QUESTION,
        question_limit=MAX_FAQ_QUESTION,
    )


async def faq_edit(request: web.Request) -> web.StreamResponse:
    number = _number(request, "number")
    form = await request.post()
    text = form_text(form, "reponse")
    question = form_text(form, "question")  # (absent from an older form: kept as it was)
    console_deps = deps(request)
    edited = await asyncio.to_thread(console_deps.support.edit_faq, number, text, question)
    if edited.problem == "unknown":
        raise web.HTTPNotFound
    if edited.problem is not None:  # refused, never cut
        entries = await asyncio.to_thread(console_deps.support.faq_entries)
        if all(e.id != number for e in entries):
            raise web.HTTPNotFound
        return await _faq_page(
            request,
            problem=edited.problem,
            edited=number,
            draft=text,
            question=question,
            length=edited.length,
        )
    staff = session_of(request).staff
    question = edited.entry.question[:500] if edited.entry is not None else ""
    await asyncio.to_thread(
        console_deps.console.record, staff, "faq_edit", f"faq {number}", question
    )
    raise see_other(request, f"/faq?fait=modifiee#faq-{number}")


async def faq_delete(request: web.Request) -> web.StreamResponse:
    number = _number(request, "number")
    if (await request.post()).get("confirmer") != "oui":  # the box to tick, checked here too
        raise see_other(request, f"/faq#faq-{number}")
    console_deps = deps(request)
    entry = await asyncio.to_thread(console_deps.support.delete_faq, number)
    if entry is None:
        raise web.HTTPNotFound
    staff = session_of(request).staff
    await asyncio.to_thread(
        console_deps.console.record, staff, "faq_delete", f"faq {number}", entry.question[:500]
    )
    raise see_other(request, "/faq?fait=supprimee")


def add_routes(router: web.UrlDispatcher, prefix: str) -> None:
    router.add_get(f"{prefix}/questions", tickets, name="tickets")
    router.add_get(f"{prefix}/questions/{{number}}", ticket, name="ticket")
    router.add_post(f"{prefix}/questions/{{number}}/reponse", answer, name="answer")
    router.add_post(f"{prefix}/questions/{{number}}/cloture", close, name="close")
    router.add_post(f"{prefix}/questions/{{number}}/faq", add_to_faq, name="add_to_faq")
    router.add_post(f"{prefix}/dossiers/{{number}}/message", write, name="write")
    router.add_get(f"{prefix}/faq", faq, name="faq")
    router.add_post(f"{prefix}/faq/{{number}}", faq_edit, name="faq_edit")
    router.add_post(f"{prefix}/faq/{{number}}/suppression", faq_delete, name="faq_delete")
