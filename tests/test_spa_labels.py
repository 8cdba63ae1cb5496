"""The SPA's labels (frontend/src/lib/labels.ts) say what the server says, where the server labels too."""

import re
from pathlib import Path

import pytest

from api.domain.activities import Channel, Subject
from api.domain.indicators import Pillar
from api.domain.inspections import FindingStatus
from api.domain.periods import TimelinessStatus
from api.domain.permissions import Role
from api.domain.safety_models import MODEL_STATUSES
from api.domain.schemes import Tier
from api.domain.submissions import SubmissionStatus

LABELS_TS = Path(__file__).resolve().parents[1] / "frontend" / "src" / "lib" / "labels.ts"


def spa_labels(name: str) -> dict[str, str]:
    block = re.search(rf"export const {name}\b[^=]*= \{{(.*?)\}};", LABELS_TS.read_text(encoding="utf-8"), re.DOTALL)
    assert block, f"{name} not found in {LABELS_TS}"
    return dict(re.findall(r"(\w+): '([^']*)'", block.group(1)))


@pytest.mark.parametrize(
    ("name", "server"),
    [
        ("SUBMISSION_STATUS_LABELS", {status.value: status.label for status in SubmissionStatus}),
        ("TIER_LABELS", {tier.name: tier.label for tier in Tier}),
        ("PILLAR_LABELS", {pillar.value: pillar.label for pillar in Pillar}),
        ("MODEL_STATUS_LABELS", MODEL_STATUSES),
        ("SUBJECT_LABELS", {subject.value: subject.label for subject in Subject}),
        ("CHANNEL_LABELS", {channel.value: channel.label for channel in Channel}),
        ("FINDING_STATUS_LABELS", {status.value: status.label for status in FindingStatus}),
        ("TIMELINESS_LABELS", {status.value: status.label for status in TimelinessStatus}),
        ("ROLE_LABELS", {role.value: role.label for role in Role}),
    ],
)
def test_spa_labels_equal_the_servers(name, server):
    assert spa_labels(name) == server
