-- R04: each printed income total of a 收支总表 equals the sum of the revenue lines read from the
-- same table: 收入总计 / 合计 all of them, 本年收入合计 those printed above it that are not carried
-- over from earlier years (a line printed below 本年收入合计, e.g. 上级补助收入 in some templates, is
-- not part of it). Parent lines whose parts print amounts are not summed (row_kind 'parent').
-- depends_on: {{ ref('int_build_changes') }}  (incremental by document: macros/incremental.sql)
with cells as (
    select c.document_id, c.table_no, c.line_no, c.row_kind, c.subject_code, c.subject_name, c.amount_wan
    from {{ ref('stg_amount_cells') }} as c
    inner join {{ ref('stg_tables') }} as t on c.document_id = t.document_id and c.table_no = t.table_no
    where c.subject_scheme = 'revenue' and c.measure = '收入' and t.table_kind = 'summary' and c.amount_wan is not null
      {{ only_changed_documents('c.document_id') }}
),

totals as (
    select document_id, table_no, line_no, subject_name as label, amount_wan as printed_value
    from cells
    where row_kind = 'total'
),

-- the lines read as a revenue type; a line that could not be read as one ('other') is left
-- out, so that it makes the check fail unless it prints nothing but zero
summed as (
    select document_id, table_no, line_no, subject_code, amount_wan
    from cells
    where row_kind = 'item'
)

select
    totals.document_id,
    'R04' as rule_id,
    totals.table_no,
    totals.line_no,
    totals.label as subject,
    '收入' as measure,
    totals.printed_value,
    coalesce(sum(summed.amount_wan), 0) as computed_value,
    count(summed.amount_wan) as n_summed
from totals
left join summed
    on totals.document_id = summed.document_id
    and totals.table_no = summed.table_no
    and (
        totals.label not like '本年%'
        or (
            summed.line_no < totals.line_no
            and coalesce(summed.subject_code, '') not in ('上年结转结余', '使用非财政拨款结余', '用事业基金弥补收支差额')
        )
    )
group by totals.document_id, totals.table_no, totals.line_no, totals.label, totals.printed_value
