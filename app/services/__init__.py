"""Use cases, one package per step of the order's and the stock's journey; each call is
one unit of work. ``audit`` (events and status changes) and ``settings`` (rules kept
in the database) are shared by all of them."""
