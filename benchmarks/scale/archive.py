"""The archive itself: articles in publication order, each with its statements,
as the rows an import (and then the editors) would have written.

``Archive`` is an iterator of ``Built`` articles, so the loader can send
rows as they come and memory stays flat at any size. Every statement's text
is its article's ``text[start:end]``, and about a quarter of them are an
earlier statement of the same speaker re-reported by another outlet a few
days later (word for word, in other quotation marks, cut short or with a
word changed), so "also reported" has real groups to find.
"""

from __future__ import annotations

import datetime
import json
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from random import Random

from django.utils.text import slugify

from quotes import editing
from quotes.models import Outlet, Person, PersonAlias, content_hash

from .cast import Source, Speaker, fixture, outlets, speakers
from .vocabulary import (
    FIRST_NAMES,
    STYLES,
    SURNAMES,
    SYNONYMS,
    TOPICS,
    Marks,
    Phrases,
    Zipf,
    capitalise,
)

# The shape of issue 9, per statement: 1,000,000 statements are about 100,000
# articles, 20,000 speakers and 2,000 outlets.
STATEMENTS_PER_ARTICLE = 10
STATEMENTS_PER_PERSON = 50
STATEMENTS_PER_OUTLET = 500
YEARS = 5
UNDATED = 0.02  # articles without a publication date
NO_URL = 0.01  # articles imported from files, not URLs
UNTITLED = 0.05
QUOTES = 0.6  # the rest are claims
REREPORTS = 0.25  # an earlier statement again, in another outlet's article
REREPORT_DAYS = 5  # "a few days later", in an archive of 50 articles a day or more
MAIN_SPEAKER = 0.75  # an article's statements are mostly its main speaker's
# Articles whose third speaker is anyone at all: the long tail of people
# quoted once or twice, without which a Zipf draw leaves a third of them silent.
ONE_OFF = 0.3
NO_SPEAKER = 0.015  # "he said" the extractor could not resolve
VIA = 0.25  # articles crediting an agency ("TASS quoted ...")
# Review outcomes, as shares of all statements.
VERIFIED, CORRECTED, REJECTED = 0.02, 0.007, 0.005
# Speakers' and outlets' Zipf exponents: with 1.15 the eleven officials say
# 43 % of all statements, Dmitry Peskov alone 16 % (measured at 1,000,000).
SPEAKER_ZIPF = 1.15
OUTLET_ZIPF = 1.0
QUOTE_CUES = Zipf(["said", "told reporters", "added", "stressed", "noted", "warned",
                   "said in a statement", "told a news conference", "wrote on Telegram",
                   "insisted", "told journalists", "said on Tuesday"], 0.9)
CLAIM_CUES = Zipf(["said", "noted", "stressed", "told reporters", "warned", "argued",
                   "insisted", "confirmed", "claimed", "suggested", "acknowledged"], 0.9)
PARTIAL_CUES = ["called", "described"]
PRONOUNS = ["he", "she", "they"]
SECTIONS = ["world", "politics", "europe", "news", "international", "diplomacy"]

ARTICLE_COLUMNS = ("id", "outlet_id", "url", "title", "author", "published_on", "text",
                   "content_hash", "source", "imported_at", "updated_at", "extracted_at")
STATEMENT_COLUMNS = ("id", "article_id", "speaker_id", "speaker_mention", "text", "start",
                     "end", "cue", "partial", "via_id", "confidence", "status", "reviewed_at",
                     "reviewed_by_id", "published_on", "created_at", "updated_at")
HISTORY_COLUMNS = ("history_date", "history_change_reason", "history_type", "history_user_id")
PERSON_COLUMNS = ("id", "name", "slug", "title", "organisation", "country", "kind", "reviewed",
                  "created_at", "updated_at")
ALIAS_COLUMNS = ("id", "person_id", "text", "kind")
OUTLET_COLUMNS = ("id", "name", "slug", "domains", "country", "kind", "created_at")


def utc(day: datetime.date, seconds: float = 0.0) -> datetime.datetime:
    start = datetime.datetime.combine(day, datetime.time(), tzinfo=datetime.UTC)
    return start + datetime.timedelta(seconds=seconds)


@dataclass(slots=True)
class Said:
    """One statement as generated: what ends up in a Quote or Claim row."""

    kind: str  # "quote" or "claim"
    speaker: Speaker | None
    mention: str
    text: str
    start: int
    cue: str
    partial: bool
    via: Source | None
    confidence: float


@dataclass(slots=True)
class Reported:
    """A statement some article carried, for others to re-report a few days later."""

    day: int
    outlet: int
    kind: str
    words: str  # the template text, marks not yet rendered
    marks: Marks


