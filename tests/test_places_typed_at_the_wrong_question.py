"""A tester typed « 42 » (the count of SIAE, typed again) at the organisation's territory,
and « tout le 62 » at the head office's address: both were stored, without a question
back, and printed in the letterhead and the plan. A number alone is a territory only when
it is the call's département or a postcode; an address names a street or a postcode.
Anything else is asked back, the words naming a territory kept for its question."""

from __future__ import annotations

from dialogs.dossier import Dossier
from tests.support import walk_to


def test_a_number_alone_at_the_territory_is_asked_back_not_stored() -> None:
    walk = walk_to("org.territory")
    walk.send("42")
    assert walk.dossier.organisation.territory is None
    assert walk.key == "org.territory"
    assert "« 42 » : est-ce un nombre de structures ? Quel est votre territoire" in walk.text
    walk.send("62")  # the call's département: a territory
    assert walk.dossier.organisation.territory == "62"


def test_a_postcode_alone_is_a_territory() -> None:
    walk = walk_to("org.territory")
    walk.send("62000")
    assert walk.dossier.organisation.territory == "62000"


def test_an_address_without_a_street_is_refused_and_the_territory_recalled() -> None:
    walk = walk_to("org.address")
    territory = walk.dossier.organisation.territory
    assert territory
    walk.send("tout le 62")
    assert walk.dossier.organisation.address is None
    assert walk.key == "org.address"
    said = walk.text
    assert "« tout le 62 » n’est pas une adresse postale" in said
    assert "par exemple « 12 rue des Arts, 62000 Arras »" in said
    assert "« Territoire d’intervention » est déjà renseigné" in said and territory in said
    walk.send("3 place du 8 mai 1945, BP 30, 62000 Arras")
    assert walk.dossier.organisation.address == "3 place du 8 mai 1945, BP 30, 62000 Arras"


def test_a_territory_typed_at_the_address_is_kept_for_the_territory_not_yet_answered() -> None:
    """The territory not answered yet (left for later in an edit): « tout le 62 » typed at
    the address is offered there, never dropped."""
    walk = walk_to("org.address")
    walk.dossier = Dossier.model_validate(walk.dossier.model_dump())
    walk.dossier.organisation.territory = None
    walk.send("tout le 62")
    assert walk.dossier.organisation.address is None
    assert "je vous les proposerai à la question « Territoire d’intervention »" in walk.text
    assert walk.dossier.set_aside.get("org.territory") == "tout le 62"
