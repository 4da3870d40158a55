"""The data model: who said what, in which article, reported by which outlet.

Quote (words inside quotation marks) and Claim (reported speech) share their
fields through ``StatementBase``. ``Statement`` is a read-only view over both
tables so that pages can list, filter, search and page them as one.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
    SearchVectorField,
    TrigramSimilarity,
)
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Func, Value
from django.db.models.functions import Cast, Coalesce, Left, Now, Upper
from django.urls import reverse
from django.utils.text import slugify
from simple_history.models import HistoricalRecords


def unique_slug(model, text: str, *, max_length: int = 200) -> str:
    """A slug for ``text`` not yet used by ``model`` ("dmitry-peskov-2" on a clash)."""
    base = slugify(text)[: max_length - 8] or "unnamed"
    slug, n = base, 1
    while model.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


class SlugNaturalKeyManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


def public_count(model, path: str):
    """A correlated COUNT of ``model``'s non-rejected rows whose ``path`` is the outer row.

    Subqueries, unlike Count() over two joins, do not multiply every quote by
    every claim before counting.
    """
    rows = (
        model.objects.filter(**{path: models.OuterRef("pk")})
        .exclude(status=StatementBase.Status.REJECTED)
        .order_by()
        .values(path)
        .annotate(n=models.Count("pk"))
        .values("n")
    )
    return Coalesce(models.Subquery(rows, output_field=models.IntegerField()), 0)


class PersonQuerySet(models.QuerySet):
    def with_counts(self):
        """Annotate quote, claim and statement counts (public statements only)."""
        quotes, claims = public_count(Quote, "speaker"), public_count(Claim, "speaker")
        return self.annotate(
            quote_count=quotes, claim_count=claims, statement_count=quotes + claims
        )


class PersonManager(SlugNaturalKeyManager.from_queryset(PersonQuerySet)):
    pass


class Person(models.Model):
    """A speaker: a named person, or an organisation, group or anonymous source."""

    class Kind(models.TextChoices):
        PERSON = "person", "Person"
        ORGANIZATION = "organization", "Organisation"
        GROUP = "group", "Group"
        OUTLET = "outlet", "Outlet"
        ANONYMOUS = "anonymous", "Anonymous source"

    name = models.CharField("canonical name", max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    title = models.CharField(
        "title or role", max_length=200, blank=True, help_text="e.g. Kremlin spokesman"
    )
    organisation = models.CharField(max_length=200, blank=True)
    country = models.CharField(max_length=100, blank=True)
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.PERSON)
    reviewed = models.BooleanField(
        default=False, help_text="An editor has checked this person's name and details."
    )
    created_at = models.DateTimeField(db_default=Now(), editable=False)
    updated_at = models.DateTimeField(auto_now=True, db_default=Now())

    objects = PersonManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"
        indexes = [
            GinIndex(OpClass(Upper("name"), name="gin_trgm_ops"), name="person_name_trgm"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Person, self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("person", args=[self.slug])

    def natural_key(self):
        return (self.slug,)


class PersonAliasManager(models.Manager):
    def get_by_natural_key(self, person_slug, text):
        return self.get(person__slug=person_slug, text=text)


class PersonAlias(models.Model):
    """Another name for a person, or a role description that means them."""

    class Kind(models.TextChoices):
        NAME = "name", "Name or spelling"
        ROLE = "role", "Role description"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="aliases")
    text = models.CharField(max_length=300)
    kind = models.CharField(max_length=10, choices=Kind, default=Kind.NAME)

    objects = PersonAliasManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "text"]
        verbose_name_plural = "person aliases"
        constraints = [
            models.UniqueConstraint(fields=["person", "text"], name="unique_alias_per_person"),
        ]
        indexes = [
            GinIndex(OpClass(Upper("text"), name="gin_trgm_ops"), name="alias_text_trgm"),
        ]

    def __str__(self) -> str:
        return self.text

    def natural_key(self):
        return (self.person.slug, self.text)

    natural_key.dependencies = ["quotes.person"]


class Outlet(models.Model):
    """A news organisation that publishes articles or is credited for a statement."""

    class Kind(models.TextChoices):
        AGENCY = "agency", "News agency"
        NEWSPAPER = "newspaper", "Newspaper"
        MAGAZINE = "magazine", "Magazine"
        BROADCASTER = "broadcaster", "Broadcaster"
        ONLINE = "online", "Online publication"
        OTHER = "other", "Other"

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    domains = models.JSONField(
        default=list, blank=True, help_text='Web domains, e.g. ["tass.com", "tass.ru"]'
    )
    country = models.CharField(max_length=100, blank=True)
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.OTHER)
    created_at = models.DateTimeField(db_default=Now(), editable=False)

    objects = SlugNaturalKeyManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        indexes = [
            GinIndex(OpClass(Upper("name"), name="gin_trgm_ops"), name="outlet_name_trgm"),
            GinIndex(fields=["domains"], name="outlet_domains"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Outlet, self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("outlet", args=[self.slug])

    def natural_key(self):
        return (self.slug,)


def content_hash(text: str) -> str:
    """The SHA-256 of an article's text: same text, same hash, same article."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Article(models.Model):
    """One imported news article and its cleaned text."""

    outlet = models.ForeignKey(
        Outlet, on_delete=models.PROTECT, null=True, blank=True, related_name="articles"
    )
    url = models.URLField(max_length=2000, unique=True, null=True, blank=True)
    title = models.CharField(max_length=500, blank=True)
    author = models.CharField(max_length=300, blank=True)
    published_on = models.DateField("publication date", null=True, blank=True)
    text = models.TextField()
    # The first line of the text, kept by PostgreSQL: untitled articles are shown
    # by their opening words without loading the whole text.
    opening = models.GeneratedField(
        expression=Left(Func(F("text"), Value("\n"), Value(1), function="split_part"), 200),
        output_field=models.CharField(max_length=200),
        db_persist=True,
    )
    content_hash = models.CharField(max_length=64, db_index=True, editable=False)
    source = models.CharField(
        max_length=2000,
        db_index=True,
        help_text="Where it was imported from: a file path, feed line or URL.",
    )
    imported_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_default=Now())
    extracted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-published_on", "-imported_at"]
        indexes = [
            models.Index(fields=["outlet", "-published_on"], name="article_outlet_date"),
            models.Index(fields=["-published_on", "-imported_at"], name="article_date"),
        ]

    def __str__(self) -> str:
        return self.title or self.source

    def save(self, *args, **kwargs):
        self.content_hash = content_hash(self.text)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("article", args=[self.pk])

    @property
    def heading(self) -> str:
        """The title, or for an article without one its opening words ("The Kremlin
        confirmed Friday that there are no immediate plans …"): the text's own
        words, never an invented title."""
        if self.title:
            return self.title
        words = (self.opening or "").split()
        if not words:
            return "Untitled article"
        return " ".join(words[:12]) + (" …" if len(words) > 12 else "")


