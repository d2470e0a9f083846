"""SIRET, phone numbers and e-mail addresses, with the labels and separators people add
("SIRET : 732 829 320 00074", "tél : 03.21.21.65.50", "e-mail : prenom.nom@reseau.fr").

The checks are the maintained libraries' (python-stdnum for the SIRET's Luhn key and
La Poste's exception, phonenumbers for the French numbering plan and for finding numbers
in a sentence, email-validator for the address syntax); this module only finds the value
in what was typed, and asks back when there are two.
"""

from __future__ import annotations

import re

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from stdnum import exceptions as stdnum_errors
from stdnum.fr import siret as stdnum_siret

from dialogs.parsing.errors import Ambiguous, InvalidAnswer, NeedsConfirmation
from dialogs.parsing.text import fold, normalize

LIMIT = 120

_SIRET_LABEL = re.compile(
    r"\b(?:n|no|num|numero|siret|siren|nic|mon|notre|le|est|c'est|de|du|l'organisme|"
    r"l'association|la structure|association|structure|organisme|ou|et)\b|[°:=#.\-/,;()]"
)
_DIGIT_GROUPS = re.compile(r"\d[\d ]*\d|\d")


def parse_siret(text: str) -> str:
    """14 digits with a valid key, however they are grouped and labelled."""
    if len(text) > LIMIT:
        raise InvalidAnswer("siret_format", length=len(text))
    folded = fold(text)
    leftover = _SIRET_LABEL.sub(" ", folded)
    if re.search(r"[a-z]", leftover):
        _siret_among_words(text)
        raise InvalidAnswer("siret_format", length=len(re.sub(r"\D", "", folded)))
    digits = re.sub(r"\D", "", leftover)
    if len(digits) == 9 and "siret" not in folded:
        raise InvalidAnswer("siret_siren", length=9)
    if len(digits) == 28:
        halves = [digits[:14], digits[14:]]
        valid = [h for h in halves if stdnum_siret.is_valid(h)]
        if len(valid) == 2 and valid[0] != valid[1]:
            raise Ambiguous("siret_several", valid)
        if valid:
            return str(valid[0])
    if len(digits) != 14:
        raise InvalidAnswer("siret_length", length=len(digits))
    try:
        return str(stdnum_siret.validate(digits))
    except stdnum_errors.ValidationError as exc:
        raise InvalidAnswer("siret_checksum") from exc


def _siret_among_words(text: str) -> None:
    """« siret 732 829 320 00074, on est à arras 12 rue des augustins 62000 »: the one valid
    SIRET written among other words is asked back, saying the rest is not kept here (a
    tester's message was refused as a whole). Fourteen digits whose key is wrong (« ah
    pardon 812345678 00005 ») are refused for their key, the real problem (they were told
    « a SIRET holds only digits »). Returns when there is no such SIRET."""
    runs = [m for m in _DIGIT_GROUPS.finditer(text) if len(m.group().replace(" ", "")) == 14]
    found = [m for m in runs if stdnum_siret.is_valid(m.group().replace(" ", ""))]
    if not found and len(runs) == 1:
        raise InvalidAnswer("siret_checksum")
    if len(found) != 1:
        return
    run = found[0]
    rest = f"{text[: run.start()]} {text[run.end() :]}"
    rest = _LEADING_LABEL.sub("", " ".join(rest.split())).strip(" ,;.:-")
    # « ah pardon c'est , on est une asso »: no space left before the punctuation that
    # followed the SIRET, nor the same mark twice
    rest = re.sub(r"\s+([,;.:])", r"\1", rest)
    rest = re.sub(r"([,;.:])(?:\s*[,;.:])+", r"\1", rest)
    siret = run.group().replace(" ", "")
    raise NeedsConfirmation(
        "siret_among_words", siret, rest=_shortened(rest, 80), shown=_grouped(siret)
    )


def _shortened(text: str, limit: int) -> str:
    """`dialogs.texts.shorten`: a word never cut, « … » where text was left out."""
    from dialogs.texts import shorten

    return shorten(text, limit)


_LEADING_LABEL = re.compile(r"^\W*(?:(?:le|mon|notre)\s+)?(?:n°\s*|numero\s+)?siret\b\W*", re.I)


def _grouped(siret: str) -> str:
    return f"{siret[:3]} {siret[3:6]} {siret[6:9]} {siret[9:]}"


#: A SIRET or an RNA number written in other words, with its label (« siret 812 345 676
#: 00017 », « n° RNA : W623001234 »): fourteen digits (spaces or dots between groups), or W,
#: a département's code and seven digits.
_IDENTIFIER_IN_WORDS = re.compile(
    r"(?:\b(?:n°|no|num[ée]ro)\s*)?(?:\b(?:siret|siren|rna|waldec)\b\s*(?:n°|:|=)?\s*)?"
    r"(?:(?<![\d])\d(?:[ .]?\d){13}(?![\d])|\b[Ww] ?\d[\dA-Za-z] ?(?:\d ?){6}\d\b"
    # a W and too few or too many digits (« rna W62300123 »): checked where the RNA is asked
    r"|\b[Ww]\d{5,12}\b)",
    re.IGNORECASE,
)


