"""The extractor on short invented sentences, one phenomenon
each: who is a speaker (speakers.py): names, pronouns, roles, groups,
organisations, documents, datelines.
Pure Python: no database. Split from tests/test_extraction.py (issue 10)."""

from __future__ import annotations

import pytest

from quotes.extraction import CLAIM, QUOTE, KnownPerson, extract
from quotes.extraction.speakers import Speakers
from tests.extraction_helpers import one, parsed_as


def test_pronoun_resolves_to_the_person_just_named():
    statement = one("Foreign Minister Anna Berg arrived on Monday. “We are ready,” she said.")
    assert (statement.speaker, statement.speaker_mention) == ("Anna Berg", "she")


def test_she_skips_a_subject_of_the_other_gender_for_a_woman_named_as_object():
    quote = one("Governor Tom Hale praised Senator Mary Berg on Monday after she called "
                "the bridge “a promise kept.”", QUOTE, ())
    assert (quote.speaker, quote.speaker_mention) == ("Mary Berg", "she")


def test_a_name_inside_an_opening_phrase_is_not_the_subject_for_he():
    quote = one("Erik Lund and Tom Hale were in the city on Monday.\n\n"
                "At a dinner hosted by Tom Hale, Lund was calm.\n\n“We will wait,” he said.",
                QUOTE, ())
    assert (quote.speaker, quote.speaker_mention) == ("Erik Lund", "he")


def test_a_gendered_noun_before_a_name_settles_its_pronoun():
    found = extract("Erik Lund spoke first.\n\n“We will wait,” said the widow Terry Holm.\n\n"
                    "She continued, “The bridge must open.”", ())
    assert [(s.speaker, s.speaker_mention) for s in found] == [
        ("Terry Holm", "the widow, Terry Holm"), ("Terry Holm", "She")]


def test_a_surname_the_ner_takes_for_a_company_is_still_a_subject_for_he():
    found = extract("“We will build it,” said Tom Ford.\n\n“The port is safe,” said Erik Lund."
                    "\n\nFord has spoken about the delay before.\n\nOn Wednesday, he told a "
                    "crowd that he was “troubled” by it.", ())
    assert [s.speaker for s in found if s.kind == QUOTE][-1] == "Tom Ford"


def test_role_resolves_to_the_earlier_title():
    statement = one("Foreign Minister Anna Berg arrived on Monday. "
                    "“We are ready,” the minister said.")
    assert (statement.speaker, statement.speaker_mention) == ("Anna Berg", "the minister")


def test_a_role_word_before_a_verb_is_not_the_title_of_the_name_after_it():
    quote = one("Judge Tom Hale heard the case on Monday. The judge agreed with Anna Berg "
                "that the papers should stay sealed. “There is no reason to intrude on her "
                "privacy,” the judge said.", QUOTE, ())
    assert (quote.speaker, quote.speaker_mention) == ("Tom Hale", "the judge")


def test_a_description_with_former_or_current_resolves_to_the_person_in_the_story():
    quote = one("Mary Berg arrived in the capital on Monday.\n\nThe former mayor and current "
                "senator said the bridge was “a promise kept.”", QUOTE, ())
    assert (quote.speaker, quote.speaker_mention) == (
        "Mary Berg", "The former mayor and current senator")


def test_the_official_resolves_to_an_anonymous_source_introduced_in_passing():
    # The first sentence is a claim too (the agent of "was confirmed" speaks).
    [claim] = [s for s in extract("The visit was confirmed by a Foreign Office official. "
                                  "The official indicated that the talks would resume in May.")
               if s.kind == CLAIM and s.cue == "indicated"]
    assert (claim.speaker, claim.speaker_mention, claim.speaker_type) == (
        "a Foreign Office official", "The official", "anonymous")


def test_role_of_a_known_person():
    claim = one("Nordland's foreign minister stressed that the talks would continue.", CLAIM)
    assert claim.speaker == "Anna Berg"


