"""The ``wavedesk`` command line: :func:`app.cli.main.main` runs it; ``python -m app.cli``
does too. One module per command group, each with ``register(sub, common)``."""
