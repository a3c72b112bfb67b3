"""Reading safety plans for a document: never for the parent using abuse's version, never by a programme worker,
and every field with its sensitivity class for the disclosure policy."""

from __future__ import annotations

from childsafe.disclosure.classes import Audience, Sensitivity
from childsafe.safety.export import safety_plans_for_output
from childsafe.safety.queries import attention_for_worker
from childsafe.safety.tests.conftest import make_contact, make_plan


def test_the_lead_gets_each_plan_with_its_classes(a_case, mia, rachel, allocated_worker):
    make_plan(a_case, mia, allocated_worker)
    make_plan(a_case, rachel, allocated_worker)
    plans = safety_plans_for_output(a_case, made_by=allocated_worker, audience=Audience.PROFESSIONAL)
    assert {item.person.first_name for item in plans} == {"Mia", "Rachel"}
    fields = {field.name: field for field in next(item for item in plans if item.person == mia).fields}
    assert fields["safe_place"].sensitivity == Sensitivity.LOCATION
    assert fields["trusted_person"].sensitivity == Sensitivity.SAFETY_PLAN
    assert fields["help_methods"].value[0] == "Call 999"


def test_never_for_the_parent_using_abuse(a_case, mia, allocated_worker):
    make_plan(a_case, mia, allocated_worker)
    assert safety_plans_for_output(a_case, made_by=allocated_worker, audience=Audience.PARENT_USING_ABUSE) == []


def test_never_made_by_a_programme_worker(programme_case, mia, allocated_worker, programme_worker):
    make_plan(programme_case, mia, allocated_worker)
    for audience in Audience:
        assert safety_plans_for_output(programme_case, made_by=programme_worker, audience=audience) == []


def test_a_programme_worker_has_no_follow_ups_to_attend_to(programme_case, darren, allocated_worker, programme_worker):
    make_contact(programme_case, darren, allocated_worker, status="happened")
    programme_case.allocated_worker = programme_worker
    programme_case.save()
    assert attention_for_worker(programme_worker) == []