def test_surname_resolves_to_the_full_name_met_earlier():
    claim = one("Tom Hale met reporters. Hale said the border would stay open.", CLAIM, ())
    assert (claim.speaker, claim.speaker_mention) == ("Tom Hale", "Hale")


def test_another_first_name_with_the_same_surname_is_another_person():
    found = extract("Donald Hale met reporters on Monday. Ivanka Hale wrote that the bridge "
                    "would stay open. “We will build it,” she said.", ())
    assert [(s.kind, s.speaker) for s in found] == [(CLAIM, "Ivanka Hale"),
                                                     (QUOTE, "Ivanka Hale")]


def test_unknown_people_work_without_known_people():
    statement = one("“We are ready to talk,” Erik Lund said.", QUOTE, ())
    assert (statement.speaker, statement.speaker_type) == ("Erik Lund", "person")


@pytest.mark.parametrize("text, speaker, kind", [
    ("EU leaders have stated that the sanctions will remain in place.", "EU leaders", "group"),
    ("A government official said the talks had been postponed.", "A government official",
     "anonymous"),
    ("The Kremlin confirmed that no meeting was planned.", "The Kremlin", "organization"),
])
def test_groups_and_organisations_are_kept_as_written(text, speaker, kind):
    claim = one(text, CLAIM)
    assert (claim.speaker, claim.speaker_type) == (speaker, kind)


def test_reports_with_no_one_behind_them_are_no_speaker():
    assert extract("Reports indicate that the summit could slip to the spring.") == []


def test_a_statement_speaks_for_whoever_issued_it():
    claim = one("A statement from the ministry said that the talks would go on in Geneva.", CLAIM)
    assert (claim.speaker, claim.speaker_type) == ("the ministry", "organization")


@pytest.mark.parametrize("text, speaker", [
    ("Later, the Hale campaign issued a statement saying that the rally would be postponed.",
     "the Hale campaign"),
    ("Erik Lund released a statement saying that the bridge would open in the spring.",
     "Erik Lund"),
    ("Erik Lund spoke on Monday. His office put out a letter saying that the port would "
     "stay shut.", "His office"),
])
def test_whoever_put_out_a_statement_speaks_for_it(text, speaker):
    claim = one(text, CLAIM, ())
    assert (claim.speaker, claim.speaker_type != "document") == (speaker, True)


@pytest.mark.parametrize("rank", ["Capt.", "1st Lt.", "Sgt.", "Lt. Col."])
def test_a_rank_with_a_stop_stays_in_front_of_the_name(rank):
    quote = one(f"“The bridge must open,” said Army {rank} Tyler Hale, who served there.",
                QUOTE, ())
    assert quote.speaker == "Tyler Hale"


@pytest.mark.parametrize("text, speaker", [
    ("FEC filings show that the campaign spent $2 million on flights.", "FEC filings"),
    ("F.A.A. records show that the jet flew twice that week.", "F.A.A. records"),
])
def test_records_kept_by_a_body_are_the_source_not_the_body(text, speaker):
    claim = one(text, CLAIM, ())
    assert (claim.speaker, claim.speaker_type) == (speaker, "document")


def test_a_hyphenated_co_role_stays_in_front_of_the_name():
    quote = one("“Imagine him on the same stage,” mused Blaze co-host Tyler Hale.",
                QUOTE, ())
    assert quote.speaker == "Tyler Hale"


@pytest.mark.parametrize("place", ["Fort Pierce", "New Hampshire", "Puerto Rico"])
def test_a_place_is_nobody_a_later_he_or_she_means(place):
    quote = one(f"Erik Lund, a teacher, spoke first.\n\n{place} was quiet on Sunday.\n\n"
                "“We are in shock,” he said.", QUOTE, ())
    assert quote.speaker == "Erik Lund"


def test_a_headline_verb_the_model_swept_into_a_name_is_not_part_of_it():
    claim = one("Tom Hale Explained Why He Felt Invisible As A Child", CLAIM, ())
    assert (claim.speaker, claim.text) == ("Tom Hale", "Why He Felt Invisible As A Child")


