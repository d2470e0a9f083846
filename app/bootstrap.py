"""The composition root: settings, clock, database and service are built here, and only here."""

from __future__ import annotations

from dataclasses import dataclass

from app.clock import FixedClock, SystemClock
from app.settings import Settings
from dialogs.ports import Clock
from dialogs.service import DraftRenderer, InterviewService, QuestionAnswerer
from dialogs.spec import load_shipped_spec
from storage.repository import SqlStore


@dataclass
class App:
    settings: Settings
    clock: Clock
    store: SqlStore
    service: InterviewService

    def close(self) -> None:
        self.store.dispose()


def make_clock(settings: Settings) -> Clock:
    if settings.aap_bot_today is not None:
        return FixedClock.on(settings.aap_bot_today)
    return SystemClock()


def bootstrap(
    settings: Settings | None = None,
    *,
    clock: Clock | None = None,
    drafts: DraftRenderer | None = None,
    questions: QuestionAnswerer | None = None,
) -> App:
    settings = settings or Settings()
    clock = clock or make_clock(settings)
    store = SqlStore(settings.database_url)
    if drafts is None:
        from drafts import render_draft_files

        drafts = render_draft_files
    if questions is None:
        from knowledge.answering import CallQuestions

        questions = CallQuestions(load_shipped_spec(settings.call_id))
    service = InterviewService(
        specs=load_shipped_spec,
        default_call_id=settings.call_id,
        store=store,
        clock=clock,
        drafts=drafts,
        questions=questions,
    )
    return App(settings=settings, clock=clock, store=store, service=service)
