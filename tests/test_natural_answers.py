"""Answers typed the way applicants say them: « toutes » SIAE of the network, « la moitié »
of a full-time post, « je sais pas » where the question offers 0 — each asked back or
taken, never refused for a figure the dossier or the question already gives; and « non »
where a description is required, refused rather than printed in the draft."""

from __future__ import annotations

from decimal import Decimal

from dialogs.events import Choose, Command
from dialogs.money import format_eur
from dialogs.review import review
from dialogs.rules import budget_totals
from tests.support import DURING_CALL, walk_to


def test_toutes_at_the_siae_an_action_targets_offers_the_networks_member_siae() -> None:
    """The network gave 42 member SIAE earlier; « toutes nos SIAE » at an action's count is
    asked back as 42, then kept on « oui »."""
    walk = walk_to("plan.o1.0.siae_count")
    walk.send("toutes nos SIAE")
    assert (
        "Toutes vos SIAE adhérentes, soit 42 d’après votre réponse plus haut"
        in walk.text.replace("<b>", "").replace("</b>", "")
    )
    walk.send("oui")
    assert walk.dossier.plan.actions["o1"][0].siae_count == 42


def test_the_half_of_a_full_time_post_is_half_an_fte() -> None:
    walk = walk_to("plan.o1.0.fte")
    walk.send("la moitié")
    assert walk.dossier.plan.actions["o1"][0].fte == Decimal("0.5")


def test_je_sais_pas_where_the_question_offers_0_is_asked_back_as_0() -> None:
    """The question says « 0 si vous ne le savez pas encore »: « je sais pas » is asked back
    as 0 (not refused with « une estimation suffit »), and kept on « oui »."""
    walk = walk_to("plan.public.young")
    walk.send("je sais pas")
    assert "Vous ne le savez pas encore : dois-je retenir 0 pour l’instant ?" in walk.text.replace(
        "<b>", ""
    ).replace("</b>", "")
    walk.send("oui")
    assert walk.dossier.plan.public.young == 0


def test_je_sais_pas_at_a_count_that_offers_no_0_still_asks_for_an_estimate() -> None:
    walk = walk_to("org.members")
    walk.send("je sais pas")
    assert "Une estimation suffit" in walk.text
    assert walk.dossier.organisation.member_siae_count is None


def test_non_is_no_description_of_how_the_actions_reach_the_public() -> None:
    """« non » at « comment vos actions bénéficient-elles à ce public » was stored and printed
    as the whole section of a « ready » draft: refused, asking for a few words."""
    walk = walk_to("plan.public.note")
    walk.send("non")
    assert "« non » ne répond pas à la question" in walk.text
    assert walk.dossier.plan.public.note is None


def test_non_still_declines_the_optional_partners_of_an_action() -> None:
    walk = walk_to("plan.o1.0.partners")
    walk.send("non")
    assert "ne répond pas à la question" not in walk.text


def test_aide_at_an_actions_months_quotes_the_period_of_the_operation() -> None:
    """« aide » at « Quels mois l'action se déroule-t-elle ? » quoted the orientation's
    passage; the months are bounded by the operation's period, which it now quotes."""
    walk = walk_to("plan.o1.0.months")
    walk.send("aide")
    assert "12 mois du 01/01/2025 au 31/12/2025" in walk.text


def test_an_optional_question_passed_on_purpose_is_no_gap_in_the_review() -> None:
    """« passer » at the optional cross-cutting objectives: the review's detail of the plan
    says « non renseigné (facultatif) », not « [à compléter] » as for a missing answer."""
    walk = walk_to("plan.cross")
    walk.send("passer")
    walk.send(Command("review"))
    walk.send(
        Choose(walk.key, next(b.id for b in walk.last.messages[-1].buttons if "🔎 Plan" in b.label))
    )
    assert "Objectifs transversaux servis : non renseigné (facultatif)" in walk.text.replace(
        "<b>", ""
    ).replace("</b>", "")


def test_an_unknown_command_at_a_free_text_question_is_never_stored_as_the_answer() -> None:
    """« /equipe » at the legal form (a question that takes free text) was stored as
    « Forme juridique : /equipe » and shown to officers: it is told apart as a command the
    bot does not know, and the question stays."""
    walk = walk_to("org.legal_form")
    walk.send("/equipe")
    assert "Je ne connais pas la commande « /equipe »" in walk.text
    assert walk.key == "org.legal_form"
    assert walk.dossier.organisation.legal_form is None


