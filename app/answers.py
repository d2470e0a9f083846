"""The knowledge base as the support service's `AnswerFinder` (`dialogs.support_types`).

`CallQuestions.find` answers with the call or a FAQ entry; this finder also names the FAQ
entry's own question (the knowledge base's answer carries its label, "faq:N", the N-th of
the index's `faq_entries`), which applicants see beside the team's answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from dialogs.ports import FaqRecord
from dialogs.support_types import FoundAnswer

if TYPE_CHECKING:
    from knowledge.answering import CallQuestions

FAQ_LABEL = "faq:"


class NamingFaqFinder:
    def __init__(self, questions: CallQuestions) -> None:
        self.questions = questions

    def __call__(self, question: str, faq: Sequence[FaqRecord]) -> FoundAnswer:
        base = self.questions.base_with(faq)
        answer = base.ask(question)
        asked = ""
        if answer.from_faq and answer.label.startswith(FAQ_LABEL):
            index = int(answer.label.removeprefix(FAQ_LABEL))
            if 0 <= index < len(base.faq_entries):
                asked = base.faq_entries[index].question
        return FoundAnswer(
            answer.answer,
            answer.source,
            answer.score,
            answer.confident,
            answer.from_faq,
            faq_question=asked,
        )