class Paragraphs:
    """Article text built paragraph by paragraph, knowing each statement's offset."""

    def __init__(self):
        self.parts: list[str] = []
        self.length = 0

    def add(self, *pieces: str) -> int:
        """Append a paragraph made of ``pieces``; return where the second piece starts."""
        if self.parts:
            self.parts.append("\n")
            self.length += 1
        at = self.length + len(pieces[0])
        for piece in pieces:
            self.parts.append(piece)
            self.length += len(piece)
        return at

    def text(self) -> str:
        return "".join(self.parts)


@dataclass
class Draft:
    """An article being written: where it appears, its text so far, its statements."""

    outlet: Source
    via: Source | None
    day_index: int
    published_on: datetime.date | None
    text: Paragraphs = field(default_factory=Paragraphs)
    said: list[Said] = field(default_factory=list)
    mentioned: set[int] = field(default_factory=set)  # speakers named once already


@dataclass
class Built:
    """One article's rows, ready for COPY."""

    articles: list[tuple]
    quotes: list[tuple] = field(default_factory=list)
    claims: list[tuple] = field(default_factory=list)
    quote_history: list[tuple] = field(default_factory=list)
    claim_history: list[tuple] = field(default_factory=list)


class Archive:
    """Generates the articles of an N-statement archive, in publication order."""

    def __init__(self, statements: int, seed: int, editors: list[int],
                 today: datetime.date | None = None):
        self.statements = statements
        self.rng = rng = Random(seed)
        self.editors = editors
        self.phrases = Phrases()
        self.today = today or datetime.date.today()
        self.first_day = self.today - datetime.timedelta(days=round(YEARS * 365.25))
        self.days = (self.today - self.first_day).days
        self.people = speakers(max(60, statements // STATEMENTS_PER_PERSON), rng)
        self.outlets = outlets(max(40, statements // STATEMENTS_PER_OUTLET), rng)
        self.fixture_outlets = len(fixture("outlets.json"))
        self.agencies = [source for source in self.outlets if source.kind == "agency"]
        self.speaker_rank = Zipf(range(len(self.people)), SPEAKER_ZIPF)
        self.outlet_rank = Zipf(range(len(self.outlets)), OUTLET_ZIPF)
        self.agency_rank = Zipf(range(len(self.agencies)), 1.0)
        # A small archive has an article every few days: its re-reports look
        # further back, over about as many articles as five days of a big one.
        per_day = statements / STATEMENTS_PER_ARTICLE / self.days
        self.rereport_days = max(REREPORT_DAYS, round(250 / per_day))
        self.recent: dict[int, deque[Reported]] = {}
        self.recent_day = 0
        self.done = 0  # statements generated
        self.rereports = 0
        self.articles = 0
        self.counts = {"quote": 0, "claim": 0}

    def __iter__(self) -> Iterator[Built]:
        while self.done < self.statements:
            yield self.article()

    # One article --------------------------------------------------------------

    def article(self) -> Built:
        rng = self.rng
        self.articles += 1
        # Publication order: the day follows the share of statements written so far.
        day_index = self.done * self.days // self.statements
        day = self.first_day + datetime.timedelta(days=day_index)
        self._forget_before(day_index - self.rereport_days)
        imported = utc(day, rng.uniform(5 * 3600, 30 * 3600))
        outlet = self.outlets[self.outlet_rank.index(rng)]
        outlet.first_seen = outlet.first_seen or imported
        via = self.agencies[self.agency_rank.index(rng)] if rng.random() < VIA else None
        draft = Draft(outlet, None if via is outlet else via, day_index,
                      None if rng.random() < UNDATED else day)
        ranks = [self.speaker_rank.index(rng) for _ in range(3)]
        if rng.random() < ONE_OFF:
            ranks[2] = rng.randrange(len(self.people))
        cast = [self._speaker(rank, imported) for rank in ranks]
        size = rng.gammavariate(4, STATEMENTS_PER_ARTICLE / 4)
        wanted = min(self.statements - self.done, max(1, round(size)))
        draft.text.add(self.phrases.filler(rng))
        while len(draft.said) < wanted:
            speaker = cast[0] if rng.random() < MAIN_SPEAKER else rng.choice(cast[1:])
            if rng.random() < NO_SPEAKER:
                speaker = None
            self._statement(draft, speaker, room=wanted - len(draft.said))
            if rng.random() < 0.3:
                draft.text.add(self.phrases.filler(rng))
        return self._rows(draft, imported, day, cast[0])

    def _speaker(self, rank: int, when: datetime.datetime) -> Speaker:
        speaker = self.people[rank]
        speaker.first_seen = speaker.first_seen or when
        return speaker

    def _forget_before(self, day_index: int) -> None:
        """Drop re-report candidates too old to be "a few days later" (bounded memory)."""
        if day_index <= self.recent_day:
            return
        self.recent_day = day_index
        for key in list(self.recent):
            entries = self.recent[key]
            while entries and entries[0].day < day_index:
                entries.popleft()
            if not entries:
                del self.recent[key]

    def _words(self, kind: str, speaker: Speaker | None, draft: Draft) -> tuple[str, Marks]:
        """A statement's template text and the marks it is written with: new, or
        (for a quarter of them) an earlier one of the same speaker from another
        outlet, word for word, in other quotation marks, cut or with a word changed."""
        rng = self.rng
        earlier = None
        if speaker is not None and self.rereports < REREPORTS * (self.done + len(draft.said) + 1):
            elsewhere = [r for r in self.recent.get(speaker.id, ())
                         if r.outlet != draft.outlet.id and r.kind == kind]
            earlier = rng.choice(elsewhere) if elsewhere else None
        if earlier is None:
            words = self.phrases.quote(rng) if kind == "quote" else self.phrases.claim(rng)
            if speaker is not None and draft.published_on is not None:
                entries = self.recent.setdefault(speaker.id, deque(maxlen=4))
                entries.append(Reported(draft.day_index, draft.outlet.id, kind, words,
                                        draft.outlet.marks))
            return words, draft.outlet.marks
        self.rereports += 1
        roll = rng.random()
        if roll < 0.45:
            return earlier.words, earlier.marks
        if roll < 0.65:
            return earlier.words, next(m for m in STYLES if m != earlier.marks)
        if roll < 0.85:
            return shortened(earlier.words, rng), draft.outlet.marks
        return reworded(earlier.words, rng), draft.outlet.marks

    def _statement(self, draft: Draft, speaker: Speaker | None, room: int) -> None:
        """Write one statement's paragraph into ``draft``."""
        rng = self.rng
        credited = draft.via if draft.via is not None and rng.random() < 0.85 else None
        if speaker is None:
            mention = rng.choice(PRONOUNS)
        elif speaker.id in draft.mentioned:
            mention = rng.choice(speaker.short)
        else:
            mention = rng.choice(speaker.full)
            draft.mentioned.add(speaker.id)
        # The extractor's confidence: lower for pronouns, lowest for nobody.
        base = 0.4 if speaker is None else 0.78 if mention in PRONOUNS else 0.9
        if rng.random() < QUOTES:
            self._quote(draft, speaker, mention, credited, base)
        else:
            self._claim(draft, speaker, mention, credited, base, room)

    def _quote(self, draft: Draft, speaker: Speaker | None, mention: str,
               credited: Source | None, base: float) -> None:
        rng, marks, said = self.rng, draft.outlet.marks, draft.said
        if said and said[-1].kind == "quote" and not said[-1].partial and rng.random() < 0.1:
            # The same quote goes on in a paragraph of its own: no cue, lower confidence.
            last = said[-1]
            words, style = self._words("quote", last.speaker, draft)
            quoted = style.render(words)
            start = draft.text.add(marks.open, quoted, marks.close)
            said.append(Said("quote", last.speaker, last.mention, quoted, start, "", False,
                             last.via, self._confidence(0.6)))
            return
        if rng.random() < 0.08:
            # A fragment quoted inside the writer's sentence.
            quality, cue = self.phrases.quality(rng), rng.choice(PARTIAL_CUES)
            mention = capitalise(mention)
            lead = f"{mention} {cue} {rng.choice(TOPICS)} {'as ' if cue == 'described' else ''}"
            start = draft.text.add(lead + marks.open, quality, marks.close + ".")
            said.append(Said("quote", speaker, mention, quality, start, cue, True, credited,
                             self._confidence(base)))
            return
        words, style = self._words("quote", speaker, draft)
        quoted = style.render(words)
        if credited is not None and rng.random() < 0.5:
            cue = "told"
            quoted = quoted[:-1] + ","
            after = f"{marks.close} {mention} told {credited.written()}."
            start = draft.text.add(marks.open, quoted, after)
        elif rng.random() < 0.6:
            cue = QUOTE_CUES.draw(rng)
            quoted = quoted[:-1] + ","
            start = draft.text.add(marks.open, quoted, f"{marks.close} {mention} {cue}.")
        else:
            cue, mention = QUOTE_CUES.draw(rng), capitalise(mention)
            start = draft.text.add(f"{mention} {cue}: {marks.open}", quoted, marks.close)
        said.append(Said("quote", speaker, mention, quoted, start, cue, False, credited,
                         self._confidence(base)))

    def _claim(self, draft: Draft, speaker: Speaker | None, mention: str,
               credited: Source | None, base: float, room: int) -> None:
        rng = self.rng
        words, style = self._words("claim", speaker, draft)
        claim = style.render(words)
        if credited is not None and rng.random() < 0.5:
            cue, mention = "told", capitalise(mention)
            start = draft.text.add(f"{mention} told {credited.written()} that ", claim, ".")
        elif rng.random() < 0.15:
            cue = "according to"
            start = draft.text.add(f"According to {mention}, ", claim, ".")
        else:
            cue, mention = CLAIM_CUES.draw(rng), capitalise(mention)
            after = f", {credited.written()} reported." if credited is not None else "."
            start = draft.text.add(f"{mention} {cue} that ", claim, after)
        draft.said.append(Said("claim", speaker, mention, claim, start, cue, False, credited,
                               self._confidence(base - 0.15)))
        # A phrase quoted inside the claim is a (partial) quote of its own, as the
        # extractor finds it.
        opened = claim.find(style.open)
        closed = claim.find(style.close, opened + 1)
        if room > 1 and 0 <= opened < closed:
            phrase = claim[opened + 1 : closed]
            draft.said.append(Said("quote", speaker, mention, phrase, start + opened + 1, cue,
                                   True, credited, self._confidence(base)))

    def _confidence(self, base: float) -> float:
        return round(min(0.95, max(0.3, base + self.rng.uniform(-0.06, 0.06))), 2)

    # Rows ---------------------------------------------------------------------

    def _rows(self, draft: Draft, imported: datetime.datetime, day: datetime.date,
              main: Speaker) -> Built:
        """The article's row and its statements' rows, as an import writes them."""
        rng, outlet, number = self.rng, draft.outlet, self.articles
        title = "" if rng.random() < UNTITLED else self.phrases.title(rng, main.label)
        if rng.random() < NO_URL:
            url, source = None, f"archive/{outlet.slug}/{number}.txt"
        else:
            path = f"{rng.choice(SECTIONS)}/{day:%Y/%m/%d}" if draft.published_on else "news"
            url = source = (
                f"https://www.{outlet.domain}/{path}/{slugify(title)[:80] or 'article'}-{number}"
            )
        author = ""
        if rng.random() < 0.7:
            author = f"{rng.choice(FIRST_NAMES)[0]} {rng.choice(SURNAMES)}"
        # Statements are stored while the article is extracted, then extracted_at is set.
        created = imported + datetime.timedelta(seconds=rng.uniform(0.5, 3))
        body = draft.text.text()
        built = Built([(number, outlet.id, url, title, author, draft.published_on, body,
                       content_hash(body), source, imported, imported,
                       created + datetime.timedelta(seconds=0.2))])
        for item in draft.said:
            self.done += 1
            self.counts[item.kind] += 1
            if item.via is not None:
                item.via.first_seen = item.via.first_seen or imported
            row, *history = self._review(self.counts[item.kind], number, item,
                                         draft.published_on, created)
            if item.kind == "quote":
                built.quotes.append(row)
                built.quote_history += history
            else:
                built.claims.append(row)
                built.claim_history += history
        return built

    def _review(self, row_id: int, article_id: int, item: Said, published_on,
                created: datetime.datetime) -> list[tuple]:
        """The statement's row, its history row as imported ('+'), and for a
        reviewed one the editor's change ('~') with the admin's reason."""
        rng = self.rng
        speaker_id = item.speaker.id if item.speaker else None
        via_id = item.via.id if item.via else None

        def row(speaker_id, cue, status, reviewed_at, editor, updated):
            return (row_id, article_id, speaker_id, item.mention, item.text, item.start,
                    item.start + len(item.text), cue, item.partial, via_id, item.confidence,
                    status, reviewed_at, editor, published_on, created, updated)

        imported = row(speaker_id, item.cue, "automatic", None, None, created)
        roll = rng.random()
        if roll >= VERIFIED + CORRECTED + REJECTED:
            return [imported, imported + (created, None, "+", None)]
        editor = rng.choice(self.editors)
        now = datetime.datetime.now(datetime.UTC)
        reviewed_at = min(now, created + datetime.timedelta(seconds=rng.uniform(600, 20 * 86400)))
        if roll < VERIFIED:
            status, reason = "verified", "Verified"
        elif roll < VERIFIED + REJECTED:
            status, reason = "rejected", "Rejected"
        else:
            status = "corrected"
            if item.speaker is not None and rng.random() < 0.7:
                # The extractor credited someone else (or no one); an editor reassigned it.
                wrong = None if rng.random() < 0.3 else self.people[self.speaker_rank.index(rng)]
                if wrong is item.speaker:
                    wrong = None
                reason = f"Speaker {wrong.name if wrong else 'none'} -> {item.speaker.name}"
                if len(reason) > editing.REASON_MAX:
                    reason = "Corrected speaker"
                imported = row(wrong.id if wrong else None, item.cue, "automatic", None, None,
                               created)
            else:
                reason = "Corrected cue"
                imported = row(speaker_id, "", "automatic", None, None, created)
        final = row(speaker_id, item.cue, status, reviewed_at, editor, reviewed_at)
        return [final, imported + (created, None, "+", None),
                final + (reviewed_at, reason, "~", editor)]

    def reference_rows(self) -> list[tuple]:
        """(model, columns, rows) for outlets, people, aliases and their history,
        once the articles are written (who first appeared when is known then).

        The fixtures' officials and outlets were loaded (``loaddata`` writes no
        history); the others were created by an import when first met (a '+'
        row, nobody's), and some people were then marked reviewed by an
        editor, who added their role as an alias.
        """
        rng = self.rng
        start, now = utc(self.first_day), datetime.datetime.now(datetime.UTC)
        span = (now - start).total_seconds()

        def created(thing: Speaker | Source) -> datetime.datetime:
            # Never met in a statement: an import whose statements were removed since.
            return thing.first_seen or start + datetime.timedelta(seconds=rng.uniform(0, span))

        outlets, outlet_history = [], []
        for source in self.outlets:
            row = (source.id, source.name, source.slug, json.dumps(source.domains),
                   source.country, source.kind, created(source))
            outlets.append(row)
            if source.id > self.fixture_outlets:
                outlet_history.append(row + (row[-1], None, "+", None))
        people, person_history, aliases, alias_history = [], [], [], []
        for person in self.people:
            when = created(person)
            if person.official:
                people.append((person.id, person.name, person.slug, person.title,
                               person.organisation, person.country, person.kind, True, when,
                               when))
                for text, kind in person.aliases:
                    aliases.append((len(aliases) + 1, person.id, text, kind))
                continue
            found = (person.id, person.name, person.slug, "", "", "", person.kind, False, when,
                     when)
            person_history.append(found + (when, None, "+", None))
            if not person.reviewed:
                people.append(found)
                continue
            editor = rng.choice(self.editors)
            reviewed = min(now, when + datetime.timedelta(days=rng.uniform(0.5, 30)))
            row = (person.id, person.name, person.slug, person.title, person.organisation,
                   person.country, person.kind, True, when, reviewed)
            people.append(row)
            person_history.append(row + (reviewed, "Marked reviewed", "~", editor))
            for text, kind in person.aliases:
                aliases.append((len(aliases) + 1, person.id, text, kind))
                alias_history.append(aliases[-1] + (reviewed, None, "+", editor))
        return [
            (Outlet, OUTLET_COLUMNS, outlets),
            (Outlet.history.model, OUTLET_COLUMNS + HISTORY_COLUMNS, outlet_history),
            (Person, PERSON_COLUMNS, people),
            (Person.history.model, PERSON_COLUMNS + HISTORY_COLUMNS, person_history),
            (PersonAlias, ALIAS_COLUMNS, aliases),
            (PersonAlias.history.model, ALIAS_COLUMNS + HISTORY_COLUMNS, alias_history),
        ]


def shortened(words: str, rng: Random) -> str:
    """The statement cut by a word or three at the start or the end, as another
    outlet quoted less of it."""
    tokens = words.split()
    cut = rng.randint(1, 3)
    if len(tokens) - cut < 5 or tokens[-1].count('"') or words.count('"') % 2:
        return words
    if rng.random() < 0.5:
        return " ".join(tokens[cut:])
    end = tokens[-1][-1] if tokens[-1][-1] in ".?!" else ""
    kept = " ".join(tokens[:-cut]).rstrip(",;:")
    return kept + end if kept.count('"') % 2 == 0 else words


def reworded(words: str, rng: Random) -> str:
    """The statement with one word another outlet translated differently."""
    tokens = words.split()
    spots = [n for n, token in enumerate(tokens) if token.strip('.,"').lower() in SYNONYMS]
    if not spots:
        return words
    n = rng.choice(spots)
    bare = tokens[n].strip('.,"')
    other = SYNONYMS[bare.lower()]
    tokens[n] = tokens[n].replace(bare, capitalise(other) if bare[0].isupper() else other)
    return " ".join(tokens)
