"""Widgets every screen shares: the theme (colours, type sizes), feedback (a colour and
a sound for every scan), code fields, one-dialog-at-a-time."""
