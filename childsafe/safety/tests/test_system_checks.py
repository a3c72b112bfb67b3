"""The bank holiday list must reach a year ahead: `manage.py check` warns before follow-up due dates go wrong."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command

from childsafe.safety import rules
from childsafe.safety.system_checks import check_bank_holidays_reach_ahead


def test_the_list_runs_to_the_end_of_2028():
    assert rules.bank_holidays_known_until() == dt.date(2028, 12, 31)


@time_machine.travel(dt.datetime(2027, 12, 31, 12, tzinfo=dt.UTC), tick=False)
def test_no_warning_while_the_list_reaches_twelve_months_ahead():
    assert check_bank_holidays_reach_ahead() == []


@time_machine.travel(dt.datetime(2028, 3, 1, 12, tzinfo=dt.UTC), tick=False)
def test_a_warning_once_the_list_runs_out_within_twelve_months():
    (warning,) = check_bank_holidays_reach_ahead()
    assert warning.id == "safety.W001"
    assert "stops after 2028" in warning.msg
    assert "2029" in warning.hint


@time_machine.travel(dt.datetime(2028, 3, 1, 12, tzinfo=dt.UTC), tick=False)
def test_manage_py_check_reports_it(db):
    out = StringIO()
    call_command("check", stdout=out, stderr=out)
    assert "safety.W001" in out.getvalue()


def test_an_empty_list_warns(monkeypatch):
    monkeypatch.setattr(rules, "bank_holidays_known_until", lambda: None)
    (warning,) = check_bank_holidays_reach_ahead()
    assert "lists none" in warning.msg


@pytest.mark.parametrize(
    ("start", "due"),
    [
        (dt.date(2027, 12, 30), dt.date(2028, 1, 4)),  # Friday 31st, then the New Year substitute on Monday 3rd
        (dt.date(2028, 4, 13), dt.date(2028, 4, 19)),  # Good Friday and Easter Monday
        (dt.date(2028, 12, 22), dt.date(2028, 12, 28)),  # Christmas Day and Boxing Day
    ],
)
def test_follow_ups_in_2028_skip_its_bank_holidays(start, due):
    assert rules.follow_up_due(start) == due
