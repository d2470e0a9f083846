"""Smaller findings of an applicant's test run: short forms of « je ne sais pas », a Back
typed after an apology, several funders or charges in one message, a requested share that
no longer matches the budget, indicators all at 0, a quote cut mid-word, the welcome's
reminder."""

from __future__ import annotations

from decimal import Decimal

from dialogs.events import SCREENS, Choose
from dialogs.service import SERVICE
from dialogs.texts import render_macro
from tests.support import DURING_CALL, Walk, script_lines, walk_to


# -- « jsp », « oups précédent » ---------------------------------------------------------------
def test_jsp_at_the_ase_count_is_read_as_i_dont_know_and_proposes_0_as_the_question_offers() -> (
    None
):
    walk = walk_to("plan.public.young_ase")
    walk.send("jsp")
    assert walk.key == "plan.public.young_ase"
    assert "Vous ne le savez pas encore : dois-je retenir 0" in walk.text
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
