"""Withdrawn statements: a permalink someone may have cited says the statement
was withdrawn (410, when, why, which article) rather than "not found", and
feeds and downloads never list it."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from quotes import editing, importing
from quotes.importing import Metadata
from quotes.models import Quote, RemovedStatement


def import_file(path):
    outcomes = list(importing.run(importing.collect([str(path)], Metadata(outlet="Reuters"))))
    assert len(outcomes) == 1 and not outcomes[0].failed, outcomes
    return outcomes[0]


@pytest.mark.django_db
def test_a_statement_reextraction_removes_answers_410_with_the_reason(
    reference_data, tmp_path, client
):
    path = tmp_path / "story.txt"
    path.write_text("“We are ready,” Peskov said.\n\n“Not yet,” Rubio said.\n")
    article = import_file(path).article
    gone = Quote.objects.get(article=article, text="Not yet,")
    url = gone.get_absolute_url()
    assert client.get(url).status_code == 200

    path.write_text("“We are ready,” Peskov said.\n\n“Talks resume,” Lavrov said.\n")
    assert import_file(path).sync.removed == 1
    record = RemovedStatement.objects.get()
    assert (record.kind, record.statement_id, record.text) == ("quote", gone.pk, "Not yet,")

    response = client.get(url)
    assert response.status_code == 410
    body = response.content.decode()
    assert "withdrawn by the editors" in body
    assert "no longer found in it" in body
    assert f'href="{article.get_absolute_url()}"' in body
    assert "“Not yet,”" in body
    # Nowhere else: not in the search, the feed or a download.
    assert "Not yet" not in client.get("/", {"q": "yet"}).content.decode()
    assert "Not yet" not in client.get("/feeds/search/").content.decode()
    exported = json.loads(b"".join(client.get("/export.json").streaming_content))
    assert "Not yet," not in [row["text"] for row in exported]


@pytest.mark.django_db
def test_a_rejected_statement_leaves_feeds_and_downloads(reference_data, tmp_path, client):
    path = tmp_path / "story.txt"
    path.write_text("“We are ready,” Peskov said.\n\n“Not yet,” Rubio said.\n")
    article = import_file(path).article
    rubio = Quote.objects.get(article=article, text="Not yet,")
    feed = reverse("person_feed", args=[rubio.speaker.slug])
    assert "Not yet" in client.get(feed).content.decode()

    editing.reject([rubio], None, reason="A headline, not a quote.")
    response = client.get(rubio.get_absolute_url())
    assert response.status_code == 410
    assert "A headline, not a quote." in response.content.decode()
    assert "Not yet" not in client.get(feed).content.decode()
    assert "Not yet" not in client.get("/feeds/search/").content.decode()
    exported = b"".join(client.get("/export.csv").streaming_content).decode()
    assert "Not yet" not in exported and "We are ready" in exported
