"""Understanding answers as people type them: one function per field kind, pure, no I/O.

| kind | function | gives |
| --- | --- | --- |
| free text | `parse_text(text, max_length=…)` | the text as typed, cleaned |
| person's name | `parse_text(text, …, content="person")`, `person_name` | the name as written |
| count | `parse_integer(text, minimum=…, maximum=…)` | `int` |
| number of months | `parse_month_count(text, maximum=…)` | `int`, at least 1 |
| amount | `parse_amount(text, percent_base=…, ceiling=…, per=…)` | `Decimal`, to the cent |
| full-time equivalents | `parse_fte(text, maximum=…)` | `Decimal`, two decimals at most |
| months of an action | `parse_months(text, period)` | sorted "YYYY-MM" |
| yes / no | `parse_yes_no(text)` | `bool` |
| one choice | `parse_choice(text, choices, aliases=…)`, `match_choice` | the choice |
| several choices | `parse_multi(text, choices, aliases=…)` | ids, in the choices' order |
| SIRET, RNA, phone, e-mail | `parse_siret`, `parse_rna`, `parse_phone`, `parse_email` | value |
| indicator target | `parse_target_with_comment(text, maximum=…)` | `(int, comment or None)` |

Every parser returns a value or raises `InvalidAnswer` (refused, with what is expected),
`NeedsConfirmation` (understood approximately: confirm `value`) or `Ambiguous` (pick one of
`candidates`); the last two are `Clarification`s. Each exception's `code` names a macro of
`templates/messages/errors.html.j2`, rendered with the exception's `context`.
"""

from dialogs.parsing.choices import (
    contradicts_no,
    match_choice,
    named_body,
    parse_choice,
    parse_multi,
    parse_yes_no,
    says_none,
    typed_place,
    yes_rest,
)
from dialogs.parsing.errors import Ambiguous, Clarification, InvalidAnswer, NeedsConfirmation
from dialogs.parsing.fte import parse_fte, person_after_fte, share_of_people
from dialogs.parsing.identifiers import (
    beside_email,
    contact_details_apart,
    format_phone,
    format_siret,
    identifier_apart,
    malformed_rna_apart,
    parse_email,
    parse_phone,
    parse_rna,
    parse_siret,
    rna_apart,
    rna_is_valid,
    siret_is_valid,
)
from dialogs.parsing.months import parse_months
from dialogs.parsing.numbers import (
    breakdown,
    counted_kinds,
    means_ceiling,
    parse_amount,
    parse_integer,
    parse_month_count,
    parse_target_with_comment,
)
from dialogs.parsing.text import (
    address_and_phone,
    aside,
    asks_for_example,
    asks_within,
    chat_word,
    faxes,
    fold,
    is_phone_only,
    lead_in_apart,
    looks_like_question,
    may_be_question,
    name_capitalised,
    normalize,
    not_a_place,
    not_a_title,
    not_at_hand,
    only_role,
    parse_text,
    person_name,
    phone_numbers,
    place_without_opening,
    role_accented,
    role_after_name,
    role_written,
    speaks_of_people,
)
from dialogs.parsing.vocabulary import choice_aliases

__all__ = [
    "Ambiguous",
    "Clarification",
    "InvalidAnswer",
    "NeedsConfirmation",
    "address_and_phone",
    "aside",
    "asks_for_example",
    "asks_within",
    "beside_email",
    "breakdown",
    "chat_word",
    "choice_aliases",
    "contact_details_apart",
    "contradicts_no",
    "counted_kinds",
    "faxes",
    "fold",
    "format_phone",
    "format_siret",
    "identifier_apart",
    "is_phone_only",
    "lead_in_apart",
    "looks_like_question",
    "malformed_rna_apart",
    "match_choice",
    "may_be_question",
    "means_ceiling",
    "name_capitalised",
    "named_body",
    "normalize",
    "not_a_place",
    "not_a_title",
    "not_at_hand",
    "only_role",
    "parse_amount",
    "parse_choice",
    "parse_email",
    "parse_fte",
    "parse_integer",
    "parse_month_count",
    "parse_months",
    "parse_multi",
    "parse_phone",
    "parse_rna",
    "parse_siret",
    "parse_target_with_comment",
    "parse_text",
    "parse_yes_no",
    "person_after_fte",
    "person_name",
    "phone_numbers",
    "place_without_opening",
    "rna_apart",
    "rna_is_valid",
    "role_accented",
    "role_after_name",
    "role_written",
    "says_none",
    "share_of_people",
    "siret_is_valid",
    "speaks_of_people",
    "typed_place",
    "yes_rest",
]
