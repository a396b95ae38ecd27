"""The database adapter: SQLAlchemy models and engines, Alembic migrations, bulk writes,
the change feed between stations, outage detection and the local scan journal."""
