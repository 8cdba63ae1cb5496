"""Limits of the import endpoints, from the environment (`BANHAT_IMPORT_MAX_BYTES`, ...)."""

from pydantic_settings import BaseSettings, SettingsConfigDict

from api.services.imports.tables import MAX_FILE_BYTES


class ImportLimits(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="BANHAT_IMPORT_", extra="ignore")

    max_bytes: int = MAX_FILE_BYTES
    # Problems listed in a report; beyond this they are only counted.
    problem_limit: int = 1000
