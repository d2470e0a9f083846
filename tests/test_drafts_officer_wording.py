"""A Département officer reads the wording of the documents (plan, letter, sworn statement,
budget workbook): what they attribute to the call, where they send the reader, the sworn
statement's formula, names that start with a common noun, French typography. Each story is a
finding of their review; the documents are read back (python-docx, openpyxl, the Markdown)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from dialogs.dossier import Dossier
from dialogs.spec import CallSpec, load_shipped_spec
from drafts import render_drafts
from drafts.typography import NBSP, NNBSP, plain
from tests.support import DURING_CALL

ROOT = Path(__file__).resolve().parent.parent
CERFA = ROOT / "examples" / "dossier-cerfa-complet.json"
CALL_TEXT = (ROOT / "dialogs" / "calls" / "pdc-axe3-2025.source.txt").read_text(encoding="utf-8")
LONG_NAME = (
    "Fédération des Structures d'Insertion par l'Activité Économique du Pas-de-Calais "
    "(FSIAE 62-COL)"
)


@pytest.fixture(scope="module")
def spec() -> CallSpec:
    return load_shipped_spec("pdc-axe3-2025")


@pytest.fixture
def ready() -> Dossier:
    """A dossier ready to file (eligible, complete, within the rules, balanced)."""
    return Dossier.model_validate_json(CERFA.read_text(encoding="utf-8"))


def files(spec: CallSpec, dossier: Dossier, *formats: str) -> dict[str, tuple[str, bytes]]:
    """The drafts by kind ("plan", "plan.md", "courrier", "budget"): (file name, content)."""
    out = {}
    for file in render_drafts(spec, dossier, DURING_CALL, set(formats)).files:
        kind = file.name.split("-", 1)[0] + (".md" if file.name.endswith(".md") else "")
        out[kind] = (file.name, file.content)
    return out


def docx_text(content: bytes) -> str:
    """Every paragraph of a Word document, tables and page header included."""
    document = Document(io.BytesIO(content))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(lines)


def header_text(content: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(content)).sections[0].header.paragraphs)


def workbook_text(content: bytes) -> str:
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet is not None
    return "\n".join(
        str(cell.value) for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str)
    )


def statement(content: bytes) -> str:
    return plain(docx_text(content)).split("Déclaration sur l’honneur\n", 1)[1]


# -- 1. what the documents attribute to the call is a sentence of the call --------------------
def test_the_plan_gives_each_orientation_in_the_calls_own_words(
    spec: CallSpec, ready: Dossier
) -> None:
    """« Objectif : Renforcer les compétences et les outils des SIAE… » is not in the call,
    and Orientation 4's « objectif » was the call's observation: the draft quotes the call's
    item instead, and no document says « Objectif : » of an orientation."""
    ready.plan.approach = None  # a draft: quotations of the call are shown
    out = files(spec, ready, "md", "docx")
    markdown = plain(out["plan.md"][1].decode())
    word = plain(docx_text(out["plan"][1]))
    for text in (markdown, word):
        assert "Objectif :" not in text
        assert "Renforcer les compétences" not in text
        assert "Une grande partie des SIAE œuvre" not in text
        for orientation in spec.orientations:
            words = orientation.quote.text.rstrip(" ;")
            assert words in CALL_TEXT
            assert f"« {words} » — {orientation.quote.section}" in text.replace("\\", "")


def test_the_version_to_file_names_the_orientations_without_quoting_the_call(
    spec: CallSpec, ready: Dossier
) -> None:
    markdown = plain(files(spec, ready, "md")["plan.md"][1].decode())
    assert "Version à déposer" in markdown
    assert "Objectif :" not in markdown
    assert "Contenu du projet › Phasage du projet" not in markdown
    for orientation in spec.orientations:
        assert orientation.title in markdown


def test_a_plan_without_an_action_for_an_orientation_says_what_the_call_expects(
    spec: CallSpec, ready: Dossier
) -> None:
    """The call « attend … une proposition de plan d’actions axé sur les quatre
    orientations »: it does not say the plan « doit couvrir » them."""
    ready.plan.actions["o4"] = []
    markdown = plain(files(spec, ready, "md")["plan.md"][1].decode())
    assert "doit couvrir" not in markdown
    assert "L’appel à projets attend un plan d’actions axé sur les quatre orientations" in markdown


def test_the_letter_says_only_the_orientations_the_plan_covers(
    spec: CallSpec, ready: Dossier
) -> None:
    """A tester passed orientation 4's action: the letter still said « Notre plan d’actions
    couvre les 4 orientations de l’appel à projets » (a statement signed as it stands)."""
    letter = plain(docx_text(files(spec, ready, "docx")["courrier"][1]))
    assert "Notre plan d’actions couvre les 4 orientations de l’appel à projets" in letter
    ready.plan.actions["o4"] = []
    letter = plain(docx_text(files(spec, ready, "docx")["courrier"][1]))
    assert "couvre les 4 orientations" not in letter
    assert "Notre plan d’actions couvre 3 des 4 orientations de l’appel à projets" in letter
    ready.plan.actions = {}
    letter = plain(docx_text(files(spec, ready, "docx")["courrier"][1]))
    assert "Notre plan d’actions couvre [À compléter : orientations couvertes" in letter


# -- 2. the letter and the workbook send the reader to the plan's annex -----------------------
def test_the_letter_and_the_workbook_say_the_missing_answers_are_in_the_plans_annex(
    spec: CallSpec, ready: Dossier
) -> None:
    ready.plan.approach = None
    out = files(spec, ready, "md", "docx", "xlsx")
    plan = plain(out["plan.md"][1].decode())
    letter = plain(docx_text(out["courrier"][1]))
    budget = plain(workbook_text(out["budget"][1]))
    assert "Il manque 1 réponse obligatoire : la liste figure en annexe." in plan
    for text in (letter, budget):
        assert "la liste figure en annexe du plan d’actions." in text
        assert "la liste figure en annexe." not in text


# -- 3. the sworn statement has the CERFA's request year and budget approval ------------------
def test_the_sworn_statement_asks_for_the_calls_year_and_vouches_for_the_budgets_approval(
    spec: CallSpec, ready: Dossier
) -> None:
    text = statement(files(spec, ready, "docx")["courrier"][1])
    assert f"au {spec.identity.funder} au titre de l’année {spec.identity.year} " in text
    assert (
        "auprès d’autres financeurs publics, ainsi que l’approbation du budget par les "
        "instances statutaires ;" in text
    )


@pytest.mark.parametrize(
    ("name", "opening", "representative"),
    [
        ("Mme Nadia Benali", "Je soussignée, Mme Nadia Benali", "représentante légale"),
        ("M. Jean Martin", "Je soussigné, M. Jean Martin", "représentant légal"),
        ("Nadia Benali", "Je soussigné(e), Nadia Benali", "représentant(e) légal(e)"),
    ],
)
def test_the_sworn_statement_agrees_with_the_signatorys_civility(
    spec: CallSpec, ready: Dossier, name: str, opening: str, representative: str
) -> None:
    """A known civility (« M. », « Mme ») gives the agreed words; none keeps « (e) »."""
    ready.organisation.representative.name = name
    text = statement(files(spec, ready, "docx")["courrier"][1])
    assert f"{opening}, Présidente, {representative} de l’organisme " in text


# -- 4. a name that starts with a common noun reads right --------------------------------------
def test_a_name_starting_with_a_common_noun_reads_right_in_the_letter_and_the_plan(
    spec: CallSpec, ready: Dossier
) -> None:
    name = "Fédération des SIAE du Pas-de-Calais"
    ready.organisation.name = name
    out = files(spec, ready, "md", "docx")
    letter = plain(docx_text(out["courrier"][1]))
    assert f"{name} a l’honneur" not in letter
    assert "Nous avons l’honneur de vous présenter notre candidature" in letter
    assert f"de l’organisme {name} :" in letter
    assert f"de {name}" not in letter
    for plan in (plain(out["plan.md"][1].decode()), plain(docx_text(out["plan"][1]))):
        assert f"L’organisme {name} s’engage à :" in plan


# -- 5. typography -----------------------------------------------------------------------------
def test_the_summary_lists_the_actions_with_a_narrow_space_before_each_semicolon(
    spec: CallSpec, ready: Dossier
) -> None:
    titles = [a.title or "" for a in ready.actions("o1")]
    assert len(titles) > 1
    out = files(spec, ready, "md", "docx")
    joined = f"{NNBSP}; ".join(titles)
    assert joined in out["plan.md"][1].decode().replace("\\", "")
    assert joined in docx_text(out["plan"][1])


def test_the_siret_is_printed_in_groups_in_every_document(spec: CallSpec, ready: Dossier) -> None:
    ready.organisation.siret = "73282932000074"
    out = files(spec, ready, "md", "docx")
    grouped = NBSP.join(("732", "829", "320", "00074"))
    for text in (out["plan.md"][1].decode(), docx_text(out["plan"][1])):
        assert f"| SIRET | {grouped}" in text or f"SIRET | {grouped}" in text
        assert "73282932000074" not in text
    letter = docx_text(out["courrier"][1])
    assert f"SIRET {grouped}" in letter
    assert ready.organisation.siret == "73282932000074"  # the stored answer is unchanged


def test_the_applicants_straight_apostrophes_become_typographic_in_the_documents_only(
    spec: CallSpec, ready: Dossier
) -> None:
    ready.organisation.name = "Inser'Réseau 62"
    ready.plan.actions["o1"][0].title = "Sourcing des marchés d'insertion"
    out = files(spec, ready, "md", "docx", "xlsx")
    texts = {
        "plan.md": out["plan.md"][1].decode(),
        "plan": docx_text(out["plan"][1]) + header_text(out["plan"][1]),
        "courrier": docx_text(out["courrier"][1]),
        "budget": workbook_text(out["budget"][1]),
    }
    for kind, text in texts.items():
        assert "'" not in text, kind
        assert "Inser’Réseau 62" in text, kind
    assert "Plan d’actions — Inser’Réseau 62" in texts["plan.md"]
    assert "Sourcing des marchés d’insertion" in texts["plan"]
    assert out["plan"][0] == "plan-actions-inser-reseau-62-2025.docx"
    assert ready.organisation.name == "Inser'Réseau 62"


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        (LONG_NAME, "federation-des-structures-d-insertion-par-l-activite"),
        ("Économie Solidaire et Insertion 62", "economie-solidaire-et-insertion-62"),
        ("Inser'Réseau 62", "inser-reseau-62"),
    ],
)
def test_a_file_name_is_the_names_first_words_none_dropped(
    spec: CallSpec, ready: Dossier, name: str, slug: str
) -> None:
    """« …-par-lactivite-du-pas-de » left « Économique » out and kept the words after it: the
    slug is now the name's first words that fit in 60 characters, cut between two words."""
    ready.organisation.name = name
    out = files(spec, ready, "md", "docx", "xlsx")
    assert out["plan.md"][0] == f"plan-actions-{slug}-2025.md"
    assert out["plan"][0] == f"plan-actions-{slug}-2025.docx"
    assert out["courrier"][0] == f"courrier-{slug}-2025.docx"
    assert out["budget"][0] == f"budget-{slug}-2025.xlsx"
    assert len(slug) <= 60


