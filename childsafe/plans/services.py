"""Every change to a plan: each in one transaction with the plan's new version and its audit entry.

How versions and edit checks work:
- Each change takes the plan's row lock, gives the plan its next version number, writes the change, then stores a
  `PlanVersion` with a snapshot of the whole plan as it now stands. Earlier versions are never touched.
- Every outcome and action remembers the version in which it last changed (`changed_in_version`), and the plan the
  version in which its own details last changed. A form carries the version the worker started from
  (`based_on`). If what they are saving changed after that, `PlanConflict` is raised and nothing is written, so
  a second person never silently overwrites the first; the view shows them what changed, keeping what they typed.
  Adding an outcome or action overwrites nothing, so it is not checked (unless the plan has ended meanwhile).
- Progress updates are appended, never overwritten; they set the action's status and make a version too.

Audit entries name what changed (field names), never values, with `object_type` "plan", "plan_outcome",
"plan_action", "plan_progress", "plan_version", "plan_review" or "plan_prompt_acknowledgement".
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from childsafe.accounts.models import Organisation, User
from childsafe.audit.models import AuditEntry
from childsafe.audit.service import record
from childsafe.cases.models import Case, Person
from childsafe.plans import accountability as rules
from childsafe.plans import schedule
from childsafe.plans.models import (
    Action,
    ChildView,
    Outcome,
    Plan,
    PlanVersion,
    ProgressUpdate,
    PromptAcknowledgement,
    Review,
)
from childsafe.plans.reading import LoadedPlan, agency_facts, load_plan
from childsafe.plans.versions import snapshot

Verb = AuditEntry.Action

PLAN_FIELDS = ("kind", "start_date", "first_review_on", "review_interval_months")
OUTCOME_FIELDS = ("child", "text", "share_with_parent_using_abuse")
ACTION_FIELDS = (
    "owner_person",
    "owner_organisation",
    "owner_worker",
    "what",
    "due_on",
    "frequency_times",
    "frequency_unit",
    "measure",
    "for_whom",
    "for_child",
)
OBJECT_TYPES = {
    Plan: "plan",
    Outcome: "plan_outcome",
    Action: "plan_action",
    ProgressUpdate: "plan_progress",
    PlanVersion: "plan_version",
    Review: "plan_review",
    PromptAcknowledgement: "plan_prompt_acknowledgement",
}


class PlanConflict(Exception):
    """What the worker is saving changed (or went) after they started; nothing was written."""

    def __init__(self, plan: Plan, message: str) -> None:
        super().__init__(message)
        self.plan = plan
        self.message = message


class PlanNotChangeable(Exception):
    """The change is not allowed in the plan's state; the message says why in plain words."""


def audit(by: User, verb: str, obj: Any, case_id: Any, request: HttpRequest | None, fields: Iterable[str] = ()) -> None:
    record(
        actor=by,
        action=verb,
        object_type=OBJECT_TYPES[type(obj)],
        object_id=obj.pk,
        case_id=case_id,
        changed_fields=fields,
        request=request,
    )


def record_read(by: User, obj: Any, case_id: Any, request: HttpRequest | None) -> None:
    """Log that someone read a plan, version or review page."""
    with transaction.atomic():
        audit(by, Verb.VIEW, obj, case_id, request)


def record_case_plans_read(by: User, case: Case, request: HttpRequest | None) -> None:
    """Log that someone read the case's list of plans."""
    with transaction.atomic():
        record(
            actor=by, action=Verb.VIEW, object_type="case_plans", object_id=case.pk, case_id=case.pk, request=request
        )


def _lock(plan: Plan) -> Plan:
    locked = Plan.objects.select_for_update().get(pk=plan.pk)
    locked.case = plan.case
    return locked


def _require_changeable(plan: Plan) -> None:
    if plan.status == Plan.Status.ENDED:
        raise PlanConflict(plan, "This plan has ended, so it can no longer be changed")


