"""Identity facts typed together, as the second applicant tester typed them: a phone with
the organisation's name, a funder's amount and status with its name, the État named through
its services (« la DDETS »), an RNA number kept for a legal form that has none (a GIP), a
malformed RNA typed with the legal form, and the address's phone promised at the phone
question while the contact line gave another. Each fact goes to its question or is said
not kept, with the reason; nothing of it is printed where it does not belong. The
documents are read back."""

from __future__ import annotations

import io

from docx import Document

from dialogs.asking_back import YES
from dialogs.dossier import Dossier
from dialogs.events import Choose
from drafts import render_drafts
from drafts.typography import plain
from tests.support import DURING_CALL, Walk, script_lines, walk_to

GIP = "Groupement d’intérêt public"


def _documents(walk: Walk) -> str:
    """The plan (Markdown) and the courrier with the sworn statement (Word), as printed,
    and the files' names."""
    drafts = render_drafts(walk.engine.spec, walk.dossier, DURING_CALL, {"md", "docx"})
    texts = [f.name for f in drafts.files]
    for file in drafts.files:
        if file.name.endswith(".md"):
            texts.append(file.content.decode())
        elif "courrier" in file.name:
            document = Document(io.BytesIO(file.content))
            texts.append("\n".join(p.text for p in document.paragraphs))
    return plain("\n".join(texts))


def _typing(replaced: dict[str, list[str]]) -> Walk:
    """The complete script, the lines of `replaced` typed at their question instead of its
    line; a question already answered by them is not asked, and its line is left out."""
    walk = Walk(today=DURING_CALL)
    lines = script_lines()
    keys: list[str] = []
    probe = Walk(today=DURING_CALL)
    for line in lines:  # each script line's question
        keys.append(probe.key)
        probe.send(line)
    for key, line in zip(keys, lines, strict=True):
        if key in replaced:
            for typed in replaced.pop(key):
                walk.send(typed)
        elif walk.key == key:
            walk.send(line)
    return walk


# -- 3. a phone typed with the organisation's name ------------------------------------------
def test_a_phone_typed_with_the_organisations_name_is_set_aside_for_the_phone_question() -> None:
    """« Inser Eco 62 association, 03 21 00 00 00 » was the name, printed in every document
    and file name; the number is kept apart and offered at « Téléphone »."""
    walk = walk_to("org.name")
    walk.send("Inser Eco 62 association, 03 21 00 00 00")
    assert walk.dossier.organisation.name == "Inser Eco 62 association"
    assert walk.key == "org.siret"
    assert "Le numéro « 03 21 00 00 00 » n’est pas repris dans le nom" in walk.text
    assert "Je vous le proposerai à la question « Téléphone »." in walk.text
    assert walk.dossier.set_aside == {"org.phone": "03 21 00 00 00"}


def test_the_phone_typed_with_the_name_is_offered_at_the_phone_and_never_printed_in_names() -> None:
    walk = _typing(
        {"org.name": ["Inser Eco 62 association, 03 21 00 00 00"], "org.phone": []},
    )
    assert walk.key == "org.phone"
    assert "Le numéro 03 21 00 00 00" in walk.text and "celui du contact" in walk.text
    walk.send(Choose("org.phone", YES))
    assert walk.dossier.organisation.contact.phone == "+33321000000"
    assert walk.dossier.organisation.name == "Inser Eco 62 association"
    printed = _documents(walk)
    assert "Inser Eco 62 association" in printed
    assert "association, 03 21" not in printed and "association-03" not in printed


# -- 4. a funder's name with its amount and status; the État through its services -----------
def test_a_funders_name_typed_with_its_amount_and_status_gives_each_to_its_question() -> None:
    """« DDETS 62, 20 000€ demandé » was printed « État : DDETS 62, 20 000€ demandé » and
    the 20 000 asked again."""
    walk = walk_to("bud.funders.0.name")
    walk.send("DDETS 62, 20 000€ demandé")
    funder = walk.dossier.budget.other_funders[0]
    assert funder.name == "DDETS 62"
    assert funder.amount == 20000
    assert funder.status == "requested"
    assert walk.key == "bud.funders.more"


