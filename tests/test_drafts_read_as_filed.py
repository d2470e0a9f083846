"""A tester's happy-case draft printed casual text as typed: « inser reseau 62 », « 12 r des
arts 62000 arras », « tout le 62 », « qq EI », « diversif », « dept ». An officer would send
it back. The head office's address is now written properly when it parses clearly, and said
so when taken; casual words are never rewritten (they are the applicant's; a name typed all
in lower case gets its first capital, said when taken, the rest as typed), but listed « À
relire avant le dépôt » in the review and the draft, without changing the readiness."""

from __future__ import annotations

import io

from docx import Document

from dialogs.parsing import parse_text
from dialogs.parsing.writing import address_written, casual_words
from dialogs.review import review
from drafts import render_drafts
from drafts.typography import plain as untypeset
from tests.support import DURING_CALL, plain, spec_2025, walk_replacing, walk_to

CASUAL = {
    "org.name": ["inser reseau 62"],
    "org.territory": ["tout le 62"],
    "org.address": ["12 r des arts 62000 arras"],
    "plan.o1.0.description": ["Un cycle de formation pr les encadrants de qq EI et ACI du dept."],
}


def _docx_text(content: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)


def test_a_casual_address_is_taken_written_properly_and_shown_back() -> None:
    walk = walk_to("org.address")
    walk.send("12 r des arts 62000 arras")
    assert walk.dossier.organisation.address == "12 rue des Arts, 62000 Arras"
    assert "Adresse retenue : 12 rue des Arts, 62000 Arras" in walk.text
    assert "« précédent » pour corriger" in walk.text
    assert walk.key == "org.rep_name"  # no question back: on to the next one
    # written properly already: taken without a word
    walk = walk_to("org.address")
    walk.send("12 rue des Arts, 62000 Arras")
    assert walk.dossier.organisation.address == "12 rue des Arts, 62000 Arras"
    assert "Adresse retenue" not in walk.text


def test_street_types_towns_and_commas_are_written_as_on_an_envelope() -> None:
    assert address_written("12 bis bd victor hugo 62200 boulogne sur mer") == (
        "12 bis boulevard Victor Hugo, 62200 Boulogne-sur-Mer"
    )
    assert address_written("3 av. de la république\n62300 lens") == (
        "3 avenue de la République, 62300 Lens"
    )
    assert address_written("5 pl d'armes 59650 villeneuve d'ascq") == (
        "5 place d'Armes, 59650 Villeneuve-d'Ascq"
    )
    assert address_written("7 chem du bois 62520 le touquet paris plage") == (
        "7 chemin du Bois, 62520 Le Touquet-Paris-Plage"
    )


def test_an_address_that_does_not_parse_clearly_is_kept_as_typed() -> None:
    for typed in (
        "BP 12 62000 Arras",
        "12 r des arts 62000 ARRAS CEDEX",
        "Maison des assos, 12 r des arts 62000 arras",
        "12 r des arts",
        "Chez M. Dupont 62000 Arras",
    ):
        assert address_written(typed) == typed
        assert parse_text(typed, max_length=300, content="address") == typed


def test_casual_words_are_found_never_acronyms_letters_nor_elisions() -> None:
    assert casual_words("qq EI et c pas simple, ds le dept") == ["qq", "c", "ds", "dept"]
    assert casual_words("C'est la Diversif des asso du 62.") == ["Diversif", "asso", "du 62"]
    assert casual_words("Catégorie C, annexe c), le PR et le 62000, le 12 mars") == []


def test_the_review_and_the_draft_list_what_to_reread_and_the_dossier_stays_ready() -> None:
    walk = walk_replacing(dict(CASUAL))
    assert walk.key == "review"
    report = review(spec_2025(), walk.dossier, DURING_CALL)
    assert report.ready  # no rule of the call: the readiness is the same
    # nothing the applicant typed is rewritten but the address and the name's first letter
    assert walk.dossier.organisation.name == "Inser reseau 62"
    # a name kept all in lower case (a dossier saved before names got their first capital)
    # is still listed to reread
    walk.dossier.organisation.name = "inser reseau 62"
    assert walk.dossier.organisation.territory == "tout le 62"
    shown = walk.send("/recapitulatif")
    text = plain(shown)
    assert "✅ Prêt à déposer" in text
    assert "À relire avant le dépôt (prêt sous réserve de relecture)" in text
    assert "• « Nom de l’organisme » : écrit tout en minuscules\n" in text
    assert "• « Territoire d’intervention » : « le 62 »\n" in text
    assert "« pr », « qq », « dept »" in text

    drafts = render_drafts(spec_2025(), walk.dossier, DURING_CALL, {"md", "docx"}).files
    out = {f.name.rsplit(".", 1)[-1] + f.name.split("-")[0]: f.content for f in drafts}
    markdown = untypeset(out["mdplan"].decode())
    assert "## À relire avant le dépôt" in markdown
    assert "- Organisation — Nom de l’organisme : écrit tout en minuscules" in markdown
    assert "- Organisation — Territoire d’intervention : « le 62 »" in markdown
    assert "12 rue des Arts, 62000 Arras" in markdown
    docx = untypeset(_docx_text(out["docxplan"]))
    assert "Sous réserve de relecture : 3 réponses à relire avant le dépôt" in docx
    assert "À relire avant le dépôt" in docx and "« pr », « qq », « dept »" in docx


def test_a_dossier_without_casual_words_has_nothing_to_reread() -> None:
    walk = walk_replacing({})
    report = review(spec_2025(), walk.dossier, DURING_CALL)
    assert report.ready and report.to_reread == ()
    files = render_drafts(spec_2025(), walk.dossier, DURING_CALL, {"md"}).files
    assert "À relire" not in files[0].content.decode()
