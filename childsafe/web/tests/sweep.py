"""The machinery of the bad-input sweep (`test_bad_input_sweep.py`): every URL pattern from the resolver filled with
real ids, the forms read from each page's HTML, the hostile variations of what they send, and one `Sweep` that sends
each request in its own savepoint and checks what came back and what changed in the database.
"""

from __future__ import annotations

import copy
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import lxml.html
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from childsafe.accounts.models import User
from childsafe.assessments.instruments import get_registry
from childsafe.audit.models import AuditEntry
from childsafe.cases.models import Case
from childsafe.services.csv_io import COLUMNS
from childsafe.web.tests.rich_case import OtherCase, RichCase

PROJECT_APPS = ("accounts", "audit", "cases", "chronology", "assessments", "services", "plans", "safety", "documents")
READS = {AuditEntry.Action.VIEW, AuditEntry.Action.ACCESS_REFUSED, AuditEntry.Action.VIEW_ACCESS_LOG}

SCRIPT = "<script>alert(1)</script>"
TEMPLATE = "{{7*7}}-zq-"  # worked out by a template engine it would read "49-zq-" (no random token holds "-")
HOSTILE = f"{SCRIPT}{TEMPLATE} ' OR 1=1-- \u202eŵŷ 🙂 \"><svg onload=alert(2)>"
UNICODE = "١٢ Ŵŷ \u202etxet\u202c zero\u200bwidth e\u0301 🙂👩‍👧 \u2028line \r\nend"
LONG = "Hir " * 2500  # 10,000 characters
NUL = "before\x00after"
BENIGN = "Sweep text"
DATES = {
    "impossible": ("31", "2", "2026"),
    "zero": ("0", "0", "0"),
    "far": ("1", "1", "99999"),
    "words": ("a", "b", "c"),
    # Digits other than 0-9: "²" passes str.isdigit() but int() refuses it; the others int() reads as numbers.
    "superscript and Arabic-Indic digits": ("²", "٣", "2026"),
    "full-width digits": ("１２", "3", "２０２６"),
}
NUMBERS = ["-1", "99999999999999999999999999", "1e309", "NaN", "²", "１２"]
UNKNOWN_CHOICE = "not-a-choice' OR 1=1--"
EXTRA_FIELDS = {
    "case": "00000000-0000-4000-8000-000000000001",
    "case_id": "00000000-0000-4000-8000-000000000001",
    "lead_organisation": "1",
    "organisation": "1",
    "status": "closed",
    "is_confidential_location": "",
    "created_by": "1",
    "allocated_worker": "1",
    "id": "1",
    "pk": "1",
    "version": "0",
    "role": "administrator",
    "is_staff": "on",
    "is_superuser": "on",
}


def _query_parameters() -> list[str]:
    """Every name a view reads from the query string (`request.GET.get("name"`...), found in the project's source."""
    names = set()
    for path in Path(__file__).resolve().parents[2].rglob("*.py"):
        if "tests" not in path.parts and "migrations" not in path.parts:
            names.update(
                re.findall(r"request\.GET(?:\.get|\.getlist)?[(\[]\"(\w+)\"", path.read_text(encoding="utf-8"))
            )
    return sorted(names)


QUERY_PARAMETERS = _query_parameters()
OTHER_NAMES = ("OtherMia", "OtherLeo", "OtherRachel", "OtherDarren")


# ------------------------------------------------------------------------------------------------------------------
# The URL patterns


@dataclass(frozen=True)
class Route:
    name: str  # namespaced
    converters: tuple[str, ...]  # the keyword names the pattern takes
    callback: Any


