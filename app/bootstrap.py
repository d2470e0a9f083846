"""The composition root: settings, clock, database and service are built here, and only here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.clock import FixedClock, SystemClock
from app.export_process import process_exporter
from app.settings import Settings
from dialogs.announcing import Announcer
from dialogs.catalog import CallCatalog
from dialogs.console import ConsoleService
from dialogs.console_dossier import ConsoleDossiers
from dialogs.dossier import Dossier
from dialogs.engine import Channel
from dialogs.exports import ExportWriter
from dialogs.ports import Clock
from dialogs.service import DraftFile, DraftRenderer, InterviewService, QuestionAnswerer
from dialogs.spec import CallSpec
from dialogs.staff import StaffService
from dialogs.support import AnswerFinder, SupportService
from storage.repository import SqlStore
from storage.transfer import export_all


@dataclass
class App:
    settings: Settings
    calls: CallCatalog
    clock: Clock
    store: SqlStore
    service: InterviewService
    support: SupportService
    staff: StaffService
    announcer: Announcer
    console: ConsoleService
    console_dossiers: ConsoleDossiers
    #: Staff's /export: in a process of its own (`app.export_process`) when it can be.
    export_files: ExportWriter

    def close(self) -> None:
        self.store.dispose()


def make_clock(settings: Settings) -> Clock:
    if settings.aap_bot_today is not None:
        return FixedClock.on(settings.aap_bot_today)
    return SystemClock()


def _render_draft_files(spec: CallSpec, dossier: Dossier, today: dt.date) -> list[DraftFile]:
    """`drafts.render_draft_files`, imported on the first draft (python-docx is slow to import,
    and the bot needs it only at the end of an interview)."""
    from drafts import render_draft_files

    return render_draft_files(spec, dossier, today)


def _render_format(spec: CallSpec, dossier: Dossier, today: dt.date, fmt: str) -> list[DraftFile]:
    """One format of `drafts.render_drafts` (imported on first use, like the drafts)."""
    from drafts import render_drafts

    return render_drafts(spec, dossier, today, {fmt}).files


def bootstrap(
    settings: Settings | None = None,
    *,
    clock: Clock | None = None,
    drafts: DraftRenderer | None = None,
    questions: QuestionAnswerer | None = None,
    finder: AnswerFinder | None = None,
    calls: CallCatalog | None = None,
    channel: Channel = "terminal",
    console_clock: Clock | None = None,
) -> App:
    """Everything the product needs, wired once; `channel` is the adapter the interview
    speaks through (its messages name buttons on Telegram, numbers in the terminal).

    The staff console's sign-in links and sessions expire by `console_clock`, the system
    clock unless given: never the date AAP_BOT_TODAY fixes for demos; its annotations and
    Journal are dated by `clock`, as everything else it shows."""
    settings = settings or Settings()
    if calls is None:
        calls = CallCatalog.load(call_id=settings.call_id, call_file=settings.call_file)
    clock = clock or make_clock(settings)
    store = SqlStore(settings.database_url)
    if drafts is None:
        drafts = _render_draft_files
    warm_up = None
    if finder is None:
        from knowledge.answering import CallQuestions

        call_questions = CallQuestions(calls.default, call_path=calls.default.source_path)
        finder, warm_up = call_questions.find, call_questions.warm_up
    # Questions the call does not answer go to the staff group, when there is one; without
    # one, nothing offers to pass a question on and the call's contact is given instead.
    relay = settings.staff_chat_id is not None
    support = SupportService(
        specs=calls.get,
        default_call_id=calls.default_id,
        store=store,
        clock=clock,
        finder=finder,
        escalation=relay,
        warm_up=warm_up,
        max_escalations_per_hour=settings.max_escalations_per_hour or None,
    )
    if questions is None:
        questions = support.answer_question
    service = InterviewService(
        specs=calls.get,
        default_call_id=calls.default_id,
        store=store,
        clock=clock,
        drafts=drafts,
        questions=questions,
        channel=channel,
        max_dossiers_per_day=settings.max_dossiers_per_day or None,
        relay=relay,
    )
    console = ConsoleService(store=store, clock=console_clock or SystemClock(), stamps=clock)
    staff = StaffService(
        specs=calls.get,
        store=store,
        clock=clock,
        drafts=drafts,
        json_export=export_all,
        default_call_id=calls.default_id,
        annotations=console.annotations,
    )
    announcer = Announcer(
        store=store,
        clock=clock,
        specs=calls.get,
        applicants=staff.applicants,
        dossiers=staff.dossiers,
    )
    console_dossiers = ConsoleDossiers(
        specs=calls.get, detail=staff.detail, store=store, clock=clock, render=_render_format
    )
    return App(
        settings=settings,
        calls=calls,
        clock=clock,
        store=store,
        service=service,
        support=support,
        staff=staff,
        announcer=announcer,
        console=console,
        console_dossiers=console_dossiers,
        export_files=process_exporter(settings, clock, staff.export_files),
    )
