"""Every change the safety app makes, each saved with its audit entry in one transaction.

Safety plans: `create_plan`, `update_plan` (a new revision; earlier ones are kept), `record_review`.
Worker safety flags: `raise_flag`, `lift_flag`.
Contact with the parent using abuse, as explicit transitions (see the app's README):

    plan_contact ─▶ PLANNED ─ complete_safety_check ─▶ CHECKED ─ record_outcome(took_place=True) ─▶ HAPPENED
                       │                                  │                                            │
                       └──── record_outcome(took_place=False) ──▶ DID_NOT_HAPPEN ──────────────────────┤
                                                                                                        ▼
                                                                     record_follow_up ─▶ FOLLOWED_UP

A transition the contact's state does not allow raises `SafetyActionRefused` with a plain message for the page;
the forms stop ordinary mistakes first, these functions stop everything else.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from django.db import transaction
from django.db.models import Model
from django.http import HttpRequest
from django.utils import timezone

from childsafe.accounts.models import User
from childsafe.audit.models import AuditEntry
from childsafe.audit.service import record
from childsafe.cases.models import Case, Person
from childsafe.cases.services import TransitionNotAllowed
from childsafe.safety import rules
from childsafe.safety.checks import CHECK_FIELDS, missing_answers
from childsafe.safety.models import (
    ContactFollowUp,
    ContactSafetyCheck,
    HelpMethod,
    Phase,
    PlannedContact,
    SafetyPlan,
    SafetyPlanReview,
    SafetyPlanRevision,
    Venue,
    WorkerSafetyFlag,
    YesNoUnsure,
)

Action = AuditEntry.Action
Status = PlannedContact.Status
Role = Person.RoleInCase

OBJECT_TYPES: dict[type[Model], str] = {
    SafetyPlan: "safety_plan",
    SafetyPlanReview: "safety_plan_review",
    WorkerSafetyFlag: "worker_safety_flag",
    PlannedContact: "planned_contact",
    ContactSafetyCheck: "contact_safety_check",
    ContactFollowUp: "contact_follow_up",
}
SAFETY_PAGE = "case_safety"


class SafetyActionRefused(TransitionNotAllowed):
    """A change the record's current state or the rules do not allow; the message says why in plain words."""


def audit(by: User, action: str, obj: Model, request: HttpRequest | None, fields: Iterable[str] = ()) -> None:
    record(
        actor=by,
        action=action,
        object_type=OBJECT_TYPES[type(obj)],
        object_id=obj.pk,
        case_id=obj.case_id,  # type: ignore[attr-defined]
        changed_fields=fields,
        request=request,
    )


def record_read(by: User, obj: Model | Case, request: HttpRequest | None, object_type: str | None = None) -> None:
    """Log that `by` read a safety page: the case's safety page (pass the case) or one record's page."""
    with transaction.atomic():
        if isinstance(obj, Case):
            record(
                actor=by,
                action=Action.VIEW,
                object_type=object_type or SAFETY_PAGE,
                object_id=obj.pk,
                case_id=obj.pk,
                request=request,
            )
        else:
            audit(by, Action.VIEW, obj, request)


def _touch(case_id: Any) -> None:
    Case.objects.filter(pk=case_id).update(updated_at=timezone.now())


# --- Safety plans --------------------------------------------------------------------------------------------------


@dataclass
class PlanContent:
    """What a safety plan says. `phase_change_reason` is needed only when the phase changes."""

    safe_place: str
    trusted_person: str
    safe_place_route: str = ""
    trusted_person_contact: str = ""
    help_methods: list[str] = field(default_factory=list)
    summon_help: str = ""
    childs_understanding: str = ""
    other_steps: str = ""
    phase: str = Phase.SAFETY_WORK
    phase_change_reason: str = ""


CONTENT_FIELDS = (
    "safe_place",
    "safe_place_route",
    "trusted_person",
    "trusted_person_contact",
    "help_methods",
    "summon_help",
    "childs_understanding",
    "other_steps",
    "phase",
)


