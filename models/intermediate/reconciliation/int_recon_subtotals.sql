-- R01: every printed subtotal (类/款 rows) and 合计 row of a classified table equals the sum
-- of the leaf rows under it, column by column.
with cells as (
    select * from {{ ref('int_subject_cells') }}
    where amount_wan is not null or row_kind = 'item'
),

parents as (
    select document_id, table_no, line_no, measure, subject_code, subject_scheme, row_kind, amount_wan as printed_value
    from cells
    where amount_wan is not null
      and (row_kind = 'total' or (row_kind = 'item' and not is_leaf and subject_code is not null))
      and measure not in ('备注', '决算数')
),

item_measures as (
    select distinct document_id, table_no, measure
    from cells
    where row_kind = 'item'
),

leaves as (
    select document_id, table_no, measure, subject_code, amount_wan
    from cells
    where row_kind = 'item' and is_leaf and subject_code is not null
)

select
    parents.document_id,
    'R01' as rule_id,
    parents.table_no,
    parents.line_no,
    coalesce(parents.subject_code, '合计') as subject,
    parents.measure,
    parents.printed_value,
    coalesce(sum(leaves.amount_wan), 0) as computed_value,
    count(leaves.amount_wan) as n_summed
from parents
inner join item_measures
    on parents.document_id = item_measures.document_id
    and parents.table_no = item_measures.table_no
    and parents.measure = item_measures.measure
left join leaves
    on leaves.document_id = parents.document_id
    and leaves.table_no = parents.table_no
    and leaves.measure = parents.measure
    and (parents.row_kind = 'total' or substr(leaves.subject_code, 1, length(parents.subject_code)) = parents.subject_code)
group by parents.document_id, parents.table_no, parents.line_no, parents.subject_code, parents.measure, parents.printed_value
