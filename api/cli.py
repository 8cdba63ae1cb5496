"""The ``banhat`` command: serve, migrate, seed, create-user, openapi; import, export, template (HTTP client)."""

import json
from pathlib import Path
from typing import Annotated

import typer
import yaml

from api import client_cli
from api.settings import PROJECT_ROOT, get_settings

app = typer.Typer(help="Ba Nhất: chấm điểm, xếp hạng phong trào thi đua “Ba nhất”.", no_args_is_help=True)
app.add_typer(client_cli.import_app, name="import")
app.add_typer(client_cli.export_app, name="export")
app.add_typer(client_cli.template_app, name="template")


@app.command()
def migrate() -> None:
    """Upgrade the database to the latest schema."""
    from api.db.migrate import upgrade

    upgrade(get_settings().database_url)
    typer.echo("Đã cập nhật cấu trúc cơ sở dữ liệu.")


def _write_session():
    from api.db.engine import make_engine, session_factories

    engine = make_engine(get_settings().database_url)
    return engine, session_factories(engine)[1]


@app.command()
def seed(
    demo: Annotated[bool, typer.Option("--demo", help="Thêm tỉnh mẫu, tài khoản mẫu và số liệu 2026-H1.")] = False,
    catalog: Annotated[Path | None, typer.Option(help="Tệp danh mục JSON (mặc định: danh mục của phần mềm).")] = None,
) -> None:
    """Load the catalog, default scheme and periods (idempotent); --demo adds the demo province."""
    from api.services import transaction
    from api.services.seed import seed as run_seed

    engine, sessions = _write_session()
    with transaction.owned(sessions) as session:
        summary = run_seed(session, demo=demo, catalog_path=catalog)
    engine.dispose()
    typer.echo(json.dumps(summary, ensure_ascii=False))


@app.command("create-user")
def create_user(
    username: str, role: str,
    full_name: Annotated[str, typer.Option(help="Họ và tên.")] = "",
    unit: Annotated[str | None, typer.Option(help="Mã đơn vị (bắt buộc với vai trò reporter).")] = None,
    password: Annotated[str, typer.Option(prompt=True, hide_input=True, confirmation_prompt=True)] = "",
) -> None:
    """Create an account (roles: admin, reviewer, reporter, leader, home_affairs, finance, province_office,
    inspector, api_client)."""
    from api.services import accounts, transaction
    from api.services.errors import ServiceError

    engine, sessions = _write_session()
    try:
        with transaction.owned(sessions) as session:
            accounts.create_user(session, None, username=username, full_name=full_name or username,
                                 password=password, role=role, unit_code=unit)
    except ServiceError as error:
        messages = "; ".join(e.message for e in error.errors) or error.detail
        raise typer.BadParameter(messages) from None
    finally:
        engine.dispose()
    typer.echo(f"Đã tạo tài khoản {username}.")


@app.command()
def openapi(output: Annotated[Path, typer.Option(help="Tệp YAML đích.")] = PROJECT_ROOT / "openapi.yaml") -> None:
    """Write the OpenAPI document of the API (committed; a test fails when it drifts)."""
    output.write_text(openapi_yaml(), encoding="utf-8")
    typer.echo(f"Đã ghi {output}.")


def openapi_yaml() -> str:
    from api.main import create_app
    from api.settings import Settings

    class NoAliases(yaml.SafeDumper):
        """Shared parts (a header, an example) written out each time: generators read no YAML anchors."""

        def ignore_aliases(self, data) -> bool:
            return True

    document = create_app(Settings(database_url="sqlite://", frontend_dist=Path("/nonexistent"))).openapi()
    return yaml.dump(document, Dumper=NoAliases, allow_unicode=True, sort_keys=False, width=120)


@app.command("backup")
def backup_command(target: Annotated[Path, typer.Argument(help="Tệp sao lưu sẽ ghi.")]) -> None:
    """Write a consistent backup of the database while the server runs (SQLite backup API or pg_dump)."""
    from api.services.backup import backup

    typer.echo(f"Đã sao lưu vào {backup(get_settings().database_url, target)}.")


@app.command("restore")
def restore_command(
    source: Annotated[Path, typer.Argument(help="Tệp sao lưu cần khôi phục.")],
    yes: Annotated[bool, typer.Option("--yes", help="Không hỏi lại.")] = False,
) -> None:
    """Replace the database with a backup; stop the server first."""
    from api.services.backup import BackupError, restore

    if not yes:
        typer.confirm("Toàn bộ dữ liệu hiện tại sẽ bị thay thế. Tiếp tục?", abort=True)
    try:
        restore(get_settings().database_url, source)
    except BackupError as error:
        raise typer.BadParameter(str(error)) from None
    typer.echo(f"Đã khôi phục từ {source}.")


@app.command()
def serve(
    host: Annotated[str, typer.Option()] = "127.0.0.1",
    port: Annotated[int, typer.Option()] = 8000,
    workers: Annotated[int, typer.Option()] = 1,
) -> None:
    """Serve the API and the built SPA on one URL; each process also runs the job worker unless
    BANHAT_RUN_WORKER=false. Proxy headers are read by the application, only from BANHAT_TRUSTED_PROXIES
    (uvicorn's own reading would trust loopback)."""
    import uvicorn

    uvicorn.run("api.main:create_app", factory=True, host=host, port=port, workers=workers, proxy_headers=False,
                timeout_keep_alive=get_settings().keep_alive_seconds)


@app.command("worker")
def worker_command() -> None:
    """Run the job worker (webhook deliveries, scheduled reminders) until interrupted; any number may run
    beside the servers (set BANHAT_RUN_WORKER=false on the servers to leave the jobs to them)."""
    import signal
    import threading

    from api.db.engine import make_engine, session_factories
    from api.services.worker import Worker

    settings = get_settings()
    engine = make_engine(settings.database_url)
    stop = threading.Event()
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, lambda *_: stop.set())
    with Worker(*session_factories(engine), settings) as worker:
        typer.echo(f"Tiến trình xử lý công việc {worker.name} đang chạy (Ctrl+C để dừng).")
        worker.run_forever(stop)
    engine.dispose()
