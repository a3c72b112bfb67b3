"""Fixtures and answer builders for the assessments tests."""

from __future__ import annotations

from typing import Any

import pytest

from childsafe.accounts.models import Organisation, User
from childsafe.assessments import services
from childsafe.assessments.instruments import get_registry
from childsafe.assessments.models import Assessment
from childsafe.cases import services as case_services
from childsafe.cases.models import Case, Person
from childsafe.conftest import PASSWORD

SCREENING = "child-threshold-screening"
FULL = "full-nine-area-assessment"
CHECKLIST = "victim-survivor-risk-checklist"
VOICE = "childs-voice"
REFLECTION = "practice-reflection"


def instrument(instrument_id: str):
    return get_registry().latest(instrument_id)


def screening_answers(**ticked: Any) -> dict[str, Any]:
    """A complete screening with nothing ticked but what is given, e.g. danger_signs=["weapon"]."""
    answers: dict[str, Any] = {
        question.id: ["none"] for question in instrument(SCREENING).questions.values() if question.type == "checkboxes"
    }
    answers["what_you_know"] = "He pushed her against the wall in front of the children, as she told me."
    answers.update(ticked)
    return answers


def checklist_answers(yes: int = 0, *, variant: str = "police_27", callouts: int = 0, **extra: Any) -> dict[str, Any]:
    """A complete checklist with the first `yes` counted questions answered yes and the rest no."""
    checklist = instrument(CHECKLIST)
    counted = checklist.rules[0].questions
    answers: dict[str, Any] = {"safe_to_talk": "yes", "variant": variant, "police_callouts": callouts}
    answers["professional_judgement"] = "no"
    asked = [question_id for question_id in counted if variant == "police_27" or question_id not in POLICE_ONLY]
    for index, question_id in enumerate(asked):
        answers[question_id] = "yes" if index < yes else "no"
    answers.update(extra)
    return answers


POLICE_ONLY = {"other_children", "hurt_children", "threatened_children"}


def full_answers(children: list[Person], level: str = "moderate", **extra: Any) -> dict[str, Any]:
    full = instrument(FULL)
    answers: dict[str, Any] = {}
    for question in full.questions.values():
        if question.per_child:
            continue
        if question.type == "textarea":
            answers[question.id] = f"Evidence and analysis for {question.id}"
        elif question.type == "level":
            answers[question.id] = "moderate"
        elif question.type == "radios":
            answers[question.id] = "some"
    answers["child_level"] = {str(child.pk): level for child in children}
    answers["child_summary"] = {str(child.pk): "What this child has lived through" for child in children}
    answers.update(extra)
    return answers


def child_of(case: Case, first_name: str = "Mia") -> Person:
    return case.people.get(first_name=first_name)


def parent_of(case: Case) -> Person:
    return case.people.get(role_in_case="non_abusing_parent")


def completed(case: Case, by: User, instrument_id: str, answers: dict, subject: Person | None = None) -> Assessment:
    assessment = services.start_assessment(case, instrument(instrument_id), subject=subject, by=by)
    return services.complete_assessment(assessment, answers, people=list(case.people.all()), by=by)


@pytest.fixture
def programme_org(db) -> Organisation:
    return Organisation.objects.create(name="Northbrook Change Programme", kind="perpetrator_programme")


@pytest.fixture
def programme_worker(programme_org) -> User:
    return User.objects.create_user(
        "rhys.programme@nbchange.example", PASSWORD, full_name="Rhys Programme", organisation=programme_org
    )


@pytest.fixture
def shared_with_programme(a_case, allocated_worker, programme_org) -> Case:
    case_services.share_case(a_case, programme_org, by=allocated_worker)
    return a_case


@pytest.fixture
def second_manager(lead_org, team) -> User:
    return User.objects.create_user(
        "sam.second@northbrook.example", PASSWORD, full_name="Sam Second", organisation=lead_org, role="manager"
    )
