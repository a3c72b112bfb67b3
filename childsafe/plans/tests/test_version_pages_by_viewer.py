"""The plan's version pages (every version, one version, and its comparison with the current plan) as each reader
may read them: an action or outcome naming a confidential location of the case is the lead organisation's alone on
these pages too, as on the plan page, and a behaviour-change programme never reads the whole plan as it was."""

from __future__ import annotations

import pytest
from django.urls import reverse

from childsafe.accounts.models import Organisation, User
from childsafe.cases import services as case_services
from childsafe.cases.models import Address
from childsafe.conftest import PASSWORD
from childsafe.plans import services
from childsafe.plans.models import PlanVersion
from childsafe.plans.tests.conftest import action_data, action_post, add_action

# Every word of the refuge's address, and the words of the actions and outcome that name it.
SECRETS = ("Old Vicarage", "Sallowby", "SB3 9QT", "meet Rachel at the refuge door", "settled in her new room")


def _user(email: str, name: str, organisation: Organisation, role: str = "practitioner") -> User:
    return User.objects.create_user(email, PASSWORD, full_name=name, organisation=organisation, role=role)


@pytest.fixture
def readers(a_case, allocated_worker, partner_practitioner):
    """Everyone the case is shared with: the domestic abuse service (already), a school, the police and the
    behaviour-change programme that works with the parent using abuse."""
    school = Organisation.objects.create(name="Hollin Lane Primary", kind="school")
    police = Organisation.objects.create(name="Northbrook Police", kind="police")
    programme = Organisation.objects.create(name="Northbrook Change Programme", kind="perpetrator_programme")
    for organisation in (school, police, programme):
        case_services.share_case(a_case, organisation, by=allocated_worker)
    return {
        "lead": allocated_worker,
        "partner": partner_practitioner,
        "school": _user("dee.dsl@hollinlane.example", "Dee Lead", school, "safeguarding_lead"),
        "police": _user("pc.pike@nbpolice.example", "PC Pike", police),
        "programme": _user("rhys@nbchange.example", "Rhys Programme", programme),
    }


@pytest.fixture
def history(a_case, allocated_worker, plan, rachel, mia, darren, partner_org):
    """A plan whose history holds, in turn: an action for Rachel that names no place, then the same action changed to
    meet her at the refuge's door; an outcome for Mia changed to name the refuge's town; and Darren's own action."""
    refuge = Address(
        case=a_case,
        kind="refuge",
        line_1="The Old Vicarage",
        town="Sallowby",
        postcode="SB3 9QT",
        is_confidential_location=True,
    )
    case_services.save_record(refuge, by=allocated_worker, request=None, changed=[], creating=True)
    rachel.address = refuge
    rachel.save(update_fields=["address"])
    mine = add_action(plan, allocated_worker, owner_person=darren, what="Darren to attend every weekly session")
    support = add_action(
        plan,
        allocated_worker,
        owner_organisation=partner_org,
        owner_worker="outreach worker",
        for_whom="non_abusing_parent",
        what="Outreach worker to see Rachel every week",
        measure="Session notes",
    )
    services.save_action(
        plan,
        allocated_worker,
        action_data(
            owner_organisation=partner_org,
            owner_worker="outreach worker",
            for_whom="non_abusing_parent",
            what="Outreach worker to meet Rachel at the refuge door, The Old Vicarage, SB3 9QT",
            measure="Session notes",
        ),
        action=support,
        based_on=plan.version,
    )
    outcome = services.save_outcome(plan, allocated_worker, {"child": mia, "text": "Mia feels safe"})
    services.save_outcome(
        plan,
        allocated_worker,
        {"child": mia, "text": "Mia is settled in her new room in Sallowby"},
        outcome=outcome,
        based_on=plan.version,
    )
    plan.refresh_from_db()
    return {"mine": mine, "support": support}


def version_urls(plan) -> list[str]:
    urls = [reverse("plans:versions", args=[plan.case_id, plan.pk])]
    for number in PlanVersion.objects.filter(plan=plan).values_list("number", flat=True):
        urls.append(reverse("plans:version", args=[plan.case_id, plan.pk, number]))
    return urls


def _leaks(page: str) -> list[str]:
    return [secret for secret in SECRETS if secret.lower() in page.lower()]


@pytest.mark.parametrize("reader", ["partner", "school", "police"])
def test_a_partner_never_reads_a_confidential_location_on_any_version_page(client_for, readers, plan, history, reader):
    client = client_for(readers[reader])
    for url in version_urls(plan):
        response = client.get(url)
        assert response.status_code == 200, url
        assert _leaks(response.content.decode()) == [], url


def test_a_partner_reads_the_rest_of_each_version_and_is_told_what_is_left_out(client_for, readers, plan, history):
    client = client_for(readers["partner"])
    first = client.get(reverse("plans:version", args=[plan.case_id, plan.pk, 3])).content.decode()
    # Version 3 is before the action was changed: it named no place, so the partner reads it as it was.
    assert "Outreach worker to see Rachel every week" in first
    assert "name a confidential location" not in first.split("What this version changed")[0]
    current = client.get(reverse("plans:version", args=[plan.case_id, plan.pk, plan.version])).content.decode()
    assert "Darren to attend every weekly session" in current
    assert "Outreach worker to see Rachel every week" not in current
    assert (
        "This plan also has 1 action and 1 outcome that name a confidential location. "
        "Only Northbrook Children&#39;s Services sees them, as with the address itself." in current
    )


