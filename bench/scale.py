"""Benchmark the refresh at scale: in-process vs Dask local, full vs incremental, peak memory.

    python -m bench.scale [--sizes 10000,100000] [--jobs 2]      (`make bench`)

For each size N (corpus generation and linking are not timed), each step a child process
measured by bench.run.run_step (wall seconds, peak RSS of the whole process tree):

  full (process)     `refresh` into a fresh warehouse, parse in this machine's process pool
  full (dask)        the same with `--executor dask` (a LocalCluster of --jobs workers)
  incremental        one document edited, `refresh` of the in-process warehouse: the new
                     file starts as a copy of the live one with its models; dbt recomputes
                     the changed documents only
  full rebuild       the same edit refreshed with `--full-refresh` (on a copy of the same
                     live warehouse): raw rows reused, every model rebuilt — what a change of
                     the dbt code costs

Ratios: incremental / full (process) — a one-document refresh against a full refresh — and
incremental / full rebuild. Results: bench/results-scale.json and a section of
bench/results.md (between the `scale` markers; `python -m bench.run` keeps it).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import sys
from datetime import UTC, datetime
from pathlib import Path

from .run import BENCH_DIR, CORPUS_DIR, OUT_DIR, PROJECT_DIR, _json_tail, _terminate, corpus_for, run_step, snapshot_code

BEGIN, END = "<!-- scale:begin -->", "<!-- scale:end -->"
STEP_KEYS = ("seconds", "returncode", "timed_out", "peak_rss_mb_max_process", "peak_rss_mb_tree")


def bench_env(code: Path) -> dict:
    """The environment of every measured step: the snapshot of the code first on the path, dbt's
    logs in bench/out, no colours, no usage statistics."""
    return dict(
        os.environ,
        DBT_LOG_PATH=str(OUT_DIR / "dbt_logs"),
        DBT_USE_COLORS="false",
        DBT_SEND_ANONYMOUS_USAGE_STATS="false",
        PYTHONPATH=str(code) + os.pathsep + os.environ.get("PYTHONPATH", ""),
    )


def documents_only(folder: Path, n: int) -> Path:
    """The corpus without the generator's .truth.json sidecars (hard links: no copy)."""
    docs = folder.with_name(folder.name + "-docs")
    names = sorted(p.name for p in folder.glob("*.txt"))
    if docs.exists() and len(list(docs.glob("*.txt"))) == len(names) == n:
        return docs
    if docs.exists():
        shutil.rmtree(docs)
    docs.mkdir(parents=True)
    for name in names:
        os.link(folder / name, docs / name)
    return docs


def refresh_step(args: list[str], timeout: float, env: dict, code: Path) -> dict:
    step = run_step([sys.executable, "-m", "ingest", "refresh", *args, "--json"], timeout, env, code)
    summary = _json_tail(step["stdout"]) or {}
    out = {k: step[k] for k in STEP_KEYS}
    out.update(
        ok=step["returncode"] == 0 and bool(summary.get("published")),
        documents_parsed=summary.get("documents_parsed"),
        documents_reused=summary.get("documents_reused"),
        documents_changed=summary.get("documents_changed"),
        seconds_ingest=round(summary.get("seconds_ingest") or 0, 2),
        seconds_dbt=round(summary.get("seconds_dbt") or 0, 2),
    )
    if not out["ok"]:
        out["error"] = step["stderr_tail"][-600:]
    return out


