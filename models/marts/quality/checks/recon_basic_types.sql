-- R03: the printed 人员经费合计 / 公用经费合计 (or the 合计 row's 人员经费 / 公用经费 columns) of
-- the 基本支出 table equal the sum of its leaf rows of that expense type.
-- depends_on: {{ ref('int_build_changes') }}  (incremental by document: macros/incremental.sql)
with totals as (
    select document_id, table_no, line_no, measure as expense_type, amount_wan as printed_value
    from {{ ref('int_subject_cells') }}
    where table_kind = 'basic_econ' and row_kind = 'total' and measure in ('人员经费', '公用经费')
      and amount_wan is not null
      {{ only_changed_documents('document_id') }}
),

leaves as (
    select document_id, table_no, expense_type, sum(amount_wan) as computed_value, count(*) as n_summed
    from {{ ref('int_basic_expenditure_printings') }}
    {{ only_changed_documents('document_id', 'where') }}
    group by document_id, table_no, expense_type
)

select
    totals.document_id,
    'R03' as rule_id,
    totals.table_no,
    totals.line_no,
    totals.expense_type as subject,
    totals.expense_type as measure,
    totals.printed_value,
    coalesce(leaves.computed_value, 0) as computed_value,
    coalesce(leaves.n_summed, 0) as n_summed
from totals
left join leaves
    on totals.document_id = leaves.document_id
    and totals.table_no = leaves.table_no
    and totals.expense_type = leaves.expense_type
