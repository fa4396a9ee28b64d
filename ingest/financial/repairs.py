"""Code repairs at document level: codes printed cut short or missing, restored from the
classification catalogues or from the document's other tables, each repair recorded."""

from __future__ import annotations

from ..catalogue import econ_catalogue, func_catalogue, normalise_name
from ..model import AmountCell, Repair

# the code lengths each classification has: 类/款/项 of the function classification,
# 类/款 of the economic classifications (部门, and 政府 printed beside it)
_CODE_LENGTHS = {"func": (3, 5, 7), "econ_dept": (3, 5), "econ_gov": (3, 5)}


def _catalogue_of(scheme: str):
    return func_catalogue() if scheme == "func" else econ_catalogue()


def repair_codes(cells: list[AmountCell]) -> list[Repair]:
    """Restore codes cut short or missing, and record every repair.

    1. A code shorter than its level (4 or 6 digits) is completed from the catalogue by
       prefix + printed name ('3010' 基本工资 -> 30101).
    2. A code of a length its classification does not have, still, or under no known 类 (an
       amount read into the code column), is dropped (recorded as code_unusable): the row
       keeps its amounts, without a code that does not exist.
    3. A row with a name but no code takes the code that the same document's other tables
       print for that exact name, in order (the second '其他社会保障和就业支出' is the 项,
       not the 款); a prefix is not a name ('国家统一法律职业资格考试经费' is a project).
    4. A table printing names without any code takes codes from the catalogue, by exact
       name in the printed hierarchy order (类, then its 款, then their 项), and leaves a
       name the catalogue does not hold uncoded (the subtotal checks then show the gap).

    Before 2, a 7-digit economic code (a child of a 5-digit 款, '3010201' 津贴补贴) is rolled
    up to its 款, or dropped when its table prints that 款 (which then holds its amount).
    """
    repairs: list[Repair] = _econ_children(cells)
    names_only = _names_only_tables(cells)
    for cell_group in _rows(cells):
        first = cell_group[0]
        code = first.subject_code
        if code and len(code) in (4, 6) and first.subject_scheme in ("func", "econ_dept"):
            cat = _catalogue_of(first.subject_scheme or "")
            fixed = cat.by_prefix_and_name(code, first.subject_name or "")
            if fixed is None:
                fixed = _from_siblings(cells, first, prefix=code)
            if fixed:
                for c in cell_group:
                    c.subject_code = fixed
                repairs.append(
                    Repair(
                        first.table_no,
                        first.line_no,
                        f"{first.subject_scheme}_code",
                        code,
                        fixed,
                        "code_completed_from_name",
                        f"printed {code} {first.subject_name}",
                    )
                )
        code = first.subject_code
        valid = _CODE_LENGTHS.get(first.subject_scheme or "")
        if code and valid and (len(code) not in valid or not _catalogue_of(first.subject_scheme or "").has_class(code)):
            # not a code of this classification (an OCR'd digit lost or gained) and nothing to
            # complete it from: the row goes on without a code, so its amount cannot become a
            # fact under a code that does not exist; the subtotal checks (R01) show the gap,
            # and a name printed by a sibling table may still give it its code (below)
            for c in cell_group:
                c.subject_code = None
            repairs.append(
                Repair(
                    first.table_no,
                    first.line_no,
                    f"{first.subject_scheme}_code",
                    code,
                    None,
                    "code_unusable",
                    f"printed {code} {first.subject_name}: not a {'/'.join(map(str, sorted(valid)))}-digit code under a known 类",
                )
            )
        paired = first.paired_code
        if paired and (len(paired) not in _CODE_LENGTHS["econ_gov"] or not econ_catalogue().has_class(paired)):
            for c in cell_group:
                c.paired_code = c.paired_name = None
            repairs.append(
                Repair(
                    first.table_no,
                    first.line_no,
                    "paired_code",
                    paired,
                    None,
                    "code_unusable",
                    f"printed {paired} beside {code}: not a 3/5-digit code under a known 类",
                )
            )
    # names without codes: align with sibling tables that print codes
    by_table: dict[int, list[list[AmountCell]]] = {}
    for group in _rows(cells):
        by_table.setdefault(group[0].table_no, []).append(group)
    for table_no, groups in by_table.items():
        uncoded = [g for g in groups if g[0].row_kind == "item" and g[0].subject_code is None and g[0].subject_scheme == "func"]
        if not uncoded:
            continue
        reference = _reference_sequence(cells, table_no)
        pos = 0
        for g in groups:
            if g[0].row_kind != "item" or g[0].subject_scheme != "func":
                continue
            name = normalise_name(g[0].subject_name)
            if g[0].subject_code is not None:
                # keep the pointer in step with coded rows
                for k in range(pos, len(reference)):
                    if reference[k][0] == g[0].subject_code:
                        pos = k + 1
                        break
                continue
            for k in range(pos, len(reference)):
                ref_code, ref_name = reference[k]
                if ref_name == name:
                    for c in g:
                        c.subject_code = ref_code
                    repairs.append(
                        Repair(
                            table_no,
                            g[0].line_no,
                            "func_code",
                            None,
                            ref_code,
                            "code_from_sibling_table",
                            f"name {g[0].subject_name} matched in order",
                        )
                    )
                    pos = k + 1
                    break
    for table_no in sorted(names_only):
        repairs += _codes_from_catalogue(by_table.get(table_no, []))
    return repairs


