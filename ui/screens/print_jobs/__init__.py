"""The print jobs screen: :class:`PrintJobsScreen`, with its list's roles and colours."""

from ui.screens.print_jobs.screen import PrintJobsScreen
from ui.screens.print_jobs.table import COL, STATUS_COLOURS, STATUS_ROLE

__all__ = ["COL", "STATUS_COLOURS", "STATUS_ROLE", "PrintJobsScreen"]
