"""The sensitivity class of every field of the assessments models, for childsafe.disclosure.

Choices made here, and why:
- The answers of an assessment are classed by what the assessment is: a child's-voice record and the
  victim-survivor checklist hold what a child or the non-abusing parent disclosed, so `Assessment.answers` is
  DISCLOSURE for all (the strictest class any assessment's answers need; the screening's and full assessment's
  answers are professional analysis, but one field cannot be both, and the policy must never let a disclosure out
  through the looser class). `access.py` hides the content of disclosure assessments from perpetrator programmes.
- The result, levels and tiers, the rationale for changing a level and the sign-off comment are PROFESSIONAL
  analysis and judgement.
- The instrument's id, version, title and definition, the status and the dates are CASE_ADMIN: they say what was
  done and when, not what anyone said.
- Who the assessment is about (`subject`) and whose level changed (`person`) are IDENTITY.
"""

from __future__ import annotations

from childsafe.disclosure.classes import Sensitivity

ADMIN = Sensitivity.CASE_ADMIN
IDENTITY = Sensitivity.IDENTITY
DISCLOSURE = Sensitivity.DISCLOSURE
PROFESSIONAL = Sensitivity.PROFESSIONAL

FIELD_CLASSES: dict[str, Sensitivity] = {
    "Assessment.id": ADMIN,
    "Assessment.case": ADMIN,
    "Assessment.instrument_id": ADMIN,
    "Assessment.instrument_version": ADMIN,
    "Assessment.instrument_title": ADMIN,
    "Assessment.definition": ADMIN,
    "Assessment.is_disclosure": ADMIN,
    "Assessment.subject": IDENTITY,
    "Assessment.status": ADMIN,
    "Assessment.answers": DISCLOSURE,
    "Assessment.result": PROFESSIONAL,
    "Assessment.started_by": ADMIN,
    "Assessment.started_at": ADMIN,
    "Assessment.updated_at": ADMIN,
    "Assessment.completed_by": ADMIN,
    "Assessment.completed_at": ADMIN,
    "Assessment.reassess_by": PROFESSIONAL,
    "LevelChange.id": ADMIN,
    "LevelChange.assessment": ADMIN,
    "LevelChange.person": IDENTITY,
    "LevelChange.direction": PROFESSIONAL,
    "LevelChange.from_level": PROFESSIONAL,
    "LevelChange.to_level": PROFESSIONAL,
    "LevelChange.rationale": PROFESSIONAL,
    "LevelChange.status": PROFESSIONAL,
    "LevelChange.requested_by": ADMIN,
    "LevelChange.requested_at": ADMIN,
    "LevelChange.decided_by": ADMIN,
    "LevelChange.decided_at": ADMIN,
    "LevelChange.decision_comment": PROFESSIONAL,
}
