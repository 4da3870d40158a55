"""Shared test fixtures. Tests run on real PostgreSQL (embedded or DATABASE_URL)."""

import pytest
from django.core.management import call_command


@pytest.fixture
def reference_data(db):
    """The officials and outlets of fixtures/, as the demo has them."""
    call_command("loaddata", "fixtures/people.json", "fixtures/outlets.json", verbosity=0)


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (it cannot download its own here)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-background-networking", "--disable-gpu"],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser page; ``page.base_url`` is the live test server.

    Every test that uses it also checks that the browser reported no
    Content-Security-Policy violation (an inline script or style, say).
    """
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.base_url = live_server.url
    violations = []
    page.on(
        "console",
        lambda message: violations.append(message.text)
        if "Content Security Policy" in message.text else None,
    )
    yield page
    context.close()
    assert not violations, violations
