"""The same documents read from their PDFs and from their extracted texts: facts and checks.

    python -m bench.pdf_vs_text [--corpus ../shared/corpus] [--out FILE.json] [--keep DIR]

For every corpus document that has both a `pdf/NAME.pdf` and a `txt/NAME.txt`, builds one
warehouse from the PDFs and one from the texts (refresh + dbt run, no dbt tests) and
compares, per document: published or rejected, facts by table, reconciliation checks passed
and failed. The bar (issue 16): the PDF path gives the same facts, and where it differs it is
the better reading (as many checks passing or more). Also times both readers (pages/s and
ms per document) and says how much of a PDF's time is reading versus parsing.
"""

from __future__ import annotations

import argparse
import csv
import json
import tempfile
import time
from pathlib import Path

import duckdb

from bench.corpus import build

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
FACTS = ("fct_expenditure", "fct_basic_expenditure", "fct_revenue", "fct_three_public", "fct_project_performance")
FACT_KEYS = {
    "fct_expenditure": "stage, fund_type, func_code, expense_type, round(amount_wan, 4)",
    "fct_basic_expenditure": "stage, econ_code, expense_type, round(amount_wan, 4)",
    "fct_revenue": "stage, revenue_type, round(amount_wan, 4)",
    "fct_three_public": "stage, item, round(amount_wan, 4)",
    "fct_project_performance": "stage, project_name, budget_wan, executed_wan, score",
}


