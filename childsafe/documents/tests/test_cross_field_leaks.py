"""Rule 1 across fields: what is recorded in one place (her phone, her street, a child's school, a refuge's address)
and typed again into another (his plan action, an outcome, a progress note) must be kept from the same readers.

- Generated households embed a protected value in the words of an action that is his own: his PDF and Word
  versions never carry it, nor does the programme's plan page, while the lead organisation's version does.
- An action, outcome or progress note naming a confidential location reaches only the lead organisation's copy:
  not a partner's, and not the non-abusing parent's own printed copy.
- His case summary leaves out the behaviours that she or a child reported: listing them would tell him what they
  disclosed and when.

Values are realistic (numbers, streets, postcodes), not canaries, because the words of a plan are matched by what
they look like as well as by the case's records.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from childsafe.accounts.models import Organisation, User
from childsafe.cases.models import Address, Case, CaseShare, ContactDetail, Person
from childsafe.chronology.models import ChronologyEntry
from childsafe.conftest import PASSWORD
from childsafe.disclosure.classes import Audience
from childsafe.documents import catalogue
from childsafe.documents.access import reader_for
from childsafe.documents.render import render_docx, render_pdf
from childsafe.documents.tests.oracle import docx_text, docx_visible_text, normalise, pdf_page_text, pdf_text
from childsafe.plans.models import Action, Outcome, Plan, ProgressUpdate

EXAMPLES = settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
TODAY = dt.date(2026, 11, 25)
HIS_OWN_WORK = "Darren to attend every weekly session of the behaviour-change programme"


@contextmanager
def rolled_back() -> Iterator[None]:
    """Each generated household lives only for its example."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def carries(text: str, value: str) -> bool:
    """Whether a document's text carries the value, whatever the spacing or case."""
    return normalise(value).casefold() in normalise(text).casefold()


def render(case: Case, user: User, audience: Audience, recipient: Person | None = None, *, plan: bool = True):
    spec = next(spec for spec in catalogue.documents_for(case) if spec.kind == ("plan" if plan else "case_summary"))
    made = spec.build(reader_for(user, case, audience, recipient), TODAY, recipient)
    pdf, docx = render_pdf(made), render_docx(made)
    return (pdf_text(pdf), docx_text(docx)), (pdf_page_text(pdf), docx_visible_text(docx))


# Generated values ---------------------------------------------------------------------------------------------------

# Made-up words starting "Zy", so a value cannot be found in a document by accident (a town called "Case").
SYLLABLES = ["ba", "ke", "lo", "mi", "nu", "ra", "so", "ti", "ve", "wo"]
word = st.lists(st.sampled_from(SYLLABLES), min_size=2, max_size=4).map(lambda parts: "Zy" + "".join(parts))
digits = st.text(alphabet="0123456789", min_size=9, max_size=9)
PHONE_FORMATS = [
    lambda d: f"07{d[:3]} {d[3:]}",
    lambda d: f"07{d}",
    lambda d: f"07{d[:3]} {d[3:6]} {d[6:]}",
    lambda d: f"+44 7{d[:3]} {d[3:]}",
]
phones = st.tuples(digits, st.sampled_from(PHONE_FORMATS)).map(lambda pair: pair[1](pair[0]))
streets = st.tuples(st.integers(1, 200), word, st.sampled_from(["Grove", "Lane", "Road", "Close", "Way", "Hill"])).map(
    lambda parts: f"{parts[0]} {parts[1]} {parts[2]}"
)
# A house name says nothing that looks like an address: only the case's own records can catch it.
house_names = st.tuples(word, st.sampled_from(["House", "Lodge", "Cottage", "Villas"])).map(" ".join)
postcodes = st.tuples(
    st.text(alphabet="ABDEFGHJLNPRSTUWYZ", min_size=1, max_size=2),
    st.integers(1, 20),
    st.integers(0, 9),
    st.text(alphabet="ABDEFGHJLNPQRSTUWXYZ", min_size=2, max_size=2),
).map(lambda parts: f"{parts[0]}{parts[1]} {parts[2]}{parts[3]}")
schools = st.tuples(word, st.sampled_from(["{} Primary", "St {}'s", "{} Academy", "{} Juniors", "{}"])).map(
    lambda parts: parts[1].format(parts[0])
)

# (what is protected, its generated value)
protected_values = st.one_of(
    st.tuples(st.just("her_phone"), phones),
    st.tuples(st.just("her_email"), word.map(lambda w: f"{w.lower()}@example.org")),
    st.tuples(st.just("her_street"), st.one_of(streets, house_names)),
    st.tuples(st.just("her_town"), word),
    st.tuples(st.just("her_postcode"), postcodes),
    st.tuples(st.just("child_school"), schools),
    st.tuples(st.just("child_known_as"), word),
    st.tuples(st.just("refuge_address"), st.one_of(streets, house_names)),
    st.tuples(st.just("confidential_address"), st.one_of(streets, house_names)),
)
SENTENCES = [
    "Darren not to contact Rachel on {} or at any other number",
    "Darren must not go near {} at any time",
    "Darren not to wait outside {}",
    "{}",
    "Darren to keep away from {} and from Mia",
]
cases_of_his_action = st.fixed_dictionaries(
    {
        "protected": protected_values,
        "sentence": st.sampled_from(SENTENCES),
        "field": st.sampled_from(["what", "measure"]),
        # Owned by him, or an agency's work with him.
        "owner": st.sampled_from(["him", "lead_for_him", "programme_for_him"]),
        "lower_case": st.booleans(),
    }
)


