"""Words typed on a multiple choice while its options are being ticked with buttons.

Ticking with buttons and typing mix in a hurry: "valider" (or "ok c bon", "c'est tout")
validates the ticks, and "et les AI aussi" (or "+ AI", "ajoutez les AI") adds to them; a
plain list typed ("ACI, AI") stays a whole answer, as before. The words are few and kept
here, beside their one use (the parsing of answers, `dialogs.parsing`, is not about ticks).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

#: What validates the ticked options, once accents, case and punctuation are set aside.
VALIDATE_WORDS = frozenset(
    {
        "valider", "valide", "validez", "validation", "ok", "okay", "d accord", "daccord",
        "c bon", "c est bon", "cest bon", "ok c bon", "ok c est bon", "ok cest bon",
        "c tout", "c est tout", "cest tout", "ok c est tout", "c est tout bon", "termine",
        "fini", "c est fini", "voila", "ca ira", "ca suffit", "rien d autre", "ok valider",
        "oui valider", "valider la selection",
    }
)  # fmt: skip

# "et les AI aussi", "+ AI", "ajoutez les AI", "j'ajoute les AI", "aussi les EI", "avec
# l'AI", "AI aussi", "AI en plus".
_ADD_BEFORE = re.compile(
    r"^\s*(?:\+|et\b|aussi\b|(?:j['’]\s*|on\s+)?r?ajout(?:e[rz]?|ons)\b|avec\b)"
    r"\s*(?:(?:aussi|les|des|la|le|l['’])\s*)*",
    re.IGNORECASE,
)
_ADD_AFTER = re.compile(r"\s*\b(?:aussi|en plus|[ée]galement)\s*[.!]*\s*$", re.IGNORECASE)


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", letters).split())


def typed_on_ticks(
    text: str,
) -> tuple[Literal["validate"], str] | tuple[Literal["add"], str] | None:
    """("validate", "") for words that validate the ticks; ("add", the options' words) for
    words that add to them; None for anything else (an answer of its own)."""
    if _plain(text) in VALIDATE_WORDS:
        return ("validate", "")
    before, after = _ADD_BEFORE.match(text), _ADD_AFTER.search(text)
    if (before is None or not before.group().strip()) and after is None:
        return None
    rest = text[before.end() if before else 0 : after.start() if after else len(text)]
    rest = re.sub(r"^\s*(?:les|des|la|le|l['’])\s+", "", rest.strip(), flags=re.IGNORECASE)
    return ("add", rest.strip()) if rest.strip() else None
