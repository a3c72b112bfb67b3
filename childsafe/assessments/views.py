"""Pages of this app: the case's assessments, answering an instrument (drafts and completion), the result with
its reasons, professional-judgement changes to a level and their sign-off, and the panel on the case overview.

Access: `cases.access.get_case_for_user` (404 for anyone the case is not shared with) and `access.py` here (404 for
an assessment of another case, a note in place of a disclosure, 403 on a closed case or a change not allowed).
Every page that shows an assessment logs the read; every change is logged by `services` in its own transaction.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from childsafe.assessments import access, engine, services, standing
from childsafe.assessments.forms import AnswerForm, LevelChangeForm, ReassessForm, SignOffForm, StartForm
from childsafe.assessments.instruments import Instrument, get_registry
from childsafe.assessments.models import Assessment, LevelChange
from childsafe.assessments.render import question_params
from childsafe.assessments.trend import trend_chart
from childsafe.cases.access import can_edit_case, cases_visible_to, get_case_for_user, redact_people
from childsafe.cases.models import Case, Person
from childsafe.cases.views.common import case_header, children_oldest_first, posted, render_form
from childsafe.services.matching import proposals_for_household

CHILDS_VOICE = "childs-voice"
# The language helper's script flags victim-blaming words in textareas marked data-language-check; loaded once it
# exists (it is built by another part of the project).


def _people(request: HttpRequest, case: Case) -> list[Person]:
    """The case's people as this user may see them (`cases.access.redact_people`: no known-as name, school...)."""
    people = list(Person.objects.filter(case=case))
    redact_people(request.user, people)
    return people


def _as_seen(people: Sequence[Person], person: Person | None) -> Person | None:
    """The redacted copy of a person loaded through a relation (an assessment's subject, a level change's)."""
    if person is None:
        return None
    return next((seen for seen in people if seen.pk == person.pk), person)


def _require_record(request: HttpRequest, case: Case, instrument: Instrument) -> None:
    if not case.is_open:
        raise PermissionDenied("This case is closed: reopen it to change its assessments")
    if not access.can_record(request.user, case, instrument):
        raise PermissionDenied("Your organisation does not record this kind of assessment")


def _assessment_url(assessment: Assessment) -> str:
    return reverse("assessments:detail", args=[assessment.case_id, assessment.pk])


def _tier_names() -> dict[int, str]:
    return {number: tier.name for number, tier in get_registry().tiers.items()}


# ---------------------------------------------------------------------------------------------------------------
# The case's assessments


@require_GET
def case_assessments(request: HttpRequest, case_id: Any) -> HttpResponse:
    case = get_case_for_user(request.user, case_id, request)
    people = _people(request, case)
    assessments = list(
        Assessment.objects.filter(case=case)
        .select_related("subject", "started_by", "completed_by")
        .defer("definition")
        .order_by("-started_at")
    )
    registry = get_registry()
    see_disclosures = access.can_see_disclosures(request.user)
    children = children_oldest_first(people)
    starts = []
    for instrument in registry.current():
        if instrument.subject == "household":
            targets: Sequence[Person | None] = [None]
        else:
            targets = services.subject_choices(instrument, children if instrument.subject == "child" else people)
        starts.append(
            {
                "instrument": instrument,
                "targets": targets,
                "allowed": access.can_record(request.user, case, instrument),
            }
        )
    rows = []
    for assessment in assessments:
        assessment.subject = _as_seen(people, assessment.subject)
        shown = not assessment.is_disclosure or see_disclosures
        result = engine.Result.from_json(assessment.result) if assessment.result and shown else None
        rows.append({"assessment": assessment, "shown": shown, "result": result})
    with_standing = standing.current_standing(case, include_disclosures=see_disclosures)
    services.record_case_list_view(request.user, case, request)
    context = {
        "case": case,
        "rows": rows,
        "starts": starts,
        "can_edit": can_edit_case(request.user, case),
        "people_by_id": {str(person.pk): person for person in people},
        "standing": with_standing,
        "tier_names": _tier_names(),
        **case_header(case, "assessments:case_assessments", people),
    }
    return render(request, "assessments/case_assessments.html", context)


