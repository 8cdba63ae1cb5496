"""Who may do what: the one table of roles and the permissions each grants.

Routes and services ask for a permission by name (``principal.require("inspections:write")``), never
for a role; no other module compares a role (``tests/test_one_authorization_model.py``). An API token
narrows its owner's permissions to the scopes it was created with (and what they include,
``SCOPE_INCLUDES``), only ``TOKEN_SCOPES`` can be scopes (the rest are for a person in a browser session),
and a token holds no scope its owner's role lacks. A role also has a reach: every unit, or only
the account's own unit (a reporter sees the data of no other unit).
"""

from enum import Enum, StrEnum

from .inspections import InspectionReach


class Role(StrEnum):
    ADMIN = "admin"
    REVIEWER = "reviewer"  # the standing body (Cơ quan Thường trực, Công an tỉnh)
    REPORTER = "reporter"  # a unit's reporting officer
    LEADER = "leader"  # provincial leadership, read-only
    HOME_AFFAIRS = "home_affairs"  # Sở Nội vụ: decides on award proposals, inspects departments and communes
    FINANCE = "finance"  # Sở Tài chính: appraises the budget estimate
    PROVINCE_OFFICE = "province_office"  # Văn phòng UBND tỉnh: reads everything, urges (sends reminders)
    INSPECTOR = "inspector"  # a department's or a commune committee's inspector: the units its unit oversees
    API_CLIENT = "api_client"  # another system reading scores through a token

    @property
    def label(self) -> str:
        """The role's name in Vietnamese (an export of the accounts; the SPA's are in src/lib/labels.ts)."""
        return _ROLE_LABELS[self]


_ROLE_LABELS = {
    Role.ADMIN: "Quản trị hệ thống",
    Role.REVIEWER: "Cơ quan Thường trực",
    Role.REPORTER: "Cán bộ báo cáo",
    Role.LEADER: "Lãnh đạo",
    Role.HOME_AFFAIRS: "Sở Nội vụ",
    Role.FINANCE: "Sở Tài chính",
    Role.PROVINCE_OFFICE: "Văn phòng UBND tỉnh",
    Role.INSPECTOR: "Cán bộ kiểm tra (sở, ban, ngành, UBND xã)",
    Role.API_CLIENT: "Tài khoản hệ thống (API)",
}


class Permission(StrEnum):
    UNITS_READ = "units:read"
    CATALOG_READ = "catalog:read"
    PERIODS_READ = "periods:read"
    SCORES_READ = "scores:read"
    SUBMISSIONS_READ = "submissions:read"
    STATUS_READ = "status:read"
    UNITS_WRITE = "units:write"
    PERIODS_WRITE = "periods:write"
    USERS_WRITE = "users:write"
    AUDIT_READ = "audit:read"
    SUBMISSIONS_REVIEW = "submissions:review"
    SCORES_PREVIEW = "scores:preview"
    VALUES_WRITE = "values:write"
    SCHEMES_WRITE = "schemes:write"  # scoring scheme drafts, their preview and activation
    # Session only (never a token's scope):
    INSPECTIONS_READ = "inspections:read"
    INSPECTIONS_WRITE = "inspections:write"  # any unit's inspections; its findings deduct at once
    INSPECTIONS_PROPOSE = "inspections:propose"  # inspections within reach; findings await confirmation
    INSPECTIONS_CONFIRM = "inspections:confirm"  # confirm or reject a proposed finding
    BONUSES_READ = "bonuses:read"
    BONUSES_WRITE = "bonuses:write"
    AWARDS_READ = "awards:read"
    AWARDS_WRITE = "awards:write"  # award settings, proposals and their resubmission
    AWARDS_DECIDE = "awards:decide"  # return, forward, approve or refuse a proposal
    AWARDS_TIMELY = "awards:timely"  # accept or return a timely nomination, outside the period calendar
    NOMINATIONS_READ = "nominations:read"  # a reporter: its own unit's
    NOMINATIONS_WRITE = "nominations:write"  # a unit nominates, with a dossier
    NOMINATIONS_DECIDE = "nominations:decide"  # accept a nomination into a proposal, or return it
    NARRATIVES_READ = "narratives:read"  # a reporter: its own unit's
    NARRATIVES_WRITE = "narratives:write"  # a unit's achievements, difficulties and proposals of a period
    BUDGET_READ = "budget:read"
    BUDGET_WRITE = "budget:write"
    BUDGET_APPRAISE = "budget:appraise"  # appraise or return a budget line (Sở Tài chính)
    MODELS_READ = "models:read"
    MODELS_WRITE = "models:write"  # any unit's models; a unit registers its own without it
    EXEMPLARS_READ = "exemplars:read"
    EXEMPLARS_WRITE = "exemplars:write"
    REPORTS_READ = "reports:read"
    REMINDERS_READ = "reminders:read"
    REMINDERS_WRITE = "reminders:write"


