"""The service directory, referrals of the people in a case to those services, each referral's status history,
and the sessions of a behaviour-change programme.

Services are not personal data: they describe local provision. Referrals, their history and programme sessions are
(see `sensitivity.py`). Every change to them goes through `directory.py`, `referrals.py` or `attendance.py`, which
check the change, save it and write its audit entry in one transaction; nothing happens in save() or signals.
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from childsafe.accounts.models import Organisation
from childsafe.cases.models import Case, Person
from childsafe.services import catalogue
from childsafe.services.catalogue import ServiceType, Whom


class EvidenceLevel(models.TextChoices):
    EVALUATED = "evaluated", "Evaluated"
    PROMISING = "promising", "Promising"
    NOT_YET_EVALUATED = "not_yet_evaluated", "Not yet evaluated"


# Evaluated services are proposed before promising ones, and promising before those not yet evaluated.
EVIDENCE_RANK = {EvidenceLevel.EVALUATED: 0, EvidenceLevel.PROMISING: 1, EvidenceLevel.NOT_YET_EVALUATED: 2}


class Service(models.Model):
    """One local service in the directory. `key` is the stable identifier CSV imports match on.

    `tiers`, `serves` and `areas` are short lists. A service with no areas is available everywhere (a national
    helpline, say). The age range applies to the children a service works with; adults are matched by role.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    key = models.CharField(max_length=60, unique=True, help_text="A short, permanent identifier, used by CSV imports")
    name = models.CharField(max_length=200)
    service_type = models.CharField(max_length=40, db_index=True, help_text="A key from data/service_types.yaml")
    description = models.TextField(blank=True, max_length=2000)
    tiers = models.JSONField(default=list, help_text="Tiers of need served, from 1 to 4")
    serves = models.JSONField(default=list, help_text="child, non_abusing_parent, parent_using_abuse, whole_family")
    areas = models.JSONField(default=list, blank=True, help_text="Areas covered; none means everywhere")
    min_age = models.PositiveSmallIntegerField(null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(null=True, blank=True)
    capacity = models.PositiveIntegerField(
        null=True, blank=True, help_text="Places available now; 0 means full; blank if not known"
    )
    waiting_weeks = models.PositiveSmallIntegerField(default=0)
    referral_route = models.TextField(blank=True, max_length=1000)
    phone = models.CharField(max_length=40, blank=True)
    email = models.CharField(max_length=254, blank=True)
    evidence = models.TextField(blank=True, max_length=2000)
    evidence_level = models.CharField(
        max_length=20, choices=EvidenceLevel.choices, default=EvidenceLevel.NOT_YET_EVALUATED
    )
    is_active = models.BooleanField(default=True)
    last_reviewed = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "key"]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_age__isnull=True) | Q(max_age__isnull=True) | Q(min_age__lte=models.F("max_age")),
                name="service_age_range_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def type(self) -> ServiceType | None:
        return catalogue.service_type(self.service_type)

    @property
    def type_name(self) -> str:
        service_type = self.type
        return service_type.name if service_type else self.service_type

    @property
    def reveals_location(self) -> bool:
        # A type that has been removed from the data file is treated as revealing: deny by default.
        service_type = self.type
        return service_type.reveals_location if service_type else True

    @property
    def is_behaviour_change_programme(self) -> bool:
        service_type = self.type
        return bool(service_type and service_type.is_behaviour_change_programme)

    @property
    def is_partner_support(self) -> bool:
        service_type = self.type
        return bool(service_type and service_type.is_partner_support)

    @property
    def is_full(self) -> bool:
        return self.capacity == 0

    def serves_whom(self, whom: Whom) -> bool:
        return str(whom) in self.serves

    def covers(self, area: str) -> bool:
        if not self.areas:
            return True
        wanted = area.strip().casefold()
        return bool(wanted) and any(covered.strip().casefold() == wanted for covered in self.areas)

    @property
    def age_range_text(self) -> str:
        if self.min_age is not None and self.max_age is not None:
            return f"{self.min_age} to {self.max_age}"
        if self.min_age is not None:
            return f"{self.min_age} and over"
        if self.max_age is not None:
            return f"up to {self.max_age}"
        return ""

    @property
    def serves_labels(self) -> list[str]:
        return [Whom(whom).label for whom in self.serves if whom in Whom.__members__.values()]

    @property
    def areas_text(self) -> str:
        return ", ".join(self.areas) if self.areas else "Everywhere"

    @property
    def tiers_text(self) -> str:
        numbers = [str(tier) for tier in sorted(self.tiers)]
        return numbers[0] if len(numbers) == 1 else f"{', '.join(numbers[:-1])} and {numbers[-1]}"

    @property
    def waiting_text(self) -> str:
        if self.waiting_weeks == 0:
            return "No waiting list"
        return f"About {self.waiting_weeks} week{'s' if self.waiting_weeks != 1 else ''}"


