"""A child protection or child in need plan as a document model, for one reader.

The plan, the outcomes wanted for each child, the actions (who is responsible, what, by when or how often, how
progress is measured, for whom, status and latest progress) and the reviews. Everything personal is read through
one `Presenter`, so the disclosure policy and the plans app's row classes decide what each reader gets:

- professionals: the whole plan, except that an action, outcome or progress note whose words name one of the
  case's confidential locations (a refuge's address typed into an action) is only in the lead organisation's copy,
  as the address itself is (childsafe.disclosure.facts);
- the non-abusing parent: the plan, the support for her and the children, his actions, the reviews, the children's
  views; not progress notes, the professionals' review notes, or anything naming a confidential location (a
  printed copy can be found or taken);
- the parent using abusive behaviours: his own actions (what is expected, by when, how it is measured, status),
  the outcomes a worker marked as safe to share with him, and the review dates with his engagement. Never the
  support for her or the children, places, or what anyone said.
"""

from __future__ import annotations

import datetime as dt

from childsafe.cases.models import Case, Person
from childsafe.disclosure.classes import Audience
from childsafe.disclosure.policy import WITHHELD_NOTICE, Reader
from childsafe.disclosure.presenters import Presenter, Shown
from childsafe.documents.model import Document, DocumentKind, KeyValues, Paragraph, Section, Table, version_label
from childsafe.plans.models import Plan, frequency_label
from childsafe.plans.reading import load_plan


def _when(shown: Shown) -> str:
    if shown.get("due_on"):
        return f"By {shown.get('due_on')}"
    times, unit = shown.values.get("frequency_times"), shown.values.get("frequency_unit")
    return frequency_label(times, unit) if times and unit else ""


def _who(shown: Shown) -> str:
    if shown.get("owner_person"):
        return shown.get("owner_person")
    agency, worker = shown.get("owner_organisation"), shown.get("owner_worker")
    if agency and worker:
        return f"{agency}: {worker}"
    return agency or worker


def _for_whom(shown: Shown) -> str:
    if shown.get("for_child"):
        return shown.get("for_child")
    return shown.get("for_whom")


def _progress(presenter: Presenter, action: object) -> str:
    update = getattr(action, "latest_update", None)
    if update is None:
        return ""
    shown = presenter.show(update)
    parts = [shown.get("recorded_on"), shown.get("status"), shown.get("note")]
    return ": ".join(part for part in parts if part)


# (key, heading, relative width)
ACTION_COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("number", "No.", 1),
    ("who", "Who is responsible", 4),
    ("what", "What", 6),
    ("when", "By when or how often", 3),
    ("measure", "How progress will be measured", 5),
    ("for", "For", 3),
    ("status", "Status", 2),
    ("progress", "Latest progress", 4),
)
REVIEW_COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("held_on", "Held on", 2),
    ("engagement", "Engagement of the parent using abusive behaviours", 4),
    ("safety_change", "Family's safety since the last review", 2),
    ("notes", "Notes", 5),
    ("decision", "Decision", 3),
    ("next_review_on", "Next review", 2),
)


def _table(caption: str, columns: tuple[tuple[str, str, int], ...], rows: list[dict[str, str]]) -> Table | None:
    if not rows:
        return None
    # A column no row may show is left out, rather than shown empty; "No." alone is not worth a table.
    used = [column for column in columns if any(row.get(column[0]) for row in rows) and column[0] != "number"]
    if not used:
        return None
    used = [column for column in columns if column in used or column[0] == "number"]
    return Table(
        caption=caption,
        headings=[heading for _, heading, _ in used],
        rows=[[row.get(key, "") for key, _, _ in used] for row in rows],
        weights=[weight for _, _, weight in used],
    )


def build_plan_document(
    case: Case, plan: Plan, reader: Reader, *, today: dt.date, recipient: Person | None = None
) -> Document:
    presenter = Presenter(reader, case)
    people = presenter.people()
    loaded = load_plan(plan, people)
    shown_plan = presenter.show(plan)
    title = plan.get_kind_display()

    children = [name for name in (presenter.name(child) for child in loaded.children) if name]
    details = KeyValues(
        [
            ("Case reference", presenter.show(case).get("reference")),
            ("Plan", shown_plan.get("kind")),
            ("Status", shown_plan.get("status")),
            ("Children", ", ".join(children)),
            ("Started", shown_plan.get("start_date")),
            ("First review", shown_plan.get("first_review_on")),
            (
                "Reviewed every",
                f"{shown_plan.get('review_interval_months')} months"
                if shown_plan.get("review_interval_months")
                else "",
            ),
            ("Next review", shown_plan.get("next_review_on")),
            ("Ended", shown_plan.get("ended_on")),
            ("Why it ended", shown_plan.get("end_reason")),
        ]
    )
    sections = [Section("The plan", [details])]

    outcome_rows = []
    for outcome in loaded.outcomes:
        shown = presenter.show(outcome)
        if shown.get("text"):
            child = shown.get("child")
            outcome_rows.append((child or "", shown.get("text")))
    if outcome_rows:
        sections.append(
            Section(
                "What should be different for each child", [KeyValues([(c or "Child", t) for c, t in outcome_rows])]
            )
        )

    action_rows = []
    for action in loaded.actions:
        shown = presenter.show(action)
        if not shown.get("what"):
            continue
        action_rows.append(
            {
                "number": str(len(action_rows) + 1),
                "who": _who(shown),
                "what": shown.get("what"),
                "when": _when(shown),
                "measure": shown.get("measure"),
                "for": _for_whom(shown),
                "status": shown.get("status"),
                "progress": _progress(presenter, action),
            }
        )
    table = _table("Who will do what, by when, and how anyone will know", ACTION_COLUMNS, action_rows)
    if table:
        sections.append(Section("Actions", [table]))

    review_rows, views = [], []
    for review in plan.reviews.prefetch_related("child_views").order_by("held_on"):
        shown = presenter.show(review)
        if not shown.get("held_on"):
            continue
        notes = [shown.get(name) for name in ("engagement_notes", "safety_notes", "others_attended")]
        review_rows.append(
            {
                "held_on": shown.get("held_on"),
                "engagement": shown.get("engagement"),
                "safety_change": shown.get("safety_change"),
                "notes": "\n".join(note for note in notes if note),
                "decision": shown.get("decision"),
                "next_review_on": shown.get("next_review_on"),
            }
        )
        for view in review.child_views.all():
            view.child = next((person for person in people if person.pk == view.child_id), view.child)
            shown_view = presenter.show(view)
            if shown_view.get("views") and shown_view.get("child"):
                views.append((f"{shown_view.get('child')}, {shown.get('held_on')}", shown_view.get("views")))
    table = _table("Reviews of the plan, oldest first", REVIEW_COLUMNS, review_rows)
    if table:
        blocks = [table]
        if views:
            blocks += [Paragraph("What the children said"), KeyValues(views)]
        sections.append(Section("Reviews", blocks))

    about = [KeyValues([("Prepared for", presenter.name(recipient))])] if recipient else []
    if presenter.withheld or reader.audience != Audience.PROFESSIONAL:
        about.append(Paragraph(WITHHELD_NOTICE))
    if about:
        sections.insert(0, Section("About this version", about))
    return Document(
        kind=DocumentKind.PLAN,
        title=title,
        reference=case.reference,
        audience=reader.audience,
        version_label=version_label(reader),
        generated_on=today,
        sections=sections,
    )
