"""What the public page (and the media) may see: aggregates of the latest locked period only.

Scores become public when the standing body locks the period (its snapshot); names of individuals are
never shown, only published collective exemplars and counts of active models.
"""

from collections import Counter
from fractions import Fraction

from sqlalchemy.orm import Session

from api.db.repositories import catalog as catalog_repo
from api.db.repositories import exemplars as exemplars_repo
from api.db.repositories import models_registry as models_repo
from api.db.repositories import scores as scores_repo
from api.domain import RankStatus, Tier
from api.domain.safety_models import MODEL_KINDS
from api.services.movement_settings import hotlines
from api.services.reports.formatting import rounded


def summary(session: Session) -> dict:
    period = catalog_repo.latest_locked_period(session)
    stored = [score for score, _code in scores_repo.scores_of_period(session, period.id)] if period else []
    received = [s for s in stored if period.spans or s.first_submitted_at is not None]
    # Tiers of the units with a result only (docs/scoring.md, 5): a returned report has none until resubmitted.
    tiers = Counter(Tier[score.final_tier] for score in stored if RankStatus(score.rank_status).has_result)
    active_models = {kind: count for kind, status, count in models_repo.model_counts(session) if status == "active"}
    return {
        "period": period.code if period else None,
        "period_name": period.name if period else None,
        "expected": len(stored),
        "received": len(received),
        "reporting_rate": rounded(Fraction(len(received), len(stored)), 4) if stored else None,
        "tiers": [{"tier": tier.name, "label": tier.label, "count": tiers.get(tier, 0)}
                  for tier in sorted(Tier, reverse=True)],
        "models": [{"kind": kind, "name": name, "active": active_models.get(kind, 0)}
                   for kind, name in MODEL_KINDS.items()],
        "exemplars": [
            {"name": exemplar.name, "unit_name": unit.name, "achievement": exemplar.achievement,
             "year": exemplar.year}
            for exemplar, unit in exemplars_repo.exemplars(session, published_only=True)
            if exemplar.recipient == "collective"
        ],
        "hotlines": hotlines(session),
    }