def plan_may_be_made_for(person: Person) -> bool:
    return person.is_child or person.role_in_case == Role.NON_ABUSING_PARENT


def _check_content(person: Person, content: PlanContent) -> None:
    if not content.safe_place.strip():
        raise SafetyActionRefused("Enter a safe place to go")
    if not content.trusted_person.strip():
        raise SafetyActionRefused("Enter a trusted person to talk to")
    if not content.help_methods and not content.summon_help.strip():
        raise SafetyActionRefused("Choose or describe at least one safe way to summon help")
    unknown = set(content.help_methods) - set(HelpMethod.values)
    if unknown:
        raise SafetyActionRefused("Choose safe ways to summon help from the list")
    if content.phase not in Phase.values:
        raise SafetyActionRefused("Choose whether this is safety work or recovery work")
    if not person.is_child and content.childs_understanding:
        raise SafetyActionRefused("A child's own understanding is recorded only on a child's plan")


def _new_revision(plan: SafetyPlan, content: PlanContent, by: User, change_summary: str) -> SafetyPlanRevision:
    values = asdict(content)
    revision = SafetyPlanRevision(
        case_id=plan.case_id,
        plan=plan,
        number=plan.version + 1,
        change_summary=change_summary,
        written_by=by,
        **values,
    )
    revision.save(force_insert=True)
    return revision


def create_plan(
    case: Case,
    person: Person,
    content: PlanContent,
    *,
    by: User,
    request: HttpRequest | None = None,
    made_on: dt.date | None = None,
) -> SafetyPlan:
    """Make the first version of a person's safety plan. One plan per person: later changes are new versions.

    `made_on` is the day the plan was made with the person, when it is recorded later (default today); the
    version's own timestamp is always when it was recorded.
    """
    if person.case_id != case.pk or not plan_may_be_made_for(person):
        raise SafetyActionRefused("A safety plan is made for a child or the non-abusing parent in this case")
    _check_content(person, content)
    today = made_on or timezone.localdate()
    if today > timezone.localdate():
        raise SafetyActionRefused("The day the plan was made must be today or in the past")
    with transaction.atomic():
        if SafetyPlan.objects.select_for_update().filter(person=person).exists():
            raise SafetyActionRefused(f"{person.first_name} already has a safety plan: change it instead")
        plan = SafetyPlan(
            case=case, person=person, phase=content.phase, phase_since=today, made_on=today, created_by=by
        )
        plan.save(force_insert=True)
        # A first version starts in its phase; there is no change of phase to explain.
        revision = _new_revision(plan, replace(content, phase_change_reason=""), by, change_summary="")
        plan.current = revision
        plan.version = revision.number
        plan.save(update_fields=["current", "version"])
        filled = [name for name in CONTENT_FIELDS if getattr(content, name)]
        audit(by, Action.CREATE, plan, request, filled)
        _touch(case.pk)
    return plan


def update_plan(
    plan: SafetyPlan,
    content: PlanContent,
    *,
    change_summary: str,
    by: User,
    request: HttpRequest | None = None,
) -> list[str]:
    """Write a new version of the plan if anything changed; return the names of what changed (empty: nothing
    was written). Changing the phase needs a reason, which is kept with the version, and moves `phase_since`."""
    _check_content(plan.person, content)
    with transaction.atomic():
        # Lock the plan row only (PostgreSQL cannot lock the nullable side of a join), then read its version.
        current = SafetyPlan.objects.select_for_update().get(pk=plan.pk)
        before = current.current
        changed = [name for name in CONTENT_FIELDS if before is None or getattr(before, name) != getattr(content, name)]
        if not changed:
            return []
        phase_changed = before is None or before.phase != content.phase
        if phase_changed and not content.phase_change_reason.strip():
            raise SafetyActionRefused("Say why the plan is moving to " + Phase(content.phase).label.lower())
        if not phase_changed:
            content.phase_change_reason = ""
        if not change_summary.strip():
            raise SafetyActionRefused("Say what changed in the plan, and why")
        revision = _new_revision(current, content, by, change_summary)
        current.current = revision
        current.version = revision.number
        current.updated_at = timezone.now()
        fields = ["current", "version", "updated_at"]
        if phase_changed:
            current.phase = content.phase
            current.phase_since = timezone.localdate()
            fields += ["phase", "phase_since"]
        current.save(update_fields=fields)
        audit(by, Action.UPDATE, current, request, changed + (["phase_change_reason"] if phase_changed else []))
        _touch(current.case_id)
    for name in ("current", "version", "phase", "phase_since", "updated_at"):
        setattr(plan, name, getattr(current, name))
    return changed


