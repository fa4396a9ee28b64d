-- 修复记录: every value the parser inferred instead of reading it as printed, and the rule used
select
    repairs.document_id,
    documents.source_file,
    repairs.table_no,
    repairs.line_no,
    repairs.field,
    repairs.printed,
    repairs.repaired,
    repairs.rule,
    repairs.detail
from {{ ref('stg_repairs') }} as repairs
inner join {{ ref('dim_document') }} as documents on repairs.document_id = documents.document_id and documents.is_current
