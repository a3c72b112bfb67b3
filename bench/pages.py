"""Benchmark the caseload search and the case page against a large fictional database. A benchmark, not a test.

    .venv/bin/python bench/pages.py                          # PostgreSQL, 100,000 households (several minutes)
    .venv/bin/python bench/pages.py --households 2000        # a quicker look
    .venv/bin/python bench/pages.py --database sqlite --households 2000

It drops and recreates a throwaway database (PostgreSQL `childsafe_bench` as postgres@127.0.0.1:5432, or
`bench/results/childsafe_bench.sqlite3`), migrates it, loads the demo and generates the households, timing the
generation. Then, signed in as the demo practitioner through Django's test client, it requests each page many
times and reports the median and 95th percentile in milliseconds and the number of SQL queries per page.

The case page must take the same number of queries for the smallest and the largest case (otherwise something
runs a query per person or per entry); the script says whether they match and exits with status 1 if not.

Results go to `bench/results/` (git ignores it) as JSON and plain text, and the text is printed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from io import StringIO
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PG_DATABASE = "childsafe_bench"
PG_SERVER = "postgres://postgres@127.0.0.1:5432"
SQLITE_PATH = RESULTS / "childsafe_bench.sqlite3"
WARM_UP = 5


@dataclass
class PageResult:
    name: str
    url: str
    requests: int
    median_ms: float
    p95_ms: float
    min_ms: float
    max_ms: float
    queries: int
    note: str = ""


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--households", type=int, default=100_000, help="Households to generate (default 100,000)")
    parser.add_argument("--requests", type=int, default=200, help="Timed requests per page (default 200)")
    parser.add_argument("--database", choices=["postgres", "sqlite"], default="postgres")
    parser.add_argument("--seed", type=int, default=1, help="Seed for generate_households")
    parser.add_argument("--batch-size", type=int, default=1000, help="Households per transaction when generating")
    return parser.parse_args()


def fresh_database(kind: str) -> tuple[str, str]:
    """Drop and recreate the throwaway database; return its DATABASE_URL and a description of the server."""
    if kind == "sqlite":
        RESULTS.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{SQLITE_PATH}{suffix}").unlink(missing_ok=True)
        import sqlite3

        return f"sqlite:///{SQLITE_PATH}", f"SQLite {sqlite3.sqlite_version}"

    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {PG_DATABASE}")
        version = connection.execute("SHOW server_version").fetchone()
    return f"{PG_SERVER}/{PG_DATABASE}", f"PostgreSQL {version[0] if version else '?'}"


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "childsafe.settings_test"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def timed_requests(client: Any, url: str, count: int) -> list[float]:
    for _ in range(WARM_UP):
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"GET {url} answered {response.status_code}, not 200")
    times = []
    for _ in range(count):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"GET {url} answered {response.status_code}, not 200")
    return times


def count_queries(client: Any, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        client.get(url)
    return len(context.captured_queries)


def measure(client: Any, name: str, url: str, count: int, note: str = "") -> PageResult:
    times = timed_requests(client, url, count)
    p95 = statistics.quantiles(times, n=20)[18] if len(times) >= 2 else times[0]
    result = PageResult(
        name=name,
        url=url,
        requests=count,
        median_ms=round(statistics.median(times), 1),
        p95_ms=round(p95, 1),
        min_ms=round(min(times), 1),
        max_ms=round(max(times), 1),
        queries=count_queries(client, url),
        note=note,
    )
    print(f"  {name:<32} median {result.median_ms:>7.1f} ms   p95 {result.p95_ms:>7.1f} ms   {result.queries} queries")
    return result


def choose_cases(user: Any) -> tuple[Any, Any]:
    """The smallest and the largest open case the user can see, by chronology entries then people.

    Open cases only, so that searching the caseload (which lists open cases unless asked) finds them."""
    from django.db.models import Count, IntegerField, OuterRef, Subquery
    from django.db.models.functions import Coalesce

    from childsafe.cases.access import cases_visible_to
    from childsafe.cases.models import Case, Person
    from childsafe.chronology.models import ChronologyEntry

    def count_of(model: Any) -> Coalesce:
        rows = model.objects.filter(case=OuterRef("pk")).order_by().values("case").annotate(n=Count("pk")).values("n")
        return Coalesce(Subquery(rows, output_field=IntegerField()), 0)

    cases = (
        cases_visible_to(user)
        .filter(status=Case.Status.OPEN)
        .annotate(entries=count_of(ChronologyEntry), people_count=count_of(Person))
    )
    largest = cases.order_by("-entries", "-people_count", "reference").first()
    smallest = cases.order_by("entries", "people_count", "reference").first()
    if largest is None or smallest is None:
        raise SystemExit("The demo practitioner can see no cases")
    return smallest, largest


def git_commit() -> str:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
    except OSError:
        return ""


def main() -> int:
    args = parse_args()
    database_url, server = fresh_database(args.database)
    print(f"Benchmark database: {database_url} ({server})")
    setup_django(database_url)

    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    from childsafe.accounts.middleware import SIGNED_IN_AT
    from childsafe.accounts.models import User
    from childsafe.cases.access import cases_visible_to
    from childsafe.cases.models import Case, Person
    from childsafe.cases.search import filter_cases, parse_query
    from childsafe.demo.organisations import PRACTITIONER

    started = time.monotonic()
    call_command("migrate", verbosity=0)
    migrate_seconds = time.monotonic() - started
    started = time.monotonic()
    call_command("load_demo_data", stdout=StringIO())
    demo_seconds = time.monotonic() - started

    print(f"Generating {args.households:,} households...")
    started = time.monotonic()
    call_command(
        "generate_households",
        households=args.households,
        seed=args.seed,
        batch_size=args.batch_size,
        stdout=sys.stdout,  # progress, a line a batch: a long run should not look stuck
    )
    generate_seconds = time.monotonic() - started
    rate = args.households / generate_seconds
    print(f"Generated {args.households:,} households in {generate_seconds:,.1f}s ({rate:,.0f} a second)")

    user = User.objects.get(email=PRACTITIONER)
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    session = client.session
    session[SIGNED_IN_AT] = time.time()  # the absolute session limit would otherwise sign the client out
    session.save()

    smallest, largest = choose_cases(user)
    surname = largest.people.filter(role_in_case=Person.RoleInCase.NON_ABUSING_PARENT).values_list(
        "last_name", flat=True
    )[0]
    with_birth_date = (
        Person.objects.filter(case=smallest, date_of_birth__isnull=False).first()
        or Person.objects.filter(case__in=cases_visible_to(user), date_of_birth__isnull=False).first()
    )
    birth_date = f"{with_birth_date.date_of_birth:%d/%m/%Y}" if with_birth_date else "01/01/2015"

    def matches(q: str) -> str:
        found = filter_cases(cases_visible_to(user).filter(status=Case.Status.OPEN), parse_query(q)).count()
        return f"open cases found: {found:,}"

    caseload = reverse("cases:caseload")
    pages = [
        ("caseload: mine", caseload, ""),
        ("caseload: search surname", f"{caseload}?q={surname}", matches(surname)),
        ("caseload: search reference", f"{caseload}?q={largest.reference}", matches(largest.reference)),
        ("caseload: search date of birth", f"{caseload}?q={birth_date}", matches(birth_date)),
        ("case page: smallest case", reverse("cases:detail", args=[smallest.pk]), f"{smallest.entries} entries"),
        ("case page: largest case", reverse("cases:detail", args=[largest.pk]), f"{largest.entries} entries"),
    ]
    print(f"Timing {args.requests} requests per page as {PRACTITIONER}:")
    results = [measure(client, name, url, args.requests, note) for name, url, note in pages]
    small_queries, large_queries = results[-2].queries, results[-1].queries
    equal = small_queries == large_queries

    report = {
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "commit": git_commit(),
        "database": server,
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "households": args.households,
        "cases_in_database": Case.objects.count(),
        "people_in_database": Person.objects.count(),
        "seconds": {
            "migrate": round(migrate_seconds, 1),
            "load_demo": round(demo_seconds, 1),
            "generate": round(generate_seconds, 1),
        },
        "households_per_second": round(rate),
        "signed_in_as": PRACTITIONER,
        "pages": [asdict(result) for result in results],
        "case_page_queries_equal": equal,
    }
    text = summary(report)
    RESULTS.mkdir(parents=True, exist_ok=True)
    stem = RESULTS / f"pages-{args.database}-{args.households}"
    stem.with_suffix(".json").write_text(json.dumps(report, indent=2) + "\n")
    stem.with_suffix(".txt").write_text(text + "\n")
    print()
    print(text)
    print(f"\nWritten to {stem.with_suffix('.json')} and {stem.with_suffix('.txt')}")
    return 0 if equal else 1


def summary(report: dict[str, Any]) -> str:
    lines = [
        f"childsafe page benchmark, {report['when']} (commit {report['commit'] or 'unknown'})",
        f"{report['database']}, Python {report['python']}, {report['cpus']} CPUs",
        f"{report['households']:,} generated households; {report['cases_in_database']:,} cases and "
        f"{report['people_in_database']:,} people in the database",
        f"Generation: {report['seconds']['generate']:,.1f}s ({report['households_per_second']:,} households a second)",
        f"Signed in as {report['signed_in_as']}",
        "",
        f"{'page':<32}{'median ms':>10}{'p95 ms':>10}{'queries':>9}  note",
    ]
    for page in report["pages"]:
        lines.append(
            f"{page['name']:<32}{page['median_ms']:>10.1f}{page['p95_ms']:>10.1f}{page['queries']:>9}  {page['note']}"
        )
    small, large = report["pages"][-2]["queries"], report["pages"][-1]["queries"]
    verdict = "EQUAL" if report["case_page_queries_equal"] else "DIFFERENT (a query per row somewhere)"
    lines.append("")
    lines.append(f"Case page queries, smallest vs largest case: {small} vs {large}: {verdict}")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
