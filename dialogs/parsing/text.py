"""Cleaning what people type before reading it, and free-text answers.

`normalize` keeps the meaning of the text and unifies its spelling: full-width and
Arabic-Indic digits become ASCII digits, every space is one space, curly apostrophes and
typographic dashes become ASCII, invisible characters go. `fold` also lower-cases and drops
accents, for matching words ("Tête de réseau" and "tete de reseau" fold alike).
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from functools import lru_cache
from typing import Literal

from dialogs.parsing.errors import InvalidAnswer, NeedsConfirmation

# C0 controls but tab and line breaks, DEL, C1 controls, lone surrogates (which no database
# or document can store) and the two non-characters.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# Soft hyphen, zero-width spaces and joiners used as separators, direction marks, BOM.
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
_SPACES = re.compile(r"\s+")
_SIGNS = str.maketrans(
    {
        "’": "'",
        "‘": "'",
        "ʼ": "'",
        "´": "'",
        "`": "'",
        "′": "'",
        "‐": "-",
        "‑": "-",
        "‒": "-",
        "–": "-",
        "—": "-",
        "―": "-",
        "−": "-",
        "⁄": "/",
        "œ": "oe",
        "Œ": "OE",
        "æ": "ae",
        "Æ": "AE",
    }
)
_DIGIT = re.compile(r"\d")


#: How many characters of the words typed a message quotes back (« Vous avez écrit « … » »).
ECHO = 80


def shorten(text: str, limit: int = ECHO) -> str:
    """`text` within `limit` characters, cut at a word boundary and ended with « … » (never
    in the middle of a word, never on a dangling comma): how words typed are quoted back."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if text[limit - 1] not in " ,;:.)" and " " in cut:  # the cut falls inside a word
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:-–—(") + "…"


def _ascii_digit(match: re.Match[str]) -> str:
    return str(unicodedata.decimal(match.group(), 0))


def normalize(text: str) -> str:
    """One spelling for what people type: NFKC (full-width letters and digits, ligatures),
    ASCII digits, apostrophes and dashes, single spaces, no control or invisible character."""
    text = _INVISIBLE.sub("", _CONTROL.sub(" ", text))
    text = unicodedata.normalize("NFKC", text).translate(_SIGNS)
    text = _DIGIT.sub(_ascii_digit, text)
    return _SPACES.sub(" ", text).strip()


@lru_cache(maxsize=512, typed=True)
def fold(text: str) -> str:
    """Lower-case, accent-free, single-spaced: for matching typed words to known words.

    Kept for the last few hundred texts: a typed answer is folded by each check it goes
    through (a command word, yes or no, a question, second thoughts…), on the event loop
    and in the service, 15 µs for a name and 65 for a sentence each time (issue 14)."""
    decomposed = unicodedata.normalize("NFKD", normalize(text).casefold())
    if decomposed.isascii():  # (no combining mark to drop)
        return decomposed
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_WORD = re.compile(r"[a-z0-9]+")


#: Small words that join a name's or a label's words (« frais de structure », « le reste en
#: fonds propres »): never needed to name it.
JOINING_WORDS = frozenset(
    {"de", "du", "des", "d", "la", "le", "les", "l", "a", "au", "aux", "en", "sur", "pour"}
)


def words(folded: str) -> list[str]:
    """The words of a folded text; elisions split ("d'insertion" -> "d", "insertion")."""
    return _WORD.findall(folded)


def clean_text(text: str) -> str:
    """The text as typed, less what no document or database can hold: control characters
    (tabs and line breaks kept), lone surrogates, surrounding spaces."""
    return _CONTROL.sub("", text.replace("\r\n", "\n")).strip()


#: A full stop ending a name or a title after two small letters or digits (« Santos. »,
#: « générale. », « 62. »), never an abbreviation's (« S.A. ») nor an ellipsis.
_FINAL_STOP = re.compile(r"(?<=[^\W_A-Z][^\W_A-Z])(?<!\.)\.\s*$")


def parse_text(
    text: str,
    *,
    max_length: int,
    content: Literal["free", "words", "name", "person", "role", "place", "address"] = "free",
    refuse_no: bool = False,
    min_words: int = 0,
    label: str = "",
    lead_ins: bool = False,
    place_numbers: tuple[str, ...] | None = None,
) -> str:
    """A free answer, kept as typed (accents, case, line breaks, emoji). `content` "words"
    wants a word in it (a letter), "name" too (a name or a title: a chat word is asked
    back, an association may be called « Menu »), "person" a person's name (a word, no digit,
    a chat word asked back, a job title after a comma asked back as the name alone; given
    as written in a letter, `person_name`, « moi » left out and alone refused),
    "place" a place (a word, or a département's number: « 62 »), "address" a postal
    address (a word; a phone number typed in it asked back: the address alone; written as
    printed when it parses clearly, `address_written`). A whole
    answer that is only a chat word ("euh", "ok", "jsp", "plus tard", "stop") is refused:
    stored, it would make an empty dossier look complete. `refuse_no`: a whole "non",
    "rien", "aucun" is no answer either (a description the question requires).
    `min_words` (a narrative question's, the form's): fewer words are asked back for a
    sentence (« ça leur bénéficie »), and refused when they only repeat the question's
    `label` (« approche » at « Approche pédagogique et stratégique »): printed in the plan
    as the answer, they read as a draft left unfinished. "role" is a person's title (a
    word). `lead_ins` (a single answer of the dossier, never a list item's title, which may
    open so: « C'est parti pour l'emploi »): at a "name", "person" or "role", the words only
    introducing the answer (« Notre organisme s'appelle », « Notre présidente est », « Elle
    est ») are left out and what remains asked back once (`lead_in_apart`).
    `place_numbers` (the call's départements, « 62 »): at a "place", a number alone is taken
    when it is one of them or a postcode, refused as no territory otherwise (« 42 », the
    count typed again); None takes any département's number. An "address" with no street
    (no number before a word, no postcode, no street word: « tout le 62 », « Arras ») is
    refused with an example."""
    value = clean_text(text)
    if content in ("name", "person", "role"):
        # « Jean-Pierre Dos Santos. », « directrice générale. »: the sentence's full stop is
        # no part of a name printed in the letter (« S.A. » keeps its own)
        value = _FINAL_STOP.sub("", value)
    if not value or not _INVISIBLE.sub("", value).strip():
        raise InvalidAnswer("text_empty")
    said = chat_word(value)
    if said is not None and content in ("name", "person") and said in ("filler", "pause"):
        # A name may be such a word (an association called « Menu », « Top »): asked back,
        # never refused for good.
        raise NeedsConfirmation("text_chat_name", value, typed=value)
    if said is not None:
        raise InvalidAnswer("text_chat", typed=value, means=said)
    if refuse_no and _says_no(value):
        raise InvalidAnswer("text_chat", typed=value, means="no")
    if content in ("name", "person") and _says_no(value):
        # « non » at « Quel financeur précisément ? » was printed « Région : non »; a name
        # may be such a word: asked back, as « oui » is
        raise NeedsConfirmation("text_chat_name", value, typed=value)
    if len(value) > max_length:
        raise InvalidAnswer("text_too_long", max_length=max_length, length=len(value))
    place_number = content == "place" and _place_number(value, place_numbers)
    if content == "place" and _BARE_NUMBER.fullmatch(value.strip()) and not place_number:
        raise InvalidAnswer("place_bare_number", typed=value)
    if content != "free" and not any(c.isalpha() for c in value) and not place_number:
        raise InvalidAnswer("text_without_words", typed=value)
    if content in ("name", "person", "role") and _only_joins(value):
        # « 06 12 34 56 78 ou 03 21 00 00 00 » at a title: « ou » was stored as the title
        raise InvalidAnswer("text_without_words", typed=value)
    if content == "role" and speaks_of_people(value):
        # « ah non je suis la directrice, le pdt c mr dubois gerard »: a correction of who
        # signs, never a title printed under the signature
        raise InvalidAnswer("role_sentence", typed=value)
    if content == "role" and not_a_title(lead_in_apart(value, "role") if lead_ins else value):
        # « 7 salariés pour 6,2 ETP, 12 bénévoles au CA »: facts of the organisation, printed
        # under the signature; « directeur du pôle 2 » is a title
        raise InvalidAnswer("role_not_title", typed=value)
    if content == "address" and not _has_street(value):
        raise InvalidAnswer("address_without_street", typed=value)
    if content == "place" and not place_number:
        means = not_a_place(value)
        if means is not None:  # « sept à déc », « 2 SIAE », « aucun »: no territory
            raise InvalidAnswer("text_not_place", typed=value, means=means)
    if content == "person":
        # « moi, Claire Dubois, chargée de mission, 03 21 00 00 00, c.dubois@x.fr »: the
        # phone and e-mail go to their questions (`carry_over.carried_words`), never refused
        # with the name for their digits
        from dialogs.parsing.identifiers import contact_details_apart

        rest, details = contact_details_apart(value)
        value = rest if details and any(c.isalpha() for c in rest) else value
    if content == "person" and any(c.isdigit() for c in value):
        raise InvalidAnswer("person_with_digits", typed=value)
    if content == "person":
        typed, value = value, _without_myself(value)
        # « Notre présidente est Madame Claire Dubois, qui signera la demande »
        named = lead_in_apart(value, "person") if lead_ins else value
        if only_role(named):  # « Président » where the name is asked: a title, no name
            raise InvalidAnswer("person_role_only", typed=value)
        _name_and_role(named, typed=typed if named != value else named)
        title = lead_in_title(value) if lead_ins else None
        if title is not None:  # « Notre présidente est Claire Dubois »: the title kept too
            raise NeedsConfirmation("person_with_role", person_name(named), typed=typed, role=title)
        if named != value:
            raise NeedsConfirmation("text_lead_in", person_name(named), typed=typed)
        found = name_in_sentence(value)
        if found is not None:  # « en fait c'est Paul Durand le contact, pas moi »
            return person_name(found)
        more = _more_than_a_name(value)
        if _no_person_named(value) or more == "sentence":
            # « accompagnement de proximité, formations inter-structures, appui … »
            raise InvalidAnswer("person_sentence", typed=value)
        if more == "odd":
            # « on accompagne des jeunes », « ateliers et formations pour les encadrants »:
            # asked, never refused (« Jean Sur », « Maria da Conceição dos Santos Ferreira »
            # are names), never stored unconfirmed
            # (a short name with such a word, « Jean Sur », is asked about that word)
            common = [
                w for w in value.split() if fold(w).strip(".,;") in _sentence_words(name=True)
            ]
            short = len(value.split()) <= _NAME_MAX_WORDS
            raise NeedsConfirmation(
                "person_odd_name", person_name(value), typed=value, common=common if short else []
            )
        return person_name(value)
    if content in ("name", "role") and lead_ins:
        named = lead_in_apart(value, content)
        if named != value:  # « Notre organisme s'appelle la Fédération… »: the name alone
            # « Je suis la directrice generale »: offered as printed, with its accents
            offered = role_accented(named) if content == "role" else named
            raise NeedsConfirmation("text_lead_in", offered, typed=value)
    if content == "address":
        _address_and_phone(value)
        from dialogs.parsing.writing import address_written

        value = address_written(value)  # « 12 r des arts 62000 arras »: as printed
    if min_words:
        _short_narrative(value, min_words, label)
    return value


def _short_narrative(value: str, min_words: int, label: str) -> None:
    """Fewer than `min_words` words where a sentence is asked: refused when every word of
    them is one of the `label`'s (the question's own title typed back), else asked back,
    kept on a yes (« Douze encadrants formés » may say it all)."""
    said = [w for w in value.split() if any(c.isalnum() for c in w)]
    if len(said) >= min_words:
        return
    titled = set(words(fold(label)))
    if said and all(set(words(fold(w))) <= titled for w in said):
        raise InvalidAnswer("text_label_only", typed=value)
    raise NeedsConfirmation("text_short", value, typed=value)


def _address_and_phone(value: str) -> None:
    """« 12 rue X, 62000 Arras tel 0321000000 » reaching the parser whole (the interview
    splits it first: `address_and_phone`): the address is asked back without the phone
    numbers (printed whole, the letterhead would carry them as part of the address).
    Sent again as is, it is kept as typed."""
    split = phones_apart(value)
    if split is not None:
        from dialogs.parsing.writing import address_written

        address, phones = split
        written = address_written(address)
        raise NeedsConfirmation("address_with_phone", written, typed=value, phones=phones)


def address_and_phone(value: str) -> tuple[str, str] | None:
    """« 12 rue X, 62000 Arras tel 03 21 00 00 00 »: the address without the phone numbers
    and the words saying them (vocabulary `text.phone_labels`), and the numbers as typed,
    joined by « / » (`phone_numbers` reads them back), a fax still labelled so (« fax 03 21
    00 00 01 »: `faxes` reads it back, never offered as the phone); None when no phone
    number is in it, or nothing of an address is left without it."""
    split = phones_apart(value)
    if split is None:
        return None
    said = set(faxes(value))
    return split[0], " / ".join(f"fax {n}" if n in said else n for n in split[1])


def phones_apart(value: str) -> tuple[str, list[str]] | None:
    """`value` without any of its phone numbers (« - 03 21 00 00 00 / 06 12 34 56 78 »,
    « tél 0321000000 fax 0321000001 »: every one, never the first alone, nor a label left
    between two), and the numbers as typed, in order. None when no phone number is in it,
    or nothing with a letter is left without them."""
    import phonenumbers

    found = list(phonenumbers.PhoneNumberMatcher(value, "FR"))
    if not found:
        return None
    parts, start = [], 0
    for match in found:
        parts.append(_without_phone_label(value[start : match.start]).strip(_AROUND_PHONE))
        start = match.end
    parts.append(value[start:].strip(_AROUND_PHONE))
    rest = ", ".join(part for part in parts if part)
    if not any(c.isalpha() for c in rest):
        return None
    return rest, [match.raw_string for match in found]


def phone_numbers(value: str) -> list[str]:
    """The phone numbers in `value`, as typed, in order."""
    import phonenumbers

    return [match.raw_string for match in phonenumbers.PhoneNumberMatcher(value, "FR")]


def faxes(value: str) -> list[str]:
    """The phone numbers of `value` said to be faxes (« fax 03 21 00 00 01 », « télécopie :
    … »: a word of `text.fax_labels` among the labels right before the number), as typed."""
    import phonenumbers

    from dialogs.parsing.vocabulary import vocabulary

    labels = set(vocabulary().text.fax_labels)
    found, start = [], 0
    for match in phonenumbers.PhoneNumberMatcher(value, "FR"):
        before = value[start : match.start]
        label = before[len(_without_phone_label(before)) :]
        if any(fold(w).strip(" ,;:.-–—/") in labels for w in label.split()):
            found.append(match.raw_string)
        start = match.end
    return found


def is_phone_only(value: str) -> bool:
    """Whether `value` is phone numbers and nothing else (« 03 21 00 00 00 », « 03 21 00 00
    00 / 06 12 34 56 78 », « fax 03 21 00 00 01 »: their labels are no other words)."""
    import phonenumbers

    found = list(phonenumbers.PhoneNumberMatcher(value, "FR"))
    rest, start = [], 0
    for match in found:
        rest.append(_without_phone_label(value[start : match.start]))
        start = match.end
    rest.append(value[start:])
    return bool(found) and not "".join(rest).strip(_AROUND_PHONE)


#: What joins a phone number to the address around it (spaces, line breaks, punctuation).
_AROUND_PHONE = " ,;:.-–—/\n\t\r"


def _without_phone_label(before: str) -> str:
    """The words before a phone number without those saying it is one (« tél. : »)."""
    from dialogs.parsing.vocabulary import vocabulary

    labels = set(vocabulary().text.phone_labels)
    cut = len(before)
    for token in reversed(list(re.finditer(r"\S+", before))):
        word = fold(token.group()).strip(" ,;:.-–—/")
        if word and word not in labels:
            break
        cut = token.start()
    return before[:cut]


def not_a_place(text: str) -> Literal["months", "period", "count", "none"] | None:
    """What words clearly naming no place say instead, where a territory is asked: months
    (« sept à déc »: month names and the small words between months only), a period
    (« ttes l'année »: the whole period of the operation, vocabulary `months.whole_period`
    saying a time), a count (« 2 SIAE qui se lancent »: a figure and what it counts,
    vocabulary `numbers.units`), or none (« aucun », « non »); None for anything that may be
    a place (« CC des 7 Vallées »)."""
    from dialogs.parsing.vocabulary import vocabulary, whole_answer

    vocab = vocabulary()
    folded = fold(clean_text(text))
    none = (*vocab.numbers.zero, *vocab.choices.none, *vocab.yes_no.no)
    if whole_answer(folded, none):
        return "none"
    said = words(folded)
    months = vocab.months
    period = tuple(p for p in months.whole_period if _TIME_WORD.search(p))
    if whole_answer(folded.replace("’", "'"), period):  # « tout » alone may be a place
        return "period"
    between = months.fillers | {"et", "puis", "ou"}
    if any(w in months.names for w in said) and all(
        w in months.names or w in between or w.isdigit() for w in said
    ):
        return "months"
    if any(_starts_with_unit(folded[found.end() :]) for found in _COUNTED.finditer(folded)):
        return "count"
    return None


#: A word of a phrase of the whole period that says a time (« toute l'année », « tous les
#: mois »), where « tous » or « tout » alone may answer « where? » (« tout le 62 »).
_TIME_WORD = re.compile(r"annee|mois|periode|duree|operation|convention|temps|mensuel|2025")


#: A figure standing alone in the words (« 2 SIAE »), not part of a name (« A26 »).
_COUNTED = re.compile(r"(?<![\w-])\d+(?![\w/.,-])")


def _starts_with_unit(rest: str) -> bool:
    """Whether `rest` opens with a word counting something (vocabulary `numbers.units` and
    `numbers.counted_kinds`, their single words: « 2 SIAE », « 12 structures », « 30 ACI »;
    « 62 en tout » may still name a place)."""
    from dialogs.parsing.vocabulary import phrase_pattern, vocabulary

    numbers = vocabulary().numbers
    kinds = (w for names in numbers.counted_kinds.values() for w in names)  # « 30 ACI »
    units = tuple(u for u in (*numbers.units, *kinds) if " " not in u)
    return phrase_pattern(units).match(rest.lstrip()) is not None


#: A French département by its number (« 62 », « 59 », « 2A », « 974 »): a place, where a
#: figure alone (« 0.3 », « 30 000 ») is an answer typed one step late.
_DEPARTEMENT_NUMBER = re.compile(r"0[1-9]|1\d|2[1-9]|[3-8]\d|9[0-5]|2[abAB]|97[1-6]")
_POSTCODE = re.compile(r"(?<!\d)(?:\d{5}|\d{2} \d{3})(?!\d)")
# A whole number such as a département's (« 42 »: a count typed again is asked back; « 0.3 »
# or « 12 000 » are refused as no words)
_BARE_NUMBER = re.compile(r"\d{1,3}")
# A street number before a word, opening the address or a part of it: « 12 rue », « 12bis,
# avenue », « Maison X, 3 Grand'Place » (never « tout le 62 et le 59 »)
_STREET_NUMBER = re.compile(
    r"(?:^|[,;-])\s*(?:n°\s*)?\d+\s*(?:bis|ter|[a-d])?\b[ ,]*[^\W\d_]", re.IGNORECASE
)


def _place_number(value: str, numbers: tuple[str, ...] | None) -> bool:
    """Whether `value` is a number alone naming a place: one of the `numbers` (the call's
    départements) or a postcode; any département's number when `numbers` is None."""
    typed = value.strip()
    if numbers is None:
        return _DEPARTEMENT_NUMBER.fullmatch(typed) is not None
    # (a postcode written whole: « 12 000 » alone is a figure)
    return (
        typed.upper() in {n.upper() for n in numbers} or re.fullmatch(r"\d{5}", typed) is not None
    )


def _has_street(value: str) -> bool:
    """Whether a postal address names a street or a postal box: a postcode, a number before
    a word (« 12 rue des Arts »), or a street word (vocabulary `text.street_words`)."""
    from dialogs.parsing.vocabulary import vocabulary

    if _POSTCODE.search(value) or _STREET_NUMBER.search(value):
        return True
    return bool(set(words(fold(value))) & set(vocabulary().text.street_words))


def speaks_of_people(value: str) -> bool:
    """Whether words typed for a job title speak of people rather than give one: a person
    named with a civility (« le pdt c mr dubois »), or the one typing saying who they are
    beside something else (« non je suis la directrice, le président c'est… »). « je suis
    la présidente » alone is a title said in a sentence."""
    from dialogs.parsing.vocabulary import vocabulary

    folded = fold(value)
    civilities = {c.rstrip(".") for names in vocabulary().text.civilities.values() for c in names}
    civility = "|".join(sorted(civilities - {"m"}, key=len, reverse=True))
    # « mr dubois », never « Madame la Présidente » (a title written with its civility)
    if re.search(rf"\b(?:{civility})\.?\s+(?!(?:le|la|l)\b)[a-z]", folded):
        return True
    parts = [p for p in re.split(r"[,;]", folded) if p.strip()]
    return len(parts) > 1 and any(re.search(r"\bje suis\b", p) for p in parts)


def role_after_name(value: str) -> str | None:
    """The job title after a person's name (« marie dupont, directrice », « Dupont, Marie,
    directrice », « jean-pierre lefebvre president » → the title), None when there is
    none (« Dupont, Marie » is a name). « moi, Claire Dubois chargée de mission »: the
    title after the name, never the name with it (the words saying « me » left out)."""
    with contextlib.suppress(InvalidAnswer):  # « moi, chargée de mission »: no name to split
        value = _without_myself(value)
    found = name_and_role(lead_in_apart(value, "person"))
    # « Notre présidente est Claire Dubois »: the title the lead-in names
    return lead_in_title(value) if found is None else found[1]


def name_and_role(value: str) -> tuple[str, str] | None:
    """A person's name and the job title typed with it: after a comma, the first part
    holding role words; in parentheses, like after a comma (« Jean-Pierre Leroy
    (président) »); between a civility and the name (« Mme la présidente Annie Caron » →
    « Mme Annie Caron », « présidente »); without a comma, role words after two words of
    name at least (« marie dupont directrice »; « Marie Chef » stays a name)."""
    bracketed = re.fullmatch(r"\s*([^()]*?)\s*\(([^()]+)\)\s*([^()]*?)\s*", value)
    if bracketed is not None and _is_role(bracketed[2]):
        name = " ".join(p for p in (bracketed[1], bracketed[3]) if p).strip(" ,")
        if any(c.isalpha() for c in name):
            return name, bracketed[2].strip()
    titled = _titled_name(value)
    if titled is not None:
        return titled
    before = _role_then_name(value)
    if before is not None:  # « c notre président, Jean Martin », « le président jean martin »
        return before
    parts = value.split(",")
    if not parts[0].strip():
        return None
    if len(parts) > 1:
        for at, part in enumerate(parts[1:], start=1):
            if _is_role(part):
                name = ",".join(parts[:at]).strip()
                return name, ", ".join(p.strip() for p in parts[at:])
        return None
    words = value.split()
    for at in range(2, len(words)):
        if _is_role(words[at], strict=True):
            return " ".join(words[:at]), " ".join(words[at:])
    return None


def _titled_name(value: str) -> tuple[str, str] | None:
    """« Mme la présidente Annie Caron », « M. le directeur Paul Marchand »: a civility, a
    job title (its article left out), then the name; None when no title stands there."""
    from dialogs.parsing.vocabulary import vocabulary

    civility, rest = _civility(value)
    if not civility:
        return None
    words = rest.split()
    small = set(vocabulary().text.title_words)
    start = 1 if words and fold(words[0]).rstrip("'’") in {"le", "la", "l"} else 0
    if start >= len(words) or not _is_role(words[start], strict=True):
        return None
    end = start + 1
    while end < len(words) - 1 and (fold(words[end]) in small or _is_role(words[end], strict=True)):
        end += 1
    while end > start + 1 and fold(words[end - 1]) in small:
        end -= 1  # « la présidente de Annie Caron »: a small word is the name's
    name = words[end:]
    if not name or not any(c.isalpha() for c in "".join(name)):
        return None
    return f"{civility} {' '.join(name)}", " ".join(words[start:end])


#: What parts a title typed before the name from it (« président, Jean Martin »,
#: « présidente : Claire Dubois », « président - Jean Martin »); never a name's hyphen.
_TITLE_THEN_NAME = re.compile(r"\s*([^,;:]+?)\s*(?:[,;:]|\s[-–—])\s*(.+)")


def _role_then_name(value: str) -> tuple[str, str] | None:
    """« c notre président, Jean Martin », « voici notre directrice : Claire Dubois », « le
    président jean martin »: a job title typed before the name, the words opening it left
    out (vocabulary `text.role_openings`): the name and the title. The title is role words
    only (`only_role`), with a separator or without one (the longest such run of words);
    the name after it holds a letter, no digit and no role word, five words at most. None
    otherwise (« Marie Chef », « Dupont, Marie, directrice »)."""
    from dialogs.parsing.vocabulary import vocabulary

    rest = _without_role_opening(value)
    small = set(vocabulary().text.title_words)
    parted = _TITLE_THEN_NAME.fullmatch(rest)
    if parted is not None and only_role(parted[1]) and _name_after_role(parted[2], small):
        return parted[2].strip(" .,"), parted[1].strip()
    tokens = rest.split()
    if not tokens or fold(tokens[0]) in small:
        return None
    for at in range(len(tokens) - 1, 0, -1):
        title, name = " ".join(tokens[:at]), " ".join(tokens[at:])
        if fold(tokens[at - 1]).strip(",") in small or not only_role(title):
            continue
        if _name_after_role(name, small):
            return name.strip(" .,"), title.strip(" ,")
    return None


def _name_after_role(name: str, small: set[str]) -> bool:
    """Whether `name`, after a title, may be a person's name alone (`_role_then_name`)."""
    from dialogs.parsing.vocabulary import vocabulary

    said = name.split()
    verbs = vocabulary().text.lead_in_verbs  # « présidente est Claire Dubois »: a lead-in
    return (
        0 < len(said) <= 5
        and any(c.isalpha() for c in name)
        and not any(c.isdigit() for c in name)
        and fold(said[0]) not in small
        and fold(said[0]) not in verbs
        and not _is_role(name, strict=True)
        and chat_word(name) is None
    )


def _without_role_opening(value: str) -> str:
    """`value` without the words opening a title typed before a name (« c notre », « le »,
    « voici la »: vocabulary `text.role_openings`, one after the other); `value` itself
    when nothing with a letter would be left."""
    from dialogs.parsing.vocabulary import vocabulary

    openings = sorted(vocabulary().text.role_openings, key=len, reverse=True)
    rest = value.strip()
    while True:
        folded, at = _folded_positions(rest)
        found = next(
            (
                p
                for p in openings
                if folded.startswith(p)
                and len(folded) > len(p)
                and (folded[len(p)].isalpha() if p.endswith("'") else folded[len(p)] == " ")
            ),
            None,
        )
        if found is None:
            break
        left = rest[at[len(found) - 1] + 1 :].lstrip(" ,:")
        if not any(c.isalpha() for c in left):
            break
        rest = left
    return rest


def role_written(value: str) -> tuple[str, ...]:
    """The written forms of a job title typed as an abbreviation, whole (« pdt » →
    « Président », « Présidente »: vocabulary `text.role_abbreviations`); empty otherwise."""
    from dialogs.parsing.vocabulary import vocabulary

    said = fold(value).strip(" .")
    return vocabulary().text.role_abbreviations.get(said, ())


def name_capitalised(value: str) -> str:
    """An organisation's name typed with no capital at all (« collectif IAE… » has one;
    « collectif iae cote d'opale » none) with its first letter in capital, the rest kept as
    typed (« Collectif iae cote d'opale »): printed in the plan's title, its page headers,
    the letter and the sworn statement. A name with any capital is the applicant's own
    spelling, kept as typed."""
    if any(c.isupper() for c in value):
        return value
    first = next((i for i, c in enumerate(value) if c.isalpha()), None)
    if first is None:
        return value
    return value[:first] + value[first].upper() + value[first + 1 :]


def role_accented(value: str) -> str:
    """A job title with each known role word typed without its accents written with them
    (« presidente » → « présidente », « directrice generale » → « directrice générale »:
    vocabulary `text.role_accents`), in the case it was typed (« Generale » → « Générale »).
    The letter and the sworn statement print the title as stored; any other word, and a
    word typed with an accent, are kept as typed."""
    from dialogs.parsing.vocabulary import vocabulary

    forms = vocabulary().text.role_accents
    if not forms:
        return value

    def written(found: re.Match[str]) -> str:
        typed = found.group()
        form = forms[typed.lower().replace("’", "'")]
        if len(typed) > 1 and typed.isupper():
            return form.upper()
        return form[0].upper() + form[1:] if typed[0].isupper() else form

    return _role_accents(tuple(forms)).sub(written, value)


@lru_cache(maxsize=4)
def _role_accents(words: tuple[str, ...]) -> re.Pattern[str]:
    """Each of the role words `words`, whole, longest first, in any case."""
    longest = sorted(words, key=len, reverse=True)
    pattern = "|".join(re.escape(w).replace("'", "['’]") for w in longest)
    return re.compile(rf"(?<![\w'’])(?:{pattern})(?![\w'’])", re.IGNORECASE)


def only_role(value: str) -> bool:
    """`value` is a job title and nothing else (« Président », « directrice générale »):
    every word a role word (whole, or a long stem's start: « présidente ») or a title's
    small word. A surname that starts like a short stem (« Chefdeville ») is a name."""
    from dialogs.parsing.vocabulary import vocabulary

    words_of = vocabulary().text
    stems = [stem for stem in words_of.roles if " " not in stem]
    small = set(words_of.title_words)
    words = [w for w in re.split(r"[\s'’-]+", fold(value)) if w and w not in small]

    def role_word(word: str) -> bool:
        return any(word == stem or (len(stem) >= 6 and word.startswith(stem)) for stem in stems)

    return bool(words) and all(role_word(word) for word in words)


def is_role(words: str, *, strict: bool = False) -> bool:
    """`words` hold a word of a job title (`_is_role`)."""
    return _is_role(words, strict=strict)


def _is_role(words: str, *, strict: bool = False) -> bool:
    """`words` hold a word of a job title (vocabulary `text.roles`, stems). `strict`, for a
    title typed without a comma after a name: a short stem (« chef », « cadre », « dg »)
    is a whole word, never the start of a surname (« Chefdeville », « Cadreau »)."""
    from dialogs.parsing.vocabulary import vocabulary

    stems = vocabulary().text.roles
    folded = fold(words)
    said = folded.replace("-", " ").split()
    single = any(
        w == stem or (w.startswith(stem) and not (strict and len(stem) < 6))
        for w in said
        for stem in stems
        if " " not in stem
    )
    return single or any(stem in folded for stem in stems if " " in stem)


def person_name(value: str) -> str:
    """A person's name as the dossier writes it: a civility in its written form (« mr »,
    « monsieur » → « M. » ; « mme », « madame », « mlle » → « Mme »), and a name typed all
    in lower case or all in capitals capitalised (« sandrine lefebvre » → « Sandrine
    Lefebvre », « jean-pierre » → « Jean-Pierre », « marie le goff » → « Marie Le Goff »),
    a surname's small words kept lower case inside it (« jean de la fontaine » → « Jean de
    la Fontaine », « jean d'ormesson » → « Jean d'Ormesson »). A name typed in mixed case is
    kept as typed (« DUBOIS Gérard », « Marie-Anne McLean »): the applicant wrote it so."""
    civility, name = _civility(value)
    letters = [c for c in name if c.isalpha()]
    if len(letters) > 1 and (name == name.lower() or name == name.upper()):
        name = _capitalised(name)
    return f"{civility} {name}" if civility else name


def _without_myself(value: str) -> str:
    """The name without the words saying the one typing is that person (« moi, sandrine
    lefebvre », « c'est moi-même : Sandrine Lefebvre »); « moi » alone asks for the name."""
    from dialogs.parsing.vocabulary import vocabulary

    folded, at = _folded_positions(value)
    found = [
        p
        for p in vocabulary().text.myself
        if folded.startswith(p) and not folded[len(p) : len(p) + 1].isalnum()
    ]
    if not found:
        return value
    rest = value[at[len(max(found, key=len)) - 1] + 1 :].lstrip(" ,;:.-!")
    # « moi », « c'est moi », « je suis la présidente »: no name in it
    if not any(c.isalpha() for c in rest) or (_is_role(rest) and name_and_role(rest) is None):
        raise InvalidAnswer("person_myself", typed=value)
    if _opens_clause(rest) and "," not in rest:  # « c'est moi qui suis le contact »
        raise InvalidAnswer("person_myself", typed=value)
    return rest


LeadInContent = Literal["name", "person", "role"]


def lead_in_apart(value: str, content: LeadInContent) -> str:
    """`value` without the words that only introduce the answer (vocabulary
    `text.lead_ins`): an opening (« Notre organisme s'appelle », « Notre présidente est »,
    « Elle est », « Il s'agit de ») and the article after it typed in lower case (« … la
    Fédération »), a clause saying something else of the one named (« …, qui signera la
    demande »; « qui suis la personne à contacter, » left after « c'est moi »); at a
    "name", its short form put in brackets (« Fédération…, FSI 62 en abrégé » →
    « Fédération… (FSI 62) »). `value` itself when none is there, or nothing with a letter
    would be left. Printed whole, the letter read « Je soussigné(e), Notre présidente est
    Madame Claire Dubois, qui signera la demande, Elle est présidente du conseil
    d'administration »."""
    from dialogs.parsing.vocabulary import vocabulary

    rest = value.strip()
    folded, at = _folded_positions(rest)
    opening = _lead_in_pattern(content).match(folded)
    subject = None if opening is None else opening.start("subject")
    if content == "name" and subject is not None and subject >= 0 and rest[at[subject]].isupper():
        opening = None  # « La Structure est là »: a name's own words, capitalised
    if opening is not None:
        rest = rest[at[opening.end() - 1] + 1 :].lstrip(" ,;:-")
        if content != "person":
            rest = _without_article(rest, vocabulary().text.lead_in_articles)
        rest = _unquoted(rest)
    rest = _without_clauses(rest)
    if content == "person":
        rest = _without_closing_subject(rest)
    if content == "name":
        rest = _short_form_bracketed(rest)
    return rest if any(c.isalpha() for c in rest) else value


@lru_cache(maxsize=4)
def _lead_in_pattern(content: LeadInContent) -> re.Pattern[str]:
    """The opening of `content`'s answers that only introduces it, on a folded text."""
    from dialogs.parsing.vocabulary import vocabulary

    words = vocabulary().text
    lead = getattr(words.lead_ins, content)

    def phrases(said: tuple[str, ...], after: str) -> str:
        ordered = sorted(said, key=len, reverse=True)
        return "|".join(
            re.escape(p).replace(r"\ ", r"\s+") + ("" if p.endswith("'") else after)
            for p in ordered
        )

    boundary = r"(?![a-z0-9'-])"
    alternatives = []
    if lead.subjects and words.lead_in_determiners and words.lead_in_verbs:
        determiner = phrases(words.lead_in_determiners, r"\s+")
        subject = phrases(lead.subjects, "")
        verb = phrases(words.lead_in_verbs, boundary)
        # a determiner, a subject's word, up to four more words, a verb
        alternatives.append(
            rf"(?:{determiner})(?P<title>(?P<subject>{subject})[a-z-]*(?:[\s,]+[a-z0-9'-]+){{0,4}}?)[\s,]+(?:{verb})"
        )
    if lead.openings:
        alternatives.append(f"(?:{phrases(lead.openings, boundary)})")
    return re.compile("|".join(alternatives) or r"(?!)")


def lead_in_title(value: str) -> str | None:
    """The job title a person's lead-in names (« Notre présidente est Claire Dubois » →
    « présidente », « Notre présidente du conseil d'administration est … » with its words),
    as typed; None when the lead-in names no title (« Notre contact est … », « C'est … »)
    or there is no lead-in."""
    rest = value.strip()
    folded, at = _folded_positions(rest)
    opening = _lead_in_pattern("person").match(folded)
    if opening is None or opening.start("title") < 0:
        return None
    title = rest[at[opening.start("title")] : at[opening.end("title") - 1] + 1].strip(" ,")
    return title if only_role(title) else None


def _without_closing_subject(rest: str) -> str:
    """`rest` without the words closing it that only say whom it names (« paul durand le
    contact », « Paul Durand est notre contact », « … sera la personne à contacter »): a
    verb maybe, a determiner and a subject word of a person's lead-in (vocabulary
    `text.lead_ins.person`), never a job title (« …, notre président » is the title, read
    by `name_and_role`); `rest` itself when nothing with a letter would be left."""
    folded, at = _folded_positions(rest)
    closing = _closing_subject_pattern().search(folded)
    if closing is None or closing.start() == 0:
        return rest
    said = rest[at[closing.start("said")] :]
    kept = rest[: at[closing.start()]].rstrip(" ,")
    if _is_role(said, strict=True) or not any(c.isalpha() for c in kept):
        return rest
    return kept


@lru_cache(maxsize=1)
def _closing_subject_pattern() -> re.Pattern[str]:
    """A person's lead-in said after the name, closing the words, on a folded text."""
    from dialogs.parsing.vocabulary import vocabulary

    words = vocabulary().text
    lead = words.lead_ins.person

    def phrases(said: tuple[str, ...]) -> str:
        ordered = sorted(said, key=len, reverse=True)
        return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered)

    if not (lead.subjects and words.lead_in_determiners):
        return re.compile(r"(?!)")
    verb = phrases(words.lead_in_verbs)
    determiner = phrases(words.lead_in_determiners)
    subject = phrases(lead.subjects)
    return re.compile(
        rf"[\s,]+(?:(?:{verb})\s+)?(?:{determiner})(?:(?<=')|\s+)"
        rf"(?P<said>(?:{subject})[a-z-]*(?:\s+[a-z'-]+){{0,4}})\s*[.!]?$"
    )


