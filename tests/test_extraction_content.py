"""The extractor on short invented sentences, one phenomenon
each: what a claim's content is (content.py): its span, its objects and where it
ends.
Pure Python: no database. Split from tests/test_extraction.py (issue 10)."""

from __future__ import annotations

import pytest

from quotes.extraction import CLAIM, QUOTE, extract
from tests.extraction_helpers import BERG, one, parsed_as


def test_claim_with_that():
    claim = one("Anna Berg noted that the border would stay open until spring.", CLAIM)
    assert (claim.speaker, claim.cue, claim.text) == (
        "Anna Berg", "noted", "the border would stay open until spring")


def test_claim_with_the_cue_at_the_end():
    claim = one("The border will stay open until spring, Foreign Minister Anna Berg has said.",
                CLAIM)
    assert (claim.speaker, claim.cue, claim.text) == (
        "Anna Berg", "has said", "The border will stay open until spring")


def test_the_parser_reads_a_horizontal_bar_as_the_dash_it_knows():
    from quotes.extraction.chunks import Chunk
    from quotes.extraction.pipeline import _for_parser

    text = "Hale paid nothing ― as was true for years ― Lund said."
    words = _for_parser(text, Chunk(0, len(text), 0))
    assert words == text.replace("―", "—") and len(words) == len(text)


def test_an_opening_mark_glued_to_the_comma_before_it_still_gives_the_quote():
    quote = one("Lund said,“Look, these images have no place in a campaign. The tweet is gone.”",
                QUOTE, ())
    assert (quote.speaker, quote.text) == (
        "Lund", "Look, these images have no place in a campaign. The tweet is gone.")


def test_what_a_statement_is_about_is_not_a_claim():
    claim = one("Anna Berg said, referring to the two presidents, that no date had been set.",
                CLAIM)
    assert claim.text == "no date had been set"


def test_a_claim_that_is_all_quote_gives_the_quote_only_and_not_what_follows():
    found = extract("Anna Berg repeated that “preparation is needed, serious preparation,” and "
                    "declined to name a date.", (BERG,))
    assert [(s.kind, s.text) for s in found] == [
        (QUOTE, "preparation is needed, serious preparation,")]


def test_cue_set_off_by_commas_makes_the_sentence_a_claim():
    claim = one("The bridge, Erik Lund said, would open in the spring of next year.", CLAIM, ())
    assert claim.speaker == "Erik Lund"
    assert claim.text.startswith("The bridge") and claim.text.endswith("next year")


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
    # The writer's description of what was said, set off at its end, is not part of it;
    # nor is who reported it.
    ("Erik Lund said the toll would rise by 40 percent, a sharp increase from last year.",
     "the toll would rise by 40 percent"),
    ("Erik Lund said the night ferry would be cut, according to the Harbour Post.",
     "the night ferry would be cut"),
    # "though" set off by commas is an adverb inside the content, not a concession.
    ("Erik Lund said the council, though, would have to pay for the new pier.",
     "the council, though, would have to pay for the new pier"),
    # What "including" lists is part of what was cited, not an aside.
    ("Erik Lund cited several causes for the late ferries, including a shortage of crew.",
     "several causes for the late ferries, including a shortage of crew"),
    # What someone was called ends with the quotation; when and where it was said,
    # and the form it took, are the writer's.
    ("Erik Lund slammed the toll as a “disgrace” Wednesday on the Harbour Hour.",
     "the toll as a “disgrace”"),
    ("Maria Holm criticized the ferry timetable as a “shambles” during a stop in Bergen.",
     "the ferry timetable as a “shambles”"),
    ("Maria Holm criticized the toll plan as “unfair” and “unworkable” during the debate.",
     "the toll plan as “unfair” and “unworkable”"),
    ("Erik Lund described the bridge as “the gold standard” of harbour crossings.",
     "the bridge as “the gold standard” of harbour crossings"),
    ("Maria Holm denounced the new tolls in an on-air diatribe.", "the new tolls"),
    # A cue inside the content: its occasion does not end what was said.
    ("If the bridge opens, Maria Holm suggested in a tweet, the night ferry will be cut.",
     "If the bridge opens, Maria Holm suggested in a tweet, the night ferry will be cut"),
])
def test_claim_spans_are_the_content_only(text, said):
    assert [c.text for c in extract(text) if c.kind == CLAIM] == [said]


def test_an_aside_inside_a_blamed_object_keeps_the_reason():
    claim = one("Maria Holm accused Erik Lund, who was born in Bergen, of hiding the cost.",
                CLAIM, ())
    assert claim.text == "Erik Lund, who was born in Bergen, of hiding the cost"


def test_the_writers_description_of_a_name_ending_a_claim_is_not_part_of_it():
    claim = one("Erik Lund said the bridge was designed by Anna Lie, the architect.", CLAIM, ())
    assert claim.text == "the bridge was designed by Anna Lie"


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


def test_an_infinitive_after_a_date_is_still_what_was_voted_or_urged():
    claim = one("The harbour committee voted on Friday to close the old ferry terminal.",
                CLAIM, ())
    assert claim.text == "to close the old ferry terminal"


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