def test_a_slash_inside_an_answer_is_still_an_answer() -> None:
    walk = walk_to("org.legal_form")
    walk.send("Association loi 1901 / fédération")
    assert walk.key != "org.legal_form"


def test_a_known_command_followed_by_words_is_that_command_never_the_answer() -> None:
    """« /aide svp », « /aide@aap_bot » and « /Plan » were stored as the legal form or called
    unknown: the command runs, whatever follows it or however it is capitalised."""
    walk = walk_to("org.legal_form")
    walk.send("/aide svp")
    assert "Je ne connais pas la commande" not in walk.text
    assert walk.dossier.organisation.legal_form is None and walk.key == "org.legal_form"
    walk.send("/aide@aap_bot")
    assert "Je ne connais pas la commande" not in walk.text
    assert walk.dossier.organisation.legal_form is None
    walk.send("/Plan")
    assert walk.key.startswith("plan.")


def test_asso_at_the_organisation_type_is_asked_back_never_declared_ineligible() -> None:
    """Most network heads are associations: « asso » matched the « association
    intermédiaire » (an SIAE) and the applicant was told, without seeing how it was read,
    that it was not eligible. The guess is asked back; « non » leaves the question open."""
    walk = walk_to("elig.type")
    walk.send("asso")
    said = walk.text.replace("<b>", "").replace("</b>", "")
    assert "vouliez-vous dire « SIAE : association intermédiaire (AI) » ?" in said
    assert "pas éligible" not in said
    assert walk.dossier.eligibility.organisation_type is None
    walk.send("non")
    assert walk.key == "elig.type" and walk.dossier.eligibility.organisation_type is None


def test_toute_lannee_at_a_posts_number_of_months_is_the_operations_twelve_months() -> None:
    """« toute l'année » was refused at « Sur combien de mois ? » though the same words are
    understood at an action's months: asked back as the operation's 12 months."""
    walk = walk_to("bud.staff.0.cost_mode")
    walk.send("2")  # Coût mensuel × nombre de mois
    walk.send("2 500")
    assert walk.key == "bud.staff.0.months"
    walk.send("toute l'année")
    said = walk.text.replace("<b>", "").replace("</b>", "")
    assert "Toute la durée de l’opération, soit 12 mois : dois-je retenir ce nombre ?" in said
    walk.send("oui")
    assert walk.dossier.budget.staff[0].months == 12


def test_on_nen_paie_pas_at_the_payroll_tax_is_asked_back_as_0() -> None:
    """The question says « tapez 0 si votre organisme n’en paie pas »: saying it in words is
    asked back as 0 instead of « Je n’ai pas compris ce montant »."""
    walk = walk_to("bud.payroll_tax")
    walk.send("on n'en paie pas")
    assert "0,00 €" in walk.text and "pas compris" not in walk.text
    walk.send("oui")
    assert walk.dossier.budget.payroll_tax == 0


def test_le_reste_at_a_co_funders_amount_is_the_cost_left_uncovered() -> None:
    """« le reste » at a co-funder's amount was refused as no amount; it is the operation's
    cost less the resources already given, asked back with both figures, kept on « oui »:
    the budget then balances."""
    walk = walk_to("bud.funders.0.amount")
    spec = walk.engine.spec
    before = budget_totals(spec, walk.dossier)
    assert 0 < before.resources < before.charges
    walk.send("le reste")
    said = walk.text.replace("<b>", "").replace("</b>", "").replace("\u202f", " ")
    gap = format_eur(before.charges - before.resources).replace("\u202f", " ")
    assert "moins les autres ressources déjà indiquées" in said and gap in said, said
    walk.send("oui")
    assert walk.dossier.budget.other_funders[0].amount == before.charges - before.resources
    assert budget_totals(spec, walk.dossier).resources == before.charges


def test_le_reste_again_leaves_out_the_amount_it_replaces() -> None:
    """Going back to a co-funder's amount given as « le reste » and typing « le solde »: the
    amount being replaced is not counted among the other resources, so the same amount is
    asked back, not 0."""
    walk = walk_to("bud.funders.0.amount")
    walk.send("le reste")
    walk.send("oui")
    first = walk.dossier.budget.other_funders[0].amount
    walk.send(Command("back"))
    assert walk.key == "bud.funders.0.amount"
    walk.send("le solde")
    walk.send("oui")
    assert walk.dossier.budget.other_funders[0].amount == first


