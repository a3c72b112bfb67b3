"""The case summary as a document model, for one reader: case details, the people, how they are related, where they
live, and the chronology of behaviours.

Everything personal is read through one `Presenter`, which gives only what the disclosure policy allows this reader;
this module decides the order and the wording, never what may be shown. A person the reader may not know about
has no name here and is left out entirely, and so is any row, relationship or entry that would need them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Prefetch

from childsafe.cases.models import Address, Case, CaseShare, ContactDetail, Person, Relationship
from childsafe.chronology.models import ChildImpact, ChronologyEntry
from childsafe.disclosure.classes import Audience
from childsafe.disclosure.policy import WITHHELD_NOTICE, Reader
from childsafe.disclosure.presenters import Presenter, Shown
from childsafe.documents import sections as sections_from_other_apps
from childsafe.documents.model import (
    BulletList,
    Document,
    DocumentKind,
    Heading,
    KeyValues,
    Paragraph,
    Section,
    Table,
    version_label,
)


@dataclass
class Household:
    case: Case
    people: list[Person]
    addresses: list[Address]
    relationships: list[Relationship]
    shares: list[CaseShare]
    entries: list[ChronologyEntry]


def load_household(case: Case) -> Household:
    """Everything the summary reads, in a fixed number of queries whatever the size of the case."""
    addresses = list(Address.objects.filter(case=case).prefetch_related("residents"))
    by_id = {address.pk: address for address in addresses}
    people = list(
        Person.objects.filter(case=case)
        .prefetch_related(Prefetch("contact_details", queryset=ContactDetail.objects.order_by("kind", "value")))
        .order_by("date_of_birth", "first_name")
    )
    for person in people:
        # The same objects everywhere, so each address knows its residents without another query.
        person.address = by_id.get(person.address_id)
        for detail in person.contact_details.all():
            detail.person = person
    people_by_id = {person.pk: person for person in people}
    relationships = list(Relationship.objects.filter(case=case).order_by("person__date_of_birth", "kind"))
    for relationship in relationships:
        relationship.person = people_by_id[relationship.person_id]
        relationship.other_person = people_by_id[relationship.other_person_id]
    shares = list(CaseShare.objects.filter(case=case).select_related("organisation").order_by("organisation__name"))
    entries = list(
        ChronologyEntry.objects.filter(case=case)
        .prefetch_related(Prefetch("child_impacts", queryset=ChildImpact.objects.order_by("child__date_of_birth")))
        .order_by("occurred_from", "recorded_at")
    )
    for entry in entries:
        entry.person_responsible = people_by_id[entry.person_responsible_id]
        for impact in entry.child_impacts.all():
            impact.child = people_by_id[impact.child_id]
    return Household(case, people, addresses, relationships, shares, entries)


def _age(shown: Shown, today: dt.date) -> str:
    born = shown.values.get("date_of_birth")
    if born is None:
        return ""
    years = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    return f"{shown.get('date_of_birth')} (age {years})"


def address_text(shown: Shown) -> str:
    parts = [shown.get(name) for name in ("line_1", "line_2", "town", "postcode")]
    text = ", ".join(part for part in parts if part)
    if not text:
        return ""
    kind = shown.get("kind")
    confidential = " (confidential location)" if shown.values.get("is_confidential_location") else ""
    return f"{kind}: {text}{confidential}" if kind else text


def contact_text(shown: Shown) -> str:
    value = shown.get("value")
    if not value:
        return ""
    kind = shown.get("kind")
    text = f"{kind}: {value}" if kind else value
    if shown.get("note"):
        text += f" ({shown.get('note')})"
    if shown.values.get("is_confidential_location"):
        text += " (confidential)"
    return text


PERSON_ROWS: tuple[tuple[str, str], ...] = (
    ("gender", "Gender"),
    ("preferred_language", "Preferred language"),
    ("identity_and_culture", "Identity and culture"),
    ("communication", "Communication"),
    ("needs", "Needs"),
    ("school_or_setting", "School or setting"),
    ("childs_own_words", "In their own words"),
)


def person_blocks(person: Person, presenter: Presenter, today: dt.date) -> list[object]:
    name = presenter.name(person)
    if not name:
        return []
    shown = presenter.show(person)
    rows = [("Role in the case", shown.get("role_in_case"))]
    if shown.has("date_of_birth"):
        rows.append(("Date of birth", _age(shown, today)))
    elif shown.has("age_in_years"):
        rows.append(("Age", f"{shown.get('age_in_years')} (date of birth not known)"))
    rows += [(label, shown.get(field)) for field, label in PERSON_ROWS]
    if "address" in shown.related:
        rows.append(("Where they live", address_text(shown.related["address"])))
    contacts = [contact_text(presenter.show(detail)) for detail in person.contact_details.all()]
    rows.append(("Contact details", "\n".join(contact for contact in contacts if contact)))
    return [Heading(name), KeyValues(rows)]


def relationship_text(relationship: Relationship, presenter: Presenter) -> str:
    shown = presenter.show(relationship)
    person, other, kind = shown.get("person"), shown.get("other_person"), shown.get("kind")
    if not (person and other and kind):
        return ""
    text = f"{person} is {kind} {other}"
    if shown.values.get("has_parental_responsibility"):
        text += ", with parental responsibility"
    if shown.values.get("lives_with_other_person"):
        text += ", and lives with them"
    return text


def entry_dates(shown: Shown) -> str:
    when = shown.get("occurred_from")
    if not when:
        return ""
    if shown.get("occurred_to"):
        when += f" to {shown.get('occurred_to')}"
    if shown.values.get("date_is_approximate"):
        when += " (approximate)"
    return when


# (key, heading, relative width)
CHRONOLOGY_COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("when", "When", 3),
    ("behaviour", "Behaviour", 3),
    ("person_responsible", "Who chose this behaviour", 3),
    ("reported_by", "Reported by", 3),
    ("description", "What happened", 5),
    ("impacts", "Impact on the children", 4),
)


def chronology_table(entries: Iterable[ChronologyEntry], presenter: Presenter) -> Table | None:
    rows: list[dict[str, str]] = []
    for entry in entries:
        shown = presenter.show(entry)
        if not (shown.get("behaviour") and shown.get("person_responsible")):
            continue
        impacts = []
        for impact in entry.child_impacts.all():
            impact_shown = presenter.show(impact)
            if impact_shown.get("child") and impact_shown.get("impact"):
                impacts.append(f"{impact_shown.get('child')}: {impact_shown.get('impact')}")
        reported = shown.get("reported_by")
        if shown.get("source_document"):
            reported = "\n".join(part for part in (reported, f"Source: {shown.get('source_document')}") if part)
        rows.append(
            {
                "when": entry_dates(shown),
                "behaviour": shown.get("behaviour"),
                "person_responsible": shown.get("person_responsible"),
                "reported_by": reported,
                "description": shown.get("description"),
                "impacts": "\n".join(impacts),
            }
        )
    if not rows:
        return None
    # A column no row may show is left out altogether, rather than shown empty.
    columns = [column for column in CHRONOLOGY_COLUMNS if any(row[column[0]] for row in rows)]
    return Table(
        caption="Behaviours recorded, oldest first",
        headings=[label for _, label, _ in columns],
        rows=[[row[key] for key, _, _ in columns] for row in rows],
        weights=[weight for _, _, weight in columns],
    )


def case_details(household: Household, presenter: Presenter) -> Section:
    case = presenter.show(household.case)
    organisations = []
    for share in household.shares:
        shown = presenter.show(share)
        name, reason = shown.get("organisation"), shown.get("reason")
        if name:
            organisations.append(f"{name}: {reason}" if reason else name)
    rows = [
        ("Case reference", case.get("reference")),
        ("Status", case.get("status")),
        ("Opened", case.get("opened_on")),
        ("Closed", case.get("closed_on")),
        ("Outcome", case.get("closure_outcome")),
        ("Closing note", case.get("closure_note")),
        ("Why the case is open", case.get("summary")),
        ("Lead organisation", case.get("lead_organisation")),
        ("Team", case.get("team")),
        ("Allocated worker", case.get("allocated_worker")),
        ("Organisations involved", "\n".join(organisations)),
    ]
    return Section("Case details", [KeyValues(rows)])


def build_case_summary(case: Case, reader: Reader, *, today: dt.date, recipient: Person | None = None) -> Document:
    household = load_household(case)
    presenter = Presenter(reader, case)
    sections = [case_details(household, presenter)]

    children = sorted(
        (person for person in household.people if person.is_child),
        key=lambda child: (child.date_of_birth or dt.date.max, child.first_name),
    )
    adults = [person for person in household.people if not person.is_child]
    for heading, people in (("Children", children), ("Adults", adults)):
        blocks = [block for person in people for block in person_blocks(person, presenter, today)]
        if blocks:
            sections.append(Section(heading, blocks))

    relationships = [relationship_text(relationship, presenter) for relationship in household.relationships]
    if any(relationships):
        sections.append(Section("Relationships", [BulletList(relationships)]))

    address_rows = []
    for address in household.addresses:
        shown = presenter.show(address)
        text = address_text(shown)
        if text:
            residents = [presenter.name(person) for person in address.residents.all()]
            address_rows.append([text, ", ".join(name for name in residents if name)])
    if address_rows:
        sections.append(
            Section(
                "Addresses",
                [Table("Where people in the case live", ["Address", "Who lives there"], address_rows, [3, 2])],
            )
        )

    table = chronology_table(household.entries, presenter)
    if table:
        sections.append(Section("Behaviours of concern", [table]))

    # Safety plans, worker safety, assessment results and referrals, through the same presenter.
    for builder in sections_from_other_apps.SECTIONS:
        sections.extend(builder(case, presenter))

    about = [KeyValues([("Prepared for", presenter.name(recipient) if recipient else "")])] if recipient else []
    if presenter.withheld or reader.audience != Audience.PROFESSIONAL:
        about.append(Paragraph(WITHHELD_NOTICE))
    if reader.audience == Audience.NON_ABUSING_PARENT and any(s.heading == "Safety plans" for s in sections):
        about.append(sections_from_other_apps.note_on_safety_plans())
    if about:
        sections.insert(0, Section("About this version", about))
    return Document(
        kind=DocumentKind.CASE_SUMMARY,
        title="Case summary",
        reference=case.reference,
        audience=reader.audience,
        version_label=version_label(reader),
        generated_on=today,
        sections=sections,
    )
