"""Two people saving the same action at the same moment, in real concurrent transactions (PostgreSQL): exactly one
save lands and the other is told, whichever gets the plan's lock first."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from childsafe.plans import services
from childsafe.plans.models import Action
from childsafe.plans.tests.conftest import action_data, add_action

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs real concurrent transactions"),
]


def test_simultaneous_saves_of_the_same_action_never_both_land(plan, allocated_worker, colleague, darren):
    action = add_action(plan, allocated_worker, owner_person=darren)
    plan.refresh_from_db()
    started_from = plan.version
    barrier = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def save(user, words: str) -> None:
        try:
            barrier.wait(timeout=10)
            services.save_action(
                plan, user, action_data(owner_person=darren, what=words), action=action, based_on=started_from
            )
            outcomes[words] = "saved"
        except services.PlanConflict:
            outcomes[words] = "conflict"
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=save, args=(allocated_worker, "First")),
        threading.Thread(target=save, args=(colleague, "Second")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes.values()) == ["conflict", "saved"]
    winner = next(words for words, result in outcomes.items() if result == "saved")
    assert Action.objects.get(pk=action.pk).what == winner
    plan.refresh_from_db()
    assert plan.version == started_from + 1
