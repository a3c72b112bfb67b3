"""Referral status changes as service functions: every valid move, every invalid one, reasons, dates, closed cases,
who can be referred where, and a programme referral with its partner support saved together or not at all."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest
from django.utils import timezone

from childsafe.audit.models import AuditEntry
from childsafe.cases import services as case_services
from childsafe.cases.models import Person
from childsafe.services import referrals
from childsafe.services.models import Referral
from childsafe.services.referrals import TRANSITIONS, ReferralRefused, change_status, refer_to_programme
from childsafe.services.tests.conftest import member, refer, saved

pytestmark = pytest.mark.django_db
Status = Referral.Status
Role = Person.RoleInCase

# How to reach each status from "sent", by allowed moves.
PATH_TO = {
    Status.SENT: [],
    Status.ACCEPTED: [Status.ACCEPTED],
    Status.DECLINED: [Status.DECLINED],
    Status.WAITING: [Status.WAITING],
    Status.STARTED: [Status.ACCEPTED, Status.STARTED],
    Status.COMPLETED: [Status.ACCEPTED, Status.STARTED, Status.COMPLETED],
    Status.DISENGAGED: [Status.ACCEPTED, Status.STARTED, Status.DISENGAGED],
}
VALID = [(start, end) for start, ends in TRANSITIONS.items() for end in ends]
INVALID = [
    (start, end) for start, end in itertools.product(Status.values, Status.values) if end not in TRANSITIONS[start]
]


def reason_for(status: str) -> str:
    return "The service has no places for a year" if status in referrals.NEEDS_REASON else ""


@pytest.fixture
def a_referral(allocated_worker, northbrook_case):
    group = saved(service_type="childrens_group_work", serves=["child"])
    return refer(northbrook_case, member(northbrook_case, Role.CHILD, "Mia"), group, allocated_worker, days_ago=30)


def reach(referral: Referral, status: str, by) -> None:
    for step in PATH_TO[status]:
        change_status(referral, step, on=timezone.localdate() - dt.timedelta(days=20), by=by, reason=reason_for(step))


def documented_workflow() -> dict[str, tuple[str, ...]]:
    """The moves as the app's README tells people they are ("sent -> accepted, declined, waiting"; "...: final")."""
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    block = readme.split("## A referral's statuses", 1)[1].split("```")[1]
    moves: dict[str, tuple[str, ...]] = {}
    for line in block.strip().splitlines():
        if line.endswith(": final"):
            moves.update({status.strip(): () for status in line.removesuffix(": final").split(",")})
        else:
            start, ends = line.split("->")
            moves[start.strip()] = tuple(end.strip() for end in ends.split(","))
    return moves


def test_the_moves_are_the_ones_the_readme_documents():
    # VALID and INVALID below come from TRANSITIONS itself, so this is what ties the table to what people are told.
    assert documented_workflow() == TRANSITIONS


@pytest.mark.parametrize(("start", "end"), VALID)
def test_every_allowed_move_is_saved_with_its_history_and_audit_entry(start, end, a_referral, allocated_worker):
    reach(a_referral, start, allocated_worker)
    before = AuditEntry.objects.filter(object_type="referral", action="update").count()
    on = timezone.localdate() - dt.timedelta(days=1)
    change_status(a_referral, end, on=on, by=allocated_worker, reason=reason_for(end))
    a_referral.refresh_from_db()
    assert (a_referral.status, a_referral.status_on) == (end, on)
    assert a_referral.status_reason == reason_for(end)
    assert a_referral.history.order_by("-pk").first().status == end
    assert AuditEntry.objects.filter(object_type="referral", action="update").count() == before + 1


@pytest.mark.parametrize(("start", "end"), INVALID)
def test_every_other_move_is_refused_in_plain_words_and_changes_nothing(start, end, a_referral, allocated_worker):
    reach(a_referral, start, allocated_worker)
    history = a_referral.history.count()
    with pytest.raises(ReferralRefused) as refused:
        change_status(a_referral, end, on=timezone.localdate(), by=allocated_worker, reason="Some reason")
    assert refused.value.message.startswith(("A referral that is", "The referral is already"))
    a_referral.refresh_from_db()
    assert a_referral.status == start
    assert a_referral.history.count() == history


@pytest.mark.parametrize(
    ("status", "message"),
    [("declined", "Enter why the referral was declined"), ("disengaged", "Enter why Mia disengaged")],
)
def test_declining_and_disengaging_need_a_reason(status, message, a_referral, allocated_worker):
    if status == "disengaged":
        reach(a_referral, Status.STARTED, allocated_worker)
    with pytest.raises(ReferralRefused, match=message):
        change_status(a_referral, status, on=timezone.localdate(), by=allocated_worker, reason="   ")


def test_a_move_cannot_be_dated_before_the_last_one_or_in_the_future(a_referral, allocated_worker):
    with pytest.raises(ReferralRefused, match="must be on or after"):
        change_status(a_referral, Status.ACCEPTED, on=a_referral.status_on - dt.timedelta(days=1), by=allocated_worker)
    with pytest.raises(ReferralRefused, match="today or in the past"):
        change_status(a_referral, Status.ACCEPTED, on=timezone.localdate() + dt.timedelta(days=1), by=allocated_worker)


def test_a_stale_move_is_judged_against_the_status_now_in_the_database(a_referral, allocated_worker):
    stale = Referral.objects.get(pk=a_referral.pk)
    change_status(a_referral, Status.DECLINED, on=timezone.localdate(), by=allocated_worker, reason="Full")
    with pytest.raises(ReferralRefused, match="declined cannot change any more"):
        change_status(stale, Status.ACCEPTED, on=timezone.localdate(), by=allocated_worker)


