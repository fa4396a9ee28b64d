-- R04: the 收支总表's printed 收入总计 equals the sum of all revenue lines, and its
-- 本年收入合计 the sum of this year's lines (without carry-overs from earlier years).
with totals as (
    select c.document_id, c.table_no, c.line_no, c.subject_name as label, c.amount_wan as printed_value
    from {{ ref('stg_amount_cells') }} as c
    inner join {{ ref('stg_tables') }} as t on c.document_id = t.document_id and c.table_no = t.table_no
    where c.subject_scheme = 'revenue' and c.row_kind = 'total' and t.table_kind = 'summary' and c.amount_wan is not null
),

revenue as (
    select
        document_id,
        sum(amount_wan) as all_lines,
        sum(case when revenue_type not in ('上年结转结余', '使用非财政拨款结余', '用事业基金弥补收支差额') then amount_wan else 0 end) as this_year,
        count(*) as n_summed
    from {{ ref('fct_revenue') }}
    group by document_id
)

select
    totals.document_id,
    'R04' as rule_id,
    totals.table_no,
    totals.line_no,
    totals.label as subject,
    '收入' as measure,
    totals.printed_value,
    case when totals.label like '本年%' then coalesce(revenue.this_year, 0) else coalesce(revenue.all_lines, 0) end as computed_value,
    coalesce(revenue.n_summed, 0) as n_summed
from totals
left join revenue on totals.document_id = revenue.document_id
