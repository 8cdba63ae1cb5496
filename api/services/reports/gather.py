"""Fill the consolidated report from the same services that answer the API.

Reporting rates come from the reporting-status service, ranks, totals and tiers from the ranking
service, inspections and proposals from their services: the Word, Excel and JSON forms of the report
therefore carry the API's numbers for the same period.
"""

from collections import Counter, defaultdict
from datetime import date
from fractions import Fraction

from sqlalchemy.orm import Session

from api import clock
from api.db.repositories import scores as scores_repo
from api.db.repositories import units as units_repo
from api.domain import RankStatus, Tier
from api.domain.awards import ProposalStatus
from api.domain.periods import local_date
from api.services import awards, inspections, narratives, periods, scoring
from api.services import scores as scores_service
from api.services.access import Principal
from api.services.catalog import scoring_context
from api.services.reports.model import (
    AwardRow,
    ConsolidatedReport,
    FailedIndicatorRow,
    GroupRanking,
    InspectionRow,
    NarrativeRow,
    RankingRow,
    ReportingRow,
    TierRow,
)

MOST_FAILED = 10
TIER_FIELDS = {
    Tier.XUAT_SAC: "excellent",
    Tier.TOT: "good",
    Tier.HOAN_THANH: "completed",
    Tier.KHONG_HOAN_THANH: "not_completed",
}


def consolidated(session: Session, principal: Principal, period_code: str, *, number: str = "",
                 issued_on: date | None = None) -> ConsolidatedReport:
    principal.require("reports:read")
    period, summary, _rows = periods.reporting_status(session, principal, period_code, None)
    group_names = {group.code: group.name for group, _count in units_repo.groups_with_counts(session)}
    reporting = tuple(
        ReportingRow(row["name"], row["expected"], row["on_time"], row["late"]) for row in summary
    )

    items = scores_service.ranking(session, period, None, None)["items"]
    by_group: dict[str, list[dict]] = defaultdict(list)
    for item in items:
        by_group[item["group"]].append(item)

    def received(item: dict) -> bool:
        # A submitted report, or in a review period annual results (docs/scoring.md, 5).
        return RankStatus(item["rank_status"]).has_result

    tiers = []
    rankings = []
    for group_code, group_items in by_group.items():
        counts = Counter(Tier[item["tier"]] for item in group_items if received(item))
        tiers.append(TierRow(
            group_names.get(group_code, group_code),
            unscored=sum(1 for item in group_items if not received(item)),
            **{field: counts.get(tier, 0) for tier, field in TIER_FIELDS.items()},
        ))
        rankings.append(GroupRanking(group_names.get(group_code, group_code), tuple(
            RankingRow(item["rank"], item["unit"]["code"], item["unit"]["name"], Fraction(item["total_exact"]),
                       item["tier_label"], tuple(item["veto_failed"]))
            if received(item) else
            RankingRow(item["rank"], item["unit"]["code"], item["unit"]["name"], None, item["rank_status_label"])
            for item in group_items
        )))

    return ConsolidatedReport(
        period_code=period.code, period_name=period.name, start=period.start, end=period.end,
        number=number or "      /BC-CAT", place="Hưng Yên", issued_on=issued_on or clock.today(),
        reporting=reporting, tiers=tuple(tiers), rankings=tuple(rankings),
        failed_indicators=_failed_indicators(session, period, received_units={
            item["unit"]["code"] for item in items if received(item)}),
        inspections=tuple(
            InspectionRow(view.inspection.inspected_on or view.inspection.planned_on, view.unit.name,
                          view.inspection.status == "done", len(view.confirmed_findings), view.deduction_points,
                          view.open_actions)
            for view in inspections.list_inspections(session, principal, unit_code=None, period_code=period.code)
        ),
        awards=tuple(
            AwardRow(view.recipient_name, view.unit.name,
                     f"{view.form_name} (khen thưởng kịp thời)" if view.proposal.timely else view.form_name,
                     ProposalStatus(view.proposal.status).label, view.proposal.amount)
            for view in _proposals(session, principal, period)
        ),
        narratives=tuple(
            NarrativeRow(view.unit.name, view.narrative.difficulties, view.narrative.proposals)
            for view in narratives.list_of_period(session, principal, period.code)
            if view.narrative.difficulties or view.narrative.proposals
        ),
    )


def _proposals(session: Session, principal: Principal, period) -> list[awards.ProposalView]:
    """The period's award proposals, then the timely awards proposed within its window (Vietnam dates)."""
    timely = awards.list_proposals(session, principal, None, None, timely=True)
    return [
        *awards.list_proposals(session, principal, period.code, None, timely=False),
        *(view for view in timely if period.start <= local_date(view.proposal.created_at) <= period.end),
    ]


def _failed_indicators(session: Session, period, received_units: set[str]) -> tuple[FailedIndicatorRow, ...]:
    """Indicators most often not met among the units whose report was received."""
    catalog, _context = scoring_context(session, period)
    names = {indicator.code: indicator.name for indicator in catalog.indicators}
    failed: Counter[str] = Counter()
    applicable: Counter[str] = Counter()
    received = [score for score, unit_code in scores_repo.scores_of_period(session, period.id) if unit_code in received_units]
    explained = scoring.explanations(session, period, {score.unit_id: score.explanation for score in received})
    for explanation in explained.values():
        for result in explanation.get("indicators", []):
            if result["applicable"]:
                applicable[result["code"]] += 1
                failed[result["code"]] += not result["met"]
    ordered = sorted((code for code in failed if failed[code]), key=lambda code: (-failed[code], code))
    return tuple(
        FailedIndicatorRow(code, names.get(code, code), failed[code], applicable[code])
        for code in ordered[:MOST_FAILED]
    )
