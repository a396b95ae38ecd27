"""Intake (订单接收): platform exports and generic files parsed into incoming orders,
products, locations and stock, then applied idempotently."""
