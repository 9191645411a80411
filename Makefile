# councilplan: `make demo` runs the demo council, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
PYTEST_ARGS ?=

.PHONY: demo test lint typecheck test-sqlite test-postgres install clean docs system-packages static examples

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@rm -f $(VENV)/.installed-*; touch $@

install: $(STAMP)

static:
	scripts/build-static

demo: $(STAMP) static
	$(BIN)/councilplan demo

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy councilplan

system-packages:
	scripts/system-packages

test-sqlite: $(STAMP) system-packages static
	@echo "== Test suite on SQLite =="
	DATABASE_URL=sqlite:///$(CURDIR)/var/test.sqlite3 $(BIN)/pytest -n 2 $(PYTEST_ARGS)

test-postgres: $(STAMP) system-packages static
	@echo "== Test suite on PostgreSQL (the tests that touch a database; pure tests ran above) =="
	url=$$(scripts/postgres-for-tests) && DATABASE_URL=$$url COUNCILPLAN_DATABASE_TESTS_ONLY=1 $(BIN)/pytest -n 2 $(PYTEST_ARGS)

test: lint typecheck test-sqlite test-postgres

clean:
	rm -rf $(VENV) var node_modules councilplan/web/static .pytest_cache .mypy_cache .ruff_cache

examples: $(STAMP)
	scripts/make-examples

docs: $(STAMP)
	COLUMNS=100 $(BIN)/python -m councilplan.clidocs > docs/cli.md
