"""The ``wavedesk`` command line: ``main`` runs it (``python -m app.cli`` does too)."""

import warnings

# `python -m app.cli.main`, the older spelling, imports this package (and so main.py)
# before running main.py again as __main__; that is harmless here, and runpy's warning
# about it would otherwise be printed on every such run.
warnings.filterwarnings(
    "ignore", r"'app\.cli\.main' found in sys\.modules", RuntimeWarning, "runpy"
)

from app.cli.main import main  # noqa: E402 - after the filter, which must come first

__all__ = ["main"]
