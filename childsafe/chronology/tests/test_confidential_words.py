"""A chronology entry whose words name a confidential location (the refuge's address or town, a confidential
contact detail) is itself a confidential location: outside the lead organisation the case page and the entry's
own page show its kind, dates, who chose it and who reported it, and say that only the lead organisation sees
the rest. The lead organisation reads it all."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from childsafe.accounts.models import Organisation, User
from childsafe.cases import services as case_services
from childsafe.cases.models import Address, ContactDetail
from childsafe.chronology.tests.conftest import entry_post, make_entry
from childsafe.chronology.tests.test_chronology_section import queries_for_section
from childsafe.conftest import PASSWORD

REFUGE_DESCRIPTION = "He waited outside The Old Vicarage on Church Row in Sallowby and shouted for Rachel."
REFUGE_IMPACT = "Mia saw him from the window at The Old Vicarage."
PLAIN_DESCRIPTION = "He sent forty messages in one evening."
LEAD_NOTE = "Only Northbrook Children&#39;s Services sees"


@pytest.fixture
def refuge(a_case, allocated_worker, rachel, mia):
    """Rachel and Mia in a refuge (the address form insists it is ticked confidential), and a confidential contact."""
    refuge = Address(
        case=a_case,
        kind="refuge",
        line_1="The Old Vicarage",
        line_2="Church Row",
        town="Sallowby",
        is_confidential_location=True,
    )
    case_services.save_record(refuge, by=allocated_worker, request=None, changed=[], creating=True)
    for person in (rachel, mia):
        person.address = refuge
        person.save(update_fields=["address"])
    ContactDetail.objects.create(
        person=rachel, kind="safe_contact", value="via Aunt Beryl", is_confidential_location=True
    )
    return refuge


@pytest.fixture
def school_dsl(a_case, allocated_worker) -> User:
    school = Organisation.objects.create(name="Hollin Lane Primary", kind="school")
    case_services.share_case(a_case, school, by=allocated_worker)
    return User.objects.create_user(
        "dsl@hollinlane.example", PASSWORD, full_name="Dee Lead", organisation=school, role="safeguarding_lead"
    )


@pytest.fixture
def entries(a_case, allocated_worker, refuge, mia):
    return {
        "refuge": make_entry(
            a_case,
            allocated_worker,
            behaviour="stalking",
            description=REFUGE_DESCRIPTION,
            occurred_from=dt.date(2026, 9, 20),
            reported_by="police",
        ),
        "impact": make_entry(
            a_case,
            allocated_worker,
            behaviour="psychological",
            description="He shouted threats in the street.",
            occurred_from=dt.date(2026, 9, 22),
            impacts={mia: REFUGE_IMPACT},
        ),
        "contact": make_entry(
            a_case,
            allocated_worker,
            behaviour="online",
            description="He found out that Rachel reaches her sister via Aunt Beryl and messaged her there.",
            occurred_from=dt.date(2026, 9, 25),
        ),
        "plain": make_entry(a_case, allocated_worker, description=PLAIN_DESCRIPTION, occurred_from=dt.date(2026, 9, 1)),
    }


def case_page(client, case) -> str:
    response = client.get(reverse("cases:detail", args=[case.pk]))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("persona", ["partner_practitioner", "school_dsl"])
def test_a_partner_sees_the_entry_but_not_its_words_naming_a_confidential_location(
    request, client_for, a_case, entries, persona
):
    page = case_page(client_for(request.getfixturevalue(persona)), a_case)
    for secret in ("Old Vicarage", "Church Row", "Sallowby", "Aunt Beryl", "window at"):
        assert secret not in page, secret
    # What was chosen, when, by whom and who reported it are still there: the pattern is not hidden.
    for shown in ("Harassment or stalking", "20 September 2026", "Police", "Darren Cole", PLAIN_DESCRIPTION):
        assert shown in page, shown
    assert page.count("This entry's words name a confidential location.") == 3
    assert LEAD_NOTE in page
    # The pattern still counts every entry.
    assert "4 entries, newest first." in page


@pytest.mark.parametrize("persona", ["partner_practitioner", "school_dsl"])
def test_a_partner_opening_the_entry_reads_the_same_and_cannot_change_it(request, client_for, a_case, entries, persona):
    client = client_for(request.getfixturevalue(persona))
    entry = entries["refuge"]
    response = client.get(reverse("chronology:entry", args=[a_case.pk, entry.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Old Vicarage" not in page and "Sallowby" not in page
    assert "Harassment or stalking" in page and "Police" in page
    assert "This entry's words name a confidential location." in page
    assert reverse("chronology:edit_entry", args=[a_case.pk, entry.pk]) not in page
    # The change form would show the words: a partner cannot open it or post to it.
    edit = reverse("chronology:edit_entry", args=[a_case.pk, entry.pk])
    assert client.get(edit).status_code == 403
    assert client.post(edit, entry_post(a_case, description="Changed")).status_code == 403
    entry.refresh_from_db()
    assert entry.description == REFUGE_DESCRIPTION
    # An entry naming no confidential location can still be changed by a partner.
    plain_edit = reverse("chronology:edit_entry", args=[a_case.pk, entries["plain"].pk])
    assert client.get(plain_edit).status_code == 200


def test_the_lead_organisation_reads_every_word(client_for, allocated_worker, a_case, entries):
    client = client_for(allocated_worker)
    page = case_page(client, a_case)
    for words in (REFUGE_DESCRIPTION, REFUGE_IMPACT, "via Aunt Beryl", PLAIN_DESCRIPTION):
        assert words in page, words
    assert "name a confidential location" not in page
    detail = client.get(reverse("chronology:entry", args=[a_case.pk, entries["refuge"].pk])).content.decode()
    assert REFUGE_DESCRIPTION in detail
    assert client.get(reverse("chronology:edit_entry", args=[a_case.pk, entries["refuge"].pk])).status_code == 200


def test_an_open_address_in_the_words_is_not_a_confidential_location(
    client_for, partner_practitioner, allocated_worker, a_case, darren, leo
):
    home = Address(case=a_case, kind="home", line_1="12 Elm Grove", town="Ashworth")
    case_services.save_record(home, by=allocated_worker, request=None, changed=[], creating=True)
    leo.address = home
    leo.save(update_fields=["address"])
    make_entry(a_case, allocated_worker, description="He came to 12 Elm Grove at midnight.")
    page = case_page(client_for(partner_practitioner), a_case)
    assert "He came to 12 Elm Grove at midnight." in page
    assert "name a confidential location" not in page


def test_a_partner_s_chronology_reads_the_places_once_whatever_the_number_of_entries(
    partner_practitioner, allocated_worker, a_case, refuge, mia
):
    make_entry(a_case, allocated_worker, occurred_from=dt.date(2026, 7, 1), impacts={mia: "Upset"})
    few = queries_for_section(a_case, partner_practitioner)
    for day in range(1, 11):
        make_entry(
            a_case, allocated_worker, occurred_from=dt.date(2026, 8, day), impacts={mia: f"At The Old Vicarage {day}"}
        )
    assert queries_for_section(a_case, partner_practitioner) == few
