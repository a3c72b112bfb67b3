"""Bad input never gives a 500 or a half-saved record, on any page (security.md IN-1 to IN-5, AZ-1, AZ-6).

Every URL pattern is found from the resolver and filled with the real ids of one rich case (`rich_case.py`: something
in every section, built through each app's services). Then, as the allocated worker (and as a manager or an
administrator where a page is theirs), each page is fetched and its own form read from the HTML; the sweep
(`sweep.py`) posts:

- an empty body;
- the form's own values with every text field hostile (markup, a template expression, SQL, right-to-left override,
  emoji, Welsh), over-long (10,000 characters), or holding a NUL byte;
- impossible dates (31/02/2026, 0/0/0, year 99999), negative, huge and non-numbers;
- choice values the form never offered, and ids of records from another case of the same worker;
- every field twice, and fields the form does not have (`case`, `status`, `is_staff`...);
- files that are not text, or a CSV of hostile cells, wherever a form takes a file; JSON that is not JSON.

It also submits the page's GET forms (search, filters) and every query parameter a view reads with hostile values,
and asks for each record through this case's address with another case's id instead (404).

What must hold for every request: never a 5xx; a response that did not accept the change (anything but a redirect or
a download) left every table of the project's apps as it was (row counts and the newest `updated_at`) and added to
the audit log only reads (`view`, `access_refused`); an accepted change linked nothing to another case and took no
field the form does not have; no page holds the hostile markup unescaped, works out the template expression, or
shows anyone from the other case. Each request runs in its own savepoint, so what one accepted change does never
leaks into the next.

Beside the sweep: a closed case refuses every change; any text (hypothesis) in the text fields of the key forms is
saved or refused in plain words and never lost; hostile text already saved is escaped on every page and document;
bodies no form sends (not UTF-8, too many fields) get 400.
"""

from __future__ import annotations

import time

import pytest
from django.apps import apps
from django.conf import settings
from django.db.models import CharField, TextField
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as settings_for_hypothesis
from hypothesis import strategies as st
from markupsafe import escape

from childsafe.accounts.models import User
from childsafe.cases import services as cases_services
from childsafe.conftest import PASSWORD
from childsafe.safety import services as safety_services
from childsafe.safety.models import SafetyPlan
from childsafe.web.middleware import FORM_ENCODED
from childsafe.web.tests.rich_case import VOICE, RichCase, build_other_case, build_rich_case
from childsafe.web.tests.sweep import (
    HOSTILE,
    NAMESPACES,
    ROUTES,
    SWEEP_STATS,
    Database,
    Sweep,
    World,
    another_answer,
    csrf_client,
    fields_in_error,
    read_forms,
    valid_looking,
    visits_for,
)


@pytest.fixture
def world(allocated_worker, team_manager, administrator, team, partner_org) -> World:
    rich = build_rich_case(allocated_worker, team_manager, team, partner_org)
    other = build_other_case(rich, team)
    superuser = User.objects.create_superuser("root.admin@northbrook.example", PASSWORD, full_name="Root Admin")
    personas = {
        "allocated_worker": allocated_worker,
        "team_manager": team_manager,
        "administrator": administrator,
        "superuser": superuser,
    }
    return World(rich, other, personas)


def test_the_resolver_finds_every_app():
    assert {"cases", "chronology", "assessments", "services", "plans", "safety", "documents", "audit", "web"} <= set(
        NAMESPACES
    )


@pytest.mark.parametrize("namespace", NAMESPACES, ids=lambda namespace: namespace or "root")
def test_bad_input_never_gives_a_500_or_a_half_saved_record(namespace, world, client_for):
    started = time.perf_counter()
    sweep = Sweep(world, Database(), client_for)
    routes = [route for route in ROUTES if (route.name.split(":")[0] if ":" in route.name else "") == namespace]
    visits = [visit for route in routes for visit in visits_for(route, world)]
    for visit in visits:
        sweep.visit(visit)
    SWEEP_STATS[namespace] = (len(routes), len(visits), sweep.requests, time.perf_counter() - started)
    assert not sweep.findings, "\n".join(sweep.findings)
    if namespace == "cases":
        # The hostile text was saved somewhere and shown, escaped: the check above was not vacuous.
        assert sweep.escaped_seen > 0


