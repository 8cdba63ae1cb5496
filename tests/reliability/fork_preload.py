"""Loaded by the fork server of servers.py before it forks a server: the state FastAPI builds of the API's
routes at an app's first requests, which every forked server built anew before (about 0.35 s of CPU each,
docs/testing.md)."""

from tests.backend_support import build_api_routes

build_api_routes()