def test_a_surname_the_parser_makes_a_noun_before_the_opening_verb_is_a_later_he():
    found = extract("“He has not shown an ambition for higher office,” said Quentin Kidd, a "
                    "political scientist in the district of Bobby Scott.\n\nScott bristles at "
                    "the suggestion he won't be ready. “I have raised all I needed,” he said.", ())
    assert [s.speaker for s in found if s.kind == QUOTE] == ["Quentin Kidd", "Bobby Scott"]


def test_a_document_is_kept_as_written_but_never_a_person():
    claim = one("The report says that the agency lost track of the money.", CLAIM)
    assert (claim.speaker, claim.speaker_type) == ("The report", "document")


def test_an_outlet_that_reports_is_the_source():
    claim = one("Bloomberg reported that the two leaders would meet in Budapest.", CLAIM, ())
    assert (claim.speaker, claim.speaker_type, claim.via) == ("Bloomberg", "outlet", None)


def test_a_son_named_jr_is_kept_apart_from_his_father():
    found = extract("Erik Lund said that the bridge would open. Erik Lund Jr. said that the "
                    "ferry would stay. Lund said that both would run.")
    assert [s.speaker for s in found] == ["Erik Lund", "Erik Lund Jr.", "Erik Lund"]
    [alone] = extract("Erik Lund Jr. said that the ferry would stay in service.")
    assert alone.speaker == "Erik Lund"
    [after_subject] = extract("Erik Lund spoke first. Erik Lund Jr. suggested in an interview "
                              "that Hale was trying to stay relevant.")
    assert after_subject.speaker == "Erik Lund Jr."
    [first_name] = extract("Lund won the state. His son Tom Jr. announced that the delegates "
                           "had voted.")
    assert first_name.speaker == "Tom Jr."


def test_a_time_after_the_name_is_not_part_of_the_speaker():
    claim = one("Anna Berg on Tuesday told reporters that the border would stay open.", CLAIM)
    assert (claim.speaker, claim.speaker_mention) == ("Anna Berg", "Anna Berg")


@pytest.mark.parametrize("text, speaker", [
    ("OSLO (NTB) — The ministry said on Monday that the talks would resume.", "The ministry"),
    ("TROMSØ, Norway — Officials said that the bridge would open in May.", "Officials"),
    ("BERGEN, July 29 (NTB) — Ferry users took to social media to complain that the fares "
     "were too high.", "Ferry users"),
    ("BERGEN ― Two harbour workers said the night ferry was late again.", "Two harbour workers"),
    # A run-in heading in capitals is not a dateline but is never a speaker either.
    ("QUESTIONABLE HARBOUR CLAIMS — For years, Erik Lund has said that the old ferry is safe.",
     "Erik Lund"),
])
def test_a_dateline_is_never_the_speaker_nor_part_of_a_claim(text, speaker):
    claim = one(text, CLAIM, ())
    assert claim.speaker == speaker and not claim.text.startswith(("OSLO", "TROMSØ", "BERGEN",
                                                                   "QUESTIONABLE"))


def test_a_heading_in_capitals_says_nothing():
    assert extract("FELLOW SKIPPERS DON’T WANT TO SAIL WITH HIM — Erik Lund may win the "
                   "harbour vote week after week, but his peers are less impressed.") == []


def test_a_dateline_before_a_quote_gives_the_quote_only():
    found = extract("TROMSØ, Norway — “We will not give up on this town,” the mayor said.")
    assert [(s.kind, s.speaker) for s in found] == [(QUOTE, "the mayor")]


def test_an_occasion_or_a_date_is_never_the_speaker():
    assert extract("A news conference on Tuesday said that the border would stay open.") == []
    claim = one("Sixty percent of voters said that the bridge should be built.", CLAIM, ())
    assert claim.speaker == "Sixty percent of voters"


def test_plural_common_nouns_are_groups():
    claim = one("Analysts said the sanctions would hurt the economy within a year.", CLAIM, ())
    assert (claim.speaker, claim.speaker_type) == ("Analysts", "group")