def _names_only_tables(cells: list[AmountCell]) -> set[int]:
    """Tables whose item rows print names and not one code."""
    items: dict[int, bool] = {}
    for c in cells:
        if c.subject_scheme in ("func", "econ_dept") and c.row_kind == "item":
            items[c.table_no] = items.get(c.table_no, False) or c.subject_code_printed is not None
    return {t for t, coded in items.items() if not coded}


def _codes_from_catalogue(groups: list[list[AmountCell]]) -> list[Repair]:
    """Codes for a names-only table: each name matched exactly, in the printed order, among
    the 项 of the last 款, the 款 of the last 类, then the 类 (the catalogue's own hierarchy).
    A name the catalogue does not hold loses the place in the hierarchy: the rows after it
    stay uncoded until one names a 类; and no code is given twice in one table."""
    repairs: list[Repair] = []
    cls: str | None = None
    kuan: str | None = None
    lost = False
    used = {g[0].subject_code for g in groups if g[0].subject_code}
    for g in groups:
        first = g[0]
        if first.row_kind != "item":
            continue
        if first.subject_code:  # coded by a sibling table: the hierarchy goes on from it
            cls, kuan, lost = first.subject_code[:3], (first.subject_code[:5] if len(first.subject_code) >= 5 else None), False
            continue
        cat = _catalogue_of(first.subject_scheme or "")
        own = "" if first.subject_scheme == "func" else "3"  # 部门 economic codes, not the 政府 5xx
        name = normalise_name(first.subject_name)
        levels: list[tuple[str | None, int]] = [(None, 3)] if lost else [(kuan, 7), (cls, 5), (None, 3)]
        found = None
        for parent, length in levels:
            if length != 3 and parent is None:
                continue
            hits = [
                s.code
                for s in cat.subjects.values()
                if len(s.code) == length and s.code.startswith(parent or own) and normalise_name(s.name) == name
            ]
            if len(hits) == 1:
                found = hits[0]
                break
        if found is None or found in used:
            lost = True
            continue
        used.add(found)
        cls, kuan, lost = found[:3], (found[:5] if len(found) >= 5 else None), False
        for c in g:
            c.subject_code = found
        repairs.append(
            Repair(
                first.table_no,
                first.line_no,
                f"{first.subject_scheme}_code",
                None,
                found,
                "code_from_catalogue_name",
                f"name {first.subject_name} in hierarchy order",
            )
        )
    return repairs


def _econ_children(cells: list[AmountCell]) -> list[Repair]:
    """7-digit economic codes: children of a 5-digit 款 that the classification does not have.
    Rolled up to the 款 (the rows under one 款 then add up as that 款), or dropped from a table
    that prints the 款 itself (the 款's own row holds their amount)."""
    repairs: list[Repair] = []
    printed = {(c.table_no, c.subject_code) for c in cells if c.subject_scheme == "econ_dept" and c.subject_code}
    for group in _rows(cells):
        first = group[0]
        code = first.subject_code
        if first.subject_scheme != "econ_dept" or not code or len(code) != 7 or not econ_catalogue().has_class(code):
            continue
        parent = code[:5]
        if (first.table_no, parent) in printed:
            fixed, rule, why = (
                None,
                "code_below_printed_parent",
                f"printed {code} {first.subject_name} under the printed {parent}",
            )
        else:
            fixed, rule, why = parent, "econ_code_rolled_up", f"printed {code} {first.subject_name}: a child of {parent}"
        for c in group:
            c.subject_code = fixed
        repairs.append(Repair(first.table_no, first.line_no, "econ_dept_code", code, fixed, rule, why))
    return repairs


def _rows(cells: list[AmountCell]) -> list[list[AmountCell]]:
    groups: dict[tuple, list[AmountCell]] = {}
    for c in cells:
        if c.subject_scheme in ("func", "econ_dept"):
            groups.setdefault(
                (
                    c.table_no,
                    c.line_no,
                    c.column_no if c.subject_scheme == "econ_dept" and c.measure == "决算数" else 0,
                    c.subject_code_printed,
                    c.subject_name,
                ),
                [],
            ).append(c)
    return list(groups.values())


def _reference_sequence(cells: list[AmountCell], exclude_table: int) -> list[tuple[str, str]]:
    """Codes and names, in printed order, of the document's best coded function table."""
    per_table: dict[int, list[tuple[str, str]]] = {}
    for c in cells:
        if c.subject_scheme == "func" and c.table_no != exclude_table and c.subject_code and c.row_kind == "item":
            seq = per_table.setdefault(c.table_no, [])
            item = (c.subject_code, normalise_name(c.subject_name))
            if not seq or seq[-1] != item:
                seq.append(item)
    if not per_table:
        return []
    return max(per_table.values(), key=len)


def _from_siblings(cells: list[AmountCell], target: AmountCell, prefix: str) -> str | None:
    name = normalise_name(target.subject_name)
    for c in cells:
        if (
            c.subject_scheme == target.subject_scheme
            and c.subject_code
            and c.subject_code.startswith(prefix)
            and len(c.subject_code) > len(prefix)
            and normalise_name(c.subject_name) == name
        ):
            return c.subject_code
    return None
