"""Scanners and scales: device I/O only (pyserial), each behind a small interface with
a fake for tests and the demo."""