def _check_unchanged(plan: Plan, changed_in: int, based_on: int | None) -> None:
    if based_on is not None and changed_in > based_on:
        raise PlanConflict(plan, "Someone else changed this plan while you were editing")


def _new_version(plan: Plan, by: User, summary: str, request: HttpRequest | None) -> PlanVersion:
    """Store the plan as it now stands as version `plan.version` (already advanced by the caller), and log it."""
    loaded = load_plan(plan, with_updates=False)
    version = PlanVersion(
        plan=plan,
        number=plan.version,
        made_by=by,
        summary=summary[:300],
        content=snapshot(plan, loaded.outcomes, loaded.actions, loaded.children),
    )
    version.save(force_insert=True)
    Plan.objects.filter(pk=plan.pk).update(version=plan.version, updated_at=timezone.now())
    Case.objects.filter(pk=plan.case_id).update(updated_at=timezone.now())
    audit(by, Verb.CREATE, version, plan.case_id, request, ["number", "summary", "content"])
    return version


def _next_version(plan: Plan) -> int:
    plan.version += 1
    return plan.version


def _changed(current: Any, data: Mapping[str, Any], names: Iterable[str]) -> list[str]:
    return [name for name in names if name in data and getattr(current, name) != data[name]]


def create_plan(
    case: Case,
    by: User,
    *,
    kind: str,
    start_date: dt.date | None,
    children: Iterable[Person],
    first_review_on: dt.date | None = None,
    review_interval_months: int | None = None,
    request: HttpRequest | None = None,
) -> Plan:
    """A new draft plan, with the review schedule for its kind unless one is given, as version 1."""
    children = list(children)
    if any(child.case_id != case.pk or not child.is_child for child in children):
        raise PlanNotChangeable("A plan can cover only the children in this case")
    if first_review_on is None and start_date is not None:
        first_review_on = schedule.first_review_for(kind, start_date)
    with transaction.atomic():
        plan = Plan(
            case=case,
            kind=kind,
            start_date=start_date,
            first_review_on=first_review_on,
            review_interval_months=review_interval_months or schedule.interval_for(kind),
            created_by=by,
            version=1,
            details_changed_in_version=1,
        )
        plan.save(force_insert=True)
        plan.children.set(children)
        audit(by, Verb.CREATE, plan, case.pk, request, [*PLAN_FIELDS, "children", "status"])
        _new_version(plan, by, f"Started a draft {plan.get_kind_display().lower()}", request)
    return plan


def update_plan_details(
    plan: Plan, by: User, data: Mapping[str, Any], *, based_on: int | None, request: HttpRequest | None = None
) -> list[str]:
    """Change the plan's kind, dates, children or schedule. Returns the names of what changed."""
    with transaction.atomic():
        current = _lock(plan)
        _require_changeable(current)
        _check_unchanged(current, current.details_changed_in_version, based_on)
        changed = _changed(current, data, PLAN_FIELDS)
        children = list(data.get("children", []))
        if any(child.case_id != current.case_id or not child.is_child for child in children):
            raise PlanNotChangeable("A plan can cover only the children in this case")
        old_children = set(current.children.values_list("pk", flat=True))
        if "children" in data and {child.pk for child in children} != old_children:
            changed.append("children")
        if not changed:
            return []
        for name in changed:
            if name != "children":
                setattr(current, name, data[name])
        if "children" in changed:
            current.children.set(children)
        number = _next_version(current)
        current.details_changed_in_version = number
        current.updated_at = timezone.now()
        current.save()
        audit(by, Verb.UPDATE, current, current.case_id, request, changed)
        _new_version(current, by, f"Changed the plan's details: {_labels(changed)}", request)
    _refresh(plan, current)
    return changed


FIELD_WORDS = {
    "kind": "kind of plan",
    "start_date": "start date",
    "first_review_on": "first review",
    "review_interval_months": "review interval",
    "children": "children covered",
    "child": "child",
    "text": "outcome",
    "share_with_parent_using_abuse": "sharing",
    "owner_person": "who is responsible",
    "owner_organisation": "who is responsible",
    "owner_worker": "worker",
    "what": "what",
    "due_on": "when",
    "frequency_times": "when",
    "frequency_unit": "when",
    "measure": "measure",
    "for_whom": "for whom",
    "for_child": "for whom",
    "status": "status",
}


