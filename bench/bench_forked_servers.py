"""The reliability tests' forked servers, with and without FastAPI's route state built in the fork server.

    scripts/cpu-time uv run python bench/bench_forked_servers.py --routes built|unbuilt [--servers 10]

Seeds a demo database, then starts `--servers` servers the way tests/reliability/servers.py does (forked from
its fork server), signs each in and lists the periods, and kills it. `unbuilt` preloads only the modules, as
before tests/reliability/fork_preload.py. Run under scripts/cpu-time, which counts the fork server and the
servers: the difference between the two modes, over `--servers`, is the CPU a server saves (docs/testing.md).
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from tests.backend_support import seed_database
from tests.reliability import servers

# The servers' environment in the test suite (tests/conftest.py): no job worker, no pool of recompute processes.
AS_IN_TESTS = {"BANHAT_RUN_WORKER": "false", "BANHAT_RECOMPUTE_PROCESSES": "0"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--routes", choices=("built", "unbuilt"), required=True)
    parser.add_argument("--servers", type=int, default=10)
    args = parser.parse_args()
    if args.routes == "unbuilt":
        servers._FORKS.set_forkserver_preload(["api.main", "tests.reliability.servers"])
    with tempfile.TemporaryDirectory() as workdir:
        template = Path(workdir) / "template.sqlite3"
        seed_database(f"sqlite:///{template}")
        started = time.perf_counter()
        for index in range(args.servers):
            serverdir = Path(workdir) / f"server-{index}"
            serverdir.mkdir()
            shutil.copyfile(template, serverdir / "banhat.sqlite3")
            server = servers.start_server(f"sqlite:///{serverdir / 'banhat.sqlite3'}", serverdir, AS_IN_TESTS)
            try:
                client = server.client("admin")
                assert client.get("/api/v1/periods").status_code == 200
                client.close()
            finally:
                server.kill()
        print(f"routes {args.routes}: {args.servers} servers in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":  # the fork server imports this module's parent's main module
    main()
