"""Who the extractor's names are: Person rows for speakers, Outlet rows for outlets.

The extractor knows nothing of the database. Before it runs, the importer
gives it the people the app knows (``Directory.known_people()``); afterwards
``Directory.person_for()`` turns each speaker name it returns into a Person,
creating unreviewed ones for people the app has never met, and
``Outlets.find()`` does the same for the outlets and agencies an article
names or credits ("TASS quoted ...").

Both load their whole table (people and aliases: two queries) and make
matching a dictionary lookup instead of a query per statement. The people
are loaded once per process and kept while the tables' stamp stays the same:
numbers the database writes in every transaction that changes a person, an
alias or an outlet (migration 0014), sixteen small rows to read. So an
import among 20,000 people costs what it does among 20: loading and
indexing them each time took over a second an article, and hashing every
name to learn whether they had changed 16 ms.
"""

from __future__ import annotations

import re
from collections import ChainMap
from typing import NamedTuple
from urllib.parse import urlsplit

from django.db import IntegrityError, connection, transaction

from .extraction import KnownPerson
from .models import Outlet, Person, PersonAlias, slug_base

# The extractor's speaker_type values are Person.Kind values, spelled the same.
KINDS = set(Person.Kind.values)
# An unresolved pronoun is nobody; a Person called "He" would collect the
# statements of everyone the extractor could not resolve.
PRONOUNS = {"i", "we", "you", "he", "she", "it", "they", "him", "her", "them", "one"}


def normalise(name: str) -> str:
    """The matching form of a name: case-folded, one kind of apostrophe, one space."""
    name = name.replace("’", "'").replace("‘", "'").replace("`", "'")
    return " ".join(name.split()).strip(" ,.;:").casefold()


def _without_article(key: str) -> str:
    return key[4:] if key.startswith("the ") else key


class Directory:
    """Every Person with their names, aliases and roles, for one import step.

    Build it inside the transaction that stores the statements, so that the
    people it creates vanish with that transaction if the article fails.
    """

    def __init__(
        self, people: list[PersonRow | Person], aliases: dict[int, tuple[AliasRow, ...]]
    ):
        # Rows, not model instances: a Person instance costs ten times a
        # tuple to build (0.3 s for 20,000), and an article needs a handful.
        # Lookups return Person instances, built once per row (``_person``).
        self.people = people
        self.aliases = aliases  # person id -> their aliases (people made here have none)
        self.created: list[Person] = []  # by person_for(), for the import report
        self._known: tuple[KnownPerson, ...] | None = None  # known_people(), once
        self._instances: dict[int, Person] = {}
        self.by_name: dict[str, PersonRow | Person] = {}
        self.by_alias: dict[str, PersonRow | Person] = {}
        self.by_role: dict[str, PersonRow | Person] = {}
        self.by_surname: dict[str, list[PersonRow | Person]] = {}
        for person in people:
            self._index(person, own=True)

    @classmethod
    def load(cls) -> Directory:
        """Every person, from this process's copy while the people are unchanged.

        The stamp is read before the rows: a change committed in between
        makes the next stamp differ, never the copy look newer than it is.
        """
        global _loaded
        stamp = _stamp("people")
        if _loaded is None or _loaded[0] != stamp:
            _loaded = (stamp, cls(*_people_with_aliases()))
        return _loaded[1]._fork()

    def _fork(self) -> Directory:
        """A Directory over this one's people whose additions stay its own (the
        people an import creates vanish if its transaction rolls back)."""
        fork = Directory.__new__(Directory)
        fork.people = list(self.people)
        fork.aliases = self.aliases
        fork._instances = self._instances  # of committed rows: the same in every fork
        fork.created = []
        # The people a fork adds are unreviewed: the known ones stay the same,
        # one tuple for every article (the extractor indexes it once).
        fork._known = self.known_people()
        for table in ("by_name", "by_alias", "by_role", "by_surname"):
            setattr(fork, table, ChainMap({}, getattr(self, table)))
        return fork

    def _index(self, person: Person, *, own: bool = False) -> None:
        """Add ``person`` to the lookup tables (``own``: the surname lists are
        this Directory's alone, not shared with the one it was forked from)."""
        self.by_name.setdefault(normalise(person.name), person)
        for alias in self.aliases.get(person.pk, ()):
            table = self.by_role if alias.kind == PersonAlias.Kind.ROLE else self.by_alias
            table.setdefault(normalise(alias.text), person)
        if person.kind == Person.Kind.PERSON and len(person.name.split()) >= 2:
            surname = normalise(person.name.split()[-1])
            if own:
                # Appended in place: copying the list each time was quadratic
                # in a common surname's people (1.2 s among 20,000 people).
                self.by_surname.setdefault(surname, []).append(person)
            else:
                # A new list, never an append: a fork must not change its parent's.
                self.by_surname[surname] = [*self.by_surname.get(surname, ()), person]

    def known_people(self) -> tuple[KnownPerson, ...]:
        """The people the extractor may resolve roles, surnames and aliases to.

        Only people an editor has reviewed: what the extractor itself made up
        ("Reports", a misread name) must not steer the next extraction, and
        re-extracting an article then gives what its first import gave.
        Anonymous sources are left out too: "a White House official" is not
        a name to recognise in another article.
        """
        if self._known is not None:
            return self._known
        known = []
        for person in self.people:
            if not person.reviewed or person.kind == Person.Kind.ANONYMOUS:
                continue
            aliases = self.aliases.get(person.pk, ())
            known.append(
                KnownPerson(
                    name=person.name,
                    aliases=tuple(a.text for a in aliases if a.kind == PersonAlias.Kind.NAME),
                    roles=tuple(a.text for a in aliases if a.kind == PersonAlias.Kind.ROLE),
                    kind=person.kind,
                )
            )
        self._known = tuple(known)
        return self._known

    def find(self, name: str) -> Person | None:
        """The known person ``name`` means: name, alias, role, then unique surname."""
        found = self._find(name)
        return self._person(found) if found is not None else None

    def _person(self, found: PersonRow | Person) -> Person:
        if isinstance(found, Person):
            return found
        if (person := self._instances.get(found.pk)) is None:
            person = Person.from_db(connection.alias, ["id", *PERSON_FIELDS], found)
            self._instances[found.pk] = person
        return person

    def _find(self, name: str) -> PersonRow | Person | None:
        key = normalise(name)
        if not key:
            return None
        for candidate in dict.fromkeys([key, _without_article(key)]):
            for table in (self.by_name, self.by_alias, self.by_role):
                if candidate in table:
                    return table[candidate]
        # "Peskov" alone: the one known person with that surname, if only one.
        words = key.split()
        if len(words) == 1:
            matches = self.by_surname.get(key, [])
            if len(matches) == 1:
                return matches[0]
        # "U.S. President Donald Trump's administration": titles before a known
        # name. Only capitalised words are dropped ("aide to Sergey Lavrov" is
        # not Lavrov), only down to two words ("Eric Trump" is not "Trump"),
        # and never onto a role ("Deputy Secretary of State" is not Rubio).
        written = " ".join(name.split()).strip(" ,.;:").split()  # as normalise() splits
        for n in range(1, len(words) - 1):
            if not written[n - 1][:1].isupper():
                break
            candidate = " ".join(words[n:])
            for table in (self.by_name, self.by_alias):
                if candidate in table:
                    return table[candidate]
        return None

    def person_for(self, name: str | None, kind: str = "person") -> Person | None:
        """The Person for an extracted speaker name, created (unreviewed) if unknown."""
        if not name or not name.strip() or normalise(name) in PRONOUNS:
            return None
        person = self.find(name)
        if person is None:
            clean = " ".join(name.split())[:200]
            person, created = create_once(
                Person, clean, kind=kind if kind in KINDS else Person.Kind.PERSON, reviewed=False
            )
            if created:
                self.created.append(person)
            self.people.append(person)
            self._index(person)
        return person


