"""Applicants' questions in a private chat: answered from the call, or handed to the team.

`/question …` (or `/question`, then the question; "Annuler" under that prompt, or /annuler,
goes back to the interview's question), free text recognised as a question by the engine,
or the "Poser une question" button of /aide: the answer quotes the call with its
source, then "Cette réponse vous aide-t-elle ?" with "Oui" / "Non, poser la question à
l'équipe du Département" (below the confidence threshold, the offer to ask the team at once).
Buttons carry `a|_q|<action><id>`: the id of the recorded question or of the ticket, never
its text; the service checks that the clicking applicant owns it.

Escalated questions go to the staff chat through `StaffDesk`; the team's answers come back
with a "Répondre à l'équipe" button, and a reply to them (or the button, then a message) is
a follow-up on the same ticket. `/mes_questions` lists the applicant's tickets. Words typed
at the interview while the team's message waits are asked about by the interview itself
(`InterviewService.handle`, `dialogs.team_reply`); the two buttons under that question
come here (`typed_for`).
"""

from __future__ import annotations

import asyncio
import logging

from aiogram import Bot, F, Router
from aiogram.dispatcher.event.bases import SkipHandler
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import Command, CommandObject, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message, Update

from bot.handlers.interview import Duplicating, Erasing, event_id_of, identity_of, owner_of
from bot.handlers.staff_relay import StaffDesk, support_text
from bot.output import send_messages, send_reply, set_keyboard
from bot.processing import UpdateInHand
from bot.render import ANSWER_PREFIX, answer_data, parse_answer_data
from bot.retry import is_transient
from dialogs.events import FOLLOW_UP_IT, Button, Choose, keyword_of
from dialogs.events import Command as EngineCommand
from dialogs.events import Message as EngineMessage
from dialogs.personal_data import ERASURE_COMMAND
from dialogs.service import InterviewService
from dialogs.support import (
    ASK,
    CANCEL_ASK,
    ESCALATE,
    FEEDBACK_KEY,
    FOLLOW_UP,
    HELPED,
    SupportService,
    TicketView,
)
from dialogs.team_reply import TEAM_ANSWER, TEAM_REPLY
from dialogs.validation import parse_reference

log = logging.getLogger(__name__)

TICKET_KEY = "ticket"


class Asking(StatesGroup):
    question = State()  # after /question alone or the "Poser une question" button
    follow_up = State()  # after "Répondre à l'équipe": the next text goes to the team


def ask_offer() -> EngineMessage:
    """A message with the "Poser une question" button (handled below)."""
    return EngineMessage(
        support_text("ask_offer"),
        key=FEEDBACK_KEY,
        buttons=(Button(ASK, support_text("ask_button")),),
    )


def ask_prompt() -> EngineMessage:
    """ "Quelle est votre question ?" with "Annuler": the applicant may have pressed the
    button by mistake, and their next message (a SIRET…) is meant for the interview."""
    return EngineMessage(
        support_text("ask_prompt"),
        key=FEEDBACK_KEY,
        buttons=(Button(CANCEL_ASK, support_text("ask_cancel_button")),),
    )


def follow_up_prompt(ticket: TicketView) -> EngineMessage:
    """ "Écrivez votre message pour l'équipe" with "Annuler": "Répondre à l'équipe" pressed by
    mistake must not send the applicant's next message (their SIRET…) to the team."""
    return EngineMessage(
        support_text("follow_up_prompt", ticket=ticket),
        key=FEEDBACK_KEY,
        buttons=(Button(CANCEL_ASK, support_text("ask_cancel_button")),),
    )


def is_cancel_word(text: str) -> bool:
    """ "Annuler" typed (no slash) under a prompt that waits for free text: no question or
    follow-up after all, as the engine reads the same word."""
    return keyword_of(text) == "cancel"


