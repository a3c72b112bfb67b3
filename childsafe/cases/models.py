"""The case and everything that describes the household in it.

State changes (opening, closing, reopening, sharing) are functions in `services.py`, which write the audit log
in the same transaction; nothing happens in save() or signals.
"""

from __future__ import annotations

import datetime as dt
import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from childsafe.accounts.models import Organisation, Team

# Case references avoid letters and digits that are easily confused when read aloud or copied.
REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_case_reference() -> str:
    body = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"CS-{body[:4]}-{body[4:]}"


class Case(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    class Outcome(models.TextChoices):
        SAFER_NO_FURTHER_ACTION = "safer", "Children safer: no further action needed"
        STEPPED_DOWN = "stepped_down", "Stepped down to early help or universal services"
        TRANSFERRED = "transferred", "Transferred to another area or agency"
        MOVED_AWAY = "moved_away", "Family moved away"
        CONSENT_WITHDRAWN = "consent_withdrawn", "Support declined by the non-abusing parent"
        COURT_ORDER = "court_order", "Closed following a court order"
        OTHER = "other", "Other"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    reference = models.CharField(max_length=20, unique=True, default=new_case_reference, editable=False)
    summary = models.CharField(
        max_length=300, blank=True, help_text="One line on why the case is open, without names or addresses"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    opened_on = models.DateField(default=dt.date.today)
    closed_on = models.DateField(null=True, blank=True)
    closure_outcome = models.CharField(max_length=30, choices=Outcome.choices, blank=True)
    closure_note = models.TextField(blank=True, max_length=2000)
    times_reopened = models.PositiveIntegerField(default=0)
    lead_organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="led_cases")
    team = models.ForeignKey(Team, on_delete=models.SET_NULL, null=True, blank=True, related_name="cases")
    allocated_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="allocated_cases"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-opened_on", "reference"]
        indexes = [
            models.Index(fields=["allocated_worker", "status"], name="case_worker_status_idx"),
            models.Index(fields=["team", "status"], name="case_team_status_idx"),
            models.Index(fields=["-opened_on", "reference"], name="case_opened_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="open", closed_on__isnull=True) | Q(status="closed", closed_on__isnull=False),
                name="case_closed_on_matches_status",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class CaseStatusChangeQuerySet(models.QuerySet["CaseStatusChange"]):
    def update(self, **kwargs: object) -> int:
        raise TypeError("A case's status history is never changed once written")


class CaseStatusChange(models.Model):
    """One closing or reopening of a case, kept for good: the case row holds only the latest closure, so without
    this a reopened case would lose the outcome and date it closed with before.

    Written once by `services.close_case` and `services.reopen_case`, in the transaction that changes the case and
    writes the audit entry; never changed: `save()` refuses an existing row, the queryset refuses `update()`, and a
    database trigger (migration 0003) refuses UPDATE from anywhere else. Rows go only with their case.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="status_changes")
    status = models.CharField("Status it moved to", max_length=10, choices=Case.Status.choices)
    outcome = models.CharField(max_length=30, choices=Case.Outcome.choices, blank=True)
    note = models.TextField(blank=True, max_length=2000)
    effective_on = models.DateField(help_text="The date it closed (as recorded) or reopened")
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    changed_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = CaseStatusChangeQuerySet.as_manager()

    class Meta:
        ordering = ["changed_at"]
        indexes = [models.Index(fields=["case", "changed_at"], name="case_status_change_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="open", outcome="") | Q(status="closed") & ~Q(outcome=""),
                name="case_status_change_outcome_only_on_closing",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case} {self.get_status_display().lower()} on {self.effective_on}"

    def save(self, *args: object, **kwargs: object) -> None:
        if not self._state.adding:
            raise TypeError("A case's status history is never changed once written")
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class CaseShare(models.Model):
    """A case is visible to the users of each organisation it is shared with, and to no one else."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="shares")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="case_shares")
    shared_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    shared_at = models.DateTimeField(default=timezone.now)
    reason = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "organisation"], name="case_share_unique")]
        indexes = [models.Index(fields=["organisation", "case"], name="case_share_org_idx")]

    def __str__(self) -> str:
        return f"{self.case} shared with {self.organisation}"


