"""What an applicant types about their organisation and its contact, several facts in one
line, as a tester typed them: a SIRET with the organisation's name, an RNA with its legal
form, the contact's name with a title, a phone and an e-mail. Each goes to its question,
checked there like a typed answer; nothing of it is printed as part of a name or a title.
Words that hold no answer yet (« je sais pas trop quoi mettre là », « à voir ») are never
printed in the drafts as the answer. The documents are read back."""

from __future__ import annotations

import io

from docx import Document

from dialogs.review import review
from drafts import render_drafts
from drafts.typography import plain
from tests.support import DURING_CALL, Walk, script_lines, walk_to


def letter_text(walk: Walk) -> str:
    """The courrier (with the déclaration sur l'honneur), as Word prints it."""
    drafts = render_drafts(walk.engine.spec, walk.dossier, DURING_CALL, {"docx"})
    letter = next(f for f in drafts.files if "courrier" in f.name)
    return plain("\n".join(p.text for p in Document(io.BytesIO(letter.content)).paragraphs))


def plan_markdown(walk: Walk) -> str:
    drafts = render_drafts(walk.engine.spec, walk.dossier, DURING_CALL, {"md"})
    return next(f for f in drafts.files if f.name.endswith(".md")).content.decode()


def walk_typing(key: str, lines: list[str], *, skipping: int = 0) -> Walk:
    """The complete script, `lines` typed at `key` instead of its line, the `skipping`
    script lines after it left out (the questions the lines answered already)."""
    walk = Walk(today=DURING_CALL)
    script = iter(script_lines())
    for line in script:
        if walk.key == key:
            for typed in lines:
                walk.send(typed)
            for _ in range(skipping):
                next(script)
            continue
        walk.send(line)
    return walk


# -- the organisation's name with its SIRET -----------------------------------------------------
def test_a_siret_typed_with_the_name_is_left_out_of_the_name_and_taken_as_the_siret() -> None:
    """« IRIAE 62, siret 812 345 676 00017 » was the name, and the SIRET asked again."""
    walk = walk_to("org.name")
    walk.send("IRIAE 62, siret 812 345 676 00017")
    organisation = walk.dossier.organisation
    assert organisation.name == "IRIAE 62"
    assert organisation.siret == "81234567600017"
    assert walk.key == "org.legal_form"
    assert "je retiens aussi « SIRET » : 812 345 676 00017" in walk.text


def test_a_wrong_siret_typed_with_the_name_is_refused_at_the_siret_for_its_check_key() -> None:
    """The tester's SIRET (a digit wrong) was printed in the sworn statement as part of the
    name; it is checked at the SIRET question instead, and refused for its key."""
    walk = walk_to("org.name")
    name = "Fédération des Chantiers d'Insertion Hauts-de-France (FCI HDF)"
    walk.send(f"{name}, siret 812 345 678 00024")
    organisation = walk.dossier.organisation
    assert organisation.name == name
    assert organisation.siret is None and walk.key == "org.siret"
    assert "clé de contrôle ne correspond pas" in walk.text
    assert "ne contient que des chiffres" not in walk.text


def test_the_name_typed_with_its_siret_reaches_the_sworn_statement_alone() -> None:
    walk = walk_typing("org.name", ["IRIAE 62, siret 812 345 676 00017"], skipping=1)
    assert walk.dossier.organisation.name == "IRIAE 62"
    assert walk.dossier.organisation.siret == "81234567600017"
    text = letter_text(walk)
    assert "IRIAE 62, siret" not in text
    assert "l’organisme IRIAE 62" in text or "l'organisme IRIAE 62" in text


def test_a_siret_with_a_wrong_key_among_words_is_said_to_fail_its_check() -> None:
    """« ah pardon 812345678 00005 » was answered « Un SIRET ne contient que des chiffres »:
    the digits were fine, the key was wrong."""
    walk = walk_to("org.siret")
    walk.send("ah pardon 812345678 00005")
    assert walk.dossier.organisation.siret is None
    assert "clé de contrôle ne correspond pas" in walk.text
    assert "ne contient que des chiffres" not in walk.text


def test_the_rna_typed_with_the_legal_form_is_taken_at_the_rna_question() -> None:
    walk = walk_to("org.legal_form")
    walk.send("association loi 1901, RNA W623001234")
    organisation = walk.dossier.organisation
    assert organisation.legal_form == "Association loi 1901"
    assert organisation.rna == "W623001234"
    assert walk.key == "org.level" or walk.key == "org.members"


# -- the contact: « moi », a name, a title, a phone and an e-mail -------------------------------
def test_myself_a_name_and_a_title_without_a_comma_give_the_title_alone() -> None:
    """« moi, Claire Dubois chargée de mission » offered « Claire Dubois chargée de mission »
    as the title; the courrier read « Claire Dubois, Claire Dubois chargée de mission »."""
    walk = walk_to("org.contact_name")
    walk.send("moi, Claire Dubois chargée de mission")
    walk.send("oui")
    assert "« chargée de mission » : est-ce votre réponse" in walk.text
    walk.send("oui")
    contact = walk.dossier.organisation.contact
    assert (contact.name, contact.role) == ("Claire Dubois", "chargée de mission")


def test_the_contacts_title_alone_reaches_the_courrier() -> None:
    typed = ["moi, Claire Dubois chargée de mission", "oui", "oui"]
    walk = walk_typing("org.contact_name", typed, skipping=1)
    assert walk.dossier.organisation.contact.role == "chargée de mission"
    text = letter_text(walk)
    assert "Claire Dubois, Claire Dubois" not in text
    assert "Claire Dubois, chargée de mission" in text


