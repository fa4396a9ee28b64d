"""Synthetic corpora and benchmarks for the ingest pipeline.

`bench.generate` writes realistic 预算 / 决算 / 绩效自评 documents (in the table layouts the
real samples show) together with the truth they were generated from; `bench.run` times the
refresh on corpora of growing size. Generated corpora live under bench/corpus/ (git-ignored).
"""
