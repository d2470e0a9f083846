"""Staff of an IAE network head in the Pas-de-Calais, typing on their phone in a hurry: a
« si » after a « non » read too fast, a total with its breakdown, words typed for the team
then cancelled. Each answer is read as meant, or asked back; nothing typed is lost unsaid."""

from __future__ import annotations

from tests.support import walk_to

#: The organisation's first answers in the complete script, after the eligibility.
ORGANISATION_START = ["Inser'Réseau 62", "732 829 320 00074", "1", "W623001234"]


def test_si_pardon_after_a_no_asked_back_is_a_yes_and_the_count_is_kept() -> None:
    """« pas dans le 62 … » was asked back « dois-je comprendre non ? »; « ah si pardon, on
    a 10 adhérentes dans le 62 » was refused (« ni oui ni non »), and a bare « si » confirmed
    the « non »: the network declared ineligible. It is a yes, the count kept for its
    question and offered there."""
    walk = walk_to("elig.territory")
    walk.send("pas dans le 62 mais on a des adherentes")
    assert "dois-je comprendre non ?" in walk.text
    walk.send("ah si pardon, on a 10 adhérentes dans le 62")
    assert "ni oui ni non" not in walk.text
    assert walk.dossier.eligibility.answers["territory"] is True
    assert walk.key == "elig.target_public"
    assert "Je garde « 10 adhérentes » pour « Nombre de SIAE adhérentes" in walk.text
    walk.answers(["oui", "oui", *ORGANISATION_START])
    assert walk.key == "org.members"
    assert "Vous aviez aussi écrit « 10 adhérentes »" in walk.text
    walk.send("oui")
    assert walk.dossier.organisation.member_siae_count == 10


def test_a_bare_si_at_dois_je_comprendre_non_is_never_the_no_confirmed() -> None:
    walk = walk_to("elig.territory")
    walk.send("on a pas d'adhérents dans le 62")
    walk.send("si")
    assert walk.dossier.eligibility.answers["territory"] is True
    assert walk.key == "elig.target_public"


def test_oui_at_dois_je_comprendre_non_still_confirms_the_no() -> None:
    walk = walk_to("elig.territory")
    walk.send("on a pas d'adhérents dans le 62")
    walk.send("oui")
    assert walk.dossier.eligibility.answers["territory"] is False


def test_all_year_at_the_territory_is_a_period_not_a_territory() -> None:
    """« ttes l'année » at « Sur quel territoire votre réseau intervient-il ? » was kept as
    the network's territory, printed so in the plan."""
    for typed in ("ttes l'année", "toute l’année", "tout le temps"):
        walk = walk_to("org.territory")
        walk.send(typed)
        assert walk.dossier.organisation.territory is None, typed
        assert f"« {typed} » indique une période, pas un territoire" in walk.text
        assert walk.key == "org.territory"
    walk = walk_to("org.territory")
    walk.send("tout le 62")
    assert walk.dossier.organisation.territory == "tout le 62"


def test_a_total_with_its_breakdown_keeps_the_total_and_says_the_breakdown_is_not_kept() -> None:
    """« 45 SIAE, 30 ACI et 15 EI » at the member SIAE: 45 was kept, the breakdown dropped
    unsaid; « 45 dont 30 ACI et 15 EI » offered « 30 ACI et 15 EI » as the territory."""
    for typed, detail in (
        ("45 SIAE, 30 ACI et 15 EI", "30 ACI et 15 EI"),
        ("45 (30 ACI, 15 EI)", "30 ACI, 15 EI"),
        ("45 dont 30 ACI et 15 EI", "30 ACI et 15 EI"),
    ):
        walk = walk_to("org.members")
        walk.send(typed)
        assert walk.dossier.organisation.member_siae_count == 45, typed
        assert "Je retiens 45 pour « Nombre de SIAE adhérentes" in walk.text, typed
        assert f"Le détail « {detail} » n’est pas enregistré" in walk.text, typed
        assert "est-ce votre réponse à « Territoire d’intervention »" not in walk.text
        assert walk.key == "org.territory" and walk.dossier.organisation.territory is None


