-- 文档维度: one row per current document
with documents as (
    select * from {{ ref('stg_documents') }} where status = 'current'
),

own_unit as (
    select document_id, max(unit_id) as unit_id
    from {{ ref('int_units') }}
    where role = 'document'
    group by document_id
),

table_counts as (
    select
        document_id,
        count(*) as tables_found,
        sum(case when table_family = 'performance' then 1 else 0 end) as performance_tables_found
    from {{ ref('stg_tables') }}
    group by document_id
)

select
    documents.document_id,
    documents.source_file,
    documents.source_path,
    documents.doc_kind,
    documents.year,
    own_unit.unit_id,
    documents.unit_name,
    documents.unit_code,
    documents.amount_unit,
    documents.content_sha256,
    documents.encoding,
    documents.title,
    documents.n_lines,
    coalesce(table_counts.tables_found, 0) as tables_found,
    coalesce(table_counts.performance_tables_found, 0) as performance_tables_found,
    documents.loaded_at
from documents
left join own_unit on documents.document_id = own_unit.document_id
left join table_counts on documents.document_id = table_counts.document_id
