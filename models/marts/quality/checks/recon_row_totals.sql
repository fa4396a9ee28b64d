-- R02: on every row, the 合计 column equals the sum of the columns it totals
-- (基本支出 + 项目支出 + … in expenditure tables, 人员经费 + 公用经费 in basic tables).
-- depends_on: {{ ref('int_build_changes') }}  (incremental by document: macros/incremental.sql)
with cells as (
    select * from {{ ref('int_subject_cells') }}
    where amount_wan is not null
      {{ only_changed_documents('document_id') }}
),

row_totals as (
    select document_id, table_no, line_no, coalesce(subject_code, '合计') as subject, amount_wan as printed_value
    from cells
    where measure = '合计'
),

table_flags as (
    select
        document_id,
        table_no,
        max(case when measure = '基本支出' then 1 else 0 end) as has_basic_column
    from cells
    group by document_id, table_no
),

row_parts as (
    select cells.document_id, cells.table_no, cells.line_no, sum(cells.amount_wan) as computed_value, count(*) as n_summed
    from cells
    inner join table_flags
        on cells.document_id = table_flags.document_id and cells.table_no = table_flags.table_no
    where cells.measure in ('基本支出', '项目支出', '上缴上级支出', '经营支出', '对附属单位补助支出', '人员经费', '公用经费')
      and not (table_flags.has_basic_column = 1 and cells.measure in ('人员经费', '公用经费'))
    group by cells.document_id, cells.table_no, cells.line_no
)

select
    row_totals.document_id,
    'R02' as rule_id,
    row_totals.table_no,
    row_totals.line_no,
    row_totals.subject,
    '合计' as measure,
    row_totals.printed_value,
    row_parts.computed_value,
    row_parts.n_summed
from row_totals
inner join row_parts
    on row_totals.document_id = row_parts.document_id
    and row_totals.table_no = row_parts.table_no
    and row_totals.line_no = row_parts.line_no