def create_once(model, name: str, **fields):
    """``(row, created)``: a new Person or Outlet called ``name``, or the one
    another transaction has just created under that name.

    Race safe through the unique slug, not a check-then-insert: two workers
    meeting the same new name both insert it under the name's own slug
    ("anna-varga"); the database lets one through, and the other's insert waits
    for that transaction to commit, fails on the constraint (a savepoint undoes
    only that insert) and reads the row that won. A slug held by a row with
    another name ("Anna Várga" for "Anna Varga") gets a numbered slug, as any
    name did before.
    """
    slug = slug_base(name)
    try:
        with transaction.atomic():
            return model.objects.create(name=name, slug=slug, **fields), True
    except IntegrityError:
        existing = model.objects.filter(slug=slug).first()
        if existing is None:  # another constraint than the slug's
            raise
    if normalise(existing.name) == normalise(name):
        return existing, False
    return model.objects.create(name=name, **fields), True


# What matching people needs of them; the rest stays in the table.
PERSON_FIELDS = ("name", "slug", "kind", "reviewed")


class PersonRow(NamedTuple):
    """A person as the directory keeps them (the attributes of a Person it reads)."""

    pk: int
    name: str
    slug: str
    kind: str
    reviewed: bool


class AliasRow(NamedTuple):
    text: str
    kind: str  # PersonAlias.Kind


# (stamp, Directory) of the last load in this process.
_loaded: tuple[tuple, Directory] | None = None


