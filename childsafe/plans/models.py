"""Plans, their outcomes and actions, progress on each action, the plan's versions, reviews and acknowledged prompts.

How to read a plan (for the editor, documents and exports alike):
- `Plan`: one per kind of plan made for a case (`kind`, `status`, `start_date`, the `children` it covers, its
  review schedule and `next_review_on`). `version` is the number of its newest `PlanVersion`.
- `Outcome`: what should be different for one named child (`child`, `text`).
- `Action`: who is responsible (`owner_person`, a person in the case, or `owner_organisation` with
  `owner_worker`, an agency and its worker), `what`, by when (`due_on`) or how often (`frequency_times` per
  `frequency_unit`), how progress is measured (`measure`), for whom (`for_whom`, with `for_child` when it is for
  one child) and `status`. An action without an owner or a date/frequency is a draft (`is_draft`).
- `ProgressUpdate`: dated evidence on an action, append-only; the newest gives the action's latest evidence.
- `PlanVersion`: an immutable snapshot of the whole plan after each change (`content`, see `versions.py`).

All changes go through `services.py`, which writes the plan's new version and the audit entry in the same
transaction. Nothing happens in save() or signals; `PlanVersion` only refuses to be overwritten.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from childsafe.accounts.models import Organisation
from childsafe.cases.models import Case, Person


class Plan(models.Model):
    class Kind(models.TextChoices):
        CHILD_PROTECTION = "child_protection", "Child protection plan"
        CHILD_IN_NEED = "child_in_need", "Child in need plan"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        ACTIVE = "active", "Active"
        ENDED = "ended", "Ended"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="plans")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    start_date = models.DateField(null=True, blank=True)
    children = models.ManyToManyField(Person, related_name="plans_covering", blank=True)
    first_review_on = models.DateField(null=True, blank=True)
    review_interval_months = models.PositiveSmallIntegerField(default=3)
    # The date the next review is due: set when the plan becomes active and at each review; None when not active.
    next_review_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    end_reason = models.TextField(blank=True, max_length=2000)
    # The number of the newest PlanVersion; every change adds one.
    version = models.PositiveIntegerField(default=0)
    # The version in which the plan's own details (kind, dates, children, schedule) last changed: the edit check.
    details_changed_in_version = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["case", "status"], name="plan_case_status_idx"),
            models.Index(fields=["status", "next_review_on"], name="plan_review_due_idx"),
        ]
        constraints = [
            # One plan in force per case: activating a new plan ends the old one in the same transaction.
            models.UniqueConstraint(fields=["case"], condition=Q(status="active"), name="plan_one_active_per_case"),
            models.CheckConstraint(
                condition=~Q(status="ended") | Q(ended_on__isnull=False), name="plan_ended_has_end_date"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_status_display().lower()})"

    @property
    def is_editable(self) -> bool:
        """Draft and active plans change; an ended plan is a record."""
        return self.status != self.Status.ENDED

    @property
    def name(self) -> str:
        """ "the child protection plan", for sentences."""
        return f"the {self.get_kind_display()[:1].lower()}{self.get_kind_display()[1:]}"


class Outcome(models.Model):
    """What should be different for one named child."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="outcomes")
    child = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="plan_outcomes")
    text = models.TextField(max_length=2000)
    # Whether this outcome may appear in a plan given to the parent using abuse. Off unless a worker has checked it
    # says nothing the children or the non-abusing parent disclosed and nothing about where they are.
    share_with_parent_using_abuse = models.BooleanField(default=False)
    changed_in_version = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"Outcome for {self.child}"


