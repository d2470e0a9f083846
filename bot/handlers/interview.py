"""The interview in a private chat: commands, text answers and button clicks.

Each handler translates one update into one service call (run in a worker thread: the
service is synchronous and touches the database) and renders the reply. The Telegram update
id is the event id, so an update delivered twice is applied once.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import Any, Literal

from aiogram import Bot, F, Router
from aiogram.dispatcher.event.bases import SkipHandler
from aiogram.filters import Command, CommandObject, CommandStart
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import (
    BufferedInputFile,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    Update,
    User,
)

from bot.handlers.staff_relay import StaffDesk
from bot.output import Clicked, send_messages, send_reply, set_keyboard
from bot.processing import UpdateInHand
from bot.render import chosen_label, keyboard, parse_answer_data, text
from dialogs.duplicate_prompt import duplicate_answer, duplicate_ask_again
from dialogs.events import NAV_BACK, NAV_HELP, NAV_OK, NAV_SKIP, Choose, CommandName, Text
from dialogs.events import Command as EngineCommand
from dialogs.events import Message as EngineMessage
from dialogs.people import Identity
from dialogs.personal_data import ERASURE_COMMAND, erasure_answer
from dialogs.replies import DuplicateOffer
from dialogs.service import InterviewService, Reply
from dialogs.support import FEEDBACK_KEY
from dialogs.texts import render_macro
from dialogs.validation import parse_reference

DELETE_YES, DELETE_NO = "d|yes", "d|no"
RESUME_PREFIX = "r|"
#: « Dupliquer le dossier n° N » (`/dupliquer` without a number), and its « Non ».
DUPLICATE_PREFIX, DUPLICATE_NO = "dup|", "dup|no"
_NAV = {NAV_BACK, NAV_HELP, NAV_SKIP, NAV_OK}
#: The message id of `/dupliquer`'s question, kept in the adapter's state while it waits.
DUPLICATE_PROMPT = "duplicate_prompt"
#: The message id of « effacer toutes vos données ? », kept in the adapter's state.
ERASURE_PROMPT = "erasure_prompt"
#: The wait the erasure's prompt interrupted (a follow-up for the team…): state and data,
#: back after a « non ».
PAUSED_STATE, PAUSED_DATA = "paused_state", "paused_data"


class Duplicating(StatesGroup):
    """After /dupliquer without a number: a yes, a no or a dossier's number typed next
    answers its question (a tester's « le 1 » generated a draft instead); any other text
    gets the question back, until an answer, a button or a command."""

    choose = State()


class Erasing(StatesGroup):
    """After /supprimer_mes_donnees: a « oui » or « non » typed next answers the prompt
    (a tester's « oui » answered the interview's question instead); any other text gets
    the question back, until a yes, a no, a button or a command."""

    confirm = State()


def owner_of(user_id: int) -> str:
    return f"telegram:{user_id}"


def identity_of(user: User) -> Identity:
    """The sender's names, for staff (the service keeps them; no Telegram type leaves here)."""
    return Identity(user.first_name, user.last_name, user.username)


def event_id_of(update: Update) -> str:
    return f"tg:{update.update_id}"


def click_to_answer_at_once(update: dict[str, Any]) -> str | None:
    """The callback query id of a click on an interview answer in a private chat, which
    `answer_click` answers blank first thing (`bot.webhook` answers it in its HTTP response
    instead); None for any other update. The questions' feedback buttons share the prefix
    but answer with a text: not those."""
    query = update.get("callback_query")
    if not isinstance(query, dict) or not isinstance(query.get("id"), str):
        return None
    message = query.get("message")
    chat = message.get("chat") if isinstance(message, dict) else None
    if not isinstance(chat, dict) or chat.get("type") != "private":
        return None
    parsed = parse_answer_data(str(query.get("data") or ""))
    if parsed is None or parsed[0] == FEEDBACK_KEY:
        return None
    return str(query["id"])


def interview_router(section_commands: Mapping[str, str]) -> Router:
    """The interview's handlers; `section_commands` are the call form's shortcuts
    (command name → section id: /organisation, /budget…)."""
    router = Router(name="interview")
    router.message.filter(F.chat.type == "private", F.from_user)
    router.callback_query.filter(F.message.chat.type == "private")

    async def engine_command(
        message: Message,
        service: InterviewService,
        bot: Bot,
        update: Update,
        name: CommandName,
        in_hand: UpdateInHand | None,
    ) -> None:
        assert message.from_user is not None
        owner = owner_of(message.from_user.id)
        reply = await asyncio.to_thread(
            service.handle,
            owner,
            EngineCommand(name),
            chat_id=message.chat.id,
            event_id=event_id_of(update),
            identity=identity_of(message.from_user),
        )
        await send_reply(bot, message.chat.id, reply, service=service, owner=owner, in_hand=in_hand)

    @router.message(CommandStart())
    async def start(
        message: Message,
        service: InterviewService,
        bot: Bot,
        event_update: Update,
        in_hand: UpdateInHand | None = None,
    ) -> None:
        # A deep-link payload (/start xyz) is tolerated and ignored.
        await engine_command(message, service, bot, event_update, "start", in_hand)

    @router.message(Command("recapitulatif"))
    async def review(
        message: Message,
        service: InterviewService,
        bot: Bot,
        event_update: Update,
        in_hand: UpdateInHand | None = None,
    ) -> None:
        await engine_command(message, service, bot, event_update, "review", in_hand)

    @router.message(Command(*section_commands))
    async def section(
        message: Message,
        command: CommandObject,
        service: InterviewService,
        bot: Bot,
        event_update: Update,
    ) -> None:
        assert message.from_user is not None
        owner = owner_of(message.from_user.id)
        reply = await asyncio.to_thread(
            service.handle,
            owner,
            EngineCommand("section", section=section_commands[command.command.lower()]),
            chat_id=message.chat.id,
            event_id=event_id_of(event_update),
            identity=identity_of(message.from_user),
        )
        await send_reply(bot, message.chat.id, reply, service=service, owner=owner)

    @router.message(Command("annuler"))
    async def cancel(
        message: Message,
        service: InterviewService,
        bot: Bot,
        event_update: Update,
        in_hand: UpdateInHand | None = None,
    ) -> None:
        await engine_command(message, service, bot, event_update, "cancel", in_hand)

    @router.message(Command("nouveau"))
    async def new(
        message: Message, service: InterviewService, bot: Bot, event_update: Update
    ) -> None:
        assert message.from_user is not None
        owner = owner_of(message.from_user.id)
        reply = await asyncio.to_thread(
            service.new_dossier,
            owner,
            chat_id=message.chat.id,
            event_id=event_id_of(event_update),
            identity=identity_of(message.from_user),
        )
        await send_reply(bot, message.chat.id, reply, service=service, owner=owner)

    @router.message(Command("dossier", "dossiers", "reprendre"))
    async def dossiers(
        message: Message, command: CommandObject, service: InterviewService, bot: Bot
    ) -> None:
        assert message.from_user is not None
        owner = owner_of(message.from_user.id)
        number = parse_reference(command.args or "")
        if number is not None:
            reply = await asyncio.to_thread(service.resume, owner, number)
            await send_reply(bot, message.chat.id, reply, service=service, owner=owner)
            return
        listing = await asyncio.to_thread(service.dossiers_message, owner)
        overviews, _active = await asyncio.to_thread(service.list_dossiers, owner)
        await send_reply(bot, message.chat.id, listing)
        if overviews:
            buttons = [
                [
                    InlineKeyboardButton(
                        text=text("resume_button", number=o.id),
                        callback_data=f"{RESUME_PREFIX}{o.id}",
                    )
                ]
                for o in overviews[-10:]
            ]
            await bot.send_message(
                message.chat.id,
                text("dossier_usage"),
                reply_markup=InlineKeyboardMarkup(inline_keyboard=buttons),
            )

    @router.message(Command("dupliquer"))
    async def duplicate(
        message: Message,
        command: CommandObject,
        service: InterviewService,
        bot: Bot,
        state: FSMContext,
        event_update: Update,
    ) -> None:
        assert message.from_user is not None
        owner = owner_of(message.from_user.id)
        number = parse_reference(command.args or "")
        if number is not None:
            reply = await asyncio.to_thread(
                service.duplicate, owner, number, event_id=event_id_of(event_update)
            )
            await send_reply(bot, message.chat.id, reply, service=service, owner=owner)
            return
        # Without a number: which dossier (a button each), or « Oui » / « Non » for the only one;
        # a text typed next answers it (`duplicate_typed`).
        offer = await asyncio.to_thread(service.duplicate_offer, owner)
        sent = await bot.send_message(
            message.chat.id, offer.message.html, reply_markup=_duplicate_buttons(offer)
        )
        if offer.numbers:
            await state.set_state(Duplicating.choose)
            await state.set_data({DUPLICATE_PROMPT: sent.message_id})

    @router.message(Duplicating.choose, F.text)
    async def duplicate_typed(
        message: Message,
        service: InterviewService,
        bot: Bot,
        state: FSMContext,
        event_update: Update,
    ) -> None:
        """A text typed under `/dupliquer`'s question: a yes, a no or a dossier's number
        answers it (`duplicate_answer`); anything else gets the question back, with its
        buttons moved to it. A command leaves it (`bot.handlers.questions`)."""
        assert message.from_user is not None and message.text is not None
        owner = owner_of(message.from_user.id)
        prompt = (await state.get_data()).get(DUPLICATE_PROMPT)
        offer = await asyncio.to_thread(service.duplicate_offer, owner)
        if not offer.listed:  # no dossier left to duplicate: the text is the interview's
            await state.clear()
            raise SkipHandler
        if isinstance(prompt, int):  # one live prompt: the new one, or none once answered
            await set_keyboard(bot, message.chat.id, prompt, None)
        answer = duplicate_answer(message.text, offer)
        if answer is None:
            again = duplicate_ask_again(offer, message.text)
            sent = await bot.send_message(
                message.chat.id, again.html, reply_markup=_duplicate_buttons(offer)
            )
            await state.update_data({DUPLICATE_PROMPT: sent.message_id})
            return
        await state.clear()
        await _duplicate_or_not(
            bot, message.chat.id, owner, answer, service, event_id_of(event_update)
        )

    @router.callback_query(F.data.startswith(DUPLICATE_PREFIX))
    async def duplicate_click(
        query: CallbackQuery,
        service: InterviewService,
        bot: Bot,
        state: FSMContext,
        event_update: Update,
    ) -> None:
        """A button under `/dupliquer`'s question: that dossier duplicated (a click
        delivered twice duplicates once: the update's id), or « Non »: nothing done."""
        await query.answer()
        if query.message is None:
            return
        chat_id = query.message.chat.id
        await set_keyboard(bot, chat_id, query.message.message_id, None)
        if await state.get_state() == Duplicating.choose.state:  # answered: no longer waits
            await state.clear()
        owner = owner_of(query.from_user.id)
        answer: int | Literal["none"] | None = "none"
        if query.data != DUPLICATE_NO:
            answer = parse_reference((query.data or "").removeprefix(DUPLICATE_PREFIX))
        if answer is not None:
            event_id = event_id_of(event_update)
            await _duplicate_or_not(bot, chat_id, owner, answer, service, event_id)

    @router.message(Command("brouillon"))
    async def draft(message: Message, service: InterviewService, bot: Bot) -> None:
        assert message.from_user is not None
        from_user = message.from_user
        owner = owner_of(from_user.id)

        def generate() -> Reply:
            active = service.show(
                owner, chat_id=message.chat.id, identity=identity_of(from_user)
            ).dossier_id
            files, messages = service.generate_draft(owner, active or 0)
            return Reply(messages, files=files, dossier_id=active)

        await bot.send_chat_action(message.chat.id, "upload_document")
        reply = await asyncio.to_thread(generate)
        await send_reply(bot, message.chat.id, reply)

    @router.message(Command("mes_donnees"))
    async def my_data(message: Message, service: InterviewService, bot: Bot) -> None:
        assert message.from_user is not None
        document = await asyncio.to_thread(
            service.export_owner_data, owner_of(message.from_user.id)
        )
        await bot.send_chat_action(message.chat.id, "upload_document")
        await bot.send_document(
            message.chat.id,
            BufferedInputFile(document.encode("utf-8"), filename="mes-donnees.json"),
            caption=text("export_caption"),
        )

    @router.message(Command(ERASURE_COMMAND))
    async def delete_ask(message: Message, bot: Bot, state: FSMContext) -> None:
        paused: Any = await state.get_state()
        paused_data: Any = await state.get_data()
        if paused == Erasing.confirm.state:  # the command again: keep what the first paused
            paused, paused_data = paused_data.get(PAUSED_STATE), paused_data.get(PAUSED_DATA)
        sent = await bot.send_message(
            message.chat.id, text("delete_confirm"), reply_markup=_erasure_buttons()
        )
        await state.set_state(Erasing.confirm)
        await state.set_data(
            {ERASURE_PROMPT: sent.message_id, PAUSED_STATE: paused, PAUSED_DATA: paused_data}
        )

    @router.message(Erasing.confirm, F.text)
    async def delete_typed(
        message: Message, bot: Bot, state: FSMContext, service: InterviewService, desk: StaffDesk
    ) -> None:
        """A yes or no typed right after the prompt (the next message of the chat) answers
        it; anything else, or later, gets the question back (with the buttons, moved to it)
        and what the prompt paused waits on (`erasure_answer`). A command leaves the
        prompt (`bot.handlers.questions`)."""
        assert message.from_user is not None and message.text is not None
        prompt = (await state.get_data()).get(ERASURE_PROMPT)
        confirmed = erasure_answer(message.text, message_id=message.message_id, prompt_id=prompt)
        if confirmed is None:
            if isinstance(prompt, int):  # one live prompt: the new one
                await set_keyboard(bot, message.chat.id, prompt, None)
            again = text("delete_ask_again", typed=message.text)
            sent = await bot.send_message(message.chat.id, again, reply_markup=_erasure_buttons())
            await state.update_data({ERASURE_PROMPT: sent.message_id})
            return
        assert isinstance(prompt, int)
        await set_keyboard(bot, message.chat.id, prompt, None)
        await _erase_or_keep(
            bot, message.chat.id, message.from_user.id, confirmed, service, state, desk
        )

    @router.message(F.text)
    async def answer_text(
        message: Message,
        service: InterviewService,
        bot: Bot,
        event_update: Update,
        desk: StaffDesk,
        in_hand: UpdateInHand | None = None,
    ) -> None:
        """A text for the interview. Words it lets go of for the team (`Reply.team_follow_up`:
        a button's number typed, as « 1 » for « Pour l’équipe : suite de la question n° 3 »)
        are handed to the team first, as after the touch of that button."""
        assert message.from_user is not None and message.text is not None
        owner = owner_of(message.from_user.id)
        reply = await asyncio.to_thread(
            service.handle,
            owner,
            Text(message.text),
            chat_id=message.chat.id,
            event_id=event_id_of(event_update),
            message_id=message.message_id,  # the question it answers: the last one before
            received=event_update.update_id,  # … delivered before this text came in
            identity=identity_of(message.from_user),
        )
        follow = reply.team_follow_up
        if follow is not None:
            await desk.hand_over(bot, message.chat.id, owner, follow.ticket_id, follow.text)
        await send_reply(bot, message.chat.id, reply, service=service, owner=owner, in_hand=in_hand)

    # -- buttons -------------------------------------------------------------------------------

    @router.callback_query(F.data.startswith("a|"))
    async def answer_click(
        query: CallbackQuery,
        service: InterviewService,
        bot: Bot,
        event_update: Update,
        in_hand: UpdateInHand | None = None,
    ) -> None:
        if in_hand is None or not in_hand.callback_answered:
            await query.answer()  # at once: the client shows a spinner until then
        parsed = parse_answer_data(query.data or "")
        if parsed is None or query.message is None:
            return
        key, choice = parsed
        chat_id, message_id = query.message.chat.id, query.message.message_id
        owner = owner_of(query.from_user.id)
        reply = await asyncio.to_thread(
            service.handle,
            owner,
            Choose(key, choice),
            chat_id=chat_id,
            event_id=event_id_of(event_update),
            identity=identity_of(query.from_user),
        )
        toggled = _toggled_prompt(reply.messages, key, choice)
        if toggled is not None:
            await set_keyboard(bot, chat_id, message_id, keyboard(toggled))
            return
        if choice == NAV_HELP or reply.below:  # below the question, its words stay in view
            await send_reply(bot, chat_id, reply, service=service, owner=owner, in_hand=in_hand)
            return
        label, question = None, None
        if reply.accepted is not None and isinstance(query.message, Message):
            label = chosen_label(query.message.reply_markup, query.data or "")
            question = query.message.html_text
        clicked = Clicked(message_id, question, label)
        await send_reply(
            bot, chat_id, reply, service=service, owner=owner, clicked=clicked, in_hand=in_hand
        )

    @router.callback_query(F.data.startswith(RESUME_PREFIX))
    async def resume_click(query: CallbackQuery, service: InterviewService, bot: Bot) -> None:
        await query.answer()
        number = parse_reference((query.data or "").removeprefix(RESUME_PREFIX))
        if query.message is None or number is None:
            return
        chat_id = query.message.chat.id
        await set_keyboard(bot, chat_id, query.message.message_id, None)
        owner = owner_of(query.from_user.id)
        reply = await asyncio.to_thread(service.resume, owner, number)
        await send_reply(bot, chat_id, reply, service=service, owner=owner)

    @router.callback_query(F.data.in_({DELETE_YES, DELETE_NO}))
    async def delete_click(
        query: CallbackQuery,
        service: InterviewService,
        bot: Bot,
        state: FSMContext,
        desk: StaffDesk,
    ) -> None:
        await query.answer()
        if query.message is None:
            return
        chat_id = query.message.chat.id
        await set_keyboard(bot, chat_id, query.message.message_id, None)
        confirmed = query.data == DELETE_YES
        await _erase_or_keep(bot, chat_id, query.from_user.id, confirmed, service, state, desk)

    return router


def _duplicate_buttons(offer: DuplicateOffer) -> InlineKeyboardMarkup | None:
    """`/dupliquer`'s buttons: « Oui » / « Non » for the only dossier, else one per dossier
    offered; none when there is nothing to duplicate."""
    if offer.confirm:
        number = offer.numbers[0]
        rows = [
            [
                InlineKeyboardButton(
                    text=text("duplicate_yes", number=number),
                    callback_data=f"{DUPLICATE_PREFIX}{number}",
                ),
                InlineKeyboardButton(text=text("duplicate_no"), callback_data=DUPLICATE_NO),
            ]
        ]
    else:
        rows = [
            [
                InlineKeyboardButton(
                    text=text("duplicate_button", number=n),
                    callback_data=f"{DUPLICATE_PREFIX}{n}",
                )
            ]
            for n in offer.numbers
        ]
    return InlineKeyboardMarkup(inline_keyboard=rows) if rows else None


async def _duplicate_or_not(
    bot: Bot,
    chat_id: int,
    owner: str,
    answer: int | Literal["none"],
    service: InterviewService,
    event_id: str,
) -> None:
    """`/dupliquer`'s question answered, by a button or typed: that dossier duplicated, or
    nothing done and the dossier in progress shown again."""
    if answer == "none":
        await bot.send_message(chat_id, text("duplicate_cancelled"))
        reply = await asyncio.to_thread(service.show, owner, chat_id=chat_id)
    else:
        reply = await asyncio.to_thread(service.duplicate, owner, answer, event_id=event_id)
    await send_reply(bot, chat_id, reply, service=service, owner=owner)


async def ask_waiting_prompt_again(
    bot: Bot, chat_id: int, user_id: int, note: str, service: InterviewService, state: FSMContext
) -> bool:
    """Something that is not a text (a photo, a sticker…) sent while the erasure's or
    `/dupliquer`'s question waits: `note` (what was not read), then that question again with
    its buttons, moved to it, and it waits on (a « non » next still answers it). A tester's
    photo there got the interview's question instead, and their « non » was then refused.
    False when no such question waits."""
    waiting = await state.get_state()
    if waiting not in (Erasing.confirm.state, Duplicating.choose.state):
        return False
    key = ERASURE_PROMPT if waiting == Erasing.confirm.state else DUPLICATE_PROMPT
    prompt = (await state.get_data()).get(key)
    if isinstance(prompt, int):
        await set_keyboard(bot, chat_id, prompt, None)
    markup: InlineKeyboardMarkup | None = _erasure_buttons()
    html = text("delete_confirm")
    if waiting == Duplicating.choose.state:
        offer = await asyncio.to_thread(service.duplicate_offer, owner_of(user_id))
        html, markup = offer.message.html, _duplicate_buttons(offer)
        if not offer.numbers:  # nothing left to duplicate: the question is over
            await state.clear()
    await bot.send_message(chat_id, note)
    sent = await bot.send_message(chat_id, html, reply_markup=markup)
    if await state.get_state() is not None:
        await state.update_data({key: sent.message_id})
    return True


def _erasure_buttons() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [InlineKeyboardButton(text=text("delete_yes"), callback_data=DELETE_YES)],
            [InlineKeyboardButton(text=text("delete_no"), callback_data=DELETE_NO)],
        ]
    )