class Reach(Enum):
    ALL_UNITS = "all_units"
    OWN_UNIT = "own_unit"  # the account must belong to a unit


P = Permission
READ = frozenset({P.UNITS_READ, P.CATALOG_READ, P.PERIODS_READ, P.SCORES_READ})
# What every provincial body reads: submissions, their status and the movement's records.
OVERSIGHT = READ | {
    P.SUBMISSIONS_READ, P.STATUS_READ, P.INSPECTIONS_READ, P.BONUSES_READ, P.AWARDS_READ, P.BUDGET_READ,
    P.MODELS_READ, P.EXEMPLARS_READ, P.REPORTS_READ, P.NOMINATIONS_READ, P.NARRATIVES_READ,
}
# What the standing body keeps: inspections, bonuses, award proposals, budget, models, exemplars, reminders.
STANDING_BODY = frozenset({
    P.INSPECTIONS_WRITE, P.INSPECTIONS_CONFIRM, P.BONUSES_WRITE, P.AWARDS_WRITE, P.BUDGET_WRITE, P.MODELS_WRITE,
    P.EXEMPLARS_WRITE, P.REMINDERS_READ, P.REMINDERS_WRITE, P.NOMINATIONS_DECIDE, P.AWARDS_TIMELY,
})
# What a unit writes beside its values: its nominations and its narrative of each period.
UNIT_REPORTING = frozenset({
    P.NOMINATIONS_READ, P.NOMINATIONS_WRITE, P.NARRATIVES_READ, P.NARRATIVES_WRITE,
})

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: OVERSIGHT | STANDING_BODY | {P.UNITS_WRITE, P.PERIODS_WRITE, P.USERS_WRITE, P.AUDIT_READ,
                                             P.AWARDS_DECIDE, P.BUDGET_APPRAISE},
    Role.REVIEWER: OVERSIGHT | STANDING_BODY | {P.SUBMISSIONS_REVIEW, P.SCORES_PREVIEW, P.SCHEMES_WRITE},
    Role.REPORTER: READ | UNIT_REPORTING | {P.SUBMISSIONS_READ, P.VALUES_WRITE, P.SCORES_PREVIEW, P.INSPECTIONS_READ,
                                            P.MODELS_READ},
    Role.LEADER: OVERSIGHT | {P.REMINDERS_READ},
    Role.HOME_AFFAIRS: OVERSIGHT | {P.AWARDS_DECIDE, P.AWARDS_TIMELY, P.INSPECTIONS_PROPOSE},
    Role.FINANCE: READ | {P.AWARDS_READ, P.BUDGET_READ, P.BUDGET_APPRAISE},
    # What the standing body reads, and its reminders; no score, report or record is written.
    Role.PROVINCE_OFFICE: OVERSIGHT | {P.REMINDERS_READ, P.REMINDERS_WRITE},
    Role.INSPECTOR: READ | {P.INSPECTIONS_READ, P.INSPECTIONS_PROPOSE},
    Role.API_CLIENT: READ,
}
ROLE_REACH: dict[Role, Reach] = {role: Reach.ALL_UNITS for role in Role} | {
    Role.REPORTER: Reach.OWN_UNIT, Role.INSPECTOR: Reach.OWN_UNIT,
}
# Which units a role inspects (`api/domain/inspections.py`); a role not listed inspects none.
ROLE_INSPECTION_REACH: dict[Role, InspectionReach] = {
    Role.ADMIN: InspectionReach.EVERY_UNIT,
    Role.REVIEWER: InspectionReach.EVERY_UNIT,
    Role.HOME_AFFAIRS: InspectionReach.ADMINISTRATION,
    Role.INSPECTOR: InspectionReach.OVERSEEN_UNITS,
}

