"""The indicator catalog and the active scoring scheme."""

from collections.abc import Iterable
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response
from pydantic import TypeAdapter

from api.domain import Catalog, Indicator
from api.routers.deps import CurrentPrincipal, DbSession
from api.routers.exports import FILE_RESPONSES, download
from api.schemas.catalog import IndicatorOut, RuleOut, SchemeOut
from api.schemas.common import ATTACHMENT, KindFilter
from api.services import catalog, dictionary
from api.services.exports import ExportFormat

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


def indicators_out(found: Catalog, chosen: Iterable[Indicator]) -> list[IndicatorOut]:
    return [indicator_out(i, found.scheme.indicator_weight(i.code)) for i in chosen]


@router.get("/indicators", response_model=list[IndicatorOut])
def list_indicators(session: DbSession, principal: CurrentPrincipal, kind: KindFilter = None,
                    period: PeriodParam = None) -> list[IndicatorOut]:
    """The indicators of a period's catalog; without `period`, those in force today."""
    _scheme, found = catalog.active(session, principal, period)
    return indicators_out(found, found.for_kind(kind) if kind else found.indicators)


INDICATORS = TypeAdapter(list[IndicatorOut])
DICTIONARY_RESPONSES = {200: {
    "description": "Từ điển chỉ tiêu: CSV (UTF-8 có BOM), XLSX hoặc JSON (như GET /indicators)",
    "content": {**FILE_RESPONSES[200]["content"], "application/json": {
        "schema": {"type": "array", "items": {"$ref": "#/components/schemas/IndicatorOut"}},
    }},
    "headers": ATTACHMENT,
}}


@router.get("/indicators/dictionary", response_class=Response, responses=DICTIONARY_RESPONSES)
def dictionary_file(
    session: DbSession, principal: CurrentPrincipal,
    file_format: Annotated[Literal["csv", "xlsx", "json"], Query(alias="format")] = "csv",
    period: PeriodParam = None,
) -> Response:
    """Từ điển chỉ tiêu của bộ tiêu chí áp dụng cho kỳ (mặc định: kỳ đang áp dụng hôm nay), dạng tệp: mã,
    trụ cột, tên, yêu cầu, đối tượng áp dụng, phủ quyết, trọng số, hướng dẫn nhập."""
    if file_format != "json":
        return download(dictionary.dictionary(session, principal, period), ExportFormat(file_format))
    scheme, found = catalog.active(session, principal, period)
    return Response(INDICATORS.dump_json(indicators_out(found, found.indicators)), media_type="application/json",
                    headers={"Content-Disposition": f'attachment; filename="tu-dien-chi-tieu-{scheme.code}.json"'})


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
