"""Chronology entries. Each records one behaviour chosen by one named person: never "the couple"."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from childsafe.cases.models import Case, Person


class Behaviour(models.TextChoices):
    COERCIVE_CONTROL = "coercive_control", "Coercive control"
    PHYSICAL = "physical", "Physical abuse"
    SEXUAL = "sexual", "Sexual abuse"
    PSYCHOLOGICAL = "psychological", "Psychological or emotional abuse"
    ECONOMIC = "economic", "Financial or economic abuse"
    STALKING = "stalking", "Harassment or stalking"
    ONLINE = "online", "Online or digital abuse"
    POST_SEPARATION = "post_separation", "Post-separation abuse"
    HARM_TO_CHILD = "harm_to_child", "Harm to a child directly"


class Reporter(models.TextChoices):
    CHILD = "child", "The child"
    VICTIM_SURVIVOR = "victim_survivor", "The victim-survivor"
    POLICE = "police", "Police"
    SCHOOL = "school", "School or education setting"
    HEALTH = "health", "Health"
    CHILDRENS_SOCIAL_CARE = "childrens_social_care", "Children's social care"
    DOMESTIC_ABUSE_SERVICE = "domestic_abuse_service", "Domestic abuse service"
    FAMILY_OR_FRIEND = "family_or_friend", "Family member or friend"
    NEIGHBOUR = "neighbour", "Neighbour or member of the public"
    PERSON_USING_ABUSE = "person_using_abuse", "The person using abusive behaviours"
    OTHER = "other", "Other"


class ChronologyEntry(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="chronology_entries")
    behaviour = models.CharField(max_length=30, choices=Behaviour.choices)
    person_responsible = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        related_name="behaviours_chosen",
        help_text="The person who chose this behaviour",
    )
    description = models.TextField(max_length=4000)
    occurred_from = models.DateField()
    occurred_to = models.DateField(null=True, blank=True)
    date_is_approximate = models.BooleanField(default=False)
    reported_by = models.CharField(max_length=30, choices=Reporter.choices)
    source_document = models.CharField(max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-occurred_from", "-recorded_at"]
        verbose_name_plural = "chronology entries"
        indexes = [models.Index(fields=["case", "-occurred_from"], name="chronology_case_date_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(occurred_to__isnull=True) | Q(occurred_to__gte=models.F("occurred_from")),
                name="chronology_dates_in_order",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_behaviour_display()} on {self.occurred_from}"


class ChildImpact(models.Model):
    """What one behaviour meant for one named child: children are victims in their own right."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    entry = models.ForeignKey(ChronologyEntry, on_delete=models.CASCADE, related_name="child_impacts")
    child = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="impacts")
    impact = models.TextField(max_length=2000)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["entry", "child"], name="child_impact_unique")]

    def __str__(self) -> str:
        return f"Impact on {self.child}"
