"""An editor fixes a wrong speaker in real Chromium and readers see the fix."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.formats import date_format
from playwright.sync_api import expect

from quotes.models import StatementBase
from quotes.permissions import ensure_editors_group
from tests.factories import make_article, make_person, make_quote

PASSWORD = "x-Secret-42"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_editor_reassigns_a_speaker_with_the_autocomplete(page, live_server):
    group, _ = ensure_editors_group()
    editor = get_user_model().objects.create_user("editor", password=PASSWORD, is_staff=True)
    editor.groups.add(group)
    peskov = make_person("Dmitry Peskov", title="Kremlin spokesman")
    rubio = make_person("Marco Rubio")
    article = make_article("“We are ready to talk,” Kremlin spokesman Dmitry Peskov said.")
    quote = make_quote(article, "We are ready to talk", speaker=rubio, confidence=0.3)

    # Log in through the admin login form (axes checks it).
    page.goto(f"{page.base_url}/admin/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    expect(page.locator("#site-name")).to_have_text("diplomacy editors")

    # Review queue -> select the statement -> "Reassign ..." action.
    page.click("#review-queue-link")
    row = page.locator("#result_list tr", has_text="We are ready to talk")
    expect(row).to_contain_text("Marco Rubio")
    row.locator("input.action-select").check()
    page.select_option("select[name=action]", "reassign_speaker")
    page.click("button[name=index]")

    # The intermediate page: pick the speaker in Django admin's select2 autocomplete.
    expect(page.locator("h1")).to_have_text("Reassign to another speaker")
    page.click(".select2-selection")
    page.fill(".select2-search__field", "spokes")  # matches Peskov's title
    option = page.locator(".select2-results__option", has_text="Dmitry Peskov")
    expect(option).to_be_visible()
    option.click()
    expect(page.locator(".select2-selection__rendered")).to_contain_text("Dmitry Peskov")
    page.click("input[name=apply]")
    expect(page.locator(".messagelist")).to_contain_text("Credited 1 statement(s) to Dmitry Peskov")

    quote.refresh_from_db()
    assert quote.speaker == peskov
    assert quote.status == StatementBase.Status.CORRECTED
    assert quote.reviewed_by == editor

    # Readers see the new speaker on the statement's public page.
    page.goto(f"{page.base_url}{quote.get_absolute_url()}")
    body = page.locator("body")
    expect(body).to_contain_text("We are ready to talk")
    expect(body).to_contain_text("Dmitry Peskov")
    # Readers see that an editor changed it, and when.
    reviewed_on = date_format(timezone.localtime(quote.reviewed_at), "j M Y")
    expect(body).to_contain_text(f"Corrected {reviewed_on}")
    # The old speaker only where the page says what the editor changed.
    expect(page.locator(".facts")).not_to_contain_text(re.compile("Marco Rubio"))
    expect(page.locator(".correction")).to_have_text(
        "Corrected by an editor: speaker was Marco Rubio."
    )
