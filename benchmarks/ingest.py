#!/usr/bin/env python
"""Import a fake news site with 1, 2 and 4 workers: rate, duplicates, failures, memory.

    .venv/bin/python benchmarks/ingest.py [--outlets 100] [--per-outlet 3] [--workers 1 2 4]
        [--max-seconds 3600] [--database-prefix bench_ingest]

Serves OUTLETS outlets on 127.0.0.1, each on its own port (so the per-host
delay applies per outlet, as on the web), each with an RSS feed of its ten
newest articles and a sitemap of all of them. Article pages are generated
from this file's own vocabulary: officials quoted and paraphrased in news
prose of 350-700 words. Of the links:

- about 4 % are listed by two outlets (the same URL in both feeds),
- about 3 % are another outlet's copy of an article, whose page names the
  original as canonical URL (one article, not two),
- about 5 % are slow (0.5-2 s before the first byte),
- about 4 % fail: 404, "500 forever" (retried, then given up), a page with
  no article text, and a page that takes longer than IMPORT_URL_TIMEOUT.

For each worker count it makes a fresh database from a migrated template on
the PostgreSQL of ``BENCH_DATABASE_URL`` (the machine's, by default), starts
``celery -A diplomacy worker --concurrency N`` on a queue of its own on
RabbitMQ, queues a poll of every source (``quotes.tasks.poll_due_sources``,
as ``manage.py poll_sources`` does) and waits until every link is settled:
imported or given up on (or, with ``--max-seconds``, until that time is up,
for a site larger than the time at hand allows to import). It prints
articles/s (all workers, and per worker), duplicate articles (same URL or
same text: must be 0), the links given up on grouped by reason, the peak
memory (RSS) of each worker process, and the projection to a million
articles a day.
Nothing here goes past 127.0.0.1.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import http.server
import os
import random
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

import psutil
import psycopg
from celery import Celery

ROOT = Path(__file__).resolve().parent.parent
BROKER = os.environ.get("BENCH_BROKER_URL", "amqp://guest:guest@127.0.0.1:5672//")
SERVER = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432")
TIMEOUT = 3.0  # IMPORT_URL_TIMEOUT for the workers: the "too slow" pages take 5 s

# The site's own vocabulary: invented officials, places and phrases.
FIRST = ["Anna", "Marek", "Lena", "Tomas", "Irina", "Pavel", "Sofia", "Jonas", "Elena", "Karim",
         "Mira", "Viktor", "Nadia", "Oskar", "Leila", "Andrei", "Hanna", "Farid", "Greta", "Ivo"]
LAST = ["Varga", "Kowal", "Lindqvist", "Novak", "Petrenko", "Halloran", "Aziz", "Moreau",
        "Brandt", "Ionescu", "Sato", "Okafor", "Rossi", "Dahl", "Kuznets", "Ferreira", "Haddad"]
ROLES = ["foreign minister", "spokeswoman for the ministry", "deputy prime minister",
         "chief negotiator", "ambassador to the talks", "presidential adviser", "defence minister"]
COUNTRIES = ["Arvenia", "Belmora", "Caldonia", "Dravia", "Estmark", "Fenwick", "Galdor", "Hesper"]
CITIES = ["Port Aldis", "Veska", "Trennick", "Solbridge", "Marrow Bay", "Kestrel", "Ondria"]
TOPICS = ["the ceasefire", "the grain corridor", "prisoner exchanges", "the border commission",
          "sanctions relief", "the energy agreement", "the monitoring mission", "the next round"]
VERBS = ["said", "told reporters", "said in a statement", "told a news conference", "wrote"]
REPORTED = ["noted that", "said that", "warned that", "insisted that", "stressed that"]
CLAIMS = ["the talks would resume within weeks", "no deal was possible without guarantees",
          "the delegation had received new instructions", "the proposal remained on the table",
          "both sides had agreed to keep the channel open", "observers would be allowed back"]
QUOTES = ["We are ready to continue, but not at any price", "This is a step, not a solution",
          "Nobody should expect a breakthrough this week", "Our position has not changed",
          "The door remains open for serious proposals", "We will judge them by their actions",
          "There is no alternative to dialogue", "Time is running out for a settlement"]
FILLER = ["Delegations met behind closed doors for a second day",
          "The meeting ran late into the evening and ended without a joint statement",
          "Diplomats described the atmosphere as businesslike but tense",
          "Officials declined to say when the working groups would meet again",
          "Analysts said the gap between the two positions remained wide",
          "Local media reported heavy security around the venue",
          "The previous round collapsed over the sequencing of the first steps",
          "Humanitarian groups urged both sides to protect civilians in the meantime"]


def person(rng: random.Random) -> tuple[str, str]:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}", rng.choice(ROLES)


def article_body(rng: random.Random, n: int) -> tuple[str, list[str]]:
    """A headline and 6-12 paragraphs of news prose with quotes and claims."""
    country, city, topic = rng.choice(COUNTRIES), rng.choice(CITIES), rng.choice(TOPICS)
    headline = f"{country} and partners discuss {topic} in {city} (report {n})"
    paragraphs = []
    for _ in range(rng.randint(6, 12)):
        name, role = person(rng)
        kind = rng.random()
        if kind < 0.4:
            text = (f"“{rng.choice(QUOTES)},” {country}'s {role} {name} {rng.choice(VERBS)} "
                    f"in {city} on Tuesday.")
        elif kind < 0.7:
            text = (f"{name}, the {role} of {country}, {rng.choice(REPORTED)} "
                    f"{rng.choice(CLAIMS)}.")
        else:
            text = f"{rng.choice(FILLER)}."
        text += " " + " ".join(f"{rng.choice(FILLER)}." for _ in range(rng.randint(1, 4)))
        paragraphs.append(text)
    return headline, paragraphs


def page(outlet: str, headline: str, paragraphs: list[str], canonical: str, date: str) -> bytes:
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (
        f'<!doctype html><html><head><title>{escape(headline)} - {outlet}</title>'
        f'<meta property="og:site_name" content="{outlet}">'
        f'<meta property="article:published_time" content="{date}">'
        f'<link rel="canonical" href="{canonical}"></head><body>'
        f'<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/about">About</a></nav>'
        f"<article><h1>{escape(headline)}</h1>{body}</article>"
        f"<footer>© {outlet}. All rights reserved. Share: Twitter Facebook</footer>"
        f"</body></html>"
    ).encode()


@dataclass
class Outlet:
    name: str
    port: int = 0
    # path: (body, seconds before answering, HTTP status)
    pages: dict[str, tuple[bytes, float, int]] = field(default_factory=dict)
    listed: list[str] = field(default_factory=list)  # URLs in its feed and sitemap
    server: http.server.ThreadingHTTPServer | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@dataclass
class Site:
    outlets: list[Outlet]
    articles: set[str]  # canonical URLs that must end up as articles
    failing: dict[str, str]  # URL: why it fails

    @property
    def links(self) -> int:
        return len({url for outlet in self.outlets for url in outlet.listed})


def build(outlets: int, per_outlet: int, seed: int = 13) -> Site:
    """The whole site in memory; ports are given when the servers start."""
    rng = random.Random(seed)
    site = Site([Outlet(f"Outlet {i:03d}") for i in range(outlets)], set(), {})
    for outlet in site.outlets:
        # Bound now and kept: a port found free and bound later may be taken meanwhile.
        outlet.server = _server(outlet)
        outlet.port = outlet.server.server_address[1]
    for outlet in site.outlets:
        for j in range(per_outlet):
            path = f"/news/{j}.html"
            url = outlet.base + path
            date = f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            headline, paragraphs = article_body(rng, j)
            roll = rng.random()
            delay, status, body = 0.0, 200, page(outlet.name, headline, paragraphs, url, date)
            if roll < 0.01:
                status, body = 404, b"<h1>Not Found</h1>"
                site.failing[url] = "HTTP 404"
            elif roll < 0.02:
                status, body = 500, b"<h1>Internal Server Error</h1>"
                site.failing[url] = "HTTP 500"
            elif roll < 0.03:
                body = b"<!doctype html><html><body><nav>Home About</nav></body></html>"
                site.failing[url] = "no article"
            elif roll < 0.04:
                delay = TIMEOUT + 2
                site.failing[url] = "timeout"
            elif roll < 0.09:
                delay = rng.uniform(0.5, 2.0)
            if url not in site.failing:
                site.articles.add(url)
            outlet.pages[path] = (body, delay, status)
            outlet.listed.append(url)
        # Links another outlet lists too, and copies naming the original as canonical.
        other = rng.choice(site.outlets)
        for j in range(per_outlet):
            roll = rng.random()
            original = outlet.base + f"/news/{j}.html"
            if original in site.failing or other is outlet:
                continue
            if roll < 0.04:
                other.listed.append(original)
            elif roll < 0.07:
                path = f"/copy/{outlet.port}-{j}.html"
                body, delay, status = outlet.pages[f"/news/{j}.html"]
                copied = body.replace(outlet.name.encode(), other.name.encode(), 2)
                other.pages[path] = (copied, delay, status)
                other.listed.append(other.base + path)
    for outlet in site.outlets:
        items = "".join(f"<item><link>{escape(u)}</link></item>" for u in outlet.listed[-10:])
        outlet.pages["/feed.xml"] = ((
            f'<?xml version="1.0"?><rss version="2.0"><channel><title>{outlet.name}</title>'
            f"<link>{outlet.base}/</link>{items}</channel></rss>").encode(), 0.0, 200)
        urls = "".join(f"<url><loc>{escape(u)}</loc></url>" for u in outlet.listed)
        outlet.pages["/sitemap.xml"] = ((
            '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"{urls}</urlset>").encode(), 0.0, 200)
        outlet.pages["/robots.txt"] = (b"User-agent: *\nDisallow: /private/\n", 0.0, 200)
    return site


def _server(outlet: Outlet) -> http.server.ThreadingHTTPServer:
    """An HTTP server for ``outlet`` on a free port, not answering yet."""

    class Handler(http.server.BaseHTTPRequestHandler):
        pages = outlet.pages  # filled in by build() after this

        def do_GET(self):
            body, delay, status = self.pages.get(self.path, (b"Not Found", 0.0, 404))
            time.sleep(delay)
            with contextlib.suppress(OSError):
                self.send_response(status)
                kind = "application/xml" if self.path.endswith(".xml") else "text/html"
                self.send_header("Content-Type", f"{kind}; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    return server


def serve(site: Site) -> list[http.server.ThreadingHTTPServer]:
    for outlet in site.outlets:
        threading.Thread(target=outlet.server.serve_forever, daemon=True).start()
    return [outlet.server for outlet in site.outlets]


# Databases ---------------------------------------------------------------------------


def admin_sql(sql: str) -> None:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(sql)


def manage(database: str, *args: str) -> None:
    env = {**os.environ, "DATABASE_URL": f"{SERVER}/{database}", "DEBUG": "true"}
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL)


def make_template(name: str, site: Site) -> None:
    admin_sql(f'DROP DATABASE IF EXISTS "{name}"')
    admin_sql(f'CREATE DATABASE "{name}"')
    manage(name, "migrate", "-v0")
    manage(name, "loaddata", "fixtures/people.json", "fixtures/outlets.json", "-v0")
    with psycopg.connect(f"{SERVER}/{name}", autocommit=True) as conn:
        for outlet in site.outlets:
            for path, kind in (("/feed.xml", "feed"), ("/sitemap.xml", "sitemap")):
                conn.execute(
                    "INSERT INTO quotes_source (url, kind, every, active, etag, last_modified,"
                    " last_error, failures_in_a_row, found_count, imported_count)"
                    " VALUES (%s, %s, interval '15 minutes', true, '', '', '', 0, 0, 0)",
                    [outlet.base + path, kind],
                )


# One run ----------------------------------------------------------------------------


@dataclass
class Result:
    workers: int
    seconds: float
    articles: int
    duplicates: int
    failures: Counter
    peak_rss_mb: list[float]
    settled: bool
    worker_cpu: float = 0.0  # CPU seconds (user + system) of the worker processes
    database_cpu: float = 0.0  # of the PostgreSQL backends serving the run's database


def run(site: Site, template: str, workers: int, delay: float, limit: float = 3600) -> Result:
    database = f"{template}_w{workers}"
    admin_sql(f'DROP DATABASE IF EXISTS "{database}"')
    admin_sql(f'CREATE DATABASE "{database}" TEMPLATE "{template}"')
    queue = f"bench-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ, "DATABASE_URL": f"{SERVER}/{database}", "CELERY_BROKER_URL": BROKER,
        "CELERY_QUEUE": queue, "SECRET_KEY": "benchmark-only", "DEBUG": "false",
        "IMPORT_URL_TIMEOUT": str(TIMEOUT), "SOURCES_HOST_DELAY": str(delay),
        "SOURCES_RETRY_SECONDS": "1",
    }
    log = open(ROOT / "var" / f"bench-worker-{workers}.log", "w")  # noqa: SIM115
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "diplomacy", "worker", "--concurrency",
         str(workers), "-Q", queue, "-n", f"bench{workers}@%h", "--without-gossip",
         "--without-mingle", "--without-heartbeat", "--loglevel", "WARNING"],
        cwd=ROOT, env=env, start_new_session=True, stdout=log, stderr=subprocess.STDOUT,
    )
    client = Celery("bench", broker=BROKER, set_as_current=False)
    peaks: dict[int, float] = {}
    cpu: dict[int, float] = {}  # the last CPU time seen per worker process
    db_cpu: dict[int, float] = {}  # and per database backend
    expected_articles, expected_failures = len(site.articles), len(site.failing)
    try:
        _wait_for_consumer(client, queue, worker)
        with psycopg.connect(f"{SERVER}/{database}", autocommit=True) as conn:
            started = time.monotonic()
            client.send_task("quotes.tasks.poll_due_sources", queue=queue)
            settled, last_change, last = False, time.monotonic(), None
            while time.monotonic() - started < limit:
                _sample(worker.pid, peaks, cpu)
                _sample_backends(conn, database, db_cpu)
                articles, failed = conn.execute(
                    "SELECT (SELECT count(*) FROM quotes_article),"
                    " (SELECT count(*) FROM quotes_failedlink)").fetchone()
                if (articles, failed) != last:
                    last, last_change = (articles, failed), time.monotonic()
                if articles >= expected_articles and failed >= expected_failures:
                    settled = True
                    break
                # Nothing happened for two minutes once links were being settled:
                # report what there is. (Before the first article, the polls run:
                # with one worker, 200 sources on 100 hosts take minutes.)
                if (articles or failed) and time.monotonic() - last_change > 120:
                    break
                time.sleep(0.5)
            seconds = time.monotonic() - started
            time.sleep(2)  # late duplicates would show now
            articles = conn.execute("SELECT count(*) FROM quotes_article").fetchone()[0]
            duplicates = conn.execute(
                "SELECT coalesce(sum(n - 1), 0) FROM (SELECT count(*) n FROM quotes_article"
                " GROUP BY content_hash HAVING count(*) > 1) d").fetchone()[0]
            reasons = Counter(dict(conn.execute(
                "SELECT reason, count(*) FROM quotes_failedlink GROUP BY reason").fetchall()))
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(timeout=60)
        log.close()
        with client.connection_for_write() as conn:
            conn.default_channel.queue_delete(queue)
    children = sorted((mb for pid, mb in peaks.items() if pid != worker.pid), reverse=True)
    return Result(workers, seconds, articles, int(duplicates), reasons,
                  [peaks.get(worker.pid, 0.0), *children], settled,
                  sum(cpu.values()), sum(db_cpu.values()))


def _wait_for_consumer(client: Celery, queue: str, worker: subprocess.Popen) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if worker.poll() is not None:
            raise SystemExit(f"worker exited with {worker.returncode}; see var/bench-worker-*.log")
        with client.connection_for_write() as conn, contextlib.suppress(Exception):
            if conn.default_channel.queue_declare(queue, passive=True).consumer_count:
                return
        time.sleep(0.5)
    raise SystemExit("worker did not start in 2 minutes")


def _sample(pid: int, peaks: dict[int, float], cpu: dict[int, float]) -> None:
    with contextlib.suppress(psutil.Error):
        main = psutil.Process(pid)
        for process in [main, *main.children(recursive=True)]:
            with contextlib.suppress(psutil.Error):
                mb = process.memory_info().rss / 1_048_576
                peaks[process.pid] = max(peaks.get(process.pid, 0.0), mb)
                times = process.cpu_times()
                cpu[process.pid] = times.user + times.system


def _sample_backends(conn, database: str, cpu: dict[int, float]) -> None:
    """CPU time of the PostgreSQL backends connected to the run's database
    (the benchmark's own connection included: a few idle counts)."""
    rows = conn.execute("SELECT pid FROM pg_stat_activity WHERE datname = %s", [database])
    for (pid,) in rows.fetchall():
        with contextlib.suppress(psutil.Error):
            times = psutil.Process(pid).cpu_times()
            cpu[pid] = times.user + times.system


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--outlets", type=int, default=100)
    parser.add_argument("--per-outlet", type=int, default=3)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--host-delay", type=float, default=1.0,
                        help="SOURCES_HOST_DELAY for the workers (seconds)")
    parser.add_argument("--max-seconds", type=float, default=3600,
                        help="stop each run after this long, settled or not, and report "
                             "what was done (a site too large to import in the time at hand)")
    parser.add_argument("--database-prefix", default="bench_ingest",
                        help="the run's databases are PREFIX_<hash> and PREFIX_<hash>_wN")
    args = parser.parse_args()
    (ROOT / "var").mkdir(exist_ok=True)
    site = build(args.outlets, args.per_outlet)
    servers = serve(site)
    pages = sum(len(o.pages) - 3 for o in site.outlets)
    print(f"Site: {args.outlets} outlets on 127.0.0.1, {pages} article pages, "
          f"{site.links} links in feeds and sitemaps; expected {len(site.articles)} articles, "
          f"{len(site.failing)} links to give up on "
          f"({', '.join(f'{n} {k}' for k, n in Counter(site.failing.values()).items())}).")
    print(f"Host delay {args.host_delay:g} s per outlet, URL timeout {TIMEOUT:g} s, "
          f"first retry after ~1 s. CPU: {os.cpu_count()} cores; "
          f"load average at start {os.getloadavg()[0]:.1f}.")
    template = f"{args.database_prefix}_{hashlib.sha1(str(args).encode()).hexdigest()[:6]}"
    make_template(template, site)
    results = []
    try:
        for n in args.workers:
            result = run(site, template, n, args.host_delay, args.max_seconds)
            results.append(result)
            rate = result.articles / result.seconds
            print(f"\n{n} worker{'s' if n > 1 else ''}: {result.articles} articles in "
                  f"{result.seconds:.0f} s = {rate:.2f} articles/s, {rate / n:.2f} per worker"
                  f"{'' if result.settled else '  (NOT SETTLED: stopped waiting)'}")
            if not result.settled:
                print(f"  of the {len(site.articles)} articles and {len(site.failing)} failing "
                      "links: what was done before the run stopped")
            print(f"  duplicates: {result.duplicates}")
            print(f"  given up on: {sum(result.failures.values())}")
            for reason, count in result.failures.most_common():
                print(f"    {count:4}  {reason}")
            main_mb, *children = result.peak_rss_mb
            print(f"  peak memory: {', '.join(f'{mb:.0f}' for mb in children)} MB per worker "
                  f"process (+ {main_mb:.0f} MB for the parent)")
            print(f"  CPU: {result.worker_cpu:.0f} s in workers "
                  f"({1000 * result.worker_cpu / max(result.articles, 1):.0f} ms per article), "
                  f"{result.database_cpu:.0f} s in PostgreSQL "
                  f"({1000 * result.database_cpu / max(result.articles, 1):.0f} ms per article)")
            print(f"  load average at end: {os.getloadavg()[0]:.1f}")
    finally:
        for server in servers:
            server.shutdown()
        for n in args.workers:
            admin_sql(f'DROP DATABASE IF EXISTS "{template}_w{n}"')
        admin_sql(f'DROP DATABASE IF EXISTS "{template}"')
    print("\nworkers  articles/s  per worker  duplicates  given up  worker CPU ms/article"
          "  PostgreSQL CPU ms/article")
    for r in results:
        rate = r.articles / r.seconds
        n = max(r.articles, 1)
        print(f"{r.workers:7}  {rate:10.2f}  {rate / r.workers:10.2f}  {r.duplicates:10}  "
              f"{sum(r.failures.values()):8}  {1000 * r.worker_cpu / n:21.0f}"
              f"  {1000 * r.database_cpu / n:25.0f}")
    if results:
        project(results)


