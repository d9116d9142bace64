"""Real Chromium through Playwright's sync API, against pytest-django's ``live_server``.

Debian's ``/usr/bin/chromium`` is used as installed; Playwright never downloads a browser.
The browser lives for one module and every test gets a fresh context (cookies, viewport),
so tests do not share a login and each xdist worker runs its own browser.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking"]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

# Playwright's sync API keeps an event loop running in this thread; the ORM calls the tests
# make to arrange data would otherwise be refused as "async unsafe".
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (make browser)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def viewport(request) -> dict[str, int]:
    """Parametrise indirectly with ``PHONE`` or ``DESKTOP``; the phone is the default."""
    return getattr(request, "param", PHONE)


@pytest.fixture
def page(browser, viewport, request) -> Iterator[object]:
    context = browser.new_context(
        viewport=viewport,
        locale="nb-NO",
        timezone_id="Europe/Oslo",
        is_mobile=viewport["width"] < 600,
        has_touch=viewport["width"] < 600,
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        yield page
        failed = getattr(request.node, "rep_call", None)
        if failed is not None and failed.failed:
            _screenshot(page, request.node.name)
    finally:
        context.close()


def _screenshot(page, name: str) -> None:
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in name)
    path = Path("/tmp") / f"placetrain-browser-{safe}.png"
    try:
        page.screenshot(path=str(path), full_page=True)
        print(f"screenshot: {path}")
    except Exception as exc:  # a failing screenshot must not hide the real failure
        print(f"no screenshot: {exc}")


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    # Remember the call outcome on the item so the ``page`` fixture can screenshot failures.
    report = yield
    if report.when == "call":
        item.rep_call = report
    return report
