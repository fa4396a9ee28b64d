"""Where one document's ingest time goes, stage by stage (one process, no pool).

    python -m bench.stages [--corpus bench/corpus/n1000-s0] [--docs 300]

The refresh's cost ratio to the read-and-split baseline says how far ingest is from the floor;
this says which stage the distance is in. Each stage is timed over the same documents, in
the order ingest runs them, and reported in milliseconds per document beside the baseline:

  read+split     read the bytes, decode UTF-8, split into lines (the baseline's own work)
  read           ingest's reader: encoding detection, hashing, newline repair
  detect         kind, year, unit, money unit (detect.py)
  segment        find the standard tables and their rows (segment.py)
  financial      parse the financial tables and repair codes (ingest/financial/)
  performance    parse the performance tables (parse_performance.py)
  to rows        raw rows as columns, as a worker sends them (load.columns_for)
  load           bulk insert of those rows into a fresh DuckDB file (load.append_rows)

Run warm: every stage is run once before it is timed, so memoised helpers are as warm as in
a long refresh. Output: a table on stdout, and `as_dict()` for bench/run.py.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from ingest import load
from ingest.detect import detect_document
from ingest.model import ParsedDocument
from ingest.parse_document import financial_money_unit, parse_financial_tables, parse_performance_tables
from ingest.segment import segment_tables
from ingest.text import read_document


def measure(paths: list[Path]) -> dict[str, float]:
    """Milliseconds per document for each stage over `paths` (second of two passes)."""
    import duckdb

    for _ in range(2):  # the first pass warms the memoised helpers; the second is kept
        times = dict.fromkeys(["read+split", "read", "detect", "segment", "financial", "performance", "to rows", "load"], 0.0)
        batches = []
        for p in paths:
            t0 = time.perf_counter()
            p.read_bytes().decode("utf-8").split("\n")
            t1 = time.perf_counter()
            doc = read_document(p, str(p))
            t2 = time.perf_counter()
            info = detect_document(doc)
            t3 = time.perf_counter()
            tables = segment_tables(doc, info.amount_unit)
            info.amount_unit = financial_money_unit(tables, info.amount_unit)
            t4 = time.perf_counter()
            errors: list = []
            amounts, repairs = parse_financial_tables(tables, info, errors)
            t5 = time.perf_counter()
            performance = parse_performance_tables(doc, info, errors, tables)
            t6 = time.perf_counter()
            batches.append(load.columns_for(ParsedDocument(doc, info, tables, amounts, repairs, performance, errors)))
            t7 = time.perf_counter()
            for name, secs in zip(times, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, t6 - t5, t7 - t6)):
                times[name] += secs
        with tempfile.TemporaryDirectory() as tmp:
            con = duckdb.connect(str(Path(tmp) / "stages.duckdb"))
            load.create_raw_schema(con)
            t0 = time.perf_counter()
            load.append_rows(con, batches)
            con.close()
            times["load"] = time.perf_counter() - t0
    return {name: round(secs / len(paths) * 1000, 3) for name, secs in times.items()}


def as_dict(corpus: Path, docs: int) -> dict:
    paths = sorted(corpus.glob("*.txt"))[:docs]
    per_doc = measure(paths)
    floor = per_doc["read+split"] or float("nan")
    ingest_ms = sum(v for k, v in per_doc.items() if k != "read+split")
    # the floor with loading: reading plus what any loader of these rows pays (build them,
    # insert them), i.e. everything but detection, segmentation and parsing
    load_floor = per_doc["read+split"] + per_doc["to rows"] + per_doc["load"]
    try:  # shown relative to the project, as the other bench paths are
        shown = str(corpus.resolve().relative_to(Path(__file__).resolve().parent.parent))
    except ValueError:
        shown = str(corpus)
    return {
        "corpus": shown,
        "documents": len(paths),
        "ms_per_doc": per_doc,
        "ingest_ms_per_doc_one_process": round(ingest_ms, 3),
        "ratio_vs_read_split": {k: round(v / floor, 1) for k, v in per_doc.items()},
        "read_and_load_floor_ms": round(load_floor, 3),
        "ingest_ratio_vs_read_and_load_floor": round(ingest_ms / load_floor, 1),
    }


def markdown(stages: dict) -> str:
    lines = [
        f"Stages, one process, {stages['documents']} documents of `{stages['corpus']}` (ms per document, "
        "and as a multiple of the read-and-split floor):",
        "",
        "| stage | ms / doc | × read+split |",
        "|---|---|---|",
    ]
    for name, ms in stages["ms_per_doc"].items():
        lines.append(f"| {name} | {ms:.3f} | {stages['ratio_vs_read_split'][name]}× |")
    lines.append(
        f"| **all ingest stages** | {stages['ingest_ms_per_doc_one_process']:.3f} | "
        f"{round(stages['ingest_ms_per_doc_one_process'] / stages['ms_per_doc']['read+split'], 1)}× |"
    )
    if "read_and_load_floor_ms" in stages:
        lines += [
            "",
            f"The loading alone (to rows + load) is already "
            f"{round((stages['ms_per_doc']['to rows'] + stages['ms_per_doc']['load']) / stages['ms_per_doc']['read+split'], 1)}× "
            f"the read-and-split floor. Against a floor that includes it (read+split + to rows + load = "
            f"{stages['read_and_load_floor_ms']:.3f} ms), all ingest stages cost "
            f"{stages['ingest_ratio_vs_read_and_load_floor']}×.",
        ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=Path(__file__).resolve().parent / "corpus" / "n1000-s0")
    ap.add_argument("--docs", type=int, default=300)
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)
    stages = as_dict(args.corpus, args.docs)
    print(json.dumps(stages, ensure_ascii=False) if args.json else markdown(stages))


if __name__ == "__main__":
    main()
