"""Questions asked during the interview, answered from the call and the Département's FAQ.

`CallQuestions.find` is the knowledge base as `dialogs.support.AnswerFinder`: the call's
passages plus the FAQ (the seed in knowledge/faq.yaml and the entries staff added from
Telegram, stored in the database), so that once staff turn an answer into a FAQ entry the
next applicant asking the same question gets it straight away. Calling the object directly
is the plain `QuestionAnswerer` (no tickets): a confident answer quoted with its section,
else the Département's contact. The index is built on the first question, so starting the
demo or the bot does not pay for it (the bot calls `warm_up` once it is running, so that
its first applicant does not wait for it either); only the FAQ's part is rebuilt (a few
milliseconds) when the FAQ changes.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from dialogs.events import Message
from dialogs.ports import FaqRecord
from dialogs.spec import CallSpec
from dialogs.support import FoundAnswer
from dialogs.texts import render_macro

if TYPE_CHECKING:
    from knowledge.base import KnowledgeBase

TEMPLATE = "messages/questions_kb.html.j2"

FaqKey = tuple[tuple[int, str, str], ...]


class CallQuestions:
    """`call_path`: the call's source text the answers quote (default: the shipped call's,
    `knowledge.base.DEFAULT_CALL_PATH`); the composition root passes the configured one."""

    def __init__(self, spec: CallSpec, call_path: Path | None = None) -> None:
        self.spec = spec
        self.call_path = call_path
        self._lock = threading.Lock()
        self._building = threading.Lock()
        self._knowledge: KnowledgeBase | None = None
        self._with_faq: tuple[FaqKey, KnowledgeBase] | None = None

    @property
    def knowledge(self) -> KnowledgeBase:
        """The index, built once (a question asked while `warm_up` builds it waits)."""
        with self._building:
            if self._knowledge is None:
                from knowledge.base import KnowledgeBase  # numpy and bm25s: only once asked

                self._knowledge = KnowledgeBase.build(self.call_path or self.spec.source_path)
            return self._knowledge

    def warm_up(self, delay: float = 1.0) -> threading.Thread:
        """Build the index in a background thread after `delay` seconds (the bot's own
        start first), so that the first question is answered at once. It costs about a
        second and a half of CPU on a small machine, once."""

        def build() -> None:
            time.sleep(delay)
            # One question loads what answering needs beyond the index (the French word
            # list that tells verbs from nouns).
            self.knowledge.ask("Quelle est la date limite de dépôt ?")

        thread = threading.Thread(target=build, name="knowledge-warm-up", daemon=True)
        thread.start()
        return thread

    def base_with(self, faq: Sequence[FaqRecord]) -> KnowledgeBase:
        """The call and the seed FAQ, plus these staff entries (the last index is kept)."""
        if not faq:
            return self.knowledge
        key: FaqKey = tuple((r.id, r.question, r.answer) for r in faq)
        with self._lock:
            if self._with_faq is not None and self._with_faq[0] == key:
                return self._with_faq[1]
            from knowledge.faq import FaqEntry

            base = self.knowledge
            staff = (FaqEntry(r.question, r.answer, date=r.created_at.date()) for r in faq)
            entries = [*base.faq_entries, *staff]
            built = base.with_faq(entries)
            self._with_faq = (key, built)
            return built

    def find(self, question: str, faq: Sequence[FaqRecord]) -> FoundAnswer:
        """The answer, and for a FAQ entry's the question that entry answers (applicants see
        it beside the team's answer: an answer to a neighbouring question shows as one)."""
        base = self.base_with(faq)
        answer = base.ask(question)
        entry = base.faq_entry(answer)
        return FoundAnswer(
            answer.answer,
            answer.source,
            answer.score,
            answer.confident,
            answer.from_faq,
            faq_question=entry.question if entry is not None else "",
        )

    def __call__(self, owner: str, dossier_id: int, text: str) -> list[Message]:
        answer = self.find(text, ())
        if not answer.confident:
            macro = "not_in_call"
        else:
            macro = "from_team" if answer.from_faq else "from_call"
        return [
            Message(render_macro(TEMPLATE, macro, answer=answer, question=text, spec=self.spec))
        ]