@require_http_methods(["GET", "POST"])
def start_assessment(request: HttpRequest, case_id: Any, instrument_id: str) -> HttpResponse:
    case = get_case_for_user(request.user, case_id, request)
    try:
        instrument = get_registry().latest(instrument_id)
    except KeyError as exc:
        raise Http404("No such instrument") from exc
    _require_record(request, case, instrument)
    people = _people(request, case)
    if instrument.subject == "household":
        if request.method == "POST":
            assessment = services.start_assessment(case, instrument, subject=None, by=request.user, request=request)
            return redirect(_assessment_url(assessment))
        form = None
    else:
        choices = services.subject_choices(
            instrument, children_oldest_first(people) if instrument.subject == "child" else people
        )
        form = StartForm(
            posted(request),
            people=choices,
            label=f"Who is this {instrument.short_title.lower()} about?",
            initial={"subject": request.GET.get("subject", "")},
        )
        if request.method == "POST" and form.is_valid():
            assessment = services.start_assessment(
                case, instrument, subject=form.cleaned_data["subject"], by=request.user, request=request
            )
            return redirect(_assessment_url(assessment))
    return render(
        request,
        "assessments/start.html",
        {
            "case": case,
            "instrument": instrument,
            "form": form,
            "cancel_url": reverse("assessments:case_assessments", args=[case.pk]),
        },
    )


# ---------------------------------------------------------------------------------------------------------------
# One assessment


def _voices(case: Case, people: Sequence[Person], instrument: Instrument, subject: Person | None, user) -> list:
    """The latest child's-voice record for each child this assessment is about, to show beside it."""
    if not instrument.shows_childs_voice or not access.can_see_disclosures(user):
        return []
    children = [subject] if subject is not None else children_oldest_first(people)
    latest: dict[Any, Assessment] = {}
    for record in Assessment.objects.filter(
        case=case,
        instrument_id=CHILDS_VOICE,
        status=Assessment.Status.COMPLETED,
        subject__in=[child.pk for child in children],
    ).order_by("completed_at"):
        latest[record.subject_id] = record
    voices = []
    for child in children:
        record = latest.get(child.pk)
        voice_instrument = services.instrument_of(record) if record else None
        heard_on = ""
        if record is not None and voice_instrument is not None and "heard_on" in voice_instrument.questions:
            heard_on = engine.describe_answer(
                voice_instrument, voice_instrument.questions["heard_on"], record.answers.get("heard_on")
            )
        voices.append({"child": child, "record": record, "heard_on": heard_on})
    return voices


def _answer_rows(instrument: Instrument, answers: dict, children: Sequence[engine.SubjectRef]) -> list:
    """Sections with (question, answer in words) rows, per child where asked per child, for summary lists."""
    sections = []
    for section in instrument.sections:
        rows = []
        for question in section.questions:
            targets: Sequence[engine.SubjectRef | None] = children if question.per_child else [None]
            for child in targets:
                if not engine.is_asked(instrument, question, answers, child.id if child else None):
                    continue
                value = engine.answer_for(question, answers, child.id if child else None)
                name = f"{question.name}: {child.name}" if child else question.name
                rows.append(
                    {
                        "question": name,
                        "answer": engine.describe_answer(instrument, question, value),
                        "multiline": question.is_free_text,
                    }
                )
        sections.append({"section": section, "rows": rows})
    return sections


def _base_context(request: HttpRequest, case: Case, assessment: Assessment, people: list[Person]) -> dict[str, Any]:
    instrument = services.instrument_of(assessment)
    assessment.subject = _as_seen(people, assessment.subject)
    return {
        "case": case,
        "assessment": assessment,
        "instrument": instrument,
        "shown": access.can_see_content(request.user, instrument),
        "answers_shown": access.can_see_answers(request.user, instrument),
        "can_record": access.can_record(request.user, case, instrument),
        "children": services.children_refs(children_oldest_first(people)),
        "voices": _voices(case, people, instrument, assessment.subject, request.user),
        "tier_names": _tier_names(),
        **case_header(case, "assessments:case_assessments", people),
    }


@require_GET
def assessment_detail(request: HttpRequest, case_id: Any, assessment_id: Any) -> HttpResponse:
    """A completed assessment's result, or a draft's task list (or its one page)."""
    case = get_case_for_user(request.user, case_id, request)
    assessment = access.get_assessment(case, assessment_id)
    people = _people(request, case)
    context = _base_context(request, case, assessment, people)
    instrument: Instrument = context["instrument"]
    if assessment.is_draft and context["shown"]:
        if instrument.layout == "single_page" and context["can_record"]:
            return redirect("assessments:answer", case.pk, assessment.pk)
        context["tasks"] = _tasks(instrument, assessment, context["children"], context["can_record"])
        services.record_view(request.user, assessment, request)
        return render(request, "assessments/task_list.html", context)
    if context["shown"]:
        context.update(_result_context(request, case, assessment, instrument, people, context["children"]))
    services.record_view(request.user, assessment, request)
    return render(request, "assessments/result.html", context)


