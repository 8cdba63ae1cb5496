"""Every closed set of values the API sends or accepts, typed so that openapi.yaml lists them.

The domain's enums are re-exported as they are; the SPA's generated client (frontend/src/api/schema.d.ts)
then carries them, and its labels (frontend/src/lib/labels.ts) are keyed by these values. A status the
domain does not model (a period's lock, an inspection's progress) is defined here, next to them.
"""

from enum import StrEnum

from api.domain.activities import Channel, Subject
from api.domain.appraisal import AppraisalStatus
from api.domain.awards import ProposalStatus, Recipient
from api.domain.indicators import Cadence, Measure, Pillar, RuleKind, UnitKind
from api.domain.inspections import FindingDecision, FindingStatus
from api.domain.nominations import NominationStatus
from api.domain.periods import PeriodKind, TimelinessStatus
from api.domain.permissions import TOKEN_SCOPES, Permission, Role
from api.domain.ranking import RankStatus
from api.domain.safety_models import MODEL_KINDS, MODEL_STATUSES
from api.domain.schemes import Tier
from api.domain.submissions import SubmissionStatus
from api.services.reminders import NOT_SUBMITTED, RETURNED
from api.services.webhooks import EVENTS

# The API names a tier by its code ("XUAT_SAC"); the domain's Tier is ordered by its integer value.
TierCode = StrEnum("TierCode", [(tier.name, tier.name) for tier in Tier])
# What an API token may be granted (a subset of the permissions; the rest are for a browser session).
TokenScope = StrEnum("TokenScope", [(scope.name, scope.value) for scope in Permission if scope in TOKEN_SCOPES])

class PeriodStatus(StrEnum):
    OPEN = "open"
    LOCKED = "locked"  # by the standing body: scores frozen and published


class InspectionStatus(StrEnum):
    PLANNED = "planned"
    DONE = "done"


class ActionStatus(StrEnum):
    """A corrective action of an inspection finding."""

    OPEN = "open"
    DONE = "done"


class BaselineStatus(StrEnum):
    PROPOSED = "proposed"
    APPROVED = "approved"
    REJECTED = "rejected"


class SchemeDraftStatus(StrEnum):
    DRAFT = "draft"
    ACTIVATED = "activated"


class ImportKind(StrEnum):
    """What an import file holds (`POST /imports/{kind}`)."""

    VALUES = "values"
    UNITS = "units"
    USERS = "users"
    ACTIVITIES = "activities"


class DeliveryStatus(StrEnum):
    """A webhook delivery: pending (waiting, or between retries), delivered, failed (after 24 hours of
    retries), cancelled (its subscription was switched off)."""

    PENDING = "pending"
    DELIVERED = "delivered"
    FAILED = "failed"
    CANCELLED = "cancelled"


WebhookEvent = StrEnum("WebhookEvent", [(event.replace(".", "_").upper(), event) for event in EVENTS])
ReminderKind = StrEnum("ReminderKind", [(kind.upper(), kind) for kind in (NOT_SUBMITTED, RETURNED)])
ModelStatus = StrEnum("ModelStatus", [(status.upper(), status) for status in MODEL_STATUSES])
# A model's kind ("to-lien-gia-pccc"); its names are served by GET /model-kinds and with each model (kind_label).
ModelKind = StrEnum("ModelKind", [(kind.upper().replace("-", "_"), kind) for kind in MODEL_KINDS])

__all__ = [
    "ActionStatus",
    "AppraisalStatus",
    "BaselineStatus",
    "Cadence",
    "Channel",
    "DeliveryStatus",
    "FindingDecision",
    "FindingStatus",
    "ImportKind",
    "InspectionStatus",
    "Measure",
    "ModelKind",
    "ModelStatus",
    "NominationStatus",
    "PeriodKind",
    "PeriodStatus",
    "Permission",
    "Pillar",
    "ProposalStatus",
    "RankStatus",
    "Recipient",
    "ReminderKind",
    "Role",
    "RuleKind",
    "SchemeDraftStatus",
    "Subject",
    "SubmissionStatus",
    "TierCode",
    "TimelinessStatus",
    "TokenScope",
    "UnitKind",
    "WebhookEvent",
]