def _without_article(rest: str, articles: tuple[str, ...]) -> str:
    """`rest` without the article opening it in lower case (« la Fédération… »): the
    sentence's, where « La Fabrique » typed so is the name's."""
    for article in sorted(articles, key=len, reverse=True):
        head = rest[: len(article)]
        joined = article.endswith("'")
        after = rest[len(article) : len(article) + 1]
        if head.translate(_SIGNS) == article and (after.isalpha() if joined else after == " "):
            return rest[len(article) :].lstrip()
    return rest


def _unquoted(rest: str) -> str:
    """« « FSI 62 » » or « "FSI 62" » after a lead-in: the name without its quotes."""
    quoted = re.fullmatch(r"[«\"“]\s*(.+?)\s*[»\"”]\s*[.!]?", rest)
    return rest if quoted is None else quoted.group(1)


def _opens_clause(rest: str) -> bool:
    """Whether `rest` opens with a clause about the one named (« qui suis … »)."""
    from dialogs.parsing.vocabulary import phrase_pattern, vocabulary

    openings = vocabulary().text.clause_openings
    return bool(openings) and phrase_pattern(openings).match(fold(rest)) is not None


def _without_clauses(rest: str) -> str:
    """`rest` without a clause about the one named: opening it up to a comma (« qui suis
    la personne à contacter, Nathalie Roussel »), or closing it after one (« Mme Claire
    Dubois, qui signera la demande »)."""
    from dialogs.parsing.vocabulary import phrase_pattern, vocabulary

    openings = vocabulary().text.clause_openings
    if not openings:
        return rest
    if _opens_clause(rest) and "," in rest:
        rest = rest.split(",", 1)[1].strip()
    folded, at = _folded_positions(rest)
    clause = re.search(rf",\s*(?:{phrase_pattern(openings).pattern})", folded)
    if clause is not None and clause.start() > 0:
        rest = rest[: at[clause.start()]].rstrip(" ,")
    return rest


