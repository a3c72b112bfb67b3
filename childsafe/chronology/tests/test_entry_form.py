"""The rules of a chronology entry, checked on the form itself: every bad input gets a plain GOV.UK message."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from childsafe.cases import services as case_services
from childsafe.cases.models import Person
from childsafe.chronology.forms import ChronologyEntryForm
from childsafe.chronology.tests.conftest import date_parts, entry_post, make_entry


def form_for(case, **overrides) -> ChronologyEntryForm:
    return ChronologyEntryForm(entry_post(case, **overrides), case=case)


def test_valid_entry_gives_typed_values(a_case, darren, mia, leo):
    form = form_for(a_case)
    assert form.is_valid(), form.errors
    data = form.entry_data()
    assert data["person_responsible"] == darren
    assert data["occurred_from"] == dt.date(2026, 3, 3)
    assert data["occurred_to"] is None
    assert data["date_is_approximate"] is False
    assert form.impacts() == {mia: "Mia heard the shouting and hid in her room.", leo: ""}


def test_who_chose_it_offers_only_the_adults_never_a_child_or_both(a_case, darren, rachel, mia, leo):
    form = ChronologyEntryForm(case=a_case)
    field = form.fields["person_responsible"]
    assert field.label == "Who chose this behaviour"
    values = [value for value, _ in field.choices]
    assert values == [str(darren.pk), str(rachel.pk)]  # the parent using abuse first
    assert str(mia.pk) not in values
    assert not any("both" in str(label).lower() or "couple" in str(label).lower() for _, label in field.choices)


def test_a_child_posted_as_the_person_responsible_is_refused(a_case, mia):
    form = form_for(a_case, person_responsible=str(mia.pk))
    assert not form.is_valid()
    assert form.errors["person_responsible"] == ["Select who chose this behaviour"]


def test_a_person_from_another_case_is_refused(a_case, allocated_worker, team):
    other = case_services.open_case(by=allocated_worker, team=team, opened_on=dt.date(2026, 1, 1))
    stranger = Person.objects.create(case=other, role_in_case="parent_using_abuse", first_name="Someone")
    form = form_for(a_case, person_responsible=str(stranger.pk))
    assert not form.is_valid()
    assert "person_responsible" in form.errors


def test_one_impact_box_per_child_named(a_case, mia, leo):
    form = ChronologyEntryForm(case=a_case)
    assert form[f"impact_{mia.pk.hex}"].label == "Impact on Mia"
    assert form[f"impact_{leo.pk.hex}"].label == "Impact on Leo"
    assert [bound.name for bound in form.impact_fields] == [f"impact_{mia.pk.hex}", f"impact_{leo.pk.hex}"]


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("behaviour", "Select the type of behaviour"),
        ("person_responsible", "Select who chose this behaviour"),
        ("description", "Describe what the person did"),
        ("reported_by", "Select who reported it"),
    ],
)
def test_required_fields(a_case, field, message):
    form = form_for(a_case, **{field: ""})
    assert not form.is_valid()
    assert form.errors[field] == [message]


def test_start_date_is_required(a_case):
    form = form_for(a_case, **date_parts("occurred_from", None))
    assert form.errors["occurred_from"] == ["Enter the date the behaviour happened or started"]


def test_description_of_only_spaces_is_missing(a_case):
    assert form_for(a_case, description="   \n  ").errors["description"] == ["Describe what the person did"]


@pytest.mark.parametrize("field", ["occurred_from", "occurred_to"])
def test_future_dates_are_refused(a_case, field):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    form = form_for(a_case, **date_parts(field, tomorrow))
    assert form.errors[field] == ["The date must be today or in the past"]


def test_today_is_accepted(a_case):
    today = timezone.localdate()
    assert form_for(a_case, **date_parts("occurred_from", today)).is_valid()


def test_reversed_date_range_is_refused(a_case):
    form = form_for(
        a_case, **date_parts("occurred_from", dt.date(2026, 5, 1)), **date_parts("occurred_to", dt.date(2026, 4, 30))
    )
    assert form.errors["occurred_to"] == ["The end date must be the same as or after the start date"]


def test_a_range_and_a_one_day_range_are_accepted(a_case):
    form = form_for(
        a_case, **date_parts("occurred_from", dt.date(2026, 5, 1)), **date_parts("occurred_to", dt.date(2026, 5, 1))
    )
    assert form.is_valid()
    form = form_for(a_case, **date_parts("occurred_to", dt.date(2026, 6, 30)))
    assert form.is_valid()
    assert form.cleaned_data["occurred_to"] == dt.date(2026, 6, 30)


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        (("31", "2", "2026"), "Date the behaviour happened or started must be a real date"),
        (("3", "", "2026"), "Date the behaviour happened or started must include a month"),
        (("3", "3", "26"), "Date the behaviour happened or started must include a 4-digit year, like 2024"),
        (("x", "3", "2026"), "Date the behaviour happened or started must be a real date, written in numbers"),
        (("3", "3", "20266"), "Date the behaviour happened or started must be a real date"),
        (("3", "3", "1850"), "The date must be in 1900 or later"),
        (("3\x00", "3", "2026"), "Date the behaviour happened or started must be a real date"),
    ],
)
def test_bad_dates_get_plain_messages(a_case, parts, message):
    day, month, year = parts
    form = form_for(a_case, occurred_from_day=day, occurred_from_month=month, occurred_from_year=year)
    assert not form.is_valid()
    assert message in form.errors["occurred_from"]


def test_over_long_fields_get_the_govuk_message(a_case, mia):
    form = form_for(
        a_case,
        description="x" * 4001,
        source_document="y" * 301,
        **{f"impact_{mia.pk.hex}": "z" * 2001},
    )
    assert not form.is_valid()
    assert form.errors["description"] == ["Description must be 4000 characters or fewer"]
    assert form.errors["source_document"] == ["Source document must be 300 characters or fewer"]
    assert form.errors[f"impact_{mia.pk.hex}"] == ["Impact on Mia must be 2000 characters or fewer"]


def test_longest_allowed_values_are_accepted(a_case, mia):
    form = form_for(a_case, description="x" * 4000, source_document="y" * 300, **{f"impact_{mia.pk.hex}": "z" * 2000})
    assert form.is_valid(), form.errors


def test_nul_characters_are_refused(a_case, mia):
    form = form_for(
        a_case, description="He said\x00 nothing", source_document="\x00", **{f"impact_{mia.pk.hex}": "a\x00"}
    )
    assert not form.is_valid()
    assert form.errors["description"] == ["Description must not contain hidden control characters"]
    assert form.errors["source_document"] == ["Source document must not contain hidden control characters"]
    assert form.errors[f"impact_{mia.pk.hex}"] == ["Impact on Mia must not contain hidden control characters"]


@pytest.mark.parametrize("field", ["behaviour", "reported_by"])
def test_values_not_in_the_list_are_refused(a_case, field):
    assert not form_for(a_case, **{field: "<script>"}).is_valid()


def test_harm_to_a_child_needs_an_impact_on_at_least_one_child(a_case, mia, leo):
    form = form_for(a_case, behaviour="harm_to_child", **{f"impact_{mia.pk.hex}": "", f"impact_{leo.pk.hex}": " "})
    assert not form.is_valid()
    assert form.errors[f"impact_{mia.pk.hex}"] == [
        "Enter the impact on at least one child when the behaviour is harm to a child directly"
    ]
    form = form_for(
        a_case, behaviour="harm_to_child", **{f"impact_{mia.pk.hex}": "", f"impact_{leo.pk.hex}": "Bruised arm"}
    )
    assert form.is_valid(), form.errors


def test_harm_to_a_child_on_a_case_with_no_children(allocated_worker, team):
    case = case_services.open_case(by=allocated_worker, team=team, opened_on=dt.date(2026, 1, 1))
    adult = Person.objects.create(case=case, role_in_case="parent_using_abuse", first_name="Darren")
    form = ChronologyEntryForm(
        {
            "behaviour": "harm_to_child",
            "person_responsible": str(adult.pk),
            "description": "He hit the baby.",
            **date_parts("occurred_from", dt.date(2026, 2, 1)),
            "reported_by": "police",
        },
        case=case,
    )
    assert not form.is_valid()
    assert form.errors["behaviour"] == ["Add the child to the case before recording harm to a child directly"]


def test_edit_form_starts_from_the_entry_and_its_impacts(a_case, allocated_worker, darren, mia):
    entry = make_entry(a_case, allocated_worker, occurred_to=dt.date(2026, 4, 1), impacts={mia: "Mia stopped eating."})
    form = ChronologyEntryForm(case=a_case, instance=entry)
    assert form["person_responsible"].value() == str(darren.pk)
    assert form["occurred_from"].value() == dt.date(2026, 3, 3)
    assert form[f"impact_{mia.pk.hex}"].value() == "Mia stopped eating."