def test_a_closed_case_takes_no_change_on_any_page(world, client_for):
    """Every page of a closed case refuses a change (403, or 404/405 where there is nothing to change), whatever is
    posted, and writes nothing."""
    cases_services.close_case(world.rich.case, by=world.rich.worker, outcome="safer")
    sweep = Sweep(world, Database(), client_for)
    answered: dict[str, set[int]] = {}
    for route in ROUTES:
        if "case_id" not in route.converters:
            continue
        for visit in visits_for(route, world):
            client = sweep.client(visit.persona)
            url = reverse(visit.route, kwargs=visit.kwargs)
            page = client.get(url)
            form = read_forms(page.content.decode(), url) if page.status_code == 200 else []
            fields = next((item.fields for item in form if item.method == "post" and item.action == url), {})
            for what, data in (("an empty body", {}), ("the form's own answers", valid_looking(fields, HOSTILE))):
                response = sweep.one(f"POST {visit.route} ({url}) with {what}", client, "post", url, data)
                if response is not None:
                    answered.setdefault(visit.route, set()).add(response.status_code)
    assert not sweep.findings, "\n".join(sweep.findings)
    # Reopening is the one change a closed case takes.
    assert answered.pop("cases:reopen") == {302}
    took = {name: statuses for name, statuses in answered.items() if not statuses <= {403, 404, 405}}
    assert not took, f"pages of a closed case that did not refuse a change: {took}"
    assert len(answered) > 60


# ------------------------------------------------------------------------------------------------------------------
# Any text at all, in every text field of the forms practitioners use most (security.md IN-2; rule 4 of domain.md)

KEY_FORMS = [
    ("cases:add_person", {}),
    ("chronology:add_entry", {}),
    ("plans:add_action", {}),
    ("safety:plan_contact", {}),
    ("safety:add_flag", {}),
    ("services:record_session", {}),
    ("assessments:answer", {"instrument": VOICE}),
]
# Anything a keyboard, a paste or a hostile client can send in a form: every code point but lone surrogates (which
# cannot be sent as UTF-8 at all).
ANY_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=120)
PROPERTY = settings_for_hypothesis(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)


def kept(page: str, typed: str) -> bool:
    """The typed text is on the page, escaped, compared with whitespace collapsed as a browser shows it."""
    return " ".join(str(escape(typed)).split()) in " ".join(page.split())


def key_form_url(world: World, name: str, hint: dict[str, str]) -> str:
    ids = world.rich.ids
    if name == "assessments:answer":
        draft = next(a for a in world.rich.assessments if a.is_draft and a.instrument_id == hint["instrument"])
        return reverse(name, args=[ids["case_id"], draft.pk])
    route = next(route for route in ROUTES if route.name == name)
    return reverse(name, kwargs={keyword: ids[keyword] for keyword in route.converters})


@pytest.mark.parametrize(("name", "hint"), KEY_FORMS, ids=[name for name, _ in KEY_FORMS])
@PROPERTY
@given(data=st.data())
def test_any_text_in_a_key_form_is_saved_or_refused_plainly_and_never_lost(name, hint, world, client_for, data):
    sweep = Sweep(world, Database(), client_for)
    client = sweep.client("allocated_worker")
    url = key_form_url(world, name, hint)
    form = sweep.form_for(client, url, client.get(url).content.decode())
    assert form is not None, f"{name}: no form found"
    texts = [item.name for item in form.fields.values() if item.kind in {"text", "textarea"}]
    assert texts, f"{name}: no text fields"
    typed = {field_name: data.draw(ANY_TEXT, label=field_name) for field_name in texts}
    answers = {**valid_looking(form.fields), **typed}
    base = valid_looking(form.fields)
    for attempt in range(4):
        response = sweep.one(f"POST {url} {typed!r}", client, "post", url, answers)
        assert not sweep.findings, "\n".join(sweep.findings)
        if response.status_code != 200:
            assert response.status_code == 302
            return
        page = response.content.decode()
        assert "govuk-error-summary" in page, "refused without saying why"
        lost = [
            field_name
            for field_name, text in typed.items()
            if text.strip() and "\x00" not in text and not kept(page, text)
        ]
        assert not lost, f"what was typed into {lost} is not on the page any more"
        # A person would now correct what the form said was wrong, other than the text: so does the test, keeping
        # the text, so that the text is also tried where it is saved.
        wrong = fields_in_error(page, form.fields) - set(typed)
        if not wrong:
            return
        answers.update({name: another_answer(form.fields[name], base, attempt + 1) for name in wrong})


# ------------------------------------------------------------------------------------------------------------------
# Hostile text that got in: every page and every document that shows it, escaped and without a 500.