def _short_form_bracketed(name: str) -> str:
    """« Fédération…, FSI 62 en abrégé », « Fédération… (en abrégé FSI 62) »: the name with
    its short form in brackets, « Fédération… (FSI 62) »; `name` itself otherwise."""
    from dialogs.parsing.vocabulary import vocabulary

    said = vocabulary().text.short_form
    cut = max(name.rfind(","), name.rfind("("))
    if cut <= 0 or not said:
        return name
    head, tail = name[:cut].rstrip(" ,"), name[cut + 1 :].strip(" )")
    folded, at = _folded_positions(tail)
    for phrase in sorted(said, key=len, reverse=True):
        short = ""
        if folded.startswith(phrase + " ") or folded.startswith(phrase + " : "):
            short = tail[at[len(phrase) - 1] + 1 :].strip(" :")
        elif folded.endswith(" " + phrase):
            short = tail[: at[len(folded) - len(phrase) - 1]].strip(" :")
        if short and any(c.isalnum() for c in short) and any(c.isalpha() for c in head):
            return f"{head} ({short})"
    return name


def _folded_positions(value: str) -> tuple[str, list[int]]:
    """`value` folded (lower case, no accent, ASCII apostrophes and dashes), with the place
    in `value` of each character."""
    folded: list[str] = []
    at: list[int] = []
    for index, char in enumerate(value):
        decomposed = unicodedata.normalize("NFKD", char.translate(_SIGNS).casefold())
        for part in decomposed:
            if not unicodedata.combining(part):
                folded.append(part)
                at.append(index)
    return "".join(folded), at


