"""Speed of the readers: pages/s and ms per document for PDF, text and OCR, and what dominates.

    python -m bench.readers [--corpus ../shared/corpus] [--out bench/readers.json]

Times, in one process (the refresh runs one such process per core):
- PDF with a text layer: reading (pdfplumber: parse the page's drawing, find tables, group
  words) and parsing the lines it gives, per document and per page, with the reading split
  into its steps on one document;
- the same documents from their extracted text (needs ../shared/corpus/txt);
- OCR of pages without a text layer, per page.
Defaults to the PDFs of tests/fixtures/pdf (always there); with --corpus, every corpus PDF
that has a text twin.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "pdf"
CORPUS = ROOT.parent / "shared" / "corpus"


def time_documents(paths: list[Path]) -> dict:
    from ingest.parse_document import parse_source
    from ingest.readers import read_document

    read_s = parse_s = 0.0
    pages = lines = 0
    for path in paths:
        t0 = time.perf_counter()
        doc = read_document(path)
        t1 = time.perf_counter()
        parse_source(doc)
        parse_s += time.perf_counter() - t1
        read_s += t1 - t0
        pages += max(doc.pages) if doc.pages else 0
        lines += len(doc.lines)
    n = max(1, len(paths))
    return {
        "documents": len(paths),
        "pages": pages or None,
        "lines": lines,
        "read_ms_per_doc": round(1000 * read_s / n, 1),
        "parse_ms_per_doc": round(1000 * parse_s / n, 1),
        "read_ms_per_page": round(1000 * read_s / pages, 1) if pages else None,
        "pages_per_s": round(pages / (read_s + parse_s), 2) if pages else None,
    }


def pdf_steps(path: Path) -> dict:
    """Where one PDF's reading time goes (cProfile, cumulative seconds by step)."""
    from ingest.readers import read_document

    prof = cProfile.Profile()
    prof.enable()
    read_document(path)
    prof.disable()
    stats = pstats.Stats(prof, stream=io.StringIO())
    total = stats.total_tt  # type: ignore[attr-defined]
    steps = {
        "pdfminer: interpret the page's content stream": ("pdfinterp.py", "process_page"),
        "pdfplumber: page objects as dicts": ("page.py", "process_object"),
        "pdfplumber: find tables": ("page.py", "find_tables"),
        "pdfplumber: table cell text": ("table.py", "extract"),
        "pdfplumber: de-duplicate doubled glyphs": ("page.py", "dedupe_chars"),
        "ours: text lines": ("pdf_layout.py", "text_lines"),
    }
    out: dict = {"total_s_profiled": round(total, 2)}
    for label, (file_name, func_name) in steps.items():
        cum = sum(
            ct
            for (file, _line, func), (_cc, _nc, _tt, ct, _callers) in stats.stats.items()  # type: ignore[attr-defined]
            if Path(file).name == file_name and func == func_name
        )
        out[label] = f"{100 * cum / total:.0f} %" if total else None
    return out


def time_ocr(path: Path, pages: list[int]) -> dict | None:
    from ingest.readers import ocr

    engine, why_not = ocr.available_engine()
    if engine is None:
        return {"skipped": why_not}
    t0 = time.perf_counter()
    ocr.ocr_pdf_pages(engine, path.read_bytes(), pages[:1])  # first call loads the models
    first = time.perf_counter() - t0
    t0 = time.perf_counter()
    ocr.ocr_pdf_pages(engine, path.read_bytes(), pages)
    per_page = (time.perf_counter() - t0) / len(pages)
    return {
        "file": path.name,
        "pages": len(pages),
        "s_per_page": round(per_page, 2),
        "first_page_with_model_load_s": round(first, 2),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.readers")
    ap.add_argument("--corpus", type=Path, help="every corpus PDF with a text twin (default: tests/fixtures/pdf)")
    ap.add_argument("--out", type=Path)
    ap.add_argument("--no-ocr", action="store_true")
    args = ap.parse_args(argv)
    if args.corpus:
        from bench.pdf_vs_text import paired_names

        names = paired_names(args.corpus)
        pdfs = [args.corpus / "pdf" / f"{n}.pdf" for n in names]
        txt_dir = args.corpus / "txt"
    else:
        pdfs = sorted(FIXTURES.glob("*.pdf"))
        txt_dir = CORPUS / "txt"
    report: dict = {"pdf": time_documents(pdfs)}
    txts = [txt_dir / f"{p.stem}.txt" for p in pdfs if (txt_dir / f"{p.stem}.txt").exists()]
    report["txt (same documents)"] = time_documents(txts) if txts else "skipped: no extracted texts beside the PDFs"
    report["pdf reading by step (largest fixture)"] = pdf_steps(max(pdfs, key=lambda p: p.stat().st_size))
    if not args.no_ocr:
        report["ocr"] = time_ocr(FIXTURES / "015_5c96c5f19d.pdf", [18, 20])
    print(json.dumps(report, ensure_ascii=False, indent=1))
    if args.out:
        args.out.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
