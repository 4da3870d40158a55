"""Attribution (stage 6): cues and quotes of each chunk become statements.

Each cue with words of the writer's own gives a claim; each quote goes to the
claim around it, else the cue that governs it, else the nearest cue in its
sentence, else a cue before a colon, a dash and a name, a cue opening the next
paragraph, and last the previous speaker (continuation). docs/extraction.md
describes each rule and what it measured.
"""

from __future__ import annotations

import re

from .chunks import HEADLINE_WORD, Chunk, _frame, _headline, _trim_end
from .content import OCCASION_PREPS, SUBJECT_DEPS, WHEN_OR_WHERE, Cue, CueFinder, named_body
from .cues import ALL_FORMS, LABEL_FORMS, forms
from .marks import Quoted
from .speakers import LOOKBACK, ROLE_HEADS, TITLES, Speaker, Speakers, is_place
from .stance import ASSERTS
from .types import CLAIM, QUOTE, KnownPerson, Statement
from .via import credited_outlet, outlet_like

# "Said Trump." on a line of its own: the parser takes "Said" for a name.
_NAME = r"[A-Z][\w’'.-]+(?: [A-Z][\w’'.-]+){0,3}"
FRAME = re.compile(
    rf"(?:(?P<cue>Said|Says|Added|Adds|Wrote|Writes|Continued|Replied|Tweeted) (?P<name>{_NAME})"
    rf"|(?P<name2>{_NAME}) (?P<cue2>said|says|added|wrote|continued|replied|tweeted))\b"
)
# "He also did not ...", "Erik Lund also ...": who opens a sentence.
SENTENCE_OPENER = re.compile(r"(?:[A-Z]\w+ ){0,2}?(He|She)\b|([A-Z][\w’'-]+(?: [A-Z][\w’'-]+)*)")
# "referring to the two Presidents, that ...": what the statement is about, not part of it.
ABOUT_OPENING = re.compile(
    r"(?:referring|speaking|talking|commenting|asked) (?:to|about|of|on)\b[^,“\"]*,\s*"
    r"(?:that\s+)?")
# "SELMA, N.C. — ", "MOSCOW (Reuters) - ": where the story was filed, never a speaker.
DATELINE = re.compile(
    r"[A-ZÀ-Þ][A-ZÀ-Þ.’'\- ]{2,60}(?:, [A-Z][\w.]+(?: [A-Z0-9][\w.]+)?)?(?: ?\([\w ]{1,30}\))?"
    r" ?[—–―-]{1,2} ")
# "WALLACE: Let's start ...": a transcript quoted whole, its speaker in capitals.
SPEAKER_LABEL = re.compile(r"(?P<who>[A-Z][A-Z.’'-]+(?: [A-Z][A-Z.’'-]+){0,2}): (?=\S)")
# “...” ― Jane Roe (readers' comments, epigraphs).
DASH_NAME = re.compile(r"[^\S\n]*[―—][^\S\n]*(?P<name>[A-Z][\w’'.-]+(?: [A-Z][\w’'.-]+){0,4})")
# "Mike Pence", "Bernie Sanders": a first name and a surname (bounded: linear).
FULL_NAME = re.compile(r"\b([A-Z][a-z]{1,15}) ([A-Z][a-z]{1,20})\b")
# "Lund: The Bridge Will Open Before Winter", "HOST: Do you think ...?"
COLON_LINE = re.compile(
    r"(?P<who>[A-Z][\w.’'-]*(?: [A-Z][\w.’'-]*){0,3}): (?P<what>[\"“‘']?[A-Z][^\n]{10,})"
)

# Where a claim's content has ended: a concession or a second clause.
# (Not a one-word aside: "a fair, although steep, price" goes on; nor "though"
# set off by commas: "The council, though, would have to pay".)
CONTENT_STOP = re.compile(
    r",? even (?:though|if|as)\b|; (?=\S)|,? (?:although|though|whereas)\b(?!,| [a-z]+,)")
DANGLING = re.compile(r"\s(?:and|but|or)$")
# The writer's name for what was said, set off after it: "said fares would rise,
# an admission that ...", "..., a swipe at the mayor".
WRITERS_NAME_FOR_IT = re.compile(
    r", (?:an?|the|in an?) (?:\w+ )?(?:admission|acknowledge?ment|sign|signal|move|reference|"
    r"allusion|nod|indication|departure|reversal|shift|concession|swipe|jab|dig|rebuke|"
    r"echo|break|retreat|turnabout|about-face|rebuttal|veiled)\b")
# Who reported what was said, at its end: "..., according to Politico".
SOURCED_TAIL = re.compile(r",? according to\b")
# A sentence ending inside a quotation: it holds whole sentences.
SENTENCE_INSIDE = re.compile(r"[.?!] [A-Z]")
# Tags that end the words before a name that may be its title ("The judge
# agreed with Anna Berg": "agreed with" ends them).
PHRASE_BREAKS = {"IN", "TO", "CC", "MD", "RB", ",", ":", "``", "''", "-LRB-", "-RRB-"}
# A relative clause or aside about a reported thing: "announced a plan, which ...".
OBJECT_ASIDE = re.compile(r", (?:which|who|whose|while)\b")
OCCASION_MARKS = {"after", "before", "when", "while", "since", "as", "because"}
OCCASION_NOUNS = {
    "rally", "stop", "debate", "interview", "speech", "conference", "briefing", "meeting",
    "hearing", "appearance", "event", "visit", "campaign", "summit", "forum", "session",
    "address", "statement", "broadcast", "show", "program", "programme", "night",
    "morning", "evening", "afternoon", "week", "weekend", "day", "year", "month",
    # the form it took: "denounced the annexation in an on-air diatribe"
    "diatribe", "tirade", "rant", "tweet", "post", "op-ed", "editorial", "column", "essay",
    "letter", "remarks", "memo", "podcast", "video", "email",
}


