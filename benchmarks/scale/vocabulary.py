"""Words and sentence shapes for the archive-scale database (``scale_db.py``).

Everything here is written for the generator: no text comes from any corpus.
Lists are in order of frequency: ``Zipf`` draws the first entries often and
the last ones rarely, so a search finds frequent words ("talks" in about four
statements in ten, "sanctions" in one in six), middling ones ("pipeline",
"Geneva": a few in a hundred), rare ones ("desalination": a few in a
thousand) and very rare ones (the small towns of ``TOWNS``).

Statement templates use ``'`` for apostrophes and ``"`` for quotation marks
inside a statement; ``Marks`` renders them in an outlet's style (curly,
straight or guillemets), which is also how one statement comes to be
reported with different quotation marks.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect
from dataclasses import dataclass
from random import Random


class Zipf:
    """Draws ``items`` with weight 1 / rank ** ``s``: a few often, a long tail rarely."""

    def __init__(self, items, s: float = 1.0):
        self.items = list(items)
        self.cumulative = list(
            itertools.accumulate(1 / rank**s for rank in range(1, len(self.items) + 1))
        )
        self.total = self.cumulative[-1]

    def index(self, rng: Random) -> int:
        return min(bisect(self.cumulative, rng.random() * self.total), len(self.items) - 1)

    def draw(self, rng: Random):
        return self.items[self.index(rng)]


TOPICS = [
    "the talks", "a ceasefire", "new sanctions", "the peace plan", "negotiations",
    "the summit", "security guarantees", "a meeting between the two presidents",
    "a prisoner exchange", "the grain deal", "troop withdrawals", "gas supplies",
    "the pipeline", "tariffs on steel", "arms deliveries", "the frozen assets",
    "a trade agreement", "the nuclear deal", "humanitarian corridors",
    "the energy infrastructure", "a peacekeeping mission", "the embassy staff",
    "visa restrictions", "the oil price cap", "the nuclear power plant",
    "the Black Sea corridor", "export controls", "air defence systems",
    "long-range missiles", "reconstruction funding", "the debt restructuring",
    "the migration pact", "the border demarcation", "a referendum",
    "the election results", "observers at the vote", "the investment fund",
    "direct flights", "the Arctic shipping route", "rare earth exports",
    "fertiliser shipments", "cyber attacks", "the drone strikes",
    "the mining agreement", "the customs union", "the wheat harvest",
    "sanctions relief", "the accession talks", "the monitoring mission",
    "military exercises", "the arms control treaty", "the naval blockade",
    "the refugee quota", "the climate fund", "fishing rights", "the gas transit contract",
    "the port concessions", "the railway link", "the currency swap line",
    "the space station programme", "the vaccine shipments", "the water-sharing accord",
    "the demilitarised zone", "the hostage negotiations", "the chemical weapons inquiry",
    "the copper concession", "the satellite launch", "the lithium contracts",
    "the Danube ports", "the hydropower dam", "semiconductor tariffs",
    "the uranium enrichment cap", "the spent fuel storage", "the cobalt mines",
    "the deep-sea mining code", "the desalination plant", "the whaling moratorium",
    "the Antarctic inspections", "the helium reserves", "the potash exports",
]

# Put between a topic's article and its noun ("the revised grain deal"); all
# start with a consonant, so "a" stays right.
MODIFIERS = [
    "new", "proposed", "revised", "joint", "bilateral", "long-term", "temporary", "broader",
    "permanent", "so-called", "latest", "final", "partial", "comprehensive", "regional",
    "trilateral", "lasting", "planned", "draft", "US-backed", "Turkish-brokered",
    "UN-backed", "phased", "limited", "binding", "symbolic", "wider", "second", "third",
]

VERBS = [
    "resume", "discuss", "extend", "lift", "review", "sign", "postpone", "expand",
    "abandon", "finalise", "suspend", "renew", "reconsider", "block", "accelerate",
    "revive", "freeze", "scale back", "ratify", "renegotiate",
]

# (name, adjective): the first ones are the archive's usual subjects.
COUNTRIES = [
    ("Russia", "Russian"), ("Ukraine", "Ukrainian"), ("the United States", "US"),
    ("China", "Chinese"), ("the European Union", "EU"), ("Turkey", "Turkish"),
    ("Iran", "Iranian"), ("Germany", "German"), ("France", "French"),
    ("the United Kingdom", "British"), ("Poland", "Polish"), ("Hungary", "Hungarian"),
    ("Saudi Arabia", "Saudi"), ("Qatar", "Qatari"), ("Belarus", "Belarusian"),
    ("India", "Indian"), ("Israel", "Israeli"), ("Japan", "Japanese"),
    ("Brazil", "Brazilian"), ("Kazakhstan", "Kazakh"), ("Georgia", "Georgian"),
    ("Moldova", "Moldovan"), ("Armenia", "Armenian"), ("Azerbaijan", "Azerbaijani"),
    ("Serbia", "Serbian"), ("Finland", "Finnish"), ("Norway", "Norwegian"),
    ("Italy", "Italian"), ("Spain", "Spanish"), ("Egypt", "Egyptian"),
    ("South Africa", "South African"), ("Indonesia", "Indonesian"), ("Mexico", "Mexican"),
    ("Canada", "Canadian"), ("Austria", "Austrian"), ("Slovakia", "Slovak"),
    ("Romania", "Romanian"), ("Bulgaria", "Bulgarian"), ("Estonia", "Estonian"),
    ("Latvia", "Latvian"), ("Lithuania", "Lithuanian"), ("Greece", "Greek"),
    ("Vietnam", "Vietnamese"), ("Nigeria", "Nigerian"), ("Argentina", "Argentine"),
    ("Chile", "Chilean"), ("Mongolia", "Mongolian"), ("Uzbekistan", "Uzbek"),
    ("Tajikistan", "Tajik"), ("Oman", "Omani"), ("Iceland", "Icelandic"),
]

PLACES = [
    "Moscow", "Washington", "Kyiv", "Brussels", "Beijing", "Istanbul", "Geneva",
    "Riyadh", "Ankara", "Minsk", "Doha", "Paris", "Berlin", "London", "Warsaw",
    "Budapest", "Vienna", "Tehran", "Abu Dhabi", "Helsinki", "New York", "Cairo",
    "Baku", "Yerevan", "Tbilisi", "Chisinau", "Belgrade", "Rome", "Madrid", "Oslo",
    "Tokyo", "New Delhi", "Astana", "Jeddah", "Sochi", "Odesa", "Kharkiv",
    "St Petersburg", "Munich", "Davos", "Stockholm", "Copenhagen", "Bucharest",
    "Sofia", "Bratislava", "Prague", "Tallinn", "Riga", "Vilnius", "Athens",
    "Tashkent", "Bishkek", "Dushanbe", "Ulaanbaatar", "Hanoi", "Jakarta",
    "Brasilia", "Buenos Aires", "Pretoria", "Addis Ababa", "Nairobi", "Muscat",
    "Manama", "Amman", "Reykjavik", "Valletta", "Nicosia", "Ljubljana", "Podgorica",
    "Skopje", "Tirana", "Sarajevo", "Zagreb", "Windhoek", "Montevideo", "Canberra",
    "Wellington", "Suva", "Nuuk", "Longyearbyen",
]

# Small towns, made up from syllables: hundreds of names, most of them rare
# search terms (a few statements in a million).
TOWN_STARTS = ["Krasno", "Novo", "Staro", "Bilo", "Zelen", "Vysoko", "Dobro", "Sosno", "Kamen",
               "Lipo", "Bereza", "Pokrov", "Zorya", "Myro", "Verkh", "Chorno", "Yasno", "Orlo",
               "Solo", "Tern", "Vino", "Hlyno", "Lozo", "Polo", "Ivano", "Mali", "Veliko"]
TOWN_ENDS = ["hrad", "pil", "ivka", "ove", "yanka", "horod", "dar", "brid", "lyny", "vka",
             "selo", "dol", "hirne", "ska", "ytsia", "nivka", "bad", "vets"]
TOWNS = [start + end for start in TOWN_STARTS for end in TOWN_ENDS]

TIMES = [
    "for now", "this week", "at this stage", "in the coming days", "before the end of the year",
    "next month", "in the near future", "before the summit", "this year", "until the spring",
    "right now", "in the foreseeable future", "before the elections", "after the holidays",
]

QUALITIES = [
    "constructive", "very productive", "unacceptable", "a dangerous escalation",
    "a step in the right direction", "premature", "counterproductive", "a serious mistake",
    "business-like", "frank and substantive", "a provocation", "a positive dynamic",
    "absolutely unfounded", "extremely worrying", "a red line", "pure speculation",
    "a dead end", "useful but difficult", "a historic opportunity", "deeply regrettable",
]

# One word another outlet's version of a statement may use instead.
SYNONYMS = {
    "talks": "negotiations", "negotiations": "talks", "plans": "intention",
    "ready": "prepared", "meeting": "summit", "summit": "meeting", "decision": "choice",
    "progress": "movement", "question": "issue", "continue": "keep trying",
    "clear": "plain", "partners": "allies", "possible": "achievable", "results": "outcome",
    "raised": "discussed", "taken": "made", "expect": "hope", "never": "not",
}

ORGANISATIONS = [
    "the United Nations", "NATO", "the European Commission", "the G7", "the G20",
    "the OSCE", "the IAEA", "the Red Cross", "the World Bank", "the IMF", "the Arab League",
    "the African Union", "the WTO", "the Council of Europe", "ASEAN", "the BRICS group",
]

NUMBERS = ["two", "three", "four", "five", "six", "seven", "eight", "ten", "twelve"]
EVENTS = ["meeting", "summit", "visit", "round of talks", "phone call", "video conference",
          "working group", "consultation", "exchange of letters", "trip"]
LEVELS = ["deputy ministers", "experts", "envoys", "foreign ministers", "working groups",
          "technical teams", "military officers", "ambassadors", "national security advisers"]

# Statements as the extractor stores them, built from two or three of these
# clauses, each with two or more slots. Real statements of one speaker rarely
# share half their trigrams; with fewer slots, generated ones would, and
# "also reported" (pg_trgm similarity >= 0.5) would group unrelated ones.
# {Topic} is {topic} with a capital.
QUOTES = [
    "We have no plans to {verb} {topic} {time}.",
    "There is no deadline for {topic} {time}.",
    "Our position on {topic} has not changed since {month}.",
    "It's too early to talk about {topic} before the {event} in {place}.",
    "{Topic} remains on the table, as it was in {place}.",
    "We are ready to {verb} {topic} with {country} {time}.",
    "The talks in {place} on {topic} were {quality}.",
    "Nobody in {place} is talking about {topic} {time}.",
    "We expect {topic} to be discussed in {place} {time}.",
    "The president hasn't decided on {topic} yet and will not before the {event} in {place}.",
    "Let's wait for the results of the {event} in {place} on {topic}.",
    "We don't see any progress on {topic} from {country}.",
    "There can be no lasting peace without {topic} and {topic}.",
    "I can't comment on {topic} or on what was said in {place}.",
    "{Country} will never accept {topic} imposed by {organisation}.",
    "Any decision on {topic} will be taken by the president after {month}.",
    "We will continue to {verb} {topic} with {country} and our other partners.",
    "The question of {topic} was not raised in {place} on {date}.",
    "The meeting with {country} was {quality}, but there is still a lot of work on {topic}.",
    "We are not going to {verb} {topic} under pressure from {organisation}.",
    "The sanctions over {topic} have not worked, and they will not work against {country}.",
    "Peace with {country} is possible only through {topic}, and {country} knows it.",
    "We've made it clear where we stand on {topic} to our colleagues in {place}.",
    "This is a matter for {country} to decide, not for {organisation}.",
    "{Organisation} has no role to play in {topic} or in {topic}.",
    "We have told {country} many times that {topic} is not up for discussion.",
    "I spoke with my counterpart from {country} about {topic} on {date}.",
    "The delegation will travel to {place} {time} to {verb} {topic}.",
    "Contacts with {country} on {topic} continue at the level of {level} in {place}.",
    "What happened in {place} shows why {topic} matters to {country}.",
    "{Number} rounds of talks on {topic} have brought nothing so far.",
    "We need {topic} first; only then can we {verb} {topic}.",
    "The proposals on {topic} that {country} sent us are still being studied in {place}.",
    "We will respond to {topic} in a way that {country} will not like.",
    "Nothing has been agreed on {topic}, whatever is being written in {place}.",
    "Our experts are working on {topic} with colleagues from {organisation}.",
    "The envoy from {country} brought nothing new on {topic} to {place}.",
    "If {country} wants {topic}, it knows where to find us.",
    "We did not ask {organisation} to mediate on {topic}.",
    "Every day without {topic} costs lives in {town} and {town}.",
    "The shelling of {town} shows that {country} is not interested in {topic}.",
    "The draft on {topic} was handed over in {place} on {date}.",
    "You should ask {country} why {topic} has stalled.",
    "We are studying the signals from {country} on {topic} very carefully.",
    "Rumours about {topic} coming out of {place} have nothing to do with reality.",
    "The schedule for {topic} depends on {country}, not on us.",
    "There will be no concessions on {topic}, neither in {place} nor anywhere else.",
    "All the documents on {topic} are ready for signing in {place}.",
    "We warned {country} about the consequences of {topic} back in {month}.",
    "I would not call the exchange on {topic} in {place} a breakthrough.",
    "Both sides confirmed their interest in {topic} during the call on {date}.",
    "Our proposals on {topic} have been on the table since {month}.",
    "The next {event} on {topic} will most likely take place in {place}.",
    "We see no alternative to {topic} for {country}.",
    "Statements from {place} about {topic} are not helping anyone.",
    "{Country} must first stop {topic} before we discuss {topic}.",
    "Work on {topic} will go on at the level of {level} {time}.",
]

# Said before a quoted sentence that does not start with a name, or after it:
# two statements built on the same sentence then still read differently.
LEADS = [
    "Frankly,", "As I said on {weekday},", "Let me be clear:", "Once again,", "In any case,",
    "As far as we know,", "For our part,", "To be honest,", "Right now,", "At the moment,",
    "Unfortunately,", "Of course,", "Obviously,", "Despite everything,",
    "Whatever {country} says,", "After the call with {place},", "As the president said,",
    "Speaking of {topic},", "Since {month},", "Like everyone in {place},",
    "For the time being,", "With all due respect,", "Honestly,", "Again,", "I repeat:",
]
TAILS = [
    "as far as I know", "and that is our position", "whatever anyone says", "at least for now",
    "as I told the envoy from {country}", "and we said so in {place}", "if I may say so",
    "and I want to stress this", "despite the pressure from {country}", "in our view",
    "and this is important", "let there be no doubt about it", "as our partners know",
    "and {organisation} knows it", "as we discussed on {weekday}", "full stop",
    "and nothing has changed since {month}", "as I said in {place}",
]

# Reported speech: what follows "said that". A claim is one clause, or two
# joined by "and that" or ", but".
CLAIMS = [
    "{country} had no plans to {verb} {topic} {time}",
    "there was no deadline for {topic} and no {event} planned in {place}",
    "the talks in {place} on {topic} had been {quality}",
    "{topic} would be discussed at the {event} in {place} {time}",
    "{country} was ready to {verb} {topic} if {country} did the same",
    "no decision on {topic} had been taken yet in {place}",
    "no agreement on {topic} had been reached in {place} on {date}",
    "the president would {verb} {topic} {time}",
    "{country} would not {verb} {topic} under pressure from {organisation}",
    "the proposal on {topic} from {country} was \"{quality}\"",
    "negotiations on {topic} could resume in {place} {time}",
    "the sanctions over {topic} had failed to change {country}'s course",
    "the question of {topic} had not been raised with {country} on {date}",
    "{country} expected progress on {topic} {time}",
    "the government didn't intend to {verb} {topic} before {month}",
    "{organisation} had been told about {topic} in advance by {country}",
    "{number} rounds of talks on {topic} had brought no result in {place}",
    "experts from {country} and {country} were still working on {topic}",
    "{topic} was \"{quality}\" and {topic} was not on the agenda",
    "what happened in {place} showed that {topic} was \"{quality}\"",
    "the envoy from {country} had brought nothing new on {topic}",
    "{organisation} had not been asked to mediate on {topic}",
    "the draft on {topic} had been handed over in {place} on {date}",
    "{country} was to blame for the delay on {topic}",
    "the strike on {town} had been a deliberate attempt to derail {topic}",
    "the signals from {country} on {topic} were being studied carefully",
    "reports from {place} about {topic} had nothing to do with reality",
    "there would be no concessions on {topic} in {place}",
    "all documents on {topic} were ready for signing {time}",
    "{country} had been warned about {topic} back in {month}",
    "the next {event} on {topic} would take place in {place}",
    "there was no alternative to {topic} for {country}",
    "work on {topic} would continue at the level of {level}",
]

# Said before a claim: "said that, for now, ...".
CLAIM_LEADS = [
    "for now,", "in any case,", "for the time being,", "at this stage,", "despite everything,",
    "unlike last year,", "after the talks in {place},", "as of {date},", "since {month},",
    "judging by the contacts in {place},", "without {topic},", "once again,",
    "contrary to reports from {place},", "as things stood,", "in the view of {country},",
]

CLAIM_TAILS = [
    "as before", "despite the pressure from {country}", "at least until {month}",
    "whatever {organisation} said", "according to the latest contacts in {place}",
    "as agreed in {place}", "even after the events in {place}", "for the time being",
    "as far as the ministry knew", "unless {country} changed its position",
]

FILLERS = [
    "{Country} and {country} have held several rounds of talks on {topic} since {month}.",
    "The next meeting in {place} is scheduled for {weekday}.",
    "Talks on {topic} stalled in {month}.",
    "The remarks came a day after a delegation from {country} visited {place}.",
    "Officials from both sides are expected to meet again in {place}.",
    "The previous round of negotiations in {place} ended without a joint statement.",
    "{Topic} has been a point of contention since {year}.",
    "The foreign ministry in {place} did not reply to a request for comment.",
    "Markets in {place} barely moved on the news.",
]

TITLES = [
    "{Short} rules out {topic} {time}",
    "No deadline for {topic}, says {short}",
    "{Short}: {topic} remains on the table",
    "{Place} talks end without agreement on {topic}",
    "{Country} ready to {verb} {topic}",
    "{Short} on {topic}: 'We are not going to rush'",
    "What {short} said about {topic}",
]

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]

FIRST_NAMES = [
    ("Anna", "she"), ("Ivan", "he"), ("Maria", "she"), ("Olena", "she"), ("Pavel", "he"),
    ("John", "he"), ("Sarah", "she"), ("Ahmed", "he"), ("Fatima", "she"), ("Li", "he"),
    ("Mei", "she"), ("Hans", "he"), ("Ingrid", "she"), ("Pierre", "he"), ("Claire", "she"),
    ("Tomasz", "he"), ("Agnieszka", "she"), ("Giorgi", "he"), ("Nino", "she"),
    ("Mehmet", "he"), ("Ayse", "she"), ("Kenji", "he"), ("Yuki", "she"), ("Rahul", "he"),
    ("Priya", "she"), ("Carlos", "he"), ("Lucia", "she"), ("Mikko", "he"), ("Aino", "she"),
    ("Lars", "he"), ("Sigrid", "she"), ("Andrei", "he"), ("Elena", "she"), ("Bogdan", "he"),
    ("Irina", "she"), ("David", "he"), ("Rachel", "she"), ("Omar", "he"), ("Leila", "she"),
    ("Viktor", "he"), ("Zsofia", "she"), ("Marek", "he"), ("Jana", "she"), ("Nikos", "he"),
    ("Eleni", "she"), ("Arman", "he"), ("Aigerim", "she"), ("Tariq", "he"), ("Amina", "she"),
    ("Felipe", "he"), ("Camila", "she"), ("Kwame", "he"), ("Abena", "she"), ("Sergei", "he"),
    ("Tatiana", "she"), ("Dmitri", "he"), ("Oksana", "she"), ("Mark", "he"), ("Emily", "she"),
    ("Jonas", "he"), ("Greta", "she"), ("Matteo", "he"), ("Giulia", "she"), ("Hiroshi", "he"),
    ("Sakura", "she"), ("Bilal", "he"), ("Noor", "she"), ("Rustam", "he"), ("Dilnoza", "she"),
]

SURNAMES = [
    "Kovalenko", "Novak", "Schmidt", "Dubois", "Rossi", "Garcia", "Kowalski", "Horvath",
    "Petrov", "Ivanova", "Nielsen", "Virtanen", "Yilmaz", "Tanaka", "Sharma", "Haddad",
    "Okafor", "Mensah", "Silva", "Costa", "Papadopoulos", "Georgiou", "Beridze",
    "Mammadov", "Grigoryan", "Nazarbekov", "Karimov", "Rahimi", "Farouk", "Cohen",
    "Levi", "Johansson", "Larsen", "Berg", "Hansen", "Wagner", "Fischer", "Weber",
    "Moreau", "Lefebvre", "Bianchi", "Romano", "Lopez", "Martinez", "Fernandez",
    "Nowak", "Wisniewski", "Szabo", "Toth", "Popescu", "Ionescu", "Dimitrov", "Stoyanov",
    "Jovanovic", "Petrovic", "Kuznetsov", "Smirnov", "Volkov", "Sokolov", "Lebedev",
    "Morozov", "Bondarenko", "Shevchenko", "Tkachenko", "Melnyk", "Kravchenko", "Oliynyk",
    "Wang", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhou", "Wu", "Sato", "Suzuki",
    "Takahashi", "Watanabe", "Kim", "Park", "Lee", "Choi", "Nguyen", "Tran", "Pham",
    "Gupta", "Singh", "Patel", "Khan", "Hussain", "Ali", "Hassan", "Mahmoud", "Ibrahim",
    "Adeyemi", "Balogun", "Mwangi", "Otieno", "Dlamini", "Nkosi", "Santos", "Oliveira",
    "Pereira", "Almeida", "Rodriguez", "Gonzalez", "Herrera", "Castillo", "Vargas",
    "Andersson", "Lindqvist", "Korhonen", "Makinen", "Jensen", "Christensen", "Olsen",
    "Murphy", "Kelly", "Walsh", "Byrne", "Smith", "Brown", "Taylor", "Clarke", "Wright",
    "Walker", "Hughes", "Edwards", "Turner", "Collins", "Bennett", "Reed", "Foster",
    "Hoffmann", "Keller", "Bauer", "Richter", "Vogel", "Gruber", "Huber", "Steiner",
    "Lambert", "Fontaine", "Girard", "Marchetti", "Colombo", "Ferrara", "Esposito",
    "Aliyev", "Hasanov", "Sargsyan", "Tsereteli", "Kapanadze", "Ozturk", "Demir",
    "Celik", "Arslan", "Aydin", "Kaya", "Sahin", "Dogan", "Kilic", "Yildiz",
]

ROLES = [
    "foreign minister", "defence minister", "prime minister", "president",
    "foreign ministry spokesperson", "ambassador to the United Nations",
    "national security adviser", "deputy foreign minister", "economy minister",
    "energy minister", "chief negotiator", "presidential envoy", "finance minister",
    "opposition leader", "speaker of parliament", "trade representative",
]

ORGANISATION_SPEAKERS = [
    "{Adjective} foreign ministry", "{Adjective} defence ministry", "{Adjective} government",
    "{Adjective} presidential office", "{Adjective} central bank", "{Adjective} energy ministry",
    "{Adjective} parliament", "{Adjective} embassy in {place}",
]

GROUP_SPEAKERS = [
    "{adjective} officials", "{adjective} diplomats", "{adjective} lawmakers",
    "{adjective} negotiators", "{adjective} military commanders",
]

ANONYMOUS_SPEAKERS = [
    "a senior {adjective} official", "a {adjective} diplomatic source",
    "a source close to the {adjective} delegation", "a {adjective} government source",
    "an official familiar with the {adjective} position",
]

AGENCIES = [
    ("Reuters", "reuters.com", "United Kingdom"), ("Agence France-Presse", "afp.com", "France"),
    ("Interfax", "interfax.ru", "Russia"), ("Xinhua", "xinhuanet.com", "China"),
    ("Anadolu Agency", "aa.com.tr", "Turkey"), ("Kyodo News", "kyodonews.net", "Japan"),
    ("Yonhap", "yna.co.kr", "South Korea"), ("ANSA", "ansa.it", "Italy"),
    ("EFE", "efe.com", "Spain"), ("dpa", "dpa.com", "Germany"),
    ("Ukrinform", "ukrinform.net", "Ukraine"), ("PAP", "pap.pl", "Poland"),
    ("Press Trust of India", "ptinews.com", "India"), ("Antara", "antaranews.com", "Indonesia"),
    ("Kazinform", "inform.kz", "Kazakhstan"), ("BelTA", "belta.by", "Belarus"),
]

OUTLET_PLACES = [
    "Lakeside", "Northern", "Capital", "Riverside", "Harbour", "Eastern", "Western",
    "Southern", "Valley", "Coastal", "Highland", "Metropolitan", "Central", "Border",
    "Island", "Midland", "Prairie", "Summit", "Bay", "Delta", "Plains", "Forest",
    "Granite", "Silver", "Amber", "Baltic", "Adriatic", "Caspian", "Danube", "Alpine",
    "Atlantic", "Pacific", "Continental", "Global", "National", "Regional", "City",
    "Evening", "Morning", "Sunday", "Weekly", "Daily", "Free", "Independent", "United",
    "Old Town", "New Town", "Port", "Hill", "Meadow",
]

OUTLET_NOUNS = [
    ("Herald", "newspaper"), ("Times", "newspaper"), ("Post", "newspaper"),
    ("Gazette", "newspaper"), ("Tribune", "newspaper"), ("Observer", "newspaper"),
    ("Courier", "newspaper"), ("Chronicle", "newspaper"), ("Journal", "newspaper"),
    ("Monitor", "online"), ("Express", "newspaper"), ("News", "online"),
    ("Radio", "broadcaster"), ("TV", "broadcaster"), ("Today", "online"),
    ("Review", "magazine"), ("Star", "newspaper"), ("Sentinel", "newspaper"),
    ("Ledger", "newspaper"), ("Dispatch", "online"), ("Insider", "online"),
    ("Report", "online"), ("Digest", "magazine"), ("Bulletin", "other"),
    ("Wire", "online"), ("Weekly", "magazine"), ("Voice", "broadcaster"),
]

OUTLET_COUNTRIES = [
    ("United States", ".com"), ("United Kingdom", ".co.uk"), ("Germany", ".de"),
    ("France", ".fr"), ("Russia", ".ru"), ("Ukraine", ".ua"), ("Poland", ".pl"),
    ("Italy", ".it"), ("Spain", ".es"), ("Turkey", ".com.tr"), ("India", ".in"),
    ("Canada", ".ca"), ("Australia", ".com.au"), ("Belgium", ".be"), ("Austria", ".at"),
]


@dataclass(frozen=True)
class Marks:
    """How an outlet writes quotation marks and apostrophes."""

    open: str
    close: str
    apostrophe: str

    def render(self, text: str) -> str:
        """A template's ``"`` and ``'`` in this style (inner quotes open, then close)."""
        parts = text.replace("'", self.apostrophe).split('"')
        out = [parts[0]]
        for n, part in enumerate(parts[1:]):
            out.append((self.open if n % 2 == 0 else self.close) + part)
        return "".join(out)


CURLY = Marks("“", "”", "’")
STRAIGHT = Marks('"', '"', "'")
GUILLEMETS = Marks("«", "»", "’")
STYLES = [CURLY, CURLY, CURLY, STRAIGHT, GUILLEMETS]


SLOT = re.compile(r"\{(\w+)\}")


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


class Phrases:
    """Fills templates with Zipf-drawn words: statements, fillers and titles."""

    def __init__(self):
        self.topics = Zipf(TOPICS, 0.9)
        self.verbs = Zipf(VERBS, 0.8)
        self.countries = Zipf(COUNTRIES, 0.7)
        self.places = Zipf(PLACES, 0.8)
        self.times = Zipf(TIMES, 0.8)
        self.towns = Zipf(TOWNS, 1.0)
        self.qualities = Zipf(QUALITIES, 0.8)
        self.quotes = Zipf(QUOTES, 0.3)
        self.claims = Zipf(CLAIMS, 0.3)
        self.fillers = Zipf(FILLERS, 0.3)
        self.titles = Zipf(TITLES, 0.5)
        self.slots = {
            "topic": self.topic,
            "verb": self.verbs.draw,
            "country": lambda rng: self.countries.draw(rng)[0],
            "place": self.places.draw,
            "time": self.times.draw,
            "quality": self.qualities.draw,
            "month": lambda rng: rng.choice(MONTHS),
            "weekday": lambda rng: rng.choice(WEEKDAYS),
            "year": lambda rng: str(rng.randint(2014, 2022)),
            "organisation": lambda rng: rng.choice(ORGANISATIONS),
            "number": lambda rng: rng.choice(NUMBERS),
            "event": lambda rng: rng.choice(EVENTS),
            "level": lambda rng: rng.choice(LEVELS),
            "town": self.towns.draw,
            "date": lambda rng: f"{rng.randint(1, 28)} {rng.choice(MONTHS)}",
        }

    def fill(self, template: str, rng: Random, **given: str) -> str:
        """``template`` with each slot drawn afresh ("{Country} and {country}" are
        two countries), or taken from ``given``; a capitalised slot, capitalised."""

        def word(slot: re.Match) -> str:
            name = slot.group(1)
            value = given.get(name.lower()) or self.slots[name.lower()](rng)
            return capitalise(value) if name[0].isupper() else value

        return SLOT.sub(word, template)

    def quote(self, rng: Random) -> str:
        """Words in quotation marks: two sentences mostly, sometimes one or three."""
        sentences = rng.choices((1, 2, 3), (0.05, 0.65, 0.3))[0]
        return " ".join(self.sentence(rng) for _ in range(sentences))

    def sentence(self, rng: Random) -> str:
        """One quoted sentence, perhaps with a lead-in ("Frankly, ...") or a tail."""
        sentence = self.quotes.draw(rng)
        if sentence[0] != "{" and not sentence.startswith("I ") and rng.random() < 0.5:
            sentence = f"{rng.choice(LEADS)} {sentence[0].lower()}{sentence[1:]}"
        if rng.random() < 0.5:
            sentence = f"{sentence[:-1]}, {rng.choice(TAILS)}{sentence[-1]}"
        return self.fill(sentence, rng)

    def claim(self, rng: Random) -> str:
        """Reported speech: what follows "said that". Mostly two clauses, each
        perhaps with a lead-in ("for now, ...") or a tail."""
        clauses = [self._clause(rng)]
        if rng.random() < 0.85:
            clauses.append(self._clause(rng))
        return rng.choice((" and that ", ", but ")).join(clauses)

    def _clause(self, rng: Random) -> str:
        clause = self.claims.draw(rng)
        if rng.random() < 0.4:
            clause = f"{rng.choice(CLAIM_LEADS)} {clause}"
        if rng.random() < 0.4:
            clause = f"{clause}, {rng.choice(CLAIM_TAILS)}"
        return self.fill(clause, rng)

    def topic(self, rng: Random) -> str:
        """A topic, often with a modifier: the noun carries the search frequency,
        the modifier keeps two statements on the same topic apart."""
        topic = self.topics.draw(rng)
        if rng.random() < 0.4:
            return topic
        article, _, noun = topic.partition(" ")
        if article not in ("the", "a"):
            article, noun = "", topic
        return " ".join(filter(None, (article, rng.choice(MODIFIERS), noun)))

    def quality(self, rng: Random) -> str:
        return self.qualities.draw(rng)

    def filler(self, rng: Random) -> str:
        """A sentence of the writer's own, with no statement in it."""
        return self.fill(self.fillers.draw(rng), rng)

    def title(self, rng: Random, short: str) -> str:
        return capitalise(self.fill(self.titles.draw(rng), rng, short=short))
