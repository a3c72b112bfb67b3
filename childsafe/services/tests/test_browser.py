"""In headless Chromium against the demo: a practitioner finds services for a child at a tier of need, refers the
child to one, sees it on the case overview, updates its status with a mistake first and then correctly; and axe-core
on the directory, the referral form with an error and the case's referrals page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from childsafe.web.tests.browser import PRACTITIONER, open_first_case, serious_violations, sign_in

pytestmark = pytest.mark.browser


def test_practitioner_refers_a_child_to_a_proposed_service_and_updates_it(page: Page, live_app: str):
    sign_in(page, live_app, PRACTITIONER)
    open_first_case(page)
    page.get_by_role("navigation", name="Case sections").get_by_role("link", name="Referrals").click()
    expect(page.get_by_role("heading", name="Referrals", exact=True)).to_be_visible()
    assert serious_violations(page) == [], "case referrals page"

    page.get_by_label("Tier 2: vulnerable").check()
    page.get_by_role("button", name="Show services").click()
    first_person = page.locator(".app-proposals__person").first
    expect(first_person).to_contain_text("Child")
    refer_link = first_person.get_by_role("link", name=re.compile(r"^Refer ")).first
    link_name = refer_link.inner_text()  # "Refer Alfie" plus the hidden "to <service>"
    child = link_name.split()[1]
    service = first_person.locator(".govuk-summary-card__title").first.inner_text().strip()
    assert serious_violations(page) == [], "case referrals page with proposals"
    refer_link.click()

    expect(page.get_by_role("heading", name="Make a referral")).to_be_visible()
    expect(page.get_by_label("Service")).to_have_value(re.compile(".+"))
    expect(page.get_by_label("Service").locator("option:checked")).to_contain_text(service)
    reason = f"{child} has described being frightened when their father shouted and broke things at home."
    page.get_by_label("Why are you referring them?").fill(reason)
    page.get_by_role("button", name="Send referral").click()

    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        f"Referral of {child} to {service} sent."
    )
    card = page.locator(".govuk-summary-card", has=page.get_by_role("heading", name=service, exact=True)).filter(
        has_text=reason
    )
    expect(card).to_contain_text("Sent")

    page.get_by_role("navigation", name="Case sections").get_by_role("link", name="Overview").click()
    panel = page.locator("section", has=page.get_by_role("heading", name="Referrals", exact=True))
    expect(panel.get_by_role("row").filter(has_text=service)).to_contain_text("Sent")

    panel.get_by_role("link", name=re.compile("See all referrals")).click()
    card.get_by_role("link", name=re.compile("^Update status")).click()
    page.get_by_label("The service declined the referral").check()
    page.get_by_role("button", name="Save").click()  # the mistake: no reason
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Enter why the referral was declined")
    expect(page.get_by_label("The service declined the referral")).to_be_checked()
    assert serious_violations(page) == [], "status form with an error"

    summary.get_by_role("link", name="Enter why the referral was declined").click()
    page.get_by_label("Reason").fill("The group is full until the spring; they suggest one-to-one support meanwhile.")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Declined")
    expect(card).to_contain_text("Declined")
    expect(card).to_contain_text("The group is full until the spring")


def test_directory_and_referral_form_have_no_serious_accessibility_violations(page: Page, live_app: str):
    sign_in(page, live_app, PRACTITIONER)
    page.get_by_role("link", name="Service directory").click()
    expect(page.get_by_role("heading", name="Service directory")).to_be_visible()
    assert serious_violations(page) == [], "directory"
    page.get_by_label("Tier of need").select_option(label="Tier 3: complex")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_text("matching the filters")).to_be_visible()
    assert serious_violations(page) == [], "directory filtered"
    page.get_by_role("link", name="Northbrook Women's Refuge").click()
    assert serious_violations(page) == [], "service page"

    page.goto(live_app + "/cases/")
    open_first_case(page)
    page.get_by_role("navigation", name="Case sections").get_by_role("link", name="Referrals").click()
    page.get_by_role("button", name="Make a referral").click()
    page.get_by_role("button", name="Send referral").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select who you are referring")
    assert serious_violations(page) == [], "referral form with errors"
