"""The staff group's side of the relay: tickets posted there, staff replies copied back.

`StaffDesk` posts a ticket's messages to the staff chat (`STAFF_CHAT_ID`). When that chat is
a forum (getChat says `is_forum`; if getChat fails, the first createForumTopic tells), each
applicant gets one topic, "Organisme — Prénom Nom" (renamed when the organisation becomes
known), and all their tickets go there; a topic deleted by an admin ("message thread not
found") is created again and the post retried. Otherwise each post carries its ticket's
number and follow-ups reply to the ticket's previous message. No lock is held across these
calls: one applicant's updates run one at a time (`bot.processing`), so their topic is
created once, and a slow topic creation for one applicant never delays another's ticket.

After an erasure, `clean_erased` replaces the text of the bot's posts about the applicant and
renames and closes their topic (retried at the next start if Telegram fails meanwhile).

The router: what staff write in their group stays among them unless it is meant for the
applicant (`SupportService.addressee`): a reply to the bot's post of the applicant's words,
or `/repondre TEXTE` (in the applicant's topic or in reply to a ticket message; `/repondre N
TEXTE` anywhere in the group). That is copied to the applicant ("Réponse de l'équipe du
Département : …", nothing but the text they wrote); a 👌 reaction on the staff message says
it arrived, a note says when it did not (blocked bot, erased data, failure).
A closed ticket takes no answer (`SupportService.staff_reply` refuses it, as for the web
console): staff are told it is closed and that it opens again when the applicant writes.
`/clore` (in reply to a ticket message, in the topic, or `/clore N`) closes a ticket and
tells the applicant (about a ticket nobody answered, or a team's exchange the applicant
replied last in, it asks "Confirmer" / "Annuler" first); `/faq` in reply to a staff answer
publishes it in the FAQ (`/faq Peut-on … ?` again on an answer already there rewords that
entry's question);
`/faq_liste` lists the FAQ's entries, `/faq_modifier N texte` changes one's answer,
`/faq_question N texte` rewords its question as applicants read it, and
`/faq_supprimer N` removes one. `/ecrire N TEXTE` (N: a dossier's number) writes first
to that dossier's applicant: a ticket opened by staff, its message delivered as answers are
(with « Répondre à l'équipe »), staff told to whom it went and the ticket that follows the
exchange; while that exchange is not closed, another `/ecrire` about the dossier goes on in
it (staff told « Ajouté à l'échange n° X »). Anyone who is not staff gets a refusal and no
data. A staff reply about an applicant who erased their data gets a note saying so (nothing
is relayed).
"""

from __future__ import annotations

import asyncio
import html
import logging
from collections.abc import Callable

from aiogram import Bot, F, Router
from aiogram.dispatcher.event.bases import SkipHandler
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramMigrateToChat,
)
from aiogram.filters import Command, CommandObject
from aiogram.filters.callback_data import CallbackData
from aiogram.types import (
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    ReactionTypeEmoji,
    ReplyParameters,
)

from bot.filters import StaffAccess, is_staff_event, staff_chat_only
from bot.output import send_messages
from bot.render import answer_data, split_html
from bot.staff_posts import blank, quietly
from dialogs.support import (
    FEEDBACK_KEY,
    FOLLOW_UP,
    MAX_FAQ_QUESTION,
    MAX_QUESTION,
    MAX_STAFF_MESSAGE,
    SUPPORT,
    AnswerRefused,
    Closing,
    FaqEdit,
    Posting,
    Relay,
    StaffWords,
    SupportService,
    TicketView,
    applicant_chat_id,
)
from dialogs.texts import render_macro
from dialogs.validation import parse_reference

log = logging.getLogger(__name__)

THREAD_NOT_FOUND = "thread not found"
RELAY_COMMAND = "repondre"
WRITE_COMMAND = "ecrire"
#: The reaction that tells staff their answer reached the applicant. "✅" is not among the
#: emoji Telegram lets bots react with (ReactionTypeEmoji): 👌 is.
DELIVERED = "👌"
POST_RECORD_WAITS, POST_RECORD_WAIT = 4, 0.5
NOT_A_FORUM = "not a forum"


