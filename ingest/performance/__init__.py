"""Performance tables (绩效目标表, 绩效自评表, 汇总表), one module per part; the entry point is
ingest/parse_performance.py."""
