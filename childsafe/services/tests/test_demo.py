"""The demo directory file meets the import rules, has every type of service, and its contact details are fictional;
the demo referrals show disengagement, a partner-support warning and a confidential refuge referral."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from childsafe.demo import loading
from childsafe.demo import services as demo_services
from childsafe.demo.fictional import BANNED_PHRASES
from childsafe.demo.services import add_demo, directory_entries
from childsafe.services import catalogue
from childsafe.services.engagement import disengagement_signals, partner_support_warnings
from childsafe.services.models import Referral, Service

DRAMA_PHONE = re.compile(r"^01632 960\d{3}$")


def test_the_demo_directory_has_every_type_with_fictional_contacts():
    entries = directory_entries(timezone.localdate())
    assert {entry["service_type"] for entry in entries} == set(catalogue.service_types())
    for entry in entries:
        assert not entry["phone"] or DRAMA_PHONE.match(entry["phone"]), entry["key"]
        assert entry["email"].endswith(".example"), entry["key"]


@pytest.mark.django_db
def test_the_demo_loads_the_directory_and_referrals(monkeypatch):
    # Only this app's demo on top of the households, so another app's demo cannot hide a fault in this one.
    monkeypatch.setattr(loading, "DOMAIN_DEMOS", (add_demo,))
    loading.load_demo(lambda _: None)
    assert Service.objects.count() == len(directory_entries(timezone.localdate()))
    referrals = list(Referral.objects.select_related("case", "person", "service"))
    assert any(referral.service.service_type == "refuge" for referral in referrals)
    kinds = {signal.kind for case in {r.case for r in referrals} for signal in disengagement_signals(case)}
    assert {"missed_sessions", "declined_referral"} <= kinds
    warned = [
        case
        for case in {r.case for r in referrals}
        if partner_support_warnings([r for r in referrals if r.case == case], list(case.people.all()))
    ]
    assert len(warned) == 1
    for referral in referrals:
        text = (referral.reason + " " + referral.status_reason).lower()
        assert not any(phrase in text for phrase in BANNED_PHRASES), referral.reason


def test_a_bad_entry_in_the_demo_directory_file_is_refused_in_plain_words(tmp_path, monkeypatch):
    path = tmp_path / "directory.yaml"
    path.write_text(
        "services:\n  - {key: a, name: A, service_type: refuje, tiers: [5], serves: [child]}\n", encoding="utf-8"
    )
    monkeypatch.setattr(demo_services, "DIRECTORY_FILE", path)
    with pytest.raises(demo_services.DirectoryFileError) as error:
        directory_entries(timezone.localdate())
    assert "entry 1 (a): service_type: “refuje” is not a type of service" in str(error.value)
    assert "tiers: tier “5” is not a tier of need" in str(error.value)
