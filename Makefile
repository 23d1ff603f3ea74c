# Sleutelnet — the two commands: `make run` and `make test`. Everything else is what they need.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMPS := .stamps
export FLASK_APP := sleutelnet.platform.app:create_app

.PHONY: run test setup assets translations db clean worker bench

run: setup db
	@$(BIN)/flask demo seed
	@echo "Sleutelnet runs at http://127.0.0.1:5000 (stop with Ctrl+C)"
	@$(BIN)/flask run --host 127.0.0.1 --port 5000

# Two test processes (pytest-xdist; the machine and CI have two cores), a test file per process at a time,
# handed out slowest first (files marked `slow`, then by number of tests: tests/conftest.py).
# `make test PYTEST_WORKERS=0` runs in one process.
PYTEST_WORKERS ?= 2
test: setup
	@$(BIN)/lint-imports --no-cache
	@$(BIN)/python -m pytest $(if $(filter 0,$(PYTEST_WORKERS)),,-n $(PYTEST_WORKERS) --dist loadfile --no-loadscope-reorder) $(PYTEST_ARGS)

setup: $(STAMPS)/python $(STAMPS)/assets translations

$(STAMPS)/python: requirements.lock pyproject.toml
	@mkdir -p $(STAMPS)
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	@$(BIN)/python -m pip install -q --disable-pip-version-check -r requirements.lock
	@$(BIN)/python -m pip install -q --disable-pip-version-check --no-deps -e .
	@touch $@

$(STAMPS)/assets: package-lock.json scripts/copy_assets.py
	@mkdir -p $(STAMPS)
	@npm ci --no-audit --no-fund --loglevel=error
	@$(BIN)/python scripts/copy_assets.py
	@touch $@

translations: $(STAMPS)/python
	@$(BIN)/python scripts/build_translations.py

db: setup
	@$(BIN)/flask db upgrade heads

worker: setup
	@$(BIN)/python -m sleutelnet.workers.worker

clean:
	rm -rf $(VENV) $(STAMPS) node_modules sleutelnet/static/vendor sleutelnet/translations instance

# Key pages against bare Flask (bench/compare.py; needs wrk): SQLite with the demo data by default,
# `make bench BENCH_ARGS="--database-url postgresql://…"` for the national-scale database (bench/README.md).
bench: setup
	@$(BIN)/python bench/compare.py $(BENCH_ARGS)