def test_the_funder_typed_with_its_amount_is_printed_by_its_name_alone() -> None:
    walk = _typing(
        {
            "bud.funders.0.category": ["1"],
            "bud.funders.0.name": ["DDETS 62, 20 000€ demandé"],
            "bud.funders.0.amount": [],
            "bud.funders.0.status": [],
        }
    )
    assert walk.key == "review", walk.key
    printed = _documents(walk)
    assert "DDETS 62" in printed
    assert "20 000€ demandé" not in printed and "DDETS 62, 20" not in printed


def test_the_state_named_through_its_services_is_read_as_the_state() -> None:
    """« oui l'Etat via la DDETS » names the État: DDETS, DREETS, préfecture are its
    services in the département and the région."""
    for typed in ("l'Etat via la DDETS", "la DDETS", "la DREETS", "la préfecture"):
        walk = walk_to("bud.funders")
        walk.send("oui")
        walk.send(typed)
        funders = walk.dossier.budget.other_funders
        assert funders and funders[0].category == "etat", typed
        assert walk.key == "bud.funders.0.name", typed
    walk = walk_to("bud.funders")
    walk.send("oui l'Etat via la DDETS")
    assert walk.dossier.budget.other_funders[0].category == "etat"
    assert "ne répond pas" not in walk.text


# -- 6. an RNA kept for a legal form that has none ------------------------------------------
def test_an_rna_typed_with_the_name_is_dropped_and_said_when_the_legal_form_is_a_gip() -> None:
    """« IRIAE 62 - RNA W623001234 », then the GIP: the RNA question is not asked, but the
    documents printed « Numéro RNA W623001234 »."""
    walk = walk_to("org.name")
    walk.send("IRIAE 62 - RNA W623001234")
    assert walk.dossier.organisation.rna == "W623001234"
    walk.send("732 829 320 00074")
    walk.send(GIP)
    assert walk.dossier.organisation.legal_form == GIP
    assert walk.dossier.organisation.rna is None
    assert "W623001234" in walk.text and "pas retenu" in walk.text
    assert walk.key != "org.rna"


def test_a_knock_out_no_at_eligibility_keeps_the_rna_of_an_association() -> None:
    """A complete dossier of an association with its RNA; from the review, « Modifier une
    réponse » → Éligibilité → the territory → « non »: the eligibility stops the questions
    there, but the legal form still asks an RNA, so it is kept, unsaid; « oui » again finds
    it printed."""
    walk = _typing({})
    assert walk.key == "review", walk.key
    assert walk.dossier.organisation.rna == "W623001234"
    walk.answers(["Modifier une réponse", "Éligibilité"])
    walk.send(Choose(walk.key, "elig.territory"))
    assert walk.key == "elig.territory", walk.key
    walk.send("non")
    assert "pas retenu" not in walk.text
    assert walk.dossier.organisation.rna == "W623001234"
    walk.send(Choose(walk.key, "change"))
    walk.send("oui")
    assert walk.dossier.organisation.rna == "W623001234"
    assert "W623001234" in _documents(walk)


def test_a_gip_is_never_printed_with_an_rna_nor_said_to_sign_the_republican_contract() -> None:
    walk = _typing(
        {
            "org.name": ["IRIAE 62 - RNA W623001234"],
            "org.legal_form": [GIP],
            "org.rna": [],
        }
    )
    assert walk.key == "review", walk.key
    printed = _documents(walk)
    assert "W623001234" not in printed and "RNA" not in printed
    assert "engagement républicain" not in printed
    assert "l’association souscrit" not in printed


def test_a_gip_stored_with_an_rna_before_is_printed_without_it() -> None:
    """A dossier saved before the RNA was dropped (its GIP with the RNA typed earlier): the
    association it was signs the contrat d'engagement républicain, the GIP does not."""
    walk = _typing({})
    printed = _documents(walk)
    assert "l’association souscrit au contrat d’engagement républicain" in printed
    assert "W623001234" in printed
    stored = walk.dossier.model_dump(mode="json")
    stored["organisation"]["legal_form"] = GIP
    walk.dossier = Dossier.model_validate(stored)
    assert walk.dossier.organisation.rna == "W623001234"
    printed = _documents(walk)
    assert "W623001234" not in printed
    assert "engagement républicain" not in printed


