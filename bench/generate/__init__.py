"""Generate a synthetic corpus of budget disclosures (预算 / 决算 / 绩效自评) with known truth.

Each document is built from amounts that add up (项 leaves -> 款 -> 类 -> 合计; 基本支出 +
项目支出 = 合计; 人员经费 + 公用经费 = 基本支出; revenue total = expenditure total; "三公"
items -> 合计) and printed in one of the table layouts that real documents use:

  Y1  预算, 部门预算…表 titles, a 序号 column, '代码 单位' + 预算年度 page headers repeated
      with the column headers at every page break (万元, some in 元)
  Y2  预算, '一、收支预算总表' + '<year> 年度收支预算总表' titles, 科目编码 first, page numbers
      only at page breaks, 基本支出 by economic class with a 预算数 column
  Y3  预算 in 元, 单位综合预算…表 (表1…表12), markdown headings, '**' rows, thousands
      separators in the summary, 部门/政府 economic code pairs
  D1  决算, 公开01…09表 titles, two variants: plain text with the 4-group side-by-side
      基本支出决算表 and the 12-column "三公" table (some 支出决算表 without codes), or markdown
      headings with thousands separators, the 3-group table (some with codes cut to 4 digits)
      and the 预算数/决算数 "三公" rows
  D2  决算, '表 N' + title + '部门： X  单位：万元' repeated on every page, zeros printed as
      0.00, the 2-group 基本支出决算表
  P1  绩效自评: several 项目支出绩效自评表 blocks

Everything is deterministic from (seed, document index): document i is the same whatever
the corpus size. Each document `doc_NNNNN.txt` has its truth in `doc_NNNNN.truth.json` (the
refresh skips .json files). Amounts in the truth are in the document's printed unit.

    python -m bench.generate OUT_DIR N [--seed S]

The package: `builder` (one document: identity, numbers, formatting noise, the blocks several
layouts share, the truth), one module per layout (`y1_budget` … `p1_selfeval`, each a
`render(doc)` in the dispatch table `builder.LAYOUTS`), and the data they draw from
(`units`: places, departments, projects; `subjects`: classification codes and names;
`numbers`: amounts that add up; `printing`: number formats, rows, code trees, narrative).
A new layout is a module with `render(doc)`, a row in LAYOUTS and a place in LAYOUT_CYCLE.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from .builder import LAYOUT_CYCLE, LAYOUTS, DocumentBuilder

__all__ = ["LAYOUTS", "LAYOUT_CYCLE", "DocumentBuilder", "doc_name", "generate_corpus", "generate_document", "main"]


def generate_document(index: int, seed: int = 0, layout: str | None = None) -> tuple[str, dict]:
    """(text, truth) of document `index` of the corpus drawn with `seed`."""
    text, truth = DocumentBuilder(index, seed, layout).build()
    return text, truth


def doc_name(index: int) -> str:
    return f"doc_{index:05d}"


def generate_corpus(out_dir: Path | str, n: int, seed: int = 0) -> list[Path]:
    """Write n documents (and their .truth.json sidecars) into out_dir; returns the document paths."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        text, truth = generate_document(i, seed)
        name = doc_name(i)
        truth["file"] = name + ".txt"
        truth["seed"] = seed
        path = out / (name + ".txt")
        path.write_text(text, encoding="utf-8")
        (out / (name + ".truth.json")).write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("n", type=int)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    paths = generate_corpus(args.out_dir, args.n, args.seed)
    size = sum(p.stat().st_size for p in paths)
    print(f"wrote {len(paths)} documents ({size / 1e6:.1f} MB) to {args.out_dir}")
