"""The sensitivity class of every field of the safety app's models (see childsafe.disclosure.classes).

A safety plan's content is SAFETY_PLAN, and LOCATION where it can lead someone to a place or a person (the safe
place and the route to it, how to reach the trusted person). Worker safety flags and contact safety checks are
PROFESSIONAL: they are for professionals and never for either parent. What must not be disclosed is PROFESSIONAL.
What the non-abusing parent said (her perspective before a contact, and after it) is DISCLOSURE.
"""

from __future__ import annotations

from childsafe.disclosure.classes import Sensitivity

ADMIN = Sensitivity.CASE_ADMIN
PLAN = Sensitivity.SAFETY_PLAN
LOCATION = Sensitivity.LOCATION
PROFESSIONAL = Sensitivity.PROFESSIONAL
DISCLOSURE = Sensitivity.DISCLOSURE
ACCOUNTABILITY = Sensitivity.ACCOUNTABILITY

FIELD_CLASSES: dict[str, Sensitivity] = {
    # The plan itself: who it is for, its phase and dates.
    "SafetyPlan.id": ADMIN,
    "SafetyPlan.case": ADMIN,
    "SafetyPlan.person": ADMIN,
    "SafetyPlan.current": ADMIN,
    "SafetyPlan.version": ADMIN,
    # Even the phase says something about where she is in her safety: it is part of the plan.
    "SafetyPlan.phase": PLAN,
    "SafetyPlan.phase_since": PLAN,
    "SafetyPlan.made_on": ADMIN,
    "SafetyPlan.last_reviewed_on": ADMIN,
    "SafetyPlan.created_by": ADMIN,
    "SafetyPlan.created_at": ADMIN,
    "SafetyPlan.updated_at": ADMIN,
    # Each version of its content.
    "SafetyPlanRevision.id": ADMIN,
    "SafetyPlanRevision.case": ADMIN,
    "SafetyPlanRevision.plan": ADMIN,
    "SafetyPlanRevision.number": ADMIN,
    "SafetyPlanRevision.safe_place": LOCATION,
    "SafetyPlanRevision.safe_place_route": LOCATION,
    "SafetyPlanRevision.trusted_person": PLAN,
    "SafetyPlanRevision.trusted_person_contact": LOCATION,
    "SafetyPlanRevision.help_methods": PLAN,
    "SafetyPlanRevision.summon_help": PLAN,
    "SafetyPlanRevision.childs_understanding": PLAN,
    "SafetyPlanRevision.other_steps": PLAN,
    "SafetyPlanRevision.phase": PLAN,
    "SafetyPlanRevision.phase_change_reason": PLAN,
    "SafetyPlanRevision.change_summary": PLAN,
    "SafetyPlanRevision.written_by": ADMIN,
    "SafetyPlanRevision.written_at": ADMIN,
    # Reviews: when and how are admin; who it was reviewed with and what changed belong to the plan.
    "SafetyPlanReview.id": ADMIN,
    "SafetyPlanReview.case": ADMIN,
    "SafetyPlanReview.plan": ADMIN,
    "SafetyPlanReview.reviewed_on": ADMIN,
    "SafetyPlanReview.reviewed_with": PLAN,
    "SafetyPlanReview.how": PLAN,
    "SafetyPlanReview.outcome": PLAN,
    "SafetyPlanReview.what_changed": PLAN,
    "SafetyPlanReview.revision_number": ADMIN,
    "SafetyPlanReview.reviewed_by": ADMIN,
    "SafetyPlanReview.recorded_at": ADMIN,
    # Worker safety flags: for professionals only.
    "WorkerSafetyFlag.id": ADMIN,
    "WorkerSafetyFlag.case": ADMIN,
    "WorkerSafetyFlag.person": PROFESSIONAL,
    "WorkerSafetyFlag.kind": PROFESSIONAL,
    "WorkerSafetyFlag.details": PROFESSIONAL,
    "WorkerSafetyFlag.manager_must_agree": PROFESSIONAL,
    "WorkerSafetyFlag.raised_by": PROFESSIONAL,
    "WorkerSafetyFlag.raised_on": PROFESSIONAL,
    "WorkerSafetyFlag.review_by": PROFESSIONAL,
    "WorkerSafetyFlag.lifted_on": PROFESSIONAL,
    "WorkerSafetyFlag.lifted_by": PROFESSIONAL,
    "WorkerSafetyFlag.lifted_reason": PROFESSIONAL,
    "WorkerSafetyFlag.created_at": ADMIN,
    # A planned contact with the parent using abuse.
    "PlannedContact.id": ADMIN,
    "PlannedContact.case": ADMIN,
    "PlannedContact.person": ADMIN,
    "PlannedContact.planned_for": ADMIN,
    "PlannedContact.meeting_workers": ADMIN,
    "PlannedContact.venue": ADMIN,
    "PlannedContact.venue_detail": ADMIN,
    "PlannedContact.purpose": ACCOUNTABILITY,
    "PlannedContact.status": ADMIN,
    "PlannedContact.planned_by": ADMIN,
    "PlannedContact.checked_on": PROFESSIONAL,
    "PlannedContact.checked_by": PROFESSIONAL,
    "PlannedContact.took_place": ADMIN,
    "PlannedContact.outcome_on": ADMIN,
    "PlannedContact.outcome_notes": PROFESSIONAL,
    "PlannedContact.outcome_by": ADMIN,
    "PlannedContact.follow_up_due": PROFESSIONAL,
    "PlannedContact.created_at": ADMIN,
    "PlannedContact.updated_at": ADMIN,
    # The safety check before it: professional judgement, except what she said.
    "ContactSafetyCheck.id": ADMIN,
    "ContactSafetyCheck.case": ADMIN,
    "ContactSafetyCheck.contact": ADMIN,
    "ContactSafetyCheck.risk_information_read": PROFESSIONAL,
    "ContactSafetyCheck.risk_to_her": PROFESSIONAL,
    "ContactSafetyCheck.risk_to_children": PROFESSIONAL,
    "ContactSafetyCheck.recent_changes": PROFESSIONAL,
    "ContactSafetyCheck.could_increase_risk": PROFESSIONAL,
    "ContactSafetyCheck.risk_management": PROFESSIONAL,
    "ContactSafetyCheck.perspective_gathered": PROFESSIONAL,
    "ContactSafetyCheck.perspective_via": PROFESSIONAL,
    "ContactSafetyCheck.not_safe_to_ask_reason": PROFESSIONAL,
    "ContactSafetyCheck.her_view_on_safety": DISCLOSURE,
    "ContactSafetyCheck.her_view_on_risk": DISCLOSURE,
    "ContactSafetyCheck.childrens_perspective": DISCLOSURE,
    "ContactSafetyCheck.must_not_disclose": PROFESSIONAL,
    "ContactSafetyCheck.must_not_disclose_other": PROFESSIONAL,
    "ContactSafetyCheck.everyone_briefed": PROFESSIONAL,
    "ContactSafetyCheck.worker_arrangements": PROFESSIONAL,
    "ContactSafetyCheck.worker_safety_notes": PROFESSIONAL,
    "ContactSafetyCheck.manager_consulted": PROFESSIONAL,
    "ContactSafetyCheck.manager_advice": PROFESSIONAL,
    "ContactSafetyCheck.updated_by": ADMIN,
    "ContactSafetyCheck.updated_at": ADMIN,
    # The follow-up with her afterwards: what she said is her disclosure.
    "ContactFollowUp.id": ADMIN,
    "ContactFollowUp.case": ADMIN,
    "ContactFollowUp.contact": ADMIN,
    "ContactFollowUp.followed_up_on": ADMIN,
    "ContactFollowUp.spoke_with": PROFESSIONAL,
    "ContactFollowUp.support_worker": PROFESSIONAL,
    "ContactFollowUp.safety_changed": DISCLOSURE,
    "ContactFollowUp.retaliation": DISCLOSURE,
    "ContactFollowUp.notes": DISCLOSURE,
    "ContactFollowUp.recorded_by": ADMIN,
    "ContactFollowUp.recorded_at": ADMIN,
}
