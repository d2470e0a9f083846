"""Two answers in one message: a choice and the value the question after it asks.

"2500/mois" at « Comment voulez-vous indiquer le coût de ce poste ? » picks the monthly
cost and gives it (« sur 12 mois » with it gives the months asked after: `_with_months`);
"oui la région" at « D'autres financeurs ? » opens a funder and says its type (« oui la
région et l'état » opens one funder for each: `_more_items`). The first question takes its
answer as ever (asked back when unsure, the words kept with the question asked back); the
words then go to the question that follows, as if typed there, after a line that says so
(« précédent » undoes it). Words for a free text are offered, never stored without a yes:
any words would do there. What the next question refuses is refused there with the reason,
never dropped unsaid.

The package, one module per kind of fact and layer, with no import cycle (`clauses` and
`telling` at the bottom, `carrying` at the top):

- `clauses`: a message cut into the words of each fact; `telling`: what the applicant is
  told when words go elsewhere;
- the facts, by what they carry: `counts`, `places` (territory and months), `titles` (an
  action's title and its facts), `identity` (legal form, RNA), `contacts` (phone, e-mail),
  `posts` (a post's role and figures), `items` (several list items in one message);
- `set_aside`: words kept for a later question, offered there; `reading`: which reader
  splits the words typed at a question; `costs`: whose cost an amount is;
- `ahead`: words refused while a value is asked back, meant for a later question;
  `left_over`: figures typed beside the one taken, kept for the next question or said;
- `carrying`: `carry`, deciding where the words go.

The engine and the asking back import only the names below; names with a leading
underscore are the package's own, shared between its modules.
"""

from dialogs.carry_over.ahead import ahead_for, line_ahead
from dialogs.carry_over.carrying import carry
from dialogs.carry_over.contacts import title_left_with_the_person
from dialogs.carry_over.costs import (
    CANDIDATE,
    allocation_key_kept,
    amount_at_its_mode,
    exemption_kept,
    exemption_note,
    full_time_labels,
    full_time_of_share,
    offer_full_time,
    other_amount,
    post_fte,
    whose_cost,
    without_post_fte,
)
from dialogs.carry_over.counts import breakdown_unkept, share_in_the_territory
from dialogs.carry_over.identity import identifier_instead, identifiers_not_asked
from dialogs.carry_over.items import ItemFacts, each_named, item_facts, set_facts_aside
from dialogs.carry_over.left_over import figures_unkept
from dialogs.carry_over.places import (
    detailed_by_place,
    partly_elsewhere,
    territory_ahead,
    territory_of_address,
)
from dialogs.carry_over.reading import carried_words, split_facts
from dialogs.carry_over.set_aside import kept_for_later, offer_set_aside, set_aside_unused
from dialogs.carry_over.telling import chained

__all__ = [
    "CANDIDATE",
    "ItemFacts",
    "ahead_for",
    "allocation_key_kept",
    "amount_at_its_mode",
    "breakdown_unkept",
    "carried_words",
    "carry",
    "chained",
    "detailed_by_place",
    "each_named",
    "exemption_kept",
    "exemption_note",
    "figures_unkept",
    "full_time_labels",
    "full_time_of_share",
    "identifier_instead",
    "identifiers_not_asked",
    "item_facts",
    "kept_for_later",
    "line_ahead",
    "offer_full_time",
    "offer_set_aside",
    "other_amount",
    "partly_elsewhere",
    "post_fte",
    "set_aside_unused",
    "set_facts_aside",
    "share_in_the_territory",
    "split_facts",
    "territory_ahead",
    "territory_of_address",
    "title_left_with_the_person",
    "whose_cost",
    "without_post_fte",
]
