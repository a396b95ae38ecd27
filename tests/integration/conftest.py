from __future__ import annotations

import pytest
from floorplan import Floor, build_floor

from app.db.engine import Database


@pytest.fixture
def floor(db: Database) -> Floor:
    return build_floor(
        db,
        {
            ("HZ1", "SKU-A"): [5, 3],
            ("HZ1", "SKU-B"): [2],
            ("GZ1", "SKU-A"): [10],
            ("GZ1", "SKU-C"): [4],
            ("GZ1", "SKU-B"): [1],
        },
    )
