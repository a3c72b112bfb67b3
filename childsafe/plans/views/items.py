"""Outcomes and actions of a plan: add, change, remove, and progress on an action.

An action is never refused for lacking an owner or a date: it is saved as a draft and the worker is told why. If
someone else changed the same outcome or action while the worker was editing, the form comes back (409) with what
they typed and what the other person changed; saving again then replaces it knowingly.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from childsafe.cases.access import redact_people
from childsafe.cases.models import Person
from childsafe.plans import access, services
from childsafe.plans.accountability import draft_reasons
from childsafe.plans.forms import ActionForm, OutcomeForm, ProgressForm
from childsafe.plans.models import Action, Outcome
from childsafe.plans.reading import LoadedPlan, action_facts, changes_since
from childsafe.plans.sensitivity import case_places
from childsafe.plans.versions import for_label, owner_label, when_label
from childsafe.plans.views.common import (
    based_on,
    can_edit_plan,
    changeable_plan,
    form_context,
    plan_for_viewer,
    plan_url,
    readable_plan,
    removed_meanwhile,
    whole_number,
    withhold_notes,
)
from childsafe.web.language import flags_for


def _conflict(request: HttpRequest, exc: services.PlanConflict) -> dict[str, Any]:
    """What the conflict page shows: the message, and what changed since the worker started, as they may read it."""
    return {
        "message": exc.message,
        "changes": changes_since(exc.plan, based_on(request), request.user),
        "sees_in_full": access.sees_plan_in_full(request.user),
    }


def _version_after_post(request: HttpRequest, fallback: int) -> int:
    """Keep the version the worker started from when the form comes back with errors."""
    return based_on(request) or fallback


# Outcomes ----------------------------------------------------------------------------------------------------


def _outcome_in(loaded: LoadedPlan, outcome_id: uuid.UUID) -> Outcome | None:
    return next((outcome for outcome in loaded.outcomes if outcome.pk == outcome_id), None)


def _outcome_children(loaded: LoadedPlan, outcome: Outcome | None = None) -> list[Person]:
    children = list(loaded.children)
    if outcome is not None and outcome.child not in children:
        children.append(outcome.child)
    return children


@require_http_methods(["GET", "POST"])
def add_outcome(request: HttpRequest, case_id: uuid.UUID, plan_id: uuid.UUID) -> HttpResponse:
    case, plan = changeable_plan(request, case_id, plan_id)
    loaded = plan_for_viewer(request, case, plan, with_updates=False)
    initial = {"child": request.GET.get("child", "")}
    form = OutcomeForm(request.POST if request.method == "POST" else None, initial=initial, children=loaded.children)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.save_outcome(plan, request.user, form.cleaned_data, request=request)
        except services.PlanConflict as exc:
            conflict = _conflict(request, exc)
        else:
            messages.success(request, "Outcome added.")
            return redirect(plan_url(plan, "outcomes"))
    return render(
        request,
        "plans/outcome_form.html",
        form_context(
            case, plan, form=form, title="Add an outcome for a child", submit_text="Save outcome", conflict=conflict
        ),
        status=409 if conflict else 200,
    )


@require_http_methods(["GET", "POST"])
def edit_outcome(request: HttpRequest, case_id: uuid.UUID, plan_id: uuid.UUID, outcome_id: uuid.UUID) -> HttpResponse:
    case, plan = changeable_plan(request, case_id, plan_id)
    loaded = plan_for_viewer(request, case, plan, with_updates=False)
    outcome = _outcome_in(loaded, outcome_id)
    if outcome is None:
        if request.method == "POST" and removed_meanwhile(case, "plan_outcome", outcome_id):
            form = OutcomeForm(request.POST, children=loaded.children)
            form.is_valid()
            conflict = {"message": "Someone else removed this outcome while you were editing", "changes": None}
            return render(
                request,
                "plans/outcome_form.html",
                form_context(
                    case,
                    plan,
                    form=form,
                    title="Add an outcome for a child",
                    submit_text="Save as a new outcome",
                    conflict=conflict,
                    action_url=reverse("plans:add_outcome", args=[case.pk, plan.pk]),
                ),
                status=409,
            )
        raise Http404("No such outcome")
    _require_visible(request, case, outcome)
    form = OutcomeForm(
        request.POST if request.method == "POST" else None,
        initial=OutcomeForm.initial_from(outcome),
        children=_outcome_children(loaded, outcome),
    )
    conflict = None
    version = _version_after_post(request, plan.version) if request.method == "POST" else plan.version
    if request.method == "POST" and form.is_valid():
        try:
            services.save_outcome(
                plan, request.user, form.cleaned_data, outcome=outcome, based_on=based_on(request), request=request
            )
        except services.PlanConflict as exc:
            conflict = _conflict(request, exc)
            version = exc.plan.version
        else:
            messages.success(request, "Outcome saved.")
            return redirect(plan_url(plan, "outcomes"))
    if request.method == "GET":
        services.record_read(request.user, outcome, case.pk, request)
    return render(
        request,
        "plans/outcome_form.html",
        form_context(
            case,
            plan,
            form=form,
            title="Change an outcome",
            submit_text="Save outcome",
            conflict=conflict,
            based_on=version,
            outcome=outcome,
        ),
        status=409 if conflict else 200,
    )


@require_http_methods(["GET", "POST"])
def remove_outcome(request: HttpRequest, case_id: uuid.UUID, plan_id: uuid.UUID, outcome_id: uuid.UUID) -> HttpResponse:
    case, plan = changeable_plan(request, case_id, plan_id)
    outcome = Outcome.objects.select_related("child").filter(plan=plan, pk=outcome_id).first()
    if outcome is None:
        if request.method == "POST" and removed_meanwhile(case, "plan_outcome", outcome_id):
            messages.success(request, "Someone else had already removed this outcome.")
            return redirect(plan_url(plan, "outcomes"))
        raise Http404("No such outcome")
    _require_visible(request, case, outcome)
    redact_people(request.user, [outcome.child])
    conflict = None
    version = plan.version
    if request.method == "POST":
        try:
            services.remove_outcome(plan, request.user, outcome, based_on=based_on(request), request=request)
        except services.PlanConflict as exc:
            conflict = _conflict(request, exc)
            version = exc.plan.version
        else:
            messages.success(request, "Outcome removed. Earlier versions of the plan still show it.")
            return redirect(plan_url(plan, "outcomes"))
    else:
        services.record_read(request.user, outcome, case.pk, request)
    return render(
        request,
        "plans/confirm_remove.html",
        form_context(
            case,
            plan,
            title=f"Remove this outcome for {outcome.child.known_as or outcome.child.first_name}?",
            text=outcome.text,
            based_on=version,
            conflict=conflict,
        ),
        status=409 if conflict else 200,
    )


# Actions -----------------------------------------------------------------------------------------------------


def _require_visible(request: HttpRequest, case: Any, record: Action | Outcome) -> None:
    """A behaviour-change programme's worker gets 404 for support actions and outcomes, and anyone outside the lead
    organisation for one that names a confidential location (plans/access.py)."""
    places = case_places(case)
    visible = (
        access.action_visible(request.user, record, places)
        if isinstance(record, Action)
        else access.outcome_visible(request.user, record, places)
    )
    if not visible:
        raise Http404("No such record")


def _action_in(loaded: LoadedPlan, action_id: uuid.UUID) -> Action | None:
    return next((action for action in loaded.actions if action.pk == action_id), None)


def _action_form(request: HttpRequest, loaded: LoadedPlan, initial: dict[str, Any]) -> ActionForm:
    return ActionForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        people=loaded.people,
        children=loaded.children,
        agencies=access.nameable_agencies(request.user, loaded.agencies),
    )


def _saved_message(request: HttpRequest, action: Action, loaded_number: int | None, verb: str) -> None:
    label = f"Action {loaded_number}" if loaded_number else "Action"
    reasons = draft_reasons(action_facts(action, loaded_number or 0))
    if reasons:
        messages.success(request, f"{label} {verb} as a draft. " + ". ".join(reasons) + ".")
    else:
        messages.success(request, f"{label} {verb}.")


def _fix_initial(loaded: LoadedPlan, action: Action, index: str) -> tuple[dict[str, Any], Any]:
    """The form's starting values with one suggested fix applied (not saved until the worker saves)."""
    fixes = [fix for finding in loaded.findings_for(action) for fix in finding.fixes]
    number = whole_number(index)
    if number is None or number >= len(fixes):
        return ActionForm.initial_from(action), None
    fix = fixes[number]
    initial = ActionForm.initial_from(action)
    initial.update(
        {
            "owner": fix.owner,
            "what": fix.wording,
            "for_whom": f"child:{fix.for_child_id}" if fix.for_child_id else fix.for_whom,
            "owner_worker": "" if fix.owner.startswith("person:") else initial["owner_worker"],
        }
    )
    return initial, fix