def _civility(value: str) -> tuple[str, str]:
    """The civility opening a name, in its written form (« M. », « Mme »), and the name."""
    from dialogs.parsing.vocabulary import vocabulary

    first, _, rest = value.partition(" ")
    said = fold(first)
    for written, forms in vocabulary().text.civilities.items():
        if said in forms and any(c.isalpha() for c in rest):
            return written[:1].upper() + written[1:], rest.strip()
    return "", value


def _capitalised(name: str) -> str:
    """Each word of a name capitalised at each hyphen and apostrophe, the small words of a
    surname (vocabulary `text.name_particles`) kept lower case but first."""
    from dialogs.parsing.vocabulary import vocabulary

    said = name.split()
    folded = [fold(w) for w in said]
    small: dict[int, int] = {}  # word -> length of its lower-case part
    phrases = sorted(vocabulary().text.name_particles, key=len, reverse=True)
    for start in range(1, len(said)):
        for phrase in phrases:
            tokens = phrase.split()
            got = folded[start : start + len(tokens)]
            if len(got) == len(tokens) and all(
                w == t or (t.endswith("'") and w.startswith(t) and len(w) > len(t))
                for w, t in zip(got, tokens, strict=True)
            ):
                for offset, token in enumerate(tokens):
                    small.setdefault(start + offset, len(token) if token.endswith("'") else 0)
                break
    written = []
    for index, word in enumerate(said):
        if index in small and small[index] == 0:
            written.append(word.lower())
        elif index in small:
            cut = small[index]
            written.append(word[:cut].lower() + _capital_parts(word[cut:]))
        else:
            written.append(_capital_parts(word))
    return " ".join(written)