def _labels(names: Iterable[str]) -> str:
    words: list[str] = []
    for name in names:
        word = FIELD_WORDS.get(name, name)
        if word not in words:
            words.append(word)
    return ", ".join(words)


def _refresh(target: Any, source: Any) -> None:
    for model_field in type(source)._meta.concrete_fields:
        setattr(target, model_field.attname, getattr(source, model_field.attname))


def _for_whom_words(for_whom: str, child: Person | None) -> str:
    if for_whom == Action.ForWhom.CHILD and child is not None:
        return f"for {child.known_as or child.first_name}"
    return {
        Action.ForWhom.NON_ABUSING_PARENT: "for the non-abusing parent",
        Action.ForWhom.PARENT_USING_ABUSE: "for the parent using abuse",
        Action.ForWhom.WHOLE_FAMILY: "for the whole family",
    }.get(for_whom, "")


def save_outcome(
    plan: Plan,
    by: User,
    data: Mapping[str, Any],
    *,
    outcome: Outcome | None = None,
    based_on: int | None = None,
    request: HttpRequest | None = None,
) -> Outcome:
    """Add an outcome for a child (no `outcome`) or change one."""
    child: Person = data["child"]
    if child.case_id != plan.case_id or not child.is_child:
        raise PlanNotChangeable("An outcome is for a child in this case")
    with transaction.atomic():
        current_plan = _lock(plan)
        _require_changeable(current_plan)
        if outcome is None:
            current = Outcome(plan=current_plan, **{name: data[name] for name in OUTCOME_FIELDS if name in data})
            changed = [name for name in OUTCOME_FIELDS if data.get(name) not in (None, "", False)]
            verb, summary = Verb.CREATE, f"Added an outcome for {child.known_as or child.first_name}"
        else:
            current = Outcome.objects.select_for_update().filter(pk=outcome.pk, plan=current_plan).first()
            if current is None:
                raise PlanConflict(current_plan, "Someone else removed this outcome while you were editing")
            _check_unchanged(current_plan, current.changed_in_version, based_on)
            changed = _changed(current, data, OUTCOME_FIELDS)
            if not changed:
                return current
            for name in changed:
                setattr(current, name, data[name])
            verb = Verb.UPDATE
            summary = f"Changed an outcome for {child.known_as or child.first_name}: {_labels(changed)}"
        current.changed_in_version = _next_version(current_plan)
        current.save(force_insert=outcome is None)
        audit(by, verb, current, plan.case_id, request, changed)
        _new_version(current_plan, by, summary, request)
    plan.version = current_plan.version
    return current


def remove_outcome(
    plan: Plan, by: User, outcome: Outcome, *, based_on: int | None, request: HttpRequest | None = None
) -> None:
    with transaction.atomic():
        current_plan = _lock(plan)
        _require_changeable(current_plan)
        current = Outcome.objects.select_for_update().filter(pk=outcome.pk, plan=current_plan).first()
        if current is None:
            return  # Already removed by someone else: the worker wanted it gone, and it is.
        _check_unchanged(current_plan, current.changed_in_version, based_on)
        audit(by, Verb.DELETE, current, plan.case_id, request)
        child = outcome.child
        current.delete()
        _next_version(current_plan)
        _new_version(current_plan, by, f"Removed an outcome for {child.known_as or child.first_name}", request)
    plan.version = current_plan.version