def _topic(ent) -> bool:
    """"As for Trump, he said ...": the name a sentence opens on as its topic."""
    prep = ent.root.head
    if ent.root.dep_ != "pobj" or prep.lower_ != "for" or prep.i == 0:
        return False
    opener = ent.doc[prep.i - 1]
    return opener.lower_ == "as" and opener.is_sent_start


def _after_comma(tok) -> bool:
    """Whether a comma comes just before ``tok``, or a closing quotation mark
    with the comma inside it (`“... by May,” referring to ...`)."""
    doc, i = tok.doc, tok.i
    if i > 0 and doc[i - 1].text == ",":
        return True
    return i > 1 and doc[i - 1].text in {"”", '"', "''"} and doc[i - 2].text.endswith(",")


def _occasion(child, cue) -> bool:
    """Whether a modifier of the cue says when, where or at what event it was
    said ("during a campaign stop in Flint", "on Friday", "last week")."""
    if child.dep_ in {"npadvmod", "tmod"}:
        return any(t.ent_type_ in {"DATE", "TIME"} for t in child.subtree)
    if child.dep_ == "advcl":
        # "warned officials to act after hackers struck": when it was said.
        return any(m.dep_ == "mark" and m.lower_ in OCCASION_MARKS for m in child.children)
    if child.dep_ != "prep" or child.lower_ not in OCCASION_PREPS:
        return False
    obj = next((c for c in child.children if c.dep_ == "pobj"), None)
    if obj is None:
        return False
    return obj.ent_type_ in WHEN_OR_WHERE or \
        obj.lower_ in OCCASION_NOUNS


# The word before a title in quotation marks, and the small words titles keep lower case.
TITLE_BEFORE = {"on", "titled", "entitled", "show", "program", "programme", "book", "film",
                "movie", "series", "column", "documentary", "podcast", "album"}
TITLE_SMALL_WORDS = {"the", "a", "an", "of", "and", "to", "in", "on", "for", "at", "with", "or"}

WORD = re.compile(r"\w+")
# Cue words frequent enough to weigh on their own in the confidence model.
COMMON_CUES = {"said", "says", "told", "added", "according to", "wrote", "asked", "noted",
               "explained", "argued", "claimed", "tweeted", "continued", "believes", "thinks",
               "wants", "called", "described", "announced", "quoted ... as saying"}


def _set_off_to_end(chunk: Chunk, tok, s: int, cut: int) -> int | None:
    """Where the comma before ``tok``'s phrase is, when a comma sets the phrase
    off inside the content ``s:cut`` and the phrase runs to its end, outside
    quotation marks; else None."""
    left = tok.left_edge
    if left.i == 0 or tok.doc[left.i - 1].text != "," or chunk.start + left.idx <= s:
        return None
    if chunk.start + tok.right_edge.idx + len(tok.right_edge) < cut - 1 or \
            chunk.in_quote(chunk.start + tok.idx):
        return None
    return chunk.start + tok.doc[left.i - 1].idx


def _cue_class(cue: str) -> str:
    """The cue as a category: a common word itself, else "other" or "none"."""
    if not cue:
        return "none"
    word = cue.lower() if cue.lower() in COMMON_CUES else cue.lower().split()[-1]
    return word if word in COMMON_CUES else "other"


def _innermost(claims, chunk_start: int = 0, reported: bool = False):
    """Of claims whose clauses overlap, keep the one whose cue is nearest its clause
    ("would not deny Lund's remarks that X": X is Lund's, not the denier's),
    unless that cue's subject is no person and a person's claim holds it:
    "Lund said a new study shows X" stays Lund's, study and all.

    With ``reported``, what someone says that another said stays theirs too:
    "Holm said Lund promised to X" is Holm's claim, Lund's promise and all (the
    claims a reader sees; a quotation inside still goes to the inner speaker,
    who said its words)."""
    kept = []
    for s, e, cue in sorted(claims, key=lambda c: c[1] - c[0]):
        inside = [k for k in kept if min(e, k[1]) - max(s, k[0]) > 0.5 * (e - s)]
        if not inside:
            kept.append((s, e, cue))
            continue
        outer = (cue.speech or reported and cue.token.lower_ in FINDINGS) and (
            cue.speaker.type == "person" or reported) and (not reported or cue.route == "clause")
        if outer and all(
                (k[2].speaker.type in NOT_PERSONS or k[2].speaker.name == cue.speaker.name
                 or reported and k[2].route in {"clause", "object"})
                and s <= chunk_start + k[2].token.idx < e
                for k in inside):
            # ("Lund says she hopes X": she is Lund, and what Lund says is the whole.)
            kept = [k for k in kept if k not in inside] + [(s, e, cue)]
    return sorted(kept, key=lambda c: c[0])


# "as a “fraud”", "as, “...": the words just before a label the subject gives.
# "as a “harbour thief” and a “spoiled brat”": the second label too.
AS_LABEL = re.compile(r"\bas(?:\s+an?|\s+the|\s+being)?,?\s*(?:[“\"][^“”\"]{1,80}[”\"],?\s+"
                      r"(?:and|or)\s+(?:an?\s+|the\s+)?)?$")
