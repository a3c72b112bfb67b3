"""In headless Chromium against the demo: a practitioner opens the draft plan, adds an action that asks the mother to
prevent further incidents, sees the accountability warning and its fix, fixes the plan and makes it active; the
language checker flags words as they are typed; axe-core on the plan page, the action form with an error and the
reviews-due page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from childsafe.web.tests.browser import PRACTITIONER, serious_violations, sign_in

pytestmark = pytest.mark.browser


def open_plan(page: Page, live_app: str, status: str = "Draft") -> str:
    """Find one of the demo's plans with this status the way a worker would: through their cases' plans pages.

    The server is shared by the module's tests, so a test that changes a plan leaves it changed for the next."""
    sign_in(page, live_app, PRACTITIONER)
    case_urls = [
        live_app + href
        for href in page.locator("table.govuk-table tbody tr a").evaluate_all(
            "links => links.map(l => l.getAttribute('href'))"
        )
        if re.fullmatch(r"/cases/[0-9a-f-]{36}/", href or "")
    ]
    for case_url in case_urls:
        page.goto(case_url + "plans/")
        draft = page.locator("table.govuk-table tbody tr", has=page.get_by_text(status, exact=True))
        if draft.count():
            draft.first.get_by_role("link").first.click()
            expect(page.get_by_role("heading", name=re.compile("Child protection plan"))).to_be_visible()
            return page.url
    raise AssertionError(f"No {status.lower()} plan was found on the practitioner's cases")


def mother_name(page: Page) -> str:
    heading = page.locator("h3", has_text=re.compile("^Support for ")).first.inner_text()
    return heading.removeprefix("Support for ").split(" ")[0]


def test_practitioner_fixes_a_plan_that_holds_the_mother_responsible_and_makes_it_active(page: Page, live_app: str):
    plan_url = open_plan(page, live_app)
    mother = mother_name(page)
    assert serious_violations(page) == [], "plan page with findings"

    # The demo's own mistake is already flagged.
    findings = page.locator("#findings")
    expect(findings).to_contain_text(f"asks {mother} to stop the abuse")

    # Add the same mistake again, by hand.
    page.get_by_role("button", name="Add an action").click()
    page.get_by_role("button", name="Save action").click()  # nothing typed: the error state
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter what will be done")
    assert serious_violations(page) == [], "action form with an error"

    page.get_by_role("radio", name=re.compile(rf"^{mother} .*\(non-abusing parent")).check()
    page.get_by_label("What will be done").fill("Mother to prevent further incidents")
    page.get_by_label("How often", exact=True).select_option("week")
    page.get_by_label("How progress will be measured").fill("Police call-outs")
    page.get_by_role("radio", name=re.compile(r"^The non-abusing parent")).check()
    page.get_by_role("button", name="Save action").click()

    # The warning, why, and the suggested fix, at the top of the plan.
    warning = findings.locator("li.app-finding--blocking")
    expect(warning).to_have_count(2)
    added = warning.nth(1)
    expect(added).to_contain_text(f"asks {mother} to stop the abuse")
    expect(added).to_contain_text("Stopping the abuse is the responsibility of the parent who chose to use abusive")
    expect(added).to_contain_text("Suggested fix:")
    expect(added.get_by_role("link", name=f"Make it support for {mother}")).to_be_visible()

    # Fix both: the new one becomes support for her, the demo's one goes to the father, reworded.
    added.get_by_role("link", name=f"Make it support for {mother}").click()
    expect(page.get_by_text("The suggested fix is filled in below")).to_be_visible()
    expect(page.get_by_label("What will be done")).to_have_value(re.compile(rf"to support {mother} with a safety plan"))
    page.get_by_role("button", name="Save action").click()
    expect(page.locator("#findings li.app-finding--blocking")).to_have_count(1)
    page.locator("#findings li.app-finding--blocking").get_by_role("link", name=re.compile("^Give it to ")).click()
    expect(page.get_by_label("What will be done")).to_have_value(re.compile("to stop using abusive behaviours"))
    page.get_by_role("button", name="Save action").click()
    expect(page.locator("#findings li.app-finding--blocking")).to_have_count(0)

    page.get_by_role("button", name="Make the plan active").click()
    page.get_by_role("button", name="Make the plan active").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("The plan is now active")
    expect(page.locator("h2", has_text="Child protection plan")).to_contain_text("Active")
    assert page.url.startswith(plan_url)


def test_a_language_flag_appears_while_typing_and_the_rewrite_is_one_click(page: Page, live_app: str):
    open_plan(page, live_app, status="Active")
    page.locator(".app-action .govuk-summary-card").first.get_by_role("link", name=re.compile("^Change")).click()
    box = page.get_by_label("What will be done")
    box.fill("")
    box.press_sequentially("They have a volatile relationship", delay=20)
    use = page.get_by_role("button", name=re.compile("Use this wording"))
    expect(use.first).to_be_visible()
    use.first.click()
    expect(box).not_to_have_value(re.compile("volatile relationship"))
    expect(box).to_have_value(re.compile("chose to use violent and controlling behaviours"))


def test_the_reviews_due_page_is_accessible(page: Page, live_app: str):
    sign_in(page, live_app, PRACTITIONER)
    page.get_by_role("link", name="Reviews due").click()
    expect(page.get_by_role("heading", name="Reviews due")).to_be_visible()
    expect(page.locator("table").first).to_contain_text("Overdue")
    assert serious_violations(page) == [], "reviews due"