def _tasks(instrument: Instrument, assessment: Assessment, children: Sequence[engine.SubjectRef], linked: bool) -> list:
    labels = {"completed": "Completed", "in_progress": "In progress", "not_started": "Not started"}
    tasks = []
    for section in instrument.sections:
        status = engine.section_status(instrument, section, assessment.answers, children)
        tasks.append(
            {
                "title": {"text": section.title},
                "href": reverse("assessments:answer_section", args=[assessment.case_id, assessment.pk, section.id])
                if linked
                else None,
                "status": {"text": labels[status]}
                if status == "completed"
                else {
                    "tag": {
                        "text": labels[status],
                        "classes": "govuk-tag--blue" if status == "in_progress" else "govuk-tag--grey",
                    }
                },
            }
        )
    return tasks


def _result_context(
    request: HttpRequest,
    case: Case,
    assessment: Assessment,
    instrument: Instrument,
    people: list[Person],
    children: Sequence[engine.SubjectRef],
) -> dict[str, Any]:
    result = engine.Result.from_json(assessment.result) if assessment.result else None
    changes = list(
        LevelChange.objects.filter(assessment=assessment).select_related("requested_by", "decided_by", "person")
    )
    for change in changes:
        change.person = _as_seen(people, change.person)
    tier_names = _tier_names()
    people_by_id = {str(person.pk): person for person in people}
    subjects = []
    if result is not None and instrument.scale is not None:
        for item in result.subjects:
            person = people_by_id.get(item.subject_id)
            in_force = services.effective_level(assessment, item.subject_id, changes) or item.level
            level = instrument.scale.level(in_force)
            subjects.append(
                {
                    "result": item,
                    "name": person.display_name if person else item.subject_name,
                    "explanation": engine.explain(item, tier_names.get(item.tier, "")),
                    "level": level,
                    "tier_name": tier_names.get(level.tier, ""),
                    "changed": level.id != item.level,
                    "changes": [change for change in changes if str(change.person_id) == item.subject_id],
                }
            )
    answer_children = children if instrument.results_for == "each_child" else ()
    return {
        "result": result,
        "subjects": subjects,
        "answer_sections": (
            _answer_rows(instrument, assessment.answers, answer_children)
            if access.can_see_answers(request.user, instrument)
            else []
        ),
        "can_change_level": access.can_change_level(request.user, case) and bool(subjects),
        "sign_off_ids": {change.pk for change in changes if access.can_sign_off(request.user, change, case)},
        "services_help": _proposals(request, case, people, subjects),
    }


def _proposals(request: HttpRequest, case: Case, people: list[Person], subjects: list) -> dict[str, Any]:
    """Services that could help each person, for that person's own tier of need (`standing.proposal_tiers`)."""
    if not subjects:
        return {}
    this_result = {
        subject["result"].subject_id: (subject["level"].tier, subject["level"].label) for subject in subjects
    }
    standings = standing.current_standing(case, include_disclosures=access.can_see_disclosures(request.user))
    tiers = standing.proposal_tiers(people, this_result, standings)
    tier_of = {person_id: item.tier for person_id, item in tiers.items()}
    by_person = proposals_for_household(case, tier=tier_of, for_user=request.user)
    not_assessed = [person for person in children_oldest_first(people) if str(person.pk) not in tiers]
    return {"by_person": by_person, "tier_basis": tiers, "not_assessed": not_assessed}


