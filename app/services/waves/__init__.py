from app.services.waves.build import (
    LOCAL,
    BuildResult,
    WaveError,
    WaveOptions,
    build_waves,
)

__all__ = [
    "BuildResult",
    "LOCAL",
    "WaveError",
    "WaveOptions",
    "build_waves",
]
