"""The timeline picture: how many times each behaviour was recorded in each month, and a plain reading of it.

Pure functions over light (behaviour, occurred_from, occurred_to) tuples, so the picture is tested without a
database and built from one `.values_list()` query.

Edge cases, decided once here:
- An entry with a date range counts once in every month it spans: a month of daily coercive control is not
  one event.
- The months run from the first entry's month to the last entry's, capped at the most recent
  `MAX_MONTHS`; the result says when earlier months were left out.
- Shading uses fixed thresholds, not a scale relative to the busiest month, so the same shade means the same
  count on every case and recording a new entry never makes another month look calmer.
- The escalation reading compares the last 3 months of the chronology with the 3 before, and names behaviour
  types that appear for the first time in those last 3 months. Fewer records are never read as less risk.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from childsafe.chronology.models import Behaviour

MAX_MONTHS = 24
COMPARISON_MONTHS = 3

# Upper bounds (inclusive) of shading levels 1, 2 and 3; anything above is level 4.
LEVEL_THRESHOLDS = (1, 2, 4)

# A first appearance of one of these after coercive control is a recognised marker of escalating risk.
ESCALATION_MARKERS = (Behaviour.PHYSICAL, Behaviour.SEXUAL, Behaviour.HARM_TO_CHILD, Behaviour.STALKING)

BEHAVIOUR_ORDER = {value: index for index, value in enumerate(Behaviour.values)}

Span = tuple[str, dt.date, dt.date | None]
MonthKey = tuple[int, int]


@dataclass(frozen=True)
class Month:
    year: int
    month: int

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    @property
    def label(self) -> str:
        """Short column heading, like "Jan 26"."""
        return f"{self.first_day:%b %y}"

    @property
    def full_label(self) -> str:
        """For screen readers and sentences, like "January 2026"."""
        return f"{self.first_day:%B %Y}"


@dataclass(frozen=True)
class Cell:
    count: int
    level: int


@dataclass(frozen=True)
class Row:
    behaviour: str
    label: str
    cells: tuple[Cell, ...]

    @property
    def total(self) -> int:
        return sum(cell.count for cell in self.cells)


@dataclass(frozen=True)
class Escalation:
    """The reading above the picture. `sentences` are plain words; `warnings` need a practitioner's attention."""

    sentences: tuple[str, ...]
    warnings: tuple[str, ...]
    rising: bool
    new_behaviours: tuple[str, ...]


@dataclass(frozen=True)
class Pattern:
    months: tuple[Month, ...]
    rows: tuple[Row, ...]
    totals: tuple[int, ...]
    entry_count: int
    months_left_out: int
    escalation: Escalation

    @property
    def is_empty(self) -> bool:
        return self.entry_count == 0

    @property
    def is_capped(self) -> bool:
        return self.months_left_out > 0

    @property
    def total_levels(self) -> tuple[int, ...]:
        return tuple(intensity(total) for total in self.totals)

    @property
    def grand_total(self) -> int:
        return sum(self.totals)

    @property
    def caption(self) -> str:
        if not self.months:
            return "Behaviours recorded each month"
        first, last = self.months[0], self.months[-1]
        if first == last:
            return f"Behaviours recorded in {last.full_label}"
        return f"Behaviours recorded each month, {first.full_label} to {last.full_label}"

    @property
    def cap_note(self) -> str:
        if not self.is_capped:
            return ""
        return (
            f"The picture shows the most recent {len(self.months)} months. "
            f"{self.months_left_out} earlier months are not shown: the list below has every entry."
        )


def intensity(count: int) -> int:
    """Shading level 0 to 4 for a count: 0 none, 1 one, 2 two, 3 three or four, 4 five or more."""
    if count <= 0:
        return 0
    for level, upper in enumerate(LEVEL_THRESHOLDS, start=1):
        if count <= upper:
            return level
    return len(LEVEL_THRESHOLDS) + 1


def behaviour_label(value: str) -> str:
    try:
        return str(Behaviour(value).label)
    except ValueError:
        return value.replace("_", " ").capitalize()


def _key(day: dt.date) -> MonthKey:
    return (day.year, day.month)


def _next(key: MonthKey) -> MonthKey:
    year, month = key
    return (year + 1, 1) if month == 12 else (year, month + 1)