# -- 6. layout -----------------------------------------------------------------------------------
def test_a_long_name_is_shortened_in_the_page_header(spec: CallSpec, ready: Dossier) -> None:
    ready.organisation.name = LONG_NAME
    plan = files(spec, ready, "docx")["plan"][1]
    header = plain(header_text(plan))
    name, status = header.split(" — ", 1)
    assert name == "Fédération des Structures d’Insertion par…"
    assert status == "Version à déposer"
    assert plain(LONG_NAME.replace("'", "’")) in plain(docx_text(plan))  # the body keeps it


def test_every_cerfa_account_keeps_its_rows_together(spec: CallSpec, ready: Dossier) -> None:
    """A CERFA account (« 64 Charges de personnel », 641, 645) is not split between two
    pages: each of its rows but the last keeps with the next one."""
    plan = Document(io.BytesIO(files(spec, ready, "docx")["plan"][1]))
    [charges] = [
        t
        for t in plan.tables
        if t.rows[0].cells[0].text == "Compte" and t.rows[0].cells[1].text == "Charges"
    ]
    rows = charges.rows
    accounts = [row.cells[0].text for row in rows]
    assert accounts[accounts.index("64") : accounts.index("64") + 3] == ["64", "641", "645"]
    for index in range(1, len(rows) - 1):
        # the next row is a line of this account: an account number under it, or none
        line_follows = rows[index + 1].cells[0].paragraphs[0].style.name == "Texte de tableau"
        keeps = rows[index].cells[0].paragraphs[0].paragraph_format.keep_with_next
        assert bool(keeps) == line_follows, (accounts[index], rows[index].cells[1].text)
