# The project's verbs. Each target sets up what it needs (virtualenv, install, database).
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
VAR := $(CURDIR)/var
DEMO_DATABASE_URL := sqlite:///$(VAR)/smartdistrict.sqlite3
export SMARTDISTRICT_VAR_DIR ?= $(VAR)
# The suite runs on every core (pytest-xdist, one test database per worker); TEST_WORKERS=0
# runs it in one process (e.g. to read a failure without interleaved output).
TEST_WORKERS ?= auto
PYTEST := $(BIN)/pytest -n $(TEST_WORKERS)
# Links in the demo's e-mails point at the demo server.
demo: export PUBLIC_BASE_URL ?= http://127.0.0.1:$(PORT)

.PHONY: install demo serve test test-fast lint migrations-check bench messages clean

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

## make demo: the Ho Chi Minh City demo (pack hcmc) on SQLite under var/, served at http://127.0.0.1:$(PORT)
demo: install
	DATABASE_URL=$(DEMO_DATABASE_URL) $(BIN)/smartdistrict migrate --noinput -v0
	DATABASE_URL=$(DEMO_DATABASE_URL) $(BIN)/smartdistrict collectstatic --noinput -v0
	DATABASE_URL=$(DEMO_DATABASE_URL) $(BIN)/smartdistrict seed_demo
	DATABASE_URL=$(DEMO_DATABASE_URL) $(BIN)/smartdistrict seed_environment
	DATABASE_URL=$(DEMO_DATABASE_URL) $(BIN)/smartdistrict seed_targets
	DATABASE_URL=$(DEMO_DATABASE_URL) $(BIN)/smartdistrict seed_survey
	DATABASE_URL=$(DEMO_DATABASE_URL) $(BIN)/smartdistrict seed_alleys
	DATABASE_URL=$(DEMO_DATABASE_URL) $(BIN)/smartdistrict dashboard_refresh
	@echo
	@echo "smartdistrict is starting at http://127.0.0.1:$(PORT)/"
	@echo "  residents' portal:              http://127.0.0.1:$(PORT)/  (report: /report/, follow: /track/)"
	@echo "  staff console:                  http://127.0.0.1:$(PORT)/console/  (log in as tongdai: the city hotline; canbo.binhquoi …)"
	@echo "  dashboard and targets:          http://127.0.0.1:$(PORT)/dashboard/  /targets/  (log in as lanhdao)"
	@echo "  canal water quality:            http://127.0.0.1:$(PORT)/environment/"
	@echo "  one-stop shop satisfaction:     http://127.0.0.1:$(PORT)/survey/results/  (staff; residents answer at /survey/<code>)"
	@echo "  alley upgrades (public):        http://127.0.0.1:$(PORT)/alleys/  (ward: /alleys/staff/)"
	@echo "  admin site:                     http://127.0.0.1:$(PORT)/admin/  (log in as admin)"
	@echo "  REST API docs:                  http://127.0.0.1:$(PORT)/api/v1/docs/"
	@echo "  point -> unit:                  http://127.0.0.1:$(PORT)/api/v1/geography/lookup?lat=10.8058&lon=106.7190"
	@echo "  address -> unit:                http://127.0.0.1:$(PORT)/api/v1/geography/resolve?address=P.14,%20Q.3"
	@echo "  health:                         http://127.0.0.1:$(PORT)/healthz"
	@echo "  Open311 GeoReport v2:           http://127.0.0.1:$(PORT)/open311/v2/discovery.json"
	@echo "  report by e-mail (SMTP):        127.0.0.1:2525 (any address, e.g. phananh@localhost; answers are printed here)"
	@echo
	@DATABASE_URL=$(DEMO_DATABASE_URL) $(BIN)/smartdistrict demo_accounts
	@echo
	@echo "E-mails to residents and staff are printed here by the job worker."
	@echo "Stop with Ctrl+C."
	DATABASE_URL=$(DEMO_DATABASE_URL) $(BIN)/smartdistrict run_huey --workers 1 & \
	worker=$$!; \
	DATABASE_URL=$(DEMO_DATABASE_URL) $(BIN)/smartdistrict smtp_intake --host 127.0.0.1 --port 2525 & \
	smtp=$$!; trap 'kill $$worker $$smtp 2>/dev/null' EXIT INT TERM; \
	DATABASE_URL=$(DEMO_DATABASE_URL) $(BIN)/gunicorn smartdistrict.wsgi \
		--bind 127.0.0.1:$(PORT) --workers 2 --access-logfile -

## make test: the whole suite on SQLite, then on PostgreSQL when DATABASE_URL points at one
test: install
	@echo "== test suite on SQLite =="
	DATABASE_URL=sqlite:///$(VAR)/test.sqlite3 $(PYTEST)
	@case "$$DATABASE_URL" in \
	  postgres*) echo "== test suite on PostgreSQL ($$DATABASE_URL) =="; $(PYTEST) ;; \
	  *) echo "(DATABASE_URL does not point at PostgreSQL: PostgreSQL run skipped)" ;; \
	esac

## make test-fast: the quick set for development (no service or browser tests), SQLite only
test-fast: install
	DATABASE_URL=sqlite:///$(VAR)/test.sqlite3 $(PYTEST) -m "not slow and not service"

## make lint: ruff, and the import contracts of pyproject.toml (docs/architecture.md)
lint: install
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-cache

migrations-check: install
	DATABASE_URL=sqlite:///$(VAR)/check.sqlite3 $(BIN)/smartdistrict makemigrations --check --dry-run

## make bench: measures and rewrites docs/BENCHMARKS.md. BENCH_DATABASE_URL picks the engine:
## SQLite (default) runs the whole suite; a PostgreSQL scratch database whose name contains
## "bench" (dropped and recreated) runs the city-scale figures at BENCH_SCALES (default
## 100000,1000000), then the whole city, public reports and survey at the largest size
## (sections "scale" and "million"), e.g.
## BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/pgscale_bench
BENCH_DATABASE_URL ?= sqlite:///$(VAR)/bench.sqlite3
bench: install
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python -m benchmarks.run

## make messages: extract strings into the .po catalogues (the source of the translations), compile, list what is untranslated
messages: install
	cd smartdistrict && ../$(BIN)/smartdistrict makemessages -l vi -l en --no-obsolete --add-location=file \
		--ignore '*/tests/*' --ignore conftest.py
	cd smartdistrict && ../$(BIN)/smartdistrict compilemessages
	$(BIN)/python scripts/untranslated.py

clean:
	rm -rf $(VENV) var/*.sqlite3* var/static