def record_review(
    plan: SafetyPlan,
    *,
    reviewed_on: dt.date,
    reviewed_with: str,
    how: str,
    outcome: str,
    what_changed: str = "",
    by: User,
    request: HttpRequest | None = None,
) -> SafetyPlanReview:
    """ "Reviewed with Mia today: still right" (or "changed", with what changed). Moves the last-review date on
    only if this review is the newest, so recording an older review late never makes a plan look fresher."""
    if reviewed_on > timezone.localdate():
        raise SafetyActionRefused("The date of the review must be today or in the past")
    if reviewed_on < plan.made_on:
        raise SafetyActionRefused("The date of the review must be on or after the day the plan was made")
    if not reviewed_with.strip():
        raise SafetyActionRefused("Enter who the plan was reviewed with")
    if how not in SafetyPlanReview.How.values or outcome not in SafetyPlanReview.Outcome.values:
        raise SafetyActionRefused("Choose how the plan was reviewed and whether it is still right")
    if outcome == SafetyPlanReview.Outcome.CHANGED and not what_changed.strip():
        raise SafetyActionRefused("Say what has changed")
    with transaction.atomic():
        current = SafetyPlan.objects.select_for_update().get(pk=plan.pk)
        review = SafetyPlanReview(
            case_id=current.case_id,
            plan=current,
            reviewed_on=reviewed_on,
            reviewed_with=reviewed_with,
            how=how,
            outcome=outcome,
            what_changed=what_changed if outcome == SafetyPlanReview.Outcome.CHANGED else "",
            revision_number=current.version,
            reviewed_by=by,
        )
        review.save(force_insert=True)
        if current.last_reviewed_on is None or reviewed_on > current.last_reviewed_on:
            current.last_reviewed_on = reviewed_on
            current.save(update_fields=["last_reviewed_on"])
        audit(by, Action.CREATE, review, request, ["reviewed_on", "reviewed_with", "how", "outcome", "what_changed"])
        _touch(current.case_id)
    plan.last_reviewed_on = current.last_reviewed_on
    return review


# --- Worker safety flags -------------------------------------------------------------------------------------------


def raise_flag(
    case: Case,
    person: Person,
    *,
    kind: str,
    review_by: dt.date,
    details: str = "",
    manager_must_agree: bool = False,
    by: User,
    request: HttpRequest | None = None,
) -> WorkerSafetyFlag:
    if person.case_id != case.pk:
        raise SafetyActionRefused("A worker safety flag is raised on a person in this case")
    if kind not in WorkerSafetyFlag.Kind.values:
        raise SafetyActionRefused("Choose what colleagues need to know")
    if kind == WorkerSafetyFlag.Kind.OTHER and not details.strip():
        raise SafetyActionRefused("Describe the risk to workers")
    if review_by < timezone.localdate():
        raise SafetyActionRefused("The review date must be today or in the future")
    with transaction.atomic():
        flag = WorkerSafetyFlag(
            case=case,
            person=person,
            kind=kind,
            details=details,
            manager_must_agree=manager_must_agree,
            review_by=review_by,
            raised_by=by,
            raised_on=timezone.localdate(),
        )
        flag.save(force_insert=True)
        fields = ["person", "kind", "review_by"]
        fields += ["details"] if details else []
        fields += ["manager_must_agree"] if manager_must_agree else []
        audit(by, Action.CREATE, flag, request, fields)
        _touch(case.pk)
    return flag