def _capital_parts(word: str) -> str:
    """« jean-pierre » → « Jean-Pierre », « o'neil » → « O'Neil »."""
    return re.sub(r"[^\W\d_]+", lambda m: m.group()[:1].upper() + m.group()[1:].lower(), word)


#: A word of a person's name written as one (« Paul », « Durand », « Le Goff », « DURAND »,
#: « Jean-Pierre », « d'Ormesson »), or a civility before it (« M. », « Mme »).
_NAME_WORD = re.compile(r"(?:[A-ZÀ-Ý][a-zà-ÿ]+|[A-ZÀ-Ý]{2,})(?:[-'’][A-ZÀ-Ýa-zà-ÿ]+)*|M\.|Mme|Mlle")


def name_in_sentence(value: str) -> str | None:
    """The person's name a sentence holds (« en fait c'est Paul Durand le contact, pas
    moi » → « Paul Durand »): the one run of two to four words written as a name (capitals:
    `_NAME_WORD`; never a word opening a sentence, vocabulary `text.role_openings`), every
    other word in lower case, three of them at least. None otherwise: a name typed alone
    (« Paul Durand », « Jean de la Fontaine »), in lower case, or words with other capitals
    (« Mme Dupont de la Fédération »)."""
    from dialogs.parsing.vocabulary import vocabulary

    openings = set(vocabulary().text.role_openings) | {"en"}
    tokens = [t.strip(' ,;:.!?()«»"') for t in value.split()]
    tokens = [t for t in tokens if t]
    named = [bool(_NAME_WORD.fullmatch(t)) and fold(t).rstrip("'") not in openings for t in tokens]
    runs: list[tuple[int, int]] = []
    start = None
    for at, is_name in enumerate([*named, False]):
        if is_name and start is None:
            start = at
        elif not is_name and start is not None:
            runs.append((start, at))
            start = None
    long_runs = [(a, b) for a, b in runs if 2 <= b - a <= 4]
    if len(long_runs) != 1 or len(runs) != 1:
        return None
    first, end = long_runs[0]
    others = tokens[:first] + tokens[end:]
    if len(others) < 3 or any(t[:1].isupper() and fold(t) not in openings for t in others):
        return None
    return " ".join(tokens[first:end])


