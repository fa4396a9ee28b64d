-- 支出事实: one row per document × fund type × leaf function code × expense type.
-- When two tables print the same fact, the main table's printing is kept (the other is
-- checked against it in fct_reconciliation, rule R06).
with printings as (
    select
        *,
        row_number() over (
            partition by document_id, fund_type, func_code, expense_type
            order by case when table_kind = 'basic_func' then 2 else 1 end, table_no
        ) as printing_rank
    from {{ ref('int_expenditure_printings') }}
),

documents as (
    select document_id, unit_id, year from {{ ref('dim_document') }}
)

select
    printings.document_id,
    documents.unit_id,
    documents.year,
    printings.stage,
    printings.fund_type,
    printings.func_code,
    printings.expense_type,
    cast(printings.amount_wan as decimal(18, 6)) as amount_wan,
    printings.printed_func_name,
    printings.code_repaired,
    printings.table_no as source_table_no,
    printings.line_no as source_line_no
from printings
inner join documents on printings.document_id = documents.document_id
where printings.printing_rank = 1
