-- 基本支出事实: one row per document × leaf 部门经济分类 code × expense type (人员经费/公用经费)
-- depends_on: {{ ref('int_build_changes') }}  (incremental by document: macros/incremental.sql)
with printings as (
    select * from {{ ref('int_basic_expenditure_printings') }}
    {{ only_changed_documents('document_id', 'where') }}
),

documents as (
    select document_id, unit_id, year, in_totals from {{ ref('dim_document') }} where is_current
)

select
    printings.document_id,
    documents.unit_id,
    documents.year,
    documents.in_totals,
    printings.stage,
    printings.econ_code,
    printings.expense_type,
    cast(printings.amount_wan as decimal(18, 6)) as amount_wan,
    printings.gov_econ_code_printed,
    printings.printed_econ_name,
    printings.code_repaired,
    printings.expense_type_from_class,
    printings.table_no as source_table_no,
    printings.line_no as source_line_no
from printings
inner join documents on printings.document_id = documents.document_id
where printings.printing_rank = 1