def bench_size(
    n: int,
    seed: int,
    jobs: int,
    timeout: float,
    env: dict,
    code: Path,
    log,
    res: dict,
    save,
    dask: bool = True,
    full_only: bool = False,
) -> None:
    folder, _ = corpus_for(n, seed)
    docs = documents_only(folder, n)
    res.update(n=n, seed=seed, jobs=jobs, corpus_mb=round(sum(p.stat().st_size for p in docs.glob("*.txt")) / 1e6, 1))
    res["load_avg_before"] = round(os.getloadavg()[0], 2)
    work = OUT_DIR / f"scale-n{n}-s{seed}"
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    dbs = {"process": work / "process.duckdb", "dask": work / "dask.duckdb"}

    executors = [("process", []), ("dask", ["--executor", "dask"])] if dask else [("process", [])]
    for name, extra in executors:
        log(f"[n={n}] full refresh ({name}) started {datetime.now(UTC):%H:%M:%S} UTC")
        res[f"full_{name}"] = refresh_step(
            ["--input", str(docs), "--db", str(dbs[name]), "--jobs", str(jobs), *extra], timeout, env, code
        )
        log(f"[n={n}] full refresh ({name}): {res[f'full_{name}']}")
        save()
    if not res["full_process"]["ok"]:
        return
    if res.get("full_dask", {}).get("ok"):
        res["marts_equal"] = same_marts(dbs["process"], dbs["dask"])
        save()
    (dbs["dask"]).unlink(missing_ok=True)
    if full_only:  # the incremental steps later, on this warehouse: `bench.scale incremental`
        res["load_avg_after"] = round(os.getloadavg()[0], 2)
        save()
        return

    incremental_steps(n, docs, dbs["process"], work, jobs, timeout, env, code, log, res, save)


