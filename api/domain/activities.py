"""Dated activities of the frequency indicators, and the whole windows of a period they must fill.

The plan's cadences ("ít nhất 01 lượt/tuần", "01 hoạt động ... mỗi quý", "theo tháng, quý") mean every
whole window of the period, not a period total (docs/domain.md, decisions after the first release, 1):
a unit records each activity with its date, and a window is met when it holds the required number.
Subjects and channels are the plan's own lists (II.3): "An ninh trật tự, phòng cháy chữa cháy, giao
thông, an toàn mạng, đất đai, môi trường, trẻ em" and "Trực tiếp, trực tuyến, truyền hình, loa truyền
thanh, tờ rơi, mạng xã hội"; SN-06 adds "phòng chống tội phạm, cải cách hành chính, phòng chống tham
nhũng, tiêu cực" (III.2).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from .indicators import Indicator, RuleKind
from .periods import Period
from .text import forbidden_character
from .text import message as text_message
from .values import FieldError, parse_date

DESCRIPTION_MAX = 500
EVIDENCE_MAX = 500


class Subject(StrEnum):
    PUBLIC_ORDER = "public_order"
    FIRE_SAFETY = "fire_safety"
    TRAFFIC = "traffic"
    CYBER_SAFETY = "cyber_safety"
    LAND = "land"
    ENVIRONMENT = "environment"
    CHILDREN = "children"
    CRIME_PREVENTION = "crime_prevention"
    ADMINISTRATIVE_REFORM = "administrative_reform"
    ANTI_CORRUPTION = "anti_corruption"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _SUBJECT_LABELS[self]


_SUBJECT_LABELS = {
    Subject.PUBLIC_ORDER: "An ninh, trật tự",
    Subject.FIRE_SAFETY: "Phòng cháy, chữa cháy",
    Subject.TRAFFIC: "Giao thông",
    Subject.CYBER_SAFETY: "An toàn mạng",
    Subject.LAND: "Đất đai",
    Subject.ENVIRONMENT: "Môi trường",
    Subject.CHILDREN: "Trẻ em",
    Subject.CRIME_PREVENTION: "Phòng chống tội phạm",
    Subject.ADMINISTRATIVE_REFORM: "Cải cách hành chính",
    Subject.ANTI_CORRUPTION: "Phòng chống tham nhũng, tiêu cực",
    Subject.OTHER: "Khác",
}


class Channel(StrEnum):
    IN_PERSON = "in_person"
    ONLINE = "online"
    TELEVISION = "television"
    LOUDSPEAKER = "loudspeaker"
    LEAFLET = "leaflet"
    SOCIAL_MEDIA = "social_media"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _CHANNEL_LABELS[self]


_CHANNEL_LABELS = {
    Channel.IN_PERSON: "Trực tiếp",
    Channel.ONLINE: "Trực tuyến",
    Channel.TELEVISION: "Truyền hình",
    Channel.LOUDSPEAKER: "Loa truyền thanh",
    Channel.LEAFLET: "Tờ rơi",
    Channel.SOCIAL_MEDIA: "Mạng xã hội",
    Channel.OTHER: "Khác",
}

ACTIVITY_FIELD_LABELS = {
    "date": "Ngày",
    "description": "Nội dung",
    "subject": "Lĩnh vực",
    "channel": "Hình thức",
    "evidence": "Minh chứng",
}


@dataclass(frozen=True, slots=True)
class Activity:
    """One dated activity of a frequency indicator (a contact, a plan, a campaign, a charity event)."""

    day: date
    description: str
    subject: Subject | None = None
    channel: Channel | None = None
    evidence: str = ""  # a document number or a link; files attach to the indicator's value


def records_activities(indicator: Indicator) -> bool:
    """Frequency indicators are recorded as dated activities."""
    return indicator.rule.kind is RuleKind.FREQUENCY


def _text(raw: object, field: str, limit: int, errors: list[FieldError], *, required: bool) -> str:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        if required:
            errors.append(FieldError(field, f"Thiếu {ACTIVITY_FIELD_LABELS[field].lower()}."))
        return ""
    if not isinstance(raw, str):
        errors.append(FieldError(field, f"{ACTIVITY_FIELD_LABELS[field]} phải là văn bản."))
        return ""
    text = raw.strip()
    code = forbidden_character(text)
    if code:
        errors.append(FieldError(field, text_message(code)))
    elif len(text) > limit:
        errors.append(FieldError(field, f"{ACTIVITY_FIELD_LABELS[field]} dài quá {limit} ký tự."))
    return text


def _choice(enum, raw: object, field: str, errors: list[FieldError], *, required: bool):
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        if required:
            errors.append(FieldError(field, f"Chỉ tiêu này cần ghi {ACTIVITY_FIELD_LABELS[field].lower()}."))
        return None
    text = str(raw).strip()
    for member in enum:
        if text.lower() in (member.value, member.label.lower()):
            return member
    allowed = "; ".join(member.label for member in enum)
    errors.append(FieldError(field, f"{ACTIVITY_FIELD_LABELS[field]} «{text}» không hợp lệ (chọn: {allowed})."))
    return None


def validate_activity(
    indicator: Indicator, period: Period, raw: Mapping[str, object]
) -> tuple[Activity | None, list[FieldError]]:
    """Check one activity for ``indicator`` in ``period``; errors name the field, nothing is raised.

    The day must lie in the period's window. Subject and channel are required where the catalog says the
    plan names them (``activity_fields`` of the indicator), and accepted from the plan's lists elsewhere.
    """
    errors: list[FieldError] = []
    if not records_activities(indicator):
        return None, [FieldError("indicator", f"Chỉ tiêu {indicator.code} không ghi nhận theo hoạt động.")]
    day = None
    if raw.get("date") in (None, ""):
        errors.append(FieldError("date", "Thiếu ngày."))
    else:
        day, error = parse_date(raw.get("date"))
        if error:
            errors.append(error)
        elif not period.contains(day):
            errors.append(FieldError(
                "date", f"Ngày {day:%d/%m/%Y} nằm ngoài kỳ báo cáo ({period.start:%d/%m/%Y}–{period.end:%d/%m/%Y})."
            ))
    description = _text(raw.get("description"), "description", DESCRIPTION_MAX, errors, required=True)
    evidence = _text(raw.get("evidence"), "evidence", EVIDENCE_MAX, errors, required=False)
    subject = _choice(Subject, raw.get("subject"), "subject", errors,
                      required="subject" in indicator.activity_fields)
    channel = _choice(Channel, raw.get("channel"), "channel", errors,
                      required="channel" in indicator.activity_fields)
    if errors:
        return None, errors
    return Activity(day, description, subject, channel, evidence), []
