"""The plans app's pages. `overview_panel` is called by the case overview (childsafe.cases.views.case); the case's
plans page and each plan's own page are here, and each kind of record has its own module: `items` (outcomes,
actions, progress), `versions`, `reviews` (reviews and the reviews-due page) and `prompts`.

Access comes from `childsafe.cases.access` through `views.common`: 404 for anyone the case is not shared with (and
for a plan, outcome or action id from another case), 403 for changes to a closed case or an ended plan. Every read
of a plan page is logged, and every change is logged with it by `services`.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from childsafe.cases.access import can_edit_case, get_case_for_user
from childsafe.cases.models import Case, Person
from childsafe.cases.views.common import case_header, children_oldest_first, editable_case, posted
from childsafe.plans import access, schedule, services
from childsafe.plans.accountability import NON_ABUSING_PARENT, PARENT_USING_ABUSE
from childsafe.plans.forms import EndPlanForm, PlanDetailsForm
from childsafe.plans.models import Action, Plan, PlanVersion, PromptAcknowledgement, draft_action_q
from childsafe.plans.prompts import current_plan, prompts_for_case
from childsafe.plans.reading import LoadedPlan, changes_since, load_plan
from childsafe.plans.sensitivity import case_places
from childsafe.plans.versions import owner_label, when_label
from childsafe.plans.views.common import (
    PLANS_PAGE,
    based_on,
    can_edit_plan,
    changeable_plan,
    finding_rows,
    finding_shown,
    form_context,
    people_seen_by,
    plan_for_viewer,
    plan_url,
    readable_plan,
    require_plan_manager,
    withhold_notes,
)
from childsafe.web.language import flags_for

# How many acknowledged prompts the case's plans page lists, newest first.
ACKNOWLEDGED_SHOWN = 20


@dataclass
class ActionGroup:
    key: str  # for the heading's id
    heading: str
    for_value: str  # the action form's "for whom" choice, so "Add an action" starts in this group
    actions: list[Action] = field(default_factory=list)
    empty_text: str = "No actions yet."


def _names(people: list[Person]) -> str:
    names = [person.display_name for person in people]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1] if names else ""


def action_groups(loaded: LoadedPlan, actions: list[Action] | None = None) -> list[ActionGroup]:
    """The plan's actions by whom they are for: the parent using abuse's own work first, then support for the
    non-abusing parent, each child covered (so a child with no support shows), then the whole family."""
    abusers = [p for p in loaded.people if p.role_in_case == PARENT_USING_ABUSE]
    mothers = [p for p in loaded.people if p.role_in_case == NON_ABUSING_PARENT]
    groups: dict[str, ActionGroup] = {
        Action.ForWhom.PARENT_USING_ABUSE: ActionGroup(
            "parent_using_abuse",
            f"Changing the abusive behaviour: {_names(abusers)}" if abusers else "The parent using abuse",
            Action.ForWhom.PARENT_USING_ABUSE,
            empty_text="No actions ask the parent using abuse to change.",
        ),
        Action.ForWhom.NON_ABUSING_PARENT: ActionGroup(
            "non_abusing_parent",
            f"Support for {_names(mothers)}" if mothers else "Support for the non-abusing parent",
            Action.ForWhom.NON_ABUSING_PARENT,
            empty_text="No support actions yet.",
        ),
    }
    for child in loaded.children:
        groups[f"child:{child.pk}"] = ActionGroup(
            f"child-{child.pk}",
            f"For {child.display_name}",
            f"child:{child.pk}",
            empty_text="No actions for this child yet.",
        )
    groups[Action.ForWhom.WHOLE_FAMILY] = ActionGroup(
        "whole_family", "For the whole family", Action.ForWhom.WHOLE_FAMILY
    )
    for action in loaded.actions if actions is None else actions:
        key = f"child:{action.for_child_id}" if action.for_child_id else action.for_whom
        if key not in groups:
            name = action.for_child.display_name if action.for_child_id else key
            groups[key] = ActionGroup(key.replace(":", "-"), f"For {name}", key)
        groups[key].actions.append(action)
    return [group for key, group in groups.items() if group.actions or key != Action.ForWhom.WHOLE_FAMILY]


@require_GET
def case_plans(request: HttpRequest, case_id: uuid.UUID) -> HttpResponse:
    """The case's plans: the one in force, drafts and ended plans, with their next review and open prompts."""
    case = get_case_for_user(request.user, case_id, request)
    people = people_seen_by(request, case)
    plans = list(
        Plan.objects.filter(case=case)
        .annotate(
            action_count=Count("actions", distinct=True),
            draft_count=Count("actions", filter=draft_action_q("actions__"), distinct=True),
        )
        .order_by("-created_at")
    )
    today = timezone.localdate()
    for plan in plans:
        plan.review_state = schedule.review_state(plan.next_review_on, today)  # type: ignore[attr-defined]
    services.record_case_plans_read(request.user, case, request)
    return render(
        request,
        "plans/case_plans.html",
        {
            "case": case,
            "plans": plans,
            "current": current_plan(plans),
            "prompts": prompts_for_case(case, plans, user=request.user, people=people, today=today),
            # Kept words of the day and the worker's note: only for those who see the plan in full (access.py).
            "acknowledged": list(
                PromptAcknowledgement.objects.filter(case=case).select_related("acknowledged_by")[:ACKNOWLEDGED_SHOWN]
            )
            if access.sees_plan_in_full(request.user)
            else [],
            "can_edit": can_edit_case(request.user, case),
            "can_manage": can_edit_case(request.user, case) and access.manages_plans(request.user, case),
            "today": today,
            **case_header(case, PLANS_PAGE, people),
        },
    )