# "As Roe put it in a statement, the plan is “...”": no quotation between them.
PUT_IT = re.compile(r"\b[Aa]s [^“”\"]{1,150}? put it\b[^“”\"]{0,120}$")
# What opens a clause inside a sentence whose subject says the quote it holds.
INNER_MARKS = {"as", "while", "when"}
# Verbs of finding whose clause reports what others said ("a survey found that
# most islanders said ..."): the finding is the survey's, the islanders and all.
FINDINGS = {f for verb in ("find", "show", "reveal", "indicate", "suggest") for f in forms(verb)}
# Subjects of an inner cue that do not take a statement from the person reporting it.
NOT_PERSONS = {"document", "organization", "group"}


# What opens a common-noun speaker ("the agency", "my father", "one reader").
NOUN_OPENERS = {"the", "a", "an", "this", "that", "these", "those", "my", "his", "her", "its",
                "their", "our", "your", "one", "each", "every", "another", "some", "any", "no",
                "not", "only"}


def _bare_noun(speaker: Speaker) -> bool:
    """A speaker that is a lower-case common noun with no article, possessive
    or number ("public", "harsher wording", "radio program"): the parser's
    misreading of a sentence, never the one who said a quote (claims keep it:
    "organized labor" says things)."""
    words = speaker.mention.split()
    return speaker.type == "organization" and speaker.mention == speaker.mention.lower() and \
        bool(words) and words[0] not in NOUN_OPENERS and not words[0][:1].isdigit() and \
        not words[-1].endswith(("one", "body"))


