-- 文档维度: one row per document on record — the current ones (which feed the facts) and the
-- superseded, duplicate and older versions kept as history (is_current = false)
with documents as (
    select * from {{ ref('int_document_versions') }}
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
        cast(sum(case when table_family = 'performance' then 1 else 0 end) as bigint) as performance_tables_found
    from {{ ref('stg_tables') }}
    group by document_id
),

-- the departments whose 部门汇总 document of a year and kind is current: their 本级 and 单位
-- documents of that year and kind are already inside it
department_totals as (
    select distinct unit_name as department_name, year, doc_kind
    from documents
    where is_current and scope = '部门汇总'
),

covered as (
    select documents.document_id
    from documents
    inner join department_totals
        on department_totals.year = documents.year
        and department_totals.doc_kind = documents.doc_kind
        and department_totals.department_name = coalesce(
            documents.parent_unit_name, case when documents.scope = '本级' then documents.unit_name end
        )
    where documents.scope <> '部门汇总'
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
    documents.scope,
    documents.unit_source,
    documents.year_source,
    documents.kind_source,
    documents.amount_unit,
    documents.content_sha256,
    documents.text_sha256,
    documents.encoding,
    documents.title,
    documents.n_lines,
    coalesce(table_counts.tables_found, 0) as tables_found,
    coalesce(table_counts.performance_tables_found, 0) as performance_tables_found,
    documents.is_current,
    documents.version_status,
    documents.version_reason,
    documents.is_current and covered.document_id is null as in_totals,
    documents.source_url,
    documents.identity_findings,
    documents.loaded_at
from documents
left join own_unit on documents.document_id = own_unit.document_id
left join table_counts on documents.document_id = table_counts.document_id
left join covered on documents.document_id = covered.document_id
