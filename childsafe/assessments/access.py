"""Who may see and do what with assessments, decided here once and used by views and templates alike.

The case itself is decided by `childsafe.cases.access`: no access to the case is a 404 for every assessment page,
and a closed case is read-only. On top of that:

- **Disclosures.** The child's voice and the victim-survivor checklist record what a child or the non-abusing
  parent disclosed. Users of a behaviour-change (perpetrator) programme work with the person using abuse, so they
  never see that content: the assessments list still shows that such a record exists (so no one repeats it
  needlessly), but its page shows only a "not shared with your organisation" note, with no answers, no result and
  no level; the child's voice is left out of the screening and full assessment pages; and they cannot start one.
  We chose a note rather than a 404 because the record's existence is already visible on the case list; its
  content is what must not travel.
- **Answers of every other assessment.** The same organisations (probation too: `cases.access` decides who works
  with the person using abuse) see the level and tier of a screening or full assessment, which is professional
  judgement everyone works to, but not its answers, nor the reasons the result gives, which quote the answers,
  nor a worker's reasons for changing a level, which rest on the same accounts.
  An instrument not marked `disclosure` is still filled in from what the non-abusing parent and the children said
  ("she told me he checks her phone every evening"), and every answer is classed DISCLOSURE in `sensitivity.py`.
  For the same reason they do not start, answer or re-score an assessment of the household, nor change a level
  on judgement: each of those shows or rests on the answers. (Review finding: the answers were shown in full.)
- **Names.** A name someone is known by now is a location (`cases/sensitivity.py`): every person these pages
  name is redacted for them first (`cases.access.redact_people`).
- **Levels.** Anyone who may change the case may raise a level on professional judgement. Lowering below what the
  answers require needs a manager's sign-off: a user who oversees cases in the case's lead organisation, who is not
  the person who asked for it, on an open case.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.http import Http404

from childsafe.accounts.models import User
from childsafe.assessments.instruments import Instrument
from childsafe.assessments.models import Assessment, LevelChange
from childsafe.cases.access import can_edit_case, works_with_the_person_using_abuse
from childsafe.cases.models import Case


def can_see_disclosures(user: User | Any) -> bool:
    """Organisations that work with the person using abuse never see disclosures (`cases.access`)."""
    organisation = getattr(user, "organisation", None)
    return organisation is not None and not works_with_the_person_using_abuse(user)


def can_see_content(user: User | Any, instrument: Instrument) -> bool:
    """May this user read the answers and result of an assessment made with this instrument?"""
    return not instrument.disclosure or can_see_disclosures(user)


def can_see_answers(user: User | Any, instrument: Instrument) -> bool:
    """May this user read the answers, and the reasons a result gives from them? (Not only the level.)"""
    return can_see_content(user, instrument) and not works_with_the_person_using_abuse(user)


def can_record(user: User | Any, case: Case, instrument: Instrument) -> bool:
    """May this user start or change an assessment of this kind on this case?"""
    return can_edit_case(user, case) and can_see_answers(user, instrument)


def can_change_level(user: User | Any, case: Case) -> bool:
    return can_edit_case(user, case) and not works_with_the_person_using_abuse(user)


def may_decide_sign_off(user: User | Any, change: LevelChange, case: Case) -> bool:
    """A manager in the lead organisation, not the person who asked, on an open case: whatever its status now."""
    return (
        user.oversees_cases
        and user.organisation_id == case.lead_organisation_id
        and user.pk != change.requested_by_id
        and case.is_open
    )


def can_sign_off(user: User | Any, change: LevelChange, case: Case) -> bool:
    """Someone who may decide it (`may_decide_sign_off`), while it waits for a decision."""
    return may_decide_sign_off(user, change, case) and change.status == LevelChange.Status.AWAITING_SIGN_OFF


def get_assessment(case: Case, assessment_id: uuid.UUID | str) -> Assessment:
    """An assessment of this case, or 404 (an id from another case is as unknown as a made-up one)."""
    assessment = (
        Assessment.objects.select_related("subject", "started_by", "completed_by")
        .filter(case=case, pk=assessment_id)
        .first()
    )
    if assessment is None:
        raise Http404("No such assessment")
    return assessment
