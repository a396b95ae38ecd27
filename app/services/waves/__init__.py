"""Waves (波次): allocated orders grouped by carrier and cut-off, batched into carts and
routed into pick tasks."""

from app.services.waves.build import (
    BuildResult,
    WaveError,
    WaveOptions,
    build_waves,
)

__all__ = [
    "BuildResult",
    "WaveError",
    "WaveOptions",
    "build_waves",
]