def _routes() -> list[Route]:
    found: list[Route] = []

    def walk(patterns, namespace: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and pattern.name:
                keywords = tuple(pattern.pattern.converters) or tuple(pattern.pattern.regex.groupindex)
                found.append(
                    Route(f"{namespace}:{pattern.name}" if namespace else pattern.name, keywords, pattern.callback)
                )

    walk(get_resolver().url_patterns, "")
    return found


ROUTES = _routes()
NAMESPACES = sorted({route.name.split(":")[0] for route in ROUTES if ":" in route.name} | {""})


# ------------------------------------------------------------------------------------------------------------------
# Filling each pattern with real ids


@dataclass
class World:
    rich: RichCase
    other: OtherCase
    personas: dict[str, Any]


@dataclass(frozen=True)
class Visit:
    route: str
    kwargs: dict[str, Any]
    persona: str


MANAGER_PAGES = {
    "assessments:sign_off",
    "assessments:pending_sign_offs",
    "audit:case_access_log",
    "plans:reviews_due",
    "cases:close",
}
ADMINISTRATOR_PAGES = {
    "services:add_service",
    "services:edit_service",
    "services:deactivate_service",
    "services:reactivate_service",
    "services:import_directory",
    "services:confirm_import",
    "services:export_directory",
    "services:directory",
}
SIGNED_OUT_PAGES = {"accounts:sign_in"}


def _admin_kwargs(route: Route, world: World) -> list[dict[str, Any]]:
    model_admin = getattr(route.callback, "model_admin", None)
    if "object_id" in route.converters and model_admin is not None:
        model = model_admin.model
        sample = {
            "User": world.rich.worker.pk,
            "Organisation": world.rich.case.lead_organisation_id,
            "Team": world.rich.case.team_id,
        }.get(model.__name__) or model.objects.values_list("pk", flat=True).first()
        return [{"object_id": str(sample)}] if sample is not None else []
    if "app_label" in route.converters:
        return [{"app_label": "accounts"}]
    if {"content_type_id", "object_id"} <= set(route.converters):
        user_type = ContentType.objects.get_for_model(type(world.rich.worker))
        return [{"content_type_id": user_type.pk, "object_id": str(world.rich.worker.pk)}]
    if route.converters:
        return []
    return [{}]


def visits_for(route: Route, world: World) -> list[Visit]:
    """The pages of one pattern: one per real record where the page depends on which record it is."""
    rich = world.rich
    namespace = route.name.split(":")[0]
    if namespace == "admin":
        return [Visit(route.name, kwargs, "superuser") for kwargs in _admin_kwargs(route, world)]
    options: list[dict[str, Any]] = [{}]

    def each(name: str, values: list[Any]) -> None:
        nonlocal options
        options = [{**option, name: value} for option in options for value in values]

    ids = rich.ids
    for keyword in route.converters:
        if keyword == "assessment_id":
            continue  # with section_id below
        if keyword == "instrument_id":
            each(keyword, [instrument.id for instrument in get_registry().current()] + ["no-such-instrument"])
        elif keyword == "plan_id" and namespace == "safety":
            each(keyword, [ids["safety_plan_id"]])
        elif keyword == "number":
            each(keyword, rich.safety_versions if namespace == "safety" else rich.plan_versions)
        elif keyword == "key":
            each(keyword, [*rich.prompt_keys, "no-such-prompt"])
        elif keyword == "contact_id":
            each(keyword, [contact.pk for contact in rich.contacts])
        elif keyword == "referral_id":
            each(keyword, [ids["referral_id"], ids["partner_referral_id"]])
        elif keyword in ids:
            each(keyword, [ids[keyword]])
        elif keyword != "section_id":
            raise AssertionError(f"{route.name}: no real id for <{keyword}>: add one to rich_case.py")
    if "assessment_id" in route.converters:
        with_sections = []
        for option in options:
            for assessment in rich.assessments:
                if "section_id" in route.converters:
                    definition = get_registry().get(assessment.instrument_id, assessment.instrument_version)
                    sections = [section.id for section in definition.sections]
                    # Every section of a draft; one of a completed assessment (refused: its answers are final).
                    for section_id in sections if assessment.is_draft else sections[:1]:
                        with_sections.append({**option, "assessment_id": assessment.pk, "section_id": section_id})
                else:
                    with_sections.append({**option, "assessment_id": assessment.pk})
        options = with_sections
    personas = ["allocated_worker"]
    if route.name in MANAGER_PAGES:
        personas.append("team_manager")
    if route.name in ADMINISTRATOR_PAGES:
        personas.append("administrator")
    if route.name in SIGNED_OUT_PAGES:
        personas = ["signed_out"]
    return [Visit(route.name, option, persona) for option in options for persona in personas]


# ------------------------------------------------------------------------------------------------------------------
# What changed in the database


def _tables() -> list[tuple[str, bool]]:
    """(table, has updated_at) for every model of the project's apps and their many-to-many tables."""
    tables: dict[str, bool] = {}
    for label in PROJECT_APPS:
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            names = {field.column for field in model._meta.concrete_fields}
            tables[model._meta.db_table] = "updated_at" in names
            for many in model._meta.local_many_to_many:
                tables[many.remote_field.through._meta.db_table] = False
    return sorted(tables.items())


@dataclass(frozen=True)
class Snapshot:
    tables: tuple[Any, ...]
    audit_seq: int


class Database:
    """One statement reads the row count (and newest `updated_at`) of every table of the project's apps."""

    def __init__(self) -> None:
        tables = _tables()
        quote = connection.ops.quote_name
        parts = []
        self.labels = []
        for table, has_updated in tables:
            parts.append(f"(SELECT COUNT(*) FROM {quote(table)})")
            self.labels.append(f"{table} rows")
            if has_updated:
                parts.append(f"(SELECT MAX({quote('updated_at')}) FROM {quote(table)})")
                self.labels.append(f"{table} newest updated_at")
        self.sql = "SELECT " + ", ".join(parts)

    def snapshot(self) -> Snapshot:
        with connection.cursor() as cursor:
            cursor.execute(self.sql)
            row = cursor.fetchone()
        seq = AuditEntry.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
        return Snapshot(tuple(row), seq)

    def changes(self, before: Snapshot, after: Snapshot) -> list[str]:
        changed = [
            f"{label}: {old} -> {new}"
            for label, old, new in zip(self.labels, before.tables, after.tables, strict=True)
            if old != new and not label.startswith("audit_")
        ]
        actions = set(AuditEntry.objects.filter(seq__gt=before.audit_seq).values_list("action", flat=True).distinct())
        if actions - READS:
            changed.append(f"audit log: {sorted(actions - READS)}")
        return changed


def cross_case_links(world: World) -> list[str]:
    """Records of the rich case that point at a record of the other case (a person, an address, a plan...)."""
    rich, other = world.rich.case.pk, world.other.case.pk
    found = []
    for label in PROJECT_APPS:
        for model in apps.get_app_config(label).get_models():
            names = {item.name for item in model._meta.get_fields()}
            if "case" not in names:
                continue
            for relation in model._meta.get_fields():
                target = getattr(relation, "related_model", None)
                if not (relation.is_relation and relation.concrete and target is not None) or relation.name == "case":
                    continue
                if relation.many_to_one or relation.one_to_one or relation.many_to_many:
                    if "case" not in {item.name for item in target._meta.get_fields()}:
                        continue
                    count = model.objects.filter(case=rich, **{f"{relation.name}__case": other}).count()
                    if count:
                        found.append(f"{model.__name__}.{relation.name} x{count}")
    return found


def mass_state(world: World) -> list[tuple[Any, ...]]:
    """What a mass-assigned field would change (security.md AZ-6): the two cases' status, lead organisation and
    worker, and the personas' roles and powers."""
    cases = Case.objects.filter(pk__in=[world.rich.case.pk, world.other.case.pk]).order_by("pk")
    users = User.objects.filter(pk__in=[user.pk for user in world.personas.values()]).order_by("pk")
    return [
        *cases.values_list("pk", "status", "lead_organisation_id", "allocated_worker_id"),
        *users.values_list("pk", "role", "is_staff", "is_superuser", "organisation_id"),
    ]


# ------------------------------------------------------------------------------------------------------------------
# Forms read from the HTML


@dataclass
class Field:
    name: str
    kind: str  # text, textarea, email, number, date_part, choice, multi, hidden, file, password
    options: list[str] = field(default_factory=list)
    default: list[str] = field(default_factory=list)
    max_length: int | None = None


@dataclass
class Form:
    action: str
    method: str
    fields: dict[str, Field]


def _kind(element) -> str:
    tag = element.tag
    if tag == "textarea":
        return "textarea"
    if tag == "select":
        return "multi" if element.get("multiple") is not None else "choice"
    if tag == "button":
        return "choice"
    kind = (element.get("type") or "text").lower()
    name = element.get("name") or ""
    if kind in {"checkbox"}:
        return "multi"
    if kind in {"radio", "submit"}:
        return "choice"
    if kind in {"hidden", "file", "password", "email"}:
        return kind
    if re.search(r"_(day|month|year)$", name) or re.search(r"-(day|month|year)$", name):
        return "date_part"
    if kind == "number" or element.get("inputmode") in {"numeric", "decimal"}:
        return "number"
    return "text"


def read_forms(html: str, page_url: str) -> list[Form]:
    try:
        document = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return []
    forms = []
    for element in document.iter("form"):
        action = urlsplit(element.get("action") or page_url).path or urlsplit(page_url).path
        fields: dict[str, Field] = {}
        for control in element.iter("input", "select", "textarea", "button"):
            name = control.get("name")
            if not name or name == "csrfmiddlewaretoken":
                continue
            kind = _kind(control)
            found = fields.setdefault(name, Field(name, kind))
            limit = control.get("maxlength")
            if limit and limit.isdigit():
                found.max_length = int(limit)
            if control.tag == "select":
                for option in control.iter("option"):
                    value = option.get("value", option.text or "")
                    found.options.append(value)
                    if option.get("selected") is not None:
                        found.default.append(value)
            elif kind in {"choice", "multi"}:
                value = control.get("value", "on")
                found.options.append(value)
                if control.get("checked") is not None:
                    found.default.append(value)
            elif control.tag == "textarea":
                found.default = [control.text or ""]
            else:
                found.default = [control.get("value", "")]
        forms.append(Form(action, (element.get("method") or "get").lower(), fields))
    return forms


def another_answer(item: Field, base: dict[str, Any], attempt: int) -> Any:
    """A different answer for a field the form said was wrong: what a person would try next."""
    offered = [value for value in item.options if value]
    if item.kind in {"choice", "multi"} and offered:
        value = offered[min(attempt, len(offered) - 1)]
        return [value] if item.kind == "multi" else value
    return base.get(item.name, "") if attempt == 0 else ""


def fields_in_error(html: str, fields: dict[str, Field]) -> set[str]:
    """The names of the fields the GOV.UK error summary links to."""
    wrong = set()
    for anchor in re.findall(r"govuk-error-summary__list.*?</ul>", html, re.S):
        for target in re.findall(r'href="#([^"]+)"', anchor):
            target = target.removeprefix("id_")
            target = re.sub(r"[_-](day|month|year)$", "", target)  # a date's three boxes go together
            for name in fields:
                if name == target or name.startswith(f"{target}_") or name.startswith(f"{target}-"):
                    wrong.add(name)
    return wrong


def _today_parts() -> tuple[str, str, str]:
    today = timezone.localdate()
    return str(today.day), str(today.month), str(today.year)


def _date_value(name: str, parts: tuple[str, str, str]) -> str:
    for index, suffix in enumerate(("day", "month", "year")):
        if name.endswith(suffix):
            return parts[index]
    return parts[0]


def valid_looking(fields: dict[str, Field], text: str = BENIGN) -> dict[str, Any]:
    """What a person filling the form in a hurry would send: what is there, the first choice, `text` in text."""
    data: dict[str, Any] = {}
    for item in fields.values():
        if item.kind in {"text", "textarea"}:
            value = item.default[0] if item.default and item.default[0].strip() and text == BENIGN else text
            data[item.name] = value[: item.max_length] if item.max_length else value
        elif item.kind == "email":
            data[item.name] = "sweep@example.org"
        elif item.kind == "password":
            data[item.name] = "correct-horse-battery-staple"
        elif item.kind == "number":
            data[item.name] = item.default[0] if item.default and item.default[0] else "1"
        elif item.kind == "date_part":
            data[item.name] = (
                item.default[0] if item.default and item.default[0] else _date_value(item.name, _today_parts())
            )
        elif item.kind == "hidden":
            data[item.name] = item.default[0] if item.default else ""
        elif item.kind == "choice":
            chosen = [value for value in item.default if value] or [value for value in item.options if value]
            data[item.name] = chosen[0] if chosen else ""
        elif item.kind == "multi":
            chosen = [value for value in item.default if value] or [value for value in item.options if value][:1]
            data[item.name] = chosen
    return data


def _with(fields: dict[str, Field], base: dict[str, Any], kinds: set[str], value: Callable[[Field], Any]) -> dict:
    data = dict(base)
    for item in fields.values():
        if item.kind in kinds:
            data[item.name] = value(item)
    return data


def payloads(fields: dict[str, Field], swaps: dict[str, str]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(what it tries, the POST data) for one form; a variation the form has no field for is left out."""
    base = valid_looking(fields)
    sent: list[dict[str, Any]] = []
    for what, data in _payloads(fields, swaps, base):
        if (data == base and what != "an empty body") or data in sent:
            continue
        sent.append(data)
        yield what, data


def _payloads(fields: dict[str, Field], swaps: dict[str, str], base: dict) -> Iterator[tuple[str, dict[str, Any]]]:
    yield "an empty body", {}
    if not fields:
        yield "unexpected fields", dict(EXTRA_FIELDS)
        return
    texts = {"text", "textarea", "email", "password"}
    yield "hostile text", valid_looking(fields, HOSTILE)
    yield "10,000 characters", _with(fields, base, texts, lambda item: LONG)
    yield "a NUL byte", _with(fields, base, texts | {"hidden"}, lambda item: NUL)
    yield "unusual Unicode", _with(fields, base, texts | {"number", "date_part"}, lambda item: UNICODE)
    for (label, parts), number in zip(DATES.items(), NUMBERS, strict=True):
        data = _with(fields, base, {"date_part"}, lambda item, parts=parts: _date_value(item.name, parts))
        yield f"dates ({label}), numbers {number}", _with(fields, data, {"number"}, lambda item, number=number: number)
    yield "numbers in hidden fields", _with(fields, base, {"hidden"}, lambda item: NUMBERS[1])
    yield "unknown choices", _with(fields, base, {"choice", "multi"}, lambda item: UNKNOWN_CHOICE)

    def foreign(item: Field) -> Any:
        values = item.options or item.default
        swapped = []
        for value in values:
            for mine, theirs in swaps.items():
                if mine in value:
                    swapped.append(value.replace(mine, theirs))
                    break
        if not swapped:
            return base.get(item.name, "")
        return swapped if item.kind == "multi" else swapped[0]

    yield "ids from another case", _with(fields, base, {"choice", "multi", "hidden"}, foreign)
    duplicated = {}
    for name, value in base.items():
        first = value if not isinstance(value, list) else (value[:1] or [""])
        duplicated[name] = [*([first] if isinstance(first, str) else first), HOSTILE]
    yield "every field twice", duplicated
    yield "unexpected fields", {**{name: value for name, value in EXTRA_FIELDS.items() if name not in fields}, **base}


# Bodies that reach the view (a body that is not UTF-8, or has too many fields, is refused before: see IN-3 below).
RAW_BODIES = {
    "JSON that is not JSON": (b'{"text": "unfinished', "application/json"),
    "a broken multipart body": (
        b'--nope\r\nContent-Disposition: form-data; name="x"\r\n\r\nx',
        "multipart/form-data; boundary=other",
    ),
}


def file_payloads(fields: dict[str, Field], base: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Files for each file field: bytes that are not text, and a CSV whose cells are hostile (a NUL byte, markup,
    a spreadsheet formula, 10,000 characters) with the header the directory import reads."""
    uploads = [item.name for item in fields.values() if item.kind == "file"]
    if not uploads:
        return
    header = ",".join(COLUMNS)
    cells = {column: "" for column in COLUMNS}
    cells.update(
        key="sweep-service",
        name="Name\x00 " + SCRIPT,
        service_type="community_outreach",
        description='=HYPERLINK("http://example.org")' + LONG,
        tiers="1; 2",
        serves="child",
        areas="Northbrook",
        waiting_weeks="99999999999999999999",
        evidence_level="not_yet_evaluated",
        is_active="yes",
        last_reviewed="2026-02-31",
    )
    row = ",".join('"' + value.replace('"', '""') + '"' for value in cells.values())
    files = {
        "a file that is not text": b"\x89PNG\r\n\x1a\n\x00\xff\xfe" * 50,
        "a CSV of hostile cells": f"{header}\r\n{row}\r\n".encode(),
        "an empty file": b"",
    }
    for what, content in files.items():
        data = dict(base)
        for name in uploads:
            data[name] = SimpleUploadedFile("../../directory\u202ecsv.exe", content, content_type="text/csv")
        yield what, data


def get_payloads(fields: dict[str, Field]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Hostile values for a search or filter form (submitted with GET)."""
    base = valid_looking(fields)
    yield (
        "hostile search",
        _with(fields, base, {"text", "textarea", "hidden"}, lambda item: "' OR 1=1-- %_\\ " + SCRIPT),
    )
    yield "unknown filters", _with(fields, base, {"choice", "multi"}, lambda item: UNKNOWN_CHOICE)
    yield "impossible dates", _with(fields, base, {"date_part"}, lambda item: _date_value(item.name, DATES["zero"]))
    yield "huge numbers", _with(fields, base, {"number"}, lambda item: NUMBERS[1])
    odd_digits = _with(
        fields, base, {"date_part"}, lambda item: _date_value(item.name, DATES["superscript and Arabic-Indic digits"])
    )
    yield "digits other than 0-9", _with(fields, odd_digits, {"number"}, lambda item: "²")
    yield "page -1", {**base, "page": "-1"}
    yield "page huge", {**base, "page": "99999999999999999999"}


# ------------------------------------------------------------------------------------------------------------------
# The sweep


@dataclass
class Sweep:
    world: World
    database: Database
    client_for: Callable[[Any], Client]
    findings: list[str] = field(default_factory=list)
    requests: int = 0
    escaped_seen: int = 0
    accepted: list[str] = field(default_factory=list)
    downloads: int = 0
    observed: Any = None
    clients: dict[str, Client] = field(default_factory=dict)

    def client(self, persona: str) -> Client:
        if persona not in self.clients:
            self.clients[persona] = self.sign_in(persona)
        return self.clients[persona]

    def sign_in(self, persona: str) -> Client:
        return Client() if persona == "signed_out" else self.client_for(self.world.personas[persona])

    def send(self, client: Client, method: str, url: str, data: Any = None, **extra: Any):
        """One request; an exception the view did not handle comes back as the error (the user would see a 500)."""
        self.requests += 1
        try:
            if method == "get":
                return client.get(url, data or {}, **extra), None
            return client.post(url, data if data is not None else {}, **extra), None
        except Exception as exc:  # an unhandled exception is a 500 to the user
            return None, exc

    def check_page(self, where: str, response) -> None:
        if response is None or "html" not in response.get("Content-Type", ""):
            return
        page = response.content.decode(errors="replace")
        if "<script>al" in page or "<svg onload" in page:
            self.findings.append(f"{where}: hostile markup shown unescaped")
        if "49-zq-" in page:
            self.findings.append(f"{where}: a template expression in typed text was worked out")
        if "&lt;script&gt;alert(1)" in page:
            self.escaped_seen += 1
        if str(self.world.rich.case.pk) in where and any(name in page for name in OTHER_NAMES):
            self.findings.append(f"{where}: shows someone from another case")

    def one(
        self,
        where: str,
        client: Client,
        method: str,
        url: str,
        data: Any = None,
        *,
        what: str = "",
        observe: Callable[[], Any] | None = None,
        **extra: Any,
    ) -> Any:
        """Send one request in its own savepoint and check it; returns the response (or None after an error)."""
        before = self.database.snapshot()
        # Signing out, or changing a password, gives the client another session; the database goes back to before
        # the request, and so do the client's cookies.
        cookies = copy.deepcopy(client.cookies)
        savepoint = transaction.savepoint()
        try:
            response, error = self.send(client, method, url, data, **extra)
            if error is not None:
                self.findings.append(f"{where}: raised {type(error).__name__}: {str(error)[:300]}")
                return None
            if response.status_code >= 500:
                self.findings.append(f"{where}: answered {response.status_code}")
                return response
            self.check_page(where, response)
            is_file = response.status_code == 200 and "html" not in response.get("Content-Type", "")
            accepted = method == "post" and (response.status_code in (302, 303) or is_file)
            if not accepted:
                changes = self.database.changes(before, self.database.snapshot())
                if changes:
                    self.findings.append(
                        f"{where}: answered {response.status_code} but changed {'; '.join(changes[:6])}"
                    )
                return response
            self.accepted.append(f"{what}: {where}")
            if what == "ids from another case":
                links = cross_case_links(self.world)
                if links:
                    self.findings.append(f"{where}: saved a link to another case's record: {links}")
            if observe is not None:
                self.observed = observe()
            if response.status_code in (302, 303):
                self.follow(where, client, response["Location"])
                if what == "hostile text":
                    self.follow(f"{where}, then the page again", client, url)
                    case_url = reverse("cases:detail", args=[self.world.rich.case.pk])
                    self.follow(f"{where}, then the case", client, case_url)
            return response
        finally:
            transaction.savepoint_rollback(savepoint)
            client.cookies = cookies

    def follow(self, where: str, client: Client, location: str) -> None:
        if not location.startswith("/") or location.startswith("/admin/logout"):
            return
        followed, error = self.send(client, "get", location)
        if error is not None:
            self.findings.append(f"{where}, then {location}: raised {type(error).__name__}: {str(error)[:300]}")
        elif followed.status_code >= 500:
            self.findings.append(f"{where}, then {location}: answered {followed.status_code}")
        else:
            self.check_page(f"{where}, then {location}", followed)

    def form_for(self, client: Client, url: str, page_html: str | None) -> Form | None:
        """The POST form whose action is this URL: on the page itself, or on a page above it."""
        path = urlsplit(url).path
        candidates = [page_html] if page_html else []
        parts = path.rstrip("/").split("/")
        for cut in range(len(parts) - 1, 1, -1):
            if page_html is None or cut == len(parts) - 1:
                parent = "/".join(parts[:cut]) + "/"
                savepoint = transaction.savepoint()
                try:
                    response, _ = self.send(client, "get", parent)
                finally:
                    transaction.savepoint_rollback(savepoint)
                if response is not None and response.status_code == 200:
                    candidates.append(response.content.decode(errors="replace"))
        for html in candidates:
            for form in read_forms(html, path):
                if form.method == "post" and form.action == path:
                    return form
        return None

    def visit(self, visit: Visit) -> None:
        url = reverse(visit.route, kwargs=visit.kwargs)
        client = self.client(visit.persona)
        label = f"{visit.route} as {visit.persona} ({url})"
        page = self.one(f"GET {label}", client, "get", url)
        html = None
        if page is not None and page.status_code == 200 and "html" in page.get("Content-Type", ""):
            html = page.content.decode(errors="replace")
            for form in read_forms(html, url):
                if form.method == "get" and form.fields and form.action == urlsplit(url).path:
                    for what, data in get_payloads(form.fields):
                        self.one(f"GET {label} with {what}", client, "get", url, data)
        form = self.form_for(client, url, html)
        fields = form.fields if form else {}
        for what, data in payloads(fields, self.world.other.swaps):
            if what == "unexpected fields":
                self.mass_assignment(label, client, url, fields, data)
                continue
            response = self.one(f"POST {label} with {what}", client, "post", url, data, what=what)
            if what == "hostile text":
                self.until_saved(label, client, url, fields, data, response)
        for what, data in file_payloads(fields, valid_looking(fields)):
            self.one(f"POST {label} with {what}", client, "post", url, data, what=what)
        for what, (body, content_type) in RAW_BODIES.items():
            self.one(f"POST {label} with {what}", client, "post", url, body, content_type=content_type)
        hostile_query = {name: "' OR 1=1-- " + SCRIPT for name in QUERY_PARAMETERS}
        self.one(f"GET {label} with a hostile query string", client, "get", url, hostile_query)
        odd_digits = {name: "²" for name in QUERY_PARAMETERS}  # str.isdigit() is true of it; int() refuses it
        self.one(f"GET {label} with digits other than 0-9 in the query string", client, "get", url, odd_digits)
        swapped = {name: next(iter(self.world.other.swaps.values())) for name in QUERY_PARAMETERS}
        self.one(f"GET {label} with another case's ids in the query string", client, "get", url, swapped)
        self.foreign_ids(visit, client, label)

    def mass_assignment(self, label: str, client: Client, url: str, fields: dict[str, Field], data: dict) -> None:
        """The form's answers with and without fields it does not have: the extra fields change nothing (AZ-6)."""
        self.observed = None
        self.one(
            f"POST {label} with its own fields",
            client,
            "post",
            url,
            valid_looking(fields),
            observe=partial(mass_state, self.world),
        )
        without = self.observed
        self.observed = None
        self.one(
            f"POST {label} with unexpected fields", client, "post", url, data, observe=partial(mass_state, self.world)
        )
        if self.observed is not None and self.observed != without:
            self.findings.append(f"POST {label}: unexpected fields changed {without} to {self.observed}")

    def until_saved(self, label: str, client: Client, url: str, fields: dict[str, Field], data: dict, response) -> None:
        """Keep the hostile text where the form allows it: put back only the fields the form said were wrong, so
        the rest is saved and the pages that show it can be checked."""
        base = valid_looking(fields)
        for attempt in range(3):
            if response is None or response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                return
            wrong = fields_in_error(response.content.decode(errors="replace"), fields)
            if not wrong:
                return
            data = {**data, **{name: another_answer(fields[name], base, attempt) for name in wrong}}
            where = f"POST {label} with hostile text where allowed (try {attempt + 2})"
            response = self.one(where, client, "post", url, data, what="hostile text")

    def foreign_ids(self, visit: Visit, client: Client, label: str) -> None:
        """This case's address with another case's record in it: found nowhere (404), changed nothing."""
        other = self.world.other.ids
        namespace = visit.route.split(":")[0]
        for keyword in visit.kwargs:
            key = "safety_plan_id" if keyword == "plan_id" and namespace == "safety" else keyword
            if keyword == "case_id" or key not in other or namespace == "admin":
                continue
            kwargs = {**visit.kwargs, keyword: other[key]}
            url = reverse(visit.route, kwargs=kwargs)
            for method in ("get", "post"):
                response = self.one(f"{method.upper()} {label} with {keyword} of another case", client, method, url)
                if response is not None and response.status_code not in (404, 405):
                    self.findings.append(
                        f"{method.upper()} {label} with {keyword} of another case: answered {response.status_code}, "
                        "not 404"
                    )


def csrf_client(user) -> Client:
    """A client that checks CSRF as browsers meet it, holding a CSRF cookie (so the token check reads the form)."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    session = client.session
    session["childsafe_signed_in_at"] = time.time()
    session.save()
    client.cookies[settings.CSRF_COOKIE_NAME] = _get_new_csrf_string()
    return client


# Per namespace: (URL patterns, pages visited, requests, seconds), shown at the end of the run (conftest.py).
SWEEP_STATS: dict[str, tuple[int, int, int, float]] = {}
