"""A phone number typed in the postal address (« 12 rue X 62000 Arras tel 03 21 00 00 00 »),
as an applicant copies their letterhead: the address is taken without it at once (never
printed in the courrier's address), and the number is kept for the phone question, offered
there (« est-ce celui du contact ? »). It was asked back instead (« Dois-je retenir … ? »),
and a « oui » dropped the number: the applicant typed it again, if they noticed."""

from __future__ import annotations

from dialogs.asking_back import NO, YES
from dialogs.events import Choose
from tests.support import Walk, script_lines, walk_replacing, walk_to

ADDRESS_WITH_PHONE = "12 rue X 62000 Arras tel 03 21 00 00 00"
OFFER = "Le numéro 03 21 00 00 00, que vous aviez écrit plus tôt : est-ce celui du contact ?"


def _at_the_phone(address: str = ADDRESS_WITH_PHONE) -> Walk:
    """The complete script, `address` typed at the address, up to the phone question."""
    walk = walk_to("org.address")
    walk.send(address)
    lines = script_lines()
    for line in lines[lines.index("12 rue des Arts, 62000 Arras") + 1 :]:
        if walk.key == "org.phone":
            return walk
        walk.send(line)
    raise AssertionError("the phone is never asked")


def test_the_address_is_taken_without_the_phone_and_the_applicant_told_where_it_went() -> None:
    walk = walk_to("org.address")
    walk.send(ADDRESS_WITH_PHONE)
    assert walk.dossier.organisation.address == "12 rue X, 62000 Arras"
    assert walk.key == "org.rep_name"  # no question back: on to the next one
    assert "Je retiens l’adresse « 12 rue X, 62000 Arras », sans le numéro « 03 21 00 00 00 »" in (
        walk.text
    )
    assert "Je vous le proposerai à la question « Téléphone »." in walk.text


def test_at_the_phone_question_the_number_from_the_address_is_offered_and_taken_with_yes() -> None:
    walk = _at_the_phone("12 rue X, 62000 Arras\ntél. : 03 21 00 00 00")
    assert walk.dossier.organisation.address == "12 rue X, 62000 Arras"
    question, offer = walk.last.messages[-2:]
    assert question.key == offer.key == "org.phone"
    assert OFFER in offer.html
    assert [b.id for b in offer.buttons] == [YES, NO]
    walk.send(Choose("org.phone", YES))
    assert walk.dossier.organisation.contact.phone == "+33321000000"
    assert walk.key != "org.phone" and walk.dossier.set_aside == {}


def test_a_no_leaves_the_phone_to_type_and_the_number_is_offered_no_more() -> None:
    walk = _at_the_phone()
    walk.send("non")
    assert walk.key == "org.phone" and walk.dossier.organisation.contact.phone is None
    assert walk.dossier.set_aside == {} and OFFER not in walk.text
    walk.send("06 12 34 56 78")
    assert walk.dossier.organisation.contact.phone == "+33612345678"


def test_the_number_is_never_lost_going_back_and_forth_nor_is_another_one_typed_refused() -> None:
    walk = _at_the_phone()
    walk.send("précédent")
    assert walk.key == "org.email" and "n’a pas été enregistré" not in walk.text
    walk.send("m.dupont@inser-reseau62.fr")
    assert walk.key == "org.phone" and OFFER in walk.text  # offered again
    walk.send("06 12 34 56 78")  # the contact's own mobile instead: taken, nothing asked
    assert walk.dossier.organisation.contact.phone == "+33612345678"
    assert walk.dossier.set_aside == {}


def test_a_phone_already_given_is_kept_when_the_address_is_corrected_with_a_number() -> None:
    walk = walk_replacing({})  # the whole dossier, its phone given
    phone = walk.dossier.organisation.contact.phone
    assert phone is not None
    walk.send(Choose("review", "edit"))
    walk.send(Choose("edit", "organisation"))
    walk.send(Choose("edit:organisation", "org.address"))
    assert walk.key == "org.address"
    walk.send(ADDRESS_WITH_PHONE)
    assert walk.dossier.organisation.address == "12 rue X, 62000 Arras"
    assert walk.dossier.organisation.contact.phone == phone
    assert "« Téléphone » est déjà renseigné (<b>03 21 21 65 50</b>) : je le garde" in (
        walk.last.messages[0].html + walk.last.messages[1].html
    )
    assert walk.dossier.set_aside == {}


def test_an_address_with_two_numbers_keeps_the_first_for_the_phone_and_says_the_second_is_not() -> (
    None
):
    """« 12 rue X 62000 Arras - 03 21 00 00 00 / 06 12 34 56 78 »: the address was asked back
    with the mobile in it, and a « oui » dropped the mobile unsaid."""
    walk = walk_to("org.address")
    walk.send("12 rue X 62000 Arras - 03 21 00 00 00 / 06 12 34 56 78")
    assert walk.dossier.organisation.address == "12 rue X, 62000 Arras"
    assert walk.key == "org.rep_name"
    assert walk.dossier.set_aside == {"org.phone": "03 21 00 00 00"}
    assert "sans le numéro « 03 21 00 00 00 »" in walk.text
    assert "« 06 12 34 56 78 » n’est pas retenu" in walk.text


def test_a_letterhead_with_phone_and_fax_leaves_neither_the_fax_nor_its_label_in_the_address() -> (
    None
):
    """« BP 12, 62000 Arras cedex, tél 0321000000 fax 0321000001 » kept the address « BP 12,
    62000 Arras cedex, fax », printed so in the courrier's letterhead, and dropped the fax
    number unsaid."""
    walk = walk_to("org.address")
    walk.send("BP 12, 62000 Arras cedex, tél 0321000000 fax 0321000001")
    assert walk.dossier.organisation.address == "BP 12, 62000 Arras cedex"
    assert walk.dossier.set_aside == {"org.phone": "0321000000"}
    assert "« 0321000001 » : numéro de fax, non retenu" in walk.text
    assert "fax" not in (walk.dossier.organisation.address or "")
