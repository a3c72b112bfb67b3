"""Signs that someone has stopped engaging, and the warnings a case's referrals raise, for the people who act on them.

  - `disengagement_signals(case, for_user=None)`: for the plans app's escalation prompts. Kinds: missed_sessions
    (the parent using abuse has missed the threshold number of programme sessions in a row), declined_referral and
    disengaged_referral (for anyone in the household, while they have no newer open referral of the same kind).
  - `partner_support_warnings(...)`: a programme referral for the parent using abuse with no partner support
    referral for the non-abusing parent still open (`partner_support_in_place`).
  - `attention_for_worker(user)`: both of the above for the user's own allocated open cases, for a "needs
    attention" list.

Every function reads a fixed number of queries, however many cases, people, referrals or sessions there are.
A signal about a service whose type reveals a location never names the service in its detail. Callers showing
signals to anyone but the lead organisation pass `for_user`, which keeps to the referrals that user may know of.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from childsafe.cases.models import Case, Person
from childsafe.services.access import may_know_of
from childsafe.services.attendance import progress
from childsafe.services.models import ProgrammeSession, Referral

Status = Referral.Status


class SignalKind(StrEnum):
    MISSED_SESSIONS = "missed_sessions"
    DECLINED_REFERRAL = "declined_referral"
    DISENGAGED_REFERRAL = "disengaged_referral"


@dataclass(frozen=True)
class Signal:
    kind: SignalKind
    person: Person
    detail: str  # one plain sentence, e.g. "Darren Cole has missed 3 sessions in a row of the Change Programme"
    on: dt.date
    referral: Referral


@dataclass(frozen=True)
class Attention:
    """What needs the allocated worker's attention on one of their open cases."""

    case: Case
    signals: tuple[Signal, ...]
    warnings: tuple[str, ...]


def _service_words(referral: Referral) -> str:
    if referral.service.reveals_location:
        return "a confidential service (see the case's referrals)"
    return referral.service.name


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _day(value: dt.date) -> str:
    return f"{value.day} {value:%B %Y}"


def signals_from(referrals: Iterable[Referral], sessions: dict[Any, list[ProgrammeSession]]) -> list[Signal]:
    """Signals from referrals loaded with person and service, and the programme sessions by referral id. Pure."""
    referrals = list(referrals)
    signals: list[Signal] = []
    for referral in referrals:
        name = referral.person.display_name
        if referral.service.is_behaviour_change_programme and referral.status in {
            Status.ACCEPTED,
            Status.WAITING,
            Status.STARTED,
        }:
            result = progress(sessions.get(referral.pk, []))
            if result.disengaged_since is not None:
                signals.append(
                    Signal(
                        kind=SignalKind.MISSED_SESSIONS,
                        person=referral.person,
                        detail=f"{name} has missed the last {result.missed_in_a_row} sessions in a row of "
                        f"{_service_words(referral)} (since {_day(result.disengaged_since)})",
                        on=result.disengaged_since,
                        referral=referral,
                    )
                )
        if referral.status in {Status.DECLINED, Status.DISENGAGED} and not _tried_again(referral, referrals):
            declined = referral.status == Status.DECLINED
            verb = "declined the referral of" if declined else "reports disengagement by"
            signals.append(
                Signal(
                    kind=SignalKind.DECLINED_REFERRAL if declined else SignalKind.DISENGAGED_REFERRAL,
                    person=referral.person,
                    detail=f"{_upper_first(_service_words(referral))} {verb} {name} on {_day(referral.status_on)}",
                    on=referral.status_on,
                    referral=referral,
                )
            )
    return sorted(signals, key=lambda signal: (signal.on, signal.person.first_name), reverse=True)


def _tried_again(referral: Referral, referrals: list[Referral]) -> bool:
    """A newer referral of the same person to the same kind of service, still open, answers the signal."""
    return any(
        other.person_id == referral.person_id
        and other.service.service_type == referral.service.service_type
        and other.is_open
        and (other.referred_on, other.created_at) > (referral.referred_on, referral.created_at)
        for other in referrals
    )


