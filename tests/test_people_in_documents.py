"""The people and places the official documents print, told as a hurried applicant typed
them: a legal representative's function in parentheses or between civility and name, an
address with the phone number in it. The courrier and the déclaration sur l'honneur are
read back."""

from __future__ import annotations

import io

from docx import Document

from dialogs.review import review
from drafts import render_drafts
from drafts.typography import plain
from tests.support import DURING_CALL, Walk, walk_replacing, walk_to


def letter_text(walk: Walk) -> str:
    """The courrier (with the déclaration sur l'honneur), as Word prints it."""
    drafts = render_drafts(walk.engine.spec, walk.dossier, DURING_CALL, {"docx"})
    letter = next(f for f in drafts.files if "courrier" in f.name)
    return plain("\n".join(p.text for p in Document(io.BytesIO(letter.content)).paragraphs))


def test_a_function_in_parentheses_is_split_from_the_name_like_after_a_comma() -> None:
    """« Jean-Pierre Leroy (président) » was the name: the courrier read « Jean-Pierre Leroy
    (président), président », the déclaration « Je soussigné(e), Jean-Pierre Leroy
    (président), président »."""
    walk = walk_replacing(
        {"org.rep_name": ["Jean-Pierre Leroy (président)", "oui"], "org.rep_role": ["oui"]}
    )
    representative = walk.dossier.organisation.representative
    assert (representative.name, representative.role) == ("Jean-Pierre Leroy", "président")
    text = letter_text(walk)
    assert "(président)" not in text
    assert "Jean-Pierre Leroy, président" in text


def test_civility_then_function_then_name_is_read_as_such() -> None:
    """« Mme la présidente Annie Caron » got « Dois-je retenir « Mme La » comme nom ? »:
    a civility, a function and a name (Mme, présidente, Annie Caron)."""
    walk = walk_to("org.rep_name")
    walk.send("Mme la présidente Annie Caron")
    assert walk.key == "org.rep_name"
    assert "Dois-je retenir « Mme Annie Caron » comme nom ?" in walk.text
    assert "« présidente » semble être sa fonction" in walk.text


def test_civility_function_and_name_reach_the_declaration() -> None:
    walk = walk_replacing(
        {"org.rep_name": ["Mme la présidente Annie Caron", "oui"], "org.rep_role": ["oui"]}
    )
    representative = walk.dossier.organisation.representative
    assert (representative.name, representative.role) == ("Mme Annie Caron", "présidente")
    assert review(walk.engine.spec, walk.dossier, DURING_CALL).fileable
    assert "Mme Annie Caron, présidente" in letter_text(walk)


def test_a_phone_typed_in_the_address_is_left_out_of_the_letterhead() -> None:
    """« 12 rue X, 62000 Arras tel 0321000000 » was printed whole in the courrier's
    letterhead: the phone number is no part of the address (it has its own question, where
    it is offered: `tests/test_phone_in_address.py`)."""
    walk = walk_replacing(
        {"org.address": ["12 rue X, 62000 Arras tel 0321000000"], "org.phone": ["oui"]}
    )
    assert walk.dossier.organisation.address == "12 rue X, 62000 Arras"
    assert walk.dossier.organisation.contact.phone == "+33321000000"
    text = letter_text(walk)
    assert "12 rue X, 62000 Arras" in text
    assert "0321000000" not in text and "tel" not in text.split("Arras")[1][:10]


def test_an_address_without_a_phone_is_taken_as_typed() -> None:
    walk = walk_to("org.address")
    walk.send("3 place du 8 mai 1945, BP 30, 62000 Arras")
    assert walk.dossier.organisation.address == "3 place du 8 mai 1945, BP 30, 62000 Arras"
