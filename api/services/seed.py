"""Seed data: the catalog, scheme and periods from the domain's file; optionally a demo province.

Everything is idempotent: rows that exist (by code or username) are left as they are.
"""

import random
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy.orm import Session

from api.db.models import EmulationGroup, Submission, SubmissionValue, Unit
from api.db.nomination_models import Narrative
from api.db.plan_models import Activity
from api.db.repositories import catalog as catalog_repo
from api.db.repositories import nominations as nominations_repo
from api.db.repositories import submissions as submissions_repo
from api.db.repositories import units as units_repo
from api.db.repositories import users as users_repo
from api.domain import Indicator, Measure, RuleKind, UnitKind, default_catalog_path
from api.services import accounts, catalog, scoring
from api.services.demo_units import DEPARTMENTS, GROUPS, POLICE_DEPARTMENTS, communes
from api.services.security import hash_password

DEMO_PASSWORD = "BaNhat@2026"
DEMO_PERIOD = "2026-H1"
# (username, full name, role, unit code)
DEMO_ACCOUNTS = (
    ("admin", "Quản trị hệ thống", "admin", None),
    ("reviewer", "Cán bộ Cơ quan Thường trực (Công an tỉnh)", "reviewer", "CAT"),
    ("leader", "Lãnh đạo UBND tỉnh", "leader", "UBND-T"),
    ("noivu", "Cán bộ Sở Nội vụ", "home_affairs", "SBN-02"),
    ("taichinh", "Cán bộ Sở Tài chính", "finance", "SBN-03"),
    ("vpubnd", "Cán bộ Văn phòng UBND tỉnh", "province_office", "SBN-01"),
    ("baocao.cax", "Cán bộ báo cáo Công an phường Phố Hiến", "reporter", "CAX-001"),
    ("baocao.xa", "Cán bộ báo cáo UBND phường Phố Hiến", "reporter", "UBX-001"),
    ("kiemtra.xa", "Cán bộ kiểm tra UBND phường Phố Hiến", "inspector", "UBX-001"),
    ("hethong", "Hệ thống tổng hợp của tỉnh (API)", "api_client", None),
)


# Later versions of the default catalog, each a file made as the scheme editor makes a version
# (docs/scoring.md, "Scheme versions") and the first period it scores; a database seeded before a version
# existed gets it from its data migration (17 for 2027.1).
LATER_VERSIONS = (("ba-nhat-2027.json", "2027-H1"),)


def seed_catalog(session: Session, path: Path | None = None) -> dict:
    version, scheme, created = catalog.load_file(session, path or default_catalog_path())
    summary = {"catalog": version.version, "scheme": scheme.code, "periods_created": created, "versions_loaded": []}
    if path is None:
        for name, from_period in LATER_VERSIONS:
            loaded = catalog.load_version_file(session, default_catalog_path().with_name(name), from_period)
            if loaded is not None:
                summary["versions_loaded"].append(loaded.code)
    return summary


def _unit(session: Session, code: str, name: str, kind: str, parent: Unit | None, group: EmulationGroup | None) -> Unit:
    return units_repo.by_code(session, code) or units_repo.add(session, Unit(
        code=code, name=name, kind=kind, parent_id=parent.id if parent else None,
        group_id=group.id if group else None, active=True,
    ))


def seed_demo_units(session: Session) -> int:
    groups = {}
    for code, name in GROUPS:
        groups[code] = units_repo.group_by_code(session, code) or units_repo.add(session, EmulationGroup(code=code, name=name))
    province = _unit(session, "UBND-T", "Ủy ban nhân dân tỉnh Hưng Yên", "province", None, None)
    police = _unit(session, "CAT", "Công an tỉnh Hưng Yên", "police_province", province, None)
    created = [province, police]
    for index, name in enumerate(DEPARTMENTS, 1):
        created.append(_unit(session, f"SBN-{index:02d}", name, "department", province, groups["SBN"]))
    for index, name in enumerate(POLICE_DEPARTMENTS, 1):
        created.append(_unit(session, f"PCA-{index:02d}", name, "police_department", police, groups["PCA"]))
    for index, (word, name) in enumerate(communes(), 1):
        commune_police = _unit(session, f"CAX-{index:03d}", f"Công an {word} {name}", "commune_police", police,
                               groups["CAX"])
        committee = _unit(session, f"UBX-{index:03d}", f"UBND {word} {name}", "commune", province, groups["UBX"])
        if commune_police.overseer_id is None:  # the commune's committee oversees (and inspects) its police
            commune_police.overseer_id = committee.id
        created += [commune_police, committee]
    return len(created)


