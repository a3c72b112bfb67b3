"""Every page that shows something of a case is a read of it, and every read goes in the case's audit log (domain.md,
security.md AU-1): found from the resolver and filled with the real ids of one rich case, so a page added later is
checked without anyone remembering to add it here. Blank forms count: they show the case's header and people."""

from __future__ import annotations

import pytest
from django.urls import reverse

from childsafe.audit.models import AuditEntry
from childsafe.web.tests.rich_case import build_rich_case
from childsafe.web.tests.sweep import READS, ROUTES, World, visits_for

CASE_KEYWORDS = {"case_id"}


@pytest.fixture
def world(allocated_worker, team_manager, administrator, team, partner_org) -> World:
    rich = build_rich_case(allocated_worker, team_manager, team, partner_org)
    return World(rich, None, {"allocated_worker": allocated_worker, "team_manager": team_manager})


def test_every_page_of_a_case_that_answers_writes_a_read_to_its_log(world, client_for):
    case = world.rich.case
    clients = {persona: client_for(user) for persona, user in world.personas.items()}
    pages = unlogged = 0
    missing: list[str] = []
    for route in ROUTES:
        if not CASE_KEYWORDS & set(route.converters):
            continue
        for visit in visits_for(route, world):
            if visit.persona not in clients:
                continue
            url = reverse(visit.route, kwargs=visit.kwargs)
            newest = AuditEntry.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
            response = clients[visit.persona].get(url)
            if response.status_code != 200:
                continue  # a refusal, a redirect or a page not found shows nothing of the case
            pages += 1
            reads = AuditEntry.objects.filter(seq__gt=newest, case_id=case.pk, action__in=READS)
            if not reads.exists():
                unlogged += 1
                missing.append(f"{visit.route} {url}")
    assert pages > 50, "the rich case should give many pages to check"
    assert not missing, f"{unlogged} pages showed the case without logging a read:\n" + "\n".join(missing)
