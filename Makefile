# Two commands on a fresh clone: `make run` (set up, ingest the samples, build, docs) and
# `make test` (set up, run the whole test suite). Nothing is installed by hand.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup run test docs clean bench

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $(STAMP)

setup: $(STAMP)

run: setup
	$(BIN)/python -m ingest refresh --docs

test: setup
	$(BIN)/python -m pytest -q tests

docs: setup
	$(BIN)/python -m ingest docs

bench: setup
	$(BIN)/python -m bench.run

clean:
	rm -rf target logs warehouse.duckdb warehouse.duckdb.*
