# The project's commands. `make run` and `make test` are all a new machine needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
PYTEST := $(BIN)/python -m pytest

# Development defaults; production sets DEBUG=0 and a real SECRET_KEY (see README).
DEV_ENV := DEBUG=$${DEBUG:-1}

.DEFAULT_GOAL := help
.PHONY: help install run data messages test test-fast lint format check lock clean

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
	$(DEV_ENV) $(MANAGE) compilemessages --ignore=.venv -v 0

data: install  ## migrate, then load (and update) the fixtures into DATABASE_URL's database
	$(DEV_ENV) $(MANAGE) migrate --no-input -v 0
	$(DEV_ENV) $(MANAGE) load_directory

run: install messages  ## set up and serve on http://127.0.0.1:8000
	$(DEV_ENV) $(MANAGE) migrate --no-input -v 0
	@# --no-update adds what is missing and keeps records staff have edited.
	$(DEV_ENV) $(MANAGE) load_directory --no-update
	$(DEV_ENV) $(MANAGE) runserver 127.0.0.1:8000

test: install messages  ## the whole suite (browser tests included)
	$(DEV_ENV) $(PYTEST)

test-fast: install messages  ## the suite without the browser tests
	$(DEV_ENV) $(PYTEST) -m "not browser"

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