def support_text(macro: str, **context: object) -> str:
    return render_macro(SUPPORT, macro, **context)


def applicant_chat(ticket: TicketView) -> int | None:
    """Where the applicant reads the bot (their private chat: its id is their user id)."""
    return applicant_chat_id(ticket.owner, ticket.chat_id)


class StaffDesk:
    """Posts ticket messages to the staff chat, one forum topic per applicant if it can."""

    def __init__(self, support: SupportService, access: StaffAccess) -> None:
        self.support = support
        self.access = access
        self._forum: dict[int, bool] = {}
        self._cleaning: asyncio.Task[None] | None = None

    @property
    def chat_id(self) -> int | None:
        return self.access.chat_id

    async def post(self, bot: Bot, posting: Posting) -> int | None:
        """Post a ticket message (the question or a follow-up); returns its message id in
        the staff chat, None when the staff chat is not configured. A staff group that
        became a supergroup is followed (and remembered) on the way."""
        chat_id = self.chat_id
        if chat_id is None:
            return None
        try:
            return await self._post(bot, chat_id, posting)
        except TelegramMigrateToChat as error:
            if not self.access.migrate(chat_id, error.migrate_to_chat_id):
                raise
            return await self._post(bot, error.migrate_to_chat_id, posting)

    async def _post(self, bot: Bot, chat_id: int, posting: Posting) -> int:
        macro = "staff_follow_up" if posting.reply_to is not None else "staff_ticket"
        html = support_text(macro, ticket=posting.ticket, text=posting.text, posting=posting)
        sent = await self._in_topic(bot, chat_id, posting.ticket, html, posting.reply_to)
        await asyncio.to_thread(
            self.support.posted, posting.message_id, chat_id=chat_id, staff_message_id=sent
        )
        return sent

    async def hand_over(
        self, bot: Bot, chat_id: int, owner: str, ticket_id: int, text: str
    ) -> None:
        """`text` goes to the team on ticket `ticket_id` (recorded, then posted in the staff
        group), and the applicant is told; or why not. Whatever brought the words: a reply to
        the team's answer, « Répondre à l’équipe », or the interview letting go of them
        (`Reply.team_follow_up`: its button touched, or its number typed)."""
        posting = await asyncio.to_thread(self.support.follow_up, owner, ticket_id, text)
        if posting is None:
            await bot.send_message(chat_id, support_text("unknown_question"))
            return
        try:
            await self.post(bot, posting)
        except TelegramAPIError as error:
            # The words are on the ticket (the console and /tickets show them): say so.
            log.warning("ticket %d: follow-up not posted (%s)", ticket_id, type(error).__name__)
            await send_messages(bot, chat_id, self.support.follow_up_recorded(posting))
            return
        await send_messages(bot, chat_id, self.support.follow_up_sent(posting))

    async def _in_topic(
        self, bot: Bot, chat_id: int, ticket: TicketView, html: str, reply_to: int | None
    ) -> int:
        """Send `html` in the applicant's topic (made again if an admin deleted it)."""
        thread = await self._topic(bot, chat_id, ticket)
        try:
            return await self._send(bot, chat_id, html, thread, reply_to)
        except TelegramBadRequest as error:
            if thread is None or THREAD_NOT_FOUND not in error.message.lower():
                raise
            log.info("ticket %d: the applicant's topic was deleted, creating it again", ticket.id)
            thread = await self._topic(bot, chat_id, ticket, recreate=True)
            return await self._send(bot, chat_id, html, thread, None)

    async def console_note(
        self,
        bot: Bot,
        ticket: TicketView,
        html: str,
        *,
        answer: int | None = None,
        relays: bool = False,
    ) -> int | None:
        """Tell the staff group what was done to a ticket in the web console (an answer, a
        closing), in the applicant's topic under the ticket's latest post, so that
        colleagues reading the group never take an answered question for a waiting one.
        With `answer` (the staff answer's ticket message), the note is recorded as that
        answer's post: `/faq` in reply to it publishes it, as for an answer typed in the
        group. With `relays` (a delivery note, which says so), a staff reply to the note is
        for the applicant; any other note (a closing's) takes none. Returns the note's
        message id; None without a staff chat or when Telegram refused it (only logged: the
        applicant already has the answer)."""
        chat_id = self.chat_id
        if chat_id is None:
            return None
        messages = await asyncio.to_thread(self.support.thread, ticket.id)
        in_group = [m for m in messages if m.staff_chat_id == chat_id and m.staff_message_id]
        posts = [m.staff_message_id for m in in_group if m.author == "applicant"]
        # No word of the applicant's yet (the team wrote first, twice): under the team's
        # latest post of that exchange, so that the group reads it as one thread.
        posts = posts or [m.staff_message_id for m in in_group]
        try:
            sent = await self._in_topic(bot, chat_id, ticket, html, posts[-1] if posts else None)
        except TelegramAPIError as error:
            log.warning("ticket %d: console note not posted (%s)", ticket.id, error.message)
            return None
        if answer is not None:
            await asyncio.to_thread(
                self.support.posted, answer, chat_id=chat_id, staff_message_id=sent
            )
        if relays:  # a reply to it is for the applicant, as to their question's post
            await asyncio.to_thread(
                self.support.note_posted, ticket.id, chat_id=chat_id, message_id=sent
            )
        return sent

    async def _send(
        self, bot: Bot, chat_id: int, html: str, thread: int | None, reply_to: int | None
    ) -> int:
        reply = (
            ReplyParameters(message_id=reply_to, allow_sending_without_reply=True)
            if reply_to is not None
            else None
        )
        last = 0
        for part in split_html(html):
            sent = await bot.send_message(
                chat_id, part, message_thread_id=thread, reply_parameters=reply
            )
            last, reply = sent.message_id, None
        return last

    async def is_forum(self, bot: Bot, chat_id: int) -> bool | None:
        """Whether the staff chat has topics (None: unknown, getChat failed)."""
        if chat_id not in self._forum:
            try:
                chat = await bot.get_chat(chat_id)
            except Exception as error:  # an error page as well as a refusal: unknown
                log.warning("staff chat: getChat failed (%s)", type(error).__name__)
                return None
            self._forum[chat_id] = bool(chat.is_forum)
        return self._forum[chat_id]

    async def _topic(
        self, bot: Bot, chat_id: int, ticket: TicketView, *, recreate: bool = False
    ) -> int | None:
        """The applicant's topic (created on their first ticket), None without a forum."""
        if await self.is_forum(bot, chat_id) is False:
            return None
        # A topic's name is plain text: the template's HTML escaping is undone.
        name = html.unescape(support_text("topic_name", ticket=ticket))[:128]
        if not recreate:
            known = await asyncio.to_thread(self.support.staff_topic, chat_id, ticket.owner)
            if known is not None:
                await self._rename(bot, chat_id, known, ticket.owner, name)
                return known
        try:
            topic = await bot.create_forum_topic(chat_id, name)
        except TelegramBadRequest as error:
            if NOT_A_FORUM in error.message.lower():
                self._forum[chat_id] = False
            else:
                log.warning("staff chat: createForumTopic failed (%s)", error.message)
            return None
        self._forum[chat_id] = True
        await asyncio.to_thread(
            self.support.set_staff_topic, chat_id, ticket.owner, topic.message_thread_id, name
        )
        return topic.message_thread_id

    async def _rename(self, bot: Bot, chat_id: int, thread: int, owner: str, name: str) -> None:
        """The topic takes the name it would get now ("Dossier n° 3" becomes "Inser'Réseau
        62 — Marie Dupont" once the organisation is known); a refusal leaves it as it is."""
        before = await asyncio.to_thread(self.support.staff_topic_name, chat_id, owner)
        if before == name:
            return
        try:
            await bot.edit_forum_topic(chat_id, thread, name=name)
        except TelegramAPIError as error:  # tried again with the next post
            if "not_modified" not in error.message.lower():
                log.info("staff topic not renamed (%s)", error.message)
                return
        await asyncio.to_thread(self.support.set_staff_topic, chat_id, owner, thread, name)

    # -- after an erasure ----------------------------------------------------------------------
    async def faq_removed(self, bot: Bot, numbers: tuple[int, ...]) -> None:
        """Tell the team which FAQ entries an erasure took away (their answers disappeared
        from `/faq_liste` and the console without a word); the console's Journal says it
        too. A send that fails is logged: the Journal keeps the record."""
        chat_id = self.chat_id
        if chat_id is None:
            return
        for number in numbers:
            try:
                await bot.send_message(chat_id, support_text("faq_erased", number=number))
            except TelegramAPIError as error:
                log.warning("FAQ removal not told to the team (%s)", error.message)

    def clean_erased_soon(self, bot: Bot) -> None:
        """`clean_erased` in the background (the staff group's rate limit may make it slow)."""
        if self._cleaning is None or self._cleaning.done():
            self._cleaning = asyncio.create_task(self.clean_erased(bot))

    async def clean_erased(self, bot: Bot) -> None:
        """Blank out what the staff chat shows of erased applicants: the bot's posts of
        their words get a note instead, their topic is renamed and closed. What fails is
        tried again at the next call (each start makes one)."""
        try:
            posts = await asyncio.to_thread(self.support.erased_posts_to_clean)
        except Exception as error:
            log.warning("erasure clean-up: not read (%s)", type(error).__name__)
            return
        for post in posts:
            try:
                if post.message_id is not None:
                    await blank(bot, post.chat_id, post.message_id, post.kind)
                if post.thread_id is not None:
                    name = html.unescape(support_text("topic_erased"))
                    await quietly(bot.edit_forum_topic(post.chat_id, post.thread_id, name=name))
                    await quietly(bot.close_forum_topic(post.chat_id, post.thread_id))
                await asyncio.to_thread(self.support.erased_post_cleaned, post.id)
            except Exception as error:
                log.warning("erasure clean-up: left for later (%s)", type(error).__name__)
                return


