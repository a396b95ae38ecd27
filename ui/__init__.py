"""The PySide6 station: ``ui.main`` starts it; ``shell`` assembles the window,
``bridges`` connect Qt to worker threads and devices, ``screens`` and ``dialogs`` are
what people see, ``viewmodels`` hold the state and call services."""
