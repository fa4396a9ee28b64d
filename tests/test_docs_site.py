"""The dbt docs site, as a user sees it: generated for a built warehouse, served over HTTP,
rendered by a real headless browser (Debian's chromium, `--dump-dom`, no driver needed).

The site is generated into a temporary target path, so the test never races a
`make run` / `python -m ingest docs` writing the project's own target/. It is served the way
`python -m ingest docs --serve PORT` serves target/ (http.server over the folder).
"""

from __future__ import annotations

import functools
import html
import http.server
import json
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import duckdb
import pytest

from ingest import pipeline

PROJECT = "budget_warehouse"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def find_chromium() -> str | None:
    if Path("/usr/bin/chromium").exists():
        return "/usr/bin/chromium"
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def docs_target(built_warehouse, tmp_path_factory) -> Path:
    """`python -m ingest docs` for the session warehouse — while a reader (a BI tool, a
    notebook) holds the file open, which a read-write `dbt docs generate` on the file itself
    cannot get past (DuckDB's lock): the command generates from a copy."""
    target = tmp_path_factory.mktemp("docs") / "target"
    reader = duckdb.connect(str(built_warehouse), read_only=True)
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "ingest", "docs", "--db", str(built_warehouse), "--target-path", str(target)],
            capture_output=True,
            text=True,
            cwd=pipeline.PROJECT_DIR,
            timeout=900,
        )
        assert reader.execute("select count(*) from dim_document").fetchone()[0] > 0  # the reader is still served
    finally:
        reader.close()
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    for name in ("index.html", "static_index.html", "manifest.json", "catalog.json"):
        assert (target / name).is_file(), name
    return target