def test_some_and_both_are_groups_kept_as_written():
    claim = one("Some have suggested that the bridge is too expensive for the town.", CLAIM, ())
    assert (claim.speaker, claim.speaker_type) == ("Some", "group")


def test_a_known_organisation_keeps_its_kind():
    kremlin = KnownPerson("The Kremlin", ("Kremlin",), ("the Russian presidency",), "organization")
    claim = one("The Russian presidency said that no talks were planned.", CLAIM, (kremlin,))
    assert (claim.speaker, claim.speaker_type) == ("The Kremlin", "organization")


@pytest.mark.parametrize("text, speaker", [
    # Initials do not end the sentence, so the name stays whole.
    ("“This is a sad day,” said Rep. E.L. Holmgren (D-Tromsø), the chairman.", "E.L. Holmgren"),
    ("“This is a waste of time,” said Del. Kari Nilsen, a Liberal.", "Kari Nilsen"),
    # A document speaks for whoever issued it.
    ("“Growth will slow this winter,” the OECD report said.", "OECD"),
])
def test_speaker_phrases_are_trimmed_to_the_speaker(text, speaker):
    assert one(text, QUOTE, ()).speaker == speaker


def test_he_after_a_claim_is_its_speaker_not_a_subject_inside_it():
    statements = extract("Erik Lund said Maria Holm's deputy would resign before the vote. "
                         "“It is time for new people,” he said.")
    assert [(s.kind, s.speaker) for s in statements] == [(CLAIM, "Erik Lund"),
                                                          (QUOTE, "Erik Lund")]


def test_his_claim_is_the_claim_of_the_man_named_before():
    claims = [c for c in extract("Erik Lund spoke first. Maria Holm rejected his claim that "
                                 "the bridge would cost more.") if c.kind == CLAIM]
    assert [(c.speaker, c.text) for c in claims] == [("Erik Lund", "the bridge would cost more")]


def test_a_first_name_given_to_women_and_men_fits_she():
    quotes = [s for s in extract("Anna Lie spoke first. “The ferry must run,” said the widow "
                                 "Terry Holm. “It is our lifeline,” she said.") if s.kind == QUOTE]
    assert [q.speaker for q in quotes] == ["Terry Holm", "Terry Holm"]


def test_another_first_name_with_a_known_surname_is_another_person():
    # Anna Berg is known; John Berg is not her.
    assert one("“We disagree,” John Berg said.").speaker == "John Berg"
    assert one("“We agree,” Berg said.").speaker == "Anna Berg"


def test_a_place_after_in_is_no_one_a_pronoun_could_mean():
    text = ("Anna Berg met voters in Fort Pierce on Monday.\n\n"
            "“We will win this county,” he said.")
    # (Nor is Anna Berg: with no man named, the quote has no speaker.)
    assert [s.speaker for s in extract(text)] == []


def test_a_place_and_a_title_before_a_name_are_not_a_person_a_pronoun_can_mean():
    text = ("Vermont Sen. Erik Lund won the island vote easily.\n\n"
            "Lund is speaking to the council on Thursday. He says the ferry plan is fair.")
    claim = one(text, CLAIM, ())
    assert (claim.speaker, claim.speaker_mention) == ("Erik Lund", "He")  # not "Vermont Sen"


@pytest.mark.parametrize("text, speaker", [
    # The email and the review are the sources; the outlet that obtained or made
    # them is no speaker, and another cue in the sentence does not crowd them out.
    ("The night ferry will stay in port until March, as many islanders feared, according to "
     "an internal email obtained by the Island Courier.",
     "an internal email obtained by the Island Courier"),
    ("The ferry is late, according to a new Island Courier survey.",
     "a new Island Courier survey"),
])
def test_a_document_an_outlet_obtained_or_made_is_a_document_not_the_outlet(text, speaker):
    claim = one(text, CLAIM, ())
    assert (claim.speaker, claim.speaker_type) == (speaker, "document")