def lift_flag(flag: WorkerSafetyFlag, *, reason: str, by: User, request: HttpRequest | None = None) -> WorkerSafetyFlag:
    if not reason.strip():
        raise SafetyActionRefused("Say why the flag is being lifted")
    with transaction.atomic():
        current = WorkerSafetyFlag.objects.select_for_update().get(pk=flag.pk)
        if not current.is_active:
            raise SafetyActionRefused("This flag has already been lifted")
        current.lifted_on = timezone.localdate()
        current.lifted_by = by
        current.lifted_reason = reason
        current.save(update_fields=["lifted_on", "lifted_by", "lifted_reason"])
        audit(by, Action.UPDATE, current, request, ["lifted_on", "lifted_by", "lifted_reason"])
        _touch(current.case_id)
    return current


def active_flags_on(person: Person) -> list[WorkerSafetyFlag]:
    return list(WorkerSafetyFlag.objects.filter(person=person, lifted_on__isnull=True))


# --- Contact with the parent using abuse ---------------------------------------------------------------------------


@dataclass
class ContactPlan:
    planned_for: dt.date
    meeting_workers: str
    venue: str
    venue_detail: str
    purpose: str


CONTACT_FIELDS = ("planned_for", "meeting_workers", "venue", "venue_detail", "purpose")


def home_visit_refusal(person: Person, flags: Iterable[WorkerSafetyFlag]) -> str:
    """The message when a flag rules out meeting this person at the family home, or "" when none does."""
    ruling = rules.flags_ruling_out_home_visits([flag.kind for flag in flags])
    if not ruling:
        return ""
    labels = ", ".join(f"“{WorkerSafetyFlag.Kind(kind).label.lower()}”" for kind in dict.fromkeys(ruling))
    return f"Meet at an office, not the family home: there is a worker safety flag on {person.display_name} ({labels})"


def _check_contact_plan(case: Case, person: Person, plan: ContactPlan) -> None:
    if person.case_id != case.pk or person.role_in_case != Role.PARENT_USING_ABUSE:
        raise SafetyActionRefused("Contact is planned with the parent using abuse in this case")
    if plan.planned_for < timezone.localdate():
        raise SafetyActionRefused("The date of the contact must be today or in the future")
    if plan.venue not in Venue.values:
        raise SafetyActionRefused("Choose where the contact will be")
    if plan.venue == Venue.FAMILY_HOME:
        refusal = home_visit_refusal(person, active_flags_on(person))
        if refusal:
            raise SafetyActionRefused(refusal)
    for name in ("meeting_workers", "venue_detail", "purpose"):
        if not getattr(plan, name).strip():
            raise SafetyActionRefused("Enter who will meet them, where exactly and the purpose of the contact")


def plan_contact(
    case: Case, person: Person, plan: ContactPlan, *, by: User, request: HttpRequest | None = None
) -> PlannedContact:
    _check_contact_plan(case, person, plan)
    with transaction.atomic():
        contact = PlannedContact(case=case, person=person, planned_by=by, status=Status.PLANNED, **asdict(plan))
        contact.save(force_insert=True)
        audit(by, Action.CREATE, contact, request, ["person", *CONTACT_FIELDS])
        _touch(case.pk)
    return contact


def _locked(contact: PlannedContact) -> PlannedContact:
    return PlannedContact.objects.select_for_update(of=("self",)).select_related("person").get(pk=contact.pk)


def _refresh(contact: PlannedContact, current: PlannedContact) -> PlannedContact:
    for model_field in PlannedContact._meta.concrete_fields:
        setattr(contact, model_field.attname, getattr(current, model_field.attname))
    return contact


