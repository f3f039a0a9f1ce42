"""Browser tests: Playwright's sync API driving Debian's chromium against pytest-django's live server.

The machine has no outside network, so chromium is started with everything that phones home switched off and a
fresh profile per test. Without /usr/bin/chromium the tests skip on a developer machine, but fail under CI=true.
"""

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from django.conf import settings

# Playwright's sync API runs an event loop in this thread; Django's ORM calls from the test body are still sync.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(settings.BASE_DIR) / "docs" / "screenshots"
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
PASSWORD = "pass-Kaohe-2025"


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).parent == here:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def playwright_instance():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: CI must install Debian's chromium (see .ci/run)")
        pytest.skip(f"{CHROMIUM} is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture
def browser_context(playwright_instance, settings):
    """A fresh chromium profile (user-data dir) per context; yields a factory of contexts with a given viewport."""
    # The live server speaks plain HTTP; production cookies are Secure-only.
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    contexts, dirs = [], []

    def open_context(viewport=DESKTOP, **kwargs):
        user_data = tempfile.mkdtemp(prefix="kaohe-chromium-")
        dirs.append(user_data)
        context = playwright_instance.chromium.launch_persistent_context(
            user_data,
            executable_path=CHROMIUM,
            headless=True,
            args=CHROMIUM_ARGS,
            viewport=viewport,
            locale="zh-CN",
            timezone_id="Asia/Shanghai",
            accept_downloads=True,
            **kwargs,
        )
        context.set_default_timeout(15000)
        contexts.append(context)
        return context

    yield open_context
    for context in contexts:
        context.close()
    for d in dirs:
        shutil.rmtree(d, ignore_errors=True)


@pytest.fixture
def watch_errors():
    """Collect JavaScript errors and console errors (CSP violations among them) of a page."""

    def attach(page):
        errors = []
        page.on("pageerror", lambda exc: errors.append(f"pageerror: {exc}"))
        page.on("console", lambda msg: errors.append(f"console: {msg.text}") if msg.type == "error" else None)
        return errors

    return attach


@pytest.fixture
def roles_with_permissions(transactional_db):
    """Transactional tests flush the groups the data migration made; put them back with their permissions."""
    from units.services import roles_sync

    roles_sync()


def login(page, base_url: str, username: str, password: str = PASSWORD) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")


def screenshot(page, name: str, *, full_page: bool = True) -> Path | None:
    """Render the page as a picture; written to docs/screenshots/ only with KAOHE_SCREENSHOTS=1 (`make
    screenshots`), so an ordinary test run leaves the tree clean (the committed pictures are the README's)."""
    if os.environ.get("KAOHE_SCREENSHOTS") != "1":
        assert page.screenshot(full_page=full_page)  # still rendered: a page that cannot be drawn fails here
        return None
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path