def test_a_comparison_leaves_out_what_the_partner_may_not_read_and_says_so(client_for, readers, plan, history):
    page = (
        client_for(readers["partner"]).get(reverse("plans:version", args=[plan.case_id, plan.pk, 3])).content.decode()
    )
    since = page.split("Compared with the current plan")[1]
    # The action was changed to name the refuge, and Mia's outcome added since names its town: no "removed", no
    # "added", no old or new words, just a count.
    assert "Outreach worker to see Rachel every week" not in since
    assert "Removed" not in since and "Added" not in since
    assert (
        "This comparison leaves out 1 action and 1 outcome that name a confidential location. "
        "Only Northbrook Children&#39;s Services sees them" in since
    )
    assert _leaks(page) == []


def test_the_programme_never_opens_a_version(client_for, readers, plan, history):
    client = client_for(readers["programme"])
    for url in version_urls(plan):
        response = client.get(url)
        assert response.status_code == 404, url
        assert _leaks(response.content.decode()) == [], url
        assert "Outreach worker" not in response.content.decode()


def test_the_lead_organisation_reads_every_version_in_full(client_for, readers, plan, history):
    client = client_for(readers["lead"])
    current = client.get(reverse("plans:version", args=[plan.case_id, plan.pk, plan.version])).content.decode()
    assert "Outreach worker to meet Rachel at the refuge door, The Old Vicarage, SB3 9QT" in current
    assert "Mia is settled in her new room in Sallowby" in current
    assert "name a confidential location" not in current
    old = client.get(reverse("plans:version", args=[plan.case_id, plan.pk, 3])).content.decode()
    since = old.split("Compared with the current plan")[1]
    assert "Outreach worker to meet Rachel at the refuge door" in since
    assert "leaves out" not in since


def test_no_summary_line_carries_an_action_s_or_outcome_s_words(plan, history):
    # The summaries say what kind of change was made and for whom, never the words: so they can be listed for all.
    for summary in PlanVersion.objects.filter(plan=plan).values_list("summary", flat=True):
        assert _leaks(summary) == [], summary
        assert "Outreach worker" not in summary and "Mia feels safe" not in summary


# What the other person changed: shown when someone else changed the plan while a worker was editing ------------


def _stale_edit(client, plan, action, started_from: int, what: str):
    """Post the action's form as a worker who opened it at version `started_from`."""
    url = reverse("plans:edit_action", args=[plan.case_id, plan.pk, action.pk])
    return client.post(url, action_post(what=what, based_on=str(started_from)))


def test_a_partner_told_what_changed_while_they_were_editing_never_reads_a_confidential_location(
    client_for, readers, plan, allocated_worker, partner_org, history
):
    own = add_action(
        plan, readers["partner"], owner_organisation=partner_org, what="Outreach worker to phone Rachel on Mondays"
    )
    plan.refresh_from_db()
    started_from = plan.version
    # Meanwhile the lead organisation changes the partner's action and the action naming the refuge.
    services.save_action(
        plan,
        allocated_worker,
        action_data(owner_organisation=partner_org, what="Outreach worker to phone Rachel on Tuesdays"),
        action=own,
        based_on=plan.version,
    )
    services.save_action(
        plan,
        allocated_worker,
        action_data(
            owner_organisation=partner_org,
            owner_worker="outreach worker",
            for_whom="non_abusing_parent",
            what="Outreach worker to meet Rachel at the refuge door, The Old Vicarage, Sallowby",
            measure="Session notes",
        ),
        action=history["support"],
        based_on=plan.version,
    )
    response = _stale_edit(client_for(readers["partner"]), plan, own, started_from, "Phone Rachel on Wednesdays")
    assert response.status_code == 409
    page = response.content.decode()
    assert "Outreach worker to phone Rachel on Tuesdays" in page
    assert _leaks(page) == []
    assert "This comparison leaves out 1 action that names a confidential location" in page
    # The lead organisation's worker in the same position reads it all.
    lead = _stale_edit(client_for(allocated_worker), plan, own, started_from, "Phone Rachel on Wednesdays")
    assert "The Old Vicarage" in lead.content.decode()


def test_the_programme_told_what_changed_while_editing_reads_only_what_the_plan_asks_of_him(
    client_for, readers, plan, allocated_worker, darren, partner_org, mia, history
):
    mia.known_as = "Bluebell"
    mia.save()
    his = add_action(plan, allocated_worker, owner_person=darren, what="Darren to pay child maintenance monthly")
    plan.refresh_from_db()
    started_from = plan.version
    services.save_action(
        plan,
        allocated_worker,
        action_data(owner_person=darren, what="Darren to pay child maintenance weekly"),
        action=his,
        based_on=plan.version,
    )
    services.save_action(
        plan,
        allocated_worker,
        action_data(owner_person=darren, for_whom="child", for_child=mia, what="Darren to write to his daughter"),
    )
    add_action(
        plan,
        allocated_worker,
        owner_organisation=partner_org,
        for_whom="child",
        for_child=mia,
        what="Children's worker to see Mia for play therapy",
    )
    response = _stale_edit(client_for(readers["programme"]), plan, his, started_from, "Darren to pay every week")
    assert response.status_code == 409
    page = response.content.decode()
    assert "Darren to pay child maintenance weekly" in page
    assert "Darren to write to his daughter" in page
    assert "play therapy" not in page and "Outreach worker" not in page
    # A child's known-as name is where she can be found, for those who work with him.
    assert "Bluebell" not in page
    assert _leaks(page) == []
    assert "about support for the non-abusing parent and the children" in page
