"""Short questions the assistant asks back instead of guessing.

An answer understood approximately ("une quinzaine": 15 ?) is confirmed with yes/no; an
answer read several ways ("tête de réseau": départementale, régionale ?) is settled by
picking one; leaving an item being entered (/annuler) is confirmed. The pending question is
kept in the cursor (`AskingBack`), so it survives a restart; a new answer, a command or a
move elsewhere drops it, but words its question refuses never do (`refused_while_asked`:
asked again, the words kept for the question they are meant for). Nothing is stored before
the user says so.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from dialogs import kinds, parsing
from dialogs.carry_over import CANDIDATE as CANDIDATE
from dialogs.carry_over import (
    ahead_for,
    carry,
    chained,
    full_time_labels,
    line_ahead,
    offer_full_time,
    other_amount,
    post_fte,
    whose_cost,
)
from dialogs.carry_over.counts import _count_set_aside as count_set_aside
from dialogs.carry_over.reading import _following as following_question
from dialogs.dossier import SHARE_TYPED, AskingBack, Dossier
from dialogs.events import (
    ERRORS,
    NAVIGATION,
    SCREENS,
    AskQuestion,
    Button,
    Message,
    Outcome,
    Text,
)
from dialogs.parsing import Ambiguous, Clarification, NeedsConfirmation
from dialogs.parsing.text import clean_text, words
from dialogs.parsing.vocabulary import vocabulary
from dialogs.plan import (
    delete_item,
    find_question,
    first_missing,
    mark_salary,
    resume_question,
)
from dialogs.prompts import parse_options
from dialogs.question import Question
from dialogs.texts import render_macro, shorten

if TYPE_CHECKING:
    from dialogs.engine import Interview

YES, NO = "_yes", "_no"


class AskingBackMenu:
    def __init__(self, engine: Interview) -> None:
        self.engine = engine

    # -- asking ---------------------------------------------------------------------------
    def ask(self, d: Dossier, question: Question, clarification: Clarification) -> Outcome:
        """Ask which value is meant; `InvalidAnswer` when the call refuses every reading."""
        context = {**clarification.context, "channel": self.engine.channel}
        html = about(question, render_macro(ERRORS, clarification.code, **context))
        if isinstance(clarification, NeedsConfirmation):
            value = kinds.stored(question, clarification.value)
            self.engine.check(d, question, value)
            values = [kinds.to_json(value)]
            typed = clarification.context.get("typed")
            if question.kind == "text" and isinstance(typed, str) and typed.strip() != value:
                values.append(typed.strip())  # retyped as is, it is kept as typed (`text`)
            # « je ne sais pas » at a count: 0 offered for now, flagged until answered again
            provisional = clarification.code == "number_unknown_zero"
            # « 2800€ brut par mois » at a loaded cost: once kept, its staff line says so
            salary = context.get("salary") if clarification.code == "amount_salary" else None
            percent = clarification.context.get("percent")  # « 50 % »: kept with its amount
            d.cursor.asking_back = AskingBack(
                kind="confirm",
                values=values,
                provisional=provisional,
                salary=salary if salary in ("gross", "net") else None,
                percent=percent if clarification.code == "amount_of_percent" else None,
            )
            return Outcome(d, [self._message(html, question, self._yes_no())])
        assert isinstance(clarification, Ambiguous)
        candidates = [kinds.stored(question, c) for c in clarification.candidates]
        shown = self.engine.prompts.options(d, question)
        for candidate in candidates:
            self.engine.check(d, question, candidate)
        d.cursor.asking_back = AskingBack(
            kind="pick", values=[kinds.to_json(c) for c in candidates]
        )
        buttons = [
            Button(f"{CANDIDATE}{i}", shorten(kinds.describe(question, c, shown)))
            for i, c in enumerate(candidates)
        ]
        return Outcome(d, [self._message(html, question, buttons)])

    def offer_details(self, d: Dossier, question: Question, text: str) -> Outcome | None:
        """Words that match no option of a choice, one of whose options is detailed by a
        field of the item (« CA de Lens-Liévin et CA Hénin-Carvin » at the territory):
        offered as that option with those words, asked back; None when none is."""
        typed = text.strip()
        offered = next((c for c in question.choices if getattr(c, "details", None)), None)
        # A word of three letters at least: "et 2" names nothing
        if offered is None or question.kind != "choice" or not re.search(r"[^\W\d_]{3}", typed):
            return None
        if parsing.chat_word(typed) is not None or parsing.not_at_hand(typed):
            return None
        if parsing.not_a_place(typed) is not None:  # « sept à déc », « aucun »: no territory
            return None
        d.cursor.asking_back = AskingBack(kind="details", values=[offered.id, typed])
        html = render_macro(SCREENS, "details_offer", typed=typed, choice=offered.label)
        return Outcome(d, [self._message(html, question, self._yes_no())])

    def offer_resume(self, d: Dossier, review: Question, text: str) -> Outcome | None:
        """Words the review's options do not take, given to the question « Compléter le
        dossier » resumes: the one the review was opened from midway, else the first answer
        still missing (a tester's « douze encadrants formés » was refused there and lost, and
        so was « je l'ai pas sous la main » with the SIRET left aside). Words saying « later »
        (`_not_yet`) are taken as such, said back with what it means for the dossier; other
        words are offered as that question's answer, asked back naming it. None when there
        is no such question, or the words are chat (« ok »), a yes or no, or (at the final
        review) a question put to us."""
        questions = self.engine.plan(d)
        resume = resume_question(questions, d)
        waiting = resume or first_missing(questions, d)
        typed = text.strip()
        if waiting is None or not any(c.isalnum() for c in typed):
            return None
        label = waiting.label.split(" (")[0]
        if _not_yet(waiting, typed):
            said = Message(render_macro(SCREENS, "review_not_yet", label=label))
            return Outcome(d, [said, self.engine.brief(d)])
        if parsing.chat_word(typed) or (resume is None and parsing.may_be_question(typed)):
            return None
        if waiting.kind != "yesno" and says_yes_or_no(typed):
            return None  # « non » at the review answers the review, not « Résultats attendus »
        d.cursor.asking_back = AskingBack(kind="words", values=[waiting.key, typed])
        html = render_macro(
            SCREENS, "resume_offer", typed=typed, label=label, missing=resume is None
        )
        return Outcome(d, [self.offer_message(html, review)])

    def offer_message(self, html: str, question: Question) -> Message:
        """A yes/no question back on `question`'s screen."""
        return self._message(html, question, self._yes_no())

    def leave_item(self, d: Dossier, question: Question) -> Outcome:
        """/annuler inside a repeated group's item: confirm before its answers go."""
        d.cursor.asking_back = AskingBack(kind="leave_item")
        html = render_macro(SCREENS, "leave_item", group=question.group)
        return Outcome(d, [self._message(html, question, self._yes_no())])

    # -- the user's reply -----------------------------------------------------------------
    def choose(
        self, original: Dossier, d: Dossier, question: Question, choice: str, today: dt.date
    ) -> Outcome | None:
        pending = d.cursor.asking_back
        if pending is None or not (choice in (YES, NO) or choice.startswith(CANDIDATE)):
            return None
        d.cursor.asking_back = None
        if pending.kind == "words":  # said yes or no to: words set aside offered no more
            d.set_aside.pop(str(pending.values[0]), None)
        if pending.kind == "details" and d.set_aside.get(question.key) == pending.values[-1]:
            d.set_aside.pop(question.key)  # « sur Arras » kept from the count, answered
        if choice == NO and pending.kept is not None:
            # the value asked back declined: the words kept answer its question instead,
            # or, when it reads none in them, wait for the question after it
            later = self._kept_for_next(d, question, pending.kept)
            if later is not None:
                return later
            return self.engine.handle(d, Text(pending.kept), today)
        if choice == NO:
            notes = {"leave_item": "kept_item", "words": "words_declined"}
            note = notes.get(pending.kind, "asking_back_no")
            said = render_macro(SCREENS, note, group=question.group or question.label)
            # « 38k chargé/an » kept with « vouliez-vous dire « Coût annuel » ? »: not taken
            # either, and said so (the figure is sent again where it is asked)
            dropped = [] if not pending.carry else [Message(_declined(pending.carry))]
            return Outcome(d, [Message(said), *dropped, self.engine.brief(d)])
        if pending.kind == "leave_item":
            return self._leave(d, question, today) if choice == YES else None
        if pending.kind == "details":
            return self._details(original, d, question, pending.values, today)
        if pending.kind == "words":
            return self._words(d, pending.values, today)
        if pending.kind == "correct":  # which answer a correction names
            index = _index(choice) if choice.startswith(CANDIDATE) else None
            return self.engine.corrections.chosen(
                original, d, question, pending.values, index, today
            )
        index = 0 if choice == YES else _index(choice)
        if index is None or index >= len(pending.values):
            return Outcome(d, [self.engine.brief(d)])
        value = kinds.from_json(question, pending.values[index])
        if pending.full_time_unsaid is not None and isinstance(value, Decimal):
            # « 2800€ brut par mois » kept, for a post below full time: whose cost is it?
            count = re.search(r"\d+", pending.carry or "")
            months = int(count.group()) if count else None
            typed = pending.full_time_unsaid
            offer = offer_full_time(self.engine, d, question, value, typed, months)
            if offer is not None:
                assert d.cursor.asking_back is not None
                d.cursor.asking_back.carry = pending.carry
                # words kept while « brut » was asked back: carried once the offer is answered
                d.cursor.asking_back.kept = pending.kept
                d.cursor.asking_back.salary = pending.salary
                return Outcome(d, [offer])
        share = None if pending.percent is None else f"{SHARE_TYPED}{pending.percent}"
        accepted = self.engine.accept(original, d, question, value, today, offer=share)
        if pending.provisional and accepted.answer is not None:
            accepted.dossier.provisional.append(question.key)  # the review names it
        if pending.salary is not None and accepted.answer is not None:
            mark_salary(question, accepted.dossier, pending.salary)  # the review flags it
        if pending.person is not None and accepted.answer is not None:  # « 17h30, c marie »
            accepted.messages.insert(0, person_not_recorded(question, pending.person, value))
        if pending.kept is not None:
            return self.carry_kept(accepted, pending.kept, today)
        return carry(self.engine, question, accepted, pending.carry, today)

    def text(
        self, original: Dossier, d: Dossier, question: Question, text: str, today: dt.date
    ) -> Outcome | None:
        """A typed reply: yes/no, or a candidate's label; None when it is a new answer."""
        pending = d.cursor.asking_back
        assert pending is not None
        if pending.kind == "correct":
            return self.engine.corrections.typed_choice(original, d, question, text, today)
        if pending.kept is not None and text.strip() == pending.kept:
            return None  # the words kept, sent again: they answer this question
        retyped = len(pending.values) > 1 and text.strip() == pending.values[1]
        # « ça leur bénéficie », asked back as very short, sent again as is: kept so
        retyped = retyped or (
            pending.kind == "confirm"
            and question.kind == "text"
            and question.content != "person"
            and clean_text(text) == pending.values[0]
        )
        said = parsing.lead_in_apart(text, "role")  # « Elle est présidente »: a title too
        if pending.kind == "confirm" and question.content == "person" and parsing.only_role(said):
            # « Président » at « Dois-je retenir « M. Jean Martin » comme nom ? »: a title is
            # no name; the name offered stays offered (it was stored as « Président »).
            html = render_macro(
                SCREENS, "person_role_only_offer", typed=text.strip(), name=pending.values[0]
            )
            return Outcome(d, [self.offer_message(html, question)])
        if (
            pending.kind == "confirm"
            and question.kind == "yesno"
            and pending.values[:1] == [False]
            and parsing.contradicts_no(text)
        ):
            # « ah si pardon, on a 10 adhérentes dans le 62 » at « dois-je comprendre non ? »:
            # « si » contradicts the « non » — a new answer (it confirmed the « non »)
            return None
        if pending.kind == "confirm" and retyped:
            # « Dupont, Marie, directrice » asked back as « Dupont, Marie », then sent again
            # as is: what the applicant wants in the dossier, never asked back in a loop.
            d.cursor.asking_back = None
            kept = clean_text(text)
            if question.content == "person":  # still written as a name: « M. », capitals
                kept = parsing.person_name(kept)
            return self.engine.accept(original, d, question, kept, today)
        if question.kind in _FIGURE_KINDS and _figure_offered(pending, text):
            # « 2 » at « Vous aviez aussi écrit « 2 adhérents » : est-ce votre réponse ? »: the
            # figure itself, a new answer, never button 2 (« Non »)
            d.cursor.asking_back = None
            if pending.kind == "words":
                d.set_aside.pop(str(pending.values[0]), None)
            return None
        try:
            said_yes = parsing.parse_yes_no(text)
        except (parsing.InvalidAnswer, Clarification):
            said_yes = None
        asking = pending.kind in ("confirm", "pick") and bool(pending.values)
        if said_yes is None and asking and _asks_meanwhile(question, text):
            # « mais on peut pas candidater quand meme ? on accompagne plein de BRSA » at
            # « ACI ? »: answered as at an open prompt, then the guess asked again
            again = self._asked_again(d, question, pending, "pending_after_question", "")
            return Outcome(d, [again], [AskQuestion(text.strip())])
        instead = _figure_instead(text) if pending.kind == "confirm" else None
        if said_yes is False and instead is not None and question.kind in _FIGURE_KINDS:
            # « non mets 20 040 », « non 80 % »: the figure that replaces the one asked back
            # is a new answer (asked back in turn as any), never dropped after « D'accord :
            # envoyez votre réponse exacte »; « non pas 10 000 » only says no.
            d.cursor.asking_back = None
            return self.engine.handle(d, Text(instead), today)
        if pending.kind in ("confirm", "pick") and question.kind == "choice":
            declined = self._declined_with_words(d, question, text, today)
            if declined is not None:
                return declined
        if said_yes is not None and pending.kind != "pick":
            chosen = self.choose(original, d, question, YES if said_yes else NO, today)
            rest = parsing.yes_rest(text) if said_yes and not pending.carry else None
            if chosen is not None and chosen.answer is not None and rest and re.search(r"\d", rest):
                # « oui on a 9 adhérentes dans le pas de calais » at « vouliez-vous dire « Tête
                # de réseau IAE régionale » ? »: the count kept for the question that asks it
                chosen = count_set_aside(self.engine, question, chosen, rest)
            return chosen
        if pending.kind == "pick":
            labels = self._shown(d, question, pending)
            folded = parsing.fold(text)
            hits = [i for i, label in enumerate(labels) if parsing.fold(label) == folded]
            typed = text.strip().rstrip(".)")  # "2", "2." or "2)"; never "²" (no int)
            # its number in the list shown, where a number is no answer of its own ("2" at a
            # count asked "10 or 15?" is a new answer)
            # (or a loaded cost's full time or share: « 1 € » is no cost of a post)
            # (a text too: « 2 » is no text, « pdt » asked back as « Président » or …)
            numbered = (
                question.kind in ("choice", "choice_or_text", "multi", "text")
                or question.loaded_cost
            )
            bare = re.fullmatch(r"[0-9]{1,2}", typed) is not None
            if numbered and bare and 1 <= int(typed) <= len(labels):
                hits = [int(typed) - 1]
            elif question.loaded_cost and bare:
                # « 0 » at « temps plein ou déjà 0,2 ETP ? »: no option's number, and no cost
                # of a post (a tester's was taken as a cost of 0 €): asked again
                said_yes = True
            if question.loaded_cost and len(labels) == 2 and not hits and not bare:
                line = line_ahead(self.engine, d, question, text)
                if line is not None:  # « deplacements 3000 euros »: a line for later
                    d.set_aside[line.key] = text.strip()
                    label = line.label.split(" (")[0]
                    again = self._asked_again(
                        d, question, pending, "pending_words_ahead", text.strip(), label=label
                    )
                    return Outcome(d, [again])
                if other_amount(self.engine, d, question, text, pending.values[0]):
                    return None  # « non c'est 40k pour mon 0,8 »: a new answer
                # « temps plein », « déjà pour 0,7 ETP », « c'est pour mon 0,8 »
                picked = whose_cost(text, post_fte(self.engine, d, question))
                hits = [] if picked is None else [picked]
            if len(hits) == 1:
                return self.choose(original, d, question, f"{CANDIDATE}{hits[0]}", today)
            # « non » to « temps plein ou déjà pour 0,5 ETP ? » says neither: never a cost
            # of 0 €, asked again among the same two
            neither = said_yes is False and question.loaded_cost and len(labels) == 2
            if said_yes or neither:  # "oui" to "which one?": asked again, among the same few
                html = render_macro(SCREENS, "pick_which", labels=labels)
                buttons = [Button(f"{CANDIDATE}{i}", shorten(x)) for i, x in enumerate(labels)]
                return Outcome(d, [self._message(html, question, buttons)])
        if said_yes is None and _words_for_later(question, pending, text):
            return self._keep_words(d, question, text)
        return None

    def typed_over_pending(self, original: Dossier, text: str, today: dt.date) -> Outcome:
        """A new message while « votre réponse ou une question ? » waits for the one before
        (a tester typed « on peut deposer par mail » instead of clicking: it was stored as
        the answer and the question before it was lost). Neither is dropped:

        - another question-like message: the applicant is asking, not answering; both go
          as questions, nothing is stored and the question of the dossier comes back (one
          asking for an example of the answer gets it, the one before goes as a question);
        - anything else is handled as if typed at the question (an answer, « passer »…),
          and the text asked about goes as a question, unless the new one restates it
          (« 12 encadrants ? » then « 12 encadrants »: the answer, retyped without its "?").
        """
        pending = original.cursor.pending_text
        assert pending is not None
        base = original.clone()
        base.cursor.pending_text = None
        base.cursor.pending_exchange = None
        asked = AskQuestion(pending.strip())
        current = self.engine.current(base)
        example = current is not None and current.example is not None
        if example and parsing.asks_for_example(text):
            pass  # « vous avez un exemple ? »: the question's example, below (and the one before)
        elif parsing.looks_like_question(text) or parsing.may_be_question(text):
            return Outcome(base, [self.engine.brief(base)], [asked, AskQuestion(text.strip())])
        outcome = self.engine.handle(base, Text(text), today)
        if not _restates(text, pending):
            outcome.effects.insert(0, asked)
        return outcome

    def refused_while_asked(
        self, original: Dossier, question: Question, text: str, refusal: Message
    ) -> Outcome | None:
        """Words this question refuses, typed while one of its values is asked back (a
        tester's « asso » at « dois-je retenir ce SIRET ? », « notre budget est d'environ
        650 000 euros » at « dois-je retenir 15 ? »): both were dropped. The value stays
        asked back, asked again; the words are kept for the question further on they are
        meant for (`ahead_for`), offered there, else said refused (`refusal`). None when
        nothing is asked back but a value or candidates."""
        d = original.clone()
        pending = d.cursor.asking_back
        if pending is None or pending.kind not in ("confirm", "pick") or not pending.values:
            return None
        typed = text.strip()
        target = ahead_for(self.engine, d, question, typed)
        if target is not None:
            d.set_aside[target.key] = typed
        label = None if target is None else target.label.split(" (")[0]
        asked = self._asked_again(d, question, pending, "pending_words_ahead", typed, label=label)
        return Outcome(d, [asked] if target is not None else [refusal, asked])

    # -- internals ------------------------------------------------------------------------
    def _declined_with_words(
        self, d: Dossier, question: Question, text: str, today: dt.date
    ) -> Outcome | None:
        """« non » and words of its own, typed while a guess among a choice's options is
        asked back. Words that surely name an option (« non, départementale ») are that
        answer. Any other words give the reason of the « non », never a new guess: a tester's
        « non on est surtout sur le Nord, un peu dans le 62 mais pas trop », at « Tête de
        réseau IAE régionale ? », was read as an answer, its « 62 » matched the
        departmental network, offered next and accepted by « 1 ». The words are said back,
        the question asked again with the call's rule when it decides eligibility. None
        for a plain « non » (« non merci »), which goes its usual way."""
        rest = _NO_THEN.sub("", text, count=1).strip()
        if rest == text.strip() or not re.search(r"[^\W\d_]{3}", rest):
            return None
        if parsing.chat_word(rest) is not None or says_yes_or_no(rest):
            return None
        pending = d.cursor.asking_back
        assert pending is not None
        d.cursor.asking_back = None
        shown = self.engine.prompts.options(d, question)
        try:
            kinds.parse_answer(question, rest, self.engine.spec, {"shown": shown})
        except (Clarification, parsing.InvalidAnswer):
            pass
        else:
            return self.engine.handle(d, Text(rest), today)
        declined = [
            kinds.describe(question, kinds.from_json(question, v), shown) for v in pending.values
        ]
        # A question that decides eligibility quotes the call's rule it applies.
        quote = question.help[0] if question.stop and question.help else None
        html = render_macro(
            SCREENS, "guess_declined_with_words", declined=declined, typed=rest, quote=quote
        )
        return Outcome(d, [Message(html), self.engine.screen(d, today)])

    def _shown(self, d: Dossier, question: Question, pending: AskingBack) -> list[str]:
        """The value or candidates asked back, as shown to the applicant: a post's cost
        asked « temps plein ou déjà 0,5 ETP ? » by those two readings, amounts named."""
        if pending.kind == "pick":
            named = full_time_labels(self.engine, d, question, pending.values)
            if named is not None:
                return named
        options = self.engine.prompts.options(d, question)
        return [
            kinds.describe(question, kinds.from_json(question, v), options) for v in pending.values
        ]

    def _buttons(self, pending: AskingBack, shown: list[str]) -> list[Button]:
        if pending.kind == "confirm":
            return self._yes_no()
        return [Button(f"{CANDIDATE}{i}", shorten(x)) for i, x in enumerate(shown)]

    def _kept_for_next(self, d: Dossier, question: Question, words: str) -> Outcome | None:
        """Words kept while a value was asked back, the value declined: when `question`
        reads no answer in them (a sentence kept at a count), they are set aside for the
        question after it, offered there (`offer_set_aside`), never dropped as refused.
        None when `question` reads them, or no free question follows."""
        spec = self.engine.spec
        try:
            kinds.parse_answer(question, words, spec, parse_options(spec, d, question))
        except parsing.InvalidAnswer:
            pass
        except Clarification:
            return None
        else:
            return None
        following = following_question(self.engine, d, question)
        if following is None or following.role != "field" or following.value(d) is not None:
            return None
        if following.key in d.set_aside:
            return None
        d.set_aside[following.key] = words
        label = following.label.split(" (")[0]
        no = render_macro(SCREENS, "asking_back_no", group=question.group or question.label)
        kept = render_macro(SCREENS, "words_kept_for", typed=words, label=label)
        return Outcome(d, [Message(no), Message(kept), self.engine.brief(d)])

    def _keep_words(self, d: Dossier, question: Question, text: str) -> Outcome:
        """Words typed while a figure is asked back, with no figure of their own (a tester's
        « on n'en paie pas, on est asso », meant for the payroll tax, at « dois-je retenir
        21 520 € ? » for the social charges, became 0 € of social charges): never taken as
        this question's answer unseen. The question back is asked again, naming its
        question and quoting the words, kept (`AskingBack.kept`) for the next question once
        it is answered, or for this one on « non »."""
        pending = d.cursor.asking_back
        assert pending is not None
        typed = text.strip()
        # words kept already stay kept, the new ones after them: nothing typed is lost (a
        # tester's second sentence replaced the first, which never reached its question)
        earlier = pending.kept
        pending.kept = typed if not earlier or typed in earlier else f"{earlier}\n{typed}"
        return Outcome(d, [self._asked_again(d, question, pending, "pending_words_kept", typed)])

    def asked_again(self, d: Dossier) -> Message | None:
        """The value or candidates asked back at the current question, asked again after
        an aside or a question put meanwhile (« une seconde je cherche » at « dois-je retenir
        0 ? »); None when no value is asked back."""
        pending = d.cursor.asking_back
        question = self.engine.current(d)
        if pending is None or question is None:
            return None
        if pending.kind not in ("confirm", "pick") or not pending.values:
            return None
        return self._asked_again(d, question, pending, "pending_after_question", "")

    def _asked_again(
        self,
        d: Dossier,
        question: Question,
        pending: AskingBack,
        macro: str,
        typed: str,
        **extra: Any,
    ) -> Message:
        """The value or candidates asked back, asked again by `macro`, quoting `typed`."""
        shown = self._shown(d, question, pending)
        html = render_macro(
            SCREENS,
            macro,
            kind=pending.kind,
            value=shown[0],
            candidates=shown,
            typed=typed,
            **extra,
        )
        return self._message(about(question, html), question, self._buttons(pending, shown))

    def carry_kept(self, first: Outcome, words: str, today: dt.date) -> Outcome:
        """`first` (the value asked back taken, the next question shown) with the words kept
        while it was asked handled at that next question, said so; when there is no such
        question to answer (already answered, none), the words are said not carried."""
        d = first.dossier
        target = self.engine.current(d)
        free = (
            first.answer is not None
            and d.cursor.asking_back is None
            and target is not None
            and target.role == "field"
            and target.value(d) is None
        )
        if not free:
            answered = target is not None and target.value(d) is not None
            label = target.label.split(" (")[0] if target is not None and answered else None
            html = render_macro(SCREENS, "pending_words_unused", typed=words, label=label)
            unused = Message(html)
            return Outcome(
                d,
                [*first.messages[:-1], unused, first.messages[-1]],
                answer=first.answer,
                earlier=first.earlier,
            )
        assert target is not None and first.answer is not None
        label = target.label.split(" (")[0]
        then = self.engine.handle(d, Text(words), today)
        said = Message(render_macro(SCREENS, "pending_words_carried", typed=words, label=label))
        return chained(first, said, then)

    def _details(
        self,
        original: Dossier,
        d: Dossier,
        question: Question,
        values: list[Any],
        today: dt.date,
    ) -> Outcome:
        """The option chosen, then the words typed with it answer its follow-up field; both
        journalled, the choice first. Words the field refuses are refused there, the choice
        kept."""
        option = next((c for c in question.choices if c.id == values[0]), None)
        if option is None or len(values) < 2:
            return Outcome(d, [self.engine.brief(d)])
        chosen = self.engine.accept(
            original, d, question, kinds.choice_value(question, option), today
        )
        follow = self.engine.current(chosen.dossier)
        details = getattr(option, "details", None)
        if follow is None or follow.path_name != details or chosen.answer is None:
            return chosen
        typed = str(values[1])
        if follow.content == "place":  # « sur Arras » is stored « Arras »
            typed = parsing.place_without_opening(typed)
        answered = self.engine.handle(chosen.dossier, Text(typed), today)
        answered.earlier = [*chosen.earlier, chosen.answer, *answered.earlier]
        return answered

    def _words(self, d: Dossier, values: list[Any], today: dt.date) -> Outcome:
        """The words offered, handled at their question as if typed there (asked back in
        turn when unsure, refused with the reason); that question left unanswered meanwhile
        (answered from the edit menu, gone from the plan): only where the applicant is."""
        target = find_question(self.engine.plan(d), str(values[0])) if len(values) == 2 else None
        if target is None or target.value(d) is not None:
            return Outcome(d, [self.engine.brief(d)])
        # offered at the final review (no question to resume): back to it once answered
        completing = d.cursor.key != target.key and resume_question(self.engine.plan(d), d) is None
        # (offered within a correction from the summary, « le président c'est Paul Durand »
        # then his title: back to the summary once answered, never on through the interview)
        here = d.cursor.key == target.key and d.cursor.return_to_review
        moved = self.engine.goto(d, target.key, today, keep_return=here)
        moved.dossier.cursor.filling_missing = moved.dossier.cursor.filling_missing or completing
        typed = str(values[1])
        if target.kind == "yesno" and target.role == "more":  # « le FSE 8000 »: one more, yes
            typed = f"{vocabulary().yes_no.yes[0]} {typed}"
        return self.engine.handle(moved.dossier, Text(typed), today)

    def _leave(self, d: Dossier, question: Question, today: dt.date) -> Outcome:
        info = question.list
        prefix = delete_item(question, d)
        self.engine.forget_plan()
        if info is None or prefix is None:
            return Outcome(d, [self.engine.brief(d)])
        plan = self.engine.plan(d)
        target = find_question(plan, f"{info.key}.more") or find_question(plan, info.key)
        moved = self.engine.goto(d, target.key if target else self.engine.review_key(d), today)
        note = Message(render_macro(SCREENS, "item_left", group=question.group))
        return Outcome(d, [note, *moved.messages], answer=(f"{prefix}.deleted", True))

    @staticmethod
    def _yes_no() -> list[Button]:
        return [
            Button(YES, render_macro(NAVIGATION, "yes_confirm")),
            Button(NO, render_macro(NAVIGATION, "no")),
        ]

    @staticmethod
    def _message(html: str, question: Question, buttons: list[Button]) -> Message:
        return Message(html, key=question.key, buttons=tuple(buttons), input="choice")


#: Kinds whose answer is a number or an address one may not have at hand (`kinds._identifier`):
#: there only, « je l'ai pas sous la main » or « pas encore » mean « later ».
_IDENTIFIER_KINDS = frozenset({"siret", "rna", "email", "phone"})


def about(question: Question, html: str) -> str:
    """A question back naming the question it is about (« ❓ Dont charges sociales — dois-je
    retenir 21 520 € ? »): a confirmation typed an answer late would otherwise settle the
    wrong question unseen."""
    named = render_macro(SCREENS, "about_question", label=question.label.split(" (")[0]).strip()
    sign, space, rest = html.partition(" ")
    if space and sign in ("❓", "❗", "ℹ️", "⚠️"):
        return f"{sign} {named} {rest}"
    return f"{named} {html}"


def _words_for_later(question: Question, pending: AskingBack, text: str) -> bool:
    """Whether `text`, typed while a figure of `question` is asked back, is words with no
    figure that settle nothing here (« on n'en paie pas, on est asso »): kept, not taken.
    A figure is a new answer (« 18 000 »); a question, a chat word or a command go their
    usual way (a correction too); words already carried on (« 2500/mois ») leave the
    question back as it is. The question's own offer typed (« le max » at the indirect
    costs, while « 0,00 € ? » is asked back) answers it, as a figure does."""
    from dialogs.corrections import read  # (corrections imports this module)
    from dialogs.prompts import rules_of

    typed = text.strip()
    if any(rule.keyword(typed) is not None for rule in rules_of(question)):
        return False
    return (
        pending.kind in ("confirm", "pick")
        and question.kind in _FIGURE_KINDS
        and pending.carry is None
        and any(c.isalpha() for c in typed)
        and not any(c.isdigit() for c in typed)
        and parsing.chat_word(typed) is None
        and not parsing.looks_like_question(typed)
        and not parsing.may_be_question(typed)
        and read(typed) is None  # « je voudrais modifier le nom »: a correction
    )


def _not_yet(question: Question, typed: str) -> bool:
    """Whether `typed` says the answer to `question` will come later (« plus tard »,
    « jsp »; « je l'ai pas sous la main » at an identifier), rather than giving it."""
    if parsing.chat_word(typed) in ("later", "unknown"):
        return True
    return question.kind in _IDENTIFIER_KINDS and parsing.not_at_hand(typed)


def _restates(text: str, earlier: str) -> bool:
    """Whether `text` says again what `earlier` said (its words, the "?" aside)."""
    said = set(words(parsing.fold(earlier)))
    return bool(said) and said <= set(words(parsing.fold(text)))


def _index(choice: str) -> int | None:
    digits = choice[len(CANDIDATE) :]
    return int(digits) if digits.isdigit() and len(digits) < 4 else None


def says_yes_or_no(text: str) -> bool:
    """`text` is a short whole yes or no (« non », « oui merci »), or leans to one
    (« plutôt non », « oui mais plus tard »); never a sentence (« on peut … »)."""
    if len(text.split()) > 4 or parsing.looks_like_question(text) or parsing.may_be_question(text):
        return False
    try:
        parsing.parse_yes_no(text)
    except parsing.InvalidAnswer:
        return False
    except Clarification:
        return True
    return True


#: Kinds whose answer is a figure: « non » followed by one gives the figure meant instead.
_FIGURE_KINDS = frozenset({"money", "int", "fte", "int_comment"})
_NO_THEN = re.compile(r"^\s*(?:non|nan|no|nope)\b[\s,.;:!-]*", re.IGNORECASE)


def _asks_meanwhile(question: Question, text: str) -> bool:
    """Whether a message typed while a value is asked back is a question put to us: it
    reads as one (`looks_like_question`; at buttons, `may_be_question` too), in three words
    or more with letters (« 12 ? » is a doubtful answer, not a question)."""
    typed = text.strip()
    if len(typed.split()) < 3 or not re.search(r"[^\W\d_]{2}", typed):
        return False
    if parsing.looks_like_question(typed):
        return True
    return question.kind in ("choice", "yesno", "multi") and parsing.may_be_question(typed)


def _figure_offered(pending: AskingBack, text: str) -> bool:
    """Whether `text` is a bare whole number that the value asked back holds: the words
    offered (« 2 adhérents ») or the figure to confirm (« dois-je retenir 2 ? »). Typed there,
    it is that figure, though it is also a button's number."""
    typed = text.strip().rstrip(".")
    if not typed.isdigit():
        return False
    if pending.kind == "words" and len(pending.values) > 1:
        offered = str(pending.values[1])
    elif pending.kind == "confirm" and pending.values:
        offered = str(pending.values[0])
    else:
        return False
    grouped = re.sub(r"(?<=\d)[ \u00a0\u202f](?=\d{3}\b)", "", offered)  # « 1 200 »
    return str(int(typed)) in re.findall(r"\d+", grouped)


def _figure_instead(text: str) -> str | None:
    """What follows a leading « non » when it holds a figure and is not « pas … »
    (« non mets 20 040 » → « mets 20 040 »; « non pas 10 000 », « non » → None)."""
    rest = _NO_THEN.sub("", text, count=1)
    if rest == text or not re.search(r"\d", rest) or re.match(r"pas\b", parsing.fold(rest)):
        return None
    return None if parsing.chat_word(rest) is not None else rest  # « non, 2 secondes »


def _declined(carried: str) -> str:
    """The words kept with a question asked back, when the reading asked about is refused."""
    return render_macro(SCREENS, "carried_declined", typed=carried)


def person_not_recorded(question: Question, name: str, value: object) -> Message:
    """« 0,5 etp, c marie »: the form asks no name with a share of full time; the name is
    said not recorded, with the ETP kept (`value`), whether the ETP was taken at once or
    asked back first (« 17h30, c marie », 0,5 confirmed)."""
    label = question.label.split(" (")[0]
    said = kinds.describe(question, value)
    return Message(render_macro(SCREENS, "person_not_recorded", name=name, label=label, value=said))
