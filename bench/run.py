"""Benchmark the refresh on generated corpora of growing size.

    python -m bench.run [--sizes 100,1000,10000] [--out bench/results.json] [--jobs 2]

For each size N (corpus generation is not timed):

  baseline      Python reads every file and splits it into lines (one process, best of 3)
  ingest        `refresh --no-build --jobs J` into a fresh warehouse: documents/s, MB/s, and
                its cost ratio to the baseline
  rows          rows loaded per raw table
  dbt build     `dbt build` on that warehouse (ingest.pipeline.run_dbt)
  incremental   one document edited, then a full `refresh` (ingest of the change + dbt build)
                then the edit reverted and refreshed again (steady state: dbt partial parse warm)
  stages        one process, ms per document in each ingest stage (bench/stages.py)
  memory        peak RSS of each step: the largest single process (getrusage via wait4) and
                the whole process tree (sampled from /proc every 0.1 s)

All steps run a copy of ingest/ and the dbt project taken at start (--no-snapshot: the working
tree), so that edits made meanwhile do not change what is measured. Every step runs as a
child process with a timeout (--step-timeout); a step that fails or
times out is recorded as such and the run goes on. Corpora are kept under bench/corpus/
and warehouses under bench/out/ (both git-ignored). Results: bench/results.json and
bench/results.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

from .generate import generate_corpus

PROJECT_DIR = Path(__file__).resolve().parent.parent
BENCH_DIR = PROJECT_DIR / "bench"
CORPUS_DIR = BENCH_DIR / "corpus"
OUT_DIR = BENCH_DIR / "out"
RAW_COUNTS = ["documents", "tables", "table_lines", "amount_cells", "repairs", "units", "table_errors", "ingest_rejections"]


# ---------------------------------------------------------------- measuring one child process


def _tree_rss_kb(root: int) -> int:
    """Resident memory of a process and all its descendants, from /proc (0 where unavailable)."""
    total, todo, seen = 0, [root], set()
    while todo:
        pid = todo.pop()
        if pid in seen:
            continue
        seen.add(pid)
        try:
            with open(f"/proc/{pid}/status") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
                        break
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as fh:
                    todo.extend(int(c) for c in fh.read().split())
        except (OSError, ValueError):
            continue
    return total


_ACTIVE: dict[str, int] = {}  # the running step's process group, for the SIGTERM handler


def _terminate(signum, frame):
    """Killed (e.g. by `timeout`): take the running step's process group along, then stop."""
    pgid = _ACTIVE.get("pgid")
    if pgid:
        try:
            os.killpg(pgid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    raise SystemExit(128 + signum)


def run_step(args: list[str], timeout: float, env: dict, cwd: Path) -> dict:
    """Run a command; wall seconds, exit code, output tails, peak RSS (largest process, whole tree)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(args, cwd=cwd, env=env, stdout=out, stderr=err, start_new_session=True)
        _ACTIVE["pgid"] = proc.pid
        peak_tree = 0
        stop = threading.Event()

        def sample():
            nonlocal peak_tree
            while not stop.is_set():
                peak_tree = max(peak_tree, _tree_rss_kb(proc.pid))
                stop.wait(0.1)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        timed_out = False
        deadline = t0 + timeout
        status, usage = 0, None
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                timed_out = True
                os.killpg(proc.pid, signal.SIGKILL)
                _, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.05)
        wall = time.perf_counter() - t0
        _ACTIVE.pop("pgid", None)
        stop.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    return {
        "seconds": round(wall, 3),
        "returncode": proc.returncode,
        "timed_out": timed_out,
        "stdout": stdout,
        "stderr_tail": stderr[-3000:],
        # ru_maxrss is KiB on Linux: the peak of the largest process among the child and its reaped descendants
        "peak_rss_mb_max_process": round(usage.ru_maxrss / 1024, 1) if usage else None,
        "peak_rss_mb_tree": round(peak_tree / 1024, 1),
    }


def _json_tail(text: str) -> dict | None:
    start = text.find("{")
    if start < 0:
        return None
    try:
        return json.loads(text[start:])
    except json.JSONDecodeError:
        return None


# ---------------------------------------------------------------- the steps

SNAPSHOT_ITEMS = ["ingest", "models", "macros", "seeds", "tests/generic", "analyses", "dbt_project.yml", "profiles.yml"]


def snapshot_code(dest: Path) -> Path:
    """A copy of the parser and the dbt project, so that the whole run measures one version of
    the code even while the working tree changes (the refresh reuses raw rows only when the
    parser's fingerprint is unchanged, and skips a build when nothing changed)."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for item in SNAPSHOT_ITEMS:
        src = PROJECT_DIR / item
        if src.is_dir():
            shutil.copytree(src, dest / item, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        elif src.exists():
            shutil.copy2(src, dest / item)
    return dest


def generator_version() -> str:
    import hashlib

    h = hashlib.sha256()
    for path in sorted((BENCH_DIR / "generate").glob("*.py")):
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()[:12]


def corpus_for(n: int, seed: int) -> tuple[Path, list[Path]]:
    """bench/corpus/n<N>-s<seed>, generated once and reused while complete and made by the
    same generator code."""
    folder = CORPUS_DIR / f"n{n}-s{seed}"
    manifest = folder / "manifest.json"
    version = generator_version()
    if manifest.exists():
        info = json.loads(manifest.read_text())
        paths = [folder / name for name in info["files"]]
        if info.get("n") == n and info.get("generator") == version and all(p.exists() for p in paths):
            return folder, paths
    if folder.exists():
        shutil.rmtree(folder)
    paths = generate_corpus(folder, n, seed)
    manifest.write_text(json.dumps({"n": n, "seed": seed, "generator": version, "files": [p.name for p in paths]}))
    return folder, paths


def baseline_read(paths: list[Path], rounds: int = 3) -> float:
    """Seconds for Python to read every file and split it into lines (best of `rounds`)."""
    best = float("inf")
    for _ in range(rounds):
        t0 = time.perf_counter()
        lines = 0
        for p in paths:
            lines += len(p.read_bytes().decode("utf-8").split("\n"))
        best = min(best, time.perf_counter() - t0)
    return best


def count_rows(db: Path) -> dict:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: con.execute(f"select count(*) from raw.{t}").fetchone()[0] for t in RAW_COUNTS}
    finally:
        con.close()


_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def dbt_tail(text: str) -> str:
    """The dbt lines worth keeping: failures, errors and the closing count."""
    keep = []
    for line in _ANSI.sub("", text).splitlines():
        line = re.sub(r"^\d\d:\d\d:\d\d\s+", "", line.strip())
        if (
            "Done. PASS=" in line
            or " ERROR " in line
            or line.startswith(("FAIL", "Failure in", "Database Error"))
            or re.search(r"\bFAIL \d+\b", line)
        ) and line not in keep:
            keep.append(re.sub(r"\s*\.{3,}\s*", " ", line))
    return " | ".join(keep[-8:])


def bench_size(
    n: int, seed: int, jobs: int, timeout: float, env: dict, code: Path, log, res: dict, save, parser_version: str | None = None
) -> dict:
    """Fill `res` step by step, calling save() after each step (a killed run keeps what it measured)."""
    py = sys.executable
    folder, paths = corpus_for(n, seed)
    size = sum(p.stat().st_size for p in paths)
    res.update(
        {
            "n": n,
            "seed": seed,
            "jobs": jobs,
            "parser_version": parser_version,
            "generator_version": generator_version(),
            "files": len(paths),
            "corpus_mb": round(size / 1e6, 2),
            "load_avg_before": round(os.getloadavg()[0], 2),
        }
    )
    res["baseline_s"] = round(baseline_read(paths), 4)
    log(f"[n={n}] corpus {size / 1e6:.1f} MB, baseline read+split {res['baseline_s']:.3f}s")
    save()

    work = OUT_DIR / f"n{n}-s{seed}"
    work.mkdir(parents=True, exist_ok=True)
    db = work / "warehouse.duckdb"
    for stale in work.glob("warehouse.duckdb*"):
        stale.unlink()

    # ingest into a fresh warehouse
    res["running"] = f"ingest (started {datetime.now(UTC):%H:%M:%S} UTC)"
    save()
    step = run_step(
        [py, "-m", "ingest", "refresh", "--input", str(folder), "--db", str(db), "--no-build", "--jobs", str(jobs), "--json"],
        timeout,
        env,
        code,
    )
    summary = _json_tail(step["stdout"]) or {}
    res["ingest"] = {k: step[k] for k in ("seconds", "returncode", "timed_out", "peak_rss_mb_max_process", "peak_rss_mb_tree")}
    res["ingest"]["seconds_internal"] = summary.get("seconds_ingest")
    res["ingest"]["documents_parsed"] = summary.get("documents_parsed")
    res["ingest"]["rejections"] = len(summary.get("rejections") or [])
    res["ingest"]["table_errors"] = summary.get("table_errors")
    if step["returncode"] != 0:
        res["ingest"]["error"] = step["stderr_tail"][-800:]
    ok = step["returncode"] == 0 and db.exists()
    if ok:
        secs = step["seconds"]
        res["ingest"]["docs_per_s"] = round(n / secs, 1)
        res["ingest"]["mb_per_s"] = round(size / 1e6 / secs, 3)
        res["ingest"]["cost_ratio_vs_baseline"] = round(secs / res["baseline_s"], 1) if res["baseline_s"] else None
        res["rows"] = count_rows(db)
    log(f"[n={n}] ingest {step['seconds']:.1f}s rc={step['returncode']}" + (f", rows {res.get('rows')}" if ok else ""))
    save()
    if not ok:
        res.pop("running", None)
        return res

    # dbt build on the ingested warehouse
    res["running"] = f"dbt build (started {datetime.now(UTC):%H:%M:%S} UTC)"
    save()
    dbt_code = (
        "import json, sys; from pathlib import Path; from ingest.pipeline import run_dbt; "
        "ok, out = run_dbt(Path(sys.argv[1]), [['build']]); print(out); sys.exit(0 if ok else 1)"
    )
    step = run_step([py, "-c", dbt_code, str(db)], timeout, env, code)
    res["dbt_build"] = {k: step[k] for k in ("seconds", "returncode", "timed_out", "peak_rss_mb_max_process", "peak_rss_mb_tree")}
    res["dbt_build"]["ok"] = step["returncode"] == 0
    res["dbt_build"]["summary"] = dbt_tail(step["stdout"])
    log(f"[n={n}] dbt build {step['seconds']:.1f}s ok={res['dbt_build']['ok']} {res['dbt_build']['summary'][:200]}")
    save()

    # incremental: one changed document, full refresh (ingest + dbt build)
    res["running"] = f"incremental refresh (started {datetime.now(UTC):%H:%M:%S} UTC)"
    save()
    victim = paths[len(paths) // 2]
    original = victim.read_bytes()
    try:
        victim.write_bytes(original + "\n注：本表已于公开后更正。\n".encode())
        step = run_step(
            [py, "-m", "ingest", "refresh", "--input", str(folder), "--db", str(db), "--jobs", str(jobs), "--json"],
            timeout,
            env,
            code,
        )
        summary = _json_tail(step["stdout"]) or {}
        inc = {k: step[k] for k in ("seconds", "returncode", "timed_out", "peak_rss_mb_max_process", "peak_rss_mb_tree")}
        inc.update(
            ok=step["returncode"] == 0,
            documents_parsed=summary.get("documents_parsed"),
            documents_reused=summary.get("documents_reused"),
            seconds_ingest=summary.get("seconds_ingest"),
            seconds_dbt=summary.get("seconds_dbt"),
        )
        if step["returncode"] != 0:
            inc["error"] = (step["stderr_tail"].strip().splitlines() or [""])[0][:300] + " … " + dbt_tail(step["stderr_tail"])
            # the refresh did not publish: time the ingest half of it on its own
            step = run_step(
                [
                    py,
                    "-m",
                    "ingest",
                    "refresh",
                    "--input",
                    str(folder),
                    "--db",
                    str(db),
                    "--no-build",
                    "--jobs",
                    str(jobs),
                    "--json",
                ],
                timeout,
                env,
                code,
            )
            summary = _json_tail(step["stdout"]) or {}
            inc["ingest_only"] = {
                "seconds": step["seconds"],
                "returncode": step["returncode"],
                "documents_parsed": summary.get("documents_parsed"),
                "documents_reused": summary.get("documents_reused"),
                "peak_rss_mb_tree": step["peak_rss_mb_tree"],
            }
        res["incremental"] = inc
        log(
            f"[n={n}] incremental refresh {inc['seconds']:.1f}s ok={inc['ok']} reused={inc.get('documents_reused')}"
            + (f"; ingest-only {inc['ingest_only']['seconds']:.1f}s" if "ingest_only" in inc else "")
        )
        save()
        # steady state: the edit reverted (another one-document change, back to the earlier
        # version). The first refresh above was dbt's first in its target folder (a full parse);
        # a scheduled refresh finds the partial parse of the one before it, as this one does.
        victim.write_bytes(original)
        if inc["ok"]:
            step = run_step(
                [py, "-m", "ingest", "refresh", "--input", str(folder), "--db", str(db), "--jobs", str(jobs), "--json"],
                timeout,
                env,
                code,
            )
            summary = _json_tail(step["stdout"]) or {}
            res["incremental_steady"] = {
                "seconds": step["seconds"],
                "ok": step["returncode"] == 0,
                "documents_parsed": summary.get("documents_parsed"),
                "documents_reused": summary.get("documents_reused"),
                "seconds_ingest": summary.get("seconds_ingest"),
                "seconds_dbt": summary.get("seconds_dbt"),
                "peak_rss_mb_tree": step["peak_rss_mb_tree"],
                **({"error": step["stderr_tail"][-300:]} if step["returncode"] else {}),
            }
            log(f"[n={n}] incremental refresh, steady state {step['seconds']:.1f}s ok={step['returncode'] == 0}")
    finally:
        victim.write_bytes(original)
    res["load_avg_after"] = round(os.getloadavg()[0], 2)
    res.pop("running", None)
    return res


# ---------------------------------------------------------------- report


def _fmt(v, digits=1):
    if v is None:
        return "–"
    if isinstance(v, float):
        return f"{v:.{digits}f}"
    return str(v)


def markdown(results: dict) -> str:
    lines = [
        "# Ingest benchmark",
        "",
        f"Run {results['started']} on {results['machine']} (Python {results['python']}, {results['cpus']} CPUs), "
        f"seed {results['seed']}, `--jobs {results['jobs']}`, parser version(s) "
        f"{', '.join(sorted({str(r.get('parser_version')) for r in results['sizes']}))}. Produced by `python -m bench.run`; corpora from "
        "`bench.generate` (synthetic documents in the layouts of the real samples).",
        "",
        "| N | corpus MB | baseline read s | ingest s (in-process) | docs/s | MB/s | ingest / baseline | amount_cells | table_lines "
        "| dbt build s | dbt ok | incremental refresh s (first / steady) | peak RSS MB (ingest tree / dbt tree) |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results["sizes"]:
        ing, dbt, inc, rows = r.get("ingest", {}), r.get("dbt_build", {}), r.get("incremental", {}), r.get("rows", {})
        steady = r.get("incremental_steady", {})
        inc_s = _fmt(inc.get("seconds")) + (
            f" / {_fmt(steady.get('seconds'))}" + ("" if steady.get("ok") else " (failed)") if steady else ""
        )
        if inc and not inc.get("ok"):
            inc_s += " (failed" + (f"; ingest-only {_fmt(inc['ingest_only']['seconds'])}" if "ingest_only" in inc else "") + ")"
        killed = (r.get("running") or "").split(" ")[0]  # the step an outer timeout interrupted
        if killed == "ingest":
            ing = dict(ing, seconds=None)
        ingest_s = (
            ("killed" if killed == "ingest" else _fmt(ing.get("seconds")))
            + (" (timeout)" if ing.get("timed_out") else "")
            + (f" ({_fmt(ing['seconds_internal'])})" if ing.get("seconds_internal") is not None else "")
        )
        lines.append(
            f"| {r['n']} | {_fmt(r.get('corpus_mb'))} | {_fmt(r.get('baseline_s'), 3)} | {ingest_s} | {_fmt(ing.get('docs_per_s'))} "
            f"| {_fmt(ing.get('mb_per_s'), 2)} | {_fmt(ing.get('cost_ratio_vs_baseline'))}× | {_fmt(rows.get('amount_cells'))} "
            f"| {_fmt(rows.get('table_lines'))} | {'killed' if killed == 'dbt' else _fmt(dbt.get('seconds'))}"
            f"{' (timeout)' if dbt.get('timed_out') else ''} "
            f"| {'yes' if dbt.get('ok') else ('no' if dbt else '–')} | {'killed' if killed == 'incremental' else inc_s} "
            f"| {_fmt(ing.get('peak_rss_mb_tree'))} / {_fmt(dbt.get('peak_rss_mb_tree'))} |"
        )
    lines += [
        "",
        "Notes:",
        "",
        "- baseline: one Python process reads every file and splits it into lines (best of 3, warm cache);",
        "  ingest: wall time of `python -m ingest refresh --no-build` into a fresh warehouse (process start,",
        "  hashing, parsing in worker processes, loading DuckDB); in brackets the refresh's own `seconds_ingest`",
        "  (without interpreter start and imports).",
        "- dbt build: `ingest.pipeline.run_dbt(db, [['build']])` on the ingested warehouse; incremental: one",
        "  document edited, then a full `refresh` (the other N-1 documents are reused). *first*: dbt's first",
        "  build in the refresh's target folder (a full parse of the project); *steady*: the edit reverted and",
        "  refreshed again, as a scheduled refresh runs (dbt's partial parse from the refresh before).",
        "- peak RSS: the whole process tree, sampled every 0.1 s (parent + parser workers, or dbt).",
        "- the machine is shared: the 1-minute load average before/after each size is in results.json",
        "  (`load_avg_before`, `load_avg_after`); with load above the core count, times are inflated.",
        "",
    ]
    for r in results["sizes"]:
        if r.get("running"):
            lines.append(f"- N={r['n']}: the run stopped during {r['running']} (killed by an outer timeout)")
        dbt = r.get("dbt_build", {})
        if dbt and not dbt.get("ok"):
            lines.append(f"- N={r['n']}: dbt build failed: {dbt.get('summary') or '(no summary)'}")
        inc = r.get("incremental", {})
        if inc and not inc.get("ok"):
            lines.append(f"- N={r['n']}: incremental refresh failed: {inc.get('error', '')[:300]}")
        if r.get("ingest", {}).get("timed_out"):
            lines.append(f"- N={r['n']}: ingest timed out after {r['ingest']['seconds']:.0f}s")
    stages = results.get("stages") or {}
    if stages.get("ms_per_doc"):
        from .stages import markdown as stages_markdown

        lines += ["", "## Where the time goes", "", "`python -m bench.stages`: " + stages_markdown(stages)]
    return "\n".join(lines) + "\n"


def print_table(results: dict) -> None:
    head = (
        f"{'N':>6} {'MB':>7} {'base s':>7} {'ingest s':>9} {'docs/s':>7} {'MB/s':>6} {'ratio':>7} {'cells':>9} "
        f"{'dbt s':>7} {'dbt':>4} {'incr s':>7} {'steady':>7} {'RSS MB':>7}"
    )
    print(head)
    for r in results["sizes"]:
        ing, dbt, inc, rows = r.get("ingest", {}), r.get("dbt_build", {}), r.get("incremental", {}), r.get("rows", {})
        print(
            f"{r['n']:>6} {_fmt(r.get('corpus_mb')):>7} {_fmt(r.get('baseline_s'), 3):>7} {_fmt(ing.get('seconds')):>9} "
            f"{_fmt(ing.get('docs_per_s')):>7} {_fmt(ing.get('mb_per_s'), 2):>6} {_fmt(ing.get('cost_ratio_vs_baseline')):>6}x "
            f"{_fmt(rows.get('amount_cells')):>9} {_fmt(dbt.get('seconds')):>7} {('ok' if dbt.get('ok') else 'FAIL') if dbt else '–':>4} "
            f"{_fmt(inc.get('seconds')):>7} {_fmt(r.get('incremental_steady', {}).get('seconds')):>7} "
            f"{_fmt(ing.get('peak_rss_mb_tree')):>7}"
        )


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="100,1000,10000", help="comma-separated corpus sizes")
    ap.add_argument("--out", type=Path, default=BENCH_DIR / "results.json")
    ap.add_argument("--md", type=Path, default=None, help="markdown report (default: results.md beside --out)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--step-timeout", type=float, default=3600.0, help="seconds before a step is killed")
    ap.add_argument("--merge", action="store_true", help="keep the other sizes already in --out")
    ap.add_argument(
        "--no-snapshot",
        dest="snapshot",
        action="store_false",
        help="run the working tree's code instead of a copy taken at start",
    )
    args = ap.parse_args(argv)
    signal.signal(signal.SIGTERM, _terminate)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    code = snapshot_code(OUT_DIR / "code") if args.snapshot else PROJECT_DIR
    # dbt writes its target/ and logs/ under bench/out/, not into the project's own folders
    env = dict(
        os.environ,
        DBT_TARGET_PATH=str(OUT_DIR / "dbt_target"),
        DBT_LOG_PATH=str(OUT_DIR / "dbt_logs"),
        DBT_USE_COLORS="false",
        DBT_SEND_ANONYMOUS_USAGE_STATS="false",
        PYTHONPATH=str(code) + os.pathsep + os.environ.get("PYTHONPATH", ""),
    )
    version = subprocess.run(
        [sys.executable, "-c", "from ingest import load; print(load.parser_version())"],
        cwd=code,
        env=env,
        capture_output=True,
        text=True,
    ).stdout.strip()
    results = {
        "started": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "jobs": args.jobs,
        "seed": args.seed,
        "parser_version": version or None,
        "code_snapshot": args.snapshot,
        "sizes": [],
    }
    md_path = args.md or args.out.with_suffix(".md")

    def log(msg: str) -> None:
        print(msg, flush=True)

    kept = []
    if args.merge and args.out.exists():  # keep the other sizes of an earlier run
        kept = [r for r in json.loads(args.out.read_text()).get("sizes", []) if r.get("n") not in sizes]

    def save() -> None:
        results["sizes"] = sorted(kept + done, key=lambda r: r.get("n", 0))
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(results, ensure_ascii=False, indent=1))
        # keep the at-scale section that `python -m bench.scale` writes into the same file
        old = md_path.read_text(encoding="utf-8") if md_path.exists() else ""
        kept_section = old[old.index("<!-- scale:begin -->") :] if "<!-- scale:begin -->" in old else ""
        md_path.write_text(markdown(results) + ("\n" + kept_section if kept_section else ""), encoding="utf-8")

    done: list[dict] = []
    for n in sizes:
        res: dict = {"n": n}
        done.append(res)
        bench_size(n, args.seed, args.jobs, args.step_timeout, env, code, log, res, save, version or None)
        save()
    # where one document's time goes: stage by stage, on the first 300 documents of a corpus
    stage_corpus = CORPUS_DIR / f"n{min([n for n in sizes if n >= 300] or [max(sizes)])}-s{args.seed}"
    step = run_step(
        [sys.executable, str(BENCH_DIR / "stages.py"), "--corpus", str(stage_corpus), "--json"], args.step_timeout, env, code
    )
    results["stages"] = _json_tail(step["stdout"]) if step["returncode"] == 0 else {"error": step["stderr_tail"][-500:]}
    log(f"stages: {results['stages']}")
    save()
    print()
    print_table(results)
    print(f"\nwrote {args.out} and {md_path}")


if __name__ == "__main__":
    main()
