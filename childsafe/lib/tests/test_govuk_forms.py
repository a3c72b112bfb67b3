"""The GOV.UK date field: whatever is typed into the three boxes, a date or a plain message, never an exception."""

from __future__ import annotations

import datetime as dt

import pytest
from django import forms

from childsafe.lib.govuk_forms import GovukDateField


class DateForm(forms.Form):
    happened_on = GovukDateField(label="Date it happened")


def submit(day: str, month: str, year: str) -> DateForm:
    form = DateForm({"happened_on_day": day, "happened_on_month": month, "happened_on_year": year})
    form.is_valid()
    return form


def test_a_real_date_in_ascii_digits_is_read():
    form = submit("3", "03", "2026")
    assert form.cleaned_data["happened_on"] == dt.date(2026, 3, 3)


@pytest.mark.parametrize(
    ("day", "month", "year"),
    [
        ("²", "3", "2026"),  # superscript two: str.isdigit() says yes, int() refuses it
        ("1", "٣", "2026"),  # Arabic-Indic three
        ("１２", "3", "2026"),  # full-width twelve
        ("1", "3", "２０２６"),
    ],
)
def test_digits_other_than_0_to_9_get_the_plain_message_not_an_error(day, month, year):
    form = submit(day, month, year)
    assert form.errors["happened_on"] == ["Date it happened must be a real date, written in numbers"]
    # What was typed stays in the boxes.
    assert form["happened_on"].value() == [day, month, year]