def update_contact(
    contact: PlannedContact, plan: ContactPlan, *, by: User, request: HttpRequest | None = None
) -> list[str]:
    """Change the plan of a contact whose safety check is not yet done. Once checked, the check was made for
    this plan: a different plan needs its own check, so the contact is recorded as not happening instead."""
    with transaction.atomic():
        current = _locked(contact)
        if current.status != Status.PLANNED:
            raise SafetyActionRefused("Only a contact still waiting for its safety check can be changed")
        _check_contact_plan(current.case, current.person, plan)
        changed = [name for name in CONTACT_FIELDS if getattr(current, name) != getattr(plan, name)]
        if changed:
            for name in changed:
                setattr(current, name, getattr(plan, name))
            current.updated_at = timezone.now()
            current.save()
            audit(by, Action.UPDATE, current, request, changed)
            _touch(current.case_id)
    _refresh(contact, current)
    return changed


def save_safety_check(
    contact: PlannedContact, answers: Mapping[str, Any], *, by: User, request: HttpRequest | None = None
) -> ContactSafetyCheck:
    """Save the answers so far (a draft is fine); the contact stays planned until `complete_safety_check`."""
    unknown = set(answers) - set(CHECK_FIELDS)
    if unknown:
        raise SafetyActionRefused(f"Unknown safety check answers: {', '.join(sorted(unknown))}")
    with transaction.atomic():
        current = _locked(contact)
        if current.status != Status.PLANNED:
            raise SafetyActionRefused("The safety check is already complete for this contact")
        check = ContactSafetyCheck.objects.filter(contact=current).first()
        creating = check is None
        if check is None:
            check = ContactSafetyCheck(case_id=current.case_id, contact=current)
        changed = [name for name in answers if getattr(check, name) != answers[name]]
        for name, value in answers.items():
            setattr(check, name, value)
        if creating or changed:
            check.updated_by = by
            check.updated_at = timezone.now()
            check.save(force_insert=creating)
            audit(by, Action.CREATE if creating else Action.UPDATE, check, request, changed)
            _touch(current.case_id)
    return check


def unanswered(contact: PlannedContact, check: ContactSafetyCheck | None) -> dict[str, str]:
    """What is still missing for this contact to go ahead, given the person's active worker safety flags now."""
    flags = active_flags_on(contact.person)
    answers = {name: getattr(check, name) for name in CHECK_FIELDS} if check else {}
    return missing_answers(
        answers,
        flag_kinds=[flag.kind for flag in flags],
        manager_must_agree=any(flag.manager_must_agree for flag in flags),
    )


def complete_safety_check(contact: PlannedContact, *, by: User, request: HttpRequest | None = None) -> PlannedContact:
    """PLANNED → CHECKED, only when every question of the check is answered well enough."""
    with transaction.atomic():
        current = _locked(contact)
        if current.status != Status.PLANNED:
            raise SafetyActionRefused(_already(current, "mark the safety check complete"))
        check = ContactSafetyCheck.objects.filter(contact=current).first()
        missing = unanswered(current, check)
        if missing:
            raise SafetyActionRefused(
                "The safety check is not complete: " + "; ".join(missing.values()).rstrip(".") + "."
            )
        if current.venue == Venue.FAMILY_HOME:
            refusal = home_visit_refusal(current.person, active_flags_on(current.person))
            if refusal:
                raise SafetyActionRefused(refusal)
        current.status = Status.CHECKED
        current.checked_on = timezone.localdate()
        current.checked_by = by
        current.updated_at = timezone.now()
        current.save()
        audit(by, Action.UPDATE, current, request, ["status", "checked_on", "checked_by"])
        _touch(current.case_id)
    return _refresh(contact, current)


