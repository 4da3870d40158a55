"""Stage 5: cues and content. Every reporting word outside the quotations of a
parsed chunk, its subject (the speaker phrase, resolved by :mod:`.speakers`)
and what it reports (a clause, an object, the sentence around it, ...).
:class:`CueFinder` holds the rules; :class:`~.attribution.Attributor` builds
statements from what it finds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import cues as lex
from .chunks import Chunk, _cue_words, _trim_end
from .speakers import Speaker, Speakers
from .stance import ASSERTS, declined, declined_cue, stance_of, with_opener

# Where a clause the writer adds after a statement begins: ", forcing ...", ", which ...".
TRAILING_ASIDE = re.compile(
    r"[,;—–] (?:\w+ing|which|where|while|whereas|just|even as|although|though|but)\b")
# Penn tags stand in for coarse parts of speech: the attribute ruler that maps
# them costs 8% of the run time and nothing else needs it.
PROPER_TAGS = {"NNP", "NNPS"}
NOUN_TAGS = {"NN", "NNS"}
PRONOUN_TAGS = {"PRP", "PRP$", "WP", "WDT", "DT"}
SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
CLIMB_DEPS = {"advcl", "xcomp", "conj", "pcomp", "relcl", "dep", "ccomp", "prep", "acomp"}
CONTENT_DEPS = {"ccomp"}
# A verb's modifiers between it and what was said: "said on Thursday in a statement".
REST_SKIP_DEPS = {"npadvmod", "advmod", "prep", "agent", "punct", "prt", "tmod"}


@dataclass
class Cue:
    """A reporting word in a chunk and what hangs off it."""

    token: object
    text: str
    speaker: Speaker | None
    content: tuple[int, int] | None = None  # article offsets of what was said
    speech: bool = True
    that: bool = False  # the clause opened with "that": reported speech even if all quoted
    stance: str = ASSERTS  # see .stance: "dismissed claims that X" does not assert X
    # How content and subject were found (features of the confidence model).
    route: str = "clause"
    subject_by: str = "parse"


# Every word a branch of CueFinder._cues can take.
CUE_CANDIDATES = frozenset(lex.CUE_WORDS | {"according", "quoted", "quotes", "quoting", "put",
                                             "puts"})
# Entity types whose name a speaker phrase never cuts.
NAME_ENTITIES = {"ORG", "PERSON", "NORP", "FAC", "GPE"}
# Entity types that never speak ("Labor Day said" is a misparse).
NOT_SPEAKERS = {"DATE", "TIME", "MONEY"}


# Prepositions that open the circumstances of a speaking, not what was said.
OCCASION_PREPS = {"during", "at", "amid", "in", "on", "after", "before", "while", "since",
                  "throughout", "over"}
# Words that open a clause of time, reason or condition ("As Obama appears set to ...").
CLAUSE_MARKS = {"as", "while", "when", "if", "after", "before", "although", "because", "since",
                "though", "whereas", "once", "until"}


# Prepositions whose phrase after a reported object is still what was reported.
OBJECT_PREPS = {"against", "for", "with", "about", "over", "of", "to", "on", "as", "in"}


# Entity types that say when or where: "in 2008", "on Tuesday", "in Ohio".
WHEN_OR_WHERE = {"DATE", "TIME", "GPE", "LOC", "FAC", "EVENT"}


def _dated(prep) -> bool:
    """A phrase that says when or where ("in 2008", "on Tuesday", "in Ohio")."""
    return any(t.ent_type_ in WHEN_OR_WHERE for t in prep.subtree)


# What sets off an aside or a trailing clause: "Lund, the mayor, said", "... — saying".
ASIDE_MARKS = {",", "—", "–"}


def _before_comma(tokens):
    """The tokens (in order) up to the first comma or dash among them."""
    for token in tokens:
        if token.text in ASIDE_MARKS:
            return
        yield token


def _named_after(subject):
    """"Vatican spokesman the Rev. Federico Lombardi told": the parser makes both
    the role and the name subjects of the verb; the name right after the role
    is the one."""
    if subject.tag_ != "NN":
        return subject  # (a plural role names a group: "hopefuls Lund and Holm")
    name = next((c for c in subject.head.children if c.dep_ == subject.dep_
                 and c.left_edge.i == subject.i + 1 and c.ent_type_ == "PERSON"), None)
    return subject if name is None else name


def _joined_subject(verb):
    """"prosecutors charged the officer with murder and Lund fired his chief":
    the parser joins the name to the noun before "and" and gives the second
    verb no subject; the name just before the verb, after "and" or "but", is
    its subject. None when the verb has a subject or no such name."""
    doc = verb.doc
    if any(c.dep_ in SUBJECT_DEPS for c in verb.children) or verb.i < 2:
        return None
    name = doc[verb.i - 1]
    if name.ent_type_ != "PERSON" or name.dep_ != "conj" or name.head.i > verb.i:
        return None
    start = next((e.start for e in doc.ents if e.start <= name.i < e.end), name.i)
    return name if start > 0 and doc[start - 1].lower_ in {"and", "but"} else None


def _outer_speaker(verb):
    """"Lund rejected the idea that the plant would close, saying ...": a
    participle after a comma or dash that the parser hangs on the reported
    clause is said by whoever reported it (the subject of the verb of saying
    just above that clause), not by the clause's own subject; or None."""
    doc = verb.doc
    if verb.tag_ != "VBG" or verb.dep_ != "advcl" or \
            verb.lower_ not in lex.SPEECH_FORMS | lex.CITING_FORMS or \
            verb.i == 0 or doc[verb.i - 1].text not in ASIDE_MARKS:
        return None  # (not "believing", "hoping": the clause's subject believes)
    clause = verb.head
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head  # "said her father has been ... and would do ..., saying"
    if clause.dep_ not in {"ccomp", "acl"} or clause.lower_ in lex.SPEECH_FORMS or \
            not any(c.dep_ in SUBJECT_DEPS for c in clause.children):
        return None  # (nor "..., Lund added, saying": he is saying it)
    node = clause.head
    for _ in range(2):
        if node.tag_.startswith("VB"):
            # The first verb above: one of saying, before what it reports
            # (not "..., calling Trump “...”, Susan said"), said by someone.
            subject = next((c for c in node.children if c.dep_ in SUBJECT_DEPS), None)
            if node.lower_ not in lex.SPEECH_FORMS or node.i > clause.i or subject is None \
                    or subject.lower_ in lex.DOCUMENT_HEADS or node.lower_ in lex.REPORT_FORMS:
                return None  # ("The Journal reported that the firm ..., noting": the firm)
            return subject
        node = node.head  # "rejected the idea that ...": through the noun
    return None


