"""Attendance at a behaviour-change programme: recording sessions, and progress against the minimum standard.

`progress(sessions)` is plain arithmetic over the sessions recorded, tested at its boundaries:
  - hours: the hours of group work actually attended, summed;
  - weeks: from the first attended session to the latest attended session, counting both weeks, so a group that
    met weekly for 30 weeks has run over 30 weeks (first and last session 29 weeks apart);
  - the standard is met when both reach the thresholds in data/programme_standard.yaml (75 hours, 30 weeks);
  - missed in a row: the run of missed sessions at the end, broken by any attended session; a run as long as the
    threshold (3 by default) is disengagement, flagged to the allocated worker from the date of the session that
    made the run that long.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone

from childsafe.accounts.models import User
from childsafe.audit.models import AuditEntry
from childsafe.audit.service import record
from childsafe.cases.models import Case
from childsafe.services.catalogue import ProgrammeStandard, programme_standard
from childsafe.services.models import ProgrammeSession, Referral
from childsafe.services.referrals import ReferralRefused

MAX_SESSION_HOURS = Decimal("12")


class SessionLike(Protocol):
    held_on: dt.date
    attended: bool
    hours_attended: Decimal


@dataclass(frozen=True)
class Progress:
    hours_attended: Decimal
    weeks: int
    sessions_recorded: int
    sessions_attended: int
    missed_in_a_row: int
    disengaged_since: dt.date | None  # the session that made the current missed run reach the threshold
    standard: ProgrammeStandard

    @property
    def meets_hours(self) -> bool:
        return self.hours_attended >= self.standard.minimum_group_hours

    @property
    def meets_weeks(self) -> bool:
        return self.weeks >= self.standard.minimum_weeks

    @property
    def meets_standard(self) -> bool:
        return self.meets_hours and self.meets_weeks

    @property
    def hours_to_go(self) -> Decimal:
        return max(Decimal("0"), self.standard.minimum_group_hours - self.hours_attended)

    @property
    def weeks_to_go(self) -> int:
        return max(0, self.standard.minimum_weeks - self.weeks)

    @property
    def is_disengaged(self) -> bool:
        return self.disengaged_since is not None


def progress(sessions: Iterable[SessionLike], standard: ProgrammeStandard | None = None) -> Progress:
    standard = standard or programme_standard()
    ordered = sorted(sessions, key=lambda session: session.held_on)
    attended = [session for session in ordered if session.attended]
    hours = sum((Decimal(session.hours_attended) for session in attended), Decimal("0"))
    weeks = (attended[-1].held_on - attended[0].held_on).days // 7 + 1 if attended else 0

    missed_run: list[SessionLike] = []
    for session in reversed(ordered):
        if session.attended:
            break
        missed_run.append(session)
    missed_run.reverse()
    threshold = standard.missed_in_a_row_for_disengagement
    disengaged_since = missed_run[threshold - 1].held_on if len(missed_run) >= threshold else None
    return Progress(
        hours_attended=hours,
        weeks=weeks,
        sessions_recorded=len(ordered),
        sessions_attended=len(attended),
        missed_in_a_row=len(missed_run),
        disengaged_since=disengaged_since,
        standard=standard,
    )


def hours_text(hours: Decimal) -> str:
    """75, 74.5 or 2.25: no trailing zeros."""
    text = f"{hours.normalize():f}"
    return text


def record_session(
    referral: Referral,
    *,
    held_on: dt.date,
    planned_hours: Decimal,
    attended: bool,
    hours_attended: Decimal | None,
    note: str,
    by: User,
    request: HttpRequest | None = None,
) -> ProgrammeSession:
    """Record one programme session for a started programme referral, with its audit entry, or ReferralRefused."""
    if not referral.case.is_open:
        raise ReferralRefused("This case is closed: reopen it to record sessions")
    if not referral.service.is_behaviour_change_programme:
        raise ReferralRefused("Sessions are recorded only for behaviour-change programmes")
    if referral.status != Referral.Status.STARTED:
        raise ReferralRefused("Mark the referral as started before recording its sessions")
    if held_on > timezone.localdate():
        raise ReferralRefused("The date of the session must be today or in the past", field="held_on")
    if held_on < referral.referred_on:
        raise ReferralRefused("The date of the session must be on or after the date of the referral", field="held_on")
    if not Decimal("0") < planned_hours <= MAX_SESSION_HOURS:
        raise ReferralRefused(
            f"The planned length must be more than 0 and at most {MAX_SESSION_HOURS} hours", field="planned_hours"
        )
    if attended:
        if hours_attended is None:
            raise ReferralRefused("Enter how many hours they attended", field="hours_attended")
        if not Decimal("0") < hours_attended <= planned_hours:
            raise ReferralRefused(
                "Hours attended must be more than 0 and no more than the planned length", field="hours_attended"
            )
    else:
        hours_attended = Decimal("0")
    session = ProgrammeSession(
        referral=referral,
        held_on=held_on,
        planned_hours=planned_hours,
        attended=attended,
        hours_attended=hours_attended,
        note=note,
        recorded_by=by,
    )
    try:
        with transaction.atomic():
            session.save(force_insert=True)
            record(
                actor=by,
                action=AuditEntry.Action.CREATE,
                object_type="programme_session",
                object_id=session.pk,
                case_id=referral.case_id,
                changed_fields=["held_on", "planned_hours", "attended", "hours_attended", "note"],
                request=request,
            )
            Case.objects.filter(pk=referral.case_id).update(updated_at=timezone.now())
    except IntegrityError as exc:
        if ProgrammeSession.objects.filter(referral=referral, held_on=held_on).exists():
            raise ReferralRefused(
                f"A session on {held_on.day} {held_on:%B %Y} is already recorded", field="held_on"
            ) from exc
        raise
    return session