def test_a_contact_line_with_phone_and_email_fills_each_question() -> None:
    """« moi, Claire Dubois, chargée de mission, 03 21 00 00 00, c.dubois@x.fr » was refused
    whole: « contient des chiffres »."""
    walk = walk_to("org.contact_name")
    walk.send("moi, Claire Dubois, chargée de mission, 03 21 00 00 00, c.dubois@x.fr")
    assert "contient des chiffres" not in walk.text
    assert "Dois-je retenir « Claire Dubois » comme nom ?" in walk.text
    walk.send("oui")
    contact = walk.dossier.organisation.contact
    assert (contact.name, contact.role) == ("Claire Dubois", "chargée de mission")
    assert contact.email == "c.dubois@x.fr"
    assert contact.phone == "+33321000000"
    assert walk.key == "plan.context"


def test_a_representatives_phone_typed_with_the_name_is_said_not_kept() -> None:
    """The form asks no phone of the legal representative: the name and title are kept,
    the number said not taken, never printed in the title."""
    walk = walk_to("org.rep_name")
    walk.send("Marie Dupont, présidente, 03 21 00 00 00")
    assert "contient des chiffres" not in walk.text
    walk.send("oui")
    representative = walk.dossier.organisation.representative
    assert (representative.name, representative.role) == ("Marie Dupont", "présidente")
    assert "Je n’ai pas repris « 03 21 00 00 00 »" in walk.text
    assert walk.key == "org.employees"


# -- words that hold no answer yet -----------------------------------------------------------
def test_placeholder_words_at_the_approach_are_not_recorded_and_may_wait() -> None:
    """« je sais pas trop quoi mettre là » was printed in the plan as the approach."""
    for typed in ("je sais pas trop quoi mettre là", "je vois pas quoi mettre", "bla bla"):
        walk = walk_to("plan.approach")
        walk.send(typed)
        assert walk.dossier.plan.approach is None, typed
        assert "Je n’enregistre pas" in walk.text and "peut aussi attendre" in walk.text
    for typed in ("à voir", "idem"):  # chat words, refused as such
        walk = walk_to("plan.approach")
        walk.send(typed)
        assert walk.dossier.plan.approach is None and walk.key == "plan.approach"


def test_the_approach_left_waiting_reads_to_be_completed_in_the_plan() -> None:
    walk = walk_to("plan.approach")
    walk.send("je sais pas trop quoi mettre là")
    text = plan_markdown(walk)
    assert "je sais pas trop quoi mettre" not in text
    assert "compléter\u202f: approche pédagogique et stratégique]" in text
    assert not review(walk.engine.spec, walk.dossier, DURING_CALL).fileable


def test_the_questions_label_repeated_alone_asks_for_a_sentence() -> None:
    """« approche » at « Approche pédagogique et stratégique » was taken as the approach."""
    walk = walk_to("plan.approach")
    walk.send("approche")
    assert walk.dossier.plan.approach is None and walk.key == "plan.approach"
    assert "en une phrase" in walk.text


def test_the_label_repeated_is_asked_in_plain_french() -> None:
    """« décrivez-la en une phrase » read oddly (the question described?): the answer asked."""
    walk = walk_to("plan.approach")
    walk.send("approche")
    assert "décrivez-la" not in walk.text
    assert (
        "« approche » ne fait que reprendre l’intitulé de la question « Approche pédagogique "
        "et stratégique » : répondez-y en une phrase, s’il vous plaît." in walk.text
    )


def test_a_very_short_description_is_asked_back_and_kept_on_a_yes() -> None:
    """« ça leur bénéficie » went into the plan unsaid: asked back, kept if confirmed."""
    walk = walk_to("plan.public.note")
    walk.send("ça leur bénéficie")
    assert walk.dossier.plan.public.note is None and walk.key == "plan.public.note"
    assert "en une phrase" in walk.text
    walk.send("oui")
    assert walk.dossier.plan.public.note == "ça leur bénéficie"
    walk = walk_to("plan.public.note")  # sent again as is: kept too, never asked in a loop
    walk.send("ça leur bénéficie")
    assert walk.dossier.plan.public.note is None
    walk.send("ça leur bénéficie")
    assert walk.dossier.plan.public.note == "ça leur bénéficie"


def test_an_rna_typed_with_the_name_is_kept_for_its_question_further_on() -> None:
    """The RNA is asked after the SIRET and the legal form: taken with the name, shown at
    its question as recorded; the SIRET still asked."""
    walk = walk_to("org.name")
    walk.send("Inser'Réseau 62, RNA W623001234")
    assert walk.dossier.organisation.name == "Inser'Réseau 62"
    assert walk.dossier.organisation.rna == "W623001234"
    assert "je retiens aussi « Numéro RNA » : W623001234" in walk.text
    assert walk.key == "org.siret"
    walk.send("732 829 320 00074")
    walk.send("Association loi 1901")
    assert walk.key == "org.rna" and "Réponse enregistrée : W623001234" in walk.text


def test_a_contacts_phone_typed_with_the_name_alone_is_kept_for_its_question() -> None:
    """« Claire Dubois, 03 21 00 00 00 »: no title to carry the number on to; the phone is
    the contact's, asked further on: taken for it, shown there as recorded."""
    walk = walk_to("org.contact_name")
    walk.send("Claire Dubois, 03 21 00 00 00")
    contact = walk.dossier.organisation.contact
    assert (contact.name, contact.phone) == ("Claire Dubois", "+33321000000")
    assert "je retiens aussi « Téléphone » : 03 21 00 00 00" in walk.text
    assert walk.key == "org.contact_role"
