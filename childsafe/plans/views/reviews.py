"""Reviews of a plan, and the reviews-due page: practitioners see their own cases' due and overdue reviews,
managers their team's, safeguarding leads those of the cases their organisation leads."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from childsafe.accounts.models import User
from childsafe.cases.access import cases_visible_to
from childsafe.cases.models import Case, Person
from childsafe.cases.navigation import household_heading
from childsafe.cases.views.common import children_oldest_first
from childsafe.plans import access, schedule, services
from childsafe.plans.forms import ReviewForm
from childsafe.plans.models import Plan, PlanVersion, Review
from childsafe.plans.reading import load_plan
from childsafe.plans.sensitivity import case_places
from childsafe.plans.views.common import changeable_plan, form_context, plan_url, readable_plan


@require_http_methods(["GET", "POST"])
def add_review(request: HttpRequest, case_id: uuid.UUID, plan_id: uuid.UUID) -> HttpResponse:
    case, plan = changeable_plan(request, case_id, plan_id)
    if not access.manages_plans(request.user, case):
        raise PermissionDenied("Reviews are recorded by the organisation that leads the case")
    if plan.status != Plan.Status.ACTIVE:
        raise PermissionDenied("Only an active plan is reviewed")
    loaded = load_plan(plan, with_updates=False)
    last = Review.objects.filter(plan=plan).order_by("-held_on", "-recorded_at").first()
    versions = PlanVersion.objects.filter(plan=plan).defer("content").order_by("-number")
    if last is not None:
        versions = versions.filter(made_at__gte=last.recorded_at)
    today = timezone.localdate()
    form = ReviewForm(
        request.POST if request.method == "POST" else None,
        initial={"held_on": today, "next_review_on": schedule.add_months(today, plan.review_interval_months)},
        plan=plan,
        children=loaded.children,
        agencies=loaded.agencies,
        versions=list(versions[:20]),
    )
    if request.method == "GET":
        services.record_read(request.user, plan, case.pk, request)
    if request.method == "POST" and form.is_valid():
        try:
            review = services.record_review(
                plan, request.user, form.review_data(), child_views=form.child_views(), request=request
            )
        except services.PlanNotChangeable as exc:
            form.add_error(None, str(exc))
        else:
            if review.decision == Review.Decision.END:
                messages.success(request, "Review recorded. The plan has ended.")
            elif plan.next_review_on != review.next_review_on:
                messages.success(
                    request,
                    "Review recorded. A later review has already been recorded, so the next review is still due on "
                    f"{_day(plan.next_review_on)}.",
                )
            else:
                messages.success(request, f"Review recorded. The next review is due on {_day(review.next_review_on)}.")
            return redirect(reverse("plans:review", args=[case.pk, plan.pk, review.pk]))
    return render(
        request,
        "plans/review_form.html",
        form_context(case, plan, form=form, title=f"Record a review of {plan.name}", last_review=last),
    )


def _day(value: dt.date | None) -> str:
    return f"{value.day} {value:%B %Y}" if value else ""


@require_GET
def review_detail(request: HttpRequest, case_id: uuid.UUID, plan_id: uuid.UUID, review_id: uuid.UUID) -> HttpResponse:
    case, plan = readable_plan(request, case_id, plan_id)
    review = (
        Review.objects.filter(plan=plan, pk=review_id)
        .select_related("recorded_by")
        .prefetch_related("agencies_attended", "plan_versions", "child_views__child")
        .first()
    )
    if review is None:
        raise Http404("No such review")
    services.record_read(request.user, review, case.pk, request)
    full = access.sees_plan_in_full(request.user)
    attended = access.nameable_agencies(request.user, review.agencies_attended.all())
    # Outside the lead organisation, notes or a child's views naming a confidential location are not shown, as the
    # address itself is not (plans/access.py).
    places = case_places(case)
    views = [(view, access.hidden_as_confidential(request.user, view, places)) for view in review.child_views.all()]
    return render(
        request,
        "plans/review.html",
        form_context(
            case,
            plan,
            review=review,
            sees_in_full=full,
            agencies_attended=attended,
            notes_hidden=access.hidden_as_confidential(request.user, review, places),
            child_views=views,
        ),
    )


def review_scope(user: User) -> QuerySet[Case]:
    """Whose reviews a user watches: their own cases; a manager their team's (or, with no team, their
    organisation's); a safeguarding lead the cases their organisation leads. Open cases they can see only."""
    cases = cases_visible_to(user).filter(status=Case.Status.OPEN)
    if user.role == User.Role.MANAGER:
        if user.team_id:
            return cases.filter(team_id=user.team_id)
        return cases.filter(lead_organisation_id=user.organisation_id)
    if user.role == User.Role.SAFEGUARDING_LEAD:
        return cases.filter(lead_organisation_id=user.organisation_id)
    return cases.filter(allocated_worker=user)


@dataclass(frozen=True)
class DueReview:
    plan: Plan
    case: Case
    heading: str
    state: str
    days_overdue: int


def due_reviews(user: User, today: dt.date) -> list[DueReview]:
    """Active plans in the user's scope whose review is overdue or due within the window, overdue first.

    Three queries whatever the number of cases: plans with their case and worker, and the children of those cases.
    """
    window = schedule.schedule().due_soon_days
    children = Person.objects.filter(role_in_case=Person.RoleInCase.CHILD)
    plans = (
        Plan.objects.filter(
            status=Plan.Status.ACTIVE,
            next_review_on__isnull=False,
            next_review_on__lte=today + dt.timedelta(days=window),
            case__in=review_scope(user),
        )
        .select_related("case", "case__allocated_worker", "case__team")
        .prefetch_related(Prefetch("case__people", queryset=children, to_attr="children"))
        .order_by("next_review_on", "case__reference")
    )
    rows = []
    for plan in plans:
        state = schedule.review_state(plan.next_review_on, today, window) or schedule.LATER
        heading = household_heading(children_oldest_first(plan.case.children), plan.case)  # type: ignore[attr-defined]
        rows.append(DueReview(plan, plan.case, heading, state, schedule.days_overdue(plan.next_review_on, today)))
    return rows


SCOPE_WORDS = {
    User.Role.PRACTITIONER: "the cases allocated to you",
    User.Role.MANAGER: "your team's cases",
    User.Role.SAFEGUARDING_LEAD: "the cases your organisation leads",
}


@require_GET
def reviews_due(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not user.works_on_cases or user.organisation_id is None:
        raise PermissionDenied("Your role does not work on case records")
    today = timezone.localdate()
    rows = due_reviews(user, today)
    overdue = [row for row in rows if row.state == schedule.OVERDUE]
    due = [row for row in rows if row.state == schedule.DUE_SOON]
    if user.role == User.Role.MANAGER and not user.team_id:
        scope = "your organisation's cases"
    else:
        scope = SCOPE_WORDS.get(user.role, "your cases")
    return render(
        request,
        "plans/reviews_due.html",
        {
            "overdue": overdue,
            "due": due,
            "window": schedule.schedule().due_soon_days,
            "scope": scope,
            "today": today,
            "plan_url": plan_url,
        },
    )
