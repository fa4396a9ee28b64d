-- 收入事实: one row per document × canonical revenue type, from the income side of the
-- 收支总表 / 收入支出决算总表 (no total lines, no parent lines whose parts print amounts). A
-- type printed on several lines of one table (上年实户资金余额 and 上年结转, both carried over)
-- is their sum; a document printing the table twice keeps its first printing.
-- depends_on: {{ ref('int_build_changes') }}  (incremental by document: macros/incremental.sql)
with lines as (
    select
        c.*,
        d.doc_kind as stage,
        min(c.table_no) over (partition by c.document_id, c.subject_code) as first_table_no
    from {{ ref('stg_amount_cells') }} as c
    inner join {{ ref('stg_tables') }} as t on c.document_id = t.document_id and c.table_no = t.table_no
    inner join {{ ref('dim_document') }} as d on c.document_id = d.document_id and d.is_current
    where c.subject_scheme = 'revenue' and t.table_kind = 'summary'
      and c.row_kind = 'item' and c.subject_code is not null and c.amount_wan is not null
      {{ only_changed_documents('c.document_id') }}
),

by_type as (
    select
        document_id,
        stage,
        subject_code as revenue_type,
        sum(amount_wan) as amount_wan,
        {{ dbt.listagg('subject_name', "' + '", 'order by line_no') }} as printed_label,
        min(table_no) as source_table_no,
        min(line_no) as source_line_no
    from lines
    where table_no = first_table_no
    group by document_id, stage, subject_code
)

select
    by_type.document_id,
    documents.unit_id,
    documents.year,
    documents.in_totals,
    by_type.stage,
    by_type.revenue_type,
    cast(by_type.amount_wan as decimal(18, 6)) as amount_wan,
    by_type.printed_label,
    by_type.source_table_no,
    by_type.source_line_no
from by_type
inner join {{ ref('dim_document') }} as documents on by_type.document_id = documents.document_id
