# Village Commons (村务通). `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PY := $(BIN)/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
CHROMIUM ?= /usr/bin/chromium
# Two workers on the 2-core CI machine; files stay whole on one worker so module fixtures are built once.
PYTEST_WORKERS ?= 2
PYTEST := $(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadfile

.PHONY: help install lock migrate demo run test test-fast test-browser browser lint format messages ci clean serve worker periodic backup mutation

help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[1m%-14s\033[0m %s\n", $$1, $$2}'

# requirements.txt (runtime) and requirements-dev.txt (tests, lint) pin the top-level packages; requirements.lock,
# made from them by `make lock`, pins every package they pull in, with its hashes. Installs read the lock only.
LOCK := requirements.lock
PIP_COMPILE := $(BIN)/pip-compile --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url \
	--no-emit-find-links --quiet

$(STAMP): $(LOCK)
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r $(LOCK)
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install every dependency from requirements.lock (versions and hashes)

# Keeps the versions already locked unless requirements*.txt asks otherwise; `make lock UPGRADE=1` moves them all.
lock: ## Regenerate requirements.lock from requirements.txt and requirements-dev.txt (pip-tools)
	test -x $(BIN)/pip-compile || $(PY) -m pip install --quiet pip-tools==7.6.2
	$(PIP_COMPILE) $(if $(UPGRADE),--upgrade) -o $(LOCK) requirements-dev.txt

migrate: install ## Apply database migrations
	$(MANAGE) migrate --noinput

demo: migrate ## Load the demo county (safe to run again)
	$(MANAGE) seed_demo

# Seeding ends without the accounts here: the server prints them after its own start-up lines, so they come last.
# The periodic jobs (phase announcements, closing unrated requests) run beside the server once a minute, as the
# systemd timer runs them in production (deploy/cunwu-periodic.timer), and stop with it.
run: migrate ## Serve the demo portal on http://127.0.0.1:8000 (and run the periodic jobs every minute)
	$(MANAGE) seed_demo --no-welcome
	$(MANAGE) run_periodic_jobs --every 60 >/dev/null & jobs=$$!; trap 'kill $$jobs' EXIT; \
		$(MANAGE) runserver --welcome $(HOST):$(PORT)

# Production (README "Production"): settings from the environment, or from $(ENV_FILE) when it exists.
ENV_FILE ?= .env
PROD_ENV = set -a; if [ -f "$(ENV_FILE)" ]; then . "$(abspath $(ENV_FILE))"; fi; set +a; \
	export DJANGO_SETTINGS_MODULE=portal.settings.production;

serve: install ## Production: collectstatic, migrate, then gunicorn (workers from the CPU count)
	$(PROD_ENV) $(MANAGE) collectstatic --noinput -v0 && $(MANAGE) migrate --noinput && \
		exec $(BIN)/gunicorn -c deploy/gunicorn.conf.py portal.wsgi

worker: install ## Production: the background-task worker (django-tasks database backend)
	$(PROD_ENV) exec $(MANAGE) db_worker

periodic: install ## Production: run the periodic jobs once (deploy/cunwu-periodic.timer runs this every 5 minutes)
	$(PROD_ENV) exec $(MANAGE) run_periodic_jobs

backup: install ## Production: write a backup archive to BACKUP_DIR (manage.py backup)
	$(PROD_ENV) $(MANAGE) backup

browser: ## Make sure Debian's Chromium is there for the browser tests
	@if [ ! -x $(CHROMIUM) ]; then \
		if [ "$$(id -u)" = "0" ]; then \
			echo "Installing Debian's Chromium for the browser tests"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null; \
		else \
			echo "The browser tests need Debian's Chromium. Run:  sudo apt-get install -y chromium fonts-wqy-microhei"; \
			exit 1; \
		fi; \
	fi

# Tests that commit for real flush the database when they end: they run alone, after the rest.
test: install browser ## Run the whole test suite (unit, page, API, browser)
	$(PYTEST) -m "not transactional"
	$(BIN)/pytest -p no:xdist -m transactional

test-fast: install ## Run the suite without the browser tests
	$(PYTEST) -m "not browser and not transactional"
	$(BIN)/pytest -p no:xdist -m transactional

# Mutation testing of the domain modules (pyproject [tool.mutmut], docs/mutation.md); not part of CI. Starts from a
# fresh mutants/ copy, niced, with MUTATION_WORKERS processes; MUTANTS narrows it ("council.quorum.*").
MUTATION_WORKERS ?= 2
MUTANTS ?=
mutation: install ## Mutation testing of the domain modules with mutmut, then the per-module survivor table
	rm -rf mutants
	nice -n 19 $(BIN)/mutmut run --max-children $(MUTATION_WORKERS) $(MUTANTS) >mutants.log 2>&1 || \
		{ tail -n 40 mutants.log; exit 1; }
	$(PY) tests/mutation_report.py --survivors

lint: install ## Check style and common bugs with ruff
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install ## Reformat the code with ruff
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: install ## Update and compile the zh-Hans, zh-Hant and English catalogues
	$(MANAGE) makemessages --no-obsolete -l zh_Hans -l zh_Hant -l en --ignore=.venv --ignore=staticfiles \
		--ignore=portal/templates/wagtailadmin --ignore=portal/templates/wagtaillocales
	$(MANAGE) compilemessages --ignore=.venv

ci: ## Run what CI runs
	bash .ci/run

clean: ## Remove the virtualenv, the SQLite database and collected files
	rm -rf $(VENV) db.sqlite3 staticfiles .test-media .pytest_cache demo-mail mutants mutants.log
