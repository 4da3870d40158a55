"""The data model: who said what, in which article, reported by which outlet.

Quote (words inside quotation marks) and Claim (reported speech) share their
fields through ``StatementBase``. ``Statement`` is a read-only view over both
tables so that pages can list, filter, search and page them as one.
"""

from __future__ import annotations

import datetime
import hashlib

from django.conf import settings
from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVectorField,
    TrigramSimilarity,
)
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import connection, models
from django.db.models import F, Func, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, Coalesce, JSONObject, Left, Now, Upper
from django.utils.text import slugify
from simple_history.models import HistoricalRecords

from .paths import page_path


def slug_base(text: str, *, max_length: int = 200) -> str:
    """The slug ``text`` gets when no other row has it: "dmitry-peskov"."""
    return slugify(text)[: max_length - 8] or "unnamed"


def unique_slug(model, text: str, *, max_length: int = 200) -> str:
    """A slug for ``text`` not yet used by ``model`` ("dmitry-peskov-2" on a clash)."""
    base = slug_base(text, max_length=max_length)
    slug, n = base, 1
    while model.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


class SlugNaturalKeyManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class PersonQuerySet(models.QuerySet):
    def with_counts(self):
        """Annotate quote, claim and statement counts (public statements only),
        read from the maintained tallies: an index lookup per person however
        many statements they have."""
        quotes, claims = _tally("speaker", "quote"), _tally("speaker", "claim")
        return self.annotate(
            quote_count=quotes, claim_count=claims, statement_count=quotes + claims
        )


    def misspelt(self, words: list[str]):
        """The person whose name or alias is closest to one of ``words``, as
        ``(word, person)``, or None: "Peskow" is (most likely) Dmitry Peskov.

        pg_trgm's word similarity (the word against the closest stretch of the
        name), through the trigram indexes on upper-cased names and aliases;
        people with public statements only, and never an exact match (that
        word is not misspelt). One query for all the words.
        """
        if not words:
            return None
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT w.word, m.id, p.name, p.slug FROM unnest(%s::text[]) AS w (word), LATERAL ("
                " SELECT p.id, word_similarity(upper(w.word), upper(p.name)) AS s"
                " FROM quotes_person p WHERE upper(w.word) <%% upper(p.name)"
                " UNION ALL SELECT a.person_id, word_similarity(upper(w.word), upper(a.text))"
                " FROM quotes_personalias a WHERE a.kind = 'name'"
                " AND upper(w.word) <%% upper(a.text)"
                ") AS m JOIN quotes_person p ON p.id = m.id"
                " WHERE m.s < 1 AND EXISTS (SELECT 1 FROM quotes_tally t"
                " WHERE t.dim = %s AND t.key = m.id AND t.dim2 = 0 AND t.key2 = 0 AND t.n > 0)"
                " ORDER BY m.s DESC, m.id LIMIT 1",
                [list(words), StatementTally.Dim.SPEAKER],
            )
            row = cursor.fetchone()
        if row is None:
            return None
        word, pk, name, slug = row
        return word, Person(pk=pk, name=name, slug=slug)