def body_named(token) -> str | None:
    """What an apposition says a name is, when that is a body, not a person
    ("Xinhua, the official news agency," -> "agency")."""
    return next((c.lower_ for c in token.children if c.dep_ == "appos"
                 and c.lower_ in lex.BODY_HEADS | lex.OUTLET_WORDS), None)


def model_slip(ent) -> bool:
    """A PERSON entity that is an outlet or a platform alone ("Politico said",
    "Twitter said"): the small model's slip."""
    return len(ent) == 1 and ent.text.lower() in lex.OUTLET_WORDS | lex.PLATFORMS


def _name_part(ent, head) -> str:
    """The name in a PERSON entity up to its head, cut before a verb or pronoun
    the small model swept into it from a Title Case headline ("Trump Says He
    Never ...", "Maria Hinojosa Explained Why ...")."""
    end = next((t.i for t in ent if t.i > head.i and (
        t.tag_.startswith("VB") or t.tag_ in {"PRP", "PRP$", "WRB", "WP"})), ent.end)
    return ent.doc[ent.start : end].text


def named_body(ent) -> bool:
    """A PERSON entity that is no person: a slip, or a name an apposition calls
    a body. Never a speaker's name nor a he/she antecedent."""
    return model_slip(ent) or body_named(ent.root) is not None


