"""change notifications: NOTIFY wavedesk_changes from the events table (PostgreSQL)

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 22:20:00
"""
from __future__ import annotations

from alembic import op

from app.db.changes import PG_TRIGGER_DROP_SQL, PG_TRIGGER_SQL

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # SQLite stations poll PRAGMA data_version instead (see app.db.changes).
    if op.get_bind().dialect.name == "postgresql":
        for statement in PG_TRIGGER_SQL:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in PG_TRIGGER_DROP_SQL:
            op.execute(statement)
