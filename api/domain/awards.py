"""Award rules: which form of award a collective or an individual may be proposed for, and its money.

The forms of award are data (``api/catalog/awards.json``) so that Sở Nội vụ can follow a new decree
without a code change. Eligibility is computed from the unit's ranking and tier, and always comes with
a Vietnamese reason that the screens show next to the proposal. Money follows Nghị định 98/2023/NĐ-CP:
multiplier x lương cơ sở, rounded up to the next 10,000 đồng, in exact integer arithmetic.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from fractions import Fraction
from pathlib import Path

from .appraisal import AppraisalStatus
from .periods import PeriodKind
from .ranking import RankStatus
from .schemes import Tier

# Awards are proposed each year and at the 2028 and 2030 reviews, never for a 6-month period.
OCCASION_LABELS = {
    PeriodKind.YEAR: "hằng năm",
    PeriodKind.PRELIMINARY_REVIEW: "sơ kết 03 năm",
    PeriodKind.FINAL_REVIEW: "tổng kết",
    PeriodKind.HALF_YEAR: "sơ kết 06 tháng",
}


class AwardError(ValueError):
    """A rule of the award workflow or catalog was broken; the message is Vietnamese, for users."""


class Recipient(StrEnum):
    COLLECTIVE = "collective"
    INDIVIDUAL = "individual"

    @property
    def label(self) -> str:
        return {"collective": "tập thể", "individual": "cá nhân"}[self.value]


@dataclass(frozen=True)
class AwardForm:
    code: str
    name: str
    decided_by: str
    multipliers: Mapping[Recipient, Fraction]
    occasions: frozenset[PeriodKind]
    min_tier: Tier
    max_rank: int | None
    timely: bool = False  # may be given as a timely award ("khen thưởng kịp thời"), outside the calendar


@dataclass(frozen=True)
class AwardCatalog:
    version: str
    legal_basis: str
    rounding_step: int
    forms: tuple[AwardForm, ...]

    def form(self, code: str) -> AwardForm:
        for form in self.forms:
            if form.code == code:
                return form
        raise AwardError(f"Không có hình thức khen thưởng mã {code}.")

    @property
    def occasions(self) -> frozenset[PeriodKind]:
        """The kinds of period in which some form of award is considered."""
        return frozenset().union(*(form.occasions for form in self.forms))


def default_award_catalog_path() -> Path:
    return Path(__file__).resolve().parent.parent / "catalog" / "awards.json"


def load_award_catalog(source: Path | Mapping[str, object] | None = None) -> AwardCatalog:
    """Read and validate the forms of award; a bad file fails loudly at start-up, not at proposal time."""
    if isinstance(source, Mapping):
        raw = source
    else:
        raw = json.loads(Path(source or default_award_catalog_path()).read_text("utf-8"))
    forms = []
    for item in raw["forms"]:
        if item["min_tier"] not in Tier.__members__:
            raise AwardError(f"Hình thức {item['code']}: xếp loại tối thiểu không hợp lệ {item['min_tier']}.")
        multipliers = {Recipient(key): Fraction(value) for key, value in item["multipliers"].items()}
        if not multipliers or any(value <= 0 for value in multipliers.values()):
            raise AwardError(f"Hình thức {item['code']}: hệ số tiền thưởng phải dương.")
        forms.append(
            AwardForm(
                code=item["code"],
                name=item["name"],
                decided_by=item["decided_by"],
                multipliers=multipliers,
                occasions=frozenset(PeriodKind(value) for value in item["occasions"]),
                min_tier=Tier[item["min_tier"]],
                max_rank=item.get("max_rank"),
                timely=bool(item.get("timely", False)),
            )
        )
    codes = [form.code for form in forms]
    if len(set(codes)) != len(codes):
        raise AwardError("Mã hình thức khen thưởng bị trùng.")
    return AwardCatalog(
        version=str(raw["version"]),
        legal_basis=str(raw["legal_basis"]),
        rounding_step=int(raw["rounding_step"]),
        forms=tuple(forms),
    )


def award_money(multiplier: Fraction, base_salary: int, step: int = 10_000) -> int:
    """Multiplier x base salary, rounded up to a whole ``step`` of đồng (NĐ 98/2023: lên hàng chục nghìn)."""
    if base_salary <= 0 or step <= 0:
        raise AwardError("Mức lương cơ sở và bước làm tròn phải là số dương.")
    amount = Fraction(multiplier) * base_salary
    return -(-amount // step) * step


@dataclass(frozen=True)
class Standing:
    """A unit's result in the period an award is considered for (from the ranking of its group).

    ``locked``: the period's results are final; until then every verdict is provisional.
    """

    unit_code: str
    group_name: str
    rank: int | None
    tier: Tier | None
    veto_failed: tuple[str, ...] = ()
    status: RankStatus = RankStatus.RANKED
    locked: bool = True


@dataclass(frozen=True)
class Eligibility:
    form_code: str
    recipient: Recipient
    eligible: bool
    reason: str
    provisional: bool = False  # the period is not locked: the verdict may change and nothing can be proposed

    @property
    def proposable(self) -> bool:
        return self.eligible and not self.provisional


PROVISIONAL_NOTE = " Kết quả tạm tính: kỳ chưa khóa, chỉ đề nghị khen thưởng khi kỳ đã khóa."


def eligibility(
    form: AwardForm, recipient: Recipient, occasion: PeriodKind, standing: Standing
) -> Eligibility:
    """Decide whether ``form`` may be proposed, with the reason shown to the standing body and Sở Nội vụ.

    For an individual the rule looks at the unit the person belongs to (its tier and veto indicators);
    the rank condition of a flag (Cờ thi đua) only makes sense for collectives, which alone receive it.
    A unit that is not ranked (no submitted report: docs/scoring.md, 5) is eligible for nothing, and
    only a locked period's results can be proposed (docs/domain.md, decision 6).
    """

    def result(eligible: bool, reason: str) -> Eligibility:
        provisional = not standing.locked
        return Eligibility(form.code, recipient, eligible, reason + (PROVISIONAL_NOTE if provisional else ""),
                           provisional)

    if recipient not in form.multipliers:
        return result(False, f"“{form.name}” không xét tặng cho {recipient.label}.")
    if occasion not in form.occasions:
        return result(False, f"“{form.name}” không xét trong đợt {OCCASION_LABELS[occasion]}.")
    if standing.tier is None:
        return result(False, "Đơn vị chưa có kết quả chấm điểm, xếp loại trong kỳ.")
    if not standing.status.ranked:
        return result(False, f"Đơn vị không được xếp hạng trong kỳ: {standing.status.label.lower()}.")
    if standing.veto_failed:
        codes = ", ".join(standing.veto_failed)
        return result(False, f"Không đủ điều kiện: đơn vị không đạt chỉ tiêu phủ quyết {codes}.")
    if standing.tier < form.min_tier:
        return result(
            False,
            f"Cần xếp loại “{form.min_tier.label}” trở lên; đơn vị xếp loại “{standing.tier.label}”.",
        )
    ranked_out = standing.rank is None or (form.max_rank is not None and standing.rank > form.max_rank)
    if form.max_rank is not None and recipient is Recipient.COLLECTIVE and ranked_out:
        place = "chưa được xếp hạng" if standing.rank is None else f"xếp thứ {standing.rank}"
        return result(
            False,
            f"Chỉ dành cho đơn vị xếp thứ {form.max_rank} trở lên trong {standing.group_name}; "
            f"đơn vị {place}.",
        )
    rank_text = f", xếp thứ {standing.rank} trong {standing.group_name}" if standing.rank else ""
    return result(
        True,
        f"Đủ điều kiện: xếp loại “{standing.tier.label}”{rank_text}, không có chỉ tiêu phủ quyết nào không đạt.",
    )


def timely_eligibility(form: AwardForm, recipient: Recipient) -> Eligibility:
    """A timely award (plan IV.4) rewards a deed, not a period's result: no ranking or tier is looked at,
    only whether the form may be given that way and to this kind of recipient."""
    if recipient not in form.multipliers:
        return Eligibility(form.code, recipient, False, f"“{form.name}” không xét tặng cho {recipient.label}.")
    if not form.timely:
        return Eligibility(form.code, recipient, False, f"“{form.name}” không xét khen thưởng kịp thời.")
    return Eligibility(form.code, recipient, True, "Khen thưởng kịp thời: thành tích đột xuất, xét ngoài kỳ báo cáo.")


def eligible_forms(
    catalog: AwardCatalog, recipient: Recipient, occasion: PeriodKind, standing: Standing
) -> list[Eligibility]:
    """Every form with its verdict, so a screen can show why the others are not available."""
    return [eligibility(form, recipient, occasion, standing) for form in catalog.forms]


class ProposalStatus(StrEnum):
    PROPOSED = "proposed"
    RETURNED = "returned"
    FORWARDED = "forwarded"
    APPROVED = "approved"
    REFUSED = "refused"

    @property
    def label(self) -> str:
        return {
            "proposed": "Đã đề xuất",
            "returned": "Sở Nội vụ trả lại",
            "forwarded": "Đã trình Chủ tịch UBND tỉnh",
            "approved": "Đã quyết định khen thưởng",
            "refused": "Không khen thưởng",
        }[self.value]


class ProposalAction(StrEnum):
    RETURN = "return"
    FORWARD = "forward"
    RESUBMIT = "resubmit"
    APPROVE = "approve"
    REFUSE = "refuse"


_TRANSITIONS = {
    (ProposalStatus.PROPOSED, ProposalAction.RETURN): ProposalStatus.RETURNED,
    (ProposalStatus.PROPOSED, ProposalAction.FORWARD): ProposalStatus.FORWARDED,
    (ProposalStatus.RETURNED, ProposalAction.RESUBMIT): ProposalStatus.PROPOSED,
    (ProposalStatus.FORWARDED, ProposalAction.APPROVE): ProposalStatus.APPROVED,
    (ProposalStatus.FORWARDED, ProposalAction.REFUSE): ProposalStatus.REFUSED,
}


@dataclass(frozen=True)
class Decision:
    """The Chairman's decision (Quyết định) as recorded by Sở Nội vụ."""

    number: str
    signed_on: date


