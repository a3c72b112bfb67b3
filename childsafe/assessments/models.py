"""Assessments of a case and the changes to their levels.

An `Assessment` is one use of one instrument version for one case: about a child, an adult, or the household. It
keeps a copy of the instrument's definition as it was when started, so revising the file never changes what a
past assessment asked or how it was scored. Its answers are saved as a draft until it is completed; only a
completed assessment has a result.

A `LevelChange` is a practitioner's professional judgement on a completed assessment's level for one person:
raising applies at once; lowering below what the answers require waits for a manager's sign-off, and until then
the answers' level stands. State changes are functions in `services.py`, which write the audit log with them.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from childsafe.cases.models import Case, Person


class Assessment(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        COMPLETED = "completed", "Completed"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="assessments")
    instrument_id = models.CharField(max_length=60)
    instrument_version = models.PositiveIntegerField()
    instrument_title = models.CharField(max_length=150)
    # The instrument as it was when this assessment started: what it asked and how it scores, frozen.
    definition = models.JSONField()
    # Copied from the instrument: its answers are what a child or the non-abusing parent disclosed.
    is_disclosure = models.BooleanField(default=False)
    subject = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assessments",
        help_text="The child or adult assessed; empty when the assessment is about the household",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    answers = models.JSONField(default=dict, blank=True)
    result = models.JSONField(null=True, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="assessments_started"
    )
    started_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    completed_at = models.DateTimeField(null=True, blank=True)
    reassess_by = models.DateField(
        null=True, blank=True, help_text="Asked for sooner than the tier of need's usual interval"
    )

    class Meta:
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["case", "status", "-completed_at"], name="assessment_case_status_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft", completed_at__isnull=True, result__isnull=True)
                | Q(status="completed", completed_at__isnull=False),
                name="assessment_result_only_when_completed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.instrument_title} (version {self.instrument_version})"

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT


class LevelChange(models.Model):
    """A practitioner's judgement that a person's level should differ from what the answers give."""

    class Direction(models.TextChoices):
        RAISE = "raise", "Raised"
        LOWER = "lower", "Lowered"

    class Status(models.TextChoices):
        APPLIED = "applied", "Applied"
        AWAITING_SIGN_OFF = "awaiting_sign_off", "Awaiting a manager's sign-off"
        SIGNED_OFF = "signed_off", "Signed off"
        DECLINED = "declined", "Sign-off declined"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="level_changes")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="level_changes")
    direction = models.CharField(max_length=10, choices=Direction.choices)
    from_level = models.CharField(max_length=60)
    to_level = models.CharField(max_length=60)
    rationale = models.TextField(max_length=4000)
    status = models.CharField(max_length=20, choices=Status.choices)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="level_changes_requested"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="level_changes_decided"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_comment = models.TextField(max_length=2000, blank=True)

    class Meta:
        ordering = ["requested_at"]
        indexes = [models.Index(fields=["status", "requested_at"], name="level_change_status_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "person"],
                condition=Q(status="awaiting_sign_off"),
                name="one_pending_lowering_per_person",
            ),
            models.CheckConstraint(
                condition=Q(direction="lower") | ~Q(status__in=["awaiting_sign_off", "signed_off", "declined"]),
                name="only_lowering_needs_sign_off",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_direction_display()} from {self.from_level} to {self.to_level}"

    @property
    def case_id(self) -> uuid.UUID:
        return self.assessment.case_id

    @property
    def is_in_force(self) -> bool:
        return self.status_in_force(self.status)

    @classmethod
    def status_in_force(cls, status: str) -> bool:
        """A raise applies at once; a lowering only once a manager has signed it off."""
        return status in {cls.Status.APPLIED, cls.Status.SIGNED_OFF}
