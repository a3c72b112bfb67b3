"""Safety plan pages: add a person's plan, read it with its history, change it (a new version), review it."""

from __future__ import annotations

import datetime as dt
import uuid

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from childsafe.cases.models import Case
from childsafe.cases.views.common import posted
from childsafe.safety import access, rules, services
from childsafe.safety.forms import ReviewForm, SafetyPlanForm
from childsafe.safety.models import SafetyPlan, SafetyPlanReview, SafetyPlanRevision
from childsafe.safety.queries import active_flags_for_case
from childsafe.safety.views.common import form_page_context, in_case, person_in_case, safety_case, safety_page_url


def _plan(case: Case, plan_id: uuid.UUID) -> SafetyPlan:
    return in_case(SafetyPlan.objects.select_related("person", "current", "current__written_by"), case, plan_id, "plan")


def _plan_url(plan: SafetyPlan) -> str:
    return reverse("safety:plan", args=[plan.case_id, plan.pk])


def _name(plan_or_person) -> str:
    person = getattr(plan_or_person, "person", plan_or_person)
    return person.known_as or person.first_name


def _form_page(request: HttpRequest, case: Case, form, *, template: str, **context) -> HttpResponse:
    return render(request, template, {"case": case, "form": form, **form_page_context(), **context})


@require_http_methods(["GET", "POST"])
def add_plan(request: HttpRequest, case_id: uuid.UUID, person_id: uuid.UUID) -> HttpResponse:
    case = safety_case(request, case_id, change=True)
    person = person_in_case(case, person_id)
    if not services.plan_may_be_made_for(person):
        raise Http404("A safety plan is made for a child or the non-abusing parent")
    existing = SafetyPlan.objects.filter(person=person).first()
    if existing is not None:
        return redirect(_plan_url(existing))
    form = SafetyPlanForm(posted(request), person=person)
    if request.method == "GET":
        services.record_read(request.user, case, request, object_type="safety_plan_form")
    if form.is_valid():
        try:
            services.create_plan(case, person, form.content(), by=request.user, request=request)
        except services.SafetyActionRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, f"Safety plan added for {_name(person)}")
            return redirect(safety_page_url(case, f"#plan-{person.pk}"))
    return _form_page(
        request,
        case,
        form,
        template="safety/plan_form.html",
        person=person,
        plan=None,
        heading=f"Add a safety plan for {person.display_name}",
        submit_text="Save safety plan",
        back=safety_page_url(case),
    )


@require_http_methods(["GET", "POST"])
def edit_plan(request: HttpRequest, case_id: uuid.UUID, plan_id: uuid.UUID) -> HttpResponse:
    case = safety_case(request, case_id, change=True)
    plan = _plan(case, plan_id)
    form = SafetyPlanForm(posted(request), person=plan.person, plan=plan)
    if request.method == "GET":
        services.record_read(request.user, plan, request)
    if form.is_valid():
        try:
            changed = services.update_plan(
                plan,
                form.content(),
                change_summary=form.cleaned_data["change_summary"],
                by=request.user,
                request=request,
            )
        except services.SafetyActionRefused as refused:
            form.add_error(None, str(refused))
        else:
            if changed:
                messages.success(request, f"{_name(plan)}’s safety plan changed: this is version {plan.version}")
            else:
                messages.success(request, f"No changes were made to {_name(plan)}’s safety plan")
            return redirect(_plan_url(plan))
    return _form_page(
        request,
        case,
        form,
        template="safety/plan_form.html",
        person=plan.person,
        plan=plan,
        heading=f"Change {plan.person.display_name}’s safety plan",
        submit_text="Save changes",
        back=_plan_url(plan),
    )


@require_GET
def plan_detail(request: HttpRequest, case_id: uuid.UUID, plan_id: uuid.UUID) -> HttpResponse:
    case = safety_case(request, case_id)
    plan = _plan(case, plan_id)
    revisions = list(SafetyPlanRevision.objects.filter(plan=plan).select_related("written_by"))
    reviews = list(SafetyPlanReview.objects.filter(plan=plan).select_related("reviewed_by"))
    services.record_read(request.user, plan, request)
    return render(
        request,
        "safety/plan_detail.html",
        {
            "case": case,
            "plan": plan,
            "revision": plan.current,
            "revisions": revisions,
            "reviews": reviews,
            "review": rules.review_state(plan.phase, plan.checked_on, _today()),
            "can_change": access.can_change_safety_plans(request.user, case),
            "age_band": _band(plan),
        },
    )


@require_GET
def plan_version(request: HttpRequest, case_id: uuid.UUID, plan_id: uuid.UUID, number: int) -> HttpResponse:
    case = safety_case(request, case_id)
    plan = _plan(case, plan_id)
    revision = SafetyPlanRevision.objects.filter(plan=plan, number=number).select_related("written_by").first()
    if revision is None:
        raise Http404("No such version")
    services.record_read(request.user, plan, request)
    return render(
        request,
        "safety/plan_version.html",
        {"case": case, "plan": plan, "revision": revision, "is_current": revision.number == plan.version},
    )


@require_http_methods(["GET", "POST"])
def review_plan(request: HttpRequest, case_id: uuid.UUID, plan_id: uuid.UUID) -> HttpResponse:
    case = safety_case(request, case_id, change=True)
    plan = _plan(case, plan_id)
    initial = {"reviewed_with": _name(plan)}
    form = ReviewForm(posted(request), plan=plan, initial={**initial, "reviewed_on": _today()})
    if request.method == "GET":
        services.record_read(request.user, plan, request)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.record_review(
                plan,
                reviewed_on=data["reviewed_on"],
                reviewed_with=data["reviewed_with"],
                how=data["how"],
                outcome=data["outcome"],
                what_changed=data["what_changed"],
                by=request.user,
                request=request,
            )
        except services.SafetyActionRefused as refused:
            form.add_error(None, str(refused))
        else:
            if data["outcome"] == SafetyPlanReview.Outcome.CHANGED:
                messages.success(request, f"Review recorded. Now change {_name(plan)}’s plan to match.")
                return redirect("safety:edit_plan", case.pk, plan.pk)
            messages.success(request, f"Review recorded: {_name(plan)}’s safety plan is still right")
            return redirect(safety_page_url(case, f"#plan-{plan.person_id}"))
    return _form_page(
        request,
        case,
        form,
        template="safety/review_form.html",
        plan=plan,
        # A review is often a home visit: anyone going needs the case's worker safety flags first.
        flags=active_flags_for_case(case),
        revision=plan.current,
        review=rules.review_state(plan.phase, plan.checked_on, _today()),
        heading=f"Review {plan.person.display_name}’s safety plan",
        back=safety_page_url(case, f"#plan-{plan.person_id}"),
    )


def _today() -> dt.date:
    return timezone.localdate()


def _band(plan: SafetyPlan) -> rules.AgeBand | None:
    if not plan.person.is_child:
        return None
    return rules.band_for_age(plan.person.age_on(_today()))
