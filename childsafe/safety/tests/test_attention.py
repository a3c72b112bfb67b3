"""What the safety app lists for a worker to attend to: never anything for a programme worker."""

from __future__ import annotations

from childsafe.safety.queries import attention_for_worker
from childsafe.safety.tests.conftest import make_contact


def test_a_programme_worker_has_no_follow_ups_to_attend_to(programme_case, darren, allocated_worker, programme_worker):
    make_contact(programme_case, darren, allocated_worker, status="happened")
    programme_case.allocated_worker = programme_worker
    programme_case.save()
    assert attention_for_worker(programme_worker) == []