def _start_form(request: HttpRequest, case: Case, children: list[Person]) -> PlanDetailsForm:
    initial: dict[str, Any] = {"children": [str(child.pk) for child in children]}
    kind = request.GET.get("kind")
    if kind in Plan.Kind.values:
        initial["kind"] = kind
    return PlanDetailsForm(posted(request), initial=initial, children=children)


@require_http_methods(["GET", "POST"])
def create_plan(request: HttpRequest, case_id: uuid.UUID) -> HttpResponse:
    case = editable_case(request, case_id)
    require_plan_manager(request, case)
    children = children_oldest_first(people_seen_by(request, case))
    form = _start_form(request, case, children)
    if request.method == "POST" and form.is_valid():
        data = form.plan_data()
        plan = services.create_plan(
            case,
            request.user,
            kind=data["kind"],
            start_date=data.get("start_date"),
            children=data["children"],
            first_review_on=data.get("first_review_on"),
            review_interval_months=data.get("review_interval_months"),
            request=request,
        )
        messages.success(request, "Draft plan started. Now add the outcomes wanted for each child and the actions.")
        return redirect(plan_url(plan))
    return render(
        request,
        "plans/details_form.html",
        {
            "case": case,
            "plan": None,
            "form": form,
            "title": "Start a plan",
            "submit_text": "Start the plan",
            "back": reverse(PLANS_PAGE, args=[case.pk]),
            "schedules": schedule.schedule().kinds,
            "no_children": not children,
        },
    )


@require_http_methods(["GET", "POST"])
def edit_plan(request: HttpRequest, case_id: uuid.UUID, plan_id: uuid.UUID) -> HttpResponse:
    case, plan = changeable_plan(request, case_id, plan_id)
    require_plan_manager(request, case)
    children = children_oldest_first(people_seen_by(request, case))
    initial = {
        "kind": plan.kind,
        "children": [str(pk) for pk in plan.children.values_list("pk", flat=True)],
        "start_date": plan.start_date,
        "first_review_on": plan.first_review_on,
        "review_interval_months": plan.review_interval_months,
    }
    form = PlanDetailsForm(posted(request), initial=initial, children=children)
    conflict = None
    version = plan.version
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.update_plan_details(
                plan, request.user, form.plan_data(), based_on=based_on(request), request=request
            )
        except services.PlanConflict as exc:
            conflict = _conflict(request, exc)
            version = exc.plan.version
        else:
            messages.success(request, "Plan details saved." if changed else "No changes were made to the plan.")
            return redirect(plan_url(plan))
    elif request.method == "POST":
        version = based_on(request) or plan.version
    return render(
        request,
        "plans/details_form.html",
        form_context(
            case,
            plan,
            form=form,
            title="Change the plan's details",
            submit_text="Save changes",
            schedules=schedule.schedule().kinds,
            based_on=version,
            conflict=conflict,
        ),
        status=409 if conflict else 200,
    )


