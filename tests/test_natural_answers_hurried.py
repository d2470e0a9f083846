"""Hurried applicants on their phones: « c'est bon » where a yes or a confirmation is asked,
the body a funder is named by (« la CA du Boulonnais »), « pas dispo » at a number not at
hand. Each answer is read as the applicant meant it, or asked back in one short question."""

from __future__ import annotations

from decimal import Decimal

from tests.support import DURING_CALL, Walk, walk_to


def test_cest_bon_at_an_eligibility_question_is_a_yes() -> None:
    """« L'opération se déroulera-t-elle pendant la période de conventionnement ? » —
    « c'est bon » was refused as « ni oui ni non », then every later line answered it."""
    walk = walk_to("elig.period")
    walk.send("c'est bon")
    assert "ni oui ni non" not in walk.text
    assert walk.dossier.eligibility.answers["period"] is True
    assert walk.key != "elig.period"


def test_c_bon_confirms_the_figure_asked_back() -> None:
    """« une trentaine » at the member SIAE is asked back as 30; « c bon » keeps 30 (it was
    kept as words for the next question, and the figure asked back again)."""
    walk = walk_to("org.members")
    walk.send("une trentaine")
    walk.send("c bon")
    assert walk.dossier.organisation.member_siae_count == 30
    assert walk.key == "org.territory"


def test_cest_bon_at_one_more_action_is_asked_back_as_no() -> None:
    """At « Souhaitez-vous ajouter une autre action ? », « c'est bon » rather says « that
    will do »: asked back as « non », never a new action opened unseen."""
    walk = walk_to("plan.o1.more")
    walk.send("c'est bon")
    assert "dois-je comprendre non ?" in walk.text
    assert len(walk.dossier.plan.actions["o1"]) == 1
    walk.send("oui")
    assert walk.key.startswith("plan.o2")
    assert len(walk.dossier.plan.actions["o1"]) == 1


def test_a_funder_named_by_its_own_name_gives_its_type_and_its_name_is_offered() -> None:
    """« la CA du Boulonnais » at the funder's type was refused (« Choisissez l'une des
    propositions »), the name lost; « DREETS Hauts-de-France » was asked back. The body's
    name says its type; the name is then offered, never stored unasked."""
    for typed, category, name in (
        ("la CA du Boulonnais", "epci", "CA du Boulonnais"),
        ("DREETS Hauts-de-France", "etat", "DREETS Hauts-de-France"),
        ("Communauté de communes du Ternois", "epci", "Communauté de communes du Ternois"),
    ):
        walk = walk_to("bud.funders")
        walk.send("oui")
        walk.send(typed)
        funder = walk.dossier.budget.other_funders[0]
        assert funder.category == category, typed
        assert funder.name is None, typed
        assert f"Vous aviez aussi écrit « {name} »" in walk.text, walk.text
        walk.send("oui")
        assert walk.dossier.budget.other_funders[0].name == name
        assert walk.key == "bud.funders.0.amount"


def test_yes_with_a_funder_named_by_its_own_name_opens_it_with_its_type() -> None:
    walk = walk_to("bud.funders")
    walk.send("oui la CA de Lens-Liévin")
    funder = walk.dossier.budget.other_funders[0]
    assert funder.category == "epci"
    assert "CA de Lens-Liévin" in walk.text
    assert walk.key == "bud.funders.0.name"


def test_two_funders_named_in_one_message_still_open_one_each() -> None:
    walk = walk_to("bud.funders")
    walk.send("oui")
    walk.send("la région et l'état")
    assert [f.category for f in walk.dossier.budget.other_funders][:1] == ["region"]


def test_the_phone_not_the_fax_typed_first_in_the_address_is_offered_as_the_phone() -> None:
    """« … Arras fax 03 21 00 00 01 tél 03 21 00 00 00 »: the fax, first typed, was offered
    as the contact's phone and the phone said not kept. The phone is offered, the fax said
    not kept as a fax."""
    walk = walk_to("org.address")
    walk.send("12 rue des Arts 62000 Arras fax 03 21 00 00 01 tél 03 21 00 00 00")
    assert walk.dossier.organisation.address == "12 rue des Arts, 62000 Arras"
    assert walk.dossier.set_aside == {"org.phone": "03 21 00 00 00"}
    assert "« 03 21 00 00 01 » : numéro de fax, non retenu" in walk.text


