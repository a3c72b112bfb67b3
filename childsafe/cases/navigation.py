"""The case's sub-navigation: its overview page and each domain's own pages about the case.

Every page about one case shows the same header (household name, reference, status) and this navigation, so a
practitioner can move between the overview, assessments, plans, safety, referrals and documents without losing
their place. Domain apps own their pages; this module only lists them, in the order practitioners work.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

from childsafe.cases.models import Case, Person

# (URL name taking the case id, link text). A domain app that is not installed simply has no link.
CASE_SECTIONS: tuple[tuple[str, str], ...] = (
    ("cases:detail", "Overview"),
    ("assessments:case_assessments", "Assessments and risk"),
    ("plans:case_plans", "Plans and reviews"),
    ("safety:case_safety", "Safety"),
    ("services:case_referrals", "Referrals"),
    ("documents:case_documents", "Documents"),
)


@dataclass(frozen=True)
class NavigationItem:
    href: str
    text: str
    current: bool


def case_navigation(case: Case, current: str) -> list[NavigationItem]:
    """The links for this case; `current` is the URL name of the section being shown."""
    items = []
    for name, text in CASE_SECTIONS:
        try:
            href = reverse(name, args=[case.pk])
        except NoReverseMatch:
            continue
        items.append(NavigationItem(href=href, text=text, current=name == current))
    return items


def household_heading(children: list[Person], case: Case) -> str:
    """ "Mia and Leo Fernhill": the children's names are how practitioners know a case.

    First names, never a name a child is known by now: that can be how a new school knows them (a location, in
    `cases/sensitivity.py`), and this heading is on every page of the case, for every organisation.
    """
    if not children:
        return f"Case {case.reference}"
    first_names = [child.first_name for child in children]
    names = first_names[0] if len(first_names) == 1 else f"{', '.join(first_names[:-1])} and {first_names[-1]}"
    surnames = {child.last_name for child in children if child.last_name}
    return f"{names} {surnames.pop()}" if len(surnames) == 1 else names
