"""Browser tests for every app: a real server, Debian's Chromium for Playwright to drive, and the few steps every
journey shares (signing in, filling a GOV.UK date, running axe-core). The fixtures are made available to every
test by childsafe/conftest.py.

The server is `manage.py runserver` in production mode over its own throwaway database (a SQLite file, or a
fresh PostgreSQL database when DATABASE_URL points at PostgreSQL), migrated and loaded with the demo data, so
the browser sees exactly what `make run` serves. It is a separate process: the test process never shares or
flushes its database.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

ROOT = Path(__file__).resolve().parents[3]
DEMO_PASSWORD = "childsafe-demo-2026"
PRACTITIONER = "practitioner@northbrook.example"
MANAGER = "manager@northbrook.example"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _postgres_admin(sql: str) -> None:
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as connection:
        connection.execute(sql)


@pytest.fixture(scope="session")
def live_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL of a running childsafe with the demo data loaded."""
    port = _free_port()
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "CHILDSAFE_"))}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "childsafe.settings",
            "DJANGO_SECRET_KEY": "browser-test-only-" + "k" * 40,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "CHILDSAFE_HTTPS": "0",
            "PYTHONUNBUFFERED": "1",
        }
    )
    database = None
    if os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        database = f"childsafe_browser_{os.getpid()}"
        _postgres_admin(f"DROP DATABASE IF EXISTS {database}")
        _postgres_admin(f"CREATE DATABASE {database}")
        env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{database}"
    else:
        env["DATABASE_URL"] = f"sqlite:///{tmp_path_factory.mktemp('browser') / 'app.sqlite3'}"

    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (["migrate", "--noinput", "-v0"], ["load_demo_data"]):
        subprocess.run(manage + command, cwd=ROOT, env=env, check=True, capture_output=True)
    log = open(tmp_path_factory.mktemp("server") / "server.log", "w")  # noqa: SIM115 - closed below
    server = subprocess.Popen(
        [*manage, "runserver", f"127.0.0.1:{port}", "--noreload"], cwd=ROOT, env=env, stdout=log, stderr=log
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{base_url}/healthz", timeout=2) as response:  # noqa: S310 - local
                    if response.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError):
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                raise RuntimeError(f"The test server did not start; see {log.name}")
            time.sleep(0.2)
        yield base_url
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()
        if database:
            _postgres_admin(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")


def sign_in(page: Page, base_url: str, email: str, password: str = DEMO_PASSWORD) -> None:
    """Sign in through the sign-in page and land on the caseload (case workers only)."""
    page.goto(f"{base_url}/account/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Caseload", exact=True)).to_be_visible()


def open_first_case(page: Page) -> str:
    """Find a case the way a practitioner does: search the caseload for its reference, then follow the link."""
    reference = page.locator("table.govuk-table tbody tr").first.get_by_role("link").inner_text().strip()
    page.get_by_label("Search by name, case reference or date of birth").fill(reference.lower())
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_text("1 case matching")).to_be_visible()
    page.get_by_role("link", name=reference).click()
    expect(page.get_by_text(f"Case {reference}").first).to_be_visible()
    return reference


def fill_date(page: Page, prefix: str, day: dt.date | None) -> None:
    """Type a date into the GOV.UK day, month and year boxes of the field named `prefix` (or clear them)."""
    for part in ("day", "month", "year"):
        page.locator(f"#id_{prefix}_{part}").fill("" if day is None else str(getattr(day, part)))


def serious_violations(page: Page) -> list[str]:
    """axe-core's serious and critical findings on the page as it is now, one line each.

    Every rule axe runs by default, plus WCAG 2.2's target size (2.5.8, AA), which axe leaves off unless asked.
    """
    results = Axe().run(page, options={"resultTypes": ["violations"], "rules": {"target-size": {"enabled": True}}})
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']}"
        for violation in results.response["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]