def seed_demo_accounts(session: Session) -> list[str]:
    # The demo accounts share the published demo password, so it is hashed once, not once per account: an
    # argon2 hash costs about 0.2 s, and every end-to-end server is seeded anew.
    password_hash = hash_password(DEMO_PASSWORD)
    new = [accounts.NewUser(username, full_name, role, units_repo.by_code(session, unit_code) if unit_code else None,
                            password_hash)
           for username, full_name, role, unit_code in DEMO_ACCOUNTS if users_repo.by_username(session, username) is None]
    accounts.add_users(session, "cli", new)
    return [row.username for row in new]


def demo_value(indicator: Indicator, rng: random.Random, good: bool) -> SubmissionValue:
    """A plausible value: mostly meeting the rule, sometimes (or when ``good`` is False) not."""
    rule = indicator.rule
    meets = good and rng.random() < 0.9
    value = SubmissionValue(indicator_code=indicator.code)
    if indicator.measure is Measure.RATIO:
        denominator = rng.randint(12, 80)
        value.denominator = denominator
        if rule.kind is RuleKind.ZERO_OR_LOWER:
            value.numerator = 0 if meets else rng.randint(1, 2)
        else:
            value.numerator = denominator if meets else denominator - rng.randint(1, max(1, denominator // 4))
    elif indicator.measure is Measure.COUNT:
        if rule.kind is RuleKind.FREQUENCY:
            value.count = rule.count * 30 if meets else 0
        else:
            value.count = 0 if meets else rng.randint(1, 2)
    elif indicator.measure is Measure.FLAG:
        value.flag = meets
    else:
        deadline = rule.deadline or date(2026, 5, 5)
        value.date_value = deadline - timedelta(days=rng.randint(1, 20)) if meets else deadline + timedelta(days=3)
    return value


def _days(first: date, *offsets: int) -> list[date]:
    return [first + timedelta(days=offset) for offset in offsets]


_H1 = date(2026, 1, 1)
# Reports that pass GD-03 ("ít nhất 01 lượt/tuần") or GD-08 ("01 hoạt động ... mỗi quý") by their total
# but not window by window (docs/scoring.md, "Cadences"): the explanation lists the windows missed.
# unit -> indicator -> (description, days)
DEMO_ACTIVITIES = {
    "CAX-011": {  # 25 contacts, all in the week of 26/02-04/03: 1 of 25 weeks; charity in Q1 only: 1 of 2
        "GD-03": ("Tiếp xúc Nhân dân tại khu dân cư", _days(date(2026, 2, 26), *(i % 7 for i in range(25)))),
        "GD-08": ("Thăm, tặng quà gia đình chính sách", _days(_H1, 19, 61)),
    },
    "CAX-012": {  # 26 contacts, two a week in the first 13 weeks and none after: 13 of 25 weeks
        "GD-03": ("Đối thoại với Nhân dân tại nhà văn hóa", _days(_H1, *(7 * w + d for w in range(13) for d in (1, 4)))),
    },
    "CAX-018": {  # one contact every week: met; three charity events, all in Q2: 1 of 2
        "GD-03": ("Tiếp công dân định kỳ", _days(_H1, *(7 * w + 2 for w in range(25)))),
        "GD-08": ("Hỗ trợ hộ nghèo khắc phục hậu quả mưa bão", _days(date(2026, 4, 1), 6, 34, 62)),
    },
    "PCA-05": {  # two charity events in Q1: 1 of 2 quarters
        "GD-08": ("Hiến máu tình nguyện, tặng quà trẻ em mồ côi", _days(_H1, 40, 70)),
    },
}


def _demo_activities(session: Session, submission: Submission, unit_code: str, at: datetime) -> None:
    for indicator_code, (description, days) in DEMO_ACTIVITIES.get(unit_code, {}).items():
        session.add_all(Activity(submission_id=submission.id, indicator_code=indicator_code, day=day,
                                 description=f"{description} ({day:%d/%m})", recorded_by="admin", recorded_at=at)
                        for day in days)


def seed_demo_submissions(session: Session) -> int:
    """Half-fill 2026-H1: approved, on time, late, returned, drafts and missing reports; a few record
    dated activities that pass by total but fail by window (``DEMO_ACTIVITIES``)."""
    period = catalog_repo.period_by_code(session, DEMO_PERIOD)
    if period is None:
        return 0
    catalog_obj, _context = catalog.scoring_context(session, period)
    due_noon = datetime.combine(period.due, datetime.min.time(), tzinfo=UTC) + timedelta(hours=3)
    made = 0
    for unit in sorted(units_repo.scored_units(session), key=lambda u: u.code):
        if submissions_repo.find(session, period.id, unit.id) is not None:
            continue
        rng = random.Random(unit.code)
        bucket = rng.randrange(10)  # 0-2 approved, 3-4 submitted, 5 late, 6 returned, 7-8 draft, 9 missing
        if bucket == 9:
            continue
        submitted_at = due_noon - timedelta(days=rng.randint(1, 15)) if bucket != 5 else due_noon + timedelta(days=4)
        status = ("approved" if bucket <= 2 else "submitted" if bucket <= 5 else "returned" if bucket == 6 else "draft")
        submission = submissions_repo.add(session, Submission(
            period_id=period.id, unit_id=unit.id, status=status, version=1, updated_at=submitted_at,
            first_submitted_at=submitted_at if status != "draft" else None,
            submitted_at=submitted_at if status != "draft" else None,
            approved_at=submitted_at + timedelta(days=2) if status == "approved" else None,
            return_reason="Thiếu minh chứng cho chỉ tiêu GD-02." if status == "returned" else None,
        ))
        indicators = catalog_obj.for_kind(UnitKind(unit.kind))
        filled = indicators if status != "draft" else indicators[: len(indicators) // 2]
        good = rng.random() < 0.85
        for indicator in filled:
            value = demo_value(indicator, rng, good)
            value.submission_id = submission.id
            session.add(value)
        _demo_activities(session, submission, unit.code, submitted_at)
        made += 1
    session.flush()
    return made


# Narratives of 2026-H1, so that the consolidated report's "Khó khăn, vướng mắc" and "Đề xuất, kiến nghị"
# have something to gather: (unit, difficulties, proposals).
DEMO_NARRATIVES = (
    ("CAX-002", "Địa bàn rộng, lực lượng mỏng; 02 tổ an ninh tự quản chưa có kinh phí hoạt động.",
     "Đề nghị UBND phường bố trí kinh phí cho tổ an ninh tự quản."),
    ("UBX-002", "Hệ thống camera an ninh ở các khu dân cư chưa kết nối được với Công an phường.",
     "Đề nghị Sở Khoa học và Công nghệ hướng dẫn kết nối camera an ninh."),
    ("SBN-03", "Chưa có hướng dẫn lập dự toán kinh phí khen thưởng theo phong trào.",
     "Đề nghị Công an tỉnh thống nhất mẫu hồ sơ đề nghị khen thưởng."),
)


def seed_demo_narratives(session: Session) -> int:
    period = catalog_repo.period_by_code(session, DEMO_PERIOD)
    made = 0
    for code, difficulties, proposals in DEMO_NARRATIVES if period else ():
        unit = units_repo.by_code(session, code)
        if unit is None or nominations_repo.narrative(session, period.id, unit.id) is not None:
            continue
        session.add(Narrative(period_id=period.id, unit_id=unit.id, achievements="", models="",
                              difficulties=difficulties, proposals=proposals, updated_by="seed",
                              updated_at=datetime.combine(period.due, datetime.min.time(), tzinfo=UTC)))
        made += 1
    session.flush()
    return made


def seed(session: Session, *, demo: bool, catalog_path: Path | None = None) -> dict:
    summary = seed_catalog(session, catalog_path)
    if demo:
        summary["units"] = seed_demo_units(session)
        summary["accounts_created"] = seed_demo_accounts(session)
        summary["submissions_created"] = seed_demo_submissions(session)
        summary["narratives_created"] = seed_demo_narratives(session)
    # Review periods average the annual totals, so they come last.
    for period in sorted(catalog_repo.periods(session), key=lambda p: bool(p.spans)):
        if period.status == "open":
            scoring.recompute_period(session, period)
    return summary