class Action(models.Model):
    class ForWhom(models.TextChoices):
        CHILD = "child", "A child"
        NON_ABUSING_PARENT = "non_abusing_parent", "The non-abusing parent"
        PARENT_USING_ABUSE = "parent_using_abuse", "The parent using abuse: work on their behaviour"
        WHOLE_FAMILY = "whole_family", "The whole family"

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"
        NOT_DONE = "not_done", "Not done"

    class Unit(models.TextChoices):
        DAY = "day", "a day"
        WEEK = "week", "a week"
        FORTNIGHT = "fortnight", "a fortnight"
        MONTH = "month", "a month"
        SESSION = "session", "at every session"
        VISIT = "visit", "at every visit"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="actions")
    # Who is responsible: a person in the case, or an agency (with its worker's name or role). Neither: a draft.
    # A person removed from the case leaves the action without an owner, so it returns to being a draft.
    owner_person = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="plan_actions_owned"
    )
    owner_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="plan_actions_owned"
    )
    owner_worker = models.CharField(max_length=150, blank=True)
    what = models.TextField(max_length=2000)
    due_on = models.DateField(null=True, blank=True)
    frequency_times = models.PositiveSmallIntegerField(null=True, blank=True)
    frequency_unit = models.CharField(max_length=20, choices=Unit.choices, blank=True)
    measure = models.TextField(max_length=1000, blank=True)
    for_whom = models.CharField(max_length=30, choices=ForWhom.choices)
    for_child = models.ForeignKey(
        Person, on_delete=models.CASCADE, null=True, blank=True, related_name="plan_actions_for"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    changed_in_version = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(owner_person__isnull=True) | Q(owner_organisation__isnull=True),
                name="plan_action_one_owner",
            ),
            models.CheckConstraint(
                condition=Q(due_on__isnull=True) | Q(frequency_times__isnull=True),
                name="plan_action_date_or_frequency",
            ),
            models.CheckConstraint(
                condition=(Q(frequency_times__isnull=True) & Q(frequency_unit=""))
                | (Q(frequency_times__gte=1) & ~Q(frequency_unit="")),
                name="plan_action_frequency_whole",
            ),
            models.CheckConstraint(
                condition=(Q(for_whom="child") & Q(for_child__isnull=False))
                | (~Q(for_whom="child") & Q(for_child__isnull=True)),
                name="plan_action_child_named",
            ),
        ]

    def __str__(self) -> str:
        return self.what[:60]

    @property
    def has_owner(self) -> bool:
        return self.owner_person_id is not None or self.owner_organisation_id is not None

    @property
    def has_when(self) -> bool:
        return self.due_on is not None or self.frequency_times is not None

    @property
    def is_draft(self) -> bool:
        return not self.has_owner or not self.has_when

    @property
    def frequency_label(self) -> str:
        return frequency_label(self.frequency_times, self.frequency_unit)


EVERY_ONE = {
    "day": "Daily",
    "week": "Weekly",
    "fortnight": "Fortnightly",
    "month": "Monthly",
    "session": "At every session",
    "visit": "At every visit",
}
NUMBER_WORDS = {2: "Twice", 3: "3 times"}


def frequency_label(times: int | None, unit: str) -> str:
    """ "Weekly", "Twice a week", "4 times a month", "At every session"; "" when there is no frequency."""
    if not times or not unit:
        return ""
    if times == 1 or unit in {"session", "visit"}:
        return EVERY_ONE.get(unit, "")
    count = NUMBER_WORDS.get(times, f"{times} times")
    return f"{count} {Action.Unit(unit).label}"


def draft_action_q(prefix: str = "") -> Q:
    """An action is a draft while it has no owner or no date/frequency: Action.is_draft as a query.

    `prefix` reaches actions through a relation, e.g. "actions__" from a plan.
    """
    return (Q(**{f"{prefix}owner_person__isnull": True}) & Q(**{f"{prefix}owner_organisation__isnull": True})) | (
        Q(**{f"{prefix}due_on__isnull": True}) & Q(**{f"{prefix}frequency_times__isnull": True})
    )