def incremental_steps(
    n: int, docs: Path, live: Path, work: Path, jobs: int, timeout: float, env: dict, code: Path, log, res: dict, save
) -> None:
    """One document edited, then the live warehouse refreshed incrementally, and a copy of it
    with --full-refresh; the two warehouses' marts compared. The edit is reverted after."""
    victim = sorted(docs.glob("*.txt"))[n // 2]
    original = victim.read_bytes()
    full_copy = work / "full-rebuild.duckdb"
    shutil.copy(live, full_copy)
    try:
        victim.write_bytes(original + "\n注：本表已于公开后更正。\n".encode())
        log(f"[n={n}] incremental refresh started {datetime.now(UTC):%H:%M:%S} UTC")
        res["incremental"] = refresh_step(["--input", str(docs), "--db", str(live), "--jobs", str(jobs)], timeout, env, code)
        log(f"[n={n}] incremental: {res['incremental']}")
        save()
        log(f"[n={n}] full rebuild (--full-refresh) started {datetime.now(UTC):%H:%M:%S} UTC")
        res["full_rebuild"] = refresh_step(
            ["--input", str(docs), "--db", str(full_copy), "--jobs", str(jobs), "--full-refresh"], timeout, env, code
        )
        log(f"[n={n}] full rebuild: {res['full_rebuild']}")
        if res["incremental"]["ok"] and res["full_rebuild"]["ok"]:
            res["incremental_equals_full_rebuild"] = same_marts(live, full_copy)
    finally:
        victim.write_bytes(original)
    inc, rebuild = res["incremental"]["seconds"], res["full_rebuild"]["seconds"]
    if res.get("full_process", {}).get("seconds"):
        res["ratio_incremental_to_full"] = round(inc / res["full_process"]["seconds"], 3)
    res["ratio_incremental_to_full_rebuild"] = round(inc / rebuild, 3)
    res["load_avg_after"] = round(os.getloadavg()[0], 2)
    save()


def mart_figures(db: Path) -> dict[str, dict[str, tuple[str, float | int | None]]]:
    """Per table of schema main: row count and Σ of every numeric column, with its type."""
    import duckdb

    con = duckdb.connect()
    con.execute(f"attach '{db}' as w (read_only)")
    out = {}
    try:
        for (t,) in con.execute(
            "select table_name from duckdb_tables() where database_name = 'w' and schema_name = 'main'"
        ).fetchall():
            cols = [
                (c, ty)
                for c, ty in con.execute(f"select column_name, column_type from (describe w.main.{t})").fetchall()
                if ty.startswith(("DECIMAL", "DOUBLE", "INTEGER", "BIGINT"))
            ]
            row = con.execute(f"select count(*){''.join(f', sum({c})' for c, _ in cols)} from w.main.{t}").fetchone() or ()
            out[t] = {"rows": ("BIGINT", row[0])} | {c: (ty, v) for (c, ty), v in zip(cols, row[1:])}
    finally:
        con.close()
    return out


def mart_differences(a: Path, b: Path) -> list[str]:
    """Where two warehouses' marts differ: counts and integer or decimal sums exactly, sums of
    DOUBLE columns to 1e-9 relative (their sum depends on the order rows are added in)."""
    fa, fb = mart_figures(a), mart_figures(b)
    out = [f"{t}: only in one" for t in sorted(set(fa) ^ set(fb))]
    for t in sorted(set(fa) & set(fb)):
        for c, (ty, va) in fa[t].items():
            vb = fb[t].get(c, (ty, "missing"))[1]
            if ty == "DOUBLE" and isinstance(va, float) and isinstance(vb, float):
                if abs(va - vb) <= 1e-9 * max(1.0, abs(va), abs(vb)):
                    continue
            elif va == vb:
                continue
            out.append(f"{t}.{c}: {va} vs {vb}")
    return out


def same_marts(a: Path, b: Path) -> bool:
    """Every table of schema main: same row count and Σ of every numeric column."""
    return not mart_differences(a, b)


def markdown(results: dict, replicated: dict | None = None) -> str:
    lines = [
        BEGIN,
        "## At scale: in-process vs Dask, full vs incremental (`make bench`, `python -m bench.scale`)",
        "",
        f"Run {results['started']} on {results['cpus']} CPUs (shared with other engineers' work: see the load "
        f"averages), `--jobs {results['jobs']}`, seed {results['seed']}.",
        "",
        "| N | corpus MB | full refresh, in-process s (ingest / dbt) | peak RSS MB | full refresh, Dask local s (ingest / dbt) "
        "| peak RSS MB | marts equal | one changed document, incremental s (ingest / dbt) | peak RSS MB "
        "| same change, --full-refresh s (ingest / dbt) | incremental / full refresh | incremental / full rebuild | load avg before / after |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]

    def cell(step: dict | None) -> tuple[str, str]:
        if not step:
            return "—", "—"
        if not step.get("ok"):
            return f"failed ({step.get('seconds')} s)", "—"
        return (
            f"{step['seconds']:.1f} ({step['seconds_ingest']:.1f} / {step['seconds_dbt']:.1f})",
            f"{step['peak_rss_mb_tree']:.0f}",
        )

    for r in results["sizes"]:
        fp, fpm = cell(r.get("full_process"))
        fd, fdm = cell(r.get("full_dask"))
        inc, incm = cell(r.get("incremental"))
        rb, _ = cell(r.get("full_rebuild"))
        lines.append(
            f"| {r['n']} | {r.get('corpus_mb')} | {fp} | {fpm} | {fd} | {fdm} | {r.get('marts_equal', '—')} | {inc} | {incm} | {rb} "
            f"| {r.get('ratio_incremental_to_full', '—')} | {r.get('ratio_incremental_to_full_rebuild', '—')} "
            f"| {r.get('load_avg_before')} / {r.get('load_avg_after', '—')} |"
        )
    lines += [
        "",
        "- *full refresh*: a fresh warehouse, every document parsed, every model built; *incremental*: one document "
        "edited (a note appended), the other N−1 reused, the models kept and the changed documents recomputed; "
        "*full rebuild*: the same edit with `--full-refresh` (raw rows reused, every model rebuilt).",
        "- peak RSS: the whole process tree (refresh, parser workers or Dask workers and scheduler, dbt), sampled every 0.1 s.",
        "- *marts equal*: every table of schema main has the same row count and Σ of every numeric column in the "
        "in-process and the Dask warehouse (and, for the incremental, in the incremental and the full rebuild: "
        + ", ".join(f"n={r['n']}: {r.get('incremental_equals_full_rebuild', '—')}" for r in results["sizes"])
        + ").",
    ]
    for r in results["sizes"]:
        if r.get("note"):
            lines.append(f"- n={r['n']}: {r['note']}")
        first = r.get("incremental_first_code")
        if first:
            again, before = r.get("rebuild_for_code") or {}, cell(first.get("incremental"))[0]
            lines.append(
                f"- n={r['n']}: the incremental steps measured again ({r.get('incremental_code_started')}, "
                f"`python -m bench.scale incremental`) with the code of then, on the warehouse of the full refresh "
                f"above (the --full-refresh that made it one of that code: {cell(again)[0]} s); with the code of "
                f"the full refresh they took {before} s (incremental) and {cell(first.get('full_rebuild'))[0]} s "
                f"(--full-refresh), marts equal: {first.get('incremental_equals_full_rebuild', '—')}."
            )
    rep = replicated or {}
    if rep.get("full_build"):
        full, inc, rb = rep["full_build"], rep.get("incremental") or {}, rep.get("full_rebuild") or {}
        lines += [
            "",
            f"**{rep.get('replicated_documents')} documents: the SQL build** (`python -m bench.scale replicated --times "
            f"{rep.get('times')}`, started {rep.get('started')}): the 10,000-document warehouse's raw layer copied "
            f"{rep.get('times')} times under new document ids, hashes and unit names (every copy a current document of its "
            "own unit); parsing that many documents again was not measured (it grows linearly, see the full refreshes above). "
            "Measured with an earlier version of the code (before the checks and 绩效 models were incremental, and "
            "before the fixes of R01's nested loop and of stg_table_lines); the 100,000-document run above supersedes it.",
            "",
            "| step | seconds (ingest / dbt) | peak RSS MB (tree) |",
            "|---|---|---|",
            f"| full dbt build (`dbt build --full-refresh`) | {full['seconds']:.1f} | {full['peak_rss_mb_tree']:.0f} |",
        ]
        second = rep.get("second_run") or {}
        for label, step in (
            ("one changed document, incremental refresh", inc),
            ("the same change, `--full-refresh`", rb),
            (f"again, back to back ({second.get('started', '')}): the edit reverted, incremental", second.get("incremental")),
            ("the same change, `--full-refresh`", second.get("full_rebuild")),
        ):
            if step:
                text, mem = cell(step)
                lines.append(f"| {label} | {text} | {mem} |")
        lines += [
            "",
            f"Incremental / full rebuild: {rep.get('ratio_incremental_to_full_rebuild', '—')} (first pair; the load fell "
            f"from {rep.get('load_avg_before')} to {rep.get('load_avg_after', '—')} between them), "
            f"{second.get('ratio_incremental_to_full_rebuild', '—')} (second pair, load {second.get('load_avg_before', '—')} / "
            f"{second.get('load_avg_after', '—')}); marts equal (counts, integer and decimal sums exact, double sums to "
            f"1e-9 relative): {second.get('incremental_equals_full_rebuild', '—')}.",
        ]
    lines.append(END)
    return "\n".join(lines) + "\n"


def _read(path: Path) -> dict | None:
    return json.loads(path.read_text()) if path.exists() else None


def write_section(md_path: Path, section: str) -> None:
    """Put the section into results.md between its markers (or at the end), keeping the rest."""
    text = md_path.read_text(encoding="utf-8") if md_path.exists() else ""
    if BEGIN in text and END in text:
        text = text[: text.index(BEGIN)] + section + text[text.index(END) + len(END) + 1 :]
    else:
        text = text.rstrip("\n") + "\n\n" + section
    md_path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="10000,100000")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--step-timeout", type=float, default=4 * 3600.0)
    ap.add_argument("--out", type=Path, default=BENCH_DIR / "results-scale.json")
    ap.add_argument("--md", type=Path, default=BENCH_DIR / "results.md")
    ap.add_argument("--merge", action="store_true", help="keep the other sizes already in --out")
    ap.add_argument("--dask-max", type=int, default=10**9, help="measure the Dask executor up to this size only")
    ap.add_argument("--no-snapshot", dest="snapshot", action="store_false")
    ap.add_argument("--full-only", action="store_true", help="the full refreshes only (keeps …/process.duckdb)")
    args = ap.parse_args(argv)
    signal.signal(signal.SIGTERM, _terminate)
    code = snapshot_code(OUT_DIR / f"code-scale-{args.sizes.replace(',', '-')}") if args.snapshot else PROJECT_DIR
    env = bench_env(code)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    results = {
        "started": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpus": os.cpu_count(),
        "jobs": args.jobs,
        "seed": args.seed,
        "sizes": [],
    }
    done: list[dict] = []

    def save() -> None:
        # with --merge the other sizes are re-read at every save: two runs of different sizes
        # (e.g. 100,000 without Dask beside 10,000 with it) can share one results file
        kept = []
        if args.merge and args.out.exists():
            kept = [r for r in json.loads(args.out.read_text()).get("sizes", []) if r.get("n") not in sizes]
        results["sizes"] = sorted(kept + done, key=lambda r: r.get("n", 0))
        args.out.write_text(json.dumps(results, ensure_ascii=False, indent=1))
        write_section(args.md, markdown(results, _read(BENCH_DIR / "results-scale-replicated.json")))

    for n in sizes:
        res: dict = {"n": n}
        done.append(res)
        log = lambda m: print(m, flush=True)  # noqa: E731
        bench_size(
            n,
            args.seed,
            args.jobs,
            args.step_timeout,
            env,
            code,
            log,
            res,
            save,
            dask=n <= args.dask_max,
            full_only=args.full_only,
        )
        save()
    print(markdown(results))


# ---------------------------------------------------------------- the SQL build at N× (replicated raw layer)


def replicate(db: Path, times: int) -> int:
    """Make the raw layer of a built warehouse `times` as large: every current document again
    under a new id ('r' + copy number + 13 characters of its id), a new content hash starting
    with that id (so the refresh keeps it as a document on record whose file is elsewhere),
    another text hash and a unit name with the copy number (so the copies are current
    documents of their own units, not duplicates or older versions of the original).
    Returns the number of current documents."""
    import duckdb

    from ingest import load

    new_id = "'r' || lpad(k::varchar, 2, '0') || substr(document_id, 4, 13)"
    con = duckdb.connect(str(db))
    try:
        con.execute("create temp table copies as select range as k from range(1, ?)", [times])
        con.execute(
            f"""insert into raw.documents by name
            select documents.* replace (
                {new_id} as document_id,
                {new_id} || substr(content_sha256, 17) as content_sha256,
                text_sha256 || '-' || k as text_sha256,
                unit_name || '·' || k as unit_name,
                k || '/' || source_path as source_path,
                k || '-' || source_file as source_file)
            from raw.documents, copies where status = 'current'"""
        )
        con.execute(
            f"""insert into raw.document_files by name
            select document_files.* replace (
                {new_id} as document_id,
                {new_id} || substr(content_sha256, 17) as content_sha256,
                k || '/' || source_path as source_path,
                k || '-' || source_file as source_file)
            from raw.document_files, copies"""
        )
        con.execute(
            f"""insert into raw.units by name
            select units.* replace (
                {new_id} as document_id,
                case when role = 'document' then unit_name || '·' || k else unit_name end as unit_name)
            from raw.units, copies"""
        )
        for table in load.RAW_TABLES:
            if table in ("documents", "document_files", "units"):
                continue
            con.execute(
                f"insert into raw.{table} by name select {table}.* replace ({new_id} as document_id) from raw.{table}, copies"
            )
        row = con.execute("select count(*) from raw.documents where status = 'current'").fetchone()
        return row[0] if row else 0
    finally:
        con.close()


def bench_replicated(
    base: Path, docs: Path, times: int, jobs: int, timeout: float, env: dict, code: Path, log, res, save
) -> None:
    """The SQL build at `times` × the documents of a built warehouse `base` (whose input is
    `docs`): a full dbt build of the replicated raw layer, then one edited document refreshed
    incrementally and with --full-refresh. The parse of that many documents is not repeated
    (it grows linearly: see the full refreshes measured above)."""
    work = OUT_DIR / f"scale-replicated-x{times}"
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    inp = work / "input"
    shutil.copytree(docs, inp)  # a copy: the edit below must not touch the other runs' corpus
    db = work / "warehouse.duckdb"
    shutil.copy(base, db)
    res["replicated_documents"] = replicate(db, times)
    res["load_avg_before"] = round(os.getloadavg()[0], 2)
    log(f"[x{times}] {res['replicated_documents']} current documents; full dbt build started {datetime.now(UTC):%H:%M:%S} UTC")
    dbt_code = (
        "import sys; from pathlib import Path; from ingest.pipeline import run_dbt; "
        "ok, out = run_dbt(Path(sys.argv[1]), [['build', '--full-refresh']]); print(out[-3000:]); sys.exit(0 if ok else 1)"
    )
    step = run_step([sys.executable, "-c", dbt_code, str(db)], timeout, env, code)
    res["full_build"] = {k: step[k] for k in STEP_KEYS} | {"ok": step["returncode"] == 0}
    if step["returncode"]:
        res["full_build"]["error"] = step["stdout"][-800:] + step["stderr_tail"][-400:]
    log(f"[x{times}] full dbt build: {res['full_build']}")
    save()
    if not res["full_build"]["ok"]:
        return
    incremental_steps(len(list(inp.glob("*.txt"))), inp, db, work, jobs, timeout, env, code, log, res, save)


def replicated_main(argv: list[str]) -> None:
    ap = argparse.ArgumentParser(description="The SQL build at N x a built warehouse (replicated raw layer).")
    ap.add_argument("--base", type=Path, required=True, help="a warehouse built by `bench.scale` (…/process.duckdb)")
    ap.add_argument("--input", type=Path, required=True, help="its input folder")
    ap.add_argument("--times", type=int, default=10)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--step-timeout", type=float, default=4 * 3600.0)
    ap.add_argument("--out", type=Path, default=BENCH_DIR / "results-scale-replicated.json")
    args = ap.parse_args(argv)
    signal.signal(signal.SIGTERM, _terminate)
    code = snapshot_code(OUT_DIR / f"code-scale-x{args.times}")
    env = bench_env(code)
    res: dict = {"started": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"), "times": args.times, "base": str(args.base)}

    def save() -> None:
        args.out.write_text(json.dumps(res, ensure_ascii=False, indent=1))
        scale = _read(BENCH_DIR / "results-scale.json")
        if scale:
            write_section(BENCH_DIR / "results.md", markdown(scale, res))

    base = OUT_DIR / "replicate-base.duckdb"
    shutil.copy(args.base, base)  # the base may be refreshed meanwhile by another bench step
    bench_replicated(
        base, args.input, args.times, args.jobs, args.step_timeout, env, code, lambda m: print(m, flush=True), res, save
    )
    save()


def incremental_main(argv: list[str]) -> None:
    """The incremental steps again, with the code as it is now, on the warehouse a full refresh
    of `bench.scale` left (…/scale-n<N>-s<seed>/process.duckdb): the parse of N documents is not
    repeated. A --full-refresh first makes it a warehouse of this code (measured as
    `rebuild_for_code`), then one edited document as in `bench.scale`."""
    ap = argparse.ArgumentParser(description=incremental_main.__doc__.split("\n\n")[0] if incremental_main.__doc__ else "")
    ap.add_argument("--n", type=int, default=100000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--step-timeout", type=float, default=4 * 3600.0)
    ap.add_argument("--out", type=Path, default=BENCH_DIR / "results-scale.json")
    ap.add_argument("--md", type=Path, default=BENCH_DIR / "results.md")
    args = ap.parse_args(argv)
    signal.signal(signal.SIGTERM, _terminate)
    code = snapshot_code(OUT_DIR / f"code-scale-incremental-{args.n}")
    env = bench_env(code)
    work = OUT_DIR / f"scale-n{args.n}-s{args.seed}"
    live, docs = work / "process.duckdb", CORPUS_DIR / f"n{args.n}-s{args.seed}-docs"
    results = json.loads(args.out.read_text())
    res = next(r for r in results["sizes"] if r.get("n") == args.n)
    earlier = {k: res.pop(k) for k in ("incremental", "full_rebuild", "incremental_equals_full_rebuild") if k in res}
    res["incremental_first_code"] = earlier
    res["incremental_code_started"] = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    res["load_avg_before_incremental"] = round(os.getloadavg()[0], 2)

    def save() -> None:
        args.out.write_text(json.dumps(results, ensure_ascii=False, indent=1))
        write_section(args.md, markdown(results, _read(BENCH_DIR / "results-scale-replicated.json")))

    log = lambda m: print(m, flush=True)  # noqa: E731
    log(f"[n={args.n}] --full-refresh with this code started {datetime.now(UTC):%H:%M:%S} UTC")
    res["rebuild_for_code"] = refresh_step(
        ["--input", str(docs), "--db", str(live), "--jobs", str(args.jobs), "--full-refresh"], args.step_timeout, env, code
    )
    log(f"[n={args.n}] rebuild: {res['rebuild_for_code']}")
    save()
    incremental_steps(args.n, docs, live, work, args.jobs, args.step_timeout, env, code, log, res, save)


if __name__ == "__main__":
    if sys.argv[1:2] == ["replicated"]:
        replicated_main(sys.argv[2:])
    elif sys.argv[1:2] == ["incremental"]:
        incremental_main(sys.argv[2:])
    else:
        main()
