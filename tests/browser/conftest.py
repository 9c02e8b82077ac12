"""Real-browser fixtures: Debian's Chromium driven by Playwright against the portal in a server process.

The portal under test runs as `manage.py runserver` in its own process with its own SQLite file,
migrated and seeded with the demo county once per test run (shared by the xdist workers, each
serving its own copy), exactly as `make run` builds it. The
browser tests therefore never share (or flush) the database of the rest of the suite, and rely on
no private pytest-django machinery.
"""

import fcntl
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright

PROJECT_DIR = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}

# One page of each kind a resident meets; all exist after seed_demo.
PORTAL_HOME = "/zh-hans/"
VILLAGE = "/zh-hans/dongshan/"
NOTICE = "/zh-hans/dongshan/notices/finance-2026-10/"
RULES = "/zh-hans/dongshan/rules/"
LEGAL_ARTICLE = "/zh-hans/legal-education/bride-price-disputes/"
PAGES = [PORTAL_HOME, VILLAGE, NOTICE, RULES, LEGAL_ARTICLE]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_up(url: str, server: subprocess.Popen, seconds: int = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"The portal server exited with code {server.returncode} before answering.", pytrace=False)
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:  # noqa: S310  (our own server)
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"The portal server did not answer {url}/healthz within {seconds} s.", pytrace=False)


def _manage(env: dict[str, str], *args: str) -> None:
    result = subprocess.run(  # noqa: S603  (fixed argv, our own interpreter)
        [sys.executable, "manage.py", *args], cwd=PROJECT_DIR, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        pytest.fail(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}", pytrace=False)


def _seeded_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file with the demo county, built once per test run.

    Migrating and seeding cost about 40 CPU seconds; every xdist worker would otherwise pay them again. The
    first worker to get here builds the file under an exclusive lock in the directory all workers share;
    the others wait on the lock and then copy it.
    """
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent
    seeded = shared / "browser-portal-seeded.sqlite3"
    with (shared / "browser-portal.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not seeded.exists():
            building = seeded.with_suffix(".building")
            building.unlink(missing_ok=True)
            env = {
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "portal.settings.test",
                "DATABASE_URL": f"sqlite:///{building}",
            }
            _manage(env, "migrate", "--noinput")
            _manage(env, "seed_demo")
            building.rename(seeded)
    return seeded


@pytest.fixture(scope="session")
def portal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of a portal server with the demo county, in its own process and its own copy of the database."""
    database = tmp_path_factory.mktemp("browser-portal") / "portal.sqlite3"
    shutil.copyfile(_seeded_database(tmp_path_factory), database)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": f"sqlite:///{database}",
    }
    url = f"http://127.0.0.1:{_free_port()}"
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "manage.py", "runserver", "--noreload", url.removeprefix("http://")],
        cwd=PROJECT_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_until_up(url, server)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="package")
def playwright() -> Iterator[Playwright]:
    # While Playwright runs, its event loop counts as running in this thread and Django refuses ORM
    # calls here (SynchronousOnlyOperation): package scope stops it before the rest of the suite runs.
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def chromium() -> Path:
    """Debian's Chromium; checked first (session scope) so a missing browser fails fast, before the seed."""
    # CI must go red, not quietly skip, when the browser tests cannot run.
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        pytest.fail(
            f"Debian's Chromium is missing at {CHROMIUM}; the browser tests need it. "
            "Install it with: apt-get install -y chromium fonts-wqy-microhei",
            pytrace=False,
        )
    return CHROMIUM


@pytest.fixture(scope="package")
def browser(chromium: Path, playwright: Playwright) -> Iterator[Browser]:
    launched = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
    yield launched
    launched.close()


NewPage = Callable[..., Page]


@pytest.fixture
def new_page(browser: Browser, portal: str) -> Generator[NewPage]:
    """Factory for a page in a fresh browser context (own cookies) whose relative URLs go to the portal."""
    contexts: list[BrowserContext] = []

    def make(viewport: dict[str, int] = PHONE, *, javascript: bool = True, elder: bool = False, **options: Any) -> Page:
        context = browser.new_context(
            base_url=portal, viewport=viewport, java_script_enabled=javascript, locale="zh-CN", **options
        )
        contexts.append(context)
        if elder:
            # Same cookie the elder-mode switch sets; the switch itself is tested in test_elder_mode.
            context.add_cookies([{"name": settings.ELDER_MODE_COOKIE, "value": "1", "url": portal}])
        context.set_default_timeout(10_000)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
