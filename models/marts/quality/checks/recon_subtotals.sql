-- R01: every printed subtotal (类/款 rows) and 合计 row of a classified table equals the sum
-- of the leaf rows under it, column by column. Where a 部门 economic subtotal is printed once
-- per 政府 class beside it (301 工资福利支出 | 501 …, then 301 | 505 …), its leaves are those
-- whose 政府 code is under that class too. In a table printed by budget unit, a unit's line
-- ('parent' row) and its subtotals are checked against the leaves of that unit's block only;
-- the table's 合计 (or the department's line) against the leaves of every unit.
-- depends_on: {{ ref('int_build_changes') }}  (incremental by document: macros/incremental.sql)
with cells as (
    select * from {{ ref('int_subject_cells') }}
    where (amount_wan is not null or row_kind = 'item')
      {{ only_changed_documents('document_id') }}
),

parents as (
    select
        document_id, table_no, line_no, block_line, measure, subject_code, subject_name, subject_scheme, row_kind,
        paired_code, amount_wan as printed_value
    from cells
    where amount_wan is not null
      and (row_kind in ('total', 'parent') or (row_kind = 'item' and not is_leaf and subject_code is not null))
      and measure not in ('备注', '决算数')
),

item_measures as (
    select distinct document_id, table_no, measure
    from cells
    where row_kind = 'item'
),

leaves as (
    select document_id, table_no, block_line, measure, subject_code, paired_code, amount_wan
    from cells
    where row_kind = 'item' and is_leaf and subject_code is not null
),

leaf_ancestors as (
    -- each leaf under every printed prefix of its code, and under the table's 合计 ('*')
    {{ code_prefixes('leaves', 'subject_code', ['document_id', 'table_no', 'block_line', 'measure', 'paired_code', 'amount_wan']) }}
    union all
    select document_id, table_no, block_line, measure, paired_code, amount_wan, '*' as ancestor_code
    from leaves
),

parent_keys as (
    select
        parents.*,
        case when parents.row_kind in ('total', 'parent') then '*' else parents.subject_code end as ancestor_code,
        coalesce(
            parents.subject_code, case when parents.row_kind = 'parent' then parents.subject_name end, '合计'
        ) as subject
    from parents
    inner join item_measures
        on parents.document_id = item_measures.document_id
        and parents.table_no = item_measures.table_no
        and parents.measure = item_measures.measure
),

-- the leaves under each printed parent. An inner join on equalities only, the unit block and
-- the 政府 class filtered after it: with those two conditions (each an "or") in a left
-- join's ON, DuckDB plans a nested loop over every parent × every leaf of the warehouse,
-- which never finishes at a few thousand documents
summed_leaves as (
    select
        parent_keys.document_id,
        parent_keys.table_no,
        parent_keys.line_no,
        parent_keys.subject,
        parent_keys.measure,
        sum(leaf_ancestors.amount_wan) as computed_value,
        count(leaf_ancestors.amount_wan) as n_summed
    from parent_keys
    inner join leaf_ancestors
        on leaf_ancestors.document_id = parent_keys.document_id
        and leaf_ancestors.table_no = parent_keys.table_no
        and leaf_ancestors.measure = parent_keys.measure
        and leaf_ancestors.ancestor_code = parent_keys.ancestor_code
    where (parent_keys.row_kind = 'total' or coalesce(leaf_ancestors.block_line, 0) = coalesce(parent_keys.block_line, 0))
      and (
          parent_keys.paired_code is null
          or parent_keys.row_kind = 'total'
          or leaf_ancestors.paired_code is null
          or substr(leaf_ancestors.paired_code, 1, length(parent_keys.paired_code)) = parent_keys.paired_code
      )
    group by parent_keys.document_id, parent_keys.table_no, parent_keys.line_no, parent_keys.subject, parent_keys.measure
)

-- one row per printed parent (document, table, line, subject, column: fct_reconciliation's key)
select
    parent_keys.document_id,
    'R01' as rule_id,
    parent_keys.table_no,
    parent_keys.line_no,
    parent_keys.subject,
    parent_keys.measure,
    parent_keys.printed_value,
    coalesce(summed_leaves.computed_value, 0) as computed_value,
    coalesce(summed_leaves.n_summed, 0) as n_summed
from parent_keys
left join summed_leaves
    on summed_leaves.document_id = parent_keys.document_id
    and summed_leaves.table_no = parent_keys.table_no
    and summed_leaves.line_no = parent_keys.line_no
    and summed_leaves.subject = parent_keys.subject
    and summed_leaves.measure = parent_keys.measure