def officer_name(message: Message) -> str | None:
    """The officer's name as Telegram gives it (« Claire Martin »), kept with their answer
    for the console; None when the message has no sender (an anonymous group admin)."""
    user = message.from_user
    return None if user is None or user.full_name.strip() == "" else user.full_name.strip()


async def notify_staff(
    bot: Bot, message: Message, html: str, *, markup: InlineKeyboardMarkup | None = None
) -> Message:
    """A note in the staff chat, under the staff message it is about (same topic)."""
    return await bot.send_message(
        message.chat.id,
        html,
        message_thread_id=message.message_thread_id if message.is_topic_message else None,
        reply_parameters=ReplyParameters(
            message_id=message.message_id, allow_sending_without_reply=True
        ),
        reply_markup=markup,
    )


class CloseTicket(CallbackData, prefix="clore"):
    """The buttons under "Clore la question n° N ?" (`/clore` on a ticket nobody answered):
    `seen`, the ticket's latest message when asked (`Closing.seen`), to which a confirmation
    is bound (`dialogs.closing.confirmation_holds`)."""

    ticket: int
    confirm: bool
    seen: int | None = None


def _confirm_markup(*buttons: tuple[str, CallbackData]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [InlineKeyboardButton(text=label, callback_data=data.pack()) for label, data in buttons]
        ]
    )


