"""Text folded for searching, the same on SQLite and PostgreSQL: the database compares stored folded text
with a folded query, so neither engine's collation or accent functions (``unaccent`` is an extension,
SQLite has none) decide what matches.

Folding: Unicode NFD with the combining marks dropped, "đ"/"Đ" as "d" (a letter of its own, not a "d" with
a mark), lower case, runs of white space as one space. "Công an phường Phố Hiến" -> "cong an phuong pho hien".
Every searchable list uses this one folding, in SQL against a stored folded column (a unit's
``search_name``, ``api/db/repositories/units.py: matching``; an account's, ``users.search``; a model's or an
exemplar's name, an inspection's topic, a bonus's reason), kept by the models' validators and filled for existing rows by
migrations 14, 26 and 27. The audit log's actions are codes with Vietnamese names
(``api/domain/audit.py``): a search finds the codes whose folded name holds the folded query.
"""

from __future__ import annotations

import unicodedata
from enum import StrEnum


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.replace("đ", "d").replace("Đ", "d").lower().split())


# Sort orders of the lists people work through: a field name, "-" in front for the descending order.
# Closed sets, so a wrong value is a 422 naming it; empty values (no date yet) come last either way.


class SubmissionSort(StrEnum):
    """The review queue."""

    UNIT = "unit"
    UNIT_DESC = "-unit"
    CODE = "code"
    CODE_DESC = "-code"
    STATUS = "status"
    STATUS_DESC = "-status"
    FIRST_SUBMITTED = "first_submitted_at"
    FIRST_SUBMITTED_DESC = "-first_submitted_at"
    SUBMITTED = "submitted_at"
    SUBMITTED_DESC = "-submitted_at"


class UnitSort(StrEnum):
    """The units."""

    CODE = "code"
    CODE_DESC = "-code"
    NAME = "name"
    NAME_DESC = "-name"
    KIND = "kind"
    KIND_DESC = "-kind"
    GROUP = "group"
    GROUP_DESC = "-group"


class UserSort(StrEnum):
    """The accounts."""

    USERNAME = "username"
    USERNAME_DESC = "-username"
    FULL_NAME = "full_name"
    FULL_NAME_DESC = "-full_name"
    ROLE = "role"
    ROLE_DESC = "-role"
    UNIT = "unit"
    UNIT_DESC = "-unit"


class InspectionSort(StrEnum):
    """The inspections and their findings."""

    UNIT = "unit"
    UNIT_DESC = "-unit"
    TOPIC = "topic"
    TOPIC_DESC = "-topic"
    PLANNED = "planned_on"
    PLANNED_DESC = "-planned_on"
    INSPECTED = "inspected_on"
    INSPECTED_DESC = "-inspected_on"
    STATUS = "status"
    STATUS_DESC = "-status"


class AuditSort(StrEnum):
    """The audit log (newest first without a sort)."""

    AT = "at"
    AT_DESC = "-at"
    ACTOR = "actor"
    ACTOR_DESC = "-actor"
    ACTION = "action"
    ACTION_DESC = "-action"
    ENTITY = "entity"
    ENTITY_DESC = "-entity"


class ProposalSort(StrEnum):
    """The award proposals."""

    UNIT = "unit"
    UNIT_DESC = "-unit"
    STATUS = "status"
    STATUS_DESC = "-status"
    AMOUNT = "amount"
    AMOUNT_DESC = "-amount"
    DECISION_DATE = "decision_date"
    DECISION_DATE_DESC = "-decision_date"
    CREATED = "created_at"
    CREATED_DESC = "-created_at"


class NominationSort(StrEnum):
    """The nominations."""

    UNIT = "unit"
    UNIT_DESC = "-unit"
    STATUS = "status"
    STATUS_DESC = "-status"
    UPDATED = "updated_at"
    UPDATED_DESC = "-updated_at"


class BonusSort(StrEnum):
    """The bonus entries (oldest first without a sort)."""

    UNIT = "unit"
    UNIT_DESC = "-unit"
    PERIOD = "period"
    PERIOD_DESC = "-period"
    POINTS = "points"
    POINTS_DESC = "-points"
    CREATED = "created_at"
    CREATED_DESC = "-created_at"


class ModelSort(StrEnum):
    """The models registry (by unit code, then kind, without a sort); a kind and a status by their names."""

    UNIT = "unit"
    UNIT_DESC = "-unit"
    KIND = "kind"
    KIND_DESC = "-kind"
    NAME = "name"
    NAME_DESC = "-name"
    STATUS = "status"
    STATUS_DESC = "-status"
    ESTABLISHED = "established_on"
    ESTABLISHED_DESC = "-established_on"


class ExemplarSort(StrEnum):
    """The exemplars (newest year first without a sort)."""

    UNIT = "unit"
    UNIT_DESC = "-unit"
    NAME = "name"
    NAME_DESC = "-name"
    YEAR = "year"
    YEAR_DESC = "-year"


class NarrativeSort(StrEnum):
    """The narratives of a period (by unit code without a sort)."""

    UNIT = "unit"
    UNIT_DESC = "-unit"
    UPDATED = "updated_at"
    UPDATED_DESC = "-updated_at"


def sort_field(order: StrEnum) -> tuple[str, bool]:
    """(field, descending) of a sort order: "-submitted_at" is ("submitted_at", True)."""
    return order.value.removeprefix("-"), order.value.startswith("-")
