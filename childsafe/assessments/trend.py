"""The small trend chart of a person's level across assessments, as geometry for a server-rendered SVG.

Pure: points in, coordinates out. The template draws them with classes only (no inline styles, no script), and
the same points are given as a visually hidden table so the chart is never the only way to read them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from childsafe.assessments.standing import LevelPoint

WIDTH = 240
HEIGHT = 64
PADDING = 8


@dataclass(frozen=True)
class ChartPoint:
    x: float
    y: float
    rank: int
    label: str
    point: LevelPoint


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    points: tuple[ChartPoint, ...]
    polyline: str
    baseline_y: float
    top_y: float


def trend_chart(points: Sequence[LevelPoint], max_rank: int) -> Chart | None:
    """x by time (evenly spaced when all on one day), y by level rank (higher is more risk). None if no points."""
    if not points:
        return None
    top = max(max_rank, max(point.rank for point in points), 1)
    inner_w, inner_h = WIDTH - 2 * PADDING, HEIGHT - 2 * PADDING
    first, last = points[0].on, points[-1].on
    span = (last - first).total_seconds()
    chart_points = []
    for index, point in enumerate(points):
        if len(points) == 1:
            fraction = 0.5
        elif span > 0:
            fraction = (point.on - first).total_seconds() / span
        else:
            fraction = index / (len(points) - 1)
        x = round(PADDING + fraction * inner_w, 1)
        y = round(PADDING + inner_h - (point.rank / top) * inner_h, 1)
        chart_points.append(ChartPoint(x, y, point.rank, point.label, point))
    polyline = " ".join(f"{item.x},{item.y}" for item in chart_points)
    return Chart(WIDTH, HEIGHT, tuple(chart_points), polyline, float(HEIGHT - PADDING), float(PADDING))
