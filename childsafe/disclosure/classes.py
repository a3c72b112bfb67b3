"""The sensitivity classes of personal data and the audiences an output can be made for."""

from __future__ import annotations

from enum import StrEnum


class Sensitivity(StrEnum):
    """What kind of information a field holds, for deciding who may receive it."""

    # Case reference, dates, statuses, the professionals and agencies involved.
    CASE_ADMIN = "case_admin"
    # Names, dates of birth, gender, identity and culture, preferred language.
    IDENTITY = "identity"
    # Anything that could find a person: addresses, contact details, school or setting, refuge, new names.
    LOCATION = "location"
    # What the victim-survivor or a child said or disclosed, including a child's own words.
    DISCLOSURE = "disclosure"
    # Safety plans: a safe place, a trusted person, a safe way to call for help.
    SAFETY_PLAN = "safety_plan"
    # Needs, health, development, communication, the impact of abuse on each person.
    WELLBEING = "wellbeing"
    # Professionals' analysis and judgement: risk assessments, worker safety, safety checks, supervision.
    PROFESSIONAL = "professional"
    # What the parent using abuse is asked to do, and how they are doing: their actions, attendance, engagement.
    ACCOUNTABILITY = "accountability"
    # The behaviours recorded (kind and when) and who chose them, without who reported them or what was said.
    BEHAVIOUR = "behaviour"


class Audience(StrEnum):
    """Who an output is for."""

    PROFESSIONAL = "professional"
    NON_ABUSING_PARENT = "non_abusing_parent"
    PARENT_USING_ABUSE = "parent_using_abuse"
