"""The reporting-verb lexicon: which words introduce a quote or a claim.

Word forms are listed rather than lemmatised, because spaCy's lemmatizer
costs about a third of the pipeline's time and these verbs are few.
"""

from __future__ import annotations

# Verbs of saying: they introduce quotes and, with a clause, claims.
SPEECH = """
say tell state stress note add explain declare respond reply emphasize emphasise insist
write argue warn ask continue remark claim confirm deny suggest signal indicate
acknowledge admit announce report recall describe caution mention assert contend
complain comment observe predict promise pledge vow urge demand threaten tweet post
concede counter maintain allege brief conclude testify reiterate repeat clarify assure
boast joke quip lament muse recount disclose reveal estimate accuse criticize criticise
blast slam praise question charge echo exclaim shout yell cry scoff sneer retort snap
recommend propose advise inform tout defend dismiss reject proclaim affirm stipulate
interrupt answer chime rail hammer attack mock laugh call condemn sing chant rule
reads
""".split()
# Verbs of finding and believing give claims; they are quote cues only when no
# verb of saying governs the quote ("if people think ..." inside a frame).
FINDING = """
find show conclude determine learn know feel worry doubt understand realize think believe
hope fear expect wonder agree want seek intend plan endorse support oppose blame denounce
decry highlight discuss point refer talk speak cite encourage liken outline detail
dub label brand term lambaste assail bash chastise ridicule deride admire
compare link publish promote dispute compliment bemoan decide offer present
vote disagree brag apologize bristle campaign plead
characterize characterise hail portray rate
prefer remind request embrace imply reference side
""".split()

IRREGULAR = {
    "seek": ["seeks", "sought", "seeking"],
    "speak": ["speaks", "spoke", "spoken", "speaking"],
    "refer": ["refers", "referred", "referring"],
    "plan": ["plans", "planned", "planning"],
    "say": ["says", "said", "saying"],
    "tell": ["tells", "told", "telling"],
    "write": ["writes", "wrote", "written", "writing"],
    "think": ["thinks", "thought", "thinking"],
    "find": ["finds", "found", "finding"],
    "know": ["knows", "knew", "known", "knowing"],
    "feel": ["feels", "felt", "feeling"],
    "show": ["shows", "showed", "shown", "showing"],
    "admit": ["admits", "admitted", "admitting"],
    "quip": ["quips", "quipped", "quipping"],
    "snap": ["snaps", "snapped", "snapping"],
    "understand": ["understands", "understood", "understanding"],
    "learn": ["learns", "learned", "learnt", "learning"],
    "cry": ["cries", "cried", "crying"],
    "reply": ["replies", "replied", "replying"],
    "deny": ["denies", "denied", "denying"],
    "testify": ["testifies", "testified", "testifying"],
    "clarify": ["clarifies", "clarified", "clarifying"],
    "signal": ["signals", "signaled", "signalled", "signaling", "signalling"],
    "counter": ["counters", "countered", "countering"],
    "question": ["questions", "questioned", "questioning"],
    "answer": ["answers", "answered", "answering"],
    "echo": ["echoes", "echoed", "echoing"],
    "chime": ["chimes", "chimed", "chiming"],
    "dub": ["dubs", "dubbed", "dubbing"],
    "label": ["labels", "labeled", "labelled", "labeling", "labelling"],
    "rail": ["rails", "railed", "railing"],
    "brag": ["brags", "bragged", "bragging"],
    "plead": ["pleads", "pleaded", "pled", "pleading"],
    "put": ["puts", "putting"],
    "send": ["sends", "sent", "sending"],
    "run": ["runs", "ran", "running"],
    "submit": ["submits", "submitted", "submitting"],
    "pen": ["pens", "penned", "penning"],
}


