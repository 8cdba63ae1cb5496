"""The `banhat` client commands against a real server on 127.0.0.1, authenticated by an API token."""

from __future__ import annotations

import re
import socket
import threading
import time

import openpyxl
import pytest
import uvicorn
from typer.testing import CliRunner

from api.cli import app as cli
from tests.imports.conftest import API
from tests.imports.files import csv_bytes
from tests.imports.test_values_import import rows_for


@pytest.fixture
def server_url(app):
    listener = socket.socket()  # bound here and handed over: no other process can take the port meanwhile
    listener.bind(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)
    listener.close()


def token_of(client, scopes: list[str]) -> str:
    response = client.post(f"{API}/tokens", json={"name": "script", "scopes": scopes})
    assert response.status_code in (200, 201), response.text
    return response.json()["token"]


def run(args: list[str], url: str, token: str):
    return CliRunner().invoke(cli, args, env={"BANHAT_URL": url, "BANHAT_TOKEN": token})


def test_import_values_prints_the_report_and_a_retry_with_the_key_is_replayed(reporter, server_url, tmp_path):
    token = token_of(reporter, ["values:write", "submissions:read", "scores:read"])
    file = tmp_path / "so-lieu.csv"
    file.write_bytes(csv_bytes(rows_for()))
    first = run(["import", "values", str(file), "--key", "k1"], server_url, token)
    assert first.exit_code == 0, first.output
    assert re.search(r"Tạo mới\s*│\s*3\b", first.output), first.output
    retry = run(["import", "values", str(file), "--key", "k1"], server_url, token)
    assert retry.exit_code == 0 and "Tạo mới" in retry.output


def test_import_with_errors_lists_rows_and_exits_1(reporter, server_url, tmp_path):
    token = token_of(reporter, ["values:write"])
    file = tmp_path / "so-lieu.csv"
    file.write_bytes(csv_bytes(rows_for() + [["CAX-001", "2026-Y", "KL-06", "", "", -3, "", ""]]))
    result = run(["import", "values", str(file)], server_url, token)
    assert result.exit_code == 1
    assert "không được âm" in result.output and "F5" in result.output


def test_import_activities_sends_the_file_to_the_activities_import(reporter, server_url, tmp_path):
    token = token_of(reporter, ["values:write", "submissions:read"])
    file = tmp_path / "hoat-dong.csv"
    file.write_text("Mã đơn vị,Kỳ báo cáo,Mã chỉ tiêu,Ngày,Nội dung\nCAX-001,2026-Y,GD-03,02/03/2026,Tiếp xúc cử tri\n")
    first = run(["import", "activities", str(file)], server_url, token)
    assert first.exit_code == 0, first.output
    assert re.search(r"Tạo mới\s*│\s*1\b", first.output), first.output
    again = run(["import", "activities", str(file)], server_url, token)
    assert again.exit_code == 0 and re.search(r"Không đổi\s*│\s*1\b", again.output), again.output


def test_export_scores_and_template_download_files(admin, server_url, tmp_path):
    token = token_of(admin, ["scores:read", "submissions:read"])
    target = tmp_path / "xep-hang.xlsx"
    result = run(["export", "scores", "--period", "2026-H1", "-o", str(target)], server_url, token)
    assert result.exit_code == 0, result.output
    assert openpyxl.load_workbook(target).worksheets[0]["A3"].value == "Hạng"
    template = tmp_path / "mau.xlsx"
    result = run(
        ["template", "values", "--period", "2026-Y", "--kind", "commune", "-o", str(template)],
        server_url,
        token,
    )
    assert result.exit_code == 0, result.output
    assert openpyxl.load_workbook(template).worksheets[0]["A3"].value == "Mã đơn vị"


def test_a_bad_token_is_reported_in_vietnamese(server_url, tmp_path):
    file = tmp_path / "so-lieu.csv"
    file.write_bytes(csv_bytes(rows_for()))
    result = run(["import", "values", str(file)], server_url, "sai-ma")
    assert result.exit_code == 1 and "401" in result.output


def test_import_names_the_encoding_the_server_cannot_decide(reporter, server_url, tmp_path):
    token = token_of(reporter, ["values:write"])
    file = tmp_path / "so-lieu.txt"
    file.write_bytes(csv_bytes(rows_for(), delimiter="\t").decode().encode("utf-16-le"))  # no byte-order mark
    refused = run(["import", "values", str(file)], server_url, token)
    assert refused.exit_code == 1 and "encoding" in refused.output
    result = run(["import", "values", str(file), "--encoding", "utf-16"], server_url, token)
    assert result.exit_code == 0, result.output
    assert re.search(r"Tạo mới\s*│\s*3\b", result.output), result.output