async def deliver_answer(bot: Bot, support: SupportService, relay: Relay) -> str:
    """Copy a staff answer to the applicant; "ok", "blocked" or "failed"."""
    chat_id = applicant_chat(relay.ticket)
    if chat_id is None:
        return "failed"
    markup = InlineKeyboardMarkup(
        inline_keyboard=[
            [
                InlineKeyboardButton(
                    text=support_text("follow_up_button"),
                    callback_data=answer_data(FEEDBACK_KEY, f"{FOLLOW_UP}{relay.ticket.id}"),
                )
            ]
        ]
    )
    parts = split_html(support_text("staff_answer", ticket=relay.ticket, text=relay.text))
    try:
        sent_id = 0
        for index, part in enumerate(parts):
            last = index == len(parts) - 1
            sent = await bot.send_message(chat_id, part, reply_markup=markup if last else None)
            sent_id = sent.message_id
    except TelegramForbiddenError:
        return "blocked"
    except TelegramAPIError as error:  # a refused request, or the network: staff are told
        log.warning("ticket %d: answer not delivered (%s)", relay.ticket.id, error.message)
        return "failed"
    await asyncio.to_thread(support.reply_delivered, relay, sent_id)
    return "ok"


async def tell_applicant_closed(bot: Bot, ticket: TicketView) -> str:
    """Tell the applicant their ticket is closed: "ok", "blocked" or "failed"."""
    chat_id = applicant_chat(ticket)
    if chat_id is None:
        return "failed"
    try:
        await bot.send_message(chat_id, support_text("ticket_closed_applicant", ticket=ticket))
    except TelegramForbiddenError:
        return "blocked"
    except TelegramAPIError as error:
        log.warning("ticket %d: closing not told (%s)", ticket.id, error.message)
        return "failed"
    return "ok"


