-- 文档: current document versions, typed and trimmed
with source as (
    select * from {{ source('raw', 'documents') }}
)
select
    document_id,
    source_file,
    source_path,
    content_sha256,
    encoding,
    doc_kind,
    cast(year as integer) as year,
    trim(unit_name) as unit_name,
    nullif(trim(unit_code), '') as unit_code,
    unit_level,
    unit_aliases,
    parent_unit_code,
    parent_unit_name,
    amount_unit,
    title,
    n_lines,
    n_tables,
    status,
    superseded_by,
    loaded_at,
    coalesce(scope, case when unit_level = '部门' then '部门汇总' else '单位' end) as scope,
    unit_source,
    year_source,
    kind_source,
    coalesce(text_sha256, content_sha256) as text_sha256,
    region_hint,
    source_url,
    identity_findings
from source