def test_referrals_of_a_closed_case_cannot_change(a_referral, allocated_worker, northbrook_case):
    case_services.close_case(northbrook_case, by=allocated_worker, outcome="safer")
    a_referral.case.refresh_from_db()
    with pytest.raises(ReferralRefused, match="closed"):
        change_status(a_referral, Status.ACCEPTED, on=timezone.localdate(), by=allocated_worker)


class TestWhoCanBeReferredWhere:
    @pytest.mark.parametrize(
        ("role", "type_key", "serves", "message"),
        [
            (
                Role.NON_ABUSING_PARENT,
                "behaviour_change_programme",
                ["parent_using_abuse", "non_abusing_parent"],
                "only for the parent using abuse",
            ),
            (
                Role.PARENT_USING_ABUSE,
                "partner_support",
                ["non_abusing_parent", "parent_using_abuse"],
                "Partner support is for the non-abusing parent",
            ),
            (
                Role.PARENT_USING_ABUSE,
                "refuge",
                ["non_abusing_parent", "child"],
                "does not work with parents using abuse",
            ),
            (Role.PARENT_USING_ABUSE, "family_support", ["whole_family"], "does not work with parents using abuse"),
            (Role.CHILD, "counselling", ["non_abusing_parent"], "does not work with children"),
        ],
    )
    def test_refused(self, allocated_worker, northbrook_case, role, type_key, serves, message):
        service = saved(service_type=type_key, serves=serves)
        with pytest.raises(ReferralRefused, match=message):
            refer(northbrook_case, member(northbrook_case, role), service, allocated_worker)
        assert not Referral.objects.exists()

    def test_a_child_outside_the_age_range(self, allocated_worker, northbrook_case):
        group = saved(name="Teen group", service_type="childrens_group_work", serves=["child"], min_age=12, max_age=17)
        leo = member(northbrook_case, Role.CHILD, "Leo")
        with pytest.raises(ReferralRefused, match=r"Teen group works with children aged 12 to 17, and Leo is \d+"):
            refer(northbrook_case, leo, group, allocated_worker)

    def test_an_inactive_service(self, allocated_worker, northbrook_case):
        with pytest.raises(ReferralRefused, match="no longer in the directory"):
            refer(northbrook_case, member(northbrook_case, Role.CHILD), saved(is_active=False), allocated_worker)

    def test_someone_from_another_household(self, allocated_worker, northbrook_case, team):
        other = case_services.open_case(by=allocated_worker, team=team)
        with pytest.raises(ReferralRefused, match="Choose someone in this household"):
            refer(other, member(northbrook_case, Role.CHILD), saved(), allocated_worker)

    def test_a_second_open_referral_to_the_same_service_is_refused_but_a_new_one_after_it_ends_is_not(
        self, allocated_worker, northbrook_case
    ):
        group = saved(name="Group", service_type="childrens_group_work", serves=["child"])
        mia = member(northbrook_case, Role.CHILD, "Mia")
        first = refer(northbrook_case, mia, group, allocated_worker)
        with pytest.raises(ReferralRefused, match="Mia already has an open referral to Group, sent on"):
            refer(northbrook_case, mia, group, allocated_worker)
        change_status(first, Status.DECLINED, on=timezone.localdate(), by=allocated_worker, reason="Full")
        assert refer(northbrook_case, mia, group, allocated_worker).status == Status.SENT

    def test_a_referral_outside_the_area_or_tier_is_allowed(self, allocated_worker, northbrook_case):
        # A refuge in another area is often exactly right: the worker decides, matching only proposes.
        elsewhere = saved(service_type="refuge", serves=["non_abusing_parent"], areas=["Southmere"], tiers=[4])
        referral = refer(northbrook_case, member(northbrook_case, Role.NON_ABUSING_PARENT), elsewhere, allocated_worker)
        assert referral.status == Status.SENT


class TestProgrammeWithPartnerSupport:
    @pytest.fixture
    def services(self):
        return (
            saved(service_type="behaviour_change_programme", serves=["parent_using_abuse"]),
            saved(service_type="partner_support", serves=["non_abusing_parent"]),
        )

    def test_both_referrals_are_saved_together(self, allocated_worker, northbrook_case, services):
        programme, partner_support = services
        rachel = member(northbrook_case, Role.NON_ABUSING_PARENT)
        main, partner = refer_to_programme(
            northbrook_case,
            member(northbrook_case, Role.PARENT_USING_ABUSE),
            programme,
            reason="Darren chose to hit Rachel",
            on=timezone.localdate(),
            by=allocated_worker,
            partner=rachel,
            partner_service=partner_support,
            partner_reason="Safety",
        )
        assert (main.service, partner.service, partner.person) == (programme, partner_support, rachel)

    def test_if_the_partner_referral_is_refused_neither_is_saved(self, allocated_worker, northbrook_case, services):
        programme, partner_support = services
        with pytest.raises(ReferralRefused, match="Partner support is for the non-abusing parent"):
            refer_to_programme(
                northbrook_case,
                member(northbrook_case, Role.PARENT_USING_ABUSE),
                programme,
                reason="Darren chose to hit Rachel",
                on=timezone.localdate(),
                by=allocated_worker,
                partner=member(northbrook_case, Role.CHILD),  # the wrong person
                partner_service=partner_support,
                partner_reason="Safety",
            )
        assert not Referral.objects.exists()
        assert not AuditEntry.objects.filter(object_type="referral").exists()
