"""The audit log as the API shows it (read only)."""

from datetime import datetime
from typing import Any

from pydantic import BaseModel, computed_field

from api.domain.audit import action_name, entity_name


class AuditEntryOut(BaseModel):
    id: int
    at: datetime
    actor: str
    client_address: str | None
    action: str
    entity: str
    entity_key: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    reason: str | None

    @computed_field(description="Tên thao tác bằng tiếng Việt (mã thao tác khi chưa có tên)")
    @property
    def action_label(self) -> str:
        return action_name(self.action)

    @computed_field(description="Tên loại bản ghi bằng tiếng Việt (mã loại khi chưa có tên)")
    @property
    def entity_label(self) -> str:
        return entity_name(self.entity)


class AuditEntityOut(BaseModel):
    """A kind of record the audit log holds, to filter it by."""

    entity: str
    label: str
