"""Damaged documents never hold back the others.

Every sample is damaged the way OCR and text extraction damage tables (a digit lost from a
code, an amount replaced by junk, lines lost, doubled, split or run together, cells swapped
or blanked, a score far above its weight, stray characters), several times over with a fixed
seed, and the whole set is refreshed with `dbt build`. Whatever the damage, the refresh must
publish: each document either loads (its inconsistencies become reconciliation findings and
repairs, which are data) or is rejected with its reason; no parser crash, no failed build.
Variants of one sample are versions of one document (one is current); the originals'
own checks are asserted on the samples' warehouse (tests/test_warehouse.py).
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import duckdb
from conftest import SAMPLES

from ingest import pipeline

SEED = 20261201
VARIANTS_PER_SAMPLE = 3
JUNK_AMOUNTS = ["1O0.5", "—", "／", "12.3.4", "-", "∞", "9" * 15, "0.0.0", "(5)", "-3.2"]
STRAY = ["\ufffd", "|", "\t", "  ", "表", "合计", "##", "单位：元", "2019年"]


def damage(lines: list[str], rng: random.Random) -> list[str]:
    lines = list(lines)
    for _ in range(rng.randint(3, 12)):
        op = rng.choice(
            ["drop_digit", "junk_amount", "delete", "double", "stray", "swap", "score", "split", "run_together", "blank"]
        )
        i = rng.randrange(len(lines))
        line, cells = lines[i], lines[i].split("\t")
        if op == "drop_digit":
            coded = [k for k, text in enumerate(lines) if re.match(r"^\d{3,7}\t", text)]
            if coded:
                k = rng.choice(coded)
                code = lines[k].split("\t")[0]
                j = rng.randrange(len(code))
                lines[k] = code[:j] + code[j + 1 :] + lines[k][len(code) :]
        elif op == "junk_amount":
            numeric = [j for j, c in enumerate(cells) if c.strip() and re.fullmatch(r"[\d,.\s]+", c.strip())]
            if numeric:
                cells[rng.choice(numeric)] = rng.choice(JUNK_AMOUNTS)
                lines[i] = "\t".join(cells)
        elif op == "delete":
            del lines[i]
        elif op == "double":
            lines.insert(i, line)
        elif op == "stray" and line:
            j = rng.randrange(len(line))
            lines[i] = line[:j] + rng.choice(STRAY) + line[j:]
        elif op == "swap" and len(cells) > 2:
            a, b = rng.sample(range(len(cells)), 2)
            cells[a], cells[b] = cells[b], cells[a]
            lines[i] = "\t".join(cells)
        elif op == "score":
            scored = [k for k, text in enumerate(lines) if re.search(r"\t\d+(\.\d+)?\t\d+(\.\d+)?\t?$", text)]
            if scored:
                k = rng.choice(scored)
                lines[k] = re.sub(
                    r"\t(\d+(?:\.\d+)?)(\t?)$", lambda m: f"\t{rng.choice([999, 150, -5, 0.001])}{m.group(2)}", lines[k]
                )
        elif op == "split" and len(line) > 6:
            j = rng.randrange(1, len(line))
            lines[i : i + 1] = [line[:j], line[j:]]
        elif op == "run_together" and i + 1 < len(lines):
            lines[i : i + 2] = [line + lines[i + 1]]
        elif op == "blank" and len(cells) > 1:
            cells[rng.randrange(len(cells))] = ""
            lines[i] = "\t".join(cells)
    return lines


def refresh_variants(tmp_path: Path, folder: str, variants):
    """Refresh the samples' variants on their own (under `folder`/): variants(path) yields
    (file name, text) pairs. A variant is another version of its original (same unit, year,
    kind and scope), so the originals are not refreshed beside them (only one version of a
    document is current): compare with the samples' own warehouse (`built_warehouse`).
    Returns (samples, warehouse path, refresh result)."""
    inp = tmp_path / "input"
    (inp / folder).mkdir(parents=True)
    samples = sorted(SAMPLES.rglob("*.txt"))
    for path in samples:
        for name, text in variants(path):
            (inp / folder / name).write_text(text, encoding="utf-8")
    db = tmp_path / "warehouse.duckdb"
    return samples, db, pipeline.refresh(inp, db, build=True)


def test_damaged_documents_never_block_the_refresh(tmp_path: Path):
    rng = random.Random(SEED)

    def damaged(path: Path):
        lines = path.read_text(encoding="utf-8").split("\n")
        for k in range(VARIANTS_PER_SAMPLE):
            yield f"{path.stem}_damaged{k}.txt", "\n".join(damage(lines, rng))

    samples, db, result = refresh_variants(tmp_path, "damaged", damaged)

    assert result.published, result.dbt_summary
    n_damaged = len(samples) * VARIANTS_PER_SAMPLE
    assert result.documents_seen == n_damaged
    assert not [r for r in result.rejections if r["stage"] == "parse"], result.rejections  # no parser crash
    assert all(r["reason"] for r in result.rejections)
    con = duckdb.connect(str(db), read_only=True)
    try:
        loaded = con.execute("select count(*) from main.dim_document").fetchone()[0]
        assert loaded + len(result.rejections) == n_damaged
        assert loaded >= n_damaged * 3 // 4  # damage rejects a few documents, not most
        # one current version per document, whatever the damage (the others are kept as history)
        per_identity = con.execute(
            "select count(*) filter (where is_current), count(*) from main.dim_document group by unit_name, year, doc_kind, scope"
        ).fetchall()
        assert all(current == 1 for current, _ in per_identity), per_identity
        # and the damage is visible as data: repairs and failed checks on the damaged copies
        findings = con.execute("""select count(*) from main.fct_reconciliation r
                                  join main.dim_document d using (document_id, source_file)
                                  where d.source_path like 'damaged/%' and not r.passed""").fetchone()[0]
        assert findings > 0
    finally:
        con.close()


FACTS = {
    "fct_expenditure": "fund_type, func_code, expense_type, amount_wan",
    "fct_basic_expenditure": "econ_code, expense_type, amount_wan",
    "fct_revenue": "revenue_type, amount_wan",
    "fct_three_public": "stage, item, amount_wan",
}


def test_tables_printed_twice_give_the_same_facts(tmp_path: Path, built_warehouse: Path):
    """A document may print its tables twice (a 部门 document with the 汇总 tables and the same
    tables again for its only 单位). The facts are those of one printing, and the second
    printing is checked against the first (R06) without false findings. Three printings of
    one fact used to make two R06 rows with one check_id, which failed the build."""

    def printed_twice(path: Path):
        text = path.read_text(encoding="utf-8")
        yield path.name, text + "\n" + text

    samples, db, result = refresh_variants(tmp_path, "twice", printed_twice)

    assert result.published, result.dbt_summary
    con = duckdb.connect(str(db), read_only=True)
    original = duckdb.connect(str(built_warehouse), read_only=True)
    try:
        for model, columns in FACTS.items():

            def facts(c, model=model, columns=columns):
                return sorted(
                    c.execute(f"""select d.source_file, {columns} from main.{model} f
                                  join main.dim_document d using (document_id)""").fetchall()
                )

            once = facts(original)
            assert once, model
            assert facts(con) == once, model
        failed = con.execute("""select d.source_file, r.rule_id, r.subject from main.fct_reconciliation r
                                join main.dim_document d using (document_id, source_file)
                                where d.source_path like 'twice/%' and r.severity = 'error' and not r.passed""").fetchall()
        assert failed == []
    finally:
        con.close()
        original.close()


def test_bundled_and_cut_documents_never_block_the_refresh(tmp_path: Path):
    """Files as they come off a crawler: two documents in one file (a self-evaluation bundled
    with its unit's 决算, the first one cut short) and documents cut at a random point. Each
    loads or is rejected with a reason, and the refresh publishes. A 绩效自评 bundled with a
    决算's tables used to keep the kind 绩效自评, so its financial facts had stage '绩效自评'
    and failed the stage tests of the fact tables."""
    rng = random.Random(SEED)
    samples = sorted(SAMPLES.rglob("*.txt"))

    def bundled_and_cut(path: Path):
        text = path.read_text(encoding="utf-8")
        other = rng.choice([p for p in samples if p != path]).read_text(encoding="utf-8")
        yield f"{path.stem}_bundled.txt", text[: rng.randrange(len(text) // 3, len(text))] + "\n" + other
        yield f"{path.stem}_cut.txt", text[: rng.randrange(200, len(text))]

    samples, db, result = refresh_variants(tmp_path, "crawled", bundled_and_cut)

    assert result.published, result.dbt_summary
    assert not [r for r in result.rejections if r["stage"] == "parse"], result.rejections
    con = duckdb.connect(str(db), read_only=True)
    try:
        stages = {r[0] for m in FACTS for r in con.execute(f"select distinct stage from main.{m}").fetchall()}
        assert stages <= {"预算", "决算"}
        loaded = con.execute("select count(*) from main.dim_document").fetchone()[0]
        assert loaded + len(result.rejections) == 2 * len(samples)
    finally:
        con.close()