def _no_person_named(value: str) -> bool:
    """Whether words where a person's name is asked are clearly something else (a tester's
    « accompagnement de proximité, formations inter-structures, appui individuel + une
    lettre… », typed at « Dois-je retenir « Marie Dupont » comme nom ? »): more than six
    words, a comma or a « + », no title and no name written with capitals."""
    said = value.split()
    if len(said) <= 6 or not re.search(r"[,+;]", value) or _is_role(value, strict=True):
        return False
    return not any(_NAME_WORD.fullmatch(t.strip(" ,;:.!?()")) for t in said[1:])


#: A person's name holds a few words: more (civilities and a surname's small words not
#: counted) make a sentence or a list (« on accompagne des jeunes et des adultes »).
_NAME_MAX_WORDS = 5

#: A title holds a few words too; more make a sentence about something else.
_TITLE_MAX_WORDS = 16


def _sentence_words(*, name: bool = False) -> frozenset[str]:
    """Words no title holds, that a sentence does (vocabulary `text.sentence_words`: « on »,
    « nous »); for a person's `name`, the words of a list of activities too (« pour »,
    « avec »: `text.not_in_names`)."""
    from dialogs.parsing.vocabulary import vocabulary

    text = vocabulary().text
    return frozenset(text.sentence_words) | (frozenset(text.not_in_names) if name else set())


