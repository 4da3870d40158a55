"""``manage.py import_articles`` and ``reextract`` as a feeder uses them: progress,
summary, exit code, dry run, and URLs fetched from a local server."""

from __future__ import annotations

import http.server
import re
import threading
import time
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from quotes import importing
from quotes.models import Article, Outlet, Person, Quote
from tests.commands import run

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data" / "import"
PAGE = (DATA / "html" / "tass-page.html").read_bytes()


def statements_of(source):
    article = Article.objects.get(source=source)
    return Quote.objects.filter(article=article).count() + article.claims.count()


def test_progress_lines_and_summary(reference_data):
    out, err, error = run(DATA / "text")
    assert error is None and err == ""
    lines = out.splitlines()
    peskov, rubio = "tests/data/import/text/peskov.txt", "tests/data/import/text/rubio.txt"
    assert (statements_of(peskov), statements_of(rubio)) == (1, 1)
    assert lines[0] == f"[1/2] created    {peskov}  (1 statement)"
    assert lines[1] == f"[2/2] created    {rubio}  (1 statement)"
    total = statements_of(peskov) + statements_of(rubio)
    assert lines[-1] == (
        f"2 created, 0 updated, 0 unchanged, 0 failed. Statements: {total} in these "
        f"articles ({total} added, 0 updated, 0 kept, 0 removed)."
    )
    out, err, error = run(DATA / "text")
    assert out.splitlines()[0].startswith(f"[1/2] unchanged  {peskov}  (")
    assert out.splitlines()[-1].startswith("0 created, 0 updated, 2 unchanged, 0 failed.")
    assert Article.objects.count() == 2


def test_failures_are_one_line_each_then_the_summary_and_a_nonzero_exit(reference_data):
    out, err, error = run(DATA / "bad", DATA / "feeds", DATA / "html", DATA / "nowhere")
    assert error == "8 of 11 inputs failed"
    assert "Traceback" not in out + err
    assert err.splitlines() == [
        "[ 1/11] failed     tests/data/import/bad/bad-date.txt: "
        "unknown date format '03/04/2025' (use YYYY-MM-DD)",
        "[ 2/11] failed     tests/data/import/bad/binary.txt: binary file, not text",
        "[ 3/11] failed     tests/data/import/bad/empty.txt: empty file",
        "[ 4/11] failed     tests/data/import/bad/latin1.txt: "
        "not UTF-8 text (invalid byte at position 15)",
        "[ 6/11] failed     tests/data/import/feeds/feed.jsonl line 2: malformed JSON "
        "(Unterminated string starting at, column 34)",
        '[ 8/11] failed     tests/data/import/feeds/feed.jsonl line 4: no "text" or "html"',
        "[ 9/11] failed     tests/data/import/html/no-article.html: "
        "no article text found in the HTML",
        f"[11/11] failed     {DATA / 'nowhere'}: no such file or folder",
    ]
    assert out.splitlines()[-1].startswith("3 created, 0 updated, 0 unchanged, 8 failed.")
    assert Article.objects.count() == 3  # the good feed lines and the HTML page


def test_verbosity_zero_prints_only_failures(reference_data):
    out, err, error = run(DATA / "text", DATA / "bad" / "empty.txt", verbosity=0)
    assert out == ""
    assert err.strip().endswith("empty.txt: empty file")
    assert error == "1 of 3 inputs failed"
    assert Article.objects.count() == 2


def test_dry_run_prints_statements_and_writes_nothing(reference_data):
    counts = [m.objects.count() for m in (Article, Quote, Person, Outlet)]
    out, err, error = run(DATA / "text" / "rubio.txt", dry_run=True, outlet="Invented Gazette")
    assert error is None
    assert "created    tests/data/import/text/rubio.txt" in out
    assert "outlet: Invented Gazette" in out
    # The confidence is the fitted model's probability (docs/extraction.md): any 0.xx.
    assert re.search(r"quote 0\.\d\d Marco Rubio \[automatic\]: The door to diplomacy remains "
                     r"open\.", out), out
    assert out.splitlines()[-1].startswith("Dry run, nothing stored: 1 created")
    assert [m.objects.count() for m in (Article, Quote, Person, Outlet)] == counts


