# Everyday commands. `make help` lists them. Run from the repository root.

PYTHON ?= python3
PYTEST := $(PYTHON) -m pytest

# The UI tests and benches open windows; nothing here needs a display.
export QT_QPA_PLATFORM ?= offscreen

.DEFAULT_GOAL := help
.PHONY: help lint type test-fast test bench

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  %-10s %s\n", $$1, $$2}'

lint: ## ruff check, ruff format --check, import contracts
	ruff check .
	ruff format --check .
	lint-imports

type: ## mypy over app, printing and ui (pyproject.toml)
	mypy

# SQLite only: WAVEDESK_TEST_PG_URL is unset for the run, so every PostgreSQL variant
# is skipped. The domain tests live under tests/unit/domain.
test-fast: ## unit, domain and services tests on SQLite, no PostgreSQL
	env -u WAVEDESK_TEST_PG_URL $(PYTEST) tests/unit tests/integration/services

test: ## the whole suite; PostgreSQL too when WAVEDESK_TEST_PG_URL is set
	$(PYTEST)

# The benches that finish in under a minute each on SQLite (timed 2026-12-07 on the
# shared 2-core machine: labels 27 s, routing 12 s, station 32 s, intake 33 s, waves
# 41 s). Left out: batching.py (over 150 s even with --instances 5) and stations.py
# (minutes, PostgreSQL only); run those by hand.
bench: ## the benches under a minute: labels, routing, station, intake, waves (SQLite)
	$(PYTHON) bench/labels.py
	$(PYTHON) bench/routing.py --instances 100
	$(PYTHON) bench/station.py --no-pg
	$(PYTHON) bench/intake.py --no-pg
	$(PYTHON) bench/waves.py
