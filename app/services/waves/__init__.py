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
