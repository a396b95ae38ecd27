"""SQLAlchemy 2 mapping of the central database, one module per area: catalog and
stock, orders, waves and picking, packing and printing, people and stations; the
declarative base and its helpers in :mod:`app.db.models.base`.

Every name is exported here, so callers (and Alembic, through ``Base.metadata``)
see one package; importing it maps every model.
"""

from app.db.models.base import (
    NAMING,
    Base,
    Money,
    UTCDateTime,
    new_uuid,
    table_of,
    utcnow,
)
from app.db.models.catalog import (
    Location,
    Product,
    ProductBarcode,
    Stock,
    Warehouse,
    Zone,
)
from app.db.models.orders import (
    Order,
    OrderHold,
    OrderLine,
    Reservation,
    Store,
)
from app.db.models.packing import (
    Carton,
    PrintJob,
    Shipment,
    TrackingPool,
)
from app.db.models.people import (
    Blacklist,
    Event,
    ScanRecord,
    Setting,
    Station,
    User,
)
from app.db.models.picking import (
    PickLine,
    PickTask,
    TaskSlot,
    Tote,
    Wave,
)

metadata = Base.metadata

__all__ = [
    "Base",
    "Blacklist",
    "Carton",
    "Event",
    "Location",
    "Money",
    "NAMING",
    "Order",
    "OrderHold",
    "OrderLine",
    "PickLine",
    "PickTask",
    "PrintJob",
    "Product",
    "ProductBarcode",
    "Reservation",
    "ScanRecord",
    "Setting",
    "Shipment",
    "Station",
    "Stock",
    "Store",
    "TaskSlot",
    "Tote",
    "TrackingPool",
    "UTCDateTime",
    "User",
    "Warehouse",
    "Wave",
    "Zone",
    "metadata",
    "new_uuid",
    "table_of",
    "utcnow",
]
