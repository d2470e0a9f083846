"""Natural answers a tester playing a new applicant gave, refused or misread before: each
story is one of theirs, typed as they typed it."""

from __future__ import annotations

from tests.support import walk_to


def _said(text: str) -> str:
    return text.replace("<b>", "").replace("</b>", "")


def test_the_four_quarters_typed_side_by_side_are_the_whole_year() -> None:
    """« T1 T2 T3 T4 » at « Quels mois l'action se déroule-t-elle ? » was refused (« Je n'ai
    pas reconnu ces mois »): the four quarters are the twelve months."""
    walk = walk_to("plan.o1.0.months")
    walk.send("T1 T2 T3 T4")
    action = walk.dossier.plan.actions["o1"][0]
    assert action.months == [f"2025-{m:02d}" for m in range(1, 13)]
    assert walk.key != "plan.o1.0.months"


def test_me_at_the_contact_after_naming_myself_as_the_representative_is_asked_back() -> None:
    """« moi » at « Qui est la personne à contacter ? », after « moi, sandrine lefebvre » at
    the legal representative, was refused with « Quel est votre nom ? »: the name is known,
    asked back, and « oui » takes it."""
    walk = walk_to("org.rep_name")
    walk.send("moi, sandrine lefebvre")
    while walk.key != "org.contact_name":
        walk.send({"org.rep_role": "présidente", "org.annual_budget": "150000"}.get(walk.key, "2"))
    walk.send("moi")
    said = _said(walk.text)
    assert "Quel est votre nom" not in said
    assert "est-ce « Sandrine Lefebvre »" in said
    walk.send("oui")
    assert walk.dossier.organisation.contact.name == "Sandrine Lefebvre"
