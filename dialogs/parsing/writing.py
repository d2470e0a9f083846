"""How a typed answer reads once printed in a filed dossier.

An officer sends back a dossier reading « 12 r des arts 62000 arras » or « qq EI » : the
head office's address is written properly when it parses clearly (`address_written`), shown
back to the applicant when taken; casual words are never rewritten (they are the applicant's
sentences), only found (`casual_words`) so the review and the draft list them to reread.
"""

from __future__ import annotations

import re
from functools import cache

from dialogs.parsing.text import fold
from dialogs.parsing.vocabulary import Renamed, vocabulary

#: « 12 bis, r. des arts, 62000 arras »: an optional street number, a street type, the
#: street's name (one line, no comma), a postcode and a town of letters only. Anything else
#: (a « BP », a « CEDEX », a building's name, two lines of complement) is kept as typed.
_ADDRESS = re.compile(
    r"(?:(?P<number>\d{1,4}(?:\s?(?:bis|ter|quater|[a-d]))?)\s*,?\s+)?"
    r"(?P<type>[^\W\d_][\w-]*)\.?\s+"
    r"(?P<street>[^,;\n]*?[^\W_])"
    r"\s*[,;]?\s*(?<!\d)"
    r"(?P<postcode>\d{5})\s+"
    r"(?P<town>[^\W\d_][^\W\d_' ’-]*(?:(?:\s+|\s*-\s*|['’])[^\W\d_]+)*)\s*\.?",
    re.IGNORECASE,
)

#: Town words saying the address is no plain street address (kept as typed).
_SPECIAL_TOWN_WORDS = frozenset({"cedex", "cs", "bp", "tsa"})

#: Articles opening a town's name and kept apart from it by a space (« Le Portel »).
_TOWN_ARTICLES = frozenset({"le", "la", "les"})


def address_written(value: str) -> str:
    """`value` written as a postal address is printed (« 12 r des arts 62000 arras » →
    « 12 rue des Arts, 62000 Arras »): the street type in full (vocabulary
    `text.street_types`), a comma before the postcode, the street's and the town's names
    given capitals when typed all in lower case (« boulogne sur mer » → « Boulogne-sur-Mer »).
    `value` itself, untouched, unless it parses clearly as one street address."""
    found = _ADDRESS.fullmatch(" ".join(value.replace("\n", " , ").split()).replace(" ,", ","))
    if found is None:
        return value
    words = vocabulary().text
    typed_type = found["type"]
    written_type = words.street_types.get(fold(typed_type))
    town = found["town"]
    street = found["street"].strip()
    if written_type is None or set(fold(town).replace("-", " ").split()) & _SPECIAL_TOWN_WORDS:
        return value
    if any(c.isdigit() for c in street) and not street[0].isalpha():
        return value  # « 3 4 rue … »: two numbers, no clear street number
    street_type = typed_type if fold(typed_type) == fold(written_type) else written_type
    if typed_type.isupper() and street.isupper():  # « 12 R DES ARTS »: capitals kept
        street_type = street_type.upper()
    number = " ".join(found["number"].split()) if found["number"] else ""
    if number and number[-1].isalpha() and " " not in number and not number[-1].isupper():
        number = number.lower()
    street = " ".join(street.split())
    if street == street.lower():
        street = " ".join(_capitalised(w, first=False) for w in street.split())
    town = " ".join(town.split())
    if town == town.lower():
        town = _town_written(town)
    head = " ".join(part for part in (number, street_type, street) if part)
    return f"{head}, {found['postcode']} {town}"


def _capitalised(word: str, *, first: bool) -> str:
    """A lower-case word of a name with its capital (« arts » → « Arts », « d'artois » →
    « d'Artois », « victor-hugo » → « Victor-Hugo »), a small word left so (« de »)
    unless it opens the name."""
    small = vocabulary().text.name_small_words
    for apostrophe in ("'", "’"):
        if apostrophe in word:
            head, tail = word.split(apostrophe, 1)
            head = head.capitalize() if first else head
            return f"{head}{apostrophe}{_capitalised(tail, first=True)}"
    if "-" in word:
        parts = word.split("-")
        return "-".join(_capitalised(p, first=first and i == 0) for i, p in enumerate(parts))
    if not first and fold(word) in small:
        return word
    return word[:1].upper() + word[1:]


