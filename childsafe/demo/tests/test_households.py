"""The household planner: the same seed gives the same household, and every text fills in cleanly."""

from __future__ import annotations

import datetime as dt
import random

from childsafe.demo.fictional import BANNED_PHRASES, DESCRIPTIONS, postcode
from childsafe.demo.households import CHILD, NON_ABUSING_PARENT, PARENT_USING_ABUSE, plan_household

TODAY = dt.date(2026, 3, 1)


def test_the_same_seed_gives_the_same_household():
    first = plan_household(random.Random(42), TODAY)
    second = plan_household(random.Random(42), TODAY)
    assert first == second
    assert first != plan_household(random.Random(43), TODAY)


def test_many_households_fill_every_template_without_blame():
    rng = random.Random(7)
    behaviours = set()
    for _ in range(400):
        plan = plan_household(rng, TODAY, entries=(3, 30))
        roles = [person.role for person in plan.people]
        assert roles.count(NON_ABUSING_PARENT) == 1 and roles.count(PARENT_USING_ABUSE) == 1
        assert 1 <= roles.count(CHILD) <= 4
        abuser = plan.people[plan.index_of(PARENT_USING_ABUSE)]
        for entry in plan.entries:
            behaviours.add(entry.behaviour)
            assert entry.responsible == plan.index_of(PARENT_USING_ABUSE)
            assert abuser.name in entry.description
            for text in [entry.description, *(impact.text for impact in entry.impacts)]:
                assert "{" not in text and "}" not in text
                assert not any(phrase in text.lower() for phrase in BANNED_PHRASES), text
            for impact in entry.impacts:
                assert plan.people[impact.child].role == CHILD
                assert plan.people[impact.child].born <= entry.occurred_from
            if plan.separated_on is None:
                assert entry.behaviour != "post_separation"
        assert plan.entries[0].behaviour == "coercive_control"
        assert plan.closed_on is None or plan.closed_on >= plan.opened_on
    assert behaviours == set(DESCRIPTIONS)


def test_postcodes_are_in_a_fictional_area():
    rng = random.Random(1)
    assert all(postcode(rng).startswith("NB") for _ in range(100))
