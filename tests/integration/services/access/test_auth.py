"""Badge sign-in, supervisor PIN checks and the role table, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update

from app.db.engine import Database
from app.db.models import Event, Station, User
from app.domain.floor_errors import FloorError
from app.domain.permissions import PERMISSIONS, ROLES, can
from app.services.access.auth import sign_in, sign_out, verify_supervisor
from app.services.access.identity import StationInfo, UserInfo
from app.services.access.pins import hash_pin


@pytest.fixture
def people(db: Database) -> StationInfo:
    """A picker, an inactive packer, a supervisor (PIN 1234), an admin (0000), a
    supervisor without a PIN; returns the station they work at."""
    pin_1234, pin_0000 = hash_pin("1234"), hash_pin("0000")
    with db.unit_of_work() as s:
        s.add_all(
            [
                User(badge="U-0001", name="王芳", role="picker"),
                User(badge="U-0007", name="赵丽", role="packer", active=False),
                User(badge="U-0012", name="徐建国", role="supervisor", pin_hash=pin_1234),
                User(badge="U-0014", name="孙涛", role="admin", pin_hash=pin_0000),
                User(badge="U-0020", name="No Pin", role="supervisor", pin_hash=""),
            ]
        )
        station = Station(name="HZ1-PACK-01", kind="pack")
        s.add(station)
        s.flush()
        return StationInfo(station.id, station.name, "pack", None, None)


def _events(db: Database, kind: str) -> list[Event]:
    with db.read() as s:
        return list(s.scalars(select(Event).where(Event.kind == kind).order_by(Event.seq)))


def test_sign_in_returns_the_user_and_records_the_station(db, people):
    user = sign_in(db, "U-0001", station=people)
    assert user == UserInfo(user.id, "U-0001", "王芳", "picker")
    [event] = _events(db, "auth.sign_in")
    assert (event.user_id, event.station_id, event.entity, event.entity_id) == (
        user.id,
        people.id,
        "user",
        str(user.id),
    )
    assert event.payload["station"] == "HZ1-PACK-01"


def test_a_hand_typed_badge_is_cleaned(db, people):
    assert sign_in(db, "  u-0012 \n", station=people).badge == "U-0012"


@pytest.mark.parametrize("badge", ["U-9999", "", "   ", "'; DROP TABLE users; --"])
def test_unknown_badge_is_refused_and_nothing_is_written(db, people, badge):
    with pytest.raises(FloorError) as err:
        sign_in(db, badge, station=people)
    assert err.value.code == "unknown_badge"
    assert "badge" in err.value.message
    assert _events(db, "auth.sign_in") == []


def test_inactive_badge_is_refused(db, people):
    with pytest.raises(FloorError) as err:
        sign_in(db, "U-0007", station=people)
    assert err.value.code == "inactive"
    assert "switched off" in str(err.value)


def test_a_badge_over_another_session_signs_the_first_user_out(db, people):
    first = sign_in(db, "U-0001", station=people)
    with pytest.raises(FloorError):
        sign_in(db, "U-9999", station=people, replacing=first)
    assert _events(db, "auth.sign_out") == [], "a refused badge leaves the first user signed in"
    second = sign_in(db, "U-0012", station=people, replacing=first)
    [out] = _events(db, "auth.sign_out")
    [_, into] = _events(db, "auth.sign_in")
    assert (out.user_id, out.payload["switched_to"]) == (first.id, "U-0012")
    assert into.user_id == second.id and out.seq < into.seq


def test_sign_out_is_recorded(db, people):
    user = sign_in(db, "U-0001", station=people)
    sign_out(db, user, station=people)
    [event] = _events(db, "auth.sign_out")
    assert (event.user_id, event.station_id) == (user.id, people.id)


@pytest.mark.parametrize(("badge", "pin"), [("U-0012", "1234"), ("U-0014", "0000")])
def test_supervisor_and_admin_approve_with_their_pin(db, people, badge, pin):
    user = verify_supervisor(
        db, badge, pin, station=people, reason="parcel is heavier", action="weight"
    )
    assert user.badge == badge and user.is_supervisor
    [event] = _events(db, "auth.override_checked")
    assert event.payload == {
        "badge": badge,
        "action": "weight",
        "reason": "parcel is heavier",
        "station": "HZ1-PACK-01",
    }
    assert event.station_id == people.id


@pytest.mark.parametrize(
    ("badge", "pin", "code"),
    [
        ("U-0012", "4321", "bad_pin"),
        ("U-0012", "", "bad_pin"),
        ("U-0012", "12a4", "bad_pin"),
        ("U-0014", "1234", "bad_pin"),  # another supervisor's PIN
        ("U-0001", "1234", "not_supervisor"),
        ("U-9999", "1234", "unknown_badge"),
        ("U-0007", "1234", "inactive"),
        ("U-0020", "1234", "no_pin"),
    ],
)
def test_override_refusals_have_a_code(db, people, badge, pin, code):
    with pytest.raises(FloorError) as err:
        verify_supervisor(db, badge, pin, station=people)
    assert err.value.code == code
    assert _events(db, "auth.override_checked") == []


def test_refused_overrides_are_recorded(db, people):
    with pytest.raises(FloorError):
        verify_supervisor(db, "U-0012", "9999", station=people, action="reprint")
    [event] = _events(db, "auth.override_refused")
    assert event.payload["code"] == "bad_pin" and event.payload["action"] == "reprint"


def test_a_corrupt_pin_record_is_no_pin_not_a_crash(db, people):
    with db.unit_of_work() as s:
        s.execute(update(User).where(User.badge == "U-0012").values(pin_hash="md5$abc"))
    with pytest.raises(FloorError) as err:
        verify_supervisor(db, "U-0012", "1234", station=people)
    assert err.value.code == "no_pin"


def test_permission_table():
    assert can("picker", "pick") and not can("picker", "pack")
    assert can("packer", "pack") and not can("packer", "settings")
    assert can("shipper", "ship") and not can("shipper", "pick")
    for role in ("supervisor", "admin"):
        assert all(can(role, action) for action in PERMISSIONS)
    assert all(can(role, "print_jobs") for role in ROLES)
    assert not can("visitor", "print_jobs")
    with pytest.raises(ValueError, match="unknown action"):
        can("admin", "launch_rockets")
