.DEFAULT_GOAL := help
SHELL := /bin/bash

# The first Python 3.12+ found: python3.13, python3.12, then pyenv's installs, then python3.
# Override with `make run PYTHON=/path/to/python3.13`.
PYENV_ROOT ?= $(HOME)/.pyenv
PYTHON ?= $(shell for p in python3.13 python3.12 \
	$(PYENV_ROOT)/versions/3.13*/bin/python3 $(PYENV_ROOT)/versions/3.12*/bin/python3 \
	/usr/local/bin/python3.13 /usr/local/bin/python3.12 /usr/bin/python3.13 /usr/bin/python3.12 python3; do \
	if "$$p" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then echo "$$p"; break; fi; done)
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
PYTEST_WORKERS ?= 2
PRODUCT_APPS := onboarding tools_catalog learning_centre community
APPS := core hub accounts outbox $(PRODUCT_APPS)
LANGS := -l ar -l zh_Hans -l fr -l ru -l es

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  %-10s %s\n", $$1, $$2}'

# Dependencies: pyproject.toml keeps the ranges; uv resolves them into uv.lock and
# exports two hash-pinned requirement files that pip installs in hash-checking mode
# (requirements.lock: what production runs; requirements-dev.lock: that plus the
# dev tools). `make lock` after editing pyproject.toml, `make upgrade` to move on.
LOCK := requirements-dev.lock
RUNTIME_LOCK := requirements.lock
UV := UV_PYTHON_DOWNLOADS=never $(VENV)/bin/uv
UV_EXPORT := $(UV) export --frozen --no-emit-project --no-header --format requirements-txt --quiet

$(PY):
	@if [ -z "$(PYTHON)" ]; then \
		echo "error: no Python 3.12 or newer found. Install one, or run: make $(MAKECMDGOALS) PYTHON=/path/to/python3.12" >&2; exit 1; fi
	@echo "Using $(PYTHON) ($$($(PYTHON) --version))"
	@$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(LOCK) | $(PY)
	@echo "Installing the locked versions from $(LOCK) (hash-checked)..."
	@$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r $(LOCK) \
		>$(VENV)/install.log 2>&1 || { \
		if grep -q "DO NOT MATCH THE HASHES" $(VENV)/install.log; then \
			echo "error: a downloaded package does not match the hash in $(LOCK) (see $(VENV)/install.log); do not edit hashes by hand: check your package index, or run 'make lock' if pyproject.toml changed" >&2; \
		else \
			echo "error: installing $(LOCK) failed; the last lines of $(VENV)/install.log say why" >&2; tail -n 5 $(VENV)/install.log >&2; \
		fi; exit 1; }
	@touch $@

$(LOCK):
	@echo "error: $(LOCK) is missing: run 'make lock' to create it from pyproject.toml, then commit it" >&2; exit 1

