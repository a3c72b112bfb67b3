"""The timeline picture, built from plain (behaviour, from, to) tuples: no database, no HTTP."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from childsafe.chronology.models import Behaviour
from childsafe.chronology.pattern import MAX_MONTHS, build_pattern, intensity

D = dt.date


def counts(pattern, behaviour: str) -> list[int]:
    row = next(row for row in pattern.rows if row.behaviour == behaviour)
    return [cell.count for cell in row.cells]


def test_no_entries_is_an_empty_pattern():
    pattern = build_pattern([])
    assert pattern.is_empty
    assert pattern.months == ()
    assert pattern.rows == ()
    assert pattern.escalation.sentences == ()


def test_months_run_from_the_first_entry_to_the_last_with_short_labels():
    pattern = build_pattern([("physical", D(2025, 11, 20), None), ("coercive_control", D(2026, 2, 1), None)])
    assert [month.label for month in pattern.months] == ["Nov 25", "Dec 25", "Jan 26", "Feb 26"]
    assert pattern.months[0].full_label == "November 2025"
    assert pattern.caption == "Behaviours recorded each month, November 2025 to February 2026"


def test_counts_per_behaviour_per_month_and_totals():
    pattern = build_pattern(
        [
            ("coercive_control", D(2026, 1, 5), None),
            ("coercive_control", D(2026, 1, 20), None),
            ("physical", D(2026, 3, 1), None),
            ("coercive_control", D(2026, 3, 9), None),
        ]
    )
    assert counts(pattern, "coercive_control") == [2, 0, 1]
    assert counts(pattern, "physical") == [0, 0, 1]
    assert pattern.totals == (2, 0, 2)
    assert pattern.grand_total == 4
    assert pattern.entry_count == 4


def test_rows_follow_the_behaviour_list_and_only_behaviours_recorded_appear():
    pattern = build_pattern([("harm_to_child", D(2026, 1, 5), None), ("coercive_control", D(2026, 1, 6), None)])
    assert [row.behaviour for row in pattern.rows] == ["coercive_control", "harm_to_child"]
    assert [row.label for row in pattern.rows] == ["Coercive control", "Harm to a child directly"]


def test_a_date_range_counts_in_every_month_it_spans():
    pattern = build_pattern([("economic", D(2025, 12, 28), D(2026, 3, 2))])
    assert counts(pattern, "economic") == [1, 1, 1, 1]
    assert len(pattern.months) == 4


def test_a_reversed_range_is_read_as_the_start_day_only():
    # The form and a database constraint refuse these; the picture still never loses or multiplies one.
    pattern = build_pattern([("physical", D(2026, 5, 1), D(2026, 2, 1))])
    assert [month.label for month in pattern.months] == ["May 26"]
    assert pattern.grand_total == 1


def test_intensity_levels_are_fixed_thresholds():
    assert [intensity(n) for n in range(8)] == [0, 1, 2, 3, 3, 4, 4, 4]
    pattern = build_pattern([("physical", D(2026, 1, day), None) for day in range(1, 6)])
    assert pattern.rows[0].cells[0].level == 4


def test_more_than_24_months_shows_the_most_recent_and_says_so():
    pattern = build_pattern([("coercive_control", D(2022, 1, 10), None), ("physical", D(2026, 6, 1), None)])
    assert len(pattern.months) == MAX_MONTHS
    assert pattern.months[-1].label == "Jun 26"
    assert pattern.months[0].label == "Jul 24"
    assert pattern.is_capped
    assert pattern.months_left_out == 30
    assert "most recent 24 months" in pattern.cap_note
    # A behaviour recorded only before the window has no row in the picture.
    assert [row.behaviour for row in pattern.rows] == ["physical"]
    assert pattern.entry_count == 2


def test_escalation_more_in_the_last_three_months():
    entries = [("coercive_control", D(2026, 6, 1), None), ("coercive_control", D(2026, 7, 1), None)]
    entries += [("coercive_control", D(2026, month, day), None) for month in (9, 10, 11) for day in (1, 2)]
    entries += [("coercive_control", D(2026, 11, 3), None)]
    escalation = build_pattern(entries).escalation
    assert escalation.rising
    assert escalation.sentences[0] == (
        "More behaviours were recorded in the 3 months to November 2026 (7) than in the 3 months before (2)."
    )


def test_escalation_fewer_is_never_read_as_lower_risk():
    entries = [("coercive_control", D(2026, 6, day), None) for day in (1, 2, 3)]
    entries += [("coercive_control", D(2026, 11, 1), None)]
    escalation = build_pattern(entries).escalation
    assert not escalation.rising
    assert escalation.sentences[0].startswith("Fewer behaviours were recorded in the 3 months to November 2026 (1)")
    assert "do not by themselves mean the risk is lower" in escalation.sentences[0]


def test_escalation_same_number():
    entries = [("coercive_control", D(2026, 5, 1), None), ("coercive_control", D(2026, 10, 1), None)]
    sentence = build_pattern(entries).escalation.sentences[0]
    assert (
        sentence
        == "The same number of behaviours was recorded in the 3 months to October 2026 as in the 3 months before (1)."
    )


def test_short_chronology_says_there_is_not_enough_to_compare():
    escalation = build_pattern([("physical", D(2026, 10, 1), None), ("physical", D(2026, 11, 1), None)]).escalation
    assert escalation.sentences == (
        "The chronology covers 2 months: at least 6 are needed to compare the most recent 3 months with the 3 before.",
    )
    assert escalation.new_behaviours == ()


def test_physical_abuse_after_coercive_control_is_named_as_a_risk_marker():
    entries = [("coercive_control", D(2026, month, 1), None) for month in range(3, 10)]
    entries += [("physical", D(2026, 11, 2), None), ("online", D(2026, 10, 2), None)]
    escalation = build_pattern(entries).escalation
    assert escalation.new_behaviours == ("physical", "online")
    assert (
        "Recorded for the first time in the 3 months to November 2026: physical abuse and online or digital abuse."
        in (escalation.sentences)
    )
    assert len(escalation.warnings) == 1
    assert escalation.warnings[0].startswith(
        "Physical abuse has been recorded for the first time, after coercive control"
    )


def test_several_risk_markers_are_named_in_one_warning():
    entries = [("coercive_control", D(2026, month, 1), None) for month in range(3, 10)]
    entries += [("physical", D(2026, 11, 2), None), ("harm_to_child", D(2026, 11, 3), None)]
    assert build_pattern(entries).escalation.warnings == (
        "Physical abuse and harm to a child directly have been recorded for the first time, after coercive "
        "control. This is a known marker of escalating risk: review the risk assessment.",
    )


def test_no_risk_marker_without_earlier_coercive_control():
    entries = [("economic", D(2026, month, 1), None) for month in range(3, 10)]
    entries += [("physical", D(2026, 11, 2), None)]
    escalation = build_pattern(entries).escalation
    assert escalation.new_behaviours == ("physical",)
    assert escalation.warnings == ()


def test_accepts_objects_with_entry_attributes():
    class Entry:
        behaviour = "sexual"
        occurred_from = D(2026, 4, 4)
        occurred_to = D(2026, 5, 5)

    assert counts(build_pattern([Entry()]), "sexual") == [1, 1]


# Properties --------------------------------------------------------------------------------------------

behaviours = st.sampled_from(Behaviour.values)
days = st.dates(min_value=D(2020, 1, 1), max_value=D(2026, 12, 31))


@st.composite
def spans(draw):
    start = draw(days)
    length = draw(st.one_of(st.none(), st.integers(min_value=0, max_value=400)))
    end = None if length is None else start + dt.timedelta(days=length)
    return (draw(behaviours), start, end)


def months_spanned(span) -> int:
    _, start, end = span
    end = end or start
    return (end.year - start.year) * 12 + end.month - start.month + 1


def cell_map(pattern) -> dict[tuple[str, dt.date], int]:
    return {
        (row.behaviour, month.first_day): cell.count
        for row in pattern.rows
        for month, cell in zip(pattern.months, row.cells, strict=True)
    }


@settings(max_examples=150, deadline=None)
@given(st.lists(spans(), max_size=30))
def test_grid_total_is_the_number_of_entry_months(entries):
    pattern = build_pattern(entries, max_months=10_000)
    assert pattern.grand_total == sum(months_spanned(span) for span in entries)
    assert sum(pattern.totals) == sum(row.total for row in pattern.rows)
    for index, total in enumerate(pattern.totals):
        assert total == sum(row.cells[index].count for row in pattern.rows)


@settings(max_examples=150, deadline=None)
@given(st.lists(spans(), max_size=30))
def test_never_more_than_24_months_and_levels_in_range(entries):
    pattern = build_pattern(entries)
    assert len(pattern.months) <= MAX_MONTHS
    assert all(0 <= cell.level <= 4 for row in pattern.rows for cell in row.cells)
    assert all(cell.level == intensity(cell.count) for row in pattern.rows for cell in row.cells)
    months = [month.first_day for month in pattern.months]
    assert months == sorted(set(months))


@settings(max_examples=150, deadline=None)
@given(st.lists(spans(), max_size=20), spans())
def test_adding_an_entry_never_lowers_any_count_or_shade(entries, extra):
    before = build_pattern(entries, max_months=10_000)
    after = build_pattern([*entries, extra], max_months=10_000)
    after_cells = cell_map(after)
    for key, count in cell_map(before).items():
        assert after_cells[key] >= count
        assert intensity(after_cells[key]) >= intensity(count)
    assert after.grand_total == before.grand_total + months_spanned(extra)
