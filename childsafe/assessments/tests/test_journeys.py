"""Answering instruments through the pages: start, save a draft, resume, complete, see the result and its reasons;
bad input kept and explained; a new instrument file needs no code; a revised file never changes past results."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from childsafe.assessments import engine, services
from childsafe.assessments.instruments import get_registry, reload_registry
from childsafe.assessments.models import Assessment
from childsafe.assessments.tests.conftest import (
    CHECKLIST,
    FULL,
    REFLECTION,
    SCREENING,
    VOICE,
    checklist_answers,
    child_of,
    completed,
    instrument,
    parent_of,
    screening_answers,
)
from childsafe.assessments.tests.test_instruments import GOOD
from childsafe.audit.models import AuditEntry


def start(client, case, instrument_id, subject=None):
    data = {"subject": str(subject.pk)} if subject else {}
    response = client.post(reverse("assessments:start", args=[case.pk, instrument_id]), data)
    assert response.status_code == 302, response.content[:500]
    return Assessment.objects.filter(case=case).order_by("-started_at").first()


def answer_url(assessment, section=None):
    if section:
        return reverse("assessments:answer_section", args=[assessment.case_id, assessment.pk, section])
    return reverse("assessments:answer", args=[assessment.case_id, assessment.pk])


def as_post(answers: dict, action: str) -> dict:
    data = {"action": action}
    for key, value in answers.items():
        if isinstance(value, dt.date):
            data[f"{key}_day"], data[f"{key}_month"], data[f"{key}_year"] = value.day, value.month, value.year
        else:
            data[key] = value
    return data


def test_a_screening_saved_as_a_draft_is_kept_unscored_and_resumed(a_case, allocated_worker, client_for):
    client = client_for(allocated_worker)
    mia = child_of(a_case)
    assessment = start(client, a_case, SCREENING, mia)
    response = client.post(
        answer_url(assessment), as_post({"danger_signs": ["weapon"], "what_you_know": "Told by her"}, "draft")
    )
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.is_draft and assessment.result is None
    assert assessment.answers == {"danger_signs": ["weapon"], "what_you_know": "Told by her"}

    page = client.get(reverse("assessments:case_assessments", args=[a_case.pk])).content.decode()
    assert "Draft" in page and "Severe" not in page

    resumed = client.get(answer_url(assessment)).content.decode()
    assert 'value="weapon" checked' in resumed
    assert "Told by her" in resumed


def test_completing_with_answers_missing_says_what_is_missing_and_keeps_what_was_typed(
    a_case, allocated_worker, client_for
):
    client = client_for(allocated_worker)
    assessment = start(client, a_case, SCREENING, child_of(a_case))
    response = client.post(
        answer_url(assessment),
        as_post(
            {"danger_signs": ["weapon", "none"], "what_you_know": "He hit her <script>alert(1)</script>"}, "complete"
        ),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Select “None of these” on its own, or untick it" in page
    assert "Select the physical violence that fits, or “None of these”" in page
    assert "He hit her &lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)</script>" not in page
    assessment.refresh_from_db()
    assert assessment.answers == {} and assessment.is_draft


def test_a_completed_screening_shows_level_tier_reasons_and_what_to_do(a_case, allocated_worker, client_for):
    client = client_for(allocated_worker)
    assessment = start(client, a_case, SCREENING, child_of(a_case))
    answers = screening_answers(physical_violence=["serious_or_increasing"], vulnerabilities=["under_7"])
    response = client.post(answer_url(assessment), as_post(answers, "complete"))
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert (assessment.status, assessment.instrument_version) == ("completed", instrument(SCREENING).version)
    page = client.get(response.url).content.decode()
    assert "Severe" in page and "Tier 4: Acute" in page
    assert "Serious or repeated violence that is getting worse (at least Serious)" in page
    assert "up one level to Severe" in page
    assert "Make an immediate child protection referral" in page
    completion = AuditEntry.objects.filter(object_id=str(assessment.pk), action="update").latest("seq")
    assert {"result", "status"} <= set(completion.changed_fields)


def test_every_free_text_answer_carries_the_language_check_hook(a_case, allocated_worker, client_for):
    client = client_for(allocated_worker)
    assessment = start(client, a_case, SCREENING, child_of(a_case))
    page = client.get(answer_url(assessment)).content.decode()
    assert page.count("data-language-check") == 2  # what you know, what is not known
    assert page.count("<textarea") == 2


def test_over_long_text_is_refused_in_plain_words_and_kept(a_case, allocated_worker, client_for):
    client = client_for(allocated_worker)
    assessment = start(client, a_case, SCREENING, child_of(a_case))
    too_long = "x" * 4001
    page = client.post(answer_url(assessment), as_post({"what_you_know": too_long}, "draft")).content.decode()
    assert "What you know must be 4000 characters or fewer" in page
    assert too_long in page
    assessment.refresh_from_db()
    assert assessment.answers == {}


def test_the_full_assessment_is_a_task_list_of_sections_saved_one_at_a_time(a_case, allocated_worker, client_for):
    client = client_for(allocated_worker)
    assessment = start(client, a_case, FULL)
    overview = client.get(reverse("assessments:detail", args=[a_case.pk, assessment.pk])).content.decode()
    assert "govuk-task-list" in overview and overview.count("Not started") == 10

    section = client.post(
        answer_url(assessment, "lethality"),
        as_post(
            {
                "lethality_evidence": "She said he put his hands round her neck",
                "lethality_analysis": "High",
                "lethality_rating": "severe",
            },
            "draft",
        ),
    )
    assert section.status_code == 302
    overview = client.get(section.url).content.decode()
    assert overview.count("Not started") == 9 and "Completed" in overview

    refused = client.post(reverse("assessments:complete", args=[a_case.pk, assessment.pk]))
    page = refused.content.decode()
    assert "Answer every question before completing" in page
    assert "Nature of the abuse: enter the evidence for “Nature of the abuse”" in page
    assessment.refresh_from_db()
    assert assessment.is_draft and assessment.result is None

    children = [child_of(a_case, "Mia"), child_of(a_case, "Leo")]
    each = client.get(answer_url(assessment, "each_child")).content.decode()
    assert "Level of risk to Mia Fernhill" in each and "Level of risk to Leo Fernhill" in each
    for section_obj in instrument(FULL).sections:
        if section_obj.id == "lethality":
            continue  # answered above; posting it blank would clear it
        data = {}
        for question in section_obj.questions:
            targets = children if question.per_child else [None]
            for child in targets:
                name = f"{question.id}__{child.pk.hex}" if child else question.id
                data[name] = {"textarea": "Written", "level": "moderate", "radios": "some"}[question.type]
        data["action"] = "draft"
        saved = client.post(answer_url(assessment, section_obj.id), data)
        assert saved.status_code == 302, (
            section_obj.id,
            saved.context["form"].errors if saved.context else saved.content[-3000:],
        )
    done = client.post(reverse("assessments:complete", args=[a_case.pk, assessment.pk]))
    assert done.status_code == 302
    assessment.refresh_from_db()
    levels = {item["subject_name"]: item["level"] for item in assessment.result["subjects"]}
    assert levels == {"Mia Fernhill": "severe", "Leo Fernhill": "severe"}  # lethality rated severe is a floor


def test_the_checklist_records_the_variant_and_reminds_that_marac_does_not_replace_child_protection(
    a_case, allocated_worker, client_for
):
    client = client_for(allocated_worker)
    assessment = start(client, a_case, CHECKLIST, parent_of(a_case))
    page = client.get(answer_url(assessment)).content.decode()
    assert "The agency version (24 questions)" in page
    answers = {"safe_to_talk": "yes", "variant": "agency_24", "police_callouts": "4", "professional_judgement": "no"}
    for question_id in instrument(CHECKLIST).rules[0].questions:
        answers[question_id] = "no"
    response = client.post(answer_url(assessment), as_post(answers, "complete"))
    assert response.status_code == 302
    result = client.get(response.url).content.decode()
    assert "High" in result and "Refer to the MARAC" in result
    assert "A MARAC referral does not replace a child protection referral" in result
    assessment.refresh_from_db()
    assert assessment.answers["variant"] == "agency_24"
    assert "hurt_children" not in assessment.answers  # not asked in the agency variant, so not kept


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (
            {"heard_on_day": "31", "heard_on_month": "2", "heard_on_year": "2026"},
            "Date you heard this must be a real date",
        ),
        (
            {"heard_on_day": "1", "heard_on_month": "1", "heard_on_year": "2999"},
            "Date heard must be today or in the past",
        ),
        (
            {"heard_on_day": "1", "heard_on_month": "", "heard_on_year": "2026"},
            "Date you heard this must include a month",
        ),
    ],
)
def test_the_childs_voice_refuses_impossible_and_future_dates(a_case, allocated_worker, client_for, day, message):
    client = client_for(allocated_worker)
    assessment = start(client, a_case, VOICE, child_of(a_case))
    data = {
        "action": "complete",
        "setting": "school",
        "heard_by": "Ms Okafor, class teacher",
        "worries": "When dad shouts",
        **day,
    }
    page = client.post(answer_url(assessment), data).content.decode()
    assert message in page
    assert "When dad shouts" in page


def test_the_childs_voice_is_shown_beside_the_screening(a_case, allocated_worker, client_for):
    mia = child_of(a_case)
    voice = {
        "heard_on": "2026-09-03",
        "setting": "school",
        "heard_by": "Ms Okafor",
        "worries": "I worry when Dad is angry",
    }
    completed(a_case, allocated_worker, VOICE, voice, mia)
    client = client_for(allocated_worker)
    assessment = start(client, a_case, SCREENING, mia)
    page = client.get(answer_url(assessment)).content.decode()
    assert "In the child's own words" in page
    assert "I worry when Dad is angry" in page


def test_the_practice_reflection_is_kept_per_case(a_case, allocated_worker, client_for):
    client = client_for(allocated_worker)
    assessment = start(client, a_case, REFLECTION)
    detail = client.get(reverse("assessments:detail", args=[a_case.pk, assessment.pk])).content.decode()
    assert (
        "Prompts (ours, not the Panel&#39;s wording)" in detail
        or "Prompts" in client.get(answer_url(assessment, "whole_family")).content.decode()
    )
    for section in instrument(REFLECTION).sections:
        data = {"action": "draft", f"{section.id}_rating": "developing", f"{section.id}_notes": "Notes"}
        client.post(answer_url(assessment, section.id), data)
    assert client.post(reverse("assessments:complete", args=[a_case.pk, assessment.pk])).status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == "completed" and assessment.result is None


# --- Instruments are data ----------------------------------------------------------------------------------------


def test_a_new_instrument_file_needs_no_code_and_a_revision_never_changes_past_results(
    tmp_path, settings, a_case, allocated_worker, client_for
):
    (tmp_path / "tiny.yaml").write_text(GOOD, encoding="utf-8")
    settings.ASSESSMENT_INSTRUMENT_DIRS = [tmp_path]
    try:
        reload_registry()
        client = client_for(allocated_worker)
        listing = client.get(reverse("assessments:case_assessments", args=[a_case.pk])).content.decode()
        assert "Tiny check" in listing
        mia = child_of(a_case)
        first = start(client, a_case, "tiny-check", mia)
        draft = start(client, a_case, "tiny-check", mia)
        client.post(answer_url(first), {"action": "complete", "hurt": "yes", "callouts": "0"})
        client.post(answer_url(draft), {"action": "draft", "hurt": "yes", "callouts": "0"})
        first.refresh_from_db()
        assert (first.instrument_version, first.result["subjects"][0]["level"]) == (1, "high")

        # Version 2: being hurt no longer sets "high" on its own, and a new question is asked.
        revised = GOOD.replace("version: 1", "version: 2").replace("      level: high\n", "      level: low\n")
        revised = revised.replace(
            "        maximum: 50\n",
            "        maximum: 50\n"
            "      - id: notes\n        type: textarea\n        label: Notes\n        required: false\n",
        )
        (tmp_path / "tiny.yaml").write_text(revised, encoding="utf-8")
        reload_registry()

        first.refresh_from_db()
        assert first.result["subjects"][0]["level"] == "high"
        page = client.get(reverse("assessments:detail", args=[a_case.pk, first.pk])).content.decode()
        assert "Version 1" in page and "High" in page and "Notes" not in page

        # A draft started on version 1 is completed and scored with version 1.
        client.post(answer_url(draft), {"action": "complete", "hurt": "yes", "callouts": "0"})
        draft.refresh_from_db()
        assert (draft.instrument_version, draft.result["version"], draft.result["subjects"][0]["level"]) == (
            1,
            1,
            "high",
        )

        second = start(client, a_case, "tiny-check", mia)
        assert second.instrument_version == 2
        assert "Notes" in client.get(answer_url(second)).content.decode()
    finally:
        settings.ASSESSMENT_INSTRUMENT_DIRS = None
        reload_registry()


def test_drafts_and_completions_are_audited_with_question_ids_never_answers(a_case, allocated_worker):
    assessment = services.start_assessment(a_case, instrument(SCREENING), subject=child_of(a_case), by=allocated_worker)
    services.save_draft(assessment, {"what_you_know": "A secret detail"}, by=allocated_worker)
    entries = list(AuditEntry.objects.filter(object_id=str(assessment.pk)).order_by("seq"))
    assert [entry.action for entry in entries] == ["create", "update"]
    assert entries[1].changed_fields == ["what_you_know"]
    assert "A secret detail" not in str([entry.changed_fields for entry in entries])


def test_the_result_proposes_services_for_the_tier_with_reasons_and_a_referral_link(
    a_case, allocated_worker, client_for
):
    from childsafe.services.models import Service

    group = Service.objects.create(
        key="nb-children-group", name="Northbrook children's group", service_type="childrens_group_work",
        tiers=[4], serves=["child"], min_age=5, max_age=12,
    )  # fmt: skip
    Service.objects.create(
        key="nb-low-tier", name="Drop-in for tier 2", service_type="childrens_group_work", tiers=[2], serves=["child"]
    )
    screening = completed(
        a_case, allocated_worker, SCREENING, screening_answers(danger_signs=["weapon"]), child_of(a_case)
    )
    page = (
        client_for(allocated_worker).get(reverse("assessments:detail", args=[a_case.pk, screening.pk])).content.decode()
    )
    services_part = page.split("Services that could help")[1].split("Answers")[0]
    assert "Proposed for tier 4" in services_part
    assert "Northbrook children&#39;s group" in services_part or "Northbrook children's group" in services_part
    assert "Drop-in for tier 2" not in services_part
    assert "Offers tier 4 support" in services_part
    assert f"?service={group.pk}&amp;person={child_of(a_case).pk}" in services_part


def test_a_checklist_completed_on_version_1_keeps_its_version_and_result_after_version_2(
    a_case, allocated_worker, client_for
):
    """Version 2 adds the repeat-referral criterion; version 1's assessments, done and in draft, stay version 1."""
    version_1 = get_registry().get(CHECKLIST, 1)
    assert "months_since_marac" not in version_1.questions
    rachel = parent_of(a_case)
    done = services.start_assessment(a_case, version_1, subject=rachel, by=allocated_worker)
    draft = services.start_assessment(a_case, version_1, subject=rachel, by=allocated_worker)
    answers = checklist_answers(2)
    answers.pop("months_since_marac", None)
    services.complete_assessment(done, answers, people=list(a_case.people.all()), by=allocated_worker)
    done.refresh_from_db()
    before = done.result

    # Completed now, with an answer only version 2 asks (as a crafted post might carry): scored by version 1.
    client = client_for(allocated_worker)
    client.post(answer_url(draft), as_post({**answers, "months_since_marac": "3"}, "complete"))
    for assessment in (done, draft):
        assessment.refresh_from_db()
        assert assessment.instrument_version == 1 and assessment.result["version"] == 1
        assert assessment.result["subjects"][0]["level"] == "standard"
        assert "months_since_marac" not in assessment.answers
    assert done.result == before
    page = client.get(reverse("assessments:detail", args=[a_case.pk, done.pk])).content.decode()
    assert "Version 1" in page and "Months from her last MARAC referral" not in page

    # A new checklist is version 2, and the same answers with a referral 3 months before are high.
    new = start(client, a_case, CHECKLIST, rachel)
    assert new.instrument_version == 2
    client.post(answer_url(new), as_post({**answers, "months_since_marac": "3"}, "complete"))
    new.refresh_from_db()
    assert new.result["subjects"][0]["level"] == "high"
    assert "Repeat referral: a new incident within 12 months of her last MARAC referral" in str(new.result)