def _conflict(request: HttpRequest, exc: services.PlanConflict) -> dict[str, Any]:
    """What the conflict page shows: the message, and what changed since the worker started, as they may read it."""
    return {
        "message": exc.message,
        "changes": changes_since(exc.plan, based_on(request), request.user),
        "sees_in_full": access.sees_plan_in_full(request.user),
    }


@require_GET
def plan_detail(request: HttpRequest, case_id: uuid.UUID, plan_id: uuid.UUID) -> HttpResponse:
    case, plan = readable_plan(request, case_id, plan_id)
    people = people_seen_by(request, case)
    loaded = plan_for_viewer(request, case, plan, people)
    today = timezone.localdate()
    plans = list(Plan.objects.filter(case=case))
    is_current = current_plan(plans) == plan
    latest = PlanVersion.objects.filter(plan=plan).select_related("made_by").order_by("-number").first()
    services.record_read(request.user, plan, case.pk, request)
    # A behaviour-change programme sees only what the plan asks of the parent using abuse, and no one outside the
    # lead organisation reads an action naming a confidential location (see plans/access.py).
    places = case_places(case)
    actions = [action for action in loaded.actions if access.action_visible(request.user, action, places)]
    withhold_notes(request, actions)
    outcomes = [outcome for outcome in loaded.outcomes if access.outcome_visible(request.user, outcome, places)]
    shown_ids = {str(action.pk) for action in actions}
    shown_outcome_ids = {str(outcome.pk) for outcome in outcomes}
    editable = can_edit_plan(request, case, plan)
    rows = [
        row
        for row in finding_rows(loaded, case, plan, editable=editable)
        if finding_shown(request, row["finding"], shown_ids, shown_outcome_ids)
    ]
    texts = [outcome.text for outcome in outcomes] + [action.what for action in actions]
    return render(
        request,
        "plans/plan.html",
        {
            "case": case,
            "plan": plan,
            "loaded": loaded,
            "groups": action_groups(loaded, actions),
            "hidden_actions": len(loaded.actions) - len(actions),
            "hidden_outcomes": len(loaded.outcomes) - len(outcomes),
            "outcomes_by_child": [
                (child, [outcome for outcome in outcomes if outcome.child_id == child.pk]) for child in loaded.children
            ],
            "stray_outcomes": [o for o in outcomes if o.child_id not in {c.pk for c in loaded.children}],
            "problems": [
                problem
                for problem in (loaded.activation_problems if plan.status == Plan.Status.DRAFT else [])
                if (problem.action_id is None or problem.action_id in shown_ids)
                and (problem.outcome_id is None or problem.outcome_id in shown_outcome_ids)
            ],
            "prompts": (
                prompts_for_case(case, plans, user=request.user, people=people, today=today) if is_current else []
            ),
            "reviews": list(plan.reviews.order_by("-held_on")),
            "review_state": schedule.review_state(plan.next_review_on, today),
            "latest_version": latest,
            "sees_in_full": access.sees_plan_in_full(request.user),
            "can_edit": editable,
            "can_manage": editable and access.manages_plans(request.user, case),
            "finding_rows": rows,
            "owner_label": owner_label,
            "when_label": when_label,
            "language": {text: flags_for(text) for text in texts},
            "today": today,
            **case_header(case, PLANS_PAGE, people),
        },
    )


