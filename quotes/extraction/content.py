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
CUE_CANDIDATES = frozenset(lex.ALL_FORMS | lex.NOUN_CUES | {"according", "quoted", "quotes",
                                                           "quoting"})
# Entity types that never speak ("Labor Day said" is a misparse).
NOT_SPEAKERS = {"DATE", "TIME", "MONEY"}


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
            if tok.dep_ in {"prep", "npadvmod"} and any(
                    t.ent_type_ in {"DATE", "TIME"} for t in tok.subtree):
                break  # "Trump on Friday said": the day is not the speaker
            if tok.dep_ == "conj" and tok.tag_ not in NOUN_TAGS | PROPER_TAGS:
                break
            if tok.dep_ == "acl" and tok.tag_ != "VBN":
                break
            right = max(right, tok.right_edge.i)
        # Stop at the first comma or dash inside what was taken.
        for i in range(head.i + 1, right + 1):
            if doc[i].text in {",", "—", "–", "(", ";"}:
                right = i - 1
                break
        span = doc[left : right + 1]
        while len(span) > 1 and span[-1].is_punct:
            span = span[:-1]
        start = chunk.start + span.start_char
        return span.text, start, start + len(span.text)

    def _speaker(self, chunk: Chunk, head) -> Speaker | None:
        if head is None:
            return None
        if head.lower_ in {"who", "which", "that"} and head.head.head is not head.head:
            # "Peskov, who ..., said": the relative clause's noun is the speaker,
            # and the name of "McConnell, now the majority leader, who said".
            head = head.head.head
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
                issuer = next((c for c in head.children if c.dep_ == "compound"
                               and c.tag_ in PROPER_TAGS), None)
            for prep in head.children:
                if issuer is None and prep.dep_ == "prep" and prep.lower_ in {"from", "by", "of"}:
                    issuer = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if issuer is not None and issuer.lower_ not in lex.DOCUMENT_HEADS:
                return self._speaker(chunk, issuer)
            if event or head.tag_ == "NNS" and not any(
                    c.dep_ in {"det", "amod", "compound", "nummod"} for c in head.children):
                # "Reports indicate that ...": hearsay, nobody said it; "a news
                # conference" as a subject: the parser lost who spoke there.
                return None
        mention, _, _ = self._phrase(chunk, head)
        person = None
        for ent in head.doc.ents:
            if ent.label_ == "PERSON" and ent.start <= head.i < ent.end:
                person = ent.text
        if person is None:
            # "Her campaign manager, Jane Roe, said": the apposition names her.
            for child in head.children:
                if child.dep_ == "appos" and child.ent_type_ == "PERSON":
                    ent = next(e for e in head.doc.ents if e.start <= child.i < e.end)
                    person, mention = ent.text, f"{mention}, {ent.text}"
        speaker = self.speakers.resolve_phrase(
            mention, person, head.text, head.tag_, head.tag_ in PROPER_TAGS,
            offset=chunk.start + head.idx,
        )
        if document and speaker is not None and person is None:
            # "the report says": kept as written, never a person (nor a he/she antecedent).
            speaker = Speaker(speaker.name, speaker.mention, "document", speaker.confidence,
                              how=speaker.how)
        return speaker

    def _subject(self, chunk: Chunk, verb):
        """The subject of a reporting verb, climbing from participles and clauses.

        Subjects inside quotation marks are the parser's mistakes, not speakers."""
        before = verb.doc[verb.i - 1] if verb.i > 0 else None
        if verb.tag_ == "VBG" and before is not None and before.tag_ in PROPER_TAGS and \
                before.dep_ in {"pobj", "dobj"}:
            return before  # "footage of Jane Roe saying, “...”": she says it
        node = verb
        for _ in range(4):
            for child in node.children:
                quoted = self._in_quote(chunk, chunk.start + child.idx)
                if child.dep_ in SUBJECT_DEPS and not quoted:
                    return child
            if node.dep_ == "acl" and node.head.tag_ in NOUN_TAGS | PROPER_TAGS:
                return node.head  # "Jane Roe, the lawyer, ..., saying ..."
            if node.dep_ not in CLIMB_DEPS or node.head is node:
                return None
            if node.dep_ == "ccomp" and node.head.lower_ in lex.ALL_FORMS:
                return None  # "Lund said A and Holm said B": not the outer speaker

            if node.dep_ == "prep" and node.lower_ == "as":
                # "TASS quoted Peskov as saying": the object is the one saying.
                obj = next((c for c in node.head.children if c.dep_ == "dobj"), None)
                if obj is not None:
                    return obj
            node = node.head
        return None

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
                break
            if child.dep_ == "xcomp" and cue.lower_ in lex.XCOMP_CUES:
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
        return s, e

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

    def _object(self, chunk: Chunk, cue) -> tuple[int, int] | None:
        """The object of a verb that reports a thing ("announced his candidacy"),
        with its reason for verbs of blame and praise ("accused him of lying")."""
        if cue.lower_ not in lex.OBJECT_CUES:
            return None
        if not any(c.dep_ == "nsubj" for c in cue.children):
            return None  # only a verb with its own subject: parses of the rest misfire
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
                break
        if obj.tag_ in PRONOUN_TAGS and not called:
            return None
        while tokens and (tokens[-1].is_punct or tokens[-1].dep_ == "cc"):
            tokens = tokens[:-1]
        if len(tokens) < 2:
            return None  # "praised Obama": a name alone says nothing a reader can search
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
            if low in lex.NOUN_CUES and tok.tag_ in NOUN_TAGS:
                owner = next((c for c in tok.children if c.dep_ == "poss"), None)
                if owner is None and tok.i >= 2 and doc[tok.i - 1].dep_ == "case":
                    owner = doc[tok.i - 2]  # "Lund ’s remarks" parsed as two objects
                content = self._content(chunk, tok)
                light = tok.head.lower_ in lex.LIGHT_VERB_FORMS and tok.dep_ == "dobj"
                if content and (owner is not None or light):
                    head = owner if owner is not None else self._subject(chunk, tok.head)
                    speaker = self._speaker(chunk, head)
                    found.append(Cue(tok, tok.text, speaker, content, speech=False, route="noun"))
                continue
            if low in {"quoted", "quotes", "quoting"} and tok.tag_.startswith("VB"):
                obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
                if obj is not None:
                    found.append(Cue(tok, "quoted ... as saying", self._speaker(chunk, obj),
                                     route="quoted"))
                    continue
            if low not in lex.ALL_FORMS or not tok.tag_.startswith("VB"):
                continue
            refused = declined(tok)
            if refused and low not in lex.SPEECH_FORMS:
                continue  # "did not plan to", "declined to endorse": no statement made
            if tok.dep_ == "amod" or (tok.tag_ == "VBN" and tok.dep_ == "acl"):
                continue  # "the said treaty", "a widely reported deal"
            subject = self._subject(chunk, tok)
            if subject is not None and subject.dep_ == "nsubjpass":
                continue
            if subject is None and low in lex.SPEECH_FORMS:
                subject_by = "frame"
                subject = self._frame_subject(chunk, tok)
                if subject is None:
                    subject, subject_by = self._left_subject(chunk, tok), "left"
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
            stance = stance_of(tok)
            if content is not None and stance != ASSERTS:
                content = (with_opener(self.text, content[0]), content[1])
            found.append(Cue(tok, text, speaker, content, speech=low in lex.SPEECH_FORMS,
                             that=self.that, stance=stance, route=route,
                             subject_by=subject_by if subject is not None else "none"))
        return found

    def _according_content(self, chunk: Chunk, tok) -> tuple[int, int] | None:
        """The claim around "according to X": the rest of the sentence."""
        phrase_end = max(t.i for t in tok.subtree)
        doc = tok.doc
        if tok.i <= 1:
            tokens = [t for t in doc[phrase_end + 1 :] if not t.is_space]
        else:
            tokens = list(doc[: tok.i])
        while tokens and tokens[0].is_punct:
            tokens = tokens[1:]
        while tokens and tokens[-1].is_punct:
            tokens = tokens[:-1]
        if len(tokens) < 4:
            return None
        return chunk.start + tokens[0].idx, chunk.start + tokens[-1].idx + len(tokens[-1])
