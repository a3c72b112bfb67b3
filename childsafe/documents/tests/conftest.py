"""Render times measured by the leak tests, printed at the end of the run (for the report, not asserted)."""

from __future__ import annotations

from typing import Any

RENDER_TIMES: dict[str, list[float]] = {}


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not RENDER_TIMES:
        return
    terminalreporter.section("document render times")
    for label, times in sorted(RENDER_TIMES.items()):
        ordered = sorted(times)
        terminalreporter.write_line(
            f"{label}: n={len(ordered)} median={ordered[len(ordered) // 2]:.3f}s "
            f"p90={ordered[int(len(ordered) * 0.9)]:.3f}s max={ordered[-1]:.3f}s"
        )
