"""The movement's run-time settings (base salary, public hotlines)."""

from sqlalchemy.orm import Session

from api.db.movement_setting_models import MovementSetting


def setting(session: Session, key: str) -> MovementSetting | None:
    return session.get(MovementSetting, key)
