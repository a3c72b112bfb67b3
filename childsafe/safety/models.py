"""Safety plans, worker safety flags, and contact with the parent using abuse.

- A `SafetyPlan` belongs to one child or to the non-abusing parent. Its content lives in `SafetyPlanRevision`
  rows that are only ever inserted (migration 0002 makes the database refuse an UPDATE), so every earlier
  version is kept; the plan points at its current revision and carries the dates practitioners look for (the
  phase and since when, the last review).
- A `SafetyPlanReview` records "reviewed with <person> today: still right / changed".
- A `WorkerSafetyFlag` warns anyone planning a visit about a person ("do not visit alone", "dog at the address").
- A `PlannedContact` with the parent using abuse moves planned → checked → happened / did not happen → followed up,
  through `services.py` only; its `ContactSafetyCheck` (before) and `ContactFollowUp` (after, with her or her
  support worker) hold the answers.

Every model carries `case` so that every query can be scoped to one case and every change audited against it.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from childsafe.cases.models import Case, Person


class Phase(models.TextChoices):
    SAFETY_WORK = "safety_work", "Safety work"
    RECOVERY_WORK = "recovery_work", "Recovery work"


class HelpMethod(models.TextChoices):
    CALL_999 = "call_999", "Call 999"
    SILENT_SOLUTION = (
        "silent_solution",
        "Silent Solution: call 999 from a mobile and press 55 if it is not safe to speak",
    )
    CODE_WORD = "code_word", "A code word with a trusted neighbour, friend or relative"
    SAFE_PHONE = "safe_phone", "A safe phone kept charged and hidden"
    SCHOOL_STAFF = "school_staff", "Tell a named adult at school or nursery"
    OTHER = "other", "Another way, described below"


class SafetyPlan(models.Model):
    """One person's safety plan. What it says is in `current` (and every earlier revision)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="safety_plans")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="safety_plans")
    current = models.ForeignKey(
        "SafetyPlanRevision", on_delete=models.RESTRICT, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=0)
    phase = models.CharField(max_length=20, choices=Phase.choices, default=Phase.SAFETY_WORK)
    phase_since = models.DateField(default=timezone.localdate)
    made_on = models.DateField(default=timezone.localdate)
    last_reviewed_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person"], name="safety_plan_one_per_person")]
        indexes = [models.Index(fields=["case"], name="safety_plan_case_idx")]

    def __str__(self) -> str:
        return f"Safety plan {self.pk}"

    @property
    def checked_on(self) -> dt.date:
        """The last day the plan was known to be right: its last review, or the day it was made."""
        return max(filter(None, [self.last_reviewed_on, self.made_on]))


