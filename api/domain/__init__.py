"""The scoring engine of the movement, in pure Python (standard library only).

Everything the API and the seed need is importable from here; see docs/scoring.md for the rules.
"""

from .catalog import Catalog, CatalogError, default_catalog_path, load_catalog
from .indicators import Cadence, Indicator, Measure, Pillar, Rule, RuleKind, UnitKind
from .periods import Period, PeriodKind, Timeliness, TimelinessStatus, local_date, reminder_offset, timeliness
from .ranking import (
    AnnualResult,
    RankedUnit,
    RankInput,
    RankStatus,
    excellent_quota,
    rank_group,
    rank_status,
    review_rank_status,
    review_score,
    review_total,
)
from .schemes import Adjustment, Scheme, Tier
from .scoring import IndicatorResult, PillarScore, ScoringContext, UnitScore, evaluate, gc_paused, score_unit
from .serialize import display, explain, explain_indicator
from .values import FieldError, Value, validate_note, validate_value

__all__ = [
    "Adjustment",
    "AnnualResult",
    "Cadence",
    "Catalog",
    "CatalogError",
    "FieldError",
    "Indicator",
    "IndicatorResult",
    "Measure",
    "Period",
    "PeriodKind",
    "Pillar",
    "PillarScore",
    "RankInput",
    "RankStatus",
    "RankedUnit",
    "Rule",
    "RuleKind",
    "Scheme",
    "ScoringContext",
    "Tier",
    "Timeliness",
    "TimelinessStatus",
    "UnitKind",
    "UnitScore",
    "Value",
    "default_catalog_path",
    "display",
    "evaluate",
    "excellent_quota",
    "explain",
    "explain_indicator",
    "gc_paused",
    "load_catalog",
    "local_date",
    "rank_group",
    "rank_status",
    "reminder_offset",
    "review_rank_status",
    "review_score",
    "review_total",
    "score_unit",
    "timeliness",
    "validate_note",
    "validate_value",
]