class ProgressUpdate(models.Model):
    """Dated evidence of progress on one action, and the action's status it left. Never changed once written."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    recorded_on = models.DateField()
    status = models.CharField(max_length=20, choices=Action.Status.choices)
    note = models.TextField(max_length=2000)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-recorded_on", "-recorded_at"]

    def __str__(self) -> str:
        return f"Progress on {self.recorded_on}"


class PlanVersionQuerySet(models.QuerySet["PlanVersion"]):
    def update(self, **kwargs: object) -> int:
        raise TypeError("Plan versions are never changed once written")


class PlanVersion(models.Model):
    """The whole plan as it stood after one change: who made it, when, what changed, and the content.

    Written once by `services`, never changed: `save()` refuses an existing row, the queryset refuses `update()`,
    and a database trigger (migration 0002) refuses UPDATE from anywhere else.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    made_at = models.DateTimeField(default=timezone.now, editable=False)
    summary = models.CharField(max_length=300)
    content = models.JSONField()

    objects = PlanVersionQuerySet.as_manager()

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="plan_version_number_unique")]

    def __str__(self) -> str:
        return f"Version {self.number}"

    def save(self, *args: object, **kwargs: object) -> None:
        if not self._state.adding:
            raise TypeError("Plan versions are never changed once written")
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class Review(models.Model):
    class Engagement(models.TextChoices):
        ENGAGED_CHANGING = "engaged_changing", "Engaged, and changes in behaviour are seen"
        ENGAGED_NO_CHANGE = "engaged_no_change", "Attending, but no change in behaviour is seen yet"
        PARTLY = "partly", "Partly engaged: missed sessions or actions"
        NOT_ENGAGED = "not_engaged", "Not engaged: refused, stopped attending or cannot be found"
        NOT_INVOLVED = "not_involved", "Not involved: not safe or not possible to engage them"

    class SafetyChange(models.TextChoices):
        SAFER = "safer", "Safer"
        NO_CHANGE = "no_change", "No change"
        LESS_SAFE = "less_safe", "Less safe"
        NOT_KNOWN = "not_known", "Not known"

    class Decision(models.TextChoices):
        CONTINUE = "continue", "Continue the plan"
        STEP_DOWN = "step_down", "Step down (for example to a child in need plan or early help)"
        STEP_UP = "step_up", "Step up (for example to a child protection plan)"
        END = "end", "End the plan"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="reviews")
    held_on = models.DateField()
    agencies_attended = models.ManyToManyField(Organisation, related_name="plan_reviews_attended", blank=True)
    others_attended = models.CharField(max_length=300, blank=True)
    engagement = models.CharField(max_length=30, choices=Engagement.choices)
    engagement_notes = models.TextField(max_length=4000, blank=True)
    safety_change = models.CharField(max_length=20, choices=SafetyChange.choices)
    safety_notes = models.TextField(max_length=4000, blank=True)
    plan_versions = models.ManyToManyField(PlanVersion, related_name="reviews", blank=True)
    decision = models.CharField(max_length=20, choices=Decision.choices)
    next_review_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-held_on", "-recorded_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(decision="end") | Q(next_review_on__isnull=False), name="plan_review_next_date_unless_end"
            )
        ]

    def __str__(self) -> str:
        return f"Review on {self.held_on}"


class ChildView(models.Model):
    """What one child said about the plan and their life, gathered for a review."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="child_views")
    child = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="review_views")
    views = models.TextField(max_length=4000)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["review", "child"], name="plan_child_view_unique")]

    def __str__(self) -> str:
        return f"Views of {self.child}"


class PromptAcknowledgement(models.Model):
    """A worker has seen an escalation prompt and says what they did; the prompt is then no longer open."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="prompt_acknowledgements")
    key = models.CharField(max_length=100)
    message = models.CharField(max_length=300)
    note = models.TextField(max_length=2000)
    acknowledged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    acknowledged_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-acknowledged_at"]
        constraints = [models.UniqueConstraint(fields=["case", "key"], name="plan_prompt_ack_unique")]

    def __str__(self) -> str:
        return f"Acknowledged {self.key}"
