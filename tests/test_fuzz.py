"""Property-based fuzzing (issue 11): the importer's readers, the extractor and
every page's GET parameters, fed generated hostile input.

The properties: no traceback (only ``BadInput`` reasons), no server error
(no 5xx, no exception through the test client, streamed bodies included),
no half-written article (every stored article was extracted, and each of its
statements is its text at its offsets), and extraction within a time bound.

In the suite the examples are few (about 20 s in all). ``make fuzz`` runs the
same tests long (``--hypothesis-profile=fuzz``: at least 10,000 importer
inputs and 10,000 page requests) and prints what it counted.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections import Counter
from pathlib import Path
from urllib.parse import quote

import pytest
from django.contrib.auth import get_user_model
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from quotes import importing
from quotes.extraction import ExtractionTimeout, extract
from quotes.importing import BadInput, Metadata
from quotes.models import Article, Claim, Quote
from tests.test_pages import newsroom

settings.register_profile(
    "ci", max_examples=25, deadline=None, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
# ``make fuzz``: 2,500 imports of 4 inputs each, 10,000 requests, 2,000 texts.
settings.register_profile(
    "fuzz", max_examples=10_000, deadline=None, print_blob=True,
    suppress_health_check=list(HealthCheck),
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
LONG = settings().max_examples >= 1000


def examples(ci: int, long: int, **options):
    """Examples per test: few in the suite, many under ``make fuzz``."""
    return settings(max_examples=long if LONG else ci, **options)


# What was counted, printed at the end of the module (``make fuzz`` shows it).
COUNTS: Counter = Counter()


@pytest.fixture(scope="module", autouse=True)
def report():
    yield
    line = (
        f"fuzz: {COUNTS['importer inputs']:,} importer inputs, "
        f"{COUNTS['page requests']:,} page requests, {COUNTS['texts extracted']:,} texts "
        f"extracted ({COUNTS['extraction timeouts']:,} past their deadline): "
        f"{COUNTS['tracebacks']} tracebacks, {COUNTS['server errors']} server errors, "
        f"{COUNTS['half-written articles']} half-written articles"
    )
    print("\n" + line)
    if path := os.environ.get("FUZZ_REPORT"):
        Path(path).write_text(line + "\n")


# Hostile material --------------------------------------------------------------------

MARKS = ["“", "”", "„", "«", "»", '"', "''", "``", "‘", "’", "'"]
WORDS = [
    "said", "told", "according", "to", "he", "she", "Anna", "Berg", "Erik", "Lund", "the",
    "minister", "spokesman", "official", "that", "would", "not", "talks", "TASS", "reported",
    "HOST:", "—", "―", "-", ",", ".", "!", "?", ":", "\n", "\n\n", " ", "\xa0", "\t", "Mr.",
    "U.S.", "x-", "<a", 'href="', "=", "…", "\u200b", "é", "Ж", "\ufeff", "\x00", "9" * 30,
]
hostile_text = st.lists(
    st.one_of(st.sampled_from(MARKS + WORDS), st.text(max_size=8)), max_size=400
).map(" ".join)
# Text that PostgreSQL can store and a URL can carry: no surrogates.
no_surrogates = st.characters(blacklist_categories=("Cs",))
plain_text = st.text(alphabet=no_surrogates, max_size=40)
odd_strings = st.one_of(
    plain_text,
    st.sampled_from([
        "", " ", "\x00", "\ud800", "\udfff", "9" * 5000, "1 October 99999999999999999999",
        "2025-02-30", "31/12/2025", "javascript:alert(1)", "file:///etc/passwd",
        "ftp://example.org/a", "HTTP://EXAMPLE.ORG/a#frag", "https://example.org/a?utm_source=x",
        "https://[::1", "https://example.org:99999/", "http://" + "a" * 3000 + ".org/",
        ".", "—", "Talks resume — .", "<script>alert(1)</script>", "'; DROP TABLE quotes; --",
    ]),
)
json_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), odd_strings
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(plain_text, inner, max_size=4)
    ),
    max_leaves=12,
)
FIELDS = ["text", "html", "title", "url", "outlet", "date", "published_on", "author"]
feed_objects = st.dictionaries(
    st.sampled_from(FIELDS), st.one_of(odd_strings, hostile_text, json_values), max_size=8
)
feed_lines = st.one_of(
    feed_objects.map(lambda obj: json.dumps(obj).encode()),
    feed_objects.map(lambda obj: json.dumps(obj, ensure_ascii=False).encode("utf-8", "replace")),
    json_values.map(lambda value: json.dumps(value).encode()),
    st.binary(max_size=200),
    st.sampled_from([
        b"[" * 50_000 + b"]" * 50_000, b'{"text": ' + b"9" * 5000 + b"}",
        b'{"text": "caf\xe9 said the minister."}', b'{"text": "\x00"}', b"\xef\xbb\xbf{}",
        b'{"text": "\\ud800 said."}',
    ]),
)
file_bodies = st.one_of(
    hostile_text.map(lambda text: text.encode("utf-8", "surrogatepass")),
    st.binary(max_size=400),
    hostile_text.map(lambda text: f"<html><head><title>{text[:80]}</title></head><body>"
                                  f"<article><p>{text}</p></article></body></html>"
                     .encode("utf-8", "surrogatepass")),
)


def half_written() -> int:
    """Stored articles that were not extracted, or whose statements are not their text."""
    count = Article.objects.filter(extracted_at__isnull=True).count()
    for model in (Quote, Claim):
        for row in model.objects.select_related("article").only(
            "text", "start", "end", "article__text"
        ):
            count += row.article.text[row.start : row.end] != row.text
    return count


# The importer ------------------------------------------------------------------------


class ImporterFuzzTests(TestCase):
    """Each example imports a folder (a feed, a text file, an HTML page, a
    sidecar) and a date option: one-line reasons only, nothing half-written."""

    @examples(ci=25, long=2500)
    @given(
        lines=st.lists(feed_lines, min_size=1, max_size=3),
        text=file_bodies, html=file_bodies, sidecar=json_values, date=odd_strings,
    )
    def test_any_input_is_imported_or_refused_with_a_reason(self, lines, text, html, sidecar,
                                                             date):
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            (root / "feed.jsonl").write_bytes(b"\n".join(lines))
            (root / "a.txt").write_bytes(text)
            (root / "a.json").write_text(json.dumps(sidecar))
            (root / "b.html").write_bytes(html)
            try:
                overrides = importing.metadata_from_options(date=date)
            except BadInput as exc:
                assert str(exc).startswith("--date: ") and "\n" not in str(exc)
                overrides = Metadata()
            try:
                outcomes = list(importing.run(importing.collect([folder], overrides)))
            except Exception:
                COUNTS["tracebacks"] += 1
                raise
        COUNTS["importer inputs"] += len(outcomes)
        for outcome in outcomes:
            if outcome.failed:
                # A reason, not a traceback: run() turns unexpected errors into
                # "TypeName: message"; a reader must never need that.
                unexpected = outcome.reason.split(":")[0].endswith(("Error", "Exception"))
                if unexpected or "\n" in outcome.reason or not outcome.reason:
                    COUNTS["tracebacks"] += 1
                assert not unexpected, outcome.reason
                assert outcome.reason and "\n" not in outcome.reason
        broken = half_written()
        COUNTS["half-written articles"] += broken
        assert broken == 0

    @examples(ci=50, long=5000)
    @given(value=st.one_of(odd_strings, hostile_text, json_values))
    def test_metadata_checks_refuse_with_a_reason_or_accept(self, value):
        COUNTS["importer inputs"] += 1
        for check in (importing.parse_date, importing.check_url, importing.check_name):
            try:
                check(value if isinstance(value, str) else json.dumps(value))
            except BadInput as exc:
                assert str(exc) and "\n" not in str(exc)
            except Exception:
                COUNTS["tracebacks"] += 1
                raise


# The extractor -----------------------------------------------------------------------

SECONDS = 5.0  # per example; the texts here are under 20 KB


@examples(ci=30, long=2000, suppress_health_check=list(HealthCheck))
@given(text=st.one_of(
    hostile_text,
    st.lists(hostile_text, max_size=6).map("\n\n".join),
    st.text(alphabet=st.sampled_from([m for m in MARKS if len(m) == 1] + list(" \n.,aA")),
            max_size=3000),
))
def test_the_extractor_returns_valid_statements_in_bounded_time(text):
    started = time.perf_counter()
    try:
        statements = extract(text, seconds=SECONDS)
    except ExtractionTimeout:
        COUNTS["extraction timeouts"] += 1
        statements = []
    except Exception:
        COUNTS["tracebacks"] += 1
        raise
    elapsed = time.perf_counter() - started
    COUNTS["texts extracted"] += 1
    assert elapsed < SECONDS + 2
    for statement in statements:
        assert text[statement.start : statement.end] == statement.text
        assert 0 <= statement.confidence <= 1


# The pages ---------------------------------------------------------------------------

PARAMETERS = ["q", "speaker", "outlet", "via", "kind", "status", "since", "until", "after",
              "sort", "o", "p", "e", "queue", "confidence", "next", "_changelist_filters",
              "text"]
VALUES = st.one_of(
    st.text(alphabet=no_surrogates, max_size=60),
    st.sampled_from([
        "quote-²", "claim-" + "9" * 4301, "quote-99999999999999999999", "quote--1", "-",
        "dmitry-peskov", "tass", "quote", "claim", "verified", "corrected", "automatic",
        "relevance", "newest", "2025-10-01", "2025-02-30", "99999-01-01", "0", "-1",
        '"unclosed', "-word or", "“no deadline”", "&", "%", "\x00", "' OR 1=1 --", "a" * 5000,
    ]),
)
RAW = st.sampled_from(["%FF", "%C0%AF", "%", "%ZZ", "%00", "%ED%A0%80", "+", "%2B", "&&", "=="])
parameters = st.lists(
    st.tuples(st.one_of(st.sampled_from(PARAMETERS), st.text(max_size=10)), VALUES),
    max_size=12,
)


def query_string(pairs, raw) -> str:
    encoded = [
        f"{quote(name.encode('utf-8', 'replace'), safe='')}="
        f"{quote(value.encode('utf-8', 'replace'), safe='')}"
        for name, value in pairs
    ]
    return "&".join(encoded + raw)


class PageFuzzTests(TestCase):
    """Every page, export and feed (and the editors' lists), any GET parameters: never a 5xx."""

    @classmethod
    def setUpTestData(cls):
        cls.people, cls.outlets, cls.articles, cls.s = newsroom()
        cls.editor = get_user_model().objects.create_superuser(
            "fuzz-editor", "fuzz@example.org", "a-long-fuzz-password-1"
        )
        cls.pages = [
            "/", cls.people["peskov"].get_absolute_url(),
            cls.outlets["reuters"].get_absolute_url(), cls.outlets["tass"].get_absolute_url(),
            cls.articles["first"].get_absolute_url(), cls.s["peskov"].get_absolute_url(),
            "/export.csv", "/export.json", "/feeds/search/",
            cls.people["peskov"].get_absolute_url().replace("/people/", "/feeds/people/"),
            "/check/", "/people/", "/outlets/", "/articles/", "/facets/speaker/", "/facets/outlet/",
            f"/report/?article={cls.articles['first'].pk}",
        ]
        cls.admin_pages = [
            "/admin/quotes/statement/", "/admin/quotes/quote/", "/admin/quotes/person/",
            "/admin/quotes/article/", "/admin/quotes/errorreport/",
        ]

    @examples(ci=60, long=10_000)
    @given(
        page=st.integers(min_value=0), admin=st.integers(min_value=0, max_value=9),
        pairs=parameters, raw=st.lists(RAW, max_size=3), many=st.integers(0, 40),
        htmx=st.booleans(),
    )
    def test_no_parameters_make_a_server_error(self, page, admin, pairs, raw, many, htmx):
        if admin == 0:  # one request in ten is an editor's list
            self.client.force_login(self.editor)
            url = self.admin_pages[page % len(self.admin_pages)]
        else:
            url = self.pages[page % len(self.pages)]
        if many == 40:  # now and then, more parameters than Django accepts
            pairs = pairs + [("speaker", str(n)) for n in range(1001)]
        headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
        COUNTS["page requests"] += 1
        try:
            response = self.client.get(f"{url}?{query_string(pairs, raw)}", **headers)
            if response.streaming:
                b"".join(response.streaming_content)
        except Exception:
            COUNTS["tracebacks"] += 1
            raise
        if response.status_code >= 500:
            COUNTS["server errors"] += 1
        assert response.status_code < 500, (url, pairs, raw)
        assert "Content-Security-Policy" in response