def _answer_page(request: HttpRequest, case_id: Any, assessment_id: Any, section_id: str | None) -> HttpResponse:
    case = get_case_for_user(request.user, case_id, request)
    assessment = access.get_assessment(case, assessment_id)
    instrument = services.instrument_of(assessment)
    _require_record(request, case, instrument)
    if not assessment.is_draft and request.method != "POST":
        raise PermissionDenied("This assessment is complete: its answers can no longer change")
    # A POST to a completed assessment (a second press, or someone else completed it) goes on to the form, so that
    # what was typed comes back with the reason instead of being lost; the service refuses to change it.
    people = _people(request, case)
    context = _base_context(request, case, assessment, people)
    children = context["children"] if any(q.per_child for q in instrument.questions.values()) else []
    if section_id is None:
        if instrument.layout != "single_page":
            raise Http404("This assessment is answered one section at a time")
        sections = list(instrument.sections)
    else:
        try:
            sections = [instrument.section(section_id)]
        except KeyError as exc:
            raise Http404("No such section") from exc
    completing = request.method == "POST" and request.POST.get("action") == "complete" and section_id is None
    form = AnswerForm(
        posted(request),
        instrument=instrument,
        sections=sections,
        answers=assessment.answers,
        children=children,
        completing=completing,
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            if completing:
                try:
                    services.complete_assessment(
                        assessment, form.answers_update(), people=people, by=request.user, request=request
                    )
                except engine.IncompleteAnswers:  # answered on another page that no longer validates
                    messages.error(request, "Some answers are missing")
                    return redirect(_assessment_url(assessment))
                messages.success(request, f"{instrument.title} completed.")
                return redirect(_assessment_url(assessment))
            services.save_draft(assessment, form.answers_update(), by=request.user, request=request)
        except services.AssessmentNotAllowed as refusal:
            # Completed already: pressed twice, or by someone else between this page loading and the lock. If the
            # page holds nothing the record lacks, that is the same work done twice: show the result. Otherwise
            # nothing was saved, and the page comes back with what was typed so nothing is lost.
            assessment.refresh_from_db(fields=["answers", "status"])
            if not services.would_change(assessment.answers, form.answers_update()):
                return _already_complete(request, assessment)
            form.add_error(None, f"{refusal}. Nothing on this page was saved: copy anything you still need")
            status = 409
        else:
            messages.success(request, "Draft saved. Nothing is scored until you complete it.")
            if section_id is not None:
                return redirect(_assessment_url(assessment))
            return redirect("assessments:answer", case.pk, assessment.pk)
    services.record_view(request.user, assessment, request)
    context.update(
        {
            "form": form,
            "questions": [
                (section, [(placed, question_params(instrument, placed, bound)) for placed, bound in fields])
                for section, fields in form.layout()
            ],
            "section_id": section_id,
            "back": _assessment_url(assessment)
            if section_id
            else reverse("assessments:case_assessments", args=[case.pk]),
        }
    )
    return render(request, "assessments/answer_form.html", context, status=status)


@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, case_id: Any, assessment_id: Any) -> HttpResponse:
    return _answer_page(request, case_id, assessment_id, None)


@require_http_methods(["GET", "POST"])
def answer_section(request: HttpRequest, case_id: Any, assessment_id: Any, section_id: str) -> HttpResponse:
    return _answer_page(request, case_id, assessment_id, section_id)


def _already_complete(request: HttpRequest, assessment: Assessment) -> HttpResponse:
    """A second press of "Complete" (or two people at once): show the result that stands, and say so."""
    messages.info(request, "This assessment was already complete: its result below is unchanged.")
    return redirect(_assessment_url(assessment))


@require_POST
def complete(request: HttpRequest, case_id: Any, assessment_id: Any) -> HttpResponse:
    """Complete a task-list assessment: score it if every required answer is there, else say what is missing."""
    case = get_case_for_user(request.user, case_id, request)
    assessment = access.get_assessment(case, assessment_id)
    instrument = services.instrument_of(assessment)
    _require_record(request, case, instrument)
    if not assessment.is_draft:
        return _already_complete(request, assessment)
    people = _people(request, case)
    try:
        services.complete_assessment(assessment, {}, people=people, by=request.user, request=request)
    except services.AssessmentNotAllowed:  # completed by another request after the check above, before the lock
        return _already_complete(request, assessment)
    except engine.IncompleteAnswers as exc:
        context = _base_context(request, case, assessment, people)
        context["tasks"] = _tasks(instrument, assessment, context["children"], context["can_record"])
        names = {str(child.id): child.name for child in context["children"]}
        errors = []
        for missing in exc.missing:
            section = instrument.section(missing.section_id)
            child = f": {names.get(missing.child_id, '')}" if missing.child_id else ""
            errors.append(
                {
                    "text": f"{section.title}: {missing.message[:1].lower()}{missing.message[1:]}{child}",
                    "href": reverse("assessments:answer_section", args=[case.pk, assessment.pk, section.id]),
                }
            )
        context["missing_errors"] = errors
        services.record_view(request.user, assessment, request)
        return render(request, "assessments/task_list.html", context, status=200)
    messages.success(request, f"{instrument.title} completed.")
    return redirect(_assessment_url(assessment))


