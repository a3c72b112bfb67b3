"""The safety rules as data: age bands at their boundaries, when a plan's review is overdue, working days, and
data files that fail loudly when they are wrong."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ImproperlyConfigured

from childsafe.safety import rules


@pytest.mark.parametrize(
    ("age", "band"),
    [
        (0, "under_5"),
        (4, "under_5"),
        (5, "age_5_to_10"),
        (10, "age_5_to_10"),
        (11, "age_11_to_15"),
        (15, "age_11_to_15"),
        (16, "age_16_to_17"),
        (17, "age_16_to_17"),
        (18, "age_not_known"),
        (None, "age_not_known"),
    ],
)
def test_age_band_boundaries(age, band):
    assert rules.band_for_age(age).key == band


def test_every_band_has_guidance_and_prompts():
    bands, unknown = rules.age_bands()
    assert [band.label for band in bands] == ["Under 5", "5 to 10", "11 to 15", "16 to 17"]
    assert all(band.guidance and band.prompts for band in (*bands, unknown))


@pytest.mark.parametrize(
    ("days", "overdue"),
    [(0, False), (13, False), (14, False), (15, True), (40, True)],
)
def test_safety_work_review_is_overdue_after_more_than_14_days(days, overdue):
    today = dt.date(2026, 11, 25)
    state = rules.review_state("safety_work", today - dt.timedelta(days=days), today)
    assert state.days_since == days
    assert state.warning_after_days == 14
    assert state.is_overdue is overdue


def test_recovery_work_has_its_own_longer_threshold():
    today = dt.date(2026, 11, 25)
    assert not rules.review_state("recovery_work", today - dt.timedelta(days=42), today).is_overdue
    assert rules.review_state("recovery_work", today - dt.timedelta(days=43), today).is_overdue


@pytest.mark.parametrize(
    ("start", "due"),
    [
        (dt.date(2026, 11, 23), dt.date(2026, 11, 25)),  # Monday → Wednesday
        (dt.date(2026, 11, 26), dt.date(2026, 11, 30)),  # Thursday → Monday
        (dt.date(2026, 11, 27), dt.date(2026, 12, 1)),  # Friday → Tuesday
        (dt.date(2026, 11, 28), dt.date(2026, 12, 1)),  # Saturday → Tuesday
        (dt.date(2026, 12, 24), dt.date(2026, 12, 30)),  # Christmas Day and the Boxing Day holiday are skipped
        (dt.date(2027, 3, 25), dt.date(2027, 3, 31)),  # Good Friday and Easter Monday are skipped
    ],
)
def test_follow_up_is_due_two_working_days_later(start, due):
    assert rules.follow_up_due(start) == due


def test_flag_rules():
    assert rules.flags_ruling_out_home_visits(["interpreter"]) == []
    assert rules.flags_ruling_out_home_visits(["interpreter", "dog"]) == ["dog"]
    assert rules.needs_two_workers(["visit_in_pairs"])
    assert not rules.needs_two_workers(["dog", "interpreter"])


def test_a_broken_data_file_is_refused_in_plain_words(tmp_path, monkeypatch):
    (tmp_path / "rules.yaml").write_text("version: 1\nsafety_work_review_warning_days: -3\n")
    (tmp_path / "rules.schema.json").write_text((rules.DATA / "rules.schema.json").read_text())
    monkeypatch.setattr(rules, "DATA", tmp_path)
    with pytest.raises(ImproperlyConfigured, match=r"rules\.yaml is not valid"):
        rules._load("rules")


def test_bands_with_a_gap_are_refused(tmp_path, monkeypatch):
    text = (rules.DATA / "prompts.yaml").read_text().replace("min_age: 11", "min_age: 12")
    (tmp_path / "prompts.yaml").write_text(text)
    (tmp_path / "prompts.schema.json").write_text((rules.DATA / "prompts.schema.json").read_text())
    monkeypatch.setattr(rules, "DATA", tmp_path)
    rules.age_bands.cache_clear()
    try:
        with pytest.raises(ImproperlyConfigured, match="should start at age 11"):
            rules.age_bands()
    finally:
        monkeypatch.undo()
        rules.age_bands.cache_clear()
