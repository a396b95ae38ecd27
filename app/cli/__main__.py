"""``python -m app.cli``: the ``wavedesk`` command."""

import sys

from app.cli.main import main

sys.exit(main())