# ---------------------------------------------------------------------------------------------------------------
# Levels: professional judgement, sign-off, re-assessment


@require_http_methods(["GET", "POST"])
def change_level(request: HttpRequest, case_id: Any, assessment_id: Any) -> HttpResponse:
    case = get_case_for_user(request.user, case_id, request)
    assessment = access.get_assessment(case, assessment_id)
    instrument = services.instrument_of(assessment)
    if not case.is_open or not access.can_change_level(request.user, case):
        raise PermissionDenied("This case is closed: reopen it to change a level")
    if not access.can_see_content(request.user, instrument):
        raise PermissionDenied("This assessment is not shared with your organisation")
    if assessment.is_draft or not assessment.result or instrument.scale is None:
        raise Http404("This assessment has no level to change")
    result = engine.Result.from_json(assessment.result)
    people = {str(person.pk): person for person in _people(request, case)}
    subjects = [people[item.subject_id] for item in result.subjects if item.subject_id in people]
    form = LevelChangeForm(posted(request), people=subjects, levels=instrument.scale.ordered)
    if request.method == "POST" and form.is_valid():
        try:
            change = services.change_level(
                assessment,
                form.cleaned_data["person"],
                form.cleaned_data["to_level"],
                form.cleaned_data["rationale"],
                by=request.user,
                request=request,
            )
        except services.AssessmentNotAllowed as exc:
            form.add_error("to_level", str(exc))
        else:
            if change.status == LevelChange.Status.AWAITING_SIGN_OFF:
                messages.success(
                    request, "Lowering sent for a manager's sign-off. Until then the level from the answers stands."
                )
            else:
                messages.success(request, "Level changed on your professional judgement.")
            return redirect(_assessment_url(assessment))
    current = ", ".join(
        f"{people[item.subject_id].display_name}: {item.level_label}"
        for item in result.subjects
        if item.subject_id in people
    )
    intro = (
        f"The answers give {current}. You may raise a level on your professional judgement at once. "
        "Lowering it below what the answers give needs a manager's sign-off."
    )
    if not instrument.scale.allow_lowering:
        intro = (
            f"The answers give {current}. You may raise the level on your professional judgement; this "
            f"{instrument.short_title.lower()} cannot be lowered below what the answers give."
        )
    services.record_view(request.user, assessment, request)
    return render_form(
        request,
        case=case,
        form=form,
        title="Change the level on your professional judgement",
        submit_text="Save the change",
        cancel_url=_assessment_url(assessment),
        intro=intro,
    )


def _change_for_user(request: HttpRequest, case_id: Any, change_id: Any) -> tuple[Case, LevelChange]:
    case = get_case_for_user(request.user, case_id, request)
    change = (
        LevelChange.objects.select_related("assessment", "person", "requested_by", "decided_by")
        .filter(pk=change_id, assessment__case=case)
        .first()
    )
    if change is None:
        raise Http404("No such level change")
    change.assessment.case = case
    return case, change


def _already_decided(request: HttpRequest, change: LevelChange) -> HttpResponse:
    decision = "signed off" if change.status == LevelChange.Status.SIGNED_OFF else "declined"
    if change.status == LevelChange.Status.APPLIED:
        decision = "applied without a sign-off"
    messages.info(request, f"This lowering has already been {decision}: nothing was changed.")
    return redirect(_assessment_url(change.assessment))


@require_http_methods(["GET", "POST"])
def sign_off(request: HttpRequest, case_id: Any, change_id: Any) -> HttpResponse:
    case, change = _change_for_user(request, case_id, change_id)
    if change.status != LevelChange.Status.AWAITING_SIGN_OFF and access.may_decide_sign_off(request.user, change, case):
        # Pressed twice, or another manager decided it first: say what stands rather than refuse the page.
        return _already_decided(request, change)
    if not access.can_sign_off(request.user, change, case):
        raise PermissionDenied("Only another manager in the lead organisation can sign off this lowering")
    instrument = services.instrument_of(change.assessment)
    form = SignOffForm(posted(request))
    if request.method == "POST" and form.is_valid():
        approve = form.cleaned_data["decision"] == "sign_off"
        try:
            services.decide_sign_off(
                change, approve=approve, comment=form.cleaned_data["comment"], by=request.user, request=request
            )
        except services.AssessmentNotAllowed:  # decided by another request between the check above and the lock
            change.refresh_from_db()
            return _already_decided(request, change)
        messages.success(
            request, "Lowering signed off." if approve else "Sign-off declined: the answers' level stands."
        )
        return redirect(_assessment_url(change.assessment))
    services.record_view(request.user, change.assessment, request)
    scale = instrument.scale
    return render(
        request,
        "assessments/sign_off.html",
        {
            "case": case,
            "change": change,
            "instrument": instrument,
            "from_label": scale.level(change.from_level).label if scale else change.from_level,
            "to_label": scale.level(change.to_level).label if scale else change.to_level,
            "form": form,
            "back": _assessment_url(change.assessment),
        },
    )