def next_status(
    status: ProposalStatus,
    action: ProposalAction,
    *,
    reason: str | None = None,
    decision: Decision | None = None,
) -> ProposalStatus:
    """The workflow: the standing body proposes, Sở Nội vụ returns or forwards, the Chairman decides."""
    target = _TRANSITIONS.get((status, action))
    if target is None:
        raise AwardError(f"Không thể thực hiện thao tác này khi đề xuất ở trạng thái “{status.label}”.")
    if action is ProposalAction.RETURN and not (reason and reason.strip()):
        raise AwardError("Cần ghi rõ lý do trả lại đề xuất.")
    deciding = action in (ProposalAction.APPROVE, ProposalAction.REFUSE)
    if deciding and (decision is None or not decision.number.strip()):
        raise AwardError("Cần ghi số và ngày của quyết định.")
    return target


@dataclass(frozen=True)
class BudgetLine:
    """One line of the estimate sent to Sở Tài chính: an activity or the money of an award proposal.

    An activity line (``item_id``) carries Sở Tài chính's appraisal (``api.domain.appraisal``); award money
    is fixed by the catalog's legal rates and has none (``status`` None).
    """

    year: int
    unit_code: str
    category: str
    description: str
    amount: int
    item_id: int | None = None
    status: AppraisalStatus | None = None
    appraised_amount: int | None = None
    return_reason: str | None = None
    appraised_by: str | None = None
    appraised_at: datetime | None = None


