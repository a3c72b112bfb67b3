"""A form or an address that is not UTF-8 gets 400 with the plain error page (security.md IN-3), before any view
could store text nobody typed; what a browser really sends still works, with CSRF checked as browsers meet it.
Every page is checked with such bodies in `test_bad_input_sweep.py`."""

from __future__ import annotations

import re
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from childsafe.cases.models import Person
from childsafe.web.middleware import FORM_ENCODED, is_utf8_form_data
from childsafe.web.tests.sweep import csrf_client


def test_an_address_that_is_not_utf8_gets_400_with_the_usual_headers(allocated_worker):
    client = csrf_client(allocated_worker)
    page = reverse("cases:caseload")
    response = client.get(f"{page}?q=%FF%FEcaf%E9")
    assert response.status_code == 400
    assert "Content-Security-Policy" in response and "no-store" in response["Cache-Control"]
    assert client.get(f"{page}?q=caf%C3%A9").status_code == 200


def test_a_form_that_is_not_utf8_gets_the_plain_400_page_and_saves_nothing(allocated_worker, a_case):
    before = Person.objects.count()
    response = csrf_client(allocated_worker).post(
        reverse("cases:add_person", args=[a_case.pk]),
        b"role_in_case=child&first_name=Caf\xe9",
        content_type=FORM_ENCODED,
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Sorry, there is a problem with that request" in page
    assert "Traceback" not in page and "UnicodeDecodeError" not in page
    assert Person.objects.count() == before


def test_a_form_sent_as_utf8_still_works_with_csrf_checked(allocated_worker, a_case):
    """The guard must not refuse what a browser sends: the form's own token and Welsh text, %-encoded as UTF-8."""
    client = csrf_client(allocated_worker)
    url = reverse("cases:add_person", args=[a_case.pk])
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', client.get(url).content.decode()).group(1)
    body = urlencode({"csrfmiddlewaretoken": token, "role_in_case": "other_adult", "first_name": "Gwenllïan ŵŷ"})
    assert client.post(url, body.encode(), content_type=FORM_ENCODED).status_code == 302
    assert Person.objects.filter(case=a_case, first_name="Gwenllïan ŵŷ").exists()


@pytest.mark.parametrize(
    ("data", "utf8"),
    [
        (b"a=caf%C3%A9&b=ok+fine", True),
        ("a=café".encode(), True),
        (b"a=caf\xe9", False),
        (b"a=caf%E9", False),
        (b"a=%ED%A0%80", False),  # a lone surrogate, which UTF-8 may not carry
        (b"", True),
    ],
)
def test_is_utf8_form_data(data, utf8):
    assert is_utf8_form_data(data) is utf8
