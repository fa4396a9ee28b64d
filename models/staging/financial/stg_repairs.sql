-- 修复记录
select document_id, table_no, line_no, field, printed, repaired, rule, detail
from {{ source('raw', 'repairs') }}