@require_GET
def pending_sign_offs(request: HttpRequest) -> HttpResponse:
    """Lowerings waiting for a manager's sign-off on cases led by their organisation."""
    if not request.user.oversees_cases or request.user.organisation_id is None:
        raise PermissionDenied("Only managers sign off lowerings")
    changes = list(
        LevelChange.objects.filter(
            status=LevelChange.Status.AWAITING_SIGN_OFF,
            assessment__case__lead_organisation_id=request.user.organisation_id,
            assessment__case__in=cases_visible_to(request.user),
            assessment__case__status=Case.Status.OPEN,
        )
        .select_related("assessment", "assessment__case", "person", "requested_by")
        .order_by("requested_at")
    )
    rows = []
    for change in changes:
        levels = {
            level["id"]: level["label"] for level in change.assessment.definition.get("scale", {}).get("levels", [])
        }
        rows.append(
            {
                "change": change,
                "from_label": levels.get(change.from_level, change.from_level),
                "to_label": levels.get(change.to_level, change.to_level),
                "yours": change.requested_by_id == request.user.pk,
            }
        )
    services.record_sign_off_list_view(request.user, changes, request)
    return render(request, "assessments/pending_sign_offs.html", {"rows": rows})


@require_http_methods(["GET", "POST"])
def reassess(request: HttpRequest, case_id: Any, assessment_id: Any) -> HttpResponse:
    case = get_case_for_user(request.user, case_id, request)
    assessment = access.get_assessment(case, assessment_id)
    instrument = services.instrument_of(assessment)
    _require_record(request, case, instrument)
    if assessment.is_draft:
        raise Http404("Complete the assessment first")
    form = ReassessForm(posted(request), initial={"reassess_by": assessment.reassess_by})
    if request.method == "POST" and form.is_valid():
        services.set_reassess_by(assessment, form.cleaned_data["reassess_by"], by=request.user, request=request)
        messages.success(request, "Re-assessment date saved.")
        return redirect(_assessment_url(assessment))
    services.record_view(request.user, assessment, request)
    return render_form(
        request,
        case=case,
        form=form,
        title="Ask for the next assessment sooner",
        submit_text="Save date",
        cancel_url=_assessment_url(assessment),
        intro="By default the next assessment is due after the interval for the tier of need.",
    )


# ---------------------------------------------------------------------------------------------------------------
# The case overview panel


def overview_panel(request: HttpRequest, case: Case, people: list[Person]) -> dict[str, Any] | None:
    """Each child's current level and tier, their trend as a small chart, and when to assess again.

    Two queries whatever the size of the case (the completed assessments and the level changes).
    """
    see_disclosures = access.can_see_disclosures(request.user)
    rows, changes = standing.load_rows(case, include_disclosures=see_disclosures)
    points = standing.points_from(rows, changes)
    today = timezone.localdate()
    standings = standing.standing_from(points, get_registry().tiers, today)
    max_rank: dict[str, int] = defaultdict(int)
    for row in rows:
        scale_id = row.result.get("scale_id", "")
        for rank, *_ in row.definition_levels.values():
            max_rank[scale_id] = max(max_rank[scale_id], rank)
    entries = []
    for person in children_oldest_first(people) + [p for p in people if not p.is_child]:
        person_points = points.get(str(person.pk), [])
        if not person.is_child and not person_points:
            continue
        person_standing = standings.get(str(person.pk))
        scale_points = [p for p in person_points if person_standing is None or p.scale_id == person_standing.scale_id]
        entries.append(
            {
                "person": person,
                "standing": person_standing,
                "points": scale_points,
                "chart": trend_chart(scale_points, max_rank[person_standing.scale_id] if person_standing else 4),
            }
        )
    return {
        "template": "assessments/_overview_panel.html",
        "assessment_entries": entries,
        "assessments_url": reverse("assessments:case_assessments", args=[case.pk]),
    }