class StatementBase(models.Model):
    """What Quote and Claim share: who said it, where, and how sure we are."""

    class Status(models.TextChoices):
        AUTOMATIC = "automatic", "Automatic"
        VERIFIED = "verified", "Verified"
        CORRECTED = "corrected", "Corrected"
        REJECTED = "rejected", "Rejected"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="%(class)ss")
    speaker = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="%(class)ss"
    )
    speaker_mention = models.CharField(
        max_length=300, blank=True, help_text="The speaker as the article names them here."
    )
    text = models.TextField()
    start = models.PositiveIntegerField(help_text="Offset of the text in the article.")
    end = models.PositiveIntegerField()
    cue = models.CharField(max_length=200, blank=True, help_text='e.g. "told reporters"')
    partial = models.BooleanField(
        default=False, help_text="A fragment quoted inside the writer's own sentence."
    )
    via = models.ForeignKey(
        Outlet,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="credited_%(class)ss",
        help_text="The outlet or agency the article credits (TASS quoted ...).",
    )
    confidence = models.FloatField(
        default=0.5, validators=[MinValueValidator(0.0), MaxValueValidator(1.0)]
    )
    status = models.CharField(max_length=12, choices=Status, default=Status.AUTOMATIC)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Copied from the article so "speaker + date" pages use one index.
    published_on = models.DateField(null=True, blank=True, editable=False)
    search_vector = models.GeneratedField(
        expression=SearchVector("text", config="english", weight="A")
        + SearchVector("speaker_mention", config="english", weight="B"),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    created_at = models.DateTimeField(db_default=Now(), editable=False)
    updated_at = models.DateTimeField(auto_now=True, db_default=Now())

    class Meta:
        abstract = True
        ordering = ["article", "start"]

    def __str__(self) -> str:
        text = self.text if len(self.text) <= 80 else self.text[:77] + "..."
        speaker = None
        if self.speaker_id:
            try:
                speaker = self.speaker
            except Person.DoesNotExist:
                # An old version (history) may name a person since merged away.
                pass
        return f"{speaker or self.speaker_mention or 'Unknown'}: {text}"

    def save(self, *args, **kwargs):
        self.published_on = self.article.published_on
        super().save(*args, **kwargs)

    @property
    def kind(self) -> str:
        return self._meta.model_name


def statement_indexes(prefix: str) -> list:
    return [
        models.Index(fields=["speaker", "-published_on"], name=f"{prefix}_speaker_date"),
        models.Index(fields=["-published_on", "-id"], name=f"{prefix}_date"),
        models.Index(fields=["status", "confidence"], name=f"{prefix}_review_queue"),
        GinIndex(fields=["search_vector"], name=f"{prefix}_search"),
        GinIndex(OpClass("text", name="gin_trgm_ops"), name=f"{prefix}_text_trgm"),
    ]


class Quote(StatementBase):
    """Words the article puts inside quotation marks."""

    history = HistoricalRecords(excluded_fields=["search_vector"])

    class Meta(StatementBase.Meta):
        indexes = statement_indexes("quote")

    def get_absolute_url(self) -> str:
        return reverse("statement", args=["quote", self.pk])


class Claim(StatementBase):
    """Reported speech without quotation marks: "Lavrov noted that ..."."""

    history = HistoricalRecords(excluded_fields=["search_vector"])

    class Meta(StatementBase.Meta):
        indexes = statement_indexes("claim")

    def get_absolute_url(self) -> str:
        return reverse("statement", args=["claim", self.pk])


@dataclass(frozen=True)
class NameMatches:
    """What a search's words match outside the statement tables: people and
    outlets by name, and the articles of those outlets (ids).

    Found once per request (two or three small queries) and reused by every
    facet count of that request.
    """

    words: str = ""
    people: tuple = ()
    outlets: tuple = ()
    articles: tuple = ()

    @classmethod
    def find(cls, q: str) -> NameMatches:
        from .search import any_word_query, normalise_query

        words = any_word_query(normalise_query(q))
        if not words:
            return cls()
        anyword = SearchQuery(words, search_type="websearch", config="english")
        named = SearchVector("name", config="english")
        people = Person.objects.annotate(v=named).filter(v=anyword).values_list("pk", flat=True)
        outlets = tuple(
            Outlet.objects.annotate(v=named).filter(v=anyword).values_list("pk", flat=True)
        )
        articles = (
            tuple(Article.objects.filter(outlet__in=outlets).values_list("pk", flat=True))
            if outlets
            else ()
        )
        return cls(words, tuple(people), outlets, articles)


class StatementQuerySet(models.QuerySet):
    def public(self):
        """Everything readers may see: all but rejected statements."""
        return self.exclude(status=StatementBase.Status.REJECTED)

    def search(self, q: str, names: NameMatches | None = None):
        """Statements matching a websearch query (``"exact phrase"``, ``-word``, ``or``).

        The document is the stored vector (text A, speaker as written B) plus the
        speaker's canonical name (B) and the outlet and via names (C), so
        "Peskov deadline" finds a Peskov quote whose cue only says "he said".
        Names live in other tables, so the full document is built per row; an
        index-friendly pre-filter (any positive word in the stored vector, or
        a speaker or outlet whose name has one) keeps that to the candidates.
        Annotates ``rank``.
        """
        from .search import normalise_query

        q = normalise_query(q)
        if not q:
            return self
        query = SearchQuery(q, search_type="websearch", config="english")
        document = _Concat(
            models.F("search_vector"),
            _name_vector("speaker__name", "B"),
            _name_vector("article__outlet__name", "C"),
            _name_vector("via__name", "C"),
        )
        matches = self.annotate(search_document=document)
        if _NEGATION.search(q):
            matches = matches.filter(search_document=query)
        else:
            # Without "-word" a match gets no less likely as the document grows,
            # so a row whose own stored vector matches needs no name vectors:
            # PostgreSQL evaluates OR left to right and skips building them
            # (three to_tsvector calls a row, most of a broad search's time).
            matches = matches.filter(
                models.Q(search_vector=query) | models.Q(search_document=query)
            )
        if names is None:
            names = NameMatches.find(q)
        if names.words:
            # Literal id lists on the view's own columns: PostgreSQL pushes the
            # whole OR into both halves of the UNION and answers it with a
            # BitmapOr of indexes (GIN on search_vector, btree on speaker_id,
            # article_id, via_id). Subqueries here would become hashed
            # subplans and a sequential scan.
            anyword = SearchQuery(names.words, search_type="websearch", config="english")
            matches = matches.filter(
                models.Q(search_vector=anyword)
                | models.Q(speaker__in=names.people)
                | models.Q(article__in=names.articles)
                | models.Q(via__in=names.outlets)
            )
        # float8, not ts_rank's float4: the seek cursor sends the rank back as a
        # Python float, and float4 does not survive that round trip exactly.
        return matches.annotate(rank=Cast(SearchRank(document, query), models.FloatField()))

    def headlines(self, q: str):
        """Annotate ``headline``: the text with matched words between sentinels.

        ``quotes.search.mark_headline`` escapes it and turns the sentinels into
        ``<mark>``; PostgreSQL's own StartSel would put raw HTML into
        untrusted text.
        """
        from .search import START, STOP, normalise_query

        q = normalise_query(q)
        if not q:
            return self
        return self.annotate(
            headline=SearchHeadline(
                "text",
                SearchQuery(q, search_type="websearch", config="english"),
                config="english",
                start_sel=START,
                stop_sel=STOP,
                highlight_all=True,
            )
        )

    def also_reported(self, statement, *, threshold: float = 0.5):
        """The same or nearly the same words by the same speaker in other articles.

        ``%`` (pg_trgm, uses the trigram indexes) finds candidates; similarity
        then keeps the close ones. Earliest first: who carried it first.
        """
        same_speaker = (
            models.Q(speaker_id=statement.speaker_id)
            if statement.speaker_id
            else models.Q(speaker__isnull=True, speaker_mention__iexact=statement.speaker_mention)
        )
        return (
            self.public()
            .filter(same_speaker, text__trigram_similar=statement.text)
            .exclude(article_id=statement.article_id)
            .annotate(similarity=TrigramSimilarity("text", statement.text))
            .filter(similarity__gte=threshold)
            .order_by(
                models.F("published_on").asc(nulls_last=True), "created_at", "uid"
            )
        )


# websearch syntax: "-" at the start of a word (or a quoted phrase) excludes it.
_NEGATION = re.compile(r'(?:^|[\s"(])-')


def _name_vector(field: str, weight: str) -> SearchVector:
    return SearchVector(Coalesce(field, Value("")), config="english", weight=weight)


class _Concat(models.Func):
    """``a || b || ...`` for tsvectors (SearchVector's ``+`` refuses a plain field)."""

    template = "(%(expressions)s)"
    arg_joiner = " || "
    output_field = SearchVectorField()


class Statement(models.Model):
    """Quotes and claims as one read-only list (a database view, see migrations).

    ``uid`` is "quote-12" or "claim-7". Use Quote and Claim to write.
    """

    uid = models.CharField(max_length=30, primary_key=True)
    kind = models.CharField(max_length=5)
    statement_id = models.BigIntegerField()
    article = models.ForeignKey(Article, on_delete=models.DO_NOTHING, related_name="+")
    speaker = models.ForeignKey(Person, on_delete=models.DO_NOTHING, null=True, related_name="+")
    speaker_mention = models.CharField(max_length=300)
    text = models.TextField()
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    cue = models.CharField(max_length=200)
    partial = models.BooleanField()
    via = models.ForeignKey(Outlet, on_delete=models.DO_NOTHING, null=True, related_name="+")
    confidence = models.FloatField()
    status = models.CharField(max_length=12, choices=StatementBase.Status)
    reviewed_at = models.DateTimeField(null=True)
    published_on = models.DateField(null=True)
    search_vector = SearchVectorField()
    created_at = models.DateTimeField()

    objects = StatementQuerySet.as_manager()

    class Meta:
        managed = False
        db_table = "quotes_statement"
        verbose_name_plural = "review queue"
        ordering = ["-published_on", "-created_at", "uid"]

    def __str__(self) -> str:
        return self.text[:80]

    def get_absolute_url(self) -> str:
        return reverse("statement", args=[self.kind, self.statement_id])
