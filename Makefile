# placetrain: `make run` serves the app with demo data on SQLite; `make test` runs the suite.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
PYTHON := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000
VENDOR := placetrain/static/vendor
# Development is chosen here, never fallen into: without it the settings are production's.
export PLACETRAIN_ENV ?= development
DS := node_modules/@digdir/designsystemet-css/dist

.PHONY: setup deps static messages migrate demo run check test test-sqlite test-pg lint format browser clean

setup: deps static messages

deps: $(VENV)/.installed
$(VENV)/.installed: pyproject.toml
	test -x $(PYTHON) || $(PY) -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --upgrade pip
	$(PYTHON) -m pip install --quiet -e '.[dev]'
	touch $@

# Designsystemet from npm into a git-ignored static folder (never committed, never a CDN);
# axe-core (a devDependency) stays in node_modules for the accessibility tests. npm writes
# node_modules/.package-lock.json on every install, so a fresh clone, a deleted node_modules or
# a changed package.json / package-lock.json all run npm install again.
NPM_STAMP := node_modules/.package-lock.json
static: $(VENDOR)/designsystemet/index.css
$(NPM_STAMP): package.json package-lock.json
	npm install --no-audit --no-fund --silent
	touch $@
$(VENDOR)/designsystemet/index.css: $(NPM_STAMP)
	mkdir -p $(VENDOR)/designsystemet
	cp $(DS)/src/index.css $(VENDOR)/designsystemet/index.css
	cp $(DS)/theme/designsystemet.css $(VENDOR)/designsystemet/theme.css

messages: deps
	$(PYTHON) manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0

migrate: setup
	$(PYTHON) manage.py migrate --noinput -v 0

demo: migrate
	$(PYTHON) manage.py seed_demo --if-empty

run: demo browser
	$(PYTHON) manage.py runserver $(HOST):$(PORT)

# System packages from Debian: Chromium for the browser tests, Pango for WeasyPrint's PDFs.
# Installed when missing (CI and developers run as root).
SYSTEM_PACKAGES := chromium libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core
browser:
	@dpkg -s $(SYSTEM_PACKAGES) >/dev/null 2>&1 || \
	  (apt-get update -qq && apt-get install -y -qq $(SYSTEM_PACKAGES) >/dev/null)

# The checks that help the next person first (lint, format, complexity, layers, types), then
# the suite on SQLite.
check: deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/mypy

test: setup browser check
	$(BIN)/pytest -n 2 -p no:cacheprovider

test-pg: setup browser
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/placetrain} $(BIN)/pytest -n 2 -p no:cacheprovider

lint: check

format: deps
	$(BIN)/ruff format . && $(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) node_modules $(VENDOR) staticfiles db.sqlite3*
