-- 支出事实: one row per document × fund type × leaf function code × expense type.
-- When two tables print the same fact, the main table's printing is kept (the other is
-- checked against it in fct_reconciliation, rule R06); when one table's leaf is the parent of
-- another table's leaves, the finer leaves are the facts (and R06 checks the parent's sum).
-- A document whose all-funds table is not broken down by function (e.g. it lists budget
-- units) and whose revenue is entirely 一般公共预算 gets its 全部资金 rows from the
-- 一般公共预算 table (is_derived = true): by the document's own accounts they are equal.
-- depends_on: {{ ref('int_build_changes') }}  (incremental by document: macros/incremental.sql)
with printings as (
    select * from {{ ref('int_expenditure_printings') }}
    {{ only_changed_documents('document_id', 'where') }}
),

documents as (
    select document_id, unit_id, year, in_totals from {{ ref('dim_document') }} where is_current
),

revenue_kinds as (
    select
        document_id,
        max(case when revenue_type <> '一般公共预算财政拨款收入' and amount_wan <> 0 then 1 else 0 end) as has_other_money
    from {{ ref('fct_revenue') }}
    group by document_id
),

fund_presence as (
    select
        document_id,
        max(case when fund_type = '全部资金' then 1 else 0 end) as has_all_funds,
        max(case when fund_type = '一般公共预算' then 1 else 0 end) as has_gpb
    from printings
    group by document_id
),

chosen as (
    select printings.*, false as is_derived
    from printings
    where printing_rank = 1 and not has_finer_printing
    union all
    select
        printings.document_id, printings.stage, '全部资金' as fund_type, printings.func_code, printings.expense_type,
        printings.table_no, printings.table_kind, printings.line_no, printings.printed_func_name,
        printings.code_repaired, printings.amount_wan, printings.n_cells, printings.printing_rank,
        printings.has_finer_printing, true as is_derived
    from printings
    inner join fund_presence on printings.document_id = fund_presence.document_id
    inner join revenue_kinds on printings.document_id = revenue_kinds.document_id
    where printings.printing_rank = 1
      and not printings.has_finer_printing
      and printings.fund_type = '一般公共预算'
      and fund_presence.has_all_funds = 0
      and revenue_kinds.has_other_money = 0
)

select
    chosen.document_id,
    documents.unit_id,
    documents.year,
    documents.in_totals,
    chosen.stage,
    chosen.fund_type,
    chosen.func_code,
    chosen.expense_type,
    cast(chosen.amount_wan as decimal(18, 6)) as amount_wan,
    chosen.printed_func_name,
    chosen.code_repaired,
    chosen.is_derived,
    chosen.table_no as source_table_no,
    chosen.line_no as source_line_no
from chosen
inner join documents on chosen.document_id = documents.document_id