DAY = 1_000_000 / 86_400  # a million articles a day, in articles/s (11.6)
PEAK = 3  # peaks of three times the average, for hours (docs/scaling.md)
BUSY = 0.7  # cores planned at 70 %


def project(results: list[Result]) -> None:
    """A million articles a day from this run: from the best rate per worker
    process (what this machine gave, cores shared), and from CPU per article
    (what a dedicated core would give)."""
    per_worker = max(r.articles / r.seconds / r.workers for r in results)
    done = [r for r in results if r.articles]
    if not done:
        return
    worker_ms = sum(r.worker_cpu for r in done) / sum(r.articles for r in done) * 1000
    database_ms = sum(r.database_cpu for r in done) / sum(r.articles for r in done) * 1000
    peak = DAY * PEAK
    print(f"\nProjection to 1,000,000 articles/day ({DAY:.1f}/s on average, "
          f"{peak:.0f}/s at peaks):")
    print(f"  at this run's best {per_worker:.2f} articles/s per worker process: "
          f"{DAY / per_worker:.0f} workers on average, {peak / per_worker:.0f} at peaks")
    print(f"  from CPU per article ({worker_ms:.0f} ms in workers, {database_ms:.0f} ms in "
          f"PostgreSQL), cores at {BUSY:.0%}: {peak * worker_ms / 1000 / BUSY:.0f} worker cores "
          f"and {peak * database_ms / 1000 / BUSY:.0f} PostgreSQL cores at peaks")


if __name__ == "__main__":
    main()
