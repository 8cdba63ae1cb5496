"""Constants shared by the award API tests."""

API = "/api/v1"
