"""Organisations, their teams, and the people who log in, each with one role."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone


class Organisation(models.Model):
    class Kind(models.TextChoices):
        CHILDRENS_SOCIAL_CARE = "childrens_social_care", "Children's social care"
        POLICE = "police", "Police"
        HEALTH = "health", "Health"
        SCHOOL = "school", "School or education setting"
        DOMESTIC_ABUSE_SERVICE = "domestic_abuse_service", "Domestic abuse service"
        REFUGE = "refuge", "Refuge"
        PERPETRATOR_PROGRAMME = "perpetrator_programme", "Behaviour-change programme"
        EARLY_HELP = "early_help", "Early help"
        PROBATION = "probation", "Probation"
        HOUSING = "housing", "Housing"
        COMMISSIONING = "commissioning", "Commissioning body"
        OTHER = "other", "Other"

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=40, choices=Kind.choices)
    area = models.CharField(max_length=100, blank=True, help_text="The local authority area it mainly serves")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="teams")
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["organisation__name", "name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="team_name_unique_in_org")]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation.name})"


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields: Any) -> User:
        if not email:
            raise ValueError("A user needs an email address")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields: Any) -> User:
        fields.setdefault("role", User.Role.ADMINISTRATOR)
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in. Their organisation decides which cases they see; their role, what they may do."""

    class Role(models.TextChoices):
        PRACTITIONER = "practitioner", "Practitioner"
        MANAGER = "manager", "Manager"
        SAFEGUARDING_LEAD = "safeguarding_lead", "Safeguarding lead"
        COMMISSIONER = "commissioner", "Commissioner"
        ADMINISTRATOR = "administrator", "Administrator"

    email = models.EmailField(unique=True)
    full_name = models.CharField(max_length=150)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="members", null=True, blank=True
    )
    team = models.ForeignKey(Team, on_delete=models.SET_NULL, related_name="members", null=True, blank=True)
    role = models.CharField(max_length=30, choices=Role.choices, default=Role.PRACTITIONER)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False, help_text="Can use the administration pages")
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @property
    def works_on_cases(self) -> bool:
        """Commissioners see aggregate figures only and administrators run the system: neither opens a case."""
        return self.role in {self.Role.PRACTITIONER, self.Role.MANAGER, self.Role.SAFEGUARDING_LEAD}

    @property
    def oversees_cases(self) -> bool:
        return self.role in {self.Role.MANAGER, self.Role.SAFEGUARDING_LEAD}