def _more_than_a_name(value: str) -> Literal["sentence", "odd"] | None:
    """Whether words typed where a person's name is asked say more than a name: "sentence"
    when they hold more than `_NAME_MAX_WORDS` words (civilities and a surname's small words
    not counted, a hyphenated name one word) and a word only a sentence or a list holds (« on
    accompagne des jeunes et des adultes en insertion », « ateliers et formations pour les
    encadrants des SIAE »: a tester's activity list stored as the contact's name); "odd"
    when only one of the two (« Jean Sur », « Maria da Conceição dos Santos Ferreira »: names,
    asked back, never refused); None for a name."""
    from dialogs.parsing.vocabulary import vocabulary

    text = vocabulary().text
    civilities = {c.rstrip(".") for names in text.civilities.values() for c in names}
    small = set(text.name_particles) | {"d", "l", "la", "le"}
    folded = fold(value)
    said = [w for w in words(folded) if w not in civilities and w not in small]
    whole = [w for w in re.split(r"[\s,;]+", folded) if w and w.strip(".'’") not in civilities]
    long = len([w for w in whole if w not in small]) > _NAME_MAX_WORDS
    worded = bool(set(said) & _sentence_words(name=True))
    if long and worded:
        return "sentence"
    return "odd" if long or worded else None


def not_a_title(value: str) -> bool:
    """Whether words typed for a person's title (the representative's, the contact's) are
    something else: a figure counting something (« 7 salariés », « 6,2 ETP », « 12
    bénévoles »: the organisation's facts, which have their own questions), a word only a
    sentence holds (« on accompagne des jeunes »), or more than `_TITLE_MAX_WORDS` words.
    A figure naming no count is a title's (« directeur du pôle 2 »)."""
    from dialogs.parsing.vocabulary import vocabulary

    folded = fold(value)
    said = words(folded)
    # « l' », « d' » elided are no words of their own (« vice-présidente en charge de
    # l'insertion et de l'emploi »)
    counted_words = [w for w in said if w not in {"l", "d"}]
    if len(counted_words) > _TITLE_MAX_WORDS or set(said) & _sentence_words():
        return True
    # The organisation's own facts, which have their questions (headcount, volunteers, FTE,
    # amounts): « coordinatrice des 40 SIAE adhérentes » is a title
    people = list(vocabulary().numbers.counted_kinds.get("people", ()))
    counted = {w for w in people if w.startswith(("salari", "benevol"))}
    counted |= set(vocabulary().fte.units) | {"euro", "euros", "eur", "k"}
    after = re.finditer(r"\d+(?:[.,]\d+)?\s*(€|%|[a-z]+)", folded)
    return any(m.group(1) in counted | {"€", "%"} for m in after)


def _name_and_role(value: str, *, typed: str) -> None:
    """« marie dupont, directrice »: a name followed by a job title is asked back as the
    name alone (the role has its own question, where the title is carried:
    `dialogs.carry_over`; kept whole, it would be printed twice, « marie dupont,
    directrice, directrice »). Sent again as is (`typed`, the words introducing it
    included), it is kept as typed (`asking_back`)."""
    found = name_and_role(value)
    if found is not None:
        name, role = found
        raise NeedsConfirmation("person_with_role", person_name(name), typed=typed, role=role)


ChatMeaning = Literal["filler", "unknown", "later", "pause"]


def _only_joins(value: str) -> bool:
    """Whether the words of `value` but its figures only join them (« 06 … ou 03 … »)."""
    return {w for w in words(fold(value)) if not w.isdigit()} <= {"ou", "et"}


def chat_word(text: str) -> ChatMeaning | None:
    """What a whole answer means when it is only a chat word (vocabulary `text`): a filler or
    an acknowledgement ("euh", "ok", "merci"), "I don't know" ("jsp"), "later" ("je
    reprendrai plus tard"), a wish to pause ("stop", "menu"). None for any real answer."""
    from dialogs.parsing.vocabulary import vocabulary, whole_answer

    folded = fold(text)
    chat = vocabulary().text
    meanings: tuple[ChatMeaning, ...] = ("filler", "unknown", "later", "pause")
    return next((m for m in meanings if whole_answer(folded, getattr(chat, m))), None)


AsideMeaning = Literal["wait", "question"]


def aside(text: str) -> AsideMeaning | None:
    """What a whole message typed at a figure question means when it is only an aside:
    "wait" when it asks for a moment (« une seconde je cherche », « attendez », « je
    reviens »: vocabulary `text.asides`, with `text.aside_fillers` around), "question" when
    it says a question follows (« c une question »: `text.question_coming`). None for any
    other message: an answer, a question, a correction."""
    from dialogs.parsing.vocabulary import phrase_pattern, vocabulary, whole_answer

    said = vocabulary().text
    folded = fold(text)
    if len(folded) > 80:
        return None
    if whole_answer(folded.replace("?", " "), said.question_coming):
        return "question"
    found = phrase_pattern(said.asides).subn(" ", folded)
    rest = phrase_pattern(said.aside_fillers).sub(" ", found[0])
    if found[1] and not words(rest):
        return "wait"
    return None


def asks_for_example(text: str) -> bool:
    """Whether a message asks how to word the answer (« vous avez un exemple ? », « je sais
    pas quoi mettre ») rather than a question on the call: a phrase of vocabulary
    `text.example_request` in a question, or in a message of a few words (« un exemple
    svp », « on met quoi »); an answer may speak of examples (« Partage des exemples de
    bonnes pratiques », « Un exemple de convention partagé entre SIAE »)."""
    from dialogs.parsing.vocabulary import has_phrase, vocabulary

    if not (looks_like_question(text) or len(text.split()) <= 3):
        return False
    return has_phrase(fold(text), vocabulary().text.example_request)


