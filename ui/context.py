"""What every station screen is given: the database (through the background worker
only), the station, the signed-in user, the devices and the feedback line."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.devices.scale import Scale
from app.services.access.identity import StationInfo, UserInfo, actor_of
from app.services.audit import Actor
from app.services.station.config import StationConfig
from app.services.station.link import Database
from ui.bridges.background import Background
from ui.widgets.feedback import Feedback


@dataclass
class StationContext:
    db: Database  # touched only inside functions handed to ``background.submit``
    background: Background
    station: StationInfo
    config: StationConfig
    feedback: Feedback
    user: UserInfo | None = None
    scale: Scale | None = None
    extras: dict[str, object] = field(default_factory=dict)

    @property
    def actor(self) -> Actor:
        return actor_of(self.user, self.station)
