-- 收入事实: one row per document × canonical revenue type, from the income side of the
-- 收支总表 / 收入支出决算总表 (no total lines)
-- depends_on: {{ ref('int_build_changes') }}  (incremental by document: macros/incremental.sql)
with lines as (
    select
        c.*,
        d.doc_kind as stage,
        row_number() over (partition by c.document_id, c.subject_code order by c.table_no, c.line_no) as printing_rank
    from {{ ref('stg_amount_cells') }} as c
    inner join {{ ref('stg_tables') }} as t on c.document_id = t.document_id and c.table_no = t.table_no
    inner join {{ ref('dim_document') }} as d on c.document_id = d.document_id and d.is_current
    where c.subject_scheme = 'revenue' and t.table_kind = 'summary'
      and c.row_kind = 'item' and c.subject_code is not null and c.amount_wan is not null
      {{ only_changed_documents('c.document_id') }}
)

select
    lines.document_id,
    documents.unit_id,
    documents.year,
    documents.in_totals,
    lines.stage,
    lines.subject_code as revenue_type,
    cast(lines.amount_wan as decimal(18, 6)) as amount_wan,
    lines.subject_name as printed_label,
    lines.table_no as source_table_no,
    lines.line_no as source_line_no
from lines
inner join {{ ref('dim_document') }} as documents on lines.document_id = documents.document_id
where lines.printing_rank = 1