def questions_router(desk: StaffDesk) -> Router:
    router = Router(name="questions")
    router.message.filter(F.chat.type == "private", F.from_user)
    router.callback_query.filter(F.message.chat.type == "private")

    async def ask(bot: Bot, message: Message, service: InterviewService, text: str) -> None:
        assert message.from_user is not None
        owner = owner_of(message.from_user.id)
        reply = await asyncio.to_thread(
            service.ask,
            owner,
            text,
            chat_id=message.chat.id,
            identity=identity_of(message.from_user),
        )
        await send_reply(bot, message.chat.id, reply, service=service, owner=owner)

    async def follow_up(bot: Bot, message: Message, ticket_id: int, text: str) -> None:
        assert message.from_user is not None
        owner = owner_of(message.from_user.id)
        await desk.hand_over(bot, message.chat.id, owner, ticket_id, text)

    async def cancel_asking(
        bot: Bot, chat_id: int, user_id: int, service: InterviewService, state: FSMContext
    ) -> None:
        """No question (or no follow-up) after all: say so, and ask the interview's current
        question again."""
        waiting = await state.get_state()
        await state.clear()
        cancelled = "follow_up_cancelled" if waiting == Asking.follow_up.state else "ask_cancelled"
        await bot.send_message(chat_id, support_text(cancelled))
        owner = owner_of(user_id)
        reply = await asyncio.to_thread(service.show, owner, chat_id=chat_id)
        await send_reply(bot, chat_id, reply, service=service, owner=owner)

    @router.message(StateFilter(Asking), Command("annuler"))
    async def cancel_question(
        message: Message, service: InterviewService, bot: Bot, state: FSMContext
    ) -> None:
        assert message.from_user is not None
        await cancel_asking(bot, message.chat.id, message.from_user.id, service, state)

    # Any other command typed while a question or a follow-up was awaited cancels the wait;
    # the erasure's only pauses it: a « non » to its prompt goes back to it. A command typed
    # at the erasure's prompt leaves it, as it would have left the wait it paused (its
    # buttons still answer it).
    @router.message(StateFilter(Asking, Erasing), F.text.startswith("/"), ~Command(ERASURE_COMMAND))
    async def command_while_waiting(message: Message, state: FSMContext) -> None:
        await state.clear()
        raise SkipHandler

    # Any command typed under `/dupliquer`'s question leaves it (its buttons still answer it);
    # /supprimer_mes_donnees too: the erasure's « non » brings no duplicate question back.
    @router.message(Duplicating.choose, F.text.startswith("/"))
    async def command_at_the_duplicate_question(message: Message, state: FSMContext) -> None:
        await state.clear()
        raise SkipHandler

    @router.message(Command("question"))
    async def question(
        message: Message,
        command: CommandObject,
        service: InterviewService,
        bot: Bot,
        state: FSMContext,
    ) -> None:
        text = (command.args or "").strip()
        if not text:
            await state.set_state(Asking.question)
            await send_messages(bot, message.chat.id, [ask_prompt()])
            return
        await ask(bot, message, service, text)

    @router.message(Asking.question, F.text, ~F.text.startswith("/"))
    async def question_text(
        message: Message, service: InterviewService, bot: Bot, state: FSMContext
    ) -> None:
        if is_cancel_word(message.text or ""):
            assert message.from_user is not None
            await cancel_asking(bot, message.chat.id, message.from_user.id, service, state)
            return
        await state.clear()
        await ask(bot, message, service, message.text or "")

    @router.message(Asking.follow_up, F.text, ~F.text.startswith("/"))
    async def follow_up_text(
        message: Message,
        service: InterviewService,
        bot: Bot,
        state: FSMContext,
    ) -> None:
        if is_cancel_word(message.text or ""):
            assert message.from_user is not None
            await cancel_asking(bot, message.chat.id, message.from_user.id, service, state)
            return
        data = await state.get_data()
        await state.clear()
        ticket_id = data.get(TICKET_KEY)
        if not isinstance(ticket_id, int):
            raise SkipHandler
        await follow_up(bot, message, ticket_id, message.text or "")

    @router.message(F.text, F.reply_to_message, ~F.text.startswith("/"))
    async def reply_to_team(message: Message, support: SupportService, bot: Bot) -> None:
        """A reply to the team's answer is a follow-up on its ticket."""
        assert message.from_user is not None and message.reply_to_message is not None
        ticket_id = await asyncio.to_thread(
            support.ticket_of_applicant_message,
            owner_of(message.from_user.id),
            message.reply_to_message.message_id,
        )
        if ticket_id is None:
            raise SkipHandler  # a reply to anything else: the interview takes it
        await follow_up(bot, message, ticket_id, message.text or "")

    async def typed_for(
        to_team: bool,
        query: CallbackQuery,
        number: int,
        service: InterviewService,
        bot: Bot,
    ) -> None:
        """« Répondre à l’équipe » or the interview's own button, under the question on
        words kept (`dialogs.team_reply`, asked by `InterviewService.handle`): they go to
        the team, or to the interview (a screen of buttons shows its question again)."""
        assert query.message is not None
        chat_id, owner = query.message.chat.id, owner_of(query.from_user.id)
        if to_team:
            text = await asyncio.to_thread(service.words_for_the_team, owner, number)
            if text is None:
                await bot.send_message(chat_id, support_text("team_or_answer_gone"))
                return
            await desk.hand_over(bot, chat_id, owner, number, text)
            return
        reply = await asyncio.to_thread(
            service.answer_kept,
            owner,
            number,
            chat_id=chat_id,
            identity=identity_of(query.from_user),
        )
        if reply is None:
            await bot.send_message(chat_id, support_text("team_or_answer_gone"))
            return
        await send_reply(bot, chat_id, reply, service=service, owner=owner)

    @router.callback_query(F.data.regexp(rf"^{ANSWER_PREFIX}\|.+\|{FOLLOW_UP_IT}\d+$"))
    async def follow_up_chosen(
        query: CallbackQuery,
        service: InterviewService,
        bot: Bot,
        event_update: Update,
        in_hand: UpdateInHand | None = None,
    ) -> None:
        """« Pour l’équipe : suite de la question n° 3 », under « votre réponse, ou une
        question ? »: the interview lets go of the words (`FollowUpTeam`), which go to the
        team on that exchange; then its question comes back."""
        if in_hand is None or not in_hand.callback_answered:
            await query.answer()
        parsed = parse_answer_data(query.data or "")
        if parsed is None or query.message is None:
            return
        chat_id, owner = query.message.chat.id, owner_of(query.from_user.id)
        reply = await asyncio.to_thread(
            service.handle,
            owner,
            Choose(*parsed),
            chat_id=chat_id,
            event_id=event_id_of(event_update),
            identity=identity_of(query.from_user),
        )
        await set_keyboard(bot, chat_id, query.message.message_id, None)
        follow = reply.team_follow_up
        if follow is not None:
            await desk.hand_over(bot, chat_id, owner, follow.ticket_id, follow.text)
        await send_reply(bot, chat_id, reply, service=service, owner=owner, in_hand=in_hand)

    @router.message(Command("mes_questions"))
    async def my_questions(message: Message, support: SupportService, bot: Bot) -> None:
        assert message.from_user is not None
        listing = await asyncio.to_thread(
            support.my_tickets_message, owner_of(message.from_user.id)
        )
        await send_messages(bot, message.chat.id, [listing])

    @router.message(Command("aide", "help"))
    async def help_(
        message: Message, service: InterviewService, bot: Bot, event_update: Update
    ) -> None:
        """The interview's help, with the "Poser une question" button before the question."""
        assert message.from_user is not None
        owner = owner_of(message.from_user.id)
        reply = await asyncio.to_thread(
            service.handle,
            owner,
            EngineCommand("help"),
            chat_id=message.chat.id,
            event_id=event_id_of(event_update),
            identity=identity_of(message.from_user),
        )
        last = reply.messages[-1] if reply.messages else None
        at = len(reply.messages) - (1 if last is not None and last.is_prompt else 0)
        reply.messages.insert(at, ask_offer())
        await send_reply(bot, message.chat.id, reply, service=service, owner=owner)

    # -- buttons -------------------------------------------------------------------------------

    @router.callback_query(F.data.startswith(answer_data(FEEDBACK_KEY, "")))
    async def clicked(
        query: CallbackQuery,
        support: SupportService,
        service: InterviewService,
        bot: Bot,
        state: FSMContext,
    ) -> None:
        parsed = parse_answer_data(query.data or "")
        if parsed is None or query.message is None:
            await query.answer()
            return
        chat_id, message_id = query.message.chat.id, query.message.message_id
        owner = owner_of(query.from_user.id)
        action = parsed[1]
        if action == ASK:
            await query.answer()
            await state.set_state(Asking.question)
            await send_messages(bot, chat_id, [ask_prompt()])
            return
        if action == CANCEL_ASK:
            await query.answer()
            await set_keyboard(bot, chat_id, message_id, None)
            if await state.get_state() in (Asking.question.state, Asking.follow_up.state):
                await cancel_asking(bot, chat_id, query.from_user.id, service, state)
            return
        kind, number = action[:1], parse_reference(action[1:])
        if number is None or kind not in (HELPED, ESCALATE, FOLLOW_UP, TEAM_REPLY, TEAM_ANSWER):
            await query.answer()
            return
        if kind in (TEAM_REPLY, TEAM_ANSWER):
            await query.answer()
            await set_keyboard(bot, chat_id, message_id, None)
            await typed_for(kind == TEAM_REPLY, query, number, service, bot)
            return
        if kind == HELPED:
            await query.answer(support_text("helped_thanks"))
            await set_keyboard(bot, chat_id, message_id, None)
            return
        if kind == FOLLOW_UP:
            ticket = await asyncio.to_thread(support.owns_ticket, owner, number)
            if ticket is None:
                await query.answer(support_text("unknown_question"), show_alert=True)
                return
            await query.answer()
            await state.set_state(Asking.follow_up)
            await state.update_data({TICKET_KEY: ticket.id})
            await send_messages(bot, chat_id, [follow_up_prompt(ticket)])
            return
        escalation = await asyncio.to_thread(support.escalate, owner, number)
        if escalation is None:
            await query.answer(support_text("unknown_question"), show_alert=True)
            return
        await query.answer()
        await set_keyboard(bot, chat_id, message_id, None)
        posting = escalation.posting
        if posting is not None and not posting.already_posted:
            try:
                posted = await desk.post(bot, posting)
            except TelegramAPIError as error:
                if is_transient(error):
                    raise  # the update is retried later (the same ticket, posted once)
                log.warning("ticket %d: not posted (%s)", posting.ticket.id, type(error).__name__)
                posted = None
            if posted is None:
                spec = support.spec
                await bot.send_message(chat_id, support_text("staff_unavailable", spec=spec))
                return
        await send_messages(bot, chat_id, escalation.messages)

    # Any other button (the interview's) ends the wait for a question or a follow-up.
    @router.callback_query(StateFilter(Asking))
    async def other_click(query: CallbackQuery, state: FSMContext) -> None:
        await state.clear()
        raise SkipHandler

    return router
