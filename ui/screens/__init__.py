"""Screens: one module per screen. A screen takes its view-model in ``__init__``,
wires signals in one place and never imports ``app.db``."""