def test_a_fax_alone_in_the_address_is_never_offered_as_the_phone() -> None:
    walk = walk_to("org.address")
    walk.send("12 rue des Arts 62000 Arras - Fax : 03 21 00 00 01")
    assert walk.dossier.organisation.address == "12 rue des Arts, 62000 Arras"
    assert "org.phone" not in walk.dossier.set_aside
    assert "C’est un numéro de fax" in walk.text
    assert "Je vous le proposerai" not in walk.text


def test_a_fax_typed_with_the_organisations_name_is_not_carried_to_the_siret() -> None:
    walk = walk_to("org.name")
    walk.send("Inser Eco 62, fax 03 21 00 00 01")
    assert walk.dossier.organisation.name == "Inser Eco 62"
    assert "SIRET ne contient" not in walk.text
    assert "C’est un numéro de fax" in walk.text


def test_non_at_the_optional_cross_cutting_objectives_picks_none() -> None:
    """« Votre plan d'actions sert-il aussi ces objectifs ? » — « non » and « non merci » were
    refused (« Je n'ai pas reconnu « non » »); « aucun » was taken."""
    for typed in ("non", "non merci"):
        walk = walk_to("plan.cross")
        walk.send(typed)
        assert "Je n’ai pas reconnu" not in walk.text, typed
        assert "aucune proposition retenue" in walk.text
        assert walk.key == "ind.gouvernance"


def test_abbreviations_typed_in_haste_are_read() -> None:
    """« ttes » at the SIAE types, « ttes l'année » at the months were refused."""
    walk = walk_to("plan.o1.0.siae_types")
    walk.send("ttes")
    assert walk.dossier.plan.actions["o1"][0].siae_types == ["aci", "ei", "etti", "ai", "eiti"]
    walk = walk_to("plan.o1.0.months")
    walk.send("ttes l'année")
    assert walk.dossier.plan.actions["o1"][0].months == [f"2025-{m:02}" for m in range(1, 13)]


def test_an_identifier_not_at_hand_said_in_haste_points_to_passer() -> None:
    """« siret pas sous la main », « pas dispo » at the SIRET and the RNA were refused as
    malformed numbers (« Un SIRET ne contient que des chiffres »), « passer » unsaid."""
    for key, typed in (("org.siret", "siret pas sous la main"), ("org.rna", "pas dispo")):
        walk = walk_to(key)
        walk.send(typed)
        assert "ne contient que des chiffres" not in walk.text
        assert "commence par W, suivi de 9" not in walk.text
        assert "« passer »" in walk.text, walk.text


def test_le_max_while_zero_is_asked_back_at_the_indirect_costs_takes_the_maximum() -> None:
    """« non » at the indirect costs is asked back as 0 €; « le max », the question's own
    offer, was then kept as words for the next question (« dois-je retenir 0,00 € ? »
    again): it answers this one, as a figure would."""
    walk = walk_to("bud.indirect")
    walk.send("non")
    walk.send("le max")
    assert "je garde ces mots" not in walk.text
    assert walk.dossier.budget.indirect == 10000
    assert walk.key == "bud.indirect_key"


def test_a_title_abbreviated_after_the_representatives_name_is_set_apart() -> None:
    """« M. Durand, pdt » was kept whole as the name, then « pdt » typed again at the
    title: the draft printed « Représentant légal : M. Durand, pdt, pdt »."""
    walk = walk_to("org.rep_name")
    walk.send("M. Durand, pdt")
    assert walk.dossier.organisation.representative.name is None
    walk.send("oui")
    assert walk.dossier.organisation.representative.name == "M. Durand"
    assert "« pdt » : est-ce votre réponse à « Qualité du représentant légal »" in walk.text
    walk.send("oui")
    assert "comment l’écrire dans les documents du dossier" in walk.text
    walk.send("1")
    assert walk.dossier.organisation.representative.role == "Président"


def test_a_job_title_typed_as_an_abbreviation_is_offered_written_out() -> None:
    """« dir » at the contact's function was printed as is in the courrier (« Sophie Leroy,
    dir, se tient à votre disposition »): the written titles are offered, or the words kept."""
    walk = walk_to("org.contact_role")
    walk.send("dir")
    assert walk.dossier.organisation.contact.role is None
    assert "comment l’écrire dans les documents du dossier" in walk.text
    walk.send("Directrice")
    assert walk.dossier.organisation.contact.role == "Directrice"
    walk = walk_to("org.contact_role")
    walk.send("dir")
    walk.send("3")
    assert walk.dossier.organisation.contact.role == "dir"


