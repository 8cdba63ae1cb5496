"""Who inspects which unit, and a proposed finding's confirmation or rejection, without a database."""

import pytest

from api.domain.indicators import UnitKind
from api.domain.inspections import (
    AlreadyDecided,
    FindingDecision,
    FindingStatus,
    InspectionReach,
    ReasonRequired,
    Target,
    decide,
    in_scope,
    recorded_status,
)
from api.domain.permissions import ROLE_INSPECTION_REACH, ROLE_PERMISSIONS, Permission, Role

COMMITTEE, OTHER_COMMITTEE = 7, 8
OWN_POLICE = Target(UnitKind.COMMUNE_POLICE, overseer_id=COMMITTEE)
OTHER_POLICE = Target(UnitKind.COMMUNE_POLICE, overseer_id=OTHER_COMMITTEE)
POLICE_DEPARTMENT = Target(UnitKind.POLICE_DEPARTMENT, overseer_id=None)
DEPARTMENT = Target(UnitKind.DEPARTMENT, overseer_id=None)
COMMUNE = Target(UnitKind.COMMUNE, overseer_id=None)


@pytest.mark.parametrize("target", [OWN_POLICE, OTHER_POLICE, POLICE_DEPARTMENT, DEPARTMENT, COMMUNE])
def test_the_standing_body_inspects_every_unit(target):
    assert in_scope(InspectionReach.EVERY_UNIT, None, target)


@pytest.mark.parametrize(("target", "expected"), [
    (DEPARTMENT, True), (COMMUNE, True), (OWN_POLICE, False), (POLICE_DEPARTMENT, False),
])
def test_home_affairs_inspects_departments_and_communes_committees(target, expected):
    assert in_scope(InspectionReach.ADMINISTRATION, 2, target) is expected


@pytest.mark.parametrize(("target", "expected"), [
    (OWN_POLICE, True), (OTHER_POLICE, False), (DEPARTMENT, False), (COMMUNE, False), (POLICE_DEPARTMENT, False),
])
def test_a_committee_inspects_only_the_units_it_oversees(target, expected):
    assert in_scope(InspectionReach.OVERSEEN_UNITS, COMMITTEE, target) is expected


def test_no_reach_or_no_unit_inspects_nothing():
    assert not in_scope(None, COMMITTEE, OWN_POLICE)
    assert not in_scope(InspectionReach.OVERSEEN_UNITS, None, Target(UnitKind.COMMUNE_POLICE, overseer_id=None))


def test_a_finding_is_proposed_unless_its_author_confirms_findings():
    assert recorded_status(confirms=True) is FindingStatus.CONFIRMED
    assert recorded_status(confirms=False) is FindingStatus.PROPOSED
    assert [status.deducts for status in FindingStatus] == [False, True, False]


def test_the_standing_body_confirms_or_rejects_with_a_reason():
    assert decide(FindingStatus.PROPOSED, FindingDecision.CONFIRM, None) is FindingStatus.CONFIRMED
    assert decide(FindingStatus.PROPOSED, FindingDecision.REJECT, "Không đủ căn cứ") is FindingStatus.REJECTED
    for reason in (None, "", "   "):
        with pytest.raises(ReasonRequired, match="lý do"):
            decide(FindingStatus.PROPOSED, FindingDecision.REJECT, reason)


@pytest.mark.parametrize("status", [FindingStatus.CONFIRMED, FindingStatus.REJECTED])
@pytest.mark.parametrize("decision", list(FindingDecision))
def test_only_a_proposed_finding_is_decided(status, decision):
    with pytest.raises(AlreadyDecided, match=status.label.lower()):
        decide(status, decision, "lý do")


def test_every_role_that_inspects_has_a_reach_and_only_the_standing_body_confirms():
    inspecting = {role for role, granted in ROLE_PERMISSIONS.items()
                  if granted & {Permission.INSPECTIONS_WRITE, Permission.INSPECTIONS_PROPOSE}}
    assert inspecting == set(ROLE_INSPECTION_REACH)
    confirming = {role for role, granted in ROLE_PERMISSIONS.items() if Permission.INSPECTIONS_CONFIRM in granted}
    assert confirming == {Role.ADMIN, Role.REVIEWER}
    assert {role for role in confirming if ROLE_INSPECTION_REACH[role] is not InspectionReach.EVERY_UNIT} == set()
