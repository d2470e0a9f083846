"""Smaller findings of an applicant's test run: short forms of « je ne sais pas », a Back
typed after an apology, several funders or charges in one message, a requested share that
no longer matches the budget, indicators all at 0, a quote cut mid-word, the welcome's
reminder."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from dialogs.dossier import Dossier
from dialogs.events import SCREENS, Choose, keyword_of
from dialogs.plan import delete_item, find_question, plan_questions
from dialogs.rules import budget_totals, request_share_kept
from dialogs.service import SERVICE
from dialogs.texts import render_macro
from tests.support import DURING_CALL, Walk, script_lines, spec_2025, walk_to


# -- « jsp », « oups précédent » ---------------------------------------------------------------
def test_jsp_at_the_ase_count_is_read_as_i_dont_know_and_proposes_0_as_the_question_offers() -> (
    None
):
    walk = walk_to("plan.public.young_ase")
    walk.send("jsp")
    assert walk.key == "plan.public.young_ase"
    assert "Vous ne le savez pas encore : dois-je laisser cette question à compléter" in walk.text
    walk.send("oui")
    assert walk.dossier.plan.public.young_ase == 0


def test_jsp_at_an_indicator_target_asks_for_an_estimate_like_i_dont_know_does() -> None:
    said = []
    for typed in ("je sais pas", "jsp"):
        walk = walk_to("ind.formations")
        walk.send(typed)
        assert walk.key == "ind.formations"
        said.append(walk.text)
    assert said[0] == said[1]
    assert "Une estimation suffit" in said[1]


def test_oups_precedent_goes_back_to_the_previous_question() -> None:
    for typed in ("oups precedent", "Oups, retour", "ah pardon, précédent !"):
        walk = walk_to("ind.formations")
        walk.send(typed)
        assert walk.key == "ind.gouvernance", typed


def test_a_hesitation_alone_or_with_a_question_mark_does_not_open_the_help() -> None:
    for typed in ("euh ?", "euh?", "ah ?", "Erreur ?"):
        assert keyword_of(typed) is None, typed
    assert keyword_of("?") == "help"  # the sign alone still asks for help
    assert keyword_of("euh, aide") == "help"  # a small word before a command word
    walk = walk_to("ind.formations")
    walk.send("euh ?")
    assert walk.key == "ind.formations"
    assert "Ce que dit l’appel à projets" not in walk.text  # the help's heading


# -- quotes cut at a word, the welcome's reminder -----------------------------------------------
def _quoted_in(html: str) -> str:
    return html.split("« ", 1)[1].split(" »", 1)[0]


def test_a_long_message_quoted_back_is_cut_between_two_words_with_an_ellipsis() -> None:
    typed = (
        "Oui nous avons des formations prévues en mars, avril et mai pour les encadrants "
        "techniques des chantiers, mais on a aussi notre propre programme de tutorat entre "
        "pairs qui démarre en juin avec une dizaine de structures volontaires du bassin minier"
    )
    assert typed[197] not in " ,"  # a cut at 200 characters would fall inside a word
    quoted = _quoted_in(render_macro(SERVICE, "earlier_answer", text=typed))
    assert quoted.endswith("…") and not quoted.endswith("...")
    kept = quoted.removesuffix("…")
    assert typed.startswith(kept) and typed[len(kept)] == " "
    shown = _quoted_in(render_macro(SCREENS, "carried_unused", typed=typed, label="Montant"))
    assert shown.endswith("…") and typed[len(shown.removesuffix("…"))] == " "


def test_a_question_at_the_welcome_is_followed_by_how_to_start_in_plain_french() -> None:
    walk = Walk()
    walk.send("c'est quoi cet appel ?")
    assert walk.key == "welcome"
    assert "Accueil : j’attends votre réponse" not in walk.text
    assert "Pour commencer votre dossier, tapez « Commencer » ou envoyez « oui »." in walk.text
    walk.send("oui")
    assert walk.key != "welcome"


# -- several funders or charges in one message -------------------------------------------------
def test_two_funders_typed_with_their_amounts_are_both_kept_the_second_offered_next() -> None:
    walk = walk_to("bud.funders")
    walk.send("oui la région 15000 et le FSE 8000 (demandé)")
    assert walk.key == "bud.funders.0.name"
    assert "je retiens aussi « Type de financeur » : Région" in walk.text
    assert "Je garde « 15000 » pour « Montant (Financeur 1) »" in walk.text
    assert "« le FSE 8000 (demandé) » pour la suite de « Autres financeurs »" in walk.text
    walk.send("Région Hauts-de-France")
    assert "Vous aviez aussi écrit « 15000 » : est-ce votre réponse à « Montant" in walk.text
    walk.send("oui")
    walk.send("obtenu")
    assert walk.key == "bud.funders.more"
    assert "« le FSE 8000 (demandé) » : l’ajouter à « Autres financeurs » ?" in walk.text
    for _ in range(4):  # the FSE as the next funder, its name, its amount, its status
        walk.send("oui")
    assert walk.key == "bud.funders.more"
    funders = [(f.category, f.name, f.amount, f.status) for f in walk.dossier.budget.other_funders]
    assert funders == [
        ("region", "Région Hauts-de-France", Decimal("15000"), "obtained"),
        ("europe", "FSE", Decimal("8000"), "requested"),
    ]


def test_two_charges_typed_after_yes_each_keep_their_label_and_amount() -> None:
    walk = walk_to("bud.other")
    walk.send("oui, prestation formation 12 000€ et déplacements 2500")
    assert "Je garde « prestation formation » pour « Libellé (Charge directe 1) »" in walk.text
    for _ in range(5):  # label, amount, one more charge, its label, its amount
        walk.send("oui")
    assert walk.key == "bud.other.more"
    lines = [(c.category, c.label, c.amount) for c in walk.dossier.budget.other_direct]
    assert lines == [
        ("62", "prestation formation", Decimal("12000")),
        ("62", "déplacements", Decimal("2500")),
    ]


def test_a_category_code_typed_with_a_label_and_an_amount_keeps_the_amount() -> None:
    walk = walk_to("bud.other")
    walk.send("oui")
    walk.send("62 déplacements 2500")
    assert walk.key == "bud.other.0.label"
    assert "Je garde « déplacements » pour « Libellé (Charge directe 1) » et « 2500 »" in walk.text
    walk.send("oui")
    walk.send("oui")
    line = walk.dossier.budget.other_direct[0]
    assert (line.category, line.label, line.amount) == ("62", "déplacements", Decimal("2500"))


# -- every indicator at 0 ------------------------------------------------------------------------
def test_every_indicator_at_0_is_flagged_at_the_review_without_blocking_the_dossier() -> None:
    walk = Walk(today=DURING_CALL)
    for line in script_lines()[:-1]:
        indicator = walk.key.startswith("ind.") and walk.key.count(".") == 1
        walk.send("0" if indicator and walk.key != "ind.extra" else line)
    assert walk.key == "review"
    assert "💡 Les six indicateurs ont tous une cible de 0 : l’appel à projets en fait les " in (
        walk.text
    )
    assert "indicateurs d’évaluation minimum de l’opération" in walk.text
    assert "💡 Indicateurs — 6 cibles sur 6" in walk.text and "✅ Indicateurs" not in walk.text
    assert "✅ Prêt à déposer" in walk.text  # advice, not a rule: the call sets no target


# -- a request typed as a share, then the cost changed ----------------------------------------
def test_a_request_typed_as_50_percent_is_flagged_at_the_review_once_the_cost_shrank() -> None:
    walk = Walk(today=DURING_CALL)
    for line in script_lines()[:-1]:
        if walk.key == "bud.dept":
            walk.send("50 %")
            assert "50 % de 70 000,00 €, cela fait 35 000,00 €" in walk.text
            walk.send("oui")
        else:
            walk.send(line)
    assert walk.key == "review" and "Vous aviez demandé" not in walk.text
    walk.answers(["Modifier une réponse", "Budget"])
    walk.send(
        Choose(walk.key, next(b.id for b in walk.last.messages[-1].buttons if "Poste 1" in b.label))
    )
    walk.answers(["Coût annuel chargé", "30000"])
    assert walk.dossier.budget.departement_request == Decimal("35000")  # never changed unasked
    assert (
        "💡 Vous aviez demandé au Département 50 % du coût de l’opération : avec les charges "
        "actuelles (50 000,00 €), cela ferait 25 000,00 € ; la demande enregistrée est de "
        "35 000,00 €, soit 70 % du coût." in walk.text
    )


def test_a_third_of_a_figure_typed_at_the_request_is_no_share_of_the_cost() -> None:
    """« un tiers de 45 000 » is a third of 45 000, not of the operation's cost: nothing
    changed, yet the review said « Vous aviez demandé au Département 33,333 % du coût »."""
    walk = Walk(today=DURING_CALL)
    for line in script_lines()[:-1]:
        if walk.key == "bud.dept":
            walk.send("un tiers de 45 000")
            assert "1/3 de 45 000,00 €, cela fait 15 000,00 €" in walk.text
            walk.send("oui")
        else:
            walk.send(line)
    assert walk.key == "review"
    assert walk.dossier.budget.departement_request == Decimal("15000")
    assert walk.dossier.budget.departement_request_share is None
    assert "Vous aviez demandé" not in walk.text


def test_a_third_of_the_cost_kept_as_asked_gives_no_warning_for_a_rounding_cent() -> None:
    """A third of 30 000 € is 10 000 €; the share stored (33,333… %) gives back 9 999,99 €
    once rounded down: no « the cost changed » advice for one cent."""
    walk = Walk(today=DURING_CALL)
    walk.answers(script_lines()[:-1])
    budget = walk.dossier.budget
    budget.departement_request_share = Decimal(100) / 3
    budget.departement_request = Decimal("10000.00")
    totals = replace(budget_totals(walk.engine.spec, walk.dossier), charges=Decimal("30000"))
    assert request_share_kept(walk.engine.spec, walk.dossier, totals, DURING_CALL) == []


def test_a_request_typed_as_an_amount_says_nothing_of_a_share_when_the_cost_changes() -> None:
    walk = Walk(today=DURING_CALL)
    walk.answers(script_lines()[:-1])
    walk.answers(["Modifier une réponse", "Budget"])
    walk.send(
        Choose(walk.key, next(b.id for b in walk.last.messages[-1].buttons if "Poste 1" in b.label))
    )
    walk.answers(["Coût annuel chargé", "30000"])
    assert walk.dossier.budget.departement_request_share is None
    assert "Vous aviez demandé" not in walk.text


def test_a_funder_type_that_names_no_option_is_refused_and_nothing_is_kept_for_its_name() -> None:
    """« 0AA » at the funder's type (hypothesis found it): no type is named, yet « 0AA » was
    kept for the funder's name, to be offered there: a refused answer never changes the
    dossier; the type is asked again, saying what is expected."""
    for typed in ("0AA", "12 abc"):
        walk = walk_to("bud.funders")
        walk.send("oui")
        assert walk.key == "bud.funders.0.category"
        before = walk.dossier.model_dump(exclude={"cursor", "updated_at"})
        outcome = walk.send(typed)
        assert outcome.answer is None, typed
        assert walk.key == "bud.funders.0.category", typed
        assert walk.dossier.set_aside == {}, typed
        assert walk.dossier.model_dump(exclude={"cursor", "updated_at"}) == before, typed
        assert "Je garde" not in walk.text and "❗" in walk.text, typed


def test_a_funder_abandoned_takes_its_amount_and_status_along_never_offered_to_the_next() -> None:
    """« oui la région 15000 (demandé) », then /annuler that funder: its 15 000 and its
    status stayed kept, and were offered at the État's amount added next."""
    walk = walk_to("bud.funders")
    walk.send("oui la région 15000 (demandé)")
    assert walk.dossier.set_aside == {
        "bud.funders.0.amount": "15000",
        "bud.funders.0.status": "demandé",
    }
    walk.send("/annuler")
    walk.send("oui")
    assert walk.dossier.budget.other_funders == []
    assert walk.dossier.set_aside == {}
    walk.answers(["oui", "l'Etat", "DDETS 62"])
    assert walk.key == "bud.funders.0.amount"
    assert "15000" not in walk.text


def test_a_funder_deleted_before_another_keeps_that_ones_words_with_it() -> None:
    """Two funders typed together, the first deleted: the second's words follow it to its
    new place in the list, never lost nor offered to another."""
    walk = walk_to("bud.funders")
    walk.answers(["oui", "la région", "Région HDF", "15000", "obtenu", "oui", "l'Etat"])
    assert walk.key == "bud.funders.1.name"
    d: Dossier = walk.dossier.model_copy(deep=True)
    d.set_aside = {"bud.funders.0.status": "obtenu", "bud.funders.1.amount": "8000"}
    first = find_question(plan_questions(spec_2025(), d), "bud.funders.0.name")
    assert first is not None
    delete_item(first, d)
    assert d.set_aside == {"bud.funders.0.amount": "8000"}