@pytest.mark.parametrize("text, speaker, kind", [
    # The small model calls these PERSON; they are a platform and an outlet.
    ("Twitter said it would remove the accounts within a day.", "Twitter", "organization"),
    ("According to Politico, both harbours are close to a deal.", "Politico", "outlet"),
    # The apposition says what the name is.
    ("Xinhua, the official Chinese news agency, wrote that the fleet was weak.", "Xinhua",
     "outlet"),
])
def test_an_outlet_or_platform_the_model_takes_for_a_person_is_none(text, speaker, kind):
    claim = one(text, CLAIM, ())
    assert (claim.speaker, claim.speaker_type) == (speaker, kind)


@pytest.mark.parametrize("tagged, name", [
    ("Erik Lund Says", "Erik Lund"),          # "Erik Lund Says Ferry Will Stay": a headline
    ("Maria Holm Tells", "Maria Holm"),
    ("Harbour Post", "Harbour Post"),  # "Post" is a name's word here, not a verb
    ("Says", "Says"),
])
def test_a_headline_verb_is_not_part_of_the_name_the_model_tagged(tagged, name):
    from quotes.extraction.speakers import Speakers

    assert Speakers().see_name(tagged) == name


def test_a_group_of_speakers_joined_by_and_is_kept_whole():
    claim = one("Her office and much of the council said the toll would stay.", CLAIM, ())
    assert claim.speaker == "Her office and much of the council"


@pytest.mark.parametrize("text, speaker", [
    # The object of "pressed", "allowed", "asked" does what the infinitive says.
    ("Maria Holm pressed Erik Lund to admit that the ferry budget had run out.", "Erik Lund"),
    # A response, a decision, a move of someone's: theirs to say.
    ("Erik Lund was asked about the ferry. His only response was to say that the ferry "
     "would run on time.", "Erik Lund"),
])
def test_who_says_what_an_infinitive_reports(text, speaker):
    claim = one(text, CLAIM, ())
    assert claim.speaker == speaker


def test_a_named_organisation_is_kept_whole_in_the_speaker():
    claim = one("More than 100,000 people took part in the walk-in, according to the event "
                "organizer Alliance to Reclaim Our Harbours (ARH).", CLAIM, ())
    assert claim.speaker == "the event organizer Alliance to Reclaim Our Harbours"


def test_a_section_heading_is_nobody_for_a_later_he():
    claim = one("Erik Lund has led the harbour board for ten years.\n\nGender Equality.\n\n"
                "The Gap Goes On: It was under Mr. Lund’s watch that the board set up a women’s "
                "office. He has championed equal pay. And in recent months, he said he backed "
                "the idea of a woman succeeding him.", CLAIM, ())
    assert claim.speaker == "Erik Lund"


def test_a_place_and_a_day_are_nobody_for_a_later_she():
    found = extract("Maria Holm is promoting her plans for the harbour. In a speech in Fort "
                    "Pierce, Florida Friday, Holm laid out her proposals. She wants to triple "
                    "the size of the ferry fleet.")
    wants = [s for s in found if s.text.startswith("to triple")]
    assert [(s.speaker, s.speaker_mention) for s in wants] == [("Maria Holm", "She")]


def test_a_clause_on_a_noun_is_said_by_that_noun():
    claim = one("Lund has raised about $400,000 so far. That's a small fraction of the minimum "
                "$20 million experts say it costs to run statewide.", CLAIM, ())
    assert claim.speaker.endswith("experts") and claim.text == "it costs to run statewide"


def test_an_opening_clause_is_not_the_speaker():
    # The parser hangs the name on the opening clause and leaves the verb without it.
    claim = one("As Governor Erik Lund appears set to veto legislation that would allow "
                "families to sue Denmark, Labour leader Maria Holm apparently disagrees with "
                "her former boss.", CLAIM, ())
    assert (claim.speaker, claim.text) == ("Maria Holm", "her former boss")


def test_a_name_owning_the_sentence_is_a_later_he():
    found = extract("Erik Lund has made the tolls his signature policy.\n\n“It will be a "
                    "priority,” Tom Dahl said.\n\nMr. Lund's bet is that as his tolls get "
                    "woven into the budget, they will be harder to undo. He says that his "
                    "successor should keep them.")
    says = [s for s in found if s.cue == "says"]
    assert [(s.speaker, s.speaker_mention) for s in says] == [("Erik Lund", "He")]


