"""The movement's run-time settings: the base salary award money is computed from, and public hotlines."""

from sqlalchemy.orm import Session

from api import clock
from api.db.movement_setting_models import MovementSetting
from api.db.repositories import audit, rows
from api.db.repositories import movement_settings as repo
from api.services.access import Principal
from api.services.errors import Invalid, NotFound


def _setting(session: Session, key: str) -> dict:
    row = repo.setting(session, key)
    if row is None:
        raise NotFound(f"Chưa có thiết lập {key}.")
    return row.value


def base_salary(session: Session) -> int:
    return int(_setting(session, "base_salary")["amount"])


def salary_basis(session: Session) -> str:
    """The text fixing the base salary (e.g. "Nghị định 73/2024/NĐ-CP")."""
    return str(_setting(session, "base_salary").get("legal_basis", ""))


def hotlines(session: Session) -> list[dict]:
    return list(_setting(session, "hotlines")["items"])


def update_settings(session: Session, principal: Principal, *, salary: int | None, legal_basis: str | None,
                    lines: list[dict] | None) -> None:
    """Sets what is given and keeps the rest: a new amount keeps its legal basis unless one is given too."""
    principal.require("awards:write")
    changes = {}
    if salary is not None and salary <= 0:
        raise Invalid("Mức lương cơ sở phải là số dương.")
    if salary is not None or legal_basis is not None:
        changes["base_salary"] = {"amount": base_salary(session) if salary is None else salary,
                                  "legal_basis": salary_basis(session) if legal_basis is None else legal_basis}
    if lines is not None:
        changes["hotlines"] = {"items": lines}
    for key, value in changes.items():
        row = repo.setting(session, key)
        before = None if row is None else row.value
        if row is None:
            rows.add(session, MovementSetting(key=key, value=value, updated_at=clock.now(),
                                              updated_by=principal.username))
        else:
            row.value, row.updated_at, row.updated_by = value, clock.now(), principal.username
        audit.record(session, actor=principal.username, action="settings.update", entity="setting",
                     entity_key=key, before=before, after=value)
    session.flush()