def test_a_share_its_own_question_counts_is_still_carried_there_unnoted() -> None:
    walk = walk_to("plan.public.young")
    walk.send("85 dont 12 ASE")
    assert walk.dossier.plan.public.young_ase == 12
    assert "n’est pas enregistré" not in walk.text


def test_all_our_members_typed_in_haste_at_an_actions_count_offers_the_member_count() -> None:
    """« ttes nos adhérentes » at « Combien de SIAE l'action vise-t-elle ? » was refused
    (« J'attends un nombre entier ») where « toutes nos adhérentes » offered the 42 members."""
    for typed in ("ttes nos adherentes", "l'ensemble de nos SIAE"):
        walk = walk_to("plan.o1.0.siae_count")
        walk.send(typed)
        assert "J’attends un nombre entier" not in walk.text, typed
        assert "Toutes vos SIAE adhérentes, soit 42" in walk.text, typed
        walk.send("oui")
        assert walk.dossier.plan.actions["o1"][0].siae_count == 42


def test_none_of_that_number_at_an_identifier_says_where_to_find_it_and_how_to_skip() -> None:
    """« pas de RNA », « on en a pas » at the RNA or the SIRET were refused as badly typed
    numbers (« Un numéro RNA commence par W… »): the applicant has none at hand, and is told
    where it is found and that « passer » leaves the question aside."""
    for key, typed in (
        ("org.rna", "pas de RNA"),
        ("org.rna", "on n'a pas de numéro RNA"),
        ("org.siret", "on en a pas"),
        ("org.siret", "pas de siret"),
    ):
        walk = walk_to(key)
        walk.send(typed)
        assert "commence par W" not in walk.text and "ne contient que des chiffres" not in walk.text
        assert f"Je n’enregistre pas « {typed} » comme réponse" in walk.text, typed
        assert "Tapez « passer »" in walk.text, typed
        assert walk.key == key


def test_exo_at_the_payroll_tax_is_the_exemption_answer() -> None:
    """« on est exo » at « Taxe sur les salaires » was refused (« Je n'ai pas compris ce
    montant »), then asked back as 0: it is the exemption answer, 0 € recorded at once
    (tests/test_applicant_answers_rewalked.py)."""
    for typed in ("on est exo", "exo"):
        walk = walk_to("bud.payroll_tax")
        walk.send(typed)
        assert "Je n’ai pas compris ce montant" not in walk.text, typed
        assert walk.dossier.budget.payroll_tax == 0


def test_what_is_left_at_the_own_funds_is_the_remainder_asked_back() -> None:
    """« ce qu'il reste » at « Fonds propres » was refused where « le reste » was read."""
    walk = walk_to("bud.own")
    walk.send("ce qu'il reste")
    assert "Je n’ai pas compris ce montant" not in walk.text
    assert "il ne reste rien à financer. Dois-je retenir 0,00 € ?" in walk.text


def test_generate_or_validate_typed_at_the_review_generates_the_draft() -> None:
    """« valider », « on a fini » at the review were refused (« Choisissez l'une des
    propositions »); « on peut générer » went to the call's knowledge base as a question."""
    for typed in ("valider", "on a fini", "on peut générer"):
        walk = walk_to("review")
        walk.send(typed)
        assert "Choisissez l’une des propositions" not in walk.text, typed
        assert "Je prépare votre brouillon" in walk.text, typed


def test_pardon_with_a_value_the_next_question_refuses_corrects_the_answer_just_given() -> None:
    """« pardon c 6 » at the ETP, 5 employees just given, was refused (« 6 ETP pour 5
    salariés »); « non pardon 4,5 » at the volunteers (« J'attends un nombre entier »), « pardon
    40k » at « D'autres financeurs ? » (« Répondez par oui ou non »): each corrects the
    answer just given, then the question on screen is asked again."""
    for key, first, typed, check in (
        ("org.employees", "5", "pardon c 6", lambda w: w.dossier.organisation.employees == 6),
        (
            "org.employees_fte",
            "4,2",
            "non pardon 4,5",
            lambda w: str(w.dossier.organisation.employees_fte) == "4.5",
        ),
        (
            "bud.dept",
            "45000",
            "pardon 40k",
            lambda w: w.dossier.budget.departement_request == 40000,
        ),
    ):
        walk = walk_to(key)
        walk.send(first)
        on_screen = walk.key
        walk.send(typed)
        assert check(walk), typed
        assert "Réponse modifiée" in walk.text and "Reprenons où vous en étiez" in walk.text
        assert walk.key == on_screen, typed


