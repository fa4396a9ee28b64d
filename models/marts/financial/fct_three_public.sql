-- "三公"经费事实: one row per document × stage × item (the four leaf items)
-- depends_on: {{ ref('int_build_changes') }}  (incremental by document: macros/incremental.sql)
with lines as (
    select
        c.*,
        row_number() over (partition by c.document_id, c.measure, c.subject_code order by c.table_no, c.line_no) as printing_rank
    from {{ ref('stg_amount_cells') }} as c
    where c.subject_scheme = 'three_public' and c.row_kind = 'item' and c.amount_wan is not null
      {{ only_changed_documents('c.document_id') }}
)

select
    lines.document_id,
    documents.unit_id,
    documents.year,
    documents.in_totals,
    lines.measure as stage,
    lines.subject_code as item,
    cast(lines.amount_wan as decimal(18, 6)) as amount_wan,
    lines.table_no as source_table_no,
    lines.line_no as source_line_no
from lines
inner join {{ ref('dim_document') }} as documents on lines.document_id = documents.document_id and documents.is_current
where lines.printing_rank = 1