def partner_support_in_place(referrals: Iterable[Referral], partner: Person | None = None) -> bool:
    """Is a partner support referral for the non-abusing parent (or this one) still open? Pure.

    Only an open referral (sent, accepted, waiting, started) is in place: one declined, disengaged or completed
    no longer runs alongside the programme, so the programme is without it again and the warning must come back.
    """
    return any(
        referral.service.is_partner_support
        and referral.person.role_in_case == Person.RoleInCase.NON_ABUSING_PARENT
        and (partner is None or referral.person_id == partner.pk)
        and referral.is_open
        for referral in referrals
    )


def partner_support_warnings(referrals: Iterable[Referral], people: Iterable[Person]) -> list[str]:
    """One warning per parent using abuse on a programme without an open partner support referral. Pure."""
    referrals = list(referrals)
    partners = [person for person in people if person.role_in_case == Person.RoleInCase.NON_ABUSING_PARENT]
    if partner_support_in_place(referrals):
        return []
    warnings = []
    for referral in referrals:
        if not (referral.service.is_behaviour_change_programme and referral.is_open):
            continue
        parent = referral.person.display_name
        # The partner is not named: this warning is also shown to the programme, and a name can help find her.
        if partners:
            warnings.append(
                f"{parent} is referred to {referral.service.name}, but partner support for the non-abusing parent is "
                "not linked. A programme must run alongside a service for partners: refer the non-abusing parent."
            )
        else:
            warnings.append(
                f"{parent} is referred to {referral.service.name}, but no non-abusing parent is recorded on the case "
                "to refer to partner support. A programme must run alongside a service for partners."
            )
    return warnings


@dataclass(frozen=True)
class LoadedReferrals:
    referrals: list[Referral]
    sessions: dict[Any, list[ProgrammeSession]]  # programme sessions by referral id, oldest first


def load_referrals(cases: Case | Iterable[Case]) -> LoadedReferrals:
    """Every referral of the given case(s) with person and service, and their programme sessions: always exactly
    two queries, however many referrals or sessions there are (none included)."""
    case_ids = [cases.pk] if isinstance(cases, Case) else [case.pk for case in cases]
    referrals = list(
        Referral.objects.filter(case_id__in=case_ids)
        .select_related("person", "service", "referred_by_organisation")
        .order_by("referred_on", "created_at")
    )
    sessions: dict[Any, list[ProgrammeSession]] = defaultdict(list)
    for session in ProgrammeSession.objects.filter(referral__case_id__in=case_ids).order_by("held_on"):
        sessions[session.referral_id].append(session)
    return LoadedReferrals(referrals, dict(sessions))


def disengagement_signals(case: Case, *, for_user: Any = None) -> list[Signal]:
    """Missed programme sessions, declined and disengaged referrals on this case, newest first.

    With `for_user`, only signals about referrals that user may know of (`access.may_know_of`): a behaviour-change
    programme organisation gets only the parent using abuse's, never one about a refuge, housing or a school.
    """
    loaded = load_referrals(case)
    referrals = loaded.referrals
    if for_user is not None:
        referrals = [referral for referral in referrals if may_know_of(for_user, referral)]
    return signals_from(referrals, loaded.sessions)


def attention_for_worker(user: Any) -> list[Attention]:
    """Signals and warnings on the user's own allocated open cases, one `Attention` per case that has any.

    Cases with the most recent signal come first. Four queries at most, whatever the caseload.
    """
    cases = list(Case.objects.filter(allocated_worker_id=user.pk, status=Case.Status.OPEN).order_by("reference"))
    if not cases:
        return []
    loaded = load_referrals(cases)
    referrals_by_case: dict[Any, list[Referral]] = defaultdict(list)
    for referral in loaded.referrals:
        referrals_by_case[referral.case_id].append(referral)
    people_by_case: dict[Any, list[Person]] = defaultdict(list)
    for person in Person.objects.filter(case__in=[case for case in cases if referrals_by_case[case.pk]]):
        people_by_case[person.case_id].append(person)
    result = []
    for case in cases:
        referrals = referrals_by_case[case.pk]
        if not referrals:
            continue
        signals = tuple(signals_from(referrals, loaded.sessions))
        warnings = tuple(partner_support_warnings(referrals, people_by_case[case.pk]))
        if signals or warnings:
            result.append(Attention(case=case, signals=signals, warnings=warnings))
    return sorted(result, key=lambda item: max((s.on for s in item.signals), default=dt.date.min), reverse=True)