@require_http_methods(["GET", "POST"])
def add_action(request: HttpRequest, case_id: uuid.UUID, plan_id: uuid.UUID) -> HttpResponse:
    case, plan = changeable_plan(request, case_id, plan_id)
    loaded = plan_for_viewer(request, case, plan, with_updates=False)
    initial: dict[str, Any] = {}
    if request.GET.get("for"):
        initial["for_whom"] = request.GET["for"]
    form = _action_form(request, loaded, initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            action = services.save_action(plan, request.user, form.action_data(), request=request)
        except services.PlanConflict as exc:
            conflict = _conflict(request, exc)
        else:
            _saved_message(request, action, len(loaded.actions) + 1, "added")
            return redirect(plan_url(plan, f"action-{action.pk}"))
    return render(
        request,
        "plans/action_form.html",
        form_context(case, plan, form=form, title="Add an action", submit_text="Save action", conflict=conflict),
        status=409 if conflict else 200,
    )


@require_http_methods(["GET", "POST"])
def edit_action(request: HttpRequest, case_id: uuid.UUID, plan_id: uuid.UUID, action_id: uuid.UUID) -> HttpResponse:
    case, plan = changeable_plan(request, case_id, plan_id)
    loaded = plan_for_viewer(request, case, plan, with_updates=False)
    action = _action_in(loaded, action_id)
    if action is None:
        if request.method == "POST" and removed_meanwhile(case, "plan_action", action_id):
            form = _action_form(request, loaded, {})
            form.is_valid()
            return render(
                request,
                "plans/action_form.html",
                form_context(
                    case,
                    plan,
                    form=form,
                    title="Add an action",
                    submit_text="Save as a new action",
                    conflict={"message": "Someone else removed this action while you were editing", "changes": None},
                    action_url=reverse("plans:add_action", args=[case.pk, plan.pk]),
                ),
                status=409,
            )
        raise Http404("No such action")
    _require_visible(request, case, action)
    initial, fix = _fix_initial(loaded, action, request.GET.get("fix", ""))
    form = _action_form(request, loaded, initial)
    conflict = None
    version = _version_after_post(request, plan.version) if request.method == "POST" else plan.version
    if request.method == "POST" and form.is_valid():
        try:
            services.save_action(
                plan, request.user, form.action_data(), action=action, based_on=based_on(request), request=request
            )
        except services.PlanConflict as exc:
            conflict = _conflict(request, exc)
            version = exc.plan.version
        else:
            _saved_message(request, action, action.number, "saved")  # type: ignore[attr-defined]
            return redirect(plan_url(plan, f"action-{action.pk}"))
    if request.method == "GET":
        services.record_read(request.user, action, case.pk, request)
    return render(
        request,
        "plans/action_form.html",
        form_context(
            case,
            plan,
            form=form,
            title=f"Change action {action.number}",  # type: ignore[attr-defined]
            submit_text="Save action",
            conflict=conflict,
            based_on=version,
            action=action,
            fix=fix,
            findings=loaded.findings_for(action),
        ),
        status=409 if conflict else 200,
    )


@require_http_methods(["GET", "POST"])
def remove_action(request: HttpRequest, case_id: uuid.UUID, plan_id: uuid.UUID, action_id: uuid.UUID) -> HttpResponse:
    case, plan = changeable_plan(request, case_id, plan_id)
    action = Action.objects.select_related("owner_person", "owner_organisation").filter(plan=plan, pk=action_id).first()
    if action is None:
        if request.method == "POST" and removed_meanwhile(case, "plan_action", action_id):
            messages.success(request, "Someone else had already removed this action.")
            return redirect(plan_url(plan, "actions"))
        raise Http404("No such action")
    _require_visible(request, case, action)
    conflict = None
    version = plan.version
    if request.method == "POST":
        try:
            services.remove_action(plan, request.user, action, based_on=based_on(request), request=request)
        except services.PlanConflict as exc:
            conflict = _conflict(request, exc)
            version = exc.plan.version
        else:
            messages.success(request, "Action removed. Earlier versions of the plan still show it.")
            return redirect(plan_url(plan, "actions"))
    else:
        services.record_read(request.user, action, case.pk, request)
    return render(
        request,
        "plans/confirm_remove.html",
        form_context(
            case,
            plan,
            title="Remove this action?",
            text=action.what,
            based_on=version,
            conflict=conflict,
            hint="If the action was not done, record that as its progress instead: removing it takes it out of the "
            "plan.",
        ),
        status=409 if conflict else 200,
    )


@require_GET
def action_detail(request: HttpRequest, case_id: uuid.UUID, plan_id: uuid.UUID, action_id: uuid.UUID) -> HttpResponse:
    case, plan = readable_plan(request, case_id, plan_id)
    loaded = plan_for_viewer(request, case, plan)
    action = _action_in(loaded, action_id)
    if action is None:
        raise Http404("No such action")
    _require_visible(request, case, action)
    withhold_notes(request, [action])
    services.record_read(request.user, action, case.pk, request)
    return render(
        request,
        "plans/action.html",
        form_context(
            case,
            plan,
            action=action,
            updates=list(action.updates.all()),
            findings=loaded.findings_for(action),
            flags=flags_for(action.what),
            can_edit=can_edit_plan(request, case, plan),
            owner_label=owner_label,
            when_label=when_label,
            for_label=for_label,
        ),
    )


@require_http_methods(["GET", "POST"])
def record_progress(request: HttpRequest, case_id: uuid.UUID, plan_id: uuid.UUID, action_id: uuid.UUID) -> HttpResponse:
    case, plan = changeable_plan(request, case_id, plan_id)
    action = Action.objects.select_related("owner_person", "owner_organisation").filter(plan=plan, pk=action_id).first()
    if action is None:
        raise Http404("No such action")
    _require_visible(request, case, action)
    form = ProgressForm(
        request.POST if request.method == "POST" else None,
        initial={"recorded_on": timezone.localdate(), "status": action.status},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.record_progress(plan, action, request.user, **form.cleaned_data, request=request)
        except services.PlanConflict as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "Progress recorded.")
            return redirect(reverse("plans:action", args=[case.pk, plan.pk, action.pk]))
    if request.method == "GET":
        services.record_read(request.user, action, case.pk, request)
    return render(
        request,
        "plans/form.html",
        form_context(
            case,
            plan,
            form=form,
            title="Record progress on an action",
            submit_text="Save progress",
            intro=action.what,
            back=reverse("plans:action", args=[case.pk, plan.pk, action.pk]),
        ),
    )
