# Ladder: the two set-up commands are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
PYTEST := $(BIN)/python -m pytest

.PHONY: run test test-unit test-browser test-backends bench bench-labs bench-labs-quick daphnes lint migrate demo clean check-deploy

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(DEV_STAMP): requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(STAMP) $@

## run: install, migrate, load the demo content and serve on http://127.0.0.1:$(PORT) with daphne
## (and the scheduled-jobs runner and the background-task worker beside it)
run: $(STAMP)
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py migrate --noinput
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py seed_demo
	@echo "Ladder is at http://127.0.0.1:$(PORT)/ (admin: http://127.0.0.1:$(PORT)/admin/)"
	export DEBUG=$${DEBUG:-1}; $(BIN)/python manage.py run_scheduled_jobs & jobs=$$!; \
		$(BIN)/python manage.py db_worker & worker=$$!; trap "kill $$jobs $$worker" EXIT INT TERM; \
		$(BIN)/python -m config.server -b 127.0.0.1 -p $(PORT) config.asgi:application

## test: every test on the embedded back ends: unit, integration, then browser (own process)
test: $(DEV_STAMP) chromium
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	LADDER_TESTING=1 $(BIN)/python manage.py makemigrations --check --dry-run
	$(PYTEST) -m "not browser" -q
	$(PYTEST) -m browser -q tests/browser

test-unit: $(DEV_STAMP)
	$(PYTEST) -m "not browser" -q

test-browser: $(DEV_STAMP) chromium
	$(PYTEST) -m browser -q tests/browser

## test-backends: the non-browser tests again on PostgreSQL and Redis
test-backends: $(DEV_STAMP)
	tests/backends/with-backends.sh $(PYTEST) -m "not browser" -q

## bench: benchmarks into bench/results.json and docs/benchmarks.md
bench: $(DEV_STAMP)
	$(BIN)/python -m bench.run

## bench-labs: only the live lab room (about twenty minutes); bench-labs-quick: a small, short check
bench-labs: $(DEV_STAMP)
	$(BIN)/python -m bench.run --suite labs

bench-labs-quick: $(DEV_STAMP)
	$(BIN)/python -m bench.run --suite labs --quick

## daphnes: N daphne processes on Redis (REDIS_URL) from port 8001, e.g. `make daphnes N=2`
daphnes: $(STAMP)
	$(BIN)/python -m bench.cluster --processes $${N:-2} --base-port $${BASE_PORT:-8001}

chromium:
	@[ -x /usr/bin/chromium ] || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium)

lint: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

## check-deploy: Django's deployment checks with production settings
check-deploy: $(STAMP)
	DEBUG=0 SECRET_KEY=check-deploy-$$(date +%s)-not-a-real-key-but-long-enough-to-pass ALLOWED_HOSTS=ladder.example.org \
		$(BIN)/python manage.py check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) var staticfiles
