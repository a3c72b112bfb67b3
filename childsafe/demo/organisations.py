"""The demo's organisations, teams and logins, all in the fictional borough of Northbrook.

Every demo account uses the one password `DEMO_PASSWORD`. It is hashed once and the hash is given to every account:
the production hasher (Argon2) takes most of a second per hash, and thousands of generated workers would otherwise
take an hour to create. Emails are at `.example` domains, which cannot receive mail.

The police organisation is deliberately given no cases, so signing in as it shows what an organisation without
a need to know sees: "Page not found" for any case address.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.hashers import make_password

from childsafe.accounts.models import Organisation, Team, User
from childsafe.cases.models import Case, CaseShare

DEMO_PASSWORD = "childsafe-demo-2026"  # noqa: S105 - documented demo password for fictional accounts only

LEAD = "Northbrook Children's Services"
DOMESTIC_ABUSE_SERVICE = "Northbrook Domestic Abuse Service"
REFUGE = "Northbrook Women's Refuge"
POLICE = "Northbrook Police"
SCHOOL = "Hollin Lane Primary"
PROGRAMME = "Northbrook Change Programme"
COMMISSIONING = "Northbrook Commissioning"

ORGANISATIONS: dict[str, str] = {
    LEAD: Organisation.Kind.CHILDRENS_SOCIAL_CARE,
    DOMESTIC_ABUSE_SERVICE: Organisation.Kind.DOMESTIC_ABUSE_SERVICE,
    REFUGE: Organisation.Kind.REFUGE,
    POLICE: Organisation.Kind.POLICE,
    SCHOOL: Organisation.Kind.SCHOOL,
    PROGRAMME: Organisation.Kind.PERPETRATOR_PROGRAMME,
    COMMISSIONING: Organisation.Kind.COMMISSIONING,
}

TEAM_1 = "Family Safeguarding Team 1"
TEAM_2 = "Family Safeguarding Team 2"
OUTREACH = "Outreach team"
TEAMS: dict[str, str] = {TEAM_1: LEAD, TEAM_2: LEAD, OUTREACH: DOMESTIC_ABUSE_SERVICE}

PRACTITIONER = "practitioner@northbrook.example"
COLLEAGUE = "colleague@northbrook.example"
PRACTITIONER_TEAM_2 = "practitioner2@northbrook.example"
MANAGER = "manager@northbrook.example"
SAFEGUARDING_LEAD = "safeguarding@northbrook.example"
COMMISSIONER = "commissioner@northbrook.example"
ADMINISTRATOR = "admin@northbrook.example"
PARTNER = "partner@nbdas.example"
PARTNER_MANAGER = "manager@nbdas.example"
REFUGE_WORKER = "refuge@nbrefuge.example"
SCHOOL_LEAD = "dsl@hollinlane.example"
PROGRAMME_WORKER = "programme@nbchange.example"
POLICE_OFFICER = "police@nbpolice.example"


@dataclass(frozen=True)
class DemoAccount:
    email: str
    full_name: str
    role: str
    organisation: str
    team: str = ""
    administrator: bool = False


Role = User.Role
ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount(PRACTITIONER, "Nina Ashcombe", Role.PRACTITIONER, LEAD, TEAM_1),
    DemoAccount(COLLEAGUE, "Tom Wrenfield", Role.PRACTITIONER, LEAD, TEAM_1),
    DemoAccount(MANAGER, "Grace Pellingham", Role.MANAGER, LEAD, TEAM_1),
    DemoAccount(PRACTITIONER_TEAM_2, "Owen Marrowby", Role.PRACTITIONER, LEAD, TEAM_2),
    DemoAccount(SAFEGUARDING_LEAD, "Ruth Kestleton", Role.SAFEGUARDING_LEAD, LEAD),
    DemoAccount(COMMISSIONER, "Simone Yarwood", Role.COMMISSIONER, COMMISSIONING),
    DemoAccount(ADMINISTRATOR, "Kim Underhill", Role.ADMINISTRATOR, LEAD, administrator=True),
    DemoAccount(PARTNER, "Laura Birchall", Role.PRACTITIONER, DOMESTIC_ABUSE_SERVICE, OUTREACH),
    DemoAccount(PARTNER_MANAGER, "Halima Rushmere", Role.MANAGER, DOMESTIC_ABUSE_SERVICE, OUTREACH),
    DemoAccount(REFUGE_WORKER, "Carys Moorcroft", Role.PRACTITIONER, REFUGE),
    DemoAccount(SCHOOL_LEAD, "Marta Orchard", Role.SAFEGUARDING_LEAD, SCHOOL),
    DemoAccount(PROGRAMME_WORKER, "Rhys Treadwell", Role.PRACTITIONER, PROGRAMME),
    DemoAccount(POLICE_OFFICER, "Kyle Dunsmore", Role.PRACTITIONER, POLICE),
)

# The lead organisation's caseworkers whose caseloads the demo fills; generated load tops them up to a normal size.
DEMO_CASEWORKERS = (PRACTITIONER, COLLEAGUE, PRACTITIONER_TEAM_2)


@dataclass(frozen=True)
class DemoDirectory:
    organisations: dict[str, Organisation]
    teams: dict[str, Team]
    users: dict[str, User]


def demo_exists() -> bool:
    return Organisation.objects.filter(name=LEAD).exists()


def create_demo_directory() -> DemoDirectory:
    """Create the organisations, teams and accounts. Call inside a transaction, once (see `demo_exists`)."""
    organisations = {
        name: Organisation.objects.create(name=name, kind=kind, area="Northbrook")
        for name, kind in ORGANISATIONS.items()
    }
    teams = {name: Team.objects.create(organisation=organisations[org], name=name) for name, org in TEAMS.items()}
    password_hash = make_password(DEMO_PASSWORD)
    users = {}
    for account in ACCOUNTS:
        user = User(
            email=account.email,
            full_name=account.full_name,
            role=account.role,
            organisation=organisations[account.organisation],
            team=teams.get(account.team),
            is_staff=account.administrator,
            is_superuser=account.administrator,
            password=password_hash,
        )
        user.save(force_insert=True)
        users[account.email] = user
    return DemoDirectory(organisations, teams, users)


def _what_they_see(user: User) -> str:
    if user.role == Role.COMMISSIONER:
        return "Anonymised figures only; no case records"
    if user.role == Role.ADMINISTRATOR:
        return "Administration pages; no case records"
    shared = CaseShare.objects.filter(organisation_id=user.organisation_id).count()
    if shared == 0:
        return "No cases shared with this organisation: every case address shows Page not found"
    text = f"{shared:,} cases shared with the organisation"
    if user.role == Role.PRACTITIONER:
        mine = Case.objects.filter(allocated_worker=user, status=Case.Status.OPEN).count()
        if mine:
            text += f"; {mine:,} open allocated to them"
    elif user.oversees_cases and user.team_id:
        team = Case.objects.filter(team_id=user.team_id, status=Case.Status.OPEN).count()
        if team:
            text += f"; their team has {team:,} open"
    return text


def login_table() -> str:
    """A plain-text table of every demo login, with what each can see, and the shared password."""
    users = {user.email: user for user in User.objects.filter(email__in=[a.email for a in ACCOUNTS])}
    rows = [("Email", "Role", "Organisation", "What they can see")]
    for account in ACCOUNTS:
        user = users.get(account.email)
        if user is None:
            continue
        rows.append((account.email, user.get_role_display(), account.organisation, _what_they_see(user)))
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row[:3], widths, strict=True)) + "  " + row[3]
        for row in rows
    ]
    lines.insert(1, "-" * len(lines[0]))
    lines.append("")
    lines.append(f"Every demo account's password: {DEMO_PASSWORD}")
    return "\n".join(lines)
