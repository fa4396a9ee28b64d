-- 科目金额: amount cells of function / economic tables, with each row's leaf flag.
-- A row is a leaf when no other row of the same table has a longer code that starts with
-- its code: facts are leaves, everything above them is reproduced by summing. A table printed
-- by budget unit holds one tree per unit: each unit's line is a 'parent' row opening its
-- block (block_line), and leaves are leaves within their unit's block.
-- Only the columns the facts and checks use: the printed text of each amount stays in
-- stg_amount_cells (this table is the largest one a build writes).
-- depends_on: {{ ref('int_build_changes') }}  (incremental by document: macros/incremental.sql)
with cells as (
    select
        c.document_id,
        c.table_no,
        c.line_no,
        c.row_kind,
        c.subject_scheme,
        c.subject_code,
        c.subject_name,
        c.measure,
        c.amount_wan,
        c.paired_code,
        c.code_repaired,
        t.table_kind,
        t.table_family,
        t.fund_type,
        d.doc_kind as stage
    from {{ ref('stg_amount_cells') }} as c
    inner join {{ ref('stg_tables') }} as t
        on c.document_id = t.document_id and c.table_no = t.table_no
    inner join {{ ref('int_document_versions') }} as d
        on c.document_id = d.document_id and d.is_current
    where c.subject_scheme in ('func', 'econ_dept')
      and c.measure <> '(空)'
      {{ only_changed_documents('c.document_id') }}
),

unit_lines as (
    select distinct document_id, table_no, line_no as block_line
    from {{ ref('stg_amount_cells') }}
    where subject_scheme in ('func', 'econ_dept') and row_kind = 'parent'
      {{ only_changed_documents('document_id') }}
),

line_blocks as (
    -- each printed line of a by-unit table under the unit line above it
    select lines.document_id, lines.table_no, lines.line_no, max(unit_lines.block_line) as block_line
    from (select distinct document_id, table_no, line_no from {{ ref('stg_amount_cells') }}) as lines
    inner join unit_lines
        on lines.document_id = unit_lines.document_id
        and lines.table_no = unit_lines.table_no
        and unit_lines.block_line <= lines.line_no
    group by lines.document_id, lines.table_no, lines.line_no
),

coded_rows as (
    select distinct a.document_id, a.table_no, coalesce(b.block_line, 0) as block_line, a.subject_code
    from {{ ref('stg_amount_cells') }} as a
    left join line_blocks as b
        on a.document_id = b.document_id and a.table_no = b.table_no and a.line_no = b.line_no
    where a.subject_scheme in ('func', 'econ_dept') and a.row_kind = 'item' and a.subject_code is not null
      {{ only_changed_documents('a.document_id') }}
),

ancestors_with_children as (
    select distinct document_id, table_no, block_line, ancestor_code
    from ({{ code_prefixes('coded_rows', 'subject_code', ['document_id', 'table_no', 'block_line']) }}) as prefixes
),

leaf_flags as (
    select
        coded_rows.document_id,
        coded_rows.table_no,
        coded_rows.block_line,
        coded_rows.subject_code,
        ancestors_with_children.ancestor_code is null as is_leaf
    from coded_rows
    left join ancestors_with_children
        on coded_rows.document_id = ancestors_with_children.document_id
        and coded_rows.table_no = ancestors_with_children.table_no
        and coded_rows.block_line = ancestors_with_children.block_line
        and coded_rows.subject_code = ancestors_with_children.ancestor_code
)

select
    cells.*,
    coalesce(line_blocks.block_line, 0) as block_line,
    coalesce(leaf_flags.is_leaf, false) as is_leaf
from cells
left join line_blocks
    on cells.document_id = line_blocks.document_id
    and cells.table_no = line_blocks.table_no
    and cells.line_no = line_blocks.line_no
left join leaf_flags
    on cells.document_id = leaf_flags.document_id
    and cells.table_no = leaf_flags.table_no
    and coalesce(line_blocks.block_line, 0) = leaf_flags.block_line
    and cells.subject_code = leaf_flags.subject_code