class Attributor(CueFinder):
    """Builds statements from the cues of parsed chunks (:class:`.content.CueFinder`)."""

    def __init__(self, text: str, people: tuple[KnownPerson, ...]):
        super().__init__(text, Speakers(people))
        self.out: list[Statement] = []
        self.last: Statement | None = None
        self.last_paragraph = -10
        self.last_chunk = -10
        # (chunk index, speaker) of the last sentence whose subject is a person.
        self.subject: tuple[int, Speaker] | None = None
        self.colon: tuple[int, Cue] | None = None  # a cue ending its sentence with ":"
        self.quote_route = ""  # set by _quote_cue: how the quote found its cue
        self.surnames: set[str] | None = None  # see _surnames

    # --- helpers over spaCy tokens ---------------------------------------------

    # --- statements ----------------------------------------------------------------

    def _emit(self, kind: str, start: int, end: int, speaker: Speaker, cue: str, *,
              partial=False, via=None, confidence=0.5, paragraph=0, salient=True,
              stance=ASSERTS, features: dict | None = None) -> None:
        statement = Statement(
            kind=kind, text=self.text[start:end], start=start, end=end,
            speaker=speaker.name, speaker_mention=speaker.mention,
            speaker_type=speaker.type, cue=cue, partial=partial, via=via,
            confidence=max(0.05, min(1.0, confidence)), stance=stance,
        )
        # What the confidence model reads (.confidence); the rule-based figure
        # above is one of its inputs and the fallback when no model is stored.
        statement.extras["features"] = {
            **(features or {}), "how": speaker.how, "type": speaker.type,
            "known": speaker.name in self.speakers.kinds, "cue": bool(cue),
            "stance": stance, "partial": partial, "via": via is not None,
            "words": len(statement.text.split()), "rule": statement.confidence,
            "mention_words": len(speaker.mention.split()), "reach": speaker.reach,
            "rivals": speaker.rivals, "verb": _cue_class(cue),
            "marks": any(m in statement.text for m in "“”\"«»"),
        }
        self.out.append(statement)
        # Only the subject of a verb is salient enough for a later "he".
        # A claim's speaker outranks the subjects inside what they said
        # ("Lund said Holm would resign. “...,” he said": Lund).
        self.speakers.spoke(speaker, (end if kind == CLAIM else start) if salient else None)
        self.last = statement
        self.last_speaker = speaker
        self.last_paragraph = paragraph
        self.last_chunk = self.current
        self.last_prose = self.prose

    @staticmethod
    def _via_for(speaker: Speaker, via: str | None) -> str | None:
        """The credited outlet, unless it is the speaker itself."""
        if via and via.lower() in speaker.name.lower():
            return None
        return via

    def _partial(self, chunk: Chunk, q: Quoted) -> bool:
        before = self.text[chunk.start : q.open_at].rstrip()
        if not before:
            return False
        mark = before[-1]
        first = self.text[q.start : q.start + 1]
        if mark.isalnum() or mark in "’'%)":
            return True
        # Quotes are in order and disjoint: another closed before q unless q is first.
        resumed = chunk.quotes[0] is not q
        return mark in ",;—–" and first.islower() and not resumed

    def _note_roles(self, doc, ent, name: str) -> None:
        """"Foreign Minister Anna Berg", "Anna Berg, the minister,": remember the role.

        Only the words of the name's own phrase count: "The judge agreed with
        Anna Berg" does not make her the judge."""
        words = []
        for i in range(ent.start - 1, max(-1, ent.start - 4), -1):
            if doc[i].tag_.startswith("VB") or doc[i].tag_ in PHRASE_BREAKS:
                break
            words.insert(0, doc[i])
        head = ent.root
        words += [t for c in head.children if c.dep_ == "appos" for t in c.subtree]
        for word in words:
            if word.lower_ in ROLE_HEADS:
                speaker = Speaker(name, ent.text, "person", 0.8, named=True, how="role")
                self.speakers.see_role(word.lower_, speaker, [w.text for w in words])

    def _misread_person(self, ent) -> bool:
        """A one-word subject the NER took for an organisation that is the surname
        of someone who has spoken, been a subject or been named in full before
        ("Lund has also commented")."""
        if ent.label_ != "ORG" or len(ent) != 1 or ent.root.dep_ not in SUBJECT_DEPS:
            return False
        word = ent.text.lower()
        people = self.speakers.spoken[-LOOKBACK:] + [
            n for _, n in self.speakers.subjects[-LOOKBACK:]]
        return self.speakers.named_in_full(word) is not None or any(
            len(n.split()) >= 2 and n.split()[-1].lower() == word for n in people)

    def _note_subject(self, chunk: Chunk) -> None:
        """Remember a sentence that opens with a person ("He also did not ...")."""
        match = SENTENCE_OPENER.match(self.text[chunk.start : chunk.end])
        if not match:
            return
        if match.group(1):
            speaker = self.speakers.resolve_pronoun(match.group(1), chunk.start + match.start(1))
        else:
            name = match.group(2)
            last = name.split()[-1].lower()
            if last in TITLES and self.text.startswith(".", chunk.start + match.end(2)):
                speaker = None  # "Vermont Sen. Erik Lund": the name is after the title
            elif last in self.speakers.full_names or len(name.split()) >= 2 and any(
                n == self.speakers.canonical(name) for _, n in self.speakers.mentions[-20:]
            ):
                speaker = self.speakers.resolve_phrase(name, None, name.split()[-1], "NNP", True)
            else:
                speaker = None
        if speaker is not None and speaker.type == "person":
            self.subject = (chunk.index, speaker)

    def handle(self, chunk: Chunk, next_chunk: Chunk | None) -> None:
        """Turn one chunk into statements."""
        if chunk.skipped:
            return
        self.current = chunk.index
        self.prose = chunk.prose
        self._after_colon(chunk)
        if not chunk.quotes:
            self._note_subject(chunk)
        via = None
        chunk_cues: list[Cue] = []
        headline = _headline(self.text[chunk.start : chunk.end]) or self._heading(chunk)
        if not headline:
            self.speakers.see_sources(self.text[chunk.start : chunk.end])
        if chunk.doc is not None:
            for ent in [] if headline else chunk.doc.ents:
                offset = chunk.start + ent.start_char
                if (ent.label_ == "PERSON" or self._misread_person(ent)) and not self._in_quote(
                        chunk, offset) and not named_body(ent) and not is_place(ent.text):
                    owner = ent.root.dep_ == "poss" and ent.root.head.dep_ in SUBJECT_DEPS
                    if owner or _topic(ent) or any(t.dep_ in SUBJECT_DEPS for t in ent):
                        name = self.speakers.see_subject(ent.text, offset)
                    else:
                        name = self.speakers.see_name(ent.text, offset)
                    self._note_roles(chunk.doc, ent, name)
            for tok in [] if headline else chunk.doc:
                # "Lund has also commented": a surname the recogniser missed altogether;
                # "Lund bristles at ...": one it took for a company, that the parser
                # made a noun before the verb opening the sentence.
                opens = tok.i == 0 and tok.dep_ == "compound" and len(chunk.doc) > 1 and \
                    chunk.doc[1].tag_ in {"VBZ", "VBD"} and tok.ent_type_ != "PERSON"
                if (opens or tok.dep_ in SUBJECT_DEPS and not tok.ent_type_) and \
                        tok.text[:1].isupper() and not self._in_quote(chunk, chunk.start + tok.idx):
                    named = self.speakers.named_in_full(tok.lower_)
                    if named is not None:
                        self.speakers.see_subject(named, chunk.start + tok.idx)
            chunk_cues = self._cues(chunk)
            via = credited_outlet(chunk, chunk.doc)
        elif not headline:
            self.speakers.see_text(self.text[chunk.start : chunk.end], chunk.start)
        usable = [c for c in chunk_cues if c.speaker is not None]
        if via:
            # The outlet credited is not a speaker when someone else speaks here.
            people = [c for c in usable if c.speaker.type == "document"
                      or not outlet_like(c.speaker.mention)]
            if people:
                usable = [c for c in usable if c.text != "according to" or c in people]
        claims = []
        for cue in usable:
            if cue.content is None:
                continue
            s, e = self._claim_bounds(chunk, *cue.content, cue=cue)
            if e - s < 3:
                continue
            if not chunk.words_outside_quotes(self.text, s, e) or (
                not cue.that and chunk.quote_opens_near(s) and not self._goes_on(chunk, s, e)
            ):
                continue  # the clause is a quotation: the quote carries it
            # "suggested X and mentioned Y": the clause stops before the next cue.
            for other in chunk_cues:
                at = chunk.start + other.token.idx
                # "X said A and Holm said B" parsed as one clause: B's cue, its
                # content after it, ends A before its speaker.
                second = other.token.dep_ == "conj" or (
                    other.speaker is not None and other.content is not None
                    and other.content[0] > at and other.token.dep_ == "ccomp"
                    and other.token.head.i == cue.token.i)
                if other is not cue and s < at and second and other.speech:
                    cut = other.token.i
                    # "... and Holm said ...": the other cue's subject is not this content.
                    subject = next((c for c in other.token.lefts if c.dep_ in SUBJECT_DEPS), None)
                    if subject is None and other.subject_by == "left":
                        # The parser lost it: the name just before the verb.
                        word = other.token.doc[other.token.i - 1]
                        while word.i > 0 and word.doc[word.i - 1].tag_ in {"NNP", "NNPS"}:
                            word = word.doc[word.i - 1]
                        subject = word
                    if subject is not None and chunk.start + subject.left_edge.idx > s:
                        cut = min(subject.left_edge.i, subject.i)
                    if other.token.dep_ == "ccomp" and (
                            cut == 0 or other.token.doc[cut - 1].lower_ not in {"and", "but"}):
                        continue  # "Lund said Holm said X": nested, not a second statement
                    while cut > 0 and other.token.doc[cut - 1].dep_ in {"cc", "punct", "advmod"}:
                        cut -= 1
                    e = min(e, _trim_end(self.text, chunk.start + other.token.doc[cut].idx, " ,"))
            claims.append((s, e, cue))
        reported = _innermost(claims, chunk.start, reported=True)
        claims = _innermost(claims, chunk.start)
        for q in chunk.quotes:
            if self._labelled(chunk, q) or self._title(chunk, q):
                continue
            cue = self._quote_cue(chunk, q, usable, claims)
            if cue is not None and _bare_noun(cue.speaker):
                cue = None  # "public boasted, “...”": a misparse; no cue then
            partial = self._partial(chunk, q)
            confidence = 0.9
            # Words quoted inside a claim the speaker rejects share its stance; a
            # quote the cue governs directly is the speaker's own words.
            stance = cue.stance if cue is not None and any(
                c is cue and s <= q.open_at and q.close_end <= e + 1 for s, e, c in claims
            ) else ASSERTS
            distance = 0
            if cue is not None:
                speaker, cue_text = cue.speaker, cue.text
                if speaker.mention.lower() in {"he", "she"}:
                    confidence = 0.75
                route = self.quote_route
                at = chunk.start + cue.token.idx
                distance = 0 if route == "claim" else min(abs(at - q.open_at),
                                                          abs(at - q.close_end))
                subject_by = cue.subject_by
            else:
                speaker, cue_text, confidence, route = self._uncued(chunk, q, next_chunk)
                if speaker is None:
                    continue
                subject_by = "none"
            if not q.closed:
                confidence -= 0.15
            confidence = min(confidence, speaker.confidence + 0.05)
            features = {"route": route, "subject": subject_by, "closed": q.closed,
                        "distance": distance,
                        "gap": q.open_at - self.last.end if self.last is not None else 5000,
                        "opens": q.open_at - chunk.start < 3}
            self._emit(QUOTE, q.start, q.end, speaker, cue_text, partial=partial,
                       via=self._via_for(speaker, via), stance=stance,
                       confidence=confidence, paragraph=chunk.paragraph, features=features)
        claims = reported
        for s, e, cue in claims:
            confidence = 0.75 if cue.speech else 0.6
            confidence = min(confidence, cue.speaker.confidence)
            at = chunk.start + cue.token.idx
            features = {"route": cue.route, "subject": cue.subject_by, "speech": cue.speech,
                        "distance": 0 if at < s else at - e if at >= e else 0,
                        "cue_after": at >= e}
            self._emit(CLAIM, s, e, cue.speaker, cue.text, via=self._via_for(cue.speaker, via),
                       salient=cue.speech, stance=cue.stance,
                       confidence=confidence, paragraph=chunk.paragraph, features=features)
        if not claims and chunk.doc is not None:
            self._colon_claim(chunk)
        if not chunk.quotes and self.text[chunk.start : chunk.end].rstrip().endswith(":"):
            # "In a 1998 speech, she declared:" then the quote in the next paragraph.
            speech = [c for c in usable if c.speech or c.text == "according to"]
            if speech:
                self.colon = (chunk.index, speech[-1])
        if not chunk.quotes and not claims and usable:
            # A frame with no content ("Trump briefed journalists.") still sets
            # the speaker for pronouns.
            for cue in usable:
                if cue.speech:
                    self.speakers.spoke(cue.speaker)

    def _heading(self, chunk: Chunk) -> bool:
        """A section heading of a few capitalised words on a line of its own
        ("Gender Equality."): not a sentence, and its words are nobody."""
        line = self.text[chunk.start : chunk.end].strip()
        words = HEADLINE_WORD.findall(line)
        if not 1 <= len(words) <= 3 or not all(w[0].isupper() for w in words) or \
                line.rstrip(".").strip() != " ".join(words):
            return False
        before = self.text[max(0, chunk.start - 1) : chunk.start]
        after = self.text[chunk.end : chunk.end + 1]
        return before in {"", "\n"} and after in {"", "\n"}

    def _after_colon(self, chunk: Chunk) -> None:
        """"The governor added:" and then a paragraph without quotation marks: the
        paragraph is what he added (a transcript or a statement set off as a block)."""
        if self.colon is None or self.colon[0] != chunk.index - 1 or chunk.quotes:
            return
        cue = self.colon[1]
        start = chunk.start
        if self.text[start - 1 : start] != "\n" or self.text[start : start + 1] in "\"“'‘":
            return  # a new paragraph only, and a quotation goes to the quote rules
        end = self.text.find("\n", start)
        end = _trim_end(self.text, len(self.text) if end < 0 else end, " .\n")
        if end - start < 20 or any(m in self.text[start:end] for m in "“”\""):
            return
        self._emit(CLAIM, start, end, cue.speaker, cue.text, paragraph=chunk.paragraph,
                   salient=cue.speech, confidence=min(0.6, cue.speaker.confidence),
                   features={"route": "colon", "subject": cue.subject_by,
                             "speech": cue.speech})

    def _title(self, chunk: Chunk, q: Quoted) -> bool:
        """A show, book or programme named in quotation marks ("said on “Face
        the Nation,”", "his book “The Art of the Deal”"): a title, not words said."""
        before = self.text[max(chunk.start, q.open_at - 40) : q.open_at].split()
        if not before:
            return False
        word = before[-1].strip(",")
        # "on CBS's “Face the Nation”", "his “Keepin' It Real”": a programme's owner.
        owner = word.endswith(("'s", "’s")) and outlet_like(word[:-2]) or word.lower() in {
            "his", "her", "their", "its", "a", "the"} and len(before) > 1 and \
            before[-2].lower() in TITLE_BEFORE
        if word.lower() not in TITLE_BEFORE and not owner:
            return False
        words = self.text[q.start : q.end].strip(" ,.!?:;").split()
        return 0 < len(words) <= 7 and words[0][:1].isupper() and all(
            w[:1].isupper() or not w[:1].isalpha() or w.lower() in TITLE_SMALL_WORDS
            for w in words)

    def _labelled(self, chunk: Chunk, q: Quoted) -> bool:
        """A quoted transcript line, "WALLACE: Let's start ...": the speaker is
        the label, the quote what follows it. Emits it and says so."""
        label = SPEAKER_LABEL.match(self.text, q.start, q.end)
        if label is None or len(label.group("who")) < 3:
            return False
        name = label.group("who").title()
        speaker = self.speakers.resolve_phrase(name, None, name.split()[-1], "NNP", True)
        if speaker is None:
            return False
        self._emit(QUOTE, label.end(), q.end, speaker, "", paragraph=chunk.paragraph,
                   confidence=0.8 if q.closed else 0.65,
                   features={"route": "label", "subject": "none", "closed": q.closed})
        return True

    def _goes_on(self, chunk: Chunk, s: int, e: int) -> bool:
        """A clause opening with a quotation that the writer's words carry on
        (`said “the next mayor” should choose the judge`): the quotation is
        a part of what was said, and the whole is a claim."""
        q = next((q for q in chunk.quotes if abs(q.open_at - s) <= 1), None)
        if q is None or q.close_end >= e:
            return False
        words = WORD.findall(self.text, q.close_end, e)
        # Not a comma and an aside, nor who reported it (`“...,” as reported by X`).
        return len(words) >= 3 and self.text[q.close_end : e].lstrip()[:1].isalnum() and \
            words[0].lower() not in ALL_FORMS | {"as"}

    def _claim_bounds(self, chunk: Chunk, s: int, e: int, cue: Cue | None = None
                      ) -> tuple[int, int]:
        """A claim's span with what is not its content taken off: an opening
        "referring to X," and a conjoined verb after a quotation it ends with
        (`that “...,” and declined to name a date`), and at the end the writer's
        own words (:meth:`_content_end`). A claim never starts inside a
        quotation: it takes the opening mark."""
        about = ABOUT_OPENING.match(self.text, s, e) or DATELINE.match(self.text, s, e)
        if about:
            s = about.end()
        if cue is not None and cue.token is not None:
            e = self._content_end(chunk, cue, s, e)
        for q in chunk.quotes:
            if q.open_at < s < q.close_end:
                s = q.open_at
            if s <= q.open_at and q.close_end < e and chunk.doc is not None:
                after = [t for t in chunk.tokens_between(q.close_end, e) if not t.is_space]
                if len(after) >= 2 and after[0].lower_ in {"and", "but"} and \
                        after[1].tag_.startswith("VB") and \
                        not any(c.dep_ in SUBJECT_DEPS for c in after[1].children):
                    e = q.close_end
                    break
        return s, e

    def _content_end(self, chunk: Chunk, cue: Cue, s: int, e: int) -> int:
        """Where a claim's content ends: before a concession (", even though
        ..."), a second clause after a semicolon, the time, place or occasion
        of the speaking ("praised the plan during a stop in Bergen on Friday")
        and, for a reported thing, a relative clause about it (", which ...")."""
        cut = e
        for match in CONTENT_STOP.finditer(self.text, s, e):
            if match.start() > s and not chunk.in_quote(match.start()):
                cut = match.start()
                break
        named = WRITERS_NAME_FOR_IT.search(self.text, s, cut)
        if named and named.start() > s and not chunk.in_quote(named.start()):
            cut = named.start()
        if cue.route != "according":
            # "..., according to Politico": who reported it, not what was said.
            sourced = SOURCED_TAIL.search(self.text, s, cut)
            if sourced and sourced.start() > s and not chunk.in_quote(sourced.start()):
                cut = sourced.start()
        for tok in chunk.tokens_between(s, cut):
            # "said she should face no charges, a recommendation the minister
            # adopted": the writer's description of what was said, set off at its end.
            comma = _set_off_to_end(chunk, tok, s, cut)
            if comma is not None and tok.dep_ in {"appos", "npadvmod"} and \
                    tok.tag_ in {"NN", "NNS"} and tok.left_edge.lower_ in {"a", "an"}:
                cut = comma
                break
        if cue.route in {"object", "noun"}:
            aside = OBJECT_ASIDE.search(self.text, s, cut)
            # Only an aside that runs to the end: "accused Rafael Cruz, who was
            # born in Cuba, of ..." goes on after it.
            if aside and aside.start() > s and not chunk.in_quote(aside.start()) and \
                    "," not in self.text[aside.end() : cut]:
                cut = aside.start()
            # The parse says it runs to the end, commas and all: ", which include a
            # provision that would ..., which ...".
            for tok in chunk.tokens_between(s, cut):
                # (A name in apposition stays: "her sister, Maren".)
                comma = _set_off_to_end(chunk, tok, s, cut)
                if comma is not None and (tok.dep_ == "relcl" or tok.dep_ == "appos"
                                          and tok.tag_ in {"NN", "NNS"}):
                    cut = comma
                    break
        token = cue.token
        # (Not when the cue stands inside the content: "If she wins, Holm
        # suggested in a tweet, the toll goes" goes on after its occasion.)
        inside = s < chunk.start + token.idx < cut
        for child in token.children:
            at = chunk.start + child.left_edge.idx
            if s < at < cut and not inside and _occasion(child, token):
                cut = at
        # "..., quietly staking her name on it": a participle set off by a
        # comma that runs to the end is the writer's comment (the parser hangs it on
        # the speaking or on what was said alike).
        for tok in chunk.tokens_between(s, cut):
            at = chunk.start + tok.idx
            if tok.dep_ == "advcl" and tok.tag_ == "VBG" and tok.left_edge.i == tok.i and \
                    _after_comma(tok) and s < at and \
                    chunk.start + tok.right_edge.idx + len(tok.right_edge) >= cut - 1 and \
                    not chunk.in_quote(at):
                before = token.doc[tok.i - 1]
                # A closing mark stays with the quotation it closes.
                cut = chunk.start + before.idx + (len(before) if before.text != "," else 0)
                break
        # "... consider Rep. Don Beyer, a former lieutenant governor who ...": the
        # writer's description of a name that ends the content is not said.
        for tok in token.doc:
            at = chunk.start + tok.idx
            if tok.dep_ == "appos" and tok.head.tag_ in {"NNP", "NNPS"} and s < at < cut and \
                    tok.left_edge.i > 0 and token.doc[tok.left_edge.i - 1].text == "," and \
                    chunk.start + tok.right_edge.idx + len(tok.right_edge) >= cut - 1 and \
                    not chunk.in_quote(at):
                cut = chunk.start + token.doc[tok.left_edge.i - 1].idx
                break
        cut = _trim_end(self.text, cut, " ,;:—–-\n")
        # "... should be released but said ...": no conjunction left hanging.
        dangling = DANGLING.search(self.text, max(s, cut - 5), cut)
        return _trim_end(self.text, dangling.start()) if dangling and dangling.start() > s else cut

    def _surnames(self) -> set[str]:
        """Last words of the "First Last" names anywhere in the article (by rule,
        once): a headline's lone surname is a person the story goes on to name."""
        if self.surnames is None:
            self.surnames = {m.group(2) for m in FULL_NAME.finditer(self.text)}
        return self.surnames

    def _colon_claim(self, chunk: Chunk) -> None:
        """"Lund: The Bridge Will Open Before Winter" (headlines) and "HOST: Do you ..."
        (transcripts): a person's name and a colon open what they said."""
        # What a transcript's speaker says runs to the end of the paragraph.
        paragraph_end = self.text.find("\n", chunk.start)
        match = COLON_LINE.match(self.text, chunk.start,
                                 len(self.text) if paragraph_end < 0 else paragraph_end)
        if not match:
            return
        prefix = match.group("who")
        doc = chunk.doc
        person = next((e.text for e in doc.ents if e.label_ == "PERSON" and e.start_char == 0
                       and e.end_char == len(prefix)), None)
        if person is None and " " not in prefix and prefix in self._surnames():
            person = prefix  # "Pence: ..." over a story that names Mike Pence
        if person is None and not (prefix.isupper() and len(prefix) > 2):
            return
        speaker = self.speakers.resolve_phrase(prefix.title() if person is None else prefix,
                                               person, prefix.split()[-1], "NNP", True)
        if speaker is None:
            return
        s, e = match.span("what")
        e = _trim_end(self.text, e, " .\n")
        self._emit(CLAIM, s, e, speaker, ":", confidence=0.5, paragraph=chunk.paragraph,
                   features={"route": "colon_line"})

    def _quote_cue(self, chunk: Chunk, q: Quoted, usable: list[Cue], claims) -> Cue | None:
        around = [(e - s, cue) for s, e, cue in claims if s <= q.open_at and q.close_end <= e + 1]
        self.quote_route = "claim"
        if around:
            return min(around, key=lambda c: c[0])[1]  # the innermost clause
        if chunk.doc is None:
            return None
        speech = [c for c in usable if c.speech or c.text == "according to"]
        # "branded the plan a “farce”": a verb that labels or cites, when it governs.
        labels = [c for c in usable if not c.speech and c.token.lower_ in LABEL_FORMS]
        if not speech and not labels:
            return None
        # The cue that governs the quote in the parse, else the nearest one.
        inside = chunk.tokens_between(q.open_at, q.close_end)
        heads = [t for t in inside if not (q.open_at <= chunk.start + t.head.idx < q.close_end)]
        for cues in (speech, labels):
            by_token = {}
            for cue in cues:
                by_token.setdefault(cue.token.i, cue)
            for head in heads:
                for ancestor in head.ancestors:
                    if ancestor.i in by_token:
                        self.quote_route = "governed"
                        return by_token[ancestor.i]
                    inner = self._inner_clause(chunk, ancestor)
                    if inner is not None:
                        self.quote_route = "inner"
                        return inner
        if not speech:
            return None
        def distance(cue):
            pos = chunk.start + cue.token.idx
            return min(abs(pos - q.open_at), abs(pos - q.close_end))
        best = min(speech, key=distance)
        self.quote_route = "nearest"
        return best if distance(best) < 200 else None

    def _inner_clause(self, chunk: Chunk, verb) -> Cue | None:
        """"as Holm went on about “...”, Lund said": a clause opened by as, while
        or when with a subject of its own holds the quote; its subject said it,
        not the speaker of the verb it hangs on."""
        if not verb.tag_.startswith("VB") or not any(
                c.dep_ == "mark" and c.lower_ in INNER_MARKS for c in verb.children):
            return None
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        speaker = self._speaker(chunk, subject)
        if speaker is None or speaker.type != "person":
            return None
        return Cue(verb, verb.text, speaker, speech=False, route="inner")

    def _labelled_as(self, chunk: Chunk, q: Quoted):
        """"Holm has been pounding Lund as a “fraud”": words a subject
        pins on someone with "as", whatever the verb; the subject said them."""
        if chunk.doc is None or not AS_LABEL.search(self.text, chunk.start, q.open_at):
            return None
        before = [t for t in chunk.doc if chunk.start + t.idx < q.open_at]
        word = next((t for t in reversed(before) if t.lower_ == "as"), None)
        if word is None or word.i > 0 and word.doc[word.i - 1].lower_ == "such":
            return None
        verb = word.head
        while not verb.tag_.startswith("VB") and verb.head.i != verb.i:
            verb = verb.head
        # The parser may hang "as" on the quote's noun: then the verb before it.
        last_verb = next((t for t in reversed(before[: word.i]) if t.tag_.startswith("VB")
                          and t.dep_ not in {"aux", "auxpass"}), None)
        subject = None
        for candidate in (verb, last_verb):
            if candidate is not None and candidate.tag_.startswith("VB"):
                subject = next((c for c in candidate.children if c.dep_ == "nsubj"), None)
                if subject is not None:
                    verb = candidate
                    break
        if subject is None:
            return None
        speaker = self._speaker(chunk, subject)
        if speaker is None:
            return None
        return speaker, verb.text, 0.6, "as"

    def _put_it(self, chunk: Chunk, q: Quoted):
        """"As Jane Roe, a tax lawyer, put it, “...”": the subject of "put it"
        said the quote that follows in the sentence."""
        if chunk.doc is None or not PUT_IT.search(self.text, chunk.start, q.open_at):
            return None
        for word in chunk.doc:
            if chunk.start + word.idx >= q.open_at:
                break
            if word.lower_ == "put" and word.i + 1 < len(word.doc) and \
                    word.doc[word.i + 1].lower_ == "it":
                subject = next((c for c in word.children if c.dep_ == "nsubj"), None)
                speaker = self._speaker(chunk, subject)
                if speaker is not None:
                    return speaker, "put it", 0.6, "as"
        return None

    def _named_colon(self, chunk: Chunk, q: Quoted) -> Speaker | None:
        """A person's name and a colon just before the quotation ("Pollsters agree
        - Tom Hale: “Keep contacting voters.”"): theirs."""
        before = self.text[chunk.start : q.open_at].rstrip()
        if not before.endswith(":") or chunk.doc is None:
            return None
        colon = len(before) - 1
        person = next((e for e in chunk.doc.ents if e.label_ == "PERSON"
                       and e.end_char == colon), None)
        if person is None or self._in_quote(chunk, chunk.start + person.start_char):
            return None
        return self.speakers.resolve_phrase(person.text, person.text, person.root.text,
                                            "NNP", True)

    def _runs_on(self, chunk: Chunk, q: Quoted) -> bool:
        """A quote of whole sentences that opens its sentence in the paragraph of
        the last speaker's quote, the writer's words trailing it (“I wouldn't call
        it reform. It's just a tax increase” for the top bracket.): theirs still."""
        opens = not self.text[chunk.start : q.open_at].strip()
        sentences = SENTENCE_INSIDE.search(self.text, q.start, q.end) is not None
        return opens and sentences and self.last is not None and chunk.prose == self.last_prose

    def _uncued(self, chunk: Chunk, q: Quoted, next_chunk: Chunk | None):
        """A quote with no cue in its sentence: a dash and a name after it, a cue
        opening the next paragraph, else the previous speaker (continuation)."""
        dash = DASH_NAME.match(self.text, q.close_end)
        if dash:
            name = dash.group("name").strip()
            speaker = self.speakers.resolve_phrase(name, name, name.split()[-1], "NNP", True)
            if speaker is not None:
                return speaker, "", 0.7, "dash"
        frame = _frame(self.text, chunk).strip(" ,.;:")
        if self.colon is not None and self.colon[0] == chunk.index - 1 and not frame:
            cue = self.colon[1]
            return cue.speaker, cue.text, 0.75, "colon"
        if next_chunk is not None and next_chunk.paragraph != chunk.paragraph and \
                not next_chunk.quotes and next_chunk.doc is not None and \
                self.text[q.start : q.end].rstrip().endswith(","):
            for cue in self._cues(next_chunk):
                if cue.speaker is not None and cue.content is None and cue.speech:
                    return cue.speaker, cue.text, 0.7, "next"
            match = FRAME.match(self.text, next_chunk.start, next_chunk.end)
            if match:
                name = match.group("name") or match.group("name2")
                speaker = self.speakers.resolve_phrase(name, None, name.split()[-1], "NNP", True)
                if speaker is not None:
                    return speaker, (match.group("cue") or match.group("cue2")).lower(), 0.65, \
                        "next"
        labelled = self._labelled_as(chunk, q) or self._put_it(chunk, q)
        if labelled is not None:
            return labelled
        named = self._named_colon(chunk, q)
        if named is not None:
            return named, ":", 0.7, "colon"
        if len(frame.split()) > 3 and not self._runs_on(chunk, q):
            return None, "", 0, ""
        if self.subject is not None and self.subject[0] == chunk.index - 1 and \
                self.subject[0] > self.last_chunk:
            # "He also did not give a date." then a quote: his.
            return self.subject[1], "", 0.55, "subject"
        if self.last is not None and chunk.prose - self.last_prose <= 1:
            return self.last_speaker, "", 0.6, "continuation"
        return None, "", 0, ""
