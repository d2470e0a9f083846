"""Answers typed the way applicants say them: « toutes » SIAE of the network, « la moitié »
of a full-time post, « je sais pas » where the question offers 0 — each asked back or
taken, never refused for a figure the dossier or the question already gives; and « non »
where a description is required, refused rather than printed in the draft."""

from __future__ import annotations

from decimal import Decimal

import pytest

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
    assert (
        "Vous ne le savez pas encore : dois-je laisser cette question à compléter ?"
        in walk.text.replace("<b>", "").replace("</b>", "")
    )
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
    says it was passed, « question passée (facultative) », not « [à compléter] » as for a
    missing answer, nor « non renseigné » (read as a gap by a tester)."""
    walk = walk_to("plan.cross")
    walk.send("passer")
    walk.send(Command("review"))
    walk.send(
        Choose(walk.key, next(b.id for b in walk.last.messages[-1].buttons if "🔎 Plan" in b.label))
    )
    assert "Objectifs transversaux servis : question passée (facultative)" in walk.text.replace(
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
    assert "Je ne connais pas la commande" not in walk.text
    # an option named with other words: asked back (the option, or the words as typed)
    labels = [b.label for m in walk.last.messages for b in m.buttons]
    assert labels == ["Association loi 1901", "Association loi 1901 / fédération"]


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
    assert said.count("Dois-je retenir") + said.count("dois-je retenir") == 1, said
    walk.send("oui")
    assert walk.dossier.budget.own_funds == 0


def test_a_figure_alone_is_no_territory_nor_expected_result() -> None:
    """« 0.3 » typed one step late was stored as the territory and printed in the draft; a
    territory wants a word or a département's number (« 62 » stays an answer), an action's
    expected results want words."""
    walk = walk_to("org.territory")
    walk.send("0.3")
    assert walk.key == "org.territory" and "ne contient aucun mot" in walk.text
    walk.send("Pas-de-Calais (62)")
    assert walk.dossier.organisation.territory == "Pas-de-Calais (62)"
    walk = walk_to("plan.o1.0.territory_scope")
    walk.send("Des territoires précis (EPCI…)")
    walk.send("12 000")
    assert walk.key == "plan.o1.0.areas" and "ne contient aucun mot" in walk.text
    walk = walk_to("plan.o1.0.expected_results")
    walk.send("30")
    assert walk.key == "plan.o1.0.expected_results" and "ne contient aucun mot" in walk.text


def test_2500_brut_at_a_posts_monthly_loaded_cost_is_asked_back_as_the_loaded_cost() -> None:
    """« 2500 brut » at « Quel est le coût mensuel chargé du poste à temps plein ? » was taken
    as the loaded cost (gross + employer charges), understating the budget: asked back,
    saying what the question asks; « oui » keeps 2 500 as the loaded cost."""
    walk = walk_to("bud.staff.0.cost_mode")
    walk.send("par mois")
    assert walk.key == "bud.staff.0.monthly_cost"
    walk.send("2500 brut")
    assert "c’est un salaire brut, alors que la question porte sur le coût chargé" in walk.text
    assert "(salaire brut + charges patronales)" in walk.text
    assert walk.dossier.budget.staff[0].monthly_cost is None
    walk.send("oui")
    assert walk.dossier.budget.staff[0].monthly_cost == Decimal("2500.00")


def test_a_gross_salary_at_the_annual_loaded_cost_lets_the_applicant_type_the_loaded_cost() -> None:
    walk = walk_to("bud.staff.0.annual_cost")
    walk.send("30 000 brut")
    assert "envoyez le coût chargé" in walk.text
    walk.send("42 000")
    assert walk.dossier.budget.staff[0].annual_cost == Decimal("42000.00")


def test_a_loaded_cost_said_as_such_is_taken_at_once() -> None:
    walk = walk_to("bud.staff.0.annual_cost")
    walk.send("42 000 brut chargé")
    assert walk.dossier.budget.staff[0].annual_cost == Decimal("42000.00")


def test_the_reason_typed_before_an_indicators_target_is_kept_as_its_comment() -> None:
    """« on n'a pas de service juridique, 0 » was stored as 0 without comment, the reason
    lost; the words before the figure are now its comment, as « 8 ; dont 2 en
    visioconférence » keeps the words after it."""
    walk = walk_to("ind.juridique_sites")
    walk.send("on n'a pas de service juridique, 0")
    target = walk.dossier.indicators.targets["juridique_sites"]
    assert (target.target, target.comment) == (0, "on n'a pas de service juridique")
    assert walk.dossier.indicators.targets["formations"].comment == "dont 2 en visioconférence"


def test_a_percentage_of_the_direct_costs_at_indirect_costs_names_the_base_the_call_uses() -> None:
    """« 20% des charges directes » silently gave 20 % of the staff costs (the cap's base):
    asked back with that base made explicit, saying the call counts on staff costs and what
    20 % of all direct costs would give (over the cap); « oui » keeps the amount shown."""
    walk = walk_to("bud.indirect")
    totals = budget_totals(walk.engine.spec, walk.dossier)
    walk.send("20% des charges directes")
    assert "compte ce pourcentage sur les frais de personnel, pas sur l’ensemble des" in walk.text
    assert f"20 % de {format_eur(totals.direct)} feraient" in walk.text
    assert f"au-delà du plafond de {format_eur(totals.indirect_cap)}" in walk.text
    shown = format_eur(totals.staff * 20 / 100)
    assert f"20 % des frais de personnel ({format_eur(totals.staff)}), cela fait {shown}" in (
        walk.text
    )
    assert walk.dossier.budget.indirect is None
    walk.send("oui")
    assert walk.dossier.budget.indirect == (totals.staff * 20 / 100).quantize(Decimal("0.01"))


def test_a_plain_percentage_at_indirect_costs_is_asked_back_with_its_base() -> None:
    walk = walk_to("bud.indirect")
    walk.send("15 %")
    assert "15 % des frais de personnel (" in walk.text
    assert walk.dossier.budget.indirect is None


def test_the_ase_count_says_the_bound_its_question_states_in_every_message() -> None:
    """The question says « au plus 85 » (the young people given before), but « je sais pas »
    got « un nombre entre 0 et 100 000 »: the rule's bound narrows the form's, so every
    message gives 85; « je sais pas » is asked back as 0, as at its sibling counts."""
    walk = walk_to("plan.public.young_ase")
    assert "au plus 85" in walk.text
    walk.send("plusieurs")
    assert "entre 0 et 85" in walk.text and "100 000" not in walk.text
    walk.send("200")
    assert "comptés parmi les jeunes de moins de 26 ans (85)" in walk.text
    walk.send("200 000")
    assert "entre 0 et 85" in walk.text
    assert walk.dossier.plan.public.young_ase is None
    walk.send("je sais pas")
    assert "Vous ne le savez pas encore : dois-je laisser cette question à compléter ?" in walk.text
    walk.send("oui")
    assert walk.dossier.plan.public.young_ase == 0


def test_a_rule_narrowing_a_counts_bounds_never_widens_them() -> None:
    from dialogs.kinds import integer_bounds

    walk = walk_to("plan.public.young_ase")
    question = walk.engine.current(walk.dossier)
    assert question is not None
    assert integer_bounds(question, {"maximum": 85}) == (0, 85)
    assert integer_bounds(question, {"maximum": 10**9}) == (0, 100_000)
    assert integer_bounds(question, {"minimum": 5, "maximum": 3}) == (0, 100_000)


def test_pas_de_siret_pour_linstant_is_answered_like_je_lai_pas_sous_la_main() -> None:
    """« je l'ai pas sous la main » got where to find a SIRET and « Tapez « passer »… », but
    « pas de siret pour l'instant » only « Un SIRET ne contient que des chiffres… »."""
    for typed in ("pas de siret pour l'instant", "pas encore de SIRET", "le siret plus tard"):
        walk = walk_to("org.siret")
        walk.send(typed)
        assert "Le SIRET figure sur l’avis de situation" in walk.text, typed
        assert "Tapez « passer » pour laisser cette question de côté" in walk.text, typed
        assert "ne contient que des chiffres" not in walk.text, typed
        assert walk.dossier.organisation.siret is None


def test_a_phone_number_missing_a_digit_is_told_how_many_digits_were_typed() -> None:
    walk = walk_to("org.phone")
    walk.send("06 12 34 56 7")
    assert "compte 10 chiffres, vous en avez saisi 9 (il en manque 1)" in walk.text
    assert walk.dossier.organisation.contact.phone is None


def test_septembre_a_mars_is_told_the_action_must_fit_the_operations_period() -> None:
    """« septembre a mars » means September 2025 to March 2026, past the operation's period
    (01/2025 – 12/2025), not a period typed backwards: the message gives the period and a
    way to say it within it."""
    walk = walk_to("plan.o1.0.months")
    walk.send("octobre a fevrier")
    assert walk.text.startswith("❗ D’octobre à février")  # not « De octobre »
    walk.send("septembre a mars")
    assert walk.text.startswith("❗ De septembre à mars")
    assert "l’action irait jusqu’en mars 2026" in walk.text
    assert "période de l’opération (janvier 2025 – décembre 2025)" in walk.text
    assert "par exemple « septembre à décembre »" in walk.text
    assert "précède" not in walk.text
    walk.send("septembre à décembre")
    assert walk.dossier.plan.actions["o1"][0].months == [
        "2025-09",
        "2025-10",
        "2025-11",
        "2025-12",
    ]


def test_an_action_in_lille_is_flagged_at_once_and_the_dossier_is_ready_subject_to_it() -> None:
    """Areas « métropole européenne de lille, roubaix » (the Nord) were taken without a word
    and the dossier was « Prêt à déposer » and « éligible »: a note says Lille is not in the
    Pas-de-Calais, quoting the call, and the review keeps the point for the Département."""
    walk = walk_to("plan.o1.0.territory_scope")
    walk.send("Des territoires précis (EPCI…)")
    assert walk.key == "plan.o1.0.areas"
    walk.send("métropole européenne de lille, roubaix")
    said = walk.text
    named = "« Métropole européenne de Lille » et « Roubaix » ne sont pas dans le Pas-de-Calais"
    assert named in said, said
    assert "Ce dispositif est ouvert à l’ensemble du Département du Pas-de-Calais." in said
    assert walk.dossier.plan.actions["o1"][0].areas == "métropole européenne de lille, roubaix"
    report = review(walk.engine.spec, walk.dossier, DURING_CALL)
    assert [w.code for w in report.reservations] == ["area_elsewhere"]


def test_an_action_in_the_north_of_the_pas_de_calais_is_no_place_elsewhere() -> None:
    walk = walk_to("plan.o1.0.territory_scope")
    walk.send("Des territoires précis (EPCI…)")
    walk.send("le nord du département : Calaisis, Boulonnais, Bailleul-lès-Pernes")
    assert "n’est pas dans" not in walk.text
    assert review(walk.engine.spec, walk.dossier, DURING_CALL).reservations == []


def test_the_counting_the_draft_will_print_is_shown_when_the_target_is_asked() -> None:
    """The draft prints a « Mode de comptage » per indicator the applicant never saw: the
    question now shows it, as a proposal the call does not fix."""
    walk = walk_to("ind.juridique_sites")
    assert "Comptage proposé dans le brouillon (l’appel ne le fixe pas)" in walk.text
    assert "« Chaque intervention du service juridique dans les locaux d’une SIAE »." in walk.text


def test_a_name_followed_by_its_role_is_asked_back_as_the_name_alone() -> None:
    """« marie dupont, directrice » at the person to contact was stored whole, then the role
    asked: the letter read « marie dupont, directrice, directrice ». It is asked back as the
    name alone, and the title is offered at the role's question."""
    walk = walk_to("org.contact_name")
    walk.send("marie dupont, directrice")
    said = walk.text
    assert "Dois-je retenir « Marie Dupont » comme nom ?" in said, said
    assert "« directrice » semble être sa fonction, qui a sa propre question" in said
    walk.send("oui")
    assert walk.dossier.organisation.contact.name == "Marie Dupont"
    assert walk.key == "org.contact_role"
    assert "« directrice »" in walk.text  # the title typed with the name, offered there
    walk.send("oui")
    assert walk.dossier.organisation.contact.role == "directrice"


def test_a_name_written_surname_first_stays_a_name() -> None:
    walk = walk_to("org.contact_name")
    walk.send("Dupont, Marie")
    assert walk.dossier.organisation.contact.name == "Dupont, Marie"


def test_a_name_written_surname_first_then_its_role_keeps_the_whole_name() -> None:
    walk = walk_to("org.contact_name")
    walk.send("Dupont, Marie, directrice")
    assert "Dois-je retenir « Dupont, Marie » comme nom ?" in walk.text, walk.text
    walk.send("oui")
    assert walk.dossier.organisation.contact.name == "Dupont, Marie"


def test_a_role_typed_without_a_comma_is_asked_back_as_well() -> None:
    """« jean-pierre lefebvre president » as the legal representative: the letter signed
    « jean-pierre lefebvre president, président »."""
    walk = walk_to("org.rep_name")
    walk.send("jean-pierre lefebvre president")
    assert "Dois-je retenir « Jean-Pierre Lefebvre » comme nom ?" in walk.text, walk.text
    walk.send("oui")
    assert walk.dossier.organisation.representative.name == "Jean-Pierre Lefebvre"


def test_a_name_sent_again_as_typed_after_the_role_ask_back_is_kept_as_typed() -> None:
    """A name asked back as a name and a role (« Dupont, Marie, directrice ») and sent again
    as is is kept as typed, never asked back in a loop; a surname that only starts like a
    short title (« Chefdeville », « Cadreau ») is no title."""
    walk = walk_to("org.contact_name")
    walk.send("Dupont, Marie, directrice")
    assert "Dois-je retenir « Dupont, Marie » comme nom ?" in walk.text
    walk.send("Dupont, Marie, directrice")
    assert walk.dossier.organisation.contact.name == "Dupont, Marie, directrice"
    for name in ("Anne Marie Chefdeville", "Jean Paul Cadreau"):
        walk = walk_to("org.contact_name")
        walk.send(name)
        assert walk.dossier.organisation.contact.name == name


def test_je_sais_pas_at_an_actions_fte_says_an_estimate_will_do() -> None:
    """« je sais pas » at the staff an action mobilises got the bare format error."""
    walk = walk_to("plan.o1.0.fte")
    walk.send("je sais pas")
    assert "Une estimation suffit" in walk.text and "0,5 pour un mi-temps" in walk.text


def test_tte_lannee_at_an_actions_months_is_every_month_of_the_operation() -> None:
    """« tte l'annee » (typed in haste on a phone) at « Quels mois l'action se déroule-t-elle
    ? » was refused with « Je n'ai pas reconnu ces mois »; it says « toute l'année »: the
    operation's twelve months, as « toute l'année » gives."""
    for typed in ("tte l'annee", "tte l'année", "toute l'année"):
        walk = walk_to("plan.o1.0.months")
        walk.send(typed)
        assert "pas reconnu ces mois" not in walk.text
        assert walk.dossier.plan.actions["o1"][0].months == [f"2025-{m:02d}" for m in range(1, 13)]


def test_on_en_paye_pas_at_the_payroll_tax_is_asked_back_as_0_like_on_nen_paie_pas() -> None:
    """« on en paye pas » (the question says « tapez 0 si votre organisme n'en paie pas »)
    was refused with « Je n'ai pas compris ce montant »: asked back as 0, as « on n'en paie
    pas » is, and kept on « oui »."""
    for typed in ("on en paye pas", "on n'en paye pas", "on ne la paye pas"):
        walk = walk_to("bud.payroll_tax")
        walk.send(typed)
        assert "pas compris" not in walk.text and "dois-je retenir 0,00 €" in walk.text
        walk.send("oui")
        assert walk.dossier.budget.payroll_tax == 0


def test_a_target_said_in_the_negative_is_0_asked_back_with_the_words_as_comment() -> None:
    """« on a pas de service juridique » at the legal interventions' target was refused
    with « J'attends un nombre entier »: it is 0, asked back with the words kept as the
    target's comment (as « on n'a pas de service juridique, 0 »)."""
    walk = walk_to("ind.juridique_sites")
    walk.send("on a pas de service juridique")
    assert "nombre entier" not in walk.text
    assert "dois-je retenir 0 (on a pas de service juridique) ?" in walk.text.replace(
        "<b>", ""
    ).replace("</b>", "")
    walk.send("oui")
    target = walk.dossier.indicators.targets["juridique_sites"]
    assert (target.target, target.comment) == (0, "on a pas de service juridique")


def test_a_count_said_in_the_negative_is_0_asked_back() -> None:
    """« on n'en accueille jamais » at a count of the public was refused for want of a
    figure: 0 asked back, never taken unseen."""
    walk = walk_to("plan.public.brsa")
    walk.send("on n'en accueille jamais")
    said = walk.text.replace("<b>", "").replace("</b>", "")
    assert "J’attends un nombre entier" not in said and "dois-je retenir 0 ?" in said
    walk.send("oui")
    assert walk.dossier.plan.public.brsa == 0


@pytest.mark.parametrize("typed", ["c'est une SCIC", "nous sommes une SCOP", "c'est un GIP"])
def test_a_legal_form_named_with_filler_words_is_the_option_it_names(typed: str) -> None:
    """A tester's « c'est une SCIC » was stored as typed (and printed as the legal form),
    then the RNA asked « de votre association »: the option is taken, the RNA not asked."""
    walk = walk_to("org.legal_form")
    walk.send(typed)
    assert walk.dossier.organisation.legal_form in (
        "Société coopérative (SCIC, SCOP)",
        "Groupement d’intérêt public",
    )
    assert walk.key != "org.rna"


def test_a_legal_form_named_approximately_is_offered_beside_the_words_typed() -> None:
    walk = walk_to("org.legal_form")
    walk.send("autre : SCIC")
    assert walk.dossier.organisation.legal_form is None
    labels = [b.label for m in walk.last.messages for b in m.buttons]
    assert labels == ["Société coopérative (SCIC, SCOP)", "autre : SCIC"]
    assert "gardez vos mots tels quels" in walk.text
    walk.send(Choose("org.legal_form", "_c0"))
    assert walk.dossier.organisation.legal_form == "Société coopérative (SCIC, SCOP)"
    assert walk.key != "org.rna"


def test_a_legal_form_of_its_own_is_kept_as_typed() -> None:
    walk = walk_to("org.legal_form")
    walk.send("fondation")
    assert walk.dossier.organisation.legal_form == "fondation"


def test_figures_of_a_count_whose_words_hold_au_still_offer_their_total() -> None:
    """« 10 au CA et 5 autres » at the volunteers (« administrateurs compris ») offered 10
    or 5 only: the « au » of « au CA » was read as a range (« 10 au 15 »). 15 comes first."""
    walk = walk_to("org.volunteers")
    walk.send("10 au CA et 5 autres")
    assert "15 au total ?" in walk.text.replace("<b>", "").replace("</b>", "")
    walk.send(Choose("org.volunteers", "_c0"))
    assert walk.dossier.organisation.volunteers == 15


@pytest.mark.parametrize("typed", ["pas vraiment", "pas trop", "pas tellement"])
def test_a_hedged_no_at_a_knock_out_question_is_asked_back_before_ineligibility(
    typed: str,
) -> None:
    """« pas vraiment » at the target-public question gave « votre candidature n'est pas
    éligible » at once, while « non on est sur le Nord surtout » was confirmed first."""
    walk = walk_to("elig.target_public")
    walk.send(typed)
    assert walk.key == "elig.target_public"
    assert "dois-je comprendre non ?" in walk.text
    assert "n’est pas éligible" not in walk.text