@pytest.fixture(scope="module")
def manifest(docs_target) -> dict:
    return json.loads((docs_target / "manifest.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def catalog(docs_target) -> dict:
    return json.loads((docs_target / "catalog.json").read_text(encoding="utf-8"))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep pytest output clean
        pass


@pytest.fixture()
def docs_server(docs_target):
    """The docs folder on a free localhost port, served from a thread."""
    handler = functools.partial(_QuietHandler, directory=str(docs_target))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=10)


def render(url: str, profile_dir: Path) -> str:
    """The DOM after the page's scripts ran (virtual time lets the app fetch and render)."""
    chromium = find_chromium()
    proc = subprocess.run(
        [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile_dir}", "--virtual-time-budget=10000", "--dump-dom", url],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


def visible_text(dom: str) -> str:
    """Rendered text: scripts, styles and tags removed, entities decoded, spaces collapsed."""
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", dom, flags=re.S | re.I)
    body = re.sub(r"<[^>]+>", " ", body)
    return re.sub(r"\s+", " ", html.unescape(body))


def plain_prefix(description: str, length: int = 30) -> str:
    """The start of a description up to the first markdown character (rendered as markup)."""
    text = re.split(r"[`*\[\]<>_]", description, maxsplit=1)[0]
    return re.sub(r"\s+", " ", text).strip()[:length].strip()


def test_docs_site_renders_models_and_column_descriptions(docs_server, manifest, tmp_path):
    if find_chromium() is None:
        pytest.skip("chromium is not installed (apt-get install chromium; .ci/run does it in CI)")
    uid = f"model.{PROJECT}.fct_expenditure"
    node = manifest["nodes"][uid]
    url = f"{docs_server}/#!/model/{uid}"
    dom = render(url, tmp_path / "chromium-profile")
    text = visible_text(dom)
    if "amount_wan" not in text:  # a slow machine: give the app one more (longer) go
        dom = render(url, tmp_path / "chromium-profile-2")
        text = visible_text(dom)

    # the navigation tree lists every model of the project
    models = sorted(n["name"] for n in manifest["nodes"].values() if n["resource_type"] == "model")
    assert len(models) >= 20
    missing = [m for m in models if f'data-nav-unique-id="model.{PROJECT}.{m}"' not in dom]
    assert not missing, f"models missing from the rendered navigation: {missing}"
    for name in ("fct_expenditure", "dim_document", "dim_unit", "dim_func_subject", "rpt_expenditure"):
        assert name in text

    # the model page shows fct_expenditure's description, its columns and their descriptions
    assert plain_prefix(node["description"]) in text
    columns = node["columns"]
    assert {"func_code", "fund_type", "expense_type", "amount_wan"} <= set(columns)
    for name, col in columns.items():
        assert name in text, name
        prefix = plain_prefix(col["description"])
        if len(prefix) >= 6:
            assert prefix in text, (name, prefix)
    assert plain_prefix(columns["amount_wan"]["description"]) in text


def test_every_model_and_mart_column_is_described(manifest, catalog):
    """100% documentation: every model has a description, and every column a mart model
    really has (catalog.json, read from the warehouse) has a description in the YAML."""
    undescribed_models, undescribed_columns, not_in_catalog = [], [], []
    for uid, node in manifest["nodes"].items():
        if node["resource_type"] != "model":
            continue
        if not node.get("description", "").strip():
            undescribed_models.append(node["name"])
        if not node["original_file_path"].startswith("models/marts/"):
            continue
        actual = catalog["nodes"].get(uid, {}).get("columns", {})
        if not actual:
            not_in_catalog.append(node["name"])
        documented = {k.lower(): v for k, v in node["columns"].items()}
        for column in actual:
            if not documented.get(column.lower(), {}).get("description", "").strip():
                undescribed_columns.append(f"{node['name']}.{column}")
    assert not not_in_catalog, f"mart models missing from the warehouse catalog: {not_in_catalog}"
    assert not undescribed_models, f"models without a description: {undescribed_models}"
    assert not undescribed_columns, f"mart columns without a description: {undescribed_columns}"


# the type names both DuckDB and Spark accept (dbt_project.yml: the marts' contracts)
PORTABLE_TYPES = {"string", "integer", "bigint", "double", "boolean", "decimal(18, 6)", "timestamp", "date"}


def test_every_mart_has_an_enforced_contract(manifest, catalog):
    """Contracts on the marts: every model under models/marts/ is built under an enforced
    contract (so dbt refuses SQL that changes a column's name or type), declares every column the
    warehouse really has (catalog.json) with a portable type name, and the contracted
    incremental facts fail rather than half-fill a new column on an incremental run."""
    problems = []
    marts = [n for n in manifest["nodes"].values() if n["resource_type"] == "model"]
    marts = [n for n in marts if n["original_file_path"].startswith("models/marts/")]
    assert len(marts) > 30
    for node in marts:
        if node["config"]["contract"]["enforced"] is not True:
            problems.append(f"{node['name']}: contract not enforced")
        if node["config"]["materialized"] == "incremental" and node["config"]["on_schema_change"] != "fail":
            problems.append(f"{node['name']}: on_schema_change {node['config']['on_schema_change']}")
        declared = {k.lower(): v.get("data_type") for k, v in node["columns"].items()}
        actual = catalog["nodes"][node["unique_id"]]["columns"]
        if set(declared) != {c.lower() for c in actual}:
            problems.append(f"{node['name']}: columns {sorted(declared)} vs {sorted(actual)}")
        problems += [f"{node['name']}.{c}: {t}" for c, t in declared.items() if t not in PORTABLE_TYPES]
    assert problems == []
    # the keys: dims' primary keys and every fact's document_id are NOT NULL in the table itself
    not_null = {
        f"{n['name']}.{c}"
        for n in marts
        for c, col in n["columns"].items()
        if any(k["type"] == "not_null" for k in col.get("constraints", []))
    }
    assert {"dim_document.document_id", "dim_unit.unit_id", "fct_expenditure.document_id"} <= not_null


def test_every_analysis_is_described(manifest):
    analyses = {n["name"]: n for n in manifest["nodes"].values() if n["resource_type"] == "analysis"}
    assert {
        "spending_by_func_subject_across_counties",
        "basic_vs_project_split_per_unit",
        "three_public_by_item_and_stage",
        "lowest_scoring_projects",
        "indicators_not_achieved",
        "reconciliation_findings_per_document",
    } <= set(analyses)
    assert not [n for n, node in analyses.items() if not node.get("description", "").strip()]


FAMILIES = ("core", "financial", "performance", "quality", "reporting")


def test_front_page_is_the_overview_in_chinese_and_english(docs_server, manifest, tmp_path):
    """The site opens on the overview doc block, not dbt's stock welcome page."""
    if find_chromium() is None:
        pytest.skip("chromium is not installed (apt-get install chromium; .ci/run does it in CI)")
    text = visible_text(render(f"{docs_server}/#!/overview", tmp_path / "chromium-profile"))
    if "Which view for what" not in text:  # a slow machine: one more (longer) go
        text = visible_text(render(f"{docs_server}/#!/overview", tmp_path / "chromium-profile-2"))
    for heading in (
        "预决算公开数据仓库",
        "仓库里有什么 · What is in it",
        "该用哪个视图 · Which view for what",
        "数据质量提示 · Data-quality caveats",
        "血缘图：按族查看 · Lineage, one family at a time",
    ):
        assert heading in text, heading
    assert "rpt_expenditure_by_fund" in text and "tag:financial" in text
    assert "Welcome!" not in text  # dbt's stock page


def test_each_family_has_a_documented_lineage_selector(manifest):
    """tag:<family> selects exactly the models under models/<layer>/<family>/, and each
    family's selector (selectors.yml) is described and named on the front page."""
    overview = manifest["docs"][f"doc.{PROJECT}.__overview__"]["block_contents"]
    models = [n for n in manifest["nodes"].values() if n["resource_type"] == "model"]
    for family in FAMILIES:
        in_folder = {n["name"] for n in models if n["original_file_path"].split("/")[2] == family}
        tagged = {n["name"] for n in models if family in n["tags"]}
        assert in_folder and tagged == in_folder, family
        selector = manifest["selectors"][family]
        assert selector["description"].strip() and selector["definition"] == {"method": "tag", "value": family}
        assert f"`tag:{family}`" in overview, family
    assert all(sum(f in n["tags"] for f in FAMILIES) == 1 for n in models)
