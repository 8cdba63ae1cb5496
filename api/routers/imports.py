"""Bulk import of values, units and users; value templates. Thin: each route hands the uploaded
file to its service inside the idempotent-run wrapper."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Depends, File, Header, Query, Request, UploadFile
from fastapi.responses import JSONResponse, Response
from sqlalchemy.exc import IntegrityError

from api.routers.deps import CurrentPrincipal, DbSession
from api.schemas.common import Problem, header, problem_responses
from api.schemas.imports import ImportRefused, ImportReport
from api.services import templates, transaction
from api.services.errors import PROBLEM_JSON, Conflict, problem_document
from api.services.imports import activities, directory, runs, values
from api.services.imports.report import ImportFileError
from api.services.imports.report import ImportReport as Report
from api.services.imports.tables import Encoding
from api.settings import ImportLimits

router = APIRouter(prefix="/imports", tags=["imports"])
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

Upload = Annotated[UploadFile, File(description="Tệp CSV (UTF-8, UTF-16, Windows-1258), XLSX hoặc JSON")]
DryRun = Annotated[bool, Query(description="Chỉ kiểm tra và báo cáo, không ghi gì")]
AllOrNothing = Annotated[bool, Query(description="Có lỗi thì không ghi dòng nào (mặc định)")]
TextEncoding = Annotated[
    Encoding | None,
    Query(
        description="Bảng mã của tệp CSV khi không tự xác định được: utf-8, utf-16 (Unicode text) hoặc "
        "cp1258 (Windows-1258); bỏ trống để tự xác định"
    ),
]
IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key", max_length=255, description="Gửi lại cùng khóa: nhận lại kết quả lần đầu"
    ),
]
IMPORT_RESPONSES = {
    200: {"model": ImportReport, "description": "Báo cáo nhập (đã ghi, hoặc chạy thử)", "headers": {
        "Idempotent-Replayed": header("`true` khi đây là kết quả đã lưu của lần gửi đầu cùng Idempotency-Key"),
    }},
    422: {
        # Rows refused: the report with its problems (row, column, cell); the file itself refused (type,
        # size, header): a plain problem naming it.
        "model": ImportRefused | Problem,
        "description": "Tệp bị từ chối, không ghi gì",
    },
    **problem_responses(409, 413),
}
Handler = Callable[..., Report]


def limits(request: Request) -> ImportLimits:
    return request.app.state.settings.import_limits


def _report_body(report: Report) -> dict:
    return ImportReport.model_validate(report, from_attributes=True).model_dump(mode="json")


def _answer(report: Report) -> tuple[int, dict]:
    body = _report_body(report)
    if report.dry_run or report.applied:
        return 200, body
    errors = [
        {"loc": ["file", problem.row, problem.column or ""], "message": problem.message}
        for problem in report.problems
    ]
    detail = f"Có {report.rejected} dòng không hợp lệ; không ghi dòng nào."
    return 422, problem_document(422, "Tệp nhập không hợp lệ", detail, errors) | body


def _file_error(error: ImportFileError) -> tuple[int, dict]:
    title = "Tệp quá lớn" if error.status == 413 else "Tệp nhập không hợp lệ"
    loc = ["file"] if error.row is None else ["file", error.row]
    return error.status, problem_document(
        error.status, title, error.message, [{"loc": loc, "message": error.message}]
    )


class ImportRequest:
    """What every import route takes: the caller, the file, the options and the Idempotency-Key."""

    def __init__(
        self,
        request: Request,
        session: DbSession,
        principal: CurrentPrincipal,
        file: Upload,
        dry_run: DryRun = False,
        all_or_nothing: AllOrNothing = True,
        encoding: TextEncoding = None,
        idempotency_key: IdempotencyKey = None,
    ) -> None:
        self.session, self.principal, self.upload, self.key = session, principal, file, idempotency_key
        self.limits = limits(request)
        self.options = {"dry_run": dry_run, "all_or_nothing": all_or_nothing, "encoding": encoding}

    def run(self, kind: str, handler: Handler) -> JSONResponse:
        """Record the run (committed at once, so a concurrent retry with the same key gets 409), run
        the import, store its answer with the data; replay the stored answer on a retry."""
        session, limit = self.session, self.limits
        digest = runs.request_digest(self.upload.file, kind, self.options)
        started = runs.begin(session, self.principal, kind, self.key, digest, self.upload.filename)
        if isinstance(started, runs.StoredAnswer):
            media = PROBLEM_JSON if started.status >= 400 else "application/json"
            return JSONResponse(
                started.body, started.status, headers={"Idempotent-Replayed": "true"}, media_type=media
            )
        run_id = started.id
        try:
            transaction.commit(session)
        except IntegrityError as error:
            transaction.rollback(session)
            raise Conflict("Yêu cầu với Idempotency-Key này đang được xử lý; hãy thử lại sau.") from error
        try:
            report = handler(
                session, self.principal, self.upload.file, run_id=run_id, max_bytes=limit.max_bytes,
                max_rows=limit.max_rows, problem_limit=limit.problem_limit, **self.options,
            )  # fmt: skip
            status, body = _answer(report)
        except ImportFileError as error:
            # Raised while streaming (a row over the cap, a broken CSV line): undo the rows already
            # written, so only the run's stored answer is committed.
            transaction.rollback(session)
            status, body = _file_error(error)
        except BaseException:
            transaction.rollback(session)
            runs.forget(session, run_id)
            transaction.commit(session)
            raise
        # Activation codes are shown once: the stored answer a retry replays does not hold them.
        runs.finish(session, started, status, {**body, "activation_codes": []} if "activation_codes" in body else body)
        return JSONResponse(body, status, media_type=PROBLEM_JSON if status >= 400 else "application/json")


ImportJob = Annotated[ImportRequest, Depends()]


@router.post("/values", response_model=ImportReport, responses=IMPORT_RESPONSES)
def import_values(job: ImportJob) -> JSONResponse:
    """Nhập số liệu chỉ tiêu dạng dài: mỗi dòng một đơn vị, kỳ, chỉ tiêu (mã), và các trường của
    phép đo (tử số, mẫu số, số lần, có/không, ngày) cùng ghi chú."""
    return job.run("values", values.import_values)


@router.post("/units", response_model=ImportReport, responses=IMPORT_RESPONSES)
def import_units(job: ImportJob) -> JSONResponse:
    """Nhập danh sách đơn vị: mã, tên, loại, mã đơn vị cấp trên, mã cụm/khối thi đua."""
    return job.run("units", directory.import_units)


@router.post("/users", response_model=ImportReport, responses=IMPORT_RESPONSES)
def import_users(job: ImportJob) -> JSONResponse:
    """Nhập tài khoản: tên đăng nhập, họ tên, vai trò, mã đơn vị, mật khẩu ban đầu."""
    return job.run("users", directory.import_users)


@router.post("/activities", response_model=ImportReport, responses=IMPORT_RESPONSES)
def import_activities(job: ImportJob) -> JSONResponse:
    """Nhập các hoạt động có ngày (mỗi dòng một hoạt động): mã đơn vị, kỳ, mã chỉ tiêu, ngày, nội dung,
    lĩnh vực, hình thức, minh chứng. Dòng trùng (cùng đơn vị, kỳ, chỉ tiêu, ngày, nội dung) được bỏ qua."""
    return job.run("activities", activities.import_activities)


@router.get(
    "/templates/{period}",
    response_class=Response,
    responses={200: {"content": {XLSX: {}}, "description": "Mẫu nhập số liệu XLSX"}},
)
def values_template(
    period: str,
    session: DbSession,
    principal: CurrentPrincipal,
    kind: Annotated[str, Query(description="Loại đơn vị, ví dụ commune_police")],
) -> Response:
    """Mẫu nhập số liệu XLSX cho một loại đơn vị và một kỳ, kèm số liệu hiện có; nhập lại nguyên
    trạng không thay đổi gì."""
    buffer = io.BytesIO()
    filename = templates.values_template(session, principal, period, kind, buffer)
    return Response(
        buffer.getvalue(),
        media_type=XLSX,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
