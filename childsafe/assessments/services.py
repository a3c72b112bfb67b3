"""Every change to assessments: starting, saving a draft, completing and scoring, changing a level, signing off.

Each function checks what it is asked against the rules, saves, and writes its audit entry in one transaction,
so both land or neither does. The audit entry names what changed (question ids, never answers).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from childsafe.accounts.models import User
from childsafe.assessments import engine
from childsafe.assessments.instruments import Instrument, instrument_for
from childsafe.assessments.models import Assessment, LevelChange
from childsafe.audit.models import AuditEntry
from childsafe.audit.service import record
from childsafe.cases.models import Case, Person

Action = AuditEntry.Action


class AssessmentNotAllowed(ValueError):
    """A change the rules do not allow; the message says why in plain words."""


def audit(actor: User, action: str, obj: Assessment | LevelChange, case_id: Any, request, fields=()) -> None:
    record(
        actor=actor,
        action=action,
        object_type="assessment" if isinstance(obj, Assessment) else "assessment_level_change",
        object_id=obj.pk,
        case_id=case_id,
        changed_fields=fields,
        request=request,
    )


def record_view(actor: User, assessment: Assessment, request: HttpRequest | None) -> None:
    with transaction.atomic():
        audit(actor, Action.VIEW, assessment, assessment.case_id, request)


def _touch(case_id: Any) -> None:
    Case.objects.filter(pk=case_id).update(updated_at=timezone.now())


def instrument_of(assessment: Assessment) -> Instrument:
    return instrument_for(assessment.instrument_id, assessment.instrument_version, assessment.definition)


def subject_choices(instrument: Instrument, people: Sequence[Person]) -> list[Person]:
    """Who an instrument can be about, among the case's people."""
    if instrument.subject == "child":
        return [person for person in people if person.is_child]
    if instrument.subject == "non_abusing_parent":
        return [person for person in people if person.role_in_case == Person.RoleInCase.NON_ABUSING_PARENT]
    return []


def children_refs(people: Sequence[Person]) -> list[engine.SubjectRef]:
    return [engine.SubjectRef(str(person.pk), person.display_name) for person in people if person.is_child]


def scoring_subjects(
    instrument: Instrument, assessment: Assessment, people: Sequence[Person]
) -> list[engine.SubjectRef]:
    if instrument.results_for == "each_child":
        return children_refs(people)
    if assessment.subject is not None:
        return [engine.SubjectRef(str(assessment.subject.pk), assessment.subject.display_name)]
    return [engine.SubjectRef("household", "The household")]


def start_assessment(
    case: Case, instrument: Instrument, *, subject: Person | None, by: User, request: HttpRequest | None = None
) -> Assessment:
    if not case.is_open:
        raise AssessmentNotAllowed("This case is closed: reopen it to start an assessment")
    if instrument.subject == "household":
        if subject is not None:
            raise AssessmentNotAllowed(f"The {instrument.title.lower()} is about the household, not one person")
    elif subject is None or subject.case_id != case.pk or subject not in subject_choices(instrument, [subject]):
        raise AssessmentNotAllowed(f"Choose {instrument.subject_label} in this case")
    with transaction.atomic():
        assessment = Assessment(
            case=case,
            instrument_id=instrument.id,
            instrument_version=instrument.version,
            instrument_title=instrument.title,
            definition=instrument.definition,
            is_disclosure=instrument.disclosure,
            subject=subject,
            started_by=by,
        )
        assessment.save(force_insert=True)
        audit(by, Action.CREATE, assessment, case.pk, request, ["instrument_id", "instrument_version", "subject"])
        _touch(case.pk)
    return assessment