def test_pardon_with_a_value_both_questions_take_is_asked_back() -> None:
    """« pardon 58 » at « Dont jeunes issus de l'ASE », 85 young people just given, was
    stored as 58 ASE young people: is it a correction of the 85, or this answer?"""
    walk = walk_to("plan.public.young")
    walk.send("85")
    walk.send("pardon 58")
    assert walk.dossier.plan.public.young_ase is None
    assert "corrigez-vous « Jeunes de moins de 26 ans » (réponse donnée : 85)" in walk.text
    assert "ou est-ce votre réponse à « Dont jeunes issus de l’ASE » ?" in walk.text
    walk.send("1")
    assert walk.dossier.plan.public.young == 58
    assert walk.key == "plan.public.young_ase"
    walk = walk_to("plan.public.young")
    walk.answers(["85", "pardon 58", "2"])
    assert walk.dossier.plan.public.young == 85
    assert walk.dossier.plan.public.young_ase == 58


def test_the_siae_types_typed_with_an_actions_count_answer_the_types_asked_next() -> None:
    """« 15 SIAE ACI et EI » at « Combien de SIAE ? »: 15 kept, the types dropped unsaid,
    then asked at the very next question."""
    for typed, types in (("15 SIAE ACI et EI", ["aci", "ei"]), ("15, que des ACI", ["aci"])):
        walk = walk_to("plan.o1.0.siae_count")
        walk.send(typed)
        action = walk.dossier.plan.actions["o1"][0]
        assert action.siae_count == 15 and action.siae_types == types, typed
        assert "je retiens aussi « Types de SIAE ciblées »" in walk.text
        assert walk.key == "plan.o1.0.territory_scope"


def test_where_typed_with_the_member_count_is_offered_as_the_territory() -> None:
    """« 42 SIAE sur tout le 62 »: « sur tout le 62 » was dropped unsaid (only a clause
    after a comma was offered)."""
    walk = walk_to("org.members")
    walk.send("42 SIAE sur tout le 62")
    assert walk.dossier.organisation.member_siae_count == 42
    assert "Vous aviez aussi écrit « sur tout le 62 » : est-ce votre réponse à" in walk.text
    walk.send("oui")
    assert walk.dossier.organisation.territory == "tout le 62"  # stored without « sur »


def test_the_legal_form_typed_after_the_name_is_kept_for_its_own_question() -> None:
    """« IRIAE 62 asso loi 1901 » at the organisation's name was stored whole, printed so in
    every document and file name; the legal form then asked as if never said."""
    walk = walk_to("org.name")
    walk.send("IRIAE 62 asso loi 1901")
    assert walk.dossier.organisation.name == "IRIAE 62"
    assert "Je garde « asso loi 1901 » pour « Forme juridique »" in walk.text
    walk.send("732 829 320 00074")
    assert walk.key == "org.legal_form"
    assert "Vous aviez aussi écrit « asso loi 1901 »" in walk.text
    walk.send("oui")
    assert walk.dossier.organisation.legal_form is not None
    assert walk.key == "org.rna"
    walk = walk_to("org.name")
    walk.send("Association IRIAE 62")
    assert walk.dossier.organisation.name == "Association IRIAE 62"


def test_a_funder_or_a_resource_named_at_the_yes_no_opens_it() -> None:
    """« la Région 18k » at « D'autres financeurs ? », « cotisations 2000 » at « D'autres
    ressources ? » were refused (« ne dit ni oui ni non ») where « oui la Région 18k »
    opened the funder: the words say yes, and are the new item's."""
    walk = walk_to("bud.funders")
    walk.send("la Région 18k")
    assert "ne dit ni oui ni non" not in walk.text
    assert "je comprends « oui » à « Autres financeurs »" in walk.text
    assert walk.dossier.budget.other_funders[0].category == "region"
    assert walk.dossier.set_aside == {"bud.funders.0.amount": "18k"}
    walk = walk_to("bud.resources")
    walk.send("cotisations 2000")
    assert "je comprends « oui » à « Autres ressources »" in walk.text
    assert walk.key == "bud.resources.0.label"
    walk = walk_to("bud.funders")
    walk.send("je sais pas trop")
    assert walk.key == "bud.funders" and not walk.dossier.budget.other_funders


