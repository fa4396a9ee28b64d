-- R18: the 收支总表 balances (收入总计 = 支出总计, both as printed on its grand-total row).
-- R19: what the warehouse keeps adds up to what the document prints: each fund's expenditure
-- table's printed 合计 row (合计, 基本支出, 项目支出 columns) against the sum of the facts of
-- that fund and type. R01 checks a table's total against the leaves read from that table;
-- this checks the facts, after the choice between printings and tables (R06), so a leaf lost
-- or counted twice on the way to fct_expenditure is loud too.
-- depends_on: {{ ref('int_build_changes') }}  (incremental by document: macros/incremental.sql)
with summary_cells as (
    select c.document_id, c.table_no, c.line_no, c.subject_name, c.measure, c.amount_wan
    from {{ ref('stg_amount_cells') }} as c
    inner join {{ ref('stg_tables') }} as t on c.document_id = t.document_id and c.table_no = t.table_no
    where c.subject_scheme = 'revenue' and c.row_kind = 'total' and t.table_kind = 'summary'
      and c.amount_wan is not null
      {{ only_changed_documents('c.document_id') }}
),

income_grand_totals as (
    select document_id, table_no, min(line_no) as line_no, max(amount_wan) as amount_wan
    from summary_cells
    where measure = '收入' and subject_name like '%总计'
    group by document_id, table_no
),

expenditure_grand_totals as (
    select document_id, table_no, min(line_no) as line_no, max(amount_wan) as amount_wan
    from summary_cells
    where measure = '支出'
    group by document_id, table_no
),

balance as (
    select
        income_grand_totals.document_id, 'R18' as rule_id, income_grand_totals.table_no,
        income_grand_totals.line_no, '收入总计 = 支出总计' as subject, '收支总表' as measure,
        income_grand_totals.amount_wan as printed_value, expenditure_grand_totals.amount_wan as computed_value,
        1 as n_summed
    from income_grand_totals
    inner join expenditure_grand_totals
        on income_grand_totals.document_id = expenditure_grand_totals.document_id
        and income_grand_totals.table_no = expenditure_grand_totals.table_no
),

-- the 合计 row of the first table of each fund (the main printing), one amount per column
printed_totals as (
    select document_id, fund_type, table_no, measure, min(line_no) as line_no,
        min(amount_wan) as amount_wan, count(distinct amount_wan) as n_amounts
    from {{ ref('int_subject_cells') }}
    where table_family = 'expenditure' and table_kind <> 'basic_func' and row_kind = 'total'
      and measure in ('合计', '基本支出', '项目支出') and amount_wan is not null
      {{ only_changed_documents('document_id') }}
    group by document_id, fund_type, table_no, measure
),

main_tables as (
    select document_id, fund_type, min(table_no) as table_no
    from printed_totals
    group by document_id, fund_type
),

fact_sums as (
    select document_id, fund_type, expense_type, sum(amount_wan) as amount_wan, count(*) as n
    from {{ ref('fct_expenditure') }}
    where not is_derived
      {{ only_changed_documents('document_id') }}
    group by document_id, fund_type, expense_type
),

fact_totals as (
    select document_id, fund_type, '合计' as measure, sum(amount_wan) as amount_wan, cast(sum(n) as bigint) as n
    from fact_sums
    group by document_id, fund_type
    union all
    select document_id, fund_type, expense_type as measure, amount_wan, n
    from fact_sums
    where expense_type in ('基本支出', '项目支出')
),

facts_vs_printed as (
    select
        printed_totals.document_id, 'R19' as rule_id, printed_totals.table_no, printed_totals.line_no,
        printed_totals.fund_type || ' 合计' as subject, printed_totals.measure,
        printed_totals.amount_wan as printed_value, coalesce(fact_totals.amount_wan, 0) as computed_value,
        coalesce(fact_totals.n, 1) as n_summed
    from printed_totals
    inner join main_tables
        on printed_totals.document_id = main_tables.document_id
        and printed_totals.fund_type = main_tables.fund_type
        and printed_totals.table_no = main_tables.table_no
    left join fact_totals
        on printed_totals.document_id = fact_totals.document_id
        and printed_totals.fund_type = fact_totals.fund_type
        and printed_totals.measure = fact_totals.measure
    -- one total printed (a table by unit prints one per unit block: those are checked by R01)
    where printed_totals.n_amounts = 1
)

select * from balance
union all
select * from facts_vs_printed
