"""The HTTP-client commands of `banhat`: import, export and templates against a running server.

They talk to the server's JSON API with an API token, so they work from any machine that can reach
it: `BANHAT_URL` (default http://127.0.0.1:8000) and `BANHAT_TOKEN`, or `--url` and `--token`.
"""

from __future__ import annotations

import uuid
from enum import Enum
from pathlib import Path
from typing import Annotated, BinaryIO

import httpx
import typer
from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TransferSpeedColumn
from rich.table import Table

console = Console()
error_console = Console(stderr=True)

Url = Annotated[str, typer.Option("--url", envvar="BANHAT_URL", help="Địa chỉ máy chủ Ba Nhất.")]
Token = Annotated[str, typer.Option("--token", envvar="BANHAT_TOKEN", help="Mã truy cập API (API token).")]
Output = Annotated[Path | None, typer.Option("--output", "-o", help="Tệp ghi kết quả.")]
DEFAULT_URL = "http://127.0.0.1:8000"
TIMEOUT = httpx.Timeout(30.0, read=600.0)

import_app = typer.Typer(help="Nhập số liệu, đơn vị, tài khoản từ tệp CSV/XLSX/JSON lên máy chủ.")
export_app = typer.Typer(help="Xuất kết quả chấm điểm, xếp hạng và số liệu ra CSV/XLSX.")
template_app = typer.Typer(help="Tải mẫu nhập số liệu (XLSX).")


def client(url: str, token: str) -> httpx.Client:
    """A client that retries failed connections (not failed requests) and sends the token."""
    if not token:
        error_console.print("[red]Thiếu mã truy cập: đặt BANHAT_TOKEN hoặc dùng --token.[/red]")
        raise typer.Exit(2)
    return httpx.Client(
        base_url=url.rstrip("/") + "/api/v1",
        headers={"Authorization": f"Bearer {token}"},
        timeout=TIMEOUT,
        transport=httpx.HTTPTransport(retries=3),
    )


class _ProgressReader:
    """A file whose reads advance a Rich progress bar: httpx reads uploads in chunks through it."""

    def __init__(self, file: BinaryIO, progress: Progress, task: int) -> None:
        self._file, self._progress, self._task = file, progress, task

    def read(self, size: int = -1) -> bytes:
        chunk = self._file.read(size)
        self._progress.advance(self._task, len(chunk))
        return chunk


def _transfer_progress() -> Progress:
    return Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        DownloadColumn(),
        TransferSpeedColumn(),
        console=error_console,
        transient=True,
    )


def _upload(url: str, token: str, path: str, file: Path, params: dict[str, str], key: str) -> httpx.Response:
    with client(url, token) as http, _transfer_progress() as progress, file.open("rb") as handle:
        task = progress.add_task(f"Gửi {file.name}", total=file.stat().st_size)
        reader = _ProgressReader(handle, progress, task)
        return http.post(
            path,
            params=params,
            files={"file": (file.name, reader, "application/octet-stream")},
            headers={"Idempotency-Key": key},
        )


def _show_report(response: httpx.Response) -> None:
    if response.status_code >= 400 and "problems" not in response.text:
        _fail(response)
    report = response.json()
    summary = Table(title="Kết quả nhập", show_header=False)
    for label, field in (
        ("Số dòng", "rows"),
        ("Tạo mới", "created"),
        ("Cập nhật", "updated"),
        ("Không đổi", "unchanged"),
        ("Bị từ chối", "rejected"),
        ("Dòng trống, bỏ qua", "skipped_empty"),
    ):
        summary.add_row(label, str(report.get(field, 0)))
    state = (
        "Chạy thử, không ghi dữ liệu"
        if report.get("dry_run")
        else "Đã ghi"
        if report.get("applied")
        else "Không ghi"
    )
    summary.add_row("Trạng thái", state)
    console.print(summary)
    problems = report.get("problems") or []
    if problems:
        table = Table(title="Lỗi")
        for column in ("Dòng", "Cột", "Ô", "Nội dung"):
            table.add_column(column)
        for problem in problems:
            table.add_row(
                str(problem["row"]),
                problem.get("column") or "",
                problem.get("cell") or "",
                problem["message"],
            )
        console.print(table)
        if report.get("problems_omitted"):
            console.print(f"… và {report['problems_omitted']} lỗi khác.")
    if response.status_code >= 400 or report.get("rejected"):
        raise typer.Exit(1)


def _fail(response: httpx.Response) -> None:
    try:
        body = response.json()
        detail = body.get("detail") or body.get("title")
    except ValueError:
        detail = response.text[:500]
    error_console.print(f"[red]Lỗi {response.status_code}: {detail}[/red]")
    raise typer.Exit(1)


def _import(
    kind: str,
    file: Path,
    dry_run: bool,
    partial: bool,
    key: str | None,
    url: str,
    token: str,
    encoding: CsvEncoding | None = None,
) -> None:
    params = {"dry_run": str(dry_run).lower(), "all_or_nothing": str(not partial).lower()}
    if encoding:
        params["encoding"] = encoding.value
    _show_report(_upload(url, token, f"/imports/{kind}", file, params, key or str(uuid.uuid4())))


