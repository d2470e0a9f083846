"""One message of a template file is rendered from that macro alone (issue 14: building the
whole module for one macro cost 40–240 µs), with exactly the words the whole module gives."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from jinja2 import Template, nodes

from dialogs.texts import TEMPLATES_DIR, _macro_template, environment, render_macro

SOURCE = """{# a form's prompts #}
{% macro _name() %}<b>{{ who }}</b>{% endmacro %}
{% macro hello() %}Bonjour {{ _name() }} !{% endmacro %}
{% macro twice() %}{{ hello() }} {{ hello() }}{% endmacro %}
{% macro alone() %}{{ who|upper }}{% endmacro %}
"""


@pytest.fixture
def prompts(tmp_path: Path) -> str:
    path = tmp_path / "prompts.html.j2"
    path.write_text(SOURCE, encoding="utf-8")
    return str(path)


def _whole_module(template: str, macro: str, **context: object) -> str:
    module = environment().get_template(template).make_module(context)
    return str(getattr(module, macro)()).strip()


@pytest.mark.parametrize("macro", ["hello", "twice", "alone"])
def test_a_macro_says_what_the_whole_module_says(prompts: str, macro: str) -> None:
    said = render_macro(prompts, macro, who="Léa & Cie")
    assert said == _whole_module(prompts, macro, who="Léa & Cie")
    assert "&amp;" in said  # still escaped


def test_a_first_message_compiles_the_macros_it_needs_not_the_whole_file(
    prompts: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first message of a file in a process compiled every macro of the file (the
    whole template, loaded), then the cut (issue 14: 0,4 s of CPU over the shipped files,
    during the first applicants' answers). Only the cut is compiled now."""
    env = environment()
    compiled: list[set[str]] = []
    compile_ = env.compile

    def counting(source: str | nodes.Template, *args: object, **kwargs: object) -> object:
        tree = env.parse(source) if isinstance(source, str) else source
        compiled.append({node.name for node in tree.find_all(nodes.Macro)})
        return compile_(source, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(env, "compile", counting)
    assert render_macro(prompts, "alone", who="léa") == "LÉA"
    assert render_macro(prompts, "twice", who="Léa") == "Bonjour <b>Léa</b> ! Bonjour <b>Léa</b> !"
    assert compiled == [{"alone"}, {"_name", "hello", "twice"}]


def test_a_macro_is_rendered_without_the_macros_it_does_not_reach(prompts: str) -> None:
    whole = environment().get_template(prompts)
    assert _defined(whole) == {"hello", "twice", "alone"}
    assert _defined(_macro_template(whole, "twice")) == {"hello", "twice"}  # and _name
    assert _defined(_macro_template(whole, "alone")) == {"alone"}


@pytest.mark.parametrize(
    "top",
    [
        "{% set greet = _helper %}",
        "{% set said %}{{ _helper() }}{% endset %}",
        "{% if true %}{% macro inner() %}{{ _helper() }}{% endmacro %}{% endif %}",
    ],
)
def test_a_file_with_statements_at_its_top_is_rendered_whole(tmp_path: Path, top: str) -> None:
    """A top-level statement may name a macro the cut would leave out: such a file is not
    cut, and its macros say what the whole module says."""
    path = tmp_path / "statements.html.j2"
    path.write_text(
        "{% macro _helper() %}H{% endmacro %}" + top + "{% macro m() %}[{{ who }}]{% endmacro %}",
        encoding="utf-8",
    )
    whole = environment().get_template(str(path))
    assert _macro_template(whole, "m") is whole
    assert render_macro(str(path), "m", who="x") == "[x]"


def _defined(template: Template) -> set[str]:
    """What a template's module exports (its public macros and variables)."""
    return {name for name in vars(template.make_module({"who": ""})) if name[:1] != "_"}


def test_a_private_or_missing_macro_is_refused_as_before(prompts: str) -> None:
    for macro in ("_name", "nowhere"):
        with pytest.raises(KeyError, match=macro):
            render_macro(prompts, macro, who="x")


def test_every_shipped_macro_has_its_cut_template() -> None:
    """Each macro of the shipped messages compiles alone, under its file's name (errors name
    the file and line as before)."""
    env = environment()
    templates = Path(__file__).resolve().parent.parent / "templates" / "messages"
    for path in sorted(templates.glob("*.j2")):
        name = f"messages/{path.name}"
        parsed = env.parse(path.read_text(encoding="utf-8"))
        for macro in (node.name for node in parsed.body if isinstance(node, nodes.Macro)):
            whole = env.get_template(name)
            cut = _macro_template(whole, macro)
            assert cut is not whole, f"{name} is rendered whole: a statement at its top?"
            assert cut.name == name
            assert cut.filename == str(path)


def test_no_message_line_is_glued_to_the_next_by_a_block_ending_it() -> None:
    """`trim_blocks` drops the line break after a block tag: a line of text ending with
    `{% endif %}` ran into the next line ("étape : Organisation — SIRETCréé le …"). Such a
    tag is written `{% endif +%}` to keep the break."""
    tag = re.compile(r"\{%.*?%\}|\{#.*?#\}")
    glued = []
    for path in sorted((TEMPLATES_DIR / "messages").glob("*.j2")):
        lines = path.read_text(encoding="utf-8").splitlines()
        for number, (line, following) in enumerate(itertools.pairwise(lines), start=1):
            closed = line.endswith("%}") and not line.endswith("+%}")
            followed = following.strip() and not following.startswith(("{%", "{#"))
            if closed and followed and tag.sub("", line).strip():
                glued.append(f"{path.name}:{number}")
    assert glued == []


def test_a_count_is_written_singular_or_plural_as_french_does() -> None:
    """Regression: « 0 action(s) », « 9 dossier(s) »: 0 and 1 take the singular."""
    counted = environment().filters["counted"]
    assert counted(0, "action") == "0 action"
    assert counted(1, "dossier") == "1 dossier"
    assert counted(2, "dossier") == "2 dossiers"
    assert counted(12000, "candidat") == "12 000 candidats"
    assert counted(3, "réponse manquante", "réponses manquantes") == "3 réponses manquantes"


def test_no_template_writes_a_plural_in_brackets() -> None:
    written = [
        f"{path.relative_to(TEMPLATES_DIR)}:{number}"
        for path in sorted(TEMPLATES_DIR.rglob("*.j2"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if "(s)" in line
    ]
    assert written == [], "use the « counted » filter"
