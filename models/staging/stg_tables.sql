-- 表格: tables found per document, with the fund type and stage their kind implies
with source as (
    select * from {{ source('raw', 'tables') }}
)
select
    document_id,
    table_no,
    table_kind,
    title,
    title_line,
    line_start,
    line_end,
    amount_unit,
    n_header_rows,
    n_rows,
    empty_note,
    case table_kind
        when 'expenditure_all' then '全部资金'
        when 'gpb_func' then '一般公共预算'
        when 'basic_func' then '一般公共预算'
        when 'gov_fund' then '政府性基金预算'
        when 'state_capital' then '国有资本经营预算'
    end as fund_type
from source
