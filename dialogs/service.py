"""The application service: one user event in, the reply out, every accepted answer committed.

It owns what the pure engine does not: which dossier a user is working on (several per user:
new, list, resume, duplicate), persistence through the `Store` port (one transaction per
event, so an answer is saved before the reply leaves), the answer journal, and effects such
as draft generation. Adapters call it and render its `Reply`; they never touch storage.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace

from dialogs.asking_back import says_yes_or_no
from dialogs.calendar import call_status
from dialogs.dossier import Dossier
from dialogs.dossier_facts import FACTS_VERSION, dossier_facts
from dialogs.engine import Channel, Interview, RecentExchange
from dialogs.events import (
    AskQuestion,
    Choose,
    Command,
    ContactStaff,
    Event,
    FollowUpTeam,
    GenerateDraft,
    Message,
    Outcome,
    Text,
)
from dialogs.not_read import Unread, not_read_note
from dialogs.people import Identity
from dialogs.personal_data import Erasure, erase_owner, owner_data_document
from dialogs.plan import never_asked, plan_questions
from dialogs.ports import (
    Clock,
    QuestionSeen,
    Repository,
    Store,
    StoredDossier,
    TeamQuestion,
    UserRecord,
)
from dialogs.question import Question
from dialogs.replies import (
    OFFERED_DOSSIERS,
    DossierOverview,
    DraftFile,
    DraftRenderer,
    DuplicateOffer,
    QuestionAnswerer,
    Reply,
    dossier_overview,
)
from dialogs.review import review
from dialogs.saved_plans import SavedPlan, SavedPlans
from dialogs.spec import CallSpec
from dialogs.team_reply import (
    TypedButton,
    TypedFit,
    bare_answer,
    question_answered,
    question_cancelled,
    question_dropped,
    question_gone,
    recent_exchange,
    stale,
    team_or_answer,
    typed_at_the_interview,
    typed_button,
)
from dialogs.texts import render_macro
from dialogs.welcome_back import is_back, welcome_back

__all__ = [  # the reply types live in `dialogs.replies`; importing them from here still works
    "DossierOverview",
    "DraftFile",
    "DraftRenderer",
    "DuplicateOffer",
    "InterviewService",
    "QuestionAnswerer",
    "Reply",
]

SERVICE = "messages/service.html.j2"
#: Question kinds any words answer: typed there, words meant for the team would be taken.
FREE_TEXT_KINDS = frozenset({"text", "choice_or_text"})
#: Screens (the welcome, a stop, the review) whose typed words answer no question.
SCREEN_KINDS = frozenset({"info", "stop", "review"})


def duplicate_offer(overviews: list[DossierOverview]) -> DuplicateOffer:
    """What `/dupliquer` without a number asks: with one dossier, whether to duplicate it
    (there is no other to pick); with several, which one (the latest `OFFERED_DOSSIERS` as
    buttons, all listed); with none, that there is nothing to duplicate yet. A tester got
    the bare list there, with no button to press."""
    if not overviews:
        return DuplicateOffer(Message(render_macro(SERVICE, "duplicate_none")), (), False)
    if len(overviews) == 1:
        html = render_macro(SERVICE, "duplicate_confirm", dossier=overviews[0])
        return DuplicateOffer(Message(html), (overviews[0].id,), True, (overviews[0].id,))
    html = render_macro(SERVICE, "duplicate_which", dossiers=overviews)
    offered = tuple(o.id for o in overviews[-OFFERED_DOSSIERS:])
    return DuplicateOffer(Message(html), offered, False, tuple(o.id for o in overviews))


class InterviewService:
    def __init__(
        self,
        *,
        specs: Callable[[str], CallSpec],
        default_call_id: str,
        store: Store,
        clock: Clock,
        drafts: DraftRenderer | None = None,
        questions: QuestionAnswerer | None = None,
        channel: Channel = "terminal",
        max_dossiers_per_day: int | None = None,
        summaries: bool = True,
        relay: bool = True,
    ) -> None:
        """`channel` picks the words of messages that differ (buttons on Telegram, numbers
        in the terminal); `summaries`: keep each dossier's staff summary up to date as it
        is saved (a plan review and one more statement per answer); without, staff listings
        compute what is stale, and the Telegram bot refreshes it in the background every
        few seconds (`bot.summaries`), off the applicants' path. `relay`: a staff group
        takes the applicants' questions (otherwise no screen offers to pass one on)."""
        self.summaries = summaries
        self.relay = relay
        #: Dossier versions this service saved (a count that only grows): the bot's keeper of
        #: summaries looks for stale ones only when it moved.
        self.saves = 0
        self._specs = specs
        self.channel: Channel = channel
        self.max_dossiers_per_day = max_dossiers_per_day
        self._default_call_id = default_call_id
        self.store = store
        self.clock = clock
        self.drafts = drafts
        self.questions = questions
        self._plans = SavedPlans()

    def spec_for(self, dossier: Dossier) -> CallSpec:
        return self._specs(dossier.call_id)

    @property
    def default_spec(self) -> CallSpec:
        return self._specs(self._default_call_id)

    @property
    def section_commands(self) -> dict[str, str]:
        """Shortcuts to the sections of the configured call's form: command → section id."""
        return self.default_spec.interview.commands

    @property
    def section_titles(self) -> dict[str, str]:
        """The same shortcuts, command → the section's title (for menus)."""
        titles = {s.id: s.title for s in self.default_spec.interview.sections}
        return {command: titles[section] for command, section in self.section_commands.items()}

    def _interview(self, spec: CallSpec, *, exchange: RecentExchange | None = None) -> Interview:
        return Interview(spec, channel=self.channel, relay=self.relay, exchange=exchange)

    def today(self) -> dt.date:
        return self.clock.now().date()

    def rehearse(self, *, until: Callable[[], bool] | None = None) -> int:
        """Rehearse an interview of the configured call in memory (`dialogs.rehearsal`): for
        the bot, in a worker thread after start, stopped once `until()` holds. Returns the
        number of answers played."""
        from dialogs.rehearsal import rehearse

        return rehearse(
            self.default_spec, self.today(), channel=self.channel, relay=self.relay, until=until
        )

    # -- the interview ------------------------------------------------------------------------
    def show(
        self, owner: str, *, chat_id: int | None = None, identity: Identity | None = None
    ) -> Reply:
        """Where the user stands (creating their first dossier on first contact).

        `identity`, in every entry point: the names the applicant's chat gives, kept on
        their user row for staff (replaced when they change)."""
        with self.store.transaction() as repo:
            now = self.clock.now()
            stored, _ = self._active_or_first(repo, owner, chat_id, now=now, identity=identity)
            spec = self.spec_for(stored.dossier)
            engine = self._interview(spec)
            planned = self._plans.of(stored, spec)
            outcome = engine.show(stored.dossier, self.today(), planned=planned)
            back = self._welcome_back(repo, stored, outcome, now)
            saved = self._save_if_changed(repo, stored, outcome, engine=engine)
            revision = self._posed(repo, owner, stored.id, outcome.dossier)
        self._plans.keep(saved)
        return Reply([*back, *outcome.messages], dossier_id=stored.id, revision=revision)

    def not_read(
        self,
        owner: str,
        what: Unread,
        *,
        caption: str = "",
        chat_id: int | None = None,
        identity: Identity | None = None,
    ) -> Reply:
        """A sticker, photo, voice note or file where the interview reads text: said so, with
        what to do, then the question waiting (its reminder and buttons), as after a refused
        text; the applicant never has to scroll up to find it. A first contact gets the
        welcome itself (the question it waits on), whole."""
        with self.store.transaction() as repo:
            stored, first = self._active_or_first(
                repo, owner, chat_id, now=self.clock.now(), identity=identity
            )
            spec = self.spec_for(stored.dossier)
            engine = self._interview(spec)
            planned = self._plans.of(stored, spec)
            outcome = engine.show(stored.dossier, self.today(), brief=not first, planned=planned)
            saved = self._save_if_changed(repo, stored, outcome, engine=engine)
            revision = self._posed(repo, owner, stored.id, outcome.dossier)
        self._plans.keep(saved)
        question = outcome.messages[-1] if outcome.messages else None
        note = not_read_note(what, caption=caption, question=question)
        return Reply([note, *outcome.messages], dossier_id=stored.id, revision=revision)

    def handle(
        self,
        owner: str,
        event: Event,
        *,
        chat_id: int | None = None,
        event_id: str | None = None,
        message_id: int | None = None,
        received: int | None = None,
        identity: Identity | None = None,
    ) -> Reply:
        """Apply one event (`_handle`). A number typed for « C’est ma réponse à : … » under
        « Votre message est-il pour l’équipe ? » goes on as that click (`answer_kept`), once
        the event is claimed; should the words no longer wait, the question is shown."""
        reply = self._handle(
            owner,
            event,
            chat_id=chat_id,
            event_id=event_id,
            message_id=message_id,
            received=received,
            identity=identity,
        )
        if isinstance(reply, _KeptAnswer):
            kept = self.answer_kept(owner, reply.ticket_id, chat_id=chat_id, identity=identity)
            return kept or self.show(owner, chat_id=chat_id, identity=identity)
        assert reply is not None, "only words kept for the team's question can be gone"
        return reply

    def _handle(
        self,
        owner: str,
        event: Event,
        *,
        chat_id: int | None = None,
        event_id: str | None = None,
        message_id: int | None = None,
        received: int | None = None,
        identity: Identity | None = None,
        kept_for: int | None = None,
    ) -> Reply | _KeptAnswer | None:
        """Apply one event. With an `event_id` (e.g. a Telegram update id), an event seen
        before is not applied again: the current question is shown instead. The id is
        claimed in the same transaction as the answer, so both are committed or neither.

        One exception: a replayed "Générer le brouillon" click at the review makes the draft
        again (it changes nothing; the first run may have died before the files left).

        With a `message_id` (the chat message that carried a text), the text is an answer
        to the last question `delivered` before that message: if another question is asked
        now, it is not applied to it (the applicant is shown where they are). `received` (the
        text's place in the order events came in, Telegram's update id) tells a text typed
        before a question was edited into its message from one typed after.

        A text typed while the team's message waits for the applicant's reply, or while
        « Votre message est-il pour l’équipe ? » waits, may be asked about instead
        (`dialogs.team_reply.typed_at_the_interview`): read from the user row this
        transaction touches anyway, so nothing more runs when no such message waits.
        `kept_for`: the event is the words kept under that question, said to be the
        interview's (`answer_kept`); None when they no longer wait. A number typed under that
        question is its button at that place (`team_reply.typed_button`): « Répondre à
        l’équipe » hands the words kept to the adapter (`Reply.team_follow_up`), as its
        click does; the interview's button comes back as `_KeptAnswer` (`handle` goes on)."""
        typed = isinstance(event, Text) and message_id is not None
        with self.store.transaction() as repo:
            now = self.clock.now()
            user, stored, first, read = self._user_and_dossier_read(
                repo,
                owner,
                chat_id,
                now=now,
                identity=identity,
                message_id=message_id if typed else None,
                received=received,
            )
            spec = self.spec_for(stored.dossier)
            if kept_for is not None:
                settled = question_answered(user.team_question, kept_for)
                if settled is None or stale(
                    user.team_question, user.team_wait, stored.dossier.cursor.key
                ):
                    return None
                repo.set_team_question(owner=owner, question=settled)
            replayed = event_id is not None and not repo.claim_event(event_id)
            if replayed and not _is_draft_click(event, stored.dossier):
                again = _team_question_again(event, user.team_question)
                if again is not None:  # the words were kept: the question is asked again
                    return Reply([again], dossier_id=stored.id)
                outcome = self._interview(spec).show(stored.dossier, self.today())
                revision = self._posed(repo, owner, stored.id, outcome.dossier)
                return Reply(list(outcome.messages), dossier_id=stored.id, revision=revision)
            gone: list[Message] = []  # words kept under a question that no longer stands
            if isinstance(event, Text) and kept_for is None:
                for_whom, gone = self._typed_for_the_team(repo, user, stored, event.value)
                if for_whom is not None:
                    return for_whom
            asked: int | None = None  # the revision of the question answered
            if isinstance(event, Text) and message_id is not None:
                asked, seen = self._asked_and_seen(repo, owner, stored, read, message_id, received)
                if seen is not None and seen != asked:
                    outcome = self._interview(spec).show(stored.dossier, self.today(), brief=True)
                    note = Message(render_macro(SERVICE, "earlier_answer", text=event.value))
                    return Reply([note, *outcome.messages], dossier_id=stored.id, revision=asked)
            # The applicant's tickets are listed only if « votre réponse, ou une question ? »
            # is put (its buttons then offer a recent exchange's follow-up first), never for
            # an ordinary answer.
            engine = self._interview(
                spec, exchange=lambda: recent_exchange(repo.list_tickets(owner=owner), now)
            )
            planned = self._plans.of(stored, spec)
            outcome = engine.handle(stored.dossier, event, self.today(), planned=planned)
            back = [*gone, *self._welcome_back(repo, stored, outcome, now)]
            if first and event != Command("start"):  # a first contact is always welcomed
                back = [*self._welcome(engine, stored.dossier), *back]
            if asked is not None and outcome.dossier.cursor.key == stored.dossier.cursor.key:
                revision = asked  # posed above, and still asked: `pose` would change nothing
            else:
                revision = self._posed(repo, owner, stored.id, outcome.dossier)
            if asked is None:  # a click: the question before the one now asked, if it moved
                moved = outcome.dossier.cursor.key != stored.dossier.cursor.key
                asked = revision - 1 if moved else revision
            saved = self._save_if_changed(repo, stored, outcome, revision=asked, engine=engine)
        self._plans.keep(saved)
        reply = Reply(
            [*back, *outcome.messages],
            dossier_id=stored.id,
            accepted=outcome.answer,
            revision=revision,
        )
        reply.below = any(isinstance(e, ContactStaff) for e in outcome.effects)
        reply.team_follow_up = next(
            (e for e in outcome.effects if isinstance(e, FollowUpTeam)), None
        )
        answered: set[str] = set()
        for effect in outcome.effects:
            # Two questions typed in a row that the call answers alike (« c'est quand la date
            # limite ? », then « jusqu'à quand on peut déposer ? »): its answer shown once.
            extra = [
                m
                for m in self._run_effect(owner, stored.id, effect, reply)
                if m.html not in answered
            ]
            answered.update(m.html for m in extra)
            last = reply.messages[-1] if reply.messages else None
            at = len(reply.messages) - (1 if last is not None and last.is_prompt else 0)
            reply.messages[at:at] = extra  # the question shown again stays the last word
        return reply

    def _typed_for_the_team(
        self, repo: Repository, user: UserRecord, stored: StoredDossier, text: str
    ) -> tuple[Reply | _KeptAnswer | None, list[Message]]:
        """« Votre message est-il pour l’équipe ? » when `text` is asked about
        (`typed_at_the_interview`), its state saved with the words kept; None: the
        interview takes the words (which may drop words kept: « annuler »). With it, what
        is said of words kept under a question that no longer stands (`stale`: dropped,
        and said so, never joined to the new words)."""
        question = user.team_question
        if user.team_wait is None and not question.waiting:
            return None, []  # nearly every answer: nothing waits, nothing more to do
        key = stored.dossier.cursor.key
        gone: list[Message] = []
        if stale(question, user.team_wait, key):
            gone = [question_gone(question)]
            question = replace(question, kept=None, ticket_id=None)
            repo.set_team_question(owner=user.owner, question=question)
        typed = typed_button(text, question)  # (a question gone waits no more: None)
        if typed is not None:
            return self._button_typed(question, typed, stored.id), []
        asked = typed_at_the_interview(
            text, user.team_wait, question, lambda words: self._fit(stored, words), key
        )
        if asked is None:
            dropped = question_dropped(text, question)
            if dropped is not None:  # « annuler »: the words said not sent, still sendable
                repo.set_team_question(owner=user.owner, question=dropped)
                gone = [*gone, question_cancelled(dropped)]
            return None, gone
        repo.set_team_question(owner=user.owner, question=asked)
        return Reply([*gone, team_or_answer(asked)], dossier_id=stored.id), []

    @staticmethod
    def _button_typed(
        question: TeamQuestion, typed: TypedButton, dossier_id: int
    ) -> Reply | _KeptAnswer:
        """A number typed under « Votre message est-il pour l’équipe ? », as the click on
        the button it names: the words kept for the team (the adapter sends them, as after
        « Répondre à l’équipe »), or for the interview; a number naming no button asked back,
        the words kept as they were."""
        if typed.button is None:
            return Reply(list(typed.asked_back), dossier_id=dossier_id)
        assert question.kept is not None and question.ticket_id is not None
        if typed.to_the_team:
            follow = FollowUpTeam(question.kept, question.ticket_id)
            return Reply([], dossier_id=dossier_id, team_follow_up=follow)
        return _KeptAnswer(question.ticket_id)

    def words_for_the_team(self, owner: str, ticket_id: int) -> str | None:
        """The words kept under « Votre message est-il pour l’équipe ? » for exchange
        `ticket_id`, now said to be for the team (« Répondre à l’équipe »); None when no
        such question waits. They stay kept until the team has them (`SupportService.follow_up`
        ends the question in the transaction that saves them), so that nothing typed is
        lost on the way."""
        with self.store.transaction() as repo:
            user = repo.get_user(owner)
        question = TeamQuestion() if user is None else user.team_question
        if question_answered(question, ticket_id) is None:
            return None
        return question.kept

    def answer_kept(
        self,
        owner: str,
        ticket_id: int,
        *,
        chat_id: int | None = None,
        identity: Identity | None = None,
    ) -> Reply | None:
        """The words kept under « Votre message est-il pour l’équipe ? » are the
        interview's (« C’est ma réponse à : … »): it takes them, in the transaction that
        ends the question; under a screen of buttons (« Revoir la question en cours »),
        which typed words answer nothing on, its question is shown again. None when no
        such question waits for exchange `ticket_id`."""
        with self.store.transaction() as repo:
            user = repo.get_user(owner)
            question = TeamQuestion() if user is None else user.team_question
            answered = question_answered(question, ticket_id)
            if answered is None or question.kept is None or question.cancelled:
                return None
            if question.screen:
                repo.set_team_question(owner=owner, question=answered)
        if question.screen:
            return self.show(owner, chat_id=chat_id, identity=identity)
        taken = self._handle(
            owner, Text(question.kept), chat_id=chat_id, identity=identity, kept_for=ticket_id
        )
        assert not isinstance(taken, _KeptAnswer), "words kept are never asked about again"
        return taken

    def _fit(self, stored: StoredDossier, text: str) -> TypedFit:
        """How the interview would read `text` typed now at `stored` (`dialogs.team_reply`):
        a dry run of the engine on it, nothing saved."""
        spec = self.spec_for(stored.dossier)
        engine = self._interview(spec)
        planned = self._plans.of(stored, spec)
        outcome = engine.handle(stored.dossier, Text(text), self.today(), planned=planned)
        question = engine.current(stored.dossier)
        cursor = outcome.dossier.cursor
        taken = (
            outcome.answer is not None
            and not outcome.effects
            and cursor.asking_back is None
            and cursor.pending_text is None
        )
        if question is None:
            return TypedFit(None, buttons=True, free_text=False, taken=taken, bare=False)
        options = [o.label for o in engine.prompts.options(stored.dossier, question)]
        return TypedFit(
            question.label.split(" (")[0],
            buttons=question.kind in SCREEN_KINDS,
            free_text=question.kind in FREE_TEXT_KINDS,
            # « oui c’est bien notre réseau, … » is no yes to a yes/no question
            taken=taken and (question.kind != "yesno" or says_yes_or_no(text)),
            bare=bare_answer(text, options),
        )

    def _run_effect(
        self,
        owner: str,
        dossier_id: int,
        effect: GenerateDraft | AskQuestion | ContactStaff | FollowUpTeam,
        reply: Reply,
    ) -> list[Message]:
        if isinstance(effect, GenerateDraft):
            files, messages = self.generate_draft(owner, dossier_id)
            reply.files.extend(files)
            return messages
        if isinstance(effect, AskQuestion) and self.questions is not None:
            return self.questions(owner, dossier_id, effect.text)
        if isinstance(effect, ContactStaff | FollowUpTeam):
            # the engine already showed the Département's contact details; a follow-up is
            # the adapter's to hand to the team (`Reply.team_follow_up`)
            return []
        spec = self.default_spec
        return [Message(render_macro(SERVICE, "no_answer_service", spec=spec))]

    def ask(
        self,
        owner: str,
        text: str,
        *,
        chat_id: int | None = None,
        identity: Identity | None = None,
    ) -> Reply:
        """A question typed at any time (/question …): the answer, then the current question."""
        where = self.show(owner, chat_id=chat_id, identity=identity)
        answer = self._run_effect(owner, where.dossier_id or 0, AskQuestion(text.strip()), where)
        return Reply(
            [*answer, *where.messages], dossier_id=where.dossier_id, revision=where.revision
        )

    def generate_draft(self, owner: str, dossier_id: int) -> tuple[list[DraftFile], list[Message]]:
        """The draft of a dossier, and a message that says whether it can be filed as it is.

        An ineligible applicant gets no draft: the message gives the call's reason and what
        can be done (correct an answer, contact the Département)."""
        with self.store.transaction() as repo:
            stored = repo.get_dossier(dossier_id)
            if stored is None or stored.owner != owner:
                return [], [Message(render_macro(SERVICE, "unknown_dossier"))]
            spec = self.spec_for(stored.dossier)
            today = self.today()
            questions = plan_questions(spec, stored.dossier)  # planned once, for both
            report = review(spec, stored.dossier, today, questions=questions)
            # Optional questions never put to the applicant: the draft shows them « Non
            # renseigné », so a ready one says they wait (the review names them).
            unasked = [q for q in never_asked(questions, stored.dossier) if not q.required]
            if report.ineligibility is not None:
                refusal = render_macro(
                    SERVICE,
                    "draft_refused_ineligible",
                    rule=report.ineligibility.rule,
                    reason_id=report.ineligibility.reason_id,
                    spec=spec,
                    commands={v: k for k, v in spec.interview.commands.items()},
                )
                return [], [Message(refusal)]
            if self.drafts is None:
                return [], [Message(render_macro(SERVICE, "drafts_unavailable"))]
            dossier = stored.dossier.clone()
            files = self.drafts(spec, dossier, today)
            dossier.draft_generated_at = self.clock.now()
            version = repo.save_dossier(dossier_id=dossier_id, dossier=dossier)
            self.saves += 1
            if self.summaries:
                self._summarise(repo, stored, dossier, version)
        status = call_status(spec, self.today())
        macro = "draft_ready" if report.ready else "draft_not_ready"
        done = render_macro(
            SERVICE, macro, files=files, status=status, report=report, unasked=len(unasked)
        )
        return files, [Message(done)]

    # -- several dossiers per user ---------------------------------------------------------------
    def new_dossier(
        self,
        owner: str,
        *,
        chat_id: int | None = None,
        event_id: str | None = None,
        identity: Identity | None = None,
    ) -> Reply:
        """A new active dossier; a repeated `event_id` shows the current one instead."""
        with self.store.transaction() as repo:
            if event_id is not None and not repo.claim_event(event_id):
                stored, _ = self._active_or_first(repo, owner, chat_id)
                outcome = self._interview(self.spec_for(stored.dossier)).show(
                    stored.dossier, self.today()
                )
                return Reply(list(outcome.messages), dossier_id=stored.id)
            repo.upsert_user(
                owner=owner, chat_id=chat_id, seen_at=self.clock.now(), identity=identity
            )
            if self._dossiers_used_up(repo, owner):
                return self._dossier_quota_reply(repo, owner, chat_id)
            stored = self._create(repo, owner)
            outcome = self._interview(self.spec_for(stored.dossier)).show(
                stored.dossier, self.today()
            )
            revision = self._posed(repo, owner, stored.id, outcome.dossier)
        note = Message(render_macro(SERVICE, "dossier_created", number=stored.id))
        return Reply([note, *outcome.messages], dossier_id=stored.id, revision=revision)

    def list_dossiers(self, owner: str) -> tuple[list[DossierOverview], int | None]:
        with self.store.transaction() as repo:
            user = repo.get_user(owner)
            stored = repo.list_dossiers(owner=owner)
            active = user.active_dossier_id if user else None
        return [self.overview(s) for s in stored], active

    def dossiers_message(self, owner: str) -> Reply:
        overviews, active = self.list_dossiers(owner)
        html = render_macro(SERVICE, "dossier_list", dossiers=overviews, active=active)
        return Reply([Message(html)], dossier_id=active)

    def resume(self, owner: str, dossier_id: int) -> Reply:
        with self.store.transaction() as repo:
            stored = repo.get_dossier(dossier_id)
            if stored is None or stored.owner != owner:
                return Reply([Message(render_macro(SERVICE, "unknown_dossier"))])
            repo.set_active_dossier(owner=owner, dossier_id=dossier_id)
            outcome = self._interview(self.spec_for(stored.dossier)).show(
                stored.dossier, self.today()
            )
            revision = self._posed(repo, owner, dossier_id, outcome.dossier)
        note = Message(render_macro(SERVICE, "dossier_resumed", number=dossier_id))
        return Reply([note, *outcome.messages], dossier_id=dossier_id, revision=revision)

    def duplicate_offer(self, owner: str) -> DuplicateOffer:
        """`/dupliquer` typed without a number (`duplicate_offer`)."""
        overviews, _active = self.list_dossiers(owner)
        return duplicate_offer(overviews)

    def duplicate(self, owner: str, dossier_id: int, *, event_id: str | None = None) -> Reply:
        with self.store.transaction() as repo:
            stored = repo.get_dossier(dossier_id)
            if stored is None or stored.owner != owner:
                return Reply([Message(render_macro(SERVICE, "unknown_dossier"))])
            if event_id is not None and not repo.claim_event(event_id):
                active, _ = self._active_or_first(repo, owner, None)
                outcome = self._interview(self.spec_for(active.dossier)).show(
                    active.dossier, self.today()
                )
                return Reply(list(outcome.messages), dossier_id=active.id)
            if self._dossiers_used_up(repo, owner):
                return self._dossier_quota_reply(repo, owner, None)
            copy = Dossier.model_validate(
                stored.dossier.model_dump(
                    exclude={"uuid", "created_at", "updated_at", "draft_generated_at"}
                )
            )
            now = self.clock.now()
            copy.created_at = copy.updated_at = now
            new = repo.add_dossier(owner=owner, dossier=copy)
            self.saves += 1
            repo.set_active_dossier(owner=owner, dossier_id=new.id)
            outcome = self._interview(self.spec_for(copy)).show(copy, self.today())
            revision = self._posed(repo, owner, new.id, outcome.dossier)
        note = Message(
            render_macro(SERVICE, "dossier_duplicated", source=dossier_id, number=new.id)
        )
        return Reply([note, *outcome.messages], dossier_id=new.id, revision=revision)

    def _dossiers_used_up(self, repo: Repository, owner: str) -> bool:
        """Whether `owner` created `max_dossiers_per_day` dossiers in the last 24 hours."""
        if self.max_dossiers_per_day is None:
            return False
        since = self.clock.now() - dt.timedelta(days=1)
        created = [
            s.dossier.created_at
            for s in repo.list_dossiers(owner=owner)
            if s.dossier.created_at is not None and s.dossier.created_at > since
        ]
        return len(created) >= self.max_dossiers_per_day

    def _dossier_quota_reply(self, repo: Repository, owner: str, chat_id: int | None) -> Reply:
        stored, _ = self._active_or_first(repo, owner, chat_id)
        outcome = self._interview(self.spec_for(stored.dossier)).show(stored.dossier, self.today())
        revision = self._posed(repo, owner, stored.id, outcome.dossier)
        limit = self.max_dossiers_per_day
        note = Message(render_macro(SERVICE, "dossier_quota", limit=limit))
        return Reply([note, *outcome.messages], dossier_id=stored.id, revision=revision)

    def overview(self, stored: StoredDossier) -> DossierOverview:
        return dossier_overview(self.spec_for(stored.dossier), stored)

    # -- personal data (`dialogs.personal_data`) ------------------------------------------------
    def export_owner_data(self, owner: str) -> str:
        return owner_data_document(self.store, self.clock, owner)

    def delete_owner_data(self, owner: str) -> Erasure:
        return erase_owner(self.store, owner, at=self.clock.now())

    # -- internals ------------------------------------------------------------------------------
    def _welcome_back(
        self, repo: Repository, stored: StoredDossier, outcome: Outcome, now: dt.datetime
    ) -> list[Message]:
        """ "Bon retour" (`dialogs.welcome_back`); the dossier's last activity becomes now,
        so it is said once."""
        if not is_back(stored.dossier, now):
            return []
        if outcome.dossier == stored.dossier:
            outcome.dossier.updated_at = now
            repo.save_dossier(dossier_id=stored.id, dossier=outcome.dossier)
        return [welcome_back(self.spec_for(stored.dossier), stored.dossier, self.today())]

    def _welcome(self, engine: Interview, dossier: Dossier) -> list[Message]:
        """The welcome (what the assistant does, the deadline, the use of the data) before
        whatever a first contact's first message leads to: « bonjour » or an answer typed
        before any /start is taken, and the welcome is never skipped. Its button goes: the
        message that follows asks the next question."""
        screen = engine.show(dossier, self.today()).messages[-1]
        return [Message(screen.html, progress=screen.progress)]

    def _create(self, repo: Repository, owner: str) -> StoredDossier:
        dossier = self._interview(self.default_spec).new_dossier()
        dossier.created_at = dossier.updated_at = self.clock.now()
        stored = repo.add_dossier(owner=owner, dossier=dossier)
        self.saves += 1
        repo.set_active_dossier(owner=owner, dossier_id=stored.id)
        return stored

    def _active_or_first(
        self,
        repo: Repository,
        owner: str,
        chat_id: int | None,
        *,
        now: dt.datetime | None = None,
        identity: Identity | None = None,
    ) -> tuple[StoredDossier, bool]:
        """The user's active dossier, and whether it was created now (a first contact)."""
        _, stored, first = self._user_and_dossier(repo, owner, chat_id, now=now, identity=identity)
        return stored, first

    def _user_and_dossier(
        self,
        repo: Repository,
        owner: str,
        chat_id: int | None,
        *,
        now: dt.datetime | None = None,
        identity: Identity | None = None,
    ) -> tuple[UserRecord, StoredDossier, bool]:
        """`_active_or_first`, with the user row as marked seen (the team's message that
        waits for them is on it)."""
        user = repo.upsert_user(
            owner=owner, chat_id=chat_id, seen_at=now or self.clock.now(), identity=identity
        )
        if user.active_dossier_id is not None:
            stored = repo.get_dossier(user.active_dossier_id)
            if stored is not None and stored.owner == owner:
                return user, stored, False
        return user, self._create(repo, owner), True

    def _user_and_dossier_read(
        self,
        repo: Repository,
        owner: str,
        chat_id: int | None,
        *,
        now: dt.datetime,
        identity: Identity | None,
        message_id: int | None,
        received: int | None,
    ) -> tuple[UserRecord, StoredDossier, bool, QuestionSeen | None]:
        """`_user_and_dossier`; for a text carried by chat message `message_id`, the active
        dossier is read with the question posed and the one that message saw
        (`Repository.get_dossier_seen`: one statement, after the user row is held)."""
        if message_id is None:
            return (*self._user_and_dossier(repo, owner, chat_id, now=now, identity=identity), None)
        user = repo.upsert_user(owner=owner, chat_id=chat_id, seen_at=now, identity=identity)
        if user.active_dossier_id is not None:
            found = repo.get_dossier_seen(
                user.active_dossier_id, owner=owner, message_id=message_id, received=received
            )
            if found is not None and found[0].owner == owner:
                return user, found[0], False, found[1]
        return user, self._create(repo, owner), True, None

    def _asked_and_seen(
        self,
        repo: Repository,
        owner: str,
        stored: StoredDossier,
        read: QuestionSeen | None,
        message_id: int,
        received: int | None,
    ) -> tuple[int, int | None]:
        """The revision of the question `stored` is at (posed, as `_posed`), and the one
        chat message `message_id` saw: from what was read with the dossier, the question
        posed only when it is not the one posed already (`read` is None for a dossier
        just created: nothing was read with it)."""
        if read is None:
            seen = repo.revision_seen_before(owner=owner, message_id=message_id, received=received)
            return self._posed(repo, owner, stored.id, stored.dossier), seen
        asked = read.asked(stored.id, stored.dossier.cursor.key)
        if asked is None:
            asked = self._posed(repo, owner, stored.id, stored.dossier)
        return asked, read.seen

    def _save_if_changed(
        self,
        repo: Repository,
        stored: StoredDossier,
        outcome: Outcome,
        *,
        revision: int | None = None,
        engine: Interview | None = None,
    ) -> SavedPlan | None:
        """Save `outcome`'s dossier if it changed; with the `engine` that planned it, its
        plan as saved, for `SavedPlans.keep` once the transaction is committed (a version
        rolled back is given again to the next save, whatever its answers)."""
        if outcome.dossier == stored.dossier:
            return None
        outcome.dossier.updated_at = self.clock.now()
        version = repo.save_dossier(dossier_id=stored.id, dossier=outcome.dossier)
        self.saves += 1
        saved = None
        if engine is not None:
            plan = engine.plan(outcome.dossier)
            saved = SavedPlan(stored.id, outcome.dossier.uuid, version, engine.spec, plan)
            if self.summaries:
                self._summarise(repo, stored, outcome.dossier, version, plan)
        answers = [*outcome.earlier, outcome.answer] if outcome.answer else outcome.earlier
        for key, value in answers:
            repo.record_answer(
                dossier_id=stored.id, key=key, value=value, at=self.clock.now(), revision=revision
            )
        return saved

    def _summarise(
        self,
        repo: Repository,
        stored: StoredDossier,
        dossier: Dossier,
        version: int,
        questions: list[Question] | None = None,
    ) -> None:
        """The staff summary of the version just saved, in the same transaction: staff
        listings then never wait for it. Cheap with the interview's plan of the dossier (a
        fraction of a millisecond); without it, the dossier is planned once."""
        current = StoredDossier(id=stored.id, owner=stored.owner, dossier=dossier)
        facts = dossier_facts(self.spec_for(dossier), current, version, questions=questions)
        repo.save_summaries([facts], facts_version=FACTS_VERSION)

    # -- which question an answer answers --------------------------------------------------------
    def _posed(self, repo: Repository, owner: str, dossier_id: int, dossier: Dossier) -> int:
        """The revision of the question `dossier` is at (see `storage.prompts`)."""
        return repo.pose(owner=owner, dossier_id=dossier_id, key=dossier.cursor.key)

    def delivered(
        self,
        owner: str,
        revision: int,
        message_id: int,
        *,
        closes: int | None = None,
        sent: bool = False,
    ) -> int | None:
        """The reply ending with the question of `revision` reached the applicant as chat
        message `message_id`: their next messages answer that question. Returns the chat
        message that carried the question before (its buttons are now stale), if any.

        `sent`: `message_id` is a new message, not an older one edited (a clicked question
        edited into the next): any text of theirs with a larger id was written after it.

        `closes`: the received update this reply ends, closed in the same transaction (the
        adapter's last write for that update: one transaction and one thread hop less)."""
        now = self.clock.now()
        with self.store.transaction() as repo:
            stale = repo.record_delivery(
                owner=owner, revision=revision, message_id=message_id, at=now, sent=sent
            )
            if closes is not None:
                repo.close_update(update_id=closes, at=now)
            return stale


@dataclass(frozen=True)
class _KeptAnswer:
    """« C’est ma réponse à : … » (or « Revoir la question en cours ») named by a number
    typed under « Votre message est-il pour l’équipe ? »: the words kept for exchange
    `ticket_id` go to the interview, in transactions of their own (`answer_kept`)."""

    ticket_id: int


def _team_question_again(event: Event, question: TeamQuestion) -> Message | None:
    """The question on words kept for the team, when the replayed event is the text that
    made it (the bot died before it was sent): asked again rather than lost."""
    if not isinstance(event, Text) or not question.waiting or question.kept is None:
        return None
    return team_or_answer(question) if question.kept.endswith(event.value) else None


def _is_draft_click(event: Event, dossier: Dossier) -> bool:
    """A click on the review's "Générer le brouillon" (idempotent: safe to run again)."""
    return (
        isinstance(event, Choose)
        and event.key == "review" == dossier.cursor.key
        and event.choice == "draft"
    )
