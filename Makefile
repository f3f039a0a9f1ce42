# Kaohe 考核 — the two commands a new user needs are `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Development defaults; production sets DEBUG=False and SECRET_KEY in the environment (see README).
export DEBUG ?= True
# `make run` writes the development defaults here once, so `manage.py runserver` by hand works the same way.
ENV_FILE ?= .env

.PHONY: run test lint install migrate seed worker beat bench clean dotenv screenshots

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(BIN)/python manage.py migrate --noinput

# Written once, never overwritten (delete it, or set DEBUG=False in the environment, for production).
$(ENV_FILE):
	printf '%s\n' '# Development defaults written by `make run`; the environment overrides them. Not for production.' \
		'DEBUG=True' > $@

dotenv: $(ENV_FILE)

# Start the app on 127.0.0.1:8000 with the demo district (seeded once, on an empty database).
run: $(ENV_FILE) migrate
	$(BIN)/python manage.py seed_demo --if-empty
	$(BIN)/python manage.py runserver 127.0.0.1:8000

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/mypy
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python manage.py check

# The whole suite: one process per core (pytest-xdist), then the tests with a real Celery worker alone in one
# process (they start worker and beat processes and time them; sharing the machine's two cores with the rest of
# the suite made their deadlines flaky). DATABASE_URL / CELERY_BROKER_URL select PostgreSQL and Redis (as CI does);
# unset, SQLite. PYTEST_ARGS="tests/…" runs a part; exit code 5 (no test selected in one half) is not a failure.
test: lint
	$(BIN)/python -m pytest -n auto -m "not integration" $(PYTEST_ARGS) || [ $$? -eq 5 ]
	$(BIN)/python -m pytest -n0 -m integration $(PYTEST_ARGS) || [ $$? -eq 5 ]

# The browser tests again, writing their pictures to docs/screenshots/ (the README and the user guide show them).
screenshots: install
	KAOHE_SCREENSHOTS=1 $(BIN)/python -m pytest -n0 -q tests/browser

worker: install
	$(BIN)/celery -A config worker --loglevel=info

beat: install
	$(BIN)/celery -A config beat --loglevel=info

bench: install
	$(BIN)/python bench/recompute.py

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-* staticfiles
