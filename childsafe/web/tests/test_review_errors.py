"""Review (security.md AZ-7): a fault inside a case page shows a plain error page and writes no personal data to
the log.

The fault here is the one that happens for real on PostgreSQL: a database error whose message quotes the row it
refused ("Failing row contains (…)"). The record of it goes through the handlers the settings configure, and the
test reads what they write. Django also puts the request (with everything posted) on each request error record;
no handler should be handed it.
"""

from __future__ import annotations

import io
import logging
import sys
import time
import uuid

import pytest
from django.conf import settings
from django.db import IntegrityError
from django.test import Client
from django.urls import reverse

from childsafe.cases import services
from childsafe.conftest import person
from childsafe.lib.log_filters import WithoutValues


@pytest.fixture
def log_output():
    """What every handler of the loggers a request error reaches writes, as text, and the records themselves."""
    stream = io.StringIO()
    records: list[logging.LogRecord] = []
    loggers = [logging.getLogger("django.request"), logging.getLogger()]
    swapped = []
    for logger in loggers:
        for handler in logger.handlers:
            if isinstance(handler, logging.StreamHandler) and not type(handler).__module__.startswith("_pytest"):
                swapped.append((handler, handler.setStream(stream)))

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    keep = Keep()
    keep.filters = [f for handler, _ in swapped[:1] for f in handler.filters]
    logging.getLogger("django.request").addHandler(keep)
    yield stream, records
    logging.getLogger("django.request").removeHandler(keep)
    for handler, old in swapped:
        handler.setStream(old)


def test_tests_run_with_debug_off():
    assert settings.DEBUG is False


def test_a_database_fault_in_a_case_page_logs_and_shows_no_personal_data(
    allocated_worker, a_case, monkeypatch, log_output
):
    stream, records = log_output
    secret = f"CANARY{uuid.uuid4().hex[:12]}"
    rachel = person(a_case, "non_abusing_parent")
    rachel.known_as = secret
    services.save_record(rachel, by=allocated_worker, request=None, changed=["known_as"], creating=False)

    def refused(*args, **kwargs):
        raise IntegrityError(
            'new row for relation "cases_person" violates check constraint "person_sane"\n'
            f"DETAIL:  Failing row contains ({rachel.pk}, Rachel, Fernhill, {secret}, null)."
        )

    monkeypatch.setattr("childsafe.cases.views.case.chronology_section", refused)
    client = Client(raise_request_exception=False)
    client.force_login(allocated_worker, backend="django.contrib.auth.backends.ModelBackend")
    session = client.session
    session["childsafe_signed_in_at"] = time.time()
    session.save()
    response = client.get(reverse("cases:detail", args=[a_case.pk]), {"q": secret})

    assert response.status_code == 500
    page = response.content.decode()
    assert "Sorry, there is a problem with the service" in page
    assert secret not in page and "Rachel" not in page

    written = stream.getvalue()
    assert "Internal Server Error" in written
    assert "IntegrityError" in written  # the fault can still be found: its kind and where it happened
    assert "chronology_section" in written or "refused" in written
    assert secret not in written
    assert records, "the error was logged"
    for record in records:
        assert getattr(record, "request", None) is None
        assert secret not in repr(vars(record))


def test_a_chained_fault_keeps_every_frame_and_no_message():
    """Django re-raises a driver's error as its own (`raise ... from`): both messages are withheld, both kept."""

    secret = f"CANARY{uuid.uuid4().hex[:12]}"  # made at run time: the traceback's source lines cannot hold it

    def driver():
        raise ValueError(f"Failing row contains ({secret})")

    def wrapper():
        try:
            driver()
        except ValueError as exc:
            raise IntegrityError(secret) from exc

    try:
        wrapper()
    except IntegrityError:
        record = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "Internal Server Error", (), None)
        record.exc_info = sys.exc_info()
    WithoutValues().filter(record)
    text = logging.Formatter().format(record)
    assert secret not in text
    assert "in driver" in text and "in wrapper" in text
    assert "builtins.ValueError" in text and "django.db.utils.IntegrityError" in text
    assert "direct cause" in text