def test_a_count_corrected_at_the_free_text_after_it_corrects_that_count() -> None:
    """« 45 » SIAE members, then at the territory « pardon, 48 adhérentes pas 45 »: refused
    as « compte des structures ou des personnes, pas un territoire », the 45 kept."""
    walk = walk_to("org.members")
    walk.send("45")
    walk.send("pardon, 48 adhérentes pas 45")
    assert walk.dossier.organisation.member_siae_count == 48
    assert "48 (au lieu de 45)" in walk.text
    assert walk.dossier.organisation.territory is None
    assert walk.key == "org.territory"


def test_a_description_with_two_figures_at_a_free_text_stays_the_answer() -> None:
    walk = walk_to("plan.context")
    members = walk.dossier.organisation.member_siae_count
    said = f"Nos 50 SIAE adhérentes, pas {members} comme l'an dernier, peinent à recruter."
    walk.send(said)
    assert walk.dossier.plan.context == said
    assert walk.dossier.organisation.member_siae_count == members


def test_a_name_asked_back_then_left_for_a_later_answer_stays_asked_back() -> None:
    """« Claire Dubois, présidente » is asked back (« Dois-je retenir « Claire Dubois » ? »);
    the hurried applicant types a later answer, refused here: the name was dropped with no
    word, the review then reading « Représentant légal : [à compléter] ». The words are
    said not recorded, and the name is still asked back."""
    walk = walk_to("org.rep_name")
    walk.send("Claire Dubois, présidente")
    walk.send("8 salariés pour 6,5 etp")
    assert "« 8 salariés pour 6,5 etp » : ce n’est pas une réponse" in walk.text
    assert "dois-je retenir Claire Dubois ?" in walk.text
    assert walk.key == "org.rep_name"
    walk.send("oui")
    assert walk.dossier.organisation.representative.name == "Claire Dubois"


def test_every_public_typed_in_one_message_reaches_its_question() -> None:
    """« 320 BRSA, 85 jeunes dont 12 ASE, 140 anciens BRSA »: the 12 ASE were asked back
    with the rest of the words, and on « oui » the 140 former BRSA were lost, their question
    asked afresh."""
    walk = walk_to("plan.public.brsa")
    walk.send("320 BRSA, 85 jeunes dont 12 ASE, 140 anciens BRSA")
    public = walk.dossier.plan.public
    assert (public.brsa, public.young, public.young_ase, public.former_brsa) == (320, 85, 12, 140)
    assert walk.key == "plan.public.note"


def test_a_count_of_siae_typed_at_a_count_of_people_is_asked_back() -> None:
    """« Former les encadrants : 12 SIAE, ACI et EI… » typed ahead at « combien d'anciens
    BRSA ? » was stored as 12 former BRSA, unseen: the figure counts SIAE, not people."""
    walk = walk_to("plan.public.former_brsa")
    walk.send("Former les encadrants : 12 SIAE, ACI et EI, tout le département")
    assert walk.dossier.plan.public.former_brsa is None
    assert "dois-je retenir 12" in walk.text


def test_a_corrected_organisation_type_at_the_ineligibility_screen_answers_the_type_again() -> None:
    """After « on est un ACI », the ineligibility screen; « je me suis trompé, on est la tête
    de réseau départementale » was read as « Contacter le Département ? »."""
    walk = Walk(today=DURING_CALL)
    for line in ("/start", "oui", "on est un ACI"):
        walk.send(line)
    assert walk.key == "elig.stop"
    walk.send("je me suis trompé, on est la tête de réseau départementale")
    assert "Contacter le Département" not in walk.text
    assert "je reprends votre réponse à « Type d’organisme »" in walk.text
    walk.send("oui")
    assert walk.dossier.eligibility.organisation_type == "network_departmental"
    assert walk.key.startswith("elig.") and walk.key != "elig.stop"


def test_the_ineligibility_screens_own_options_typed_stay_its_options() -> None:
    walk = Walk(today=DURING_CALL)
    for line in ("/start", "oui", "on est un ACI", "Contacter le Département"):
        walk.send(line)
    assert walk.dossier.eligibility.organisation_type == "siae_aci"
    assert "CRIVIER" in walk.text


def test_the_territory_typed_with_the_member_count_is_offered_at_the_territory() -> None:
    """« on a 45 SIAE adhérentes, sur tout le Pas-de-Calais »: 45 taken, the territory
    dropped unsaid and asked afresh. It is offered there (yes or no)."""
    walk = walk_to("org.members")
    walk.send("on a 45 SIAE adhérentes, sur tout le Pas-de-Calais")
    assert walk.dossier.organisation.member_siae_count == 45
    assert walk.key == "org.territory"
    assert "Vous aviez aussi écrit « sur tout le Pas-de-Calais »" in walk.text
    walk.send("oui")
    assert walk.dossier.organisation.territory == "tout le Pas-de-Calais"  # without « sur »
    walk = walk_to("org.members")
    walk.send("une quarantaine, dans le 62")
    walk.send("oui")
    assert walk.dossier.organisation.member_siae_count == 40
    assert "Vous aviez aussi écrit « dans le 62 »" in walk.text