def build(worker: User, team, example: dict) -> tuple[Case, Person, str]:
    """A case (Rachel, Darren, Mia) whose plan has his own action naming the protected value, and his plain work.
    Returns the case, him, and the protected value as typed in the action."""
    case = Case.objects.create(
        lead_organisation=worker.organisation, team=team, allocated_worker=worker, opened_on=dt.date(2026, 1, 5)
    )
    CaseShare.objects.create(case=case, organisation=worker.organisation)
    rachel = Person.objects.create(case=case, role_in_case="non_abusing_parent", first_name="Rachel")
    darren = Person.objects.create(case=case, role_in_case="parent_using_abuse", first_name="Darren")
    mia = Person.objects.create(case=case, role_in_case="child", first_name="Mia", date_of_birth=dt.date(2017, 3, 4))
    his_home = Address.objects.create(case=case, line_1="9 Mill Street", town="Brackenmere", postcode="BK1 1AA")
    Person.objects.filter(pk=darren.pk).update(address=his_home)
    ContactDetail.objects.create(person=darren, kind="phone", value="07700 900999")

    kind, value = example["protected"]
    home = {"case": case, "kind": "home", "line_1": "1 Harbour View", "town": "Ashworth", "postcode": "AW1 1AA"}
    if kind == "her_phone":
        ContactDetail.objects.create(person=rachel, kind="phone", value=value.replace(" ", ""))
    elif kind == "her_email":
        ContactDetail.objects.create(person=rachel, kind="email", value=value)
    elif kind == "her_street":
        home["line_1"] = value
    elif kind == "her_town":
        home["town"] = value
    elif kind == "her_postcode":
        home["postcode"] = value
    elif kind == "child_school":
        Person.objects.filter(pk=mia.pk).update(school_or_setting=value)
    elif kind == "child_known_as":
        Person.objects.filter(pk=mia.pk).update(known_as=value)
    elif kind == "refuge_address":
        home.update(kind="refuge", line_1=value, is_confidential_location=True)  # the database insists
    elif kind == "confidential_address":
        home.update(line_1=value, is_confidential_location=True)
    address = Address.objects.create(**home)
    Person.objects.filter(pk__in=[rachel.pk, mia.pk]).update(address=address)

    plan = Plan.objects.create(case=case, kind="child_protection", status="active", start_date=dt.date(2026, 6, 1))
    plan.children.set([mia])
    typed = value.lower() if example["lower_case"] and kind != "her_phone" else value
    fields = {"what": "Darren to keep to the plan", "measure": "", example["field"]: example["sentence"].format(typed)}
    owner: dict = {"owner_person": darren}
    if example["owner"] == "lead_for_him":
        owner = {"owner_organisation": worker.organisation, "owner_worker": "allocated worker"}
    elif example["owner"] == "programme_for_him":
        programme = Organisation.objects.create(name="Northbrook Change Programme", kind="perpetrator_programme")
        CaseShare.objects.create(case=case, organisation=programme)
        owner = {"owner_organisation": programme, "owner_worker": "facilitator"}
    Action.objects.create(plan=plan, for_whom="parent_using_abuse", due_on=dt.date(2026, 8, 1), **owner, **fields)
    Action.objects.create(
        plan=plan, owner_person=darren, for_whom="parent_using_abuse", what=HIS_OWN_WORK, due_on=dt.date(2026, 9, 1)
    )
    return case, darren, typed


@EXAMPLES
@given(example=cases_of_his_action)
def test_a_protected_value_in_his_own_action_never_reaches_him(client_for, allocated_worker, team, example):
    with rolled_back():
        case, darren, typed = build(allocated_worker, team, example)
        _, stored = example["protected"]
        (his_pdf, his_docx), (his_page, _) = render(case, allocated_worker, Audience.PARENT_USING_ABUSE, darren)
        for text in (his_pdf, his_docx):
            assert not carries(text, typed) and not carries(text, stored)
        # The control: his version is not empty, and the lead organisation's version has the action as typed.
        assert carries(his_page, HIS_OWN_WORK)
        for text in render(case, allocated_worker, Audience.PROFESSIONAL)[1]:
            assert carries(text, typed)

        # Nor is it on the plan page of the programme that works with him.
        programme = Organisation.objects.filter(kind="perpetrator_programme", case_shares__case=case).first()
        if programme is None:
            programme = Organisation.objects.create(name="Northbrook Change Programme", kind="perpetrator_programme")
            CaseShare.objects.create(case=case, organisation=programme)
        worker = User.objects.create_user(
            "rhys@nbchange.example", PASSWORD, full_name="Rhys Programme", organisation=programme, role="practitioner"
        )
        plan = case.plans.get()
        page = client_for(worker).get(reverse("plans:plan", args=[case.pk, plan.pk])).content.decode()
        assert HIS_OWN_WORK in page
        assert not carries(page, typed) and not carries(page, stored)