@require_http_methods(["GET", "POST"])
def activate_plan(request: HttpRequest, case_id: uuid.UUID, plan_id: uuid.UUID) -> HttpResponse:
    """Make a draft plan the plan in force; every reason it cannot be yet is listed, with a link to fix it."""
    case, plan = changeable_plan(request, case_id, plan_id)
    require_plan_manager(request, case)
    if plan.status != Plan.Status.DRAFT:
        messages.success(request, "This plan is already active.")
        return redirect(plan_url(plan))
    if request.method == "POST":
        try:
            ended = services.activate_plan(plan, request.user, request=request)
        except services.ActivationRefused as exc:
            problems = exc.problems
        else:
            text = f"The plan is now active. The first review is due on {_day(plan.next_review_on)}."
            if ended is not None:
                text += f" The {ended.get_kind_display().lower()} that was active has ended."
            messages.success(request, text)
            return redirect(plan_url(plan))
    else:
        problems = plan_for_viewer(request, case, plan, with_updates=False).activation_problems
        services.record_read(request.user, plan, case.pk, request)
    active = Plan.objects.filter(case=case, status=Plan.Status.ACTIVE).exclude(pk=plan.pk).first()
    return render(
        request,
        "plans/activate.html",
        form_context(case, plan, problems=problems, replaces=active, submitted=request.method == "POST"),
    )


def _day(value: Any) -> str:
    return f"{value.day} {value:%B %Y}" if value else ""


@require_http_methods(["GET", "POST"])
def end_plan(request: HttpRequest, case_id: uuid.UUID, plan_id: uuid.UUID) -> HttpResponse:
    case, plan = changeable_plan(request, case_id, plan_id)
    require_plan_manager(request, case)
    form = EndPlanForm(posted(request), initial={"ended_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.end_plan(
                plan,
                request.user,
                on=form.cleaned_data["ended_on"],
                reason=form.cleaned_data["reason"],
                request=request,
            )
        except services.PlanNotChangeable as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "The plan has ended.")
            return redirect(plan_url(plan))
    return render(
        request,
        "plans/form.html",
        form_context(
            case,
            plan,
            form=form,
            title=f"End {plan.name}",
            submit_text="End the plan",
            intro="An ended plan is kept as a record and can no longer be changed. To replace it with another "
            "plan, start the new plan and make it active instead: this one then ends by itself.",
        ),
    )


def overview_panel(request: HttpRequest, case: Case, people: list[Person]) -> dict[str, Any] | None:
    """The plan panel on the case overview: the current plan, its actions by status, its blocking findings, the
    next review and the open escalation prompts. The same number of queries whatever the size of the case."""
    plans = list(Plan.objects.filter(case=case))
    plan = current_plan(plans)
    today = timezone.localdate()
    context: dict[str, Any] = {
        "template": "plans/_overview_panel.html",
        "plan": plan,
        "prompts": prompts_for_case(case, plans, user=request.user, people=people, today=today),
        "can_edit": can_edit_case(request.user, case) and access.manages_plans(request.user, case),
    }
    if plan is None:
        return context
    loaded = services.check_in_full(load_plan(plan, people, with_updates=False))
    counts = {status: 0 for status in Action.Status.values}
    for action in loaded.actions:
        counts[action.status] += 1
    context.update(
        {
            "status_counts": [(Action.Status(status).label, count) for status, count in counts.items()],
            "action_count": len(loaded.actions),
            "draft_count": sum(1 for action in loaded.actions if action.is_draft),
            "blocking_count": loaded.blocking_count,
            "review_state": schedule.review_state(plan.next_review_on, today),
            "overdue_days": schedule.days_overdue(plan.next_review_on, today) if plan.next_review_on else 0,
        }
    )
    return context


__all__ = [
    "activate_plan",
    "case_plans",
    "create_plan",
    "edit_plan",
    "end_plan",
    "overview_panel",
    "plan_detail",
]