def _tally(dim: str, kind: str):
    """Public statements of the outer row (a person) of one kind, from StatementTally."""
    Dim = StatementTally.Dim
    rows = StatementTally.objects.filter(
        dim=Dim[dim.upper()], key=models.OuterRef("pk"), dim2=Dim.KIND, key2=KIND_CODES[kind]
    ).values("n")
    return Coalesce(models.Subquery(rows, output_field=models.BigIntegerField()), 0)


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
        return page_path("person", self.slug)

    def reach(self, limit: int = 10) -> dict:
        """Who carried their words, and when: the outlets that published them and
        the agencies credited (busiest ``limit`` of each, and how many outlets
        in all), and ``months``: ``[(date, n), ...]`` of dated public
        statements. From the maintained tallies, in one query."""
        Dim = StatementTally.Dim
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT t.dim2, t.key2, t.n, o.slug, o.name FROM ("
                "SELECT d.dim2, t.key2, t.n FROM unnest(%s::smallint[]) AS d (dim2), "
                "LATERAL (SELECT key2, n FROM quotes_tally WHERE dim = %s AND key = %s "
                "AND dim2 = d.dim2 AND n > 0 ORDER BY n DESC, key2 LIMIT %s) AS t "
                "UNION ALL SELECT %s, key2, n FROM quotes_tally WHERE dim = %s AND key = %s "
                "AND dim2 = %s AND n > 0 "
                "UNION ALL SELECT 0, 0, count(DISTINCT key2) FROM quotes_tally "
                "WHERE dim = %s AND key = %s AND dim2 = ANY(%s) AND n > 0"
                ") AS t LEFT JOIN LATERAL (SELECT slug, name FROM quotes_outlet "
                "WHERE t.dim2 = ANY(%s) AND id = t.key2) AS o ON true",
                [
                    [Dim.OUTLET, Dim.VIA], Dim.SPEAKER, self.pk, limit,
                    Dim.MONTH, Dim.SPEAKER, self.pk, Dim.MONTH,
                    Dim.SPEAKER, self.pk, [Dim.OUTLET, Dim.VIA], [Dim.OUTLET, Dim.VIA],
                ],
            )
            rows = cursor.fetchall()

        def busiest(dim):
            found = [
                {"slug": slug, "name": name, "n": n}
                for row_dim, _, n, slug, name in rows
                if row_dim == dim and slug is not None
            ]
            return sorted(found, key=lambda row: (-row["n"], row["name"]))

        return {
            "published_by": busiest(Dim.OUTLET),
            "credited": busiest(Dim.VIA),
            "outlet_count": next(n for dim, _, n, _, _ in rows if dim == Dim.ALL),
            "months": sorted(
                (datetime.date(key // 100, key % 100, 1), n)
                for dim, key, n, _, _ in rows
                if dim == Dim.MONTH
            ),
        }

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
        return page_path("outlet", self.slug)

    def natural_key(self):
        return (self.slug,)


def content_hash(text: str) -> str:
    """The SHA-256 of an article's text: same text, same hash, same article."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class ArticleQuerySet(models.QuerySet):
    def with_counts(self):
        """Annotate ``quote_count`` and ``claim_count`` (public statements). Correlated
        subqueries: evaluated only for the rows a page shows, after its LIMIT."""

        def public(kind):
            rows = (
                Statement.objects.public()
                .filter(article=models.OuterRef("pk"), kind=kind)
                .order_by()
                .values("article")
                .annotate(n=models.Count("pk"))
                .values("n")
            )
            return Coalesce(models.Subquery(rows, output_field=models.IntegerField()), 0)

        return self.annotate(quote_count=public("quote"), claim_count=public("claim"))


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

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "-imported_at"]
        indexes = [
            models.Index(fields=["outlet", "-published_on"], name="article_outlet_date"),
            models.Index(fields=["-published_on", "-imported_at"], name="article_date"),
        ]

    def __str__(self) -> str:
        # Admin lists and history name it so: the opening words, not a file path.
        return self.heading

    def save(self, *args, **kwargs):
        self.content_hash = content_hash(self.text)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return page_path("article", self.pk)

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


class Stance(models.TextChoices):
    """Whether the speaker asserts the words or rejects them (the extractor's
    ``quotes.extraction.stance``): "dismissed claims that X" does not assert X."""

    ASSERTS = "asserts", "Asserts"
    DENIES = "denies", "Denies"
    DISMISSES = "dismisses", "Dismisses"
    DECLINES = "declines", "Declines to say"


# What a reader must be told wherever a statement the speaker does not assert
# is shown (lists, permalink, article marks, feeds).
STANCE_NOTES = {
    Stance.DENIES: "Denied by the speaker",
    Stance.DISMISSES: "Dismissed by the speaker",
    Stance.DECLINES: "The speaker declined to say",
}


def stance_note(stance: str) -> str:
    """"" for an assertion, else "Dismissed by the speaker" and the like."""
    return STANCE_NOTES.get(stance, "")


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
    stance = models.CharField(
        # db_default too: bulk loads (benchmarks/scale) COPY rows without it.
        max_length=10, choices=Stance, default=Stance.ASSERTS, db_default=Stance.ASSERTS,
        help_text='"Dismisses" for "dismissed claims that ...": the words are not the speaker\'s '
        "assertion.",
    )
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
    # Copied from the article (the statements table copies it again, for its indexes).
    published_on = models.DateField(null=True, blank=True, editable=False)
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


class RemovedStatement(models.Model):
    """A statement re-extraction took away (the extractor no longer finds it in
    the article). Kept so that its permalink, which someone may have cited,
    says it was withdrawn (410) rather than that it never existed (404)."""

    kind = models.CharField(max_length=5, choices=[("quote", "Quote"), ("claim", "Claim")])
    statement_id = models.BigIntegerField(help_text="The quote's or claim's id, in its URL.")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    speaker = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    speaker_mention = models.CharField(max_length=300, blank=True)
    text = models.TextField()
    reason = models.CharField(max_length=200, blank=True)
    removed_at = models.DateTimeField(db_default=Now())

    class Meta:
        ordering = ["-removed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "statement_id"], name="unique_removed_statement"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind}-{self.statement_id} (removed)"


def statement_indexes(prefix: str) -> list:
    # Lists, search and counts read the statements table; these serve the
    # editors' per-kind lists and the importer.
    return [
        models.Index(fields=["speaker", "-published_on"], name=f"{prefix}_speaker_date"),
        models.Index(fields=["status", "confidence"], name=f"{prefix}_review_queue"),
    ]


class Quote(StatementBase):
    """Words the article puts inside quotation marks."""

    history = HistoricalRecords()

    class Meta(StatementBase.Meta):
        indexes = statement_indexes("quote")

    def get_absolute_url(self) -> str:
        return page_path("statement", "quote", self.pk)


class Claim(StatementBase):
    """Reported speech without quotation marks: "Lavrov noted that ..."."""

    history = HistoricalRecords()

    class Meta(StatementBase.Meta):
        indexes = statement_indexes("claim")

    def get_absolute_url(self) -> str:
        return page_path("statement", "claim", self.pk)


class StatementQuerySet(models.QuerySet):
    def public(self):
        """Everything readers may see: all but rejected statements."""
        return self.exclude(status=StatementBase.Status.REJECTED)

    def listed(self):
        """What result lists show and count: public statements, less the quotes
        shown inside a claim (``nested``). Permalinks, article pages, exports,
        "also reported" and "check a quote" keep them."""
        return self.public().filter(nested=False)

    def search(self, q: str):
        """Statements matching a websearch query (``"exact phrase"``, ``-word``, ``or``).

        The stored document holds the text (A), the speaker as written and
        their canonical name (B) and the outlet and "via" names (C), so
        "Peskov deadline" finds a Peskov quote whose cue only says "he said";
        one GIN index answers it. Annotates ``rank``.

        Quoted phrases are exact. The document's own phrase search keeps the
        words' order and places but not its stop words, so "no deadline" is
        ``'deadlin'`` there: the document finds the candidates through its
        index, and a phrase with stop words is then checked on each
        candidate's own words (``exact_phrase``), so "no deadline" is not "a
        deadline". A phrase without stop words needs no check (and a check
        the planner cannot estimate made it read every match: 760 ms for
        "security guarantees"); its words stay stemmed.
        """
        from .search import (
            NEWEST,
            STOP_WORDS_BOUND,
            normalise_query,
            only_stop_words,
            parse_query,
        )

        q = normalise_query(q)
        if not q:
            return self
        groups = parse_query(q)
        # An excluded phrase with stop words is excluded exactly below; left in
        # the document query, -"no plans" would drop every statement with "plan".
        wanted = [g for g in groups if not (len(g) == 1 and g[0].checked and g[0].negated)]
        candidates = (
            q if len(wanted) == len(groups)
            else " ".join(" or ".join(term.websearch() for term in g) for g in wanted)
        )
        query = SearchQuery(candidates, search_type="websearch", config="english")
        if only_stop_words(groups):
            # "we are": the document has no word of it, so the phrase is checked
            # on each row, of the newest STOP_WORDS_BOUND only (the page says so).
            newest = self.order_by(*(key.order_by() for key in NEWEST)).values("uid")
            found = self.filter(uid__in=newest[:STOP_WORDS_BOUND])
        else:
            found = self.filter(search_vector=query)
        for group in groups:
            if not any(term.checked for term in group):
                continue
            either = models.Q(pk__in=[])
            for term in group:
                if term.checked:
                    condition = exact_phrase(term.text)
                else:
                    condition = models.Q(search_vector=SearchQuery(
                        term.text, search_type="phrase" if term.phrase else "plain",
                        config="english",
                    ))
                either |= ~condition if term.negated else condition
            found = found.filter(either)
        # float8, not ts_rank's float4: the seek cursor sends the rank back as a
        # Python float, and float4 does not survive that round trip exactly.
        return found.annotate(
            rank=Cast(SearchRank(F("search_vector"), query), models.FloatField())
        )

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

        Candidates share the speaker and their first or last six words
        (``head_key``, ``tail_key``: kept by the database, btree-indexed), so
        a copy, a copy with other quotation marks, and one shortened or
        changed at either end are found in a few index lookups. A speaker's
        stock opening ("We have no plans to ...") can give thousands of
        candidates: trigram similarity, the costly part, is computed for the
        ``ALSO_REPORTED_CANDIDATES`` closest in date only. Earliest first: who
        carried it first.
        """
        same_speaker = (
            models.Q(speaker_id=statement.speaker_id)
            if statement.speaker_id
            else models.Q(speaker__isnull=True, speaker_mention__iexact=statement.speaker_mention)
        )
        same_words = models.Q(head_key=statement.head_key) | models.Q(tail_key=statement.tail_key)
        when = statement.published_on or datetime.date.today()
        candidates = (
            self.public()
            .filter(same_speaker, same_words)
            .exclude(article_id=statement.article_id)
            # Days apart (date - date is an integer in PostgreSQL; Django would
            # make it an interval).
            .annotate(gap=RawSQL("abs(published_on - %s::date)", [when]))
            .order_by(F("gap").asc(nulls_last=True), "uid")
            .values("uid")[:ALSO_REPORTED_CANDIDATES]
        )
        return (
            self.filter(uid__in=candidates)
            .annotate(similarity=TrigramSimilarity("text", statement.text))
            .filter(similarity__gte=threshold)
            .order_by(models.F("published_on").asc(nulls_last=True), "created_at", "uid")
        )


def quoted_inside():
    """For a claim, the quotes shown inside it rather than listed (``nested``):
    a list of ``{"start", "end", "id", "text"}`` in the article's offsets, in
    order; empty for a quote. One subquery on the (article, start) index per
    row listed, within the rows' own query."""
    inside = (
        Statement.objects.public()
        .filter(
            nested=True,
            kind="quote",
            article_id=models.OuterRef("article_id"),
            start__gte=models.OuterRef("start"),
            end__lte=models.OuterRef("end"),
        )
        .order_by("start")
        .values(json=JSONObject(start="start", end="end", id="statement_id", text="text"))
    )
    return ArraySubquery(inside)


def exact_phrase(phrase: str) -> models.Q:
    """Statements with ``phrase``'s exact words (``quotes.search.phrase_regex``)
    in their text or in the speaker as the article names them."""
    from .search import phrase_regex

    pattern = phrase_regex(phrase)
    return models.Q(text__iregex=pattern) | models.Q(speaker_mention__iregex=pattern)


# How many candidates "also reported" compares, at most (the closest in date).
ALSO_REPORTED_CANDIDATES = 50


def _newest(*columns: str) -> list:
    """Index expressions in the order lists sort: newest first, undated last."""
    return [
        *(F(column) for column in columns),
        F("published_on").desc(nulls_last=True),
        F("created_at").desc(),
        F("uid").asc(),
    ]


class Statement(models.Model):
    """Quotes and claims as one list: what every page lists, searches and counts.

    A table the database keeps in step with ``quotes_quote`` and
    ``quotes_claim`` (triggers, migration 0006): write through Quote and Claim,
    read here. Each row carries what pages filter and sort on, so one set of
    indexes serves every list: the article's outlet, and a search document
    with the speaker's and outlets' names. ``uid`` is "quote-12" or "claim-7".
    """

    uid = models.CharField(max_length=30, primary_key=True)
    kind = models.CharField(max_length=5)
    statement_id = models.BigIntegerField()
    article = models.ForeignKey(
        Article, on_delete=models.DO_NOTHING, db_constraint=False, db_index=False,
        related_name="+",
    )
    outlet = models.ForeignKey(
        Outlet, on_delete=models.DO_NOTHING, null=True, db_constraint=False, db_index=False,
        related_name="+", help_text="The article's outlet.",
    )
    speaker = models.ForeignKey(
        Person, on_delete=models.DO_NOTHING, null=True, db_constraint=False, db_index=False,
        related_name="+",
    )
    speaker_mention = models.CharField(max_length=300)
    text = models.TextField()
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    cue = models.CharField(max_length=200)
    stance = models.CharField(
        max_length=10, choices=Stance, default=Stance.ASSERTS, db_default=Stance.ASSERTS
    )
    partial = models.BooleanField()
    via = models.ForeignKey(
        Outlet, on_delete=models.DO_NOTHING, null=True, db_constraint=False, db_index=False,
        related_name="+",
    )
    # A quote whose words lie inside a public claim of the same speaker in the
    # same article ("Peskov said the talks were “useful”"): lists show that
    # claim, with these words marked, and not the quote again (migration 0015).
    nested = models.BooleanField(default=False, db_default=False)
    confidence = models.FloatField()
    status = models.CharField(max_length=12, choices=StatementBase.Status)
    reviewed_at = models.DateTimeField(null=True)
    published_on = models.DateField(null=True)
    created_at = models.DateTimeField()
    search_vector = SearchVectorField()
    # Hashes of the first and last six words, for "also reported".
    head_key = models.BigIntegerField()
    tail_key = models.BigIntegerField()
    # 0-99 from a hash of the uid: rows with 0 are a fixed 1 % sample, from
    # which counts too large to make exactly are estimated (quotes/counting.py).
    sample = models.SmallIntegerField()

    objects = StatementQuerySet.as_manager()

    class Meta:
        db_table = "quotes_statement"
        verbose_name_plural = "review queue"
        ordering = ["-published_on", "-created_at", "uid"]
        indexes = [
            models.Index(*_newest(), name="statement_newest"),
            models.Index(*_newest("speaker"), name="statement_speaker_newest"),
            models.Index(*_newest("outlet"), name="statement_outlet_newest"),
            models.Index(*_newest("via"), name="statement_via_newest"),
            # Feeds: newest added first.
            models.Index(F("created_at").desc(), F("uid"), name="statement_created"),
            models.Index(
                F("speaker"), F("created_at").desc(), F("uid"), name="statement_speaker_created"
            ),
            models.Index(fields=["article", "start"], name="statement_article"),
            models.Index(fields=["status", "confidence"], name="statement_review_queue"),
            models.Index(fields=["speaker", "head_key"], name="statement_speaker_head"),
            models.Index(fields=["speaker", "tail_key"], name="statement_speaker_tail"),
            # "Check a quote" without a speaker: the same first or last words.
            models.Index(fields=["head_key"], name="statement_head"),
            models.Index(fields=["tail_key"], name="statement_tail"),
            GinIndex(fields=["search_vector"], name="statement_search"),
            GinIndex(
                fields=["search_vector"], name="statement_sample_search",
                condition=models.Q(sample=0),
            ),
            models.Index(
                fields=["published_on"], name="statement_sample",
                condition=models.Q(sample=0),
            ),
            # An outlet page's facets, "published or credited" (no tally pairs
            # the two): its sample rows straight from these, not a bitmap of
            # all its statements ANDed with the sample (TASS at ten million:
            # 370 ms, now 30 ms).
            models.Index(
                fields=["outlet"], name="statement_sample_outlet", condition=models.Q(sample=0),
            ),
            models.Index(
                fields=["via"], name="statement_sample_via", condition=models.Q(sample=0),
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    def get_absolute_url(self) -> str:
        return page_path("statement", self.kind, self.statement_id)

    @property
    def reported_by_via(self) -> bool:
        """Whether the outlet credited is the source itself ("Bloomberg reported
        that ..."): no speaker, and the article names the outlet as the one saying."""
        if self.speaker_id or not self.via_id or not self.speaker_mention:
            return False
        mention = self.speaker_mention.lower().removeprefix("the ")
        return mention in self.via.name.lower() or self.via.name.lower() in mention


# How kinds and review statuses are keyed in StatementTally (see migration 0006).
KIND_CODES = {"quote": 0, "claim": 1}
STATUS_CODES = {"automatic": 0, "verified": 1, "corrected": 2}


class StatementTally(models.Model):
    """Exact counts of public statements, kept by triggers on ``quotes_statement``.

    One row per facet value (``dim2 = 0``) and per pair of values of two
    facets: "statements by speaker 3" is ``(SPEAKER, 3, 0, 0)``, "statements
    by speaker 3 in outlet 9" is ``(SPEAKER, 3, OUTLET, 9)`` (and the same
    the other way round); ``(0, 0, 0, 0)`` counts them all. Facet counts of
    a list filtered on at most one facet are then an index lookup, not a
    count over a million rows (quotes/counting.py).
    """

    class Dim(models.IntegerChoices):
        ALL = 0
        SPEAKER = 1
        OUTLET = 2
        VIA = 3
        KIND = 4
        STATUS = 5
        MONTH = 6  # year * 100 + month, paired with speakers only

    pk = models.CompositePrimaryKey("dim", "key", "dim2", "key2")
    dim = models.SmallIntegerField(choices=Dim)
    key = models.BigIntegerField()
    dim2 = models.SmallIntegerField(choices=Dim)
    key2 = models.BigIntegerField()
    n = models.BigIntegerField()

    class Meta:
        db_table = "quotes_tally"
        indexes = [
            models.Index(F("dim"), F("key"), F("dim2"), F("n").desc(), name="tally_top"),
            # The values present, for index-only counts of them (Person.reach's
            # outlets: 1,900 rows on 1,500 heap pages otherwise).
            models.Index(
                fields=["dim", "key", "dim2", "key2"], condition=models.Q(n__gt=0),
                name="tally_present",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dim}:{self.key} {self.dim2}:{self.key2} = {self.n}"


# Sources polled on a schedule (quotes/sources/, quotes/tasks.py) ------------------


class SourceQuerySet(models.QuerySet):
    def due(self, now: datetime.datetime):
        """Active sources never polled, or last polled at least their interval ago."""
        return self.filter(active=True).filter(
            models.Q(last_polled_at__isnull=True)
            | models.Q(
                last_polled_at__lte=models.ExpressionWrapper(
                    Value(now) - F("every"), output_field=models.DateTimeField()
                )
            )
        )


class Source(models.Model):
    """A feed, sitemap or page polled for new articles every ``every``.

    Not ``quotes.importing.Source``, which is one article's text on its way in.
    """

    class Kind(models.TextChoices):
        FEED = "feed", "RSS or Atom feed"
        SITEMAP = "sitemap", "XML sitemap or sitemap index"
        PAGE = "page", "A single page"

    url = models.URLField("URL", max_length=2000, unique=True)
    kind = models.CharField(max_length=10, choices=Kind, default=Kind.FEED)
    outlet = models.ForeignKey(
        Outlet, on_delete=models.PROTECT, null=True, blank=True, related_name="sources",
        help_text="Articles found here are this outlet's; empty: from each page's domain.",
    )
    every = models.DurationField(
        "poll every", default=datetime.timedelta(minutes=15), help_text="e.g. 00:15:00"
    )
    active = models.BooleanField(
        default=True, help_text="Polled on schedule. Turned off after repeated failed polls."
    )
    # Conditional GET: what the server said last time, sent back next time.
    etag = models.CharField(max_length=500, blank=True, editable=False)
    last_modified = models.CharField(max_length=100, blank=True, editable=False)
    last_polled_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_success_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_error_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_error = models.CharField(max_length=500, blank=True, editable=False)
    failures_in_a_row = models.PositiveIntegerField(default=0, editable=False)
    found_count = models.PositiveIntegerField(
        "links found", default=0, editable=False,
        help_text="New links seen in this source (not yet imported at the time).",
    )
    imported_count = models.PositiveIntegerField(
        "articles imported", default=0, editable=False,
        help_text="Articles created from its links.",
    )
    created_at = models.DateTimeField(db_default=Now(), editable=False)

    objects = SourceQuerySet.as_manager()

    class Meta:
        ordering = ["url"]

    def __str__(self) -> str:
        return self.url


class Host(models.Model):
    """What every worker must agree on about one web host: when it may next be
    asked for a page (the per-host delay), and its robots.txt."""

    name = models.CharField(max_length=300, unique=True, help_text="host[:port]")
    next_fetch_at = models.DateTimeField(db_default=Now())
    robots_txt = models.TextField(blank=True)
    # None: not fetched yet. An unreachable robots.txt is kept as "disallow all"
    # until it is read again (RFC 9309, 2.3.1.4).
    robots_fetched_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.name


class FailedLink(models.Model):
    """A link that could not be imported after its retries, and why. Listed in
    admin; a link here is not fetched again until an editor retries it."""

    url = models.URLField("URL", max_length=2000, unique=True)
    source = models.ForeignKey(
        Source, on_delete=models.CASCADE, null=True, blank=True, related_name="failed_links"
    )
    reason = models.CharField(max_length=500)
    attempts = models.PositiveIntegerField(default=1)
    failed_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-failed_at"]

    def __str__(self) -> str:
        return self.url


class ErrorReport(models.Model):
    """A reader's "Report an error" on a statement or article: what is wrong, an
    optional e-mail for an answer. Editors resolve it in admin."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="error_reports")
    # "quote-12" or "claim-7" when reported from a statement's page.
    statement_uid = models.CharField("statement", max_length=30, blank=True)
    message = models.TextField("what is wrong", max_length=2000)
    email = models.EmailField("e-mail", blank=True)
    created_at = models.DateTimeField(db_default=Now(), editable=False)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    note = models.TextField(
        "editor's note", blank=True, help_text="What was done (for the other editors)."
    )

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(
                F("created_at").desc(), name="errorreport_open",
                condition=models.Q(resolved_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        text = " ".join(self.message.split())
        return text if len(text) <= 60 else text[:59] + "…"

    def statement_url(self) -> str:
        kind, _, pk = self.statement_uid.partition("-")
        if kind in ("quote", "claim") and pk.isdigit():
            return page_path("statement", kind, int(pk))
        return ""
