"""In headless Chromium: the accountable-language hints on the chronology entry form, as a practitioner uses them."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from childsafe.web.tests.browser import PRACTITIONER, open_first_case, serious_violations, sign_in

pytestmark = pytest.mark.browser


def open_entry_form(page: Page, live_app: str) -> None:
    sign_in(page, live_app, PRACTITIONER)
    open_first_case(page)
    page.get_by_role("button", name="Add to the chronology").click()
    expect(page.get_by_label("Describe what the person did")).to_be_visible()


def test_a_flag_appears_as_you_type_and_one_click_uses_the_accountable_wording(page: Page, live_app: str):
    open_entry_form(page, live_app)
    description = page.get_by_label("Describe what the person did")
    region = page.locator("#id_description-language")
    expect(region).to_have_attribute("aria-live", "polite")

    description.press_sequentially("They have a volatile relationship", delay=15)
    flag = region.locator(".app-language-flag")
    expect(flag).to_have_count(1)
    expect(flag).to_contain_text("They have a volatile relationship")
    expect(flag).to_contain_text("Makes the abuse sound mutual")
    expect(flag).to_contain_text("names no one")

    assert serious_violations(page) == [], "entry form with a flag shown"

    flag.get_by_role("button", name=re.compile("^Use this wording")).click()
    expect(description).to_have_value("[name] chose to use violent and controlling behaviours")
    expect(region.locator(".app-language-flag")).to_have_count(0)
    expect(description).to_be_focused()


def test_existing_text_is_checked_on_load_and_the_button_works_from_the_keyboard(page: Page, live_app: str):
    open_entry_form(page, live_app)
    description = page.get_by_label("Describe what the person did")
    description.fill("Police attended. She was pushed into the wall.")
    page.get_by_role("button", name="Save entry").click()  # missing answers: the form comes back with the text
    expect(page.locator(".govuk-error-summary")).to_be_visible()

    region = page.locator("#id_description-language")
    expect(region.locator(".app-language-flag")).to_have_count(1)
    button = region.get_by_role("button", name=re.compile("^Use this wording"))
    button.focus()
    page.keyboard.press("Enter")
    expect(description).to_have_value("Police attended. [name] pushed her into the wall.")
    expect(region.locator(".app-language-flag")).to_have_count(0)
