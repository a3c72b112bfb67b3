"""The case's referrals pages, by persona: seeing, making and updating referrals, the partner-support prompt, who may
see what, and the audit entries each page writes."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import escape

from childsafe.audit.models import AuditEntry
from childsafe.cases import services as case_services
from childsafe.cases.models import Person
from childsafe.services import attendance
from childsafe.services.models import Referral, ReferralStatusChange
from childsafe.services.tests.conftest import member, move, refer, saved

pytestmark = pytest.mark.django_db
Role = Person.RoleInCase


def date_fields(prefix: str, day: dt.date) -> dict[str, str]:
    return {f"{prefix}_day": str(day.day), f"{prefix}_month": str(day.month), f"{prefix}_year": str(day.year)}


@pytest.fixture
def directory(db):
    return {
        "group": saved(
            name="Willow Tree Children's Group",
            service_type="childrens_group_work",
            serves=["child"],
            min_age=5,
            max_age=11,
        ),
        "refuge": saved(
            name="Northbrook Women's Refuge", service_type="refuge", serves=["non_abusing_parent", "child"]
        ),
        "programme": saved(
            name="Northbrook Change Programme", service_type="behaviour_change_programme", serves=["parent_using_abuse"]
        ),
        "partner_support": saved(
            name="Change Partner Support", service_type="partner_support", serves=["non_abusing_parent"]
        ),
    }


class TestReferralsPage:
    def test_lists_referrals_by_person_with_their_history_and_logs_the_read(
        self, client_for, allocated_worker, northbrook_case, directory
    ):
        mia = member(northbrook_case, Role.CHILD, "Mia")
        referral = refer(northbrook_case, mia, directory["group"], allocated_worker, reason="Mia says it was her fault")
        move(referral, allocated_worker, Referral.Status.WAITING)
        response = client_for(allocated_worker).get(reverse("services:case_referrals", args=[northbrook_case.pk]))
        assert response.status_code == 200
        page = response.content.decode()
        assert "Willow Tree Children&#39;s Group" in page
        assert "Mia says it was her fault" in page
        assert "On a waiting list" in page and "Sent" in page
        assert reverse("services:update_referral_status", args=[northbrook_case.pk, referral.pk]) in page
        entry = AuditEntry.objects.filter(action="view", object_type="case_referrals").get()
        assert entry.case_id == northbrook_case.pk and entry.actor == allocated_worker

    def test_choosing_a_tier_shows_the_services_that_fit_each_person_with_a_refer_link(
        self, client_for, allocated_worker, northbrook_case, directory
    ):
        url = reverse("services:case_referrals", args=[northbrook_case.pk])
        page = client_for(allocated_worker).get(url, {"tier": "3"}).content.decode()
        mia = member(northbrook_case, Role.CHILD, "Mia")
        expected_link = (
            reverse("services:new_referral", args=[northbrook_case.pk])
            + f"?service={directory['group'].pk}&amp;person={mia.pk}"
        )
        assert expected_link in page
        assert "Refer Mia" in page
        assert "Works with children aged 5 to 11 (Mia is" in page
        # The programme comes with partner support for Rachel, and says why.
        assert "Runs alongside the behaviour-change programme proposed for Darren" in page

    @pytest.mark.parametrize("tier", ["9", "²", "３", "٣", "-1", " "])
    def test_a_tier_that_is_not_a_tier_gets_a_plain_message(self, client_for, allocated_worker, northbrook_case, tier):
        url = reverse("services:case_referrals", args=[northbrook_case.pk])
        response = client_for(allocated_worker).get(url, {"tier": tier})
        assert response.status_code == 200
        assert "Select a tier of need from the list" in response.content.decode()


class TestMakingAReferral:
    def url(self, case) -> str:
        return reverse("services:new_referral", args=[case.pk])

    def test_the_form_is_filled_in_from_a_proposal(self, client_for, allocated_worker, northbrook_case, directory):
        mia = member(northbrook_case, Role.CHILD, "Mia")
        page = (
            client_for(allocated_worker)
            .get(self.url(northbrook_case), {"service": directory["group"].pk, "person": mia.pk})
            .content.decode()
        )
        assert f'value="{mia.pk}" checked' in page
        assert f'value="{directory["group"].pk}" selected' in page
        assert "data-language-check" in page

    def test_a_referral_is_saved_with_its_history_and_audit_entry(
        self, client_for, allocated_worker, northbrook_case, directory
    ):
        mia = member(northbrook_case, Role.CHILD, "Mia")
        today = timezone.localdate()
        response = client_for(allocated_worker).post(
            self.url(northbrook_case),
            {
                "person": mia.pk,
                "service": directory["group"].pk,
                "reason": "Darren shouted at Mia and broke her door",
                **date_fields("referred_on", today),
            },
        )
        assert response.status_code == 302
        referral = Referral.objects.get()
        assert (referral.person, referral.service, referral.status) == (mia, directory["group"], "sent")
        assert referral.referred_by_organisation == allocated_worker.organisation
        assert list(referral.history.values_list("status", flat=True)) == ["sent"]
        entry = AuditEntry.objects.filter(object_type="referral").get()
        assert (entry.action, entry.object_id, entry.case_id) == ("create", str(referral.pk), northbrook_case.pk)

    def test_missing_reason_is_reported_and_what_was_typed_is_kept(
        self, client_for, allocated_worker, northbrook_case, directory
    ):
        mia = member(northbrook_case, Role.CHILD, "Mia")
        response = client_for(allocated_worker).post(
            self.url(northbrook_case),
            {
                "person": mia.pk,
                "service": directory["group"].pk,
                "reason": "  ",
                **date_fields("referred_on", timezone.localdate()),
            },
        )
        page = response.content.decode()
        assert response.status_code == 200
        assert "There is a problem" in page and "Enter why you are referring them" in page
        assert f'value="{mia.pk}" checked' in page
        assert not Referral.objects.exists()

    def test_a_service_that_does_not_work_with_the_person_is_refused_in_plain_words(
        self, client_for, allocated_worker, northbrook_case, directory
    ):
        darren = member(northbrook_case, Role.PARENT_USING_ABUSE)
        response = client_for(allocated_worker).post(
            self.url(northbrook_case),
            {
                "person": darren.pk,
                "service": directory["refuge"].pk,
                "reason": "x",
                **date_fields("referred_on", timezone.localdate()),
            },
        )
        assert "Northbrook Women&#39;s Refuge does not work with parents using abuse" in response.content.decode()
        assert not Referral.objects.exists()

    def test_a_programme_referral_prompts_for_partner_support_before_anything_is_saved(
        self, client_for, allocated_worker, northbrook_case, directory
    ):
        darren = member(northbrook_case, Role.PARENT_USING_ABUSE)
        data = {
            "person": darren.pk,
            "service": directory["programme"].pk,
            "reason": "Darren chose to hit Rachel in front of the children",
            **date_fields("referred_on", timezone.localdate()),
        }
        client = client_for(allocated_worker)
        page = client.post(self.url(northbrook_case), data).content.decode()
        assert "Partner support for Rachel" in page
        assert "Select partner support for Rachel, or “Not now” if it cannot start yet" in page
        assert not Referral.objects.exists()

        response = client.post(
            self.url(northbrook_case),
            {**data, "partner_service": directory["partner_support"].pk, "partner_reason": "Safety and information"},
        )
        assert response.status_code == 302
        rachel = member(northbrook_case, Role.NON_ABUSING_PARENT)
        assert set(Referral.objects.values_list("person", "service")) == {
            (darren.pk, directory["programme"].pk),
            (rachel.pk, directory["partner_support"].pk),
        }

    def test_not_now_saves_the_programme_alone_and_the_case_warns_until_partner_support_is_linked(
        self, client_for, allocated_worker, northbrook_case, directory
    ):
        darren = member(northbrook_case, Role.PARENT_USING_ABUSE)
        client = client_for(allocated_worker)
        response = client.post(
            self.url(northbrook_case),
            {
                "person": darren.pk,
                "service": directory["programme"].pk,
                "reason": "Darren chose to hit Rachel",
                "partner_service": "none",
                **date_fields("referred_on", timezone.localdate()),
            },
        )
        assert response.status_code == 302
        assert Referral.objects.count() == 1
        warning = "partner support for the non-abusing parent is not linked"
        assert warning in client.get(reverse("services:case_referrals", args=[northbrook_case.pk])).content.decode()
        assert warning in client.get(reverse("cases:detail", args=[northbrook_case.pk])).content.decode()

    def test_partner_support_that_ended_is_no_longer_linked_the_case_warns_and_the_form_offers_it_again(
        self, client_for, allocated_worker, northbrook_case, directory
    ):
        darren = member(northbrook_case, Role.PARENT_USING_ABUSE)
        rachel = member(northbrook_case, Role.NON_ABUSING_PARENT)
        refer(northbrook_case, darren, directory["programme"], allocated_worker)
        support = refer(northbrook_case, rachel, directory["partner_support"], allocated_worker)
        client = client_for(allocated_worker)
        warning = "partner support for the non-abusing parent is not linked"
        referrals_url = reverse("services:case_referrals", args=[northbrook_case.pk])
        assert warning not in client.get(referrals_url).content.decode()

        move(support, allocated_worker, "accepted", "disengaged", days_ago=1, reason="No safe way to contact her")
        assert warning in client.get(referrals_url).content.decode()
        assert warning in client.get(reverse("cases:detail", args=[northbrook_case.pk])).content.decode()
        data = {
            "person": darren.pk,
            "service": directory["programme"].pk,
            "reason": "Darren chose to hit Rachel",
            **date_fields("referred_on", timezone.localdate()),
        }
        assert "Partner support for Rachel" in client.post(self.url(northbrook_case), data).content.decode()

    def test_choosing_partner_support_without_a_reason_is_refused(
        self, client_for, allocated_worker, northbrook_case, directory
    ):
        darren = member(northbrook_case, Role.PARENT_USING_ABUSE)
        response = client_for(allocated_worker).post(
            self.url(northbrook_case),
            {
                "person": darren.pk,
                "service": directory["programme"].pk,
                "reason": "Darren chose to hit Rachel",
                "partner_service": directory["partner_support"].pk,
                **date_fields("referred_on", timezone.localdate()),
            },
        )
        assert "Enter why you are referring Rachel to partner support" in response.content.decode()
        assert not Referral.objects.exists()


class TestUpdatingStatus:
    def test_declined_without_a_reason_is_refused_then_saved_with_one(
        self, client_for, allocated_worker, northbrook_case, directory
    ):
        referral = refer(
            northbrook_case, member(northbrook_case, Role.CHILD, "Mia"), directory["group"], allocated_worker
        )
        url = reverse("services:update_referral_status", args=[northbrook_case.pk, referral.pk])
        client = client_for(allocated_worker)
        today = timezone.localdate()
        page = client.post(url, {"status": "declined", "reason": "", **date_fields("on", today)}).content.decode()
        assert "Enter why the referral was declined" in page
        assert 'value="declined" checked' in page
        referral.refresh_from_db()
        assert referral.status == "sent"

        response = client.post(
            url, {"status": "declined", "reason": "Group is for ages 5 to 11 only", **date_fields("on", today)}
        )
        assert response.status_code == 302
        referral.refresh_from_db()
        assert (referral.status, referral.status_reason) == ("declined", "Group is for ages 5 to 11 only")
        assert AuditEntry.objects.filter(object_type="referral", action="update", object_id=str(referral.pk)).exists()

    def test_a_move_the_referral_does_not_allow_gets_a_plain_message(
        self, client_for, allocated_worker, northbrook_case, directory
    ):
        referral = refer(
            northbrook_case, member(northbrook_case, Role.CHILD, "Mia"), directory["group"], allocated_worker
        )
        url = reverse("services:update_referral_status", args=[northbrook_case.pk, referral.pk])
        page = (
            client_for(allocated_worker)
            .post(url, {"status": "completed", **date_fields("on", timezone.localdate())})
            .content.decode()
        )
        assert "A referral that is sent cannot be marked completed" in page

    def test_opening_the_form_is_logged_as_a_read_of_the_referral(
        self, client_for, allocated_worker, northbrook_case, directory
    ):
        referral = refer(
            northbrook_case, member(northbrook_case, Role.CHILD, "Mia"), directory["group"], allocated_worker
        )
        client_for(allocated_worker).get(
            reverse("services:update_referral_status", args=[northbrook_case.pk, referral.pk])
        )
        entry = AuditEntry.objects.get(action="view", object_type="referral")
        assert (entry.object_id, entry.case_id) == (str(referral.pk), northbrook_case.pk)

    def test_a_finished_referral_offers_no_moves(self, client_for, allocated_worker, northbrook_case, directory):
        referral = refer(
            northbrook_case, member(northbrook_case, Role.CHILD, "Mia"), directory["group"], allocated_worker
        )
        move(referral, allocated_worker, "accepted", "started", "completed")
        url = reverse("services:update_referral_status", args=[northbrook_case.pk, referral.pk])
        assert "cannot change any more" in client_for(allocated_worker).get(url).content.decode()


class TestProgrammeSessions:
    def test_recording_sessions_updates_progress_and_is_logged(
        self, client_for, allocated_worker, northbrook_case, directory
    ):
        darren = member(northbrook_case, Role.PARENT_USING_ABUSE)
        referral = refer(northbrook_case, darren, directory["programme"], allocated_worker, days_ago=40)
        move(referral, allocated_worker, "accepted", "started", days_ago=30)
        client = client_for(allocated_worker)
        url = reverse("services:record_session", args=[northbrook_case.pk, referral.pk])
        day = timezone.localdate() - dt.timedelta(days=21)
        response = client.post(url, {**date_fields("held_on", day), "planned_hours": "2.5", "attended": "yes"})
        assert response.status_code == 302
        session = referral.sessions.get()
        assert (session.attended, session.hours_attended) == (True, 2.5)
        assert AuditEntry.objects.filter(object_type="programme_session", object_id=str(session.pk)).exists()
        detail = client.get(
            reverse("services:referral_detail", args=[northbrook_case.pk, referral.pk])
        ).content.decode()
        assert "2.5 of 75" in detail
        assert AuditEntry.objects.filter(action="view", object_type="referral", object_id=str(referral.pk)).exists()

    def test_bad_hours_get_plain_messages(self, client_for, allocated_worker, northbrook_case, directory):
        darren = member(northbrook_case, Role.PARENT_USING_ABUSE)
        referral = refer(northbrook_case, darren, directory["programme"], allocated_worker, days_ago=40)
        move(referral, allocated_worker, "accepted", "started", days_ago=30)
        url = reverse("services:record_session", args=[northbrook_case.pk, referral.pk])
        day = timezone.localdate() - dt.timedelta(days=21)
        page = (
            client_for(allocated_worker)
            .post(url, {**date_fields("held_on", day), "planned_hours": "two", "attended": "no", "hours_attended": "1"})
            .content.decode()
        )
        assert "Enter the length of the session as a number of hours, like 2.5" in page
        assert not referral.sessions.exists()

    def test_a_session_on_the_same_day_twice_is_refused(self, client_for, allocated_worker, northbrook_case, directory):
        darren = member(northbrook_case, Role.PARENT_USING_ABUSE)
        referral = refer(northbrook_case, darren, directory["programme"], allocated_worker, days_ago=40)
        move(referral, allocated_worker, "accepted", "started", days_ago=30)
        url = reverse("services:record_session", args=[northbrook_case.pk, referral.pk])
        data = {
            **date_fields("held_on", timezone.localdate() - dt.timedelta(days=7)),
            "planned_hours": "2",
            "attended": "no",
        }
        client = client_for(allocated_worker)
        assert client.post(url, data).status_code == 302
        assert "is already recorded" in client.post(url, data).content.decode()
        assert referral.sessions.count() == 1


# Every URL of this app that names a case or one of its records.
def case_urls(case, referral) -> list[tuple[str, str]]:
    return [
        ("get", reverse("services:case_referrals", args=[case.pk])),
        ("get", reverse("services:new_referral", args=[case.pk])),
        ("post", reverse("services:new_referral", args=[case.pk])),
        ("get", reverse("services:referral_detail", args=[case.pk, referral.pk])),
        ("get", reverse("services:update_referral_status", args=[case.pk, referral.pk])),
        ("post", reverse("services:update_referral_status", args=[case.pk, referral.pk])),
        ("get", reverse("services:record_session", args=[case.pk, referral.pk])),
        ("post", reverse("services:record_session", args=[case.pk, referral.pk])),
    ]


class TestAccess:
    @pytest.fixture
    def programme_referral(self, allocated_worker, northbrook_case, directory):
        darren = member(northbrook_case, Role.PARENT_USING_ABUSE)
        referral = refer(northbrook_case, darren, directory["programme"], allocated_worker, days_ago=40)
        move(referral, allocated_worker, "accepted", "started", days_ago=30)
        return referral

    @pytest.mark.parametrize("persona", ["outsider", "commissioner", "administrator"])
    def test_anyone_the_case_is_not_shared_with_gets_page_not_found_everywhere(
        self, request, client_for, northbrook_case, programme_referral, persona
    ):
        client = client_for(request.getfixturevalue(persona))
        for method, url in case_urls(northbrook_case, programme_referral):
            assert getattr(client, method)(url).status_code == 404, (persona, method, url)
        assert not Referral.objects.exclude(pk=programme_referral.pk).exists()

    def test_a_referral_of_another_case_is_not_found_through_this_case(
        self, client_for, allocated_worker, team, partner_org, northbrook_case, programme_referral
    ):
        other = case_services.open_case(by=allocated_worker, team=team, allocated_worker=allocated_worker)
        client = client_for(allocated_worker)
        for method, url in case_urls(other, programme_referral)[3:]:
            assert getattr(client, method)(url).status_code == 404, (method, url)
        assert (
            client.get(reverse("services:referral_detail", args=[northbrook_case.pk, uuid.uuid4()])).status_code == 404
        )

    def test_a_closed_case_can_be_read_but_not_changed(
        self, client_for, allocated_worker, northbrook_case, programme_referral
    ):
        case_services.close_case(northbrook_case, by=allocated_worker, outcome="safer")
        client = client_for(allocated_worker)
        page = client.get(reverse("services:case_referrals", args=[northbrook_case.pk]))
        assert page.status_code == 200
        assert "Make a referral" not in page.content.decode()
        for method, url in case_urls(northbrook_case, programme_referral)[1:]:
            if "referrals/" + str(programme_referral.pk) + "/" in url and url.endswith(f"{programme_referral.pk}/"):
                continue  # the referral's own page is readable
            assert getattr(client, method)(url).status_code == 403, (method, url)
        assert ReferralStatusChange.objects.count() == 3

    def test_a_programme_worker_never_sees_a_refuge_referral_nor_anyone_but_the_parent_using_abuse(
        self, client_for, allocated_worker, programme_worker, northbrook_case, directory, programme_referral
    ):
        case_services.share_case(northbrook_case, programme_worker.organisation, by=allocated_worker)
        rachel = member(northbrook_case, Role.NON_ABUSING_PARENT)
        refuge = refer(northbrook_case, rachel, directory["refuge"], allocated_worker, reason="Moving to the refuge")
        group = refer(northbrook_case, member(northbrook_case, Role.CHILD, "Mia"), directory["group"], allocated_worker)
        client = client_for(programme_worker)
        for url in (
            reverse("services:case_referrals", args=[northbrook_case.pk]),
            reverse("services:case_referrals", args=[northbrook_case.pk]) + "?tier=3",
            reverse("cases:detail", args=[northbrook_case.pk]),
        ):
            page = client.get(url).content.decode()
            assert "Refuge" not in page and "refuge" not in page, url
            assert "Moving to the refuge" not in page
            assert "Willow Tree" not in page
            assert "Confidential referral" not in page
        assert (
            "Northbrook Change Programme"
            in client.get(reverse("services:case_referrals", args=[northbrook_case.pk])).content.decode()
        )
        for referral in (refuge, group):
            assert (
                client.get(reverse("services:referral_detail", args=[northbrook_case.pk, referral.pk])).status_code
                == 404
            )
            url = reverse("services:update_referral_status", args=[northbrook_case.pk, referral.pk])
            assert client.post(url, {"status": "accepted"}).status_code == 404
        # He can be referred only by the programme: children and the non-abusing parent are not offered.
        form_page = client.get(reverse("services:new_referral", args=[northbrook_case.pk])).content.decode()
        assert "Darren" in form_page and "Mia" not in form_page and "Rachel" not in form_page

    def test_a_programme_worker_reads_only_its_own_organisations_session_notes_and_status_reasons(
        self, client_for, allocated_worker, programme_worker, northbrook_case, programme_referral
    ):
        case_services.share_case(northbrook_case, programme_worker.organisation, by=allocated_worker)
        for days_ago, by, note in (
            (10, allocated_worker, "Rachel says he blamed her for the referral"),
            (3, programme_worker, "Quiet"),
        ):
            attendance.record_session(
                programme_referral,
                held_on=timezone.localdate() - dt.timedelta(days=days_ago),
                planned_hours=Decimal("2.5"),
                attended=True,
                hours_attended=Decimal("2.5"),
                note=note,
                by=by,
            )
        move(programme_referral, allocated_worker, "disengaged", days_ago=1, reason="Rachel asked us to end it early")
        detail = reverse("services:referral_detail", args=[northbrook_case.pk, programme_referral.pk])
        listing = reverse("services:case_referrals", args=[northbrook_case.pk])
        lead = client_for(allocated_worker).get(detail).content.decode()
        assert "Rachel says he blamed her" in lead and "Rachel asked us to end it early" in lead
        theirs = client_for(programme_worker).get(detail).content.decode()
        assert "Quiet" in theirs
        assert "Rachel says" not in theirs and "Rachel asked" not in theirs
        assert theirs.count("not shared with yours") == 2
        assert "Rachel asked" not in client_for(programme_worker).get(listing).content.decode()

    def test_a_partner_sees_that_a_refuge_referral_exists_but_not_where(
        self, client_for, allocated_worker, partner_practitioner, northbrook_case, directory
    ):
        rachel = member(northbrook_case, Role.NON_ABUSING_PARENT)
        refuge = refer(northbrook_case, rachel, directory["refuge"], allocated_worker, reason="Moving to the refuge")
        client = client_for(partner_practitioner)
        page = client.get(reverse("services:case_referrals", args=[northbrook_case.pk])).content.decode()
        assert "Confidential referral" in page
        assert "Women&#39;s Refuge" not in page and "Moving to the refuge" not in page
        assert client.get(reverse("services:referral_detail", args=[northbrook_case.pk, refuge.pk])).status_code == 404
        lead_page = client_for(allocated_worker).get(reverse("services:case_referrals", args=[northbrook_case.pk]))
        assert "Women&#39;s Refuge" in lead_page.content.decode()

    def test_a_partner_keeps_seeing_a_refuge_referral_it_made_itself(
        self, client_for, partner_practitioner, northbrook_case, directory
    ):
        rachel = member(northbrook_case, Role.NON_ABUSING_PARENT)
        refer(northbrook_case, rachel, directory["refuge"], partner_practitioner, reason="Moving to the refuge")
        page = client_for(partner_practitioner).get(reverse("services:case_referrals", args=[northbrook_case.pk]))
        assert "Moving to the refuge" in page.content.decode()


def test_the_language_checker_is_loaded_on_the_referral_form(client_for, allocated_worker, northbrook_case):
    page = (
        client_for(allocated_worker).get(reverse("services:new_referral", args=[northbrook_case.pk])).content.decode()
    )
    assert '<script type="module" src="/static/childsafe/language-check.js">' in page
    assert "data-language-check" in page


def test_a_programme_worker_refers_the_parent_using_abuse_without_being_shown_the_partner(
    client_for, allocated_worker, programme_worker, northbrook_case, directory
):
    case_services.share_case(northbrook_case, programme_worker.organisation, by=allocated_worker)
    darren = member(northbrook_case, Role.PARENT_USING_ABUSE)
    response = client_for(programme_worker).post(
        reverse("services:new_referral", args=[northbrook_case.pk]),
        {
            "person": darren.pk,
            "service": directory["programme"].pk,
            "reason": "Darren chose to hit Rachel",
            **date_fields("referred_on", timezone.localdate()),
        },
    )
    assert response.status_code == 302
    assert Referral.objects.get().person == darren


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)), min_size=1, max_size=300))
def test_any_reason_is_stored_whole_and_shown_escaped(client_for, allocated_worker, northbrook_case, directory, text):
    Referral.objects.all().delete()
    mia = member(northbrook_case, Role.CHILD, "Mia")
    reason = f"<script>{text}</script>"
    client = client_for(allocated_worker)
    response = client.post(
        reverse("services:new_referral", args=[northbrook_case.pk]),
        {
            "person": mia.pk,
            "service": directory["group"].pk,
            "reason": reason,
            **date_fields("referred_on", timezone.localdate()),
        },
    )
    assert response.status_code == 302
    stored = Referral.objects.get()
    assert stored.reason == reason.strip()
    page = client.get(reverse("services:case_referrals", args=[northbrook_case.pk])).content.decode()
    # The GOV.UK macros indent multi-line values, breaking lines where str.splitlines does (\r, \x1e, \u2028...),
    # so compare line by line: every line is shown, escaped, and nothing runs.
    for line in str(escape(stored.reason)).splitlines():
        assert line.strip() in page
    assert "<script>" + text not in page