def test_le_reste_when_the_cost_is_already_covered_says_so_and_offers_0() -> None:
    """The example's resources already balance its cost when the own funds are asked: « le
    reste » there says nothing is left to finance and offers 0."""
    walk = walk_to("bud.own")
    walk.send("le reste")
    said = walk.text.replace("<b>", "").replace("</b>", "")
    assert "couvrent déjà le coût de l’opération" in said and "il ne reste rien" in said, said
    walk.send("oui")
    assert walk.dossier.budget.own_funds == 0


def test_a_figure_alone_is_no_territory_nor_expected_result() -> None:
    """« 0.3 » typed one step late was stored as the territory and printed in the draft; a
    territory, an action's areas and its expected results want words."""
    walk = walk_to("org.territory")
    walk.send("0.3")
    assert walk.key == "org.territory" and "ne contient aucun mot" in walk.text
    walk.send("Pas-de-Calais (62)")
    assert walk.dossier.organisation.territory == "Pas-de-Calais (62)"
    walk = walk_to("plan.o1.0.expected_results")
    walk.send("30")
    assert walk.key == "plan.o1.0.expected_results" and "ne contient aucun mot" in walk.text


def test_an_action_in_lille_is_flagged_at_once_and_the_dossier_is_ready_subject_to_it() -> None:
    """Areas « métropole européenne de lille, roubaix » (the Nord) were taken without a word
    and the dossier was « Prêt à déposer » and « éligible »: a note says Lille is not in the
    Pas-de-Calais, quoting the call, and the review keeps the point for the Département."""
    walk = walk_to("plan.o1.0.territory_scope")
    walk.send("Des territoires précis (EPCI…)")
    assert walk.key == "plan.o1.0.areas"
    walk.send("métropole européenne de lille, roubaix")
    said = walk.text
    assert "Métropole européenne de Lille n’est pas dans le Pas-de-Calais" in said, said
    assert "Ce dispositif est ouvert à l’ensemble du Département du Pas-de-Calais." in said
    assert walk.dossier.plan.actions["o1"][0].areas == "métropole européenne de lille, roubaix"
    report = review(walk.engine.spec, walk.dossier, DURING_CALL)
    assert [w.code for w in report.reservations] == ["area_elsewhere"]


def test_an_action_in_the_north_of_the_pas_de_calais_is_no_place_elsewhere() -> None:
    walk = walk_to("plan.o1.0.territory_scope")
    walk.send("Des territoires précis (EPCI…)")
    walk.send("le nord du département : Calaisis, Boulonnais, Audomarois")
    assert "n’est pas dans" not in walk.text
    assert review(walk.engine.spec, walk.dossier, DURING_CALL).reservations == []


def test_the_counting_the_draft_will_print_is_shown_when_the_target_is_asked() -> None:
    """The draft prints a « Mode de comptage » per indicator the applicant never saw: the
    question now shows it, as a proposal the call does not fix."""
    walk = walk_to("ind.juridique_sites")
    assert "Comptage proposé dans le brouillon (l’appel ne le fixe pas)" in walk.text
    assert "Chaque intervention du service juridique dans les locaux d’une SIAE." in walk.text


def test_a_name_followed_by_its_role_is_asked_back_as_the_name_alone() -> None:
    """« marie dupont, directrice » at the person to contact was stored whole, then the role
    asked: the letter read « marie dupont, directrice, directrice ». It is asked back as the
    name alone, and the role is asked next."""
    walk = walk_to("org.contact_name")
    walk.send("marie dupont, directrice")
    said = walk.text
    assert "Dois-je retenir « marie dupont » comme nom ?" in said, said
    assert "« directrice » est sa fonction" in said
    walk.send("oui")
    assert walk.dossier.organisation.contact.name == "marie dupont"
    assert walk.key == "org.contact_role"


def test_a_name_written_surname_first_stays_a_name() -> None:
    walk = walk_to("org.contact_name")
    walk.send("Dupont, Marie")
    assert walk.dossier.organisation.contact.name == "Dupont, Marie"
