"""In headless Chromium against the demo: a practitioner makes the version of a case's documents for the parent using
abusive behaviours, and the downloaded files carry the case reference and none of the case's confidential address
lines; axe-core finds nothing serious on the documents page or on the page refusing a partner."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from childsafe.documents.tests.oracle import normalise, pdf_text
from childsafe.web.tests.browser import PRACTITIONER, serious_violations, sign_in

pytestmark = pytest.mark.browser

PARTNER = "partner@nbdas.example"


def confidential_lines(page: Page) -> list[str]:
    """The confidential addresses' lines, as the lead practitioner sees them on the case page."""
    lines = []
    for item in page.locator("#addresses li").all():
        text = item.inner_text()
        if "Confidential location" not in text:
            continue
        address = text.split("Confidential location", 1)[1].strip().splitlines()[0]
        parts = [part.strip() for part in address.split(",")]
        # Line 1, line 2 and the postcode; the town alone is shared with every organisation's name in the area.
        lines += [part for part in parts[:-2] + parts[-1:] if len(part) > 3]
    return lines


def open_case_with_a_confidential_address(page: Page) -> tuple[str, list[str]]:
    references = [link.inner_text().strip() for link in page.locator("table.govuk-table tbody tr a").all()]
    for reference in references[:12]:
        page.get_by_role("link", name=reference, exact=True).first.click()
        lines = confidential_lines(page)
        if lines:
            return reference, lines
        page.go_back()
    raise AssertionError("No demo case on the first page of the caseload has a confidential address")


def download(page: Page, form: Locator, tmp_path: Path, button: str = "Download PDF") -> tuple[str, bytes]:
    with page.expect_download() as event:
        form.get_by_role("button", name=re.compile(f"^{button}")).click()
    path = tmp_path / event.value.suggested_filename
    event.value.save_as(path)
    return event.value.suggested_filename, path.read_bytes()


def test_the_version_for_the_parent_using_abuse_leaves_out_the_confidential_address(
    page: Page, live_app: str, tmp_path: Path
):
    sign_in(page, live_app, PRACTITIONER)
    reference, secret_lines = open_case_with_a_confidential_address(page)
    page.get_by_role("navigation", name="Case sections").get_by_role("link", name="Documents").click()
    expect(page.get_by_role("heading", name="Documents", exact=True)).to_be_visible()
    assert serious_violations(page) == []

    sections = page.locator("section[aria-labelledby$='-heading']")
    made = 0
    for index in range(sections.count()):
        section = sections.nth(index)
        form = section.locator("form", has=page.get_by_label("I will check this version before I share it")).first
        if not form.count():
            continue
        # Without the check, nothing is downloaded and the page says why.
        form.get_by_role("button", name=re.compile("^Download PDF")).click()
        expect(page.locator(".govuk-error-summary")).to_contain_text("Confirm that you will check this version")
        section = page.locator("section[aria-labelledby$='-heading']").nth(index)
        form = section.locator("form", has=page.get_by_label("I will check this version before I share it")).first
        form.get_by_label("I will check this version before I share it").check()
        name, content = download(page, form, tmp_path)
        assert re.fullmatch(rf"[a-z-]+-{reference}-parent-using-abuse-\d{{4}}-\d{{2}}-\d{{2}}\.pdf", name)
        text = normalise(pdf_text(content))
        assert normalise(reference) in text
        assert [line for line in secret_lines if normalise(line) in text] == []
        made += 1
    assert made >= 1  # the case summary at least; each plan too when the case has one


def test_a_partner_asking_for_his_version_is_refused_with_a_reason(page: Page, live_app: str):
    sign_in(page, live_app, PARTNER)
    page.goto(f"{live_app}/cases/?scope=all")  # cases shared with the service, not only the partner's own
    page.locator("table.govuk-table tbody tr a").first.click()
    page.get_by_role("navigation", name="Case sections").get_by_role("link", name="Documents").click()
    assert serious_violations(page) == []
    expect(page.get_by_text("Only Northbrook Children's Services, which leads this case").first).to_be_visible()
    # The page offers a partner no such form; a request made anyway is refused, with the reason.
    form = page.locator("main form").first  # the case summary's professionals' version
    expect(form.locator("input[name=audience]")).to_have_value("professional")
    form.locator("input[name=audience]").evaluate("input => { input.value = 'parent_using_abuse' }")
    form.get_by_role("button", name=re.compile("^Download PDF")).click()
    expect(page.get_by_role("heading", name="You cannot make this version")).to_be_visible()
    expect(page.get_by_text("Only Northbrook Children's Services, which leads this case")).to_be_visible()
    assert serious_violations(page) == []