async def _erase_or_keep(
    bot: Bot,
    chat_id: int,
    user_id: int,
    confirmed: bool,
    service: InterviewService,
    state: FSMContext,
    desk: StaffDesk,
) -> None:
    """The erasure's prompt answered, by a button or typed."""
    if not confirmed:
        if await state.get_state() == Erasing.confirm.state:
            await _resume_paused(state)
        await bot.send_message(chat_id, text("delete_cancelled"))
        return
    await state.clear()  # the adapter's own conversation state goes too
    erasure = await asyncio.to_thread(service.delete_owner_data, owner_of(user_id))
    desk.clean_erased_soon(bot)  # their posts and topic in the staff chat
    await bot.send_message(
        chat_id, render_macro("messages/service.html.j2", "data_deleted", count=erasure.dossiers)
    )
    await desk.faq_removed(bot, erasure.faq_removed)


async def _resume_paused(state: FSMContext) -> None:
    """Erasure cancelled: the wait it interrupted (« Répondre à l’équipe » pressed, then
    /supprimer_mes_donnees) is back, so the next message still goes to the team."""
    data = await state.get_data()
    paused, paused_data = data.get(PAUSED_STATE), data.get(PAUSED_DATA)
    await state.clear()
    if isinstance(paused, str):
        await state.set_state(paused)
        await state.set_data(paused_data if isinstance(paused_data, dict) else {})


def _toggled_prompt(messages: list[EngineMessage], key: str, choice: str) -> EngineMessage | None:
    """The redrawn prompt when a click only toggled a multi-choice option, else None."""
    if choice in _NAV or len(messages) != 1:
        return None
    message = messages[0]
    return message if message.multi and message.key == key else None


__all__ = [
    "ask_waiting_prompt_again",
    "identity_of",
    "interview_router",
    "owner_of",
    "send_messages",
]
