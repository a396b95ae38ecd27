"""Qt ↔ worker threads and devices: the database worker, live updates, the offline
link, scanners, the scale and the printer's spooler, each delivering on the GUI thread."""