def _stamp(table: str) -> tuple:
    """What changes whenever a person or alias (``table`` "people") or an
    outlet ("outlets") is added, removed or edited: numbers the database
    writes in the changing transaction (migration 0014), sixteen small rows."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT array_agg({table} ORDER BY slot) FROM quotes_directorystamp")
        return tuple(cursor.fetchone()[0] or ())


def _people_with_aliases() -> tuple[list[PersonRow], dict[int, tuple[AliasRow, ...]]]:
    """Every person and their aliases by person id, as rows: two table reads.
    A prefetch asked for the aliases of a list of 20,000 person ids (0.7 s),
    and model instances cost ten times a row to build."""
    people = [
        PersonRow(*row) for row in Person.objects.order_by("pk").values_list("pk", *PERSON_FIELDS)
    ]
    aliases: dict[int, list[AliasRow]] = {}
    for person_id, text, kind in PersonAlias.objects.order_by("pk").values_list(
        "person_id", "text", "kind"
    ):
        aliases.setdefault(person_id, []).append(AliasRow(text, kind))
    return people, {pk: tuple(rows) for pk, rows in aliases.items()}


# (stamp, [Outlet, ...]) of the last Outlets.load in this process.
_outlets: tuple[tuple, list[Outlet], dict[str, dict]] | None = None


def _outlet_index(outlets: list[Outlet]) -> dict[str, dict[str, list[Outlet]]]:
    """``Outlets.RULES`` and "domain": each key to the outlets it fits, in order."""
    index = {rule: {} for rule in (*Outlets.RULES, "domain")}
    for outlet in outlets:
        _index_outlet(index, outlet)
    return index


def _index_outlet(index: dict, outlet: Outlet, *, shared: bool = False) -> None:
    """Add ``outlet`` under each rule's key (``shared``: the lists may be
    another Outlets' too, so they are copied, never appended to)."""
    name = _without_article(normalise(outlet.name))
    keys = {
        "name": {name},
        "slug_or_domain": {outlet.slug, *(d.lower() for d in outlet.domains)},
        "initials": {_initials(outlet.name)} - {""},
        "first_word": set(name.split()[:1]),
        "domain": {d.lower().removeprefix("www.") for d in outlet.domains},
    }
    for rule, values in keys.items():
        table = index[rule]
        for key in values:
            if shared:
                table[key] = [*table.get(key, ()), outlet]
            else:
                table.setdefault(key, []).append(outlet)


def domain_of(url: str | None) -> str:
    """The host of ``url`` without "www." ("tass.com"), or ""."""
    if not url:
        return ""
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


def _initials(name: str) -> str:
    words = [w for w in re.split(r"[\s\-]+", _without_article(normalise(name))) if w]
    return "".join(w[0] for w in words) if len(words) >= 2 else ""


class Outlets:
    """Every Outlet, matched by name, slug, domain, initials or first word.

    Each rule is a dictionary lookup: a walk over every outlet, normalising
    each name for each rule, cost about 10 ms an article among 2,000 outlets.
    """

    # find()'s rules by name, in order: each gives the outlets it fits.
    RULES = ("name", "slug_or_domain", "initials", "first_word")

    def __init__(self, outlets: list[Outlet], index: dict[str, dict] | None = None):
        self.outlets = outlets
        self.created: list[Outlet] = []  # by get_or_create(), for the import report
        if index is None:
            index = _outlet_index(outlets)
        # Additions go to the front maps: the shared index stays as loaded.
        self.index = {rule: ChainMap({}, table) for rule, table in index.items()}

    @classmethod
    def load(cls) -> Outlets:
        """Every outlet, from this process's copy while the outlets are unchanged
        (as ``Directory.load``); the copy's list is the caller's own."""
        global _outlets
        stamp = _stamp("outlets")
        if _outlets is None or _outlets[0] != stamp:
            outlets = list(Outlet.objects.order_by("pk"))
            _outlets = (stamp, outlets, _outlet_index(outlets))
        return cls(list(_outlets[1]), _outlets[2])

    def add(self, outlet: Outlet) -> None:
        self.outlets.append(outlet)
        _index_outlet(self.index, outlet, shared=True)

    def find(self, name: str | None = None, url: str | None = None) -> Outlet | None:
        """The known outlet called ``name`` ("TASS", "the AP", "RIA"), or with no
        name, the one whose domain serves ``url``."""
        if name and name.strip():
            key = _without_article(normalise(name))
            if not key:
                return None  # "." or "the": no name to match
            # By name; by slug or domain; "AP" for The Associated Press, "RIA"
            # for RIA Novosti by initials or first word: only when exactly one
            # outlet fits, as a guess can mislead.
            for rule in self.RULES:
                found = self.index[rule].get(key, ())
                if len(found) == 1:
                    return found[0]
            return None
        host = domain_of(url)
        if host:
            # The first outlet (by id) with the host or a parent domain of it.
            parts = host.split(".")
            candidates = [
                outlet
                for i in range(len(parts))
                for outlet in self.index["domain"].get(".".join(parts[i:]), ())
            ]
            if candidates:
                return min(candidates, key=lambda outlet: outlet.pk or 0)
        return None

    def get_or_create(self, name: str | None = None, url: str | None = None) -> Outlet | None:
        """``find``, else a new Outlet named ``name`` (with the URL's domain).

        A name with no letter or digit ("." from a title "Talks resume — .")
        names no outlet: none is created, and the URL's domain may still find one.
        """
        if name is not None and not re.search(r"\w", name):
            name = None
        outlet = self.find(name, url)
        if outlet is None and name and name.strip():
            host = domain_of(url)
            outlet, created = create_once(
                Outlet, " ".join(name.split())[:200], domains=[host] if host else []
            )
            self.add(outlet)
            if created:
                self.created.append(outlet)
        return outlet