def test_the_doer_the_parser_made_an_object_opens_the_clause(monkeypatch):
    text = "Lund is demanding Mayor Anna Berg make a pledge to keep the ferry."
    parsed_as(monkeypatch, text, [
        ("Lund", True, "NNP", 2, "nsubj"), ("is", True, "VBZ", 2, "aux"),
        ("demanding", True, "VBG", 2, "ROOT"), ("Mayor", True, "NNP", 5, "compound"),
        ("Anna", True, "NNP", 5, "compound"),
        # The mistake: the mayor is the cue's object, and "make" has no subject.
        ("Berg", True, "NNP", 2, "dobj"), ("make", True, "VBP", 2, "ccomp"),
        ("a", True, "DT", 8, "det"), ("pledge", True, "NN", 6, "dobj"),
        ("to", True, "TO", 10, "aux"), ("keep", True, "VB", 8, "acl"),
        ("the", True, "DT", 12, "det"), ("ferry", False, "NN", 10, "dobj"),
        (".", False, ".", 2, "punct"),
    ])
    claim = one(text, CLAIM, ())
    assert (claim.speaker, claim.text) == (
        "Lund", "Mayor Anna Berg make a pledge to keep the ferry")


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


def test_a_speaker_saying_what_she_hopes_gives_one_claim_the_whole_of_what_was_said():
    claims = [c for c in extract("Maria Holm said she hopes the ferry will run again in May.")
              if c.kind == CLAIM]
    assert [(c.speaker, c.text) for c in claims] == [
        ("Maria Holm", "she hopes the ferry will run again in May")]


def test_a_phrase_of_the_verb_after_its_object_is_what_was_reported():
    [claim] = extract("Erik Lund criticized the budget over its cuts to schools.")
    assert claim.text.startswith("the budget over its cuts")
    # When and where it was said stay out.
    [claim] = extract("Erik Lund announced the plan on Tuesday.")
    assert claim.text == "the plan"


def test_a_clause_opening_with_a_quotation_that_goes_on_is_a_claim_too():
    claim, quote = extract("Erik Lund has long argued “the next mayor” must pick "
                           "the new judge.")
    assert (claim.kind, claim.text) == (CLAIM, "“the next mayor” must pick the new judge")
    assert (quote.kind, quote.text, quote.speaker) == (QUOTE, "the next mayor", "Erik Lund")
    # A clause that is all quotation is the quote's alone, and so is one the
    # writer ends with who reported it.
    [quote] = extract("Erik Lund said “the next mayor should choose the new judge.”")
    assert quote.kind == QUOTE
    statements = extract("The ministers said “we must ramp up the pressure on the port,” as "
                         "reported by The Associated Press.")
    assert [s.kind for s in statements] == [QUOTE]


def test_according_to_inside_a_sentence_that_goes_on_credits_all_of_it():
    [claim] = extract("Behind the delay, according to Anna Berg, was a choice to move "
                      "the bridge north.")
    assert claim.speaker == "Anna Berg"
    assert claim.text.startswith("Behind the delay")
    assert claim.text.endswith("a choice to move the bridge north")


def test_according_to_with_an_aside_after_the_name_still_credits_the_sentence():
    [claim] = extract("Behind the delay, according to Anna Berg, a former city engineer, was "
                      "a choice to move the bridge north.")
    assert (claim.speaker, claim.text[:16]) == ("Anna Berg", "Behind the delay")
    assert claim.text.endswith("a choice to move the bridge north")


@pytest.mark.parametrize("text, said", [
    # A second "that" clause of the same verb is more of what was said.
    ("Erik Lund said the ferries were never full, but that in winter the night boat was often "
     "late.", "the ferries were never full, but that in winter the night boat was often late"),
    # A one-word aside is no concession that ends the claim.
    ("Anna Berg said the harbour fee was a fair, although steep, price for the repairs.",
     "the harbour fee was a fair, although steep, price for the repairs"),
    # A participle after a quotation that ends with a comma is the writer's.
    ("Erik Lund said the timetable “will hold until spring,” referring to the two new boats.",
     "the timetable “will hold until spring,”"),
    # So is the writer's name for what was said.
    ("Erik Lund said fares would rise in May, an admission the council had avoided for a year.",
     "fares would rise in May"),
    ("Anna Berg said the island “deserves better” than a single boat, a swipe at the ministry.",
     "the island “deserves better” than a single boat"),
])
def test_a_claim_ends_with_what_was_said_neither_sooner_nor_later(text, said):
    assert one(text, CLAIM, ()).text == said


def test_a_clause_the_parser_ends_on_a_dangling_preposition_goes_on(monkeypatch):
    text = "Lund said the crew are happy with whatever the board decides but want a vote."
    parsed_as(monkeypatch, text, [
        ("Lund", True, "NNP", 1, "nsubj"), ("said", True, "VBD", 1, "ROOT"),
        ("the", True, "DT", 3, "det"), ("crew", True, "NN", 4, "nsubj"),
        ("are", True, "VBP", 1, "ccomp"), ("happy", True, "JJ", 4, "acomp"),
        ("with", True, "IN", 5, "prep"),
        # The mistake: what "with" takes is a second clause of "said".
        ("whatever", True, "WDT", 10, "dobj"), ("the", True, "DT", 9, "det"),
        ("board", True, "NN", 10, "nsubj"), ("decides", True, "VBZ", 1, "ccomp"),
        ("but", True, "CC", 10, "cc"), ("want", True, "VBP", 10, "conj"),
        ("a", True, "DT", 14, "det"), ("vote", False, "NN", 12, "dobj"),
        (".", False, ".", 1, "punct"),
    ])
    assert one(text, CLAIM, ()).text == (
        "the crew are happy with whatever the board decides but want a vote")
