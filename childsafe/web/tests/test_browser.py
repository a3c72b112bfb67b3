"""End to end in headless Chromium: sign in, find a case, record a behaviour (with a mistake first), see it on
the timeline; axe-core on the main pages; the session-timeout warning and sign-out; the keyboard route in."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import Page, expect

from childsafe.web.tests.browser import (
    DEMO_PASSWORD,
    MANAGER,
    PRACTITIONER,
    fill_date,
    open_first_case,
    serious_violations,
    sign_in,
)

pytestmark = pytest.mark.browser


def test_practitioner_records_a_behaviour_and_sees_it_in_the_pattern(page: Page, live_app: str):
    sign_in(page, live_app, PRACTITIONER)
    open_first_case(page)
    page.get_by_role("button", name="Add to the chronology").click()

    started = dt.date.today() - dt.timedelta(days=3)
    description = f"He read her messages and took her car keys so she could not leave ({started.isoformat()})"
    page.get_by_label("Coercive control").check()
    page.locator("input[name=person_responsible]").first.check()
    page.get_by_label("Describe what the person did").fill(description)
    fill_date(page, "occurred_from", started)
    fill_date(page, "occurred_to", started - dt.timedelta(days=10))  # the mistake: ends before it starts
    page.get_by_label("Who reported it").select_option(label="Police")
    page.get_by_role("button", name="Save entry").click()

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("The end date must be the same as or after the start date")
    # Nothing typed is lost.
    expect(page.get_by_label("Describe what the person did")).to_have_value(description)
    expect(page.get_by_label("Coercive control")).to_be_checked()

    summary.get_by_role("link", name=re.compile("end date")).click()
    fill_date(page, "occurred_to", None)
    page.get_by_role("button", name="Save entry").click()

    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()
    expect(page.get_by_text(description)).to_be_visible()
    pattern = page.locator("table.app-pattern__table")
    expect(pattern).to_be_visible()
    month_label = started.strftime("%b %y")
    expect(pattern.locator("thead")).to_contain_text(month_label)
    row = pattern.locator("tbody tr", has=page.get_by_role("rowheader", name="Coercive control"))
    headers = [text.strip() for text in pattern.locator("thead th").all_inner_texts()]
    month_index = next(index for index, text in enumerate(headers) if text.startswith(month_label))
    count = int(row.locator("th, td").nth(month_index).inner_text().strip() or "0")
    assert count >= 1


@pytest.mark.parametrize("who", [PRACTITIONER, MANAGER])
def test_main_pages_have_no_serious_accessibility_violations(page: Page, live_app: str, who: str):
    page.goto(f"{live_app}/account/sign-in/")
    assert serious_violations(page) == [], "sign in"
    page.get_by_role("button", name="Sign in").click()  # empty: the error state
    assert serious_violations(page) == [], "sign in with errors"
    sign_in(page, live_app, who)
    assert serious_violations(page) == [], "caseload"
    page.get_by_role("link", name="My work").click()
    expect(page.get_by_role("heading", name="My work", exact=True)).to_be_visible()
    assert serious_violations(page) == [], "my work"
    page.get_by_role("link", name="Caseload").click()
    open_first_case(page)
    assert serious_violations(page) == [], "case page"
    case_url = page.url
    page.get_by_role("button", name="Add to the chronology").click()
    page.get_by_role("button", name="Save entry").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert serious_violations(page) == [], "chronology entry with errors"
    page.goto(case_url)
    page.get_by_role("button", name="Add a person").click()
    assert serious_violations(page) == [], "add a person"
    if who == MANAGER:
        page.goto(case_url)
        page.get_by_role("link", name="See who has looked at or changed this case").click()
        assert serious_violations(page) == [], "who looked at this case"


def test_other_organisations_case_is_not_found_in_the_browser(page: Page, live_app: str):
    sign_in(page, live_app, PRACTITIONER)
    page.locator("table.govuk-table tbody tr").first.get_by_role("link").click()
    case_url = page.url
    page.get_by_role("button", name="Sign out").click()
    sign_in_police = f"{live_app}/account/sign-in/"
    page.goto(sign_in_police)
    page.get_by_label("Email address").fill("police@nbpolice.example")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    response = page.goto(case_url)
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()


def test_keyboard_users_can_skip_to_the_content(page: Page, live_app: str):
    sign_in(page, live_app, PRACTITIONER)
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#main-content")).to_be_focused()


def test_timeout_warning_appears_and_staying_signed_in_works(page: Page, live_app: str):
    page.clock.install()
    sign_in(page, live_app, PRACTITIONER)
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_hidden()
    page.clock.fast_forward("18:30")  # 20-minute idle limit, warned 2 minutes before
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("You’re about to be signed out")
    dialog.get_by_role("button", name="Stay signed in").click()
    expect(dialog).to_be_hidden()
    page.reload()
    expect(page.get_by_role("heading", name="Caseload", exact=True)).to_be_visible()


def test_the_idle_timer_restarts_on_requests_and_then_really_signs_out(page: Page, live_app: str):
    page.clock.install()
    sign_in(page, live_app, PRACTITIONER)
    caseload = page.url
    dialog = page.get_by_role("dialog")
    # A request the page makes (as the live language check does while someone types) renews the session on the
    # server, so the timer starts again: 15 + 13 minutes, still on the caseload with no warning.
    page.clock.fast_forward("15:00")
    assert page.evaluate("fetch(window.location.href).then((response) => response.status)") == 200
    page.clock.fast_forward("13:00")
    expect(page.get_by_role("heading", name="Caseload", exact=True)).to_be_visible()
    expect(dialog).to_be_hidden()
    # Left alone for the whole limit, the page goes to the timed-out page, which ends the session (the browser's
    # clock ran ahead, so the server's own limit has not passed: only the sign-out ends it).
    page.clock.fast_forward("07:00")
    expect(page.get_by_role("heading", name="You have been signed out")).to_be_visible()
    page.goto(caseload)
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