def _merge(answers: Mapping[str, Any], update: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
    merged = dict(answers)
    changed = []
    for key, value in update.items():
        if engine.is_blank(value):
            if key in merged:
                del merged[key]
                changed.append(key)
        elif merged.get(key) != value:
            merged[key] = value
            changed.append(key)
    return merged, changed


def would_change(answers: Mapping[str, Any], update: Mapping[str, Any]) -> bool:
    """Would saving `update` change these answers? (A second press of the same page changes nothing.)"""
    return bool(_merge(answers, update)[1])


def save_draft(
    assessment: Assessment, update: Mapping[str, Any], *, by: User, request: HttpRequest | None = None
) -> list[str]:
    """Keep the answers given so far; nothing is scored. Returns the ids of the questions that changed."""
    with transaction.atomic():
        current = Assessment.objects.select_for_update().get(pk=assessment.pk)
        if not current.is_draft:
            raise AssessmentNotAllowed("This assessment is complete: its answers can no longer change")
        merged, changed = _merge(current.answers, update)
        if changed:
            current.answers = merged
            current.updated_at = timezone.now()
            current.save(update_fields=["answers", "updated_at"])
            audit(by, Action.UPDATE, current, current.case_id, request, changed)
            _touch(current.case_id)
    assessment.answers = current.answers
    return changed


def complete_assessment(
    assessment: Assessment,
    update: Mapping[str, Any],
    *,
    people: Sequence[Person],
    by: User,
    request: HttpRequest | None = None,
) -> Assessment:
    """Save the last answers, score them with the version the assessment started with, and mark it complete.

    Raises engine.IncompleteAnswers (nothing saved) if any required answer is missing.
    """
    instrument = instrument_of(assessment)
    with transaction.atomic():
        current = Assessment.objects.select_for_update(of=("self",)).select_related("subject").get(pk=assessment.pk)
        if not current.is_draft:
            raise AssessmentNotAllowed("This assessment is already complete")
        merged, changed = _merge(current.answers, update)
        result = engine.score(instrument, merged, scoring_subjects(instrument, current, people))
        current.answers = merged
        current.result = result.to_json() if result is not None else None
        current.status = Assessment.Status.COMPLETED
        current.completed_by = by
        current.completed_at = timezone.now()
        current.updated_at = current.completed_at
        current.save()
        audit(by, Action.UPDATE, current, current.case_id, request, [*changed, "status", "result"])
        _touch(current.case_id)
    for name in ("answers", "result", "status", "completed_by", "completed_at", "updated_at"):
        setattr(assessment, name, getattr(current, name))
    return assessment


def effective_level(assessment: Assessment, person_id: str, changes: Sequence[LevelChange]) -> str | None:
    """The level in force for a person: the answers' level, or the latest change in force (raised, or signed off)."""
    if not assessment.result:
        return None
    result = engine.Result.from_json(assessment.result).for_subject(person_id)
    if result is None:
        return None
    level = result.level
    for change in sorted(changes, key=lambda item: item.requested_at):
        if str(change.person_id) == person_id and change.is_in_force:
            level = change.to_level
    return level


def change_level(
    assessment: Assessment,
    person: Person,
    to_level: str,
    rationale: str,
    *,
    by: User,
    request: HttpRequest | None = None,
) -> LevelChange:
    """Raise a level at once, or ask to lower it; below the answers' level, a lowering waits for sign-off."""
    instrument = instrument_of(assessment)
    scale = instrument.scale
    if assessment.is_draft or not assessment.result or scale is None:
        raise AssessmentNotAllowed("Only a completed, scored assessment has a level to change")
    if not assessment.case.is_open:
        raise AssessmentNotAllowed("This case is closed: reopen it to change a level")
    if not rationale.strip():
        raise AssessmentNotAllowed("Enter your reasons for changing the level")
    person_id = str(person.pk)
    scored = engine.Result.from_json(assessment.result).for_subject(person_id)
    if scored is None:
        raise AssessmentNotAllowed("This assessment gives no level for that person")
    try:
        target = scale.level(to_level)
    except KeyError as exc:
        raise AssessmentNotAllowed("Select a level from the list") from exc
    with transaction.atomic():
        changes = list(LevelChange.objects.select_for_update().filter(assessment=assessment, person=person))
        current = scale.level(effective_level(assessment, person_id, changes) or scored.level)
        if target.rank == current.rank:
            raise AssessmentNotAllowed(f"The level is already {current.label}")
        if target.rank > current.rank:
            direction, status = LevelChange.Direction.RAISE, LevelChange.Status.APPLIED
        elif target.rank >= scored.rank:
            # Taking back a raise: the answers still support the level it returns to.
            direction, status = LevelChange.Direction.LOWER, LevelChange.Status.APPLIED
        else:
            if not scale.allow_lowering:
                raise AssessmentNotAllowed(
                    f"Judgement can raise the {instrument.short_title.lower()} level, never lower it below what the "
                    f"answers give ({scored.level_label})"
                )
            if any(change.status == LevelChange.Status.AWAITING_SIGN_OFF for change in changes):
                raise AssessmentNotAllowed("A lowering for this person is already waiting for a manager's sign-off")
            direction, status = LevelChange.Direction.LOWER, LevelChange.Status.AWAITING_SIGN_OFF
        change = LevelChange(
            assessment=assessment,
            person=person,
            direction=direction,
            from_level=current.id,
            to_level=target.id,
            rationale=rationale.strip(),
            status=status,
            requested_by=by,
        )
        change.save(force_insert=True)
        audit(by, Action.CREATE, change, assessment.case_id, request, ["direction", "to_level", "rationale", "status"])
        _touch(assessment.case_id)
    return change


def decide_sign_off(
    change: LevelChange, *, approve: bool, comment: str, by: User, request: HttpRequest | None = None
) -> LevelChange:
    """A manager signs off a lowering (it comes into force) or declines it (the answers' level stands)."""
    case = change.assessment.case
    if not by.oversees_cases or by.organisation_id != case.lead_organisation_id:
        raise AssessmentNotAllowed("Only a manager in the lead organisation can sign off a lowering")
    if by.pk == change.requested_by_id:
        raise AssessmentNotAllowed("You asked for this lowering, so another manager must sign it off")
    if not case.is_open:
        raise AssessmentNotAllowed("This case is closed: reopen it to sign off a lowering")
    if not approve and not comment.strip():
        raise AssessmentNotAllowed("Enter why you are declining to sign off")
    with transaction.atomic():
        current = LevelChange.objects.select_for_update().get(pk=change.pk)
        if current.status != LevelChange.Status.AWAITING_SIGN_OFF:
            raise AssessmentNotAllowed("This lowering has already been decided")
        current.status = LevelChange.Status.SIGNED_OFF if approve else LevelChange.Status.DECLINED
        current.decided_by = by
        current.decided_at = timezone.now()
        current.decision_comment = comment.strip()
        current.save()
        audit(
            by,
            Action.SIGN_OFF if approve else Action.DECLINE_SIGN_OFF,
            current,
            case.pk,
            request,
            ["status", "decided_by", "decision_comment"],
        )
        _touch(case.pk)
    for name in ("status", "decided_by", "decided_at", "decision_comment"):
        setattr(change, name, getattr(current, name))
    return change


def set_reassess_by(
    assessment: Assessment, on: dt.date | None, *, by: User, request: HttpRequest | None = None
) -> Assessment:
    """Ask for the next assessment sooner than the tier's interval (or clear that request)."""
    if assessment.is_draft:
        raise AssessmentNotAllowed("Complete the assessment before setting when to assess again")
    with transaction.atomic():
        assessment.reassess_by = on
        assessment.updated_at = timezone.now()
        assessment.save(update_fields=["reassess_by", "updated_at"])
        audit(by, Action.UPDATE, assessment, assessment.case_id, request, ["reassess_by"])
        _touch(assessment.case_id)
    return assessment


def record_case_list_view(actor: User, case: Case, request: HttpRequest | None) -> None:
    """The case's assessments page shows levels and results: its reading is logged against the case."""
    with transaction.atomic():
        record(actor=actor, action=Action.VIEW, object_type="case_assessments", object_id=case.pk, case_id=case.pk,
               request=request)  # fmt: skip


def record_sign_off_list_view(actor: User, changes: Sequence[LevelChange], request: HttpRequest | None) -> None:
    """The sign-off list names people and their levels: each lowering shown is a logged read of its case."""
    with transaction.atomic():
        for change in changes:
            audit(actor, Action.VIEW, change, change.assessment.case_id, request)