class CueFinder:
    """The rules of stage 5 over one article's parsed chunks."""

    def __init__(self, text: str, speakers: Speakers):
        self.text = text
        self.speakers = speakers
        self.that = False  # set by _content: the clause it found opened with "that"

    @staticmethod
    def _in_quote(chunk: Chunk, offset: int) -> bool:
        return chunk.in_quote(offset)

    def _phrase(self, chunk: Chunk, head) -> tuple[str, int, int]:
        """The subject phrase of ``head``: its subtree, cut at commas and clauses."""
        doc = head.doc
        left = head.i
        for tok in reversed(list(head.lefts)):
            if tok.dep_ in {"punct", "cc"} or tok.text in {",", "—", "–"}:
                break
            left = min(left, tok.left_edge.i)
        right = head.i
        for tok in head.rights:
            # A group is kept as written, whole: "developers and supporters in
            # Congress", "a report released last year"; clauses and asides are not.
            if tok.dep_ in {"relcl", "appos", "punct", "advmod"}:
                break
            # "Trump on Friday said": the day is not the speaker (a day in a
            # clause after a comma does not count: "Executives for Mondelez,
            # which earned $30 billion last year, say").
            if tok.dep_ in {"prep", "npadvmod"} and any(
                    t.ent_type_ in {"DATE", "TIME"} for t in _before_comma(tok.subtree)):
                break
            if tok.dep_ == "conj" and (tok.tag_.startswith("VB") or tok.tag_ == "MD"):
                break  # "Lund spoke and said": a second verb, not a second speaker
            if tok.dep_ == "acl" and tok.tag_ != "VBN":
                break
            right = max(right, tok.right_edge.i)
        # Stop at the first comma or dash inside what was taken.
        for i in range(head.i + 1, right + 1):
            if doc[i].text in {",", "—", "–", "(", ";"}:
                right = i - 1
                break
        # A name is whole: "the event organizer Alliance to Reclaim Our Schools".
        if head.ent_type_ in NAME_ENTITIES and head.ent_iob_ != "O":
            name = next((e for e in doc.ents if e.start <= head.i < e.end), None)
            extra = doc[right + 1 : name.end] if name is not None else ()
            # (Not a headline the model took for a name: "Lund Promises Action On ...".)
            if extra and len(extra) <= 5 and not any(
                    t.is_punct or t.tag_ in {"VBD", "VBZ", "VBP", "VBN", "MD"} for t in extra):
                right = name.end - 1
        span = doc[left : right + 1]
        while len(span) > 1 and (span[-1].is_punct or span[-1].dep_ == "cc"):
            span = span[:-1]  # "His campaign and": the conjunct was cut off
        start = chunk.start + span.start_char
        return span.text, start, start + len(span.text)

    def _speaker(self, chunk: Chunk, head) -> Speaker | None:
        if head is None:
            return None
        if head.lower_ in {"who", "which"} and head.head.dep_ != "relcl" and head.i > 0 and \
                head.doc[head.i - 1].tag_ in PROPER_TAGS | NOUN_TAGS:
            # "they turned to the police department which reported ...", the clause
            # parsed as the sentence's: the noun just before is the one.
            head = head.doc[head.i - 1]
        elif head.lower_ in {"who", "which", "that"} and head.head.head is not head.head and (
                head.lower_ != "that" or head.head.dep_ == "relcl"):
            # "Peskov, who ..., said": the relative clause's noun is the speaker,
            # and the name of "McConnell, now the majority leader, who said"; also
            # through a second relative clause ("Cruz, who threatened ..., and who
            # has been hoping to ...").
            verb = head.head
            while verb.dep_ == "conj" and verb.head.i != verb.i:
                verb = verb.head
            head = verb.head if verb.dep_ == "relcl" else head.head.head
            if head.dep_ == "appos" and head.head.tag_ in PROPER_TAGS:
                head = head.head
        if self._in_quote(chunk, chunk.start + head.idx):
            return None  # the parser took quoted words for the subject
        if head.ent_type_ in NOT_SPEAKERS:
            return None  # "Labor Day said": a parse error, not who spoke
        event = head.lower_ in lex.SPEAKING_EVENTS and head.tag_ in NOUN_TAGS
        document = (head.lower_ in lex.DOCUMENT_HEADS or event) and head.tag_ in NOUN_TAGS
        if document:
            # "A statement from the ministry said": the ministry speaks.
            issuer = next((c for c in head.children if c.dep_ == "poss"), None)
            if issuer is None:
                # "the IMF report", "a White House statement": the name issued it.
                # (Not "FEC filings", "F.A.A. records": filed with, or kept by, the name.)
                issuer = next((c for c in head.children if c.dep_ == "compound"
                               and c.tag_ in PROPER_TAGS), None) \
                    if head.lower_ not in lex.HELD_DOCUMENTS else None
            for prep in head.children:
                if issuer is None and prep.dep_ == "prep" and prep.lower_ in {"from", "by", "of"}:
                    issuer = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if issuer is None and head.dep_ == "dobj" and head.head.lower_ in lex.ISSUING_FORMS:
                # "Trump issued a statement saying ...": who put it out speaks.
                issuer = next((c for c in head.head.children if c.dep_ in SUBJECT_DEPS), None)
            if issuer is not None and issuer.lower_ not in lex.DOCUMENT_HEADS:
                return self._speaker(chunk, issuer)
            if event or head.tag_ == "NNS" and not any(
                    c.dep_ in {"det", "amod", "compound", "nummod"} for c in head.children):
                # "Reports indicate that ...": hearsay, nobody said it; "a news
                # conference" as a subject: the parser lost who spoke there.
                return None
        mention, _, _ = self._phrase(chunk, head)
        person = None
        body = body_named(head)  # "Xinhua, the official news agency,"
        for ent in head.doc.ents:
            if ent.label_ == "PERSON" and ent.start <= head.i < ent.end and body is None \
                    and not model_slip(ent):
                person = _name_part(ent, head)
        if person is None:
            # "Her campaign manager, Jane Roe, said": the apposition names her;
            # "an academic named Eric Kingson": so does the participle.
            for child in head.children:
                named = child.dep_ == "acl" and child.lower_ in {"named", "called"}
                if named:
                    child = next((c for c in child.children if c.dep_ in {"oprd", "dobj", "attr"}
                                  and c.ent_type_ == "PERSON"), child)
                if (child.dep_ == "appos" or named) and child.ent_type_ == "PERSON":
                    ent = next(e for e in head.doc.ents if e.start <= child.i < e.end)
                    person = ent.text
                    if not named:
                        mention = f"{mention}, {ent.text}"
        if person is None and head.tag_ in NOUN_TAGS:
            # "The director of the European Centre, Ina Kirsch, said": the parser
            # hangs the name on the last noun of the phrase, and the comma after
            # it on the subject; the name is the subject's.
            ent = self._trailing_name(head)
            if ent is not None:
                person, mention = ent.text, f"{mention}, {ent.text}"
        speaker = self.speakers.resolve_phrase(
            mention, person, head.text, head.tag_, head.tag_ in PROPER_TAGS,
            offset=chunk.start + head.idx,
        )
        if speaker is not None and person is None and speaker.type == "person" and (
                body is not None or head.lower_ in lex.PLATFORMS | lex.OUTLET_WORDS):
            kind = "outlet" if (body or head.lower_) in lex.OUTLET_WORDS else "organization"
            speaker = Speaker(speaker.name, speaker.mention, kind, speaker.confidence,
                              how=speaker.how)
        if document and speaker is not None and person is None:
            # "the report says": kept as written, never a person (nor a he/she antecedent).
            speaker = Speaker(speaker.name, speaker.mention, "document", speaker.confidence,
                              how=speaker.how)
        return speaker

    @staticmethod
    def _trailing_name(head):
        """The PERSON entity in apposition to a noun of ``head``'s prepositional
        phrase that the comma closing ``head``'s aside follows ("The director of
        the European Centre, Ina Kirsch, said"), or None."""
        doc = head.doc
        for prep in head.children:
            if prep.dep_ != "prep":
                continue
            for word in prep.subtree:
                if word.dep_ != "appos" or word.ent_type_ != "PERSON":
                    continue
                ent = next(e for e in doc.ents if e.start <= word.i < e.end)
                closing = doc[ent.end] if ent.end < len(doc) else None
                if closing is not None and closing.text == "," and closing.head.i == head.i:
                    return ent
        return None

    def _subject(self, chunk: Chunk, verb):
        """The subject of a reporting verb, climbing from participles and clauses.

        Subjects inside quotation marks are the parser's mistakes, not speakers."""
        before = verb.doc[verb.i - 1] if verb.i > 0 else None
        if verb.tag_ == "VBG" and before is not None and before.tag_ in PROPER_TAGS and \
                before.dep_ in {"pobj", "dobj"}:
            return before  # "footage of Jane Roe saying, “...”": she says it
        if verb.dep_ == "dep" and before is not None and before.tag_ in {"NNS", "NNPS"} and \
                not any(c.dep_ in SUBJECT_DEPS for c in verb.children):
            return before  # "the $20 million experts say it costs": a clause on the noun
        stranded = self._stranded_name(verb)
        if stranded is not None:
            return stranded
        outer = _outer_speaker(verb)
        if outer is not None:
            return outer
        node = verb
        for _ in range(4):
            for child in node.children:
                quoted = self._in_quote(chunk, chunk.start + child.idx)
                if child.dep_ in SUBJECT_DEPS and not quoted:
                    return self._agent(child) if node is not verb else _named_after(child)
            if node.dep_ == "xcomp" and node.head.lower_ in lex.CONTROL_FORMS and any(
                    a.dep_ == "aux" and a.lower_ == "to" for a in node.children):
                # "allowed her to declare", "pressed Lund to admit": the object does it.
                obj = next((c for c in node.head.children if c.dep_ == "dobj"
                            and c.i < node.i and c.tag_ in PROPER_TAGS | {"PRP"}), None)
                if obj is not None:
                    return obj
            if node.dep_ == "acl" and node.head.tag_ in NOUN_TAGS | PROPER_TAGS:
                return node.head  # "Jane Roe, the lawyer, ..., saying ..."
            if node.dep_ not in CLIMB_DEPS or node.head is node:
                return None
            if node.dep_ == "ccomp" and node.head.lower_ in lex.ALL_FORMS:
                return None  # "Lund said A and Holm said B": not the outer speaker
            if node.dep_ == "conj" and node.tag_.startswith("VB"):
                joined = _joined_subject(node)
                if joined is not None:
                    return joined
            if node.dep_ == "prep" and node.lower_ == "as":
                # "TASS quoted Peskov as saying": the object is the one saying.
                obj = next((c for c in node.head.children if c.dep_ == "dobj"), None)
                if obj is not None:
                    return obj
            node = node.head
        return None

    @staticmethod
    def _agent(subject):
        """The subject of the verb a cue hangs on, as the one speaking: a thing
        of someone's ("his best response was to say", "the ministry's decision
        to announce") is theirs to say."""
        if subject.lower_ not in lex.MOVE_NOUNS or subject.tag_ not in NOUN_TAGS:
            return subject
        owner = next((c for c in subject.children if c.dep_ == "poss"), None)
        return owner if owner is not None else subject

    def _frame_subject(self, chunk: Chunk, verb):
        """“...,” Erik Lund, an adviser, said: when the parser hangs the
        name inside the quotation, the words between the closing mark and the
        verb, up to a comma, name the speaker."""
        at = chunk.start + verb.idx
        closed = chunk.last_closed_before(at)
        if closed is None:
            return None
        frame = [t for t in chunk.tokens_between(closed.close_end, at) if not t.is_space]
        while frame and frame[0].is_punct:
            frame = frame[1:]
        if not frame:
            # “...,” added a Liberal from Bergen: the parser made the name the
            # object, or the subject of a clause after it; the phrase up to a comma.
            phrase = []
            for tok in verb.doc[verb.i + 1 :]:
                if tok.is_punct or tok.tag_.startswith("VB") or tok.tag_ in {"IN", "WP", "WDT"}:
                    break
                phrase.append(tok)
            nouns = [t for t in phrase if t.tag_ in PROPER_TAGS | NOUN_TAGS]
            return nouns[-1] if nouns and len(phrase) <= 6 else None
        if "," in [t.text for t in frame]:
            frame = frame[: [t.text for t in frame].index(",")]
        if not frame or len(frame) > 6 or any(t.tag_.startswith("VB") for t in frame):
            return None
        head = frame[-1]
        return head if head.tag_ in PROPER_TAGS | NOUN_TAGS | {"PRP"} else None

    @staticmethod
    def _stranded_name(verb):
        """"As Obama appears set to veto it, Clinton disagrees": after an opening
        clause the parser hangs the name on that clause (as its object's
        apposition or conjunct) and gives the verb no subject, or the clause
        itself. The person named just before the verb (past adverbs) is the one."""
        subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
        if any(c.dep_ != "csubj" or c.left_edge.lower_ not in CLAUSE_MARKS for c in subjects):
            return None
        doc, i = verb.doc, verb.i - 1
        while i >= 0 and doc[i].dep_ == "advmod":
            i -= 1
        if i < 0 or doc[i].ent_type_ != "PERSON" or doc[i].dep_ not in {"appos", "conj"}:
            return None
        opening = doc[verb.sent.start]
        return doc[i] if opening.lower_ in CLAUSE_MARKS and opening.dep_ == "mark" else None

    def _left_subject(self, chunk: Chunk, verb):
        """"a ministry official who asked not to be named said": when the parser
        gives the verb no subject, the noun just before it, or the noun whose
        relative clause ends just before it."""
        doc = verb.doc
        i = verb.i - 1
        while i >= 0 and doc[i].dep_ == "advmod":
            i -= 1
        if i < 0 or doc[i].is_punct or self._in_quote(chunk, chunk.start + doc[i].idx):
            return None
        node = doc[i]
        for _ in range(6):
            if node.dep_ in {"relcl", "acl"} and node.head.tag_ in PROPER_TAGS | NOUN_TAGS:
                return node.head
            if node.head is node or node.head.i > verb.i:
                break
            node = node.head
        word = doc[i]
        while word.dep_ == "compound" and word.head.i < verb.i:
            word = word.head
        return word if word.tag_ in PROPER_TAGS | NOUN_TAGS else None

    def _content(self, chunk: Chunk, cue) -> tuple[int, int] | None:
        """Article offsets of the clause a cue governs, without "that"."""
        clause = None
        for child in cue.children:
            if child.dep_ in CONTENT_DEPS or (
                child.dep_ in {"acl", "ccomp"} and cue.lower_ in lex.NOUN_CUES
            ):
                clause = child
                if child.i < cue.i and self._fronted(cue, child):
                    continue  # a clause after the cue may still come
                break
            # "voted on Friday to close it": after a modifier the parser may read the
            # infinitive as one of purpose.
            if cue.lower_ in lex.XCOMP_CUES and child.i > cue.i and (
                    child.dep_ == "xcomp" or child.dep_ == "advcl" and child.tag_ == "VB"
                    and cue.lower_ not in lex.CALL_FORMS  # "called her to thank her"
                    and any(a.dep_ == "aux" and a.lower_ == "to" for a in child.children)):
                clause = child
                break
            if child.dep_ == "advcl" and cue.lower_ in lex.CALL_FORMS and any(
                m.dep_ == "mark" and m.lower_ == "for" for m in child.children
            ):
                clause = child
                break
            if child.dep_ == "prep" and (cue.lower_, child.lower_) in lex.PREP_CUES and \
                    not (cue.lower_ in lex.ABOUT_PARTICIPLES and cue.dep_ != "ROOT"):
                tokens = list(child.subtree)[1:]
                # "called on the council to act": the infinitive is the call's too.
                then = next((c for c in cue.children if c.dep_ == "xcomp"
                             and c.left_edge.i == child.right_edge.i + 1), None)
                if then is not None:
                    tokens += list(then.subtree)
                if len(tokens) >= 2:  # "argued for it" says nothing a reader can search
                    s = chunk.start + tokens[0].idx
                    e = chunk.start + tokens[-1].idx + len(tokens[-1])
                    return s, self._sentence_end(chunk, cue, e)
        if clause is None:
            return None
        tokens = [t for t in clause.subtree if t.i != cue.i]
        if not tokens or any(t.i == cue.i for t in clause.subtree):
            return None
        self.that = bool(tokens) and tokens[0].lower_ == "that"
        # Only the complementiser goes: "said that if “...”, we will appeal" keeps
        # its "if" (and is no longer all quotation).
        while tokens and ((tokens[0].dep_ == "mark" and tokens[0].lower_ == "that")
                          or tokens[0].is_punct or (
                # "that" parsed as a pronoun opening the clause is still the complementiser
                # ("said ... that the ferry would run"); as its subject it is a word said.
                tokens[0].lower_ == "that" and tokens[0].dep_ not in SUBJECT_DEPS | {"det"})):
            tokens = tokens[1:]
        while tokens and tokens[-1].is_punct and tokens[-1].text not in {"”", '"', "''"}:
            tokens = tokens[:-1]
        if len(tokens) < 3:
            return None
        if tokens[-1].i < cue.i and any(t.text == ";" for t in cue.doc[tokens[-1].i : cue.i]):
            return None  # "It is unlikely; Lund's team says ...": the first clause is not said
        if tokens[0].i > cue.i:
            tokens = self._more_of_the_clause(cue, tokens)
            # "is demanding Obama make a pledge": the parser made the doer the
            # cue's object and left the bare verb without a subject.
            doer = next((c for c in cue.children if c.dep_ == "dobj"
                         and c.right_edge.i + 1 == tokens[0].i), None)
            if doer is not None and clause.tag_ in {"VB", "VBP"} and clause.dep_ == "ccomp" \
                    and not any(c.dep_ in SUBJECT_DEPS for c in clause.children):
                tokens = list(cue.doc[doer.left_edge.i : tokens[-1].i + 1])
        s = chunk.start + tokens[0].idx
        e = chunk.start + tokens[-1].idx + len(tokens[-1])
        for q in chunk.quotes:
            # A clause that ends inside a quotation ends with it, marks included.
            if s < q.open_at < e <= q.close_end:
                e = q.close_end
        if cue.idx < tokens[0].idx and cue.tag_ not in NOUN_TAGS:
            # A noun's clause is the parser's whole: "Holm's fears that it
            # would be late proved right" ends before the sentence's own verb.
            e = self._sentence_end(chunk, cue, e)
        elif tokens[-1].i < cue.i:
            # "A paid 8 percent, the agency said, and B paid 1 percent": the
            # clause after the cue, joined to it, is more of what was said.
            more = next((c for c in cue.children if c.dep_ == "conj" and c.i > cue.i
                         and c.lower_ not in lex.ALL_FORMS
                         and any(g.dep_ in SUBJECT_DEPS for g in c.children)
                         and cue.doc[c.left_edge.i - 1].lower_ in {"and", "but"}), None)
            if more is not None and not self._in_quote(chunk, chunk.start + more.idx):
                last = more.right_edge
                while last.is_punct and last.i > more.i:
                    last = cue.doc[last.i - 1]
                e = chunk.start + last.idx + len(last)
        return s, e

    @staticmethod
    def _more_of_the_clause(cue, tokens: list) -> list:
        """A clause after its cue that the parser ended too soon: a second clause
        of the cue's own ("said X, but that Y": the "that" says it was said too),
        or one that a dangling preposition runs into ("said they are fine with |
        however it ends", parsed as two clauses of the cue)."""
        doc, last = cue.doc, tokens[-1]
        more = None
        for child in cue.rights:
            if child.left_edge.i <= last.i or child.dep_ in {"punct", "cc"}:
                continue
            opener = doc[child.left_edge.i]
            if child.dep_ == "conj" and opener.dep_ == "mark" and opener.head.i == child.i \
                    and opener.lower_ in {"that", "whether"}:
                more = child
            elif child.dep_ == "ccomp" and child.left_edge.i == last.i + 1 and \
                    last.tag_ == "IN" and not any(True for _ in last.children):
                more = child
            break
        if more is None:
            return tokens
        end = more.right_edge
        while end.is_punct and end.i > more.i:
            end = doc[end.i - 1]
        return list(doc[tokens[0].i : end.i + 1])

    @staticmethod
    def _fronted(cue, clause) -> bool:
        """A clause before its cue that is the writer's setting, not what was said,
        when another clause follows the cue: "While he admitted X, Lund noted
        that Y", "Writing for the paper, Lund noted that Y" (parsed as ccomp)."""
        after = any(c.dep_ in CONTENT_DEPS and c.i > cue.i and c.left_edge.tag_ != "VBG"
                    for c in cue.children)  # ", suggesting ...": an aside, not the clause
        first = clause.left_edge
        setting = first.tag_ in {"VBG", "VBN"} or (
            first.tag_ == "IN" and first.lower_ not in {"that", "if", "whether"})
        return after and (setting or cue.tag_ not in NOUN_TAGS)

    def _sentence_end(self, chunk: Chunk, cue, e: int) -> int:
        """Run a clause that follows its cue on to the end of the sentence, over
        trailing modifiers the parser hung elsewhere ("..., compared to ...")."""
        sentence = cue.sent
        end = chunk.start + sentence.end_char
        rest = self.text[e:end]
        if any(_cue_words(rest)):  # another cue: another statement (quotes may follow)
            return e
        aside = TRAILING_ASIDE.search(rest)
        if aside:  # ", forcing airlines to ...", ", which ...": the writer's aside
            end = e + aside.start()
        return _trim_end(self.text, end, " .,;:!?\n")

    def _parenthetical(self, chunk: Chunk, cue, subject) -> tuple[int, int] | None:
        """"The bridge, Mr. Lund said, would open in the spring": the sentence around
        a cue set off by commas is what was said."""
        if subject is None or cue.lower_ not in lex.SPEECH_FORMS or cue.dep_ == "ROOT" and any(
            c.dep_ in {"dobj", "xcomp", "ccomp"} for c in cue.children
        ):
            return None
        doc, sent = cue.doc, cue.sent
        first = min(subject.left_edge.i, cue.i)
        last = max(t.i for t in cue.subtree if t.i >= cue.i and not t.is_punct) \
            if any(t.i > cue.i for t in cue.subtree) else cue.i
        before = doc[first - 1] if first > sent.start else None
        after = doc[last + 1] if last + 1 < sent.end else None
        if before is None or after is None or before.text != "," or after.text != ",":
            return None
        tokens = [t for t in sent if not t.is_space]
        while tokens and tokens[-1].is_punct:
            tokens = tokens[:-1]
        if len(tokens) < 6 or any(self._in_quote(chunk, chunk.start + t.idx) for t in tokens[:1]):
            return None
        return chunk.start + tokens[0].idx, chunk.start + tokens[-1].idx + len(tokens[-1])

    def _rest(self, chunk: Chunk, cue, subject) -> tuple[int, int] | None:
        """"He said taxing it would drive families away": when the parser
        hangs the clause elsewhere, what follows a verb of saying and its
        modifiers ("on Thursday", "in a statement", "reporters") to the end of
        the sentence is what was said."""
        main = cue.dep_ == "ROOT" or (cue.dep_ == "conj" and cue.head.dep_ == "ROOT")
        if subject is None or cue.lower_ not in lex.SPEECH_FORMS or subject.i > cue.i or not main:
            return None
        doc = cue.doc
        leading = set()
        for child in cue.children:
            if child.i < cue.i:
                continue
            if child.dep_ in {"dobj", "dative"}:
                if cue.lower_ in lex.LISTENER_FORMS or child.tag_ in PROPER_TAGS | PRONOUN_TAGS:
                    leading.update(t.i for t in child.subtree)
            elif child.dep_ in REST_SKIP_DEPS:
                leading.update(t.i for t in child.subtree)
        i, end = cue.i + 1, cue.sent.end
        while i < end and (i in leading or doc[i].lower_ == "that" or doc[i].is_space):
            i += 1
            if doc[i - 1].lower_ == "that" and doc[i - 1].dep_ == "mark":
                break  # "said in a statement that ...": the clause the noun took
        tokens = [t for t in doc[i:end] if not t.is_space]
        for n, tok in enumerate(tokens[1:], 1):
            if tok.tag_ == "VBG" and tok.lower_ in lex.ALL_FORMS and tokens[n - 1].text == ",":
                tokens = tokens[:n]  # ", stating that ...": a statement of its own
                break
        while tokens and tokens[-1].is_punct:
            tokens = tokens[:-1]
        if len(tokens) < 4 or not any(t.tag_.startswith("VB") or t.tag_ == "MD" for t in tokens):
            return None
        if self._in_quote(chunk, chunk.start + tokens[0].idx):
            return None
        self.that = doc[i - 1].lower_ == "that"
        return chunk.start + tokens[0].idx, chunk.start + tokens[-1].idx + len(tokens[-1])

    @staticmethod
    def _shares_subject(cue) -> bool:
        """A verb that takes its subject from the verb it hangs on: conjoined
        ("spoke and criticized the plan"), a participle ("..., citing the cost")
        or an infinitive of purpose ("met on Friday to discuss the bridge")."""
        head = cue.head
        if not head.tag_.startswith("VB"):
            return False
        if cue.dep_ == "conj":
            # Not inside what someone said ("suggested X was waning and mentioned
            # Y" hangs "mentioned" on "waning") nor in a relative clause.
            return head.dep_ not in {"ccomp", "relcl"} and any(
                c.dep_ == "nsubj" for c in head.children)
        if cue.tag_ == "VBG" and cue.dep_ == "advcl":
            return cue.i == cue.sent.start or cue.doc[cue.i - 1].text == ","
        # "asked the mayors to discuss ...": the infinitive's subject is the
        # object, not the speaker; only purpose ("to discuss") and "went on to".
        return cue.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to"
                                        for c in cue.children) and (
            cue.dep_ == "advcl" or cue.dep_ == "xcomp" and head.lower_ in {"go", "goes", "went"})

    def _object(self, chunk: Chunk, cue) -> tuple[int, int] | None:
        """The object of a verb that reports a thing ("announced his candidacy"),
        with its reason for verbs of blame and praise ("accused him of lying")."""
        if cue.lower_ not in lex.OBJECT_CUES or (
                cue.lower_ in lex.MAIN_VERB_ONLY and cue.dep_ != "ROOT"):
            return None
        if not any(c.dep_ == "nsubj" for c in cue.children) and not self._shares_subject(cue):
            return None  # only a verb with a subject: parses of the rest misfire
        obj = next((c for c in cue.children if c.dep_ == "dobj"), None)
        reason = next((c for c in cue.children if c.dep_ == "prep" and c.i > cue.i
                       and (cue.lower_, c.lower_) in lex.REASON_CUES), None)
        if obj is not None and reason is not None:
            last = max(t.i for t in reason.subtree)
            s = chunk.start + obj.left_edge.idx
            e = chunk.start + cue.doc[last].idx + len(cue.doc[last])
            if not self._in_quote(chunk, s):
                return s, self._sentence_end(chunk, cue, e)
        if obj is None or any(c.dep_ == "case" for c in obj.children):
            return None
        tokens = [t for t in obj.subtree]
        # "described the talks as useful", "called the plan a disaster": what they
        # were called belongs to the statement; with it, "called him “unfit”"
        # says something even though "him" alone would not.
        called = False
        for c in cue.rights:
            complement = c.dep_ in {"oprd", "xcomp"} or (c.dep_ == "prep" and c.lower_ == "as")
            if c.i > obj.i and complement:
                tokens = list(cue.doc[tokens[0].i : c.right_edge.i + 1])
                called = True
                # "slammed Clinton as a “disgrace” Wednesday on ...": what they
                # were called ends with the quotation; the rest is when and where.
                last = chunk.start + tokens[-1].idx
                quoted = [q for q in chunk.quotes if chunk.start + c.idx < q.open_at <= last]
                if quoted and quoted[-1].close_end <= last:
                    end = quoted[-1].close_end
                    rest = [t for t in tokens if chunk.start + t.idx >= end]
                    when = rest[0].is_punct or rest[0].ent_type_ in {"DATE", "TIME"} or (
                        rest[0].dep_ == "prep" and rest[0].lower_ in OCCASION_PREPS)
                    if when and not any(t.tag_.startswith("VB") or t.tag_ == "MD" for t in rest):
                        tokens = [t for t in tokens if chunk.start + t.idx < end]
                break
        if obj.tag_ in PRONOUN_TAGS and not called:
            return None
        # "mentioned refinancing loans and forcing universities to ...": a gerund
        # hung on a finite verb as its conjunct is a second object, not an action.
        gerund = next((c for c in cue.rights if c.dep_ == "conj" and c.tag_ == "VBG"
                       and cue.tag_ != "VBG" and c.i > tokens[-1].i
                       and not any(g.dep_ in SUBJECT_DEPS for g in c.children)), None)
        if gerund is not None and not called:
            tokens = list(cue.doc[tokens[0].i : gerund.right_edge.i + 1])
        while tokens and (tokens[-1].is_punct or tokens[-1].dep_ == "cc"):
            tokens = tokens[:-1]
        # "defended the group against attacks from ...": a phrase of the verb's
        # right after its object says what the report was about.
        after = tokens[-1].i + 1 if tokens else 0
        more = next((c for c in cue.rights if c.dep_ == "prep" and c.i == after and not called
                     and c.lower_ in OBJECT_PREPS and not _dated(c)), None)
        if more is not None:
            tokens = list(cue.doc[tokens[0].i : more.right_edge.i + 1])
        if len(tokens) < 2:
            return None  # "praised Obama": a name alone says nothing a reader can search
        after = tokens[-1].i + 1
        if after < len(cue.doc) and cue.doc[after].is_sent_start and \
                cue.doc[after].tag_ in PROPER_TAGS | NOUN_TAGS | PRONOUN_TAGS:
            # "mentioned disparaging remarks | Trump had made about her": the parser
            # started a sentence where a relative clause without "that" goes on.
            rest = [t for t in cue.doc[after].sent if not t.is_space]
            while rest and rest[-1].is_punct:
                rest = rest[:-1]
            tokens += rest
        s = chunk.start + tokens[0].idx
        e = chunk.start + tokens[-1].idx + len(tokens[-1])
        if self._in_quote(chunk, s):
            return None
        for q in chunk.quotes:
            if s < q.open_at < e <= q.close_end:
                e = q.close_end  # a quotation it ends in ends with it, marks included
        # What was reported ends with the object: what follows in the sentence is
        # the writer's ("endorsed the campaign, the latest chapter in ...",
        # "condemned the launch as Pyongyang fired three more").
        return s, e

    # --- cues ----------------------------------------------------------------------

    def _cues(self, chunk: Chunk) -> list[Cue]:
        doc = chunk.doc
        found = []
        for tok in doc:
            low = tok.lower_
            if low not in CUE_CANDIDATES or self._in_quote(chunk, chunk.start + tok.idx):
                continue  # most words: none of the branches below takes them
            if low == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
                obj = next((c for c in doc[tok.i + 1].children if c.dep_ == "pobj"), None)
                speaker = self._speaker(chunk, obj) if obj is not None else None
                found.append(Cue(tok, "according to", speaker, self._according_content(chunk, tok),
                                 route="according"))
                continue
            if (low in lex.NOUN_CUES or low in lex.NOUN_PREP_CUES) and tok.tag_ in NOUN_TAGS:
                owner = next((c for c in tok.children if c.dep_ == "poss"), None)
                if owner is None and tok.i >= 2 and doc[tok.i - 1].dep_ == "case":
                    owner = doc[tok.i - 2]  # "Lund ’s remarks" parsed as two objects
                content = self._content(chunk, tok) if low in lex.NOUN_CUES else None
                light = tok.head.lower_ in lex.LIGHT_VERB_FORMS and tok.dep_ == "dobj"
                if content is None and light:
                    content = self._noun_object(chunk, tok)
                if content and (owner is not None or light):
                    head = owner
                    if owner is None or light and owner.lower_ in {"its", "their"}:
                        head = self._subject(chunk, tok.head)  # "threw its support behind"
                    speaker = self._speaker(chunk, head)
                    found.append(Cue(tok, tok.text, speaker, content, speech=False, route="noun"))
                continue
            if low in lex.ADJECTIVE_CUES and tok.tag_ in {"JJ", "VBN"}:
                cue = self._adjective(chunk, tok)
                if cue is not None:
                    found.append(cue)
                    continue
            if low in lex.PLAIN_WORDS and tok.head.lower_ in lex.MAKE_FORMS:
                cue = self._made_clear(chunk, tok)
                if cue is not None:
                    found.append(cue)
                    continue
            if low in {"put", "puts"} and tok.tag_.startswith("VB"):
                cue = self._as_put_it(chunk, tok)
                if cue is not None:
                    found.append(cue)
                    continue
            if low in {"quoted", "quotes", "quoting"} and tok.tag_.startswith("VB"):
                obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
                if obj is not None:
                    found.append(Cue(tok, "quoted ... as saying", self._speaker(chunk, obj),
                                     route="quoted"))
                    continue
            if low not in lex.ALL_FORMS or not tok.tag_.startswith("VB"):
                continue
            if low.startswith("conclud") and any(c.dep_ == "prep" and c.lower_ == "with"
                                                 for c in tok.children):
                continue  # "The ad concludes with footage of ...": it ends, it says nothing
            refused = declined(tok)
            if refused and low not in lex.SPEECH_FORMS:
                continue  # "did not plan to", "declined to endorse": no statement made
            if tok.dep_ == "amod" or (tok.tag_ == "VBN" and tok.dep_ == "acl"):
                continue  # "the said treaty", "a widely reported deal"
            if tok.dep_ in {"relcl", "acl"} and low in lex.INTENT_FORMS:
                continue  # "a game in which companies seek to ...": a description
            subject = self._subject(chunk, tok)
            if subject is not None and subject.dep_ == "nsubjpass":
                passive = self._passive(chunk, tok, subject)
                if passive is not None:
                    found.append(passive)
                continue
            # "“...,” Sanders said, suggesting ...": a participle or an infinitive
            # under a verb of saying whose subject the parser lost takes the
            # subject of the frame around that verb.
            frames = [a for a in [tok, *list(tok.ancestors)[:3]]
                      if a.lower_ in lex.SPEECH_FORMS and a.tag_.startswith("VB")]
            if subject is None and frames:
                subject_by = "frame"
                for said in frames:
                    subject = self._frame_subject(chunk, said)
                    if subject is None:
                        subject, subject_by = self._left_subject(chunk, said), "left"
                    if subject is not None:
                        break
            else:
                subject_by = "parse"
            speaker = self._speaker(chunk, subject)
            text = tok.text
            aux = [c.text for c in tok.children if c.dep_ in {"aux"} and c.i == tok.i - 1]
            if aux:
                text = f"{aux[0]} {text}"
            particle = [c for c in tok.children if c.dep_ in {"prt"} or (
                c.dep_ == "prep" and c.i == tok.i + 1 and low.startswith("call"))]
            if particle:
                text = f"{text} {particle[0].text}"
            self.that = False
            route = "clause"
            if refused:
                # "would not confirm that X", "declined to say whether X": X is
                # recorded as declined, never as said; without a clause, nothing.
                content = self._content(chunk, tok)
                if content is None:
                    continue
                text = declined_cue(tok)
            else:
                content = self._content(chunk, tok)
                if content is None:
                    content, route = self._object(chunk, tok), "object"
                if content is None:
                    content, route = self._parenthetical(chunk, tok, subject), "aside"
                if content is None:
                    content, route = self._rest(chunk, tok, subject), "rest"
            if low == "asked" and tok.tag_ == "VBN" and tok.i == tok.sent.start:
                # "Asked to describe the device, Lund said ...": what was put to
                # him, not what he said; the cue still serves his quote.
                content = None
            stance = stance_of(tok)
            if content is not None and stance != ASSERTS:
                content = (with_opener(self.text, content[0]), content[1])
            found.append(Cue(tok, text, speaker, content, speech=low in lex.SPEECH_FORMS,
                             that=self.that, stance=stance, route=route,
                             subject_by=subject_by if subject is not None else "none"))
        return found

    def _as_put_it(self, chunk: Chunk, put) -> Cue | None:
        """"As Lund put it, the ferry is “a lifeline”": a verb of saying by idiom,
        for the quotes of its sentence. (Its sentence as a claim too measured
        -0.0005 on dev claims: the quotes gain, the claims do not.)"""
        if not any(c.dep_ == "dobj" and c.lower_ == "it" for c in put.children) or not any(
                c.dep_ == "mark" and c.lower_ == "as" for c in put.children):
            return None
        subject = next((c for c in put.children if c.dep_ in SUBJECT_DEPS), None)
        if subject is None:
            return None
        return Cue(put, "put it", self._speaker(chunk, subject), None, route="aside")

    def _noun_object(self, chunk: Chunk, noun) -> tuple[int, int] | None:
        """"expressed misgivings about the plan", "made the case for Lund": what
        the preposition of a noun of a stance opens, when a light verb carries it."""
        # The parser may hang the preposition on the verb: "made the case | for X".
        after = [c for c in noun.children] + [c for c in noun.head.children
                                              if c.i == noun.right_edge.i + 1]
        prep = next((c for c in after if c.dep_ == "prep"
                     and c.lower_ in lex.NOUN_PREPOSITIONS), None)
        tokens = list(prep.subtree)[1:] if prep is not None else []
        if len(tokens) < 2 or self._in_quote(chunk, chunk.start + tokens[0].idx):
            return None
        return chunk.start + tokens[0].idx, chunk.start + tokens[-1].idx + len(tokens[-1])

    def _adjective(self, chunk: Chunk, word) -> Cue | None:
        """"Holm has been critical of the toll plan": an adjective of a stance, its
        subject's, and what its preposition opens."""
        prep = next((c for c in word.children if c.dep_ == "prep"
                     and c.lower_ in lex.ADJECTIVE_CUES[word.lower_]), None)
        tokens = list(prep.subtree)[1:] if prep is not None else []
        if len(tokens) < 2 or self._in_quote(chunk, chunk.start + tokens[0].idx):
            return None
        subject = self._subject(chunk, word)
        if subject is None or subject.dep_ == "nsubjpass":
            return None
        s = chunk.start + tokens[0].idx
        e = chunk.start + tokens[-1].idx + len(tokens[-1])
        return Cue(word, f"{word.text} {prep.text}", self._speaker(chunk, subject), (s, e),
                   speech=False, route="object")

    def _made_clear(self, chunk: Chunk, clear) -> Cue | None:
        """"Lund made clear on Tuesday that the ferry stays", "made it plain that
        ...": the "that" clause after the idiom is what was said, by the subject
        of "made"."""
        made = clear.head
        if declined(made) or made.head.lower_ in lex.DECLINE_FORMS:
            return None  # "did not make clear", "failing to make clear": nothing was said
        clause = next((c for c in [*clear.children, *made.children]
                       if c.i > clear.i and c.dep_ in {"ccomp", "advcl"}
                       and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)),
                      None)
        subject = self._subject(chunk, made)
        if clause is None or subject is None or subject.dep_ == "nsubjpass":
            return None
        tokens = [t for t in clause.subtree if not (t.dep_ == "mark" and t.head == clause)]
        while tokens and tokens[-1].is_punct:
            tokens = tokens[:-1]
        if len(tokens) < 2 or self._in_quote(chunk, chunk.start + tokens[0].idx):
            return None
        start = chunk.start + tokens[0].idx
        end = chunk.start + tokens[-1].idx + len(tokens[-1])
        text = clear.doc[made.i : clear.i + 1].text
        return Cue(clear, text, self._speaker(chunk, subject), (start, end), that=True)

    def _passive(self, chunk: Chunk, verb, subject) -> Cue | None:
        """"The plan was first reported by the Post", "Lund was endorsed by the
        union": the agent speaks and the passive subject is what it reported
        (with what it was called: "Lund has been called a charlatan by ...")."""
        if verb.lower_ not in lex.OBJECT_CUES or verb.dep_ != "ROOT" \
                or subject.tag_ in PRONOUN_TAGS or subject.i > verb.i:
            return None
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        by = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
        if by is None or self._in_quote(chunk, chunk.start + subject.left_edge.idx):
            return None
        tokens = [t for t in subject.subtree if t.i < verb.i]
        called = next((c for c in verb.children if c.dep_ in {"oprd", "xcomp"} and c.i < by.i),
                      None)
        last = called.right_edge if called is not None else tokens[-1]
        while tokens and tokens[0].is_punct:
            tokens = tokens[1:]
        if not tokens:
            return None
        s = chunk.start + tokens[0].idx
        e = _trim_end(self.text, chunk.start + last.idx + len(last), " ,;:—–-")
        return Cue(verb, f"{verb.text} by", self._speaker(chunk, by), (s, e), speech=False,
                   route="object", subject_by="agent")

    def _according_content(self, chunk: Chunk, tok) -> tuple[int, int] | None:
        """The claim around "according to X": the rest of the sentence."""
        # (The parser may hang the comma after an aside on the phrase itself.)
        phrase_end = max(t.i for t in tok.subtree if not t.is_punct or t.i == tok.i)
        doc = tok.doc
        if tok.i <= 1:
            tokens = [t for t in doc[phrase_end + 1 :] if not t.is_space]
        elif phrase_end + 2 < len(doc) and doc[phrase_end + 1].text == "," and \
                doc[phrase_end + 2].lower_ in {"and", "but"}:
            # "A paid 25 percent, according to X, and B paid 69 percent": both.
            tokens = [t for t in doc[: tok.sent.end] if not t.is_space]
        elif phrase_end + 1 < len(doc) and doc[phrase_end + 1].text == "," and sum(
                1 for t in doc[phrase_end + 2 : tok.sent.end] if not t.is_punct) >= 3:
            # "Behind the delay, according to X, was a choice ...": the
            # sentence goes on around the phrase, and all of it is X's.
            tokens = [t for t in doc[: tok.sent.end] if not t.is_space]
        else:
            tokens = list(doc[: tok.i])
        while tokens and tokens[0].is_punct:
            tokens = tokens[1:]
        while tokens and tokens[-1].is_punct:
            tokens = tokens[:-1]
        if len(tokens) < 4:
            return None
        return chunk.start + tokens[0].idx, chunk.start + tokens[-1].idx + len(tokens[-1])
