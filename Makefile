# Two commands on a fresh clone: `make run` (set up, ingest the samples, build, docs) and
# `make test` (set up, lint, run the whole test suite). Nothing is installed by hand.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup run test lint docs report clean bench bench-scale test-spark

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $(STAMP)

setup: $(STAMP)

run: setup
	$(BIN)/python -m ingest refresh --docs
	$(BIN)/python -m ingest report

test: setup lint
	$(BIN)/python -m pytest -q tests

# ruff (lint + format check) over the project, mypy over ingest/; `make format` fixes what it can
lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: setup
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

docs: setup
	$(BIN)/python -m ingest docs

report: setup
	$(BIN)/python -m ingest report

# ingest by size (100 … 10,000 generated documents) with the stage profile, and the readers
# (PDF vs text: pages/s, ms per document)
bench: setup
	$(BIN)/python -m bench.run
	$(BIN)/python -m bench.readers --out bench/readers.json

# at scale (10,000 and 100,000 documents): in-process vs Dask, full vs incremental, memory
bench-scale: setup
	$(BIN)/python -m bench.scale

# the same dbt project built on Spark (pyspark local, Java 17) from the samples' raw layer as
# Parquet; its marts must equal DuckDB's (tests/test_spark.py)
SPARK_STAMP := $(VENV)/.spark-installed
$(SPARK_STAMP): $(STAMP) requirements-spark.txt
	$(BIN)/pip install --quiet -r requirements-spark.txt
	touch $(SPARK_STAMP)

test-spark: $(SPARK_STAMP)
	SPARK_TESTS=1 $(BIN)/python -m pytest -q tests/test_spark.py

clean:
	rm -rf target logs warehouse.duckdb warehouse.duckdb.*
