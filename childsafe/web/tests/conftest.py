"""What the bad-input sweep covered, printed at the end of the run (for the report, not asserted)."""

from __future__ import annotations

from typing import Any

from childsafe.web.tests.sweep import SWEEP_STATS


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not SWEEP_STATS:
        return
    terminalreporter.section("bad-input sweep")
    for namespace, (patterns, pages, requests, seconds) in sorted(SWEEP_STATS.items()):
        terminalreporter.write_line(
            f"{namespace or '(root)'}: {patterns} URL patterns, {pages} pages, {requests} requests, {seconds:.1f}s"
        )
    patterns, pages, requests, seconds = (sum(column) for column in zip(*SWEEP_STATS.values(), strict=True))
    terminalreporter.write_line(f"all: {patterns} URL patterns, {pages} pages, {requests} requests, {seconds:.1f}s")
