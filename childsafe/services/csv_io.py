"""The service directory as a CSV file: export every field, and import a file all-or-nothing.

Export writes a header row and one row per service, every field, UTF-8 with a byte-order mark (so spreadsheet
programs read the accents right). A cell that a spreadsheet would run as a formula (starting = + - @, a tab or a
carriage return) is written with an apostrophe in front, and so is a cell that already starts with an apostrophe,
so that import can remove exactly one leading apostrophe and get the text back unchanged (security.md IN-6).

Import reads the whole file and checks every row before changing anything: `plan_import` returns what would be
added and changed, or the list of problems, each by line number and column in plain words. `apply_import` plans
again inside one transaction (the directory may have changed since the preview) and either applies every row or
none. Rows are matched to services by `key`; a row whose values equal the stored ones changes nothing, so importing
the file just exported changes nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from childsafe.accounts.models import User
from childsafe.audit.models import AuditEntry
from childsafe.audit.service import record
from childsafe.services import catalogue
from childsafe.services.catalogue import ASCII_DIGITS, Whom, tier_from_text
from childsafe.services.directory import (
    DIRECTORY_FIELDS,
    EMAIL_PATTERN,
    KEY_PATTERN,
    MAX_AGE,
    MAX_CAPACITY,
    MAX_LENGTHS,
    MAX_WAITING_WEEKS,
    save_service,
    values_of,
)
from childsafe.services.models import EvidenceLevel, Service

COLUMNS: tuple[str, ...] = DIRECTORY_FIELDS
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ESCAPE = "'"
MAX_FILE_BYTES = 1024 * 1024
MAX_ROWS = 5000
SHOWN_PROBLEMS = 100
TEXT_FIELDS = ("name", "description", "referral_route", "phone", "evidence")
YES = {"yes", "y", "true", "1", "active"}
NO = {"no", "n", "false", "0", "inactive"}


def escape_cell(value: str) -> str:
    """Make a cell safe to open in a spreadsheet: no formula runs, and import can undo it exactly."""
    return ESCAPE + value if value.startswith((*FORMULA_STARTS, ESCAPE)) else value


def unescape_cell(value: str) -> str:
    return value[1:] if value.startswith(ESCAPE) else value


def _list_text(values: Iterable[Any]) -> str:
    return "; ".join(str(value) for value in values)


def export_row(service: Service) -> list[str]:
    values = values_of(service)
    cells = {
        **{name: values[name] for name in ("key", "service_type", "evidence_level", *TEXT_FIELDS, "email")},
        "tiers": _list_text(values["tiers"]),
        "serves": _list_text(values["serves"]),
        "areas": _list_text(values["areas"]),
        "min_age": "" if values["min_age"] is None else str(values["min_age"]),
        "max_age": "" if values["max_age"] is None else str(values["max_age"]),
        "capacity": "" if values["capacity"] is None else str(values["capacity"]),
        "waiting_weeks": str(values["waiting_weeks"]),
        "is_active": "yes" if values["is_active"] else "no",
        "last_reviewed": values["last_reviewed"].isoformat() if values["last_reviewed"] else "",
    }
    return [escape_cell(str(cells[column])) for column in COLUMNS]


def export_csv(services: Iterable[Service]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for service in services:
        writer.writerow(export_row(service))
    return "\ufeff" + buffer.getvalue()


@dataclass(frozen=True)
class Problem:
    line: int | None
    column: str | None
    message: str

    @property
    def text(self) -> str:
        if self.line is None:
            return self.message
        if self.column is None:
            return f"Line {self.line}: {self.message}"
        return f"Line {self.line}, column “{self.column}”: {self.message}"


@dataclass
class NewService:
    line: int
    values: dict[str, Any]


@dataclass
class ChangedService:
    line: int
    values: dict[str, Any]
    service: Service
    changed: list[str]


@dataclass
class ImportPlan:
    creates: list[NewService] = field(default_factory=list)
    updates: list[ChangedService] = field(default_factory=list)
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def changes_anything(self) -> bool:
        return bool(self.creates or self.updates)


def _quote(value: str, limit: int = 40) -> str:
    shown = value if len(value) <= limit else value[: limit - 1] + "…"
    return f"“{shown}”"


class _Row:
    """One data row being checked: collects typed values and problems for its line."""

    def __init__(self, line: int, cells: dict[str, str], problems: list[Problem]) -> None:
        self.line = line
        self.cells = cells
        self.problems = problems
        self.values: dict[str, Any] = {}

    def problem(self, column: str, message: str) -> None:
        self.problems.append(Problem(self.line, column, message))

    def text(self, column: str, *, required: str | None = None) -> None:
        value = self.cells[column]
        limit = MAX_LENGTHS[column]
        if "\x00" in value:
            self.problem(column, "contains hidden control characters: retype it")
        elif required and not value.strip():
            self.problem(column, required)
        elif len(value) > limit:
            self.problem(column, f"must be {limit:,} characters or fewer (it has {len(value):,})")
        self.values[column] = value

    def whole_number(self, column: str, *, maximum: int, blank: int | None, what: str) -> None:
        value = self.cells[column].strip()
        if not value:
            self.values[column] = blank
            return
        if not ASCII_DIGITS.fullmatch(value):
            self.problem(
                column, f"{_quote(value)} is not a whole number: enter {what} as a number like 3, or leave it blank"
            )
        elif int(value) > maximum:
            self.problem(column, f"{what.capitalize()} must be {maximum:,} or less, not {value}")
        else:
            self.values[column] = int(value)


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.replace(",", ";").split(";") if part.strip()]


def _check_row(row: _Row, type_keys: set[str]) -> None:
    cells = row.cells
    key = cells["key"].strip()
    if not key:
        row.problem("key", "enter a key: a short permanent identifier such as nb-womens-refuge")
    elif len(key) > MAX_LENGTHS["key"]:
        row.problem("key", f"must be {MAX_LENGTHS['key']} characters or fewer (it has {len(key)})")
    elif not KEY_PATTERN.match(key):
        row.problem("key", f"{_quote(key)} must use only letters, numbers, hyphens and underscores")
    row.values["key"] = key

    row.text("name", required="enter the name of the service")
    for column in ("description", "referral_route", "phone", "evidence"):
        row.text(column)

    service_type = cells["service_type"].strip()
    if not service_type:
        row.problem("service_type", "enter the type of service")
    elif service_type not in type_keys:
        row.problem(
            "service_type",
            f"{_quote(service_type)} is not a type of service: use one of the keys listed on the import page",
        )
    row.values["service_type"] = service_type

    tiers: list[int] = []
    parts = _split(cells["tiers"])
    if not parts:
        row.problem("tiers", "enter at least one tier of need, from 1 to 4")
    for part in parts:
        tier = tier_from_text(part)
        if tier is not None:
            tiers.append(tier)
        else:
            row.problem("tiers", f"tier {_quote(part)} is not a tier of need: tiers are 1, 2, 3 and 4")
    row.values["tiers"] = sorted(set(tiers))

    serves: list[str] = []
    whom_values = [str(whom) for whom in Whom]
    parts = _split(cells["serves"])
    if not parts:
        row.problem("serves", f"enter whom the service works with: {', '.join(whom_values)}")
    for part in parts:
        if part in whom_values:
            if part not in serves:
                serves.append(part)
        else:
            row.problem("serves", f"{_quote(part)} is not one of {', '.join(whom_values)}")
    row.values["serves"] = serves

    areas = list(dict.fromkeys(part.strip() for part in cells["areas"].split(";") if part.strip()))
    for area in areas:
        if len(area) > MAX_LENGTHS["area"]:
            row.problem("areas", f"each area must be {MAX_LENGTHS['area']} characters or fewer")
        if "\x00" in area:
            row.problem("areas", "contains hidden control characters: retype it")
    row.values["areas"] = areas

    row.whole_number("min_age", maximum=MAX_AGE, blank=None, what="the youngest age")
    row.whole_number("max_age", maximum=MAX_AGE, blank=None, what="the oldest age")
    low, high = row.values.get("min_age"), row.values.get("max_age")
    if low is not None and high is not None and low > high:
        row.problem("min_age", f"the youngest age ({low}) is above the oldest age ({high})")
    row.whole_number("capacity", maximum=MAX_CAPACITY, blank=None, what="the places available")
    row.whole_number("waiting_weeks", maximum=MAX_WAITING_WEEKS, blank=0, what="the waiting time in weeks")

    email = cells["email"].strip()
    if len(email) > MAX_LENGTHS["email"]:
        row.problem("email", f"must be {MAX_LENGTHS['email']} characters or fewer (it has {len(email)})")
    elif email and not EMAIL_PATTERN.match(email):
        row.problem("email", f"{_quote(email)} is not an email address in the right format, like team@service.example")
    row.values["email"] = email

    level = cells["evidence_level"].strip()
    by_words = {str(label).casefold(): value for value, label in EvidenceLevel.choices}
    if not level:
        row.values["evidence_level"] = EvidenceLevel.NOT_YET_EVALUATED.value
    elif level in EvidenceLevel.values:
        row.values["evidence_level"] = level
    elif level.casefold() in by_words:
        row.values["evidence_level"] = by_words[level.casefold()]
    else:
        row.problem("evidence_level", f"{_quote(level)} is not one of {', '.join(EvidenceLevel.values)}")

    active = cells["is_active"].strip().casefold()
    if not active or active in YES:
        row.values["is_active"] = True
    elif active in NO:
        row.values["is_active"] = False
    else:
        row.problem("is_active", f"{_quote(cells['is_active'])} should be yes or no")

    row.values["last_reviewed"] = _date(row, cells["last_reviewed"].strip())


def _date(row: _Row, value: str) -> dt.date | None:
    if not value:
        return None
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            day = dt.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
        if day > timezone.localdate():
            row.problem("last_reviewed", "the date last reviewed must be today or in the past")
        return day
    row.problem("last_reviewed", f"{_quote(value)} is not a date: write it like 2026-03-27 or 27/03/2026")
    return None


def read_rows(data: bytes) -> tuple[list[tuple[int, dict[str, str]]], list[Problem]]:
    """The data rows of a CSV file as (line number, cells by column), or the problems with the file as a whole."""
    if not data.strip():
        return [], [Problem(None, None, "The file is empty")]
    if len(data) > MAX_FILE_BYTES:
        return [], [Problem(None, None, "The file must be smaller than 1 MB: split it into smaller files")]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return [], [
            Problem(
                line, None, "the file is not UTF-8 text. Save it from your spreadsheet as “CSV UTF-8” and try again"
            )
        ]
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [cell.strip() for cell in next(reader)]
    except csv.Error:
        return [], [Problem(1, None, "the header row cannot be read as CSV")]
    missing = [column for column in COLUMNS if column not in header]
    unknown = [column for column in header if column not in COLUMNS]
    repeated = sorted({column for column in header if header.count(column) > 1})
    if missing or unknown or repeated:
        parts = []
        if missing:
            parts.append(f"missing {', '.join(missing)}")
        if unknown:
            parts.append(f"not expected {', '.join(_quote(column) for column in unknown)}")
        if repeated:
            parts.append(f"more than once {', '.join(repeated)}")
        message = f"the header row is wrong ({'; '.join(parts)}). Use the header row of an exported file"
        return [], [Problem(1, None, message)]

    rows: list[tuple[int, dict[str, str]]] = []
    problems: list[Problem] = []
    line = reader.line_num + 1
    try:
        for cells in reader:
            start, line = line, reader.line_num + 1
            if not any(cell.strip() for cell in cells):
                continue  # spreadsheets often add empty rows at the end
            if len(cells) != len(header):
                problems.append(
                    Problem(
                        start,
                        None,
                        f"has {len(cells)} values but the header has {len(header)} columns: check for a missing or "
                        "extra comma",
                    )
                )
                continue
            rows.append((start, {column: unescape_cell(cell) for column, cell in zip(header, cells, strict=True)}))
            if len(rows) > MAX_ROWS:
                return [], [Problem(None, None, f"The file has more than {MAX_ROWS:,} services: split it")]
    except csv.Error as exc:
        problems.append(Problem(line, None, f"cannot be read as CSV ({exc}): check the quotation marks"))
    if not rows and not problems:
        problems.append(Problem(None, None, "The file has a header row but no services"))
    return rows, problems


def plan_import(data: bytes) -> ImportPlan:
    """Check every row and work out what importing would do, without changing anything."""
    plan = ImportPlan()
    rows, plan.problems = read_rows(data)
    type_keys = set(catalogue.service_types())
    checked: list[_Row] = []
    first_line_of: dict[str, int] = {}
    for line, cells in rows:
        row = _Row(line, cells, plan.problems)
        _check_row(row, type_keys)
        key = row.values["key"]
        if key and key in first_line_of:
            row.problem("key", f"the key {_quote(key)} is also on line {first_line_of[key]}: each key may appear once")
        first_line_of.setdefault(key, line)
        checked.append(row)
    if plan.problems:
        plan.problems.sort(
            key=lambda problem: (problem.line or 0, COLUMNS.index(problem.column) if problem.column else -1)
        )
        return plan

    existing = {service.key: service for service in Service.objects.filter(key__in=list(first_line_of))}
    for row in checked:
        service = existing.get(row.values["key"])
        if service is None:
            plan.creates.append(NewService(row.line, row.values))
            continue
        stored = values_of(service)
        changed = [name for name in COLUMNS if stored[name] != row.values[name]]
        if changed:
            plan.updates.append(ChangedService(row.line, row.values, service, changed))
        else:
            plan.unchanged += 1
    return plan


def check_cells(line: int, cells: dict[str, str]) -> tuple[dict[str, Any], list[Problem]]:
    """Check one row given as text by column (every column present), the way an import does: its typed values and
    its problems. Used for the demo's directory file, so it meets the same rules as an import."""
    problems: list[Problem] = []
    row = _Row(line, cells, problems)
    _check_row(row, set(catalogue.service_types()))
    return row.values, problems


def fingerprint(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class ImportFailed(Exception):
    def __init__(self, plan: ImportPlan) -> None:
        super().__init__("The import has problems")
        self.plan = plan


def apply_import(data: bytes, *, by: User, request: HttpRequest | None = None) -> ImportPlan:
    """Apply the file if every row is right, all in one transaction; otherwise ImportFailed and nothing changes."""
    with transaction.atomic():
        # Checked again inside the transaction: the directory may have changed since the preview.
        plan = plan_import(data)
        if not plan.ok:
            raise ImportFailed(plan)
        for change in plan.creates:
            service = Service(**change.values)
            save_service(service, by=by, changed=list(COLUMNS), creating=True, request=request)
        for update in plan.updates:
            for name in update.changed:
                setattr(update.service, name, update.values[name])
            save_service(update.service, by=by, changed=update.changed, creating=False, request=request)
        if plan.changes_anything:
            record(
                actor=by,
                action=AuditEntry.Action.CREATE,
                object_type="service_import",
                object_id=fingerprint(data),
                request=request,
            )
    return plan
