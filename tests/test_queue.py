"""The queue for real: RabbitMQ, ``celery worker`` processes, the news site on
127.0.0.1, and a database both the tests and the workers reach.

The workers are subprocesses started the way ``make worker`` starts them, on
a queue of their own (``CELERY_QUEUE``) so that nothing else on the broker
takes these tasks. The database is the test database of this run, through
the same server (the machine's PostgreSQL, or the embedded one's socket).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from celery import Celery
from django.conf import settings
from django.db import connection
from django.utils import timezone

from quotes import importing
from quotes.models import Article, FailedLink, Quote, Source
from tests.newssite import NewsSite, article_html, rss, sitemap

pytestmark = [pytest.mark.queue, pytest.mark.django_db(transaction=True)]

BROKER = os.environ.get("TEST_CELERY_BROKER_URL", "amqp://guest:guest@127.0.0.1:5672//")
QUEUE = f"diplomacy-test-{os.getpid()}-{uuid.uuid4().hex[:6]}"
WAIT = 60  # seconds a test waits for the workers before it fails


def worker_env(queue: str) -> dict:
    params = connection.get_connection_params()
    host = quote(str(params.get("host") or "127.0.0.1"), safe="")
    url = f"postgres://{params.get('user') or 'postgres'}@{host}:{params.get('port') or 5432}"
    env = {
        **os.environ,
        "DATABASE_URL": f"{url}/{connection.settings_dict['NAME']}",
        "CELERY_BROKER_URL": BROKER,
        "CELERY_QUEUE": queue,
        "SOURCES_HOST_DELAY": "0",
        "SECRET_KEY": "tests-only-not-a-secret",
        "DEBUG": "false",
    }
    env.pop("TEST_DATABASE_NAME", None)
    return env


class Worker:
    """``celery -A diplomacy worker --concurrency 1`` in its own process group."""

    def __init__(self, name: str, queue: str, log_dir: Path):
        self.log = log_dir / f"{name}.log"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "diplomacy", "worker", "--concurrency", "1",
             "-Q", queue, "-n", f"{name}@%h", "--without-gossip", "--without-mingle",
             "--without-heartbeat", "--loglevel", "INFO"],
            cwd=settings.BASE_DIR, env=worker_env(queue), start_new_session=True,
            stdout=self.log.open("w"), stderr=subprocess.STDOUT,
        )

    def kill(self, sig=signal.SIGKILL):
        if self.process.poll() is None:
            os.killpg(self.process.pid, sig)
        self.process.wait(timeout=30)


class Broker:
    def __init__(self):
        self.app = Celery("tests", broker=BROKER, set_as_current=False)
        self.app.conf.broker_connection_retry_on_startup = False

    def consumers(self, queue: str) -> int:
        with self.app.connection_for_write() as conn:
            try:
                return conn.default_channel.queue_declare(queue, passive=True).consumer_count
            except Exception:  # noqa: BLE001 - not declared yet
                return 0

    def wait_for_consumers(self, queue: str, n: int, workers) -> None:
        deadline = time.monotonic() + WAIT
        while self.consumers(queue) < n:
            for worker in workers:
                assert worker.process.poll() is None, worker.log.read_text()[-3000:]
            assert time.monotonic() < deadline, "workers did not start"
            time.sleep(0.3)

    def send(self, task: str, *args, queue: str = QUEUE) -> None:
        self.app.send_task(f"quotes.tasks.{task}", args=args, queue=queue)

    def delete(self, queue: str) -> None:
        with self.app.connection_for_write() as conn:
            conn.default_channel.queue_delete(queue)


@pytest.fixture(scope="module")
def broker():
    broker = Broker()
    try:
        with broker.app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1)
    except Exception as exc:  # noqa: BLE001
        pytest.fail(f"RabbitMQ is not running at {BROKER} ({exc}); make test starts it")
    return broker


@pytest.fixture(scope="module")
def workers(broker, django_db_setup, django_db_blocker, tmp_path_factory):
    """Two workers sharing one queue, for the whole module."""
    log_dir = tmp_path_factory.mktemp("workers")
    with django_db_blocker.unblock():
        started = [Worker(f"w{i}", QUEUE, log_dir) for i in (1, 2)]
    broker.wait_for_consumers(QUEUE, 2, started)
    yield started
    for worker in started:
        worker.kill(signal.SIGTERM)
    broker.delete(QUEUE)


@pytest.fixture
def site():
    site = NewsSite().start()
    yield site
    site.stop()


def wait_until(check, what: str, workers=()):
    deadline = time.monotonic() + WAIT
    while not check():
        if time.monotonic() > deadline:
            logs = "\n".join(w.log.read_text()[-2000:] for w in workers)
            pytest.fail(f"timed out waiting for {what}\n{logs}")
        time.sleep(0.2)


def manage(*args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=settings.BASE_DIR, env=worker_env(QUEUE),
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_workers_import_a_feed_and_a_sitemap_then_a_second_poll_fetches_nothing(
    reference_data, workers, site
):
    feed_links = [site.add(f"/news/{i}.html", article_html(i)) for i in (1, 2)]
    map_links = [site.add(f"/more/{i}.html", article_html(i + 10)) for i in (1, 2)]
    Source.objects.create(url=site.add(
        "/feed.xml", rss([{"link": u, "title": "Talks"} for u in feed_links]), conditional=True))
    Source.objects.create(url=site.add("/sitemap.xml", sitemap(map_links), conditional=True),
                          kind="sitemap")
    assert manage("poll_sources") == "2 sources due, queued for the workers.\n"
    wait_until(lambda: Article.objects.count() == 4, "4 articles", workers)
    assert sorted(Article.objects.values_list("url", flat=True)) == sorted(feed_links + map_links)
    assert Quote.objects.filter(speaker__name="Dmitry Peskov").count() == 4
    wait_until(lambda: all(s.etag for s in Source.objects.all()), "the polls recorded", workers)

    Source.objects.update(last_polled_at=None)
    before = len(site.requests)
    manage("poll_sources")
    wait_until(lambda: len(site.requests) >= before + 2, "the second polls", workers)
    time.sleep(1)  # anything else they would fetch comes now
    second = site.requests[before:]
    assert sorted(path for path, _ in second) == ["/feed.xml", "/sitemap.xml"]
    assert all(headers.get("If-None-Match") for _, headers in second)
    assert Article.objects.count() == 4


def test_two_workers_racing_for_the_same_links_store_each_article_once(
    reference_data, workers, broker, site
):
    links = [site.add(f"/race/{i}.html", article_html(i + 30)) for i in (1, 2, 3)]
    # Both workers get a copy of the first link at once (one message each), and
    # the server answers only when both have asked: they store it together.
    site.together.update(f"/race/{i}.html" for i in (1, 2, 3))
    feed = site.add("/feed.xml", rss([{"link": u} for u in links]))
    source = Source.objects.create(url=feed)
    for link in links:
        broker.send("import_link", {"url": link}, source.pk)
        broker.send("import_link", {"url": link}, source.pk)
    broker.send("poll_source", source.pk)  # and the feed's own poll, at the same time
    wait_until(lambda: Article.objects.count() == 3 and Source.objects.get().last_success_at,
               "3 articles", workers)
    time.sleep(2)  # the last copies finish
    assert site.hits("/race/1.html") == 2  # the race did happen
    assert Article.objects.count() == 3
    assert sorted(Article.objects.values_list("url", flat=True)) == sorted(links)
    assert not FailedLink.objects.exists()
    assert Source.objects.get().imported_count == 3


def test_a_worker_killed_mid_article_loses_nothing(reference_data, broker, site, tmp_path,
                                                    django_db_blocker):
    queue = f"{QUEUE}-kill"
    slow = site.add("/slow.html", article_html(41), delay=4)
    first = Worker("doomed", queue, tmp_path)
    try:
        broker.wait_for_consumers(queue, 1, [first])
        broker.send("import_link", {"url": slow}, queue=queue)
        wait_until(lambda: site.hits("/slow.html") == 1, "the worker to start fetching", [first])
        first.kill(signal.SIGKILL)  # the whole worker, as a machine that dies
        assert Article.objects.count() == 0
        second = Worker("heir", queue, tmp_path)
        try:
            wait_until(lambda: Article.objects.count() == 1, "the retried article", [second])
            time.sleep(1)
            assert site.hits("/slow.html") == 2
            assert Article.objects.get().url == slow
            assert not FailedLink.objects.exists()
        finally:
            second.kill(signal.SIGTERM)
    finally:
        first.kill()
        broker.delete(queue)


def test_reextract_all_fans_out_over_the_workers_and_keeps_rejections(
    reference_data, workers, site
):
    for i in (1, 2, 3):
        url = site.add(f"/news/{i}.html", article_html(i + 50))
        importing.import_source(importing.Source(
            f"“We are ready to talk in round {i},” Kremlin spokesman Dmitry Peskov said.", url,
            importing.Metadata(url=url)))
    rejected = Quote.objects.order_by("pk").first()
    rejected.status = Quote.Status.REJECTED
    rejected.save()
    started = timezone.now()
    assert manage("reextract", "--all") == "Queued 3 articles for re-extraction by the workers.\n"
    wait_until(lambda: Article.objects.filter(extracted_at__gt=started).count() == 3,
               "3 re-extractions", workers)
    assert Quote.objects.count() == 3
    rejected.refresh_from_db()
    assert rejected.status == Quote.Status.REJECTED
