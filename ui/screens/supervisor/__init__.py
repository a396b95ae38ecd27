"""The supervisor's screen: :class:`SupervisorScreen`, a container of one widget per tab."""

from ui.screens.supervisor.screen import SupervisorScreen

__all__ = ["SupervisorScreen"]