def identifier_apart(text: str) -> tuple[str, str] | None:
    """An organisation's SIRET or RNA number typed with its name or legal form (« IRIAE 62,
    siret 812 345 676 00017 », « association loi 1901, RNA W623001234 »): the words
    without it, and the number with its label, for the question asking it (checked there,
    a wrong key refused as when typed there). None when there is none, or nothing else
    (the number alone is no name). Printed whole, the name carried the number into the
    sworn statement and every document's title."""
    found = list(_IDENTIFIER_IN_WORDS.finditer(text))
    if not found:
        return None
    kept, start = [], 0
    for match in found:
        kept.append(text[start : match.start()])
        start = match.end()
    kept.append(text[start:])
    head = " ".join(" ".join(kept).split())
    head = re.sub(r"\(\s*\)", " ", head)  # « IRIAE 62 (siret …) »: its brackets go too
    head = re.sub(r"\s+([,;.:)])", r"\1", head)
    head = re.sub(r"([,;:])(?:\s*[,;:])+", r"\1", " ".join(head.split()))
    head = head.strip(" ,;:-(")
    if not re.search(r"[^\W\d_]", head):
        return None
    return head, ", ".join(" ".join(m.group().split()) for m in found)


def rna_apart(text: str) -> tuple[str, str] | None:
    """The RNA number among carried words (« RNA W623001234, siret … »): the words without
    it, and the number (« W623001234 »); None when there is none."""
    for match in _IDENTIFIER_IN_WORDS.finditer(text):
        try:
            number = parse_rna(match.group())
        except InvalidAnswer:
            continue
        rest = f"{text[: match.start()]} {text[match.end() :]}"
        return " ".join(rest.split()).strip(" ,;:-"), number
    return None


def malformed_rna_apart(text: str) -> tuple[str, str] | None:
    """An RNA number typed wrong among other words (« asso loi 1901 rna W62300123 »: W and
    eight digits): the words without it, and it as typed with its label, to be refused
    with the reason (`parse_rna`), never dropped unsaid. None when there is none."""
    for match in _IDENTIFIER_IN_WORDS.finditer(text):
        typed = " ".join(match.group().split())
        if not re.search(r"[Ww]\s?\d|\brna\b", typed, re.IGNORECASE):
            continue  # a SIRET
        try:
            parse_rna(typed)
        except InvalidAnswer:
            rest = f"{text[: match.start()]} {text[match.end() :]}"
            return " ".join(rest.split()).strip(" ,;:-"), typed
    return None


def siret_is_valid(value: str | None) -> bool:
    return value is not None and bool(stdnum_siret.is_valid(value))


# The RNA number of an association (répertoire national des associations): W, the
# département's code (two digits, "2A"/"2B" for Corsica, a digit and a letter overseas),
# then seven digits. python-stdnum has no French RNA; the format is all there is to check.
RNA = re.compile(r"W\d[\dA-Z]\d{7}")
_RNA_LABEL = re.compile(
    r"\b(?:n|no|num|numero|rna|r\.n\.a|waldec|repertoire national des associations|"
    r"identifiant|mon|notre|le|est|c'est|de|du|l'association|association)\b|[°:=#.\-/,;()]"
)


def parse_rna(text: str) -> str:
    """An association's RNA number ("W623001234"), however it is spaced and labelled."""
    if len(text) > LIMIT:
        raise InvalidAnswer("rna_format")
    folded = fold(text)
    leftover = re.sub(r"\s+", "", _RNA_LABEL.sub(" ", folded)).upper()
    if RNA.fullmatch(leftover):
        return leftover
    if re.fullmatch(r"0\d{9}", leftover):
        raise InvalidAnswer("rna_old_number")
    if re.fullmatch(r"W[\dA-Z]*", leftover) and len(leftover) != len("W623001234"):
        raise InvalidAnswer("rna_length", length=len(leftover))
    raise InvalidAnswer("rna_format")


def rna_is_valid(value: str | None) -> bool:
    return value is not None and RNA.fullmatch(value) is not None


def parse_phone(text: str) -> str:
    """A French phone number, returned in E.164 (+33…)."""
    if len(text) > LIMIT:
        raise InvalidAnswer("phone_invalid")
    value = normalize(text)
    found = [m.number for m in phonenumbers.PhoneNumberMatcher(value, "FR")]
    numbers = list(dict.fromkeys(_e164(n) for n in found))
    if not numbers:
        numbers = _loose_number(value)
    french = [n for n in numbers if n.startswith("+33")]
    if len(french) > 1:
        raise Ambiguous("phone_several", french)
    if french:
        return french[0]
    if numbers:
        raise InvalidAnswer("phone_foreign")
    raise InvalidAnswer("phone_invalid", length=_national_digits(value))