@dataclass(frozen=True)
class BudgetTotal:
    year: int
    unit_code: str
    activities: int
    awards: int
    appraised_activities: int = 0  # what Sở Tài chính accepted of the activity lines

    @property
    def total(self) -> int:
        return self.activities + self.awards

    @property
    def appraised_total(self) -> int:
        """The appraised estimate: appraised activities plus award money at the legal rates."""
        return self.appraised_activities + self.awards


ACTIVITY = "activity"
AWARD = "award"


def summarize_budget(lines: Sequence[BudgetLine]) -> list[BudgetTotal]:
    """Totals per year and unit, split into activities and award money, with the appraised activities,
    ordered by year then unit."""
    sums: dict[tuple[int, str], list[int]] = {}
    for line in lines:
        if line.category not in (ACTIVITY, AWARD):
            raise AwardError(f"Loại khoản chi không hợp lệ: {line.category}.")
        if line.amount < 0:
            raise AwardError("Số tiền dự toán không được âm.")
        bucket = sums.setdefault((line.year, line.unit_code), [0, 0, 0])
        bucket[0 if line.category == ACTIVITY else 1] += line.amount
        if line.status is AppraisalStatus.APPRAISED:
            bucket[2] += line.appraised_amount or 0
    return [BudgetTotal(year, unit, acts, awards, appraised)
            for (year, unit), (acts, awards, appraised) in sorted(sums.items())]
