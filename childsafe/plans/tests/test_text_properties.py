"""Any text in any free-text field of a plan is stored as typed and always shown escaped: on the plan page, the
action page, and an old version's page."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import escape

from childsafe.plans.models import Action, Outcome, ProgressUpdate
from childsafe.plans.tests.conftest import action_post, date_parts

# Any character a person could type or paste, bar NUL (refused with a message) and lone surrogates (not text).
TYPED = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\r"), min_size=1, max_size=200
).filter(lambda text: text.strip())
NASTY = st.sampled_from(
    [
        "<script>alert(1)</script>",
        '"><svg onload=alert(1)>',
        "{{ 7*7 }}",
        "javascript:alert(1)",
        "' OR 1=1--",
        "\u202eevil",
        "Ŵŷ emoji 🙂 zero\u200bwidth",
    ]
)
FIELD_TEXT = st.one_of(TYPED, NASTY)
PROPERTY_SETTINGS = settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)


def shown_escaped(page: str, text: str) -> bool:
    """The text, escaped, is on the page. Whitespace is compared collapsed, as a browser shows it: the GOV.UK macros
    indent what they wrap, which turns any line separator (\n, U+0085, U+2028...) into a new line."""
    return " ".join(str(escape(text)).split()) in " ".join(page.split())


@PROPERTY_SETTINGS
@given(what=FIELD_TEXT, measure=FIELD_TEXT, worker=FIELD_TEXT)
def test_action_text_round_trips_and_renders_escaped(
    client_for, allocated_worker, plan, partner_org, what, measure, worker
):
    client = client_for(allocated_worker)
    response = client.post(
        reverse("plans:add_action", args=[plan.case_id, plan.pk]),
        action_post(
            what=what,
            measure=measure,
            owner=f"agency:{partner_org.pk}",
            owner_worker=worker[:150],
            when="frequency",
            frequency_unit="week",
        ),
    )
    assert response.status_code == 302
    action = Action.objects.filter(plan=plan).latest("created_at")
    assert (action.what, action.measure, action.owner_worker) == (what.strip(), measure.strip(), worker[:150].strip())
    plan_page = client.get(reverse("plans:plan", args=[plan.case_id, plan.pk])).content.decode()
    action_page = client.get(reverse("plans:action", args=[plan.case_id, plan.pk, action.pk])).content.decode()
    plan.refresh_from_db()
    version_page = client.get(reverse("plans:version", args=[plan.case_id, plan.pk, plan.version])).content.decode()
    for page in (plan_page, action_page, version_page):
        assert shown_escaped(page, action.what)
        assert "<script>alert(1)" not in page and "<svg onload" not in page


@PROPERTY_SETTINGS
@given(text=FIELD_TEXT, note=FIELD_TEXT)
def test_outcome_and_progress_text_round_trip_and_render_escaped(
    client_for, allocated_worker, accountable_plan, mia, text, note
):
    plan = accountable_plan
    client = client_for(allocated_worker)
    client.post(reverse("plans:add_outcome", args=[plan.case_id, plan.pk]), {"child": str(mia.pk), "text": text})
    action = plan.actions.order_by("created_at").first()
    client.post(
        reverse("plans:record_progress", args=[plan.case_id, plan.pk, action.pk]),
        {**date_parts("recorded_on", dt.date(2026, 10, 8)), "status": "in_progress", "note": note},
    )
    outcome = Outcome.objects.filter(plan=plan).latest("created_at")
    update = ProgressUpdate.objects.filter(action=action).latest("recorded_at")
    assert outcome.text == text.strip() and update.note == note.strip()
    page = client.get(reverse("plans:plan", args=[plan.case_id, plan.pk])).content.decode()
    assert shown_escaped(page, outcome.text) and shown_escaped(page, update.note)
    assert "<script>alert(1)" not in page