def _national_digits(value: str) -> int | None:
    """How many digits of a French number were typed, counted as the national number (10,
    the leading 0 included: "+33 6 12 34 56 7" has 9), so that a refusal says a digit is
    missing; None when the answer is not digits alone (a label aside) or gives ten."""
    candidate = re.sub(r"^[^+\d(]*", "", value)
    if not candidate or re.search(r"[^\d\s+().\-/]", candidate):
        return None
    digits = re.sub(r"\D", "", candidate)
    if candidate.startswith("+33") or candidate.startswith("0033"):
        digits = "0" + digits.removeprefix("00").removeprefix("33")
    elif candidate.startswith("+"):
        return None
    return None if len(digits) == 10 else len(digits)


def _e164(number: phonenumbers.PhoneNumber) -> str:
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _loose_number(value: str) -> list[str]:
    """A number the matcher skips ("3 21 21 65 50", without its 0): read alone, without
    letters (phonenumbers would read "standard" as digits)."""
    candidate = re.sub(r"^[^+\d(]*", "", value)
    if re.search(r"[^\d\s+().\-/]", candidate):
        return []
    try:
        number = phonenumbers.parse(candidate, "FR")
    except phonenumbers.NumberParseException:
        return []
    return [_e164(number)] if phonenumbers.is_valid_number(number) else []


def format_siret(siret: str) -> str:
    """ "73282932000074" -> "732 829 320 00074" (SIREN in threes, then the establishment's
    five digits, as the Insee prints it); anything else unchanged."""
    if len(siret) != 14 or not siret.isdigit():
        return siret
    return f"{siret[:3]} {siret[3:6]} {siret[6:9]} {siret[9:]}"


def format_phone(e164: str) -> str:
    """ "+33321216550" -> "03 21 21 65 50"."""
    try:
        number = phonenumbers.parse(e164, "FR")
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)


_EMAIL_LABEL = re.compile(
    r"^\s*(?:(?:mon|notre|l'|adresse|e-?mail|mel|mail|courriel|electronique|e-mail|est|:|-)\s*)+",
    re.IGNORECASE,
)
_AT_WORDS = re.compile(r"\s*(?:\[at\]|\(at\)|\barobase\b)\s*", re.IGNORECASE)
_ADDRESS = re.compile(r"[^\s<>()\[\],;:\"']+@[^\s<>()\[\],;:\"']+")


def beside_email(text: str) -> str | None:
    """The words typed beside one e-mail address when they hold a figure (« s.lefebvre@
    iriae62.fr tel 06 12 34 56 78 » → « tel 06 12 34 56 78 »: the phone, for the question
    after); None otherwise."""
    value = re.sub(r"\s*@\s*", "@", _AT_WORDS.sub("@", normalize(text)))
    addresses = _ADDRESS.findall(value)
    if len(addresses) != 1:
        return None
    rest = " ".join(value.replace(addresses[0], " ").split()).strip(" ,;.-")
    return rest if re.search(r"\d", rest) else None


_DETAIL_LABEL = re.compile(
    r"[\s,;/-]*\b(?:t[ée]l(?:[ée]phone)?|portable|mobile|fixe|e-?mail|mail|m[ée]l|courriel)"
    r"\b\.?\s*:?\s*$",
    re.IGNORECASE,
)


def contact_details_apart(text: str) -> tuple[str, list[str]]:
    """The e-mail addresses and phone numbers typed with a person's name or title
    (« moi, Claire Dubois, chargée de mission, 03 21 00 00 00, c.dubois@x.fr »): the words
    without them (their labels, « tel », « mail », gone too), and them, addresses first
    (the phone after an address goes on from the e-mail question: `beside_email`).
    The words unchanged and no detail when there is none."""
    value = normalize(text)
    emails = [a.rstrip(".") for a in _ADDRESS.findall(value) if "@" in a]
    for address in emails:
        value = value.replace(address, " , ")
    phones = [m.raw_string for m in phonenumbers.PhoneNumberMatcher(value, "FR")]
    for phone in phones:
        value = value.replace(phone, " , ")
    if not emails and not phones:
        return text, []
    parts = [_DETAIL_LABEL.sub("", p).strip(" .:-") for p in re.split(r"\s*[,;]\s*", value)]
    return ", ".join(p for p in parts if p), [*emails, *phones]


def parse_email(text: str) -> str:
    """An e-mail address, labelled or not ("mail : x@y.fr", "Marie <x@y.fr>")."""
    if len(text) > 320:
        raise InvalidAnswer("email_invalid")
    value = _AT_WORDS.sub("@", normalize(text))
    value = re.sub(r"\s*@\s*", "@", value)
    addresses = list(dict.fromkeys(a.rstrip(".") for a in _ADDRESS.findall(value)))
    if len(addresses) > 1:
        raise Ambiguous("email_several", addresses)
    if not addresses:
        raise InvalidAnswer("email_invalid")
    try:
        result = validate_email(addresses[0], check_deliverability=False)
    except EmailNotValidError as exc:
        raise InvalidAnswer("email_invalid") from exc
    return str(result.normalized)