def _check_action_people(plan: Plan, data: Mapping[str, Any]) -> None:
    owner = data.get("owner_person")
    if owner is not None and owner.case_id != plan.case_id:
        raise PlanNotChangeable("The person responsible must be someone in this case")
    child = data.get("for_child")
    if child is not None and (child.case_id != plan.case_id or not child.is_child):
        raise PlanNotChangeable("An action for a child is for a child in this case")
    if data.get("owner_person") is not None and data.get("owner_organisation") is not None:
        raise PlanNotChangeable("Choose one person or one agency to be responsible, not both")
    if data.get("due_on") is not None and data.get("frequency_times") is not None:
        raise PlanNotChangeable("Give either a date or how often, not both")


def save_action(
    plan: Plan,
    by: User,
    data: Mapping[str, Any],
    *,
    action: Action | None = None,
    based_on: int | None = None,
    request: HttpRequest | None = None,
) -> Action:
    """Add an action (no `action`) or change one. An action without an owner or a date/frequency is kept as a
    draft: it is saved all the same, and `Action.is_draft` says so."""
    _check_action_people(plan, data)
    with transaction.atomic():
        current_plan = _lock(plan)
        _require_changeable(current_plan)
        if action is None:
            whom = _for_whom_words(data.get("for_whom", ""), data.get("for_child"))
            current = Action(plan=current_plan, **{name: data[name] for name in ACTION_FIELDS if name in data})
            changed = [name for name in ACTION_FIELDS if data.get(name) not in (None, "")]
            verb, summary = Verb.CREATE, f"Added an action {whom}"
        else:
            current = Action.objects.select_for_update().filter(pk=action.pk, plan=current_plan).first()
            if current is None:
                raise PlanConflict(current_plan, "Someone else removed this action while you were editing")
            _check_unchanged(current_plan, current.changed_in_version, based_on)
            changed = [
                name
                for name in ACTION_FIELDS
                if name in data and getattr(current, _attname(name)) != _comparable(data[name])
            ]
            if not changed:
                return current
            for name in changed:
                setattr(current, name, data[name])
            whom = _for_whom_words(current.for_whom, current.for_child if current.for_child_id else None)
            verb, summary = Verb.UPDATE, f"Changed an action {whom}: {_labels(changed)}"
        if current.is_draft:
            summary += " (draft)"
        current.changed_in_version = _next_version(current_plan)
        current.updated_at = timezone.now()
        current.save(force_insert=action is None)
        audit(by, verb, current, plan.case_id, request, changed)
        _new_version(current_plan, by, summary, request)
    plan.version = current_plan.version
    return current


def _attname(name: str) -> str:
    return f"{name}_id" if name in {"owner_person", "owner_organisation", "for_child"} else name


def _comparable(value: Any) -> Any:
    return value.pk if hasattr(value, "pk") else value


def remove_action(
    plan: Plan, by: User, action: Action, *, based_on: int | None, request: HttpRequest | None = None
) -> None:
    with transaction.atomic():
        current_plan = _lock(plan)
        _require_changeable(current_plan)
        current = Action.objects.select_for_update().filter(pk=action.pk, plan=current_plan).first()
        if current is None:
            return
        _check_unchanged(current_plan, current.changed_in_version, based_on)
        whom = _for_whom_words(current.for_whom, action.for_child if current.for_child_id else None)
        audit(by, Verb.DELETE, current, plan.case_id, request)
        current.delete()
        _next_version(current_plan)
        _new_version(current_plan, by, f"Removed an action {whom}", request)
    plan.version = current_plan.version


def record_progress(
    plan: Plan,
    action: Action,
    by: User,
    *,
    recorded_on: dt.date,
    status: str,
    note: str,
    request: HttpRequest | None = None,
) -> ProgressUpdate:
    """Add dated evidence to an action and set its status. Appended, never overwriting anyone's update."""
    if status not in Action.Status.values:
        raise PlanNotChangeable("Choose the action's status")
    with transaction.atomic():
        current_plan = _lock(plan)
        _require_changeable(current_plan)
        current = Action.objects.select_for_update().filter(pk=action.pk, plan=current_plan).first()
        if current is None:
            raise PlanConflict(current_plan, "Someone else removed this action while you were recording progress")
        update = ProgressUpdate(action=current, recorded_on=recorded_on, status=status, note=note, recorded_by=by)
        update.save(force_insert=True)
        audit(by, Verb.CREATE, update, plan.case_id, request, ["recorded_on", "status", "note"])
        _next_version(current_plan)
        summary = "Recorded progress on an action"
        if current.status != status:
            old = current.get_status_display().lower()
            current.status = status
            current.changed_in_version = current_plan.version
            current.updated_at = timezone.now()
            current.save()
            audit(by, Verb.UPDATE, current, plan.case_id, request, ["status"])
            summary += f": {old} to {current.get_status_display().lower()}"
        _new_version(current_plan, by, summary, request)
    plan.version = current_plan.version
    return update


