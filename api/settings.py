"""Runtime configuration, read from the environment (prefix ``BANHAT_``) and ``DATABASE_URL``: the one
settings object of the process (``app.state.settings`` in a request)."""

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from pydantic import AliasChoices, Field, IPvAnyNetwork
from pydantic_settings import BaseSettings, SettingsConfigDict

from api import clock

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class ImportLimits:
    """Limits of the import endpoints (``BANHAT_IMPORT_*``)."""

    max_bytes: int = 256 * 1024 * 1024
    # Data rows per file; the import stops at the first row over it and writes nothing. A national
    # values file of 1,000,000 rows is accepted.
    max_rows: int = 1_000_000
    # Problems listed in a report; beyond this they are only counted.
    problem_limit: int = 1000


@dataclass(frozen=True)
class MailSettings:
    """SMTP for reminder e-mails (``BANHAT_SMTP_*``); no host means e-mail is off."""

    host: str | None = None
    port: int = 25
    username: str | None = None
    password: str | None = None
    sender: str = "ba-nhat@congan.hungyen.gov.vn"
    starttls: bool = False
    timeout_seconds: float = 10


@dataclass(frozen=True)
class JobPolicy:
    """The job worker's timing (``BANHAT_WORKER_*``, ``BANHAT_JOB_*``)."""

    poll_seconds: float = 1.0
    # A claimed job is another worker's to take once this long has passed (its worker died or hung).
    lease_seconds: float = 300
    # Retries wait first_seconds, doubling up to max_seconds, until retry_hours after the job was queued.
    retry_first_seconds: float = 30
    retry_max_seconds: float = 3600
    retry_hours: float = 24

    def delay_seconds(self, attempts: int) -> float:
        """The wait before the next attempt, after ``attempts`` attempts."""
        return min(self.retry_first_seconds * 2 ** max(attempts - 1, 0), self.retry_max_seconds)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="BANHAT_", extra="ignore")

    database_url: str = Field(
        default=f"sqlite:///{PROJECT_ROOT / 'var' / 'banhat.sqlite3'}",
        validation_alias=AliasChoices("DATABASE_URL", "BANHAT_DATABASE_URL"),
    )
    evidence_dir: Path = PROJECT_ROOT / "var" / "evidence"
    evidence_max_bytes: int = 10 * 1024 * 1024
    frontend_dist: Path = PROJECT_ROOT / "frontend" / "dist"
    session_hours: int = 12
    # Lifetime of an API token created without `expires_in_days` (BANHAT_TOKEN_DAYS).
    token_days: int = Field(default=365, ge=1, le=3650)
    # Secure cookies need HTTPS; the default local setup serves plain HTTP on loopback.
    cookie_secure: bool = False
    timezone: str = "Asia/Ho_Chi_Minh"
    # BANHAT_NOW: start the application's clock (api.clock) at this instant, e.g. 2026-11-30T23:59+07:00,
    # to show a demo or run the tests on a given day; it then advances in real time. Unset: real time.
    now: datetime | None = None
    # "production" switches off the interactive API docs.
    environment: str = "development"
    # Origins allowed to call the API from another site; empty: CORS closed (the SPA is same-origin).
    cors_origins: list[str] = []
    # JSON bodies; file uploads (evidence, imports) have their own, larger limits.
    max_body_bytes: int = 2 * 1024 * 1024
    # API requests one process runs at once: below the worker threads (40) and the pooled connections
    # (two per request kept open, see api.main), so a request holding a lock or a connection always
    # gets a thread to finish.
    max_concurrent_requests: int = 10
    # Seconds an idle keep-alive connection stays open (uvicorn's default is 5). A client that sends on a
    # connection at the instant the server closes it gets a reset (ECONNRESET), and HTTP clients other than
    # browsers do not retry: the server must outlast the idle time of the proxy or client in front of it
    # (nginx's upstream keepalive and load balancers keep 60 s).
    keep_alive_seconds: int = Field(default=75, ge=1, le=3600)
    # How long a request waits for the database before it is answered 503 with Retry-After: SQLite's
    # writer queue and busy timeout; PostgreSQL's lock_timeout for the request's transactions.
    database_busy_seconds: float = Field(default=10, gt=0, le=300)
    # PostgreSQL statement_timeout of a request's transactions (an import's included); 0: none.
    database_statement_seconds: float = Field(default=120, ge=0, le=3600)
    # Refused sign-ins within the window before 429: for one account from one client address (an
    # attacker elsewhere cannot lock its owner out), from one address whatever the accounts, and for
    # one account from all addresses together (a slower limit against guessing from many addresses).
    login_failures_per_account: int = Field(default=5, ge=1)
    login_failures_per_address: int = Field(default=30, ge=1)
    login_failures_per_account_all_addresses: int = Field(default=100, ge=1)
    login_window_minutes: int = Field(default=15, ge=1)
    # Addresses or networks of the reverse proxies whose X-Forwarded-For is believed (JSON list, e.g.
    # ["127.0.0.1", "10.0.0.0/24"]); empty: none, the peer's address is the client's.
    trusted_proxies: list[IPvAnyNetwork] = []
    # Non-public networks webhook receivers may be on (JSON list); empty: public addresses only.
    webhook_allowed_networks: list[IPvAnyNetwork] = []
    import_max_bytes: int = Field(default=ImportLimits.max_bytes, ge=1)
    import_max_rows: int = Field(default=ImportLimits.max_rows, ge=1)
    import_problem_limit: int = Field(default=ImportLimits.problem_limit, ge=0)
    smtp_host: str | None = MailSettings.host
    smtp_port: int = MailSettings.port
    smtp_username: str | None = MailSettings.username
    smtp_password: str | None = MailSettings.password
    smtp_sender: str = MailSettings.sender
    smtp_starttls: bool = MailSettings.starttls
    smtp_timeout_seconds: float = MailSettings.timeout_seconds
    # Run the job worker (webhooks, scheduled reminders) as a thread of each server process; off when
    # only separate `banhat worker` processes should run jobs.
    run_worker: bool = True
    worker_poll_seconds: float = Field(default=JobPolicy.poll_seconds, gt=0)
    job_lease_seconds: float = Field(default=JobPolicy.lease_seconds, gt=0)
    job_retry_first_seconds: float = Field(default=JobPolicy.retry_first_seconds, gt=0)
    job_retry_max_seconds: float = Field(default=JobPolicy.retry_max_seconds, gt=0)
    job_retry_hours: float = Field(default=JobPolicy.retry_hours, gt=0)
    webhook_timeout_seconds: float = 10
    # Processes in which the job worker recomputes the scores of several periods at once (each with its
    # own connection; on a SQLite file each computes from a read snapshot and only its writes wait for the
    # one writer). Each is a Python process of its own: about 250 MB at the peak of a 10,000-unit period's
    # recompute, kept while the server runs, per server process and per `banhat worker`. 0: recomputes
    # run one after another in the worker's thread. Off by default for that memory; worth it for imports
    # touching several periods (docs/benchmarks.md, issue 20).
    recompute_processes: int = Field(default=0, ge=0, le=64)
    # Scheduled reminders (đôn đốc) of units still missing: days before each due date (negative: after
    # it), and how often the worker looks at the schedule.
    reminder_offsets: list[int] = Field(default=[7, 3, 1, -1], min_length=1)
    reminder_scan_minutes: float = Field(default=60, gt=0)

    @property
    def import_limits(self) -> ImportLimits:
        return ImportLimits(self.import_max_bytes, self.import_max_rows, self.import_problem_limit)

    @property
    def jobs(self) -> JobPolicy:
        return JobPolicy(self.worker_poll_seconds, self.job_lease_seconds, self.job_retry_first_seconds,
                         self.job_retry_max_seconds, self.job_retry_hours)

    @property
    def mail(self) -> MailSettings:
        return MailSettings(self.smtp_host, self.smtp_port, self.smtp_username, self.smtp_password,
                            self.smtp_sender, self.smtp_starttls, self.smtp_timeout_seconds)


@lru_cache
def get_settings() -> Settings:
    return apply_clock(Settings())


def apply_clock(settings: Settings) -> Settings:
    """Start the application's clock at ``settings.now`` when it is set (leaves it alone otherwise)."""
    if settings.now is not None:
        clock.set_now(settings.now)
    return settings
