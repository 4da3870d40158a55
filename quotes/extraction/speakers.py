"""Who is speaking: turn a subject phrase into a speaker, resolving names,
surnames, pronouns and role phrases against the article read so far.

Coreference here is a handful of rules, in order of trust: a PERSON name in
the phrase; a name or alias of a known person; a role a known person holds
("the press secretary of Russian President Vladimir Putin"); a surname met
earlier as part of a full name; a role word met earlier next to a name
("Kremlin spokesman Dmitry Peskov" makes "the spokesman" Peskov); and for
he/she the last person who spoke (or, failing that, was named).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .cues import ANONYMOUS_HEADS, DOCUMENT_HEADS, OUTLET_WORDS
from .types import KnownPerson

# Capitalised only because they open a sentence: never part of a name.
SENTENCE_WORDS = set("""
The In On At But And As If When Then So Now Still Yet Also After Before While Since
Asked Speaking According Last This That These Those Meanwhile However Earlier Later
For What Why How Where Who With From Unlike Despite Although Though Because During
Under Without
""".split())
# Last words of a capitalised run that name a body, not a person ("Mexican
# Embassy", "Chicago Teachers Union"): no he or she refers to them.
BODY_WORDS = set("""
Embassy Ministry Department Committee Party University Institute Center Centre Council
Foundation Campaign House Senate Congress Administration Commission Agency Office Times
Post News Group Association Union Court Bank Fund Network Journal Organization
""".split())
PERSON_PRONOUNS = {"he", "she", "him", "her"}
UNRESOLVABLE = {"i", "we", "you", "they", "it", "who", "which", "that", "one", "me", "us",
                "this", "those", "these", "all", "what", "them", "their", "themselves",
                "itself", "its", "something"}
# What a finding comes from: a document, not an outlet nor a person.
FINDING_HEADS = {"review", "survey", "study", "analysis", "poll", "polls", "email", "emails",
                 "data", "figures", "transcript", "audit", "investigation", "book"}
# "Some have suggested that ...", "Both have promised ...": a group, kept as written.
QUANTIFIERS = {"some", "many", "others", "both", "several", "most", "few"}
TITLES = {
    "mr", "mrs", "ms", "miss", "dr", "sen", "senator", "rep", "gov", "governor", "president",
    "vice", "secretary", "minister", "judge", "gen", "general", "prof", "professor",
    "mayor", "speaker", "chairman", "chairwoman", "ambassador", "spokesman", "spokeswoman",
    "spokesperson", "former", "candidate", "nominee", "democratic", "republican", "gop",
    "sir", "lady", "the", "a", "an", "rev", "state", "attorney", "leader", "rep.", "sen.",
    "del", "delegate",
}
# Words that make a role someone held, not holds: "the former first lady".
PAST_HOLDER = re.compile(r"\b(?:former|ex-|then-|onetime|one-time|late|previous)")
# Words that make the title after them a lesser one ("Vice President").
SECOND_RANK = {"vice", "deputy", "assistant", "lieutenant", "under"}
# Nouns that name a position a person holds: "the spokesman", "the senator".
ROLE_HEADS = {
    "spokesman", "spokeswoman", "spokesperson", "secretary", "minister", "president",
    "senator", "governor", "candidate", "nominee", "judge", "mayor", "chairman",
    "chairwoman", "ambassador", "envoy", "official", "director", "aide", "adviser",
    "advisor", "leader", "chief", "congressman", "congresswoman", "lawmaker", "justice",
    "attorney", "economist", "professor", "analyst", "manager", "strategist", "businessman",
    "billionaire", "diplomat", "representative", "general", "commander", "premier",
    "chancellor", "prosecutor", "lawyer", "executive", "founder", "host", "author",
}
# At most 32 words (Title Case headlines run to 15): unbounded, a long run of
# short capitalised words ("Ab Cd Ab Cd ...") was tried from each word to its
# end, quadratic in the run.
NAME_RUN = re.compile(
    r"\b[A-Z][a-z’'-]+(?: (?:[A-Z]\.|[A-Z][a-z’'-]+)){0,30} [A-Z][a-z’'-]{2,}\b"
)
CAPITALISED = re.compile(r"\b[A-Z][a-z’'-]+\b")
# A capitalised run after these is a place ("in South Carolina", "near Fort
# Pierce"), never a person a later "he" or "she" could mean.
PLACE_BEFORE = re.compile(r"\b(?:in|near|across|throughout|outside|inside|into|across)\s+$",
                          re.IGNORECASE)
# Enough first names to keep "she" off men and "he" off women in US and
# European political news; unknown names fit either pronoun.
FEMALE = set("""
hillary chelsea melania michelle nancy elizabeth sarah kellyanne megyn ivanka huma
donna debbie jill carly nikki condoleezza condi madeleine dianne kamala amy kirsten
maxine susan susana janet loretta sally hope kayleigh karine jen maria marie anna
ursula angela theresa kaja giorgia marine emmanuelle christine kristalina federica
mary patricia jennifer linda barbara margaret lisa karen betty helen sandra ashley
kimberly emily laura rebecca sharon cynthia kathleen katie kate ann anne ruth julia
lindsey paula claire olena yulia viktoria valentina natalia svetlana tatiana irina
liz tulsi marsha joni lisa shelley heidi tammy jeanne stephanie rachel brenda alice
maureen phyllis betsy patti arianna melissa ava robyn juanita dorothy gwen hilary maggie
jane wendy claudia erin zoe alicia catherine marla angie jessica elaine tina kristen sonia
samantha deborah megan stacey heather connie polly jillian carole myra kelli cecile
roseann diane sara suzanne nina roberta gloria gisela penny louise martha lily andrea
jenna beverly caroline joan judith judy carol janice julie nicole michele valerie
""".split())
MALE = set("""
donald barack joe joseph bernie ted marco john mike michael paul mitch bill chris jeb ben
tim rand lindsey george ronald jimmy gerald richard dick al newt rudy rudolph reince sean
steve steven stephen kevin james jim robert bob david dan daniel thomas tom mark matt
matthew eric corey jared jason jeff jeffrey scott chuck harry charles frank gary larry
martin peter pete rick ryan sam samuel tony anthony vladimir dmitry sergey sergei kirill
volodymyr emmanuel boris olaf justin xi recep benjamin bibi ali muhammad abdullah andrew
brian carl colin dennis douglas edward ed greg gregory henry jack jerry jesse jonathan
keith kenneth ken lee luis carlos jorge jose juan manuel nick nicholas patrick
raymond roger roy russell stanley terry todd walter wayne william willie rex reid
jon josh glenn alan bruce don morton robby jake oliver marvin ron bobby geoff brent
christopher marty brad marc craig sheldon sebastian mitt norbert stuart howard hugh jacob
phil leonard norman jeffery ari gordon elijah andy gene mitchell clint francois stefan
fred dante norm simon neil allan wesley curt ian barry evan lance aaron bryan darrell doug
lawrence rob teddy stan chad victor joel harold nigel sidney hank isaac antonin bret
ernest murray marcel derek brandon nate timothy nathan geoffrey cory freddy glen zach
joey len terence jamal duncan charlie trey adam laurence felipe philip arthur albert
""".split())
# First names given to women and men alike ("Lindsey", "Terry"):
# either pronoun fits, whatever the lists above say.
UNISEX = {"lindsey", "terry", "lee", "jesse", "kelly", "leslie", "jordan", "taylor",
          "robin", "dana", "jean", "morgan", "casey", "jamie", "tracy", "shannon"}
# Nouns before a name that settle its gender ("the widow Terry Lund"), over
# the first-name lists: "Terry" or "Jean" can be either.
FEMALE_NOUNS = {"widow", "wife", "mother", "daughter", "sister", "woman", "grandmother",
                "congresswoman", "spokeswoman", "chairwoman", "businesswoman", "actress",
                "niece", "aunt", "girlfriend", "mrs.", "ms.", "mrs", "ms"}
MALE_NOUNS = {"widower", "husband", "father", "son", "brother", "man", "grandfather",
              "congressman", "spokesman", "chairman", "businessman", "actor", "nephew",
              "uncle", "boyfriend", "mr.", "mr"}
PRONOUN_STRATEGY = "hybrid"  # measured against "speaker" and "mention": see docs
# How many earlier people a pronoun or a role phrase ("the official") looks
# back over: far more than any article keeps in play, and a bound on the work
# per statement, so a text of thousands of "he said" stays linear.
LOOKBACK = 200


def _fits(name: str, female: bool) -> bool:
    first = name.split()[0].lower().strip(".")
    if first in {"mrs", "ms", "miss"}:
        return female
    if first in {"mr"}:
        return not female
    if first in UNISEX:
        return True
    if first in FEMALE:
        return female
    if first in MALE:
        return not female
    return True  # unknown: either


# "a White House official", "an EU diplomat": singular, indefinite, up to three
# capitalised modifiers. Plurals are groups and never "the official" later.
ANONYMOUS_SOURCE = re.compile(
    r"\b(?:a|an|one)\s+(?:senior\s+|top\s+|former\s+)?(?:[A-Z][\w.’'-]*\s+){1,3}"
    r"(?P<head>official|source|aide|diplomat|insider)\b"
)
# A sentence's opening prepositional phrase, up to its comma ("In an interview with X, ").
INTRO_PHRASE = re.compile(
    r"\s*(?:In|At|On|During|After|Before|With|From|Under|Unlike|Like|Despite|Asked about)"
    r" [^,.;“”\"]{1,120}, ")
# Words that make a definite role phrase describe someone already in the story.
DESCRIBED = {"former", "current", "then", "longtime", "onetime", "and"}
POSSESSIVE = re.compile(r"(?:’s|'s|’|')$")

# Places a capitalised run or a misread entity may be, never a person a later
# he/she means ("Fort Pierce", "New Hampshire"): the states (not those that are
# also surnames alone: Washington, Georgia, Indiana, Virginia), and a place word.
US_STATES = {
    "alabama", "alaska", "arizona", "arkansas", "california", "colorado", "connecticut",
    "delaware", "florida", "hawaii", "idaho", "illinois", "iowa", "kansas", "kentucky",
    "louisiana", "maine", "maryland", "massachusetts", "michigan", "minnesota",
    "mississippi", "missouri", "montana", "nebraska", "nevada", "new hampshire", "new jersey",
    "new mexico", "new york", "north carolina", "north dakota", "ohio", "oklahoma", "oregon",
    "pennsylvania", "rhode island", "south carolina", "south dakota", "tennessee", "texas",
    "utah", "vermont", "west virginia", "wisconsin", "wyoming", "puerto rico", "north korea",
    "south korea",
}
PLACE_FIRST_WORDS = {"fort", "mount", "lake", "port", "cape", "camp"}


def is_place(name: str) -> bool:
    """Whether a capitalised run names a place: a state, or "Fort ...", "... County"."""
    words = POSSESSIVE.sub("", name.lower()).split()
    return bool(words) and (" ".join(words) in US_STATES or words[0] in PLACE_FIRST_WORDS
                            or words[-1] == "county")


NUMERAL_SUFFIX = re.compile(r",? (?:II|III|IV)$")
JR_SUFFIX = re.compile(r",? (Jr|Sr)\.?$")


@dataclass
class Speaker:
    """A resolved speaker: name, the words the article used, type and trust."""

    name: str
    mention: str
    type: str = "person"
    confidence: float = 0.9
    named: bool = False  # a person's name stands behind it (pronouns may point here)
    # How it was resolved, a feature of the confidence model: name, known (a
    # known person's name, alias or role), surname, role, pronoun, phrase.
    how: str = "phrase"
    # For he/she: characters back to the antecedent, and how many other people
    # were named in the 600 characters before (more candidates, more mistakes).
    reach: int = 0
    rivals: int = 0


WEEKDAYS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
# Verbs of a title-case headline that the model tags as part of a name.
HEADLINE_VERBS = {"Says", "Said", "Tells", "Told", "Warns", "Insists", "Admits", "Asks",
                  "Slams", "Vows", "Urges", "Denies", "Claims"}


def _clean(name: str) -> str:
    name = POSSESSIVE.sub("", name.strip(" ,.;:—–-\"“”"))
    # "Donald Trump Jr." is not his father (issue 10): "Jr." stays, without its
    # comma, and is never taken for the surname (see _surname); II, III go.
    name = NUMERAL_SUFFIX.sub("", name.strip())
    name = JR_SUFFIX.sub(r" \1.", name)
    name = name.strip()
    # A headline in title case ("Lund Says Museum Will Open"): the verb is not
    # part of the name the model tagged.
    while " " in name and name.rsplit(" ", 1)[1] in HEADLINE_VERBS:
        name = name.rsplit(" ", 1)[0].rstrip()
    return name


SUFFIXES = {"jr.", "sr."}


def _surname(name: str) -> str:
    """The last word of a name that is not a suffix: "Donald Trump Jr." -> "trump"."""
    words = [w.lower() for w in name.split()]
    while len(words) > 1 and words[-1] in SUFFIXES:
        words.pop()
    return words[-1] if words else ""


def without_suffix(name: str) -> str:
    """"Donald Trump Jr." -> "Donald Trump"."""
    words = name.split()
    while len(words) > 1 and words[-1].lower() in SUFFIXES:
        words.pop()
    return " ".join(words)


def _strip_titles(name: str) -> str:
    words = name.split()
    while len(words) > 1 and words[0].lower().rstrip(".") in TITLES:
        words = words[1:]
    return " ".join(words)


@dataclass(frozen=True)
class KnownIndex:
    """The known people's names, aliases, roles and surnames, indexed.

    An importer passes the same thousands of people to every article:
    indexing them took 60 ms an article among 3,000 reviewed people, so it
    is done once per list (``known_index``).
    """

    known: dict[str, str]  # a name or alias, lowercased -> the name
    roles: list[tuple[str, str]]  # (role lowercased, name), longest first
    kinds: dict[str, str]  # name -> kind
    # Known people by the last word of their name (the first one listed wins),
    # so that no surname lookup walks the whole list.
    by_surname: dict[str, KnownPerson]
    person_by_surname: dict[str, KnownPerson]
    # known_role()'s answers, (phrase, head) -> name: its walk is over every role.
    roles_found: dict[tuple[str, str], str | None]


# known_role() answers kept per list of people, at most.
ROLE_MEMO = 10_000
_last_index: tuple[tuple[KnownPerson, ...], KnownIndex] | None = None


def known_index(people: tuple[KnownPerson, ...]) -> KnownIndex:
    """The index of ``people``, built once for the same tuple (the importer
    keeps one per loaded people directory) or equal people."""
    global _last_index
    if _last_index is not None and (_last_index[0] is people or _last_index[0] == people):
        return _last_index[1]
    known: dict[str, str] = {}
    roles: list[tuple[str, str]] = []
    for person in people:
        known[person.name.lower()] = person.name
        for alias in person.aliases:
            known[alias.lower()] = person.name
        for role in person.roles:
            roles.append((role.lower().replace("’", "'"), person.name))
    # Longest roles first, so "press secretary of ... Putin" beats "Putin".
    roles.sort(key=lambda r: -len(r[0]))
    by_surname: dict[str, KnownPerson] = {}
    person_by_surname: dict[str, KnownPerson] = {}
    for person in people:
        last = person.name.split()[-1].lower() if person.name.split() else ""
        by_surname.setdefault(last, person)
        if person.kind == "person":
            person_by_surname.setdefault(last, person)
    index = KnownIndex(known, roles, {person.name: person.kind for person in people},
                       by_surname, person_by_surname, {})
    _last_index = (people, index)
    return index


class Speakers:
    """The speakers of one article, with the state coreference needs."""

    def __init__(self, people: tuple[KnownPerson, ...] = ()):
        self.people = people
        index = known_index(people)
        # Shared by every article given the same people: read, never written.
        self.known = index.known
        self.roles = index.roles
        self.kinds = index.kinds
        self.by_surname = index.by_surname
        self.person_by_surname = index.person_by_surname
        self._roles_found = index.roles_found
        self.full_names: dict[str, str] = {}  # last word -> full name seen
        # "spokesman" -> [({"kremlin"}, Peskov)]: role words, their modifiers, who.
        self.role_words: dict[str, list[tuple[set[str], Speaker]]] = {}
        self.last_person: str | None = None
        self.last_named: str | None = None
        # (offset, name) of every person named outside quotes, in text order.
        self.mentions: list[tuple[int, str]] = []
        self.spoken: list[str] = []
        self.spoken_at: list[tuple[int, str]] = []
        self.subjects: list[tuple[int, str]] = []  # people as grammatical subjects
        self.female: dict[str, bool] = {}  # name -> gender a noun next to it told

    # Reading the article -------------------------------------------------------

    def named_in_full(self, surname: str) -> str | None:
        """The first and last name the article gave someone called ``surname``
        ("trump" -> "Donald Trump"), or None when it never gave both."""
        named = self.full_names.get(surname.lower(), "")
        return named if len(named.split()) >= 2 else None

    def see_name(self, name: str, offset: int | None = None) -> str:
        """Register a PERSON name met in the text (at ``offset``); return its canonical form."""
        name = _strip_titles(_clean(name))
        if not name:
            return name
        canonical = self.canonical(name)
        if len(canonical.split()) >= 2:
            self.full_names.setdefault(_surname(canonical), canonical)
        self.last_named = canonical
        if offset is not None:
            self.mentions.append((offset, canonical))
        return canonical

    def see_text(self, text: str, base: int = 0) -> None:
        """Register the names in text that was not parsed, by rule (cheap).

        Runs of capitalised words count as names, and so do surnames of names
        met before.
        """
        found = []
        for match in NAME_RUN.finditer(text):
            words = match.group().split()
            while words and words[0] in SENTENCE_WORDS:
                words = words[1:]
            if words and words[-1] in WEEKDAYS:
                words = words[:-1]  # "Fort Pierce, Florida Friday": a place and a day
            if len(words) < 2 or words[-1] in BODY_WORDS or is_place(" ".join(words)) or \
                    PLACE_BEFORE.search(text, max(0, match.start() - 12), match.start()):
                continue
            if words[-1].lower() in TITLES and text.startswith(".", match.end()):
                continue  # "Vermont Sen. Erik Lund": a place and a title; the name follows
            # "Foreign Minister Anna Berg": the title words are a role, not the name.
            titles = []
            while len(words) > 2 and (words[0].lower() in TITLES | ROLE_HEADS
                                      or words[1].lower() in ROLE_HEADS):
                titles.append(words.pop(0))
            if words[0].lower() in TITLES | ROLE_HEADS:
                continue
            name = " ".join(words)
            self.full_names.setdefault(words[-1].lower(), name)
            canonical = self.canonical(name)
            found.append((base + match.start(), canonical))
            for word in titles:
                if word.lower() in ROLE_HEADS:
                    self.see_role(word, Speaker(canonical, name, "person", 0.8, named=True,
                                                how="role"),
                                  titles)
        for match in CAPITALISED.finditer(text):
            last = POSSESSIVE.sub("", match.group().lower())  # "Mr. Obama's bet is ..."
            if last in self.full_names and not any(
                o <= base + match.start() < o + len(n) + 20 for o, n in found
            ):
                found.append((base + match.start(), self.full_names[last]))
        for offset, name in sorted(found):
            self.mentions.append((offset, name))
            self.last_named = name
        opening = 0
        intro = INTRO_PHRASE.match(text)
        if intro:
            # "In an interview with Nord Radio, Hale said ...": the subject
            # follows the opening phrase; names inside it are not the subject.
            opening = intro.end()
            found_after = [f for f in sorted(found) if f[0] - base >= opening]
        else:
            found_after = sorted(found)
        if found_after and found_after[0][0] - base - opening < 40:
            # A name opening a sentence is nearly always its subject.
            self.subjects.append(found_after[0])

    def see_sources(self, text: str) -> None:
        """Remember anonymous sources introduced in passing ("confirmed by a White
        House official"), so that a later "The official said" means them."""
        for match in ANONYMOUS_SOURCE.finditer(text):
            phrase = " ".join(match.group().split())
            head = match.group("head").lower()
            self.see_role(head, Speaker(phrase, phrase, "anonymous", 0.7), phrase.split())

    def see_subject(self, name: str, offset: int) -> str:
        """Register a person who is the subject of a clause (pronouns prefer them)."""
        canonical = self.see_name(name)
        self.subjects.append((offset, canonical))
        return canonical

    def see_role(self, role_word: str, speaker: Speaker, modifiers=()) -> None:
        """Remember that ``role_word`` ("spokesman") refers to ``speaker`` in this article.

        ``modifiers`` are the words around it ("Kremlin", "Republican"); a later
        "the Democratic nominee" must not contradict them.
        """
        words = {w.lower().strip(".,’'") for w in modifiers} - {role_word.lower()}
        self.role_words.setdefault(role_word.lower(), []).append((words, speaker))

    def by_role(self, head: str, mention: str) -> Speaker | None:
        """The person an earlier role phrase named, if this one fits it."""
        wanted = {w.lower().strip(".,’'") for w in mention.split()[1:]} - {head.lower()}
        earlier = self.role_words.get(head.lower(), [])
        for words, speaker in reversed(earlier[-LOOKBACK:]):
            # "Vice President Joseph R. Biden" is "the vice president", never "the president".
            if wanted <= words and not (words & SECOND_RANK) - wanted:
                return speaker
        return None

    def see_gender(self, name: str, words) -> None:
        """Remember the gender that a noun before ``name`` tells ("widow")."""
        low = {w.lower().strip(",") for w in words}
        if low & FEMALE_NOUNS:
            self.female[name] = True
        elif low & MALE_NOUNS:
            self.female[name] = False

    def spoke(self, speaker: Speaker, offset: int | None = None) -> None:
        """Record that ``speaker`` made a statement (pronouns will point here)."""
        if speaker.type == "person" and speaker.named:
            self.last_person = speaker.name
            self.spoken.append(speaker.name)
            if offset is not None:
                self.spoken_at.append((offset, speaker.name))

    # Resolving -------------------------------------------------------------------

    def canonical(self, name: str) -> str:
        """Map a person's name as written to the fullest name known for them."""
        key = name.lower().replace("’", "'")
        stripped = _strip_titles(name)
        for alias in (key, stripped.lower()):
            if alias in self.known:
                return self.full_names[alias] if self._shadowed(alias) else self.known[alias]
        last = stripped.split()[-1].lower() if stripped else ""
        if last in self.person_by_surname:
            person = self.person_by_surname[last].name
            first = stripped.split()[0].lower()
            # "Luis Rubio" is not Marco Rubio, nor "Ivana Trump" Donald Trump:
            # another first name is another person (a first name the lists do
            # not know counts when it does not open like the known one's).
            known_first = person.split()[0].lower()
            other = first in FEMALE | MALE or (first.isalpha() and len(first) > 2
                                               and first[:3] != known_first[:3])
            if not (len(stripped.split()) > 1 and other and first != known_first):
                return person
        if len(stripped.split()) == 1 and last in self.full_names:
            return self.full_names[last]
        return stripped

    def _shadowed(self, alias: str) -> bool:
        """Whether a known alias that is a bare surname names someone else in
        this article: "Mr. Rubio" after "Luis Rubio" is not the known Marco Rubio."""
        named = self.full_names.get(alias) if " " not in alias else None
        return bool(named) and named != self.known[alias]

    def known_role(self, phrase: str, head: str = "") -> str | None:
        """Return the known person a role phrase names, if any.

        The role must contain the phrase's head word: "Donald Trump's
        administration" is not the role "US President".
        """
        text = phrase.lower().replace("’", "'")
        if PAST_HOLDER.search(text):
            return None  # "the former secretary of state": not who holds it now
        key = (text, head.lower())
        if key not in self._roles_found:
            if len(self._roles_found) >= ROLE_MEMO:
                self._roles_found.clear()
            self._roles_found[key] = next(
                (name for role, name in self.roles
                 if role in text and (not head or head.lower() in role.split())),
                None,
            )
        return self._roles_found[key]

    def resolve_pronoun(self, word: str, offset: int | None = None,
                        any_gender: bool = False) -> Speaker | None:
        """he/she: the last person named before ``offset`` whose gender fits,
        else the last person who spoke; ``any_gender`` for a role phrase."""
        if word.lower() not in PERSON_PRONOUNS:
            return None
        female = word.lower() in {"she", "her"}
        def fits(name: str, female: bool) -> bool:
            if any_gender:
                return True
            told = self.female.get(name)
            return _fits(name, female) if told is None else told == female
        name = None
        pool = {"subject": self.subjects[-LOOKBACK:], "mention": self.mentions[-LOOKBACK:],
                "hybrid": sorted(self.subjects[-LOOKBACK:] + self.spoken_at[-LOOKBACK:])
                }.get(PRONOUN_STRATEGY, [])
        reach, rivals = 5000, 0
        if PRONOUN_STRATEGY != "speaker" and offset is not None:
            for at, candidate in reversed(pool):
                if at < offset and fits(candidate, female):
                    name, reach = candidate, offset - at
                    break
            rivals = len({n for at, n in self.mentions[-50:]
                          if offset - 600 < at < offset and n != name})
        if name is None:
            for candidate in reversed(self.spoken[-LOOKBACK:]):
                if fits(candidate, female):
                    name = candidate
                    break
        if name is None and offset is not None:
            # No subject or speaker fits: the last person named whose gender
            # does ("Christie described Clinton as ... after she attacked").
            name = next((n for at, n in reversed(self.mentions[-LOOKBACK:])
                         if at < offset and fits(n, female)), None)
        if name is None:
            name = next((n for n in (self.last_person, self.last_named) if n and fits(n, female)),
                        None)
        if not name:
            return None
        return Speaker(name, word, "person", 0.7, named=True, how="pronoun", reach=reach,
                       rivals=rivals)

    def resolve_phrase(self, mention: str, person_name: str | None, head: str,
                       head_tag: str, head_is_proper: bool,
                       offset: int | None = None) -> Speaker | None:
        """Resolve a subject phrase.

        ``person_name`` is a PERSON entity that heads the phrase (if any),
        ``head`` its head word with ``head_tag`` (Penn tag).
        """
        mention = mention.strip(" ,")
        low_head = head.lower()
        if low_head in PERSON_PRONOUNS and len(mention.split()) == 1:
            return self.resolve_pronoun(head, offset)
        if low_head in {"his", "her"} and len(mention.split()) == 1:
            # "his claim that ...": the owner of a nominal cue is he or she.
            speaker = self.resolve_pronoun("he" if low_head == "his" else "she", offset)
            if speaker is None or not _fits(speaker.name, low_head == "her"):
                return None
            return speaker
        if low_head in UNRESOLVABLE and len(mention.split()) <= 2:
            return None
        if person_name:
            name = self.see_name(person_name)
            speaker = Speaker(name, mention, "person", 0.9, named=True,
                              how="known" if name in self.kinds else "name")
            # "Kremlin spokesman Dmitry Peskov": remember the role word.
            titles = mention.split()[: -len(person_name.split()) or None]
            self.see_gender(name, titles)
            for word in titles:
                if word.lower() in ROLE_HEADS:
                    self.see_role(word, speaker, titles)
            return speaker
        role = self.known_role(mention, head)
        if role:
            return Speaker(role, mention, self.kinds.get(role, "person"), 0.8, named=True,
                           how="known")
        plain = _strip_titles(_clean(mention))
        if plain.lower() in self.known and not self._shadowed(plain.lower()):
            name = self.known[plain.lower()]
            return Speaker(name, mention, self.kinds.get(name, "person"), 0.85, named=True,
                           how="known")
        # (A lone capitalised word the tagger took for a common noun: "Trump has said".)
        if (head_is_proper or len(mention.split()) == 1) and head[:1].isupper():
            last = _clean(head).lower()
            other = self._other_first_name(plain, last)
            if other:
                # "Ivanka Trump" after "Donald Trump": a relative, not him.
                name = self.see_name(other)
                return Speaker(name, mention, "person", 0.85, named=True, how="name")
            if last in self.full_names and last not in OUTLET_WORDS:
                return Speaker(self.full_names[last], mention, "person", 0.8, named=True,
                               how="surname")
            if last in self.by_surname:
                person = self.by_surname[last]
                return Speaker(person.name, mention, person.kind, 0.85, named=True,
                               how="known")
        earlier = None
        if mention.lower().split()[0] in {"the", "this"}:
            earlier = self.by_role(low_head, mention)
        if earlier is not None:
            return Speaker(earlier.name, mention, earlier.type, 0.7, named=earlier.named,
                           how="role")
        words = mention.lower().split()
        if (words[0] == "the" and low_head in ROLE_HEADS | {"lady"} and head_tag == "NN"
                and DESCRIBED & set(words) and offset is not None):
            # "the former secretary of state and current nominee said": a
            # description of someone in the story, as a pronoun would be.
            speaker = self.resolve_pronoun("she" if low_head == "lady" else "he", offset,
                                           any_gender=low_head != "lady")
            if speaker is not None:
                speaker.mention, speaker.how = mention, "role"
                return speaker
        kind = "group" if low_head in QUANTIFIERS else self.classify(mention, head, head_tag)
        speaker = Speaker(_clean(mention), mention, kind, 0.75)
        if kind in {"anonymous", "group"} or low_head in ROLE_HEADS:
            self.see_role(low_head, speaker, mention.split())
        return speaker

    def _other_first_name(self, plain: str, last: str) -> str | None:
        """``plain`` if it is a first name and ``last``, the surname of someone
        else met in full ("Ivanka Trump" after "Donald Trump"), else None."""
        words = plain.split()
        full = self.full_names.get(last)
        if len(words) != 2 or full is None or words[1].lower() != last:
            return None
        first = words[0].lower()
        if first in FEMALE | MALE and first != full.split()[0].lower():
            return plain
        return None

    @staticmethod
    def classify(mention: str, head: str, head_tag: str) -> str:
        """Guess the type of a non-person speaker: outlet, anonymous, group, organization."""
        low_head = head.lower()
        if low_head in DOCUMENT_HEADS | FINDING_HEADS and low_head not in OUTLET_WORDS:
            return "document"  # "an email ... obtained by the Island Courier": not the Courier
        # The outlet is in the phrase's own words, not in what follows it ("a
        # review of Island Courier filings" is no outlet either way).
        own = re.split(r"\s(?:of|from|by|with|in|at|for|obtained|published|released)\s",
                       mention)[0].split()
        words = {w.lower().strip(".,’'") for w in own}
        if words & OUTLET_WORDS and any(w[:1].isupper() for w in own):
            if low_head not in ANONYMOUS_HEADS:
                return "outlet"
        if low_head in ANONYMOUS_HEADS:
            indefinite = mention.split()[0].lower() in {"a", "an", "one", "some", "two", "several"}
            plural = head_tag == "NNS" or low_head.endswith("s")  # "Officials" opening a line
            return "anonymous" if indefinite or plural else "person"
        if head_tag in {"NNS", "NNPS"} or (head_tag == "NNP" and low_head.endswith("s") and
                                           head.istitle() and len(mention.split()) == 1 and
                                           low_head[:-1] in ROLE_HEADS | {"expert", "analyst"}):
            return "group"
        if head[:1].isupper() or low_head not in ROLE_HEADS:
            return "organization"
        return "person"
