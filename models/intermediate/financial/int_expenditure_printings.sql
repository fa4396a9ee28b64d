-- 支出明细(各表): every leaf amount of every function-classified expenditure table, mapped to
-- the contract's expense types. One fact may be printed by two tables (the 一般公共预算支出表's
-- 基本支出 column and the 基本支出 by function table): both printings are kept here.
-- depends_on: {{ ref('int_build_changes') }}  (incremental by document: macros/incremental.sql)
with cells as (
    select * from {{ ref('int_subject_cells') }}
    where subject_scheme = 'func'
      and table_family = 'expenditure'
      {{ only_changed_documents('document_id') }}
),

table_measures as (
    select
        document_id,
        table_no,
        max(case when measure = '基本支出' then 1 else 0 end) = 1 as has_basic_column
    from cells
    group by document_id, table_no
),

typed as (
    select
        cells.*,
        case
            when cells.table_kind = 'basic_func' then case when cells.measure = '合计' then '基本支出' end
            when cells.measure in ('基本支出', '项目支出', '上缴上级支出', '经营支出', '对附属单位补助支出') then cells.measure
            when cells.measure in ('人员经费', '公用经费') and not tm.has_basic_column then '基本支出'
        end as expense_type
    from cells
    inner join table_measures as tm
        on cells.document_id = tm.document_id and cells.table_no = tm.table_no
),

leaf_printings as (
    select
        document_id,
        stage,
        fund_type,
        subject_code as func_code,
        expense_type,
        table_no,
        table_kind,
        min(line_no) as line_no,
        max(subject_name) as printed_func_name,
        max(case when code_repaired then 1 else 0 end) = 1 as code_repaired,
        sum(amount_wan) as amount_wan,
        count(*) as n_cells
    from typed
    where expense_type is not null
      and row_kind = 'item'
      and is_leaf
      and amount_wan is not null
    group by document_id, stage, fund_type, subject_code, expense_type, table_no, table_kind
),

-- printing_rank 1 is the printing the fact table keeps (the main table's; the 基本支出 by
-- function table last); fct_expenditure and the R06 check both read it from here
ranked as (
    select
        *,
        row_number() over (
            partition by document_id, fund_type, func_code, expense_type
            order by case when table_kind = 'basic_func' then 2 else 1 end, table_no
        ) as printing_rank
    from leaf_printings
),

kept as (
    select * from ranked where printing_rank = 1
),

-- a leaf of one table can be the parent of another table's leaves of the same fund and
-- expense type (one table prints 类 rows only, another the 项 below them): the finer
-- printings are the facts, and the coarser one is checked against their sum (R06)
coarser_codes as (
    select distinct document_id, fund_type, expense_type, ancestor_code
    from ({{ code_prefixes('kept', 'func_code', ['document_id', 'fund_type', 'expense_type']) }}) as prefixes
)

select
    ranked.*,
    coarser_codes.ancestor_code is not null as has_finer_printing
from ranked
left join coarser_codes
    on ranked.document_id = coarser_codes.document_id
    and ranked.fund_type = coarser_codes.fund_type
    and ranked.expense_type = coarser_codes.expense_type
    and ranked.func_code = coarser_codes.ancestor_code