VOICE_DETAILS = {"heard_on": "2026-09-03", "setting": "school", "heard_by": "Ms Okafor, class teacher"}
OWN_WORDS = ("wishes", "feelings", "worries", "feels_safe", "feels_unsafe")


def test_the_childs_voice_cannot_be_completed_without_one_thing_the_child_said(a_case, allocated_worker, client_for):
    client = client_for(allocated_worker)
    assessment = start(client, a_case, VOICE, child_of(a_case))
    assert assessment.instrument_version == 2
    details = {**VOICE_DETAILS, "heard_on": dt.date(2026, 9, 3)}  # typed in the three date boxes
    response = client.post(answer_url(assessment), as_post({**details, "how_shared": ["drawing"]}, "complete"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page and "Write down at least one thing the child said" in page
    assert 'href="#id_wishes"' in page  # the error links to the first box for her words
    assert "Ms Okafor, class teacher" in page  # what was typed is kept
    assessment.refresh_from_db()
    assert assessment.is_draft and assessment.result is None

    # Any one of the five boxes is enough; a draft may be saved with none.
    response = client.post(answer_url(assessment), as_post({**details, "feels_safe": "My nan's house"}, "complete"))
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == "completed" and assessment.answers["feels_safe"] == "My nan's house"


@pytest.mark.parametrize("said", OWN_WORDS)
def test_each_of_the_childs_own_words_boxes_on_its_own_completes_it(said):
    voice = instrument(VOICE)
    assert [item.message for item in engine.missing_answers(voice, VOICE_DETAILS)] == [
        "Write down at least one thing the child said"
    ]
    assert engine.missing_answers(voice, {**VOICE_DETAILS, said: "I want to stay with mum"}) == []


def test_a_childs_voice_on_version_1_still_completes_as_it_did(a_case, allocated_worker):
    version_1 = get_registry().get(VOICE, 1)
    assessment = services.start_assessment(a_case, version_1, subject=child_of(a_case), by=allocated_worker)
    services.complete_assessment(assessment, VOICE_DETAILS, people=list(a_case.people.all()), by=allocated_worker)
    assert assessment.status == "completed" and assessment.instrument_version == 1