def paired_names(corpus: Path) -> list[str]:
    with (corpus / "manifest.tsv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    names = {r["name"] for r in rows if r["pdf"] == "yes" and r["txt"] == "yes"}
    return sorted(n for n in names if (corpus / "pdf" / f"{n}.pdf").exists() and (corpus / "txt" / f"{n}.txt").exists())


def per_document(db: Path) -> dict[str, dict]:
    """stem -> {published, facts: {table: set of rows}, checks: (n, passed), rejected}"""
    con = duckdb.connect(str(db), read_only=True)
    out: dict[str, dict] = {}
    for (source_file,) in con.execute("select source_file from main.dim_document").fetchall():
        out[Path(source_file).stem] = {"published": True, "facts": {}, "checks": [0, 0]}
    for table, key in FACT_KEYS.items():
        rows = con.execute(
            f"select d.source_file, {key} from main.{table} f join main.dim_document d using (document_id)"
        ).fetchall()
        for source_file, *rest in rows:
            out[Path(source_file).stem]["facts"].setdefault(table, set()).add(tuple(rest))
    for source_file, n, passed in con.execute(
        "select source_file, count(*), count(*) filter (where passed) from main.fct_reconciliation group by 1"
    ).fetchall():
        out[Path(source_file).stem]["checks"] = [n, passed]
    for source_file, reason in con.execute("select source_file, reason from raw.ingest_rejections").fetchall():
        out[Path(source_file).stem] = {"published": False, "rejected": reason, "facts": {}, "checks": [0, 0]}
    con.close()
    return out


def compare(pdf: dict[str, dict], txt: dict[str, dict], names: list[str]) -> dict:
    docs = []
    for name in names:
        p, t = pdf.get(name, {}), txt.get(name, {})
        row: dict = {
            "name": name,
            "pdf_published": p.get("published", False),
            "txt_published": t.get("published", False),
            "pdf_checks": p.get("checks", [0, 0]),
            "txt_checks": t.get("checks", [0, 0]),
        }
        same = row["pdf_published"] == row["txt_published"]
        for table in FACTS:
            a, b = p.get("facts", {}).get(table, set()), t.get("facts", {}).get(table, set())
            row[table] = [len(a), len(b), len(a & b)]
            same = same and a == b
        row["same_facts"] = same
        pf, pn = row["pdf_checks"][1], row["pdf_checks"][0] - row["pdf_checks"][1]
        tf, tn = row["txt_checks"][1], row["txt_checks"][0] - row["txt_checks"][1]
        row["verdict"] = (
            "same"
            if same and row["pdf_checks"] == row["txt_checks"]
            else "pdf better"
            if (pf >= tf and pn <= tn) or (row["pdf_published"] and not row["txt_published"])
            else "text better"
            if (tf >= pf and tn <= pn) or (row["txt_published"] and not row["pdf_published"])
            else "mixed"
        )
        docs.append(row)
    verdicts: dict[str, int] = {}
    for d in docs:
        verdicts[d["verdict"]] = verdicts.get(d["verdict"], 0) + 1
    totals = {
        "documents": len(docs),
        "published": [sum(d["pdf_published"] for d in docs), sum(d["txt_published"] for d in docs)],
        "checks_passed": [sum(d["pdf_checks"][1] for d in docs), sum(d["txt_checks"][1] for d in docs)],
        "checks_failed": [
            sum(d["pdf_checks"][0] - d["pdf_checks"][1] for d in docs),
            sum(d["txt_checks"][0] - d["txt_checks"][1] for d in docs),
        ],
        "verdicts": verdicts,
    }
    return {"totals [pdf, txt]": totals, "documents": docs}


def time_readers(corpus: Path, names: list[str]) -> dict:
    """Reading alone and reading + parsing, per format, in one process (no pool)."""
    from ingest.parse_document import parse_source
    from ingest.readers import read_document

    out = {}
    for fmt in ("pdf", "txt"):
        read_s = parse_s = 0.0
        pages = 0
        for name in names:
            t0 = time.perf_counter()
            doc = read_document(corpus / fmt / f"{name}.{fmt}")
            t1 = time.perf_counter()
            parse_source(doc)
            parse_s += time.perf_counter() - t1
            read_s += t1 - t0
            pages += max(doc.pages) if doc.pages else 0
        n = len(names)
        out[fmt] = {
            "documents": n,
            "pages": pages or None,
            "read_ms_per_doc": round(1000 * read_s / n, 1),
            "parse_ms_per_doc": round(1000 * parse_s / n, 1),
            "pages_per_s": round(pages / (read_s + parse_s), 1) if pages else None,
        }
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.pdf_vs_text")
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--out", type=Path)
    ap.add_argument("--keep", type=Path, help="keep both warehouses in this folder")
    ap.add_argument("--no-timing", action="store_true")
    args = ap.parse_args(argv)
    if not (args.corpus / "manifest.tsv").exists():
        print(f"corpus not found at {args.corpus} (it lives in ../shared/corpus beside the project)")
        return 2
    names = paired_names(args.corpus)
    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or Path(tmp)
        results = {}
        for fmt in ("pdf", "txt"):
            folder = work / f"in_{fmt}"
            folder.mkdir(parents=True, exist_ok=True)
            for name in names:
                link = folder / f"{name}.{fmt}"
                if not link.exists():
                    link.symlink_to((args.corpus / fmt / f"{name}.{fmt}").resolve())
            db = (work / f"{fmt}.duckdb").resolve()
            db.unlink(missing_ok=True)
            t0 = time.perf_counter()
            build(folder, db)
            results[fmt] = per_document(db)
            print(f"{fmt}: built in {time.perf_counter() - t0:.1f} s", flush=True)
    report = compare(results["pdf"], results["txt"], names)
    if not args.no_timing:
        report["timing"] = time_readers(args.corpus, names)
    for d in report["documents"]:
        if d["verdict"] != "same":
            print(
                f"{d['name']}: {d['verdict']}: checks pdf {d['pdf_checks']} txt {d['txt_checks']}; "
                + "; ".join(f"{t[4:]} {d[t]}" for t in FACTS if d[t][0] != d[t][2] or d[t][1] != d[t][2])
            )
    print(json.dumps({k: v for k, v in report.items() if k != "documents"}, ensure_ascii=False, indent=1))
    if args.out:
        args.out.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