# uv comes from the lock; only `make lock` without a lock installs it from its range.
$(VENV)/bin/uv: | $(PY)
	@$(PY) -m pip install --quiet --disable-pip-version-check "$$(grep -o '"uv[^"]*"' pyproject.toml | tr -d '"')"

install: $(VENV)/.installed ## Create .venv and install exactly the locked versions (hash-checked)

lock-check: $(VENV)/.installed ## Fail if uv.lock or the exported requirements no longer match pyproject.toml
	@$(UV) lock --check --offline --python $(PY) >/dev/null 2>&1 || { \
		echo "error: uv.lock does not match pyproject.toml: run 'make lock' and commit uv.lock, $(RUNTIME_LOCK) and $(LOCK)" >&2; exit 1; }
	@$(UV_EXPORT) --extra dev | diff -q - $(LOCK) >/dev/null || { \
		echo "error: $(LOCK) is not the export of uv.lock: run 'make lock' and commit it" >&2; exit 1; }
	@$(UV_EXPORT) | diff -q - $(RUNTIME_LOCK) >/dev/null || { \
		echo "error: $(RUNTIME_LOCK) is not the export of uv.lock: run 'make lock' and commit it" >&2; exit 1; }
	@echo "lock files match pyproject.toml"

lock: | $(VENV)/bin/uv ## Re-lock after editing pyproject.toml (keeps current versions where the ranges allow)
	$(UV) lock --python $(PY)
	$(UV_EXPORT) --extra dev -o $(LOCK)
	$(UV_EXPORT) -o $(RUNTIME_LOCK)
	@rm -f $(VENV)/.installed
	@$(MAKE) --no-print-directory install

upgrade: $(VENV)/.installed ## Move every dependency to the newest version the ranges allow, re-lock, run the suite
	$(UV) lock --upgrade --python $(PY)
	$(UV_EXPORT) --extra dev -o $(LOCK)
	$(UV_EXPORT) -o $(RUNTIME_LOCK)
	@rm -f $(VENV)/.installed
	@$(MAKE) --no-print-directory install
	@git --no-pager diff --stat -- uv.lock 2>/dev/null || true
	@$(MAKE) --no-print-directory test

messages: $(VENV)/.installed ## Extract new strings: locale/ for the core, <app>/locale/ for each product app
	$(MANAGE) makemessages $(LANGS) --no-obsolete --ignore=.venv --ignore=staticfiles --ignore=tests \
		$(foreach app,$(PRODUCT_APPS),--ignore=$(app))
	$(MANAGE) makemessages_app $(PRODUCT_APPS)

# The icon sprite: lucide-static (ISC) from the npm registry, only the icons named
# in static/icons/icons.txt; the result and the licence are committed, never hotlinked.
LUCIDE_VERSION := 1.87.0
icons: $(VENV)/.installed ## Rebuild static/icons/sprite.svg from lucide-static (npm pack; needs npm)
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
		(cd "$$tmp" && npm pack --silent lucide-static@$(LUCIDE_VERSION) >/dev/null && tar xzf lucide-static-$(LUCIDE_VERSION).tgz) && \
		$(PY) scripts/build_icon_sprite.py "$$tmp/package" static/icons

compile: $(VENV)/.installed
	@$(MANAGE) compilemessages --ignore=.venv --ignore=staticfiles -v 0

run: $(VENV)/.installed compile ## Install if needed, migrate, seed the demo, serve on :8000 (SQLite, eager tasks)
	$(MANAGE) migrate --no-input
	$(MANAGE) seed_demo
	$(MANAGE) runserver 127.0.0.1:8000

stack: $(VENV)/.installed ## Production settings for real here: gunicorn, worker, beat, SMTP sink on PostgreSQL + Redis
	@scripts/stack.sh

smoke: $(VENV)/.installed ## Start `make stack`, sign up, apply, approve over real HTTP, stop it (scripts/stack_smoke.sh)
	@scripts/stack_smoke.sh

worker: $(VENV)/.installed ## A Celery worker with beat (needs CELERY_BROKER_URL)
	@test -n "$$CELERY_BROKER_URL" || { echo "error: set CELERY_BROKER_URL, e.g. redis://127.0.0.1:6379/0" >&2; exit 1; }
	$(VENV)/bin/celery -A hub worker --beat --loglevel INFO

test: $(VENV)/.installed compile ## Compile translations, then run the whole test suite
	$(PY) -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

lint: $(VENV)/.installed ## ruff, ruff format --check, mypy, import-linter (layers), djLint, missing migrations (changes nothing)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy $(APPS)
	$(VENV)/bin/lint-imports
	$(VENV)/bin/djlint templates $(foreach app,$(PRODUCT_APPS),$(app)/templates) --lint
	$(MANAGE) makemigrations --check --dry-run
	$(MANAGE) check

fmt: $(VENV)/.installed ## Format Python and templates
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
	$(VENV)/bin/djlint templates $(foreach app,$(PRODUCT_APPS),$(app)/templates) --reformat --quiet || true

check: $(VENV)/.installed ## Django's checks, including the deploy checks with production settings
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=hub.settings.production DJANGO_SECRET_KEY=check-only-$$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n') \
		DJANGO_ALLOWED_HOSTS=hub.example.org DATABASE_URL=sqlite:///:memory: \
		CELERY_BROKER_URL=redis://127.0.0.1:6379/0 CACHE_URL=redis://127.0.0.1:6379/1 EMAIL_URL=smtp+tls://mail.example.org:587 \
		$(MANAGE) check --deploy --fail-level WARNING

up: ## Start the PostgreSQL + Redis + gunicorn + worker + beat stack with docker compose
	docker compose up --build

clean: ## Remove the virtual environment, the SQLite database and collected files
	rm -rf $(VENV) db.sqlite3 staticfiles

.PHONY: help install lock lock-check upgrade stack smoke messages icons baselines compile run worker test lint fmt check up clean

baselines: $(VENV)/.installed compile ## Rewrite the pattern library's screenshot baselines (tests/browser/baselines/) after a deliberate visual change
	UPDATE_BASELINES=1 $(PY) -m pytest -p no:randomly tests/browser/test_design_system.py -k baseline -q
