-- R05: "三公" 合计 = sum of the four items; 公务用车购置及运行维护费 = 购置费 + 运行维护费.
with lines as (
    select document_id, table_no, line_no, row_kind, measure as stage, subject_code as item, amount_wan
    from {{ ref('stg_amount_cells') }}
    where subject_scheme = 'three_public' and amount_wan is not null
),

items as (
    select document_id, stage, item, max(amount_wan) as amount_wan
    from lines
    where row_kind = 'item'
    group by document_id, stage, item
)

select
    lines.document_id,
    'R05' as rule_id,
    lines.table_no,
    lines.line_no,
    lines.item as subject,
    lines.stage as measure,
    lines.amount_wan as printed_value,
    coalesce(sum(items.amount_wan), 0) as computed_value,
    count(items.amount_wan) as n_summed
from lines
left join items
    on lines.document_id = items.document_id
    and lines.stage = items.stage
    and (lines.row_kind = 'total' or items.item in ('公务用车购置费', '公务用车运行维护费'))
where lines.row_kind in ('total', 'parent')
group by lines.document_id, lines.table_no, lines.line_no, lines.item, lines.stage, lines.amount_wan
