"""What a parser raises when it cannot simply return a value.

Three outcomes, each rendered by the macro of `templates/messages/errors.html.j2` named by
its `code`, with `context` as the template's variables:

- `InvalidAnswer`: refused; the message says exactly what is expected (a value out of
  range gets the range).
- `NeedsConfirmation`: understood only approximately ("une quinzaine" is 15?): the value
  is kept in the exception, and the user confirms it with yes/no or types another answer.
- `Ambiguous`: several readings fit ("tête de réseau": départementale, régionale or
  nationale?): the candidates are kept and the user picks one.

The last two share `Clarification`, so an adapter catches "the user must answer again"
in one place; neither is an `InvalidAnswer`, so no caller mistakes a question for a refusal.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


class InvalidAnswer(ValueError):
    def __init__(self, code: str, **details: Any) -> None:
        super().__init__(code)
        self.code = code
        self.details = details

    @property
    def context(self) -> dict[str, Any]:
        """The template variables of this refusal's message."""
        return {"retype": False, **self.details}


class Clarification(Exception):
    """The answer was understood, but not for sure: the user must say which value is meant."""

    def __init__(self, code: str, **details: Any) -> None:
        super().__init__(code)
        self.code = code
        self.details = details

    @property
    def context(self) -> dict[str, Any]:
        """The template variables of this clarification's message. `retype` is true when
        the adapter cannot ask back and shows the message as a refusal instead."""
        return {"retype": False, **self.details}

    def as_refusal(self) -> InvalidAnswer:
        """The same message as a refusal that tells the user what to type: for callers that
        cannot ask a question back yet."""
        context = {**self.context, "retype": True}
        return InvalidAnswer(self.code, **context)


class NeedsConfirmation(Clarification):
    """ "une quinzaine" -> `value` 15, to be confirmed with yes or no."""

    def __init__(self, code: str, value: Any, **details: Any) -> None:
        super().__init__(code, **details)
        self.value = value

    @property
    def context(self) -> dict[str, Any]:
        return {**super().context, "value": self.value}


class Ambiguous(Clarification):
    """Several `candidates` fit the answer (choices, numbers, amounts…): the user picks one."""

    def __init__(self, code: str, candidates: Sequence[Any], **details: Any) -> None:
        super().__init__(code, **details)
        self.candidates = list(candidates)

    @property
    def context(self) -> dict[str, Any]:
        return {**super().context, "candidates": self.candidates}