def test_included_at_the_social_charges_says_their_amount_is_still_needed() -> None:
    """« inclus », « c deja dans le cout des postes » at « Dont charges sociales » got « Je
    n'ai pas compris ce montant »: the applicant is told they are indeed part of the staff
    costs, and that their amount (or share) is what is asked."""
    for typed in ("inclus", "c deja dans le cout des postes"):
        walk = walk_to("bud.social")
        walk.send(typed)
        assert "Je n’ai pas compris ce montant" not in walk.text, typed
        assert "Les charges sociales sont bien comprises dans les frais de personnel" in walk.text
        assert walk.key == "bud.social" and walk.dossier.budget.social_charges is None


def test_an_amount_typed_at_the_mode_of_a_posts_cost_asks_which_mode_and_keeps_it() -> None:
    """« 55k chargé » at « Comment voulez-vous indiquer le coût de ce poste ? » was refused
    (« Choisissez l'une des propositions »), though the same typed after the ETP asked
    which mode and kept the amount."""
    walk = walk_to("bud.staff.0.cost_mode")
    walk.send("55k chargé")
    assert "Choisissez l’une des propositions" not in walk.text
    assert "(55 000,00 €) : est-ce un coût annuel ou un coût mensuel ?" in walk.text
    walk.send("1")
    assert walk.dossier.budget.staff[0].annual_cost == 55000
    assert walk.key == "bud.staff.more"


def test_a_budget_in_millions_typed_with_a_bare_m_is_millions() -> None:
    """« 1,2M » at « Budget annuel de l'organisme » was stored as 1,20 €, unsaid (only « 1,2
    M€ » was read as millions)."""
    for typed in ("1,2M", "1,2 M"):
        walk = walk_to("org.annual_budget")
        walk.send(typed)
        assert walk.dossier.organisation.annual_budget == 1_200_000, typed


def test_an_actions_title_typed_with_its_count_and_months_keeps_them_for_their_questions() -> None:
    """« formation des encadrants, 15 SIAE, de mars a juin » was stored whole as the title,
    printed so in the plan, and the count and months asked again as if never said."""
    walk = walk_to("plan.o1.0.title")
    walk.send("formation des encadrants, 15 SIAE, de mars a juin")
    action = walk.dossier.plan.actions["o1"][0]
    assert action.title == "formation des encadrants"
    assert "Je garde « 15 SIAE » pour « Nombre de SIAE ciblées »" in walk.text
    walk.answers(["Un cycle de formation des encadrants techniques d'insertion."])
    assert "Vous aviez aussi écrit « 15 SIAE »" in walk.text
    walk.answers(["oui", "ACI et EI", "tout le departement"])
    assert "Vous aviez aussi écrit « de mars a juin »" in walk.text
    walk.send("oui")
    action = walk.dossier.plan.actions["o1"][0]
    assert action.siae_count == 15
    assert action.months == ["2025-03", "2025-04", "2025-05", "2025-06"]
    walk = walk_to("plan.o1.0.title")
    walk.send("Former les encadrants, pour les ACI")
    assert walk.dossier.plan.actions["o1"][0].title == "Former les encadrants, pour les ACI"


def test_ok_at_the_review_asks_whether_to_generate_the_draft() -> None:
    """« ok », « c'est bon » at the review were refused (« Choisissez l'une des
    propositions : tapez son numéro (de 1 à 8) »): asked back, never taken unseen."""
    for typed in ("ok", "c'est bon"):
        walk = walk_to("review")
        walk.send(typed)
        assert "Choisissez l’une des propositions" not in walk.text, typed
        assert "vouliez-vous dire « Générer le brouillon » ?" in walk.text, typed
        assert "Je prépare votre brouillon" not in walk.text
    walk.send("oui")
    assert "Je prépare votre brouillon" in walk.text