def _says_no(text: str) -> bool:
    """Whether a whole answer is only a "no" ("non", "nan", "rien", "aucun")."""
    from dialogs.parsing.vocabulary import vocabulary, whole_answer

    return whole_answer(fold(text), vocabulary().yes_no.no)


def not_at_hand(text: str) -> bool:
    """Whether a whole answer says the number or address asked is not at hand ("je ne
    l'ai pas sous la main", "pas encore", "pas de SIRET pour l'instant", "le SIRET plus
    tard"): "later", at an identifier only."""
    from dialogs.parsing.vocabulary import vocabulary, whole_answer

    folded = fold(text).replace(",", " ")
    words = vocabulary().text
    return whole_answer(folded, words.not_at_hand) or _not_yet(folded)


def _not_yet(folded: str) -> bool:
    """ "pas de SIRET pour l'instant", "pas encore de SIRET", "le SIRET plus tard": an
    opening, at most four words and an ending (none after "encore"), or at most four words
    and a "later" ending (vocabulary `text.not_yet`)."""
    from dialogs.parsing.vocabulary import vocabulary

    core = " ".join(folded.strip(" .!;:…").split())
    if len(core) > 120:
        return False
    said = vocabulary().text.not_yet
    opening = _longest_prefix(core, said.openings)
    if opening is not None:
        rest = core[len(opening) :].strip()
        ending = _longest_suffix(rest, said.endings)
        named = rest if ending is None else rest[: -len(ending)].strip()
        if 1 <= len(named.split()) <= 4 and (ending is not None or "encore" in opening):
            return True
        if named in said.identifiers:  # « pas de RNA », « on n'a pas de numéro SIRET »
            return True
    ending = _longest_suffix(core, said.later)
    named = "" if ending is None else core[: -len(ending)].strip()
    return 1 <= len(named.split()) <= 4


def _longest_prefix(text: str, phrases: tuple[str, ...]) -> str | None:
    found = [
        p
        for p in phrases
        if text == p or text.startswith(p + " ") or (p.endswith("'") and text.startswith(p))
    ]
    return max(found, key=len) if found else None


def _longest_suffix(text: str, phrases: tuple[str, ...]) -> str | None:
    found = [p for p in phrases if text == p or text.endswith(" " + p)]
    return max(found, key=len) if found else None


# Openings that make a French sentence a question even without its "?" (folded, so "Quel"
# and "quel", "où" lost its accent and is checked on the typed text). Kept to words that no
# answer of the form opens with: "quelque", "comment nous..." as a description is asked about,
# never discarded (the interview asks "your answer or a question?").
_ASKING = re.compile(
    r"^(?:(?:mais|et|donc|bon|ben|bah|alors|du coup|sinon|d'ailleurs)\b[\s,]*)?(?:"
    # ("Quel que soit le territoire", "Quels que soient les publics": an answer's concession)
    r"(?:quel|quelle|quels|quelles)\b(?!\s+que?\b)"
    r"|(?:lequel|laquelle|lesquels|lesquelles|combien)\b"
    r"|pourquoi\b(?! pas\b)"  # "Pourquoi pas" agrees
    r"|comment\b(?! (?:nous|on) )"  # "Comment nous accompagnons..." may describe
    r"|quand\b(?:(?![ -]meme|[ -]bien))"
    r"|(?:jusqu'?\s?a|a partir de|depuis|pour) quand\b"  # "jusqu'a quand on peut candidater"
    r"|est[ -]ce\b|qu'est[ -]ce\b|qu est[ -]ce\b|qu'est ce\b"
    r"|c'est quoi\b|c quoi\b|c koi\b|ce quoi\b|c'est koi\b|kel(?:le)?s?\b"
    r"|c(?:'est| est)? quand\b"
    r"|(?:c'est|c est|c|ca fait|ca ferait) combien\b"  # « c'est combien le max »
    r"|on (?:peut|pourrait|a le droit)\b"  # "on peut déposer par mail": the spoken "peut-on"
    r"|y a[ -]t[ -]il\b|a[ -]t[ -]on\b"
    r"|(?:peut|peuvent|puis|dois|doit|doivent|faut|est|sont|ai|avons|pouvons|devons|existe"
    r"|suis|sommes|pourrait|pourrais|pourrions|faudrait)(?:-t)?-(?:je|il|elle|on|nous|vous|ils|elles)\b"
    r")"
)
# What opens a question only where the text cannot be an answer (a button step): "nous
# pouvons accueillir 30 salariés" is a question at "Type de structure", a plan at
# "Description" ("on peut …", spoken as often as "peut-on …", is asked back there).
_MAYBE_ASKING = re.compile(
    r"^(?:je peux|je pourrais|nous pouvons|il est possible|c'est possible|ai-je le droit)\b"
)


def looks_like_question(text: str, *, openings: bool = True) -> bool:
    """Whether `text` reads as a question put to the bot: it ends with "?", or (`openings`)
    it opens the way French questions do ("quel est le taux max des frais indirects",
    "comment faire", "est-ce que...", "c koi", "peut-on..."). An answer may still look like
    one: callers ask back rather than decide."""
    stripped = text.strip()
    if len(stripped) <= 3:
        return False
    if stripped.endswith("?"):
        return True
    if not openings:
        return False
    if stripped[:3].casefold() in ("où ", "ou'"):
        return True
    return _ASKING.match(fold(stripped)) is not None


# Marks of a question anywhere in a sentence typed without its "?" (a tester's « bon ben on
# est quand même une asso d'insertion, on peut candidater ou pas », « on voulait juste savoir
# si on peut etre partenaire »): « … ou pas » / « … ou non » closing it, « savoir si », « je
# me demandais si », « est-ce que » within it. Only where the text cannot be an answer.
_ASKING_WITHIN = re.compile(
    r"(?:\bou (?:pas|non)\s*[.!]*$"
    r"|\w\s*\?+\s+\w"  # « on peut pas candidater quand meme ? on accompagne des BRSA »
    r"|\b(?:savoir|demandais|demandait|demandions|demande) si\b"
    r"|\best[ -]ce qu)"
)


def asks_within(text: str) -> bool:
    """Whether `text` holds a question's mark within it, its "?" left out (`_ASKING_WITHIN`:
    « … on peut candidater ou pas », « on voulait juste savoir si … »)."""
    return _ASKING_WITHIN.search(fold(text.strip())) is not None


def may_be_question(text: str) -> bool:
    """`looks_like_question`, or a text opening like a request ("on peut financer un
    logiciel", "je peux ..."), or holding a question's mark within it (`asks_within`): a
    question where the text cannot be an answer (a button step; at a SIRET, "je peux vous
    l'envoyer plus tard" is a refused answer)."""
    return (
        looks_like_question(text)
        or _MAYBE_ASKING.match(fold(text.strip())) is not None
        or asks_within(text)
    )


def place_without_opening(text: str) -> str:
    """A place split off another answer without the words opening it (« sur Arras » →
    « Arras », « dans le Boulonnais » → « le Boulonnais »: vocabulary `text.place_openings`),
    as it is stored and printed; `text` itself when nothing would be left."""
    from dialogs.parsing.vocabulary import vocabulary

    words_typed = text.strip().split()
    openings = sorted((o.split() for o in vocabulary().text.place_openings), key=len, reverse=True)
    for opening in openings:
        head = [fold(w) for w in words_typed[: len(opening)]]
        if head == opening and len(words_typed) > len(opening):
            return " ".join(words_typed[len(opening) :])
    return text.strip()