FileArgument = Annotated[
    Path, typer.Argument(exists=True, dir_okay=False, readable=True, help="Tệp CSV, XLSX hoặc JSON.")
]
DryRun = Annotated[bool, typer.Option("--dry-run", help="Chỉ kiểm tra, không ghi dữ liệu.")]
Partial = Annotated[bool, typer.Option("--partial", help="Ghi các dòng hợp lệ, bỏ qua dòng lỗi.")]
class CsvEncoding(str, Enum):  # the server's `encoding` parameter (docs/import.md)
    UTF8 = "utf-8"
    UTF16 = "utf-16"
    CP1258 = "cp1258"


Encoding = Annotated[
    CsvEncoding | None,
    typer.Option(
        "--encoding", help="Bảng mã của tệp CSV khi máy chủ không tự xác định được (cp1258: Windows-1258)."
    ),
]
Key = Annotated[
    str | None,
    typer.Option(
        "--key", help="Idempotency-Key: gửi lại cùng khóa sẽ nhận lại kết quả lần đầu, không ghi lần hai."
    ),
]


IMPORT_COMMANDS = {
    "values": "Nhập số liệu chỉ tiêu (đơn vị, kỳ, chỉ tiêu, tử số, mẫu số, số lần, có/không, ngày, ghi chú).",
    "units": "Nhập danh sách đơn vị (mã, tên, loại, đơn vị cấp trên, cụm/khối thi đua).",
    "users": "Nhập tài khoản người dùng (tên đăng nhập, họ tên, vai trò, đơn vị).",
    "activities": "Nhập các hoạt động có ngày (đơn vị, kỳ, chỉ tiêu, ngày, nội dung, lĩnh vực, hình thức).",
}


def _add_import_command(kind: str, summary: str) -> None:
    """One `banhat-client import <kind>` command per import route of the server: the same options for all."""

    def command(
        file: FileArgument,
        dry_run: DryRun = False,
        partial: Partial = False,
        key: Key = None,
        encoding: Encoding = None,
        url: Url = DEFAULT_URL,
        token: Token = "",
    ) -> None:
        _import(kind, file, dry_run, partial, key, url, token, encoding)

    command.__doc__ = summary
    import_app.command(kind)(command)


for _kind, _summary in IMPORT_COMMANDS.items():
    _add_import_command(_kind, _summary)


def _download(url: str, token: str, path: str, params: dict[str, str], output: Path | None) -> None:
    with client(url, token) as http, http.stream("GET", path, params=params) as response:
        if response.status_code >= 400:
            response.read()
            _fail(response)
        target = output or Path(_filename(response) or Path(path).name)
        total = int(response.headers["Content-Length"]) if "Content-Length" in response.headers else None
        with _transfer_progress() as progress, target.open("wb") as handle:
            task = progress.add_task(f"Tải {target.name}", total=total)
            for chunk in response.iter_bytes():
                handle.write(chunk)
                progress.advance(task, len(chunk))
    console.print(f"Đã lưu {target}")


def _filename(response: httpx.Response) -> str | None:
    disposition = response.headers.get("Content-Disposition", "")
    for part in disposition.split(";"):
        name, _, value = part.strip().partition("=")
        if name == "filename":
            return Path(value.strip('"')).name
    return None


Period = Annotated[str, typer.Option("--period", "-p", help="Mã kỳ báo cáo, ví dụ 2026-H1.")]
Format = Annotated[str, typer.Option("--format", "-f", help="csv hoặc xlsx.")]


@export_app.command("scores")
def export_scores(
    period: Period,
    format: Format = "xlsx",
    explained: Annotated[bool, typer.Option("--explained", help="Điểm chi tiết từng chỉ tiêu.")] = False,
    group: Annotated[str | None, typer.Option("--group", help="Mã cụm/khối thi đua.")] = None,
    output: Output = None,
    url: Url = DEFAULT_URL,
    token: Token = "",
) -> None:
    """Xuất bảng xếp hạng (hoặc điểm chi tiết) của một kỳ."""
    params = {"format": format} | ({"group": group} if group else {})
    path = f"/exports/{period}/{'explained' if explained else 'scores'}"
    _download(url, token, path, params, output)


@export_app.command("values")
def export_values(
    period: Period,
    format: Format = "csv",
    output: Output = None,
    url: Url = DEFAULT_URL,
    token: Token = "",
) -> None:
    """Xuất số liệu đã nhập của một kỳ (cùng định dạng với tệp nhập)."""
    _download(url, token, f"/exports/{period}/values", {"format": format}, output)


@template_app.command("values")
def template_values(
    period: Period,
    kind: Annotated[str, typer.Option("--kind", "-k", help="Loại đơn vị, ví dụ commune_police.")],
    output: Output = None,
    url: Url = DEFAULT_URL,
    token: Token = "",
) -> None:
    """Tải mẫu nhập số liệu XLSX của một loại đơn vị cho một kỳ, kèm số liệu hiện có."""
    _download(url, token, f"/imports/templates/{period}", {"kind": kind}, output)
