# The two commands a newcomer needs: `make run` and `make test`. Everything else is here for CI and benchmarks.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
CHROMIUM ?= /usr/bin/chromium
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint pytest e2e bench install install-test clean chromium services test-engines

$(PY):
	@PYTHON=$$(scripts/find-python) && echo "Creating $(VENV) with $$PYTHON" && "$$PYTHON" -m venv $(VENV)
	@$(PY) -m pip install --quiet --upgrade pip

# Stamp files: reinstall only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

run: install
	$(MANAGE) migrate --no-input
	$(MANAGE) setup_roles
	$(MANAGE) load_demo
	$(MANAGE) ensure_admin
	$(MANAGE) runserver $(HOST):$(PORT)

lint: install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

pytest: install-test
	$(VENV)/bin/pytest -m "not browser" -n 2 $(PYTEST_ARGS)

test: lint pytest

# PostgreSQL and Redis for the tests, installed from Debian when missing and started when not running (a new
# machine and CI have neither): PostgreSQL on 127.0.0.1:5432 with a `test` database that `postgres` reaches
# without a password (trust on loopback), Redis on 127.0.0.1:6379 without persistence. Idempotent.
services:
	@set -euo pipefail; \
	if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || ! command -v redis-server >/dev/null 2>&1; then \
	  echo "Installing postgresql redis-server from Debian"; \
	  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql redis-server >/dev/null; \
	fi; \
	version="$$(ls /etc/postgresql | sort -V | tail -n 1)"; \
	hba="/etc/postgresql/$$version/main/pg_hba.conf"; \
	if ! grep -q '^host all all 127.0.0.1/32 trust' "$$hba"; then \
	  sed -i '/^host\s\+all\s\+all\s\+127.0.0.1\/32/d; /^host\s\+all\s\+all\s\+::1\/128/d' "$$hba"; \
	  printf 'host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust\n' >>"$$hba"; \
	  pg_ctlcluster --skip-systemctl-redirect "$$version" main reload >/dev/null 2>&1 || true; \
	fi; \
	pg_isready -q -h 127.0.0.1 -p 5432 || pg_ctlcluster --skip-systemctl-redirect "$$version" main start; \
	for _ in $$(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 0.5; done; \
	psql -h 127.0.0.1 -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'test'" | grep -q 1 \
	  || psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE test"; \
	redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 \
	  || redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >/dev/null; \
	for _ in $$(seq 1 30); do redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && break; sleep 0.2; done; \
	echo "PostgreSQL $$version on 127.0.0.1:5432 (database test), Redis on 127.0.0.1:6379"

# The search engines against a real node: scripts/search-node builds search-node/ (Maven, cached in ~/.m2)
# and starts an OpenSearch node on a free loopback port; tests/engines runs against it; the node is stopped
# whatever happens. A skipped engine test fails the target: here every one of them must run.
test-engines: install-test
	@set -euo pipefail; \
	log="$$(mktemp)"; \
	url="$$(scripts/search-node start)"; \
	trap 'scripts/search-node stop; rm -f "$$log"' EXIT; \
	SEARCH_ENGINE_URL="opensearch+$$url" $(VENV)/bin/pytest tests/engines -p no:xdist -rs $(PYTEST_ARGS) 2>&1 \
	  | tee "$$log"; \
	if grep -Eq "[0-9]+ skipped" "$$log"; then echo "Engine tests were skipped: every one must run here." >&2; exit 1; fi

chromium:
	@command -v $(CHROMIUM) >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium fonts-noto-cjk; }

e2e: install-test chromium
	CHROMIUM=$(CHROMIUM) $(VENV)/bin/pytest -m browser -p no:xdist $(PYTEST_ARGS)

bench: install-test
	$(PY) benchmarks/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) db.sqlite3* media/ static_collected/ .pytest_cache
