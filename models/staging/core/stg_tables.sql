-- 表格: tables found per document, with the family and fund type their kind implies
-- (both from the table-kind registry seed, which the parser reads too)
with source as (
    select * from {{ source('raw', 'tables') }}
),

kinds as (
    select * from {{ ref('table_kinds') }}
)

select
    source.document_id,
    source.table_no,
    source.table_kind,
    kinds.family as table_family,
    source.title,
    source.title_line,
    source.line_start,
    source.line_end,
    source.amount_unit,
    source.n_header_rows,
    source.n_rows,
    source.empty_note,
    kinds.fund_type
from source
left join kinds on source.table_kind = kinds.table_kind