def forms(verb: str) -> list[str]:
    """Return the inflected forms of a regular English verb (and the base)."""
    if verb in IRREGULAR:
        return [verb, *IRREGULAR[verb]]
    if verb.endswith("e"):
        return [verb, verb + "s", verb + "d", verb[:-1] + "ing"]
    if verb.endswith(("s", "sh", "ch", "x")):
        return [verb, verb + "es", verb + "ed", verb + "ing"]
    if verb.endswith("y") and verb[-2] not in "aeiou":
        return [verb, verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"]
    if verb in {"slam", "blast"}:
        return [verb, verb + "s", verb + ("med" if verb == "slam" else "ed"),
                verb + ("ming" if verb == "slam" else "ing")]
    return [verb, verb + "s", verb + "ed", verb + "ing"]


SPEECH_FORMS = {form for verb in SPEECH for form in forms(verb)}
# Forms of the newer verbs that are far more often nouns in political news ("the
# campaign", "a vote", "the tax rate"): left out, they would send many chunks to
# the parser (4% more text) for no statement; "campaigned", "voted" stay.
NOUN_HOMOGRAPHS = {"campaign", "campaigns", "vote", "votes", "rate", "rates", "side", "sides",
                   "present", "presents", "offer"}
FINDING_FORMS = {form for verb in FINDING for form in forms(verb)} - SPEECH_FORMS - \
    NOUN_HOMOGRAPHS
ALL_FORMS = SPEECH_FORMS | FINDING_FORMS | {"according"}

# Verbs whose "to"-infinitive is the content ("urged Congress to act").
XCOMP_CUES = {
    form
    for verb in "urge promise pledge vow threaten call ask demand agree refuse decline "
    "plan vow warn encourage want seek intend hope decide offer vote".split()
    for form in forms(verb)
}

# Verbs of wanting and trying: in a relative clause ("donors who want to ...",
# "studies that seek to ...") they describe the noun, nobody states anything.
INTENT_FORMS = {form for verb in ("want", "seek", "hope", "intend", "plan", "wish", "try")
                for form in forms(verb)}

# Nouns that introduce a that-clause or a quote ("his claim that", "her remarks").
NOUN_CUES = {
    "remarks", "remark", "claim", "claims", "statement", "statements", "comments",
    "assertion", "argument", "warning", "promise", "pledge", "insistence", "view",
    "optimism", "hope", "belief", "suggestion", "accusation", "allegation",
    # (issue 10) more nouns of saying and believing that take a clause or an infinitive.
    "promises", "pledges", "warnings", "assertions", "arguments", "suggestions", "accusations",
    "allegations", "beliefs", "hopes", "views", "message", "charge", "charges", "concern",
    "concerns", "demand", "demands", "vow", "vows", "threat", "threats", "acknowledgment",
    "acknowledgement", "admission", "contention", "prediction", "predictions", "assessment",
    "conclusion", "theory", "fear", "fears", "worry", "worries", "doubts", "assurance",
    "assurances", "denial", "complaint", "complaints", "determination", "emphasis",
    "insinuation", "implication", "proposal", "announcement",
}

# Adjectives of a stance and the prepositions that open what it is about:
# "has been critical of the plan", "were coy about whether ...".
ADJECTIVE_CUES = {
    "critical": {"of"}, "worried": {"about"}, "concerned": {"about"},
    "passionate": {"about"}, "coy": {"about"}, "vague": {"about"},
    "skeptical": {"of", "about"}, "sceptical": {"of", "about"}, "supportive": {"of"},
    "wary": {"of"}, "optimistic": {"about"}, "pessimistic": {"about"},
    "angry": {"about", "over", "at"}, "furious": {"about", "over", "at"},
    "upset": {"about", "over", "with"}, "frustrated": {"with", "about", "by"},
    "bearish": {"on"}, "bullish": {"on"},
}

# Nouns of a stance whose preposition opens what it is about, when a light
# verb carries them: "expressed misgivings about", "made the case for".
NOUN_PREP_CUES = {
    "outrage", "misgivings", "reservations", "support", "opposition", "condemnation",
    "criticism", "questions", "call", "skepticism", "frustration", "praise",
    "doubts", "concern", "concerns", "worries", "fears", "hopes", "views", "thoughts",
}
NOUN_PREPOSITIONS = {"about", "over", "of", "for", "on", "against", "behind"}

# "made clear that ...", "has made it plain that ...": a statement by idiom.
PLAIN_WORDS = {"clear", "plain"}
MAKE_FORMS = set(forms("make")) | {"made"}

# Every word that can make a chunk worth parsing.
CUE_WORDS = ALL_FORMS | NOUN_CUES | set(ADJECTIVE_CUES) | NOUN_PREP_CUES | PLAIN_WORDS

# Words that make a speaker an outlet rather than a person or an organisation.
OUTLET_WORDS = {
    "news", "post", "times", "journal", "tass", "ria", "novosti", "interfax", "reuters",
    "bloomberg", "ap", "afp", "associated", "press", "cnn", "fox", "nbc", "abc", "cbs",
    "msnbc", "bbc", "politico", "axios", "guardian", "telegraph", "magazine", "newspaper",
    "agency", "tribune", "herald", "gazette", "daily", "izvestia", "kommersant", "point",
    "sputnik", "rt", "breitbart", "npr", "pbs", "newsweek", "examiner", "hill", "globe",
    "wire", "network", "television", "radio", "tv", "channel", "outlet", "outlets",
    "xinhua", "kyodo", "yonhap", "anadolu", "dpa", "efe", "ansa",
}
# Platforms and companies the small model often takes for people ("Twitter
# said"): organisations, never a Person nor a he/she antecedent.
PLATFORMS = {"twitter", "facebook", "google", "youtube", "instagram", "tiktok", "microsoft",
             "amazon", "reddit", "telegram", "whatsapp", "wikileaks"}
# Heads of an apposition that say what a name is ("Xinhua, the official news
# agency,", "Northwind, the ferry company,"): not a person.
BODY_HEADS = {"company", "firm", "group", "agency", "organization", "organisation", "platform",
              "service", "site", "website", "party", "union", "network", "newspaper", "paper",
              "broadcaster", "publisher", "channel", "outlet", "institute", "foundation",
              "committee", "council", "association", "coalition", "campaign", "bank", "fund"}

# Things, not speakers: "Reports indicate that ...", "A statement from the
# ministry said ...". The issuer ("from the ministry", "Trump's tweet") speaks;
# without one there is no speaker.
DOCUMENT_HEADS = {
    "report", "reports", "statement", "statements", "tweet", "tweets", "memo", "memos",
    "document", "documents", "letter", "letters", "post", "posts", "message", "release",
    "filing", "filings", "records", "headline", "headlines", "footage", "video", "brief",
    "briefs",
}
# Documents a name before them filed with or keeps, not wrote: "FEC filings show".
HELD_DOCUMENTS = {"records", "filings", "filing", "documents", "data"}
# Verbs that put a document out: "Trump issued a statement saying ...": he speaks.
ISSUING_FORMS = {form for verb in ("issue", "release", "publish", "post", "file", "circulate",
                                   "distribute", "deliver", "tweet", "put", "send", "write",
                                   "run", "submit", "pen")
                 for form in forms(verb)}
# Occasions, not speakers: "At a news conference, ..." parsed as the subject.
SPEAKING_EVENTS = {
    "conference", "briefing", "meeting", "summit", "forum", "rally", "hearing", "session",
    "gathering", "event", "speech", "interview",
}
# Where and to whom someone speaks, not an outlet: "told a news conference in Moscow".
EVENT_WORDS = SPEAKING_EVENTS | {
    "crowd", "audience", "reporters", "journalists", "press", "committee", "parliament",
    "congress", "assembly", "council", "students", "supporters",
}
# "The Journal reported that the firm ..., noting ...": what an outlet reports
# another says.
REPORT_FORMS = set(forms("report"))
# Verbs of finding that are acts of speech too: "..., citing the risk".
CITING_FORMS = {form for verb in ("cite", "point", "highlight", "reference")
                for form in forms(verb)}
# Participles that say what a statement is about, not what was said:
# "said, referring to the two Presidents", "Asked about the sanctions, ...".
ABOUT_PARTICIPLES = {"referring", "speaking", "talking", "asked", "commenting", "writing"}

ANONYMOUS_HEADS = {"official", "officials", "source", "sources", "aide", "aides",
                   "person", "people", "insider", "insiders", "diplomat", "diplomats"}

# "declined to reveal", "refused to say": the verb after them reports nothing.
DECLINE_FORMS = {form for verb in ("decline", "refuse", "fail") for form in forms(verb)}
# Verbs whose object noun carries the statement: "expressed optimism that".
LIGHT_VERB_FORMS = {
    form for verb in ("express", "voice", "make", "issue", "offer", "repeat", "reiterate",
                      "give", "release", "share", "convey", "raise", "sound", "throw", "have")
    for form in forms(verb)
} | {"made", "gave", "given", "has", "had", "threw", "thrown"}
CALL_FORMS = set(forms("call"))
# Nouns of what someone does or chooses: "his best response was to say",
# "the ministry's decision to announce": their owner is the one speaking.
MOVE_NOUNS = {"response", "reaction", "answer", "decision", "choice", "move", "way", "effort",
              "attempt", "plan", "strategy", "approach", "instinct", "tactic", "goal", "aim"}
# Verbs whose object does what the infinitive after it says: "allowed her to
# declare", "pressed Lund to admit".
CONTROL_FORMS = {form for verb in ("allow", "let", "press", "pressure", "push", "force",
                                   "prompt", "lead", "get", "invite", "challenge", "ask")
                 for form in forms(verb)} | {"led", "got"}
# Verbs whose object is the listener, not what was said ("told reporters", "briefed RIA").
LISTENER_FORMS = {form for verb in ("tell", "brief", "inform", "assure", "remind", "warn", "ask",
                                    "answer")
                  for form in forms(verb)}

# Verbs whose direct object is what was said ("announced his candidacy").
OBJECT_CUES = {
    form
    for verb in "announce report note cite deny confirm mention claim predict promise pledge "
    "demand reveal disclose estimate acknowledge admit propose recommend allege endorse "
    "support oppose blame denounce decry highlight discuss criticize criticise praise call "
    "describe attack accuse dismiss defend mock tweet expect want seek explain slam blast "
    "thank congratulate reject condemn question fault credit cite liken outline detail "
    "dub label brand term lambaste assail bash chastise ridicule deride admire "
    "tout suggest repeat reiterate recall recount signal "
    "compare link publish promote dispute compliment bemoan offer present "
    "characterize characterise hail portray rate show "
    "prefer request embrace imply reference "
    "lament concede hammer declare proclaim threaten vow".split()
    for form in forms(verb)
}

# Verbs that pin words on someone or cite them ("branded the plan a “farce”",
# "referenced “deep concerns”"): a quote they govern in the parse is their
# subject's words, with no verb of saying. ("cite" left out: "cited a “Town
# Hall” forum" names things.)
LABEL_FORMS = {form for verb in ("brand", "dub", "label", "term", "reference", "hail",
                                 "deride", "ridicule", "compare", "liken")
               for form in forms(verb)}

# "Polls show a close race" reports; "dresses that showed cleavage" does not:
# these report their object only as the sentence's main verb.
MAIN_VERB_ONLY = set(forms("show"))

# Verbs whose content is the object of a preposition ("talked about the wall").
PREP_CUES = {
    (form, prep)
    for verb, prep in (("talk", "about"), ("speak", "about"), ("refer", "to"), ("point", "to"),
                       ("call", "for"), ("call", "on"), ("talk", "of"), ("speak", "of"),
                       ("hope", "for"), ("warn", "of"), ("warn", "about"), ("warn", "against"),
                       ("complain", "about"), ("comment", "on"), ("report", "on"),
                       ("argue", "for"), ("argue", "against"), ("push", "for"),
                       ("advocate", "for"), ("worry", "about"), ("boast", "about"),
                       ("joke", "about"), ("testify", "about"), ("write", "about"),
                       # (issue 10) stances taken on a thing: "railed against the tax".
                       ("rail", "against"), ("decide", "against"), ("vote", "against"),
                       ("vote", "for"), ("agree", "with"), ("agree", "on"),
                       ("disagree", "with"), ("brag", "about"), ("apologize", "for"),
                       ("bristle", "at"), ("campaign", "for"), ("campaign", "against"),
                       ("plead", "for"), ("side", "with"))
    for form in forms(verb)
}
# Verbs of blame and praise: the object and the reason ("accused him of lying").
REASON_CUES = {
    (form, prep)
    for verb, prep in (("accuse", "of"), ("blame", "for"), ("criticize", "for"),
                       ("criticise", "for"), ("praise", "for"), ("condemn", "for"),
                       ("thank", "for"), ("credit", "with"), ("slam", "for"), ("blast", "for"),
                       ("attack", "for"), ("mock", "for"), ("fault", "for"),
                       ("liken", "to"), ("compare", "to"), ("link", "to"))
    for form in forms(verb)
}
