"""Limits of the import endpoints, from the environment (`BANHAT_IMPORT_MAX_BYTES`, ...)."""

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from api.services.imports.tables import MAX_FILE_BYTES


class ImportLimits(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="BANHAT_IMPORT_", extra="ignore")

    max_bytes: int = MAX_FILE_BYTES
    # Data rows per file (BANHAT_IMPORT_MAX_ROWS); the import stops at the first row over it and
    # writes nothing. A national values file of 1,000,000 rows is accepted.
    max_rows: int = Field(default=1_000_000, ge=1)
    # Problems listed in a report; beyond this they are only counted.
    problem_limit: int = 1000