class SafetyPlanRevision(models.Model):
    """One version of a safety plan's content. Inserted once, never changed (the database refuses updates)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    plan = models.ForeignKey(SafetyPlan, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    safe_place = models.TextField(max_length=1000)
    safe_place_route = models.TextField(max_length=1000, blank=True)
    trusted_person = models.TextField(max_length=1000)
    trusted_person_contact = models.TextField(max_length=1000, blank=True)
    help_methods = models.JSONField(default=list, blank=True)
    summon_help = models.TextField(max_length=1000, blank=True)
    childs_understanding = models.TextField(max_length=2000, blank=True)
    other_steps = models.TextField(max_length=2000, blank=True)
    phase = models.CharField(max_length=20, choices=Phase.choices)
    phase_change_reason = models.TextField(max_length=1000, blank=True)
    change_summary = models.TextField(max_length=1000, blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    written_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["plan", "-number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="safety_plan_revision_unique")]

    def __str__(self) -> str:
        return f"Version {self.number}"

    def save(self, *args, **kwargs) -> None:
        # A revision is history: a second save would rewrite it. The database refuses too (migration 0002).
        if not self._state.adding:
            raise ValueError("A safety plan revision is never changed; write a new revision instead")
        super().save(*args, **kwargs)

    def help_method_labels(self) -> list[str]:
        labels = dict(HelpMethod.choices)
        return [str(labels.get(code, code)) for code in self.help_methods]


class SafetyPlanReview(models.Model):
    class How(models.TextChoices):
        HOME_VISIT = "home_visit", "Home visit"
        OFFICE = "office", "At an office"
        SCHOOL = "school", "At school or nursery"
        REFUGE = "refuge", "At the refuge"
        PHONE = "phone", "Phone call"
        VIDEO = "video", "Video call"
        OTHER = "other", "Another way"

    class Outcome(models.TextChoices):
        STILL_RIGHT = "still_right", "Still right: no change needed"
        CHANGED = "changed", "Changed: the plan needs updating"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    plan = models.ForeignKey(SafetyPlan, on_delete=models.CASCADE, related_name="reviews")
    reviewed_on = models.DateField()
    reviewed_with = models.CharField(max_length=200)
    how = models.CharField(max_length=20, choices=How.choices)
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    what_changed = models.TextField(max_length=2000, blank=True)
    revision_number = models.PositiveIntegerField(help_text="The version of the plan that was reviewed")
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-reviewed_on", "-recorded_at"]

    def __str__(self) -> str:
        return f"Review on {self.reviewed_on}"


class WorkerSafetyFlag(models.Model):
    class Kind(models.TextChoices):
        DO_NOT_VISIT_ALONE = "do_not_visit_alone", "Do not visit alone"
        VISIT_IN_PAIRS = "visit_in_pairs", "Visit in pairs"
        RISK_OF_VIOLENCE = "risk_of_violence", "Risk of violence to staff"
        DOG = "dog", "Dog at the address"
        INTERPRETER = "interpreter", "Interpreter needed"
        OTHER = "other", "Other"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="worker_safety_flags")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="worker_safety_flags")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    details = models.TextField(max_length=1000, blank=True)
    manager_must_agree = models.BooleanField(default=False)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    raised_on = models.DateField(default=timezone.localdate)
    review_by = models.DateField()
    lifted_on = models.DateField(null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    lifted_reason = models.TextField(max_length=1000, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["raised_on", "created_at"]
        indexes = [models.Index(fields=["case", "lifted_on"], name="worker_flag_case_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(lifted_on__isnull=True) | ~Q(lifted_reason=""), name="worker_flag_lifted_with_reason"
            )
        ]

    def __str__(self) -> str:
        return self.get_kind_display()

    @property
    def is_active(self) -> bool:
        return self.lifted_on is None

    @property
    def text(self) -> str:
        """ "Do not visit alone" or, for "Other", what was typed."""
        if self.kind == self.Kind.OTHER and self.details:
            return self.details
        return self.get_kind_display()


class Venue(models.TextChoices):
    OUR_OFFICE = "our_office", "Our office"
    PARTNER_OFFICE = "partner_office", "Another agency's office"
    COMMUNITY_VENUE = "community_venue", "A community venue with staff present"
    PHONE_OR_VIDEO = "phone_or_video", "Phone or video call"
    FAMILY_HOME = "family_home", "The family home"


class PlannedContact(models.Model):
    """A planned meeting or call with the parent using abusive behaviours, with its checks before and after."""

    class Status(models.TextChoices):
        PLANNED = "planned", "Safety check needed"
        CHECKED = "checked", "Ready: safety check done"
        HAPPENED = "happened", "Happened: follow-up needed"
        DID_NOT_HAPPEN = "did_not_happen", "Did not happen: follow-up needed"
        FOLLOWED_UP = "followed_up", "Followed up"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="planned_contacts")
    person = models.ForeignKey(Person, on_delete=models.RESTRICT, related_name="planned_contacts")
    planned_for = models.DateField()
    meeting_workers = models.CharField(max_length=300)
    venue = models.CharField(max_length=30, choices=Venue.choices)
    venue_detail = models.CharField(max_length=300)
    purpose = models.TextField(max_length=2000)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PLANNED)
    planned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    checked_on = models.DateField(null=True, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    took_place = models.BooleanField(null=True, blank=True)
    outcome_on = models.DateField(null=True, blank=True)
    outcome_notes = models.TextField(max_length=4000, blank=True)
    outcome_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    follow_up_due = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-planned_for", "-created_at"]
        indexes = [
            models.Index(fields=["case", "status"], name="planned_contact_case_idx"),
            models.Index(fields=["status", "follow_up_due"], name="planned_contact_follow_up_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["planned", "checked"]) | Q(follow_up_due__isnull=False),
                name="planned_contact_follow_up_due_after_outcome",
            )
        ]

    def __str__(self) -> str:
        return f"Contact planned for {self.planned_for}"

    @property
    def follow_up_outstanding(self) -> bool:
        return self.status in {self.Status.HAPPENED, self.Status.DID_NOT_HAPPEN}


class YesNoUnsure(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    NOT_SURE = "not_sure", "Not sure"


class ContactSafetyCheck(models.Model):
    """The questions answered before a contact with the parent using abuse may go ahead. Saved as a draft until
    every question is answered; `services.complete_safety_check` then marks the contact ready."""

    class Perspective(models.TextChoices):
        DIRECTLY = "directly", "Yes, I asked her directly, when it was safe to"
        VIA_WORKER = "via_worker", "Yes, through her support worker"
        NOT_SAFE = "not_safe", "No: it was not safe to ask her"

    class MustNotDisclose(models.TextChoices):
        HER_ADDRESS = "her_address", "Where she lives, or that she is in a refuge"
        CHILDREN_LOCATION = "children_location", "Where the children live or stay"
        SCHOOL = "school", "The children's school or nursery"
        CONTACT_DETAILS = "contact_details", "Her phone numbers, email or safe contact details"
        WHAT_SHE_SAID = "what_she_said", "What she has told professionals"
        WHAT_CHILDREN_SAID = "what_children_said", "What the children have said"
        SAFETY_PLANS = "safety_plans", "The safety plans, or anything in them"
        SUPPORT = "support", "Which services support her and the children, and when"
        OTHER = "other", "Something else, described below"

    class WorkerArrangement(models.TextChoices):
        PAIRS = "pairs", "Two workers will be there"
        OFFICE = "office", "The meeting is in an office with other staff nearby"
        WHEREABOUTS = "whereabouts", "Whereabouts and expected finish time are recorded with the team"
        PHONE = "phone", "A charged mobile phone and an agreed way to raise the alarm"
        EXIT = "exit", "Seating agreed so workers are nearest the door"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    contact = models.OneToOneField(PlannedContact, on_delete=models.CASCADE, related_name="safety_check")
    # Risk, from the latest risk information.
    risk_information_read = models.CharField(max_length=10, choices=YesNoUnsure.choices, blank=True)
    risk_to_her = models.TextField(max_length=2000, blank=True)
    risk_to_children = models.TextField(max_length=2000, blank=True)
    recent_changes = models.TextField(max_length=2000, blank=True)
    could_increase_risk = models.CharField(max_length=10, choices=YesNoUnsure.choices, blank=True)
    risk_management = models.TextField(max_length=2000, blank=True)
    # Her perspective, and the children's.
    perspective_gathered = models.CharField(max_length=20, choices=Perspective.choices, blank=True)
    perspective_via = models.CharField(max_length=200, blank=True)
    not_safe_to_ask_reason = models.TextField(max_length=1000, blank=True)
    her_view_on_safety = models.TextField(max_length=2000, blank=True)
    her_view_on_risk = models.CharField(max_length=10, choices=YesNoUnsure.choices, blank=True)
    childrens_perspective = models.TextField(max_length=2000, blank=True)
    # What must not be disclosed to him.
    must_not_disclose = models.JSONField(default=list, blank=True)
    must_not_disclose_other = models.TextField(max_length=1000, blank=True)
    everyone_briefed = models.CharField(max_length=10, choices=YesNoUnsure.choices, blank=True)
    # Worker safety.
    worker_arrangements = models.JSONField(default=list, blank=True)
    worker_safety_notes = models.TextField(max_length=1000, blank=True)
    manager_consulted = models.CharField(max_length=200, blank=True)
    manager_advice = models.TextField(max_length=2000, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return "Safety check"


class ContactFollowUp(models.Model):
    """After a contact (or a contact that did not happen): did it change anything for her safety?"""

    class SpokeWith(models.TextChoices):
        HER = "her", "Her, directly and safely"
        SUPPORT_WORKER = "support_worker", "Her support worker"

    class Retaliation(models.TextChoices):
        YES = "yes", "Yes"
        NO = "no", "No"
        NOT_KNOWN = "not_known", "Not known"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    contact = models.OneToOneField(PlannedContact, on_delete=models.CASCADE, related_name="follow_up")
    followed_up_on = models.DateField()
    spoke_with = models.CharField(max_length=20, choices=SpokeWith.choices)
    support_worker = models.CharField(max_length=200, blank=True)
    safety_changed = models.CharField(max_length=10, choices=YesNoUnsure.choices)
    retaliation = models.CharField(max_length=10, choices=Retaliation.choices)
    notes = models.TextField(max_length=4000, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    def __str__(self) -> str:
        return f"Follow-up on {self.followed_up_on}"
