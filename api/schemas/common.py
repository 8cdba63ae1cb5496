"""Shapes shared by every resource: problems, pages, filters."""

from datetime import date
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from api.domain import text
from api.domain.search import (
    AuditSort,
    BonusSort,
    ExemplarSort,
    InspectionSort,
    ModelSort,
    NarrativeSort,
    NominationSort,
    ProposalSort,
    SubmissionSort,
    UnitSort,
    UserSort,
)
from api.schemas.enums import ModelKind, Permission, Role, TimelinessStatus, UnitKind

# Dates people enter (periods, inspections, decisions) lie within the movement's working horizon: a year
# 9999 or 0001 is a typing error, refused with 422 naming the field before it reaches any computation.
EARLIEST_DATE, LATEST_DATE = date(2000, 1, 1), date(2100, 12, 31)
InputDate = Annotated[date, Field(ge=EARLIEST_DATE, le=LATEST_DATE)]
# Page numbers of every list: page x page size stays far inside the databases' integers (no overflow
# into a 500 on a huge page number), and no list of the application has that many pages.
MAX_PAGE = 100_000


def normalized_code(value: object) -> object:
    """A code of a filter in its one spelling (``api.domain.text.code``): "cax" is CAX."""
    return text.code(value) if isinstance(value, str) else value


# Filters of a list (docs/api.md, "Conventions"): a code in any case; a closed set is an enum in any case
# (422 outside it); an unknown code is 404 naming it.
CodeFilter = Annotated[str | None, BeforeValidator(normalized_code),
                       Field(description="Mã, không phân biệt hoa thường; mã không tồn tại: 404")]
# A search of a list: case and diacritics ignored on both engines (api/domain/search.py).
SearchText = Annotated[str | None, Field(max_length=200, description=(
    "Tìm theo tên hoặc mã, không phân biệt hoa thường và dấu (\"pho hien\" tìm thấy \"Phố Hiến\")"))]
# The audit log's search: an account, a record's key or an action (its code or Vietnamese name), in any case.
AuditSearchText = Annotated[str | None, Field(max_length=200, description=(
    "Tìm theo tài khoản, mã bản ghi (mã đơn vị, tên đăng nhập...) hoặc thao tác (mã hay tên tiếng Việt, "
    "\"cap nhat thu dien tu\" tìm thấy \"Cập nhật thư điện tử đơn vị\"), không phân biệt hoa thường và dấu"))]
# The order of a list: one of its enum's values (a field, "-" in front for descending); 422 outside it.
_SORT = Field(description="Thứ tự: tên trường, thêm \"-\" phía trước để xếp giảm dần")
SubmissionSortQuery = Annotated[SubmissionSort | None, _SORT]
UserSortQuery = Annotated[UserSort | None, _SORT]
UnitSortQuery = Annotated[UnitSort | None, _SORT]
InspectionSortQuery = Annotated[InspectionSort | None, _SORT]
AuditSortQuery = Annotated[AuditSort | None, _SORT]
ProposalSortQuery = Annotated[ProposalSort | None, _SORT]
NominationSortQuery = Annotated[NominationSort | None, _SORT]
BonusSortQuery = Annotated[BonusSort | None, _SORT]
ModelSortQuery = Annotated[ModelSort | None, _SORT]
ExemplarSortQuery = Annotated[ExemplarSort | None, _SORT]
NarrativeSortQuery = Annotated[NarrativeSort | None, _SORT]
RoleFilter = Annotated[Role | None, Field(description="Chỉ các tài khoản có vai trò này")]
ActiveFilter = Annotated[bool | None, Field(description="true: tài khoản đang hoạt động; false: đã khóa")]
TimelinessFilter = Annotated[TimelinessStatus | None, Field(description="Chỉ các đơn vị ở tình trạng báo cáo này")]
_LOWER = BeforeValidator(lambda value: value.lower() if isinstance(value, str) else value)
KindFilter = Annotated[UnitKind | None, _LOWER, Field(description="Loại đơn vị, không phân biệt hoa thường")]
ModelKindFilter = Annotated[ModelKind | None, _LOWER, Field(description="Loại mô hình, không phân biệt hoa thường")]


class InputModel(BaseModel):
    """A request body: unknown fields are refused, so nobody can post read-only ones (status, unit, scores)."""

    model_config = ConfigDict(extra="forbid")


class ProblemError(BaseModel):
    loc: list[str | int] = Field(description="Where the invalid value is: `body`, `query`, `path` or `header`, "
                                             "then the field names and list positions, e.g. `[\"body\", \"values\", 0, \"count\"]`")
    message: str = Field(description="What is wrong, in Vietnamese")


class Problem(BaseModel):
    """RFC 9457 problem details, with the invalid fields listed in ``errors``."""

    type: str = Field("about:blank", description="Always `about:blank`: the status says what kind of problem")
    title: str = Field(description="The status in Vietnamese (`Không có quyền`)")
    status: int = Field(description="The HTTP status code, repeated")
    detail: str | None = Field(None, description="What happened and what to do, in Vietnamese")
    errors: list[ProblemError] = Field([], description="Each invalid field (422)")
    required_scope: Permission | None = Field(
        None, description="403: the permission that was missing; for an API token, the scope to add (`GET /api/v1/tokens/scopes`)"
    )


def problem_responses(*statuses: int) -> dict[int | str, dict]:
    """Statuses a route answers beyond those the contract derives from its shape (api/routers/contract.py):
    409 wrong state, 412/428 versions, 413/415 files, 429 throttling. Their body is a :class:`Problem`."""
    return {status: {"description": "Lỗi"} for status in statuses}


def header(description: str, schema: dict | None = None) -> dict:
    """A response header in the contract (``responses={200: {"headers": ...}}``)."""
    return {"description": description, "schema": schema or {"type": "string"}}


ETAG = {"ETag": header("Phiên bản của tài nguyên; gửi lại trong `If-None-Match` (304) hoặc `If-Match`")}
PAGE_HEADERS = {
    "Link": header('Trang kế tiếp và trang trước: `<url>; rel="next"`, `<url>; rel="prev"`'),
    "X-Total-Count": header("Tổng số mục của mọi trang", {"type": "integer"}),
}
ATTACHMENT = {"Content-Disposition": header('Tên tệp tải về: `attachment; filename="..."`')}
