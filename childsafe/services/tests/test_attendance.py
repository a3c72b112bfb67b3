"""Programme attendance arithmetic at its boundaries: 74.5 against 75 hours, 29 against 30 weeks, 2 against 3
sessions missed in a row, a missed run broken by attendance; and the standard read from its data file."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pytest

from childsafe.services.attendance import hours_text, progress
from childsafe.services.catalogue import ProgrammeStandard, programme_standard

START = dt.date(2026, 1, 5)


@dataclass
class Session:
    held_on: dt.date
    attended: bool
    hours_attended: Decimal


def weekly(pattern: str, hours: str = "2.5", start: dt.date = START) -> list[Session]:
    """One session a week: "y" attended, "n" missed."""
    return [
        Session(start + dt.timedelta(weeks=index), mark == "y", Decimal(hours) if mark == "y" else Decimal("0"))
        for index, mark in enumerate(pattern)
    ]


def test_the_standard_comes_from_its_data_file_with_its_source():
    standard = programme_standard()
    assert (standard.minimum_group_hours, standard.minimum_weeks, standard.missed_in_a_row_for_disengagement) == (
        Decimal("75"),
        30,
        3,
    )
    assert "Respect" in standard.source


class TestHours:
    def test_74_and_a_half_hours_falls_short(self):
        sessions = weekly("y" * 29 + "y", hours="2.5")
        sessions[-1].hours_attended = Decimal("2")  # 29 × 2.5 + 2 = 74.5
        result = progress(sessions)
        assert result.hours_attended == Decimal("74.5")
        assert not result.meets_hours
        assert result.hours_to_go == Decimal("0.5")
        assert not result.meets_standard

    def test_75_hours_meets_it(self):
        result = progress(weekly("y" * 30, hours="2.5"))
        assert result.hours_attended == Decimal("75")
        assert result.meets_hours and result.hours_to_go == 0

    def test_missed_sessions_add_no_hours(self):
        assert progress(weekly("ynyn")).hours_attended == Decimal("5")


class TestWeeks:
    def test_30_weekly_sessions_run_over_30_weeks_and_meet_the_standard(self):
        result = progress(weekly("y" * 30, hours="2.5"))
        assert result.weeks == 30
        assert result.meets_weeks and result.meets_standard

    def test_29_weeks_fall_short_even_with_enough_hours(self):
        result = progress(weekly("y" * 29, hours="3"))  # 87 hours
        assert result.meets_hours
        assert result.weeks == 29
        assert not result.meets_weeks and result.weeks_to_go == 1
        assert not result.meets_standard

    def test_weeks_run_from_the_first_to_the_latest_session_attended(self):
        assert progress(weekly("nnyyynn")).weeks == 3
        assert progress(weekly("nnn")).weeks == 0
        assert progress([]).weeks == 0


class TestMissedInARow:
    def test_two_missed_in_a_row_is_not_disengagement(self):
        result = progress(weekly("yyynn"))
        assert result.missed_in_a_row == 2
        assert not result.is_disengaged and result.disengaged_since is None

    def test_three_missed_in_a_row_is_disengagement_from_the_third(self):
        result = progress(weekly("yyynnn"))
        assert result.missed_in_a_row == 3
        assert result.disengaged_since == START + dt.timedelta(weeks=5)

    def test_a_run_broken_by_attendance_starts_again(self):
        result = progress(weekly("ynnnynn"))
        assert result.missed_in_a_row == 2
        assert not result.is_disengaged

    def test_sessions_are_judged_in_date_order_whatever_order_they_come_in(self):
        assert progress(list(reversed(weekly("yyynnn")))).missed_in_a_row == 3

    def test_the_threshold_is_data(self):
        strict = ProgrammeStandard(Decimal("75"), 30, 2, "test")
        assert progress(weekly("yynn"), strict).is_disengaged


@pytest.mark.parametrize(("hours", "text"), [("75", "75"), ("74.50", "74.5"), ("2.25", "2.25"), ("0", "0")])
def test_hours_are_shown_without_trailing_zeros(hours, text):
    assert hours_text(Decimal(hours)) == text