def staff_relay_router(support: SupportService, access: StaffAccess) -> Router:
    router = Router(name="staff_relay")

    async def ticket_of(message: Message) -> int | None:
        """The ticket a staff command is about: the ticket message it replies to, else the
        applicant's topic it is written in (their latest ticket in progress)."""
        chat_id = message.chat.id
        replied = _replied_to(message)
        if replied is not None:
            found = await asyncio.to_thread(support.staff_chat_message, chat_id, replied)
            if found is not None:
                return found.ticket_id
        if message.is_topic_message and message.message_thread_id is not None:
            return await asyncio.to_thread(
                support.ticket_of_topic, chat_id, message.message_thread_id
            )
        return None

    @router.message(Command("clore"))
    async def close(message: Message, command: CommandObject, bot: Bot) -> None:
        if not is_staff_event(access, message):
            await bot.send_message(message.chat.id, support_text("not_staff"))
            return
        typed = (command.args or "").strip()
        ticket_id = parse_reference(typed)
        if ticket_id is None and not typed and access.is_staff_chat(message.chat.id):
            ticket_id = await ticket_of(message)
        if ticket_id is None:  # "/clore abc", or nowhere a ticket is known: how to use it
            await notify_staff(bot, message, support_text("staff_close_usage"))
            return
        closing = await asyncio.to_thread(support.close, ticket_id)
        if closing is None:
            await notify_staff(bot, message, support_text("staff_unknown_ticket", number=ticket_id))
            return
        if closing is not None and closing.needs_confirmation:
            # a prompt: a reply to it is a colleague's remark, never relayed (not tied)
            await notify_staff(
                bot, message, closing_prompt(closing), markup=closing_buttons(closing)
            )
            return
        await notify_staff(bot, message, await closing_note(bot, closing, ticket_id))

    def closing_prompt(closing: Closing) -> str:
        return support_text(
            "staff_close_confirm",
            ticket=closing.ticket,
            waiting=closing.waiting,
            newer=closing.newer,
        )

    def closing_buttons(closing: Closing) -> InlineKeyboardMarkup:
        """« Confirmer la clôture » bound to the message the prompt warns about."""
        number, seen = closing.ticket.id, closing.seen
        return _confirm_markup(
            (
                support_text("close_confirm_button"),
                CloseTicket(ticket=number, confirm=True, seen=seen),
            ),
            (
                support_text("close_cancel_button"),
                CloseTicket(ticket=number, confirm=False, seen=seen),
            ),
        )

    async def closing_note(bot: Bot, closing: Closing | None, number: int) -> str:
        """What staff read once ticket `number` is closed (the applicant is told first)."""
        if closing is None:
            return support_text("staff_unknown_ticket", number=number)
        if closing.already_closed:
            return support_text("staff_already_closed", ticket=closing.ticket)
        told = await tell_applicant_closed(bot, closing.ticket)
        return support_text("staff_closed", ticket=closing.ticket, told=told)

    @router.callback_query(CloseTicket.filter())
    async def close_clicked(query: CallbackQuery, callback_data: CloseTicket, bot: Bot) -> None:
        if not is_staff_event(access, query):
            await query.answer(support_text("not_staff"), show_alert=True)
            return
        await query.answer()
        if callback_data.confirm:
            closing = await asyncio.to_thread(
                support.close, callback_data.ticket, confirmed=True, seen=callback_data.seen
            )
            if closing is not None and closing.already_closed:
                return  # a second click: the first one's note stays
            if closing is not None and closing.needs_confirmation:  # the applicant wrote since
                if isinstance(query.message, Message):
                    await quietly(
                        query.message.edit_text(
                            closing_prompt(closing), reply_markup=closing_buttons(closing)
                        )
                    )
                return
            note = await closing_note(bot, closing, callback_data.ticket)
        else:
            kept = await asyncio.to_thread(support.ticket, callback_data.ticket)
            note = support_text("staff_close_cancelled", number=callback_data.ticket, ticket=kept)
        if isinstance(query.message, Message):  # the question becomes the answer
            await quietly(query.message.edit_text(note, reply_markup=None))

    @router.message(Command("faq"))
    async def faq(message: Message, command: CommandObject, bot: Bot) -> None:
        if not is_staff_event(access, message):
            await bot.send_message(message.chat.id, support_text("not_staff"))
            return
        replied = message.reply_to_message
        added = (
            None
            if replied is None
            else await asyncio.to_thread(
                support.faq_from_staff_message,
                message.chat.id,
                replied.message_id,
                (command.args or "").strip(),  # the question reworded for everyone, if given
            )
        )
        if added is None:
            macro = "staff_faq_usage"
        elif added.problem is not None:
            macro = "staff_faq_question_too_long"
        elif added.already:
            macro = "staff_faq_reworded" if added.reworded else "staff_faq_already"
        else:
            macro = "staff_faq_added"
        entry, length = (None, 0) if added is None else (added.entry, added.length)
        html = support_text(macro, entry=entry, length=length, limit=MAX_FAQ_QUESTION)
        await notify_staff(bot, message, html)

    @router.message(Command("faq_liste"))
    async def faq_list(message: Message, bot: Bot) -> None:
        if not is_staff_event(access, message):
            await bot.send_message(message.chat.id, support_text("not_staff"))
            return
        listing = await asyncio.to_thread(support.faq_list_message)
        for part in split_html(listing.html):
            await notify_staff(bot, message, part)

    @router.message(Command("faq_supprimer"))
    async def faq_delete(message: Message, command: CommandObject, bot: Bot) -> None:
        if not is_staff_event(access, message):
            await bot.send_message(message.chat.id, support_text("not_staff"))
            return
        number = parse_reference(command.args or "")
        if number is None:
            await notify_staff(bot, message, support_text("staff_faq_delete_usage"))
            return
        entry = await asyncio.to_thread(support.delete_faq, number)
        macro = "staff_faq_unknown" if entry is None else "staff_faq_deleted"
        await notify_staff(bot, message, support_text(macro, entry=entry, number=number))

    async def edit_entry(
        message: Message,
        command: CommandObject,
        bot: Bot,
        edit: Callable[[int, str], FaqEdit],
        usage: str,
        done: str,
    ) -> None:
        """`/faq_modifier N texte`, `/faq_question N texte`: `edit` entry N with the text."""
        if not is_staff_event(access, message):
            await bot.send_message(message.chat.id, support_text("not_staff"))
            return
        number_text, _, text = (command.args or "").strip().partition(" ")
        number = parse_reference(number_text)
        if number is None or not text.strip():  # no number, or no new text
            await notify_staff(bot, message, support_text(usage))
            return
        edited = await asyncio.to_thread(edit, number, text)
        macro = {
            "unknown": "staff_faq_unknown",
            "too_long": "staff_faq_too_long",
            "question_too_long": "staff_faq_question_too_long",
        }.get(edited.problem or "", done)
        limit = MAX_FAQ_QUESTION if edited.problem == "question_too_long" else MAX_QUESTION
        html = support_text(
            macro, entry=edited.entry, number=number, limit=limit, length=edited.length
        )
        await notify_staff(bot, message, html)

    @router.message(Command("faq_question"))
    async def faq_question(message: Message, command: CommandObject, bot: Bot) -> None:
        await edit_entry(
            message,
            command,
            bot,
            support.reword_faq_question,
            "staff_faq_question_usage",
            "staff_faq_question_edited",
        )

    @router.message(Command("faq_modifier"))
    async def faq_edit(message: Message, command: CommandObject, bot: Bot) -> None:
        await edit_entry(
            message, command, bot, support.edit_faq, "staff_faq_edit_usage", "staff_faq_edited"
        )

    async def confirm(
        bot: Bot, message: Message, relay: Relay, outcome: str, *, by_number: bool = False
    ) -> None:
        """Tell the staff member what became of their answer: a reaction on their message
        when it was delivered (a short note if the group refuses reactions; with
        `by_number`, a note naming whom it reached as well), a note when it was not."""
        if outcome == "ok" and by_number:
            note = support_text("staff_reply_delivered_to", ticket=relay.ticket)
            await tell(bot, message, note, relay.ticket.id)
        if outcome == "ok":
            try:
                await bot.set_message_reaction(
                    message.chat.id, message.message_id, [ReactionTypeEmoji(emoji=DELIVERED)]
                )
                return
            except TelegramAPIError as error:
                log.info("ticket %d: no reaction (%s)", relay.ticket.id, error.message)
            if by_number:
                return  # its delivery note is there already
            # A delivery note, which says a reply to it is sent: tied to the ticket.
            note = support_text("staff_reply_delivered", ticket=relay.ticket)
            await tell(bot, message, note, relay.ticket.id)
            return
        macro = "staff_reply_blocked" if outcome == "blocked" else "staff_reply_failed"
        await tell(bot, message, support_text(macro, ticket=relay.ticket))

    async def tell(bot: Bot, message: Message, note: str, ticket: int | None = None) -> None:
        """`note` under `message`; with `ticket`, tied to it (a reply to it is for its
        applicant, `SupportService.note_posted`): only for a delivery note, which says so
        (« Répondez à ce message pour écrire au candidat »)."""
        try:
            sent = await notify_staff(bot, message, note)
        except TelegramBadRequest:  # their topic is closed: in the General topic
            sent = await bot.send_message(message.chat.id, note)
        if ticket is not None:
            await tied(ticket, sent)

    async def tied(ticket: int, sent: Message) -> None:
        """The bot's note `sent` is about `ticket`: a staff reply to it reaches its applicant
        (`dialogs.relay_rule`). Not recorded (the database down), the note still stands."""
        try:
            await asyncio.to_thread(
                support.note_posted, ticket, chat_id=sent.chat.id, message_id=sent.message_id
            )
        except Exception as error:
            log.warning("ticket %d: note not tied (%s)", ticket, type(error).__name__)

    async def answer(message: Message, bot: Bot, words: StaffWords) -> bool:
        """Relay a staff message if the rule says it is for the applicant (then staff
        learn whether it arrived); False when it stays among staff."""
        found = await asyncio.to_thread(support.addressee, words)
        for _ in range(POST_RECORD_WAITS):
            if found.verdict != "internal" or not _replies_to_the_bot(message, bot):
                break
            # A reply to one of the bot's posts may come before the post is recorded
            # (another applicant's update posts it): look again, shortly.
            await asyncio.sleep(POST_RECORD_WAIT)
            found = await asyncio.to_thread(support.addressee, words)
        if found.verdict == "internal":
            return False
        relay = (
            None
            if found.verdict != "relay" or found.ticket_id is None
            else await asyncio.to_thread(
                support.staff_reply,
                found.ticket_id,
                found.text,
                chat_id=message.chat.id,
                staff_message_id=message.message_id,
                staff_name=officer_name(message),
            )
        )
        if relay is None:
            verdict = "unknown_ticket" if found.verdict == "relay" else found.verdict
            note = support_text(f"staff_relay_{verdict}", number=found.ticket_id)
            await tell(bot, message, note)
            return True
        if isinstance(relay, AnswerRefused):  # closed: as the console, nothing is sent
            await tell(bot, message, support_text("staff_relay_closed", ticket=relay.ticket))
            return True
        outcome = await deliver_answer(bot, support, relay)
        await confirm(bot, message, relay, outcome, by_number=found.by_number)
        return True

    @router.message(Command(WRITE_COMMAND))
    async def write(message: Message, command: CommandObject, bot: Bot) -> None:
        """`/ecrire N texte`: the officer writes first to dossier N's applicant."""
        if not is_staff_event(access, message):
            await bot.send_message(message.chat.id, support_text("not_staff"))
            return
        if not access.is_staff_chat(message.chat.id):
            await notify_staff(bot, message, support_text("staff_write_in_group"))
            return
        # The message may start on the next line ("/ecrire 12" then a paragraph).
        number_text, text = [*(command.args or "").split(maxsplit=1), "", ""][:2]
        number = parse_reference(number_text)
        if number is None:
            await notify_staff(bot, message, support_text("staff_write_usage"))
            return
        outreach = await asyncio.to_thread(
            support.write_to_applicant,
            number,
            text,
            chat_id=message.chat.id,
            staff_message_id=message.message_id,
            staff_name=officer_name(message),
        )
        if outreach.relay is None:
            problem = outreach.problem or "empty"
            macro = "staff_write_usage" if problem == "empty" else f"staff_write_{problem}"
            note = support_text(
                macro, number=number, length=len(text.strip()), limit=MAX_STAFF_MESSAGE
            )
            await notify_staff(bot, message, note)
            return
        relay = outreach.relay
        outcome = await deliver_answer(bot, support, relay)
        note = support_text(
            "staff_write_sent",
            ticket=relay.ticket,
            text=relay.text,
            outcome=outcome,
            continued=outreach.continued,
        )
        await tell(bot, message, note, relay.ticket.id if outcome == "ok" else None)

    @router.message(Command(RELAY_COMMAND))
    async def reply_command(message: Message, command: CommandObject, bot: Bot) -> None:
        if not is_staff_event(access, message):
            await bot.send_message(message.chat.id, support_text("not_staff"))
            return
        if not access.is_staff_chat(message.chat.id):
            await notify_staff(bot, message, support_text("staff_relay_in_group"))
            return
        words = StaffWords(
            chat_id=message.chat.id,
            message_id=message.message_id,
            text=command.args or "",
            command=True,
            replied_to=_replied_to(message),
            thread_id=message.message_thread_id if message.is_topic_message else None,
        )
        await answer(message, bot, words)

    @staff_chat_only
    def in_staff_chat(message: Message) -> bool:
        return access.is_staff_chat(message.chat.id)

    @router.message(in_staff_chat, F.text, ~F.text.startswith("/"))
    async def staff_answer(message: Message, bot: Bot) -> None:
        if message.text is None:
            raise SkipHandler
        words = StaffWords(
            chat_id=message.chat.id,
            message_id=message.message_id,
            text=message.text,
            command=False,
            replied_to=_replied_to(message),
        )
        if not await answer(message, bot, words):
            raise SkipHandler  # staff talking among themselves: an internal note

    return router


def _replies_to_the_bot(message: Message, bot: Bot) -> bool:
    replied = message.reply_to_message
    if replied is None or replied.forum_topic_created is not None:
        return False
    return replied.from_user is not None and replied.from_user.id == bot.id


def _replied_to(message: Message) -> int | None:
    """The message this one replies to; in a forum, a message in a topic "replies" to the
    topic's first message when it replies to nothing: that is no reply."""
    replied = message.reply_to_message
    if replied is None or replied.forum_topic_created is not None:
        return None
    return replied.message_id
