"""``python -m app.cli``: the ``wavedesk`` command."""

import sys

from app.cli.main import main

if __name__ == "__main__":  # importing this module (as importall does) must not run the command
    sys.exit(main())
