"""The indicator catalog and the active scoring scheme."""

from typing import Annotated

from fastapi import APIRouter, Query

from api.domain import Indicator, UnitKind
from api.routers.deps import CurrentPrincipal, DbSession
from api.schemas.catalog import IndicatorOut, RuleOut, SchemeOut
from api.services import catalog

router = APIRouter(tags=["catalog"])
PeriodParam = Annotated[str | None, Query(max_length=32, description="Mã kỳ báo cáo; mặc định: kỳ đang áp dụng hôm nay")]


def indicator_out(indicator: Indicator, weight) -> IndicatorOut:
    rule = indicator.rule
    return IndicatorOut(
        code=indicator.code, pillar=indicator.pillar.value, name=indicator.name, plan_text=indicator.plan_text,
        measure=indicator.measure.value, veto=indicator.veto, input_hint=indicator.input_hint,
        applies_to=sorted(kind.value for kind in indicator.applies_to), weight=str(weight),
        rule=RuleOut(kind=rule.kind.value, threshold=None if rule.threshold is None else str(rule.threshold),
                     count=rule.count, cadence=rule.cadence.value if rule.cadence else None, deadline=rule.deadline,
                     text=rule.text),
    )


@router.get("/indicators", response_model=list[IndicatorOut])
def list_indicators(session: DbSession, principal: CurrentPrincipal, kind: UnitKind | None = None,
                    period: PeriodParam = None) -> list[IndicatorOut]:
    """The indicators of a period's catalog; without `period`, those in force today."""
    _scheme, found = catalog.active(session, principal, period)
    chosen = found.for_kind(kind) if kind else found.indicators
    return [indicator_out(i, found.scheme.indicator_weight(i.code)) for i in chosen]


@router.get("/indicators/{code}", response_model=IndicatorOut)
def get_indicator(code: str, session: DbSession, principal: CurrentPrincipal,
                  period: PeriodParam = None) -> IndicatorOut:
    indicator, weight = catalog.indicator(session, principal, code, period)
    return indicator_out(indicator, weight)


@router.get("/schemes/active", response_model=SchemeOut)
def active_scheme(session: DbSession, principal: CurrentPrincipal, period: PeriodParam = None) -> SchemeOut:
    """The scheme a period is scored with; without `period`, the one in force today."""
    scheme, found = catalog.active(session, principal, period)
    return SchemeOut(version=scheme.code, catalog=found.code, title=found.title, parameters=scheme.parameters)
