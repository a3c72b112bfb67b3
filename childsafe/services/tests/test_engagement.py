"""Disengagement signals, the partner-support check and the worker's "needs attention" flags."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from childsafe.cases import services as case_services
from childsafe.cases.models import Person
from childsafe.services import attendance
from childsafe.services.engagement import (
    SignalKind,
    attention_for_worker,
    disengagement_signals,
    partner_support_in_place,
    partner_support_warnings,
)
from childsafe.services.tests.conftest import member, move, refer, saved

pytestmark = pytest.mark.django_db
Role = Person.RoleInCase


@pytest.fixture
def programme(db):
    return saved(name="Change Programme", service_type="behaviour_change_programme", serves=["parent_using_abuse"])


@pytest.fixture
def partner_support(db):
    return saved(name="Partner Support", service_type="partner_support", serves=["non_abusing_parent"])


def on_programme(case, programme, worker, pattern: str):
    """Darren on the programme, started, with one session a week: "y" attended, "n" missed."""
    referral = refer(case, member(case, Role.PARENT_USING_ABUSE), programme, worker, days_ago=len(pattern) * 7 + 20)
    move(referral, worker, "accepted", "started", days_ago=len(pattern) * 7 + 10)
    first = timezone.localdate() - dt.timedelta(days=len(pattern) * 7)
    for index, mark in enumerate(pattern):
        attendance.record_session(
            referral,
            held_on=first + dt.timedelta(weeks=index),
            planned_hours=Decimal("2.5"),
            attended=mark == "y",
            hours_attended=Decimal("2.5") if mark == "y" else None,
            note="",
            by=worker,
        )
    return referral


class TestSignals:
    def test_three_missed_sessions_in_a_row_is_a_signal(self, northbrook_case, programme, allocated_worker):
        referral = on_programme(northbrook_case, programme, allocated_worker, "yyynnn")
        [signal] = disengagement_signals(northbrook_case)
        assert signal.kind == SignalKind.MISSED_SESSIONS == "missed_sessions"
        assert signal.person == member(northbrook_case, Role.PARENT_USING_ABUSE)
        assert signal.referral == referral
        assert signal.on == referral.sessions.order_by("held_on")[5].held_on
        assert signal.detail.startswith("Darren Cole has missed the last 3 sessions in a row of Change Programme")

    def test_two_missed_or_a_broken_run_is_not(self, northbrook_case, programme, allocated_worker):
        on_programme(northbrook_case, programme, allocated_worker, "ynnnynn")
        assert disengagement_signals(northbrook_case) == []

    def test_declined_and_disengaged_referrals_are_signals_with_their_dates(self, northbrook_case, allocated_worker):
        group = saved(name="Group", service_type="childrens_group_work", serves=["child"])
        camhs = saved(name="CAMHS", service_type="camhs", serves=["child"])
        mia, leo = member(northbrook_case, Role.CHILD, "Mia"), member(northbrook_case, Role.CHILD, "Leo")
        move(
            refer(northbrook_case, mia, group, allocated_worker),
            allocated_worker,
            "declined",
            days_ago=5,
            reason="Full",
        )
        move(
            refer(northbrook_case, leo, camhs, allocated_worker),
            allocated_worker,
            "accepted",
            "started",
            "disengaged",
            days_ago=3,
            reason="Stopped coming",
        )
        signals = disengagement_signals(northbrook_case)
        assert [(signal.kind, signal.person.first_name) for signal in signals] == [
            ("disengaged_referral", "Leo"),
            ("declined_referral", "Mia"),
        ]
        assert (
            signals[1].detail
            == f"Group declined the referral of Mia Fernhill on {signals[1].on.day} {signals[1].on:%B %Y}"
        )

    def test_a_newer_open_referral_of_the_same_kind_answers_a_declined_one(self, northbrook_case, allocated_worker):
        first = saved(name="Group A", service_type="childrens_group_work", serves=["child"])
        second = saved(name="Group B", service_type="childrens_group_work", serves=["child"])
        mia = member(northbrook_case, Role.CHILD, "Mia")
        move(
            refer(northbrook_case, mia, first, allocated_worker, days_ago=20),
            allocated_worker,
            "declined",
            days_ago=15,
            reason="Full",
        )
        refer(northbrook_case, mia, second, allocated_worker, days_ago=10)
        assert disengagement_signals(northbrook_case) == []

    def test_a_signal_about_a_refuge_does_not_name_it(self, northbrook_case, allocated_worker):
        refuge = saved(name="Northbrook Women's Refuge", service_type="refuge", serves=["non_abusing_parent"])
        referral = refer(northbrook_case, member(northbrook_case, Role.NON_ABUSING_PARENT), refuge, allocated_worker)
        move(referral, allocated_worker, "declined", days_ago=2, reason="No space")
        [signal] = disengagement_signals(northbrook_case)
        assert "Refuge" not in signal.detail
        assert signal.detail.startswith("A confidential service (see the case's referrals) declined")


def test_signals_for_a_programme_worker_leave_out_everyone_but_the_parent_using_abuse(
    northbrook_case, programme, allocated_worker, programme_worker
):
    on_programme(northbrook_case, programme, allocated_worker, "nnn")
    refuge = saved(name="Refuge", service_type="refuge", serves=["non_abusing_parent"])
    referral = refer(northbrook_case, member(northbrook_case, Role.NON_ABUSING_PARENT), refuge, allocated_worker)
    move(referral, allocated_worker, "declined", days_ago=2, reason="No space")
    assert len(disengagement_signals(northbrook_case)) == 2
    [signal] = disengagement_signals(northbrook_case, for_user=programme_worker)
    assert signal.kind == "missed_sessions"
    assert len(disengagement_signals(northbrook_case, for_user=allocated_worker)) == 2


class TestPartnerSupportCheck:
    def test_a_programme_without_partner_support_warns(self, northbrook_case, programme, allocated_worker):
        on_programme(northbrook_case, programme, allocated_worker, "y")
        loaded = list(northbrook_case.referrals.select_related("person", "service"))
        [warning] = partner_support_warnings(loaded, list(northbrook_case.people.all()))
        assert "Darren Cole is referred to Change Programme, but partner support for the non-abusing parent" in warning
        assert "Rachel" not in warning  # shown to the programme too: it does not name her

    def test_a_partner_support_referral_for_the_non_abusing_parent_links_it(
        self, northbrook_case, programme, partner_support, allocated_worker
    ):
        on_programme(northbrook_case, programme, allocated_worker, "y")
        refer(northbrook_case, member(northbrook_case, Role.NON_ABUSING_PARENT), partner_support, allocated_worker)
        loaded = list(northbrook_case.referrals.select_related("person", "service"))
        assert partner_support_warnings(loaded, list(northbrook_case.people.all())) == []

    def test_a_declined_partner_support_referral_does_not(
        self, northbrook_case, programme, partner_support, allocated_worker
    ):
        on_programme(northbrook_case, programme, allocated_worker, "y")
        linked = refer(
            northbrook_case, member(northbrook_case, Role.NON_ABUSING_PARENT), partner_support, allocated_worker
        )
        move(linked, allocated_worker, "declined", days_ago=1, reason="Could not make safe contact")
        loaded = list(northbrook_case.referrals.select_related("person", "service"))
        assert len(partner_support_warnings(loaded, list(northbrook_case.people.all()))) == 1

    @pytest.mark.parametrize(
        "statuses",
        [("accepted", "disengaged"), ("accepted", "started", "completed"), ("declined",)],
        ids=["disengaged", "completed", "declined"],
    )
    def test_partner_support_that_has_ended_is_not_in_place_and_the_warning_comes_back(
        self, northbrook_case, programme, partner_support, allocated_worker, statuses
    ):
        on_programme(northbrook_case, programme, allocated_worker, "y")
        rachel = member(northbrook_case, Role.NON_ABUSING_PARENT)
        linked = refer(northbrook_case, rachel, partner_support, allocated_worker)
        people = list(northbrook_case.people.all())
        loaded = list(northbrook_case.referrals.select_related("person", "service"))
        assert partner_support_warnings(loaded, people) == []
        move(linked, allocated_worker, *statuses, days_ago=1, reason="She moved away and asked for no contact")
        loaded = list(northbrook_case.referrals.select_related("person", "service"))
        [warning] = partner_support_warnings(loaded, people)
        assert "partner support for the non-abusing parent is not linked" in warning
        assert not partner_support_in_place(loaded, rachel)

    def test_no_warning_without_an_open_programme_referral(self, northbrook_case, programme, allocated_worker):
        referral = on_programme(northbrook_case, programme, allocated_worker, "y")
        move(referral, allocated_worker, "completed", days_ago=0)
        loaded = list(northbrook_case.referrals.select_related("person", "service"))
        assert partner_support_warnings(loaded, list(northbrook_case.people.all())) == []


class TestAttentionForWorker:
    def test_flags_on_the_workers_own_open_cases_only(
        self, northbrook_case, programme, allocated_worker, colleague, team
    ):
        on_programme(northbrook_case, programme, allocated_worker, "nnn")
        [item] = attention_for_worker(allocated_worker)
        assert item.case == northbrook_case
        assert [signal.kind for signal in item.signals] == ["missed_sessions"]
        assert len(item.warnings) == 1
        assert attention_for_worker(colleague) == []
        case_services.close_case(northbrook_case, by=allocated_worker, outcome="safer")
        assert attention_for_worker(allocated_worker) == []

    def test_a_fixed_number_of_queries_however_many_cases(
        self, allocated_worker, team, programme, northbrook_case, django_assert_max_num_queries
    ):
        on_programme(northbrook_case, programme, allocated_worker, "nnn")
        with django_assert_max_num_queries(4):
            assert len(attention_for_worker(allocated_worker)) == 1
        for number in range(5):
            case = case_services.open_case(by=allocated_worker, team=team, allocated_worker=allocated_worker)
            person = Person.objects.create(case=case, role_in_case="parent_using_abuse", first_name=f"P{number}")
            referral = refer(case, person, programme, allocated_worker, days_ago=40)
            move(referral, allocated_worker, "declined", days_ago=2, reason="Full")
        with django_assert_max_num_queries(4):
            assert len(attention_for_worker(allocated_worker)) == 6
