-- R05: "三公" 合计 = sum of the four items; 公务用车购置及运行维护费 = 购置费 + 运行维护费.
-- depends_on: {{ ref('int_build_changes') }}  (incremental by document: macros/incremental.sql)
with lines as (
    select document_id, table_no, line_no, row_kind, measure as stage, subject_code as item, amount_wan
    from {{ ref('stg_amount_cells') }}
    where subject_scheme = 'three_public' and amount_wan is not null
      {{ only_changed_documents('document_id') }}
),

items as (
    select document_id, stage, item, max(amount_wan) as amount_wan
    from lines
    where row_kind = 'item'
    group by document_id, stage, item
),

-- per document and stage: the sum of all items (for 合计) and of the two vehicle items (for
-- their parent line), so that each printed line joins one row on equality keys alone
item_sums as (
    select
        document_id,
        stage,
        sum(amount_wan) as all_items,
        count(amount_wan) as n_all_items,
        sum(case when item in ('公务用车购置费', '公务用车运行维护费') then amount_wan end) as vehicle_items,
        count(case when item in ('公务用车购置费', '公务用车运行维护费') then amount_wan end) as n_vehicle_items
    from items
    group by document_id, stage
)

select
    lines.document_id,
    'R05' as rule_id,
    lines.table_no,
    lines.line_no,
    lines.item as subject,
    lines.stage as measure,
    lines.amount_wan as printed_value,
    coalesce(sum(case when lines.row_kind = 'total' then item_sums.all_items else item_sums.vehicle_items end), 0)
        as computed_value,
    cast(coalesce(sum(case when lines.row_kind = 'total' then item_sums.n_all_items else item_sums.n_vehicle_items end), 0)
        as bigint) as n_summed
from lines
left join item_sums
    on lines.document_id = item_sums.document_id
    and lines.stage = item_sums.stage
where lines.row_kind in ('total', 'parent')
group by lines.document_id, lines.table_no, lines.line_no, lines.item, lines.stage, lines.amount_wan