class Address(models.Model):
    """Where people in the case live. A confidential location (refuge, new address) is never shown to anyone
    outside the lead organisation, and later documents and sharing rely on the same flag."""

    class Kind(models.TextChoices):
        HOME = "home", "Home"
        REFUGE = "refuge", "Refuge"
        NEW_ADDRESS = "new_address", "New address after leaving"
        FAMILY_OR_FRIENDS = "family_or_friends", "Staying with family or friends"
        TEMPORARY = "temporary", "Temporary accommodation"
        OTHER = "other", "Other"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="addresses")
    kind = models.CharField(max_length=30, choices=Kind.choices, default=Kind.HOME)
    line_1 = models.CharField("Address line 1", max_length=150)
    line_2 = models.CharField("Address line 2", max_length=150, blank=True)
    town = models.CharField("Town or city", max_length=100, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    is_confidential_location = models.BooleanField(
        "Confidential location",
        default=False,
        help_text="A refuge or an address the person using abusive behaviours must not learn",
    )

    class Meta:
        verbose_name_plural = "addresses"
        ordering = ["kind", "line_1"]
        constraints = [
            # The form says so too; the database makes it hold for imports, bulk loads and anything still to come.
            models.CheckConstraint(
                condition=~models.Q(kind="refuge") | models.Q(is_confidential_location=True),
                name="refuge_is_a_confidential_location",
                violation_error_message="A refuge address must be marked as a confidential location",
            ),
        ]

    def __str__(self) -> str:
        return ", ".join(part for part in [self.line_1, self.line_2, self.town, self.postcode] if part)


class Person(models.Model):
    class RoleInCase(models.TextChoices):
        CHILD = "child", "Child"
        NON_ABUSING_PARENT = "non_abusing_parent", "Non-abusing parent / victim-survivor"
        PARENT_USING_ABUSE = "parent_using_abuse", "Parent or carer using abusive behaviours"
        OTHER_ADULT = "other_adult", "Other adult"
        SIBLING_ELSEWHERE = "sibling_elsewhere", "Sibling who lives elsewhere"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="people")
    role_in_case = models.CharField(max_length=30, choices=RoleInCase.choices)
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100, blank=True)
    known_as = models.CharField(max_length=100, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    age_in_years = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Only when the date of birth is not known"
    )
    gender = models.CharField(max_length=100, blank=True, help_text="As the person describes it")
    identity_and_culture = models.TextField(
        blank=True, max_length=2000, help_text="Ethnicity, faith, culture and identity, as the person describes them"
    )
    preferred_language = models.CharField(max_length=100, blank=True)
    communication = models.TextField(
        blank=True, max_length=2000, help_text="How the person communicates best, interpreters, aids"
    )
    needs = models.TextField(blank=True, max_length=4000, help_text="Health, development, disability, care needs")
    school_or_setting = models.CharField(max_length=200, blank=True)
    childs_own_words = models.TextField(
        "In the child's own words", blank=True, max_length=4000, help_text="What the child has said, as they said it"
    )
    address = models.ForeignKey(Address, on_delete=models.SET_NULL, null=True, blank=True, related_name="residents")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["role_in_case", "date_of_birth", "first_name"]
        indexes = [
            models.Index(fields=["last_name", "first_name"], name="person_name_idx"),
            models.Index(fields=["date_of_birth"], name="person_dob_idx"),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        name = " ".join(part for part in [self.first_name, self.last_name] if part)
        return f"{name} (known as {self.known_as})" if self.known_as else name

    @property
    def is_child(self) -> bool:
        return self.role_in_case in {self.RoleInCase.CHILD, self.RoleInCase.SIBLING_ELSEWHERE}

    def age_on(self, day: dt.date) -> int | None:
        if self.date_of_birth:
            years = day.year - self.date_of_birth.year
            if (day.month, day.day) < (self.date_of_birth.month, self.date_of_birth.day):
                years -= 1
            return years
        return self.age_in_years


class ContactDetail(models.Model):
    class Kind(models.TextChoices):
        PHONE = "phone", "Phone"
        EMAIL = "email", "Email"
        SAFE_CONTACT = "safe_contact", "Safe way to make contact"
        OTHER = "other", "Other"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="contact_details")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    value = models.CharField(max_length=200)
    note = models.CharField(max_length=300, blank=True, help_text="For example: only call after 6pm")
    is_confidential_location = models.BooleanField(
        "Confidential", default=False, help_text="Would help the person using abusive behaviours find them"
    )

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.value}"


class Relationship(models.Model):
    """How two people in the case are connected: read as "<person> is <kind> <other person>"."""

    class Kind(models.TextChoices):
        PARENT_OF = "parent_of", "parent of"
        STEP_PARENT_OF = "step_parent_of", "step-parent of"
        CARER_OF = "carer_of", "carer of"
        SIBLING_OF = "sibling_of", "sibling of"
        PARTNER_OF = "partner_of", "partner of"
        FORMER_PARTNER_OF = "former_partner_of", "former partner of"
        GRANDPARENT_OF = "grandparent_of", "grandparent of"
        OTHER = "other", "other relative or connection of"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="relationships")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relationships_from")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    other_person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relationships_to")
    has_parental_responsibility = models.BooleanField(default=False)
    lives_with_other_person = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "kind", "other_person"], name="relationship_unique"),
            models.CheckConstraint(condition=~Q(person=models.F("other_person")), name="relationship_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.person} is {self.get_kind_display()} {self.other_person}"
