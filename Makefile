# Kaohe 考核 — the two commands a new user needs are `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Development defaults; production sets DEBUG=False and SECRET_KEY in the environment (see README).
export DEBUG ?= True

.PHONY: run test lint install migrate seed worker beat bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(BIN)/python manage.py migrate --noinput

# Start the app on 127.0.0.1:8000 with the demo district (seeded once, on an empty database).
run: migrate
	$(BIN)/python manage.py seed_demo --if-empty
	$(BIN)/python manage.py runserver 127.0.0.1:8000

lint: install
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/mypy assessment/scoring
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python manage.py check

# The whole suite, one process per core (pytest-xdist; the real-worker tests share one process, see
# tests/integration/test_worker.py). DATABASE_URL / CELERY_BROKER_URL select PostgreSQL and Redis (as CI does);
# unset, SQLite. PYTEST_ARGS="-n0 tests/…" runs a few tests in this process.
test: lint
	$(BIN)/python -m pytest -n auto --dist loadgroup $(PYTEST_ARGS)

# A worker only. The periodic sweep is `make beat`: exactly one, in a process of its own (`worker -B` would leave an
# orphaned beat behind when the worker's main process is killed, and every beat sends its own sweeps).
worker: install
	$(BIN)/celery -A config worker --loglevel=info

beat: install
	$(BIN)/celery -A config beat --loglevel=info

bench: install
	$(BIN)/python bench/recompute.py

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-* staticfiles