class ActivationRefused(PlanNotChangeable):
    def __init__(self, problems: list[Any]) -> None:
        super().__init__("The plan cannot be made active yet")
        self.problems = problems


def check_in_full(loaded: LoadedPlan, agencies: Iterable[Organisation] | None = None) -> LoadedPlan:
    """Check the loaded plan again with what `load_plan`'s own check leaves out: the outcomes' words (a placeholder
    left from a suggested rewrite blocks the plan), and, when given, only these `agencies` (those a reader may be
    told of, so no suggested fix names another). Everything that decides or shows findings checks through this."""
    outcomes = tuple(
        rules.OutcomeFacts(
            id=str(outcome.pk), child_name=outcome.child.known_as or outcome.child.first_name, text=outcome.text
        )
        for outcome in loaded.outcomes
    )
    changes: dict[str, Any] = {"outcomes": outcomes}
    if agencies is not None:
        changes["agencies"] = tuple(agency_facts(agency) for agency in agencies)
    loaded.facts = dataclasses.replace(loaded.facts, **changes)
    loaded.findings = rules.check_plan(loaded.facts)
    return loaded


def activate_plan(plan: Plan, by: User, *, request: HttpRequest | None = None) -> Plan | None:
    """Make a draft plan the plan in force. Any other active plan for the case ends the same day, in the same
    transaction. Returns the plan that ended, if any. Refused, with every reason, while problems remain."""
    today = timezone.localdate()
    with transaction.atomic():
        current = _lock(plan)
        if current.status != Plan.Status.DRAFT:
            raise PlanNotChangeable("Only a draft plan can be made active")
        problems = check_in_full(load_plan(current, with_updates=False)).activation_problems
        if problems:
            raise ActivationRefused(problems)
        ended = Plan.objects.select_for_update().filter(case_id=current.case_id, status=Plan.Status.ACTIVE).first()
        if ended is not None:
            ended.case = current.case
            _end(ended, by, on=today, reason=f"Replaced by {current.name}", request=request)
        current.status = Plan.Status.ACTIVE
        if current.first_review_on is None:
            current.first_review_on = schedule.first_review_for(current.kind, current.start_date or today)
        current.next_review_on = current.first_review_on
        current.details_changed_in_version = _next_version(current)
        current.updated_at = timezone.now()
        current.save()
        audit(by, Verb.UPDATE, current, current.case_id, request, ["status", "first_review_on", "next_review_on"])
        _new_version(current, by, "Made the plan active", request)
    _refresh(plan, current)
    return ended


def _end(plan: Plan, by: User, *, on: dt.date, reason: str, request: HttpRequest | None) -> None:
    plan.status = Plan.Status.ENDED
    plan.ended_on = on
    plan.end_reason = reason
    plan.next_review_on = None
    plan.details_changed_in_version = _next_version(plan)
    plan.updated_at = timezone.now()
    plan.save()
    audit(by, Verb.CLOSE, plan, plan.case_id, request, ["status", "ended_on", "end_reason"])
    _new_version(plan, by, "Ended the plan", request)


def end_plan(plan: Plan, by: User, *, on: dt.date, reason: str, request: HttpRequest | None = None) -> None:
    with transaction.atomic():
        current = _lock(plan)
        if current.status == Plan.Status.ENDED:
            raise PlanNotChangeable("This plan has already ended")
        _end(current, by, on=on, reason=reason, request=request)
    _refresh(plan, current)


