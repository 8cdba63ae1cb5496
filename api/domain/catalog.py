"""The catalog data file: indicators, the default scheme and the periods, loaded and validated.

The file (``api/catalog/ba-nhat-2026.json``) is data the standing body may edit, so the loader checks
every field and names its place in the file (``indicators[3].rule.threshold``) in a Vietnamese message.
The backend's seed uses this same loader.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from pathlib import Path

from .indicators import RULE_MEASURE, Cadence, Indicator, Measure, Pillar, Rule, RuleKind, UnitKind
from .periods import Period, PeriodKind
from .schemes import Scheme, Tier


class CatalogError(ValueError):
    """The catalog file is invalid; the message names the place in the file."""


@dataclass(frozen=True)
class Catalog:
    code: str
    title: str
    indicators: tuple[Indicator, ...]
    scheme: Scheme
    periods: tuple[Period, ...]

    def indicator(self, code: str) -> Indicator:
        return self._by_code(self.indicators, code)

    def period(self, code: str) -> Period:
        return self._by_code(self.periods, code)

    def for_kind(self, kind: UnitKind) -> tuple[Indicator, ...]:
        return tuple(indicator for indicator in self.indicators if indicator.applies(kind))

    @staticmethod
    def _by_code(items, code):
        for item in items:
            if item.code == code:
                return item
        raise KeyError(code)


def default_catalog_path() -> Path:
    return Path(__file__).resolve().parent.parent / "catalog" / "ba-nhat-2026.json"


def _member(enum, value: object, where: str):
    try:
        return enum(value)
    except ValueError:
        allowed = ", ".join(member.value for member in enum)
        raise CatalogError(f"{where}: «{value}» không hợp lệ (chọn một trong: {allowed}).") from None


class _Reader:
    """Typed access to one JSON object, raising CatalogError with the object's path."""

    def __init__(self, data: object, path: str) -> None:
        if not isinstance(data, Mapping):
            raise CatalogError(f"{path or 'tệp'}: phải là một đối tượng JSON.")
        self.data = data
        self.path = path

    def where(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def fail(self, key: str, message: str) -> CatalogError:
        return CatalogError(f"{self.where(key)}: {message}")

    def get(self, key: str, kind: type | tuple[type, ...], *, required: bool = True, default: object = None):
        if key not in self.data or self.data[key] is None:
            if required:
                raise self.fail(key, "thiếu giá trị.")
            return default
        value = self.data[key]
        if isinstance(value, bool) and kind is not bool:
            raise self.fail(key, "sai kiểu dữ liệu.")
        if not isinstance(value, kind):
            raise self.fail(key, "sai kiểu dữ liệu.")
        return value

    def text(self, key: str, *, required: bool = True) -> str:
        value = self.get(key, str, required=required, default="")
        if required and not value.strip():
            raise self.fail(key, "không được để trống.")
        return value

    def number(self, key: str, *, required: bool = True, default: Fraction | None = None) -> Fraction | None:
        """An exact number, written in the file as an integer or a string ("95", "0.2", "1/4")."""
        value = self.get(key, (int, str), required=required)
        if value is None:
            return default
        try:
            number = Fraction(value)
        except (ValueError, ZeroDivisionError):
            raise self.fail(key, f"«{value}» không phải là một số.") from None
        if number < 0:
            raise self.fail(key, "không được âm.")
        return number

    def day(self, key: str, *, required: bool = True) -> date | None:
        value = self.get(key, str, required=required)
        if value is None:
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise self.fail(key, f"«{value}» không phải ngày dạng YYYY-MM-DD.") from None

    def choice(self, key: str, enum, *, required: bool = True):
        value = self.get(key, str, required=required)
        return None if value is None else _member(enum, value, self.where(key))

    def items(self, key: str) -> list[_Reader]:
        return [
            _Reader(item, f"{self.where(key)}[{index}]") for index, item in enumerate(self.get(key, list))
        ]


def _rule(reader: _Reader, measure: Measure) -> Rule:
    kind = reader.choice("kind", RuleKind)
    if RULE_MEASURE[kind] is not measure:
        raise reader.fail(
            "kind", f"quy tắc «{kind.value}» không dùng được cho loại số liệu «{measure.value}»."
        )
    if kind in (RuleKind.AT_LEAST, RuleKind.ABOVE):
        threshold = reader.number("threshold")
        if threshold > 100:
            raise reader.fail("threshold", "ngưỡng phần trăm không được vượt quá 100.")
        return Rule(kind, threshold=threshold)
    if kind is RuleKind.FREQUENCY:
        count = reader.get("count", int)
        if count < 1:
            raise reader.fail("count", "số lần tối thiểu phải từ 1 trở lên.")
        return Rule(kind, count=count, cadence=reader.choice("cadence", Cadence))
    if kind is RuleKind.DATE_BY:
        return Rule(kind, deadline=reader.day("deadline"))
    return Rule(kind)


def _indicator(reader: _Reader) -> Indicator:
    measure = reader.choice("measure", Measure)
    kinds = reader.get("applies_to", list)
    if not kinds:
        raise reader.fail("applies_to", "phải có ít nhất một loại đơn vị.")
    applies_to = frozenset(
        _member(UnitKind, kind, f"{reader.where('applies_to')}[{index}]") for index, kind in enumerate(kinds)
    )
    return Indicator(
        code=reader.text("code"),
        pillar=reader.choice("pillar", Pillar),
        name=reader.text("name"),
        plan_text=reader.text("plan_text"),
        measure=measure,
        rule=_rule(_Reader(reader.get("rule", Mapping), reader.where("rule")), measure),
        applies_to=applies_to,
        veto=reader.get("veto", bool, required=False, default=False),
        input_hint=reader.text("input_hint", required=False),
        activity_fields=_activity_fields(reader, measure),
    )


ACTIVITY_FIELDS = ("subject", "channel")


def _activity_fields(reader: _Reader, measure: Measure) -> frozenset[str]:
    """Which activity fields the plan names for this indicator; only frequency counts record activities."""
    fields = reader.get("activity_fields", list, required=False, default=[])
    for index, name in enumerate(fields):
        if name not in ACTIVITY_FIELDS:
            raise CatalogError(
                f"{reader.where('activity_fields')}[{index}]: «{name}» không hợp lệ "
                f"(chọn một trong: {', '.join(ACTIVITY_FIELDS)})."
            )
    if fields and measure is not Measure.COUNT:
        raise reader.fail("activity_fields", "chỉ chỉ tiêu đếm số lần mới ghi nhận theo hoạt động.")
    return frozenset(fields)


def _weights(reader: _Reader, key: str, keys) -> dict:
    table = _Reader(reader.get(key, Mapping, required=False, default={}), reader.where(key))
    weights = {}
    for name in table.data:
        if name not in keys:
            raise table.fail(name, "mã không có trong danh mục.")
        weights[keys[name]] = table.number(name)
    return weights


def _scheme(reader: _Reader, indicator_codes: set[str]) -> Scheme:
    tiers = _Reader(reader.get("tier_thresholds", Mapping), reader.where("tier_thresholds"))
    thresholds = {tier: tiers.number(tier.name) for tier in (Tier.XUAT_SAC, Tier.TOT, Tier.HOAN_THANH)}
    if not thresholds[Tier.XUAT_SAC] >= thresholds[Tier.TOT] >= thresholds[Tier.HOAN_THANH]:
        raise reader.fail("tier_thresholds", "ngưỡng xếp loại phải giảm dần XUAT_SAC >= TOT >= HOAN_THANH.")
    quota = reader.number("excellent_quota", required=False)
    if quota is not None and quota > 1:
        raise reader.fail("excellent_quota", "tỷ lệ phải nằm trong khoảng 0 đến 1.")
    veto_cap = reader.get("veto_cap", str)
    if veto_cap not in Tier.__members__:
        raise reader.fail("veto_cap", f"«{veto_cap}» không phải là một mức xếp loại.")
    return Scheme(
        version=reader.text("version"),
        indicator_weights=_weights(reader, "indicator_weights", {code: code for code in indicator_codes}),
        pillar_weights=_weights(reader, "pillar_weights", {pillar.value: pillar for pillar in Pillar}),
        partial_credit=reader.get("partial_credit", bool),
        partial_credit_floor=reader.number("partial_credit_floor"),
        occurrence_penalty=reader.number("occurrence_penalty"),
        bonus_cap=reader.number("bonus_cap"),
        late_report_deduction=reader.number("late_report_deduction"),
        tier_thresholds=thresholds,
        veto_cap=Tier[veto_cap],
        excellent_quota=quota,
        ranking_requires_approval=reader.get("ranking_requires_approval", bool, required=False, default=False),
    )


def _period(reader: _Reader) -> Period:
    period = Period(
        code=reader.text("code"),
        name=reader.text("name"),
        kind=reader.choice("kind", PeriodKind),
        start=reader.day("start"),
        end=reader.day("end"),
        due=reader.day("due"),
        spans=tuple(reader.get("spans", list, required=False, default=[])),
    )
    if period.end < period.start:
        raise reader.fail("end", "ngày kết thúc phải sau ngày bắt đầu.")
    if period.kind.is_review and not period.spans:
        raise reader.fail("spans", "kỳ sơ kết/tổng kết phải liệt kê các kỳ năm mà nó gồm.")
    return period


def _unique(items, path: str) -> None:
    seen = set()
    for index, item in enumerate(items):
        if item.code in seen:
            raise CatalogError(f"{path}[{index}].code: mã «{item.code}» bị trùng.")
        seen.add(item.code)


def load_catalog(source: str | Path | Mapping) -> Catalog:
    """Read and validate a catalog from a JSON file path or an already parsed mapping."""
    if isinstance(source, Mapping):
        data = source
    else:
        try:
            data = json.loads(Path(source).read_text(encoding="utf-8"))
        except OSError as error:
            raise CatalogError(f"Không đọc được tệp danh mục {source}: {error.strerror}.") from None
        except json.JSONDecodeError as error:
            raise CatalogError(
                f"Tệp danh mục không phải JSON hợp lệ (dòng {error.lineno}, cột {error.colno})."
            ) from None
    root = _Reader(data, "")
    indicators = tuple(_indicator(item) for item in root.items("indicators"))
    _unique(indicators, "indicators")
    periods = tuple(_period(item) for item in root.items("periods"))
    _unique(periods, "periods")
    codes = {period.code for period in periods}
    for index, period in enumerate(periods):
        for span in period.spans:
            if span not in codes:
                raise CatalogError(f"periods[{index}].spans: kỳ «{span}» không có trong danh mục.")
    return Catalog(
        code=root.text("code"),
        title=root.text("title"),
        indicators=indicators,
        scheme=_scheme(_Reader(root.get("scheme", Mapping), "scheme"), {i.code for i in indicators}),
        periods=periods,
    )
