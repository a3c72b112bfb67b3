"""Who may see and change the service directory and a case's referrals: decided here, used by views and templates.

The directory describes local provision, not people, so everyone who signs in may browse it: practitioners to
refer, managers and safeguarding leads to know what exists, commissioners to match services to need.
Only administrators change it.

Referrals are part of the case, so seeing them starts with `cases.access.get_case_for_user` (404 for anyone the
case is not shared with; commissioners and administrators never reach a case). On top of that:
  - A behaviour-change programme organisation sees only the referrals of the parent using abuse, and never a
    referral to a service whose type reveals where someone is (a refuge, housing, a school). Its work is with
    that parent; anything more could reach him.
  - On the referrals it does see, a programme reads the reasons given for status changes and the session notes
    only where its own organisation wrote them (`withhold_others_words`): "declined: she asked that he not be
    told she is in touch with us" is written by her worker, not for his. The reason for the referral itself stays:
    it is the referral to the programme, which must know why he was sent.
  - Other partner organisations see that a location-revealing referral exists (person, status), but not the
    service, its reason or history, unless they made the referral themselves: like a confidential address, only
    the lead organisation (and whoever referred) knows where she may be.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from childsafe.accounts.models import User
from childsafe.cases.access import works_with_the_person_using_abuse
from childsafe.cases.models import Case, Person
from childsafe.services import catalogue
from childsafe.services.models import Referral


def can_browse_directory(user: User | Any) -> bool:
    return bool(user.is_authenticated and user.is_active)


def can_manage_directory(user: User | Any) -> bool:
    return bool(user.is_authenticated and user.is_active and user.role == User.Role.ADMINISTRATOR)


def works_for_programme(user: User | Any) -> bool:
    """True for users of an organisation whose work is with the parent using abuse (a behaviour-change programme,
    probation): decided once, in `cases.access.works_with_the_person_using_abuse`."""
    return works_with_the_person_using_abuse(user)


def people_for_referrals(user: User | Any, case: Case, people: Iterable[Person]) -> list[Person]:
    """The people whose referrals this user may see and make."""
    if works_for_programme(user):
        return [person for person in people if person.role_in_case == Person.RoleInCase.PARENT_USING_ABUSE]
    return list(people)


def referrals_visible_to(user: User | Any, case: Case) -> QuerySet[Referral]:
    """The case's referrals this user may know exist. The caller has already checked access to the case."""
    referrals = Referral.objects.filter(case=case)
    if works_for_programme(user):
        # Deny by default: only types known not to reveal a location, so a type removed from the data file is hidden.
        safe_types = set(catalogue.service_types()) - catalogue.location_revealing_type_keys()
        referrals = referrals.filter(
            person__role_in_case=Person.RoleInCase.PARENT_USING_ABUSE, service__service_type__in=sorted(safe_types)
        )
    return referrals


def may_know_of(user: User | Any, referral: Referral) -> bool:
    """The same rule as `referrals_visible_to`, for referrals already loaded (with person and service)."""
    if not works_for_programme(user):
        return True
    return (
        referral.person.role_in_case == Person.RoleInCase.PARENT_USING_ABUSE and not referral.service.reveals_location
    )


def sees_referral_in_full(user: User | Any, case: Case, referral: Referral) -> bool:
    """Whether the user may see which service a referral is to, why, and its history (not only that it exists)."""
    if not referral.service.reveals_location:
        return True
    if works_for_programme(user):
        return False
    return user.organisation_id is not None and user.organisation_id in {
        case.lead_organisation_id,
        referral.referred_by_organisation_id,
    }


WITHHELD = "Written by another organisation: not shared with yours."


def withhold_others_words(user: User | Any, records: Iterable[Any], text_field: str, author_field: str) -> None:
    """In memory only, never saved: for a programme user, the text of each record written by another organisation
    says so instead. The records must come with their author (and the author's organisation id) loaded."""
    if not works_for_programme(user):
        return
    for record in records:
        author = getattr(record, author_field)
        if getattr(record, text_field) and (author is None or author.organisation_id != user.organisation_id):
            setattr(record, text_field, WITHHELD)


def get_referral_for_user(user: User | Any, case: Case, referral_id: uuid.UUID | str) -> Referral:
    """The referral if it belongs to this case and the user may see it in full; otherwise 404."""
    referral = (
        referrals_visible_to(user, case)
        .select_related("person", "service", "referred_by", "referred_by_organisation")
        .filter(pk=referral_id)
        .first()
    )
    if referral is None or not sees_referral_in_full(user, case, referral):
        raise Http404("No such referral")
    return referral