REVIEW_FIELDS = (
    "held_on",
    "others_attended",
    "engagement",
    "engagement_notes",
    "safety_change",
    "safety_notes",
    "decision",
    "next_review_on",
)


def record_review(
    plan: Plan,
    by: User,
    data: Mapping[str, Any],
    *,
    child_views: Mapping[Person, str],
    request: HttpRequest | None = None,
) -> Review:
    """Record a review of an active plan and set the next review date; a decision to end it ends the plan.

    `data` has the REVIEW_FIELDS, `agencies_attended` and `plan_versions` (versions of this plan, made at the
    review). Blank views are not stored.

    A review entered late, held before one already recorded, is kept as a record but moves nothing: the next
    review date stays the one the later review set (as safety plan reviews keep their last-review date), and it
    cannot end the plan a later review decided to continue. A review that does move the date makes a new version
    of the plan, so the plan's history says when and why its next review changed.
    """
    versions = list(data.get("plan_versions", []))
    if any(version.plan_id != plan.pk for version in versions):
        raise PlanNotChangeable("A review can link only to versions of its own plan")
    if any(child.case_id != plan.case_id or not child.is_child for child in child_views):
        raise PlanNotChangeable("Views can be recorded only for the children in this case")
    with transaction.atomic():
        current = _lock(plan)
        if current.status != Plan.Status.ACTIVE:
            raise PlanNotChangeable("Only an active plan is reviewed")
        later = Review.objects.filter(plan=current, held_on__gt=data["held_on"]).order_by("-held_on").first()
        if later is not None and data.get("decision") == Review.Decision.END:
            raise PlanNotChangeable(
                f"A later review, held on {_day(later.held_on)}, has already been recorded. To end the plan, record "
                "a review held on or after that day"
            )
        review = Review(plan=current, recorded_by=by, **{name: data[name] for name in REVIEW_FIELDS})
        if review.decision == Review.Decision.END:
            review.next_review_on = None
        review.save(force_insert=True)
        review.agencies_attended.set(data.get("agencies_attended", []))
        review.plan_versions.set(versions)
        views = [ChildView(review=review, child=child, views=text) for child, text in child_views.items() if text]
        ChildView.objects.bulk_create(views)
        changed = [name for name in REVIEW_FIELDS if getattr(review, name) not in (None, "")]
        changed += ["agencies_attended"] * bool(data.get("agencies_attended")) + ["plan_versions"] * bool(versions)
        changed += [f"views_{view.child_id.hex}" for view in views]
        audit(by, Verb.CREATE, review, current.case_id, request, changed)
        if review.decision == Review.Decision.END:
            _end(current, by, on=review.held_on, reason="Ended at review", request=request)
        elif later is None and current.next_review_on != review.next_review_on:
            current.next_review_on = review.next_review_on
            current.updated_at = timezone.now()
            current.save(update_fields=["next_review_on", "updated_at"])
            audit(by, Verb.UPDATE, current, current.case_id, request, ["next_review_on"])
            _next_version(current)
            summary = f"Reviewed on {_day(review.held_on)}: next review due by {_day(review.next_review_on)}"
            _new_version(current, by, summary, request)
    _refresh(plan, current)
    return review


def _day(value: dt.date | None) -> str:
    return f"{value.day} {value:%B %Y}" if value else ""


def acknowledge_prompt(
    case: Case, by: User, *, key: str, message: str, note: str, request: HttpRequest | None = None
) -> PromptAcknowledgement:
    """Keep a worker's note on an escalation prompt; the prompt is then no longer listed as open."""
    with transaction.atomic():
        acknowledgement, created = PromptAcknowledgement.objects.get_or_create(
            case=case,
            key=key,
            defaults={"message": message[:300], "note": note, "acknowledged_by": by},
        )
        if created:
            audit(by, Verb.CREATE, acknowledgement, case.pk, request, ["key", "message", "note"])
    return acknowledgement
