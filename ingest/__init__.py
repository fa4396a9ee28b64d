"""Ingest Chinese budget disclosures (预决算公开) into a DuckDB warehouse.

Stages, one module each: text (read, clean) -> detect (what document) -> segment (which
tables) -> parse_financial / parse_performance (rows) -> load (raw schema) -> pipeline
(refresh, dbt build, atomic publish). cli wires them to `python -m ingest`.
"""