def _town_written(town: str) -> str:
    """A town typed in lower case as its name is written (« boulogne sur mer » →
    « Boulogne-sur-Mer », « le portel » → « Le Portel », « villeneuve d'ascq » →
    « Villeneuve-d'Ascq »): words joined by hyphens but an opening article."""
    parts = [p for p in re.split(r"[\s-]+", town) if p]
    article = ""
    if len(parts) > 1 and fold(parts[0]) in _TOWN_ARTICLES:
        article = parts.pop(0).capitalize() + " "
    named = [_capitalised(p, first=i == 0) for i, p in enumerate(parts)]
    return article + "-".join(named)


#: What may surround a word in a sentence (punctuation, quotes), never part of it.
_AROUND_WORD = ".,;:!?…\"«»“”'’"


def casual_words(text: str) -> list[str]:
    """The casual abbreviations and SMS words of `text` (vocabulary `text.casual_words`:
    « qq », « diversif », « ds »), and a département said by its number (« le 62 »), as
    typed, each once, in order. A word in capitals (« C », « PR ») is an acronym or a
    letter, never one; « c'est » is no « c »."""
    words = vocabulary().text
    found: dict[str, None] = {}
    spoken = _departement_pattern(words.departement_number_openings, words.departement_numbers)
    places = {m.start(): m.group() for m in spoken.finditer(text)} if spoken else {}
    for token in re.finditer(r"\S+", text):
        core = token.group().strip(_AROUND_WORD)
        if core.startswith("("):
            core = core[1:]
        if len(core) > 2 and core.endswith(")"):
            core = core[:-1]
        if core.isalpha() and not core.isupper() and fold(core) in words.casual_words:
            found[core] = None
    for start in sorted(places):
        found[" ".join(places[start].split())] = None
    return list(found)


@cache
def _departement_pattern(openings: tuple[str, ...], numbers: tuple[str, ...]) -> re.Pattern[str]:
    """« le 62 », « du 62 », never « le 62000 » nor « le 62,5 »."""
    said = "|".join(re.escape(o).replace(r"\ ", r"\s+") for o in sorted(openings, key=len)[::-1])
    figures = "|".join(re.escape(n) for n in numbers)
    return re.compile(rf"(?i)(?<!\w)(?:{said})\s+(?:{figures})(?![\w,./]*\d)(?!\w)")


def renamed_bodies(text: str) -> list[tuple[str, Renamed]]:
    """The bodies `text` names by a name they no longer bear (vocabulary
    `text.renamed_bodies`: « Pôle emploi », France Travail since 1 January 2024), each with
    the words as typed, once, in order. Whole words, accents, case and hyphens aside
    (« pole-emploi »); the name is read, never rewritten."""
    typed, index = _folded_with_index(text)
    found: dict[str, Renamed] = {}
    hits: list[tuple[int, str, Renamed]] = []
    for body in vocabulary().text.renamed_bodies:
        if _whole_words(fold(body.new)).search(typed):
            continue  # « Pôle emploi devenu France Travail »: the current name is given
        for old in body.old:
            for match in _whole_words(old).finditer(typed):
                words = text[index[match.start()] : index[match.end() - 1] + 1]
                hits.append((match.start(), words, body))
    for _, words, body in sorted(hits, key=lambda hit: hit[0]):
        found.setdefault(words, body)
    return list(found.items())


@cache
def _whole_words(folded: str) -> re.Pattern[str]:
    """`folded`'s words as whole words of a folded text, anything but letters and figures
    between them (« pole-emploi », « pole  emploi »)."""
    joined = r"[^a-z0-9]+".join(map(re.escape, re.findall(r"[a-z0-9]+", folded)))
    return re.compile(rf"(?<![a-z0-9]){joined}(?![a-z0-9])")


def _folded_with_index(text: str) -> tuple[str, list[int]]:
    """`text` folded character by character, and for each folded character the index of the
    typed one it comes from (a typed « œ » folds to two)."""
    folded: list[str] = []
    index: list[int] = []
    for at, char in enumerate(text):
        for c in fold(char) if not char.isspace() else " ":
            folded.append(c)
            index.append(at)
    return "".join(folded), index


def all_lower_case(name: str) -> bool:
    """Whether a name is all in lower case (« inser reseau 62 »): listed to reread. (A name
    typed so now gets its first capital when taken, `text.name_capitalised`; one kept so
    before is printed as stored.)"""
    return any(c.isalpha() for c in name) and name == name.lower() and name != name.upper()