# -- 7. a malformed RNA typed with the legal form or the name -------------------------------
def test_a_malformed_rna_typed_with_the_legal_form_is_refused_at_the_rna_with_the_reason() -> None:
    """« asso loi 1901 rna W62300123 » was asked back as a legal form, the number then
    dropped without a word."""
    walk = walk_to("org.legal_form")
    walk.send("asso loi 1901 rna W62300123")
    assert walk.dossier.organisation.legal_form == "Association loi 1901"
    assert walk.key == "org.rna" and walk.dossier.organisation.rna is None
    assert "W62300123" in walk.text
    assert "W puis 9 chiffres" in walk.text


def test_a_malformed_rna_typed_with_the_name_is_said_not_kept_and_why() -> None:
    walk = walk_to("org.name")
    walk.send("IRIAE 62 - RNA W62300123")
    assert walk.dossier.organisation.name == "IRIAE 62"
    assert walk.dossier.organisation.rna is None
    assert walk.key == "org.siret"
    assert "« RNA W62300123 »" in walk.text and "W puis 9 chiffres" in walk.text
    assert "SIRET ne contient" not in walk.text


# -- 8. the address's phone, promised, when the contact line gives another ----------------
def _past_the_address() -> Walk:
    walk = walk_to("org.address")
    walk.send("12 rue X 62000 Arras tel 03 21 45 67 89")
    assert "Je vous le proposerai à la question « Téléphone »." in walk.text
    lines = script_lines()
    for line in lines[lines.index("12 rue des Arts, 62000 Arras") + 1 :]:
        if walk.key == "org.contact_name":
            return walk
        walk.send(line)
    raise AssertionError("the contact is never asked")


def test_the_address_phone_is_said_not_kept_when_the_contact_line_gives_another() -> None:
    walk = _past_the_address()
    walk.send("Marie Dupont, directrice, 03 21 00 00 00, m.dupont@x.fr")
    walk.send("oui")
    assert walk.dossier.organisation.contact.phone == "+33321000000"
    assert "« 03 21 45 67 89 »" in walk.text and "pas retenu" in walk.text
    assert walk.dossier.set_aside == {}


def test_the_address_phone_is_said_not_kept_when_the_contacts_name_came_with_another() -> None:
    walk = _past_the_address()
    walk.send("Claire Dubois, 03 21 00 00 00")
    assert walk.dossier.organisation.contact.phone == "+33321000000"
    assert "« 03 21 45 67 89 »" in walk.text and "pas retenu" in walk.text
    assert walk.dossier.set_aside == {}


def test_the_same_phone_given_again_by_the_contact_line_says_nothing_more() -> None:
    walk = _past_the_address()
    walk.send("Claire Dubois, 03 21 45 67 89")
    assert walk.dossier.organisation.contact.phone == "+33321456789"
    assert "pas retenu" not in walk.text
    assert walk.dossier.set_aside == {}


# -- 7. no RNA asked, nor missing, of an organisation that is no association ------------------
def test_a_company_or_a_cooperative_is_not_asked_an_rna_nor_told_it_is_missing() -> None:
    """A tester typed « SARL » as the legal form, then « passer » at the RNA question it was
    still asked, and read « À remplir avant le dépôt » for a number only associations have.
    The RNA is asked of an association (chosen or typed « asso loi 1901 », a union of them),
    never of a company typed in words: nothing is missing for it."""
    from dialogs.review import review

    for legal_form in ("SARL", "Entreprise d’insertion (SAS)", "EURL"):
        walk = walk_to("org.legal_form")
        walk.send(legal_form)
        assert walk.dossier.organisation.legal_form == legal_form
        assert walk.key != "org.rna", legal_form
        report = review(walk.engine.spec, walk.dossier, DURING_CALL)
        assert "org.rna" not in [m.key for m in report.missing], legal_form

    for legal_form in ("asso loi 1901", "1", "2"):  # typed, or chosen: an association, a union
        walk = walk_to("org.legal_form")
        walk.send(legal_form)
        assert walk.key == "org.rna", legal_form
        walk.send("passer")
        assert "À remplir avant le dépôt" in walk.text
