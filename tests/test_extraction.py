"""The extractor on the seed articles (against their gold) and on short invented
sentences, one phenomenon each. Pure Python: no database."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from quotes.extraction import CLAIM, QUOTE, KnownPerson, extract
from quotes.extraction.known import people_from_fixture
from quotes.extraction.marks import find_quotes
from quotes.extraction.scoring import score

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "fixtures" / "seeds"
BERG = KnownPerson(
    "Anna Berg", ("Berg",), ("Nordland's foreign minister", "the top diplomat of Nordland"),
)


@pytest.fixture(scope="module")
def seed_predictions():
    people = people_from_fixture(ROOT / "fixtures" / "people.json")
    rows = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for statement in extract(text, people):
            rows.append({"article": path.name, **statement.as_dict()})
    return rows


@pytest.fixture(scope="module")
def seed_report(seed_predictions):
    gold_path = ROOT / "tests" / "data" / "seeds_gold.jsonl"
    gold = [json.loads(line) for line in gold_path.read_text().splitlines() if line.strip()]
    return score(gold, seed_predictions)


def one(text, kind=QUOTE, people=(BERG,)):
    """The only statement of ``kind`` in ``text``."""
    found = [s for s in extract(text, people) if s.kind == kind]
    assert len(found) == 1, found
    return found[0]


# --- the seeds against their gold --------------------------------------------------


def test_seed_quotes_meet_the_target(seed_report):
    assert seed_report["quote"]["end_to_end_f1"] >= 0.95, seed_report["quote"]


def test_seed_claims_meet_the_target(seed_report):
    assert seed_report["claim"]["end_to_end_f1"] >= 0.80, seed_report["claim"]


def test_every_statement_text_is_the_article_slice(seed_predictions):
    texts = {p.name: p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")}
    for row in seed_predictions:
        assert texts[row["article"]][row["start"] : row["end"]] == row["text"]
        assert 0 <= row["confidence"] <= 1


@pytest.mark.parametrize("furniture", [
    "In some form.",  # a quoted headline in a "Read more" list
    "Read more",
    "READ MORE",
    "Leave a Reply",
    "Your email address will not be published",
    "Back to top button",
    "Share This Article",
    "Sarhan Basem is Brussels Morning",  # author bio
    "Subscribe for Latest Updates",
    "Putin-Trump summit on the way",  # repeated headline
    "Steffen Kugler/Getty Images",  # photo credit
])
def test_page_furniture_yields_nothing(seed_predictions, furniture):
    for path in SEEDS.glob("*.txt"):
        text = path.read_text(encoding="utf-8")
        for row in seed_predictions:
            if row["article"] != path.name:
                continue
            line_start = text.rfind("\n", 0, row["start"]) + 1
            line_end = text.find("\n", row["end"])
            line = text[line_start : line_end if line_end != -1 else len(text)]
            assert furniture not in line, row


# --- quotation marks ----------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "“We are ready to talk,” Anna Berg said.",
    '"We are ready to talk," Anna Berg said.',
    "''We are ready to talk,'' Anna Berg said.",
    "« We are ready to talk », Anna Berg said.",
    "„We are ready to talk,“ Anna Berg said.",
])
def test_every_kind_of_double_quote_mark(text):
    statement = one(text)
    assert statement.text.strip(" ,") == "We are ready to talk"
    assert statement.speaker == "Anna Berg"


def test_single_quotes_inside_double_ones_and_possessives_do_not_split_a_quote():
    text = "“Nobody has called it ‘a deal’ yet,” Anna Berg said after the ministers’ meeting."
    assert one(text).text == "Nobody has called it ‘a deal’ yet,"


def test_a_quote_over_several_paragraphs_gives_one_quote_per_paragraph():
    text = ("Anna Berg said: “The first paragraph has no closing mark.\n"
            "“The second paragraph closes the quote.”")
    quotes = [s for s in extract(text, (BERG,)) if s.kind == QUOTE]
    assert [q.text for q in quotes] == ["The first paragraph has no closing mark.",
                                        "The second paragraph closes the quote."]
    assert {q.speaker for q in quotes} == {"Anna Berg"}


def test_unbalanced_marks_never_raise():
    rng = random.Random(7)
    pieces = ["“", "”", '"', "''", "«", "»", "‘", "’", " said Berg", ",", ".", "\n", "word "]
    for _ in range(300):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 40)))
        for statement in extract(text):
            assert text[statement.start : statement.end] == statement.text
    assert find_quotes("” stray “closed” and “open") [0].closed


def test_empty_text_gives_nothing():
    assert extract("") == []
    assert extract("   \n\n ") == []


# --- cues ---------------------------------------------------------------------------


@pytest.mark.parametrize("text, cue", [
    ("“We are ready to talk,” Anna Berg said on Monday.", "said"),
    ("“We are ready to talk,” said Anna Berg.", "said"),
    ("Anna Berg stated: “We are ready to talk.”", "stated"),
    ("“We are ready to talk,” Anna Berg told reporters in the capital.", "told"),
])
def test_cue_before_or_after_the_quote(text, cue):
    statement = one(text)
    assert (statement.speaker, statement.cue) == ("Anna Berg", cue)
    assert not statement.partial


def test_cue_inside_the_quote_gives_two_quotes_for_one_speaker():
    quotes = [s for s in extract("“We are ready,” Anna Berg said, “but not today.”")
              if s.kind == QUOTE]
    assert [q.text for q in quotes] == ["We are ready,", "but not today."]
    assert {q.speaker for q in quotes} == {"Anna Berg"}


def test_cue_in_the_next_paragraph():
    statement = one("“We are ready to talk,”\nAnna Berg told reporters in the capital.")
    assert statement.speaker == "Anna Berg"


def test_quoted_as_saying_credits_the_agency_as_via():
    statement = one("Oslo Daily quoted Anna Berg as saying: “We are ready to talk.”")
    assert (statement.speaker, statement.via) == ("Anna Berg", "Oslo Daily")


def test_told_an_agency_and_interview_with_a_magazine_are_via():
    told = one("“We are ready to talk,” Anna Berg told Nord Radio.")
    assert (told.speaker, told.via) == ("Anna Berg", "Nord Radio")
    interview = one("Anna Berg said, in an interview with the weekly magazine Nord Revue, "
                    "that the talks would continue.", CLAIM)
    assert (interview.speaker, interview.via) == ("Anna Berg", "Nord Revue")


def test_according_to_a_person_makes_them_the_speaker():
    claim = one("The border will stay open until spring, according to Anna Berg.", CLAIM)
    assert claim.speaker == "Anna Berg"
    assert claim.text == "The border will stay open until spring"


# --- speakers -----------------------------------------------------------------------


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


def test_continuation_quote_belongs_to_the_previous_speaker():
    text = "“We are ready to talk,” Anna Berg said.\n“Nobody wants another winter like that.”"
    first, second = [s for s in extract(text, (BERG,)) if s.kind == QUOTE]
    assert second.speaker == "Anna Berg"
    assert second.cue == ""
    assert second.confidence < first.confidence  # editors should check it first


# --- partial quotes and claims -------------------------------------------------------


def test_footage_of_a_name_asking_gives_the_quote_to_the_name():
    quote = one("The new ad uses footage of Tom Hale asking, “Why is the bridge still closed?”",
                QUOTE, ())
    assert quote.speaker == "Tom Hale"


def test_who_after_an_apposition_refers_to_the_name_not_the_role():
    quote = one("The mayor met Erik Lund, now the port director, who in 2010 said the bridge "
                "was “a promise kept.”", QUOTE, ())
    assert quote.speaker == "Erik Lund"


def test_partial_quote_belongs_to_the_subject_of_the_reporting_verb():
    text = "Anna Berg warned that Tom Hale would “never win the vote” without the farmers."
    quote = one(text, QUOTE)
    claim = one(text, CLAIM)
    assert (quote.speaker, quote.partial, quote.text) == ("Anna Berg", True, "never win the vote")
    assert claim.speaker == "Anna Berg"
    assert claim.text == "Tom Hale would “never win the vote” without the farmers"


def test_claim_with_that():
    claim = one("Anna Berg noted that the border would stay open until spring.", CLAIM)
    assert (claim.speaker, claim.cue, claim.text) == (
        "Anna Berg", "noted", "the border would stay open until spring")


def test_claim_with_the_cue_at_the_end():
    claim = one("The border will stay open until spring, Foreign Minister Anna Berg has said.",
                CLAIM)
    assert (claim.speaker, claim.cue, claim.text) == (
        "Anna Berg", "has said", "The border will stay open until spring")


def test_a_not_inside_the_quotation_does_not_negate_the_saying():
    quote = one('"Is the bridge ready? Probably not," Ms. Holm said.', QUOTE, ())
    assert (quote.speaker, quote.stance) == ("Holm", "asserts")


def test_declining_to_say_is_recorded_as_declined_never_as_asserted():
    [claim] = extract("Anna Berg declined to reveal which side had asked for the meeting.")
    assert (claim.cue, claim.stance) == ("declined to reveal", "declines")
    assert extract("Anna Berg did not plan to attend the meeting in the spring.") == []


# --- stance: what the speaker rejects is never stored as their assertion -----------


def test_seed_dismissed_claims_are_stored_as_dismissed(seed_predictions):
    [row] = [r for r in seed_predictions
             if r["article"].startswith("003") and "Baltic states are next" in r["text"]
             and r["kind"] == CLAIM]
    assert (row["speaker"], row["cue"], row["stance"]) == ("Dmitry Peskov", "dismissed",
                                                          "dismisses")
    assert row["text"].startswith("claims that the Baltic states are next")


@pytest.mark.parametrize("text, cue, stance, words", [
    ("Anna Berg denied that the army had crossed the border.",
     "denied", "denies", "that the army had crossed the border"),
    ("Anna Berg rejected reports that the ferry would be sold to a rival.",
     "rejected", "dismisses", "reports that the ferry would be sold to a rival"),
    ("Anna Berg would not confirm that the summit would take place in May.",
     "would not confirm", "declines", "that the summit would take place in May"),
    ("Anna Berg declined to say whether the talks would resume next week.",
     "declined to say", "declines", "whether the talks would resume next week"),
    ("Anna Berg said that the talks would resume next week.",
     "said", "asserts", "the talks would resume next week"),
])
def test_denials_dismissals_and_refusals_keep_their_stance(text, cue, stance, words):
    claim = one(text, CLAIM)
    assert (claim.speaker, claim.cue, claim.stance, claim.text) == ("Anna Berg", cue, stance,
                                                                   words)


def test_words_quoted_inside_a_dismissed_claim_are_dismissed_too():
    found = extract("Anna Berg dismissed claims that the bridge was “a waste of money” as "
                    "nonsense.", (BERG,))
    assert {(s.kind, s.stance) for s in found} == {(CLAIM, "dismisses"), (QUOTE, "dismisses")}


def test_a_quote_the_denial_governs_is_the_speakers_own_words():
    quote = one("“That is simply not true,” Anna Berg denied.")
    assert quote.stance == "asserts"


# --- who is a speaker ----------------------------------------------------------------


def test_reports_with_no_one_behind_them_are_no_speaker():
    assert extract("Reports indicate that the summit could slip to the spring.") == []


def test_a_statement_speaks_for_whoever_issued_it():
    claim = one("A statement from the ministry said that the talks would go on in Geneva.", CLAIM)
    assert (claim.speaker, claim.speaker_type) == ("the ministry", "organization")


def test_a_document_is_kept_as_written_but_never_a_person():
    claim = one("The report says that the agency lost track of the money.", CLAIM)
    assert (claim.speaker, claim.speaker_type) == ("The report", "document")


def test_the_agency_briefed_stays_the_via_over_a_later_to_phrase():
    quote = one("“Unlikely,” Anna Berg briefed NTB news agency in answer to a question whether "
                "the talks could begin before the embassies reopen.")
    assert (quote.speaker, quote.via) == ("Anna Berg", "NTB")


def test_a_news_conference_in_a_city_is_not_an_outlet():
    claim = one("Anna Berg told a news conference in Oslo that the border would stay open.",
                CLAIM)
    assert (claim.speaker, claim.via) == ("Anna Berg", None)


def test_an_outlet_that_reports_is_the_source():
    claim = one("Bloomberg reported that the two leaders would meet in Budapest.", CLAIM, ())
    assert (claim.speaker, claim.speaker_type, claim.via) == ("Bloomberg", "outlet", None)


def test_a_son_named_jr_is_kept_apart_from_his_father():
    found = extract("Erik Lund said that the bridge would open. Erik Lund Jr. said that the "
                    "ferry would stay. Lund said that both would run.")
    assert [s.speaker for s in found] == ["Erik Lund", "Erik Lund Jr.", "Erik Lund"]
    [alone] = extract("Erik Lund Jr. said that the ferry would stay in service.")
    assert alone.speaker == "Erik Lund"


def test_a_time_after_the_name_is_not_part_of_the_speaker():
    claim = one("Anna Berg on Tuesday told reporters that the border would stay open.", CLAIM)
    assert (claim.speaker, claim.speaker_mention) == ("Anna Berg", "Anna Berg")


@pytest.mark.parametrize("text, speaker", [
    ("OSLO (NTB) — The ministry said on Monday that the talks would resume.", "The ministry"),
    ("TROMSØ, Norway — Officials said that the bridge would open in May.", "Officials"),
])
def test_a_dateline_is_never_the_speaker_nor_part_of_a_claim(text, speaker):
    claim = one(text, CLAIM, ())
    assert claim.speaker == speaker and not claim.text.startswith(("OSLO", "TROMSØ"))


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


def test_what_a_statement_is_about_is_not_a_claim():
    claim = one("Anna Berg said, referring to the two presidents, that no date had been set.",
                CLAIM)
    assert claim.text == "no date had been set"


def test_a_claim_that_is_all_quote_gives_the_quote_only_and_not_what_follows():
    found = extract("Anna Berg repeated that “preparation is needed, serious preparation,” and "
                    "declined to name a date.", (BERG,))
    assert [(s.kind, s.text) for s in found] == [
        (QUOTE, "preparation is needed, serious preparation,")]


def test_explicit_named_cue_is_more_confident_than_a_pronoun():
    named = one("“We are ready,” Anna Berg said.")
    pronoun = one("Anna Berg arrived. “We are ready,” she said.")
    assert named.confidence > pronoun.confidence


# --- layouts: colons, dashes, asides, headlines ---------------------------------------


def test_cue_ending_the_previous_paragraph_with_a_colon():
    statement = one("In a speech in 1990, Erik Lund declared:\n"
                    "“We will build the bridge, and we will build it this year.”", QUOTE, ())
    assert (statement.speaker, statement.cue) == ("Erik Lund", "declared")


def test_a_quoted_transcript_line_belongs_to_its_capitalised_label():
    found = extract('Erik Lund spoke to the host on Sunday.\n\n'
                    '"HOST: Will the bridge open this year?\n\n'
                    '"LUND: It will open in May, and the ferry will stop.')
    assert [(s.speaker, s.text) for s in found if s.kind == QUOTE] == [
        ("Host", "Will the bridge open this year?"),
        ("Erik Lund", "It will open in May, and the ferry will stop.")]


def test_a_paragraph_opening_with_a_closing_mark_is_a_quote_and_follow_lines_are_not():
    found = extract("”The bridge is a waste of money.” ― Maria Holm\n\n"
                    '"Follow Maria Holm on Twitter @mholm."')
    assert [(s.speaker, s.text) for s in found] == [
        ("Maria Holm", "The bridge is a waste of money.")]


def test_dash_and_name_after_a_quote():
    quotes = extract("“The bridge is a waste of money.” ― Maria Holm\n"
                     "“We need it by winter.” ― Tom Hale")
    assert [(q.speaker, q.text) for q in quotes] == [
        ("Maria Holm", "The bridge is a waste of money."),
        ("Tom Hale", "We need it by winter."),
    ]


def test_cue_set_off_by_commas_makes_the_sentence_a_claim():
    claim = one("The bridge, Erik Lund said, would open in the spring of next year.", CLAIM, ())
    assert claim.speaker == "Erik Lund"
    assert claim.text.startswith("The bridge") and claim.text.endswith("next year")


def test_name_and_colon_headline_is_a_claim():
    claim = one("Erik Lund: The Bridge Will Open Before Winter", CLAIM, ())
    assert (claim.speaker, claim.cue, claim.text) == (
        "Erik Lund", ":", "The Bridge Will Open Before Winter")


def test_a_sentence_about_the_speaker_carries_a_following_quote():
    text = ("Minister Erik Lund opened the session. He also did not rule out new taxes.\n"
            "“Everything is on the table.”")
    statement = one(text, QUOTE, ())
    assert (statement.speaker, statement.cue) == ("Erik Lund", "")


def test_intent_is_a_claim():
    claim = one("Erik Lund wants to build the bridge before the election.", CLAIM, ())
    assert (claim.speaker, claim.text) == ("Erik Lund", "to build the bridge before the election")


def test_some_and_both_are_groups_kept_as_written():
    claim = one("Some have suggested that the bridge is too expensive for the town.", CLAIM, ())
    assert (claim.speaker, claim.speaker_type) == ("Some", "group")


@pytest.mark.parametrize("text, said", [
    # The parser takes the gerund for the verb's complement, not a clause.
    ("Erik Lund said taxing it would drive hundreds of families out of the north.",
     "taxing it would drive hundreds of families out of the north"),
    ("Erik Lund told reporters building it could bring hundreds of jobs to the north.",
     "building it could bring hundreds of jobs to the north"),
    # "that" parsed as a pronoun inside the clause.
    ("Erik Lund said in a speech at the harbour that the ferry would run again by spring.",
     "the ferry would run again by spring"),
])
def test_what_follows_a_verb_of_saying_is_the_claim(text, said):
    claim = one(text, CLAIM, ())
    assert (claim.speaker, claim.text) == ("Erik Lund", said)


def test_a_participle_of_saying_ends_the_claim_before_it():
    claims = extract("Erik Lund echoed the minister, stating that there is no urgency for a vote.")
    assert [c.text for c in claims if c.kind == CLAIM] == ["there is no urgency for a vote"]


def test_blame_takes_the_object_and_the_reason():
    claim = one("Maria Holm accused him of lying about the cost of the bridge.", CLAIM, ())
    assert (claim.speaker, claim.text) == (
        "Maria Holm", "him of lying about the cost of the bridge")


def test_a_name_alone_is_not_a_claim():
    assert [s for s in extract("Maria Holm praised Lund.") if s.kind == CLAIM] == []


def test_a_question_quote_keeps_the_frame_after_it():
    quote = one("“Where is the bridge?” Erik Lund asked. Nobody answered.", QUOTE, ())
    assert (quote.speaker, quote.cue, quote.text) == ("Erik Lund", "asked", "Where is the bridge?")




def parsed_as(monkeypatch, text, tokens):
    """Make the parser return ``tokens`` (word, space after, Penn tag, head, dep)
    for ``text``: a parser mistake, reproduced exactly, for the rule that absorbs it."""
    from spacy.tokens import Doc

    from quotes.extraction import pipeline

    nlp = pipeline.load()
    words, spaces, tags, heads, deps = zip(*tokens, strict=True)
    doc = Doc(nlp.vocab, words=list(words), spaces=list(spaces), tags=list(tags),
              heads=list(heads), deps=list(deps))
    assert doc.text == text

    class Parser:
        def pipe(self, texts, **options):
            return (doc if t == text else nlp(t) for t in texts)

    monkeypatch.setattr(pipeline, "load", Parser)


def test_a_name_the_parser_puts_inside_the_quotation_is_still_the_speaker(monkeypatch):
    text = "“It is not rosy,” Erik Lund, an adviser, said at an event."
    parsed_as(monkeypatch, text, [
        ("“", False, "``", 3, "punct"), ("It", True, "PRP", 2, "nsubj"),
        ("is", True, "VBZ", 11, "ccomp"), ("not", True, "RB", 2, "neg"),
        ("rosy", False, "JJ", 2, "acomp"), (",", False, ",", 2, "punct"),
        ("”", True, "''", 2, "punct"), ("Erik", True, "NNP", 8, "compound"),
        # The mistake: "Lund" is the attribute of "is" inside the quotation.
        ("Lund", False, "NNP", 2, "attr"), (",", True, ",", 8, "punct"),
        ("an", True, "DT", 11, "det"), ("adviser", False, "NN", 8, "appos"),
        (",", True, ",", 8, "punct"), ("said", True, "VBD", 13, "ROOT"),
        ("at", True, "IN", 13, "prep"), ("an", True, "DT", 16, "det"),
        ("event", False, "NN", 14, "pobj"), (".", False, ".", 13, "punct"),
    ])
    assert (one(text, QUOTE, ()).speaker, one(text, QUOTE, ()).cue) == ("Erik Lund", "said")


def test_a_speaker_the_parser_makes_the_object_of_the_verb(monkeypatch):
    text = "“We won,” added a Liberal."
    parsed_as(monkeypatch, text, [
        ("“", False, "``", 2, "punct"), ("We", True, "PRP", 2, "nsubj"),
        ("won", False, "VBD", 5, "ccomp"), (",", False, ",", 5, "punct"),
        ("”", True, "''", 5, "punct"), ("added", True, "VBD", 5, "ROOT"),
        # The mistake: the speaker is the object of "added".
        ("a", True, "DT", 7, "det"), ("Liberal", False, "NNP", 5, "dobj"),
        (".", False, ".", 5, "punct"),
    ])
    assert one(text, QUOTE, ()).speaker == "a Liberal"


def test_a_speaker_with_a_relative_clause_the_parser_detaches_from_the_verb():
    text = ("Although there is no such overlap with Lund's team, a ministry official who spoke "
            "anonymously to discuss internal planning said Wednesday, “Certainly there are "
            "talks between the ministry and the Lund campaign.”")
    assert one(text, QUOTE, ()).speaker == "a ministry official"


def test_the_writers_aside_after_a_comma_ends_the_claim():
    claim = one("Maria Holm announced a new timetable for the island ferries, forcing islanders "
                "to drive around the fjord.", CLAIM, ())
    assert claim.text == "a new timetable for the island ferries"


@pytest.mark.parametrize("text, said", [
    ("Erik Lund called the plan a disaster, and the mayor agreed.", "the plan a disaster"),
    ("Erik Lund attacked the bridge as a waste of money while the mayor argued for it.",
     "the bridge as a waste of money"),
])
def test_what_the_object_was_called_belongs_to_the_claim(text, said):
    # "argued for it" is no claim: a pronoun alone says nothing a reader can search.
    assert [(c.speaker, c.text) for c in extract(text) if c.kind == CLAIM] == [("Erik Lund", said)]


def test_a_known_organisation_keeps_its_kind():
    kremlin = KnownPerson("The Kremlin", ("Kremlin",), ("the Russian presidency",), "organization")
    claim = one("The Russian presidency said that no talks were planned.", CLAIM, (kremlin,))
    assert (claim.speaker, claim.speaker_type) == ("The Kremlin", "organization")


def test_a_sentence_ends_before_a_quote_that_opens_with_an_apostrophe():
    from quotes.extraction.chunks import _sentences
    from quotes.extraction.marks import find_quotes

    text = "Kari Nordmann named her favourite. “’Borgen,’” she said."
    cuts = _sentences(text, 0, len(text), find_quotes(text))
    assert [text[s:e].strip() for s, e in cuts] == [
        "Kari Nordmann named her favourite.", "“’Borgen,’” she said."]


@pytest.mark.parametrize("text, said", [
    # A concession is the writer's, with or without a comma.
    ("Erik Lund said the bridge would open in the spring, even though no money has been "
     "found.", "the bridge would open in the spring"),
    ("Erik Lund said the bridge would open in the spring even though no money has been "
     "found.", "the bridge would open in the spring"),
    # When and where it was said is not what was said.
    ("Erik Lund praised the new ferry plan during a campaign stop in Tromsø on Friday.",
     "the new ferry plan"),
    # A relative clause about a reported thing is the writer's comment on it.
    ("Erik Lund has acknowledged the cost of the bridge, which makes him an outlier in his "
     "party.", "the cost of the bridge"),
    # After a semicolon, a second clause with a speaker of its own.
    ("Erik Lund estimates that the bridge will cost two billion; the ministry puts the "
     "figure at three billion.", "the bridge will cost two billion"),
])
def test_a_claim_ends_where_its_content_ends(text, said):
    claims = [c for c in extract(text) if c.kind == CLAIM]
    assert [(c.speaker, c.text) for c in claims][:1] == [("Erik Lund", said)]


def test_a_second_speaker_in_the_same_sentence_ends_the_first_claim():
    claims = [(c.speaker, c.text) for c in extract(
        "Erik Lund said the ferry will stop running in May and Holm said the bridge would "
        "open in June.") if c.kind == CLAIM]
    assert claims == [("Erik Lund", "the ferry will stop running in May"),
                      ("Holm", "the bridge would open in June")]


def test_an_agency_named_press_is_an_outlet_not_an_audience():
    statements = extract("Erik Lund echoed the minister, stating that there is no urgency for "
                         "a vote, and stressing that “patience is needed,” according to The "
                         "Associated Press.")
    assert {(s.kind, s.speaker, s.via) for s in statements} == {
        (CLAIM, "Erik Lund", "The Associated Press"),
        (QUOTE, "Erik Lund", "The Associated Press")}


@pytest.mark.parametrize("text, said", [
    # What someone was called is a claim as well as a quote, even of a pronoun.
    ("His allies called him “a genius” for his tax plan.", "him “a genius” for his tax plan"),
    ("Maria Holm criticized Lund for “running away from the voters.”",
     "Lund for “running away from the voters.”"),
    # Citing and likening report a thing.
    ("Maria Holm cited the rising cost of steel as the main reason for the delay.",
     "the rising cost of steel as the main reason for the delay"),
    ("Maria Holm likened the bridge to a road to nowhere.", "the bridge to a road to nowhere"),
])
def test_what_was_called_cited_or_likened_is_a_claim(text, said):
    assert [c.text for c in extract(text) if c.kind == CLAIM] == [said]


@pytest.mark.parametrize("text, speaker", [
    ("Erik Lund has studied bridges for decades. As Lund put it in July, the bridge is "
     "“a promise kept.”", "Erik Lund"),
    ("As Ms. Holm put it in a letter to the mayor in July, the bridge is “a promise kept "
     "and a gift.”", "Holm"),
])
def test_as_someone_put_it_gives_them_the_quote(text, speaker):
    assert one(text, QUOTE, ()).speaker == speaker


def test_called_him_unfit_is_a_quote_and_a_claim():
    statements = extract("Maria Holm called him “unfit” for the ministry.")
    assert [(s.kind, s.speaker, s.text) for s in statements] == [
        (CLAIM, "Maria Holm", "him “unfit” for the ministry"),
        (QUOTE, "Maria Holm", "unfit")]


@pytest.mark.parametrize("text, speaker", [
    # Initials do not end the sentence, so the name stays whole.
    ("“This is a sad day,” said Rep. E.L. Holmgren (D-Tromsø), the chairman.", "E.L. Holmgren"),
    ("“This is a waste of time,” said Del. Kari Nilsen, a Liberal.", "Kari Nilsen"),
    # A document speaks for whoever issued it.
    ("“Growth will slow this winter,” the OECD report said.", "OECD"),
])
def test_speaker_phrases_are_trimmed_to_the_speaker(text, speaker):
    assert one(text, QUOTE, ()).speaker == speaker


@pytest.mark.parametrize("text", [
    "“Things are bad,” Erik Lund said on Nordland Radio's “Morning Harbour.”",
    "“Things are bad,” Erik Lund said in an interview on “Good Morning Bergen,” adding more.",
    "Erik Lund was speaking on his “Keep It Local” radio show, where he said nothing new.",
])
def test_a_programme_named_in_quotation_marks_is_no_quote(text):
    quotes = [s.text for s in extract(text) if s.kind == QUOTE]
    assert all("Morning" not in q and "Keep It" not in q for q in quotes), quotes


def test_words_pinned_on_someone_with_as_belong_to_the_subject_whatever_the_verb():
    found = extract("Tom Hale met reporters on Monday.\n\nIn recent weeks, Erik Lund has gone "
                    "after Hale as a “harbour thief” and a “spoiled brat.”", ())
    assert [(s.kind, s.speaker, s.text) for s in found] == [
        (QUOTE, "Erik Lund", "harbour thief"), (QUOTE, "Erik Lund", "spoiled brat.")]
    assert extract("Tom Hale met reporters.\n\nThe port has rules such as “no dogs” now.", ()) == []


def test_he_after_a_claim_is_its_speaker_not_a_subject_inside_it():
    statements = extract("Erik Lund said Maria Holm's deputy would resign before the vote. "
                         "“It is time for new people,” he said.")
    assert [(s.kind, s.speaker) for s in statements] == [(CLAIM, "Erik Lund"),
                                                          (QUOTE, "Erik Lund")]


def test_his_claim_is_the_claim_of_the_man_named_before():
    claims = [c for c in extract("Erik Lund spoke first. Maria Holm rejected his claim that "
                                 "the bridge would cost more.") if c.kind == CLAIM]
    assert [(c.speaker, c.text) for c in claims] == [("Erik Lund", "the bridge would cost more")]


@pytest.mark.parametrize("text, said", [
    ("Erik Lund voiced concerns that the ferry would stop running in winter.",
     "the ferry would stop running in winter"),
    ("The minister's determination to build the bridge worried the town.",
     "to build the bridge"),
    ("Maria Holm repeated her warnings that the bridge would cost two billion.",
     "the bridge would cost two billion"),
])
def test_more_nouns_of_saying_and_believing_are_cues(text, said):
    assert [c.text for c in extract(text) if c.kind == CLAIM] == [said]


@pytest.mark.parametrize("text, said", [
    # A reported thing ends with its object (and what it was called).
    ("Senator Lund endorsed the harbour plan, the latest turn in a long feud between the two.",
     "the harbour plan"),
    ("The council condemned the new tolls as drivers queued at the bridge for hours.",
     "the new tolls"),
    ("Erik Lund described the call as “a very useful conversation.”",
     "the call as “a very useful conversation.”"),
    # "that" as a determiner is part of the clause; a dangling "but" is not.
    ("Erik Lund said that plan smacked of hypocrisy.", "that plan smacked of hypocrisy"),
    ("Mayor Anna Holm said on Friday that she believes the tapes should be released but said "
     "“the question is the timing.”", "she believes the tapes should be released"),
    # Not the first clause of the sentence when a semicolon parts it from the cue.
    ("It is an unlikely scenario; Lund's team says he will return to the campaign this week.",
     "he will return to the campaign this week"),
    # "if" stays: without it the claim would be all quotation.
    ("Erik Lund said that if “the court rules against us, we will appeal.”",
     "if “the court rules against us, we will appeal.”"),
])
def test_claim_spans_are_the_content_only(text, said):
    assert [c.text for c in extract(text) if c.kind == CLAIM] == [said]


def test_an_aside_inside_a_blamed_object_keeps_the_reason():
    claim = one("Maria Holm accused Erik Lund, who was born in Bergen, of hiding the cost.",
                CLAIM, ())
    assert claim.text == "Erik Lund, who was born in Bergen, of hiding the cost"


def test_a_headline_ending_in_a_full_stop_gives_no_antecedent():
    statements = extract("Holm Names Bergen Harbour Chief.\n\nThe ferry will run again, he said.")
    assert [s.speaker for s in statements] == []


@pytest.mark.parametrize("line, heading", [
    ("The Bridge Goes On: It was under the old plan that it was begun.", True),
    ("Little Relief for Islanders: The ferry crisis is the sort of issue ...", True),
    # A speaker and a colon stay for the transcript and headline rules.
    ("Erik Lund: The Bridge Will Open Before Winter", False),
    ("HOST: Do you think the bridge will open?", False),
])
def test_a_run_in_heading_is_hidden_from_the_parser(line, heading):
    from quotes.extraction.chunks import RUN_IN_HEAD

    assert bool(RUN_IN_HEAD.match(line)) is heading


@pytest.mark.parametrize("text, said, quoted", [
    ("Maria Holm dubbed him “the minister of delay.”", "him “the minister of delay.”",
     "the minister of delay."),
    ("Maria Holm labeled the plan “a road to nowhere.”", "the plan “a road to nowhere.”",
     "a road to nowhere."),
])
def test_naming_verbs_give_a_claim_and_a_quote(text, said, quoted):
    statements = extract(text)
    assert [(s.kind, s.speaker, s.text) for s in statements] == [
        (CLAIM, "Maria Holm", said), (QUOTE, "Maria Holm", quoted)]


def test_the_writers_description_of_a_name_ending_a_claim_is_not_part_of_it():
    claim = one("Erik Lund said the bridge was designed by Anna Lie, the architect.", CLAIM, ())
    assert claim.text == "the bridge was designed by Anna Lie"


@pytest.mark.parametrize("text, said", [
    ("Erik Lund said a new study shows the bridge will cost two billion more.",
     "a new study shows the bridge will cost two billion more"),
    ("Erik Lund said the ministry believes the ferry should stop.",
     "the ministry believes the ferry should stop"),
])
def test_nested_attribution_keeps_the_person_who_reported_it(text, said):
    claims = [(c.speaker, c.text) for c in extract(text) if c.kind == CLAIM]
    assert claims[0] == ("Erik Lund", said)


def test_an_inner_person_still_takes_the_words_of_a_nested_cue():
    claim = one("Maria Holm would not deny Erik Lund's remarks that the bridge is late.",
                CLAIM, ())
    assert (claim.speaker, claim.text) == ("Erik Lund", "the bridge is late")


@pytest.mark.parametrize("text, speaker, said", [
    # A conjoined verb, a participle and an infinitive of purpose share the subject.
    ("Maria Holm spoke in Bergen and criticized the new harbour tolls.", "Maria Holm",
     "the new harbour tolls"),
    ("Erik Lund delayed the vote, citing the rising cost of steel.", "Erik Lund",
     "the rising cost of steel"),
    ("The island mayors met in Tromsø to discuss the ferry timetable.", "The island mayors",
     "the ferry timetable"),
])
def test_a_verb_without_its_own_subject_still_reports_its_object(text, speaker, said):
    assert [(c.speaker, c.text) for c in extract(text) if c.kind == CLAIM] == [(speaker, said)]


@pytest.mark.parametrize("text, said", [
    ("While he conceded money was a big factor, Erik Lund also noted several small things "
     "left him uneasy.", "several small things left him uneasy"),
])
def test_a_setting_before_the_cue_is_not_what_was_said(text, said):
    assert [c.text for c in extract(text) if c.kind == CLAIM and "noted" in c.cue] == [said]


@pytest.mark.parametrize("text, speaker, said", [
    ("The ferry plan was first reported by The Nordland Post.", "The Nordland Post",
     "The ferry plan"),
    ("Erik Lund has been called a dreamer by his own ministers.", "his own ministers",
     "Erik Lund has been called a dreamer"),
])
def test_the_agent_of_a_passive_cue_is_the_speaker(text, speaker, said):
    assert [(c.speaker, c.text) for c in extract(text) if c.kind == CLAIM] == [(speaker, said)]


@pytest.mark.parametrize("text, said", [
    ("Maria Holm touted her proposals for the harbour.", "her proposals for the harbour"),
    ("Erik Lund recalled his first crossing on the old ferry.",
     "his first crossing on the old ferry"),
])
def test_touting_and_recalling_report_their_object(text, said):
    assert [c.text for c in extract(text) if c.kind == CLAIM] == [said]


@pytest.mark.parametrize("text, said", [
    ("Erik Lund compared the toll to a tax on islanders.", "the toll to a tax on islanders"),
    ("The council decided to close the old ferry terminal.", "to close the old ferry terminal"),
    ("Maria Holm offered no proof that the bridge was unsafe.",
     "no proof that the bridge was unsafe"),
])
def test_comparing_deciding_and_offering_are_claims(text, said):
    assert [c.text for c in extract(text) if c.kind == CLAIM] == [said]


@pytest.mark.parametrize("text, said", [
    ("Erik Lund railed against the new tolls on the bridge.", "the new tolls on the bridge"),
    ("Maria Holm voted against the harbour budget.", "the harbour budget"),
    ("Erik Lund often brags about his record on the ferries.", "his record on the ferries"),
])
def test_a_stance_taken_on_a_thing_is_a_claim(text, said):
    assert [c.text for c in extract(text) if c.kind == CLAIM] == [said]


def test_an_adjective_of_a_stance_reports_what_it_is_about():
    claim = one("Maria Holm has been critical of the new toll plan.", CLAIM, ())
    assert (claim.speaker, claim.text, claim.cue) == ("Maria Holm", "the new toll plan",
                                                      "critical of")


@pytest.mark.parametrize("text, said", [
    ("Several mayors have expressed misgivings about the new toll plan.", "the new toll plan"),
    ("Erik Lund has voiced skepticism about a second bridge.", "a second bridge"),
])
def test_a_noun_of_a_stance_with_a_light_verb_reports_what_it_is_about(text, said):
    assert [c.text for c in extract(text) if c.kind == CLAIM] == [said]


def test_a_call_on_someone_to_act_takes_the_infinitive():
    claim = one("Maria Holm called on the council to close the ferry line that showed losses.",
                CLAIM, ())
    assert claim.text == "the council to close the ferry line that showed losses"


def test_a_participle_after_a_comma_ending_the_sentence_is_the_writers():
    claims = extract("Lund has often asked whether the judges will treat him fairly, drawing "
                     "what critics called old complaints.")
    assert [c.text for c in claims if c.cue == "asked"] == [
        "whether the judges will treat him fairly"]


def test_a_relative_clause_after_a_reported_thing_ends_it_even_with_commas():
    claim = one("Erik Lund praised the new harbour plan, which includes a fund that would, in "
                "time, pay for the ferries.", CLAIM, ())
    assert claim.text == "the new harbour plan"


def test_characterizing_someone_as_a_quoted_phrase_is_a_claim_and_a_quote():
    statements = extract("Maria Holm characterized the minister as “a man of delay.”")
    assert [(s.kind, s.speaker, s.text) for s in statements] == [
        (CLAIM, "Maria Holm", "the minister as “a man of delay.”"),
        (QUOTE, "Maria Holm", "a man of delay.")]


def test_a_first_name_given_to_women_and_men_fits_she():
    quotes = [s for s in extract("Anna Lie spoke first. “The ferry must run,” said the widow "
                                 "Terry Holm. “It is our lifeline,” she said.") if s.kind == QUOTE]
    assert [q.speaker for q in quotes] == ["Terry Holm", "Terry Holm"]


def test_show_reports_its_object_only_as_the_main_verb():
    claims = [c for c in extract("New surveys show a tight race on the islands. Erik Lund wore "
                                 "a coat that showed the harbour crest.") if c.kind == CLAIM]
    assert [(c.speaker, c.text) for c in claims] == [("New surveys", "a tight race on the islands")]


def test_voting_to_act_is_a_claim():
    claim = one("The harbour committee voted to close the old ferry terminal.",
                CLAIM, ())
    assert (claim.speaker, claim.text) == ("The harbour committee",
                                           "to close the old ferry terminal")


def test_an_infinitive_after_a_date_is_still_what_was_voted_or_urged():
    claim = one("The harbour committee voted on Friday to close the old ferry terminal.",
                CLAIM, ())
    assert claim.text == "to close the old ferry terminal"


def test_wanting_in_a_relative_clause_describes_the_noun():
    text = "Islanders who want to keep the ferry met in Bergen. Maria Holm wants to keep it too."
    assert [(c.speaker, c.text) for c in extract(text) if c.kind == CLAIM] == [
        ("Maria Holm", "to keep it too")]


@pytest.mark.parametrize("text, said", [
    ("Maria Holm referenced the minister's record on the ferries.",
     "the minister's record on the ferries"),
    ("The northern mayors have embraced the idea of a second bridge.",
     "the idea of a second bridge"),
])
def test_referencing_and_embracing_report_their_object(text, said):
    assert [c.text for c in extract(text) if c.kind == CLAIM] == [said]


def test_a_paragraph_after_a_cue_ending_in_a_colon_is_a_claim():
    text = ("“It is a disgrace,” Lund said.\n\nThe mayor added:\n\n"
            "The ferry has been late all winter and nobody in the ministry cares.\n")
    claims = [c for c in extract(text) if c.kind == CLAIM]
    assert [(c.speaker, c.text) for c in claims] == [
        ("The mayor", "The ferry has been late all winter and nobody in the ministry cares")]


@pytest.mark.parametrize("text", [
    "The old fares fell 4 percent, the ministry said in a May report, and the new fares rose "
    "2 percent.",
    "The old fares fell 4 percent, according to the ministry, and the new fares rose 2 percent.",
])
def test_a_cue_set_between_two_joined_clauses_reports_both(text):
    claim = one(text, CLAIM, ())
    assert claim.text.startswith("The old fares") and claim.text.endswith("rose 2 percent")


def test_a_gerund_joined_to_the_verb_is_a_second_object(monkeypatch):
    text = "Lund has mentioned cutting fares and forcing the ministry to pay."
    parsed_as(monkeypatch, text, [
        ("Lund", True, "NNP", 2, "nsubj"), ("has", True, "VBZ", 2, "aux"),
        ("mentioned", True, "VBN", 2, "ROOT"), ("cutting", True, "VBG", 4, "amod"),
        ("fares", True, "NNS", 2, "dobj"), ("and", True, "CC", 2, "cc"),
        # The mistake: the second gerund hangs on the verb as a second action.
        ("forcing", True, "VBG", 2, "conj"), ("the", True, "DT", 8, "det"),
        ("ministry", True, "NN", 6, "dobj"), ("to", True, "TO", 10, "aux"),
        ("pay", False, "VB", 6, "xcomp"), (".", False, ".", 2, "punct"),
    ])
    assert one(text, CLAIM, ()).text == "cutting fares and forcing the ministry to pay"


def test_an_object_goes_on_where_the_parser_starts_a_sentence_without_a_stop(monkeypatch):
    text = "Holm mentioned harsh remarks Lund had made about the islanders."
    parsed_as(monkeypatch, text, [
        ("Holm", True, "NNP", 1, "nsubj"), ("mentioned", True, "VBD", 1, "ROOT"),
        ("harsh", True, "JJ", 3, "amod"), ("remarks", True, "NNS", 1, "dobj"),
        # The mistake: "Lund had made ..." is a second sentence, not a relative clause.
        ("Lund", True, "NNP", 6, "nsubj"), ("had", True, "VBD", 6, "aux"),
        ("made", True, "VBN", 6, "ROOT"), ("about", True, "IN", 6, "prep"),
        ("the", True, "DT", 9, "det"), ("islanders", False, "NNS", 7, "pobj"),
        (".", False, ".", 6, "punct"),
    ])
    assert one(text, CLAIM, ()).text == "harsh remarks Lund had made about the islanders"


def test_a_clause_saying_when_something_was_said_is_not_part_of_it(monkeypatch):
    text = "The survey indicates a close race as Lund gains support."
    parsed_as(monkeypatch, text, [
        ("The", True, "DT", 1, "det"), ("survey", True, "NN", 2, "nsubj"),
        ("indicates", True, "VBZ", 2, "ROOT"), ("a", True, "DT", 5, "det"),
        ("close", True, "JJ", 5, "amod"), ("race", True, "NN", 2, "dobj"),
        # "as Lund gains support" hangs on the cue: when it was indicated.
        ("as", True, "IN", 8, "mark"), ("Lund", True, "NNP", 8, "nsubj"),
        ("gains", True, "VBZ", 2, "advcl"), ("support", False, "NN", 8, "dobj"),
        (".", False, ".", 2, "punct"),
    ])
    assert one(text, CLAIM, ()).text == "a close race"


def test_a_participle_on_a_verb_of_saying_shares_the_speaker_the_parser_lost(monkeypatch):
    text = "“It is bad,” Lund said, citing the cost of steel."
    parsed_as(monkeypatch, text, [
        ("“", False, "``", 7, "punct"), ("It", True, "PRP", 2, "nsubj"),
        ("is", True, "VBZ", 7, "ccomp"), ("bad", False, "JJ", 2, "acomp"),
        (",", False, ",", 2, "punct"), ("”", True, "''", 2, "punct"),
        # The mistake: "Lund" hangs on "is" inside the quotation, "said" has no subject.
        ("Lund", True, "NNP", 2, "attr"), ("said", False, "VBD", 7, "ROOT"),
        (",", True, ",", 7, "punct"), ("citing", True, "VBG", 7, "advcl"),
        ("the", True, "DT", 11, "det"), ("cost", True, "NN", 9, "dobj"),
        ("of", True, "IN", 11, "prep"), ("steel", False, "NN", 12, "pobj"),
        (".", False, ".", 7, "punct"),
    ])
    claim = one(text, CLAIM, ())
    assert (claim.speaker, claim.text) == ("Lund", "the cost of steel")


def test_a_headline_surname_and_colon_is_a_claim_when_the_story_names_the_person():
    text = ("Frost: Ferry Tolls Will Not Rise This Winter.\n\n"
            "Maria Frost spoke to the island council on Friday.\n")
    claims = [c for c in extract(text) if c.kind == CLAIM]
    assert [(c.speaker, c.text) for c in claims] == [
        ("Frost", "Ferry Tolls Will Not Rise This Winter")]


def test_a_speaker_saying_what_she_hopes_gives_one_claim_the_whole_of_what_was_said():
    claims = [c for c in extract("Maria Holm said she hopes the ferry will run again in May.")
              if c.kind == CLAIM]
    assert [(c.speaker, c.text) for c in claims] == [
        ("Maria Holm", "she hopes the ferry will run again in May")]


def test_as_someone_put_it_is_the_cue_of_the_quote():
    quote = one("As Maria Holm put it in a statement in July, the ferry is “a lifeline for the "
                "islands.”", QUOTE, ())
    assert (quote.speaker, quote.cue) == ("Maria Holm", "put it")


def test_a_verb_that_labels_governs_its_quote_without_a_verb_of_saying():
    quote = one("Norway branded the rival fleet a “menace to every harbour.”", QUOTE, ())
    assert (quote.speaker, quote.cue) == ("Norway", "branded")


def test_a_bare_common_noun_the_parser_makes_a_subject_says_no_quote():
    found = extract("The plan was cut back, with vaguer wording calling for “better service.”", ())
    assert all(s.speaker != "vaguer wording" for s in found if s.kind == QUOTE)


def test_a_quote_inside_an_as_or_while_clause_is_that_clauses_subjects():
    quote = one("While Holm ranted about “the broken ferries,” Lund said nothing at all.",
                QUOTE, ())
    assert quote.speaker == "Holm"
