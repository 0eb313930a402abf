# Gongkai — two commands: `make run` and `make test`. Everything else is here for developers.
# Needs only Python 3.11+ and make; the rest is installed into .venv from uv.lock.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
UV_VERSION := 0.13.9
PORT   ?= 8000
export UV_PROJECT_ENVIRONMENT := $(VENV)
export UV_PYTHON_DOWNLOADS := never

.PHONY: run test lint format bench setup demo migrate clean help

help:
	@echo "make run    — install, migrate, load the demo county, serve http://127.0.0.1:$(PORT)"
	@echo "make test   — lint, then the whole suite on SQLite and on PostgreSQL (with browsers)"
	@echo "make bench  — print the benchmark figures (docs/benchmarks.md)"

# The virtualenv is rebuilt only when the lock file changes, so a second `make run` is quick.
$(BIN)/.synced: pyproject.toml uv.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@test -x $(BIN)/uv || $(BIN)/python -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"
	$(BIN)/uv sync --frozen --inexact --quiet
	@touch $@

setup: $(BIN)/.synced
	@$(BIN)/python scripts/system_deps.py
	@mkdir -p var
	$(BIN)/gongkai migrate --noinput -v0
	$(BIN)/gongkai createcachetable

demo: setup
	$(BIN)/gongkai demo load

run: demo
	$(BIN)/gongkai serve --port $(PORT)

test: $(BIN)/.synced
	$(BIN)/python scripts/run_tests.py

lint: $(BIN)/.synced
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(BIN)/.synced
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: setup
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) var/static