# Text that identifies a record to the software rather than describing anything, never typed into a form.
NOT_TYPED = {"password", "email", "reference", "key", "instrument_id", "instrument_title", "from_level", "to_level"}
NOT_TYPED |= {"service_type", "summary", "message"}
IMMUTABLE = {"PlanVersion", "SafetyPlanRevision", "CaseStatusChange"}  # the database refuses to change these


def hostile_value(max_length: int | None) -> str:
    """Hostile markup first (so even a 10-character field holds "<script>al"), then one long unbroken word, to the
    field's limit or 400 characters (longer text only makes the documents slower to draw, not harder)."""
    value = HOSTILE + " " + "Ŵ" * 400
    return value[: min(max_length or 400, 400)]


def fill_with_hostile_text(rich: RichCase) -> int:
    """Every typed text field of every record the world holds, hostile to its limit, as if a form had let it in;
    safety plans get a new version through the service (versions are immutable). Returns the fields filled."""
    filled = 0
    for label in ("accounts", "cases", "chronology", "assessments", "services", "plans", "safety"):
        for model in apps.get_app_config(label).get_models():
            if model.__name__ in IMMUTABLE:
                continue
            typed = [
                item
                for item in model._meta.concrete_fields
                if isinstance(item, CharField | TextField) and not item.choices and item.name not in NOT_TYPED
            ]
            for number, pk in enumerate(model.objects.values_list("pk", flat=True)):
                # Each value ends in the row's number, for the fields that must be unique.
                values = {
                    item.name: hostile_value(item.max_length)[: -len(str(number))] + str(number) for item in typed
                }
                model.objects.filter(pk=pk).update(**values)
                filled += len(values)
    current = SafetyPlan.objects.get(pk=rich.ids["safety_plan_id"])
    text = hostile_value(1000)
    safety_services.update_plan(
        current,
        safety_services.PlanContent(
            safe_place=text,
            safe_place_route=text,
            trusted_person=text,
            trusted_person_contact=text,
            help_methods=["call_999", "other"],
            summon_help=text,
            childs_understanding=text,
            other_steps=text,
            phase="recovery_work",
            phase_change_reason=text,
        ),
        change_summary=text,
        by=rich.worker,
    )
    return filled


def test_hostile_text_already_saved_is_shown_escaped_on_every_page_and_document(world, client_for):
    assert fill_with_hostile_text(world.rich) > 60
    sweep = Sweep(world, Database(), client_for)
    for route in ROUTES:
        for visit in visits_for(route, world):
            client = sweep.client(visit.persona)
            url = reverse(visit.route, kwargs=visit.kwargs)
            page = sweep.one(f"GET {visit.route} as {visit.persona} ({url})", client, "get", url)
            if visit.route != "documents:case_documents" or page is None:
                continue
            # Every version of every document, in every format.
            for form in read_forms(page.content.decode(), url):
                if form.method != "post":
                    continue
                for choice in [item for item in form.fields.values() if item.kind == "choice"] or [None]:
                    for option in choice.options if choice else [None]:
                        data = valid_looking(form.fields)
                        if choice is not None:
                            data[choice.name] = option
                        download = sweep.one(f"POST {form.action} {data}", client, "post", form.action, data)
                        if download is not None and download.status_code == 200:
                            sweep.downloads += 1
    assert not sweep.findings, "\n".join(sweep.findings)
    assert sweep.escaped_seen > 100
    assert sweep.downloads >= 4


# ------------------------------------------------------------------------------------------------------------------
# Bodies no form sends (security.md IN-3): refused with 400 before any view reads them, never a 500.

UNREADABLE = {
    "a body that is not UTF-8": (b"summary=\xff\xfe&note=caf\xe9", FORM_ENCODED),
    "%-escapes that are not UTF-8": (b"summary=%FF%FE&note=caf%E9", FORM_ENCODED),
    "more fields than allowed": (
        "&".join(f"field{number}=x" for number in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)).encode(),
        FORM_ENCODED,
    ),
}


@pytest.mark.parametrize("what", list(UNREADABLE))
def test_a_body_no_form_sends_gets_400_on_every_page(world, what):
    body, content_type = UNREADABLE[what]
    client = csrf_client(world.rich.worker)
    database = Database()
    answered = {}
    for route in ROUTES:
        visits = visits_for(route, world)
        if not visits or route.name.startswith("admin:"):
            continue
        url = reverse(route.name, kwargs=visits[0].kwargs)
        before = database.snapshot()
        response = client.post(url, body, content_type=content_type)
        answered[route.name] = response.status_code
        assert not database.changes(before, database.snapshot()), route.name
    assert set(answered.values()) == {400}, {name: status for name, status in answered.items() if status != 400}
    assert len(answered) > 80