def test_options_set_the_metadata(reference_data):
    _, _, error = run(DATA / "folder" / "one.txt", outlet="tass", title="Ready",
                      date="2025-10-02", author="Desk", url="https://tass.com/1")
    assert error is None
    article = Article.objects.get()
    assert (article.outlet.name, article.title, str(article.published_on), article.author,
            article.url) == ("TASS", "Ready", "2025-10-02", "Desk", "https://tass.com/1")


def test_new_people_and_outlets_are_named_for_review(reference_data, tmp_path):
    story = tmp_path / "story.txt"
    story.write_text("“It is done,” Maria Zakharova said.")
    out, err, error = run(story, outlet="Tass Agency")  # a typo for TASS makes a new outlet
    assert error is None
    assert out.splitlines()[:3] == [
        f"[1/1] created    {story}  (1 statement)",
        "    new outlet: Tass Agency",
        "    new people, unreviewed: Maria Zakharova",
    ]
    assert Person.objects.get(name="Maria Zakharova").reviewed is False
    assert run(story, outlet="Tass Agency")[0].splitlines()[0].endswith("(1 statement)")


def test_ctrl_c_keeps_what_was_imported_and_stores_nothing_half_way(
    reference_data, monkeypatch
):
    real = importing.import_source

    def interrupted_on_the_second(source, **options):
        if source.label.endswith("rubio.txt"):
            raise KeyboardInterrupt
        return real(source, **options)

    # batch.run calls import_source by its name in quotes.importing.batch.
    monkeypatch.setattr(importing.batch, "import_source", interrupted_on_the_second)
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError) as stopped:
        call_command("import_articles", str(DATA / "text"), stdout=out, stderr=err)
    assert str(stopped.value) == "interrupted; the article in progress was not stored"
    assert stopped.value.returncode == 130  # what a shell reports for Ctrl-C
    assert out.getvalue().splitlines()[-1].startswith("1 created, 0 updated, 0 unchanged")
    assert list(Article.objects.values_list("source", flat=True)) == [
        "tests/data/import/text/peskov.txt"
    ]


def test_bad_options_stop_before_anything_is_imported(reference_data):
    assert run(DATA / "text", date="next Tuesday")[2] == (
        "--date: unknown date format 'next Tuesday' (use YYYY-MM-DD)"
    )
    assert run(DATA / "text", url="https://tass.com/1")[2] == (
        "--url names one article, but there are 2 inputs"
    )
    assert run(DATA / "text" / "rubio.txt", url="tass.com/1")[2] == (
        "--url: not an http(s) URL: 'tass.com/1'"
    )
    assert not Article.objects.exists()


# URLs, against a local server ----------------------------------------------------------


