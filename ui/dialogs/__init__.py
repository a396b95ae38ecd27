"""Dialogs shared by the station screens."""