# Confidential locations typed into a plan -------------------------------------------------------------------------

REFUGE_LINE = "The Old Vicarage"
AT_THE_REFUGE = "Key worker to meet Rachel at The Old Vicarage every week"
OUTCOME = "Mia settles at The Old Vicarage and sleeps through the night"
NOTE = "Met Rachel at the old vicarage; she is settling"
PLAIN = "Outreach worker to meet Rachel every fortnight for specialist support"


@pytest.fixture
def refuge_case(allocated_worker, team, partner_org):
    """Rachel and Mia in a refuge; the plan names its address in an action,
    an outcome and a progress note, beside plain support for Rachel."""
    case = Case.objects.create(
        lead_organisation=allocated_worker.organisation,
        team=team,
        allocated_worker=allocated_worker,
        opened_on=dt.date(2026, 1, 5),
    )
    for organisation in (allocated_worker.organisation, partner_org):
        CaseShare.objects.create(case=case, organisation=organisation)
    rachel = Person.objects.create(case=case, role_in_case="non_abusing_parent", first_name="Rachel")
    Person.objects.create(case=case, role_in_case="parent_using_abuse", first_name="Darren")
    mia = Person.objects.create(case=case, role_in_case="child", first_name="Mia", date_of_birth=dt.date(2017, 3, 4))
    refuge = Address.objects.create(
        case=case, kind="refuge", line_1=REFUGE_LINE, town="Sallowby", is_confidential_location=True
    )
    Person.objects.filter(pk__in=[rachel.pk, mia.pk]).update(address=refuge)
    plan = Plan.objects.create(case=case, kind="child_protection", status="active", start_date=dt.date(2026, 6, 1))
    plan.children.set([mia])
    Outcome.objects.create(plan=plan, child=mia, text=OUTCOME)
    Action.objects.create(
        plan=plan, owner_person=rachel, for_whom="non_abusing_parent", what=AT_THE_REFUGE, due_on=dt.date(2026, 8, 1)
    )
    plain = Action.objects.create(
        plan=plan, owner_organisation=partner_org, for_whom="non_abusing_parent", what=PLAIN, due_on=dt.date(2026, 8, 1)
    )
    ProgressUpdate.objects.create(action=plain, recorded_on=dt.date(2026, 8, 2), status="in_progress", note=NOTE)
    return case


def test_a_confidential_location_typed_into_a_plan_reaches_only_the_lead_organisation(
    refuge_case, allocated_worker, partner_practitioner
):
    rachel = refuge_case.people.get(role_in_case="non_abusing_parent")
    for user, audience, recipient in (
        (partner_practitioner, Audience.PROFESSIONAL, None),
        (allocated_worker, Audience.NON_ABUSING_PARENT, rachel),
    ):
        (pdf, docx), (_, docx_visible) = render(refuge_case, user, audience, recipient)
        for text in (pdf, docx):
            assert not carries(text, REFUGE_LINE), audience
            assert not carries(text, "Sallowby"), audience
        # The rest of the plan is still there.
        assert carries(docx_visible, PLAIN), audience
    _, (pdf_page, docx_visible) = render(refuge_case, allocated_worker, Audience.PROFESSIONAL)
    for text in (pdf_page, docx_visible):
        assert carries(text, AT_THE_REFUGE) and carries(text, OUTCOME) and carries(text, NOTE)


# Behaviours she or a child reported -------------------------------------------------------------------------------


def test_his_case_summary_leaves_out_what_she_or_a_child_reported(a_case, allocated_worker):
    darren = a_case.people.get(first_name="Darren")
    reported = [
        ("victim_survivor", "stalking", dt.date(2026, 3, 3), "Harassment or stalking"),
        ("child", "harm_to_child", dt.date(2026, 4, 14), "Harm to a child directly"),
        ("police", "physical", dt.date(2026, 5, 25), "Physical abuse"),
    ]
    for reporter, behaviour, day, _ in reported:
        ChronologyEntry.objects.create(
            case=a_case,
            behaviour=behaviour,
            person_responsible=darren,
            occurred_from=day,
            reported_by=reporter,
            description=f"What was said on {day}",
            recorded_by=allocated_worker,
        )
    _, (his_pdf, his_docx) = render(a_case, allocated_worker, Audience.PARENT_USING_ABUSE, darren, plan=False)
    for text in (his_pdf, his_docx):
        assert carries(text, "Physical abuse") and carries(text, "25 May 2026")
        for _, _, day, label in reported[:2]:
            assert not carries(text, label) and not carries(text, f"{day.day} {day:%B %Y}")
    # Professionals and the non-abusing parent still have every one of them.
    rachel = a_case.people.get(first_name="Rachel")
    for audience, recipient in ((Audience.PROFESSIONAL, None), (Audience.NON_ABUSING_PARENT, rachel)):
        _, (_, docx) = render(a_case, allocated_worker, audience, recipient, plan=False)
        for _, _, _, label in reported:
            assert carries(docx, label), audience
