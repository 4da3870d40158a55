"""Speaker names from the extractor become Person rows; outlet names become Outlets."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, transaction
from django.test import TestCase

from quotes.models import Outlet, Person
from quotes.speakers import Directory, Outlets, domain_of
from tests.factories import make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(reference_data):
    return Directory.load()


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Dmitry Peskov", "Dmitry Peskov"),  # canonical name
        ("dmitry PESKOV", "Dmitry Peskov"),  # any case
        ("Dmitri Peskov", "Dmitry Peskov"),  # name alias
        ("Kremlin spokesman", "Dmitry Peskov"),  # role alias
        ("Putin’s press secretary", "Dmitry Peskov"),  # curly apostrophe
        ("Putin's press secretary", "Dmitry Peskov"),  # straight apostrophe
        ("Lavrov", "Sergey Lavrov"),
        ("Zelenskyy", "Volodymyr Zelenskyy"),
        ("the Kremlin", "The Kremlin"),  # organisation in the fixtures
        ("Kremlin", "The Kremlin"),
    ],
)
def test_known_speakers_are_matched_by_name_alias_or_role(directory, name, expected):
    before = Person.objects.count()
    assert directory.person_for(name).name == expected
    assert Person.objects.count() == before


def test_a_unique_surname_matches_the_known_person(directory):
    Person.objects.create(name="Anna Lindqvist", reviewed=True)
    directory = Directory.load()
    assert directory.person_for("Lindqvist").name == "Anna Lindqvist"


def test_an_ambiguous_surname_matches_nobody_and_creates_a_new_person(directory):
    Person.objects.create(name="Anna Lindqvist")
    Person.objects.create(name="Erik Lindqvist")
    directory = Directory.load()
    assert directory.find("Lindqvist") is None
    created = directory.person_for("Lindqvist")
    assert created.name == "Lindqvist" and not created.reviewed


@pytest.mark.parametrize(
    "name, kind",
    [
        ("Maria Zakharova", Person.Kind.PERSON),
        ("EU leaders", Person.Kind.GROUP),
        ("the Foreign Ministry", Person.Kind.ORGANIZATION),
        ("a White House official", Person.Kind.ANONYMOUS),
        ("Bloomberg", Person.Kind.OUTLET),
    ],
)
def test_unknown_speakers_become_unreviewed_people_of_the_extractors_kind(
    directory, name, kind
):
    person = directory.person_for(name, kind)
    person.refresh_from_db()
    assert (person.name, person.kind, person.reviewed) == (name, kind, False)
    # Met again, in any case, they are the same row.
    assert directory.person_for(name.upper(), kind) == person
    assert Directory.load().person_for(name, kind) == person
    assert Person.objects.filter(name__iexact=name).count() == 1


def test_an_unknown_kind_falls_back_to_person(directory):
    assert directory.person_for("Jane Roe", "spaceship").kind == Person.Kind.PERSON


def test_no_speaker_is_no_person(directory):
    before = Person.objects.count()
    assert directory.person_for(None) is None
    assert directory.person_for("  ") is None
    assert directory.person_for("He") is None  # an unresolved pronoun
    assert Person.objects.count() == before


def test_known_people_are_reviewed_people_with_aliases_and_roles(directory):
    directory.person_for("Reports", Person.Kind.GROUP)  # made up by the extractor
    Person.objects.create(name="a senior official", kind=Person.Kind.ANONYMOUS, reviewed=True)
    Person.objects.create(name="Maria Zakharova", reviewed=True)
    known = {p.name: p for p in Directory.load().known_people()}
    peskov = known["Dmitry Peskov"]
    assert "Dmitri Peskov" in peskov.aliases and "Kremlin spokesman" in peskov.roles
    assert "Kremlin spokesman" not in peskov.aliases
    assert known["The Kremlin"].kind == "organization"
    assert "Maria Zakharova" in known
    assert "Reports" not in known and "a senior official" not in known


def test_unreviewed_people_are_still_matched_by_the_importer(directory):
    zakharova = directory.person_for("Maria Zakharova")
    assert not zakharova.reviewed
    assert Directory.load().person_for("Zakharova") == zakharova


def test_known_people_let_the_extractor_resolve_a_role(directory):
    from quotes.extraction import extract

    text = (
        "“Nothing has been decided yet,” "
        "the press secretary of Russian President Vladimir Putin said."
    )
    [statement] = [s for s in extract(text, directory.known_people()) if s.kind == "quote"]
    assert directory.person_for(statement.speaker).name == "Dmitry Peskov"


@pytest.mark.parametrize(
    "name, slug",
    [
        ("TASS", "tass"),
        ("tass", "tass"),
        ("The Associated Press", "associated-press"),
        ("Associated Press", "associated-press"),
        ("the AP", "associated-press"),  # initials
        ("AP", "associated-press"),
        ("RIA", "ria-novosti"),  # first word, when only one outlet has it
        ("ria-novosti", "ria-novosti"),  # slug
        ("lepoint.fr", "le-point"),  # domain
    ],
)
def test_outlets_are_matched_by_name_initials_first_word_slug_or_domain(
    reference_data, name, slug
):
    assert Outlets.load().find(name).slug == slug


def test_outlets_are_found_by_the_domain_of_a_url(reference_data):
    outlets = Outlets.load()
    assert outlets.find(url="https://tass.com/politics/1").slug == "tass"
    assert outlets.find(url="https://www.tass.ru/x").slug == "tass"
    assert outlets.find(url="https://en.apnews.com/article/1").slug == "associated-press"
    assert outlets.find(url="https://nottass.com/x") is None


def test_a_named_outlet_wins_over_the_domain(reference_data):
    outlets = Outlets.load()
    created = outlets.get_or_create("Invented Daily", "https://tass.com/politics/1")
    assert created.name == "Invented Daily" and created.domains == ["tass.com"]
    assert Outlets.load().find("invented daily") == created


def test_unknown_outlet_names_create_an_outlet_once(reference_data):
    before = Outlet.objects.count()
    outlets = Outlets.load()
    first = outlets.get_or_create("Kyiv Independent", "https://kyivindependent.com/a")
    assert outlets.get_or_create("KYIV INDEPENDENT") == first
    assert Outlets.load().find(url="https://kyivindependent.com/b") == first
    assert Outlet.objects.count() == before + 1


def test_domain_of():
    assert domain_of("https://WWW.Example.org:8080/a?b") == "example.org"
    assert domain_of(None) == ""


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Russian Foreign Minister Sergey Lavrov", "Sergey Lavrov"),
        ("First Lady Melania Trump", "Melania Trump"),  # not Donald: longest name first
        ("U.S. President Donald Trump’s administration", "Trump administration"),
        ("the Trump administration", "Trump administration"),
        ("Eric Trump", None),  # a surname alone is not enough after a first name
        ("aide to Sergey Lavrov", None),  # lowercase words are not titles
        ("Deputy Secretary of State", None),  # a longer role is not the shorter one's owner
    ],
)
def test_titles_before_a_known_name_are_skipped(directory, name, expected):
    found = directory.find(name)
    assert (found.name if found else None) == expected


class DirectoryCacheTests(TestCase):
    """People are loaded once per process, and reloaded when they change."""

    def test_unchanged_people_cost_one_small_query_and_changes_are_seen(self):
        make_person("Dmitry Peskov")
        Directory.load()
        with self.assertNumQueries(1):
            self.assertIsNotNone(Directory.load().find("Peskov"))
        kallas = make_person("Kaja Kallas")
        self.assertEqual(Directory.load().find("Kallas"), kallas)
        kallas.aliases.create(text="EU foreign policy chief", kind="role")
        self.assertEqual(Directory.load().find("the EU foreign policy chief"), kallas)

    def test_people_an_import_created_leave_no_trace_when_it_rolls_back(self):
        with transaction.atomic():
            directory = Directory.load()
            self.assertIsNotNone(directory.person_for("Ursula von der Leyen"))
            transaction.set_rollback(True)
        self.assertIsNone(Directory.load().find("Ursula von der Leyen"))

    def test_a_copy_loaded_inside_a_rolled_back_change_is_not_kept(self):
        # A worker loads the people while its transaction holds a new person;
        # the transaction rolls back and another change follows. The stamp
        # must not come back to the value the copy was loaded under.
        with transaction.atomic():
            ghost = make_person("Ghost Writer")
            self.assertEqual(Directory.load().find("Ghost Writer"), ghost)
            transaction.set_rollback(True)
        real = make_person("Kaja Kallas")
        directory = Directory.load()
        self.assertIsNone(directory.find("Ghost Writer"))
        self.assertEqual(directory.find("Kaja Kallas"), real)

    def test_every_alias_is_in_place_without_a_query_per_person(self):
        peskov = make_person("Dmitry Peskov", reviewed=True)
        peskov.aliases.create(text="Kremlin spokesman", kind="role")
        make_person("Anna Lindqvist")
        with self.assertNumQueries(3):  # the stamp, the people, the aliases
            directory = Directory.load()
        with self.assertNumQueries(0):
            known = {person.name: person for person in directory.known_people()}
            self.assertEqual(known["Dmitry Peskov"].roles, ("Kremlin spokesman",))
            self.assertEqual(directory.find("the Kremlin spokesman"), peskov)

    def test_outlets_are_reloaded_when_one_is_added_or_renamed(self):
        tass = Outlet.objects.create(name="TASS")
        self.assertEqual(Outlets.load().find("TASS"), tass)
        with self.assertNumQueries(1):
            Outlets.load()
        tass.name = "TASS News Agency"
        tass.save()
        self.assertEqual(Outlets.load().find("TASS News Agency"), tass)
        self.assertIsNone(Outlets.load().find("Interfax"))
        interfax = Outlet.objects.create(name="Interfax")
        self.assertEqual(Outlets.load().find("Interfax"), interfax)


def test_a_nameless_outlet_breaks_no_lookup_and_none_is_created(reference_data):
    Outlet.objects.create(name=".")  # an editor's, or from before issue 11
    outlets = Outlets.load()
    assert outlets.find("Nordland Herald") is None
    assert outlets.find(" . ") is None
    assert outlets.get_or_create("—") is None
    assert outlets.get_or_create(".", "https://tass.com/a").slug == "tass"
    assert not outlets.created


def _in_another_transaction(work, *, hold: threading.Event | None = None,
                            done: threading.Event | None = None):
    """Run ``work`` in a thread of its own: another connection, another
    transaction, as another worker would. With ``hold``, the transaction stays
    open (its rows uncommitted) until ``hold`` is set; ``done`` is set once
    ``work`` has run."""
    result = {}

    def run():
        try:
            with transaction.atomic():
                result["value"] = work()
                if done is not None:
                    done.set()
                if hold is not None:
                    hold.wait(10)
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread, result


@pytest.mark.django_db(transaction=True)
def test_a_person_and_an_outlet_another_worker_just_created_are_not_created_again():
    with transaction.atomic():
        # This worker read the people and outlets before the other stored them.
        directory, outlets = Directory.load(), Outlets.load()
        thread, other = _in_another_transaction(lambda: (
            Directory.load().person_for("Anna Varga"), Outlets.load().get_or_create("Kestrel Post")
        ))
        thread.join(10)
        person, outlet = directory.person_for("Anna Varga"), outlets.get_or_create("Kestrel Post")
        assert (person.pk, outlet.pk) == (other["value"][0].pk, other["value"][1].pk)
        assert (directory.created, outlets.created) == ([], [])  # not this import's new names
    assert Person.objects.filter(name="Anna Varga").count() == 1
    assert Outlet.objects.filter(name="Kestrel Post").count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_person_being_created_by_another_worker_is_waited_for_not_duplicated():
    created, commit = threading.Event(), threading.Event()
    thread, other = _in_another_transaction(
        lambda: Directory.load().person_for("Ivo Dahl"), hold=commit, done=created
    )
    assert created.wait(10)
    # The other worker's row is not committed yet: our insert of the same slug
    # waits for it, then finds it.
    threading.Timer(0.5, commit.set).start()
    with transaction.atomic():
        person = Directory.load().person_for("Ivo Dahl")
    thread.join(10)
    assert person.pk == other["value"].pk
    assert list(Person.objects.filter(name="Ivo Dahl").values_list("slug", flat=True)) == [
        "ivo-dahl"
    ]


def test_a_new_name_whose_slug_another_person_holds_gets_a_numbered_slug(db):
    make_person("Anna Várga")  # slug anna-varga
    person = Directory.load().person_for("Anna Varga")
    assert (person.name, person.slug) == ("Anna Varga", "anna-varga-2")
