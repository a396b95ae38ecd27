"""View-models: the only UI code that holds a ``Database``, and only uses it inside
functions run by ``ui.bridges.background.Background``. Screens talk to view-models through
signals and plain data (dicts, lists)."""