class Handler(http.server.BaseHTTPRequestHandler):
    routes = {
        "/news/lavrov.html": (200, "text/html; charset=utf-8", PAGE),
        "/plain.txt": (200, "text/plain; charset=utf-8",
                       "“We are ready,” Peskov said.".encode()),
        "/big.html": (200, "text/html", b"<p>" + b"word " * 5000 + b"</p>"),
        "/image.png": (200, "image/png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100),
        "/feed": (200, "application/x-ndjson", (DATA / "feeds" / "feed.jsonl").read_bytes()),
    }

    def do_GET(self):
        if self.path in self.streams:
            return self.streams[self.path](self)
        if self.path == "/slow":
            time.sleep(2)
        status, content_type, body = self.routes.get(
            self.path, (404, "text/html", b"<h1>Not Found</h1>")
        )
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except OSError:
            pass  # the client gave up (timeout test)

    def redirect(self, to):
        self.send_response(302)
        self.send_header("Location", to)
        self.end_headers()

    def stream(self, chunk, pause, count):
        """A body with no Content-Length, ``count`` chunks ``pause`` seconds apart."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        try:
            for _ in range(count):
                self.wfile.write(chunk)
                self.wfile.flush()
                time.sleep(pause)
        except OSError:
            pass  # the client gave up, as it should

    streams = {
        "/loop": lambda self: self.redirect("/loop"),
        "/to-endless": lambda self: self.redirect("/endless"),
        "/endless": lambda self: self.stream(b"<p>" + b"word " * 2000 + b"</p>", 0, 1000),
        "/to-trickle": lambda self: self.redirect("/trickle"),
        "/trickle": lambda self: self.stream(b"<p>word</p>", 0.1, 100),
    }

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_an_html_url_is_fetched_and_imported(reference_data, server):
    out, err, error = run(f"{server}/news/lavrov.html")
    assert error is None, err
    article = Article.objects.get()
    assert article.source == f"{server}/news/lavrov.html"
    assert article.url == "https://tass.com/world/2000002"  # the page's canonical URL
    assert article.outlet.slug == "tass"
    assert Quote.objects.get().speaker.name == "Sergey Lavrov"
    assert run(f"{server}/news/lavrov.html")[0].splitlines()[0].startswith("[1/1] unchanged")


def test_a_feed_url_imports_each_good_line(reference_data, server):
    out, err, error = run(f"{server}/feed")
    assert error == "2 of 4 inputs failed"
    assert f"{server}/feed line 2: malformed JSON" in err
    assert sorted(Article.objects.values_list("url", flat=True)) == [
        "https://example.org/news/1", "https://example.org/news/2"
    ]


def test_a_plain_text_url_keeps_the_url_it_was_given(reference_data, server):
    assert run(f"{server}/plain.txt")[2] is None
    assert Article.objects.get().url == f"{server}/plain.txt"


@pytest.mark.parametrize(
    "path, reason",
    [
        ("/missing.html", "HTTP 404 Not Found"),
        ("/big.html", "response too large (24.4 KB; limit 19.5 KB)"),
        ("/image.png", "cannot import content of type image/png"),
        ("/slow", "timed out after 0.5 s"),
        # Each read is quick; the whole download is what the timeout bounds.
        ("/to-trickle", "timed out after 0.5 s"),
        # No Content-Length to refuse up front: counted while reading.
        ("/to-endless", "response too large (over 19.5 KB)"),
        ("/loop", "HTTP 302 too many redirects"),
    ],
)
def test_url_failures_are_one_line_reasons(reference_data, server, settings, path, reason):
    settings.IMPORT_MAX_BYTES = 20_000
    settings.IMPORT_URL_TIMEOUT = 0.5
    out, err, error = run(f"{server}{path}")
    assert err.strip() == f"[1/1] failed     {server}{path}: {reason}"
    assert error == "1 of 1 inputs failed"
    assert not Article.objects.exists()


def test_a_trickling_server_is_given_up_on_in_time(reference_data, server, settings):
    settings.IMPORT_URL_TIMEOUT = 0.5
    started = time.monotonic()
    assert run(f"{server}/trickle")[2] == "1 of 1 inputs failed"
    assert time.monotonic() - started < 3  # the body would take 10 s


def test_an_unreachable_server_is_a_one_line_reason(reference_data):
    # Port 9 (discard) on 127.0.0.1: nothing listens there on a normal machine.
    out, err, error = run("http://127.0.0.1:9/article")
    assert err.strip().startswith("[1/1] failed     http://127.0.0.1:9/article: cannot reach")
    assert error == "1 of 1 inputs failed"


def test_other_schemes_are_refused(reference_data):
    assert "only http and https URLs" in run("ftp://example.org/a.txt")[1]


# reextract -----------------------------------------------------------------------------


def test_reextract_command_reports_progress_and_keeps_corrections(reference_data):
    run(DATA / "text")
    quote = Quote.objects.get(text="We are ready for a meeting at any moment,")
    quote.speaker, quote.status = Person.objects.get(slug="vladimir-putin"), Quote.Status.CORRECTED
    quote.save()
    out = StringIO()
    call_command("reextract", "--all", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("[1/2] article ")
    assert "0 added, 0 updated, 1 kept, 0 removed" in lines[0]
    assert lines[-1] == "Re-extracted 2 articles, 0 failed: 0 added, 0 updated, 2 kept, 0 removed."
    quote.refresh_from_db()
    assert quote.speaker.slug == "vladimir-putin"


def test_reextract_command_needs_articles(reference_data):
    with pytest.raises(CommandError, match="--article ID, or use --all"):
        call_command("reextract")
    with pytest.raises(CommandError, match="No article with id 999"):
        call_command("reextract", "--article", "999")