class Referral(models.Model):
    """One person in a case referred to one service, and where that referral has got to.

    The current status, its date and its reason are kept here for quick lists; every change is also a row in
    `ReferralStatusChange`, so the whole history shows. Status changes happen only in `referrals.py`.
    """

    class Status(models.TextChoices):
        SENT = "sent", "Sent"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"
        WAITING = "waiting", "On a waiting list"
        STARTED = "started", "Started"
        COMPLETED = "completed", "Completed"
        DISENGAGED = "disengaged", "Disengaged"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="referrals")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="referrals")
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="referrals")
    reason = models.TextField(max_length=4000)
    referred_on = models.DateField()
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="referrals_made"
    )
    # The referring organisation already knows where a refuge referral went, so it keeps seeing it (access.py).
    referred_by_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="referrals_made"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SENT)
    status_on = models.DateField()
    status_reason = models.TextField(blank=True, max_length=2000)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["referred_on", "created_at"]
        indexes = [models.Index(fields=["case", "status"], name="referral_case_status_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status__in=["declined", "disengaged"]) | ~Q(status_reason=""),
                name="referral_declined_or_disengaged_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(status_on__gte=models.F("referred_on")), name="referral_status_on_after_sent"
            ),
        ]

    def __str__(self) -> str:
        return f"Referral of {self.person} to {self.service}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_programme(self) -> bool:
        return self.service.is_behaviour_change_programme

    def days_waiting(self, today: dt.date) -> int | None:
        """Days since the referral was sent, while the person is still waiting to start; otherwise None."""
        if self.status not in WAITING_STATUSES:
            return None
        return max(0, (today - self.referred_on).days)


OPEN_STATUSES = frozenset(
    {Referral.Status.SENT, Referral.Status.ACCEPTED, Referral.Status.WAITING, Referral.Status.STARTED}
)
WAITING_STATUSES = frozenset({Referral.Status.SENT, Referral.Status.ACCEPTED, Referral.Status.WAITING})


class ReferralStatusChange(models.Model):
    """One step in a referral's history, the first being "sent"."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="history")
    status = models.CharField(max_length=20, choices=Referral.Status.choices)
    on = models.DateField()
    reason = models.TextField(blank=True, max_length=2000)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["on", "changed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_status_display()} on {self.on}"


class ProgrammeSession(models.Model):
    """One group session of a behaviour-change programme, and whether the parent using abuse attended it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="sessions")
    held_on = models.DateField()
    planned_hours = models.DecimalField(max_digits=4, decimal_places=2)
    attended = models.BooleanField()
    hours_attended = models.DecimalField(max_digits=4, decimal_places=2, default=Decimal("0"))
    note = models.TextField(blank=True, max_length=1000)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["held_on"]
        constraints = [
            models.UniqueConstraint(fields=["referral", "held_on"], name="programme_session_one_a_day"),
            models.CheckConstraint(
                condition=Q(planned_hours__gt=0)
                & Q(hours_attended__gte=0)
                & Q(hours_attended__lte=models.F("planned_hours"))
                & (Q(attended=True) | Q(hours_attended=0)),
                name="programme_session_hours_make_sense",
            ),
        ]

    def __str__(self) -> str:
        return f"Session on {self.held_on}"
