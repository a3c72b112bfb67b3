"""Signing in and out, brute-force lock-out, and the session time limits."""

from __future__ import annotations

import datetime as dt
import time

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from childsafe.conftest import PASSWORD

SIGN_IN = reverse("accounts:sign_in")


def test_sign_in_with_email_and_password(allocated_worker):
    client = Client()
    response = client.post(SIGN_IN, {"username": "AISHA.worker@northbrook.example", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("cases:caseload")).status_code == 200


def test_wrong_password_says_so_without_saying_which_part(allocated_worker):
    response = Client().post(SIGN_IN, {"username": allocated_worker.email, "password": "wrong-password-here"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "The email address or password is not right" in page
    assert allocated_worker.email in page  # what was typed is kept
    assert "wrong-password-here" not in page  # but never the password


def test_missing_fields_are_named(db):
    page = Client().post(SIGN_IN, {}).content.decode()
    assert "Enter your email address" in page
    assert "Enter your password" in page
    assert 'href="#id_username"' in page


def test_next_only_goes_to_this_site(allocated_worker):
    client = Client()
    response = client.post(
        SIGN_IN, {"username": allocated_worker.email, "password": PASSWORD, "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("web:home")


def test_lock_out_after_five_failures_only_for_that_address(allocated_worker):
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(5):
        attacker.post(SIGN_IN, {"username": allocated_worker.email, "password": "not-the-password"})
    locked = attacker.post(SIGN_IN, {"username": allocated_worker.email, "password": PASSWORD})
    assert locked.status_code == 429
    assert b"Sign in is paused" in locked.content
    # The worker, signing in from their own device, is not locked out by someone else's guesses.
    worker = Client(REMOTE_ADDR="198.51.100.7")
    assert worker.post(SIGN_IN, {"username": allocated_worker.email, "password": PASSWORD}).status_code == 302


def test_sign_out_ends_the_session(client_for, allocated_worker):
    client = client_for(allocated_worker)
    assert client.get(reverse("cases:caseload")).status_code == 200
    assert client.get(reverse("accounts:sign_out")).status_code == 405  # never by a link or prefetch
    response = client.post(reverse("accounts:sign_out"))
    assert response["Location"] == reverse("accounts:signed_out")
    assert client.get(reverse("cases:caseload")).status_code == 302


def test_absolute_session_limit(client_for, allocated_worker, settings):
    client = client_for(allocated_worker)
    session = client.session
    session["childsafe_signed_in_at"] = time.time() - settings.SESSION_ABSOLUTE_HOURS * 3600 - 1
    session.save()
    response = client.get(reverse("cases:caseload"))
    assert response["Location"] == reverse("accounts:signed_out")
    assert client.get(reverse("cases:caseload")).status_code == 302


def test_idle_limit_is_renewed_by_each_request_and_enforced_by_the_server(client_for, allocated_worker, settings):
    idle = dt.timedelta(minutes=settings.SESSION_IDLE_MINUTES)
    signed_in_at = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)
    caseload = reverse("cases:caseload")
    with time_machine.travel(signed_in_at, tick=False) as clock:
        client = client_for(allocated_worker)
        # Five minutes later a page is opened: the idle limit now runs from then, not from signing in.
        clock.shift(dt.timedelta(minutes=5))
        assert client.get(caseload).status_code == 200
        session = Session.objects.get(session_key=client.session.session_key)
        assert session.expire_date == signed_in_at + dt.timedelta(minutes=5) + idle
        # A second before the limit the worker is still signed in, and that request renews it again, so half the
        # limit later (past the first limit) they still are...
        clock.shift(idle - dt.timedelta(seconds=1))
        assert client.get(caseload).status_code == 200
        clock.shift(idle / 2)
        assert client.get(caseload).status_code == 200
        # ...but left idle a second longer than the limit, the server has ended the session, whatever the browser
        # still holds.
        clock.shift(idle + dt.timedelta(seconds=1))
        assert client.get(caseload).status_code == 302


def test_pages_carry_the_timeout_warning(client_for, allocated_worker, settings):
    page = client_for(allocated_worker).get(reverse("cases:caseload")).content.decode()
    assert 'id="timeout-dialog"' in page
    assert f'data-timeout-seconds="{settings.SESSION_IDLE_MINUTES * 60}"' in page


def test_keep_alive_needs_post_and_csrf(allocated_worker):
    client = Client(enforce_csrf_checks=True)
    client.force_login(allocated_worker, backend="django.contrib.auth.backends.ModelBackend")
    session = client.session
    session["childsafe_signed_in_at"] = time.time()
    session.save()
    assert client.get(reverse("accounts:keep_alive")).status_code == 405
    assert client.post(reverse("accounts:keep_alive")).status_code == 403


@pytest.mark.parametrize("url", ["/cases/", "/admin/", "/"])
def test_everything_but_sign_in_needs_sign_in(db, url):
    response = Client().get(url)
    assert response.status_code == 302


def test_deactivated_user_cannot_sign_in(allocated_worker):
    allocated_worker.is_active = False
    allocated_worker.save()
    response = Client().post(SIGN_IN, {"username": allocated_worker.email, "password": PASSWORD})
    assert "The email address or password is not right" in response.content.decode()


def test_the_idle_timeout_page_ends_the_session_and_says_so(client_for, allocated_worker, a_case, settings):
    """The browser's idle timer sends the page here. The session may still be live on the server (a request renewed
    it after the timer started): the page must end it, not only say it has ended."""
    client = client_for(allocated_worker)
    case_page = reverse("cases:detail", args=[a_case.pk])
    timer_page = client.get(case_page)
    assert timer_page.status_code == 200
    assert f'data-timed-out-url="{reverse("accounts:timed_out")}"' in timer_page.content.decode()

    response = client.get(reverse("accounts:timed_out"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "You have been signed out" in page
    assert f"you did nothing for {settings.SESSION_IDLE_MINUTES} minutes" in page
    after = client.get(case_page)
    assert after.status_code == 302
    assert after["Location"].startswith(SIGN_IN)


def test_the_idle_timeout_page_signed_out_is_harmless(db):
    response = Client().get(reverse("accounts:timed_out"))
    assert response.status_code == 200
    assert "You have been signed out" in response.content.decode()


def test_the_signed_out_page_gives_the_configured_idle_limit(db, settings):
    settings.SESSION_IDLE_MINUTES = 35
    assert "after 35 minutes without activity" in Client().get(reverse("accounts:signed_out")).content.decode()
