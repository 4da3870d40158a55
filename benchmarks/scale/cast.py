"""Who speaks and who publishes: the people and outlets of the archive.

The officials of ``fixtures/people.json`` and the outlets of
``fixtures/outlets.json`` come first (they are the most quoted and the
biggest publishers); generated people and outlets follow. List order is Zipf
rank. Each Speaker knows how an article names them the first time ("Kremlin
spokesman Dmitry Peskov") and after that ("Peskov", "the Kremlin spokesman",
"he").
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field
from random import Random

from django.conf import settings
from django.utils.text import slugify

from .vocabulary import (
    AGENCIES,
    ANONYMOUS_SPEAKERS,
    COUNTRIES,
    FIRST_NAMES,
    GROUP_SPEAKERS,
    ORGANISATION_SPEAKERS,
    OUTLET_COUNTRIES,
    OUTLET_NOUNS,
    OUTLET_PLACES,
    PLACES,
    ROLES,
    STYLES,
    SURNAMES,
    Marks,
    capitalise,
)

FIXTURES = settings.BASE_DIR / "fixtures"
WOMEN = {"melania-trump"}  # of the fixtures' officials: "she" in later mentions


@dataclass(slots=True)
class Speaker:
    """A Person row and how articles write their name."""

    id: int
    name: str
    slug: str
    kind: str = "person"
    title: str = ""
    organisation: str = ""
    country: str = ""
    official: bool = False  # from fixtures/people.json
    reviewed: bool = False
    full: list[str] = field(default_factory=list)  # first mention in an article
    short: list[str] = field(default_factory=list)  # later mentions
    aliases: list[tuple[str, str]] = field(default_factory=list)  # (text, kind)
    first_seen: datetime.datetime | None = None

    @property
    def label(self) -> str:
        """What a headline calls them."""
        return self.short[0] if self.short else self.name


@dataclass(slots=True)
class Source:
    """An Outlet row, and the quotation marks its articles use."""

    id: int
    name: str
    slug: str
    domains: list[str]
    country: str
    kind: str
    marks: Marks
    first_seen: datetime.datetime | None = None

    @property
    def domain(self) -> str:
        return self.domains[0]

    def written(self) -> str:
        """Its name inside a sentence ("told the AP" reads "told The Associated Press")."""
        return "the " + self.name[4:] if self.name.startswith("The ") else self.name


def fixture(name: str) -> list[dict]:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def unique_slug(text: str, taken: set[str]) -> str:
    """``quotes.models.unique_slug`` without a query per name: "-2" on a clash."""
    base = slugify(text)[:192] or "unnamed"
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    taken.add(slug)
    return slug


def official_speakers() -> list[Speaker]:
    """The officials of fixtures/people.json with their aliases, most quoted first."""
    rows = fixture("people.json")
    people = {}
    for row in rows:
        if row["model"] == "quotes.person":
            data = row["fields"]
            people[data["slug"]] = Speaker(
                id=len(people) + 1, name=data["name"], slug=data["slug"], kind=data["kind"],
                title=data["title"], organisation=data["organisation"],
                country=data["country"], official=True, reviewed=data["reviewed"],
            )
    for row in rows:
        if row["model"] == "quotes.personalias":
            data = row["fields"]
            people[data["person"][0]].aliases.append((data["text"], data["kind"]))
    for person in people.values():
        names = [text for text, kind in person.aliases if kind == "name"]
        roles = [text for text, kind in person.aliases if kind == "role"]
        if person.kind == "person":
            person.full = [person.name] + [f"{role} {person.name}" for role in roles[:2]]
            person.short = [n for n in names if " " not in n] + [
                f"the {role}" for role in roles if role[:1].isupper() and not {"'", "’"} & set(role)
            ] + ["she" if person.slug in WOMEN else "he"]
        else:
            person.full = [person.name, *names]
            person.short = [person.name, *names]
    return list(people.values())


def generated_speaker(id: int, rng: Random, names: set[str], slugs: set[str]) -> Speaker:
    """An unknown speaker the importer met: a person mostly, else an organisation,
    a group or an anonymous source. Names never repeat: the importer would have
    matched the one it met before."""
    for attempt in range(10):
        country, adjective = COUNTRIES[rng.randrange(len(COUNTRIES))]
        roll = rng.random() if attempt < 3 else 0.0  # few group names: then a person
        if roll < 0.88:
            first, pronoun = rng.choice(FIRST_NAMES)
            surname = rng.choice(SURNAMES)
            middle = f" {chr(65 + rng.randrange(26))}." if len(names) > 5_000 else ""
            name, kind = f"{first}{middle} {surname}", "person"
        elif roll < 0.94:
            template = rng.choice(ORGANISATION_SPEAKERS)
            name = template.format(Adjective=adjective, place=rng.choice(PLACES))
            kind = "organization"
        elif roll < 0.98:
            name, kind = capitalise(rng.choice(GROUP_SPEAKERS).format(adjective=adjective)), "group"
        else:
            name, kind = rng.choice(ANONYMOUS_SPEAKERS).format(adjective=adjective), "anonymous"
        if name.casefold() not in names:
            break
    else:
        name = f"{name} {id}"
    names.add(name.casefold())
    speaker = Speaker(id=id, name=name, slug=unique_slug(name, slugs), kind=kind,
                      country=country)
    if kind == "person":
        role = f"{adjective} {rng.choice(ROLES)}"
        speaker.title = capitalise(role)
        written = " ".join(capitalise(word) for word in role.split())
        speaker.full = [name, f"{written} {name}"]
        speaker.short = [surname, f"the {role}", pronoun]
        speaker.aliases = [(role, "role")]
    elif kind == "organization":
        speaker.organisation = name
        speaker.full = [f"the {name}"]
        speaker.short = [f"the {name}", "the " + name.split()[-1]]
    else:
        speaker.full = speaker.short = [name]
    return speaker


def speakers(count: int, rng: Random) -> list[Speaker]:
    """``count`` speakers, the officials first: list order is Zipf rank."""
    people = official_speakers()
    names = {person.name.casefold() for person in people}
    slugs = {person.slug for person in people}
    while len(people) < count:
        person = generated_speaker(len(people) + 1, rng, names, slugs)
        # Editors check the frequent speakers first.
        person.reviewed = rng.random() < (0.8 if person.id < 300 else 0.15)
        people.append(person)
    return people


def outlets(count: int, rng: Random) -> list[Source]:
    """``count`` outlets: those of fixtures/outlets.json, news agencies, then
    generated newspapers, broadcasters and sites. List order is Zipf rank."""
    found = []
    for row in fixture("outlets.json"):
        data = row["fields"]
        found.append(Source(
            id=len(found) + 1, name=data["name"], slug=data["slug"], domains=data["domains"],
            country=data["country"], kind=data["kind"], marks=rng.choice(STYLES),
        ))
    slugs = {source.slug for source in found}
    names = {source.name for source in found}
    for name, domain, country in AGENCIES:
        found.append(Source(
            id=len(found) + 1, name=name, slug=unique_slug(name, slugs), domains=[domain],
            country=country, kind="agency", marks=rng.choice(STYLES),
        ))
    while len(found) < count:
        noun, kind = rng.choice(OUTLET_NOUNS)
        name = f"{rng.choice(OUTLET_PLACES)} {noun}"
        if rng.random() < 0.3:
            name = "The " + name
        if name in names:
            name += f" {rng.choice(['Online', 'International', 'Weekend', 'Plus', 'Live'])}"
        if name in names:
            name += f" {len(found)}"
        names.add(name)
        country, tld = rng.choice(OUTLET_COUNTRIES)
        slug = unique_slug(name, slugs)
        domain = slug.replace("-", "") + tld
        found.append(Source(
            id=len(found) + 1, name=name, slug=slug, domains=[domain], country=country,
            kind=kind, marks=rng.choice(STYLES),
        ))
    return found
