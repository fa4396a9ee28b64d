-- 金额单元格: printed amounts converted to 万元, codes cleaned
with source as (
    select * from {{ source('raw', 'amount_cells') }}
)
select
    document_id,
    table_no,
    line_no,
    row_kind,
    subject_scheme,
    nullif(trim(subject_code), '') as subject_code,
    subject_name,
    nullif(trim(subject_code_printed), '') as subject_code_printed,
    measure,
    amount_text,
    amount as amount_printed,
    amount_unit,
    {{ to_wan('amount', 'amount_unit') }} as amount_wan,
    nullif(trim(paired_code), '') as paired_code,
    paired_name,
    column_no,
    coalesce(subject_code, '') <> coalesce(subject_code_printed, '') as code_repaired
from source
