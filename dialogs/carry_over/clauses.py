"""How one message is cut into the words of each fact it holds: at its commas, or
between a head and a rest without the small words joining them. The lowest layer of the
package: every reader of facts below cuts with these, none decides where the words go.
"""

from __future__ import annotations

import re

from dialogs import parsing
from dialogs.parsing.vocabulary import vocabulary

#: A figure of two digits or more: a value, never an option's number (« 2 »).
_FIGURE = re.compile(r"\d{2,}")


#: Where a message is cut: a semicolon, or a comma that is no French decimal comma (« 0,5
#: ETP » is one figure: cut there, the title was written « 0, 5 ETP »).
_BOUNDARY = re.compile(r";|,(?!(?<=\d,)\d)")


def _clauses(text: str) -> list[str]:
    """`text` cut at its commas and semicolons, each part trimmed; a comma between two
    digits is a decimal comma, never cut."""
    return [p.strip() for p in _BOUNDARY.split(text) if p.strip()]


def _parted(head: str, rest: str) -> tuple[str, str] | None:
    """`head` and `rest` without the small words joining them; None unless both say
    something (letters in the head, a letter or figure in the rest)."""
    joins = set(vocabulary().fte.fact_joins)
    tokens = head.split()
    while tokens and parsing.fold(tokens[-1]).strip(",;:-") in joins | {""}:
        tokens.pop()
    after = rest.split()
    while after and parsing.fold(after[0]).strip(",;:-") in joins | {""}:
        after.pop(0)
    head, rest = " ".join(tokens).strip(" ,;:-"), " ".join(after).strip(" ,;:-")
    if not re.search(r"[^\W_]", head) or not re.search(r"[^\W_]{2}|\d", rest):
        return None
    return head, rest