ROLES = tuple(Role)
# Roles whose accounts manage accounts: one of them, active, must always remain.
ACCOUNT_MANAGERS = frozenset(role for role, permissions in ROLE_PERMISSIONS.items() if P.USERS_WRITE in permissions)
TOKEN_SCOPES = frozenset({
    P.UNITS_READ, P.CATALOG_READ, P.PERIODS_READ, P.SCORES_READ, P.SUBMISSIONS_READ, P.STATUS_READ,
    P.UNITS_WRITE, P.PERIODS_WRITE, P.USERS_WRITE, P.AUDIT_READ, P.SUBMISSIONS_REVIEW, P.SCORES_PREVIEW,
    P.VALUES_WRITE, P.SCHEMES_WRITE, P.REPORTS_READ,
})
# A scope also grants what its job cannot do without: scores are read with the periods, groups, units,
# indicators and scoring scheme they are about; a consolidated report, from the reporting status, the
# inspections, the award proposals and the units' narratives of the period (read only as parts of the report).
SCOPE_INCLUDES: dict[Permission, frozenset[Permission]] = {
    P.SCORES_READ: frozenset({P.PERIODS_READ, P.UNITS_READ, P.CATALOG_READ}),
    P.REPORTS_READ: frozenset({P.PERIODS_READ, P.STATUS_READ, P.INSPECTIONS_READ, P.AWARDS_READ, P.NARRATIVES_READ}),
}


def scope_grants(scopes: frozenset[str]) -> frozenset[str]:
    """What a token's ``scopes`` grant: themselves and what each includes (`SCOPE_INCLUDES`)."""
    granted_ = {scope for scope in scopes if scope in TOKEN_SCOPES}
    return frozenset(granted_.union(*(SCOPE_INCLUDES.get(scope, ()) for scope in granted_)))  # type: ignore[call-overload]


def granted(role: str, scopes: frozenset[str] | None = None) -> frozenset[str]:
    """The permissions of ``role`` (none for an unknown one), narrowed to what a token's ``scopes`` grant."""
    permissions = ROLE_PERMISSIONS.get(role, frozenset())  # type: ignore[call-overload]
    return permissions if scopes is None else permissions & scope_grants(scopes)


def scopes_beyond(role: str, scopes: frozenset[str]) -> list[str]:
    """The ``scopes`` that ``role`` does not have, which a token of its account may not hold."""
    return sorted(scopes - ROLE_PERMISSIONS.get(role, frozenset()))  # type: ignore[call-overload]


def reaches_all_units(role: str) -> bool:
    return ROLE_REACH.get(role) is Reach.ALL_UNITS  # type: ignore[call-overload]


def inspection_reach(role: str) -> InspectionReach | None:
    return ROLE_INSPECTION_REACH.get(role)  # type: ignore[call-overload]


def manages_accounts(role: str) -> bool:
    return role in ACCOUNT_MANAGERS


def needs_unit(role: str) -> bool:
    """Whether an account of ``role`` must belong to a unit: a role reaching only its own."""
    return ROLE_REACH.get(role) is Reach.OWN_UNIT  # type: ignore[call-overload]