def record_outcome(
    contact: PlannedContact,
    *,
    took_place: bool,
    outcome_on: dt.date,
    notes: str,
    by: User,
    request: HttpRequest | None = None,
) -> PlannedContact:
    """CHECKED → HAPPENED, or PLANNED/CHECKED → DID_NOT_HAPPEN; either way a follow-up with her is now due.

    A contact without a completed safety check cannot be recorded as having gone ahead: the check comes first.
    """
    if outcome_on > timezone.localdate():
        raise SafetyActionRefused("The date must be today or in the past")
    if not notes.strip():
        raise SafetyActionRefused("Say what happened" if took_place else "Say why the contact did not happen")
    with transaction.atomic():
        current = _locked(contact)
        if took_place and current.status == Status.PLANNED:
            raise SafetyActionRefused(
                "This contact has no completed safety check, so it cannot be recorded as having gone ahead. "
                "Complete the safety check first."
            )
        if current.status not in {Status.PLANNED, Status.CHECKED}:
            raise SafetyActionRefused(_already(current, "record what happened"))
        current.status = Status.HAPPENED if took_place else Status.DID_NOT_HAPPEN
        current.took_place = took_place
        current.outcome_on = outcome_on
        current.outcome_notes = notes
        current.outcome_by = by
        current.follow_up_due = rules.follow_up_due(outcome_on)
        current.updated_at = timezone.now()
        current.save()
        audit(by, Action.UPDATE, current, request, ["status", "took_place", "outcome_on", "outcome_notes"])
        _touch(current.case_id)
    return _refresh(contact, current)


@dataclass
class FollowUpAnswers:
    followed_up_on: dt.date
    spoke_with: str
    safety_changed: str
    retaliation: str
    support_worker: str = ""
    notes: str = ""


def record_follow_up(
    contact: PlannedContact, answers: FollowUpAnswers, *, by: User, request: HttpRequest | None = None
) -> ContactFollowUp:
    """HAPPENED or DID_NOT_HAPPEN → FOLLOWED_UP: what she (or her support worker) said about her safety since."""
    if answers.followed_up_on > timezone.localdate():
        raise SafetyActionRefused("The date of the follow-up must be today or in the past")
    if answers.spoke_with not in ContactFollowUp.SpokeWith.values:
        raise SafetyActionRefused("Say who you followed up with")
    if answers.spoke_with == ContactFollowUp.SpokeWith.SUPPORT_WORKER and not answers.support_worker.strip():
        raise SafetyActionRefused("Enter the support worker’s name and organisation")
    if answers.safety_changed not in YesNoUnsure.values:
        raise SafetyActionRefused("Say whether the contact changed anything for her safety")
    if answers.retaliation not in ContactFollowUp.Retaliation.values:
        raise SafetyActionRefused("Say whether there has been any retaliation")
    if (answers.retaliation == "yes" or answers.safety_changed == "yes") and not answers.notes.strip():
        raise SafetyActionRefused("Say what happened and what is being done about it")
    with transaction.atomic():
        current = _locked(contact)
        if current.status not in {Status.HAPPENED, Status.DID_NOT_HAPPEN}:
            raise SafetyActionRefused(_already(current, "record the follow-up"))
        if current.outcome_on and answers.followed_up_on < current.outcome_on:
            raise SafetyActionRefused("The date of the follow-up must be on or after the day of the contact")
        follow_up = ContactFollowUp(case_id=current.case_id, contact=current, recorded_by=by, **asdict(answers))
        follow_up.save(force_insert=True)
        current.status = Status.FOLLOWED_UP
        current.updated_at = timezone.now()
        current.save()
        audit(by, Action.CREATE, follow_up, request, [name for name, value in asdict(answers).items() if value])
        audit(by, Action.UPDATE, current, request, ["status"])
        _touch(current.case_id)
    _refresh(contact, current)
    return follow_up


def _already(contact: PlannedContact, wanted: str) -> str:
    """Why `wanted` cannot be done now, from the contact's state, in plain words."""
    messages = {
        Status.PLANNED: f"You cannot {wanted} yet: the safety check is not complete",
        Status.CHECKED: f"You cannot {wanted} yet: the contact has not happened",
        Status.HAPPENED: f"You cannot {wanted}: the contact has already been recorded",
        Status.DID_NOT_HAPPEN: f"You cannot {wanted}: the contact has already been recorded as not happening",
        Status.FOLLOWED_UP: f"You cannot {wanted}: this contact has been followed up and is finished",
    }
    return messages[Status(contact.status)]
