"""POST /language/check (web:language_check), `flags_for`, the `language_flags` macro, and the chronology form's
wiring. The endpoint is for people who work on cases; it stores nothing and never logs the text."""

from __future__ import annotations

import json
import logging

import pytest
from django.db import connection
from django.template import engines
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from childsafe.audit.models import AuditEntry
from childsafe.web.language import MAX_TEXT, flags_for

URL = "/language/check"


def test_the_url_name_is_web_language_check():
    assert reverse("web:language_check") == URL


def test_anonymous_users_are_sent_to_sign_in(db):
    response = Client().post(URL, {"text": "They have a volatile relationship."})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign_in"))


@pytest.mark.parametrize("who", ["commissioner", "administrator"])
def test_people_who_do_not_work_on_cases_are_refused(request, client_for, who):
    response = client_for(request.getfixturevalue(who)).post(URL, {"text": "The couple argued."})
    assert response.status_code == 403
    assert response.json() == {"error": "Only people who work on cases can check the wording of case records"}


def test_get_is_not_allowed(client_for, allocated_worker):
    assert client_for(allocated_worker).get(URL).status_code == 405


def test_a_form_post_returns_the_flags(client_for, allocated_worker):
    text = "Police attended. They have a volatile relationship."
    response = client_for(allocated_worker).post(URL, {"text": text})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "no-store" in response["Cache-Control"]
    [flag] = response.json()["flags"]
    assert flag == {
        "start": 17,
        "end": 50,
        "category": "mutualising",
        "label": "Makes the abuse sound mutual",
        "phrase": "They have a volatile relationship",
        "why": flag["why"],
        "suggestion": "[name] chose to use violent and controlling behaviours",
    }
    assert text[flag["start"] : flag["end"]] == flag["phrase"]
    assert "names no one" in flag["why"]


def test_a_json_body_works_too_and_accountable_text_has_no_flags(client_for, partner_practitioner):
    client = client_for(partner_practitioner)
    flagged = client.post(URL, json.dumps({"text": "She was pushed."}), content_type="application/json")
    assert [f["suggestion"] for f in flagged.json()["flags"]] == ["[name] pushed her"]
    clean = client.post(URL, json.dumps({"text": "Darren hit Rachel."}), content_type="application/json")
    assert clean.json() == {"flags": []}


def test_text_up_to_the_limit_is_checked_and_longer_is_refused_plainly(client_for, allocated_worker):
    client = client_for(allocated_worker)
    assert client.post(URL, {"text": "a" * MAX_TEXT}).status_code == 200
    response = client.post(URL, {"text": "a" * (MAX_TEXT + 1)})
    assert response.status_code == 400
    assert response.json() == {"error": "The text must be 20,000 characters or fewer to check its wording"}


@pytest.mark.parametrize(
    ("body", "content_type"),
    [("not json", "application/json"), (json.dumps({"text": 5}), "application/json"), ("[]", "application/json")],
)
def test_a_body_without_text_is_a_plain_400(client_for, allocated_worker, body, content_type):
    response = client_for(allocated_worker).post(URL, body, content_type=content_type)
    assert response.status_code == 400
    assert response.json() == {"error": "Send the text to check as 'text'"}
    assert client_for(allocated_worker).post(URL, {}).status_code == 400


def test_csrf_is_enforced(allocated_worker, client_for):
    client = client_for(allocated_worker)
    client.handler.enforce_csrf_checks = True
    assert client.post(URL, {"text": "The couple argued."}).status_code == 403
    # The token the page's form carries lets the check through.
    page = client.get(reverse("cases:caseload"))
    token = page.content.decode().split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    response = client.post(URL, {"text": "The couple argued.", "csrfmiddlewaretoken": token})
    assert response.status_code == 200
    assert response.json()["flags"]


def test_checking_writes_nothing_and_logs_no_text(client_for, allocated_worker, a_case, caplog):
    client = client_for(allocated_worker)
    audit_before = AuditEntry.objects.count()
    secret = "Rachel's refuge is on Sandpiper Road and the couple argued"
    with caplog.at_level(logging.DEBUG), CaptureQueriesContext(connection) as queries:
        response = client.post(URL, {"text": secret})
    assert response.status_code == 200
    assert AuditEntry.objects.count() == audit_before
    writes = [
        query["sql"]
        for query in queries.captured_queries
        if query["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
        and "django_session" not in query["sql"]
    ]
    assert writes == []
    assert "Sandpiper" not in caplog.text


def test_flags_for_gives_the_phrase_and_the_category_in_words():
    [flag] = flags_for("😢 She was pushed.")
    assert flag["phrase"] == "She was pushed"
    assert flag["label"] == "Hides who did it"
    assert flags_for("Darren chose to push Rachel.") == []


def test_the_macro_renders_the_same_flags_escaped():
    macro = engines["jinja2"].env.get_template("web/language.html").module.language_flags
    flags = flags_for("They have a volatile relationship.")
    flags.append({**flags[0], "phrase": "<script>alert(1)</script>", "suggestion": None})
    html = str(macro(flags))
    assert "They have a volatile relationship" in html
    assert "Makes the abuse sound mutual" in html
    assert "You could write: <q>[name] chose to use violent and controlling behaviours</q>" in html
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert str(macro([])).strip() == ""


def test_the_chronology_form_marks_its_textareas_and_loads_the_script(client_for, allocated_worker, a_case):
    response = client_for(allocated_worker).get(reverse("chronology:add_entry", args=[a_case.pk]))
    html = response.content.decode()
    assert html.count("data-language-check") == 3  # the description and the impact on each of the two children
    assert '<textarea class="govuk-textarea" id="id_description" name="description"' in html
    assert 'src="/static/childsafe/language-check.js"' in html
    assert html.index("childsafe/app.js") < html.index("childsafe/language-check.js")