def test_the_departmental_network_typed_in_haste_is_read() -> None:
    """« tete de res dptale iae » was asked back among the three network levels."""
    walk = Walk(today=DURING_CALL)
    for line in ("/start", "oui", "tete de res dptale iae"):
        walk.send(line)
    assert walk.dossier.eligibility.organisation_type == "network_departmental"


def test_the_pas_de_calais_named_at_an_eligibility_question_is_no_no() -> None:
    """« on intervient sur tout le Pas-de-Calais » at « Votre réseau exerce-t-il son activité
    dans le Pas-de-Calais ? » was asked back as « dois-je comprendre non ? » (the « pas » of
    Pas-de-Calais): a reflexive « oui » made the network ineligible."""
    walk = walk_to("elig.territory")
    walk.send("on intervient sur tout le Pas-de-Calais")
    assert "dois-je comprendre non" not in walk.text
    assert walk.dossier.eligibility.answers.get("territory") is None
    walk.send("oui, dans tout le Pas-de-Calais")
    assert walk.dossier.eligibility.answers["territory"] is True


def test_a_figure_typed_at_the_ineligibility_screen_changes_no_answer() -> None:
    """« 0,1 » typed at the screen after « non » to the period: its « 1 » was read as « oui »
    and the eligibility answer changed."""
    walk = walk_to("elig.period")
    walk.send("non")
    assert walk.key == "elig.stop"
    walk.send("0,1")
    assert walk.dossier.eligibility.answers["period"] is False
    assert "je change votre réponse" not in walk.text


def test_words_refused_at_a_multiple_choice_are_quoted_as_typed() -> None:
    """« chargée de mission » typed at the SIAE types was quoted back « chargee de mission »:
    the applicant's own words, folded."""
    walk = walk_to("plan.o1.0.siae_types")
    walk.send("chargée de mission")
    assert "Je n’ai pas reconnu « chargée de mission »" in walk.text


def test_cest_bon_at_the_organisation_name_is_not_taken_as_the_name() -> None:
    """« c'est bon », sent one line late, was stored as the organisation's name and every
    file was named « plan-actions-c-est-bon-2025 »."""
    walk = walk_to("org.name")
    walk.send("c'est bon")
    assert walk.dossier.organisation.name is None
    assert walk.key == "org.name"


def test_a_correction_naming_its_answer_corrects_it_without_asking_which() -> None:
    """« oups 10 SIAE pas 12 » just after the action's 12 SIAE: asked « which answer, the 12
    young people from the ASE or the SIAE targeted? », though the words name the SIAE."""
    walk = walk_to("plan.o1.0.siae_types")
    assert walk.dossier.plan.actions["o1"][0].siae_count == 12
    walk.send("oups 10 SIAE pas 12")
    assert "Quelle réponse voulez-vous corriger" not in walk.text
    assert walk.dossier.plan.actions["o1"][0].siae_count == 10
    assert walk.dossier.plan.public.young_ase == 12


def test_territories_offered_then_left_for_an_answer_refused_are_said_not_recorded() -> None:
    """« Lens-Liévin et Hénin-Carvin » offered as « Des territoires précis », then « sept-dec »
    typed (the months, one question early), refused: the territories went with no word."""
    walk = walk_to("plan.o1.0.territory_scope")
    walk.send("Lens-Liévin et Hénin-Carvin")
    walk.send("sept-dec")
    assert "« Lens-Liévin et Hénin-Carvin » n’a pas été enregistré" in walk.text


def test_a_post_typed_in_haste_with_its_figures_keeps_its_figures_apart() -> None:
    """« cm à 0,8 etp, 42k chargé » at a post's function was stored whole as the function
    (printed so in the CERFA budget), « 0,8 etp » never reaching the ETP."""
    walk = walk_to("bud.staff.0.role")
    walk.send("cm à 0,8 etp, 42k chargé")
    assert "comment l’écrire dans les documents du dossier" in walk.text
    walk.send("2")
    staff = walk.dossier.budget.staff[0]
    assert staff.role == "Chargée de mission"
    assert staff.fte == Decimal("0.8")
