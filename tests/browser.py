"""Helpers for the real-Chromium tests."""

from __future__ import annotations

import time


def wait_until(page, expression: str, timeout: float = 10.0) -> None:
    """Poll the JavaScript ``expression`` with ``page.evaluate`` until it is true.

    Not ``page.wait_for_function``: when its first check fails, its polling
    evaluates the string inside the page, which the Content-Security-Policy
    (no 'unsafe-eval') refuses, so a slow page failed the test.
    """
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout} s: {expression}")
        page.wait_for_timeout(50)
