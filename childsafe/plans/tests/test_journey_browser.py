"""The accountable-plan journey end to end in headless Chromium: a practitioner edits what the parent using abuse
must do, the language checker flags the wording as it is typed, one click takes the accountable rewrite, the plan
saves it, and the version of the plan made for him downloads as a PDF that carries his action and nothing that
finds or speaks for the non-abusing parent."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from childsafe.documents.tests.oracle import normalise, pdf_text
from childsafe.plans.tests.test_browser import open_plan
from childsafe.web.tests.browser import serious_violations

pytestmark = pytest.mark.browser


def test_practitioner_rewords_his_action_and_downloads_the_version_for_him(page: Page, live_app: str, tmp_path: Path):
    plan_url = open_plan(page, live_app, status="Active")
    plan_id = re.search(r"/plans/([0-9a-f-]{36})/", plan_url).group(1).replace("-", "")
    support_heading = page.locator("h3", has_text=re.compile("^Support for ")).first.inner_text()
    her_name = support_heading.removeprefix("Support for ").strip()

    his_name = page.locator("#group-parent_using_abuse").inner_text().split(":")[-1].split()[0]
    his_action = page.locator("#group-parent_using_abuse ~ .app-action").first
    his_action.get_by_role("link", name=re.compile("^Change")).click()
    box = page.get_by_label("What will be done")
    box.fill("")
    box.press_sequentially("Attend every programme session after the domestic incident on 3 May", delay=10)
    flag = page.locator("#id_what-language")
    expect(flag).to_contain_text("domestic incident")
    assert serious_violations(page) == [], "action form with a language flag shown"
    page.get_by_role("button", name=re.compile("Use this wording")).first.click()
    # The rewrite leaves "[name]" for the worker to fill in, selected, so typing the name replaces it.
    expect(box).to_have_value(re.compile(r"after the abuse by \[name\] on 3 May"))
    page.keyboard.type(his_name)
    expect(box).to_have_value(f"Attend every programme session after the abuse by {his_name} on 3 May")
    reworded = box.input_value()
    page.get_by_role("button", name="Save action").click()
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()
    assert page.url.startswith(plan_url)
    expect(page.locator("#actions")).to_contain_text(reworded)

    page.get_by_role("navigation", name="Case sections").get_by_role("link", name="Documents").click()
    plan_section = page.locator(f"section[aria-labelledby='plan-{plan_id}-heading']")
    form = plan_section.locator("form", has=page.get_by_label("I will check this version before I share it")).first
    form.get_by_label("I will check this version before I share it").check()
    with page.expect_download() as event:
        form.get_by_role("button", name=re.compile("^Download PDF")).click()
    name = event.value.suggested_filename
    path = tmp_path / name
    event.value.save_as(path)

    assert re.fullmatch(r"plan-CS-[A-Z0-9]{4}-[A-Z0-9]{4}-parent-using-abuse-\d{4}-\d{2}-\d{2}\.pdf", name)
    text = normalise(pdf_text(path.read_bytes()))
    assert normalise(reworded) in text
    assert "[name]" not in text
    assert normalise(her_name) not in text
    assert normalise("Support for") not in text
