"""Questions asked during the interview, answered from the call (or handed to the Département).

Plugs the knowledge base into the interview service (`dialogs.service.QuestionAnswerer`):
a confident answer quotes the call with its section; otherwise the applicant is told the
call does not answer it and given the Département's contact. The index is built on the
first question, so starting the demo or the bot does not pay for it.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from dialogs.engine import Message
from dialogs.spec import CallSpec
from dialogs.texts import render_macro

if TYPE_CHECKING:
    from knowledge.base import KnowledgeBase

TEMPLATE = "messages/questions_kb.html.j2"


class CallQuestions:
    def __init__(self, spec: CallSpec) -> None:
        self.spec = spec

    @cached_property
    def knowledge(self) -> KnowledgeBase:
        from knowledge.base import KnowledgeBase  # numpy and bm25s: only once asked

        return KnowledgeBase.build()

    def __call__(self, owner: str, dossier_id: int, text: str) -> list[Message]:
        answer = self.knowledge.ask(text)
        macro = "from_call" if answer.confident else "not_in_call"
        return [
            Message(render_macro(TEMPLATE, macro, answer=answer, question=text, spec=self.spec))
        ]