def test_the_owner_of_a_parsed_sentence_subject_is_a_later_he():
    found = extract("Erik Lund has made the tolls his signature policy.\n\n“It will be a "
                    "priority,” Tom Dahl said.\n\nLund's plan, critics said, is far too "
                    "costly. He says the tolls will pay for the bridge.")
    says = [s for s in found if s.cue == "says"]
    assert [(s.speaker, s.speaker_mention) for s in says] == [("Erik Lund", "He")]


def test_an_opening_word_and_a_body_are_no_names():
    speakers = Speakers()
    speakers.see_text("For Erik Lund, the vote is a test. Officials at the Norwegian Embassy "
                      "agreed. He said the ferry would keep running.")
    assert [name for _, name in speakers.mentions] == ["Erik Lund"]


def test_she_is_never_the_last_man_for_want_of_a_woman():
    found = extract("Tom Lund opened the meeting at noon.\n\n“Thank God the ferry still runs,” "
                    "she said.")
    assert not [s for s in found if s.speaker == "Tom Lund"]


def test_common_first_names_tell_he_from_she():
    [quote] = extract("Jessica Holm chaired the meeting.\n\nTom Lund spoke next, and Jessica "
                      "Holm answered him.\n\n“We will see,” he said.")
    assert quote.speaker == "Tom Lund"


def test_a_vice_president_is_not_the_president():
    found = extract("President Maria Holm opened the museum on Saturday.\n\nErik Lund watched "
                    "from the front row, sitting alongside Vice President Tom Berg.\n\nIt was, "
                    "the president said, “a stone where families were torn apart.”")
    assert {s.speaker for s in found} == {"Maria Holm"}
    [quote] = extract("Vice President Tom Berg spoke at noon.\n\n“The ferry stays,” the vice "
                      "president said.")
    assert quote.speaker == "Tom Berg"


@pytest.mark.parametrize("dahl", ["B-ORG", "O"])
def test_a_surname_the_recogniser_took_for_a_body_is_still_the_subject(monkeypatch, dahl):
    # The recogniser calls the surname an organisation, or nothing at all.
    sentence = "Dahl has also commented on Lund’s death."
    parsed_as(monkeypatch, sentence, [
        # The mistake: a surname tagged as a common noun and an organisation.
        ("Dahl", True, "NN", 3, "nsubj"), ("has", True, "VBZ", 3, "aux"),
        ("also", True, "RB", 3, "advmod"), ("commented", True, "VBN", 3, "ROOT"),
        ("on", True, "IN", 3, "prep"), ("Lund", False, "NNP", 7, "poss"),
        ("’s", True, "POS", 5, "case"), ("death", False, "NN", 4, "pobj"),
        (".", False, ".", 3, "punct"),
    ], ents=[dahl, "O", "O", "O", "O", "B-PERSON", "O", "O", "O"])
    found = extract("Voters like Tom Dahl's plans for the harbour.\n\nThe ferry worker Erik "
                    f"Lund died on Monday after a fall at the pier.\n\n{sentence}\n\nOn "
                    "Wednesday, he told a crowd in Bergen that he was “troubled” by it.")
    told = [s for s in found if s.cue == "told"]
    assert told and {s.speaker for s in told} == {"Tom Dahl"}
    [commented] = [s for s in found if s.cue == "commented"]
    assert (commented.speaker, commented.speaker_type) == ("Tom Dahl", "person")


def test_which_after_a_noun_points_to_it_when_the_parse_loses_the_clause():
    [quote] = extract("To settle it, they turned to the Bergen Harbour Authority which reported "
                      "“2,521 ferry crossings” in the year between January 1 and September 18.")
    assert quote.speaker == "the Bergen Harbour Authority"


