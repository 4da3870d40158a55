#!/usr/bin/env python
"""Every journalist's page at archive scale, under the production server.

    make benchmark-scale
    .venv/bin/python benchmarks/scale.py [--quick] [--no-datasette] [--pages home,search]

Needs a database with many statements (``make scale-db``): ``DATABASE_URL``,
or else the embedded server with its data in ``var/pgdata-scale``
(``EMBEDDED_DB_DIR``). Nothing is written to it.

1. Inputs, picked from the database with plain read-only SQL: the most quoted
   speakers and a spread of others, frequent, middling and rare words of the
   statements, two-word phrases that occur, words minus a speaker's surname,
   statements that were also reported elsewhere, big and small outlets,
   articles, and page-2 cursors (read from page 1's ``rel="next"`` link) and
   deeper ones. Every page cycles through its own inputs, so no figure is
   one warm query repeated.
2. ``make serve`` (gunicorn, README "Production") on a free port, exactly as
   production starts it, with DEBUG off.
3. One connection: latency (time to last byte) per page, p50/p95/p99.
   Then 16 keep-alive connections for ``--seconds`` on the pages with a
   throughput target: requests per second. Exports are timed to the last
   byte, a few times each.
4. Datasette (``scale_datasette.py``) serving the same rows: the equivalent
   table, search and speaker queries, alternately with the app.
5. The peak memory (RSS) of each gunicorn worker, sampled throughout.

Prints one table per part, with the issue's targets and pass/fail, and writes
the same to ``var/benchmark-scale.json``. Both servers are stopped at the end
(SIGTERM to their process groups), whatever happens.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import re
import secrets
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import scale_datasette  # noqa: E402
from scale_inputs import Inputs, next_links, pick_inputs  # noqa: E402
from scale_load import (  # noqa: E402
    Client,
    Result,
    WorkerMemory,
    free_port,
    percentile,
    run_load,
    run_sequential,
    stop,
    wait_until_answering,
)

VAR = ROOT / "var"
# The targets.
P95_TARGET_MS = 100
RPS_TARGET = 40
EXPORT_TIMEOUT = 1800  # seconds for one export to finish


def ms(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:.0f} ms" if value < 10_000 else f"{value / 1000:.1f} s"


@dataclass
class Page:
    name: str  # for --pages
    label: str
    inputs: list[tuple[str, dict]]  # (path, headers), cycled
    p95_target: bool = False
    rps_target: bool = False
    export: bool = False
    target_ms: int = P95_TARGET_MS  # the p95 target, when p95_target
    results: list[Result] = field(default_factory=list)
    load: dict | None = None

    def summary(self) -> dict:
        ok = [r.seconds for r in self.results if r.status == 200]
        row = {
            "page": self.name, "label": self.label, "requests": len(self.results),
            "inputs": len(self.inputs), "errors": self.errors(),
            "p50_ms": percentile(ok, 50), "p95_ms": percentile(ok, 95),
            "p99_ms": percentile(ok, 99),
            "bytes_p50": sorted(r.size for r in self.results)[len(self.results) // 2]
            if self.results else None,
            "load": self.load,
        }
        failures = []
        if row["errors"]:
            failures.append("errors")
        if self.p95_target and (row["p95_ms"] is None or row["p95_ms"] > self.target_ms):
            failures.append("p95")
        if self.rps_target and (not self.load or self.load["rps"] < RPS_TARGET
                                or self.load["errors"]):
            failures.append("req/s")
        row["targets"] = self.targets()
        row["pass"] = None if not row["targets"] and not row["errors"] else not failures
        row["failed"] = failures
        return row

    def targets(self) -> str:
        parts = [f"p95 ≤ {self.target_ms} ms"] if self.p95_target else []
        if self.rps_target:
            parts.append(f"≥ {RPS_TARGET} req/s")
        return ", ".join(parts)

    def errors(self) -> list[str]:
        return [f"{r.status or r.error} {path}" for r, (path, _) in
                zip(self.results, itertools.cycle(self.inputs)) if r.status != 200]


def pages_for(inputs: Inputs, cursors: list[str]) -> list[Page]:
    def q(text: str, path: str = "/") -> str:
        return f"{path}?{urlencode({'q': text})}"

    words = inputs.search_words()
    top = [slug for slug, _, _ in inputs.speakers]
    speakers = top[:10] + [slug for slug, _, _ in inputs.spread]
    htmx = {"HX-Request": "true", "HX-Current-URL": "http://127.0.0.1/"}
    plain = {}
    return [
        Page("home", "/ (count + 5 facets)", [("/", plain)], True, True),
        Page("search", "/?q=word", [(q(w), plain) for w in words], True, True),
        Page("phrase", '/?q="phrase"', [(q(f'"{p}"'), plain) for p in inputs.phrases], True),
        Page("negation", "/?q=word -surname", [(q(n), plain) for n in inputs.negations], True),
        Page("speaker", "/?speaker=slug",
             [(f"/?speaker={quote(s)}", plain) for s in speakers], True, True),
        Page("person", "/people/<slug>/ (most quoted)",
             [(f"/people/{quote(s)}/", plain) for s in top], True, True),
        Page("statement", "/quote|claim/<id>/", [(p, plain) for p in inputs.permalinks], True),
        Page("page2", "/?after=<cursor>", [(c, plain) for c in cursors], True),
        Page("article", "/articles/<id>/",
             [(f"/articles/{pk}/", plain) for pk in inputs.articles], True),
        Page("htmx", "/?q=word (HX-Request)", [(q(w), htmx) for w in words], True),
        Page("outlet", "/outlets/<slug>/",
             [(f"/outlets/{quote(s)}/", plain) for s in inputs.outlets]),
        Page("feed-person", "/feeds/people/<slug>/",
             [(f"/feeds/people/{quote(s)}/", plain) for s in speakers], True),
        Page("feed-search", "/feeds/search/?q=word",
             [(q(w, "/feeds/search/"), plain) for w in words], True),
        # Issue 12: a pasted quote answered within 200 ms.
        Page("check", "/check/?text=<pasted quote>",
             [(f"/check/?{urlencode(c)}", plain) for c in inputs.checks or []], True,
             target_ms=200),
        Page("export-search", "/export.csv?q=word",
             [(q(w, "/export.csv"), plain) for w in inputs.words["frequent"]], export=True),
        Page("export-all", "/export.csv (everything)", [("/export.csv", plain)], export=True),
        # Issue 12: the indexes, a facet's "show all", the previous page, oldest first.
        Page("people-index", "/people/ (most quoted first; ?q=, ?kind=)",
             [("/people/", plain), ("/people/?kind=group", plain),
              *((f"/people/?{urlencode({'q': name.split()[-1][:5]})}", plain)
                for _, name, _ in inputs.speakers[:10] + inputs.spread[:10])], True),
        Page("outlets-index", "/outlets/ (published + credited; ?q=, ?kind=)",
             [("/outlets/", plain), ("/outlets/?kind=agency", plain),
              *((f"/outlets/?{urlencode({'q': slug[:3]})}", plain) for slug in inputs.outlets)],
             True),
        Page("articles-index", "/articles/ (newest first; ?outlet=, ?after=)",
             [("/articles/", plain),
              *((f"/articles/?outlet={quote(slug)}", plain) for slug in inputs.outlets[:10]),
              *((f"/articles/?after={pk}&page=2", plain) for pk in inputs.articles[:20])], True),
        Page("facet-all", "/facets/speaker/ (show all, ?find=)",
             [("/facets/speaker/", plain), ("/facets/outlet/", plain),
              *((f"/facets/speaker/?{urlencode({'find': name.split()[-1][:5]})}", plain)
                for _, name, _ in inputs.speakers[:10]),
              *((f"/facets/outlet/?speaker={quote(s)}", plain) for s in top[:10])], True),
        Page("page-back", "/?before=<cursor> (previous page)",
             [(re.sub(r"&page=\d+", "", c).replace("after=", "before=") + "&page=3", plain)
              for c in cursors], True),
        Page("oldest", "/?sort=oldest (and by speaker)",
             [("/?sort=oldest", plain),
              *((f"/?sort=oldest&speaker={quote(s)}", plain) for s in speakers)], True),
    ]


def compare_with_datasette(app_port: int, ds_port: int, inputs: Inputs, count: int,
                           budget: float, selected: set[str]) -> list[dict]:
    """The app's page and Datasette's equivalent, alternately, over the same inputs."""
    table = scale_datasette.table_path(scale_datasette.DB)
    facets = "_facet=speaker&_facet=outlet"
    words = inputs.search_words()
    speakers = inputs.speakers[:10] + inputs.spread
    queries = [
        ("home", "table, count, speaker and outlet facets",
         [("/", f"{table}?{facets}&_sort_desc=published_on")]),
        ("search", "full-text search with facets",
         [(f"/?{urlencode({'q': w})}", f"{table}?{urlencode({'_search': w})}&{facets}")
          for w in words]),
        ("speaker", "one speaker, outlet facet",
         [(f"/?speaker={quote(slug)}",
           f"{table}?{urlencode({'speaker': name})}&_facet=outlet&_sort_desc=published_on")
          for slug, name, _ in speakers]),
    ]
    rows = []
    for name, label, pairs in queries:
        if name not in selected:
            continue
        app, peer = Client(app_port), Client(ds_port)
        app_results, peer_results, errors = [], [], []
        for path, _ in pairs[:3]:  # warm both
            app.get(path)
        for _, path in pairs[:3]:
            peer.get(path)
        started = time.monotonic()
        for app_path, peer_path in itertools.islice(itertools.cycle(pairs), count):
            for client, path, results in ((app, app_path, app_results),
                                          (peer, peer_path, peer_results)):
                result = client.get(path)
                results.append(result.seconds)
                if result.status != 200:
                    errors.append(f"{result.status or result.error} {path}")
            if time.monotonic() - started > budget:
                break
        app.close()
        peer.close()
        app_p50, peer_p50 = percentile(app_results, 50), percentile(peer_results, 50)
        ratio = app_p50 / peer_p50 if peer_p50 else None
        rows.append({
            "query": name, "label": label, "requests": len(app_results),
            "app_example": pairs[0][0], "datasette_example": pairs[0][1],
            "app_p50_ms": app_p50, "app_p95_ms": percentile(app_results, 95),
            "datasette_p50_ms": peer_p50, "datasette_p95_ms": percentile(peer_results, 95),
            "ratio": ratio, "pass": ratio is not None and ratio < 1 and not errors,
            "errors": errors,
        })
    return rows


def print_report(meta: dict, pages: list[dict], peers: list[dict] | None, memory: dict) -> None:
    print()
    print(f"Archive scale, {meta['date']}: {meta['statements']:,} listed statements, "
          f"{meta['people']:,} people, {meta['outlets']:,} outlets, {meta['articles']:,} articles")
    args = meta["gunicorn_cmd_args"]
    extra = f", GUNICORN_CMD_ARGS={args!r}" if args else ""
    print(f"Server: {meta['server']} ({meta['workers']} workers{extra}); the client runs on the "
          f"same {os.cpu_count()} cores; load average {meta['load_average'][0]} at the start, "
          f"{meta['load_average'][1]} at the end")
    print()
    header = ("page", "n", "p50", "p95", "p99", "req/s@16", "target", "result")
    widths = (32, 4, 8, 8, 8, 9, 26, 14)
    line = "  ".join(f"{h:<{w}}" if i in (0, 6, 7) else f"{h:>{w}}"
                     for i, (h, w) in enumerate(zip(header, widths, strict=True)))
    print(line)
    print("-" * len(line))
    for row in pages:
        label = row["label"]
        if row["page"].startswith("export") and row["bytes_p50"]:
            size = row["bytes_p50"]
            label += f" {size / 1e6:.0f} MB" if size >= 1e6 else f" {size / 1e3:.0f} kB"
        rps = f"{row['load']['rps']:.1f}" if row["load"] else "—"
        result = "—" if row["pass"] is None else "pass" if row["pass"] else \
            "FAIL (" + ", ".join(row["failed"]) + ")"
        cells = (label, row["requests"], ms(row["p50_ms"]), ms(row["p95_ms"]), ms(row["p99_ms"]),
                 rps, row["targets"] or "—", result)
        print("  ".join(f"{c:<{w}}" if i in (0, 6, 7) else f"{c:>{w}}"
                        for i, (c, w) in enumerate(zip(cells, widths, strict=True))))
    loaded = [row for row in pages if row["load"]]
    if loaded:
        print()
        connections = loaded[0]["load"]["connections"]
        print(f"Under load ({connections} keep-alive connections): requests, req/s, p50, p95, "
              "and the client's own CPU (share of one core)")
        for row in loaded:
            load = row["load"]
            print(f"  {row['label']:<32} {load['requests']:>6} in {load['seconds']:>4} s  "
                  f"{load['rps']:>6.1f}/s  {ms(load['p50_ms']):>8}  {ms(load['p95_ms']):>8}  "
                  f"client {load['client_cpu']:.0%}")
    errors = [(row["label"], e) for row in pages for e in row["errors"]]
    errors += [(row["label"] + " @16", e) for row in loaded for e in row["load"]["errors"]]
    if errors:
        print()
        print(f"Errors (not 200): {len(errors)}")
        for label, error in errors[:20]:
            print(f"  {label}: {error}")
    if peers is not None:
        print()
        print(f"Against Datasette ({meta.get('datasette', '')}), alternate requests, "
              "1 connection; ratio = app p50 / Datasette p50 (target < 1)")
        print(f"  {'query':<40} {'n':>4} {'app p50':>8} {'app p95':>8} "
              f"{'DS p50':>8} {'DS p95':>8} {'ratio':>6}  result")
        for row in peers:
            ratio = f"{row['ratio']:.2f}" if row["ratio"] is not None else "—"
            print(f"  {row['label']:<40} {row['requests']:>4} {ms(row['app_p50_ms']):>8} "
                  f"{ms(row['app_p95_ms']):>8} {ms(row['datasette_p50_ms']):>8} "
                  f"{ms(row['datasette_p95_ms']):>8} {ratio:>6}  "
                  f"{'pass' if row['pass'] else 'FAIL'}")
            for error in row["errors"][:5]:
                print(f"    error: {error}")
    print()
    if not memory["workers_seen"]:
        print("Peak worker memory: no gunicorn workers found under `make serve`")
        return
    each = ", ".join(map(str, memory["peak_per_worker_mib"]))
    print(f"Peak worker memory (RSS): {memory['peak_worker_mib']} MiB for the largest of "
          f"{memory['workers_seen']} workers seen ({each} MiB); "
          f"all workers together {memory['peak_all_workers_mib']} MiB; "
          f"master {memory['master_mib']} MiB")


def configure_environment() -> None:
    """Production settings for the server (and this process's own database access)."""
    if not os.environ.get("DATABASE_URL"):
        os.environ.setdefault("EMBEDDED_DB_DIR", str(VAR / "pgdata-scale"))
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    os.environ["ALLOWED_HOSTS"] = "127.0.0.1"
    os.environ["SECURE_SSL_REDIRECT"] = "false"
    # The client is one address asking for 120 feeds a minute, which the
    # per-address limits rightly refuse (429): the benchmark measures the
    # pages, so the limits are off unless the environment sets them.
    os.environ.setdefault("FEED_RATE_LIMIT", "")
    os.environ.setdefault("EXPORT_RATE_LIMIT", "")
    os.environ["DJANGO_SETTINGS_MODULE"] = "diplomacy.settings"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="fewer requests and shorter load runs, to try the benchmark out")
    parser.add_argument("--no-datasette", action="store_true",
                        help="skip the Datasette comparison")
    parser.add_argument("--pages",
                        help="comma-separated page names (default: all); --list shows them")
    parser.add_argument("--list", action="store_true", help="list the page names and exit")
    parser.add_argument("--requests", type=int, help="requests per page at 1 connection (60)")
    parser.add_argument("--budget", type=float,
                        help="seconds per page at 1 connection before stopping early (30)")
    parser.add_argument("--seconds", type=float, help="seconds of each 16-connection run (12)")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--json", type=Path, default=VAR / "benchmark-scale.json")
    args = parser.parse_args()
    requests = args.requests or (15 if args.quick else 60)
    budget = args.budget or (10 if args.quick else 30)
    seconds = args.seconds or (4 if args.quick else 12)
    export_repeats = {"export-search": 1 if args.quick else 3, "export-all": 1}
    names = ["home", "search", "phrase", "negation", "speaker", "person", "statement", "page2",
             "article", "htmx", "outlet", "feed-person", "feed-search", "check", "export-search",
             "export-all", "people-index", "outlets-index", "articles-index", "facet-all",
             "page-back", "oldest"]
    if args.list:
        print("\n".join(names))
        return
    selected = set(args.pages.split(",")) if args.pages else set(names)
    if unknown := selected - set(names):
        parser.error(f"unknown pages: {', '.join(sorted(unknown))} (see --list)")

    configure_environment()
    import django

    django.setup()
    from django.db import ProgrammingError, connection

    # Stop cleanly (finally: below) on SIGTERM as on Ctrl-C.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    VAR.mkdir(exist_ok=True)
    print("Picking inputs from the database ...", flush=True)
    started = time.perf_counter()
    try:
        with connection.cursor() as cursor:
            inputs = pick_inputs(cursor, random.Random(42))
    except ProgrammingError as exc:  # no tables: not migrated, or the wrong database
        sys.exit(f"Cannot read the statements ({str(exc).splitlines()[0]}): "
                 "build the database with `make scale-db`, or set DATABASE_URL.")
    print(f"  {time.perf_counter() - started:.1f} s: {len(inputs.search_words())} words, "
          f"{len(inputs.phrases)} phrases, {len(inputs.speakers) + len(inputs.spread)} speakers, "
          f"{len(inputs.permalinks)} statements ({inputs.also_reported} also reported), "
          f"{len(inputs.outlets)} outlets, {len(inputs.articles)} articles", flush=True)

    load_at_start = os.getloadavg()[0]
    server = datasette = memory = None
    server_log = VAR / "benchmark-scale-server.log"
    try:
        port = free_port()
        env = {**os.environ, "HOST": "127.0.0.1", "PORT": str(port)}
        print(f"Starting `make serve` on port {port} (log: {server_log.relative_to(ROOT)}) ...",
              flush=True)
        with server_log.open("w") as log:
            server = subprocess.Popen(["make", "serve"], cwd=ROOT, env=env, stdout=log,
                                      stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                      start_new_session=True)
        memory = WorkerMemory(server.pid)
        memory.start()
        # Any answer will do; a person's feed is one of the cheapest pages.
        ready = f"/feeds/people/{inputs.speakers[0][0]}/" if inputs.speakers else "/"
        wait_until_answering(port, server, ready, server_log)

        cursors = next_links(port, "/", 10)
        print(f"  page 1 links to {cursors[0] if cursors else 'no next page'}; "
              f"{len(cursors)} pages followed", flush=True)
        cursors += [f"/?after={uid}" for uid in inputs.deep_cursors]
        pages = [p for p in pages_for(inputs, cursors)
                 if p.name in selected and p.inputs]

        print("Warming up ...", flush=True)
        warm = Client(port)
        for page in pages:
            if not page.export:
                for path, headers in page.inputs[:2]:
                    warm.get(path, headers)
        warm.close()

        for page in pages:
            count = export_repeats.get(page.name, requests)
            print(f"  {page.label}: ", end="", flush=True)
            if page.export:
                page.results = run_sequential(port, page.inputs, count, EXPORT_TIMEOUT,
                                              timeout=EXPORT_TIMEOUT)
            else:
                page.results = run_sequential(port, page.inputs, count, budget)
            ok = [r.seconds for r in page.results if r.status == 200]
            print(f"{len(page.results)} requests, p50 {ms(percentile(ok, 50))}", flush=True)
        for page in pages:
            if page.rps_target:
                print(f"  {page.label} at {args.connections} connections for {seconds:.0f} s: ",
                      end="", flush=True)
                page.load = run_load(port, page.inputs, args.connections, seconds)
                print(f"{page.load['rps']:.1f} req/s", flush=True)

        peers = None
        if not args.no_datasette and selected & {"home", "search", "speaker"}:
            scale_datasette.ensure_venv()
            db = scale_datasette.ensure_db(
                connection, os.environ.get("DATABASE_URL") or os.environ["EMBEDDED_DB_DIR"],
                inputs.counts["statements"])
            ds_port, ds_log = free_port(), VAR / "benchmark-scale-datasette.log"
            print(f"Starting Datasette on port {ds_port} ...", flush=True)
            datasette = scale_datasette.serve(db, ds_port, ds_log)
            wait_until_answering(ds_port, datasette, "/-/versions.json", ds_log)
            peers = compare_with_datasette(port, ds_port, inputs, requests, budget, selected)
        memory.stopped.set()

        meta = {
            "date": time.strftime("%Y-%m-%d %H:%M"), **inputs.counts,
            "server": "make serve", "workers": memory.most_workers or "?",
            "web_concurrency": os.environ.get("WEB_CONCURRENCY", "default"),
            "gunicorn_cmd_args": os.environ.get("GUNICORN_CMD_ARGS"),
            # The machine may be shared: a busy one makes every figure worse.
            "load_average": [round(load_at_start, 2), round(os.getloadavg()[0], 2)],
            "datasette": scale_datasette.version() if peers is not None else None,
        }
        rows = [page.summary() for page in pages]
        print_report(meta, rows, peers, memory.summary())
        args.json.write_text(json.dumps(
            {"meta": meta, "inputs": {"speakers": [s for s, _, _ in inputs.speakers],
                                      "words": inputs.words, "phrases": inputs.phrases},
             "pages": rows, "datasette": peers, "memory": memory.summary()},
            indent=2, ensure_ascii=False))
        print(f"\nWritten to {args.json}")
    except RuntimeError as exc:  # a server that would not start: its log says why
        sys.exit(f"benchmark-scale: {exc}")
    finally:
        if memory:
            memory.stopped.set()
        print("Stopping the servers ...", flush=True)
        stop(server)
        stop(datasette)


if __name__ == "__main__":
    main()
