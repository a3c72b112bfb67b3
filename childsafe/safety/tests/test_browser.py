"""In headless Chromium against the demo: a practitioner adds a safety plan for a child (with a mistake first),
records a review at a contact and sees the date, raises a worker safety flag and plans a contact with the parent
using abuse, seeing the flag on the form; axe-core on the safety pages."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import Page, expect

from childsafe.web.tests.browser import PRACTITIONER, fill_date, serious_violations, sign_in

pytestmark = pytest.mark.browser


def open_a_case_with_a_child_without_a_plan(page: Page, live_app: str) -> str:
    """Go through the practitioner's caseload to a case whose safety page offers to add a plan for a child."""
    hrefs = page.locator("table.govuk-table tbody tr a").evaluate_all("links => links.map(link => link.href)")
    for href in hrefs:
        page.goto(href.rstrip("/") + "/safety/")
        add = page.get_by_role("link", name=re.compile(r"^Add a safety plan"))
        if add.count() and "Add a child" not in page.content():
            return href
    raise AssertionError("The demo has a case with a child who has no safety plan yet")


def test_practitioner_adds_a_plan_reviews_it_and_plans_a_contact(page: Page, live_app: str):
    today = dt.date.today()
    today_text = f"{today.day} {today:%B %Y}"
    sign_in(page, live_app, PRACTITIONER)
    open_a_case_with_a_child_without_a_plan(page, live_app)
    assert serious_violations(page) == [], "safety page"
    safety_url = page.url
    page.get_by_role("link", name=re.compile(r"^Add a safety plan")).first.click()
    expect(page.get_by_role("heading", name=re.compile("^Add a safety plan for"))).to_be_visible()
    expect(page.locator("#age-prompts")).to_contain_text("Writing for a child aged")

    # The mistake: no safe way to summon help.
    page.get_by_label("Where is a safe place to go?").fill("The neighbour at number 12")
    page.get_by_label("Who is a trusted person to talk to?").fill("Mrs Okafor, the class teacher")
    understanding = page.get_by_label(re.compile("understands of the plan"))
    understanding.fill("I go to number 12 and tell them to call 999. It is not my fault.")
    page.get_by_role("button", name="Save safety plan").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Choose or describe at least one safe way to summon help")
    expect(page.get_by_label("Where is a safe place to go?")).to_have_value("The neighbour at number 12")
    expect(understanding).to_have_value("I go to number 12 and tell them to call 999. It is not my fault.")
    assert serious_violations(page) == [], "safety plan form with an error"

    summary.get_by_role("link", name=re.compile("safe way to summon help")).click()
    page.get_by_label("Call 999", exact=True).check()
    page.get_by_role("button", name="Save safety plan").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Safety plan added")
    card = page.locator(f"#{page.url.split('#')[1]}")
    expect(card).to_contain_text("The neighbour at number 12")
    expect(card).to_contain_text(f"Not reviewed since it was made on {today_text}")

    # Reviewed with the child at a contact: still right.
    card.get_by_role("link", name=re.compile("^Record a review")).click()
    expect(page.get_by_text("The neighbour at number 12")).to_be_visible()
    page.get_by_label("Home visit").check()
    page.get_by_label("Still right: no change needed").check()
    page.get_by_role("button", name="Record the review").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Review recorded")
    card = page.locator(f"#{page.url.split('#')[1]}")
    expect(card).to_contain_text(f"Last reviewed {today_text}")

    # A worker safety flag on the parent using abuse, then a contact with them: the flag shows on the form.
    page.goto(safety_url)
    page.get_by_role("button", name="Raise a worker safety flag").click()
    page.locator("input[name=person]").first.check()
    page.get_by_label("Do not visit alone").check()
    page.get_by_label("Details").fill("Blocked the doorway at the last home visit")
    page.get_by_role("button", name="Raise flag").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Worker safety flag raised")

    page.get_by_role("button", name="Plan a contact with the parent using abuse").click()
    flags = page.locator("[data-worker-safety-flags]")
    expect(flags).to_contain_text("do not visit alone")
    expect(flags).to_contain_text("Blocked the doorway at the last home visit")
    fill_date(page, "planned_for", today + dt.timedelta(days=3))
    page.get_by_label("Who will meet them?").fill("Nina Ashcombe and Tom Wrenfield")
    page.get_by_label("The family home").check()
    page.get_by_label("Which office or venue, exactly?").fill("Northbrook Civic Centre")
    page.get_by_label("Purpose of the contact").fill("To go through the child protection plan")
    page.get_by_role("button", name="Save and continue").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Meet at an office, not the family home")
    expect(page.locator("[data-worker-safety-flags]")).to_contain_text("do not visit alone")
    page.get_by_label("Our office").check()
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", name=re.compile("^Contact with"))).to_contain_text("Safety check needed")

    page.get_by_role("button", name="Answer the safety check").click()
    assert serious_violations(page) == [], "contact safety check form"
    page.get_by_role("button", name="Confirm the check is complete").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Say whether you have read the latest risk")
    assert serious_violations(page) == [], "contact safety check form with errors"