def _shift(key: MonthKey, months: int) -> MonthKey:
    index = key[0] * 12 + (key[1] - 1) + months
    return (index // 12, index % 12 + 1)


def _months_between(first: MonthKey, last: MonthKey) -> list[MonthKey]:
    keys = []
    key = first
    while key <= last:
        keys.append(key)
        key = _next(key)
    return keys


def _as_span(item: Any) -> Span:
    """Accept (behaviour, from, to) tuples or anything with those attributes, such as a ChronologyEntry."""
    if isinstance(item, tuple):
        behaviour, start, end = item
    else:
        behaviour, start, end = item.behaviour, item.occurred_from, item.occurred_to
    # A reversed range cannot be saved (form and database both refuse it); read one as a single day, not as nothing.
    if end is not None and end < start:
        end = None
    return str(behaviour), start, end


def _span_months(span: Span) -> list[MonthKey]:
    _, start, end = span
    return _months_between(_key(start), _key(end or start))


def _list_words(words: list[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} and {words[-1]}"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _escalation(counts: Counter[tuple[str, MonthKey]], first: MonthKey, last: MonthKey) -> Escalation:
    """Compare the last 3 months of the chronology with the 3 before, and name behaviours new in the last 3."""
    span = len(_months_between(first, last))
    recent_start = _shift(last, -(COMPARISON_MONTHS - 1))
    before_start = _shift(recent_start, -COMPARISON_MONTHS)
    period = f"the 3 months to {Month(*last).full_label}"

    def total_between(start: MonthKey, end: MonthKey) -> int:
        return sum(count for (_, key), count in counts.items() if start <= key <= end)

    sentences: list[str] = []
    warnings: list[str] = []
    rising = False
    if span < COMPARISON_MONTHS * 2:
        sentences.append(
            f"The chronology covers {span} month{'s' if span != 1 else ''}: "
            "at least 6 are needed to compare the most recent 3 months with the 3 before."
        )
    else:
        recent = total_between(recent_start, last)
        before = total_between(before_start, _shift(recent_start, -1))
        if recent > before:
            rising = True
            sentences.append(
                f"More behaviours were recorded in {period} ({recent}) than in the 3 months before ({before})."
            )
        elif recent < before:
            sentences.append(
                f"Fewer behaviours were recorded in {period} ({recent}) than in the 3 months before ({before}). "
                "Fewer records do not by themselves mean the risk is lower."
            )
        else:
            sentences.append(
                f"The same number of behaviours was recorded in {period} as in the 3 months before ({recent})."
            )

    new_behaviours: list[str] = []
    if span > COMPARISON_MONTHS:
        seen_before = {behaviour for (behaviour, key) in counts if key < recent_start}
        seen_recently = {behaviour for (behaviour, key) in counts if key >= recent_start}
        new_behaviours = sorted(seen_recently - seen_before, key=lambda value: BEHAVIOUR_ORDER.get(value, 99))
        if new_behaviours:
            labels = [_lower_first(behaviour_label(value)) for value in new_behaviours]
            sentences.append(f"Recorded for the first time in {period}: {_list_words(labels)}.")
            rising = True
        markers = [value for value in new_behaviours if value in ESCALATION_MARKERS]
        if markers and Behaviour.COERCIVE_CONTROL in seen_before:
            labels = [_lower_first(behaviour_label(value)) for value in markers]
            verb = "has" if len(markers) == 1 else "have"
            warnings.append(
                f"{_upper_first(_list_words(labels))} {verb} been recorded for the first time, after coercive "
                "control. This is a known marker of escalating risk: review the risk assessment."
            )
    return Escalation(tuple(sentences), tuple(warnings), rising, tuple(new_behaviours))


def build_pattern(items: Iterable[Any], *, max_months: int = MAX_MONTHS) -> Pattern:
    """The month-by-behaviour picture of `items`: (behaviour, occurred_from, occurred_to) tuples or entries."""
    spans = [_as_span(item) for item in items]
    if not spans:
        return Pattern((), (), (), 0, 0, Escalation((), (), False, ()))

    counts: Counter[tuple[str, MonthKey]] = Counter()
    for span in spans:
        for key in _span_months(span):
            counts[(span[0], key)] += 1

    first = min(_key(start) for _, start, _ in spans)
    last = max(_key(end or start) for _, start, end in spans)
    all_months = _months_between(first, last)
    shown = all_months[-max_months:] if max_months > 0 else all_months
    months_left_out = len(all_months) - len(shown)

    behaviours = sorted(
        {behaviour for behaviour, _ in counts}, key=lambda value: (BEHAVIOUR_ORDER.get(value, 99), value)
    )
    rows = []
    for behaviour in behaviours:
        cells = tuple(Cell(counts[(behaviour, key)], intensity(counts[(behaviour, key)])) for key in shown)
        if any(cell.count for cell in cells):
            rows.append(Row(behaviour, behaviour_label(behaviour), cells))
    totals = tuple(sum(row.cells[index].count for row in rows) for index in range(len(shown)))

    return Pattern(
        months=tuple(Month(*key) for key in shown),
        rows=tuple(rows),
        totals=totals,
        entry_count=len(spans),
        months_left_out=months_left_out,
        escalation=_escalation(counts, first, last),
    )