def test_as_for_someone_makes_them_the_next_he():
    found = extract("Tom Dahl warned against a new toll. “It would be a disaster,” the "
                    "councillor said.\n\nAs for Erik Lund, he said he is not worried.")
    assert [s.speaker for s in found if s.text == "he is not worried"] == ["Erik Lund"]


def test_someone_named_by_a_participle_is_that_person():
    claim = one("A retired teacher named Erik Lund said the ferry must stay.", CLAIM, ())
    assert (claim.speaker, claim.speaker_type) == ("Erik Lund", "person")


def test_their_or_them_alone_is_nobody():
    found = extract("The union leaders made their case again: their claim that Lund will "
                    "change the harbour is well known.")
    assert not [s for s in found if s.speaker.lower() in {"their", "them"}]


@pytest.mark.parametrize("text, speakers", [
    # "that" is the subject of the reported clause, not a relative pronoun whose
    # clause would make the whole sentence the speaker.
    ("However, Maria Holm's lawyer said that was not her view and dismissed those reports "
     "as \"old and misread statements.\"", {"Maria Holm's lawyer"}),
    # A brief is its filer's word.
    ("However, Maria Holm's brief said that was not her view and dismissed those reports as "
     "\"old and misread statements.\"", {"Maria Holm"}),
    # A second relative clause joined to the first is the same noun's.
    ("Senator Erik Lund of Bergen, who last year threatened to close the harbour, and who has "
     "been hoping to carve support away from Mayor Holm, quickly went up with a new advert.",
     {"Erik Lund"}),
    # The name after a role with its own prepositional phrase is the role's,
    # though the parser hangs it on the phrase's last noun.
    ("The director of the European Centre, Ina Kirsch, said the talks had failed.",
     {"Ina Kirsch"}),
    # A day inside a clause after the phrase does not cut the phrase there.
    ("Executives for Norbake, which earned $30 billion last year, say the plant is too old.",
     {"Executives for Norbake"}),
    # A role and the name after it, both made subjects of the verb: the name.
    ("Church spokesman the Rev. Marco Bellini told reporters the bishop was not aware of the "
     "remarks.",
     {"Marco Bellini"}),
])
def test_every_statement_is_theirs(text, speakers):
    assert {s.speaker for s in extract(text)} == speakers


# Known people (the importer's directory) against the article's own people.
RUBIO = KnownPerson("Marco Rubio", aliases=("Rubio",), roles=("Secretary of State",))
TRUMP = KnownPerson("Donald Trump", aliases=("Trump",))


def test_a_known_persons_former_title_is_someone_else():
    claim = one("Anna Berg spoke on Monday.\n\nIn an interview, the former secretary of "
                "state said the islanders deserve better.", CLAIM, (RUBIO,))
    assert claim.speaker == "Anna Berg"


def test_an_unlisted_first_name_with_a_known_surname_is_another_person():
    [quote] = [s for s in extract("“The court has no reason to intrude,” Ivana Trump said.",
                                  (TRUMP,)) if s.kind == QUOTE]
    assert quote.speaker == "Ivana Trump"


def test_a_bare_surname_is_who_the_article_named_so():
    found = extract("“That is the port's weakness,” said Luis Rubio, who heads a research "
                    "centre in Mexico City.\n\n“If we are to go to war, we have rifles,” Mr. "
                    "Rubio said.", (RUBIO,))
    assert {s.speaker for s in found} == {"Luis Rubio"}


def test_a_participle_after_a_reported_clause_is_the_reporters():
    # The parser hangs "saying" on the reported clause's second verb.
    found = extract("Erik Lund said his father has been an advocate for women and would do "
                    "the same as mayor, saying that he supports equal pay.")
    [saying] = [s for s in found if s.cue == "saying"]
    assert saying.speaker == "Erik Lund"


def test_a_name_after_and_is_the_subject_the_parser_lost():
    found = extract("Over the past two weeks, prosecutors charged the officer with murder and "
                    "Lund fired his police chief, Garry Holm, acknowledging that large parts "
                    "of the city have lost trust in the force.")
    [acknowledging] = [s for s in found if s.cue == "acknowledging"]
    assert acknowledging.speaker == "Lund"
